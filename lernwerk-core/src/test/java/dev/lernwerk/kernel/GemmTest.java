package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernels")
class GemmTest {
  private static final double RTOL = 1e-5;

  /** Operands of one product in the layout Gemm reads, with padding around and between rows. */
  private record Case(
      boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

    float opA(int i, int p) {
      return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float opB(int p, int j) {
      return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    float[] run(boolean accumulate) {
      float[] out = c.clone();
      Gemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, out, cOff, ldc, accumulate);
      return out;
    }

    float[] run(boolean accumulate, boolean vector) {
      float[] out = c.clone();
      Gemm.sgemm(
          transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, out, cOff, ldc, accumulate, vector);
      return out;
    }
  }

  private static Case randomCase(
      SplittableRandom rnd, boolean transA, boolean transB, int m, int n, int k, int pad) {
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + rnd.nextInt(pad + 1);
    int ldb = bCols + rnd.nextInt(pad + 1);
    int ldc = n + rnd.nextInt(pad + 1);
    int aOff = rnd.nextInt(pad + 1);
    int bOff = rnd.nextInt(pad + 1);
    int cOff = rnd.nextInt(pad + 1);
    float[] a = random(rnd, aOff + aRows * lda + pad);
    float[] b = random(rnd, bOff + bRows * ldb + pad);
    float[] c = random(rnd, cOff + m * ldc + pad);
    return new Case(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  private static float[] random(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }

  /**
   * Checks out against a double-precision triple loop (|error| <= RTOL * (|c0| + sum |a||b|)) and
   * that every element outside the m×n window of C is untouched.
   */
  private static void assertProduct(Case t, float[] out, boolean accumulate) {
    assertProduct(t, out, accumulate, true);
  }

  private static void assertProduct(
      Case t, float[] out, boolean accumulate, boolean checkOutside) {
    double worst = 0;
    String where = "";
    for (int i = 0; i < t.m; i++) {
      for (int j = 0; j < t.n; j++) {
        int idx = t.cOff + i * t.ldc + j;
        double s = accumulate ? t.c[idx] : 0;
        double mag = Math.abs(s);
        for (int p = 0; p < t.k; p++) {
          double x = (double) t.opA(i, p) * t.opB(p, j);
          s += x;
          mag += Math.abs(x);
        }
        double err = Math.abs(out[idx] - s) / (RTOL * mag + Float.MIN_NORMAL);
        if (!(err <= worst)) {
          worst = err;
          where = "C[" + i + "][" + j + "] = " + out[idx] + ", expected " + s;
        }
      }
    }
    String label =
        (t.transA ? "T" : "N") + (t.transB ? "T" : "N") + " m=" + t.m + " n=" + t.n + " k=" + t.k
            + " accumulate=" + accumulate;
    assertTrue(worst <= 1, label + ": error " + worst + " x tolerance at " + where);
    if (!checkOutside) {
      return;
    }
    boolean[] inside = new boolean[out.length];
    for (int i = 0; i < t.m; i++) {
      Arrays.fill(inside, t.cOff + i * t.ldc, t.cOff + i * t.ldc + t.n, true);
    }
    for (int x = 0; x < out.length; x++) {
      if (!inside[x]) {
        assertEquals(t.c[x], out[x], label + ": wrote outside C at " + x);
      }
    }
  }

  /** The plain float chain every element is defined as: s = fma(a, b, s) over p in order. */
  private static float[] fmaChain(Case t, boolean accumulate) {
    float[] out = t.c.clone();
    for (int i = 0; i < t.m; i++) {
      for (int j = 0; j < t.n; j++) {
        int idx = t.cOff + i * t.ldc + j;
        float s = accumulate ? out[idx] : 0f;
        for (int p = 0; p < t.k; p++) {
          s = Math.fma(t.opA(i, p), t.opB(p, j), s);
        }
        out[idx] = s;
      }
    }
    return out;
  }

  /**
   * {m, n, k}: tiny, odd, single row or column, k = 1, k above one block (1024), and enough columns
   * that op(A) is packed rather than read in place.
   */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {7, 13, 5}, {33, 65, 17}, {8, 32, 1}, {1, 100, 3}, {100, 1, 7}, {5, 3, 600},
    {16, 64, 64}, {129, 257, 300}, {64, 40, 1100}, {20, 600, 50}, {9, 530, 1030}
  };

  @Test
  void matchesDoubleReferenceForAllFormsShapesAndLayouts() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int[] s : SHAPES) {
      for (int form = 0; form < 4; form++) {
        Case t = randomCase(rnd, (form & 1) != 0, (form & 2) != 0, s[0], s[1], s[2], 5);
        for (boolean accumulate : new boolean[] {false, true}) {
          assertProduct(t, t.run(accumulate), accumulate);
        }
      }
    }
  }

  @Test
  void everyElementIsTheFmaChainBitForBit() {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int[] s : SHAPES) {
      for (int form = 0; form < 4; form++) {
        Case t = randomCase(rnd, (form & 1) != 0, (form & 2) != 0, s[0], s[1], s[2], 3);
        for (boolean accumulate : new boolean[] {false, true}) {
          assertArrayEquals(fmaChain(t, accumulate), t.run(accumulate), Arrays.toString(s));
        }
      }
    }
  }

  @Test
  void overwriteIgnoresGarbageInC() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int[] s : new int[][] {{7, 13, 5}, {40, 70, 600}}) {
      Case t = randomCase(rnd, false, true, s[0], s[1], s[2], 2);
      for (int i = 0; i < t.m; i++) {
        Arrays.fill(t.c, t.cOff + i * t.ldc, t.cOff + i * t.ldc + t.n, Float.NaN);
      }
      assertProduct(t, t.run(false), false);
    }
  }

  @Test
  void kZeroClearsOrKeepsC() {
    SplittableRandom rnd = new SplittableRandom(4);
    Case t = randomCase(rnd, false, false, 5, 9, 0, 3);
    float[] cleared = t.run(false);
    float[] kept = t.run(true);
    assertArrayEquals(t.c, kept);
    for (int i = 0; i < t.m; i++) {
      for (int j = 0; j < t.n; j++) {
        assertEquals(0f, cleared[t.cOff + i * t.ldc + j]);
      }
    }
    assertProduct(t, cleared, false);
  }

  @Test
  void emptyShapesDoNothing() {
    float[] c = {1, 2, 3};
    Gemm.sgemm(false, false, 0, 3, 4, new float[0], 0, 4, new float[12], 0, 3, c, 0, 3, false);
    Gemm.sgemm(false, false, 1, 0, 4, new float[4], 0, 4, new float[0], 0, 1, c, 0, 1, false);
    assertArrayEquals(new float[] {1, 2, 3}, c);
  }

  @Test
  void vectorAndScalarKernelsGiveTheSameBits() {
    assumeTrue(Simd.ENABLED, "vector kernels are off in this JVM");
    SplittableRandom rnd = new SplittableRandom(5);
    for (int[] s : SHAPES) {
      for (int form = 0; form < 4; form++) {
        Case t = randomCase(rnd, (form & 1) != 0, (form & 2) != 0, s[0], s[1], s[2], 3);
        for (boolean accumulate : new boolean[] {false, true}) {
          assertArrayEquals(
              t.run(accumulate, false), t.run(accumulate, true), Arrays.toString(s) + " " + form);
        }
      }
    }
  }

  @Test
  void scalarPathRunsWhenTheModuleIsAbsent() {
    if (Boolean.getBoolean("lernwerk.expectScalar")) {
      assertFalse(Simd.ENABLED);
      assertThrows(
          IllegalStateException.class,
          () -> Gemm.sgemm(false, false, 1, 1, 1, new float[1], 0, 1, new float[1], 0, 1,
              new float[1], 0, 1, false, true));
    }
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    int saved = Parallel.threads();
    SplittableRandom rnd = new SplittableRandom(6);
    // All above Gemm.SERIAL_WORK: rows split, panels split (few rows), several column blocks of
    // packed B, edge tiles.
    int[][] shapes = {{129, 257, 300}, {8, 1000, 300}, {3, 2000, 400}, {8, 4200, 1000}};
    try {
      assertTrue((long) 4200 * 1000 > Gemm.B_FLOATS, "the last shape must need two column blocks");
      for (int[] s : shapes) {
        assertTrue((long) s[0] * s[1] * s[2] >= Gemm.SERIAL_WORK, Arrays.toString(s));
        for (int form = 0; form < 4; form++) {
          Case t = randomCase(rnd, (form & 1) != 0, (form & 2) != 0, s[0], s[1], s[2], 3);
          Parallel.setThreads(1);
          float[] one = t.run(true);
          Parallel.setThreads(2);
          float[] two = t.run(true);
          assertArrayEquals(one, two, Arrays.toString(s) + " form " + form);
          if (form == 0) {
            assertProduct(t, two, true);
          }
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void batchedMatchesSeparateProductsIncludingSharedB() {
    int saved = Parallel.threads();
    SplittableRandom rnd = new SplittableRandom(7);
    try {
      Parallel.setThreads(2);
      // many small products (split over the batch) and few large ones (split inside each)
      int[][] shapes = {{200, 32, 32, 32}, {3, 150, 130, 170}, {5, 7, 13, 5}};
      for (int[] s : shapes) {
        int batch = s[0];
        int m = s[1];
        int n = s[2];
        int k = s[3];
        for (int form = 0; form < 4; form++) {
          boolean ta = (form & 1) != 0;
          boolean tb = (form & 2) != 0;
          int lda = (ta ? m : k) + 1;
          int ldb = tb ? k : n;
          int ldc = n + 2;
          int strideA = (ta ? k : m) * lda + 3;
          int strideC = m * ldc + 1;
          float[] a = random(rnd, 2 + batch * strideA);
          float[] b = random(rnd, (tb ? n : k) * ldb); // one B for every entry: stride 0
          float[] c = random(rnd, 1 + batch * strideC);
          for (boolean accumulate : new boolean[] {false, true}) {
            float[] expected = c.clone();
            for (int t = 0; t < batch; t++) {
              Gemm.sgemm(ta, tb, m, n, k, a, 2 + t * strideA, lda, b, 0, ldb, expected,
                  1 + t * strideC, ldc, accumulate);
            }
            float[] got = c.clone();
            Gemm.sgemmBatched(batch, ta, tb, m, n, k, a, 2, lda, strideA, b, 0, ldb, 0, got, 1,
                ldc, strideC, accumulate);
            assertArrayEquals(expected, got, Arrays.toString(s) + " form " + form);
            Case first = new Case(ta, tb, m, n, k, a, 2, lda, b, 0, ldb, c, 1, ldc);
            assertProduct(first, got, accumulate, false);
          }
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void rejectsBadArgumentsWithClearMessages() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gemm.sgemm(false, false, -1, 2, 2, new float[4], 0, 2, new float[4], 0, 2,
                new float[4], 0, 2, false));
    assertEquals("Gemm.sgemm: expected m, n, k >= 0, got m=-1 n=2 k=2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gemm.sgemm(false, false, 2, 2, 3, new float[5], 0, 3, new float[6], 0, 2,
                new float[4], 0, 2, false));
    assertTrue(e.getMessage().startsWith("Gemm.sgemm: A (2x3, offset 0, leading dim 3)"),
        e.getMessage());
  }
}
