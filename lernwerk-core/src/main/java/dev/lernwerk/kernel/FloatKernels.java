package dev.lernwerk.kernel;

/**
 * One-dimensional float loops (a run of {@code n} elements with a stride per operand). The vector and
 * the scalar implementation give bit-identical results.
 */
public interface FloatKernels {
  /** The implementation in use ({@link Simd#ENABLED} picks it). */
  FloatKernels INSTANCE = Simd.ENABLED ? VectorLoader.load() : new ScalarKernels();

  /** The scalar implementation (also the reference the tests compare against). */
  static FloatKernels scalar() {
    return ScalarLoader.SCALAR;
  }

  /** {@code o[oo+i] = f(a[ao+i*as], b[bo+i*bs])}. */
  void binary(
      BinaryFn f, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n);

  /** {@code o[oo+i] = f(a[ao+i*as], p, q)} (o may alias a when as == 1 and oo == ao). */
  void unary(UnaryFn f, float[] a, int ao, int as, float[] o, int oo, int n, float p, float q);

  /** Sum of {@code a[ao .. ao+n)} in a fixed order: 8 interleaved partial sums, then the tail. */
  float sum(float[] a, int ao, int n);

  /** Dot product in the same fixed order as {@link #sum}, each term fused ({@code fma}). */
  float dot(float[] a, int ao, float[] b, int bo, int n);

  /** Maximum of a contiguous run (NaN if any element is NaN); -inf for n = 0. */
  float max(float[] a, int ao, int n);

  /** {@code y[yo+i] = fma(alpha, x[xo+i], y[yo+i])} over a contiguous run. */
  void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

  /** {@code y[yo+i] += x[xo+i]} over a contiguous run. */
  void accumulate(float[] x, int xo, float[] y, int yo, int n);

  /**
   * Softmax (or log-softmax) of {@code rows} contiguous rows of {@code len} floats from {@code
   * in[io..]} into {@code out[oo..]} (the two must not overlap). Per row, with m the row maximum (an
   * all -inf row shifts by 0, a zero maximum counts as +0): {@code e_i = exp(x_i - m)} with the
   * kernels' exp, {@code s = Σ e_i} in the order of {@link #sum}; softmax {@code out_i = e_i * (1/s)},
   * log-softmax {@code out_i = (x_i - m) - log(s)} with the kernels' log.
   */
  void softmaxRows(float[] in, int io, float[] out, int oo, int rows, int len, boolean log);

  /**
   * {@code out[oo+r] = log(Σ exp(x_i - m)) + m} (the kernels' exp and log) for each of {@code rows}
   * contiguous rows of {@code len} floats, m the row maximum shifted to 0 when infinite (so a row of
   * -inf gives -inf and a row holding +inf gives +inf); the sum in the order of {@link #sum}.
   */
  void logSumExpRows(float[] in, int io, int rows, int len, float[] out, int oo);

  /** Holds the scalar instance. */
  final class ScalarLoader {
    static final FloatKernels SCALAR = new ScalarKernels();

    private ScalarLoader() {}
  }

  /** Loads the vector implementation by name so the scalar path never touches the Vector API. */
  final class VectorLoader {
    private VectorLoader() {}

    static FloatKernels load() {
      try {
        return (FloatKernels)
            Class.forName("dev.lernwerk.kernel.VectorKernels").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return new ScalarKernels();
      }
    }
  }
}
