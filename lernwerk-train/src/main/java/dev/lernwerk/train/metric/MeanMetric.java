package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/**
 * Running mean of a value such as the loss, weighted by batch size: after batches with means
 * m_i over n_i samples the result is {@code sum(m_i n_i) / sum(n_i)}, the mean over all samples.
 *
 * <pre>{@code
 * var loss = new MeanMetric("loss");
 * loss.update(batchLoss.item(), batchSize);   // or update(batchLoss, targets)
 * }</pre>
 */
public final class MeanMetric implements Metric {
  private final String name;
  private double sum;
  private long count;

  /** A running mean reported under {@code name} (e.g. {@code loss}, {@code val_loss}). */
  public MeanMetric(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("MeanMetric: expected a non-empty name, got '" + name + "'");
    }
    this.name = name;
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }

  /** Adds a batch whose mean value is {@code value} over {@code count} samples. */
  public void update(double value, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("MeanMetric.update: expected count >= 0, got " + count);
    }
    sum += value * count;
    this.count += count;
  }

  /**
   * Adds a batch. A one-element {@code output} (a mean loss) counts once per sample of the
   * batch, {@code target.size(0)} (1 when target is null or 0-d); a larger {@code output} holds
   * per-sample values and each element counts once.
   */
  @Override
  public void update(Tensor output, Tensor target) {
    if (output.numel() == 1) {
      int n = target == null || target.dim() == 0 ? 1 : target.size(0);
      update(output.item(), n);
      return;
    }
    float[] v = output.toFloatArray();
    double s = 0;
    for (float f : v) {
      s += f;
    }
    sum += s;
    count += v.length;
  }

  @Override
  public double result() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Total weight (samples) seen since the last reset. */
  public long count() {
    return count;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Metric copy() {
    return new MeanMetric(name);
  }
}
