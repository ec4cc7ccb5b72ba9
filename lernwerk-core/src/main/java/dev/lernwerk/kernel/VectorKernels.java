package dev.lernwerk.kernel;

import static dev.lernwerk.kernel.ScalarKernels.C2;
import static dev.lernwerk.kernel.ScalarKernels.C3;
import static dev.lernwerk.kernel.ScalarKernels.C4;
import static dev.lernwerk.kernel.ScalarKernels.C5;
import static dev.lernwerk.kernel.ScalarKernels.C6;
import static dev.lernwerk.kernel.ScalarKernels.EXPM1_LO;
import static dev.lernwerk.kernel.ScalarKernels.EXP_HI;
import static dev.lernwerk.kernel.ScalarKernels.EXP_LO;
import static dev.lernwerk.kernel.ScalarKernels.INV_LN2;
import static dev.lernwerk.kernel.ScalarKernels.L0;
import static dev.lernwerk.kernel.ScalarKernels.L1;
import static dev.lernwerk.kernel.ScalarKernels.L2;
import static dev.lernwerk.kernel.ScalarKernels.L3;
import static dev.lernwerk.kernel.ScalarKernels.L4;
import static dev.lernwerk.kernel.ScalarKernels.L5;
import static dev.lernwerk.kernel.ScalarKernels.L6;
import static dev.lernwerk.kernel.ScalarKernels.L7;
import static dev.lernwerk.kernel.ScalarKernels.L8;
import static dev.lernwerk.kernel.ScalarKernels.LN2;
import static dev.lernwerk.kernel.ScalarKernels.LN2_HI;
import static dev.lernwerk.kernel.ScalarKernels.LN2_LO;
import static dev.lernwerk.kernel.ScalarKernels.LOG_OFF;
import static dev.lernwerk.kernel.ScalarKernels.SHIFT;
import static dev.lernwerk.kernel.ScalarKernels.SHIFT_BITS;
import static dev.lernwerk.kernel.ScalarKernels.TANH_CLAMP;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops. Loaded only when {@link Simd#ENABLED}; results equal {@link ScalarKernels} bit for
 * bit (lane-wise IEEE operations; reductions use exactly 8 partial sums like the scalar path; exp,
 * expm1, sigmoid, tanh, log and softplus are lernwerk's own algorithms, written once in {@link
 * ScalarKernels} and repeated here operation for operation; the other transcendental functions use
 * the same scalar {@code Math} calls).
 */
final class VectorKernels implements FloatKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
  private static final ScalarKernels SCALAR = new ScalarKernels();

  @Override
  public void binary(
      BinaryFn f, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
    int w = S.length();
    if (n < w
        || !(f == BinaryFn.ADD || f == BinaryFn.SUB || f == BinaryFn.MUL || f == BinaryFn.DIV
            || f == BinaryFn.MAX || f == BinaryFn.MIN || f == BinaryFn.RELU_BACKWARD)
        || as > 1
        || bs > 1
        || (as == 0 && bs == 0)) {
      SCALAR.binary(f, a, ao, as, b, bo, bs, o, oo, n);
      return;
    }
    if (f == BinaryFn.RELU_BACKWARD) {
      if (as != 1 || bs != 1) {
        SCALAR.binary(f, a, ao, as, b, bo, bs, o, oo, n);
        return;
      }
      FloatVector zero = FloatVector.zero(S);
      int bound = S.loopBound(n);
      int i = 0;
      for (; i < bound; i += w) {
        FloatVector vb = FloatVector.fromArray(S, b, bo + i);
        zero.blend(FloatVector.fromArray(S, a, ao + i), vb.compare(VectorOperators.GT, zero))
            .intoArray(o, oo + i);
      }
      if (i < n) {
        SCALAR.binary(f, a, ao + i, 1, b, bo + i, 1, o, oo + i, n - i);
      }
      return;
    }
    // one loop per operator: the Vector API intrinsifies a lanewise operation only when the
    // operator is a compile-time constant, so a shared loop over a variable operator runs slowly
    int bound = S.loopBound(n);
    int i = 0;
    switch (f) {
      case ADD -> {
        if (as == 1 && bs == 1) {
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        } else if (as == 1) {
          FloatVector vb = FloatVector.broadcast(S, b[bo]);
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).add(vb).intoArray(o, oo + i);
          }
        } else {
          FloatVector va = FloatVector.broadcast(S, a[ao]);
          for (; i < bound; i += w) {
            va.add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        }
      }
      case SUB -> {
        if (as == 1 && bs == 1) {
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        } else if (as == 1) {
          FloatVector vb = FloatVector.broadcast(S, b[bo]);
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).sub(vb).intoArray(o, oo + i);
          }
        } else {
          FloatVector va = FloatVector.broadcast(S, a[ao]);
          for (; i < bound; i += w) {
            va.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        }
      }
      case MUL -> {
        if (as == 1 && bs == 1) {
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        } else if (as == 1) {
          FloatVector vb = FloatVector.broadcast(S, b[bo]);
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).mul(vb).intoArray(o, oo + i);
          }
        } else {
          FloatVector va = FloatVector.broadcast(S, a[ao]);
          for (; i < bound; i += w) {
            va.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        }
      }
      case DIV -> {
        if (as == 1 && bs == 1) {
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        } else if (as == 1) {
          FloatVector vb = FloatVector.broadcast(S, b[bo]);
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).div(vb).intoArray(o, oo + i);
          }
        } else {
          FloatVector va = FloatVector.broadcast(S, a[ao]);
          for (; i < bound; i += w) {
            va.div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        }
      }
      case MAX -> {
        if (as == 1 && bs == 1) {
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        } else if (as == 1) {
          FloatVector vb = FloatVector.broadcast(S, b[bo]);
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).max(vb).intoArray(o, oo + i);
          }
        } else {
          FloatVector va = FloatVector.broadcast(S, a[ao]);
          for (; i < bound; i += w) {
            va.max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        }
      }
      case MIN -> {
        if (as == 1 && bs == 1) {
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        } else if (as == 1) {
          FloatVector vb = FloatVector.broadcast(S, b[bo]);
          for (; i < bound; i += w) {
            FloatVector.fromArray(S, a, ao + i).min(vb).intoArray(o, oo + i);
          }
        } else {
          FloatVector va = FloatVector.broadcast(S, a[ao]);
          for (; i < bound; i += w) {
            va.min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
          }
        }
      }
      default -> throw new AssertionError(f);
    }
    if (i < n) {
      SCALAR.binary(f, a, ao + i * as, as, b, bo + i * bs, bs, o, oo + i, n - i);
    }
  }

  @Override
  public void unary(UnaryFn f, float[] a, int ao, int as, float[] o, int oo, int n, float p, float q) {
    int w = S.length();
    if (as != 1 || n < w || !f.exactVector()) {
      SCALAR.unary(f, a, ao, as, o, oo, n, p, q);
      return;
    }
    int bound = S.loopBound(n);
    int i = 0;
    switch (f) {
      case NEG -> {
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, a, ao + i).neg().intoArray(o, oo + i);
        }
      }
      case ABS -> {
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, a, ao + i).abs().intoArray(o, oo + i);
        }
      }
      case SQRT -> {
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, a, ao + i).sqrt().intoArray(o, oo + i);
        }
      }
      case RSQRT -> {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += w) {
          one.div(FloatVector.fromArray(S, a, ao + i).sqrt()).intoArray(o, oo + i);
        }
      }
      case SQUARE -> {
        for (; i < bound; i += w) {
          FloatVector v = FloatVector.fromArray(S, a, ao + i);
          v.mul(v).intoArray(o, oo + i);
        }
      }
      case RECIPROCAL -> {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += w) {
          one.div(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        }
      }
      case RELU -> {
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, a, ao + i).max(zero).intoArray(o, oo + i);
        }
      }
      case CLAMP -> {
        FloatVector lo = FloatVector.broadcast(S, p);
        FloatVector hi = FloatVector.broadcast(S, q);
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, a, ao + i).max(lo).min(hi).intoArray(o, oo + i);
        }
      }
      case AFFINE -> {
        FloatVector vp = FloatVector.broadcast(S, p);
        FloatVector vq = FloatVector.broadcast(S, q);
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, a, ao + i).mul(vp).add(vq).intoArray(o, oo + i);
        }
      }
      case LEAKY_RELU -> {
        FloatVector vp = FloatVector.broadcast(S, p);
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += w) {
          FloatVector v = FloatVector.fromArray(S, a, ao + i);
          v.blend(v.mul(vp), v.compare(VectorOperators.LE, zero)).intoArray(o, oo + i);
        }
      }
      case EXP -> {
        expRun(a, ao, 0f, o, oo, n);
        return;
      }
      case EXPM1 -> {
        expm1Run(a, ao, o, oo, n);
        return;
      }
      case SIGMOID -> {
        sigmoidRun(a, ao, o, oo, n);
        return;
      }
      case TANH -> {
        tanhRun(a, ao, o, oo, n);
        return;
      }
      case LOG -> {
        logRun(a, ao, o, oo, n);
        return;
      }
      case SOFTPLUS -> {
        softplusRun(a, ao, o, oo, n);
        return;
      }
      default -> throw new AssertionError(f);
    }
    if (i < n) {
      SCALAR.unary(f, a, ao + i, 1, o, oo + i, n - i, p, q);
    }
  }

  @Override
  public float sum(float[] a, int ao, int n) {
    int bound = n - n % 8;
    FloatVector acc = FloatVector.zero(S8);
    for (int i = 0; i < bound; i += 8) {
      acc = acc.add(FloatVector.fromArray(S8, a, ao + i));
    }
    float s = combine(acc);
    for (int i = bound; i < n; i++) {
      s += a[ao + i];
    }
    return s;
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    int bound = n - n % 8;
    FloatVector acc = FloatVector.zero(S8);
    for (int i = 0; i < bound; i += 8) {
      acc = FloatVector.fromArray(S8, a, ao + i).fma(FloatVector.fromArray(S8, b, bo + i), acc);
    }
    float s = combine(acc);
    for (int i = bound; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  private static float combine(FloatVector acc) {
    float s = 0;
    for (int l = 0; l < 8; l++) {
      s += acc.lane(l);
    }
    return s;
  }

  @Override
  public float max(float[] a, int ao, int n) {
    int w = S.length();
    if (n < 2 * w) {
      return SCALAR.max(a, ao, n);
    }
    int bound = S.loopBound(n);
    FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < bound; i += w) {
      acc = acc.max(FloatVector.fromArray(S, a, ao + i));
    }
    // max is exact and order-independent except for NaN, which both paths propagate
    float m = acc.reduceLanes(VectorOperators.MAX);
    for (int i = bound; i < n; i++) {
      m = Math.max(m, a[ao + i]);
    }
    return m;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector va = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (; i < bound; i += w) {
      va.fma(FloatVector.fromArray(S, x, xo + i), FloatVector.fromArray(S, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }
  }

  @Override
  public void accumulate(float[] x, int xo, float[] y, int yo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector.fromArray(S, y, yo + i)
          .add(FloatVector.fromArray(S, x, xo + i))
          .intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += x[xo + i];
    }
  }

  // ------------------------------------------------------------------ softmax rows

  /** Rows shorter than this take one masked vector each ({@link #shortRows}). */
  private static final int SHORT_ROW = Math.min(S.length(), 16);

  private static final int SOFTMAX = 0;
  private static final int LOG_SOFTMAX = 1;
  private static final int LOG_SUM_EXP = 2;

  /** Rows per block of {@link #shortRows}. */
  private static final int BLOCK = 32;

  /**
   * Softmax, log-softmax or logsumexp of rows shorter than {@link #SHORT_ROW}, in blocks of rows and
   * four passes: per row (one masked load) the shift m and d = x - m into a scratch block; exp over
   * the whole block at once (full vectors); the row sums; the outputs. Each row's {@link #sum} order
   * is plain left-to-right from 0 here (each of the 8 partial sums holds at most one element, and exp
   * never gives -0), which is how the sums are added up.
   *
   * <p>Row stores are full vectors where possible: the lanes past a row's end land in the next row's
   * place, which is written after it, and the scratch has a vector of slack. Output rows whose vector
   * would reach past {@code out[oo + rows*len)} are stored with a mask, so nothing outside the call's
   * rows is touched. (Masked stores are slower, and a masked load overlapping a recent masked store
   * stalls store forwarding.)
   */
  private static void shortRows(
      float[] in, int io, float[] out, int oo, int rows, int len, int mode) {
    int w = S.length();
    VectorMask<Float> mask = S.indexInRange(0, len);
    int block = Math.min(BLOCK, rows);
    float[] shift = new float[block];
    float[] scale = new float[block];
    float[] d = new float[block * len + w];
    float[] e = new float[block * len + w];
    for (int r0 = 0; r0 < rows; r0 += BLOCK) {
      int nr = Math.min(BLOCK, rows - r0);
      int a0 = io + r0 * len;
      for (int r = 0; r < nr; r++) {
        FloatVector v = FloatVector.fromArray(S, in, a0 + r * len, mask);
        float max = v.reduceLanes(VectorOperators.MAX, mask);
        float m = mode == LOG_SUM_EXP
            ? ScalarKernels.logSumExpShift(max) : ScalarKernels.softmaxShift(max);
        shift[r] = m;
        v.sub(m).intoArray(d, r * len);
      }
      expRun(d, 0, 0f, e, 0, nr * len);
      // four rows at a time: four independent chains of adds, each in its row's order
      int r4 = 0;
      for (; r4 + 4 <= nr; r4 += 4) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int j = r4 * len, end = j + len; j < end; j++) {
          s0 += e[j];
          s1 += e[j + len];
          s2 += e[j + 2 * len];
          s3 += e[j + 3 * len];
        }
        scale[r4] = s0;
        scale[r4 + 1] = s1;
        scale[r4 + 2] = s2;
        scale[r4 + 3] = s3;
      }
      for (int r = r4; r < nr; r++) {
        float sum = 0f;
        for (int j = r * len, end = j + len; j < end; j++) {
          sum += e[j];
        }
        scale[r] = sum;
      }
      if (mode == SOFTMAX) {
        for (int r = 0; r < nr; r++) {
          scale[r] = 1f / scale[r];
        }
      }
      if (mode != SOFTMAX) {
        logRun(scale, 0, scale, 0, nr);
      }
      if (mode == LOG_SUM_EXP) {
        for (int r = 0; r < nr; r++) {
          out[oo + r0 + r] = scale[r] + shift[r];
        }
        continue;
      }
      // full stores only where the whole vector stays inside this call's output rows
      int limit = oo + rows * len - w;
      for (int r = 0; r < nr; r++) {
        int at = oo + (r0 + r) * len;
        if (mode == SOFTMAX) {
          FloatVector v = FloatVector.fromArray(S, e, r * len).mul(scale[r]);
          if (at <= limit) {
            v.intoArray(out, at);
          } else {
            v.intoArray(out, at, mask);
          }
        } else {
          FloatVector v = FloatVector.fromArray(S, d, r * len).sub(scale[r]);
          if (at <= limit) {
            v.intoArray(out, at);
          } else {
            v.intoArray(out, at, mask);
          }
        }
      }
    }
  }

  @Override
  public void softmaxRows(float[] in, int io, float[] out, int oo, int rows, int len, boolean log) {
    if (len < SHORT_ROW) {
      shortRows(in, io, out, oo, rows, len, log ? LOG_SOFTMAX : SOFTMAX);
      return;
    }
    int w = S.length();
    int bound = S.loopBound(len);
    for (int row = 0; row < rows; row++) {
      int a = io + row * len;
      int b = oo + row * len;
      float m = ScalarKernels.softmaxShift(max(in, a, len));
      expRun(in, a, m, out, b, len);
      float s = sum(out, b, len);
      int i = 0;
      if (log) {
        float lse = ScalarKernels.log(s);
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, in, a + i).sub(m).sub(lse).intoArray(out, b + i);
        }
        for (; i < len; i++) {
          out[b + i] = (in[a + i] - m) - lse;
        }
      } else {
        float inv = 1f / s;
        for (; i < bound; i += w) {
          FloatVector.fromArray(S, out, b + i).mul(inv).intoArray(out, b + i);
        }
        for (; i < len; i++) {
          out[b + i] *= inv;
        }
      }
    }
  }

  @Override
  public void logSumExpRows(float[] in, int io, int rows, int len, float[] out, int oo) {
    if (len < SHORT_ROW) {
      shortRows(in, io, out, oo, rows, len, LOG_SUM_EXP);
      return;
    }
    float[] e = new float[len];
    for (int row = 0; row < rows; row++) {
      int a = io + row * len;
      float m = ScalarKernels.logSumExpShift(max(in, a, len));
      expRun(in, a, m, e, 0, len);
      out[oo + row] = ScalarKernels.log(sum(e, 0, len)) + m;
    }
  }

  // ------------------------------------------------------------------ exp family (see ScalarKernels)
  //
  // Each loop below repeats ScalarKernels' algorithm operation for operation, written out inside the
  // loop on purpose: a helper method taking or returning vectors is not reliably inlined by C2 (it may
  // be compiled on its own first, or the caller may reach the inlining node limit), and an out-of-line
  // call boxes every vector, which is many times slower. The tests compare every loop with the scalar
  // definition over a stride of all 2^32 float bit patterns.

  /**
   * Below this |x| every lane's k lies in [-124, 124], where 2^k and the result are normal floats:
   * then one scale, fma(p, 2^k, 2^k), rounds exactly like ScalarKernels.exp's two scales (scaling by a
   * power of two commutes with rounding in the normal range) and the clamp changes nothing.
   */
  private static final float EXP_FAST = 86f;

  /** The bits of 1f: adding them to k << 23 gives the bits of 2^k. */
  private static final int ONE_BITS = 0x3f800000;

  /**
   * {@code o[oo+i] = exp(a[ao+i] - shift)} for {@code i < n} (with shift 0 this is exp itself: x - 0
   * is x, also for -0 and NaN). Vectors with a lane beyond {@link #EXP_FAST} take the full algorithm.
   */
  static void expRun(float[] a, int ao, float shift, float[] o, int oo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector fast = FloatVector.broadcast(S, EXP_FAST);
    FloatVector lo = FloatVector.broadcast(S, EXP_LO);
    FloatVector hi = FloatVector.broadcast(S, EXP_HI);
    FloatVector invLn2 = FloatVector.broadcast(S, INV_LN2);
    FloatVector magic = FloatVector.broadcast(S, SHIFT);
    FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
    FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
    FloatVector c2 = FloatVector.broadcast(S, C2);
    FloatVector c3 = FloatVector.broadcast(S, C3);
    FloatVector c4 = FloatVector.broadcast(S, C4);
    FloatVector c5 = FloatVector.broadcast(S, C5);
    FloatVector c6 = FloatVector.broadcast(S, C6);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i).sub(shift);
      if (x.abs().compare(VectorOperators.GT, fast).anyTrue()) {
        x = x.max(lo).min(hi);
        FloatVector z = x.fma(invLn2, magic);
        FloatVector kf = z.sub(magic);
        FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
        FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
        IntVector k = z.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        p.fma(s1, s1).mul(s2).intoArray(o, oo + i);
      } else {
        FloatVector z = x.fma(invLn2, magic);
        FloatVector kf = z.sub(magic);
        FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
        FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
        // bits(z) << 23 == k << 23: the bits of SHIFT shift out
        FloatVector s = z.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
            .add(ONE_BITS).reinterpretAsFloats();
        p.fma(s, s).intoArray(o, oo + i);
      }
    }
    for (; i < n; i++) {
      o[oo + i] = ScalarKernels.exp(a[ao + i] - shift);
    }
  }

  /**
   * {@code o[oo+i] = expm1(a[ao+i])}: ScalarKernels.expm1's three cases as one expression,
   * fma(p - c, s, s - d) * 2^(k - k1) - e with (c, d, e) = (0, 0, 1) for k < -24, (0, 1, 0) for
   * |k| <= 24 and (2^-k1, 0, 0) above (subtracting 0 and multiplying by 1 are exact, so each lane
   * equals its scalar case), and x itself where x = ±0.
   */
  static void expm1Run(float[] a, int ao, float[] o, int oo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector lo = FloatVector.broadcast(S, EXPM1_LO);
    FloatVector hi = FloatVector.broadcast(S, EXP_HI);
    FloatVector invLn2 = FloatVector.broadcast(S, INV_LN2);
    FloatVector magic = FloatVector.broadcast(S, SHIFT);
    FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
    FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
    FloatVector c2 = FloatVector.broadcast(S, C2);
    FloatVector c3 = FloatVector.broadcast(S, C3);
    FloatVector c4 = FloatVector.broadcast(S, C4);
    FloatVector c5 = FloatVector.broadcast(S, C5);
    FloatVector c6 = FloatVector.broadcast(S, C6);
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      FloatVector x = v.max(lo).min(hi);
      FloatVector z = x.fma(invLn2, magic);
      FloatVector kf = z.sub(magic);
      FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
      FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
      IntVector k = z.reinterpretAsInts().sub(SHIFT_BITS);
      IntVector k1 = k.min(127);
      FloatVector s = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector s2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector inv = k1.neg().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      VectorMask<Float> low = k.compare(VectorOperators.LT, -24).cast(S);
      VectorMask<Float> high = k.compare(VectorOperators.GT, 24).cast(S);
      FloatVector c = zero.blend(inv, high);
      FloatVector d = one.blend(zero, low.or(high));
      FloatVector e = zero.blend(one, low);
      FloatVector y = p.sub(c).fma(s, s.sub(d)).mul(s2).sub(e);
      y.blend(v, v.compare(VectorOperators.EQ, zero)).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      o[oo + i] = ScalarKernels.expm1(a[ao + i]);
    }
  }

  /**
   * {@code o[oo+i] = sigmoid(a[ao+i])}: ScalarKernels.sigmoid, with exp(-|x|) written out (one scale
   * while every |x| is below {@link #EXP_FAST}, as in {@link #expRun}).
   */
  static void sigmoidRun(float[] a, int ao, float[] o, int oo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector fast = FloatVector.broadcast(S, EXP_FAST);
    FloatVector lo = FloatVector.broadcast(S, EXP_LO);
    FloatVector invLn2 = FloatVector.broadcast(S, INV_LN2);
    FloatVector magic = FloatVector.broadcast(S, SHIFT);
    FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
    FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
    FloatVector c2 = FloatVector.broadcast(S, C2);
    FloatVector c3 = FloatVector.broadcast(S, C3);
    FloatVector c4 = FloatVector.broadcast(S, C4);
    FloatVector c5 = FloatVector.broadcast(S, C5);
    FloatVector c6 = FloatVector.broadcast(S, C6);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      // -|v| is at most 0, so the clamp to EXP_HI changes nothing and is left out
      FloatVector x = v.abs().neg();
      FloatVector e;
      if (x.compare(VectorOperators.LT, fast.neg()).anyTrue()) {
        x = x.max(lo);
        FloatVector z = x.fma(invLn2, magic);
        FloatVector kf = z.sub(magic);
        FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
        FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
        IntVector k = z.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        e = p.fma(s1, s1).mul(s2);
      } else {
        FloatVector z = x.fma(invLn2, magic);
        FloatVector kf = z.sub(magic);
        FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
        FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
        FloatVector s = z.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
            .add(ONE_BITS).reinterpretAsFloats();
        e = p.fma(s, s);
      }
      e.blend(one, v.compare(VectorOperators.GE, zero)).div(one.add(e)).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      o[oo + i] = ScalarKernels.sigmoid(a[ao + i]);
    }
  }

  /**
   * {@code o[oo+i] = tanh(a[ao+i])}: ScalarKernels.tanh, the sign copied bit-wise like Math.copySign.
   * Its expm1 argument 2|x| lies in [0, 20] (or is NaN), where ScalarKernels.expm1 takes only its
   * middle and upper cases with k <= 29 (the final scaling by 2^0 and the subtraction of 0 are exact,
   * and the formula gives +0 for 2|x| = +0 like the scalar zero case), so only those two cases are
   * written out.
   */
  static void tanhRun(float[] a, int ao, float[] o, int oo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector clamp = FloatVector.broadcast(S, TANH_CLAMP);
    FloatVector invLn2 = FloatVector.broadcast(S, INV_LN2);
    FloatVector magic = FloatVector.broadcast(S, SHIFT);
    FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
    FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
    FloatVector c2 = FloatVector.broadcast(S, C2);
    FloatVector c3 = FloatVector.broadcast(S, C3);
    FloatVector c4 = FloatVector.broadcast(S, C4);
    FloatVector c5 = FloatVector.broadcast(S, C5);
    FloatVector c6 = FloatVector.broadcast(S, C6);
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector two = FloatVector.broadcast(S, 2f);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      FloatVector x = v.abs().min(clamp);
      x = x.add(x);
      FloatVector z = x.fma(invLn2, magic);
      FloatVector kf = z.sub(magic);
      FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
      FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
      IntVector k = z.reinterpretAsInts().sub(SHIFT_BITS);
      FloatVector s = k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector inv = k.neg().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      VectorMask<Float> high = k.compare(VectorOperators.GT, 24).cast(S);
      FloatVector c = zero.blend(inv, high);
      FloatVector d = one.blend(zero, high);
      FloatVector t = p.sub(c).fma(s, s.sub(d));
      IntVector y = t.div(t.add(two)).reinterpretAsInts();
      IntVector sign = v.reinterpretAsInts().and(0x80000000);
      y.and(0x7fffffff).or(sign).reinterpretAsFloats().intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      o[oo + i] = ScalarKernels.tanh(a[ao + i]);
    }
  }

  // ------------------------------------------------------------------ log (see ScalarKernels.log)

  /** Bits of Float.MIN_NORMAL and the span of the positive normal floats' bits. */
  private static final int MIN_NORMAL_BITS = 0x00800000;

  private static final int NORMAL_SPAN = 0x7f7fffff - MIN_NORMAL_BITS;

  /**
   * {@code o[oo+i] = log(a[ao+i])} (o may be a). Vectors whose lanes are all positive normal floats
   * (one unsigned compare on the bits) skip the special cases; the others scale subnormals and blend
   * the special values in, exactly as ScalarKernels.log does per value.
   */
  static void logRun(float[] a, int ao, float[] o, int oo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector ln2 = FloatVector.broadcast(S, LN2);
    FloatVector l0 = FloatVector.broadcast(S, L0);
    FloatVector l1 = FloatVector.broadcast(S, L1);
    FloatVector l2 = FloatVector.broadcast(S, L2);
    FloatVector l3 = FloatVector.broadcast(S, L3);
    FloatVector l4 = FloatVector.broadcast(S, L4);
    FloatVector l5 = FloatVector.broadcast(S, L5);
    FloatVector l6 = FloatVector.broadcast(S, L6);
    FloatVector l7 = FloatVector.broadcast(S, L7);
    FloatVector l8 = FloatVector.broadcast(S, L8);
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      IntVector bits = x.reinterpretAsInts();
      if (bits.sub(MIN_NORMAL_BITS).compare(VectorOperators.UGT, NORMAL_SPAN).anyTrue()) {
        VectorMask<Float> sub = x.compare(VectorOperators.GT, 0f)
            .and(x.compare(VectorOperators.LT, Float.MIN_NORMAL));
        FloatVector xs = x.blend(x.mul(0x1p23f), sub);
        IntVector adj = IntVector.zero(bits.species()).blend(23, sub.cast(bits.species()));
        IntVector t = xs.reinterpretAsInts().sub(LOG_OFF);
        FloatVector f = t.and(0x007fffff).add(LOG_OFF).reinterpretAsFloats().sub(one);
        FloatVector q = l8.fma(f, l7).fma(f, l6).fma(f, l5).fma(f, l4);
        q = q.fma(f, l3).fma(f, l2).fma(f, l1).fma(f, l0);
        FloatVector kf = (FloatVector) t.lanewise(VectorOperators.ASHR, 23).sub(adj)
            .convert(VectorOperators.I2F, 0);
        FloatVector y = kf.fma(ln2, q.fma(f.mul(f), f));
        // the special values of ScalarKernels.log: ±0 -> -inf, +inf -> +inf, below 0 or NaN -> NaN
        VectorMask<Float> normal = xs.compare(VectorOperators.GE, Float.MIN_NORMAL)
            .and(xs.compare(VectorOperators.LE, Float.MAX_VALUE));
        FloatVector special = FloatVector.broadcast(S, Float.NaN)
            .blend(x, x.compare(VectorOperators.GT, 0f))
            .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        special.blend(y, normal).intoArray(o, oo + i);
      } else {
        IntVector t = bits.sub(LOG_OFF);
        FloatVector f = t.and(0x007fffff).add(LOG_OFF).reinterpretAsFloats().sub(one);
        FloatVector q = l8.fma(f, l7).fma(f, l6).fma(f, l5).fma(f, l4);
        q = q.fma(f, l3).fma(f, l2).fma(f, l1).fma(f, l0);
        FloatVector kf = (FloatVector) t.lanewise(VectorOperators.ASHR, 23)
            .convert(VectorOperators.I2F, 0);
        kf.fma(ln2, q.fma(f.mul(f), f)).intoArray(o, oo + i);
      }
    }
    for (; i < n; i++) {
      o[oo + i] = ScalarKernels.log(a[ao + i]);
    }
  }

  /**
   * {@code o[oo+i] = softplus(a[ao+i])}: ScalarKernels.softplus with exp (as in {@link #sigmoidRun})
   * and log written out. The log's argument u = 1 + exp(-|x|) lies in [1, 2] or is NaN, so its
   * special cases are left out: for NaN the correction term (e - (u - 1)) / u is NaN, and so is the
   * result, as in the scalar code.
   */
  static void softplusRun(float[] a, int ao, float[] o, int oo, int n) {
    int w = S.length();
    int bound = S.loopBound(n);
    FloatVector fast = FloatVector.broadcast(S, EXP_FAST);
    FloatVector lo = FloatVector.broadcast(S, EXP_LO);
    FloatVector invLn2 = FloatVector.broadcast(S, INV_LN2);
    FloatVector magic = FloatVector.broadcast(S, SHIFT);
    FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
    FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
    FloatVector c2 = FloatVector.broadcast(S, C2);
    FloatVector c3 = FloatVector.broadcast(S, C3);
    FloatVector c4 = FloatVector.broadcast(S, C4);
    FloatVector c5 = FloatVector.broadcast(S, C5);
    FloatVector c6 = FloatVector.broadcast(S, C6);
    FloatVector ln2 = FloatVector.broadcast(S, LN2);
    FloatVector l0 = FloatVector.broadcast(S, L0);
    FloatVector l1 = FloatVector.broadcast(S, L1);
    FloatVector l2 = FloatVector.broadcast(S, L2);
    FloatVector l3 = FloatVector.broadcast(S, L3);
    FloatVector l4 = FloatVector.broadcast(S, L4);
    FloatVector l5 = FloatVector.broadcast(S, L5);
    FloatVector l6 = FloatVector.broadcast(S, L6);
    FloatVector l7 = FloatVector.broadcast(S, L7);
    FloatVector l8 = FloatVector.broadcast(S, L8);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < bound; i += w) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      FloatVector x = v.abs().neg();
      FloatVector e;
      if (x.compare(VectorOperators.LT, fast.neg()).anyTrue()) {
        x = x.max(lo);
        FloatVector z = x.fma(invLn2, magic);
        FloatVector kf = z.sub(magic);
        FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
        FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
        IntVector k = z.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        e = p.fma(s1, s1).mul(s2);
      } else {
        FloatVector z = x.fma(invLn2, magic);
        FloatVector kf = z.sub(magic);
        FloatVector r = kf.fma(ln2Lo, kf.fma(ln2Hi, x));
        FloatVector p = c6.fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r.mul(r), r);
        FloatVector s = z.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
            .add(ONE_BITS).reinterpretAsFloats();
        e = p.fma(s, s);
      }
      FloatVector u = one.add(e);
      IntVector t = u.reinterpretAsInts().sub(LOG_OFF);
      FloatVector f = t.and(0x007fffff).add(LOG_OFF).reinterpretAsFloats().sub(one);
      FloatVector q = l8.fma(f, l7).fma(f, l6).fma(f, l5).fma(f, l4);
      q = q.fma(f, l3).fma(f, l2).fma(f, l1).fma(f, l0);
      FloatVector kf = (FloatVector) t.lanewise(VectorOperators.ASHR, 23)
          .convert(VectorOperators.I2F, 0);
      FloatVector log = kf.fma(ln2, q.fma(f.mul(f), f));
      FloatVector l1p = log.add(e.sub(u.sub(one)).div(u));
      v.max(zero).add(l1p).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      o[oo + i] = ScalarKernels.softplus(a[ao + i]);
    }
  }
}
