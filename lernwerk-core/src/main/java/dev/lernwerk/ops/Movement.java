package dev.lernwerk.ops;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.Pointwise;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape and movement ops: reshape/view, permute/transpose, expand, slicing, copies, cat/stack and
 * split. Views share storage; each records a small node whose backward undoes the movement.
 */
public final class Movement {
  private Movement() {}

  private static Tensor viewOf(Tensor t, int[] shape, int[] strides, int offset) {
    return Tensor.fromStorage(t.storage(), t.dtype(), shape, strides, offset);
  }

  // ------------------------------------------------------------------ copies

  /** A contiguous copy (recorded as identity). */
  public static Tensor cloneOf(Tensor t) {
    int[] shape = t.shape();
    int n = Shape.numel(shape);
    int[] cs = Shape.contiguousStrides(shape);
    Tensor out;
    if (t.dtype() == DType.FLOAT32) {
      Storage dRes = Storage.forResult(n);
      float[] d = dRes.floats();
      if (t.isContiguous()) {
        System.arraycopy(t.storage().floats(), t.offset(), d, 0, n);
        out = Tensor.wrapLike(dRes, t);
      } else {
        Pointwise.copy(shape, t.storage().floats(), t.offset(), t.strides(), d, 0, cs);
        out = Tensor.wrap(dRes, shape);
      }
    } else {
      int[] d = new int[n];
      Pointwise.copy(shape, t.storage().ints(), t.offset(), t.strides(), d, 0, cs);
      out = Tensor.wrapInts(t.dtype(), d, shape);
    }
    if (Node.shouldRecord(t)) {
      new Identity("clone").record(out, t);
    }
    return out;
  }

  static final class Identity extends Node {
    private final String op;

    Identity(String op) {
      this.op = op;
    }

    @Override
    public String name() {
      return op;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g};
    }
  }

  /** Converts dtype (not differentiable). */
  public static Tensor cast(Tensor t, DType target) {
    if (t.dtype() == target) {
      return cloneOf(t.detach());
    }
    int[] shape = t.shape();
    Tensor c = t.detach().contiguous();
    int n = c.numel();
    int off = c.offset();
    if (target == DType.FLOAT32) {
      int[] src = c.storage().ints();
      Storage dRes = Storage.forResult(n);
      float[] d = dRes.floats();
      for (int i = 0; i < n; i++) {
        d[i] = src[off + i];
      }
      return Tensor.wrap(dRes, shape);
    }
    int[] d = new int[n];
    if (c.dtype() == DType.FLOAT32) {
      float[] src = c.storage().floats();
      for (int i = 0; i < n; i++) {
        d[i] = target == DType.BOOL ? (src[off + i] != 0 ? 1 : 0) : (int) src[off + i];
      }
    } else {
      int[] src = c.storage().ints();
      for (int i = 0; i < n; i++) {
        d[i] = target == DType.BOOL ? (src[off + i] != 0 ? 1 : 0) : src[off + i];
      }
    }
    return Tensor.wrapInts(target, d, shape);
  }

  // ------------------------------------------------------------------ reshape family

  /** Resolves one -1 in a requested shape. */
  static int[] inferShape(String op, int[] from, int[] req) {
    int n = Shape.numel(from);
    int[] s = req.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException(
              op + ": only one dim can be -1, got " + Shape.str(req));
        }
        infer = i;
      } else if (s[i] < 0) {
        throw new IllegalArgumentException(
            op + ": invalid size " + s[i] + " at dim " + i + " in " + Shape.str(req));
      } else {
        known *= s[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || n % known != 0) {
        throw new IllegalArgumentException(
            op + ": shape " + Shape.str(req) + " is invalid for a tensor of shape "
                + Shape.str(from) + " (" + n + " elements)");
      }
      s[infer] = (int) (n / known);
    } else if (known != n) {
      throw new IllegalArgumentException(
          op + ": shape " + Shape.str(req) + " is invalid for a tensor of shape "
              + Shape.str(from) + " (" + n + " elements, the new shape has " + known + ")");
    }
    return s;
  }

  /**
   * Strides that view data of (shape, strides) as newShape without copying, or null if impossible
   * (the algorithm of PyTorch's computeStride: split/merge runs of contiguous dims).
   */
  static int[] viewStrides(int[] shape, int[] strides, int[] newShape) {
    int[] out = new int[newShape.length];
    if (Shape.numel(shape) == 0) {
      return Shape.contiguousStrides(newShape);
    }
    int viewD = newShape.length - 1;
    long chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
    long tensorNumel = 1;
    long viewNumel = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      tensorNumel *= shape[d];
      if (d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase)) {
        while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
          out[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= newShape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) {
          return null;
        }
        if (d > 0) {
          chunkBase = strides[d - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    if (viewD != -1) {
      // remaining size-1 dims
      while (viewD >= 0) {
        if (newShape[viewD] != 1) {
          return null;
        }
        out[viewD] = 1;
        viewD--;
      }
    }
    return out;
  }

  /** reshape (copy if needed) or view (never copies). */
  public static Tensor reshape(Tensor t, int[] req, boolean viewOnly) {
    String op = viewOnly ? "view" : "reshape";
    int[] from = t.shape();
    int[] shape = inferShape(op, from, req);
    if (Arrays.equals(shape, from)) {
      return t;
    }
    int[] st = t.isContiguous() ? Shape.contiguousStrides(shape) : viewStrides(from, t.strides(), shape);
    Tensor out;
    if (st != null) {
      out = viewOf(t, shape, st, t.offset());
    } else if (viewOnly) {
      throw new IllegalStateException(
          "view: shape " + Shape.str(shape) + " cannot be a view of a tensor of shape "
              + Shape.str(from) + " with strides " + Shape.str(t.strides())
              + " (not contiguous); use reshape(), or contiguous() first");
    } else {
      Tensor c = cloneOf(t.detach());
      out = viewOf(c, shape, Shape.contiguousStrides(shape), 0);
    }
    if (Node.shouldRecord(t)) {
      new Reshape(from).record(out, t);
    }
    return out;
  }

  static final class Reshape extends Node {
    private final int[] inShape;

    Reshape(int[] inShape) {
      this.inShape = inShape;
    }

    @Override
    public String name() {
      return "reshape";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.reshape(inShape)};
    }
  }

  /** Flattens dims start..end inclusive. */
  public static Tensor flatten(Tensor t, int start, int end) {
    int[] s = t.shape();
    if (s.length == 0) {
      return t.reshape(1);
    }
    int a = Shape.dim("flatten", start, s.length);
    int b = Shape.dim("flatten", end, s.length);
    if (a > b) {
      throw new IllegalArgumentException(
          "flatten: start dim " + start + " comes after end dim " + end);
    }
    int[] n = new int[s.length - (b - a)];
    int j = 0;
    for (int d = 0; d < a; d++) {
      n[j++] = s[d];
    }
    int prod = 1;
    for (int d = a; d <= b; d++) {
      prod *= s[d];
    }
    n[j++] = prod;
    for (int d = b + 1; d < s.length; d++) {
      n[j++] = s[d];
    }
    return t.reshape(n);
  }

  /** Removes size-1 dims (all, or just {@code dim}). */
  public static Tensor squeeze(Tensor t, Integer dim) {
    int[] s = t.shape();
    if (dim != null) {
      if (s.length == 0) {
        return t;
      }
      int d = Shape.dim("squeeze", dim, s.length);
      if (s[d] != 1) {
        return t;
      }
      int[] n = new int[s.length - 1];
      for (int i = 0, j = 0; i < s.length; i++) {
        if (i != d) {
          n[j++] = s[i];
        }
      }
      return t.reshape(n);
    }
    return t.reshape(Arrays.stream(s).filter(x -> x != 1).toArray());
  }

  /** Inserts a size-1 dim. */
  public static Tensor unsqueeze(Tensor t, int dim) {
    int[] s = t.shape();
    int d = Shape.dim("unsqueeze", dim, s.length + 1);
    int[] n = new int[s.length + 1];
    for (int i = 0, j = 0; i < n.length; i++) {
      n[i] = i == d ? 1 : s[j++];
    }
    return t.reshape(n);
  }

  // ------------------------------------------------------------------ permute / expand

  /** Swaps two dims. */
  public static Tensor transpose(Tensor t, int d0, int d1) {
    int r = t.dim();
    int a = Shape.dim("transpose", d0, r);
    int b = Shape.dim("transpose", d1, r);
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) {
      perm[i] = i;
    }
    if (r > 0) {
      perm[a] = b;
      perm[b] = a;
    }
    return permute(t, perm);
  }

  /** Reorders dims (a view). */
  public static Tensor permute(Tensor t, int[] dims) {
    int r = t.dim();
    if (dims.length != r) {
      throw new IllegalArgumentException(
          "permute: expected " + r + " dims for a tensor of shape " + Shape.str(t.shape()) + ", got "
              + Arrays.toString(dims));
    }
    int[] perm = new int[r];
    boolean[] seen = new boolean[r];
    boolean identity = true;
    for (int i = 0; i < r; i++) {
      perm[i] = Shape.dim("permute", dims[i], r);
      if (seen[perm[i]]) {
        throw new IllegalArgumentException(
            "permute: dim " + dims[i] + " repeats in " + Arrays.toString(dims));
      }
      seen[perm[i]] = true;
      identity &= perm[i] == i;
    }
    if (identity) {
      return t;
    }
    int[] s = t.shape();
    int[] st = t.strides();
    int[] ns = new int[r];
    int[] nst = new int[r];
    for (int i = 0; i < r; i++) {
      ns[i] = s[perm[i]];
      nst[i] = st[perm[i]];
    }
    Tensor out = viewOf(t, ns, nst, t.offset());
    if (Node.shouldRecord(t)) {
      int[] inv = new int[r];
      for (int i = 0; i < r; i++) {
        inv[perm[i]] = i;
      }
      new Permute(inv).record(out, t);
    }
    return out;
  }

  static final class Permute extends Node {
    private final int[] inverse;

    Permute(int[] inverse) {
      this.inverse = inverse;
    }

    @Override
    public String name() {
      return "permute";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.permute(inverse)};
    }
  }

  /** Broadcasts to a larger shape without copying. */
  public static Tensor expand(Tensor t, int[] req) {
    int[] s = t.shape();
    int[] target = req.clone();
    int off = target.length - s.length;
    if (off < 0) {
      throw new IllegalArgumentException(
          "expand: the target " + Shape.str(req) + " has fewer dims than the tensor's shape "
              + Shape.str(s));
    }
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1) {
        if (i < off) {
          throw new IllegalArgumentException(
              "expand: -1 is not allowed for the new leading dim " + i + " in " + Shape.str(req));
        }
        target[i] = s[i - off];
      } else if (target[i] < 0) {
        throw new IllegalArgumentException(
            "expand: invalid size " + target[i] + " at dim " + i + " in " + Shape.str(req)
                + " (sizes must be >= 0, or -1 to keep a dim)");
      }
    }
    if (Arrays.equals(target, s)) {
      return t;
    }
    int[] st = Shape.broadcastStrides("expand", s, t.strides(), target);
    Tensor out = viewOf(t, target, st, t.offset());
    if (Node.shouldRecord(t)) {
      new Expand(s).record(out, t);
    }
    return out;
  }

  static final class Expand extends Node {
    private final int[] inShape;

    Expand(int[] inShape) {
      this.inShape = inShape;
    }

    @Override
    public String name() {
      return "expand";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {Broadcast.sumTo(g, inShape)};
    }
  }

  // ------------------------------------------------------------------ slicing

  /** {@code [start:end:step]} along dim, Python semantics for negative and out-of-range bounds. */
  public static Tensor slice(Tensor t, int dim, int start, int end, int step, String op) {
    int[] s = t.shape();
    int d = Shape.indexDim(op, dim, s.length);
    if (step <= 0) {
      throw new IllegalArgumentException(op + ": step must be positive, got " + step);
    }
    int n = s[d];
    if (op.equals("narrow")) {
      if (start < 0 || start > n || end > n || end < start) {
        throw new IndexOutOfBoundsException(
            "narrow: start " + start + " and length " + (end - start)
                + " are out of range for dim " + dim + " of size " + n);
      }
    } else {
      start = start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
      end = end < 0 ? Math.max(end + n, 0) : Math.min(end, n);
      end = Math.max(end, start);
    }
    int len = (end - start + step - 1) / step;
    int[] st = t.strides();
    int[] ns = s.clone();
    ns[d] = len;
    int[] nst = st.clone();
    nst[d] = st[d] * step;
    Tensor out = viewOf(t, ns, nst, t.offset() + start * st[d]);
    if (Node.shouldRecord(t)) {
      new Slice(s, d, start, end, step).record(out, t);
    }
    return out;
  }

  static final class Slice extends Node {
    private final int[] inShape;
    private final int dim;
    private final int start;
    private final int end;
    private final int step;

    Slice(int[] inShape, int dim, int start, int end, int step) {
      this.inShape = inShape;
      this.dim = dim;
      this.start = start;
      this.end = end;
      this.step = step;
    }

    @Override
    public String name() {
      return "slice";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor z = Tensor.zeros(inShape);
      z.slice(dim, start, end, step).copy_(g);
      return new Tensor[] {z};
    }
  }

  /** Index {@code i} of dim, dropping the dim. */
  public static Tensor select(Tensor t, int dim, int i) {
    int[] s = t.shape();
    int d = Shape.indexDim("select", dim, s.length);
    int ii = i < 0 ? i + s[d] : i;
    if (ii < 0 || ii >= s[d]) {
      throw new IndexOutOfBoundsException(
          "select: index " + i + " is out of range for dim " + dim + " of size " + s[d]);
    }
    return slice(t, d, ii, ii + 1, 1, "narrow").squeeze(d);
  }

  // ------------------------------------------------------------------ cat / stack / split

  /** Concatenates along an existing dim. */
  public static Tensor cat(List<Tensor> ts, int dim) {
    if (ts.isEmpty()) {
      throw new IllegalArgumentException("cat: expected at least one tensor, got none");
    }
    Tensor first = ts.get(0);
    int r = first.dim();
    if (r == 0) {
      throw new IllegalArgumentException("cat: zero-dimensional tensors cannot be concatenated; use stack");
    }
    int d = Shape.dim("cat", dim, r);
    int[] shape = first.shape();
    int total = 0;
    for (int i = 0; i < ts.size(); i++) {
      Tensor t = ts.get(i);
      int[] s = t.shape();
      if (s.length != r || t.dtype() != first.dtype()) {
        throw new IllegalArgumentException(
            "cat: tensor " + i + " has shape " + Shape.str(s) + " (" + t.dtype().label()
                + "), tensor 0 has " + Shape.str(shape) + " (" + first.dtype().label()
                + "); ranks and dtypes must match");
      }
      for (int k = 0; k < r; k++) {
        if (k != d && s[k] != shape[k]) {
          throw new IllegalArgumentException(
              "cat: tensor " + i + " has shape " + Shape.str(s) + ", tensor 0 has "
                  + Shape.str(shape) + "; sizes must match except in dim " + dim);
        }
      }
      total += s[d];
    }
    int[] outShape = shape.clone();
    outShape[d] = total;
    // every element is written by exactly one part
    Tensor out = first.dtype() == DType.FLOAT32
        ? Tensor.wrap(Storage.forResult(Shape.numel(outShape)), outShape)
        : Tensor.zeros(first.dtype(), outShape);
    int pos = 0;
    int[] sizes = new int[ts.size()];
    boolean record = false;
    for (int i = 0; i < ts.size(); i++) {
      Tensor t = ts.get(i);
      sizes[i] = t.size(d);
      Tensor part = out.narrow(d, pos, sizes[i]);
      copyInto(part, t.detach());
      pos += sizes[i];
      record |= t.requiresGrad();
    }
    if (record && Node.shouldRecord(ts.toArray(new Tensor[0]))) {
      new Cat(d, sizes).record(out, ts.toArray(new Tensor[0]));
    }
    return out;
  }

  private static void copyInto(Tensor dst, Tensor src) {
    int[] shape = dst.shape();
    if (dst.dtype() == DType.FLOAT32) {
      Pointwise.copy(shape, src.storage().floats(), src.offset(), src.strides(),
          dst.storage().floats(), dst.offset(), dst.strides());
    } else {
      Pointwise.copy(shape, src.storage().ints(), src.offset(), src.strides(),
          dst.storage().ints(), dst.offset(), dst.strides());
    }
  }

  static final class Cat extends Node {
    private final int dim;
    private final int[] sizes;

    Cat(int dim, int[] sizes) {
      this.dim = dim;
      this.sizes = sizes;
    }

    @Override
    public String name() {
      return "cat";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor[] out = new Tensor[sizes.length];
      int pos = 0;
      for (int i = 0; i < sizes.length; i++) {
        out[i] = needsGrad(i) ? g.narrow(dim, pos, sizes[i]) : null;
        pos += sizes[i];
      }
      return out;
    }
  }

  /** Stacks equal shapes along a new dim. */
  public static Tensor stack(List<Tensor> ts, int dim) {
    if (ts.isEmpty()) {
      throw new IllegalArgumentException("stack: expected at least one tensor, got none");
    }
    int[] s0 = ts.get(0).shape();
    int d = Shape.dim("stack", dim, s0.length + 1);
    List<Tensor> parts = new ArrayList<>(ts.size());
    for (int i = 0; i < ts.size(); i++) {
      if (!Arrays.equals(ts.get(i).shape(), s0)) {
        throw new IllegalArgumentException(
            "stack: tensor " + i + " has shape " + Shape.str(ts.get(i).shape())
                + ", tensor 0 has " + Shape.str(s0) + "; all shapes must be equal");
      }
      parts.add(ts.get(i).unsqueeze(d));
    }
    return cat(parts, d);
  }

  /** Pieces of {@code size} along dim. */
  public static List<Tensor> split(Tensor t, int size, int dim) {
    if (size <= 0) {
      throw new IllegalArgumentException("split: size must be positive, got " + size);
    }
    int d = Shape.indexDim("split", dim, t.dim());
    int n = t.size(d);
    List<Tensor> out = new ArrayList<>();
    for (int s = 0; s < n; s += size) {
      out.add(t.narrow(d, s, Math.min(size, n - s)));
    }
    if (n == 0) {
      out.add(t);
    }
    return out;
  }

  /** {@code n} nearly equal pieces along dim (like torch.chunk: ceil(size/n) each). */
  public static List<Tensor> chunk(Tensor t, int n, int dim) {
    if (n <= 0) {
      throw new IllegalArgumentException("chunk: n must be positive, got " + n);
    }
    int d = Shape.indexDim("chunk", dim, t.dim());
    int size = Math.max(1, (t.size(d) + n - 1) / n);
    return split(t, size, d);
  }

}
