package dev.lernwerk.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.kernel.Simd;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * lernwerk and OpenBLAS in one process, samples interleaved (lernwerk, OpenBLAS, OpenBLAS,
 * lernwerk, ...), so both see the same machine load; OpenBLAS is called through the FFM API on the
 * same data. Each sample loops the call for at least {@code min_seconds}; after an OpenBLAS sample
 * the process sleeps 0.2 s so OpenBLAS's spinning worker threads go idle before lernwerk runs.
 *
 * <pre>GemmVsOpenBlas threads repeats min_seconds M K N form [M K N form ...]</pre>
 *
 * <p>Prints "interleaved M K N form threads lernwerk openblas lernwerk_best openblas_best" per
 * shape: median and best sample, GFLOP/s. On a busy machine the best sample shows what each does
 * with the cores to itself.
 * Needs {@code --enable-native-access=ALL-UNNAMED} and libopenblas.so.0 on the library path.
 */
@SuppressWarnings("restricted") // calls OpenBLAS through the FFM API, the point of this benchmark
public final class GemmVsOpenBlas {
  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANS = 111;
  private static final int TRANS = 112;

  private GemmVsOpenBlas() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 7 || (args.length - 3) % 4 != 0) {
      System.err.println(
          "usage: GemmVsOpenBlas threads repeats min_seconds M K N form [M K N form ...]");
      System.exit(2);
    }
    int threads = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    double minSample = Double.parseDouble(args[2]);
    Arena arena = Arena.global();
    Linker linker = Linker.nativeLinker();
    SymbolLookup blas = SymbolLookup.libraryLookup("libopenblas.so.0", arena);
    MethodHandle sgemm =
        linker.downcallHandle(
            blas.find("cblas_sgemm").orElseThrow(),
            FunctionDescriptor.ofVoid(
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS,
                JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT));
    MethodHandle setThreads =
        linker.downcallHandle(
            blas.find("openblas_set_num_threads").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT));
    MethodHandle coreName =
        linker.downcallHandle(
            blas.find("openblas_get_corename").orElseThrow(), FunctionDescriptor.of(ADDRESS));
    setThreads.invokeExact(threads);
    Parallel.setThreads(threads);
    String core = ((MemorySegment) coreName.invokeExact()).reinterpret(64).getString(0);
    System.out.printf("# interleaved: openblas core %s, lernwerk %s path, threads %d%n", core,
        Simd.path(), threads);
    GemmTiming.warmUp();

    for (int i = 3; i < args.length; i += 4) {
      int m = Integer.parseInt(args[i]);
      int k = Integer.parseInt(args[i + 1]);
      int n = Integer.parseInt(args[i + 2]);
      String form = args[i + 3];
      GemmCase lw = new GemmCase(m, k, n, form);
      Blas ob = new Blas(sgemm, m, k, n, form, arena);
      Runnable lwCall = lw::run;
      Runnable obCall = ob::run;
      int lwCalls = calls(lwCall, minSample);
      int obCalls = calls(obCall, minSample);
      sample(lwCall, lwCalls); // warm-up
      sample(obCall, obCalls);
      double[] lwGf = new double[repeats];
      double[] obGf = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        boolean lwFirst = r % 2 == 0;
        if (lwFirst) {
          lwGf[r] = lw.flops() / sample(lwCall, lwCalls) * 1e-9;
        }
        obGf[r] = lw.flops() / sample(obCall, obCalls) * 1e-9;
        Thread.sleep(200);
        if (!lwFirst) {
          lwGf[r] = lw.flops() / sample(lwCall, lwCalls) * 1e-9;
        }
      }
      Arrays.sort(lwGf);
      Arrays.sort(obGf);
      System.out.printf(Locale.ROOT, "interleaved %d %d %d %s %d %.1f %.1f %.1f %.1f%n", m, k, n,
          form, threads, lwGf[repeats / 2], obGf[repeats / 2], lwGf[repeats - 1],
          obGf[repeats - 1]);
      System.out.flush();
    }
  }

  /** Calls per sample so a sample lasts at least {@code minSample} seconds. */
  private static int calls(Runnable call, double minSample) {
    call.run();
    long t0 = System.nanoTime();
    call.run();
    double one = (System.nanoTime() - t0) * 1e-9;
    return (int) (minSample / Math.max(one, 1e-7)) + 1;
  }

  /** Seconds per call, averaged over one sample. */
  private static double sample(Runnable call, int calls) {
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    return (System.nanoTime() - t0) * 1e-9 / calls;
  }

  /** The same product for cblas_sgemm, on native copies of GemmCase's data. */
  private static final class Blas {
    private final MethodHandle sgemm;
    private final int m;
    private final int k;
    private final int n;
    private final boolean transA;
    private final boolean transB;
    private final MemorySegment a;
    private final MemorySegment b;
    private final MemorySegment c;

    Blas(MethodHandle sgemm, int m, int k, int n, String form, Arena arena) {
      this.sgemm = sgemm;
      this.m = m;
      this.k = k;
      this.n = n;
      this.transA = form.equals("TN");
      this.transB = form.equals("NT");
      SplittableRandom rnd = new SplittableRandom(42);
      a = arena.allocate(JAVA_FLOAT, (long) m * k);
      b = arena.allocate(JAVA_FLOAT, (long) k * n);
      c = arena.allocate(JAVA_FLOAT, (long) m * n);
      for (long i = 0; i < (long) m * k; i++) {
        a.setAtIndex(JAVA_FLOAT, i, (float) rnd.nextDouble() - 0.5f);
      }
      for (long i = 0; i < (long) k * n; i++) {
        b.setAtIndex(JAVA_FLOAT, i, (float) rnd.nextDouble() - 0.5f);
      }
    }

    void run() {
      try {
        sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
            1.0f, a, transA ? m : k, b, transB ? k : n, 0.0f, c, n);
      } catch (Throwable e) {
        throw new IllegalStateException("cblas_sgemm failed", e);
      }
    }
  }
}
