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
 * <p>Implementation (BLIS-style, figures in lernwerk-bench/README.md):
 *
 * <ul>
 *   <li>Register tile {@link #MR}×{@link #NR}: two vectors wide, 8 rows with AVX-512 (16
 *       accumulators in 32 registers), 4 rows with AVX2 (8 in 16), in {@link GemmVector}; {@link
 *       GemmScalar} is its twin when the Vector API is off.
 *   <li>op(B) is packed once per call into NR-wide column panels holding all of k (up to {@link
 *       #B_FLOATS} floats, else in column blocks); transposed B is transposed by the packing.
 *   <li>k is walked in near-equal blocks of at most {@link #KC}, rows in blocks of {@link #MC}. A
 *       block of op(A) is packed into MR-row micro-panels when many panels reuse it; with few
 *       panels (skinny C) the micro-kernel reads op(A) in place, transposed or not.
 *   <li>Threads: one task per thread takes pieces from counters: first rows of op(B) to pack,
 *       then, once all are packed, blocks of rows of C (or groups of panels when C has few rows).
 *       k is never split, so who computes a piece does not change its bits, and a thread that
 *       starts late just takes fewer pieces. Products below {@link #SERIAL_WORK} multiply-adds run
 *       on the calling thread.
 *   <li>Packing buffers are per thread, grown on demand and reused; edge tiles go through a small
 *       tile buffer.
 * </ul>
 */
public final class Gemm {
  /** Whether {@link #sgemm} uses the vector micro-kernel. */
  static final boolean VECTOR = Simd.ENABLED;

  /** Rows of the register tile. */
  static final int MR = VECTOR ? GemmVector.MR : GemmScalar.MR;

  /** Columns of the register tile. */
  static final int NR = VECTOR ? GemmVector.NR : GemmScalar.NR;

  /**
   * Most depths per block of k. Large blocks mean C is loaded and stored fewer times; a KC×NR panel
   * of B and an MR×KC micro-panel of A still stream well from L2 (measured: 1024 beat 256 and 512).
   */
  static final int KC = 1024;

  /** Rows per block of A (a multiple of MR), packed MC×KC at most. */
  static final int MC = roundUp(256, MR);

  /**
   * Most floats of packed op(B) per column block (k × {@link #blockN}): 16 MiB, half of L3, so a
   * 2048×2048 B is packed in one block (one thread at 2048³: 98.7 GFLOP/s with 2²⁰, 105.5 with 2²²,
   * since op(A) is packed again for every column block).
   */
  static final int B_FLOATS = 1 << 22;

  /**
   * Products with fewer multiply-adds than this run on the calling thread: handing work to the
   * pool costs ~15 µs, so on two threads 96³ was no faster and 64³ half as fast as one thread.
   */
  static final long SERIAL_WORK = 128L * 128 * 128;

  /** Batched products below this many multiply-adds each are spread over the batch. */
  static final long BATCH_SPLIT_WORK = 128L * 128 * 128;

  /** Pieces per thread the counters hand out in a parallel product. */
  static final int PIECES_PER_THREAD = 4;

  /** Depths per step when transposing op(B) = Bᵀ into panels. */
  private static final int TRANSPOSE_DEPTHS = 256;

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

  /** One product: its operands, its packed op(B) and the column-block size. */
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
        packB(jc, nb, 0, k);
        compute(jc, nb, 0, m, 0, (nb + NR - 1) / NR);
      }
    }

    /** Each column block as pieces shared by one task per thread (see the class comment). */
    void parallel(int threads) {
      for (int jc = 0; jc < n; jc += nc) {
        Pieces pieces = new Pieces(jc, Math.min(nc, n - jc), threads);
        Parallel.forChunks(threads, threads, (s, e) -> pieces.work());
      }
    }

    /** The pieces of one column block and the counters that hand them out. */
    private final class Pieces {
      final int jc;
      final int nb;
      final int panels;
      final int packDepths;
      final int packPieces;
      final boolean byRows;
      final int perPiece;
      final int computePieces;
      final AtomicInteger nextPack = new AtomicInteger();
      final AtomicInteger packed = new AtomicInteger();
      final AtomicInteger nextCompute = new AtomicInteger();
      volatile boolean failed;

      Pieces(int jc, int nb, int threads) {
        this.jc = jc;
        this.nb = nb;
        this.panels = (nb + NR - 1) / NR;
        int target = PIECES_PER_THREAD * threads;
        this.packDepths = Math.max(16, (k + target - 1) / target);
        this.packPieces = (k + packDepths - 1) / packDepths;
        int mTiles = (m + MR - 1) / MR;
        this.byRows = mTiles >= 2 * threads || mTiles >= panels;
        if (byRows) { // rows per piece: a multiple of MR, at most MC
          int tiles = Math.clamp((mTiles + target - 1) / target, Math.min(4, mTiles), MC / MR);
          this.perPiece = tiles * MR;
          this.computePieces = (m + perPiece - 1) / perPiece;
        } else { // panels per piece
          this.perPiece = Math.max(1, panels / target);
          this.computePieces = (panels + perPiece - 1) / perPiece;
        }
      }

      void work() {
        try {
          for (int x; (x = nextPack.getAndIncrement()) < packPieces; ) {
            packB(jc, nb, x * packDepths, Math.min(k, (x + 1) * packDepths));
            packed.incrementAndGet();
          }
          // Pieces still being packed by another thread (which is running): short wait.
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
              compute(jc, nb, x * perPiece, Math.min(m, (x + 1) * perPiece), 0, panels);
            } else {
              compute(jc, nb, 0, m, x * perPiece, Math.min(panels, (x + 1) * perPiece));
            }
          }
        } catch (RuntimeException | Error ex) {
          failed = true;
          throw ex;
        }
      }
    }

    /**
     * Packs depths [q0, q1) of op(B) for all column panels of the block [jc, jc+nb): panel jp, depth
     * p, column j at {@code bp[jp*k*NR + p*NR + j]}, columns past nb zero.
     */
    void packB(int jc, int nb, int q0, int q1) {
      int panels = (nb + NR - 1) / NR;
      int full = nb / NR;
      int stride = k * NR;
      if (!transB) {
        // Each row of B is read once, front to back, and dealt out to the panels.
        for (int p = q0; p < q1; p++) {
          int src = bOff + p * ldb + jc;
          int d = p * NR;
          for (int jp = 0; jp < full; jp++, src += NR, d += stride) {
            System.arraycopy(b, src, bp, d, NR);
          }
          if (full < panels) {
            int nr = nb - full * NR;
            System.arraycopy(b, src, bp, d, nr);
            Arrays.fill(bp, d + nr, d + NR, 0f);
          }
        }
        return;
      }
      // op(B)[p][j] = b[j*ldb + p]: 8 rows of b at a time; per depth 8 reads, one 8-float write.
      // (8 rows keep few lines per L1 set even when ldb is a multiple of 1024.)
      for (int r0 = q0; r0 < q1; r0 += TRANSPOSE_DEPTHS) {
        int r1 = Math.min(q1, r0 + TRANSPOSE_DEPTHS);
        for (int jp = 0; jp < panels; jp++) {
          int j0 = jc + jp * NR;
          int nr = Math.min(NR, jc + nb - j0);
          int dst = jp * stride + r0 * NR;
          int g = 0;
          for (; g + 8 <= nr; g += 8) {
            int s0 = bOff + (j0 + g) * ldb;
            int s1 = s0 + ldb;
            int s2 = s1 + ldb;
            int s3 = s2 + ldb;
            int s4 = s3 + ldb;
            int s5 = s4 + ldb;
            int s6 = s5 + ldb;
            int s7 = s6 + ldb;
            for (int p = r0, d = dst + g; p < r1; p++, d += NR) {
              bp[d] = b[s0 + p];
              bp[d + 1] = b[s1 + p];
              bp[d + 2] = b[s2 + p];
              bp[d + 3] = b[s3 + p];
              bp[d + 4] = b[s4 + p];
              bp[d + 5] = b[s5 + p];
              bp[d + 6] = b[s6 + p];
              bp[d + 7] = b[s7 + p];
            }
          }
          for (; g < NR; g++) {
            int src = bOff + (j0 + g) * ldb;
            for (int p = r0, d = dst + g; p < r1; p++, d += NR) {
              bp[d] = g < nr ? b[src + p] : 0f;
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
      // op(A) is read in place when few panels reuse each micro-panel (packing would not pay);
      // otherwise packed, which also keeps a micro-panel in few cache sets whatever lda is.
      int panelCount = p1 - p0;
      boolean inPlace = panelCount <= 4 || (panelCount <= 16 && lda % 256 != 0);
      for (int pc = 0; pc < k; pc += kcMax) {
        int kc = Math.min(kcMax, k - pc);
        boolean load = accumulate || pc > 0;
        for (int ic = i0; ic < i1; ic += MC) {
          int mb = Math.min(MC, i1 - ic);
          int fullRows = inPlace ? mb / MR * MR : 0; // rows whose micro-panels are read in place
          if (fullRows < mb) {
            packA(ic + fullRows, mb - fullRows, pc, kc, ap);
          }
          for (int jp = p0; jp < p1; jp++) {
            int j = jc + jp * NR;
            int nr = Math.min(NR, jc + nb - j);
            int bo = jp * k * NR + pc * NR;
            for (int ir = 0; ir < mb; ir += MR) {
              int mr = Math.min(MR, mb - ir);
              int co = cOff + (ic + ir) * ldc + j;
              int ao = transA ? aOff + pc * lda + ic + ir : aOff + (ic + ir) * lda + pc;
              boolean direct = ir < fullRows;
              if (mr == MR && nr == NR) {
                micro(direct, kc, ao, ap, (ir - fullRows) * kc, bo, c, co, ldc, load);
              } else {
                if (load) {
                  for (int ii = 0; ii < mr; ii++) {
                    System.arraycopy(c, co + ii * ldc, tile, ii * NR, nr);
                  }
                }
                micro(direct, kc, ao, ap, (ir - fullRows) * kc, bo, tile, 0, NR, load);
                for (int ii = 0; ii < mr; ii++) {
                  System.arraycopy(tile, ii * NR, c, co + ii * ldc, nr);
                }
              }
            }
          }
        }
      }
    }

    /**
     * One MR×NR tile: A read in place at {@code a[ao...]} ({@code direct}) or from the packed
     * micro-panel at {@code ap[apOff...]}; B from the packed panel at {@code bp[bo...]}.
     */
    private void micro(
        boolean direct, int kc, int ao, float[] ap, int apOff, int bo, float[] c, int cOff,
        int ldc, boolean load) {
      if (vector) {
        if (!direct) {
          GemmVector.kernel(kc, ap, apOff, MR, bp, bo, c, cOff, ldc, load);
        } else if (transA) {
          GemmVector.kernel(kc, a, ao, lda, bp, bo, c, cOff, ldc, load);
        } else {
          GemmVector.kernelRows(kc, a, ao, lda, bp, bo, c, cOff, ldc, load);
        }
      } else if (!direct) {
        GemmScalar.kernel(MR, NR, kc, ap, apOff, 1, MR, bp, bo, c, cOff, ldc, load);
      } else {
        GemmScalar.kernel(
            MR, NR, kc, a, ao, transA ? 1 : lda, transA ? lda : 1, bp, bo, c, cOff, ldc, load);
      }
    }

    /**
     * Packs rows [ic, ic+mb) × depths [pc, pc+kc) of op(A) into MR-row micro-panels: row ir+i,
     * depth p at {@code ap[ir*kc + p*MR + i]}, rows past mb zero.
     */
    void packA(int ic, int mb, int pc, int kc, float[] ap) {
      int full = mb / MR * MR;
      if (transA) {
        // op(A)[i][p] = a[p*lda + i]: each row of a (one depth) is read once and dealt out.
        for (int p = 0; p < kc; p++) {
          int src = aOff + (pc + p) * lda + ic;
          for (int ir = 0, d = p * MR; ir < full; ir += MR, d += MR * kc) {
            for (int i = 0; i < MR; i++) {
              ap[d + i] = a[src + ir + i];
            }
          }
        }
      } else {
        for (int ir = 0; ir < full; ir += MR) {
          for (int i = 0; i < MR; i++) {
            int src = aOff + (ic + ir + i) * lda + pc;
            for (int p = 0, d = ir * kc + i; p < kc; p++, d += MR) {
              ap[d] = a[src + p];
            }
          }
        }
      }
      int mr = mb - full;
      if (mr > 0) {
        for (int p = 0, d = full * kc; p < kc; p++, d += MR) {
          for (int i = 0; i < MR; i++) {
            int row = ic + full + i;
            int src = transA ? aOff + (pc + p) * lda + row : aOff + row * lda + pc + p;
            ap[d + i] = i < mr ? a[src] : 0f;
          }
        }
      }
    }
  }
}
