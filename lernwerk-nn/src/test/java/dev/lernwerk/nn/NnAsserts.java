package dev.lernwerk.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lernwerk.autograd.GradCheck;
import dev.lernwerk.tensor.Tensor;
import java.util.Locale;
import java.util.function.Function;

/** Closeness and gradient-check assertions shared by the nn tests. */
public final class NnAsserts {
  private NnAsserts() {}

  /** Asserts shapes are equal and |a - e| <= atol + rtol·|e| everywhere, reporting the worst. */
  public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol,
      String label) {
    assertArrayEquals(expected.shape(), actual.shape(), label + ": shape");
    assertClose(expected.toFloatArray(), actual.toFloatArray(), atol, rtol, label);
  }

  /** Array version of {@link #assertClose(Tensor, Tensor, double, double, String)}. */
  public static void assertClose(float[] expected, float[] actual, double atol, double rtol,
      String label) {
    if (expected.length != actual.length) {
      fail(label + ": length " + actual.length + ", expected " + expected.length);
    }
    double worst = 0;
    int at = -1;
    boolean ok = true;
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) && Double.isNaN(a)) {
        continue;
      }
      double d = Math.abs(a - e);
      boolean pass = d <= atol + rtol * Math.abs(e);
      if (!pass || Double.isNaN(d)) {
        ok = false;
      }
      if (d > worst || Double.isNaN(d)) {
        worst = d;
        at = i;
      }
    }
    if (!ok) {
      fail(String.format(Locale.ROOT, "%s: max abs diff %.4g at flat index %d (expected %s, got %s)",
          label, worst, at, expected[at], actual[at]));
    }
  }

  /** Asserts the gradient check of {@code f} passes with default options. */
  public static void assertGrad(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {
    var r = GradCheck.check(f, inputs);
    assertTrue(r.ok(), label + ": " + r.report());
  }

  /** Asserts the gradient check passes with the given options. */
  public static void assertGrad(String label, GradCheck.Options o, Function<Tensor[], Tensor> f,
      Tensor... inputs) {
    var r = GradCheck.check(f, o, inputs);
    assertTrue(r.ok(), label + ": " + r.report());
  }

  /** Asserts every value is finite. */
  public static void assertFinite(Tensor t, String label) {
    float[] v = t.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        fail(label + ": value " + v[i] + " at flat index " + i + " is not finite");
      }
    }
  }
}
