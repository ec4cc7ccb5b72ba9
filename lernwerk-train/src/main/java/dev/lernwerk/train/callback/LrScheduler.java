package dev.lernwerk.train.callback;

import dev.lernwerk.optim.schedule.Schedule;
import dev.lernwerk.train.TrainContext;

/**
 * Sets the learning rate from a {@link Schedule} before every batch ({@code perBatch}, the step is
 * the global batch count) or at the start of every epoch (the step is the epoch number). An optional
 * momentum schedule cycles momentum (one-cycle).
 */
public final class LrScheduler implements Callback {
  private final Schedule lr;
  private final Schedule momentum;
  private final boolean perBatch;

  /** Learning rate only. */
  public LrScheduler(Schedule lr, boolean perBatch) {
    this(lr, null, perBatch);
  }

  /** Learning rate and momentum (null for none). */
  public LrScheduler(Schedule lr, Schedule momentum, boolean perBatch) {
    this.lr = java.util.Objects.requireNonNull(lr, "lr");
    this.momentum = momentum;
    this.perBatch = perBatch;
  }

  @Override
  public int order() {
    return -20;
  }

  @Override
  public void onEpochStart(TrainContext c) {
    if (!perBatch) {
      apply(c, c.epoch());
    }
  }

  @Override
  public void onBatchStart(TrainContext c) {
    if (perBatch) {
      apply(c, c.step());
    }
  }

  private void apply(TrainContext c, long step) {
    c.optimizer().setLearningRate(lr.at(step));
    if (momentum != null) {
      c.optimizer().setMomentum(momentum.at(step));
    }
  }
}
