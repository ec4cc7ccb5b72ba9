package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Streaming coefficient of determination R² (see {@link Metrics#r2}): per output column it keeps
 * the running mean and centred sum of squares of the target and the sum of squared errors, merged
 * across batches in double; 2-d targets {@code (N, D)} average the D column scores.
 */
public final class R2Metric implements Metric {
  /** An empty R² accumulator. */
  public R2Metric() {}

  private PairMoments[] columns;

  @Override
  public void reset() {
    columns = null;
  }

  @Override
  public void update(Tensor output, Tensor target) {
    Inputs.checkSameValues("R2Metric", output, target);
    int d = Inputs.columns(target);
    if (columns == null) {
      columns = new PairMoments[d];
      for (int c = 0; c < d; c++) {
        columns[c] = new PairMoments();
      }
    } else if (columns.length != d) {
      throw new IllegalArgumentException(
          "R2Metric: earlier batches had " + columns.length + " output columns, this target has "
              + "shape " + Shape.str(target.shape()));
    }
    double[] x = Inputs.doubles(output);
    double[] y = Inputs.doubles(target);
    for (int c = 0; c < d; c++) {
      columns[c].add(x, y, c, d, y.length / d);
    }
  }

  @Override
  public double result() {
    if (columns == null || columns[0].n == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (PairMoments m : columns) {
      s += m.r2();
    }
    return s / columns.length;
  }

  @Override
  public String name() {
    return "r2";
  }

  @Override
  public Metric copy() {
    return new R2Metric();
  }
}
