package dev.lernwerk.testkit;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Locale;

/**
 * Closeness assertions for tensors with a labelled max-difference report.
 *
 * <p>Element {@code i} passes when {@code |actual - expected| <= atol + rtol·|expected|} (NumPy's
 * {@code isclose}); NaN matches NaN and an infinity matches the same infinity. A failure throws an
 * {@link AssertionError} that names the label, how many elements failed, and where the largest
 * absolute and relative differences are:
 *
 * <pre>{@code
 * Assert.close("softmax rows", expected, y, 1e-6, 1e-5);
 * // softmax rows: 2 of 6 values differ (atol=1.0e-06, rtol=1.0e-05); max abs diff 0.0312 at [1, 2]
 * //   (expected 0.5, actual 0.53125); max rel diff 0.0625 at [1, 2]; shape [2, 3]
 * }</pre>
 */
public final class Assert {
  private Assert() {}

  /** How two arrays of values compare; {@link #ok()} when no element failed. */
  public record Diff(
      int failed,
      int total,
      double maxAbs,
      int maxAbsAt,
      double maxRel,
      int maxRelAt,
      float expectedAtMaxAbs,
      float actualAtMaxAbs,
      int firstFailAt) {
    /** True when every element passed. */
    public boolean ok() {
      return failed == 0;
    }
  }

  /** Compares element by element with the rule in the class comment. */
  public static Diff diff(float[] expected, float[] actual, double atol, double rtol) {
    if (expected.length != actual.length) {
      throw new IllegalArgumentException(
          "diff: " + expected.length + " expected values but " + actual.length + " actual ones");
    }
    int failed = 0;
    int firstFail = -1;
    double maxAbs = 0;
    int maxAbsAt = -1;
    double maxRel = 0;
    int maxRelAt = -1;
    for (int i = 0; i < expected.length; i++) {
      float e = expected[i];
      float a = actual[i];
      boolean pass;
      double abs;
      if (Float.isNaN(e) || Float.isNaN(a) || Float.isInfinite(e) || Float.isInfinite(a)) {
        pass = Float.compare(e, a) == 0 || (Float.isNaN(e) && Float.isNaN(a));
        abs = pass ? 0 : Double.POSITIVE_INFINITY;
      } else {
        abs = Math.abs((double) a - e);
        pass = abs <= atol + rtol * Math.abs(e);
      }
      double rel = abs == 0 ? 0 : abs / Math.max(Math.abs((double) e), Double.MIN_NORMAL);
      if (!pass) {
        failed++;
        if (firstFail < 0) {
          firstFail = i;
        }
      }
      if (abs > maxAbs || (maxAbsAt < 0 && !pass)) {
        maxAbs = abs;
        maxAbsAt = i;
      }
      if (rel > maxRel) {
        maxRel = rel;
        maxRelAt = i;
      }
    }
    float ea = maxAbsAt >= 0 ? expected[maxAbsAt] : Float.NaN;
    float aa = maxAbsAt >= 0 ? actual[maxAbsAt] : Float.NaN;
    return new Diff(failed, expected.length, maxAbs, maxAbsAt, maxRel, maxRelAt, ea, aa, firstFail);
  }

  /**
   * Asserts that {@code actual} has {@code expected}'s shape and values within {@code atol + rtol·|expected|}.
   *
   * @throws AssertionError with a labelled report of the largest differences
   */
  public static void close(String label, Tensor expected, Tensor actual, double atol, double rtol) {
    if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
      throw new AssertionError(
          label + ": shape differs: expected " + Shape.str(expected.shape()) + ", actual "
              + Shape.str(actual.shape()));
    }
    check(label, expected.shape(), expected.toFloatArray(), actual.toFloatArray(), atol, rtol);
  }

  /** Asserts that {@code actual} holds {@code expected} (row-major) within the tolerances. */
  public static void close(String label, float[] expected, Tensor actual, double atol, double rtol) {
    if (expected.length != actual.numel()) {
      throw new AssertionError(
          label + ": expected " + expected.length + " values, actual tensor has shape "
              + Shape.str(actual.shape()) + " (" + actual.numel() + " values)");
    }
    check(label, actual.shape(), expected, actual.toFloatArray(), atol, rtol);
  }

  /** Array form of {@link #close(String, Tensor, Tensor, double, double)} (flat positions). */
  public static void close(String label, float[] expected, float[] actual, double atol, double rtol) {
    if (expected.length != actual.length) {
      throw new AssertionError(
          label + ": expected " + expected.length + " values, got " + actual.length);
    }
    check(label, new int[] {expected.length}, expected, actual, atol, rtol);
  }

  /** Asserts shape equality and bit-identical values (NaNs of any payload count as equal). */
  public static void identical(String label, Tensor expected, Tensor actual) {
    if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
      throw new AssertionError(
          label + ": shape differs: expected " + Shape.str(expected.shape()) + ", actual "
              + Shape.str(actual.shape()));
    }
    identical(label, expected.shape(), expected.toFloatArray(), actual.toFloatArray());
  }

  /** Bit-identical float arrays (NaNs of any payload count as equal; -0 differs from +0). */
  public static void identical(String label, float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError(
          label + ": expected " + expected.length + " values, got " + actual.length);
    }
    identical(label, new int[] {expected.length}, expected, actual);
  }

  private static void identical(String label, int[] shape, float[] e, float[] a) {
    int failed = 0;
    int first = -1;
    for (int i = 0; i < e.length; i++) {
      if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
        failed++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (failed > 0) {
      throw new AssertionError(
          String.format(Locale.ROOT,
              "%s: %d of %d values are not bit-identical; first at %s: expected %s (0x%08x),"
                  + " actual %s (0x%08x); shape %s",
              label, failed, e.length, index(shape, first), e[first],
              Float.floatToRawIntBits(e[first]), a[first], Float.floatToRawIntBits(a[first]),
              Shape.str(shape)));
    }
  }

  private static void check(
      String label, int[] shape, float[] expected, float[] actual, double atol, double rtol) {
    Diff d = diff(expected, actual, atol, rtol);
    if (!d.ok()) {
      throw new AssertionError(report(label, shape, d, expected, actual, atol, rtol));
    }
  }

  /** The one-line failure report used by {@link #close}. */
  public static String report(
      String label, int[] shape, Diff d, float[] expected, float[] actual, double atol,
      double rtol) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d of %d values differ (atol=%.1e, rtol=%.1e)",
        label, d.failed(), d.total(), atol, rtol));
    if (d.maxAbsAt() >= 0) {
      sb.append(String.format(Locale.ROOT, "; max abs diff %.4g at %s (expected %s, actual %s)",
          d.maxAbs(), index(shape, d.maxAbsAt()), d.expectedAtMaxAbs(), d.actualAtMaxAbs()));
    }
    if (d.maxRelAt() >= 0) {
      sb.append(String.format(Locale.ROOT, "; max rel diff %.4g at %s",
          d.maxRel(), index(shape, d.maxRelAt())));
    }
    if (d.firstFailAt() >= 0 && d.firstFailAt() != d.maxAbsAt()) {
      int f = d.firstFailAt();
      sb.append(String.format(Locale.ROOT, "; first failure at %s (expected %s, actual %s)",
          index(shape, f), expected[f], actual[f]));
    }
    return sb.append("; shape ").append(Shape.str(shape)).toString();
  }

  /** The n-d index of flat position {@code flat} in a row-major tensor of {@code shape}. */
  static String index(int[] shape, int flat) {
    int[] idx = new int[shape.length];
    int rem = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      int s = Math.max(shape[d], 1);
      idx[d] = rem % s;
      rem /= s;
    }
    return Shape.str(idx);
  }
}
