package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/**
 * Streaming F1 score: accumulates a confusion matrix over the epoch and averages per-class F1 at
 * the end (averaging per-batch F1 would be wrong: F1 is not a mean over samples).
 */
public final class F1Metric implements Metric {
  private final Average average;
  private final ConfusionMatrixMetric counts;

  /** F1 over classes {@code 0 .. numClasses-1}, combined as {@code average} says. */
  public F1Metric(int numClasses, Average average) {
    if (average == null) {
      throw new IllegalArgumentException("F1Metric: average must be MACRO, MICRO or WEIGHTED, got null");
    }
    this.average = average;
    this.counts = new ConfusionMatrixMetric(numClasses);
  }

  /** The averaging mode. */
  public Average average() {
    return average;
  }

  @Override
  public void reset() {
    counts.reset();
  }

  @Override
  public void update(Tensor output, Tensor target) {
    counts.update(output, target);
  }

  /** The confusion matrix accumulated since the last reset. */
  public ConfusionMatrix matrix() {
    return counts.matrix();
  }

  @Override
  public double result() {
    ConfusionMatrix m = counts.matrix();
    return m.total() == 0 ? Double.NaN : m.f1(average);
  }

  @Override
  public String name() {
    return "f1_" + average.label();
  }

  @Override
  public Metric copy() {
    return new F1Metric(counts.numClasses(), average);
  }
}
