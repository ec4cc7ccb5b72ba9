package dev.lernwerk.nn.functional;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LinearOpTest {
  /** The composed oracle: x·Wᵀ + b with the generic ops. */
  private static Tensor composed(Tensor x, Tensor w, Tensor b) {
    Tensor y = x.matmul(w.t());
    return b == null ? y : y.add(b);
  }

  @Test
  void knownValuesByHand() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor w = Tensor.of(new float[] {1, 0, -1, 0.5f, 0.5f, 0.5f}, 2, 3);
    Tensor b = Tensor.of(new float[] {10, -1});
    // row 1: [1-3, 0.5+1+1.5] + b = [8, 2]; row 2: [4-6, 2+2.5+3] + b = [8, 6.5]
    assertArrayEquals(new float[] {8, 2, 8, 6.5f}, F.linear(x, w, b).toFloatArray());
    assertArrayEquals(new float[] {-2, 3, -2, 7.5f}, F.linear(x, w, null).toFloatArray());
  }

  @Test
  void fusedMatchesComposedInValuesAndGradients() {
    var gen = new Generator(7);
    int[][] shapes = {{5, 7}, {2, 3, 7}, {7}, {1, 7}};
    for (int[] xs : shapes) {
      for (boolean withBias : new boolean[] {true, false}) {
        Tensor x = Tensor.randn(gen, xs);
        Tensor w = Tensor.randn(gen, 4, 7);
        Tensor b = withBias ? Tensor.randn(gen, 4) : null;
        Tensor[] fused = grads(x, w, b, true);
        Tensor[] comp = grads(x, w, b, false);
        String label = java.util.Arrays.toString(xs) + " bias=" + withBias;
        for (int i = 0; i < fused.length; i++) {
          if (comp[i] == null) {
            assertNull(fused[i]);
          } else {
            assertClose(comp[i], fused[i], 1e-5, 1e-5, label + " #" + i);
          }
        }
      }
    }
  }

  /** Output and gradients of x, w, b (fused or composed) for a fixed upstream gradient. */
  private static Tensor[] grads(Tensor x0, Tensor w0, Tensor b0, boolean fused) {
    Tensor x = x0.clone().requiresGrad(true);
    Tensor w = w0.clone().requiresGrad(true);
    Tensor b = b0 == null ? null : b0.clone().requiresGrad(true);
    Tensor y = fused ? F.linear(x, w, b) : composed(x, w, b);
    Tensor g = Tensor.uniform(new Generator(3), -1, 1, y.shape());
    y.backward(g);
    return new Tensor[] {y, x.grad(), w.grad(), b == null ? null : b.grad()};
  }

  @Test
  void gradCheckIncludingNonContiguousInput() {
    var gen = new Generator(11);
    Tensor x = Tensor.randn(gen, 4, 3);
    Tensor w = Tensor.randn(gen, 2, 4);
    Tensor b = Tensor.randn(gen, 2);
    assertGrad("linear", in -> F.linear(in[0], in[1], in[2]), x.t().contiguous(), w, b);
    assertGrad("linear transposed input", in -> F.linear(in[0].t(), in[1], in[2]), x, w, b);
    assertGrad("linear 3-d", in -> F.linear(in[0], in[1], null), Tensor.randn(gen, 2, 2, 4), w);
  }

  @Test
  void onlyRequestedGradientsAreComputed() {
    var gen = new Generator(1);
    Tensor x = Tensor.randn(gen, 3, 4).requiresGrad(true);
    Tensor w = Tensor.randn(gen, 2, 4);
    Tensor b = Tensor.randn(gen, 2);
    F.linear(x, w, b).sum().backward();
    assertArrayEquals(new int[] {3, 4}, x.grad().shape());
    assertNull(w.grad());
    try (var g = Grad.disabled()) {
      assertTrue(F.linear(x, w, b).isLeaf(), "nothing recorded under no-grad");
    }
  }

  @Test
  void inPlaceChangeOfWeightBeforeBackwardIsDetected() {
    var lin = new Linear(3, 2, true, new Generator(0));
    Tensor y = lin.forward(Tensor.ones(1, 3)).sum();
    try (var g = Grad.disabled()) {
      lin.weight().mul_(2f);
    }
    var ex = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(ex.getMessage().contains("linear"), ex.getMessage());
  }

  @Test
  void shapeErrorsNameTheShapes() {
    var lin = new Linear(784, 64, true, new Generator(0));
    var ex = assertThrows(IllegalArgumentException.class, () -> lin.forward(Tensor.zeros(32, 785)));
    assertTrue(ex.getMessage().equals("Linear: expected input with last dim 784, got shape [32, 785]"),
        ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> F.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 3), Tensor.zeros(3)));
    assertTrue(ex.getMessage().contains("bias must have shape [4], got [3]"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> F.linear(Tensor.zeros(2, 3), Tensor.zeros(3), null));
    assertTrue(ex.getMessage().contains("weight must be (out, in)"), ex.getMessage());
  }
}
