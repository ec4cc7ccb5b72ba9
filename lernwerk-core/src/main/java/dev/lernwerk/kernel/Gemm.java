package dev.lernwerk.kernel;

/**
 * Single-precision matrix multiply {@code C = op(A) · op(B) (+ C)} on row-major arrays.
 *
 * <p>{@code op(A)} is m×k: without transposition element (i, p) is {@code a[aOff + i*lda + p]}; with
 * {@code transA} it is {@code a[aOff + p*lda + i]} (A stored k×m). Likewise {@code op(B)} is k×n.
 * C is m×n at {@code c[cOff + i*ldc + j]}. With {@code accumulate} the product is added to C,
 * otherwise C is overwritten.
 */
public final class Gemm {
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
    // Reference implementation; replaced by the packed, blocked kernel.
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = accumulate ? c[cOff + i * ldc + j] : 0f;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s = Math.fma(av, bv, s);
        }
        c[cOff + i * ldc + j] = s;
      }
    }
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
    for (int t = 0; t < batch; t++) {
      sgemm(
          transA, transB, m, n, k, a, aOff + t * strideA, lda, b, bOff + t * strideB, ldb, c,
          cOff + t * strideC, ldc, accumulate);
    }
  }
}
