package dev.lernwerk.nn;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Batch normalization for (N, C) or (N, C, L) inputs, as PyTorch's {@code nn.BatchNorm1d}.
 *
 * <p>Training: {@code y = (x - mean_B) / sqrt(var_B + eps)·weight + bias} with the batch's
 * per-channel mean and biased variance, and the buffers are updated: {@code running_mean ← (1 -
 * momentum)·running_mean + momentum·mean_B}, {@code running_var ← (1 - momentum)·running_var +
 * momentum·var_B·n/(n-1)} (unbiased), {@code num_batches_tracked += 1}. Evaluation uses the running
 * statistics. Parameters: {@code weight} (ones) and {@code bias} (zeros); buffers: {@code
 * running_mean} (zeros), {@code running_var} (ones), {@code num_batches_tracked} (int32 scalar).
 */
public final class BatchNorm1d extends Module {
  private final int features;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor numBatchesTracked;

  /** PyTorch defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
  public BatchNorm1d(int features) {
    this(features, 1e-5, 0.1, true, true);
  }

  /** Full control; without {@code trackRunningStats} batch statistics are used in eval mode too. */
  public BatchNorm1d(int features, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    if (features <= 0) {
      throw new IllegalArgumentException("BatchNorm1d: features must be positive, got " + features);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("BatchNorm1d: eps must be > 0, got " + eps);
    }
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BatchNorm1d: momentum must be in [0, 1], got " + momentum);
    }
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? param("weight", Tensor.ones(features)) : null;
    this.bias = affine ? param("bias", Tensor.zeros(features)) : null;
    if (trackRunningStats) {
      runningMean = buffer("running_mean", Tensor.zeros(features));
      runningVar = buffer("running_var", Tensor.ones(features));
      numBatchesTracked = buffer("num_batches_tracked", Tensor.zeros(DType.INT32));
    } else {
      runningMean = null;
      runningVar = null;
      numBatchesTracked = null;
    }
  }

  /** Scale (C), or null without affine. */
  public Tensor weight() {
    return weight;
  }

  /** Shift (C), or null without affine. */
  public Tensor bias() {
    return bias;
  }

  /** Running mean (C), or null when not tracked. */
  public Tensor runningMean() {
    return runningMean;
  }

  /** Running (unbiased) variance (C), or null when not tracked. */
  public Tensor runningVar() {
    return runningVar;
  }

  /** Number of training batches seen (int32 scalar), or null when not tracked. */
  public Tensor numBatchesTracked() {
    return numBatchesTracked;
  }

  @Override
  public Tensor forward(Tensor x) {
    if ((x.dim() != 2 && x.dim() != 3) || x.size(1) != features) {
      throw new IllegalArgumentException("BatchNorm1d: expected input of shape (N, " + features
          + ") or (N, " + features + ", L), got " + Shape.str(x.shape()));
    }
    Tensor y = F.batchNorm(x, runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
    if (isTraining() && numBatchesTracked != null) {
      try (var g = Grad.disabled()) {
        numBatchesTracked.fill_(numBatchesTracked.getInt() + 1);
      }
    }
    return y;
  }

  @Override
  protected String extraRepr() {
    return features + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
        + ", trackRunningStats=" + (runningMean != null);
  }
}
