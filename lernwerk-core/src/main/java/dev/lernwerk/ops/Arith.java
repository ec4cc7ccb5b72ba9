package dev.lernwerk.ops;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.BinaryFn;
import dev.lernwerk.kernel.Pointwise;
import dev.lernwerk.kernel.UnaryFn;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * Elementwise arithmetic with broadcasting: the binary and unary primitives and their gradients.
 * Each op's backward sits next to its forward; broadcasting's backward is {@link Broadcast#sumTo}.
 */
public final class Arith {
  private Arith() {}

  static void requireFloat(String op, Tensor t) {
    if (t.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(
          op + ": expected a float32 tensor, got " + t.dtype().label() + " of shape "
              + Shape.str(t.shape()) + " (convert with toFloat())");
    }
  }

  /** Forward of a binary kernel into a new contiguous tensor (no recording). */
  static Tensor binaryForward(BinaryFn f, String op, Tensor a, Tensor b) {
    if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32) {
      // fast paths (no broadcast planning): same-shape contiguous operands, or one operand a
      // single element that broadcasts over a contiguous other
      Tensor like = null;
      int as = 1;
      int bs = 1;
      if (a.isContiguous() && b.isContiguous() && a.sameShape(b)) {
        like = a;
      } else if (b.numel() == 1 && b.dim() <= a.dim() && a.isContiguous()) {
        like = a;
        bs = 0;
      } else if (a.numel() == 1 && a.dim() <= b.dim() && b.isContiguous()) {
        like = b;
        as = 0;
      }
      if (like != null) {
        int n = like.numel();
        Storage res = Storage.forResult(n);
        float[] out = res.floats();
        Pointwise.binaryFlat(f, n, a.storage().floats(), a.offset(), as, b.storage().floats(),
            b.offset(), bs, out);
        return Tensor.wrapLike(res, like);
      }
      Tensor rows = a.isContiguous() && b.isContiguous() ? rowBroadcast(f, a, b) : null;
      if (rows != null) {
        return rows;
      }
    }
    Tensor fa = a.dtype() == DType.FLOAT32 ? a : a.toFloat();
    Tensor fb = b.dtype() == DType.FLOAT32 ? b : b.toFloat();
    int[] as = fa.shape();
    int[] bs = fb.shape();
    int[] shape = Arrays.equals(as, bs) ? as : Shape.broadcast(op, as, bs);
    Storage res = Storage.forResult(Shape.numel(shape));
    float[] out = res.floats();
    Pointwise.binary(f, shape, fa.storage().floats(), fa.offset(),
        Shape.broadcastStrides(op, as, fa.strides(), shape), fb.storage().floats(), fb.offset(),
        Shape.broadcastStrides(op, bs, fb.strides(), shape), out);
    return Tensor.wrap(res, shape);
  }

  /**
   * Contiguous operands where one is a row repeated over the other (a bias over a batch: its shape
   * is the other's trailing dims) or one value per row (a keepdim reduction such as {@code x -
   * x.mean(-1, true)}: its shape is the other's leading dims followed by ones): computed row by row
   * without broadcast planning. Null when neither operand has such a shape. Kept out of {@link
   * #binaryForward} so that stays small enough for the JIT to inline.
   */
  private static Tensor rowBroadcast(BinaryFn f, Tensor a, Tensor b) {
    float[] av = a.storage().floats();
    float[] bv = b.storage().floats();
    for (int side = 0; side < 2; side++) {
      Tensor small = side == 0 ? b : a;
      Tensor big = side == 0 ? a : b;
      boolean row = isTrailing(small.shape(), big.shape());
      int len = row ? small.numel() : leadingRowLength(small.shape(), big.shape());
      if (len <= 0) {
        continue;
      }
      int n = big.numel();
      int smallRow = row ? 0 : 1;
      int smallInner = row ? 1 : 0;
      Storage res = Storage.forResult(n);
      float[] out = res.floats();
      if (side == 0) {
        Pointwise.binaryRows(f, n / len, len, av, a.offset(), len, 1, bv, b.offset(), smallRow,
            smallInner, out);
      } else {
        Pointwise.binaryRows(f, n / len, len, av, a.offset(), smallRow, smallInner, bv, b.offset(),
            len, 1, out);
      }
      return Tensor.wrapLike(res, big);
    }
    return null;
  }

  /**
   * True when {@code small}, without its leading size-1 dims, equals the trailing dims of {@code
   * big}, has no more dims than big and at least one element: then small broadcasts over big as one
   * row repeated.
   */
  private static boolean isTrailing(int[] small, int[] big) {
    if (small.length > big.length) {
      return false;
    }
    int k = 0;
    while (k < small.length && small[k] == 1) {
      k++;
    }
    int m = small.length - k;
    for (int i = 0; i < m; i++) {
      if (small[k + i] != big[big.length - m + i] || small[k + i] == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The row length {@code prod(big[k:])} when {@code small}, left-padded with ones to big's rank, is
   * {@code big[:k]} followed by ones for some {@code k >= 1}, and that length is above 1: then small
   * holds one value per row. Otherwise -1.
   */
  private static int leadingRowLength(int[] small, int[] big) {
    int r = big.length;
    int pad = r - small.length;
    if (pad < 0) {
      return -1;
    }
    int k = r;
    while (k > 0 && (k - 1 < pad || small[k - 1 - pad] == 1)) {
      k--;
    }
    if (k == 0) {
      return -1;
    }
    for (int i = 0; i < k; i++) {
      if ((i < pad ? 1 : small[i - pad]) != big[i]) {
        return -1;
      }
    }
    long len = 1;
    for (int i = k; i < r; i++) {
      len *= big[i];
    }
    return len > 1 ? (int) len : -1;
  }

  static Tensor unaryForward(UnaryFn f, Tensor a, float p, float q) {
    if (a.isContiguous()) {
      Storage res = Storage.forResult(a.numel());
      float[] out = res.floats();
      Pointwise.unaryFlat(f, out.length, a.storage().floats(), a.offset(), out, p, q);
      return Tensor.wrapLike(res, a);
    }
    int[] shape = a.shape();
    Storage res = Storage.forResult(Shape.numel(shape));
    float[] out = res.floats();
    Pointwise.unary(f, shape, a.storage().floats(), a.offset(), a.strides(), out, p, q);
    return Tensor.wrap(res, shape);
  }

  // ------------------------------------------------------------------ add / sub

  /** {@code a + b}. */
  public static Tensor add(Tensor a, Tensor b) {
    Tensor out = binaryForward(BinaryFn.ADD, "add", a, b);
    if (Node.shouldRecord(a, b)) {
      new Add(a.shape(), b.shape(), false).record(out, a, b);
    }
    return out;
  }

  /** {@code a - b}. */
  public static Tensor sub(Tensor a, Tensor b) {
    Tensor out = binaryForward(BinaryFn.SUB, "sub", a, b);
    if (Node.shouldRecord(a, b)) {
      new Add(a.shape(), b.shape(), true).record(out, a, b);
    }
    return out;
  }

  /** Backward of add and sub: the gradient passes through (negated for b of sub). */
  static final class Add extends Node {
    private final int[] aShape;
    private final int[] bShape;
    private final boolean negateB;

    Add(int[] aShape, int[] bShape, boolean negateB) {
      this.aShape = aShape;
      this.bShape = bShape;
      this.negateB = negateB;
    }

    @Override
    public String name() {
      return negateB ? "sub" : "add";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor ga = needsGrad(0) ? Broadcast.sumTo(g, aShape) : null;
      Tensor gb = null;
      if (needsGrad(1)) {
        gb = Broadcast.sumTo(g, bShape);
        if (negateB) {
          gb = gb.neg();
        }
      }
      return new Tensor[] {ga, gb};
    }
  }

  // ------------------------------------------------------------------ mul

  /** {@code a * b}. */
  public static Tensor mul(Tensor a, Tensor b) {
    Tensor out = binaryForward(BinaryFn.MUL, "mul", a, b);
    if (Node.shouldRecord(a, b)) {
      Mul n = new Mul();
      n.save(a.detach(), b.detach());
      n.record(out, a, b);
    }
    return out;
  }

  static final class Mul extends Node {
    @Override
    public String name() {
      return "mul";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor a = saved(0);
      Tensor b = saved(1);
      return new Tensor[] {
        needsGrad(0) ? Broadcast.sumTo(g.mul(b), a.shape()) : null,
        needsGrad(1) ? Broadcast.sumTo(g.mul(a), b.shape()) : null
      };
    }
  }

  // ------------------------------------------------------------------ div

  /** {@code a / b}. */
  public static Tensor div(Tensor a, Tensor b) {
    Tensor out = binaryForward(BinaryFn.DIV, "div", a, b);
    if (Node.shouldRecord(a, b)) {
      Div n = new Div();
      n.save(a.detach(), b.detach());
      n.record(out, a, b);
    }
    return out;
  }

  static final class Div extends Node {
    @Override
    public String name() {
      return "div";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor a = saved(0);
      Tensor b = saved(1);
      Tensor ga = needsGrad(0) ? Broadcast.sumTo(g.div(b), a.shape()) : null;
      // d(a/b)/db = -a / b^2
      Tensor gb = needsGrad(1) ? Broadcast.sumTo(g.mul(a).div(b.mul(b)).neg(), b.shape()) : null;
      return new Tensor[] {ga, gb};
    }
  }

  // ------------------------------------------------------------------ pow

  /** {@code a ^ b} elementwise (both differentiable; d/db uses log a, so needs a &gt; 0). */
  public static Tensor pow(Tensor a, Tensor b) {
    Tensor out = binaryForward(BinaryFn.POW, "pow", a, b);
    if (Node.shouldRecord(a, b)) {
      Pow n = new Pow();
      n.save(a.detach(), b.detach(), out.detach());
      n.record(out, a, b);
    }
    return out;
  }

  static final class Pow extends Node {
    @Override
    public String name() {
      return "pow";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor a = saved(0);
      Tensor b = saved(1);
      Tensor out = saved(2);
      Tensor ga = needsGrad(0) ? Broadcast.sumTo(g.mul(b).mul(a.pow(b.sub(1f))), a.shape()) : null;
      Tensor gb = needsGrad(1) ? Broadcast.sumTo(g.mul(out).mul(a.log()), b.shape()) : null;
      return new Tensor[] {ga, gb};
    }
  }

  /** {@code a ^ p} for a constant exponent. */
  public static Tensor pow(Tensor a, float p) {
    return unary(a, UnaryFn.POWS, p, 0f);
  }

  // ------------------------------------------------------------------ maximum / minimum

  /** Elementwise maximum; ties send half the gradient to each side. */
  public static Tensor maximum(Tensor a, Tensor b) {
    return extremum(BinaryFn.MAX, "maximum", a, b);
  }

  /** Elementwise minimum; ties send half the gradient to each side. */
  public static Tensor minimum(Tensor a, Tensor b) {
    return extremum(BinaryFn.MIN, "minimum", a, b);
  }

  private static Tensor extremum(BinaryFn f, String op, Tensor a, Tensor b) {
    Tensor out = binaryForward(f, op, a, b);
    if (Node.shouldRecord(a, b)) {
      Extremum n = new Extremum(op);
      n.save(a.detach(), b.detach());
      n.record(out, a, b);
    }
    return out;
  }

  static final class Extremum extends Node {
    private final String op;

    Extremum(String op) {
      this.op = op;
    }

    @Override
    public String name() {
      return op;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor a = saved(0);
      Tensor b = saved(1);
      boolean max = op.equals("maximum");
      // weight of a: 1 where a wins, 0.5 on ties, 0 where b wins
      Tensor wins = (max ? a.gt(b) : a.lt(b)).toFloat();
      Tensor ties = a.eq(b).toFloat().mul(0.5f);
      Tensor wa = wins.add(ties);
      Tensor ga = needsGrad(0) ? Broadcast.sumTo(g.mul(wa), a.shape()) : null;
      Tensor gb = needsGrad(1) ? Broadcast.sumTo(g.mul(wa.rsub(1f)), b.shape()) : null;
      return new Tensor[] {ga, gb};
    }
  }

  // ------------------------------------------------------------------ unary

  /** A unary primitive without parameters. */
  public static Tensor unary(Tensor a, UnaryFn f) {
    return unary(a, f, 0f, 0f);
  }

  /** {@code a * p + q}. */
  public static Tensor affine(Tensor a, float p, float q) {
    return unary(a, UnaryFn.AFFINE, p, q);
  }

  /** A unary primitive with parameters p and q (see {@link UnaryFn}). */
  public static Tensor unary(Tensor a, UnaryFn f, float p, float q) {
    Tensor x = a.dtype() == DType.FLOAT32 ? a : a.toFloat();
    // x^2 and x^0.5 are exactly x*x and sqrt(x) (what UnaryFn.pows computes): the vector kernels
    // have those, the general power runs element by element
    UnaryFn k = f != UnaryFn.POWS ? f : p == 2f ? UnaryFn.SQUARE : p == 0.5f ? UnaryFn.SQRT : f;
    Tensor out = unaryForward(k, x, p, q);
    if (Node.shouldRecord(a)) {
      Unary n = new Unary(f, opName(f, q), p, q);
      n.save(a.detach(), out.detach());
      n.record(out, a);
    }
    return out;
  }

  /** The facade's name for a unary primitive, as shown in errors and {@code grad_fn=}. */
  static String opName(UnaryFn f, float q) {
    return switch (f) {
      case POWS -> "pow";
      case AFFINE -> q == 0f ? "mul" : "affine";
      case LEAKY_RELU -> "leakyRelu";
      default -> UNARY_NAMES[f.ordinal()];
    };
  }

  /** Lower-case names of the unary functions, built once rather than per recorded op. */
  private static final String[] UNARY_NAMES =
      java.util.Arrays.stream(UnaryFn.values())
          .map(fn -> fn.name().toLowerCase(java.util.Locale.ROOT))
          .toArray(String[]::new);

  /** Backward of every unary primitive: the derivative written with other primitives. */
  static final class Unary extends Node {
    private final UnaryFn f;
    private final String op;
    private final float p;
    private final float q;

    Unary(UnaryFn f, String op, float p, float q) {
      this.f = f;
      this.op = op;
      this.p = p;
      this.q = q;
    }

    @Override
    public String name() {
      return op;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor x = saved(0);
      Tensor y = saved(1);
      Tensor gx =
          switch (f) {
            case NEG -> g.neg();
            case ABS -> g.mul(x.sign());
            case SQRT -> g.div(y).mul(0.5f);
            case RSQRT -> g.mul(y.mul(y).mul(y)).mul(-0.5f);
            case SQUARE -> g.mul(x).mul(2f);
            case RECIPROCAL -> g.mul(y.mul(y)).neg();
            case EXP -> g.mul(y);
            case EXPM1 -> g.mul(y.add(1f));
            case LOG -> g.div(x);
            case LOG1P -> g.div(x.add(1f));
            case SIN -> g.mul(x.cos());
            case COS -> g.mul(x.sin()).neg();
            case TANH -> g.mul(y.mul(y).rsub(1f));
            case SIGMOID -> g.mul(y.mul(y.rsub(1f)));
            case RELU -> binaryForward(BinaryFn.RELU_BACKWARD, "relu", g, x);
            case SIGN, FLOOR, CEIL, ROUND -> Tensor.zerosLike(x);
            case ERF -> g.mul(x.square().neg().exp().mul((float) (2 / Math.sqrt(Math.PI))));
            case CLAMP -> g.mul(x.ge(p).logicalAnd(x.le(q)).toFloat());
            case POWS -> p == 0f ? Tensor.zerosLike(x) : g.mul(x.pow(p - 1f).mul(p));
            case AFFINE -> g.mul(p);
            case LEAKY_RELU -> g.mul(Tensor.where(x.gt(0f), Tensor.scalar(1f), Tensor.scalar(p)));
            case SOFTPLUS -> g.mul(x.sigmoid());
          };
      return new Tensor[] {gx};
    }
  }

  // ------------------------------------------------------------------ comparisons and logic

  /** Lower-case names of the binary functions (for messages), built once rather than per call. */
  private static final String[] FN_NAMES =
      java.util.Arrays.stream(BinaryFn.values())
          .map(fn -> fn.name().toLowerCase(java.util.Locale.ROOT))
          .toArray(String[]::new);

  /** A comparison producing a bool mask (no gradient). */
  public static Tensor compare(BinaryFn f, Tensor a, Tensor b) {
    String op = FN_NAMES[f.ordinal()];
    Tensor fa = a.dtype() == DType.FLOAT32 ? a : a.toFloat();
    Tensor fb = b.dtype() == DType.FLOAT32 ? b : b.toFloat();
    int[] as = fa.shape();
    int[] bs = fb.shape();
    int[] shape = Arrays.equals(as, bs) ? as : Shape.broadcast(op, as, bs);
    int[] out = new int[Shape.numel(shape)];
    Pointwise.compare(f, shape, fa.storage().floats(), fa.offset(),
        Shape.broadcastStrides(op, as, fa.strides(), shape), fb.storage().floats(), fb.offset(),
        Shape.broadcastStrides(op, bs, fb.strides(), shape), out);
    return Tensor.wrapInts(DType.BOOL, out, shape);
  }

  /** Logical not (kind 0), and (1), or (2) of masks; non-zero counts as true. */
  public static Tensor logical(String op, Tensor a, Tensor b, int kind) {
    Tensor na = compare(BinaryFn.NE, a, Tensor.scalar(0f));
    if (kind == 0) {
      return compare(BinaryFn.EQ, a, Tensor.scalar(0f));
    }
    Tensor nb = compare(BinaryFn.NE, b, Tensor.scalar(0f));
    Tensor sum = binaryForward(kind == 1 ? BinaryFn.MIN : BinaryFn.MAX, op, na, nb);
    return compare(BinaryFn.NE, sum, Tensor.scalar(0f));
  }
}
