package dev.lernwerk.kernel;

/** Reduction kernels over contiguous rows or columns; orders are fixed so results are repeatable. */
public final class Reduce {
  private Reduce() {}

  private static final FloatKernels K = FloatKernels.INSTANCE;

  /** Elements per task for the row-wise softmax and logsumexp (an exp costs more than an add). */
  private static final int SOFTMAX_GRAIN = 1 << 14;

  /** {@code out[outOff + r] = sum of row r} for {@code rows} rows of {@code len} contiguous floats. */
  public static void sumRows(float[] a, int off, int rows, int len, float[] out, int outOff) {
    Parallel.forRange(
        rows,
        Math.max(1, Strided.GRAIN / Math.max(len, 1)),
        (s, e) -> {
          for (int r = s; r < e; r++) {
            out[outOff + r] = K.sum(a, off + r * len, len);
          }
        });
  }

  /**
   * Column sums of a row-major block: {@code out[j] = sum over r of a[off + r*len + j]}, adding rows
   * in order (so the result does not depend on the thread count).
   */
  public static void sumCols(float[] a, int off, int rows, int len, float[] out, int outOff) {
    Parallel.forRange(
        len,
        Math.max(16, Strided.GRAIN / Math.max(rows, 1)),
        (s, e) -> {
          java.util.Arrays.fill(out, outOff + s, outOff + e, 0f);
          for (int r = 0; r < rows; r++) {
            K.accumulate(a, off + r * len + s, out, outOff + s, e - s);
          }
        });
  }

  /**
   * Row maxima and their first index: {@code out[r] = max of row r}, {@code idx[r]} its position (the
   * first NaN counts as the maximum, like PyTorch).
   */
  public static void maxRows(
      float[] a, int off, int rows, int len, boolean min, float[] out, int[] idx) {
    Parallel.forRange(
        rows,
        Math.max(1, Strided.GRAIN / Math.max(len, 1)),
        (s, e) -> {
          for (int r = s; r < e; r++) {
            int base = off + r * len;
            float best = a[base];
            int bi = 0;
            if (!Float.isNaN(best)) {
              for (int j = 1; j < len; j++) {
                float v = a[base + j];
                if (Float.isNaN(v)) {
                  best = v;
                  bi = j;
                  break;
                }
                if (min ? v < best : v > best) {
                  best = v;
                  bi = j;
                }
              }
            }
            out[r] = best;
            idx[r] = bi;
          }
        });
  }

  /**
   * Softmax (or log-softmax) of {@code rows} contiguous rows of {@code len} floats (see {@link
   * FloatKernels#softmaxRows}), split over threads by rows for large inputs.
   */
  public static void softmaxRows(
      float[] in, int io, float[] out, int oo, int rows, int len, boolean log) {
    int grain = Math.max(1, SOFTMAX_GRAIN / Math.max(len, 1));
    if (rows < 2 * grain) {
      K.softmaxRows(in, io, out, oo, rows, len, log);
      return;
    }
    Parallel.forRange(rows, grain,
        (s, e) -> K.softmaxRows(in, io + s * len, out, oo + s * len, e - s, len, log));
  }

  /** Row-wise log Σ exp (see {@link FloatKernels#logSumExpRows}), split over threads by rows. */
  public static void logSumExpRows(float[] in, int io, int rows, int len, float[] out, int oo) {
    int grain = Math.max(1, SOFTMAX_GRAIN / Math.max(len, 1));
    if (rows < 2 * grain) {
      K.logSumExpRows(in, io, rows, len, out, oo);
      return;
    }
    Parallel.forRange(rows, grain,
        (s, e) -> K.logSumExpRows(in, io + s * len, e - s, len, out, oo + s));
  }

  /** Contiguous dot product in the kernels' fixed order. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    return K.dot(a, ao, b, bo, n);
  }

  /** Contiguous sum in the kernels' fixed order. */
  public static float sum(float[] a, int ao, int n) {
    return K.sum(a, ao, n);
  }

  /** {@code y += alpha * x} on contiguous runs. */
  public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    K.axpy(alpha, x, xo, y, yo, n);
  }
}
