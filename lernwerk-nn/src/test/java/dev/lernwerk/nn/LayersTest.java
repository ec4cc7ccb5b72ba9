package dev.lernwerk.nn;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayersTest {
  private static double[] meanStd(float[] v) {
    double m = 0;
    for (float x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return new double[] {m, Math.sqrt(s / v.length)};
  }

  // ------------------------------------------------------------------ Linear

  @Test
  void linearUsesPyTorchsDefaultInitAndIsSeeded() {
    var fc = new Linear(512, 256, true, new Generator(1));
    double bound = 1 / Math.sqrt(512);
    for (Tensor p : fc.parameters()) {
      for (float v : p.toFloatArray()) {
        assertTrue(Math.abs(v) <= bound, v + " outside ±" + bound);
      }
    }
    double[] ms = meanStd(fc.weight().toFloatArray());
    assertEquals(0, ms[0], 0.002);
    assertEquals(bound / Math.sqrt(3), ms[1], 0.002); // U(-b, b) has std b/√3
    assertArrayEquals(fc.weight().toFloatArray(),
        new Linear(512, 256, true, new Generator(1)).weight().toFloatArray());
    var noBias = new Linear(3, 2, false, new Generator(0));
    assertNull(noBias.bias());
    assertEquals(1, noBias.parameters().size());
    assertEquals(512, fc.inFeatures());
    assertEquals(256, fc.outFeatures());
    assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3));
  }

  @Test
  void linearAcceptsAnyLeadingDims() {
    var fc = new Linear(3, 2, true, new Generator(0));
    Tensor x = Tensor.randn(new Generator(1), 2, 5, 3);
    Tensor y = fc.forward(x);
    assertArrayEquals(new int[] {2, 5, 2}, y.shape());
    assertClose(x.matmul(fc.weight().t()).add(fc.bias()), y, 1e-6, 1e-6, "3-d");
    assertArrayEquals(new int[] {2}, fc.forward(Tensor.ones(3)).shape());
  }

  // ------------------------------------------------------------------ containers and reshaping

  @Test
  void sequentialFromArgsOrListRunsInOrder() {
    var gen = new Generator(0);
    List<Module> layers = new ArrayList<>();
    int width = 6;
    for (int h : new int[] {5, 4}) {
      layers.add(new Linear(width, h, true, gen));
      layers.add(new ReLU());
      width = h;
    }
    layers.add(new Linear(width, 2, true, gen));
    var seq = new Sequential(layers);
    assertEquals(5, seq.size());
    assertSame(layers.get(4), seq.get(-1));
    Tensor x = Tensor.randn(gen, 3, 6);
    Tensor manual = x;
    for (Module m : layers) {
      manual = m.forward(manual);
    }
    assertArrayEquals(manual.toFloatArray(), seq.forward(x).toFloatArray());
    int n = 0;
    for (Module m : seq) {
      assertSame(layers.get(n++), m);
    }
    assertSame(x, new Sequential().forward(x));
    var grown = new Sequential().add(new ReLU()).add(new Identity());
    assertEquals(List.of("0", "1"), List.copyOf(grown.namedChildren().keySet()));
    var ex = assertThrows(IndexOutOfBoundsException.class, () -> seq.get(5));
    assertTrue(ex.getMessage().contains("index 5 is out of range for 5 modules"), ex.getMessage());
  }

  @Test
  void flattenReshapeIdentity() {
    Tensor x = Tensor.arange(2 * 3 * 4).reshape(2, 3, 4);
    assertArrayEquals(new int[] {2, 12}, new Flatten().forward(x).shape());
    assertArrayEquals(new int[] {24}, new Flatten(0, -1).forward(x).shape());
    assertArrayEquals(new int[] {6, 4}, new Flatten(0, 1).forward(x).shape());
    assertArrayEquals(new int[] {2, 1, 3, 4}, new Reshape(1, 3, 4).forward(x.reshape(2, 12)).shape());
    assertArrayEquals(new int[] {2, 4, 3}, new Reshape(-1, 3).forward(x).shape());
    assertArrayEquals(x.toFloatArray(), new Reshape(12).forward(x).toFloatArray());
    assertSame(x, new Identity().forward(x));
    assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 1).forward(x));
  }

  @Test
  void residualAddsTheInputAndChecksShapes() {
    var fc = new Linear(4, 4, true, new Generator(0));
    var res = new Residual(fc);
    Tensor x = Tensor.randn(new Generator(1), 3, 4);
    assertClose(fc.forward(x).add(x), res.forward(x), 0, 0, "f(x) + x");
    assertEquals(List.of("f.weight", "f.bias"), List.copyOf(res.namedParameters().keySet()));
    Tensor xg = x.clone().requiresGrad(true);
    res.forward(xg).sum().backward();
    // d/dx Σ (xWᵀ + b + x) = Σ_rows W + 1
    Tensor expect = fc.weight().sum(0, false).add(1f).reshape(1, 4).expand(3, 4);
    assertClose(expect, xg.grad(), 1e-6, 1e-6, "residual grad");
    var bad = new Residual(new Linear(4, 2, true, new Generator(0)));
    var ex = assertThrows(IllegalArgumentException.class, () -> bad.forward(x));
    assertTrue(ex.getMessage().contains("returned shape [3, 2] for input [3, 4]"), ex.getMessage());
  }

  // ------------------------------------------------------------------ Dropout

  @Test
  void dropoutScalesInTrainingAndIsIdentityInEval() {
    var drop = new Dropout(0.25, new Generator(7));
    Tensor x = Tensor.full(2f, 10_000);
    float[] y = drop.forward(x).toFloatArray();
    int zeros = 0;
    for (float v : y) {
      if (v == 0) {
        zeros++;
      } else {
        assertEquals(2f / 0.75f, v, 1e-6f);
      }
    }
    assertEquals(0.25, zeros / 10_000.0, 0.015);
    drop.eval();
    assertSame(x, drop.forward(x));
    assertArrayEquals(new float[4], F.dropout(Tensor.ones(4), 1, true, new Generator(0)).toFloatArray());
    var ex = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
    assertTrue(ex.getMessage().contains("[0, 1), got 1.0"), ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, new Generator(0)));
  }

  @Test
  void dropoutIsDeterministicPerSeedAndItsGradientIsTheMask() {
    Tensor x = Tensor.randn(new Generator(0), 8, 8);
    Tensor a = new Dropout(0.5, new Generator(3)).forward(x);
    Tensor b = new Dropout(0.5, new Generator(3)).forward(x);
    Tensor c = new Dropout(0.5, new Generator(4)).forward(x);
    assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    assertFalse(java.util.Arrays.equals(a.toFloatArray(), c.toFloatArray()));
    Tensor xg = x.clone().requiresGrad(true);
    Tensor y = new Dropout(0.5, new Generator(3)).forward(xg);
    y.sum().backward();
    float[] g = xg.grad().toFloatArray();
    float[] yv = y.toFloatArray();
    for (int i = 0; i < g.length; i++) {
      assertEquals(yv[i] == 0 ? 0f : 2f, g[i]);
    }
  }

  // ------------------------------------------------------------------ BatchNorm1d

  @Test
  void batchNormRunningStatsFollowTheFormula() {
    var bn = new BatchNorm1d(2);
    // channel 0: 1, 2, 3, 6 (mean 3, biased var 3.5, unbiased 14/3); channel 1: all 5
    Tensor x = Tensor.of(new float[] {1, 5, 2, 5, 3, 5, 6, 5}, 4, 2);
    Tensor y = bn.forward(x);
    double s = Math.sqrt(3.5 + 1e-5);
    assertArrayEquals(new float[] {(float) (-2 / s), 0, (float) (-1 / s), 0, 0, 0, (float) (3 / s), 0},
        y.toFloatArray(), 1e-5f);
    assertArrayEquals(new float[] {0.3f, 0.5f}, bn.runningMean().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.9f + 0.1f * 14 / 3f, 0.9f}, bn.runningVar().toFloatArray(), 1e-6f);
    assertEquals(1, bn.numBatchesTracked().getInt());
    bn.forward(x);
    assertArrayEquals(new float[] {0.3f * 0.9f + 0.3f, 0.5f * 0.9f + 0.5f},
        bn.runningMean().toFloatArray(), 1e-6f);
    assertEquals(2, bn.numBatchesTracked().getInt());
    // eval: normalize with the running statistics, which differ from the batch's
    bn.eval();
    Tensor rm = bn.runningMean();
    Tensor rv = bn.runningVar();
    Tensor expect = x.sub(rm).div(rv.add(1e-5f).sqrt());
    assertClose(expect, bn.forward(x), 1e-6, 1e-5, "eval");
    assertEquals(2, bn.numBatchesTracked().getInt(), "eval does not count batches");
    assertArrayEquals(new int[] {1, 2}, bn.forward(x.narrow(0, 0, 1)).shape(), "batch of 1 in eval");
  }

  @Test
  void batchNormOn3dInputAndGradients() {
    var gen = new Generator(9);
    var bn = new BatchNorm1d(3, 1e-5, 0.2, true, true);
    Tensor x = Tensor.randn(gen, 4, 3, 5);
    Tensor y = bn.forward(x);
    float[] mean = y.mean(new int[] {0, 2}, false).toFloatArray();
    float[] var = y.var(new int[] {0, 2}, false, false).toFloatArray();
    for (int c = 0; c < 3; c++) {
      assertEquals(0, mean[c], 1e-5);
      assertEquals(1, var[c], 1e-3);
    }
    float[] xm = x.mean(new int[] {0, 2}, false).toFloatArray();
    assertEquals(0.2f * xm[1], bn.runningMean().get(1), 1e-6f);
    Tensor w = Tensor.uniform(gen, 0.5, 1.5, 3);
    Tensor b = Tensor.randn(gen, 3);
    assertGrad("batchNorm train", in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5),
        x, w, b);
    assertGrad("batchNorm 2-d", in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5),
        Tensor.randn(gen, 6, 3), w, b);
    Tensor rm = Tensor.randn(gen, 3);
    Tensor rv = Tensor.uniform(gen, 0.5, 2, 3);
    assertGrad("batchNorm eval", in -> F.batchNorm(in[0], rm, rv, in[1], in[2], false, 0.1, 1e-5),
        x, w, b);
  }

  @Test
  void batchNormErrors() {
    var bn = new BatchNorm1d(4);
    var ex = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(8, 3)));
    assertTrue(ex.getMessage().contains("(N, 4) or (N, 4, L), got [8, 3]"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 4)));
    assertTrue(ex.getMessage().contains("more than 1 value per channel"), ex.getMessage());
    var noStats = new BatchNorm1d(4, 1e-5, 0.1, false, false);
    assertTrue(noStats.stateDict().isEmpty());
    noStats.eval();
    Tensor x = Tensor.randn(new Generator(0), 5, 4);
    assertClose(F.batchNorm(x, null, null, null, null, true, 0.1, 1e-5), noStats.forward(x), 0, 0,
        "batch statistics in eval without running stats");
  }

  // ------------------------------------------------------------------ LayerNorm

  @Test
  void layerNormByHandAndGradients() {
    var ln = new LayerNorm(3);
    Tensor x = Tensor.of(new float[] {1, 2, 3, 2, 2, 2}, 2, 3);
    double s = Math.sqrt(2 / 3.0 + 1e-5);
    assertArrayEquals(new float[] {(float) (-1 / s), 0, (float) (1 / s), 0, 0, 0},
        ln.forward(x).toFloatArray(), 1e-5f);
    var gen = new Generator(1);
    Tensor w = Tensor.uniform(gen, 0.5, 1.5, 2, 3);
    Tensor b = Tensor.randn(gen, 2, 3);
    assertGrad("layerNorm", in -> F.layerNorm(in[0], new int[] {2, 3}, in[1], in[2], 1e-5),
        Tensor.randn(gen, 4, 2, 3), w, b);
    var ex = assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.zeros(2, 4)));
    assertTrue(ex.getMessage().contains("last dims are [3], got shape [2, 4]"), ex.getMessage());
    assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
  }

  // ------------------------------------------------------------------ Embedding

  @Test
  void embeddingLooksUpRowsLikeOneHotTimesWeight() {
    var emb = new Embedding(5, 3, new Generator(2));
    Tensor idx = Tensor.ofInts(new int[] {4, 0, 4, 2}, 2, 2);
    Tensor y = emb.forward(idx);
    assertArrayEquals(new int[] {2, 2, 3}, y.shape());
    assertClose(idx.oneHot(5).matmul(emb.weight()), y, 0, 0, "one-hot · W");
    y.sum().backward();
    // row 4 is used twice, rows 0 and 2 once, rows 1 and 3 never
    assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 2, 2, 2},
        emb.weight().grad().toFloatArray());
    assertGrad("embedding", in -> F.embedding(idx, in[0], -1), Tensor.randn(new Generator(3), 5, 3));
    double[] ms = meanStd(new Embedding(1000, 100, new Generator(4)).weight().toFloatArray());
    assertEquals(0, ms[0], 0.01);
    assertEquals(1, ms[1], 0.01);
  }

  @Test
  void embeddingPaddingRowIsZeroAndGetsNoGradient() {
    var emb = new Embedding(4, 2, -1, new Generator(0)); // -1 means the last row, as in PyTorch
    assertEquals(3, emb.paddingIdx());
    assertArrayEquals(new float[] {0, 0}, emb.weight().select(0, 3).toFloatArray());
    Tensor y = emb.forward(Tensor.ofInts(new int[] {3, 1, 3}));
    y.mul(Tensor.randn(new Generator(1), 3, 2)).sum().backward();
    assertArrayEquals(new float[] {0, 0}, emb.weight().grad().select(0, 3).toFloatArray());
    assertTrue(emb.weight().grad().select(0, 1).abs().sum().item() > 0);
  }

  @Test
  void embeddingErrors() {
    var emb = new Embedding(10, 2, new Generator(0));
    var ex = assertThrows(IndexOutOfBoundsException.class,
        () -> emb.forward(Tensor.ofInts(new int[] {1, 2, 12})));
    assertTrue(ex.getMessage().contains("index 12 at position 2 is out of range for 10 embeddings"),
        ex.getMessage());
    var ex2 = assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.zeros(3)));
    assertTrue(ex2.getMessage().contains("int32 indices") && ex2.getMessage().contains("toInt()"),
        ex2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 2, 4, new Generator(0)));
  }
}
