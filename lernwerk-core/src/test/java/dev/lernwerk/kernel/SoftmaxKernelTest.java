package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The row kernels {@link FloatKernels#softmaxRows} and {@link FloatKernels#logSumExpRows}: the kernel
 * in use against the documented definition (written out here with the scalar exp and log and the
 * 8-lane sum order), bit for bit, for row lengths across the short-row and block sizes, special rows,
 * offsets, and nothing written outside the rows; rows sum to 1. Runs on both kernel paths.
 */
@Tag("kernels")
class SoftmaxKernelTest {
  private static final FloatKernels K = FloatKernels.INSTANCE;
  private static final float NINF = Float.NEGATIVE_INFINITY;

  static float rowMax(float[] a, int ao, int n) {
    float m = NINF;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, a[ao + i]);
    }
    return m;
  }

  /** The definition of softmaxRows for one row. */
  static void softmaxRow(float[] in, int io, float[] out, int oo, int len, boolean log) {
    float m = rowMax(in, io, len);
    m = m == NINF ? 0f : m + 0f;
    float[] e = new float[len];
    for (int i = 0; i < len; i++) {
      e[i] = ScalarKernels.exp(in[io + i] - m);
    }
    float s = FloatKernelsTest.referenceSum(e, 0, len);
    for (int i = 0; i < len; i++) {
      out[oo + i] = log ? (in[io + i] - m) - ScalarKernels.log(s) : e[i] * (1f / s);
    }
  }

  /** The definition of logSumExpRows for one row. */
  static float logSumExp(float[] in, int io, int len) {
    float m = rowMax(in, io, len);
    m = Float.isInfinite(m) ? 0f : m + 0f;
    float[] e = new float[len];
    for (int i = 0; i < len; i++) {
      e[i] = ScalarKernels.exp(in[io + i] - m);
    }
    return ScalarKernels.log(FloatKernelsTest.referenceSum(e, 0, len)) + m;
  }

  static float[] rows(Random r, int n, int kind) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = switch (kind) {
        case 0 -> (float) r.nextGaussian();
        case 1 -> (float) (r.nextGaussian() * 30);
        case 2 -> (float) (r.nextGaussian() * 1e4);
        default -> FloatKernelsTest.data(r, 1, true)[0];
      };
    }
    return a;
  }

  private static void sameBits(String what, float expected, float actual) {
    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
        () -> what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void softmaxRowsMatchTheDefinition() {
    Random r = new Random(11);
    int[] lens = {0, 1, 2, 3, 5, 7, 8, 9, 10, 15, 16, 17, 23, 31, 32, 33, 40, 100, 257, 1000};
    int[] rowCounts = {0, 1, 2, 3, 31, 32, 33, 70};
    for (boolean log : new boolean[] {false, true}) {
      for (int len : lens) {
        for (int rows : rowCounts) {
          if ((long) len * rows > 40_000) {
            continue;
          }
          int kind = r.nextInt(4);
          int io = r.nextInt(5);
          int oo = r.nextInt(5);
          float[] in = rows(r, io + rows * len + 3, kind);
          float[] out = new float[oo + rows * len + 20];
          java.util.Arrays.fill(out, 42f);
          K.softmaxRows(in, io, out, oo, rows, len, log);
          float[] want = new float[len];
          String what = (log ? "logSoftmax" : "softmax") + " len=" + len + " rows=" + rows
              + " kind=" + kind;
          for (int row = 0; row < rows; row++) {
            softmaxRow(in, io + row * len, want, 0, len, log);
            for (int i = 0; i < len; i++) {
              sameBits(what + " at [" + row + ", " + i + "]", want[i], out[oo + row * len + i]);
            }
          }
          for (int i = 0; i < out.length; i++) {
            if (i < oo || i >= oo + rows * len) {
              assertEquals(42f, out[i], what + ": wrote outside the rows at " + i);
            }
          }
        }
      }
    }
  }

  @Test
  void specialRows() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    float[][] rows = {
      {NINF, NINF, NINF}, {NINF, 3, 3}, {inf, 1, 2}, {nan, 1, 2}, {0f, -0f, 0f}, {-0f, -0f},
      {1e4f, -1e4f, 0}, {-200, -200, -1e30f}, {88, 0, -88}, {-0f}, {5}
    };
    for (float[] row : rows) {
      for (int len : new int[] {row.length, 20}) {
        // the row alone, and repeated to a long row (vector body, not the short-row path)
        float[] in = new float[len];
        for (int i = 0; i < len; i++) {
          in[i] = row[i % row.length];
        }
        for (boolean log : new boolean[] {false, true}) {
          float[] out = new float[len];
          float[] want = new float[len];
          K.softmaxRows(in, 0, out, 0, 1, len, log);
          softmaxRow(in, 0, want, 0, len, log);
          for (int i = 0; i < len; i++) {
            sameBits(java.util.Arrays.toString(in) + (log ? " log" : "") + " at " + i, want[i],
                out[i]);
          }
        }
        float[] lse = new float[1];
        K.logSumExpRows(in, 0, 1, len, lse, 0);
        sameBits("logsumexp " + java.util.Arrays.toString(in), logSumExp(in, 0, len), lse[0]);
      }
    }
    float[] lse = new float[2];
    K.logSumExpRows(new float[] {NINF, NINF, inf, 1}, 0, 2, 2, lse, 0);
    assertEquals(NINF, lse[0], "logsumexp of -inf");
    assertEquals(inf, lse[1], "logsumexp with +inf");
    float[] sm = new float[3];
    K.softmaxRows(new float[] {NINF, NINF, NINF}, 0, sm, 0, 1, 3, false);
    assertTrue(Float.isNaN(sm[0]), "softmax of a row of -inf is NaN, like PyTorch");
  }

  @Test
  void logSumExpRowsMatchTheDefinition() {
    Random r = new Random(12);
    for (int len : new int[] {0, 1, 3, 8, 10, 15, 16, 17, 40, 300}) {
      for (int rows : new int[] {0, 1, 5, 32, 33, 70}) {
        int kind = r.nextInt(4);
        int io = r.nextInt(5);
        float[] in = rows(r, io + rows * len + 2, kind);
        float[] out = new float[rows + 2];
        K.logSumExpRows(in, io, rows, len, out, 1);
        for (int row = 0; row < rows; row++) {
          sameBits("logsumexp len=" + len + " row " + row + " kind=" + kind,
              logSumExp(in, io + row * len, len), out[1 + row]);
        }
        assertEquals(0f, out[0]);
        assertEquals(0f, out[rows + 1]);
      }
    }
  }

  @Test
  void rowsSumToOne() {
    Random r = new Random(13);
    for (int len : new int[] {1, 2, 10, 16, 100, 1000}) {
      int rows = 40;
      float[] in = rows(r, rows * len, 1);
      float[] out = new float[rows * len];
      K.softmaxRows(in, 0, out, 0, rows, len, false);
      float[] ls = new float[rows * len];
      K.softmaxRows(in, 0, ls, 0, rows, len, true);
      for (int row = 0; row < rows; row++) {
        double s = 0;
        double se = 0;
        for (int i = 0; i < len; i++) {
          s += out[row * len + i];
          se += Math.exp(ls[row * len + i]);
        }
        assertEquals(1.0, s, 1e-6, "softmax row sum, len=" + len);
        assertEquals(1.0, se, 1e-5, "exp(logSoftmax) row sum, len=" + len);
      }
    }
  }
}
