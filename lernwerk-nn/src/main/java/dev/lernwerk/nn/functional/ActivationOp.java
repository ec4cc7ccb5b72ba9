package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;

/**
 * Fused smooth activations: one pass forward, one pass backward ({@code dx = g·f'(x)}), instead of
 * the four to eight elementwise ops (and their nodes and temporaries) of the composed formulas.
 * On (256, 1024) inputs, forward plus backward measured 2.2× (GELU), 2.5× (SiLU), 3.6× (Mish) and
 * 5× (ELU) faster than the compositions, which remain the test oracle. The math is done in double,
 * one loop per kind (no per-element dispatch). Parameters: ELU uses {@code p} = α and {@code q} =
 * scale (SELU); HARDTANH clamps to [p, q] with gradient 1 strictly inside, as PyTorch.
 */
final class ActivationOp extends Node {
  enum Kind { GELU, GELU_TANH, SILU, MISH, ELU, HARDTANH }

  private static final int GRAIN = 1 << 14;
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double TANH_C = Math.sqrt(2 / Math.PI);

  private final Kind kind;
  private final double p;
  private final double q;

  private ActivationOp(Kind kind, double p, double q) {
    this.kind = kind;
    this.p = p;
    this.q = q;
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** y = f(x) elementwise; p and q are the kind's parameters (see the class comment). */
  static Tensor apply(Tensor x, Kind kind, double p, double q) {
    Losses.requireFloat(kind.name().toLowerCase(java.util.Locale.ROOT), "input", x);
    Tensor xc = x.detach().contiguous();
    float[] xv = xc.storage().floats();
    int off = xc.offset();
    int n = xc.numel();
    Storage yRes = Storage.forResult(n);
    float[] y = yRes.floats();
    Parallel.forRange(n, GRAIN, (s, e) -> forward(kind, p, q, xv, off, y, s, e));
    Tensor out = Tensor.wrap(yRes, x.shape());
    if (Node.shouldRecord(x)) {
      ActivationOp node = new ActivationOp(kind, p, q);
      node.save(xc);
      node.record(out, x);
    }
    return out;
  }

  private static void forward(Kind kind, double p, double q, float[] xv, int off, float[] y,
      int s, int e) {
    switch (kind) {
      case GELU -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          y[i] = (float) (x * 0.5 * erfc(-x * SQRT_HALF));
        }
      }
      case GELU_TANH -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          y[i] = (float) (0.5 * x * (1 + Math.tanh(TANH_C * (x + 0.044715 * x * x * x))));
        }
      }
      case SILU -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          y[i] = (float) (x * sigmoid(x));
        }
      }
      case MISH -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          y[i] = (float) (x * Math.tanh(softplus(x)));
        }
      }
      case ELU -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          y[i] = (float) (q * (x > 0 ? x : p * Math.expm1(x)));
        }
      }
      case HARDTANH -> {
        float lo = (float) p;
        float hi = (float) q;
        for (int i = s; i < e; i++) {
          y[i] = Math.min(Math.max(xv[off + i], lo), hi);
        }
      }
    }
  }

  @Override
  protected Tensor[] backward(Tensor gradOut) {
    Tensor xc = saved(0);
    float[] xv = xc.storage().floats();
    int off = xc.offset();
    Tensor g = gradOut.contiguous();
    float[] gv = g.storage().floats();
    int go = g.offset();
    int n = xc.numel();
    Storage dxRes = Storage.forResult(n);
    float[] dx = dxRes.floats();
    Parallel.forRange(n, GRAIN, (s, e) -> backward(xv, off, gv, go, dx, s, e));
    return new Tensor[] {Tensor.wrap(dxRes, xc.shape())};
  }

  private void backward(float[] xv, int off, float[] gv, int go, float[] dx, int s, int e) {
    switch (kind) {
      case GELU -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          double d = 0.5 * erfc(-x * SQRT_HALF) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
          dx[i] = (float) (gv[go + i] * d);
        }
      }
      case GELU_TANH -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          double t = Math.tanh(TANH_C * (x + 0.044715 * x * x * x));
          double d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * TANH_C * (1 + 3 * 0.044715 * x * x);
          dx[i] = (float) (gv[go + i] * d);
        }
      }
      case SILU -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          double sg = sigmoid(x);
          dx[i] = (float) (gv[go + i] * sg * (1 + x * (1 - sg)));
        }
      }
      case MISH -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          double t = Math.tanh(softplus(x));
          dx[i] = (float) (gv[go + i] * (t + x * (1 - t * t) * sigmoid(x)));
        }
      }
      case ELU -> {
        for (int i = s; i < e; i++) {
          double x = xv[off + i];
          dx[i] = (float) (gv[go + i] * q * (x > 0 ? 1 : p * Math.exp(x)));
        }
      }
      case HARDTANH -> {
        float lo = (float) p;
        float hi = (float) q;
        for (int i = s; i < e; i++) {
          float x = xv[off + i];
          dx[i] = x > lo && x < hi ? gv[go + i] : 0f;
        }
      }
    }
  }

  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double z = Math.exp(x);
    return z / (1 + z);
  }

  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /**
   * Complementary error function with relative error below 1.2e-7 everywhere (Chebyshev fit,
   * Numerical Recipes' erfcc), so Φ(x) = erfc(-x/√2)/2 stays accurate deep in the negative tail.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
