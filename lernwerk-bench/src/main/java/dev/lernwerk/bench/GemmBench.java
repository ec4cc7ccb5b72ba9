package dev.lernwerk.bench;

import dev.lernwerk.kernel.Parallel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM time per call; GFLOP/s = 2·M·N·K / time. Shapes are MxKxN: an MLP layer on a batch of 256
 * MNIST images (784 inputs, 64 or 512 outputs), a 128×512×512 layer, and square 1024 and 2048.
 *
 * <pre>java -jar lernwerk-bench/target/benchmarks.jar GemmBench -f 1 -wi 3 -i 5 -w 1s -r 1s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBench {
  @Param({"256x784x64", "256x784x512", "128x512x512", "1024x1024x1024", "2048x2048x2048"})
  public String shape;

  /** NN, NT (B transposed) or TN (A transposed). */
  @Param({"NN", "NT", "TN"})
  public String form;

  @Param({"1", "2"})
  public int threads;

  private GemmCase gemm;

  @Setup
  public void setUp() {
    Parallel.setThreads(threads);
    gemm = GemmCase.parse(shape, form);
  }

  @Benchmark
  public float[] sgemm() {
    return gemm.run();
  }
}
