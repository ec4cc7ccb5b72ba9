package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/** Streaming accuracy: correct predictions over samples seen (see {@link Metrics#accuracy}). */
public final class AccuracyMetric implements Metric {
  /** An empty accuracy accumulator. */
  public AccuracyMetric() {}

  private long correct;
  private long total;

  @Override
  public void reset() {
    correct = 0;
    total = 0;
  }

  @Override
  public void update(Tensor output, Tensor target) {
    int[] p = Inputs.predictions("AccuracyMetric", output, target);
    int[] y = Inputs.classes("AccuracyMetric", "labels", target);
    correct += Metrics.countEqual(p, y);
    total += y.length;
  }

  @Override
  public double result() {
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  /** Number of samples seen since the last reset. */
  public long count() {
    return total;
  }

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public Metric copy() {
    return new AccuracyMetric();
  }
}
