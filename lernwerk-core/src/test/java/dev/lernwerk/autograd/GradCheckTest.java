package dev.lernwerk.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The user-facing numerical gradient check must pass correct ops and catch wrong ones. */
class GradCheckTest {

  /** x³ whose backward forgets the factor 3. */
  static final class WrongCube extends Node {
    static Tensor apply(Tensor x) {
      Tensor y;
      try (var g = Grad.disabled()) {
        y = x.mul(x).mul(x);
      }
      if (shouldRecord(x)) {
        var n = new WrongCube();
        n.save(x.detach());
        n.record(y, x);
      }
      return y;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor x = saved(0);
      return new Tensor[] {g.mul(x.mul(x))};
    }
  }

  @Test
  void passesCorrectGradients() {
    Generator gen = new Generator(3);
    var r = GradCheck.check(in -> in[0].mul(in[1]).sum(1, false), Tensor.randn(gen, 3, 4),
        Tensor.randn(gen, 4));
    assertTrue(r.ok(), r.report());
    assertTrue(r.maxAbsError() < 1e-3, r.report());
    assertTrue(r.report().startsWith("gradcheck passed: max abs error"), r.report());
  }

  @Test
  void catchesAWrongGradient() {
    var r = GradCheck.check(in -> WrongCube.apply(in[0]), Tensor.of(new float[] {1, -2, 0.5f}));
    assertFalse(r.ok());
    assertTrue(r.report().startsWith("gradcheck FAILED"), r.report());
    assertTrue(r.report().contains("worst: input 0 at [1]"), r.report());
    assertTrue(r.maxAbsError() > 1, r.report());
  }

  @Test
  void catchesAMissingGradient() {
    // an op that silently drops the gradient of its second input
    var r = GradCheck.check(in -> in[0].add(in[1].detach()), Tensor.ones(2), Tensor.ones(2));
    assertFalse(r.ok(), r.report());
    assertTrue(r.worst().startsWith("input 1"), r.worst());
  }

  @Test
  void worksOnNonContiguousInputsAndLeavesThemUntouched() {
    Tensor base = Tensor.randn(new Generator(4), 4, 6);
    Tensor view = base.t().slice(0, 0, 6, 2); // (3, 4), strided
    float[] before = base.toFloatArray();
    var r = GradCheck.check(in -> in[0].exp().sum(0, true), view);
    assertTrue(r.ok(), r.report());
    assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(base.toFloatArray()),
        "the caller's storage is never perturbed");
    assertFalse(view.requiresGrad(), "the caller's tensor is not switched to requiresGrad");
  }

  @Test
  void integerInputsAreConstants() {
    Tensor idx = Tensor.ofInts(new int[] {2, 0}, 2, 1);
    var r = GradCheck.check(in -> in[0].gather(1, in[1]), Tensor.randn(new Generator(1), 2, 3), idx);
    assertTrue(r.ok(), r.report());
  }

  @Test
  void rejectsNonLeavesAndOverlappingInputs() {
    Tensor w = Tensor.ones(2).requiresGrad(true);
    assertEquals("GradCheck: input 0 must be a leaf tensor (detach() it first)",
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in[0], w.mul(2f)))
            .getMessage());
    Tensor expanded = Tensor.ones(3, 1).expand(3, 4);
    String m = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(in -> in[0].sum(), expanded)).getMessage();
    assertEquals("GradCheck: input 0 of shape [3, 4] with strides [1, 0] has elements that share"
        + " memory (e.g. an expand() view); pass the smaller tensor and expand it inside the"
        + " function", m);
    // the supported way: expand inside the function
    var r = GradCheck.check(in -> in[0].expand(3, 4).mul(Tensor.arange(4)), Tensor.ones(3, 1));
    assertTrue(r.ok(), r.report());
  }

  @Test
  void overlapDetection() {
    assertFalse(GradCheck.overlaps(new int[] {2, 3}, new int[] {3, 1}));
    assertFalse(GradCheck.overlaps(new int[] {2, 3}, new int[] {1, 2}));
    assertFalse(GradCheck.overlaps(new int[] {1, 3}, new int[] {0, 1}), "size-1 dims never overlap");
    assertFalse(GradCheck.overlaps(new int[] {3, 2}, new int[] {2, 7}), "gaps are fine");
    assertTrue(GradCheck.overlaps(new int[] {2, 3}, new int[] {0, 1}));
    assertTrue(GradCheck.overlaps(new int[] {2, 3}, new int[] {2, 1}), "rows overlap");
    assertFalse(GradCheck.overlaps(new int[] {0, 3}, new int[] {0, 0}), "empty");
  }

  @Test
  void optionsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new GradCheck.Options(0, 1e-3, 1e-3));
    assertThrows(IllegalArgumentException.class, () -> new GradCheck.Options(1e-3, -1, 1e-3));
    var strict = new GradCheck.Options(1e-3, 0, 0);
    assertFalse(GradCheck.check(in -> in[0].exp(), strict, Tensor.ones(2)).ok(),
        "zero tolerance never passes float32 central differences");
  }
}
