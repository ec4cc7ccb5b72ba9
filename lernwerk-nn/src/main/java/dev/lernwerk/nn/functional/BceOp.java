package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;

/**
 * Elementwise binary cross-entropy on probabilities, as PyTorch computes it:
 * {@code l = -(t·max(log x, -100) + (1-t)·max(log(1-x), -100))}. Fused because the composed form
 * has a 0·∞ in its gradient at x = 0 or 1; here {@code dl/dx = (x - t) / max(x(1-x), 1e-12)} stays
 * finite. {@code dl/dt = max(log(1-x), -100) - max(log x, -100)}.
 */
final class BceOp extends Node {
  private static final double EPS = 1e-12;

  @Override
  public String name() {
    return "binaryCrossEntropy";
  }

  /** x and t of equal shape (checked by the caller); x must lie in [0, 1]. */
  static Tensor apply(Tensor x, Tensor t) {
    float[] xv = x.toFloatArray();
    float[] tv = t.toFloatArray();
    Storage outRes = Storage.forResult(xv.length);
    float[] out = outRes.floats();
    for (int i = 0; i < xv.length; i++) {
      float xi = xv[i];
      if (!(xi >= 0f && xi <= 1f)) {
        throw new IllegalArgumentException("binaryCrossEntropy: input values must be probabilities"
            + " in [0, 1], got " + xi + " at flat index " + i + " of shape " + Shape.str(x.shape())
            + " (apply sigmoid first, or use binaryCrossEntropyWithLogits on raw scores)");
      }
      // + 0 turns -0.0 (a perfect prediction) into 0.0
      out[i] = (float) -(tv[i] * logClamped(xi) + (1 - tv[i]) * logClamped(1 - xi)) + 0f;
    }
    Tensor y = Tensor.wrap(outRes, x.shape());
    if (Node.shouldRecord(x, t)) {
      BceOp n = new BceOp();
      n.save(x.detach(), t.detach());
      n.record(y, x, t);
    }
    return y;
  }

  private static double logClamped(double v) {
    return Math.max(Math.log(v), -100);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] xv = saved(0).toFloatArray();
    float[] tv = saved(1).toFloatArray();
    float[] gv = g.toFloatArray();
    int n = xv.length;
    Storage dxRes = needsGrad(0) ? Storage.forResult(n) : null;
    float[] dx = dxRes == null ? null : dxRes.floats();
    Storage dtRes = needsGrad(1) ? Storage.forResult(n) : null;
    float[] dt = dtRes == null ? null : dtRes.floats();
    for (int i = 0; i < n; i++) {
      double x = xv[i];
      if (dx != null) {
        dx[i] = (float) (gv[i] * (x - tv[i]) / Math.max((1 - x) * x, EPS));
      }
      if (dt != null) {
        dt[i] = (float) (gv[i] * (logClamped(1 - x) - logClamped(x)));
      }
    }
    int[] s = g.shape();
    return new Tensor[] {dx == null ? null : Tensor.wrap(dxRes, s), dt == null ? null : Tensor.wrap(dtRes, s)};
  }
}
