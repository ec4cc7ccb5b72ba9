package dev.lernwerk.bench;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
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
 * Per-op overhead of tiny ops (a 64×64 add, a 256×10 softmax), with and without autograd recording.
 * The same workloads run in PyTorch from {@code scripts/op_overhead_torch.py}; {@code
 * scripts/op-overhead.sh} runs both and prints the ratio.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpOverheadBench {
  @Param({"1"})
  public int threads;

  private Tensor a;
  private Tensor b;
  private Tensor aGrad;
  private Tensor logits;
  private Tensor logitsGrad;

  @Setup(Level.Trial)
  public void setup() {
    Parallel.setThreads(threads);
    var gen = new Generator(7);
    a = Tensor.randn(gen, 64, 64);
    b = Tensor.randn(gen, 64, 64);
    aGrad = Tensor.randn(gen, 64, 64).requiresGrad(true);
    logits = Tensor.randn(gen, 256, 10);
    logitsGrad = Tensor.randn(gen, 256, 10).requiresGrad(true);
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
}
