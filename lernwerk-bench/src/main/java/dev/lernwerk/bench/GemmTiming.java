package dev.lernwerk.bench;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.kernel.Simd;
import java.util.Arrays;
import java.util.Locale;

/**
 * The lernwerk side of {@code scripts/gemm-vs-openblas.sh}, timed exactly like {@code
 * openblas/sgemm_bench.c}: per shape, one call sizes a sample (calls until it lasts {@code
 * min_seconds}), three warm-up samples, then {@code repeats} samples; prints the median GFLOP/s.
 *
 * <pre>GemmTiming threads repeats min_seconds M K N form [M K N form ...]</pre>
 *
 * <p>Prints "lernwerk M K N form threads gflops" per shape.
 */
public final class GemmTiming {
  private GemmTiming() {}

  public static void main(String[] args) {
    if (args.length < 7 || (args.length - 3) % 4 != 0) {
      System.err.println("usage: GemmTiming threads repeats min_seconds M K N form [M K N form ...]");
      System.exit(2);
    }
    int threads = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    double minSample = Double.parseDouble(args[2]);
    Parallel.setThreads(threads);
    System.out.printf("# lernwerk %s path, threads %d%n", Simd.path(), Parallel.threads());
    warmUp();
    for (int i = 3; i < args.length; i += 4) {
      GemmCase g =
          new GemmCase(
              Integer.parseInt(args[i]), Integer.parseInt(args[i + 1]),
              Integer.parseInt(args[i + 2]), args[i + 3]);
      double gf = median(g, repeats, minSample);
      System.out.printf(
          Locale.ROOT, "lernwerk %d %d %d %s %d %.1f%n", g.m, g.k, g.n, g.form, threads, gf);
      System.out.flush();
    }
  }

  /** JIT warm-up on products in every form and path, so the first shape is not penalised. */
  static void warmUp() {
    for (String form : new String[] {"NN", "NT", "TN"}) {
      for (GemmCase w : new GemmCase[] {new GemmCase(192, 256, 64, form),
          new GemmCase(192, 256, 640, form)}) {
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
          w.run();
        }
      }
    }
  }

  private static double median(GemmCase g, int repeats, double minSample) {
    long t0 = System.nanoTime();
    g.run();
    double one = (System.nanoTime() - t0) * 1e-9;
    int calls = (int) (minSample / Math.max(one, 1e-7)) + 1;
    for (int w = 0; w < 3; w++) {
      for (int i = 0; i < calls; i++) {
        g.run();
      }
    }
    double[] gf = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        g.run();
      }
      double t = (System.nanoTime() - t0) * 1e-9 / calls;
      gf[r] = g.flops() / t * 1e-9;
    }
    Arrays.sort(gf);
    return gf[repeats / 2];
  }
}
