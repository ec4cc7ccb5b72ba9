package dev.lernwerk.train.callback;

import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.TrainContext;

/**
 * Stops training at the first non-finite loss or gradient (TL-09), before the optimizer step can
 * write NaN into the weights; the message names the epoch, batch and step. Checkpoints written so far
 * stay untouched (the last good one remains).
 */
public final class NanGuard implements Callback {
  private String failure;

  @Override
  public int order() {
    return -5;
  }

  @Override
  public void onAfterBackward(TrainContext c) {
    String what = null;
    if (!Double.isFinite(c.lossValue())) {
      what = "loss is " + c.lossValue();
    } else {
      for (Tensor p : c.model().parameters()) {
        Tensor g = p.grad();
        if (g != null && !allFinite(g)) {
          what = "a gradient of shape " + java.util.Arrays.toString(p.shape()) + " is not finite";
          break;
        }
      }
    }
    if (what != null) {
      failure = "NaN guard: " + what + " at epoch " + (c.epoch() + 1) + ", batch " + (c.batchIndex() + 1)
          + " (step " + (c.step() + 1) + "); training stopped before the weights were updated";
      c.skipStep();
      c.stopTraining(failure);
    }
  }

  private static boolean allFinite(Tensor g) {
    for (float v : g.toFloatArray()) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** The failure message if the guard fired, else null. */
  public String failure() {
    return failure;
  }
}
