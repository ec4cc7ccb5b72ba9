package dev.lernwerk.nn.functional;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
      Tensor.randn(g, N, OUT).softmax(1).requiresGrad(true),
      Tensor.randn(g, IN).requiresGrad(true),
      Tensor.ofInts(new int[] {1, 0, 5, 5, 23, 2, 0, 7, 9, 11, 3, 3, 3, 17, 0, 22}, 2, 8),
      Tensor.rand(g, N, IN).mul(0.98f).add(0.01f).requiresGrad(true),
      Tensor.rand(g, N, IN).requiresGrad(true),
      Tensor.randn(g, 4, IN, 6).requiresGrad(true)
    };
  }

  private static void check(String name, Function<Tensor[], Tensor> op) {
    long pooled = ScopeCheck.sameInsideScopes(
        name, () -> ScopeCheck.valuesAndGrads(op, ScopedOpsTest::inputs));
    assertTrue(pooled > 0, name + ": nothing went through the scope's pool");
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
  void norms() {
    check("batch norm, training", in -> F.batchNorm(in[0], Tensor.zeros(IN), Tensor.ones(IN),
        in[5], in[5].mul(0.5f), true, 0.1, 1e-5));
    check("batch norm (N, C, L), training", in -> F.batchNorm(in[9], null, null, null, null, true,
        0.1, 1e-5));
    check("batch norm, eval", in -> F.batchNorm(in[0], Tensor.full(0.2f, IN), Tensor.full(1.5f, IN),
        in[5], null, false, 0.1, 1e-5));
    check("layer norm", in -> F.layerNorm(in[0], new int[] {IN}, in[5], in[5].mul(0.5f), 1e-5));
    check("layer norm, no affine", in -> F.layerNorm(in[9], new int[] {IN, 6}, null, null, 1e-5));
  }

  @Test
  void embeddingDropoutAndBce() {
    check("embedding", in -> F.embedding(in[6], in[1].mul(1f), 0).mul(in[1].narrow(0, 0, 1)));
    check("embedding, every row", in -> F.embedding(in[6], in[0], -1));
    check("dropout", in -> F.dropout(in[0], 0.3, true, new Generator(11)));
    check("binary cross entropy", in -> F.binaryCrossEntropy(in[7], in[8], null, Reduction.NONE));
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
