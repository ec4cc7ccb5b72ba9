package dev.lernwerk.train.callback;

import dev.lernwerk.train.TrainContext;

/**
 * Accumulates gradients over {@code n} batches before each optimizer step (TL-13): gradients are
 * zeroed only at the first batch of each group, the step runs at its last, and the loss that is
 * backpropagated is divided by the group's size (n, or fewer for the trailing group of an epoch,
 * which still steps), so the summed gradient is the mean over the group. With a mean-reduced loss,
 * equal batch sizes and no batch norm this is one step on the concatenated batch of n·B samples, up
 * to float rounding. The logged {@code loss} stays the unscaled batch loss; {@link LrScheduler}'s
 * per-batch step still counts batches, not optimizer steps.
 *
 * <pre>{@code
 * // batches of 32, one update per 128 samples
 * Trainer.builder(model, loss, opt).callbacks(new GradientAccumulation(4)).build();
 * }</pre>
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
