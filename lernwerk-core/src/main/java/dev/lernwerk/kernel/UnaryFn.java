package dev.lernwerk.kernel;

/**
 * Elementwise unary functions with a kernel. {@code p} and {@code q} are the parameters of the
 * parametrised ones (clamp bounds, the exponent of POWS, the slope of LEAKY_RELU).
 */
public enum UnaryFn {
  NEG,
  ABS,
  SQRT,
  RSQRT,
  SQUARE,
  RECIPROCAL,
  EXP,
  EXPM1,
  LOG,
  LOG1P,
  SIN,
  COS,
  TANH,
  SIGMOID,
  RELU,
  SIGN,
  ERF,
  FLOOR,
  CEIL,
  ROUND,
  /** clamp(x, p, q). */
  CLAMP,
  /** x to the power p. */
  POWS,
  /** x*p + q. */
  AFFINE,
  /** x &gt; 0 ? x : p*x. */
  LEAKY_RELU,
  /** log(1 + exp(x)), stable. */
  SOFTPLUS;

  /** The scalar definition every kernel path must reproduce bit for bit. */
  public float apply(float x, float p, float q) {
    return switch (this) {
      case NEG -> -x;
      case ABS -> Math.abs(x);
      case SQRT -> (float) Math.sqrt(x);
      case RSQRT -> 1f / (float) Math.sqrt(x);
      case SQUARE -> x * x;
      case RECIPROCAL -> 1f / x;
      case EXP -> ScalarKernels.exp(x);
      case EXPM1 -> ScalarKernels.expm1(x);
      case LOG -> ScalarKernels.log(x);
      case LOG1P -> (float) Math.log1p(x);
      case SIN -> (float) Math.sin(x);
      case COS -> (float) Math.cos(x);
      case TANH -> ScalarKernels.tanh(x);
      case SIGMOID -> ScalarKernels.sigmoid(x);
      case RELU -> Math.max(x, 0f);
      case SIGN -> Math.signum(x);
      case ERF -> erf(x);
      case FLOOR -> (float) Math.floor(x);
      case CEIL -> (float) Math.ceil(x);
      case ROUND -> (float) Math.rint(x);
      case CLAMP -> Math.min(Math.max(x, p), q);
      case POWS -> pows(x, p);
      case AFFINE -> x * p + q;
      case LEAKY_RELU -> x > 0 ? x : p * x;
      case SOFTPLUS -> ScalarKernels.softplus(x);
    };
  }

  /** True when the vector kernels implement this function with lane-wise IEEE operations. */
  boolean exactVector() {
    return switch (this) {
      case NEG, ABS, SQRT, RSQRT, SQUARE, RECIPROCAL, RELU, CLAMP, AFFINE, LEAKY_RELU, EXP, EXPM1,
          SIGMOID, TANH, LOG, SOFTPLUS -> true;
      default -> false;
    };
  }

  static float pows(float x, float p) {
    if (p == 2f) {
      return x * x;
    }
    if (p == 1f) {
      return x;
    }
    if (p == 0.5f) {
      return (float) Math.sqrt(x);
    }
    return (float) Math.pow(x, p);
  }

  /** erf to float precision (Abramowitz–Stegun 7.1.26 is too coarse; uses a series/continued fraction). */
  static float erf(float xf) {
    if (Float.isNaN(xf) || xf == 0f) {
      return xf; // NaN stays NaN; erf is odd, so -0 gives -0
    }
    double x = xf;
    double ax = Math.abs(x);
    double r;
    if (ax < 2.5) {
      // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
      double term = x;
      double sum = x;
      double x2 = x * x;
      for (int n = 1; n < 60; n++) {
        term *= -x2 / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else if (ax < 6) {
      // continued fraction for erfc
      double x2 = ax * ax;
      double f = 0;
      for (int n = 60; n >= 1; n--) {
        f = n / 2.0 / (ax + f);
      }
      double erfc = Math.exp(-x2) / Math.sqrt(Math.PI) / (ax + f);
      r = Math.copySign(1 - erfc, x);
    } else {
      r = Math.copySign(1.0, x);
    }
    return (float) r;
  }
}
