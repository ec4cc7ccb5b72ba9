package dev.lernwerk.train;

import dev.lernwerk.data.Batch;
import dev.lernwerk.nn.Module;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What callbacks see and steer during {@link Trainer#fit}: the model, optimizer, position in the run,
 * the current batch, its output and loss, the epoch's logs, and the control signals.
 */
public final class TrainContext {
  final Trainer trainer;
  int epoch;
  int epochs;
  int batchIndex;
  long step;
  long samplesSeen;
  Batch batch;
  Tensor output;
  Tensor loss;
  double lossValue = Double.NaN;
  final Map<String, Double> logs = new LinkedHashMap<>();
  final History history;
  boolean stop;
  String stopReason;
  boolean skipStep;
  boolean skipZeroGrad;
  boolean epochCompleted;
  int batchesPerEpoch = -1;

  TrainContext(Trainer trainer, History history) {
    this.trainer = trainer;
    this.history = history;
  }

  /** The trainer running this fit. */
  public Trainer trainer() {
    return trainer;
  }

  /** The model being trained. */
  public Module model() {
    return trainer.model();
  }

  /** Its optimizer. */
  public Optimizer optimizer() {
    return trainer.optimizer();
  }

  /** The current epoch, 0-based. */
  public int epoch() {
    return epoch;
  }

  /** Total number of epochs of this fit. */
  public int epochs() {
    return epochs;
  }

  /** Index of the current batch within its epoch, 0-based. */
  public int batchIndex() {
    return batchIndex;
  }

  /** Number of batches per epoch if known, else -1. */
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** Training batches processed since the start of the run (across epochs and resumes). */
  public long step() {
    return step;
  }

  /** Training samples processed in the current epoch. */
  public long samplesSeen() {
    return samplesSeen;
  }

  /** The current batch. */
  public Batch batch() {
    return batch;
  }

  /** The model output for the current batch. */
  public Tensor output() {
    return output;
  }

  /** The current batch's loss tensor (a scalar in the graph). */
  public Tensor loss() {
    return loss;
  }

  /** The current batch's loss as a number. */
  public double lossValue() {
    return lossValue;
  }

  /** Replaces the loss before backward (e.g. to add a penalty or scale for accumulation). */
  public void setLoss(Tensor loss) {
    this.loss = loss;
  }

  /** The current epoch's logs ({@code loss}, metrics, {@code val_…}, {@code lr}, …); writable. */
  public Map<String, Double> logs() {
    return logs;
  }

  /** The history of finished epochs. */
  public History history() {
    return history;
  }

  /** Skips the optimizer step of the current batch (gradient accumulation, NaN guard). */
  public void skipStep() {
    skipStep = true;
  }

  /** Keeps the gradients of the previous batch (gradient accumulation). */
  public void skipZeroGrad() {
    skipZeroGrad = true;
  }

  /** True when the current batch's step will be skipped. */
  public boolean stepSkipped() {
    return skipStep;
  }

  /**
   * Stops training after the current batch: the rest of the epoch is skipped, validation and the
   * {@code onEpochEnd} hooks still run (with {@link #epochCompleted()} false), then {@code onFitEnd}.
   * Called from {@code onEpochEnd} it stops after this epoch.
   */
  public void stopTraining(String reason) {
    stop = true;
    stopReason = reason;
  }

  /**
   * True when every batch of the current epoch ran; false while the epoch runs and when a callback
   * stopped training in its middle (then {@code onEpochEnd} sees a partial epoch: {@link
   * dev.lernwerk.train.callback.Checkpoint} does not save it).
   */
  public boolean epochCompleted() {
    return epochCompleted;
  }

  /** True once a callback asked to stop. */
  public boolean stopRequested() {
    return stop;
  }

  /** Why training stopped early, or null. */
  public String stopReason() {
    return stopReason;
  }

}
