package dev.lernwerk.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * The one shared worker pool, sized to the cores ({@code LERNWERK_THREADS} or {@code
 * -Dlernwerk.threads} override).
 *
 * <p>Work is cut into chunks that depend only on the range, the grain and the thread count, so a
 * kernel whose chunks write disjoint outputs gives the same bits on every run with the same thread
 * count. Ranges smaller than two grains run on the calling thread; calls from inside a worker run
 * sequentially (no nested parallelism, no oversubscription).
 */
public final class Parallel {
  /** Body of a parallel loop: process indices {@code [start, end)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  private static volatile ForkJoinPool pool;
  private static volatile int threads;

  static {
    setThreads(defaultThreads());
  }

  private Parallel() {}

  private static int defaultThreads() {
    String s = System.getProperty("lernwerk.threads");
    if (s == null) {
      s = System.getenv("LERNWERK_THREADS");
    }
    if (s != null && !s.isBlank()) {
      try {
        int n = Integer.parseInt(s.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          "LERNWERK_THREADS / lernwerk.threads: expected a positive integer, got '" + s + "'");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** Number of threads kernels use (the caller counts as one). */
  public static int threads() {
    return threads;
  }

  /**
   * Sets the number of threads kernels use from now on (1 = everything on the calling thread).
   * Results of all kernels depend on the data and this number only.
   */
  public static synchronized void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Parallel.setThreads: expected n >= 1, got " + n);
    }
    ForkJoinPool old = pool;
    pool =
        n == 1
            ? null
            : new ForkJoinPool(
                n,
                p -> {
                  ForkJoinWorkerThread t =
                      ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                  t.setName("lernwerk-" + t.getPoolIndex());
                  t.setDaemon(true);
                  return t;
                },
                null,
                false);
    threads = n;
    if (old != null) {
      old.shutdown();
    }
  }

  /** How many chunks {@link #forRange} cuts {@code n} items into for this grain. */
  public static int chunks(int n, int grain) {
    int t = threads;
    if (t <= 1 || n < 2L * Math.max(grain, 1) || inWorker()) {
      return 1;
    }
    return Math.min(t, n / Math.max(grain, 1));
  }

  private static boolean inWorker() {
    return Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool;
  }

  /**
   * Runs {@code body} over {@code [0, n)} cut into {@link #chunks} contiguous pieces of near-equal
   * size; the calling thread runs the first piece.
   */
  public static void forRange(int n, int grain, RangeBody body) {
    int k = chunks(n, grain);
    if (k <= 1) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    forChunks(n, k, body);
  }

  /** Runs exactly {@code k} contiguous chunks of {@code [0, n)} in parallel (k may exceed threads). */
  public static void forChunks(int n, int k, RangeBody body) {
    if (k <= 1 || pool == null || inWorker()) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    ForkJoinPool p = pool;
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[k - 1];
    for (int c = 1; c < k; c++) {
      int s = (int) ((long) n * c / k);
      int e = (int) ((long) n * (c + 1) / k);
      tasks[c - 1] = p.submit(new Chunk(body, s, e));
    }
    RuntimeException first = null;
    try {
      body.run(0, (int) ((long) n / k));
    } catch (RuntimeException ex) {
      first = ex;
    }
    for (ForkJoinTask<?> t : tasks) {
      try {
        t.join();
      } catch (RuntimeException ex) {
        if (first == null) {
          first = ex;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static final class Chunk extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient RangeBody body;
    private final int start;
    private final int end;

    Chunk(RangeBody body, int start, int end) {
      this.body = body;
      this.start = start;
      this.end = end;
    }

    @Override
    protected void compute() {
      body.run(start, end);
    }
  }
}
