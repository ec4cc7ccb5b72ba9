package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Argument checks and running statistics around the fused batch and layer normalization ops. */
final class Norms {
  private Norms() {}

  static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
      Tensor bias, boolean training, double momentum, double eps) {
    String op = "batchNorm";
    Losses.requireFloat(op, "input", x);
    int r = x.dim();
    if (r < 2) {
      throw new IllegalArgumentException(
          op + ": expected input of shape (N, C, *), got " + Shape.str(x.shape()));
    }
    int c = x.size(1);
    for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias}) {
      if (t != null && (t.dim() != 1 || t.size(0) != c)) {
        throw new IllegalArgumentException(op + ": per-channel tensors must have shape [" + c
            + "] for input " + Shape.str(x.shape()) + ", got " + Shape.str(t.shape()));
      }
    }
    boolean useBatch = training || runningMean == null || runningVar == null;
    int count = x.numel() / Math.max(c, 1);
    if (training && count <= 1) {
      throw new IllegalArgumentException(op + ": expected more than 1 value per channel when"
          + " training, got input of shape " + Shape.str(x.shape())
          + " (use a batch larger than 1, or eval mode)");
    }
    boolean update = training && runningMean != null && runningVar != null;
    float[] stats = update ? new float[2 * c] : null;
    Tensor y = BatchNormOp.apply(x, weight, bias, useBatch ? null : runningMean.toFloatArray(),
        useBatch ? null : runningVar.toFloatArray(), eps, stats);
    if (update) {
      try (var g = Grad.disabled()) {
        float m = (float) momentum;
        float[] mean = Arrays.copyOf(stats, c);
        float[] var = Arrays.copyOfRange(stats, c, 2 * c);
        for (int i = 0; i < c; i++) {
          var[i] = (float) ((double) var[i] * count / (count - 1)); // unbiased, as PyTorch
        }
        runningMean.mul_(1 - m).add_(Tensor.wrap(mean, c), m);
        runningVar.mul_(1 - m).add_(Tensor.wrap(var, c), m);
      }
    }
    return y;
  }

  static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
    String op = "layerNorm";
    Losses.requireFloat(op, "input", x);
    int k = normalizedShape.length;
    int[] xs = x.shape();
    boolean ok = k > 0 && xs.length >= k
        && Arrays.equals(Arrays.copyOfRange(xs, xs.length - k, xs.length), normalizedShape);
    if (!ok) {
      throw new IllegalArgumentException(op + ": expected input whose last dims are "
          + Shape.str(normalizedShape) + ", got shape " + Shape.str(xs));
    }
    for (Tensor t : new Tensor[] {weight, bias}) {
      if (t != null && !Arrays.equals(t.shape(), normalizedShape)) {
        throw new IllegalArgumentException(op + ": weight and bias must have shape "
            + Shape.str(normalizedShape) + ", got " + Shape.str(t.shape()));
      }
    }
    return LayerNormOp.apply(x, normalizedShape, weight, bias, eps);
  }
}
