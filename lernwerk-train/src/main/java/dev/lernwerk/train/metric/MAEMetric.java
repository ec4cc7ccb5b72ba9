package dev.lernwerk.train.metric;

/** Streaming mean absolute error (see {@link Metrics#mae}). */
public final class MAEMetric extends MomentMetric {
  /** An empty mean-absolute-error accumulator. */
  public MAEMetric() {}


  @Override
  public double result() {
    return moments.mae();
  }

  @Override
  public String name() {
    return "mae";
  }

  @Override
  public Metric copy() {
    return new MAEMetric();
  }
}
