package dev.lernwerk.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Single-precision matrix multiply {@code C = op(A) · op(B) (+ C)} on row-major arrays.
 *
 * <p>{@code op(A)} is m×k: without transposition element (i, p) is {@code a[aOff + i*lda + p]}; with
 * {@code transA} it is {@code a[aOff + p*lda + i]} (A stored k×m). Likewise {@code op(B)} is k×n.
 * C is m×n at {@code c[cOff + i*ldc + j]}. With {@code accumulate} the product is added to C,
 * otherwise C is overwritten.
 *
 * <p>Every element of C is the chain {@code s = fma(op(A)[i][p], op(B)[p][j], s)} over p = 0..k-1 in
 * order, starting from C (with {@code accumulate}) or from 0, so results do not depend on the thread
 * count, the blocking or whether the vector kernels are enabled.
 *
 * <p>Implementation (BLIS-style): for each block of {@link #blockN} columns, op(B) is packed into
 * {@link #NR}-wide column panels (all of k, split over the threads); then the rows of C are split
 * over the threads (or the panels, when there are few rows), and each thread walks k in blocks of
 * {@link #KC}, packs {@link #MC}×KC blocks of op(A) into {@link #MR}-row micro-panels and runs the
 * MR×NR register-tiled micro-kernel ({@link GemmVector}, or {@link GemmScalar} without the Vector
 * API) over them. Transposed operands are handled by the packing. Edge tiles go through a small
 * buffer. Products smaller than {@link #SERIAL_WORK} multiply-adds run on the calling thread.
 */
public final class Gemm {
  /** Whether {@link #sgemm} uses the vector micro-kernel. */
  static final boolean VECTOR = Simd.ENABLED;

  /** Rows of the register tile. */
  static final int MR = VECTOR ? GemmVector.MR : GemmScalar.MR;

  /** Columns of the register tile. */
  static final int NR = VECTOR ? GemmVector.NR : GemmScalar.NR;

  /** Depth of a block of k: a KC×NR panel of B stays in L1. */
  static int KC = Integer.getInteger("lernwerk.gemm.kc", 512);

  /** Rows of a packed block of A (MC×KC stays in L2); a multiple of MR. */
  static int MC = roundUp(Integer.getInteger("lernwerk.gemm.mc", 256), MR);

  /** Floats of packed B per column block (k × blockN(k)), sized for a share of L3. */
  static int B_FLOATS = Integer.getInteger("lernwerk.gemm.nb", 1 << 20);

  /** Products with fewer multiply-adds than this run on the calling thread. */
  static final long SERIAL_WORK = 64L * 64 * 64;

  /** Batched products below this many multiply-adds each are spread over the batch. */
  static final long BATCH_SPLIT_WORK = 128L * 128 * 128;

  private static final float[] EMPTY = {};

  /** Per-thread packing buffers, grown on demand and reused. */
  private static final class Work {
    float[] a = EMPTY;
    float[] b = EMPTY;
    final float[] tile = new float[MR * NR];

    float[] a(int size) {
      if (a.length < size) {
        a = new float[size];
      }
      return a;
    }

    float[] b(int size) {
      if (b.length < size) {
        b = new float[size];
      }
      return b;
    }
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  private Gemm() {}

  /** C = op(A)·op(B) (+C). See the class comment for the layout. */
  public static void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    sgemm(
        transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, VECTOR);
  }

  /**
   * {@link #sgemm} with the micro-kernel chosen by the caller: the vector one ({@code useVector},
   * only when {@link Simd#ENABLED}) or the scalar one. Both give the same bits; for tests.
   */
  static void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate,
      boolean useVector) {
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, useVector);
    run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, useVector,
        false);
  }

  /**
   * {@code batch} independent products; matrix {@code t} of A starts at {@code aOff + t*strideA}
   * (likewise B and C). A stride of 0 reuses the same matrix for every batch entry.
   */
  public static void sgemmBatched(
      int batch,
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      int strideA,
      float[] b,
      int bOff,
      int ldb,
      int strideB,
      float[] c,
      int cOff,
      int ldc,
      int strideC,
      boolean accumulate) {
    if (batch < 0 || strideA < 0 || strideB < 0 || strideC < 0) {
      throw new IllegalArgumentException(
          "Gemm.sgemmBatched: expected batch and strides >= 0, got batch="
              + batch + " strideA=" + strideA + " strideB=" + strideB + " strideC=" + strideC);
    }
    if (batch == 0) {
      return;
    }
    int last = batch - 1;
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, VECTOR);
    check(transA, transB, m, n, k, a, aOff + last * strideA, lda, b, bOff + last * strideB, ldb,
        c, cOff + last * strideC, ldc, VECTOR);
    long work = (long) m * n * k;
    boolean overBatch =
        batch > 1
            && strideC != 0
            && Parallel.chunks(batch, 1) > 1
            && (work < BATCH_SPLIT_WORK || batch >= 4 * Parallel.threads());
    if (!overBatch) {
      for (int t = 0; t < batch; t++) {
        run(transA, transB, m, n, k, a, aOff + t * strideA, lda, b, bOff + t * strideB, ldb, c,
            cOff + t * strideC, ldc, accumulate, VECTOR, false);
      }
      return;
    }
    int grain = (int) Math.max(1, Math.min(batch, SERIAL_WORK / Math.max(work, 1)));
    Parallel.forRange(
        batch,
        grain,
        (s, e) -> {
          for (int t = s; t < e; t++) {
            run(transA, transB, m, n, k, a, aOff + t * strideA, lda, b, bOff + t * strideB, ldb,
                c, cOff + t * strideC, ldc, accumulate, VECTOR, true);
          }
        });
  }

  private static void check(
      boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean useVector) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "Gemm.sgemm: expected m, n, k >= 0, got m=" + m + " n=" + n + " k=" + k);
    }
    if (useVector && !Simd.ENABLED) {
      throw new IllegalStateException("Gemm.sgemm: the vector kernel needs jdk.incubator.vector");
    }
    if (m > 0 && n > 0) {
      checkMatrix("C", c, cOff, m, n, ldc);
    }
    if (k > 0) {
      if (m > 0) {
        checkMatrix("A", a, aOff, transA ? k : m, transA ? m : k, lda);
      }
      if (n > 0) {
        checkMatrix("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
      }
    }
  }

  private static void checkMatrix(String name, float[] x, int off, int rows, int cols, int ld) {
    long end = off + (long) (rows - 1) * ld + cols;
    if (ld < cols || off < 0 || end > x.length) {
      throw new IllegalArgumentException(
          "Gemm.sgemm: " + name + " (" + rows + "x" + cols + ", offset " + off + ", leading dim "
              + ld + ") does not fit an array of " + x.length + " (needs leading dim >= " + cols
              + " and offset + (rows-1)*ld + cols <= length)");
    }
  }

  static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /** Columns of op(B) packed at a time: k × blockN(k) floats, a multiple of NR. */
  static int blockN(int k) {
    return Math.max(NR, B_FLOATS / k / NR * NR);
  }

  private static void run(
      boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate,
      boolean vector, boolean serial) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
      }
      return;
    }
    int threads =
        serial || (long) m * n * k < SERIAL_WORK ? 1 : Parallel.chunks(Parallel.threads(), 1);
    int nc = blockN(k);
    float[] bp = WORK.get().b(Math.min(roundUp(n, NR), nc) * k);
    Job job =
        new Job(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
            vector, bp, nc);
    if (threads <= 1) {
      job.serial();
    } else {
      job.parallel(threads);
    }
  }

  /** One product: its operands and the packed B of the current column block. */
  private static final class Job {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float[] a;
    final int aOff;
    final int lda;
    final float[] b;
    final int bOff;
    final int ldb;
    final float[] c;
    final int cOff;
    final int ldc;
    final boolean accumulate;
    final boolean vector;
    final float[] bp;
    final int nc;

    Job(
        boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate,
        boolean vector, float[] bp, int nc) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOff = aOff;
      this.lda = lda;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
      this.accumulate = accumulate;
      this.vector = vector;
      this.bp = bp;
      this.nc = nc;
    }

    /** All column blocks on this thread. */
    void serial() {
      for (int jc = 0; jc < n; jc += nc) {
        int nb = Math.min(nc, n - jc);
        int panels = (nb + NR - 1) / NR;
        packB(jc, nb, 0, panels);
        compute(jc, nb, 0, m, 0, panels);
      }
    }

    /**
     * One task per thread for each column block. The work is cut into more pieces than threads and
     * handed out through counters, so a thread that starts late (busy machine) just takes fewer
     * pieces: first the panels of op(B), in groups; then, once all are packed, blocks of rows of C
     * (or, with few rows, groups of panels). Who computes a piece does not change its bits.
     */
    void parallel(int threads) {
      for (int jc = 0; jc < n; jc += nc) {
        int nb = Math.min(nc, n - jc);
        Pieces pieces = new Pieces(jc, nb, threads);
        Parallel.forChunks(threads, threads, (s, e) -> pieces.work());
      }
    }

    /** The pieces of one column block and the counters that hand them out. */
    private final class Pieces {
      final int jc;
      final int nb;
      final int panels;
      final int packGroup;
      final int packPieces;
      final boolean byRows;
      final int rowsPerPiece;
      final int panelsPerPiece;
      final int computePieces;
      final AtomicInteger nextPack = new AtomicInteger();
      final AtomicInteger packed = new AtomicInteger();
      final AtomicInteger nextCompute = new AtomicInteger();
      volatile boolean failed;

      Pieces(int jc, int nb, int threads) {
        this.jc = jc;
        this.nb = nb;
        this.panels = (nb + NR - 1) / NR;
        int target = 4 * threads;
        this.packGroup = Math.max(1, panels / target);
        this.packPieces = (panels + packGroup - 1) / packGroup;
        int mTiles = (m + MR - 1) / MR;
        this.byRows = mTiles >= 2 * threads || mTiles >= panels;
        if (byRows) {
          int tiles = Math.clamp((mTiles + target - 1) / target, Math.min(4, mTiles), MC / MR);
          this.rowsPerPiece = tiles * MR;
          this.panelsPerPiece = panels;
          this.computePieces = (m + rowsPerPiece - 1) / rowsPerPiece;
        } else {
          this.rowsPerPiece = m;
          this.panelsPerPiece = Math.max(1, panels / target);
          this.computePieces = (panels + panelsPerPiece - 1) / panelsPerPiece;
        }
      }

      void work() {
        try {
          for (int x; (x = nextPack.getAndIncrement()) < packPieces; ) {
            packB(jc, nb, x * packGroup, Math.min(panels, (x + 1) * packGroup));
            packed.incrementAndGet();
          }
          // Wait for pieces other threads are still packing (only while they run).
          for (int spins = 0; packed.get() < packPieces; spins++) {
            if (failed) {
              throw new IllegalStateException("Gemm: another thread of this product failed");
            }
            if (spins < 1 << 10) {
              Thread.onSpinWait();
            } else {
              Thread.yield();
            }
          }
          for (int x; (x = nextCompute.getAndIncrement()) < computePieces; ) {
            if (byRows) {
              compute(jc, nb, x * rowsPerPiece, Math.min(m, (x + 1) * rowsPerPiece), 0, panels);
            } else {
              compute(jc, nb, 0, m, x * panelsPerPiece,
                  Math.min(panels, (x + 1) * panelsPerPiece));
            }
          }
        } catch (RuntimeException | Error ex) {
          failed = true;
          throw ex;
        }
      }
    }

    /**
     * Packs column panels [p0, p1) of the block [jc, jc+nb), all of k: panel jp at
     * {@code bp[jp*k*NR + p*NR + j]}, columns past nb padded with zeros.
     */
    void packB(int jc, int nb, int p0, int p1) {
      for (int jp = p0; jp < p1; jp++) {
        int j0 = jc + jp * NR;
        int nr = Math.min(NR, jc + nb - j0);
        int dst = jp * k * NR;
        if (!transB) {
          for (int p = 0, src = bOff + j0, d = dst; p < k; p++, src += ldb, d += NR) {
            System.arraycopy(b, src, bp, d, nr);
            if (nr < NR) {
              Arrays.fill(bp, d + nr, d + NR, 0f);
            }
          }
        } else {
          // op(B)[p][j] = b[j*ldb + p]: read rows of b, write columns of the panel, in blocks of
          // k so the written lines stay in L1.
          for (int q0 = 0; q0 < k; q0 += 64) {
            int q1 = Math.min(k, q0 + 64);
            for (int jj = 0; jj < nr; jj++) {
              int src = bOff + (j0 + jj) * ldb;
              for (int p = q0; p < q1; p++) {
                bp[dst + p * NR + jj] = b[src + p];
              }
            }
            for (int jj = nr; jj < NR; jj++) {
              for (int p = q0; p < q1; p++) {
                bp[dst + p * NR + jj] = 0f;
              }
            }
          }
        }
      }
    }

    /** C rows [i0, i1) × column panels [p0, p1) of the block of columns [jc, jc+nb). */
    void compute(int jc, int nb, int i0, int i1, int p0, int p1) {
      int kBlocks = (k + KC - 1) / KC;
      int kcMax = (k + kBlocks - 1) / kBlocks; // k cut into near-equal blocks of at most KC
      Work w = WORK.get();
      float[] ap = w.a(roundUp(Math.min(MC, i1 - i0), MR) * kcMax);
      float[] tile = w.tile;
      for (int pc = 0; pc < k; pc += kcMax) {
        int kc = Math.min(kcMax, k - pc);
        boolean load = accumulate || pc > 0;
        for (int ic = i0; ic < i1; ic += MC) {
          int mb = Math.min(MC, i1 - ic);
          packA(ic, mb, pc, kc, ap);
          for (int jp = p0; jp < p1; jp++) {
            int j = jc + jp * NR;
            int nr = Math.min(NR, jc + nb - j);
            int bo = jp * k * NR + pc * NR;
            for (int ir = 0; ir < mb; ir += MR) {
              int mr = Math.min(MR, mb - ir);
              int co = cOff + (ic + ir) * ldc + j;
              if (mr == MR && nr == NR) {
                micro(kc, ap, ir * kc, bo, c, co, ldc, load);
              } else {
                if (load) {
                  for (int ii = 0; ii < mr; ii++) {
                    System.arraycopy(c, co + ii * ldc, tile, ii * NR, nr);
                  }
                }
                micro(kc, ap, ir * kc, bo, tile, 0, NR, load);
                for (int ii = 0; ii < mr; ii++) {
                  System.arraycopy(tile, ii * NR, c, co + ii * ldc, nr);
                }
              }
            }
          }
        }
      }
    }

    private void micro(
        int kc, float[] ap, int aOff, int bo, float[] c, int cOff, int ldc, boolean load) {
      if (vector) {
        GemmVector.kernel(kc, ap, aOff, bp, bo, c, cOff, ldc, load);
      } else {
        GemmScalar.kernel(MR, NR, kc, ap, aOff, bp, bo, c, cOff, ldc, load);
      }
    }

    /**
     * Packs rows [ic, ic+mb) × k range [pc, pc+kc) of op(A) into MR-row micro-panels: row ir+i,
     * depth p at {@code ap[ir*kc + p*MR + i]}, rows past mb padded with zeros.
     */
    void packA(int ic, int mb, int pc, int kc, float[] ap) {
      for (int ir = 0; ir < mb; ir += MR) {
        int mr = Math.min(MR, mb - ir);
        int dst = ir * kc;
        if (!transA) {
          for (int i = 0; i < mr; i++) {
            int src = aOff + (ic + ir + i) * lda + pc;
            for (int p = 0, d = dst + i; p < kc; p++, d += MR) {
              ap[d] = a[src + p];
            }
          }
        } else {
          for (int p = 0, src = aOff + pc * lda + ic + ir, d = dst; p < kc;
              p++, src += lda, d += MR) {
            System.arraycopy(a, src, ap, d, mr);
          }
        }
        if (mr < MR) {
          for (int p = 0, d = dst; p < kc; p++, d += MR) {
            Arrays.fill(ap, d + mr, d + MR, 0f);
          }
        }
      }
    }
  }
}
