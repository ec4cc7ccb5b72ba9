package dev.lernwerk.bench;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.tensor.TensorScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-op time of tiny and small ops, with and without autograd recording.
 *
 * <p>Tiny ops (one element, 8×8, a 1×10 softmax) do almost no arithmetic, so their time is the
 * fixed per-op overhead: argument checks, shape and broadcast resolution, dtype dispatch, output
 * allocation and, when recording, the autograd node. Small ops (a 64×64 add, a 256×10 softmax) add
 * real memory traffic on top of that overhead. The same workloads run in PyTorch from {@code
 * scripts/op_overhead_torch.py}; {@code scripts/op-overhead.sh} runs both and prints the ratio.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpOverheadBench {
  @Param({"1"})
  public int threads;

  private Tensor x1;
  private Tensor y1;
  private Tensor x1Grad;
  private Tensor p8;
  private Tensor q8;
  private Tensor row10;
  private Tensor a;
  private Tensor b;
  private Tensor aGrad;
  private Tensor acc;
  private Tensor logits;
  private Tensor logitsGrad;

  @Setup(Level.Trial)
  public void setup() {
    Parallel.setThreads(threads);
    var gen = new Generator(7);
    x1 = Tensor.randn(gen, 1);
    y1 = Tensor.randn(gen, 1);
    x1Grad = Tensor.randn(gen, 1).requiresGrad(true);
    p8 = Tensor.randn(gen, 8, 8);
    q8 = Tensor.randn(gen, 8, 8);
    row10 = Tensor.randn(gen, 1, 10);
    a = Tensor.randn(gen, 64, 64);
    b = Tensor.randn(gen, 64, 64);
    aGrad = Tensor.randn(gen, 64, 64).requiresGrad(true);
    acc = Tensor.randn(gen, 64, 64);
    logits = Tensor.randn(gen, 256, 10);
    logitsGrad = Tensor.randn(gen, 256, 10).requiresGrad(true);
  }

  /** Add of two one-element tensors: the fixed overhead of a binary op. */
  @Benchmark
  public Tensor addTiny() {
    return x1.add(y1);
  }

  /** Add of two one-element tensors, recorded for backward (one input requires grad). */
  @Benchmark
  public Tensor addTinyRecorded() {
    return x1Grad.add(y1);
  }

  /** Add of two one-element tensors inside a no-grad scope. */
  @Benchmark
  public Tensor addTinyNoGradScope() {
    try (var g = Grad.disabled()) {
      return x1Grad.add(y1);
    }
  }

  /** 8×8 elementwise multiply. */
  @Benchmark
  public Tensor mul8x8() {
    return p8.mul(q8);
  }

  /** Sum of all 64 elements of an 8×8 tensor. */
  @Benchmark
  public Tensor sum8x8() {
    return p8.sum();
  }

  /** 8×8 by 8×8 matrix product. */
  @Benchmark
  public Tensor matmul8x8() {
    return p8.matmul(q8);
  }

  /** Softmax over a 1×10 row (one sample's class scores). */
  @Benchmark
  public Tensor softmax1x10() {
    return row10.softmax(1);
  }

  /** 64×64 add, no recording (inputs do not require grad). */
  @Benchmark
  public Tensor add64() {
    return a.add(b);
  }

  /** 64×64 add recorded for backward (one input requires grad). */
  @Benchmark
  public Tensor add64Recorded() {
    return aGrad.add(b);
  }

  /** 64×64 add inside a no-grad scope (input requires grad, nothing recorded). */
  @Benchmark
  public Tensor add64NoGradScope() {
    try (var g = Grad.disabled()) {
      return aGrad.add(b);
    }
  }

  /**
   * 64×64 in-place add ({@code a += b}): the small op without allocating its output, which is what
   * the allocating {@link #add64} pays most of its time for (a fresh 16 KiB array from the JVM).
   */
  @Benchmark
  public Tensor add64InPlace() {
    return acc.add_(b);
  }

  /**
   * 64×64 add inside a {@link TensorScope} opened and closed around each call: the result array is
   * the one the previous call's scope released, still in cache, as PyTorch's caching allocator
   * hands back the block the previous {@code a + b} freed. The scope's cost is included.
   */
  @Benchmark
  public Tensor add64Scoped() {
    try (var s = TensorScope.open()) {
      return a.add(b);
    }
  }

  /** {@link #add64Scoped} recorded for backward. */
  @Benchmark
  public Tensor add64RecordedScoped() {
    try (var s = TensorScope.open()) {
      return aGrad.add(b);
    }
  }

  /** {@link #add64Scoped} inside a no-grad scope. */
  @Benchmark
  public Tensor add64NoGradScoped() {
    try (var s = TensorScope.open(); var g = Grad.disabled()) {
      return aGrad.add(b);
    }
  }

  /** 256×10 softmax over dim 1, no recording. */
  @Benchmark
  public Tensor softmax256x10() {
    return logits.softmax(1);
  }

  /** 256×10 softmax recorded for backward. */
  @Benchmark
  public Tensor softmax256x10Recorded() {
    return logitsGrad.softmax(1);
  }

  /** 256×10 softmax inside a {@link TensorScope} per call (see {@link #add64Scoped}). */
  @Benchmark
  public Tensor softmax256x10Scoped() {
    try (var s = TensorScope.open()) {
      return logits.softmax(1);
    }
  }

  /** {@link #softmax256x10Scoped} recorded for backward. */
  @Benchmark
  public Tensor softmax256x10RecordedScoped() {
    try (var s = TensorScope.open()) {
      return logitsGrad.softmax(1);
    }
  }
}
