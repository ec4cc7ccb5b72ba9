package dev.lernwerk.kernel;

import java.util.Arrays;

/**
 * Scalar micro-kernel of {@link Gemm}, the twin of {@link GemmVector#kernel}: same packed operands,
 * same tile, and every C element the same chain {@code acc = Math.fma(a[p], b[p], acc)} over p in
 * order, so the two give the same bits.
 */
final class GemmScalar {
  /** Tile used when the vector kernels are off. */
  static final int MR = 4;

  static final int NR = 16;

  private GemmScalar() {}

  /**
   * Same contract as {@link GemmVector#kernel} for the tile {@code mr}×{@code nr}, with row i,
   * depth p of A at {@code ap[aOff + i*aRow + p*aCol]} (packed: aRow 1, aCol mr; in place: aRow
   * lda, aCol 1).
   */
  static void kernel(
      int mr, int nr, int kc, float[] ap, int aOff, int aRow, int aCol, float[] bp, int bOff,
      float[] c, int cOff, int ldc, boolean load) {
    for (int i = 0; i < mr; i++) {
      int ci = cOff + i * ldc;
      if (!load) {
        Arrays.fill(c, ci, ci + nr, 0f);
      }
      for (int p = 0, pa = aOff + i * aRow, pb = bOff; p < kc; p++, pa += aCol, pb += nr) {
        float av = ap[pa];
        for (int j = 0; j < nr; j++) {
          c[ci + j] = Math.fma(av, bp[pb + j], c[ci + j]);
        }
      }
    }
  }
}
