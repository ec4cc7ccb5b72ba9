package dev.lernwerk.nn.functional;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The fused activations against their compositions. */
class ActivationOpTest {
  private static Map<String, UnaryOperator<Tensor>[]> pairs() {
    Map<String, UnaryOperator<Tensor>[]> m = new LinkedHashMap<>();
    m.put("gelu", ops(F::gelu, CompositeActivations::gelu));
    m.put("geluTanh", ops(x -> F.gelu(x, true), CompositeActivations::geluTanh));
    m.put("silu", ops(F::silu, CompositeActivations::silu));
    m.put("mish", ops(F::mish, CompositeActivations::mish));
    m.put("elu", ops(x -> F.elu(x, 0.7), x -> CompositeActivations.elu(x, 0.7)));
    m.put("selu", ops(F::selu, CompositeActivations::selu));
    m.put("hardtanh", ops(x -> F.hardtanh(x, -1.5, 2), x -> CompositeActivations.hardtanh(x, -1.5f, 2)));
    return m;
  }

  @SafeVarargs
  @SuppressWarnings("varargs")
  private static UnaryOperator<Tensor>[] ops(UnaryOperator<Tensor>... f) {
    return f;
  }

  @Test
  void fusedMatchesComposedInValuesAndGradients() {
    var gen = new Generator(3);
    Tensor x = Tensor.cat(java.util.List.of(Tensor.randn(gen, 500).mul(3f),
        Tensor.linspace(-12, 12, 97), Tensor.of(new float[] {-1e4f, -50f, -1.5f, 0f, 2f, 50f, 1e4f})),
        0);
    Tensor g = Tensor.uniform(gen, -1, 1, x.shape());
    for (var e : pairs().entrySet()) {
      Tensor a = x.clone().requiresGrad(true);
      Tensor b = x.clone().requiresGrad(true);
      Tensor ya = e.getValue()[0].apply(a);
      Tensor yb = e.getValue()[1].apply(b);
      assertClose(yb, ya, 1e-6, 2e-6, e.getKey() + " value");
      ya.backward(g);
      yb.backward(g);
      assertClose(b.grad(), a.grad(), 1e-6, 2e-6, e.getKey() + " grad");
    }
  }

  @Test
  void gradCheckOnNonContiguousInput() {
    Tensor x = Tensor.randn(new Generator(4), 4, 3).mul(2f);
    for (var e : pairs().entrySet()) {
      var f = e.getValue()[0];
      assertGrad(e.getKey(), in -> f.apply(in[0].t()), x);
    }
  }

  @Test
  void erfcIsAccurateInTheTails() {
    // reference values of erfc
    assertEquals(1.0, ActivationOp.erfc(0), 1e-7);
    assertEquals(0.1572992070502851, ActivationOp.erfc(1), 1e-7 * 0.157);
    assertEquals(1.5374597944280349e-12, ActivationOp.erfc(5), 1.2e-7 * 1.54e-12);
    assertEquals(2 - 0.004677734981047266, ActivationOp.erfc(-2), 1e-7);
  }
}
