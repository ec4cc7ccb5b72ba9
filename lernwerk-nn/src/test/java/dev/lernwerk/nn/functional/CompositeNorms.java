package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Batch and layer normalization composed from reductions and elementwise ops: the oracle for the fused ops. */
final class CompositeNorms {
  private CompositeNorms() {}

  /** Shape (C, 1, …, 1) that broadcasts a per-channel vector over (N, C, *). */
  private static int[] channelShape(int c, int rank) {
    int[] s = new int[rank - 1];
    Arrays.fill(s, 1);
    s[0] = c;
    return s;
  }

  static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
      Tensor bias, boolean training, double momentum, double eps) {
    String op = "batchNorm";
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
    int[] dims = new int[r - 1];
    dims[0] = 0;
    for (int d = 2; d < r; d++) {
      dims[d - 1] = d;
    }
    int[] cs = channelShape(c, r);
    Tensor y;
    boolean useBatch = training || runningMean == null || runningVar == null;
    if (useBatch) {
      int n = x.numel() / Math.max(c, 1);
      if (training && n <= 1) {
        throw new IllegalArgumentException(op + ": expected more than 1 value per channel when"
            + " training, got input of shape " + Shape.str(x.shape())
            + " (use a batch larger than 1, or eval mode)");
      }
      Tensor mean = x.mean(dims, true);
      Tensor var = x.var(dims, false, true);
      y = x.sub(mean).mul(var.add((float) eps).rsqrt());
      if (training && runningMean != null && runningVar != null) {
        try (var g = Grad.disabled()) {
          float m = (float) momentum;
          runningMean.mul_(1 - m).add_(mean.detach().reshape(c), m);
          Tensor unbiased = var.detach().reshape(c).mul((float) n / (n - 1));
          runningVar.mul_(1 - m).add_(unbiased, m);
        }
      }
    } else {
      y = x.sub(runningMean.reshape(cs)).mul(runningVar.reshape(cs).add((float) eps).rsqrt());
    }
    if (weight != null) {
      y = y.mul(weight.reshape(cs));
    }
    if (bias != null) {
      y = y.add(bias.reshape(cs));
    }
    return y;
  }

  static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
    String op = "layerNorm";
    int k = normalizedShape.length;
    int[] xs = x.shape();
    boolean ok = k > 0 && xs.length >= k
        && Arrays.equals(Arrays.copyOfRange(xs, xs.length - k, xs.length), normalizedShape);
    if (!ok) {
      throw new IllegalArgumentException(op + ": expected input whose last dims are "
          + Shape.str(normalizedShape) + ", got shape " + Shape.str(xs));
    }
    int[] dims = new int[k];
    for (int i = 0; i < k; i++) {
      dims[i] = xs.length - k + i;
    }
    Tensor mean = x.mean(dims, true);
    Tensor var = x.var(dims, false, true);
    Tensor y = x.sub(mean).mul(var.add((float) eps).rsqrt());
    if (weight != null) {
      y = y.mul(weight);
    }
    if (bias != null) {
      y = y.add(bias);
    }
    return y;
  }
}
