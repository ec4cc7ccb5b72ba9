package dev.lernwerk.data.transform;

import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Standardization (DA-16): {@code x' = (x - mean) / std} with the mean and the population standard
 * deviation ({@code sqrt(Σ (x - mean)² / N)}, like scikit-learn's {@code StandardScaler}) of the
 * training split. A feature whose std is below {@code eps} (constant on the training data) gets std 1,
 * so it is centred but not blown up.
 *
 * <pre>{@code
 * var std = Standardizer.fit(xTrain);        // per-feature mean and std of the training rows
 * Tensor a = std.transform(xTrain);          // mean 0, std 1 per feature
 * Tensor b = std.transform(xValid);          // scaled with the training statistics
 * }</pre>
 */
public final class Standardizer implements Scaler {
  /** Stds below this count as zero. */
  public static final double DEFAULT_EPS = 1e-8;

  private final Tensor mean;
  private final Tensor std;
  private final Affine affine;

  private Standardizer(Tensor mean, Tensor std) {
    Affine.requireSameShape("Standardizer", "mean", mean, "std", std);
    this.mean = mean;
    this.std = std;
    double[] mu = Stats.doubles(mean);
    double[] sigma = Stats.doubles(std);
    for (int i = 0; i < sigma.length; i++) {
      if (!(sigma[i] > 0) || Double.isInfinite(sigma[i])) {
        throw new IllegalArgumentException(
            "Standardizer: std must be positive and finite, got " + sigma[i] + " at feature " + i);
      }
    }
    double[] ones = Stats.filled(mu.length, 1);
    double[] zeros = Stats.filled(mu.length, 0);
    affine = new Affine("Standardizer", mean.shape(), mu, ones, sigma, zeros);
  }

  /** Per-feature statistics over the rows (dim 0) of {@code x} (N, features...). */
  public static Standardizer fit(Tensor x) {
    return fit(x, DEFAULT_EPS);
  }

  /** As {@link #fit(Tensor)} with another epsilon guard for the std. */
  public static Standardizer fit(Tensor x, double eps) {
    Stats s = Stats.of("Standardizer.fit", x, false);
    return new Standardizer(Stats.tensor(s.mean, s.featureShape), guarded(s.std, eps, s.featureShape));
  }

  /** One mean and std over all values of {@code x} (e.g. all pixels of an image set). */
  public static Standardizer fitGlobal(Tensor x) {
    Stats s = Stats.of("Standardizer.fitGlobal", x, true);
    return new Standardizer(Tensor.scalar((float) s.mean[0]), guarded(s.std, DEFAULT_EPS,
        new int[0]));
  }

  /** Known statistics, e.g. {@code of(0.2860, 0.3530)} for Fashion-MNIST pixels in [0, 1]. */
  public static Standardizer of(double mean, double std) {
    return new Standardizer(Tensor.scalar((float) mean), Tensor.scalar((float) std));
  }

  /** A standardizer from a saved {@link #state()}. */
  public static Standardizer fromState(Map<String, Tensor> state) {
    String op = "Standardizer.fromState";
    return new Standardizer(Stats.require(state, op, "mean"), Stats.require(state, op, "std"));
  }

  private static Tensor guarded(double[] std, double eps, int[] shape) {
    double[] g = std.clone();
    for (int i = 0; i < g.length; i++) {
      if (g[i] < eps) {
        g[i] = 1;
      }
    }
    return Stats.tensor(g, shape);
  }

  /** The fitted mean per feature (or a scalar). */
  public Tensor mean() {
    return mean;
  }

  /** The fitted std per feature after the epsilon guard (or a scalar). */
  public Tensor std() {
    return std;
  }

  @Override
  public Tensor transform(Tensor x) {
    return affine.transform(x);
  }

  @Override
  public Tensor inverse(Tensor x) {
    return affine.inverse(x);
  }

  /** {@code mean} and {@code std}. */
  @Override
  public Map<String, Tensor> state() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("mean", mean);
    m.put("std", std);
    return m;
  }

  @Override
  public String toString() {
    return "Standardizer(features=" + mean.numel() + ")";
  }
}
