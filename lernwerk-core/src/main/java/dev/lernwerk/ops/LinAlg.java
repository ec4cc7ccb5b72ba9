package dev.lernwerk.ops;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.Gemm;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Matrix products on the engine's SGEMM: 1-d, 2-d and batched with broadcast batch dims. */
public final class LinAlg {
  private LinAlg() {}

  /** NumPy {@code matmul}. */
  public static Tensor matmul(Tensor a, Tensor b) {
    Arith.requireFloat("matmul", a);
    Arith.requireFloat("matmul", b);
    int ra = a.dim();
    int rb = b.dim();
    if (ra == 0 || rb == 0) {
      throw new IllegalArgumentException(
          "matmul: both arguments need at least 1 dim, got a=" + Shape.str(a.shape()) + ", b="
              + Shape.str(b.shape()) + " (use mul for scalars)");
    }
    // check with the caller's shapes before the 1-d cases are rewritten as matrices
    checkInner(a, b, a.size(-1), rb == 1 ? b.size(0) : b.size(-2));
    if (ra == 1 && rb == 1) {
      return mm(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    }
    if (ra == 1) {
      return matmul(a.unsqueeze(0), b).squeeze(-2);
    }
    if (rb == 1) {
      return matmul(a, b.unsqueeze(1)).squeeze(-1);
    }
    if (ra == 2 && rb == 2) {
      return mm(a, b);
    }
    return batched(a, b);
  }

  private static void checkInner(Tensor a, Tensor b, int ka, int kb) {
    if (ka != kb) {
      throw new IllegalArgumentException(
          "matmul: inner dimensions differ: a=" + Shape.str(a.shape()) + ", b="
              + Shape.str(b.shape()) + " (a.shape[-1] must equal b.shape["
              + (b.dim() == 1 ? "0" : "-2") + "])");
    }
  }

  /** Layout of a matrix operand for Gemm: transposed flag and leading dim, or null if neither. */
  private record Layout(boolean trans, int ld) {}

  private static Layout layout(int rows, int cols, int rs, int cs) {
    if (cs == 1 && (rs >= cols || rows == 1)) {
      return new Layout(false, Math.max(rs, Math.max(cols, 1)));
    }
    if (rs == 1 && (cs >= rows || cols == 1)) {
      return new Layout(true, Math.max(cs, Math.max(rows, 1)));
    }
    return null;
  }

  /** 2-d product (n,k)·(k,m). */
  static Tensor mm(Tensor a, Tensor b) {
    Tensor ad = a.detach();
    Tensor bd = b.detach();
    int n = ad.size(0);
    int k = ad.size(1);
    int m = bd.size(1);
    Layout la = layout(n, k, ad.strides()[0], ad.strides()[1]);
    if (la == null) {
      ad = ad.contiguous();
      la = new Layout(false, Math.max(k, 1));
    }
    Layout lb = layout(k, m, bd.strides()[0], bd.strides()[1]);
    if (lb == null) {
      bd = bd.contiguous();
      lb = new Layout(false, Math.max(m, 1));
    }
    Storage cRes = Storage.forResult(n * m);
    float[] c = cRes.floats();
    Gemm.sgemm(la.trans, lb.trans, n, m, k, ad.storage().floats(), ad.offset(), la.ld,
        bd.storage().floats(), bd.offset(), lb.ld, c, 0, Math.max(m, 1), false);
    Tensor out = Tensor.wrap(cRes, n, m);
    if (Node.shouldRecord(a, b)) {
      MatMul node = new MatMul(a.shape(), b.shape());
      node.save(a.detach(), b.detach());
      node.record(out, a, b);
    }
    return out;
  }

  /** Batched product with broadcast batch dims. */
  static Tensor batched(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    int n = as[as.length - 2];
    int k = as[as.length - 1];
    int m = bs[bs.length - 1];
    int[] batchA = Arrays.copyOf(as, as.length - 2);
    int[] batchB = Arrays.copyOf(bs, bs.length - 2);
    int[] batch;
    try {
      batch = Shape.broadcast("matmul", batchA, batchB);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "matmul: batch dims " + Shape.str(batchA) + " of a=" + Shape.str(as) + " and "
              + Shape.str(batchB) + " of b=" + Shape.str(bs)
              + " cannot be broadcast together (sizes must match or one of them be 1)");
    }
    int nb = Shape.numel(batch);
    int[] fullA = concat(batch, n, k);
    int[] fullB = concat(batch, k, m);
    Operand oa = operand(a.detach().expand(fullA), nb, n, k);
    Operand ob = operand(b.detach().expand(fullB), nb, k, m);
    Storage cRes = Storage.forResult(nb * n * m);
    float[] c = cRes.floats();
    Gemm.sgemmBatched(nb, oa.trans, ob.trans, n, m, k, oa.t.storage().floats(), oa.t.offset(),
        oa.ld, oa.batchStride, ob.t.storage().floats(), ob.t.offset(), ob.ld, ob.batchStride, c, 0,
        Math.max(m, 1), n * m, false);
    Tensor out = Tensor.wrap(cRes, concat(batch, n, m));
    if (Node.shouldRecord(a, b)) {
      MatMul node = new MatMul(as, bs);
      node.save(a.detach(), b.detach());
      node.record(out, a, b);
    }
    return out;
  }

  private record Operand(Tensor t, boolean trans, int ld, int batchStride) {}

  /** Collapses the batch dims of an expanded operand into one stride, copying only if needed. */
  private static Operand operand(Tensor t, int nb, int rows, int cols) {
    int r = t.dim();
    int[] s = t.shape();
    int[] st = t.strides();
    Layout l = layout(rows, cols, st[r - 2], st[r - 1]);
    Integer bstride = null;
    if (l != null) {
      // batch dims collapse if every non-trivial batch dim has the same stride pattern
      boolean ok = true;
      int expect = -1;
      int allZero = 0;
      long running = -1;
      for (int d = r - 3; d >= 0; d--) {
        if (s[d] == 1) {
          continue;
        }
        if (st[d] == 0) {
          allZero++;
          continue;
        }
        if (running == -1) {
          expect = st[d];
          running = (long) st[d] * s[d];
        } else if (st[d] == running) {
          running *= s[d];
        } else {
          ok = false;
        }
      }
      if (ok && allZero > 0 && expect != -1) {
        ok = false; // mixed broadcast and real batch dims
      }
      if (ok) {
        bstride = expect == -1 ? 0 : expect;
      }
    }
    if (bstride == null) {
      Tensor c = t.contiguous();
      return new Operand(c, false, Math.max(cols, 1), rows * cols);
    }
    return new Operand(t, l.trans, l.ld, nb == 1 ? 0 : bstride);
  }

  private static int[] concat(int[] batch, int x, int y) {
    int[] s = Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = x;
    s[batch.length + 1] = y;
    return s;
  }

  /** dA = dC·Bᵀ, dB = Aᵀ·dC, summed over broadcast batch dims. */
  static final class MatMul extends Node {
    private final int[] aShape;
    private final int[] bShape;

    MatMul(int[] aShape, int[] bShape) {
      this.aShape = aShape;
      this.bShape = bShape;
    }

    @Override
    public String name() {
      return "matmul";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor a = saved(0);
      Tensor b = saved(1);
      Tensor ga = needsGrad(0) ? Broadcast.sumTo(g.matmul(b.transpose(-2, -1)), aShape) : null;
      Tensor gb = needsGrad(1) ? Broadcast.sumTo(a.transpose(-2, -1).matmul(g), bShape) : null;
      return new Tensor[] {ga, gb};
    }
  }
}
