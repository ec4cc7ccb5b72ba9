package dev.lernwerk.ops;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.Reduce;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;
import java.util.TreeMap;

/** Reductions along dims (sum, mean, var, max/min with indices, logsumexp, norms) and softmax. */
public final class Reductions {
  private Reductions() {}

  /** Shape after reducing {@code mask} dims, with or without keeping them as size 1. */
  static int[] reducedShape(int[] shape, boolean[] mask, boolean keepdim) {
    int n = 0;
    for (int d = 0; d < shape.length; d++) {
      if (!mask[d] || keepdim) {
        n++;
      }
    }
    int[] out = new int[n];
    int j = 0;
    for (int d = 0; d < shape.length; d++) {
      if (mask[d]) {
        if (keepdim) {
          out[j++] = 1;
        }
      } else {
        out[j++] = shape[d];
      }
    }
    return out;
  }

  /**
   * Moves the reduced dims to the end and returns a contiguous tensor viewed as (outer, inner) with
   * the reduced elements of each output position in one contiguous row.
   */
  static Tensor rowsLast(Tensor x, boolean[] mask) {
    int r = mask.length;
    int[] perm = new int[r];
    int j = 0;
    for (int d = 0; d < r; d++) {
      if (!mask[d]) {
        perm[j++] = d;
      }
    }
    for (int d = 0; d < r; d++) {
      if (mask[d]) {
        perm[j++] = d;
      }
    }
    Tensor p = x.detach().permute(perm);
    return p.contiguous();
  }

  private static boolean isPrefixMask(boolean[] mask) {
    boolean seenKept = false;
    for (boolean m : mask) {
      if (!m) {
        seenKept = true;
      } else if (seenKept) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ sum / mean / var

  /** Sum over {@code dims} (all when empty). */
  public static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
    Tensor fx = x.dtype() == DType.FLOAT32 ? x : x.toFloat();
    int[] shape = fx.shape();
    boolean[] mask = Shape.dimMask("sum", dims, shape.length);
    int[] outShape = reducedShape(shape, mask, keepdim);
    int outN = Shape.numel(outShape);
    int total = Shape.numel(shape);
    int len = outN == 0 ? 0 : total / Math.max(outN, 1);
    Storage outRes = Storage.forResult(outN);
    float[] out = outRes.floats();
    if (outN > 0 && len > 0) {
      if (fx.isContiguous() && isPrefixMask(mask) && outN > 1) {
        Reduce.sumCols(fx.storage().floats(), fx.offset(), len, outN, out, 0);
      } else {
        Tensor c = rowsLast(fx, mask);
        Reduce.sumRows(c.storage().floats(), c.offset(), outN, len, out, 0);
      }
    } else {
      java.util.Arrays.fill(out, 0f); // sums over empty dims
    }
    Tensor result = Tensor.wrap(outRes, outShape);
    if (Node.shouldRecord(x)) {
      new SumBackward(shape, reducedShape(shape, mask, true)).record(result, x);
    }
    return result;
  }

  static final class SumBackward extends Node {
    private final int[] inShape;
    private final int[] keptShape;

    SumBackward(int[] inShape, int[] keptShape) {
      this.inShape = inShape;
      this.keptShape = keptShape;
    }

    @Override
    public String name() {
      return "sum";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.reshape(keptShape).expand(inShape)};
    }
  }

  private static int count(int[] shape, boolean[] mask) {
    int n = 1;
    for (int d = 0; d < shape.length; d++) {
      if (mask[d]) {
        n *= shape[d];
      }
    }
    return n;
  }

  /** Mean over {@code dims}. */
  public static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
    boolean[] mask = Shape.dimMask("mean", dims, x.dim());
    int n = count(x.shape(), mask);
    return sum(x, dims, keepdim).mul(1f / n);
  }

  /** Variance over {@code dims}, dividing by n-1 when unbiased. */
  public static Tensor var(Tensor x, int[] dims, boolean unbiased, boolean keepdim) {
    boolean[] mask = Shape.dimMask("var", dims, x.dim());
    int n = count(x.shape(), mask);
    Tensor mu = mean(x, dims, true);
    Tensor d = x.sub(mu);
    return sum(d.mul(d), dims, keepdim).mul(1f / Math.max(unbiased ? n - 1 : n, 0));
  }

  // ------------------------------------------------------------------ max / min

  /** Max (or min) along one dim with indices. */
  public static Tensor.ValuesIndices maxDim(Tensor x, int dim, boolean keepdim, boolean min) {
    String op = min ? "min" : "max";
    Tensor fx = x.dtype() == DType.FLOAT32 ? x : x.toFloat();
    int[] shape = fx.shape();
    if (shape.length == 0) {
      Shape.dim(op, dim, 0); // 0 or -1
      return new Tensor.ValuesIndices(x, Tensor.wrapInts(new int[] {0}, new int[0]));
    }
    int d = Shape.dim(op, dim, shape.length);
    if (shape[d] == 0) {
      throw new IllegalArgumentException(
          op + ": cannot reduce dim " + dim + " of size 0 (shape " + Shape.str(shape) + ")");
    }
    boolean[] mask = new boolean[shape.length];
    mask[d] = true;
    int[] outShape = reducedShape(shape, mask, keepdim);
    int outN = Shape.numel(outShape);
    int len = shape[d];
    Storage valsRes = Storage.forResult(outN);
    float[] vals = valsRes.floats();
    int[] idx = new int[outN];
    if (outN > 0) {
      Tensor c = rowsLast(fx, mask);
      Reduce.maxRows(c.storage().floats(), c.offset(), outN, len, min, vals, idx);
    }
    Tensor values = Tensor.wrap(valsRes, outShape);
    Tensor indices = Tensor.wrapInts(idx, outShape);
    if (x.dtype() != DType.FLOAT32) {
      values = values.to(x.dtype());
    } else if (Node.shouldRecord(x)) {
      IndexBackward n = new IndexBackward(op, shape, d, keepdim);
      n.save(indices);
      n.record(values, x);
    }
    return new Tensor.ValuesIndices(values, indices);
  }

  /** Gradient flows to the recorded index along {@code dim}. */
  static final class IndexBackward extends Node {
    private final String op;
    private final int[] inShape;
    private final int dim;
    private final boolean keepdim;

    IndexBackward(String op, int[] inShape, int dim, boolean keepdim) {
      this.op = op;
      this.inShape = inShape;
      this.dim = dim;
      this.keepdim = keepdim;
    }

    @Override
    public String name() {
      return op;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor idx = saved(0);
      if (!keepdim) {
        g = g.unsqueeze(dim);
        idx = idx.unsqueeze(dim);
      }
      return new Tensor[] {Tensor.zeros(inShape).scatterAdd(dim, idx, g)};
    }
  }

  /** Max (or min) of all elements; the gradient is shared evenly among tied extremes. */
  public static Tensor maxAll(Tensor x, boolean min) {
    if (x.numel() == 0) {
      throw new IllegalArgumentException(
          (min ? "min" : "max") + ": the tensor is empty (shape " + Shape.str(x.shape()) + ")");
    }
    // no dims means all of them
    return x.dim() == 0 ? x.mul(1f) : amax(x, new int[0], false, min);
  }

  /**
   * Max (or min) over several dims, no indices. The gradient is shared evenly among the elements
   * equal to the result (as PyTorch's amax/amin and full max/min): {@code dx = g * [x == y] / count};
   * a NaN result sends it to the NaN elements.
   */
  public static Tensor amax(Tensor x, int[] dims, boolean keepdim, boolean min) {
    Tensor out;
    try (var g = Grad.disabled()) {
      out = amaxValues(x, dims, keepdim, min);
    }
    if (Node.shouldRecord(x)) {
      int[] shape = x.shape();
      boolean[] mask = Shape.dimMask(min ? "amin" : "amax", dims, shape.length);
      EvenBackward n = new EvenBackward(min ? "amin" : "amax");
      n.save(x.detach(), out.reshape(reducedShape(shape, mask, true)).detach());
      n.record(out, x);
    }
    return out;
  }

  /** Gradient of amax/amin: shared evenly among the elements equal to the result. */
  static final class EvenBackward extends Node {
    private final String op;

    EvenBackward(String op) {
      this.op = op;
    }

    @Override
    public String name() {
      return op;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor x = saved(0);
      Tensor y = saved(1); // the result with the reduced dims kept as size 1
      Tensor hit = x.eq(y).logicalOr(x.ne(x).logicalAnd(y.ne(y))).toFloat();
      Tensor share = hit.div(Broadcast.sumTo(hit, y.shape()));
      return new Tensor[] {share.mul(g.reshape(y.shape()))};
    }
  }

  private static Tensor amaxValues(Tensor x, int[] dims, boolean keepdim, boolean min) {
    int[] shape = x.shape();
    boolean[] mask = Shape.dimMask(min ? "amin" : "amax", dims, shape.length);
    int r = shape.length;
    int[] perm = new int[r];
    int j = 0;
    int kept = 0;
    for (int d = 0; d < r; d++) {
      if (!mask[d]) {
        perm[j++] = d;
        kept++;
      }
    }
    for (int d = 0; d < r; d++) {
      if (mask[d]) {
        perm[j++] = d;
      }
    }
    int[] keptDims = new int[kept + 1];
    for (int i = 0; i < kept; i++) {
      keptDims[i] = shape[perm[i]];
    }
    keptDims[kept] = -1;
    Tensor flat = x.permute(perm).reshape(keptDims);
    Tensor v = maxDim(flat, kept, false, min).values();
    return v.reshape(reducedShape(shape, mask, keepdim));
  }

  // ------------------------------------------------------------------ logsumexp / softmax

  /**
   * log Σ exp along dim, fused: per row m + log Σ exp(x - m) with m the row max (0 when infinite).
   * The gradient is {@code g * softmax(x)}. The composed {@link #logsumexpComposed} is its test
   * oracle.
   */
  public static Tensor logsumexp(Tensor x, int dim, boolean keepdim) {
    Tensor fx = x.dtype() == DType.FLOAT32 ? x : x.toFloat();
    int[] shape = fx.shape();
    if (shape.length == 0) {
      return logsumexpComposed(x, dim, keepdim);
    }
    int d = Shape.dim("logsumexp", dim, shape.length);
    boolean[] mask = new boolean[shape.length];
    mask[d] = true;
    int[] outShape = reducedShape(shape, mask, keepdim);
    int len = shape[d];
    int rows = Shape.numel(outShape);
    Storage outRes = Storage.forResult(rows);
    float[] out = outRes.floats();
    if (rows > 0) {
      Tensor c = rowsLast(fx, mask);
      Reduce.logSumExpRows(c.storage().floats(), c.offset(), rows, len, out, 0);
    }
    Tensor y = Tensor.wrap(outRes, outShape);
    if (Node.shouldRecord(x)) {
      LogSumExpBackward n = new LogSumExpBackward(d, keepdim);
      n.save(x.detach());
      n.record(y, x);
    }
    return y;
  }

  /** log Σ exp composed from primitives (shifted by the detached max); the oracle of the fused one. */
  public static Tensor logsumexpComposed(Tensor x, int dim, boolean keepdim) {
    Tensor m;
    try (var g = Grad.disabled()) {
      m = amax(x, new int[] {dim}, true, false);
      // rows of -inf/+inf: shift by 0 so exp(x - m) stays defined
      m = Tensor.where(m.abs().eq(Float.POSITIVE_INFINITY), Tensor.scalar(0f), m);
    }
    Tensor s = x.sub(m).exp().sum(dim, true).log().add(m);
    return keepdim ? s : s.squeeze(dim);
  }

  /** d logsumexp / dx = softmax(x) along the reduced dim. */
  static final class LogSumExpBackward extends Node {
    private final int dim;
    private final boolean keepdim;

    LogSumExpBackward(int dim, boolean keepdim) {
      this.dim = dim;
      this.keepdim = keepdim;
    }

    @Override
    public String name() {
      return "logsumexp";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor gk = keepdim ? g : g.unsqueeze(dim);
      return new Tensor[] {gk.mul(softmax(saved(0), dim, false))};
    }
  }

  /** Fused, stable softmax (or log-softmax) along dim (the row kernel: {@link Reduce#softmaxRows}). */
  public static Tensor softmax(Tensor x, int dim, boolean log) {
    Arith.requireFloat(log ? "logSoftmax" : "softmax", x);
    int[] shape = x.shape();
    if (shape.length == 0) {
      return log ? x.mul(0f) : Tensor.onesLike(x).add(x.mul(0f));
    }
    int d = Shape.dim(log ? "logSoftmax" : "softmax", dim, shape.length);
    boolean last = d == shape.length - 1;
    Tensor src = last && x.isContiguous() ? x
        : last ? x.detach().contiguous() : x.detach().transpose(d, -1).contiguous();
    int len = src.size(-1);
    int rows = len == 0 ? 0 : src.numel() / len;
    Storage outRes = Storage.forResult(src.numel());
    float[] out = outRes.floats();
    Reduce.softmaxRows(src.storage().floats(), src.offset(), out, 0, rows, len, log);
    Tensor y = Tensor.wrapLike(outRes, src);
    if (!last) {
      y = y.transpose(d, -1).contiguous();
    }
    if (Node.shouldRecord(x)) {
      SoftmaxBackward n = new SoftmaxBackward(d, log);
      n.save(y.detach());
      n.record(y, x);
    }
    return y;
  }

  static final class SoftmaxBackward extends Node {
    private final int dim;
    private final boolean log;

    SoftmaxBackward(int dim, boolean log) {
      this.dim = dim;
      this.log = log;
    }

    @Override
    public String name() {
      return log ? "logSoftmax" : "softmax";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor y = saved(0);
      if (log) {
        // d logsoftmax: g - softmax * Σ g
        return new Tensor[] {g.sub(y.exp().mul(g.sum(dim, true)))};
      }
      // d softmax: y * (g - Σ g·y)
      return new Tensor[] {y.mul(g.sub(g.mul(y).sum(dim, true)))};
    }
  }

  // ------------------------------------------------------------------ norms

  /** p-norm over dims: p = 1, 2, any positive p, or +inf (max |x|). */
  public static Tensor norm(Tensor x, float p, int[] dims, boolean keepdim) {
    if (!(p > 0)) {
      throw new IllegalArgumentException("norm: p must be > 0 (or +inf), got " + p);
    }
    if (p == Float.POSITIVE_INFINITY) {
      return amax(x.abs(), dims, keepdim, false);
    }
    if (p == 1f) {
      return sum(x.abs(), dims, keepdim);
    }
    Tensor out;
    try (var g = Grad.disabled()) {
      out = p == 2f
          ? sum(x.square(), dims, keepdim).sqrt()
          : sum(x.abs().pow(p), dims, keepdim).pow(1f / p);
    }
    if (Node.shouldRecord(x)) {
      boolean[] mask = Shape.dimMask("norm", dims, x.dim());
      NormBackward n = new NormBackward(p, reducedShape(x.shape(), mask, true));
      n.save(x.detach(), out.detach());
      n.record(out, x);
    }
    return out;
  }

  /**
   * d/dx (Σ|x|^p)^(1/p) = sign(x)·|x|^(p-1) / norm^(p-1), and 0 where the norm is 0 (the composed
   * version would give 0·∞ = NaN there, e.g. for an all-zero weight).
   */
  static final class NormBackward extends Node {
    private final float p;
    private final int[] keptShape;

    NormBackward(float p, int[] keptShape) {
      this.p = p;
      this.keptShape = keptShape;
    }

    @Override
    public String name() {
      return "norm";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor x = saved(0);
      Tensor n = saved(1).reshape(keptShape);
      Tensor gk = g.reshape(keptShape);
      Tensor scale = p == 2f ? x : x.abs().pow(p - 1f).mul(x.sign());
      Tensor denom = p == 2f ? n : n.pow(p - 1f);
      Tensor coef = Tensor.where(n.eq(0f), Tensor.scalar(0f), gk.div(denom));
      return new Tensor[] {coef.mul(scale)};
    }
  }

  // ------------------------------------------------------------------ counting

  /** Sorted distinct values with counts. */
  public static Tensor.Unique unique(Tensor x) {
    TreeMap<Float, Integer> counts = new TreeMap<>();
    for (float v : x.toFloatArray()) {
      counts.merge(v == 0f ? 0f : v, 1, Integer::sum); // -0 and 0 are one value
    }
    int n = counts.size();
    float[] vals = new float[n];
    int[] cnt = new int[n];
    int i = 0;
    for (var e : counts.entrySet()) {
      vals[i] = e.getKey();
      cnt[i++] = e.getValue();
    }
    Tensor values = Tensor.wrap(vals, n);
    if (x.dtype() != DType.FLOAT32) {
      values = values.to(x.dtype());
    }
    return new Tensor.Unique(values, Tensor.wrapInts(cnt, n));
  }

  /** Counts of each value 0..max of a non-negative int tensor. */
  public static Tensor bincount(Tensor x, int minLength) {
    if (x.dtype() == DType.FLOAT32) {
      throw new IllegalArgumentException(
          "bincount: expected an int32 tensor of non-negative values, got float32 (convert with toInt())");
    }
    if (minLength < 0) {
      throw new IllegalArgumentException("bincount: minLength must be >= 0, got " + minLength);
    }
    int[] v = x.toIntArray();
    int max = -1;
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0) {
        throw new IllegalArgumentException(
            "bincount: values must be non-negative, got " + v[i] + " at flat index " + i);
      }
      max = Math.max(max, v[i]);
    }
    int[] c = new int[Math.max(max + 1, minLength)];
    for (int k : v) {
      c[k]++;
    }
    return Tensor.wrapInts(c, c.length);
  }

}
