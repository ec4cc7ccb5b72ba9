package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.Gemm;
import dev.lernwerk.kernel.Reduce;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;

/**
 * Fused affine map {@code y = x·Wᵀ + b}: one GEMM with B transposed (W is never copied), the bias
 * written into the output first and accumulated onto. Backward: {@code dX = dY·W}, {@code dW =
 * dYᵀ·X}, {@code db = column sums of dY}. The composed {@code x.matmul(w.t()).add(b)} is its test
 * oracle.
 */
final class LinearOp extends Node {
  private final int[] xShape;
  private final int rows;

  private LinearOp(int[] xShape, int rows) {
    this.xShape = xShape;
    this.rows = rows;
  }

  @Override
  public String name() {
    return "linear";
  }

  /** x: (*, in), w: (out, in), b: (out) or null → (*, out). Shapes are validated by the caller. */
  static Tensor apply(Tensor x, Tensor w, Tensor b) {
    int out = w.size(0);
    int in = w.size(1);
    int[] xs = x.shape();
    int n = rows(xs);
    Tensor xc;
    Tensor wc;
    Storage yRes = Storage.forResult(n * out);
    float[] y = yRes.floats();
    try (var g = Grad.disabled()) {
      xc = x.detach().contiguous();
      wc = w.detach().contiguous();
      if (b != null) {
        Tensor bc = b.detach().contiguous();
        float[] bv = bc.storage().floats();
        for (int r = 0; r < n; r++) {
          System.arraycopy(bv, bc.offset(), y, r * out, out);
        }
      }
    }
    Gemm.sgemm(false, true, n, out, in, xc.storage().floats(), xc.offset(), Math.max(in, 1),
        wc.storage().floats(), wc.offset(), Math.max(in, 1), y, 0, Math.max(out, 1), b != null);
    int[] ys = xs.clone();
    ys[ys.length - 1] = out;
    Tensor result = Tensor.wrap(yRes, ys);
    if (Node.shouldRecord(x, w, b)) {
      LinearOp node = new LinearOp(xs, n);
      node.save(xc, wc);
      node.record(result, x, w, b);
    }
    return result;
  }

  /** Product of the leading dims: the number of rows of the (rows, in) matrix view of x. */
  static int rows(int[] xs) {
    int n = 1;
    for (int i = 0; i < xs.length - 1; i++) {
      n *= xs[i];
    }
    return n;
  }

  @Override
  protected Tensor[] backward(Tensor gradOut) {
    Tensor x = saved(0);
    Tensor w = saved(1);
    int out = w.size(0);
    int in = w.size(1);
    int n = rows;
    Tensor g = gradOut.contiguous();
    float[] gv = g.storage().floats();
    int go = g.offset();
    Tensor dx = null;
    Tensor dw = null;
    Tensor db = null;
    if (needsGrad(0)) {
      Storage dRes = Storage.forResult(n * in);
      float[] d = dRes.floats();
      Gemm.sgemm(false, false, n, in, out, gv, go, Math.max(out, 1), w.storage().floats(),
          w.offset(), Math.max(in, 1), d, 0, Math.max(in, 1), false);
      dx = Tensor.wrap(dRes, xShape);
    }
    if (needsGrad(1)) {
      Storage dRes = Storage.forResult(out * in);
      float[] d = dRes.floats();
      Gemm.sgemm(true, false, out, in, n, gv, go, Math.max(out, 1), x.storage().floats(),
          x.offset(), Math.max(in, 1), d, 0, Math.max(in, 1), false);
      dw = Tensor.wrap(dRes, out, in);
    }
    if (needsGrad(2)) {
      Storage dRes = Storage.zeroedForResult(out);
      float[] d = dRes.floats();
      if (n > 0) {
        Reduce.sumCols(gv, go, n, out, d, 0);
      }
      db = Tensor.wrap(dRes, out);
    }
    return new Tensor[] {dx, dw, db};
  }
}
