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
        (x, y, z, len) -> {
          for (int i = 0; i < len; i++) {
            out[z + i] = f.apply(a[x + i * as], b[y + i * bs]) != 0f ? 1 : 0;
          }
        });
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
