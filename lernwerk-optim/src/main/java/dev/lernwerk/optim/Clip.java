package dev.lernwerk.optim;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.Tensor;
import java.util.Collection;

/**
 * Gradient clipping, called between {@code backward()} and {@code step()}.
 *
 * <pre>{@code
 * loss.backward();
 * double norm = Clip.gradNorm(model.parameters(), 1.0);   // log it: spikes show instability
 * opt.step();
 * }</pre>
 *
 * Parameters without a gradient are ignored. Norms are accumulated in double.
 */
public final class Clip {
  private Clip() {}

  /** {@link #gradNorm(Collection, double, double, boolean)} with the 2-norm. */
  public static double gradNorm(Collection<Tensor> params, double maxNorm) {
    return gradNorm(params, maxNorm, 2.0, false);
  }

  /** {@link #gradNorm(Collection, double, double, boolean)} without the non-finite check. */
  public static double gradNorm(Collection<Tensor> params, double maxNorm, double normType) {
    return gradNorm(params, maxNorm, normType, false);
  }

  /**
   * Scales all gradients together so that their total norm is at most {@code maxNorm}, like PyTorch's
   * {@code clip_grad_norm_}: the total norm is the {@code normType}-norm of all gradient elements
   * taken as one vector ({@code Double.POSITIVE_INFINITY} for the largest absolute value); with
   * {@code coef = maxNorm / (total + 1e-6)} every gradient is multiplied by {@code coef} when {@code
   * coef < 1} and left alone otherwise (also when the total is NaN).
   *
   * @param errorIfNonfinite throw instead of clipping when the total norm is NaN or infinite
   * @return the total norm before clipping
   */
  public static double gradNorm(
      Collection<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
    if (!(maxNorm >= 0)) {
      throw new IllegalArgumentException(
          "Clip.gradNorm: invalid maxNorm: " + maxNorm + " (expected >= 0)");
    }
    double total = totalNorm(params, normType);
    if (errorIfNonfinite && !Double.isFinite(total)) {
      throw new ArithmeticException(
          "Clip.gradNorm: the total " + normName(normType) + " of the gradients is " + total
              + "; pass errorIfNonfinite=false to clip anyway");
    }
    double coef = maxNorm / (total + 1e-6);
    if (coef < 1) {
      try (var g = Grad.disabled()) {
        for (Tensor p : params) {
          if (p.grad() != null) {
            p.grad().mul_((float) coef);
          }
        }
      }
    }
    return total;
  }

  /**
   * The {@code normType}-norm of all gradients as one vector (p &gt; 0 or {@code
   * Double.POSITIVE_INFINITY}); 0 when no parameter has a gradient.
   */
  public static double totalNorm(Collection<Tensor> params, double normType) {
    if (!(normType > 0)) {
      throw new IllegalArgumentException(
          "Clip: invalid norm type: " + normType + " (expected p > 0 or Double.POSITIVE_INFINITY)");
    }
    boolean inf = normType == Double.POSITIVE_INFINITY;
    double acc = 0;
    for (Tensor p : params) {
      Tensor g = p.grad();
      if (g == null) {
        continue;
      }
      Tensor c = g.contiguous();
      float[] a = c.storage().floats();
      int off = c.offset();
      int n = c.numel();
      if (inf) {
        for (int i = 0; i < n; i++) {
          float x = Math.abs(a[off + i]);
          if (!(x <= acc)) {
            acc = x; // NaN propagates
            if (Double.isNaN(acc)) {
              return acc;
            }
          }
        }
      } else if (normType == 2.0) {
        for (int i = 0; i < n; i++) {
          double x = a[off + i];
          acc += x * x;
        }
      } else if (normType == 1.0) {
        for (int i = 0; i < n; i++) {
          acc += Math.abs(a[off + i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          acc += Math.pow(Math.abs(a[off + i]), normType);
        }
      }
    }
    if (inf) {
      return acc;
    }
    return normType == 2.0 ? Math.sqrt(acc) : normType == 1.0 ? acc : Math.pow(acc, 1 / normType);
  }

  /** Clamps every gradient element to {@code [-clipValue, clipValue]} in place. */
  public static void gradValue(Collection<Tensor> params, double clipValue) {
    if (!(clipValue >= 0)) {
      throw new IllegalArgumentException(
          "Clip.gradValue: invalid clipValue: " + clipValue + " (expected >= 0)");
    }
    try (var g = Grad.disabled()) {
      for (Tensor p : params) {
        if (p.grad() != null) {
          p.grad().clamp_((float) -clipValue, (float) clipValue);
        }
      }
    }
  }

  private static String normName(double p) {
    return p == Double.POSITIVE_INFINITY ? "inf-norm" : p + "-norm";
  }
}
