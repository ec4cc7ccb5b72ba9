package dev.lernwerk.train.diagnose;

import dev.lernwerk.data.Batch;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Tensor;
import java.util.Locale;

/**
 * The overfit-one-batch sanity check (TL-11): train on one fixed batch for {@code steps} steps and
 * read the loss curve with the course's table ({@link LossCurve}). A model, loss and optimizer that
 * work drive the loss of a single batch to near zero; anything else points at a bug or a bad
 * learning rate, and the {@link Diagnosis} says which.
 *
 * <pre>{@code
 * Batch b = trainLoader.iterator().next();
 * var r = OverfitOneBatch.run(model, new CrossEntropyLoss(), new Adam(model.parameters(), 0.003), b, 100);
 * System.out.println(r.diagnosis().explanation());   // e.g. FALLING_TO_ZERO: the model can learn
 * }</pre>
 *
 * The model is trained in place (use a fresh model or reload its weights afterwards).
 */
public final class OverfitOneBatch {
  private OverfitOneBatch() {}

  /**
   * The loss of every step (before its update; cut at the first non-finite one), the verdict on that
   * curve, and the accuracy on the batch after the last step in eval mode (NaN when the output is not
   * (N, C) logits with int32 labels).
   */
  public record Result(double[] losses, Diagnosis diagnosis, double finalBatchAccuracy) {
    /** A short text: first and last loss, the verdict and its explanation. */
    public String summary() {
      return String.format(Locale.ROOT, "overfit one batch: loss %.4f -> %.4f after %d steps; %s: %s",
          losses.length == 0 ? Double.NaN : losses[0], losses.length == 0 ? Double.NaN : losses[losses.length - 1],
          losses.length, diagnosis.verdict(), diagnosis.explanation());
    }
  }

  /** Runs {@code steps} steps of forward, loss, zeroGrad, backward, step on {@code batch}. */
  public static Result run(Module model, Loss loss, Optimizer optimizer, Batch batch, int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("OverfitOneBatch: steps must be >= 2, got " + steps);
    }
    model.train();
    double[] losses = new double[steps];
    Tensor out = null;
    for (int s = 0; s < steps; s++) {
      out = model.forward(batch.inputs());
      Tensor l = loss.apply(out, batch.targets());
      losses[s] = l.item();
      optimizer.zeroGrad();
      l.backward();
      optimizer.step();
      if (!Double.isFinite(losses[s])) {
        losses = java.util.Arrays.copyOf(losses, s + 1);
        break;
      }
    }
    double acc = Double.NaN;
    if (out != null && out.dim() == 2 && batch.targets().dtype() != dev.lernwerk.tensor.DType.FLOAT32) {
      // after the last step, in eval mode (no dropout), as the course evaluates the batch
      model.eval();
      try (var g = dev.lernwerk.autograd.Grad.disabled()) {
        acc = dev.lernwerk.train.metric.Metrics.accuracy(model.forward(batch.inputs()), batch.targets());
      } finally {
        model.train();
      }
    }
    return new Result(losses, LossCurve.diagnose(losses), acc);
  }
}
