package dev.lernwerk.train.callback;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.TrainContext;
import java.util.Arrays;
import java.util.Map;

/**
 * Stops training at the first non-finite loss or gradient (TL-09), before the optimizer step can
 * write NaN into the weights: the step of that batch is skipped and training stops with a reason
 * naming the epoch, batch and step (1-based), e.g. {@code NaN guard: loss is NaN at epoch 2, batch
 * 17 (step 117); training stopped before the weights were updated}. The loss is checked right after
 * it is computed, the gradients after backward and before clipping. Checkpoints written so far stay
 * untouched: {@link Checkpoint} does not save the interrupted epoch, so the last good one remains.
 *
 * <pre>{@code
 * var guard = new NanGuard();
 * trainer = Trainer.builder(model, loss, opt).callbacks(guard, new Checkpoint(dir, null)).build();
 * trainer.fit(train, valid, 10);
 * if (guard.failure() != null) System.err.println(guard.failure());
 * }</pre>
 */
public final class NanGuard implements Callback {
  /** A guard that has not fired. */
  public NanGuard() {}

  private String failure;

  /** Runs after gradient accumulation (-15) and before clipping (-10). */
  @Override
  public int order() {
    return -12;
  }

  @Override
  public void onFitStart(TrainContext c) {
    failure = null;
  }

  @Override
  public void onAfterLoss(TrainContext c) {
    if (!Double.isFinite(c.lossValue())) {
      fail(c, "loss is " + c.lossValue());
    }
  }

  @Override
  public void onAfterBackward(TrainContext c) {
    if (failure != null) {
      return;
    }
    for (Map.Entry<String, Tensor> e : c.model().namedParameters().entrySet()) {
      Tensor g = e.getValue().grad();
      if (g != null && !allFinite(g)) {
        fail(c, "the gradient of " + e.getKey() + " " + Arrays.toString(g.shape()) + " is not finite");
        return;
      }
    }
  }

  private void fail(TrainContext c, String what) {
    failure = "NaN guard: " + what + " at epoch " + (c.epoch() + 1) + ", batch " + (c.batchIndex() + 1)
        + " (step " + (c.step() + 1) + "); training stopped before the weights were updated";
    c.skipStep();
    c.stopTraining(failure);
  }

  private static boolean allFinite(Tensor g) {
    if (g.dtype() != DType.FLOAT32) {
      return true;
    }
    Tensor t = g.isContiguous() ? g : g.contiguous();
    float[] a = t.storage().floats();
    for (int i = t.offset(), end = t.offset() + t.numel(); i < end; i++) {
      if (!Float.isFinite(a[i])) {
        return false;
      }
    }
    return true;
  }

  /** The failure message if the guard fired in the last fit, else null. */
  public String failure() {
    return failure;
  }
}
