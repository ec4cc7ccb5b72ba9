package dev.lernwerk.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AssertTest {
  private static final Tensor EXPECTED = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void passesWithinTolerance() {
    Tensor actual = Tensor.of(new float[] {1, 2, 3, 4, 5, 6.0000005f}, 2, 3);
    assertDoesNotThrow(() -> Assert.close("near", EXPECTED, actual, 1e-6, 0));
    assertDoesNotThrow(() -> Assert.close("rel", EXPECTED, actual, 0, 1e-6));
  }

  @Test
  void failureNamesLabelCountAndWorstPosition() {
    Tensor actual = Tensor.of(new float[] {1, 2, 3, 4, 5.5f, 6.1f}, 2, 3);
    AssertionError e =
        assertThrows(AssertionError.class, () -> Assert.close("my op", EXPECTED, actual, 1e-3, 0));
    String m = e.getMessage();
    assertTrue(m.startsWith("my op: 2 of 6 values differ"), m);
    assertTrue(m.contains("max abs diff 0.5000 at [1, 1] (expected 5.0, actual 5.5)"), m);
    assertTrue(m.contains("max rel diff 0.1000 at [1, 1]"), m);
    assertTrue(m.contains("shape [2, 3]"), m);
  }

  @Test
  void reportsFirstFailureWhenItIsNotTheWorst() {
    Tensor actual = Tensor.of(new float[] {1.1f, 2, 3, 4, 9, 6}, 2, 3);
    String m =
        assertThrows(AssertionError.class, () -> Assert.close("x", EXPECTED, actual, 1e-3, 0))
            .getMessage();
    assertTrue(m.contains("first failure at [0, 0] (expected 1.0, actual 1.1)"), m);
  }

  @Test
  void nanAndInfinityMatchOnlyThemselves() {
    Tensor e = Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1});
    assertDoesNotThrow(
        () -> Assert.close("same", e, Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1}),
            0, 0));
    assertThrows(AssertionError.class,
        () -> Assert.close("nan vs 0", e, Tensor.of(new float[] {0, Float.POSITIVE_INFINITY, 1}),
            1, 1));
    assertThrows(AssertionError.class,
        () -> Assert.close("inf vs -inf", e,
            Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 1}), 1, 1));
    assertThrows(AssertionError.class,
        () -> Assert.close("number vs nan", Tensor.of(new float[] {1}),
            Tensor.of(new float[] {Float.NaN}), 1e9, 1e9));
  }

  @Test
  void shapeMismatchIsReported() {
    String m =
        assertThrows(AssertionError.class,
                () -> Assert.close("shape", EXPECTED, EXPECTED.reshape(3, 2), 1, 1))
            .getMessage();
    assertEquals("shape: shape differs: expected [2, 3], actual [3, 2]", m);
    assertThrows(AssertionError.class,
        () -> Assert.close("count", new float[] {1, 2}, EXPECTED, 1, 1));
  }

  @Test
  void comparesNonContiguousTensorsByLogicalOrder() {
    Tensor t = Tensor.of(new float[] {1, 4, 2, 5, 3, 6}, 3, 2).t();
    assertDoesNotThrow(() -> Assert.close("transposed", EXPECTED, t, 0, 0));
    assertDoesNotThrow(() -> Assert.identical("transposed", EXPECTED, t));
  }

  @Test
  void identicalDistinguishesSignedZeroButNotNanPayloads() {
    float otherNan = Float.intBitsToFloat(0x7fc00001);
    assertDoesNotThrow(
        () -> Assert.identical("nan", new float[] {Float.NaN}, new float[] {otherNan}));
    String m =
        assertThrows(AssertionError.class,
                () -> Assert.identical("zero", new float[] {1, 0f}, new float[] {1, -0f}))
            .getMessage();
    assertTrue(m.contains("zero: 1 of 2 values are not bit-identical; first at [1]"), m);
  }

  @Test
  void diffCountsFailures() {
    Assert.Diff d = Assert.diff(new float[] {0, 1, 2}, new float[] {0, 1.5f, 2}, 0.1, 0);
    assertFalse(d.ok());
    assertEquals(1, d.failed());
    assertEquals(0.5, d.maxAbs(), 1e-12);
    assertEquals(1, d.maxAbsAt());
    assertTrue(Assert.diff(new float[0], new float[0], 0, 0).ok());
  }
}
