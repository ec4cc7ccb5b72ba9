package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * lernwerk's own float exp, expm1, sigmoid, tanh (and softplus, built on exp): accuracy in ulps
 * against the double-precision {@code Math} functions rounded to float, over every 257th of the 2^32
 * float bit patterns (every 1031st for the derived functions) plus windows of consecutive floats
 * around every boundary of the algorithm; the kernel in use against the scalar definition {@link
 * UnaryFn#apply}, bit for bit, on the same inputs and on mixed runs of lengths 0..1000. Runs on both
 * kernel paths (tag {@code kernels}).
 */
@Tag("kernels")
class ExpTest {
  private static final FloatKernels K = FloatKernels.INSTANCE;
  /** Every 257th bit pattern for exp (16.7 million inputs), every 1031st for the functions built on it. */
  private static final int STRIDE = 257;

  private static final int DERIVED_STRIDE = 1031;

  /** |got - (float) want| in ulps of (float) want; infinities and NaN must match exactly. */
  static double ulps(float got, double want) {
    float w = (float) want;
    if (Float.isNaN(w) || Float.isNaN(got) || Float.isInfinite(w) || Float.isInfinite(got)) {
      return Float.compare(w, got) == 0 || (Float.isNaN(w) && Float.isNaN(got))
          ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs((double) got - w) / Math.ulp(w);
  }

  static double sigmoidRef(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  static double softplusRef(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** Worst error of the kernel over {@code xs}, also checking it against apply bit for bit. */
  static double worst(UnaryFn f, DoubleUnaryOperator ref, float[] xs, int n, float[] out,
      float[] at) {
    K.unary(f, xs, 0, 1, out, 0, n, 0, 0);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      float want = f.apply(xs[i], 0, 0);
      if (Float.floatToIntBits(want) != Float.floatToIntBits(out[i])) {
        fail(f + "(" + xs[i] + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(xs[i]))
            + "): kernel gives " + out[i] + ", the scalar definition " + want);
      }
      double e = ulps(out[i], ref.applyAsDouble(xs[i]));
      if (e > worst) {
        worst = e;
        at[0] = xs[i];
      }
    }
    return worst;
  }

  /** Every STRIDE-th bit pattern, then windows of consecutive floats around the boundaries. */
  static void check(UnaryFn f, DoubleUnaryOperator ref, double maxUlps, float... boundaries) {
    checkEvery(f == UnaryFn.EXP ? STRIDE : DERIVED_STRIDE, f, ref, maxUlps, boundaries);
  }

  static void checkEvery(int stride, UnaryFn f, DoubleUnaryOperator ref, double maxUlps,
      float... boundaries) {
    int block = 1 << 15;
    float[] xs = new float[block];
    float[] out = new float[block];
    float[] at = new float[1];
    double worst = 0;
    float worstAt = 0;
    long b = 0;
    while (b <= 0xffffffffL) {
      int n = 0;
      while (n < block && b <= 0xffffffffL) {
        xs[n++] = Float.intBitsToFloat((int) b);
        b += stride;
      }
      double e = worst(f, ref, xs, n, out, at);
      if (e > worst) {
        worst = e;
        worstAt = at[0];
      }
    }
    for (float c : boundaries) {
      for (float s : new float[] {c, -c}) {
        int n = 0;
        for (int d = -2000; d < 2000; d++) {
          xs[n++] = Float.intBitsToFloat(Float.floatToRawIntBits(s) + d);
        }
        double e = worst(f, ref, xs, n, out, at);
        if (e > worst) {
          worst = e;
          worstAt = at[0];
        }
      }
    }
    assertTrue(worst <= maxUlps, f + ": max error " + worst + " ulp at " + worstAt + " (allowed "
        + maxUlps + ")");
  }

  @Test
  void expIsWithinOneUlp() {
    // overflow threshold, last normal result, last subnormal, half of it, |r| = ln2/2 ties, clamps
    check(UnaryFn.EXP, Math::exp, 1, 88.72284f, 87.33655f, 103.27893f, 103.97208f, 104f, 89f,
        0.34657359f, 1.0397208f, 86f, 1f, 1e-7f);
  }

  @Test
  void expm1IsWithinTwoUlps() {
    // the k = +-24/25 case boundaries, the -1 plateau, overflow, and tiny arguments
    check(UnaryFn.EXPM1, Math::expm1, 2, 16.6355f, 17.3287f, 17.5f, 88.72284f, 88.3763f,
        0.34657359f, 1e-7f, 1e-30f);
  }

  @Test
  void tanhIsWithinThreeUlps() {
    check(UnaryFn.TANH, Math::tanh, 3, 10f, 9.01f, 8.3177f, 0.17329f, 1e-4f, 1e-7f, 1e-30f);
  }

  @Test
  void sigmoidIsWithinTwoUlps() {
    check(UnaryFn.SIGMOID, ExpTest::sigmoidRef, 2, 86f, 87.33655f, 103.97208f, 104f, 16.63f,
        1e-7f);
  }

  @Test
  void softplusIsWithinTwoUlps() {
    check(UnaryFn.SOFTPLUS, ExpTest::softplusRef, 2, 86f, 104f, 16.63f, 1e-7f);
  }

  @Test
  void specialValues() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    float[][] exp = {{nan, nan}, {inf, inf}, {-inf, 0}, {0, 1}, {-0f, 1}, {89, inf}, {1e30f, inf},
        {-104, 0}, {-1e30f, 0}, {-103.5f, Float.MIN_VALUE}, {-103.98f, 0}};
    float[][] expm1 = {{nan, nan}, {inf, inf}, {-inf, -1}, {0, 0}, {-0f, -0f}, {-17.5f, -1},
        {-1e30f, -1}, {89, inf}, {Float.MIN_VALUE, Float.MIN_VALUE}, {1e-30f, 1e-30f}};
    float[][] tanh = {{nan, nan}, {inf, 1}, {-inf, -1}, {0, 0}, {-0f, -0f}, {10, 1}, {-1e30f, -1},
        {Float.MIN_VALUE, Float.MIN_VALUE}, {-1e-30f, -1e-30f}};
    float[][] sigmoid = {{nan, nan}, {inf, 1}, {-inf, 0}, {0, 0.5f}, {-0f, 0.5f}, {200, 1},
        {-200, 0}};
    expect(UnaryFn.EXP, exp);
    expect(UnaryFn.EXPM1, expm1);
    expect(UnaryFn.TANH, tanh);
    expect(UnaryFn.SIGMOID, sigmoid);
  }

  private static void expect(UnaryFn f, float[][] cases) {
    // each value alone (scalar tail) and inside a full run (vector body)
    for (float[] c : cases) {
      assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(f.apply(c[0], 0, 0)),
          f + "(" + c[0] + "): expected " + c[1] + ", got " + f.apply(c[0], 0, 0));
      float[] run = new float[64];
      java.util.Arrays.fill(run, c[0]);
      float[] out = new float[64];
      K.unary(f, run, 0, 1, out, 0, 64, 0, 0);
      for (float o : out) {
        assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(o),
            f + "(" + c[0] + ") in a run: expected " + c[1] + ", got " + o);
      }
    }
  }

  @Test
  void kernelMatchesDefinitionOnMixedRuns() {
    // a run mixes ordinary values with ones that take the kernels' slow paths (|x| > 86)
    Random r = new Random(7);
    UnaryFn[] fs = {UnaryFn.EXP, UnaryFn.EXPM1, UnaryFn.SIGMOID, UnaryFn.TANH, UnaryFn.SOFTPLUS,
        UnaryFn.LOG};
    for (UnaryFn f : fs) {
      for (int n : new int[] {0, 1, 7, 15, 16, 17, 31, 33, 64, 100, 1000}) {
        for (int trial = 0; trial < 3; trial++) {
          int ao = r.nextInt(4);
          int oo = r.nextInt(4);
          float[] a = new float[ao + n];
          for (int i = 0; i < a.length; i++) {
            a[i] = switch (r.nextInt(7)) {
              case 0 -> (float) (r.nextGaussian() * 100);
              case 1 -> (float) (r.nextDouble() * 40 - 120);
              case 2 -> FloatKernelsTest.data(r, 1, true)[0];
              default -> (float) (r.nextGaussian() * 3);
            };
          }
          float[] out = new float[oo + n + 1];
          K.unary(f, a, ao, 1, out, oo, n, 0, 0);
          for (int i = 0; i < n; i++) {
            float want = f.apply(a[ao + i], 0, 0);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(out[oo + i]),
                f + " n=" + n + " at " + i + " x=" + a[ao + i]);
          }
          assertEquals(0f, out[oo + n], f + " n=" + n + ": wrote past the run");
        }
      }
    }
  }
}
