package dev.lernwerk.kernel;

/** Plain Java loops; the reference for {@link VectorKernels} (same results, bit for bit). */
final class ScalarKernels implements FloatKernels {
  static final int LANES = 8;

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
}
