package dev.lernwerk.train.callback;

import dev.lernwerk.optim.Clip;
import dev.lernwerk.train.TrainContext;

/**
 * Clips gradients after backward and before the step ({@link Clip}): by global L2 norm (all
 * gradients scaled by {@code maxNorm / (norm + 1e-6)} when that is below 1, as PyTorch's {@code
 * clip_grad_norm_}) or by value (each element clamped to {@code [-clipValue, clipValue]}). With
 * {@link GradientAccumulation} it clips the accumulated gradient once, at the step.
 *
 * <pre>{@code
 * var clip = GradientClipping.byNorm(1.0);
 * Trainer.builder(model, loss, opt).callbacks(clip).build().fit(train, valid, 5);
 * System.out.println("last gradient norm " + clip.lastNorm());
 * }</pre>
 */
public final class GradientClipping implements Callback {
  private final double maxNorm;
  private final double clipValue;
  private double lastNorm = Double.NaN;

  private GradientClipping(double maxNorm, double clipValue) {
    this.maxNorm = maxNorm;
    this.clipValue = clipValue;
  }

  /** Rescales all gradients so their global L2 norm is at most {@code maxNorm}. */
  public static GradientClipping byNorm(double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("GradientClipping: maxNorm must be > 0, got " + maxNorm);
    }
    return new GradientClipping(maxNorm, Double.NaN);
  }

  /** Clamps every gradient element into {@code [-clipValue, clipValue]}. */
  public static GradientClipping byValue(double clipValue) {
    if (!(clipValue > 0)) {
      throw new IllegalArgumentException("GradientClipping: clipValue must be > 0, got " + clipValue);
    }
    return new GradientClipping(Double.NaN, clipValue);
  }

  @Override
  public int order() {
    return -10;
  }

  @Override
  public void onAfterBackward(TrainContext c) {
    if (c.stepSkipped()) {
      return;
    }
    if (!Double.isNaN(maxNorm)) {
      lastNorm = Clip.gradNorm(c.model().parameters(), maxNorm, 2.0);
    } else {
      Clip.gradValue(c.model().parameters(), clipValue);
    }
  }

  /** The total gradient norm before the last clipping by norm (NaN for clipping by value). */
  public double lastNorm() {
    return lastNorm;
  }
}
