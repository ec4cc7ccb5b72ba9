package dev.lernwerk.train.metric;

/** Streaming root mean squared error: the square root of the epoch's MSE (not a mean of batch RMSEs). */
public final class RMSEMetric extends MomentMetric {
  /** An empty root-mean-squared-error accumulator. */
  public RMSEMetric() {}


  @Override
  public double result() {
    return Math.sqrt(moments.mse());
  }

  @Override
  public String name() {
    return "rmse";
  }

  @Override
  public Metric copy() {
    return new RMSEMetric();
  }
}
