package dev.lernwerk.train.metric;

/** Streaming Pearson correlation over all elements, from merged centred sums in double (see {@link Metrics#pearson}). */
public final class PearsonMetric extends MomentMetric {
  /** An empty Pearson-correlation accumulator. */
  public PearsonMetric() {}


  @Override
  public double result() {
    return moments.pearson();
  }

  @Override
  public String name() {
    return "pearson";
  }

  @Override
  public Metric copy() {
    return new PearsonMetric();
  }
}
