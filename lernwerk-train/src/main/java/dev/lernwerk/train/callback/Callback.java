package dev.lernwerk.train.callback;

import dev.lernwerk.train.TrainContext;

/**
 * A hook into {@link dev.lernwerk.train.Trainer#fit}: everything beyond the bare loop (validation
 * metrics aside) is a callback — progress, early stopping, checkpoints, schedules, clipping,
 * accumulation, NaN guard, logs.
 *
 * <p>Every hook has a no-op default. Callbacks run in ascending {@link #order()} (ties keep the order
 * they were added in). A hook steers the loop through the context: {@link TrainContext#skipStep()},
 * {@link TrainContext#skipZeroGrad()}, {@link TrainContext#stopTraining(String)}. The {@code
 * onFitEnd} hooks run even when training stops with an exception.
 *
 * <p>The order of events for each batch is the course's loop: {@code onBatchStart → forward → loss
 * → onAfterLoss → zeroGrad → backward → onAfterBackward → step → onAfterStep → onBatchEnd}; around
 * it {@code onFitStart → (onEpochStart → batches → validation → onEpochEnd)* → onFitEnd}. A callback
 * that keeps state a resumed run needs implements {@link dev.lernwerk.train.Stateful}; {@link
 * Checkpoint} saves and restores it.
 *
 * <pre>{@code
 * Callback printLr = new Callback() {
 *   public void onEpochEnd(TrainContext c) {
 *     System.out.println("epoch " + (c.epoch() + 1) + " lr " + c.optimizer().learningRate());
 *   }
 * };
 * }</pre>
 */
public interface Callback {
  /**
   * Position among callbacks; lower runs first. Built-ins: {@link LrScheduler} -20, {@link
   * GradientAccumulation} -15, {@link NanGuard} -12, {@link GradientClipping} -10, default 0, {@link
   * ReduceLrOnPlateau} 5, {@link EarlyStopping} 10, {@link Checkpoint} 15, {@link MetricsLogger} and
   * {@link ProgressBar} 20.
   */
  default int order() {
    return 0;
  }

  /** Before the first epoch (after a resume: before the first remaining epoch). */
  default void onFitStart(TrainContext c) {}

  /** Before each training epoch. */
  default void onEpochStart(TrainContext c) {}

  /** Before each training batch's forward pass. */
  default void onBatchStart(TrainContext c) {}

  /** After the loss is computed, before backward. */
  default void onAfterLoss(TrainContext c) {}

  /** After backward, before the optimizer step (clipping, NaN checks). */
  default void onAfterBackward(TrainContext c) {}

  /** After the optimizer step (per-batch schedules). */
  default void onAfterStep(TrainContext c) {}

  /** After each training batch (progress, logs). */
  default void onBatchEnd(TrainContext c) {}

  /** After validation of an epoch, with the epoch's logs complete. */
  default void onEpochEnd(TrainContext c) {}

  /** After training, also when it stopped early or failed. */
  default void onFitEnd(TrainContext c) {}
}
