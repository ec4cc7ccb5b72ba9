package dev.lernwerk.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops. Loaded only when {@link Simd#ENABLED}; results equal {@link ScalarKernels} bit for
 * bit (lane-wise IEEE operations; reductions use exactly 8 partial sums like the scalar path;
 * transcendental functions use the same scalar {@code Math} calls).
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
    VectorOperators.Binary op =
        switch (f) {
          case ADD -> VectorOperators.ADD;
          case SUB -> VectorOperators.SUB;
          case MUL -> VectorOperators.MUL;
          case DIV -> VectorOperators.DIV;
          case MAX -> VectorOperators.MAX;
          default -> VectorOperators.MIN;
        };
    int bound = S.loopBound(n);
    int i = 0;
    if (as == 1 && bs == 1) {
      for (; i < bound; i += w) {
        FloatVector.fromArray(S, a, ao + i)
            .lanewise(op, FloatVector.fromArray(S, b, bo + i))
            .intoArray(o, oo + i);
      }
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (; i < bound; i += w) {
        FloatVector.fromArray(S, a, ao + i).lanewise(op, vb).intoArray(o, oo + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (; i < bound; i += w) {
        va.lanewise(op, FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
      }
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
}
