package dev.lernwerk.kernel;

/**
 * Plain Java loops; the reference for {@link VectorKernels} (same results, bit for bit).
 *
 * <p>It also holds the scalar half of lernwerk's own float exp and log ({@link #exp}, {@link #expm1},
 * {@link #sigmoid}, {@link #tanh}, {@link #log}, {@link #softplus}), which {@link UnaryFn#apply} and
 * the softmax row kernels use. {@link VectorKernels} implements the same algorithms lane-wise with the
 * same constants and the same sequence of IEEE operations (add, sub, mul, div, fused multiply-add,
 * min/max, compares, integer shifts and adds on the bits), each of which rounds identically in a lane
 * and in a scalar, so both give the same bits for every input (all NaNs count as one; their payloads
 * are not specified). {@code Math.exp} cannot be used because the Vector API's lane-wise {@code EXP}
 * does not reproduce it bit for bit. Accuracy against the double-precision {@code Math} function
 * rounded to float, checked over all 2^32 inputs: exp, log and expm1 within 1 ulp, sigmoid and
 * softplus within 2, tanh within 3. {@code Math.fma} is a CPU instruction on x86 since Haswell and on
 * ARMv8; on a CPU without FMA the JDK computes it in software, which keeps the results but is slow.
 */
final class ScalarKernels implements FloatKernels {
  static final int LANES = 8;

  // ------------------------------------------------------------------ float exp, one algorithm
  //
  // exp(x) = 2^k * e^r with k = round(x / ln 2) and r = x - k*ln 2, |r| <= ln2/2 (+3e-6):
  //  1. clamp x to [EXP_LO, EXP_HI] (NaN stays NaN): below EXP_LO the result rounds to 0, above
  //     EXP_HI it overflows to +inf, and k stays in [-150, 128] so the bit tricks below are valid;
  //  2. z = fma(x, 1/ln2, SHIFT) rounds x/ln2 to an integer in the low mantissa bits of z
  //     (SHIFT = 1.5 * 2^23 keeps z in [2^23, 2^24) where the float spacing is 1), so
  //     k = bits(z) - bits(SHIFT) and kf = z - SHIFT exactly;
  //  3. Cody-Waite: r = fma(kf, -LN2_LO, fma(kf, -LN2_HI, x)); LN2_HI has 15 significant bits, so
  //     kf * LN2_HI is exact and the first step is exact (Sterbenz);
  //  4. e^r - 1 = r + r^2 * q(r), q a degree-4 weighted minimax fit of (e^r - 1 - r) / r^2 on
  //     [-0.3467, 0.3467] (relative error of 1 + r + r^2 q(r) below 3.1e-9), Horner with fma;
  //  5. scale by 2^k as 2^k1 * 2^k2 with k1 = k >> 1, k2 = k - k1 (both powers are normal floats
  //     built from exponent bits): fma(p, s1, s1) rounds 2^k1 (1 + p) once, in the normal range,
  //     and the final * s2 is exact unless the result overflows (+inf) or is subnormal, where it
  //     rounds once more: subnormal results are produced (within 1 ulp), not flushed to 0.
  // Max error against (float) Math.exp((double) x): 1 ulp over all 2^32 inputs (ExpTest samples).
  static final float EXP_HI = 89f;
  static final float EXP_LO = -104f;
  static final float EXPM1_LO = -17.5f;
  static final float INV_LN2 = 0x1.715476p+0f;
  static final float LN2_HI = 0x1.62e4p-1f;
  static final float LN2_LO = 0x1.7f7d1cp-20f;
  static final float SHIFT = 0x1.8p23f;
  static final int SHIFT_BITS = 0x4b400000;
  static final float C2 = 0x1.fffffcp-2f;
  static final float C3 = 0x1.555492p-3f;
  static final float C4 = 0x1.5558f2p-5f;
  static final float C5 = 0x1.123a0ap-7f;
  static final float C6 = 0x1.6a23f2p-10f;
  static final float TANH_CLAMP = 10f;

  /** e^r - 1 on the reduced range (step 4). */
  private static float expPoly(float r) {
    float q = Math.fma(Math.fma(Math.fma(Math.fma(C6, r, C5), r, C4), r, C3), r, C2);
    return Math.fma(q, r * r, r);
  }

  /** 2^k for k in [-126, 127], from the exponent bits. */
  private static float pow2(int k) {
    return Float.intBitsToFloat((k + 127) << 23);
  }

  /** e^x in float, within 1 ulp of the correctly rounded result (see the algorithm above). */
  static float exp(float x) {
    // the clamp as compares: same result as Math.min(Math.max(x, EXP_LO), EXP_HI), NaN included
    x = x < EXP_LO ? EXP_LO : x > EXP_HI ? EXP_HI : x;
    float z = Math.fma(x, INV_LN2, SHIFT);
    float kf = z - SHIFT;
    float r = Math.fma(kf, -LN2_LO, Math.fma(kf, -LN2_HI, x));
    float p = expPoly(r);
    int k = Float.floatToRawIntBits(z) - SHIFT_BITS;
    int k1 = k >> 1;
    float s1 = pow2(k1);
    return Math.fma(p, s1, s1) * pow2(k - k1);
  }

  /**
   * e^x - 1 in float, accurate near 0. With the reduction of {@link #exp} and s = 2^min(k, 127):
   *
   * <ul>
   *   <li>-24 <= k <= 24: fma(p, s, s - 1), where s - 1 is exact;
   *   <li>k > 24: fma(p - 2^-k, s, s) * 2^(k - 127 if k = 128), folding the -1 into p (exact for
   *       k = 25, where dropping it would cost half an ulp, negligible above);
   *   <li>k < -24 (x below about -16.6): fma(p, s, s) - 1, i.e. exp(x) - 1, which is -1 from about
   *       -17.33 down (x is clamped to EXPM1_LO);
   *   <li>x = ±0 gives x (the formula would turn -0 into +0).
   * </ul>
   */
  static float expm1(float x) {
    if (x == 0f) {
      return x;
    }
    x = x < EXPM1_LO ? EXPM1_LO : x > EXP_HI ? EXP_HI : x;
    float z = Math.fma(x, INV_LN2, SHIFT);
    float kf = z - SHIFT;
    float r = Math.fma(kf, -LN2_LO, Math.fma(kf, -LN2_HI, x));
    float p = expPoly(r);
    int k = Float.floatToRawIntBits(z) - SHIFT_BITS;
    int k1 = Math.min(k, 127);
    float s = pow2(k1);
    if (k < -24) {
      return Math.fma(p, s, s) - 1f;
    }
    if (k <= 24) {
      return Math.fma(p, s, s - 1f);
    }
    return Math.fma(p - pow2(-k1), s, s) * pow2(k - k1);
  }

  /** 1 / (1 + e^-x), stable: with e = exp(-|x|), 1 / (1 + e) for x >= 0 and e / (1 + e) below. */
  static float sigmoid(float x) {
    float e = exp(-Math.abs(x));
    return (x >= 0f ? 1f : e) / (1f + e);
  }

  /**
   * tanh x = sign(x) * t / (t + 2) with t = expm1(2|x|), |x| clamped to 10 (tanh(10) rounds to 1);
   * expm1 keeps the relative accuracy for small |x|, and the sign is copied from x (-0 stays -0).
   */
  static float tanh(float x) {
    float a = Math.abs(x);
    a = a > TANH_CLAMP ? TANH_CLAMP : a;
    float t = expm1(a + a);
    return Math.copySign(t / (t + 2f), x);
  }

  /**
   * log(1 + e^x) = max(x, 0) + log1p(exp(-|x|)), stable for large |x|; log1p of e = exp(-|x|) in
   * [0, 1] is log(u) + (e - (u - 1)) / u with u = 1 + e rounded (u - 1 and the difference are
   * exact, so the quotient corrects u's rounding).
   */
  static float softplus(float x) {
    float e = exp(-Math.abs(x));
    float u = 1f + e;
    return Math.max(x, 0f) + (log(u) + (e - (u - 1f)) / u);
  }

  // ------------------------------------------------------------------ float log, one algorithm
  //
  // log(x) = k*ln2 + log1p(f) with x = 2^k * (1 + f), 1 + f in [2/3, 4/3):
  //  1. specials first: x = ±0 gives -inf, +inf itself, negatives and NaN give NaN; subnormal x
  //     is scaled by 2^23 (exact) and k lowered by 23;
  //  2. t = bits(x) - bits(2/3): k = t >> 23 and 1 + f has the bits (t & 0x7fffff) + bits(2/3), so
  //     f = (1 + f) - 1 is exact (Sterbenz);
  //  3. log1p(f) = f + f^2 * q(f), q a degree-8 weighted minimax fit of (log1p(f) - f) / f^2 on
  //     [-1/3, 1/3] (relative error of the sum below 4.5e-9), Horner with fma;
  //  4. fma(k, ln2, log1p(f)) rounds once; ln2's float error adds at most 3e-9 relative.
  // Max error against (float) Math.log((double) x): 1 ulp over all 2^32 inputs (LogTest samples).
  static final int LOG_OFF = 0x3f2aaaab;
  static final float LN2 = 0x1.62e430p-1f;
  static final float L0 = -0x1.000000p-1f;
  static final float L1 = 0x1.555502p-2f;
  static final float L2 = -0x1.fffe84p-3f;
  static final float L3 = 0x1.99d1f4p-3f;
  static final float L4 = -0x1.55a754p-3f;
  static final float L5 = 0x1.1ebe62p-3f;
  static final float L6 = -0x1.f25dcep-4f;
  static final float L7 = 0x1.1ed15ep-3f;
  static final float L8 = -0x1.0931fcp-3f;

  /** The natural log in float; special values like {@code Math.log}. */
  static float log(float x) {
    int adj = 0;
    if (!(x >= Float.MIN_NORMAL && x <= Float.MAX_VALUE)) {
      if (x > 0f && x < Float.MIN_NORMAL) {
        x *= 0x1p23f;
        adj = 23;
      } else {
        return x == 0f ? Float.NEGATIVE_INFINITY : x > 0f ? x : Float.NaN;
      }
    }
    int t = Float.floatToRawIntBits(x) - LOG_OFF;
    float f = Float.intBitsToFloat((t & 0x007fffff) + LOG_OFF) - 1f;
    float q = Math.fma(Math.fma(Math.fma(Math.fma(L8, f, L7), f, L6), f, L5), f, L4);
    q = Math.fma(Math.fma(Math.fma(Math.fma(q, f, L3), f, L2), f, L1), f, L0);
    return Math.fma((float) ((t >> 23) - adj), LN2, Math.fma(q, f * f, f));
  }

  @Override
  public void binary(
      BinaryFn f, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
    switch (f) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = a[ao + i * as] + b[bo + i * bs];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = a[ao + i * as] - b[bo + i * bs];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = a[ao + i * as] * b[bo + i * bs];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = a[ao + i * as] / b[bo + i * bs];
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = f.apply(a[ao + i * as], b[bo + i * bs]);
        }
      }
    }
  }

  @Override
  public void unary(UnaryFn f, float[] a, int ao, int as, float[] o, int oo, int n, float p, float q) {
    switch (f) {
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = Math.max(a[ao + i * as], 0f);
        }
      }
      case NEG -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = -a[ao + i * as];
        }
      }
      case AFFINE -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = a[ao + i * as] * p + q;
        }
      }
      case EXP -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = exp(a[ao + i * as]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = sigmoid(a[ao + i * as]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = tanh(a[ao + i * as]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = log(a[ao + i * as]);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          o[oo + i] = f.apply(a[ao + i * as], p, q);
        }
      }
    }
  }

  @Override
  public float sum(float[] a, int ao, int n) {
    float[] acc = new float[LANES];
    int bound = n - n % LANES;
    for (int i = 0; i < bound; i += LANES) {
      for (int l = 0; l < LANES; l++) {
        acc[l] += a[ao + i + l];
      }
    }
    float s = 0;
    for (int l = 0; l < LANES; l++) {
      s += acc[l];
    }
    for (int i = bound; i < n; i++) {
      s += a[ao + i];
    }
    return s;
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    float[] acc = new float[LANES];
    int bound = n - n % LANES;
    for (int i = 0; i < bound; i += LANES) {
      for (int l = 0; l < LANES; l++) {
        acc[l] = Math.fma(a[ao + i + l], b[bo + i + l], acc[l]);
      }
    }
    float s = 0;
    for (int l = 0; l < LANES; l++) {
      s += acc[l];
    }
    for (int i = bound; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  @Override
  public float max(float[] a, int ao, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, a[ao + i]);
    }
    return m;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }
  }

  @Override
  public void accumulate(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += x[xo + i];
    }
  }

  // ------------------------------------------------------------------ softmax rows

  /** The softmax shift for a row maximum: -inf (all -inf or empty row) counts as 0, -0 as +0. */
  static float softmaxShift(float m) {
    return m == Float.NEGATIVE_INFINITY ? 0f : m + 0f;
  }

  /** The logsumexp shift: 0 when the maximum is infinite. */
  static float logSumExpShift(float m) {
    return Float.isInfinite(m) ? 0f : m + 0f;
  }

  @Override
  public void softmaxRows(float[] in, int io, float[] out, int oo, int rows, int len, boolean log) {
    for (int row = 0; row < rows; row++) {
      int a = io + row * len;
      int b = oo + row * len;
      float m = softmaxShift(max(in, a, len));
      for (int i = 0; i < len; i++) {
        out[b + i] = exp(in[a + i] - m);
      }
      float s = sum(out, b, len);
      if (log) {
        float lse = log(s);
        for (int i = 0; i < len; i++) {
          out[b + i] = (in[a + i] - m) - lse;
        }
      } else {
        float inv = 1f / s;
        for (int i = 0; i < len; i++) {
          out[b + i] *= inv;
        }
      }
    }
  }

  @Override
  public void logSumExpRows(float[] in, int io, int rows, int len, float[] out, int oo) {
    float[] e = new float[len];
    for (int row = 0; row < rows; row++) {
      int a = io + row * len;
      float m = logSumExpShift(max(in, a, len));
      for (int i = 0; i < len; i++) {
        e[i] = exp(in[a + i] - m);
      }
      out[oo + row] = log(sum(e, 0, len)) + m;
    }
  }
}
