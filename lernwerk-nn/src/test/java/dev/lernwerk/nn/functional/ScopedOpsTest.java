package dev.lernwerk.nn.functional;

import dev.lernwerk.nn.loss.Reduction;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.ScopeCheck;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused layer ops give the same bits inside a {@link dev.lernwerk.tensor.TensorScope}, where
 * their results and gradients come from recycled (NaN-filled) arrays, as outside one.
 */
class ScopedOpsTest {
  private static final int N = 32;
  private static final int IN = 40;
  private static final int OUT = 24;

  private static Tensor[] inputs() {
    Generator g = new Generator(5);
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 4 == 0 ? -100 : i % OUT; // every fourth row ignored
    }
    return new Tensor[] {
      Tensor.randn(g, N, IN).requiresGrad(true),
      Tensor.randn(g, OUT, IN).requiresGrad(true),
      Tensor.randn(g, OUT).requiresGrad(true),
      Tensor.ofInts(labels, N),
      Tensor.randn(g, N, OUT).softmax(1).requiresGrad(true)
    };
  }

  private static void check(String name, Function<Tensor[], Tensor> op) {
    ScopeCheck.sameInsideScopes(name, () -> ScopeCheck.valuesAndGrads(op, ScopedOpsTest::inputs));
  }

  @Test
  void linear() {
    check("linear with bias", in -> F.linear(in[0], in[1], in[2]));
    check("linear without bias", in -> F.linear(in[0], in[1], null));
    check("linear over no rows", in -> F.linear(in[0].narrow(0, 0, 0), in[1], in[2]).sum());
  }

  @Test
  void activations() {
    check("gelu", in -> F.gelu(in[0]));
    check("gelu tanh", in -> F.gelu(in[0], true));
    check("silu", in -> F.silu(in[0]));
    check("mish", in -> F.mish(in[0]));
    check("elu", in -> F.elu(in[0], 0.7));
    check("hardtanh", in -> F.hardtanh(in[0], -0.5, 0.5));
  }

  @Test
  void crossEntropy() {
    check("labels with ignored rows", in -> F.crossEntropy(
        F.linear(in[0], in[1], in[2]), in[3], null, -100, Reduction.MEAN, 0.1));
    check("per-row losses", in -> F.crossEntropy(
        F.linear(in[0], in[1], in[2]), in[3], null, -100, Reduction.NONE, 0));
    check("probability targets", in -> F.crossEntropy(
        F.linear(in[0], in[1], in[2]), in[4], null, -100, Reduction.SUM, 0.2));
  }
}
