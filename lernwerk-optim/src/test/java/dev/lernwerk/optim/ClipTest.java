package dev.lernwerk.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipTest {
  private static Tensor withGrad(float[] grad) {
    Tensor p = Tensor.zeros(grad.length).requiresGrad(true);
    p.setGrad(Tensor.of(grad, grad.length));
    return p;
  }

  @Test
  void twoNormClipsAllGradientsTogether() {
    Tensor a = withGrad(new float[] {3, 4});
    Tensor b = withGrad(new float[] {12});
    Tensor none = Tensor.zeros(2).requiresGrad(true);
    double total = Clip.gradNorm(List.of(a, b, none), 6.5);
    assertEquals(13.0, total, 1e-12);
    double coef = 6.5 / (13 + 1e-6);
    assertArrayEquals(new float[] {(float) (3 * coef), (float) (4 * coef)}, a.grad().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {(float) (12 * coef)}, b.grad().toFloatArray(), 1e-6f);
    assertEquals(6.5, Clip.totalNorm(List.of(a, b), 2), 1e-5);
    assertNull(none.grad());
  }

  @Test
  void belowTheBoundNothingChanges() {
    Tensor a = withGrad(new float[] {3, 4});
    int v = a.grad().storage().version();
    assertEquals(5.0, Clip.gradNorm(List.of(a), 5.0001), 1e-12);
    assertArrayEquals(new float[] {3, 4}, a.grad().toFloatArray());
    assertEquals(v, a.grad().storage().version());
  }

  @Test
  void infinityAndOtherNorms() {
    Tensor a = withGrad(new float[] {1, -7, 2});
    Tensor b = withGrad(new float[] {-3});
    assertEquals(7.0, Clip.totalNorm(List.of(a, b), Double.POSITIVE_INFINITY), 0.0);
    assertEquals(13.0, Clip.totalNorm(List.of(a, b), 1), 1e-12);
    assertEquals(Math.pow(1 + 343 + 8 + 27, 1 / 3.0), Clip.totalNorm(List.of(a, b), 3), 1e-12);
    double total = Clip.gradNorm(List.of(a, b), 3.5, Double.POSITIVE_INFINITY);
    assertEquals(7.0, total, 0.0);
    float c = (float) (3.5 / (7 + 1e-6));
    assertArrayEquals(new float[] {c, -7 * c, 2 * c}, a.grad().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {-3 * c}, b.grad().toFloatArray(), 1e-6f);
  }

  @Test
  void nonFiniteNorms() {
    Tensor a = withGrad(new float[] {1, Float.NaN});
    var e = assertThrows(ArithmeticException.class,
        () -> Clip.gradNorm(List.of(a), 1.0, 2.0, true));
    assertEquals("Clip.gradNorm: the total 2.0-norm of the gradients is NaN; pass"
        + " errorIfNonfinite=false to clip anyway", e.getMessage());
    assertTrue(Double.isNaN(Clip.gradNorm(List.of(a), 1.0)));
    assertEquals(1f, a.grad().toFloatArray()[0]); // NaN total: left alone
    assertTrue(Double.isNaN(Clip.totalNorm(List.of(a), Double.POSITIVE_INFINITY)));
    Tensor b = withGrad(new float[] {Float.POSITIVE_INFINITY, 2});
    assertThrows(ArithmeticException.class,
        () -> Clip.gradNorm(List.of(b), 1.0, Double.POSITIVE_INFINITY, true));
  }

  @Test
  void clipByValue() {
    Tensor a = withGrad(new float[] {-3, 0.5f, 2, -0.1f});
    Clip.gradValue(List.of(a), 1.0);
    assertArrayEquals(new float[] {-1, 0.5f, 1, -0.1f}, a.grad().toFloatArray());
    var e = assertThrows(IllegalArgumentException.class, () -> Clip.gradValue(List.of(a), -1));
    assertEquals("Clip.gradValue: invalid clipValue: -1.0 (expected >= 0)", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> Clip.totalNorm(List.of(a), 0));
    assertEquals("Clip: invalid norm type: 0.0 (expected p > 0 or Double.POSITIVE_INFINITY)",
        e2.getMessage());
  }

  @Test
  void maxNormConstraintPerRowAndPerColumn() {
    Tensor w = Tensor.of(new float[] {3, 4, 0, 0.6f, 0, 0.8f}, 2, 3).requiresGrad(true);
    Constraints.maxNorm(w, 2.0, 0); // row norms 5 and 1
    float s = (float) (2.0 / (5 + 1e-7));
    assertArrayEquals(new float[] {3 * s, 4 * s, 0, 0.6f, 0, 0.8f}, w.toFloatArray(), 1e-6f);
    Tensor v = Tensor.of(new float[] {3, 1, 4, 1}, 2, 2);
    Constraints.maxNorm(v, 2.0, 1); // column norms 5 and √2
    float t = (float) (2.0 / (5 + 1e-7));
    assertArrayEquals(new float[] {3 * t, 1, 4 * t, 1}, v.toFloatArray(), 1e-6f);
    Tensor b = Tensor.of(new float[] {-5, 1}, 2);
    Constraints.maxNorm(b, 2.0, 0);
    assertArrayEquals(new float[] {-2, 1}, b.toFloatArray(), 1e-6f);
    var e = assertThrows(IllegalArgumentException.class, () -> Constraints.maxNorm(v, 1, 2));
    assertEquals("Constraints.maxNorm: dim 2 out of range for a weight of shape [2, 2]",
        e.getMessage());
  }
}
