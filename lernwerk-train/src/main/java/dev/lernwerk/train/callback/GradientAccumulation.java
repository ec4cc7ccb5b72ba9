package dev.lernwerk.train.callback;

import dev.lernwerk.train.TrainContext;

/**
 * Accumulates gradients over {@code n} batches before each optimizer step (TL-13): the loss of each
 * batch is divided by {@code n}, gradients are zeroed only at the first batch of each group and the
 * step runs at its last. Without batch norm this equals one step on the concatenated batch (same
 * batch sizes assumed). A trailing incomplete group at the end of an epoch still steps.
 */
public final class GradientAccumulation implements Callback {
  private final int n;

  /** Steps every {@code n} batches. */
  public GradientAccumulation(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("GradientAccumulation: n must be >= 1, got " + n);
    }
    this.n = n;
  }

  @Override
  public int order() {
    return -15;
  }

  @Override
  public void onAfterLoss(TrainContext c) {
    int pos = c.batchIndex() % n;
    int total = c.batchesPerEpoch();
    int groupSize = total > 0 ? Math.min(n, total - (c.batchIndex() - pos)) : n;
    c.setLoss(c.loss().mul(1f / groupSize));
    if (pos != 0) {
      c.skipZeroGrad();
    }
    boolean lastOfEpoch = total > 0 && c.batchIndex() == total - 1;
    if (pos != n - 1 && !lastOfEpoch) {
      c.skipStep();
    }
  }
}
