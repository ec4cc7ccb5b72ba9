package dev.lernwerk.ops;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;

/** Index-driven ops: where, indexSelect, gather, scatterAdd, oneHot. */
public final class Indexing {
  private Indexing() {}

  private static Tensor requireIndex(String op, Tensor index) {
    if (index.dtype() == DType.FLOAT32) {
      throw new IllegalArgumentException(
          op + ": the index must be an int32 tensor, got float32 of shape "
              + Shape.str(index.shape()) + " (convert with toInt())");
    }
    return index.contiguous();
  }

  // ------------------------------------------------------------------ where

  /** {@code cond ? a : b}, broadcast together. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
    Tensor c = cond.expand(shape).contiguous();
    // a one-element operand (a scalar fill such as where(x > 0, 1, slope)) is read in place with
    // stride 0 rather than expanded into a full copy
    Tensor fa = (a.dtype() == DType.FLOAT32 ? a : a.toFloat()).detach();
    Tensor fb = (b.dtype() == DType.FLOAT32 ? b : b.toFloat()).detach();
    int as = fa.numel() == 1 ? 0 : 1;
    int bs = fb.numel() == 1 ? 0 : 1;
    fa = as == 0 ? fa : fa.expand(shape).contiguous();
    fb = bs == 0 ? fb : fb.expand(shape).contiguous();
    int n = Shape.numel(shape);
    Storage outRes = Storage.forResult(n);
    float[] out = outRes.floats();
    float[] av = fa.storage().floats();
    float[] bv = fb.storage().floats();
    int ao = fa.offset();
    int bo = fb.offset();
    if (c.dtype() == DType.FLOAT32) {
      float[] cv = c.storage().floats();
      int co = c.offset();
      for (int i = 0; i < n; i++) {
        out[i] = cv[co + i] != 0 ? av[ao + i * as] : bv[bo + i * bs];
      }
    } else {
      int[] cv = c.storage().ints();
      int co = c.offset();
      for (int i = 0; i < n; i++) {
        out[i] = cv[co + i] != 0 ? av[ao + i * as] : bv[bo + i * bs];
      }
    }
    Tensor result = Tensor.wrap(outRes, shape);
    if (Node.shouldRecord(a, b)) {
      Where w = new Where(a.shape(), b.shape());
      w.save(c);
      w.record(result, a, b);
    }
    return result;
  }

  static final class Where extends Node {
    private final int[] aShape;
    private final int[] bShape;

    Where(int[] aShape, int[] bShape) {
      this.aShape = aShape;
      this.bShape = bShape;
    }

    @Override
    public String name() {
      return "where";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor c = saved(0);
      Tensor zero = Tensor.scalar(0f);
      return new Tensor[] {
        needsGrad(0) ? Broadcast.sumTo(where(c, g, zero), aShape) : null,
        needsGrad(1) ? Broadcast.sumTo(where(c, zero, g), bShape) : null
      };
    }
  }

  // ------------------------------------------------------------------ indexSelect

  /** Picks entries along dim by a 1-d index. */
  public static Tensor indexSelect(Tensor t, int dim, Tensor index) {
    Tensor idx = requireIndex("indexSelect", index);
    if (idx.dim() != 1) {
      throw new IllegalArgumentException(
          "indexSelect: the index must be 1-d, got shape " + Shape.str(idx.shape()));
    }
    int[] s = t.shape();
    int d = Shape.indexDim("indexSelect", dim, s.length);
    int[] iv = idx.toIntArray();
    int n = s[d];
    for (int i = 0; i < iv.length; i++) {
      if (iv[i] < 0 || iv[i] >= n) {
        throw new IndexOutOfBoundsException(
            "indexSelect: index " + iv[i] + " at position " + i + " is out of range for dim "
                + dim + " of size " + n);
      }
    }
    int outer = 1;
    for (int k = 0; k < d; k++) {
      outer *= s[k];
    }
    int inner = 1;
    for (int k = d + 1; k < s.length; k++) {
      inner *= s[k];
    }
    int[] os = s.clone();
    os[d] = iv.length;
    Tensor c = t.detach().contiguous();
    int k = iv.length;
    Tensor out;
    if (c.dtype() == DType.FLOAT32) {
      float[] src = c.storage().floats();
      int off = c.offset();
      Storage dstRes = Storage.forResult(outer * k * inner);
      float[] dst = dstRes.floats();
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < k; j++) {
          System.arraycopy(src, off + (o * n + iv[j]) * inner, dst, (o * k + j) * inner, inner);
        }
      }
      out = Tensor.wrap(dstRes, os);
    } else {
      int[] src = c.storage().ints();
      int off = c.offset();
      int[] dst = new int[outer * k * inner];
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < k; j++) {
          System.arraycopy(src, off + (o * n + iv[j]) * inner, dst, (o * k + j) * inner, inner);
        }
      }
      out = Tensor.wrapInts(c.dtype(), dst, os);
    }
    if (Node.shouldRecord(t)) {
      IndexSelect node = new IndexSelect(s, d);
      node.save(idx);
      node.record(out, t);
    }
    return out;
  }

  static final class IndexSelect extends Node {
    private final int[] inShape;
    private final int dim;

    IndexSelect(int[] inShape, int dim) {
      this.inShape = inShape;
      this.dim = dim;
    }

    @Override
    public String name() {
      return "indexSelect";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      int[] iv = saved(0).toIntArray();
      int outer = 1;
      for (int k = 0; k < dim; k++) {
        outer *= inShape[k];
      }
      int inner = 1;
      for (int k = dim + 1; k < inShape.length; k++) {
        inner *= inShape[k];
      }
      int n = inShape[dim];
      Tensor gc = g.contiguous();
      float[] gv = gc.storage().floats();
      int go = gc.offset();
      Storage dstRes = Storage.zeroedForResult(Shape.numel(inShape));
      float[] dst = dstRes.floats();
      int k = iv.length;
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < k; j++) {
          int base = (o * n + iv[j]) * inner;
          int src = go + (o * k + j) * inner;
          for (int i = 0; i < inner; i++) {
            dst[base + i] += gv[src + i];
          }
        }
      }
      return new Tensor[] {Tensor.wrap(dstRes, inShape)};
    }
  }

  // ------------------------------------------------------------------ gather / scatterAdd

  private static void checkGatherShapes(String op, int[] s, int[] is, int d) {
    if (is.length != s.length) {
      throw new IllegalArgumentException(
          op + ": index of shape " + Shape.str(is) + " must have the same rank as the tensor of shape "
              + Shape.str(s));
    }
    for (int k = 0; k < s.length; k++) {
      if (k != d && is[k] > s[k]) {
        throw new IllegalArgumentException(
            op + ": index of shape " + Shape.str(is) + " is larger than the tensor of shape "
                + Shape.str(s) + " in dim " + k);
      }
    }
  }

  /** {@code out[p] = t[p with coordinate dim replaced by index[p]]}. */
  public static Tensor gather(Tensor t, int dim, Tensor index) {
    Tensor idx = requireIndex("gather", index);
    int[] s = t.shape();
    int d = Shape.indexDim("gather", dim, s.length);
    int[] is = idx.shape();
    checkGatherShapes("gather", s, is, d);
    Tensor src = t.dtype() == DType.FLOAT32 ? t : t.toFloat();
    int[] st = src.strides();
    float[] sv = src.storage().floats();
    int[] iv = idx.toIntArray();
    int n = iv.length;
    Storage outRes = Storage.forResult(n);
    float[] out = outRes.floats();
    int[] pos = new int[is.length];
    for (int i = 0; i < n; i++) {
      int v = iv[i];
      if (v < 0 || v >= s[d]) {
        throw new IndexOutOfBoundsException(
            "gather: index " + v + " at position " + Shape.str(pos) + " is out of range for dim "
                + dim + " of size " + s[d]);
      }
      int o = src.offset();
      for (int k = 0; k < pos.length; k++) {
        o += (k == d ? v : pos[k]) * st[k];
      }
      out[i] = sv[o];
      increment(pos, is);
    }
    Tensor result = Tensor.wrap(outRes, is);
    if (t.dtype() != DType.FLOAT32) {
      return result.to(t.dtype());
    }
    if (Node.shouldRecord(t)) {
      Gather node = new Gather(s, d);
      node.save(idx);
      node.record(result, t);
    }
    return result;
  }

  static void increment(int[] pos, int[] shape) {
    for (int k = pos.length - 1; k >= 0; k--) {
      if (++pos[k] < shape[k]) {
        return;
      }
      pos[k] = 0;
    }
  }

  static final class Gather extends Node {
    private final int[] inShape;
    private final int dim;

    Gather(int[] inShape, int dim) {
      this.inShape = inShape;
      this.dim = dim;
    }

    @Override
    public String name() {
      return "gather";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {Tensor.zeros(inShape).scatterAdd(dim, saved(0), g)};
    }
  }

  /** A copy of {@code self} with {@code src} added at the positions {@code index} along dim. */
  public static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
    Tensor idx = requireIndex("scatterAdd", index);
    Arith.requireFloat("scatterAdd", self);
    Arith.requireFloat("scatterAdd", src);
    int[] s = self.shape();
    int d = Shape.indexDim("scatterAdd", dim, s.length);
    int[] is = idx.shape();
    checkGatherShapes("scatterAdd", s, is, d);
    int[] ss = src.shape();
    for (int k = 0; k < is.length; k++) {
      if (ss.length != is.length || is[k] > ss[k]) {
        throw new IllegalArgumentException(
            "scatterAdd: index of shape " + Shape.str(is) + " does not fit src of shape "
                + Shape.str(ss));
      }
    }
    Tensor out = Movement.cloneOf(self.detach());
    float[] ov = out.storage().floats();
    int[] ost = out.strides();
    float[] sv = src.storage().floats();
    int[] sst = src.strides();
    int[] iv = idx.toIntArray();
    int[] pos = new int[is.length];
    for (int i = 0; i < iv.length; i++) {
      int v = iv[i];
      if (v < 0 || v >= s[d]) {
        throw new IndexOutOfBoundsException(
            "scatterAdd: index " + v + " at position " + Shape.str(pos)
                + " is out of range for dim " + dim + " of size " + s[d]);
      }
      int o = 0;
      int so = src.offset();
      for (int k = 0; k < pos.length; k++) {
        o += (k == d ? v : pos[k]) * ost[k];
        so += pos[k] * sst[k];
      }
      ov[o] += sv[so];
      increment(pos, is);
    }
    if (Node.shouldRecord(self, src)) {
      ScatterAdd node = new ScatterAdd(d, ss);
      node.save(idx);
      node.record(out, self, src);
    }
    return out;
  }

  static final class ScatterAdd extends Node {
    private final int dim;
    private final int[] srcShape;

    ScatterAdd(int dim, int[] srcShape) {
      this.dim = dim;
      this.srcShape = srcShape;
    }

    @Override
    public String name() {
      return "scatterAdd";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor gs = null;
      if (needsGrad(1)) {
        Tensor idx = saved(0);
        gs = g.gather(dim, idx);
        if (!java.util.Arrays.equals(idx.shape(), srcShape)) {
          // src may be larger than the index: its unused elements get no gradient
          Tensor full = Tensor.zeros(srcShape);
          Tensor part = full;
          int[] is = idx.shape();
          for (int k = 0; k < is.length; k++) {
            part = part.narrow(k, 0, is[k]);
          }
          part.copy_(gs);
          gs = full;
        }
      }
      return new Tensor[] {needsGrad(0) ? g : null, gs};
    }
  }

  // ------------------------------------------------------------------ oneHot

  /** One-hot rows for integer labels: shape [..., numClasses]. */
  public static Tensor oneHot(Tensor labels, int numClasses) {
    Tensor idx = requireIndex("oneHot", labels);
    if (numClasses <= 0) {
      throw new IllegalArgumentException("oneHot: numClasses must be positive, got " + numClasses);
    }
    int[] iv = idx.toIntArray();
    Storage outRes = Storage.zeroedForResult(iv.length * numClasses);
    float[] out = outRes.floats();
    for (int i = 0; i < iv.length; i++) {
      if (iv[i] < 0 || iv[i] >= numClasses) {
        throw new IndexOutOfBoundsException(
            "oneHot: label " + iv[i] + " at index " + i + " is out of range for " + numClasses
                + " classes (expected 0.." + (numClasses - 1) + ")");
      }
      out[i * numClasses + iv[i]] = 1f;
    }
    int[] s = idx.shape();
    int[] os = java.util.Arrays.copyOf(s, s.length + 1);
    os[s.length] = numClasses;
    return Tensor.wrap(outRes, os);
  }
}
