package dev.lernwerk.nn.functional;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The fused batch and layer normalization against their compositions. */
class NormOpTest {
  /** Output and gradients of every float input for a fixed upstream gradient. */
  private static Tensor[] run(Function<Tensor[], Tensor> f, Tensor... inputs) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = inputs[i] == null ? null : inputs[i].clone().requiresGrad(true);
    }
    Tensor y = f.apply(in);
    y.backward(Tensor.uniform(new Generator(77), -1, 1, y.shape()));
    Tensor[] out = new Tensor[in.length + 1];
    out[0] = y;
    for (int i = 0; i < in.length; i++) {
      out[i + 1] = in[i] == null ? null : in[i].grad();
    }
    return out;
  }

  private static void same(Tensor[] expect, Tensor[] actual, String label) {
    for (int i = 0; i < expect.length; i++) {
      if (expect[i] != null) {
        assertClose(expect[i], actual[i], 2e-5, 2e-5, label + " #" + i);
      }
    }
  }

  @Test
  void batchNormFusedMatchesComposed() {
    var gen = new Generator(1);
    int[][] shapes = {{8, 5}, {4, 3, 6}, {2, 3, 2, 4}, {3, 40}};
    for (int[] s : shapes) {
      int c = s[1];
      Tensor x = Tensor.randn(gen, s).mul(2f).add(1f);
      Tensor w = Tensor.uniform(gen, 0.5, 1.5, c);
      Tensor b = Tensor.randn(gen, c);
      Tensor rm = Tensor.randn(gen, c);
      Tensor rv = Tensor.uniform(gen, 0.5, 2, c);
      for (boolean training : new boolean[] {true, false}) {
        for (boolean affine : new boolean[] {true, false}) {
          String label = java.util.Arrays.toString(s) + " training=" + training + " affine=" + affine;
          Tensor rm1 = rm.clone();
          Tensor rv1 = rv.clone();
          Tensor rm2 = rm.clone();
          Tensor rv2 = rv.clone();
          Tensor[] fused = run(in -> F.batchNorm(in[0], rm1, rv1, in[1], in[2], training, 0.1, 1e-5),
              x, affine ? w : null, affine ? b : null);
          Tensor[] comp = run(in -> CompositeNorms.batchNorm(in[0], rm2, rv2, in[1], in[2], training,
              0.1, 1e-5), x, affine ? w : null, affine ? b : null);
          same(comp, fused, label);
          assertClose(rm2, rm1, 1e-6, 1e-6, label + " running mean");
          assertClose(rv2, rv1, 1e-6, 1e-5, label + " running var");
        }
      }
    }
  }

  @Test
  void layerNormFusedMatchesComposed() {
    var gen = new Generator(2);
    int[][][] cases = {{{4, 6}, {6}}, {{2, 3, 5}, {5}}, {{2, 3, 4}, {3, 4}}, {{7}, {7}}};
    for (int[][] cs : cases) {
      Tensor x = Tensor.randn(gen, cs[0]).mul(3f);
      Tensor w = Tensor.uniform(gen, 0.5, 1.5, cs[1]);
      Tensor b = Tensor.randn(gen, cs[1]);
      for (boolean affine : new boolean[] {true, false}) {
        String label = java.util.Arrays.toString(cs[0]) + " affine=" + affine;
        Tensor[] fused = run(in -> F.layerNorm(in[0], cs[1], in[1], in[2], 1e-5), x,
            affine ? w : null, affine ? b : null);
        Tensor[] comp = run(in -> CompositeNorms.layerNorm(in[0], cs[1], in[1], in[2], 1e-5), x,
            affine ? w : null, affine ? b : null);
        same(comp, fused, label);
      }
    }
    Tensor x = Tensor.randn(gen, 3, 4);
    assertGrad("layerNorm transposed input",
        in -> F.layerNorm(in[0].t(), new int[] {3}, in[1], in[2], 1e-5), x,
        Tensor.uniform(gen, 0.5, 1.5, 3), Tensor.randn(gen, 3));
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    var gen = new Generator(3);
    Tensor x = Tensor.randn(gen, 64, 96);
    Tensor w = Tensor.uniform(gen, 0.5, 1.5, 96);
    Tensor b = Tensor.randn(gen, 96);
    int threads = Parallel.threads();
    Tensor[] one;
    Tensor[] many;
    try {
      Parallel.setThreads(1);
      one = runBoth(x, w, b);
      Parallel.setThreads(4);
      many = runBoth(x, w, b);
    } finally {
      Parallel.setThreads(threads);
    }
    for (int i = 0; i < one.length; i++) {
      assertArrayEquals(one[i].toFloatArray(), many[i].toFloatArray(), "#" + i);
    }
  }

  private static Tensor[] runBoth(Tensor x, Tensor w, Tensor b) {
    Tensor[] ln = run(in -> F.layerNorm(in[0], new int[] {96}, in[1], in[2], 1e-5), x, w, b);
    Tensor[] bn = run(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x, w, b);
    return new Tensor[] {ln[0], ln[1], ln[2], ln[3], bn[0], bn[1], bn[2], bn[3]};
  }
}
