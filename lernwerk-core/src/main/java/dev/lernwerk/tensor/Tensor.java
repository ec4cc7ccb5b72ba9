package dev.lernwerk.tensor;

import dev.lernwerk.autograd.Engine;
import dev.lernwerk.autograd.Grad;
import dev.lernwerk.autograd.Node;
import dev.lernwerk.ops.Arith;
import dev.lernwerk.ops.Indexing;
import dev.lernwerk.ops.LinAlg;
import dev.lernwerk.ops.Movement;
import dev.lernwerk.ops.Reductions;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of float32, int32 or bool values with reverse-mode automatic
 * differentiation.
 *
 * <p>A tensor is a shape, strides and an offset over a {@link Storage}; views ({@link #reshape} of
 * contiguous data, {@link #transpose}, {@link #narrow}, {@link #expand}, …) share the storage and
 * copy nothing. Arithmetic broadcasts like NumPy. Operations on tensors that {@linkplain
 * #requiresGrad() require grad} are recorded, and {@link #backward()} fills the {@code grad} of
 * every leaf that requires it.
 *
 * <pre>{@code
 * var gen = new Generator(0);
 * Tensor x = Tensor.randn(gen, 4, 3);                     // (4, 3)
 * Tensor w = Tensor.randn(gen, 3, 2).requiresGrad(true);  // (3, 2), a leaf
 * Tensor loss = x.matmul(w).relu().sum();                 // scalar
 * loss.backward();
 * Tensor dw = w.grad();                                   // (3, 2): d loss / d w
 * }</pre>
 *
 * <p>Tensors are not thread-safe for in-place writes; reading one tensor from many threads is fine.
 *
 * <p>Results are ordinary heap arrays that the GC reclaims. A loop that makes many mid-sized
 * temporaries can run each iteration in a {@link TensorScope}, which recycles the arrays of the
 * results made inside it when it closes.
 */
public final class Tensor {
  private final Storage storage;
  private final DType dtype;
  private final int[] shape;
  private final int[] strides;
  private final int offset;

  private boolean requiresGrad;
  private boolean retainsGrad;
  private Tensor grad;
  private Node gradFn;

  private Tensor(Storage storage, DType dtype, int[] shape, int[] strides, int offset) {
    this.storage = storage;
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
  }

  // ---------------------------------------------------------------- low level construction

  /**
   * A tensor over an existing storage (a view). Checks that every addressed element lies in the
   * storage and that the dtype fits it.
   */
  public static Tensor fromStorage(
      Storage storage, DType dtype, int[] shape, int[] strides, int offset) {
    if (shape.length != strides.length) {
      throw new IllegalArgumentException(
          "fromStorage: shape " + Shape.str(shape) + " and strides " + Shape.str(strides)
              + " differ in length");
    }
    Shape.check("fromStorage", shape);
    if ((dtype == DType.FLOAT32) != (storage.floats() != null)) {
      throw new IllegalArgumentException(
          "fromStorage: a " + dtype.label() + " tensor needs a "
              + (dtype == DType.FLOAT32 ? "float" : "int") + " storage");
    }
    long lo = offset;
    long hi = offset;
    boolean empty = false;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == 0) {
        empty = true;
      }
      long span = (long) (shape[i] - 1) * strides[i];
      if (span < 0) {
        lo += span;
      } else {
        hi += span;
      }
    }
    if (!empty && (lo < 0 || hi >= storage.length())) {
      throw new IndexOutOfBoundsException(
          "fromStorage: view shape " + Shape.str(shape) + " strides " + Shape.str(strides)
              + " offset " + offset + " addresses elements [" + lo + ", " + hi
              + "] outside a storage of " + storage.length() + " elements");
    }
    return new Tensor(storage, dtype, shape.clone(), strides.clone(), offset);
  }

  /** Internal: a view without bounds checks (ops compute valid views). */
  static Tensor view(Storage storage, DType dtype, int[] shape, int[] strides, int offset) {
    return new Tensor(storage, dtype, shape, strides, offset);
  }

  /**
   * A contiguous float tensor over {@code data} without copying: writes to the array show in the
   * tensor and back. {@code data.length} must equal the product of {@code shape}.
   */
  public static Tensor wrap(float[] data, int... shape) {
    checkLength("wrap", data.length, shape);
    return new Tensor(Storage.ofFloats(data), DType.FLOAT32, shape.clone(),
        Shape.contiguousStrides(shape), 0);
  }

  /**
   * A contiguous float tensor over a whole float storage, typically one from {@link
   * Storage#forResult} that an op has just filled. Its length must equal the product of {@code
   * shape}.
   */
  public static Tensor wrap(Storage storage, int... shape) {
    checkLength("wrap", storage.length(), shape);
    if (storage.floats() == null) {
      throw new IllegalArgumentException("wrap: expected a float storage, got an int storage");
    }
    return new Tensor(storage, DType.FLOAT32, shape.clone(), Shape.contiguousStrides(shape), 0);
  }

  /** A contiguous int32 tensor over {@code data} without copying. */
  public static Tensor wrapInts(int[] data, int... shape) {
    checkLength("wrapInts", data.length, shape);
    return new Tensor(Storage.ofInts(data), DType.INT32, shape.clone(),
        Shape.contiguousStrides(shape), 0);
  }

  /** A contiguous tensor of the given dtype over an int array (INT32 or BOOL) without copying. */
  public static Tensor wrapInts(DType dtype, int[] data, int... shape) {
    if (dtype == DType.FLOAT32) {
      throw new IllegalArgumentException("wrapInts: dtype must be int32 or bool, got float32");
    }
    checkLength("wrapInts", data.length, shape);
    return new Tensor(Storage.ofInts(data), dtype, shape.clone(), Shape.contiguousStrides(shape), 0);
  }

  /**
   * A contiguous float tensor over {@code data} (no copy) with the shape of {@code like}: the cheap
   * way for an op to return a result shaped like one of its inputs. {@code data.length} must equal
   * {@code like.numel()}.
   */
  public static Tensor wrapLike(float[] data, Tensor like) {
    return wrapLike(Storage.ofFloats(data), like);
  }

  /**
   * A contiguous float tensor over a whole float storage (typically one from {@link
   * Storage#forResult}) with the shape of {@code like}; its length must equal {@code like.numel()}.
   */
  public static Tensor wrapLike(Storage storage, Tensor like) {
    float[] data = storage.floats();
    if (data == null || data.length != like.numel()) {
      throw new IllegalArgumentException(
          "wrapLike: " + (data == null ? "an int storage does" : data.length + " values do")
              + " not fill shape " + Shape.str(like.shape) + " (" + like.numel()
              + " elements)");
    }
    // shape arrays are never mutated, so they can be shared; so can canonical strides
    int[] st = like.hasCanonicalStrides() ? like.strides : Shape.contiguousStrides(like.shape);
    return new Tensor(storage, DType.FLOAT32, like.shape, st, 0);
  }

  private boolean hasCanonicalStrides() {
    int expect = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (strides[i] != expect) {
        return false;
      }
      expect *= Math.max(shape[i], 1);
    }
    return true;
  }

  private static void checkLength(String op, int length, int[] shape) {
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        Shape.check(op, shape); // throws the standard message
      }
    }
    if (length != Shape.numel(shape)) {
      throw new IllegalArgumentException(
          op + ": " + length + " values do not fill shape " + Shape.str(shape) + " ("
              + Shape.numel(shape) + " elements)");
    }
  }

  // ---------------------------------------------------------------- creation

  /** A float tensor copied from {@code data} with the given shape ({@code [n]} when omitted). */
  public static Tensor of(float[] data, int... shape) {
    int[] s = shape.length == 0 ? new int[] {data.length} : shape;
    return wrap(data.clone(), s);
  }

  /** A 2-d float tensor copied from a rectangular array. */
  public static Tensor of(float[][] rows) {
    int n = rows.length;
    int m = n == 0 ? 0 : rows[0].length;
    float[] d = new float[n * m];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != m) {
        throw new IllegalArgumentException(
            "of: row " + i + " has " + rows[i].length + " values, row 0 has " + m
                + " (rows must be equally long)");
      }
      System.arraycopy(rows[i], 0, d, i * m, m);
    }
    return wrap(d, n, m);
  }

  /** An int32 tensor copied from {@code data} ({@code [n]} when the shape is omitted). */
  public static Tensor ofInts(int[] data, int... shape) {
    int[] s = shape.length == 0 ? new int[] {data.length} : shape;
    return wrapInts(data.clone(), s);
  }

  /** A bool tensor from Java booleans. */
  public static Tensor ofBools(boolean[] data, int... shape) {
    int[] s = shape.length == 0 ? new int[] {data.length} : shape;
    int[] d = new int[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i] ? 1 : 0;
    }
    return wrapInts(DType.BOOL, d, s);
  }

  /** A zero-dimensional float tensor holding {@code value}. */
  public static Tensor scalar(float value) {
    return new Tensor(Storage.ofFloats(new float[] {value}), DType.FLOAT32, new int[0], new int[0], 0);
  }

  /** A float tensor of zeros. */
  public static Tensor zeros(int... shape) {
    Shape.check("zeros", shape);
    return wrap(new float[Shape.numel(shape)], shape);
  }

  /** A tensor of zeros of the given dtype. */
  public static Tensor zeros(DType dtype, int... shape) {
    Shape.check("zeros", shape);
    return dtype == DType.FLOAT32
        ? zeros(shape)
        : wrapInts(dtype, new int[Shape.numel(shape)], shape);
  }

  /** A float tensor of ones. */
  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  /** A float tensor filled with {@code value}. */
  public static Tensor full(float value, int... shape) {
    Shape.check("full", shape);
    float[] d = new float[Shape.numel(shape)];
    Arrays.fill(d, value);
    return wrap(d, shape);
  }

  /** Zeros shaped like {@code t} (float32). */
  public static Tensor zerosLike(Tensor t) {
    return zeros(t.shape);
  }

  /** Ones shaped like {@code t} (float32). */
  public static Tensor onesLike(Tensor t) {
    return ones(t.shape);
  }

  /** {@code [0, 1, …, end-1]} as float32. */
  public static Tensor arange(int end) {
    return arange(0, end, 1);
  }

  /** {@code start, start+step, …} up to but excluding {@code end}, as float32. */
  public static Tensor arange(double start, double end, double step) {
    if (step == 0 || Double.isNaN(step)) {
      throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
    }
    long n = (long) Math.ceil((end - start) / step);
    if (n < 0) {
      n = 0;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("arange: " + n + " elements is too many");
    }
    float[] d = new float[(int) n];
    for (int i = 0; i < n; i++) {
      d[i] = (float) (start + i * step);
    }
    return wrap(d, (int) n);
  }

  /** {@code [0, 1, …, end-1]} as int32 (indices). */
  public static Tensor arangeInts(int end) {
    if (end < 0) {
      throw new IllegalArgumentException("arangeInts: end must be >= 0, got " + end);
    }
    int[] d = new int[end];
    for (int i = 0; i < end; i++) {
      d[i] = i;
    }
    return wrapInts(d, end);
  }

  /** {@code steps} evenly spaced values from {@code start} to {@code end} inclusive. */
  public static Tensor linspace(double start, double end, int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
    }
    float[] d = new float[steps];
    double step = steps > 1 ? (end - start) / (steps - 1) : 0;
    for (int i = 0; i < steps; i++) {
      // fill from both ends like PyTorch so the last value is exactly end
      d[i] = (float) (steps == 1 || i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step);
    }
    return wrap(d, steps);
  }

  /** The n×n identity matrix. */
  public static Tensor eye(int n) {
    return eye(n, n);
  }

  /** An n×m matrix with ones on the diagonal. */
  public static Tensor eye(int n, int m) {
    Tensor t = zeros(n, m);
    for (int i = 0; i < Math.min(n, m); i++) {
      t.storage.floats()[i * m + i] = 1f;
    }
    return t;
  }

  /** Uniform in [0, 1) from the global generator. */
  public static Tensor rand(int... shape) {
    return Random.uniform(Generator.global(), 0, 1, shape);
  }

  /** Uniform in [0, 1) from {@code gen}. */
  public static Tensor rand(Generator gen, int... shape) {
    return Random.uniform(gen, 0, 1, shape);
  }

  /** Uniform in [lo, hi) from {@code gen}. */
  public static Tensor uniform(Generator gen, double lo, double hi, int... shape) {
    return Random.uniform(gen, lo, hi, shape);
  }

  /** Standard normal from the global generator. */
  public static Tensor randn(int... shape) {
    return Random.normal(Generator.global(), 0, 1, shape);
  }

  /** Standard normal from {@code gen}. */
  public static Tensor randn(Generator gen, int... shape) {
    return Random.normal(gen, 0, 1, shape);
  }

  /** Normal with the given mean and standard deviation. */
  public static Tensor normal(Generator gen, double mean, double std, int... shape) {
    return Random.normal(gen, mean, std, shape);
  }

  /** Uniform integers in [lo, hi) as int32. */
  public static Tensor randint(Generator gen, int lo, int hi, int... shape) {
    return Random.randint(gen, lo, hi, shape);
  }

  /** 1 with probability {@code p}, else 0 (float32). */
  public static Tensor bernoulli(Generator gen, double p, int... shape) {
    return Random.bernoulli(gen, p, shape);
  }

  /** A random permutation of {@code 0..n-1} (int32). */
  public static Tensor randperm(Generator gen, int n) {
    return Random.permutation(gen, n);
  }

  // ---------------------------------------------------------------- metadata

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Size of dim {@code d} (negative counts from the end). */
  public int size(int d) {
    return shape[Shape.indexDim("size", d, shape.length)];
  }

  /** Number of dims (0 for a scalar). */
  public int dim() {
    return shape.length;
  }

  /** Number of elements. */
  public int numel() {
    int n = 1;
    for (int d : shape) {
      n *= d; // cannot overflow: checked when the shape was created
    }
    return n;
  }

  /** True when {@code other} has the same shape (dtype and layout may differ). */
  public boolean sameShape(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  /** A copy of the strides (in elements). */
  public int[] strides() {
    return strides.clone();
  }

  /** Offset of element 0 in the storage. */
  public int offset() {
    return offset;
  }

  /** The storage (shared with every view of it). */
  public Storage storage() {
    return storage;
  }

  /** Element type. */
  public DType dtype() {
    return dtype;
  }

  /** True when the elements lie in row-major order without gaps (size-1 dims ignored). */
  public boolean isContiguous() {
    int expect = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1) {
        if (strides[i] != expect) {
          return false;
        }
        expect *= shape[i];
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- element access

  private int flatOffset(String op, int[] idx) {
    if (idx.length != shape.length) {
      throw new IllegalArgumentException(
          op + ": expected " + shape.length + " indices for shape " + Shape.str(shape) + ", got "
              + idx.length);
    }
    int o = offset;
    for (int d = 0; d < idx.length; d++) {
      int i = idx[d] < 0 ? idx[d] + shape[d] : idx[d];
      if (i < 0 || i >= shape[d]) {
        throw new IndexOutOfBoundsException(
            op + ": index " + idx[d] + " is out of range for dim " + d + " of size " + shape[d]);
      }
      o += i * strides[d];
    }
    return o;
  }

  /** The float value at an index (negative indices count from the end). */
  public float get(int... idx) {
    int o = flatOffset("get", idx);
    return dtype == DType.FLOAT32 ? storage.floats()[o] : storage.ints()[o];
  }

  /** The int value at an index (int32/bool tensors; float values are truncated). */
  public int getInt(int... idx) {
    int o = flatOffset("getInt", idx);
    return dtype == DType.FLOAT32 ? (int) storage.floats()[o] : storage.ints()[o];
  }

  /** Sets one element in place (a write: bumps the storage version). */
  public Tensor set(float value, int... idx) {
    checkInPlace("set");
    int o = flatOffset("set", idx);
    if (dtype == DType.FLOAT32) {
      storage.floats()[o] = value;
    } else {
      storage.ints()[o] = (int) value;
    }
    storage.bumpVersion();
    return this;
  }

  /** The value of a one-element tensor. */
  public float item() {
    if (numel() != 1) {
      throw new IllegalStateException(
          "item: only one-element tensors can be converted to a number, this one has shape "
              + Shape.str(shape) + " (" + numel() + " elements)");
    }
    return dtype == DType.FLOAT32 ? storage.floats()[offset] : storage.ints()[offset];
  }

  /** The values in row-major order as a new float array. */
  public float[] toFloatArray() {
    if (dtype == DType.FLOAT32) {
      return contiguousFloats(this);
    }
    int[] v = toIntArray();
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i];
    }
    return f;
  }

  /** The values in row-major order as a new int array (floats are truncated toward zero). */
  public int[] toIntArray() {
    if (dtype == DType.FLOAT32) {
      float[] f = contiguousFloats(this);
      int[] v = new int[f.length];
      for (int i = 0; i < f.length; i++) {
        v[i] = (int) f[i];
      }
      return v;
    }
    Tensor c = contiguous();
    if (c.offset == 0 && c.storage.length() == c.numel() && c != this) {
      return c.storage.ints();
    }
    return Arrays.copyOfRange(c.storage.ints(), c.offset, c.offset + c.numel());
  }

  private static float[] contiguousFloats(Tensor t) {
    Tensor c = t.contiguous();
    if (c != t && c.offset == 0 && c.storage.length() == c.numel()) {
      TensorScope.persist(c); // the caller owns the array now: a scope must not recycle it
      return c.storage.floats();
    }
    return Arrays.copyOfRange(c.storage.floats(), c.offset, c.offset + c.numel());
  }

  /** Converts to another dtype (a copy; float to int truncates toward zero; bool is value != 0). */
  public Tensor to(DType target) {
    return Movement.cast(this, target);
  }

  /** Same as {@code to(DType.FLOAT32)}. */
  public Tensor toFloat() {
    return to(DType.FLOAT32);
  }

  /** Same as {@code to(DType.INT32)}. */
  public Tensor toInt() {
    return to(DType.INT32);
  }

  // ---------------------------------------------------------------- autograd

  /** True when operations on this tensor are recorded for backward. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Switches gradient tracking on or off for a leaf tensor (a parameter or an input) and returns it.
   * Only float tensors can require gradients.
   */
  public Tensor requiresGrad(boolean on) {
    if (on && dtype != DType.FLOAT32) {
      throw new IllegalArgumentException(
          "requiresGrad: only float32 tensors can require gradients, this one is " + dtype.label());
    }
    if (!on && gradFn != null) {
      throw new IllegalStateException(
          "requiresGrad(false): this tensor is the result of " + gradFn.name()
              + " and part of a graph; use detach() to get a tensor without history");
    }
    if (on && gradFn == null) {
      TensorScope.persist(this); // a leaf that learns outlives any scope
    }
    requiresGrad = on;
    return this;
  }

  /** The accumulated gradient, or null before the first backward (or after {@link #zeroGrad}). */
  public Tensor grad() {
    return grad;
  }

  /** Replaces the gradient (null clears it); the shape must match. */
  public void setGrad(Tensor g) {
    if (g != null && !Arrays.equals(g.shape, shape)) {
      throw new IllegalArgumentException(
          "setGrad: gradient shape " + Shape.str(g.shape) + " does not match tensor shape "
              + Shape.str(shape));
    }
    if (g != null) {
      TensorScope.persist(g);
    }
    grad = g;
  }

  /** Clears the gradient (sets it to null, so the next backward starts fresh). */
  public void zeroGrad() {
    grad = null;
  }

  /** The node that produced this tensor, or null for a leaf. */
  public Node gradFn() {
    return gradFn;
  }

  /** True for tensors not produced by a recorded op. */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** Keeps the gradient of this non-leaf tensor in {@link #grad()} during backward. */
  public Tensor retainGrad() {
    if (!requiresGrad) {
      throw new IllegalStateException("retainGrad: the tensor does not require grad");
    }
    retainsGrad = true;
    return this;
  }

  /** True if {@link #retainGrad()} was called. */
  public boolean retainsGrad() {
    return retainsGrad;
  }

  /** Engine use: marks this tensor as the output of {@code node}. */
  public void attachGradFn(Node node) {
    if (gradFn != null) {
      throw new IllegalStateException("attachGradFn: tensor already has grad_fn " + gradFn.name());
    }
    gradFn = node;
    requiresGrad = true;
  }

  /**
   * Backpropagates from this one-element tensor: every leaf that requires grad gets d this / d leaf
   * added to its {@code grad}. Frees the graph's saved tensors afterwards.
   */
  public void backward() {
    Engine.backward(this, null, false);
  }

  /** Backpropagates a gradient shaped like this tensor (vector-Jacobian product). */
  public void backward(Tensor gradient) {
    Engine.backward(this, gradient, false);
  }

  /** As {@link #backward(Tensor)}; with {@code retainGraph} the graph can be walked again. */
  public void backward(Tensor gradient, boolean retainGraph) {
    Engine.backward(this, gradient, retainGraph);
  }

  /** A view sharing storage but outside the graph (no grad_fn, does not require grad). */
  public Tensor detach() {
    return new Tensor(storage, dtype, shape, strides, offset);
  }

  /** A contiguous copy with its own storage (recorded: gradients flow through). */
  @Override
  public Tensor clone() {
    return Movement.cloneOf(this);
  }

  void checkInPlace(String op) {
    if (requiresGrad && Grad.isEnabled()) {
      throw new IllegalStateException(
          op + ": in-place change of a tensor that requires grad"
              + (gradFn == null ? " (a leaf)" : " (the result of " + gradFn.name() + ")")
              + " while gradients are recorded; do it inside try (var g = Grad.disabled()) { … }"
              + " or use the out-of-place op");
    }
  }

  // ---------------------------------------------------------------- elementwise

  /** {@code this + other}, broadcast. */
  public Tensor add(Tensor other) {
    return Arith.add(this, other);
  }

  /** {@code this + value}. */
  public Tensor add(float value) {
    return Arith.add(this, scalar(value));
  }

  /** {@code this - other}, broadcast. */
  public Tensor sub(Tensor other) {
    return Arith.sub(this, other);
  }

  /** {@code this - value}. */
  public Tensor sub(float value) {
    return Arith.add(this, scalar(-value));
  }

  /** {@code value - this}. */
  public Tensor rsub(float value) {
    return Arith.sub(scalar(value), this);
  }

  /** {@code this * other}, broadcast. */
  public Tensor mul(Tensor other) {
    return Arith.mul(this, other);
  }

  /** {@code this * value}. */
  public Tensor mul(float value) {
    return Arith.affine(this, value, 0f);
  }

  /** {@code this / other}, broadcast. */
  public Tensor div(Tensor other) {
    return Arith.div(this, other);
  }

  /** {@code this / value} (a true division, bit-identical to dividing by a scalar tensor). */
  public Tensor div(float value) {
    return Arith.div(this, scalar(value));
  }

  /** {@code this ^ other} elementwise, broadcast. */
  public Tensor pow(Tensor other) {
    return Arith.pow(this, other);
  }

  /** {@code this ^ p}. */
  public Tensor pow(float p) {
    return Arith.pow(this, p);
  }

  /** Elementwise maximum, broadcast (gradient to the larger; split evenly on ties). */
  public Tensor maximum(Tensor other) {
    return Arith.maximum(this, other);
  }

  /** Elementwise minimum, broadcast. */
  public Tensor minimum(Tensor other) {
    return Arith.minimum(this, other);
  }

  /** {@code -this}. */
  public Tensor neg() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.NEG);
  }

  /** e^x. */
  public Tensor exp() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.EXP);
  }

  /** Natural logarithm. */
  public Tensor log() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.LOG);
  }

  /** log(1 + x), accurate for small x. */
  public Tensor log1p() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.LOG1P);
  }

  /** e^x - 1, accurate for small x. */
  public Tensor expm1() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.EXPM1);
  }

  /** Square root. */
  public Tensor sqrt() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.SQRT);
  }

  /** 1 / sqrt(x). */
  public Tensor rsqrt() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.RSQRT);
  }

  /** x². */
  public Tensor square() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.SQUARE);
  }

  /** 1 / x. */
  public Tensor reciprocal() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.RECIPROCAL);
  }

  /** |x| (gradient sign(x), 0 at 0). */
  public Tensor abs() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.ABS);
  }

  /** -1, 0 or 1, and NaN for NaN (gradient 0). */
  public Tensor sign() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.SIGN);
  }

  /** sin x. */
  public Tensor sin() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.SIN);
  }

  /** cos x. */
  public Tensor cos() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.COS);
  }

  /** tanh x. */
  public Tensor tanh() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.TANH);
  }

  /** 1 / (1 + e^-x), stable for large |x|. */
  public Tensor sigmoid() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.SIGMOID);
  }

  /** max(x, 0) (gradient 1 where x &gt; 0). */
  public Tensor relu() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.RELU);
  }

  /** x for x &gt; 0, slope·x otherwise. */
  public Tensor leakyRelu(float slope) {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.LEAKY_RELU, slope, 0f);
  }

  /** log(1 + e^x), stable. */
  public Tensor softplus() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.SOFTPLUS);
  }

  /** The error function. */
  public Tensor erf() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.ERF);
  }

  /** Rounds down (gradient 0). */
  public Tensor floor() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.FLOOR);
  }

  /** Rounds up (gradient 0). */
  public Tensor ceil() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.CEIL);
  }

  /** Rounds half to even (gradient 0). */
  public Tensor round() {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.ROUND);
  }

  /** min(max(x, lo), hi) (gradient 1 inside [lo, hi]). */
  public Tensor clamp(float lo, float hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("clamp: lo must be <= hi, got lo=" + lo + ", hi=" + hi);
    }
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.CLAMP, lo, hi);
  }

  /** max(x, lo). */
  public Tensor clampMin(float lo) {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.CLAMP, lo, Float.POSITIVE_INFINITY);
  }

  /** min(x, hi). */
  public Tensor clampMax(float hi) {
    return Arith.unary(this, dev.lernwerk.kernel.UnaryFn.CLAMP, Float.NEGATIVE_INFINITY, hi);
  }

  // ---------------------------------------------------------------- comparisons and masks

  /** Elementwise {@code this == other} as a bool mask. */
  public Tensor eq(Tensor other) {
    return Arith.compare(dev.lernwerk.kernel.BinaryFn.EQ, this, other);
  }

  /** {@code this == value}. */
  public Tensor eq(float value) {
    return eq(scalar(value));
  }

  /** {@code this != other}. */
  public Tensor ne(Tensor other) {
    return Arith.compare(dev.lernwerk.kernel.BinaryFn.NE, this, other);
  }

  /** {@code this != value}. */
  public Tensor ne(float value) {
    return ne(scalar(value));
  }

  /** {@code this < other}. */
  public Tensor lt(Tensor other) {
    return Arith.compare(dev.lernwerk.kernel.BinaryFn.LT, this, other);
  }

  /** {@code this < value}. */
  public Tensor lt(float value) {
    return lt(scalar(value));
  }

  /** {@code this <= other}. */
  public Tensor le(Tensor other) {
    return Arith.compare(dev.lernwerk.kernel.BinaryFn.LE, this, other);
  }

  /** {@code this <= value}. */
  public Tensor le(float value) {
    return le(scalar(value));
  }

  /** {@code this > other}. */
  public Tensor gt(Tensor other) {
    return Arith.compare(dev.lernwerk.kernel.BinaryFn.GT, this, other);
  }

  /** {@code this > value}. */
  public Tensor gt(float value) {
    return gt(scalar(value));
  }

  /** {@code this >= other}. */
  public Tensor ge(Tensor other) {
    return Arith.compare(dev.lernwerk.kernel.BinaryFn.GE, this, other);
  }

  /** {@code this >= value}. */
  public Tensor ge(float value) {
    return ge(scalar(value));
  }

  /** Logical not of a mask (any dtype: value == 0). */
  public Tensor logicalNot() {
    return Arith.logical("logicalNot", this, null, 0);
  }

  /** Logical and of two masks (broadcast). */
  public Tensor logicalAnd(Tensor other) {
    return Arith.logical("logicalAnd", this, other, 1);
  }

  /** Logical or of two masks (broadcast). */
  public Tensor logicalOr(Tensor other) {
    return Arith.logical("logicalOr", this, other, 2);
  }

  /** True if any element is non-zero. */
  public boolean any() {
    for (float v : toFloatArray()) {
      if (v != 0) {
        return true;
      }
    }
    return false;
  }

  /** True if every element is non-zero (true for an empty tensor). */
  public boolean all() {
    for (float v : toFloatArray()) {
      if (v == 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code cond ? a : b} elementwise, all three broadcast together; gradients flow to a and b. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Indexing.where(cond, a, b);
  }

  /** A copy with {@code value} where {@code mask} is true (mask broadcast to this shape). */
  public Tensor maskedFill(Tensor mask, float value) {
    try {
      Shape.broadcastStrides("maskedFill", mask.shape, mask.strides, shape);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "maskedFill: a mask of shape " + Shape.str(mask.shape)
              + " does not broadcast to the tensor's shape " + Shape.str(shape), e);
    }
    return Indexing.where(mask, scalar(value), this);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (a scalar tensor). */
  public Tensor sum() {
    return Reductions.sum(this, new int[0], false);
  }

  /** Sum over one dim. */
  public Tensor sum(int dim, boolean keepdim) {
    return Reductions.sum(this, new int[] {dim}, keepdim);
  }

  /** Sum over several dims (all dims when empty). */
  public Tensor sum(int[] dims, boolean keepdim) {
    return Reductions.sum(this, dims, keepdim);
  }

  /** Mean of all elements. */
  public Tensor mean() {
    return Reductions.mean(this, new int[0], false);
  }

  /** Mean over one dim. */
  public Tensor mean(int dim, boolean keepdim) {
    return Reductions.mean(this, new int[] {dim}, keepdim);
  }

  /** Mean over several dims. */
  public Tensor mean(int[] dims, boolean keepdim) {
    return Reductions.mean(this, dims, keepdim);
  }

  /** Variance over dims; {@code unbiased} divides by n-1 (Bessel), otherwise by n. */
  public Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
    return Reductions.var(this, dims, unbiased, keepdim);
  }

  /** Unbiased variance of all elements. */
  public Tensor var() {
    return Reductions.var(this, new int[0], true, false);
  }

  /** Standard deviation over dims. */
  public Tensor std(int[] dims, boolean unbiased, boolean keepdim) {
    return Reductions.var(this, dims, unbiased, keepdim).sqrt();
  }

  /** Unbiased standard deviation of all elements. */
  public Tensor std() {
    return var().sqrt();
  }

  /** Maximum of all elements (a scalar tensor; the gradient is shared evenly among tied maxima). */
  public Tensor max() {
    return Reductions.maxAll(this, false);
  }

  /** Minimum of all elements (a scalar tensor; the gradient is shared evenly among tied minima). */
  public Tensor min() {
    return Reductions.maxAll(this, true);
  }

  /** Maximum along a dim with the index of the first maximum (the gradient goes to that index). */
  public ValuesIndices max(int dim, boolean keepdim) {
    return Reductions.maxDim(this, dim, keepdim, false);
  }

  /** Minimum along a dim with its index. */
  public ValuesIndices min(int dim, boolean keepdim) {
    return Reductions.maxDim(this, dim, keepdim, true);
  }

  /** Maximum over several dims (no indices; the gradient is shared evenly among tied maxima). */
  public Tensor amax(int[] dims, boolean keepdim) {
    return Reductions.amax(this, dims, keepdim, false);
  }

  /** Minimum over several dims (no indices; the gradient is shared evenly among tied minima). */
  public Tensor amin(int[] dims, boolean keepdim) {
    return Reductions.amax(this, dims, keepdim, true);
  }

  /** Index of the first maximum along a dim (int32). */
  public Tensor argmax(int dim, boolean keepdim) {
    return Reductions.maxDim(this, dim, keepdim, false).indices();
  }

  /** Index of the first maximum in the flattened tensor (a 0-d int32 tensor). */
  public Tensor argmax() {
    return Reductions.maxDim(reshape(-1), 0, false, false).indices();
  }

  /** Index of the first minimum along a dim (int32). */
  public Tensor argmin(int dim, boolean keepdim) {
    return Reductions.maxDim(this, dim, keepdim, true).indices();
  }

  /** log Σ exp(x) along a dim, computed stably. */
  public Tensor logsumexp(int dim, boolean keepdim) {
    return Reductions.logsumexp(this, dim, keepdim);
  }

  /** softmax along a dim: exp(x - max) / Σ exp(x - max). */
  public Tensor softmax(int dim) {
    return Reductions.softmax(this, dim, false);
  }

  /** log-softmax along a dim: x - max - log Σ exp(x - max) (not log of softmax). */
  public Tensor logSoftmax(int dim) {
    return Reductions.softmax(this, dim, true);
  }

  /** The p-norm of all elements: (Σ |x|^p)^(1/p); p = 2 is the Euclidean norm. */
  public Tensor norm(float p) {
    return Reductions.norm(this, p, new int[0], false);
  }

  /** The p-norm over dims. */
  public Tensor norm(float p, int[] dims, boolean keepdim) {
    return Reductions.norm(this, p, dims, keepdim);
  }

  /** The Euclidean norm of all elements. */
  public Tensor norm() {
    return norm(2f);
  }

  /** Distinct values in ascending order with how often each occurs. */
  public Unique unique() {
    return Reductions.unique(this);
  }

  /** Counts of each non-negative integer value: result[v] = number of elements equal to v. */
  public Tensor bincount(int minLength) {
    return Reductions.bincount(this, minLength);
  }

  // ---------------------------------------------------------------- shape

  /** The same data in a new shape (one dim may be -1); a view when possible, else a copy. */
  public Tensor reshape(int... newShape) {
    return Movement.reshape(this, newShape, false);
  }

  /** Like {@link #reshape} but never copies: fails when the strides do not allow a view. */
  public Tensor view(int... newShape) {
    return Movement.reshape(this, newShape, true);
  }

  /** Flattens to one dim. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /** Flattens dims {@code start..end} (inclusive) into one. */
  public Tensor flatten(int start, int end) {
    return Movement.flatten(this, start, end);
  }

  /** Removes all size-1 dims. */
  public Tensor squeeze() {
    return Movement.squeeze(this, null);
  }

  /** Removes dim {@code d} if its size is 1 (otherwise returns the tensor unchanged, like PyTorch). */
  public Tensor squeeze(int d) {
    return Movement.squeeze(this, d);
  }

  /** Inserts a size-1 dim at {@code d} ({@code -1} appends). */
  public Tensor unsqueeze(int d) {
    return Movement.unsqueeze(this, d);
  }

  /** Swaps two dims (a view). */
  public Tensor transpose(int d0, int d1) {
    return Movement.transpose(this, d0, d1);
  }

  /** The transpose of a matrix (2-d) — or of the last two dims for batched matrices. */
  public Tensor t() {
    if (shape.length < 2) {
      return this;
    }
    return transpose(-2, -1);
  }

  /** Reorders the dims (a view): result dim i is this tensor's dim {@code dims[i]}. */
  public Tensor permute(int... dims) {
    return Movement.permute(this, dims);
  }

  /** Broadcasts size-1 dims to larger sizes without copying (-1 keeps a dim). */
  public Tensor expand(int... newShape) {
    return Movement.expand(this, newShape);
  }

  /** Expands to the shape of {@code other}. */
  public Tensor expandAs(Tensor other) {
    return expand(other.shape);
  }

  /** A contiguous tensor with the same values: this one if already contiguous. */
  public Tensor contiguous() {
    return isContiguous() ? this : Movement.cloneOf(this);
  }

  /** Elements {@code start .. start+length-1} along dim (a view). */
  public Tensor narrow(int dim, int start, int length) {
    return Movement.slice(this, dim, start, start + length, 1, "narrow");
  }

  /** Python-style slice {@code [start:end:step]} along dim (a view; negative start/end count from the end). */
  public Tensor slice(int dim, int start, int end, int step) {
    return Movement.slice(this, dim, start, end, step, "slice");
  }

  /** Picks index {@code i} of dim, dropping that dim (a view). */
  public Tensor select(int dim, int i) {
    return Movement.select(this, dim, i);
  }

  /** Rows (along dim) picked by an int32 index tensor of shape [k]. */
  public Tensor indexSelect(int dim, Tensor index) {
    return Indexing.indexSelect(this, dim, index);
  }

  /** {@code out[i][j] = this[i][index[i][j]]} for dim 1 (generally: index replaces coordinate dim). */
  public Tensor gather(int dim, Tensor index) {
    return Indexing.gather(this, dim, index);
  }

  /** A copy of this with {@code src} added at positions {@code index} along dim (reverse of gather). */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
    return Indexing.scatterAdd(this, dim, index, src);
  }

  /** One-hot encoding of an int32 tensor of labels: shape [..., numClasses], float32. */
  public Tensor oneHot(int numClasses) {
    return Indexing.oneHot(this, numClasses);
  }

  /** Joins tensors along an existing dim. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Movement.cat(tensors, dim);
  }

  /** Stacks equally shaped tensors along a new dim. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Movement.stack(tensors, dim);
  }

  /** Splits into pieces of {@code size} along dim (the last may be smaller); views. */
  public List<Tensor> split(int size, int dim) {
    return Movement.split(this, size, dim);
  }

  /** Splits into {@code n} nearly equal pieces along dim (views). */
  public List<Tensor> chunk(int n, int dim) {
    return Movement.chunk(this, n, dim);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product with NumPy semantics: 1-d·1-d is a dot product, 2-d·2-d a matrix product, and
   * higher ranks are batches of matrices whose batch dims broadcast. Shapes: (…, n, k)·(…, k, m) →
   * (…, n, m).
   */
  public Tensor matmul(Tensor other) {
    return LinAlg.matmul(this, other);
  }

  // ---------------------------------------------------------------- in-place (for optimizers)

  /** {@code this += other} in place (other broadcast to this shape). */
  public Tensor add_(Tensor other) {
    return InPlace.binary("add_", this, other, dev.lernwerk.kernel.BinaryFn.ADD);
  }

  /** {@code this += alpha * other} in place. */
  public Tensor add_(Tensor other, float alpha) {
    return InPlace.axpy("add_", this, other, alpha);
  }

  /** {@code this += value} in place. */
  public Tensor add_(float value) {
    return InPlace.affine("add_", this, 1f, value);
  }

  /** {@code this -= other} in place. */
  public Tensor sub_(Tensor other) {
    return InPlace.binary("sub_", this, other, dev.lernwerk.kernel.BinaryFn.SUB);
  }

  /** {@code this *= other} in place. */
  public Tensor mul_(Tensor other) {
    return InPlace.binary("mul_", this, other, dev.lernwerk.kernel.BinaryFn.MUL);
  }

  /** {@code this *= value} in place. */
  public Tensor mul_(float value) {
    return InPlace.affine("mul_", this, value, 0f);
  }

  /** {@code this /= other} in place. */
  public Tensor div_(Tensor other) {
    return InPlace.binary("div_", this, other, dev.lernwerk.kernel.BinaryFn.DIV);
  }

  /** Clamps in place. */
  public Tensor clamp_(float lo, float hi) {
    return InPlace.unary("clamp_", this, dev.lernwerk.kernel.UnaryFn.CLAMP, lo, hi);
  }

  /** Copies {@code src} (broadcast) into this tensor. */
  public Tensor copy_(Tensor src) {
    return InPlace.copy("copy_", this, src);
  }

  /** Sets every element to {@code value}. */
  public Tensor fill_(float value) {
    return InPlace.fill("fill_", this, value);
  }

  /** Sets every element to 0. */
  public Tensor zero_() {
    return fill_(0f);
  }

  /** Fills with uniform values in [lo, hi) from {@code gen}. */
  public Tensor uniform_(Generator gen, double lo, double hi) {
    return copy_(Random.uniform(gen, lo, hi, shape));
  }

  /** Fills with normal values from {@code gen}. */
  public Tensor normal_(Generator gen, double mean, double std) {
    return copy_(Random.normal(gen, mean, std, shape));
  }

  // ---------------------------------------------------------------- printing

  /** Values and shape, e.g. {@code tensor([[1, 2], [3, 4]], shape=[2, 2])}; long tensors elided. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }

  /** The values of a max/min along a dim and where they are. */
  public record ValuesIndices(Tensor values, Tensor indices) {}

  /** Distinct values (ascending, same dtype as the input) and their counts (int32). */
  public record Unique(Tensor values, Tensor counts) {}
}
