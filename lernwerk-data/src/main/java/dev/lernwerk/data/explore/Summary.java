package dev.lernwerk.data.explore;

import dev.lernwerk.tensor.DType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Shape, dtype and value statistics of a tensor (DA-18), NaNs left out of the statistics and
 * counted.
 *
 * @param shape the tensor's shape
 * @param dtype its element type
 * @param count number of non-NaN values
 * @param nanCount number of NaN values
 * @param min smallest value (NaN when count is 0)
 * @param max largest value
 * @param mean arithmetic mean
 * @param std population standard deviation {@code sqrt(Σ (x - mean)² / count)}, as NumPy's {@code
 *     std()}
 */
public record Summary(
    int[] shape, DType dtype, long count, long nanCount, double min, double max, double mean,
    double std) {
  /** Copies the shape. */
  public Summary {
    shape = shape.clone();
  }

  /** A copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** E.g. {@code shape=[60000, 28, 28] dtype=float32 min=0 max=255 mean=72.94 std=90.02}. */
  @Override
  public String toString() {
    return "shape=" + Arrays.toString(shape) + " dtype=" + dtype.label() + " min=" + num(min)
        + " max=" + num(max) + " mean=" + num(mean) + " std=" + num(std)
        + (nanCount > 0 ? " nan=" + nanCount : "");
  }

  /** Four significant decimals, whole numbers without a point. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e6) {
      String s = String.format(Locale.ROOT, "%.4f", v);
      s = s.replaceAll("0+$", "");
      return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Summary s && Arrays.equals(s.shape, shape) && s.dtype == dtype
        && s.count == count && s.nanCount == nanCount && Double.compare(s.min, min) == 0
        && Double.compare(s.max, max) == 0 && Double.compare(s.mean, mean) == 0
        && Double.compare(s.std, std) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + Double.hashCode(mean);
  }
}
