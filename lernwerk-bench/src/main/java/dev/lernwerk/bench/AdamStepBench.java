package dev.lernwerk.bench;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code Adam.step()} over an MLP-sized parameter set of 1,002,570 floats (784→1024→192→10:
 * weights [784, 1024], [1024, 192], [192, 10] and their biases) with random gradients. The PyTorch
 * side of the comparison is {@code scripts/adam_step_torch.py} (same shapes, torch.optim.Adam).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AdamStepBench {
  static final int[][] SHAPES = {{784, 1024}, {1024}, {1024, 192}, {192}, {192, 10}, {10}};

  @Param({"1", "2"})
  public int threads;

  private Adam adam;
  private int savedThreads;

  @Setup(Level.Trial)
  public void setup() {
    savedThreads = Parallel.threads();
    Parallel.setThreads(threads);
    var gen = new Generator(0);
    List<Tensor> params = new ArrayList<>();
    for (int[] shape : SHAPES) {
      Tensor p = Tensor.randn(gen, shape).mul(0.01f).requiresGrad(true);
      p.setGrad(Tensor.randn(gen, shape));
      params.add(p);
    }
    adam = new Adam(params, 1e-3);
    adam.step(); // allocate the moment buffers outside the measurement
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Parallel.setThreads(savedThreads);
  }

  @Benchmark
  public void step() {
    adam.step();
  }
}
