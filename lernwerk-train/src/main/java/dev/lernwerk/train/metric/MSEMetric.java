package dev.lernwerk.train.metric;

/** Streaming mean squared error (see {@link Metrics#mse}). */
public final class MSEMetric extends MomentMetric {
  /** An empty mean-squared-error accumulator. */
  public MSEMetric() {}


  @Override
  public double result() {
    return moments.mse();
  }

  @Override
  public String name() {
    return "mse";
  }

  @Override
  public Metric copy() {
    return new MSEMetric();
  }
}
