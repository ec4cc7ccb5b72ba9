package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/** Base of the regression accumulators: streaming moments of (prediction, target) pairs. */
abstract sealed class MomentMetric implements Metric
    permits MSEMetric, RMSEMetric, MAEMetric, PearsonMetric {
  final PairMoments moments = new PairMoments();

  @Override
  public void reset() {
    moments.reset();
  }

  @Override
  public void update(Tensor output, Tensor target) {
    Inputs.checkSameValues(getClass().getSimpleName(), output, target);
    double[] y = Inputs.doubles(target);
    moments.add(Inputs.doubles(output), y, 0, 1, y.length);
  }

  /** Number of values seen since the last reset. */
  public long count() {
    return moments.n;
  }
}
