package dev.lernwerk.nn.init;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Weight initializers, as in PyTorch's {@code torch.nn.init}. Each fills its tensor in place
 * (without recording a graph, so parameters can be initialized directly), draws every random number
 * from the given {@link Generator}, and returns the tensor.
 *
 * <pre>{@code
 * var gen = new Generator(0);
 * Init.kaimingNormal(layer.weight(), 0, FanMode.FAN_IN, Nonlinearity.RELU, gen);  // He init
 * Init.zeros(layer.bias());
 * Init.xavierUniform(w, Init.calculateGain(Nonlinearity.TANH), gen);              // Glorot
 * }</pre>
 *
 * Fans: for a weight (out, in, k1, k2, …) {@code fanIn = in·k1·k2·…} and {@code fanOut =
 * out·k1·k2·…} (a Linear weight is (out, in); a convolution kernel (out, in, kH, kW)).
 */
public final class Init {
  private Init() {}

  /** The fan-in and fan-out of a weight tensor. */
  public record Fans(int fanIn, int fanOut) {}

  /** Fans of a weight with at least 2 dims (see the class comment). */
  public static Fans fans(Tensor t) {
    if (t.dim() < 2) {
      throw new IllegalArgumentException("Init.fans: fan in and fan out need a tensor with at least"
          + " 2 dims (out, in, …), got shape " + Shape.str(t.shape()));
    }
    int receptive = 1;
    for (int d = 2; d < t.dim(); d++) {
      receptive *= t.size(d);
    }
    return new Fans(t.size(1) * receptive, t.size(0) * receptive);
  }

  /** The recommended gain for a nonlinearity (leaky ReLU with PyTorch's default slope 0.01). */
  public static double calculateGain(Nonlinearity nonlinearity) {
    return calculateGain(nonlinearity, 0.01);
  }

  /**
   * The recommended gain: 1 for linear, convolutions and sigmoid; 5/3 for tanh; √2 for ReLU;
   * √(2 / (1 + slope²)) for leaky ReLU with {@code param} as the slope; 3/4 for SELU.
   */
  public static double calculateGain(Nonlinearity nonlinearity, double param) {
    return switch (nonlinearity) {
      case LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D,
          SIGMOID -> 1.0;
      case TANH -> 5.0 / 3;
      case RELU -> Math.sqrt(2.0);
      case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
      case SELU -> 3.0 / 4;
    };
  }

  /** {@link #calculateGain(Nonlinearity, double)} by PyTorch name, e.g. {@code "leaky_relu"}. */
  public static double calculateGain(String nonlinearity, double param) {
    return calculateGain(Nonlinearity.of(nonlinearity), param);
  }

  private static Tensor fill(String op, Tensor t, Tensor values) {
    try (var g = Grad.disabled()) {
      return t.copy_(values);
    }
  }

  private static void requireFloat(String op, Tensor t) {
    if (t.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(
          "Init." + op + ": expected a float32 tensor, got " + t.dtype().label());
    }
  }

  /** Sets every element to {@code value}. */
  public static Tensor constant(Tensor t, double value) {
    requireFloat("constant", t);
    try (var g = Grad.disabled()) {
      return t.fill_((float) value);
    }
  }

  /** Sets every element to 0. */
  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  /** Sets every element to 1. */
  public static Tensor ones(Tensor t) {
    return constant(t, 1);
  }

  /** Uniform values in [lo, hi). */
  public static Tensor uniform(Tensor t, double lo, double hi, Generator gen) {
    requireFloat("uniform", t);
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("Init.uniform: expected lo <= hi, got lo=" + lo + ", hi=" + hi);
    }
    return fill("uniform", t, Tensor.uniform(gen, lo, hi, t.shape()));
  }

  /** Normal values with the given mean and standard deviation. */
  public static Tensor normal(Tensor t, double mean, double std, Generator gen) {
    requireFloat("normal", t);
    if (!(std >= 0)) {
      throw new IllegalArgumentException("Init.normal: std must be >= 0, got " + std);
    }
    return fill("normal", t, Tensor.normal(gen, mean, std, t.shape()));
  }

  /** Glorot/Xavier uniform: U(-b, b) with {@code b = gain·√(6 / (fanIn + fanOut))}. */
  public static Tensor xavierUniform(Tensor t, double gain, Generator gen) {
    Fans f = fans(t);
    double bound = gain * Math.sqrt(6.0 / (f.fanIn() + f.fanOut()));
    return uniform(t, -bound, bound, gen);
  }

  /** Glorot/Xavier normal: N(0, std²) with {@code std = gain·√(2 / (fanIn + fanOut))}. */
  public static Tensor xavierNormal(Tensor t, double gain, Generator gen) {
    Fans f = fans(t);
    return normal(t, 0, gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut())), gen);
  }

  private static double kaimingStd(String op, Tensor t, double a, FanMode mode, Nonlinearity nl) {
    Fans f = fans(t);
    int fan = mode == FanMode.FAN_IN ? f.fanIn() : f.fanOut();
    if (fan == 0) {
      throw new IllegalArgumentException("Init." + op + ": cannot initialize a tensor with fan 0"
          + " (shape " + Shape.str(t.shape()) + ")");
    }
    return calculateGain(nl, a) / Math.sqrt(fan);
  }

  /**
   * He/Kaiming uniform: U(-b, b) with {@code b = √3·gain / √fan}, gain from {@code nonlinearity}
   * (with {@code a} the negative slope for leaky ReLU). PyTorch's Linear default is {@code a = √5}
   * with LEAKY_RELU and FAN_IN, i.e. U(-1/√in, 1/√in).
   */
  public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity,
      Generator gen) {
    double bound = Math.sqrt(3.0) * kaimingStd("kaimingUniform", t, a, mode, nonlinearity);
    return uniform(t, -bound, bound, gen);
  }

  /** Kaiming uniform with PyTorch's defaults: a = 0, FAN_IN, leaky ReLU (gain √2). */
  public static Tensor kaimingUniform(Tensor t, Generator gen) {
    return kaimingUniform(t, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
  }

  /** He/Kaiming normal: N(0, std²) with {@code std = gain / √fan}. */
  public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity,
      Generator gen) {
    return normal(t, 0, kaimingStd("kaimingNormal", t, a, mode, nonlinearity), gen);
  }

  /** Kaiming normal with PyTorch's defaults: a = 0, FAN_IN, leaky ReLU (gain √2). */
  public static Tensor kaimingNormal(Tensor t, Generator gen) {
    return kaimingNormal(t, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
  }

  /**
   * A (semi-)orthogonal matrix times {@code gain}: the tensor viewed as (rows, numel / rows) gets
   * orthonormal rows (if rows ≤ cols) or columns, from the QR decomposition (Householder, in double)
   * of a standard normal matrix, with signs fixed so R has a positive diagonal (Saxe et al. 2013).
   */
  public static Tensor orthogonal(Tensor t, double gain, Generator gen) {
    requireFloat("orthogonal", t);
    if (t.dim() < 2) {
      throw new IllegalArgumentException("Init.orthogonal: needs a tensor with at least 2 dims, got"
          + " shape " + Shape.str(t.shape()));
    }
    int rows = t.size(0);
    int cols = rows == 0 ? 0 : t.numel() / rows;
    if (t.numel() == 0) {
      return t;
    }
    boolean transpose = rows < cols;
    int m = Math.max(rows, cols);
    int n = Math.min(rows, cols);
    double[][] a = new double[m][n];
    Tensor draw = Tensor.randn(gen, rows, cols);
    float[] d = draw.toFloatArray();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (transpose) {
          a[j][i] = d[i * cols + j];
        } else {
          a[i][j] = d[i * cols + j];
        }
      }
    }
    double[][] q = householderQ(a, m, n);
    float[] out = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = (float) (gain * (transpose ? q[j][i] : q[i][j]));
      }
    }
    return fill("orthogonal", t, Tensor.wrap(out, t.shape()));
  }

  /**
   * Thin Q (m×n, m ≥ n) of A = QR with R's diagonal made positive. A is overwritten with the
   * Householder vectors.
   */
  static double[][] householderQ(double[][] a, int m, int n) {
    double[] rdiag = new double[n];
    for (int k = 0; k < n; k++) {
      double norm = 0;
      for (int i = k; i < m; i++) {
        norm = Math.hypot(norm, a[i][k]);
      }
      if (norm != 0) {
        if (a[k][k] < 0) {
          norm = -norm;
        }
        for (int i = k; i < m; i++) {
          a[i][k] /= norm;
        }
        a[k][k] += 1;
        for (int j = k + 1; j < n; j++) {
          double s = 0;
          for (int i = k; i < m; i++) {
            s += a[i][k] * a[i][j];
          }
          s = -s / a[k][k];
          for (int i = k; i < m; i++) {
            a[i][j] += s * a[i][k];
          }
        }
      }
      rdiag[k] = -norm;
    }
    double[][] q = new double[m][n];
    for (int k = n - 1; k >= 0; k--) {
      q[k][k] = 1;
      for (int j = k; j < n; j++) {
        if (a[k][k] != 0) {
          double s = 0;
          for (int i = k; i < m; i++) {
            s += a[i][k] * q[i][j];
          }
          s = -s / a[k][k];
          for (int i = k; i < m; i++) {
            q[i][j] += s * a[i][k];
          }
        }
      }
    }
    for (int j = 0; j < n; j++) {
      if (rdiag[j] < 0) {
        for (int i = 0; i < m; i++) {
          q[i][j] = -q[i][j];
        }
      }
    }
    return q;
  }
}
