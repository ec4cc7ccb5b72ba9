package dev.lernwerk.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector micro-kernels of {@link Gemm}: an {@link #MR}×{@link #NR} tile of C kept in registers as
 * FloatVector accumulators, two B vectors and one broadcast A value per step of k.
 *
 * <p>Loaded only when {@link Simd#ENABLED} (any reference to {@code FloatVector} fails without the
 * module). Every C element is the chain {@code acc = fma(a[p], b[p], acc)} over p in order, starting
 * from C or from 0, exactly as {@link GemmScalar#kernel}, so both give the same bits.
 */
final class GemmVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /**
   * Rows of the tile. With 32 vector registers (AVX-512) 8 rows × 2 vectors = 16 accumulators fit;
   * with 16 (AVX2) 4 rows × 2 vectors = 8 do (6 rows spill registers in C2).
   */
  static final int MR = L >= 16 ? 8 : 4;

  /** Columns of the tile: two vectors. */
  static final int NR = 2 * L;

  private GemmVector() {}

  /**
   * C[0..MR)[0..NR) at {@code c[cOff + i*ldc + j]} = (load ? C : 0) + A·B over p < kc, with B the
   * packed panel {@code bp[bOff + p*NR + j]} and row i, depth p of A at {@code a[aOff + p*as + i]}:
   * a packed micro-panel ({@code as} = MR) or op(A) = Aᵀ read in place ({@code as} = lda).
   */
  static void kernel(
      int kc, float[] a, int aOff, int as, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    if (MR == 8) {
      if (as == 8) {
        packed8(kc, a, aOff, bp, bOff, c, cOff, ldc, load);
      } else {
        cols8(kc, a, aOff, as, bp, bOff, c, cOff, ldc, load);
      }
    } else {
      if (as == 4) {
        packed4(kc, a, aOff, bp, bOff, c, cOff, ldc, load);
      } else {
        cols4(kc, a, aOff, as, bp, bOff, c, cOff, ldc, load);
      }
    }
  }

  /**
   * As {@link #kernel}, with row i, depth p of A at {@code a[aOff + i*lda + p]}: op(A) = A read in
   * place.
   */
  static void kernelRows(
      int kc, float[] a, int aOff, int lda, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    if (MR == 8) {
      rows8(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, load);
    } else {
      rows4(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, load);
    }
  }

  private static FloatVector init(float[] c, int off, boolean load) {
    return load ? FloatVector.fromArray(S, c, off) : FloatVector.zero(S);
  }

  private static void packed4(
      int kc, float[] a, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector v00 = init(c, c0, load);
    FloatVector v01 = init(c, c0 + L, load);
    FloatVector v10 = init(c, c1, load);
    FloatVector v11 = init(c, c1 + L, load);
    FloatVector v20 = init(c, c2, load);
    FloatVector v21 = init(c, c2 + L, load);
    FloatVector v30 = init(c, c3, load);
    FloatVector v31 = init(c, c3 + L, load);
    int pa = aOff;
    int pb = bOff;
    for (int p = 0; p < kc; p++, pa += 4, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector x = FloatVector.broadcast(S, a[pa]);
      v00 = x.fma(b0, v00);
      v01 = x.fma(b1, v01);
      x = FloatVector.broadcast(S, a[pa + 1]);
      v10 = x.fma(b0, v10);
      v11 = x.fma(b1, v11);
      x = FloatVector.broadcast(S, a[pa + 2]);
      v20 = x.fma(b0, v20);
      v21 = x.fma(b1, v21);
      x = FloatVector.broadcast(S, a[pa + 3]);
      v30 = x.fma(b0, v30);
      v31 = x.fma(b1, v31);
    }
    v00.intoArray(c, c0);
    v01.intoArray(c, c0 + L);
    v10.intoArray(c, c1);
    v11.intoArray(c, c1 + L);
    v20.intoArray(c, c2);
    v21.intoArray(c, c2 + L);
    v30.intoArray(c, c3);
    v31.intoArray(c, c3 + L);
  }

  private static void cols4(
      int kc, float[] a, int aOff, int as, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector v00 = init(c, c0, load);
    FloatVector v01 = init(c, c0 + L, load);
    FloatVector v10 = init(c, c1, load);
    FloatVector v11 = init(c, c1 + L, load);
    FloatVector v20 = init(c, c2, load);
    FloatVector v21 = init(c, c2 + L, load);
    FloatVector v30 = init(c, c3, load);
    FloatVector v31 = init(c, c3 + L, load);
    int pa = aOff;
    int pb = bOff;
    for (int p = 0; p < kc; p++, pa += as, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector x = FloatVector.broadcast(S, a[pa]);
      v00 = x.fma(b0, v00);
      v01 = x.fma(b1, v01);
      x = FloatVector.broadcast(S, a[pa + 1]);
      v10 = x.fma(b0, v10);
      v11 = x.fma(b1, v11);
      x = FloatVector.broadcast(S, a[pa + 2]);
      v20 = x.fma(b0, v20);
      v21 = x.fma(b1, v21);
      x = FloatVector.broadcast(S, a[pa + 3]);
      v30 = x.fma(b0, v30);
      v31 = x.fma(b1, v31);
    }
    v00.intoArray(c, c0);
    v01.intoArray(c, c0 + L);
    v10.intoArray(c, c1);
    v11.intoArray(c, c1 + L);
    v20.intoArray(c, c2);
    v21.intoArray(c, c2 + L);
    v30.intoArray(c, c3);
    v31.intoArray(c, c3 + L);
  }

  private static void rows4(
      int kc, float[] a, int aOff, int lda, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector v00 = init(c, c0, load);
    FloatVector v01 = init(c, c0 + L, load);
    FloatVector v10 = init(c, c1, load);
    FloatVector v11 = init(c, c1 + L, load);
    FloatVector v20 = init(c, c2, load);
    FloatVector v21 = init(c, c2 + L, load);
    FloatVector v30 = init(c, c3, load);
    FloatVector v31 = init(c, c3 + L, load);
    int a0 = aOff;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int pb = bOff;
    for (int p = 0; p < kc; p++, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
      v00 = x.fma(b0, v00);
      v01 = x.fma(b1, v01);
      x = FloatVector.broadcast(S, a[a1 + p]);
      v10 = x.fma(b0, v10);
      v11 = x.fma(b1, v11);
      x = FloatVector.broadcast(S, a[a2 + p]);
      v20 = x.fma(b0, v20);
      v21 = x.fma(b1, v21);
      x = FloatVector.broadcast(S, a[a3 + p]);
      v30 = x.fma(b0, v30);
      v31 = x.fma(b1, v31);
    }
    v00.intoArray(c, c0);
    v01.intoArray(c, c0 + L);
    v10.intoArray(c, c1);
    v11.intoArray(c, c1 + L);
    v20.intoArray(c, c2);
    v21.intoArray(c, c2 + L);
    v30.intoArray(c, c3);
    v31.intoArray(c, c3 + L);
  }

  private static void packed8(
      int kc, float[] a, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int c4 = c3 + ldc;
    int c5 = c4 + ldc;
    int c6 = c5 + ldc;
    int c7 = c6 + ldc;
    FloatVector v00 = init(c, c0, load);
    FloatVector v01 = init(c, c0 + L, load);
    FloatVector v10 = init(c, c1, load);
    FloatVector v11 = init(c, c1 + L, load);
    FloatVector v20 = init(c, c2, load);
    FloatVector v21 = init(c, c2 + L, load);
    FloatVector v30 = init(c, c3, load);
    FloatVector v31 = init(c, c3 + L, load);
    FloatVector v40 = init(c, c4, load);
    FloatVector v41 = init(c, c4 + L, load);
    FloatVector v50 = init(c, c5, load);
    FloatVector v51 = init(c, c5 + L, load);
    FloatVector v60 = init(c, c6, load);
    FloatVector v61 = init(c, c6 + L, load);
    FloatVector v70 = init(c, c7, load);
    FloatVector v71 = init(c, c7 + L, load);
    int pa = aOff;
    int pb = bOff;
    for (int p = 0; p < kc; p++, pa += 8, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector x = FloatVector.broadcast(S, a[pa]);
      v00 = x.fma(b0, v00);
      v01 = x.fma(b1, v01);
      x = FloatVector.broadcast(S, a[pa + 1]);
      v10 = x.fma(b0, v10);
      v11 = x.fma(b1, v11);
      x = FloatVector.broadcast(S, a[pa + 2]);
      v20 = x.fma(b0, v20);
      v21 = x.fma(b1, v21);
      x = FloatVector.broadcast(S, a[pa + 3]);
      v30 = x.fma(b0, v30);
      v31 = x.fma(b1, v31);
      x = FloatVector.broadcast(S, a[pa + 4]);
      v40 = x.fma(b0, v40);
      v41 = x.fma(b1, v41);
      x = FloatVector.broadcast(S, a[pa + 5]);
      v50 = x.fma(b0, v50);
      v51 = x.fma(b1, v51);
      x = FloatVector.broadcast(S, a[pa + 6]);
      v60 = x.fma(b0, v60);
      v61 = x.fma(b1, v61);
      x = FloatVector.broadcast(S, a[pa + 7]);
      v70 = x.fma(b0, v70);
      v71 = x.fma(b1, v71);
    }
    v00.intoArray(c, c0);
    v01.intoArray(c, c0 + L);
    v10.intoArray(c, c1);
    v11.intoArray(c, c1 + L);
    v20.intoArray(c, c2);
    v21.intoArray(c, c2 + L);
    v30.intoArray(c, c3);
    v31.intoArray(c, c3 + L);
    v40.intoArray(c, c4);
    v41.intoArray(c, c4 + L);
    v50.intoArray(c, c5);
    v51.intoArray(c, c5 + L);
    v60.intoArray(c, c6);
    v61.intoArray(c, c6 + L);
    v70.intoArray(c, c7);
    v71.intoArray(c, c7 + L);
  }

  private static void cols8(
      int kc, float[] a, int aOff, int as, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int c4 = c3 + ldc;
    int c5 = c4 + ldc;
    int c6 = c5 + ldc;
    int c7 = c6 + ldc;
    FloatVector v00 = init(c, c0, load);
    FloatVector v01 = init(c, c0 + L, load);
    FloatVector v10 = init(c, c1, load);
    FloatVector v11 = init(c, c1 + L, load);
    FloatVector v20 = init(c, c2, load);
    FloatVector v21 = init(c, c2 + L, load);
    FloatVector v30 = init(c, c3, load);
    FloatVector v31 = init(c, c3 + L, load);
    FloatVector v40 = init(c, c4, load);
    FloatVector v41 = init(c, c4 + L, load);
    FloatVector v50 = init(c, c5, load);
    FloatVector v51 = init(c, c5 + L, load);
    FloatVector v60 = init(c, c6, load);
    FloatVector v61 = init(c, c6 + L, load);
    FloatVector v70 = init(c, c7, load);
    FloatVector v71 = init(c, c7 + L, load);
    int pa = aOff;
    int pb = bOff;
    for (int p = 0; p < kc; p++, pa += as, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector x = FloatVector.broadcast(S, a[pa]);
      v00 = x.fma(b0, v00);
      v01 = x.fma(b1, v01);
      x = FloatVector.broadcast(S, a[pa + 1]);
      v10 = x.fma(b0, v10);
      v11 = x.fma(b1, v11);
      x = FloatVector.broadcast(S, a[pa + 2]);
      v20 = x.fma(b0, v20);
      v21 = x.fma(b1, v21);
      x = FloatVector.broadcast(S, a[pa + 3]);
      v30 = x.fma(b0, v30);
      v31 = x.fma(b1, v31);
      x = FloatVector.broadcast(S, a[pa + 4]);
      v40 = x.fma(b0, v40);
      v41 = x.fma(b1, v41);
      x = FloatVector.broadcast(S, a[pa + 5]);
      v50 = x.fma(b0, v50);
      v51 = x.fma(b1, v51);
      x = FloatVector.broadcast(S, a[pa + 6]);
      v60 = x.fma(b0, v60);
      v61 = x.fma(b1, v61);
      x = FloatVector.broadcast(S, a[pa + 7]);
      v70 = x.fma(b0, v70);
      v71 = x.fma(b1, v71);
    }
    v00.intoArray(c, c0);
    v01.intoArray(c, c0 + L);
    v10.intoArray(c, c1);
    v11.intoArray(c, c1 + L);
    v20.intoArray(c, c2);
    v21.intoArray(c, c2 + L);
    v30.intoArray(c, c3);
    v31.intoArray(c, c3 + L);
    v40.intoArray(c, c4);
    v41.intoArray(c, c4 + L);
    v50.intoArray(c, c5);
    v51.intoArray(c, c5 + L);
    v60.intoArray(c, c6);
    v61.intoArray(c, c6 + L);
    v70.intoArray(c, c7);
    v71.intoArray(c, c7 + L);
  }

  private static void rows8(
      int kc, float[] a, int aOff, int lda, float[] bp, int bOff, float[] c, int cOff, int ldc,
      boolean load) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int c4 = c3 + ldc;
    int c5 = c4 + ldc;
    int c6 = c5 + ldc;
    int c7 = c6 + ldc;
    FloatVector v00 = init(c, c0, load);
    FloatVector v01 = init(c, c0 + L, load);
    FloatVector v10 = init(c, c1, load);
    FloatVector v11 = init(c, c1 + L, load);
    FloatVector v20 = init(c, c2, load);
    FloatVector v21 = init(c, c2 + L, load);
    FloatVector v30 = init(c, c3, load);
    FloatVector v31 = init(c, c3 + L, load);
    FloatVector v40 = init(c, c4, load);
    FloatVector v41 = init(c, c4 + L, load);
    FloatVector v50 = init(c, c5, load);
    FloatVector v51 = init(c, c5 + L, load);
    FloatVector v60 = init(c, c6, load);
    FloatVector v61 = init(c, c6 + L, load);
    FloatVector v70 = init(c, c7, load);
    FloatVector v71 = init(c, c7 + L, load);
    int a0 = aOff;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
    int a6 = a5 + lda;
    int a7 = a6 + lda;
    int pb = bOff;
    for (int p = 0; p < kc; p++, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
      v00 = x.fma(b0, v00);
      v01 = x.fma(b1, v01);
      x = FloatVector.broadcast(S, a[a1 + p]);
      v10 = x.fma(b0, v10);
      v11 = x.fma(b1, v11);
      x = FloatVector.broadcast(S, a[a2 + p]);
      v20 = x.fma(b0, v20);
      v21 = x.fma(b1, v21);
      x = FloatVector.broadcast(S, a[a3 + p]);
      v30 = x.fma(b0, v30);
      v31 = x.fma(b1, v31);
      x = FloatVector.broadcast(S, a[a4 + p]);
      v40 = x.fma(b0, v40);
      v41 = x.fma(b1, v41);
      x = FloatVector.broadcast(S, a[a5 + p]);
      v50 = x.fma(b0, v50);
      v51 = x.fma(b1, v51);
      x = FloatVector.broadcast(S, a[a6 + p]);
      v60 = x.fma(b0, v60);
      v61 = x.fma(b1, v61);
      x = FloatVector.broadcast(S, a[a7 + p]);
      v70 = x.fma(b0, v70);
      v71 = x.fma(b1, v71);
    }
    v00.intoArray(c, c0);
    v01.intoArray(c, c0 + L);
    v10.intoArray(c, c1);
    v11.intoArray(c, c1 + L);
    v20.intoArray(c, c2);
    v21.intoArray(c, c2 + L);
    v30.intoArray(c, c3);
    v31.intoArray(c, c3 + L);
    v40.intoArray(c, c4);
    v41.intoArray(c, c4 + L);
    v50.intoArray(c, c5);
    v51.intoArray(c, c5 + L);
    v60.intoArray(c, c6);
    v61.intoArray(c, c6 + L);
    v70.intoArray(c, c7);
    v71.intoArray(c, c7 + L);
  }
}
