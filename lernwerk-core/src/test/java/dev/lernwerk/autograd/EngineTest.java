package dev.lernwerk.autograd;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reverse-mode engine: accumulation, errors, retained graphs, version checks, grad mode. */
class EngineTest {

  private static Tensor leaf(float... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  @Test
  void gradientsAccumulateUntilZeroGrad() {
    Tensor w = leaf(1, 2, 3);
    w.mul(w).sum().backward(); // d/dw Σ w² = 2w
    close("first backward", new float[] {2, 4, 6}, w.grad(), 0, 0);
    w.mul(3f).sum().backward();
    close("accumulated", new float[] {5, 7, 9}, w.grad(), 0, 0);
    w.zeroGrad();
    assertNull(w.grad());
    w.sum().backward();
    close("after zeroGrad", new float[] {1, 1, 1}, w.grad(), 0, 0);
  }

  @Test
  void accumulatedGradientIsOwnedByTheLeaf() {
    Tensor w = leaf(1, 2);
    Tensor g = Tensor.of(new float[] {5, 6});
    w.mul(1f).backward(g);
    w.mul(1f).backward(g);
    close("the caller's gradient is not modified", new float[] {5, 6}, g, 0, 0);
    close("sum of both", new float[] {10, 12}, w.grad(), 0, 0);
  }

  @Test
  void backwardOnNonScalarNeedsAGradient() {
    Tensor x = Tensor.ones(2, 3).requiresGrad(true);
    Tensor y = x.mul(2f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
    assertEquals("backward: called without a gradient on a tensor of shape [2, 3]; implicit"
        + " gradients exist only for one-element (scalar) outputs: reduce it first (e.g."
        + " y.sum().backward()) or pass one: y.backward(gradient) with a gradient of shape [2, 3]",
        e.getMessage());
    y.backward(Tensor.full(0.5f, 2, 3));
    close("vector-Jacobian product", Tensor.ones(2, 3), x.grad(), 0, 0);
    Tensor one = Tensor.ones(1, 1).requiresGrad(true);
    one.mul(4f).backward();
    close("a one-element non-scalar needs no gradient", new float[] {4}, one.grad(), 0, 0);
  }

  @Test
  void backwardWithWrongGradientShape() {
    Tensor x = Tensor.ones(2, 3).requiresGrad(true);
    Tensor y = x.mul(2f);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3, 2)));
    assertEquals("backward: gradient shape [3, 2] does not match the tensor's shape [2, 3]",
        e.getMessage());
  }

  @Test
  void backwardOnTensorWithoutGrad() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Tensor.ones(2).sum().backward());
    assertTrue(e.getMessage().startsWith("backward: the tensor of shape [] does not require grad"),
        e.getMessage());
  }

  @Test
  void secondBackwardNeedsRetainGraph() {
    Tensor x = leaf(1, 2);
    Tensor y = x.exp().sum();
    y.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("trying to run backward through the graph a second time"),
        e.getMessage());
    assertTrue(e.getMessage().contains("backward(gradient, true)"), e.getMessage());
    Tensor z = leaf(1, 2);
    Tensor l = z.exp().sum();
    l.backward(Tensor.scalar(1f), true);
    l.backward(Tensor.scalar(1f), true);
    l.backward();
    float e1 = (float) Math.E;
    close("three walks of a retained graph", new float[] {3 * e1, (float) (3 * Math.exp(2))},
        z.grad(), 0, 1e-6);
  }

  @Test
  void inPlaceChangeOfASavedTensorIsDetected() {
    Tensor w = leaf(1, 2, 3);
    Tensor x = Tensor.of(new float[] {4, 5, 6});
    Tensor y = w.mul(x).sum();
    x.add_(1f); // x was saved by mul for d/dw
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertEquals("mul: a tensor of shape [3] saved for backward was modified by an in-place"
        + " operation (its version is 1, it was saved at version 0); use an out-of-place op (e.g."
        + " add instead of add_) or clone() before changing it", e.getMessage());
    Tensor a = leaf(0.5f);
    Tensor out = a.exp();
    try (var g = Grad.disabled()) {
      out.mul_(2f); // exp saved its output
    }
    String m = assertThrows(IllegalStateException.class, () -> out.sum().backward()).getMessage();
    assertTrue(m.startsWith("exp: a tensor of shape [1] saved for backward was modified"), m);
    Tensor b = leaf(1, 2);
    Tensor c = b.add(Tensor.ones(2)); // add saves nothing: in-place changes are harmless
    Tensor ones = Tensor.ones(2);
    Tensor d = b.add(ones).sum();
    ones.mul_(3f);
    d.backward();
    close("add saved nothing", new float[] {1, 1}, b.grad(), 0, 0);
    assertNotNull(c);
  }

  @Test
  void inPlaceOnLeafRequiringGrad() {
    Tensor w = leaf(1, 2);
    assertThrows(IllegalStateException.class, () -> w.add_(1f));
    try (var g = Grad.disabled()) {
      w.add_(1f);
    }
    close("allowed under Grad.disabled", new float[] {2, 3}, w, 0, 0);
  }

  @Test
  void gradScopesNestAndRestore() {
    assertTrue(Grad.isEnabled());
    Tensor w = leaf(1);
    try (var a = Grad.disabled()) {
      assertFalse(Grad.isEnabled());
      assertFalse(w.mul(2f).requiresGrad(), "nothing recorded");
      assertNull(w.mul(2f).gradFn());
      try (var b = Grad.enabled()) {
        assertTrue(Grad.isEnabled());
        assertTrue(w.mul(2f).requiresGrad());
        try (var c = Grad.disabled()) {
          assertFalse(Grad.isEnabled());
        }
        assertTrue(Grad.isEnabled());
      }
      assertFalse(Grad.isEnabled());
      a.close();
      assertTrue(Grad.isEnabled());
      a.close(); // closing twice is harmless
      assertTrue(Grad.isEnabled());
    }
    assertTrue(Grad.isEnabled());
  }

  @Test
  void gradModeIsThreadLocal() throws Exception {
    CountDownLatch disabled = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
      try {
        disabled.await(10, TimeUnit.SECONDS);
        boolean on = Grad.isEnabled() && leaf(1).mul(2f).requiresGrad();
        checked.countDown();
        return on;
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    });
    try (var g = Grad.disabled()) {
      disabled.countDown();
      assertTrue(checked.await(10, TimeUnit.SECONDS));
      assertFalse(Grad.isEnabled());
    }
    assertTrue(other.get(10, TimeUnit.SECONDS), "another thread still records");
    CompletableFuture<Boolean> off = CompletableFuture.supplyAsync(() -> {
      try (var g = Grad.disabled()) {
        return Grad.isEnabled();
      }
    });
    assertFalse(off.get(10, TimeUnit.SECONDS));
    assertTrue(Grad.isEnabled(), "a no-grad scope on another thread does not leak here");
  }

  @Test
  void detachCutsTheGraph() {
    Tensor w = leaf(1, 2);
    Tensor d = w.mul(3f).detach();
    assertFalse(d.requiresGrad());
    assertTrue(d.isLeaf());
    Tensor y = w.mul(d).sum(); // d is a constant: dy/dw = d
    y.backward();
    close("through the detached factor nothing flows", new float[] {3, 6}, w.grad(), 0, 0);
    Tensor dw = w.detach();
    assertSame(w.storage(), dw.storage(), "detach shares storage");
    assertFalse(dw.requiresGrad());
  }

  @Test
  void gradientWithRespectToInputs() {
    // saliency: d loss / d x for a fixed linear model
    Tensor wt = Tensor.of(new float[] {1, -2, 3, 0.5f, 1, -1}, 3, 2);
    Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 1, 3).requiresGrad(true);
    Tensor loss = x.matmul(wt).square().sum();
    loss.backward();
    // y = x·W = [0.1 - 0.4·... ] computed by hand: y0 = 0.1·1 + 0.2·3 + 0.3·1 = 1.0,
    // y1 = 0.1·(-2) + 0.2·0.5 + 0.3·(-1) = -0.4; dL/dx = 2y·Wᵀ
    close("d loss / d x", new float[] {2 * 1.0f * 1 + 2 * -0.4f * -2, 2 * 1.0f * 3 + 2 * -0.4f * 0.5f,
        2 * 1.0f * 1 + 2 * -0.4f * -1}, x.grad(), 1e-6, 1e-6);
    assertNull(wt.grad(), "W does not require grad");
    // "change the input to change the output": one gradient step lowers the loss
    Tensor x2;
    try (var g = Grad.disabled()) {
      x2 = x.detach().sub(x.grad().mul(0.05f));
    }
    assertTrue(x2.matmul(wt).square().sum().item() < loss.item());
  }

  @Test
  void retainGradOnIntermediate() {
    Tensor x = leaf(1, 2, 3);
    Tensor h = x.mul(2f).retainGrad();
    Tensor y = h.square().sum();
    Tensor k = x.add(1f); // not retained
    k.sum().add(y).backward();
    close("dy/dh = 2h", new float[] {4, 8, 12}, h.grad(), 0, 0);
    assertNull(k.grad(), "non-leaves do not keep their gradient by default");
    close("dy/dx", new float[] {9, 17, 25}, x.grad(), 0, 0);
    assertTrue(h.retainsGrad());
    assertThrows(IllegalStateException.class, () -> Tensor.ones(2).retainGrad());
  }

  @Test
  void longChainBackwardDoesNotOverflowTheStack() {
    Tensor x = leaf(0.5f);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(1f);
    }
    y.sum().backward();
    close("d/dx of x + 100000", new float[] {1}, x.grad(), 0, 0);
    assertEquals(100_000.5f, y.item());
  }

  @Test
  void diamondGraphsSumGradients() {
    Tensor x = leaf(2, 3);
    Tensor a = x.mul(3f);
    Tensor b = x.square();
    Tensor y = a.add(b).mul(a).sum(); // y = (3x + x²)·3x = 9x² + 3x³
    y.backward();
    close("d/dx (9x² + 3x³) = 18x + 9x²", new float[] {18 * 2 + 9 * 4, 18 * 3 + 9 * 9}, x.grad(), 0,
        1e-6);
    Tensor z = leaf(1.5f);
    z.mul(z).mul(z).backward(); // z used three times
    close("d z³", new float[] {3 * 1.5f * 1.5f}, z.grad(), 0, 1e-7);
  }

  @Test
  void requiresGradSwitch() {
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofInts(new int[] {1}).requiresGrad(true));
    assertThrows(IllegalArgumentException.class,
        () -> Tensor.ofBools(new boolean[] {true}).requiresGrad(true));
    Tensor w = leaf(1, 2);
    Tensor frozen = Tensor.of(new float[] {3, 4}).requiresGrad(true).requiresGrad(false);
    Tensor y = w.mul(frozen).sum();
    y.backward();
    assertNull(frozen.grad(), "a frozen parameter gets no gradient");
    close("the other one does", new float[] {3, 4}, w.grad(), 0, 0);
    Tensor r = w.mul(2f);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.requiresGrad(false));
    assertTrue(e.getMessage().contains("use detach()"), e.getMessage());
    assertFalse(Tensor.ones(2).add(Tensor.ones(2)).requiresGrad(), "no input requires grad");
    assertTrue(w.isLeaf());
    assertFalse(r.isLeaf());
    assertEquals("mul", r.gradFn().name());
  }

  @Test
  void setGradChecksShape() {
    Tensor w = leaf(1, 2);
    w.setGrad(Tensor.ones(2));
    close("set", new float[] {1, 1}, w.grad(), 0, 0);
    assertEquals("setGrad: gradient shape [3] does not match tensor shape [2]",
        assertThrows(IllegalArgumentException.class, () -> w.setGrad(Tensor.ones(3))).getMessage());
    w.setGrad(null);
    assertNull(w.grad());
  }

  @Test
  void backwardFreesSavedTensorsAndSkipsUnneededBranches() {
    Tensor w = leaf(1, 2);
    Tensor c = Tensor.randn(new Generator(0), 2); // no grad needed
    Tensor y = w.mul(c).add(c.exp()).sum();
    y.backward();
    assertNull(c.grad());
    assertThrows(IllegalStateException.class, y::backward, "the graph was freed");
  }

  @Test
  void customNodeFromTheJavadoc() {
    Tensor x = leaf(1, -2, 0.5f);
    Cube.apply(x).sum().backward();
    close("3x²", new float[] {3, 12, 0.75f}, x.grad(), 0, 0);
    assertTrue(GradCheck.check(in -> Cube.apply(in[0]), Tensor.of(new float[] {0.3f, -1.2f})).ok());
  }

  /** The example of {@link Node}'s documentation. */
  static final class Cube extends Node {
    static Tensor apply(Tensor x) {
      Tensor y;
      try (var g = Grad.disabled()) {
        y = x.mul(x).mul(x);
      }
      if (shouldRecord(x)) {
        var n = new Cube();
        n.save(x.detach());
        n.record(y, x);
      }
      return y;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor x = saved(0);
      return new Tensor[] {g.mul(x.mul(x).mul(3f))};
    }
  }

  @Test
  void wrongGradientShapeFromANodeIsReported() {
    Tensor x = leaf(1, 2);
    Tensor y;
    try (var g = Grad.disabled()) {
      y = x.mul(2f);
    }
    new Node() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      protected Tensor[] backward(Tensor g) {
        return new Tensor[] {Tensor.ones(3)};
      }
    }.record(y, x);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertEquals("broken: backward returned a gradient of shape [3] for input 0 of shape [2]",
        e.getMessage());
  }
}
