package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/** Streaming top-k accuracy over {@code (N, C)} scores (see {@link Metrics#topKAccuracy}). */
public final class TopKAccuracyMetric implements Metric {
  private final int k;
  private long correct;
  private long total;

  /** Counts a sample as correct when its label is among the {@code k} highest scores. */
  public TopKAccuracyMetric(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("TopKAccuracyMetric: expected k >= 1, got k=" + k);
    }
    this.k = k;
  }

  /** The k of top-k. */
  public int k() {
    return k;
  }

  @Override
  public void reset() {
    correct = 0;
    total = 0;
  }

  @Override
  public void update(Tensor output, Tensor target) {
    long[] ct = Metrics.topKCounts("TopKAccuracyMetric", output, target, k);
    correct += ct[0];
    total += ct[1];
  }

  @Override
  public double result() {
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  @Override
  public String name() {
    return "top" + k + "_accuracy";
  }

  @Override
  public Metric copy() {
    return new TopKAccuracyMetric(k);
  }
}
