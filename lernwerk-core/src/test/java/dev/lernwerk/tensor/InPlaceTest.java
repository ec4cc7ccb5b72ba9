package dev.lernwerk.tensor;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.autograd.Grad;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** In-place updates (for optimizers): values, views, versions and the grad-mode guard. */
class InPlaceTest {

  private static Tensor m() {
    return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
  }

  @Test
  void knownValues() {
    Tensor row = Tensor.of(new float[] {10, 20, 30});
    close("add_ broadcast", new float[] {11, 22, 33, 14, 25, 36}, m().add_(row), 0, 0);
    close("add_ alpha", new float[] {-4, -8, -12, -1, -5, -9}, m().add_(row, -0.5f), 0, 0);
    close("add_ alpha same shape", new float[] {3, 6, 9, 12, 15, 18}, m().add_(m(), 2f), 0, 0);
    close("add_ value", new float[] {2, 3, 4, 5, 6, 7}, m().add_(1f), 0, 0);
    close("sub_", new float[] {-9, -18, -27, -6, -15, -24}, m().sub_(row), 0, 0);
    close("mul_", new float[] {10, 40, 90, 40, 100, 180}, m().mul_(row), 0, 0);
    close("mul_ value", new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, m().mul_(0.5f), 0, 0);
    close("div_", new float[] {0.1f, 0.1f, 0.1f, 0.4f, 0.25f, 0.2f}, m().div_(row), 0, 0);
    close("clamp_", new float[] {2, 2, 3, 4, 4, 4}, m().clamp_(2, 4), 0, 0);
    close("copy_ broadcast", new float[] {10, 20, 30, 10, 20, 30}, m().copy_(row), 0, 0);
    close("copy_ from int", new float[] {7, 7, 7, 7, 7, 7}, m().copy_(Tensor.ofInts(new int[] {7}, 1, 1)),
        0, 0);
    close("fill_", new float[] {3, 3, 3, 3, 3, 3}, m().fill_(3), 0, 0);
    close("zero_", new float[6], m().zero_(), 0, 0);
    Tensor x = m();
    assertSame(x, x.add_(1f), "in-place ops return this");
    Tensor ints = Tensor.ofInts(new int[] {1, 2});
    ints.fill_(5);
    assertEquals(5, ints.getInt(1));
    ints.copy_(Tensor.of(new float[] {2.7f, -1.2f}));
    assertEquals(-1, ints.getInt(1));
  }

  @Test
  void throughNonContiguousViews() {
    UnaryOperator<Tensor> viewOf = b -> b.t(); // (3, 2) view of a (2, 3) base
    Tensor b = m();
    viewOf.apply(b).add_(Tensor.of(new float[] {100, 200}));
    close("add_ on a transposed view", new float[] {101, 102, 103, 204, 205, 206}, b, 0, 0);
    Tensor c = m();
    c.slice(1, 0, 3, 2).mul_(-1f);
    close("mul_ on a stepped slice", new float[] {-1, 2, -3, -4, 5, -6}, c, 0, 0);
    Tensor d = m();
    d.narrow(1, 1, 2).fill_(0);
    close("fill_ on a narrow", new float[] {1, 0, 0, 4, 0, 0}, d, 0, 0);
    Tensor e = m();
    e.select(1, 2).copy_(Tensor.of(new float[] {-7, -8}));
    close("copy_ into a column", new float[] {1, 2, -7, 4, 5, -8}, e, 0, 0);
    Tensor f = m();
    f.narrow(0, 1, 1).clamp_(0, 4.5f);
    close("clamp_ with an offset", new float[] {1, 2, 3, 4, 4.5f, 4.5f}, f, 0, 0);
    Tensor g = m();
    g.t().add_(m().t(), 10f);
    close("add_ alpha on views", new float[] {11, 22, 33, 44, 55, 66}, g, 0, 0);
    Tensor h = m();
    h.narrow(0, 1, 1).add_(Tensor.ones(1, 3), 2f);
    close("axpy on an offset block", new float[] {1, 2, 3, 6, 7, 8}, h, 0, 0);
  }

  @Test
  void everyWriteBumpsTheVersion() {
    Tensor x = m();
    int v = x.storage().version();
    x.add_(1f);
    x.add_(x.detach());
    x.add_(x.detach(), 2f);
    x.sub_(x.detach());
    x.mul_(2f);
    x.mul_(x.detach());
    x.div_(Tensor.scalar(2f));
    x.clamp_(0, 1);
    x.copy_(Tensor.zeros(3));
    x.fill_(1);
    x.zero_();
    x.set(1, 0, 0);
    x.uniform_(new Generator(0), 0, 1);
    x.normal_(new Generator(0), 0, 1);
    assertEquals(v + 14, x.storage().version());
  }

  @Test
  void refusedOnTensorsRecordedForGrad() {
    Tensor w = Tensor.ones(3).requiresGrad(true);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.add_(1f));
    assertEquals("add_: in-place change of a tensor that requires grad (a leaf) while gradients are"
        + " recorded; do it inside try (var g = Grad.disabled()) { … } or use the out-of-place op",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> w.mul_(2f));
    assertThrows(IllegalStateException.class, () -> w.copy_(Tensor.zeros(3)));
    assertThrows(IllegalStateException.class, () -> w.zero_());
    assertThrows(IllegalStateException.class, () -> w.set(0, 0));
    Tensor y = w.mul(2f);
    String m = assertThrows(IllegalStateException.class, () -> y.sub_(Tensor.ones(3))).getMessage();
    assertTrue(m.startsWith("sub_: in-place change of a tensor that requires grad (the result of"
        + " mul)"), m);
    close("unchanged after refusal", new float[] {1, 1, 1}, w, 0, 0);
    try (var g = Grad.disabled()) {
      w.add_(Tensor.ones(3), -0.5f); // an SGD step
      w.mul_(2f);
    }
    close("allowed under Grad.disabled", new float[] {1, 1, 1}, w, 0, 0);
    assertTrue(w.requiresGrad());
    Tensor plain = Tensor.ones(2);
    plain.add_(1f);
    close("no grad needed: allowed", new float[] {2, 2}, plain, 0, 0);
  }

  @Test
  void overlappingSourceAndTargetGiveTheOutOfPlaceResult() {
    Tensor x = Tensor.arange(9).reshape(3, 3);
    Tensor want = x.add(x.t());
    x.add_(x.t());
    close("x.add_(x.t())", want, x, 0, 0);
    Tensor y = Tensor.arange(9).reshape(3, 3);
    Tensor wantAxpy = y.add(y.t().mul(2f));
    y.add_(y.t(), 2f);
    close("x.add_(x.t(), 2)", wantAxpy, y, 0, 0);
    Tensor z = Tensor.arange(6);
    z.narrow(0, 1, 5).copy_(z.narrow(0, 0, 5)); // shift right by one
    close("overlapping copy_", new float[] {0, 0, 1, 2, 3, 4}, z, 0, 0);
    Tensor w = Tensor.arange(6);
    w.narrow(0, 0, 5).add_(w.narrow(0, 1, 5));
    close("overlapping add_", new float[] {1, 3, 5, 7, 9, 5}, w, 0, 0);
    Tensor q = Tensor.arange(4);
    q.mul_(q);
    close("same view: elementwise", new float[] {0, 1, 4, 9}, q, 0, 0);
  }

  @Test
  void rejectsIntegerTargetsForArithmetic() {
    Tensor i = Tensor.ofInts(new int[] {1, 2});
    assertEquals("add_: expected a float32 tensor, got int32",
        assertThrows(IllegalArgumentException.class, () -> i.add_(1f)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> i.mul_(Tensor.ones(2)));
  }
}
