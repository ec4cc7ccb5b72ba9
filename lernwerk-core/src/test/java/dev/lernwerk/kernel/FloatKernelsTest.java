package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel in use ({@link FloatKernels#INSTANCE}) against the scalar reference and against the
 * scalar definitions {@link BinaryFn#apply} / {@link UnaryFn#apply}, bit for bit, on random data
 * with special values, lengths 0..100 and strides 0, 1, 2. Runs on both kernel paths (tag
 * {@code kernels}).
 */
@Tag("kernels")
class FloatKernelsTest {
  private static final FloatKernels K = FloatKernels.INSTANCE;
  private static final FloatKernels REF = FloatKernels.scalar();
  private static final float[] SPECIAL = {
    Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
    -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f, 1f, -1f, 0.5f, 2f, 88.7f, -103f
  };

  static float[] data(Random r, int n, boolean specials) {
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = (float) (r.nextGaussian() * (r.nextInt(4) == 0 ? 30 : 1.5));
      if (specials && r.nextInt(7) == 0) {
        d[i] = SPECIAL[r.nextInt(SPECIAL.length)];
      }
    }
    return d;
  }

  private static void sameBits(String what, float expected, float actual) {
    if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
      fail(what + ": expected " + expected + " (0x" + Integer.toHexString(
          Float.floatToRawIntBits(expected)) + "), got " + actual + " (0x"
          + Integer.toHexString(Float.floatToRawIntBits(actual)) + ")");
    }
  }

  @Test
  void kernelPathMatchesTheJvmFlags() {
    boolean expectScalar = Boolean.getBoolean("lernwerk.expectScalar");
    assertEquals(!expectScalar, Simd.ENABLED,
        "Simd.ENABLED with lernwerk.expectScalar=" + expectScalar);
    assertEquals(expectScalar ? "scalar" : "vector", Simd.path());
    assertEquals(Simd.ENABLED ? "VectorKernels" : "ScalarKernels",
        K.getClass().getSimpleName());
  }

  @Test
  void binaryAgreesBitForBit() {
    Random r = new Random(1);
    int[] strides = {0, 1, 2};
    for (BinaryFn f : BinaryFn.values()) {
      for (int n = 0; n <= 100; n++) {
        for (int as : strides) {
          for (int bs : strides) {
            int ao = r.nextInt(3);
            int bo = r.nextInt(3);
            int oo = r.nextInt(3);
            float[] a = data(r, ao + Math.max(n, 1) * 2 + 1, true);
            float[] b = data(r, bo + Math.max(n, 1) * 2 + 1, true);
            if (f == BinaryFn.POW) {
              // keep pow mostly finite so differences would show
              for (int i = 0; i < b.length; i++) {
                b[i] = Float.isFinite(b[i]) ? b[i] % 4 : b[i];
              }
            }
            float[] o1 = new float[oo + n + 2];
            float[] o2 = new float[oo + n + 2];
            K.binary(f, a, ao, as, b, bo, bs, o1, oo, n);
            REF.binary(f, a, ao, as, b, bo, bs, o2, oo, n);
            for (int i = 0; i < o1.length; i++) {
              String what = f + " n=" + n + " strides " + as + "," + bs + " at " + i;
              sameBits(what + " (vector vs scalar)", o2[i], o1[i]);
              if (i >= oo && i < oo + n) {
                int k = i - oo;
                sameBits(what + " (scalar vs apply)", f.apply(a[ao + k * as], b[bo + k * bs]), o2[i]);
              } else {
                sameBits(what + " (outside the run stays untouched)", 0f, o1[i]);
              }
            }
          }
        }
      }
    }
  }

  static float[][] params(UnaryFn f) {
    return switch (f) {
      case CLAMP -> new float[][] {{-0.5f, 0.7f}, {0f, Float.POSITIVE_INFINITY}, {-1f, -1f}};
      case POWS -> new float[][] {{2f, 0}, {0.5f, 0}, {3f, 0}, {-1f, 0}, {1f, 0}, {0f, 0}};
      case AFFINE -> new float[][] {{1.5f, -0.25f}, {-1f, 0f}, {0f, 3f}};
      case LEAKY_RELU -> new float[][] {{0.01f, 0}, {0.2f, 0}, {-1f, 0}};
      default -> new float[][] {{0, 0}};
    };
  }

  @Test
  void unaryAgreesBitForBit() {
    Random r = new Random(2);
    for (UnaryFn f : UnaryFn.values()) {
      for (float[] pq : params(f)) {
        for (int n = 0; n <= 100; n++) {
          for (int as : new int[] {0, 1, 2}) {
            int ao = r.nextInt(3);
            int oo = r.nextInt(3);
            float[] a = data(r, ao + Math.max(n, 1) * 2 + 1, true);
            float[] o1 = new float[oo + n + 2];
            float[] o2 = new float[oo + n + 2];
            K.unary(f, a, ao, as, o1, oo, n, pq[0], pq[1]);
            REF.unary(f, a, ao, as, o2, oo, n, pq[0], pq[1]);
            for (int i = 0; i < o1.length; i++) {
              String what = f + "(" + pq[0] + ", " + pq[1] + ") n=" + n + " stride " + as + " at " + i;
              sameBits(what + " (vector vs scalar)", o2[i], o1[i]);
              if (i >= oo && i < oo + n) {
                sameBits(what + " (scalar vs apply)", f.apply(a[ao + (i - oo) * as], pq[0], pq[1]),
                    o2[i]);
              } else {
                sameBits(what + " (outside the run)", 0f, o1[i]);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void unaryInPlaceAliasing() {
    Random r = new Random(3);
    for (UnaryFn f : UnaryFn.values()) {
      float[] a = data(r, 77, true);
      float[] expect = new float[77];
      REF.unary(f, a, 3, 1, expect, 3, 70, 0.25f, 0.75f);
      K.unary(f, a, 3, 1, a, 3, 70, 0.25f, 0.75f);
      for (int i = 3; i < 73; i++) {
        sameBits(f + " in place at " + i, expect[i], a[i]);
      }
    }
  }

  /** The documented order: 8 interleaved partial sums, combined in lane order, then the tail. */
  static float referenceSum(float[] a, int ao, int n) {
    float[] acc = new float[8];
    int bound = n - n % 8;
    for (int i = 0; i < bound; i++) {
      acc[i % 8] += a[ao + i];
    }
    float s = 0;
    for (float x : acc) {
      s += x;
    }
    for (int i = bound; i < n; i++) {
      s += a[ao + i];
    }
    return s;
  }

  static float referenceDot(float[] a, int ao, float[] b, int bo, int n) {
    float[] acc = new float[8];
    int bound = n - n % 8;
    for (int i = 0; i < bound; i++) {
      acc[i % 8] = Math.fma(a[ao + i], b[bo + i], acc[i % 8]);
    }
    float s = 0;
    for (float x : acc) {
      s += x;
    }
    for (int i = bound; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  @Test
  void reductionsAgreeBitForBit() {
    Random r = new Random(4);
    for (int n = 0; n <= 100; n++) {
      for (boolean specials : new boolean[] {false, true}) {
        int ao = r.nextInt(5);
        int bo = r.nextInt(5);
        float[] a = data(r, ao + n + 3, specials);
        float[] b = data(r, bo + n + 3, specials);
        String at = " n=" + n + (specials ? " with specials" : "");
        sameBits("sum" + at, referenceSum(a, ao, n), K.sum(a, ao, n));
        sameBits("sum scalar" + at, referenceSum(a, ao, n), REF.sum(a, ao, n));
        sameBits("dot" + at, referenceDot(a, ao, b, bo, n), K.dot(a, ao, b, bo, n));
        sameBits("dot scalar" + at, referenceDot(a, ao, b, bo, n), REF.dot(a, ao, b, bo, n));
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          m = Math.max(m, a[ao + i]);
        }
        sameBits("max" + at, m, K.max(a, ao, n));
        sameBits("max scalar" + at, m, REF.max(a, ao, n));
        float alpha = (float) r.nextGaussian();
        float[] y1 = data(r, bo + n + 3, specials);
        float[] y2 = y1.clone();
        float[] y3 = y1.clone();
        K.axpy(alpha, a, ao, y1, bo, n);
        REF.axpy(alpha, a, ao, y2, bo, n);
        for (int i = 0; i < y3.length; i++) {
          float want = i >= bo && i < bo + n ? Math.fma(alpha, a[ao + i - bo], y3[i]) : y3[i];
          sameBits("axpy" + at + " at " + i, want, y1[i]);
          sameBits("axpy scalar" + at + " at " + i, want, y2[i]);
        }
        float[] z1 = data(r, bo + n + 3, specials);
        float[] z2 = z1.clone();
        float[] z3 = z1.clone();
        K.accumulate(a, ao, z1, bo, n);
        REF.accumulate(a, ao, z2, bo, n);
        for (int i = 0; i < z3.length; i++) {
          float want = i >= bo && i < bo + n ? z3[i] + a[ao + i - bo] : z3[i];
          sameBits("accumulate" + at + " at " + i, want, z1[i]);
          sameBits("accumulate scalar" + at + " at " + i, want, z2[i]);
        }
      }
    }
  }

  @Test
  void maxOfEmptyRunIsNegativeInfinityAndNanPropagates() {
    assertEquals(Float.NEGATIVE_INFINITY, K.max(new float[4], 2, 0));
    for (int n : new int[] {1, 7, 16, 33, 64}) {
      for (int pos = 0; pos < n; pos += 5) {
        float[] a = new float[n];
        a[pos] = Float.NaN;
        assertEquals(Float.NaN, K.max(a, 0, n), "n=" + n + " NaN at " + pos);
      }
    }
  }
}
