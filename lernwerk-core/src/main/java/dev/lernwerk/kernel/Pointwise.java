package dev.lernwerk.kernel;

/**
 * Elementwise kernels over strided (possibly broadcast, stride 0) inputs into a contiguous output.
 */
public final class Pointwise {
  private Pointwise() {}

  private static final FloatKernels K = FloatKernels.INSTANCE;

  /** {@code out[i] = f(a[..], b[..])} for every index of {@code shape} (out contiguous from 0). */
  public static void binary(
      BinaryFn f,
      int[] shape,
      float[] a,
      int aOff,
      int[] aStr,
      float[] b,
      int bOff,
      int[] bStr,
      float[] out) {
    Strided p = Strided.of(shape, aStr, bStr, Layout.contiguous(shape));
    int as = p.innerStride(0);
    int bs = p.innerStride(1);
    p.walkParallel(aOff, bOff, 0, (x, y, z, len) -> K.binary(f, a, x, as, b, y, bs, out, z, len));
  }

  /**
   * {@code out[i] = f(a[aOff + i*aStride], b[bOff + i*bStride])} for {@code i < n}: the fast path for
   * contiguous operands of one shape (strides 1) or a contiguous operand and a one-element one
   * (stride 0). Same chunks, same bits as {@link #binary}.
   */
  public static void binaryFlat(
      BinaryFn f, int n, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
      float[] out) {
    if (n < 2 * Strided.GRAIN) {
      K.binary(f, a, aOff, aStride, b, bOff, bStride, out, 0, n);
      return;
    }
    Parallel.forRange(n, Strided.GRAIN,
        (s, e) -> K.binary(f, a, aOff + s * aStride, aStride, b, bOff + s * bStride, bStride, out, s,
            e - s));
  }

  /** {@code out[i] = f(a[aOff + i], p, q)} for {@code i < n}: the fast path for contiguous input. */
  public static void unaryFlat(UnaryFn f, int n, float[] a, int aOff, float[] out, float p, float q) {
    if (n < 2 * Strided.GRAIN) {
      K.unary(f, a, aOff, 1, out, 0, n, p, q);
      return;
    }
    Parallel.forRange(n, Strided.GRAIN, (s, e) -> K.unary(f, a, aOff + s, 1, out, s, e - s, p, q));
  }

  /**
   * {@code out[r*len + i] = f(a[aOff + r*aRow + i*aInner], b[bOff + r*bRow + i*bInner])} for {@code
   * r < rows, i < len}, with inner strides 0 or 1: one operand contiguous ({@code row = len, inner =
   * 1}), the other a row repeated ({@code 0, 1}) or one value per row ({@code 1, 0}). Same bits as
   * {@link #binary}; split over threads by rows when large.
   */
  public static void binaryRows(
      BinaryFn f, int rows, int len, float[] a, int aOff, int aRow, int aInner, float[] b,
      int bOff, int bRow, int bInner, float[] out) {
    if ((long) rows * len < 2 * Strided.GRAIN) {
      rowRange(f, 0, rows, len, a, aOff, aRow, aInner, b, bOff, bRow, bInner, out);
      return;
    }
    Parallel.forRange(rows, Math.max(1, Strided.GRAIN / len),
        (s, e) -> rowRange(f, s, e, len, a, aOff, aRow, aInner, b, bOff, bRow, bInner, out));
  }

  private static void rowRange(
      BinaryFn f, int from, int to, int len, float[] a, int aOff, int aRow, int aInner, float[] b,
      int bOff, int bRow, int bInner, float[] out) {
    for (int r = from; r < to; r++) {
      K.binary(f, a, aOff + r * aRow, aInner, b, bOff + r * bRow, bInner, out, r * len, len);
    }
  }

  /** Comparison into a 0/1 int output. */
  public static void compare(
      BinaryFn f,
      int[] shape,
      float[] a,
      int aOff,
      int[] aStr,
      float[] b,
      int bOff,
      int[] bStr,
      int[] out) {
    Strided p = Strided.of(shape, aStr, bStr, Layout.contiguous(shape));
    int as = p.innerStride(0);
    int bs = p.innerStride(1);
    p.walkParallel(
        aOff,
        bOff,
        0,
        (x, y, z, len) -> compareRun(f, a, x, as, b, y, bs, out, z, len));
  }

  /**
   * One run of {@link #compare}: the same results as {@code f.apply(..) != 0}, with the operator
   * chosen once per run rather than per element.
   */
  private static void compareRun(
      BinaryFn f, float[] a, int x, int as, float[] b, int y, int bs, int[] out, int z, int len) {
    switch (f) {
      case EQ -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = a[x + i * as] == b[y + i * bs] ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = a[x + i * as] != b[y + i * bs] ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = a[x + i * as] < b[y + i * bs] ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = a[x + i * as] <= b[y + i * bs] ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = a[x + i * as] > b[y + i * bs] ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = a[x + i * as] >= b[y + i * bs] ? 1 : 0;
        }
      }
      default -> {
        for (int i = 0; i < len; i++) {
          out[z + i] = f.apply(a[x + i * as], b[y + i * bs]) != 0f ? 1 : 0;
        }
      }
    }
  }

  /** {@code out[i] = f(a[..], p, q)}. */
  public static void unary(
      UnaryFn f, int[] shape, float[] a, int aOff, int[] aStr, float[] out, float p, float q) {
    Strided s = Strided.of(shape, aStr, Layout.contiguous(shape), null);
    int as = s.innerStride(0);
    s.walkParallel(aOff, 0, 0, (x, y, z, len) -> K.unary(f, a, x, as, out, y, len, p, q));
  }

  /** Strided float copy into a strided destination (both of {@code shape}). */
  public static void copy(
      int[] shape, float[] src, int sOff, int[] sStr, float[] dst, int dOff, int[] dStr) {
    Strided s = Strided.of(shape, sStr, dStr, null);
    int ss = s.innerStride(0);
    int ds = s.innerStride(1);
    s.walkParallel(
        sOff,
        dOff,
        0,
        (x, y, z, len) -> {
          if (ss == 1 && ds == 1) {
            System.arraycopy(src, x, dst, y, len);
          } else {
            for (int i = 0; i < len; i++) {
              dst[y + i * ds] = src[x + i * ss];
            }
          }
        });
  }

  /** Strided int copy into a strided destination (both of {@code shape}). */
  public static void copy(int[] shape, int[] src, int sOff, int[] sStr, int[] dst, int dOff, int[] dStr) {
    Strided s = Strided.of(shape, sStr, dStr, null);
    int ss = s.innerStride(0);
    int ds = s.innerStride(1);
    s.walkParallel(
        sOff,
        dOff,
        0,
        (x, y, z, len) -> {
          if (ss == 1 && ds == 1) {
            System.arraycopy(src, x, dst, y, len);
          } else {
            for (int i = 0; i < len; i++) {
              dst[y + i * ds] = src[x + i * ss];
            }
          }
        });
  }

  /** Shape helpers local to the kernels. */
  static final class Layout {
    private Layout() {}

    static int[] contiguous(int[] shape) {
      int[] s = new int[shape.length];
      int acc = 1;
      for (int i = shape.length - 1; i >= 0; i--) {
        s[i] = acc;
        acc *= Math.max(shape[i], 1);
      }
      return s;
    }
  }
}
