package dev.lernwerk.train.callback;

import dev.lernwerk.optim.schedule.Schedule;
import dev.lernwerk.train.TrainContext;

/**
 * Sets the learning rate from a {@link Schedule} before every batch ({@code perBatch}: batch number s
 * of the run, counted from 0 across epochs and resumes, trains with {@code lr.at(s)}) or at the start
 * of every epoch (epoch e, 0-based, trains with {@code lr.at(e)}). An optional momentum schedule sets
 * the optimizer's momentum the same way ({@code beta1} for Adam), as the one-cycle policy does.
 *
 * <pre>{@code
 * long total = (long) epochs * trainLoader.numBatches();
 * var oneCycle = new LrScheduler(Schedules.oneCycle(1e-2, total),
 *     Schedules.oneCycleMomentum(0.95, 0.85, total), true);
 * Trainer.builder(model, loss, opt).callbacks(oneCycle).build().fit(trainLoader, validLoader, epochs);
 * }</pre>
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
