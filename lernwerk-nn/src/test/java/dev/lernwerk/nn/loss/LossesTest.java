package dev.lernwerk.nn.loss;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertFinite;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
  private static final double LN2 = Math.log(2);

  private static Tensor t(float... v) {
    return Tensor.of(v);
  }

  @Test
  void regressionLossesByHand() {
    Tensor x = t(1, 2, 3);
    Tensor y = t(1, 0, 5);
    assertEquals(8 / 3.0, new MSELoss().apply(x, y).item(), 1e-6);
    assertEquals(8, new MSELoss(Reduction.SUM).apply(x, y).item(), 1e-6);
    assertArrayEquals(new float[] {0, 4, 4}, new MSELoss(Reduction.NONE).apply(x, y).toFloatArray());
    assertEquals(4 / 3.0, new L1Loss().apply(x, y).item(), 1e-6);
    Tensor d = t(0.5f, 2, -3);
    Tensor z = t(0, 0, 0);
    assertArrayEquals(new float[] {0.125f, 1.5f, 2.5f},
        new SmoothL1Loss(1, Reduction.NONE).apply(d, z).toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {0.5f, 2, 3},
        new SmoothL1Loss(0, Reduction.NONE).apply(d, z).toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {0.125f, 1.5f, 2.5f},
        new HuberLoss(1, Reduction.NONE).apply(d, z).toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {0.125f, 2f, 4f},
        new HuberLoss(2, Reduction.NONE).apply(d, z).toFloatArray(), 1e-7f);
    // Huber(δ) = δ·SmoothL1(β = δ)
    Tensor r = Tensor.randn(new Generator(1), 20).mul(3f);
    assertClose(new SmoothL1Loss(2, Reduction.NONE).apply(r, Tensor.zeros(20)).mul(2f),
        new HuberLoss(2, Reduction.NONE).apply(r, Tensor.zeros(20)), 1e-6, 1e-6, "huber");
  }

  @Test
  void regressionGradients() {
    var gen = new Generator(2);
    Tensor x = Tensor.randn(gen, 3, 4);
    Tensor y = x.add(Tensor.uniform(gen, 0.3, 1.5, 3, 4).mul(Tensor.randn(gen, 3, 4).sign()));
    assertGrad("mse", in -> F.mseLoss(in[0], in[1]), x, y);
    assertGrad("l1", in -> F.l1Loss(in[0], in[1], Reduction.SUM), x, y);
    // keep |x - y| away from β = 1 / δ = 1 where the piecewise formulas meet
    Tensor y2 = x.add(t(0.3f, 0.5f, 1.6f, -0.4f).reshape(1, 4));
    assertGrad("smoothL1", in -> F.smoothL1Loss(in[0], in[1], 1, Reduction.MEAN), x, y2);
    assertGrad("huber", in -> F.huberLoss(in[0], in[1], 1, Reduction.NONE), x, y2);
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    var ex = assertThrows(IllegalArgumentException.class,
        () -> new MSELoss().apply(Tensor.zeros(4, 1), Tensor.zeros(4)));
    assertTrue(ex.getMessage().contains("input shape [4, 1] and target shape [4]"), ex.getMessage());
    assertTrue(ex.getMessage().contains("target.reshape(4, 1)"), ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MSELoss(Reduction.BATCHMEAN));
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
  }

  @Test
  void binaryCrossEntropyByHandAndAtTheEdges() {
    Tensor p = t(0.8f, 0.2f);
    Tensor y = t(1, 0);
    assertEquals(-Math.log(0.8), new BCELoss().apply(p, y).item(), 1e-6);
    assertEquals(3 * -Math.log(0.8) / 2, new BCELoss(t(2, 1), Reduction.MEAN).apply(p, y).item(), 1e-6);
    // log clamped at -100: a confident wrong answer costs 100, not infinity
    Tensor edge = t(0f, 1f, 1f, 0f).requiresGrad(true);
    Tensor l = F.binaryCrossEntropy(edge, t(1, 0, 1, 0), null, Reduction.NONE);
    assertArrayEquals(new float[] {100, 100, 0, 0}, l.toFloatArray());
    l.sum().backward();
    assertFinite(edge.grad(), "bce grad at 0 and 1");
    assertEquals(-1e12f, edge.grad().get(0), 1e6f);
    var gen = new Generator(3);
    Tensor x = Tensor.uniform(gen, 0.1, 0.9, 2, 3);
    Tensor tt = Tensor.rand(gen, 2, 3);
    assertGrad("bce", in -> F.binaryCrossEntropy(in[0], in[1], null, Reduction.MEAN), x, tt);
    var ex = assertThrows(IllegalArgumentException.class, () -> new BCELoss().apply(t(1.5f), t(1)));
    assertTrue(ex.getMessage().contains("got 1.5") && ex.getMessage().contains("sigmoid"),
        ex.getMessage());
  }

  @Test
  void bceWithLogitsIsStableAndMatchesSigmoidPlusBce() {
    Tensor x = t(0, 2, -1);
    Tensor y = t(1, 0, 1);
    assertArrayEquals(new float[] {(float) LN2, (float) Math.log1p(Math.exp(2)),
        (float) Math.log1p(Math.E)},
        F.binaryCrossEntropyWithLogits(x, y, null, null, Reduction.NONE).toFloatArray(), 1e-6f);
    // pos weight 3: the positive term of x = 0, t = 1 is 3·log 2
    assertEquals(3 * LN2, new BCEWithLogitsLoss(null, t(3), Reduction.SUM)
        .apply(t(0), t(1)).item(), 1e-6);
    var gen = new Generator(4);
    Tensor logits = Tensor.randn(gen, 4, 3).mul(2f);
    Tensor target = Tensor.rand(gen, 4, 3);
    assertClose(F.binaryCrossEntropy(logits.sigmoid(), target),
        F.binaryCrossEntropyWithLogits(logits, target), 1e-5, 1e-5, "vs sigmoid + bce");
    Tensor pw = t(0.5f, 2f, 4f);
    Tensor w = Tensor.uniform(gen, 0.5, 1.5, 4, 3);
    assertGrad("bceWithLogits", in -> F.binaryCrossEntropyWithLogits(in[0], in[1], w, pw,
        Reduction.MEAN), logits, target);
    Tensor big = t(1e4f, 1e4f, -1e4f, -1e4f).requiresGrad(true);
    Tensor l = new BCEWithLogitsLoss(null, null, Reduction.NONE).apply(big, t(1, 0, 1, 0));
    assertArrayEquals(new float[] {0, 1e4f, 1e4f, 0}, l.toFloatArray());
    l.sum().backward();
    assertArrayEquals(new float[] {0, 1, -1, 0}, big.grad().toFloatArray());
    Tensor big2 = t(1e4f, -1e4f).requiresGrad(true);
    Tensor l2 = new BCEWithLogitsLoss(t(5)).apply(big2, t(0, 1));
    assertFinite(l2, "pos weight extreme");
    l2.backward();
    assertFinite(big2.grad(), "pos weight extreme grad");
  }

  @Test
  void klDivergenceByHand() {
    Tensor logq = t(0.25f, 0.5f, 0.25f).log().reshape(1, 3);
    Tensor p = t(0.5f, 0.5f, 0f).reshape(1, 3);
    assertEquals(0.5 * LN2, new KLDivLoss(Reduction.BATCHMEAN, false).apply(logq, p).item(), 1e-6);
    assertEquals(0.5 * LN2 / 3, new KLDivLoss().apply(logq, p).item(), 1e-6);
    assertArrayEquals(new float[] {(float) (0.5 * LN2), 0, 0},
        new KLDivLoss(Reduction.NONE, false).apply(logq, p).toFloatArray(), 1e-6f);
    Tensor logp = t(0.5f, 0.25f, 0.25f).log().reshape(1, 3);
    // Σ p·(log p - log q) = 0.5·ln 2 + 0.25·ln 0.5 + 0 = 0.25·ln 2
    assertEquals(0.25 * LN2, new KLDivLoss(Reduction.SUM, true).apply(logq, logp).item(), 1e-6);
    var gen = new Generator(5);
    Tensor x = Tensor.randn(gen, 2, 4).logSoftmax(1);
    Tensor tp = Tensor.randn(gen, 2, 4).softmax(1);
    assertGrad("klDiv", in -> F.klDiv(in[0], in[1], Reduction.BATCHMEAN, false), x, tp);
    assertGrad("klDiv log", in -> F.klDiv(in[0], in[1], Reduction.SUM, true), x, tp.log());
  }

  @Test
  void metricLearningLossesByHand() {
    Tensor x1 = Tensor.of(new float[] {1, 0, 1, 0}, 2, 2);
    Tensor x2 = Tensor.of(new float[] {1, 1, 1, 1}, 2, 2);
    double c = 1 / Math.sqrt(2);
    assertArrayEquals(new float[] {(float) (1 - c), (float) (c - 0.5)},
        new CosineEmbeddingLoss(0.5, Reduction.NONE).apply(x1, x2, Tensor.ofInts(new int[] {1, -1}))
            .toFloatArray(), 1e-6f);
    assertEquals(0.75, new MarginRankingLoss(0.5, Reduction.MEAN)
        .apply(t(1, 2), t(2, 1), t(1, 1)).item(), 1e-6);
    Tensor a = Tensor.of(new float[] {0, 0}, 1, 2);
    Tensor pos = Tensor.of(new float[] {3, 4}, 1, 2);
    Tensor neg = Tensor.of(new float[] {6, 8}, 1, 2);
    assertEquals(0, new TripletMarginLoss().apply(a, pos, neg).item(), 1e-6);
    assertEquals(1, new TripletMarginLoss(6, 2).apply(a, pos, neg).item(), 1e-4);
    assertEquals(1, new TripletMarginLoss(8, 1).apply(a, pos, neg).item(), 1e-4); // 7 - 14 + 8
    assertEquals(1, new TripletMarginLoss(1, 2, 0, true, Reduction.MEAN).apply(a, pos, neg).item(),
        1e-6); // swap: min(10, 5) = 5
    var gen = new Generator(6);
    Tensor u = Tensor.randn(gen, 3, 4);
    Tensor v = Tensor.randn(gen, 3, 4);
    Tensor w = Tensor.randn(gen, 3, 4);
    Tensor y = Tensor.of(new float[] {1, -1, -1});
    assertGrad("cosine", in -> F.cosineEmbeddingLoss(in[0], in[1], y, -1, Reduction.MEAN), u, v);
    assertGrad("triplet", in -> F.tripletMarginLoss(in[0], in[1], in[2], 5, 2, 1e-6, false,
        Reduction.MEAN), u, v, w);
    assertGrad("ranking", in -> F.marginRankingLoss(in[0], in[1], y.reshape(3, 1).expand(3, 4)
        .contiguous(), 10, Reduction.SUM), u, v);
    var ex = assertThrows(IllegalArgumentException.class,
        () -> new MarginRankingLoss().apply(t(1, 2), t(2, 1), t(1, 0)));
    assertTrue(ex.getMessage().contains("must be 1 or -1, got 0.0 at index 1"), ex.getMessage());
  }

  @Test
  void penaltiesAreSumsOverParameters() {
    var model = new Sequential(new Linear(3, 2, true, new Generator(0)),
        new Linear(2, 1, false, new Generator(1)));
    double l1 = 0;
    double l2 = 0;
    for (Tensor p : model.parameters()) {
      for (float v : p.toFloatArray()) {
        l1 += Math.abs(v);
        l2 += v * v;
      }
    }
    assertEquals(l1, Penalties.l1(model).item(), 1e-5);
    assertEquals(l2, Penalties.l2(model).item(), 1e-5);
    Penalties.l2(model).backward();
    for (Tensor p : model.parameters()) {
      assertClose(p.mul(2f), p.grad(), 1e-6, 1e-6, "d l2 / d w = 2w");
    }
    model.zeroGrad();
    Penalties.l1(model.parameters()).backward();
    for (Tensor p : model.parameters()) {
      assertClose(p.sign(), p.grad(), 0, 0, "d l1 / d w = sign(w)");
    }
  }
}
