package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/**
 * Streaming confusion matrix; {@link #result()} is the accuracy and {@link #matrix()} the counts so
 * far, from which any per-class or averaged precision, recall or F1 follows.
 */
public final class ConfusionMatrixMetric implements Metric {
  private final int numClasses;
  private final int[] counts;

  /** A matrix over classes {@code 0 .. numClasses-1}. */
  public ConfusionMatrixMetric(int numClasses) {
    Inputs.checkNumClasses("ConfusionMatrixMetric", numClasses);
    this.numClasses = numClasses;
    this.counts = new int[numClasses * numClasses];
  }

  /** Number of classes. */
  public int numClasses() {
    return numClasses;
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(counts, 0);
  }

  @Override
  public void update(Tensor output, Tensor target) {
    Metrics.addCounts("ConfusionMatrixMetric", counts, numClasses, output, target);
  }

  /** A snapshot of the counts accumulated since the last reset. */
  public ConfusionMatrix matrix() {
    return new ConfusionMatrix(numClasses, counts.clone());
  }

  @Override
  public double result() {
    return matrix().accuracy();
  }

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public Metric copy() {
    return new ConfusionMatrixMetric(numClasses);
  }
}
