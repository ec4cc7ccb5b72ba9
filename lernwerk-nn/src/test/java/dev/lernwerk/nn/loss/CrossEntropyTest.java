package dev.lernwerk.nn.loss;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertFinite;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {
  /**
   * The composed oracle for (N, C) logits and class targets: log-softmax, gather, weights, mask,
   * smoothing, PyTorch's weighted mean.
   */
  static Tensor composed(Tensor x, int[] y, float[] w, int ignore, Reduction r, double eps) {
    int n = x.size(0);
    int c = x.size(1);
    Tensor logp = x.logSoftmax(1);
    int[] safe = new int[n];
    float[] wy = new float[n];
    float[] mask = new float[n];
    for (int i = 0; i < n; i++) {
      boolean used = y[i] != ignore;
      safe[i] = used ? y[i] : 0;
      mask[i] = used ? 1 : 0;
      wy[i] = used ? (w == null ? 1 : w[y[i]]) : 0;
    }
    Tensor wt = w == null ? Tensor.ones(c) : Tensor.of(w);
    Tensor nll = logp.gather(1, Tensor.ofInts(safe, n, 1)).reshape(n).mul(Tensor.of(wy)).neg();
    Tensor smooth = logp.mul(wt).sum(1, false).neg().mul(Tensor.of(mask));
    Tensor l = nll.mul((float) (1 - eps)).add(smooth.mul((float) (eps / c)));
    double denom = 0;
    for (float v : wy) {
      denom += v;
    }
    return switch (r) {
      case NONE -> l;
      case SUM -> l.sum();
      default -> l.sum().div((float) denom);
    };
  }

  /** The composed oracle for probability targets. */
  static Tensor composedProbs(Tensor x, Tensor t, float[] w, Reduction r, double eps) {
    int c = x.size(1);
    Tensor tt = t.mul((float) (1 - eps)).add((float) (eps / c));
    Tensor wt = w == null ? Tensor.ones(c) : Tensor.of(w);
    Tensor l = x.logSoftmax(1).mul(tt).mul(wt).sum(1, false).neg();
    return switch (r) {
      case NONE -> l;
      case SUM -> l.sum();
      default -> l.mean();
    };
  }

  @Test
  void knownValuesByHand() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 1, 1, 1}, 2, 3);
    Tensor y = Tensor.ofInts(new int[] {2, 0});
    double l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    double l1 = Math.log(3);
    assertEquals((l0 + l1) / 2, F.crossEntropy(x, y).item(), 1e-6);
    assertArrayEquals(new float[] {(float) l0, (float) l1},
        new CrossEntropyLoss(Reduction.NONE).apply(x, y).toFloatArray(), 1e-6f);
    assertEquals(l0 + l1, new CrossEntropyLoss(Reduction.SUM).apply(x, y).item(), 1e-5);
    // class weights w = [1, 2, 3]: weighted mean (3·l0 + 1·l1) / (3 + 1)
    Tensor w = Tensor.of(new float[] {1, 2, 3});
    assertEquals((3 * l0 + l1) / 4, new CrossEntropyLoss().withWeight(w).apply(x, y).item(), 1e-6);
    // ignore the second sample: only l0 remains, and the mean divides by 1
    Tensor yi = Tensor.ofInts(new int[] {2, -100});
    assertEquals(l0, F.crossEntropy(x, yi).item(), 1e-6);
    // label smoothing ε = 0.3 on the first row: 0.7·(-logp[2]) + 0.1·Σ_c(-logp[c])
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    double smooth = 0.7 * (lse - 3) + 0.1 * ((lse - 1) + (lse - 2) + (lse - 3));
    assertEquals(smooth, new CrossEntropyLoss().withLabelSmoothing(0.3)
        .apply(x.narrow(0, 0, 1), Tensor.ofInts(new int[] {2})).item(), 1e-6);
    // probability targets: -Σ t·logp
    Tensor t = Tensor.of(new float[] {0.5f, 0, 0.5f, 0, 1, 0}, 2, 3);
    double pl0 = 0.5 * (lse - 1) + 0.5 * (lse - 3);
    assertEquals((pl0 + l1) / 2, F.crossEntropy(x, t).item(), 1e-6);
  }

  @Test
  void fusedMatchesComposedForEverySetting() {
    var gen = new Generator(21);
    int n = 7;
    int c = 5;
    Tensor x = Tensor.randn(gen, n, c).mul(3f);
    int[] y = Tensor.randint(gen, 0, c, n).toIntArray();
    y[3] = -100;
    float[] w = Tensor.uniform(gen, 0.5, 2, c).toFloatArray();
    for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
      for (float[] weight : new float[][] {null, w}) {
        for (double eps : new double[] {0, 0.1}) {
          String label = r + " weight=" + (weight != null) + " eps=" + eps;
          Tensor wt = weight == null ? null : Tensor.of(weight);
          Tensor[] fused = valueAndGrad(x, xx -> F.crossEntropy(xx, Tensor.ofInts(y), wt, -100, r, eps));
          Tensor[] comp = valueAndGrad(x, xx -> composed(xx, y, weight, -100, r, eps));
          assertClose(comp[0], fused[0], 1e-5, 1e-5, label + " value");
          assertClose(comp[1], fused[1], 1e-6, 1e-5, label + " grad");
          Tensor tp = Tensor.rand(gen, n, c).softmax(1);
          fused = valueAndGrad(x, xx -> F.crossEntropy(xx, tp, wt, -100, r, eps));
          comp = valueAndGrad(x, xx -> composedProbs(xx, tp, weight, r, eps));
          assertClose(comp[0], fused[0], 1e-5, 1e-5, label + " probs value");
          assertClose(comp[1], fused[1], 1e-6, 1e-5, label + " probs grad");
        }
      }
    }
  }

  private static Tensor[] valueAndGrad(Tensor x0, java.util.function.UnaryOperator<Tensor> f) {
    Tensor x = x0.clone().requiresGrad(true);
    Tensor l = f.apply(x);
    l.backward(Tensor.uniform(new Generator(5), 0.5, 1.5, l.shape()));
    return new Tensor[] {l, x.grad()};
  }

  @Test
  void spatialTargetsEqualTheFlattenedProblem() {
    var gen = new Generator(8);
    Tensor x = Tensor.randn(gen, 2, 4, 3, 2); // (N, C, H, W)
    Tensor y = Tensor.randint(gen, 0, 4, 2, 3, 2);
    Tensor none = F.crossEntropy(x, y, null, -100, Reduction.NONE, 0);
    assertArrayEquals(new int[] {2, 3, 2}, none.shape());
    Tensor flatX = x.permute(0, 2, 3, 1).reshape(-1, 4);
    Tensor ref = composed(flatX, y.toIntArray(), null, -100, Reduction.NONE, 0);
    assertClose(ref, none.reshape(-1), 1e-6, 1e-5, "spatial");
    assertGrad("spatial", in -> F.crossEntropy(in[0], y, null, -100, Reduction.MEAN, 0.1), x);
    // unbatched: (C) logits with a scalar label
    Tensor one = Tensor.of(new float[] {1, 2, 3});
    assertEquals(F.crossEntropy(one.reshape(1, 3), Tensor.ofInts(new int[] {1})).item(),
        F.crossEntropy(one, Tensor.wrapInts(new int[] {1}, new int[0])).item(), 1e-7);
  }

  @Test
  void gradCheckWithWeightsSmoothingIgnoreAndSoftTargets() {
    var gen = new Generator(4);
    Tensor x = Tensor.randn(gen, 4, 3);
    Tensor y = Tensor.ofInts(new int[] {0, 2, -1, 1});
    Tensor w = Tensor.of(new float[] {0.5f, 2f, 1f});
    for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
      assertGrad("classes " + r, in -> F.crossEntropy(in[0], y, w, -1, r, 0.2), x);
    }
    Tensor t = Tensor.rand(gen, 4, 3).softmax(1);
    assertGrad("probs and target", in -> F.crossEntropy(in[0], in[1], w, -100, Reduction.MEAN, 0.1),
        x, t);
  }

  @Test
  void extremeLogitsStayFinite() {
    Tensor x = Tensor.of(new float[] {1e4f, -1e4f, 0f, -1e4f, 1e4f, 1e4f}, 2, 3).requiresGrad(true);
    Tensor y = Tensor.ofInts(new int[] {1, 2});
    Tensor l = F.crossEntropy(x, y, null, -100, Reduction.NONE, 0);
    assertArrayEquals(new float[] {2e4f, (float) Math.log(2)}, l.toFloatArray(), 1e-3f);
    l.sum().backward();
    assertFinite(x.grad(), "grad");
    // softmax - onehot: row 0 = [1, -1, 0], row 1 = [0, 0.5, -0.5]
    assertArrayEquals(new float[] {1, -1, 0, 0, 0.5f, -0.5f}, x.grad().toFloatArray(), 1e-6f);
    Tensor xs = Tensor.of(new float[] {1e4f, -1e4f, 0f, -1e4f, 1e4f, 1e4f}, 2, 3).requiresGrad(true);
    Tensor smoothed = F.crossEntropy(xs, Tensor.rand(new Generator(1), 2, 3), null, -100,
        Reduction.MEAN, 0.1);
    assertFinite(smoothed, "soft targets");
    smoothed.backward();
    assertFinite(xs.grad(), "soft targets grad");
  }

  @Test
  void errorsNameLabelIndexClassesAndShapes() {
    Tensor x = Tensor.zeros(4, 3);
    var ex = assertThrows(IndexOutOfBoundsException.class,
        () -> F.crossEntropy(x, Tensor.ofInts(new int[] {0, 5, 1, 2})));
    assertTrue(ex.getMessage().contains("label 5 at index 1 is out of range for 3 classes"),
        ex.getMessage());
    ex = assertThrows(IndexOutOfBoundsException.class,
        () -> F.crossEntropy(Tensor.zeros(1, 3, 2), Tensor.ofInts(new int[] {0, -3}, 1, 2)));
    assertTrue(ex.getMessage().contains("label -3 at index [0, 1]"), ex.getMessage());
    var ex2 = assertThrows(IllegalArgumentException.class,
        () -> F.crossEntropy(x, Tensor.ofInts(new int[] {0, 1, 2})));
    assertTrue(ex2.getMessage().contains("input shape [4, 3] and target shape [3]"), ex2.getMessage());
    ex2 = assertThrows(IllegalArgumentException.class,
        () -> F.crossEntropy(x, Tensor.zeros(4)));
    assertTrue(ex2.getMessage().contains("toInt()"), ex2.getMessage());
    ex2 = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().withWeight(Tensor.ones(2)).apply(x, Tensor.ofInts(new int[4])));
    assertTrue(ex2.getMessage().contains("class weights must have shape [3], got [2]"),
        ex2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(Reduction.BATCHMEAN));
    assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().withLabelSmoothing(1.5));
  }

  @Test
  void nllAfterLogSoftmaxEqualsCrossEntropy() {
    var gen = new Generator(2);
    Tensor x = Tensor.randn(gen, 6, 4);
    Tensor y = Tensor.ofInts(new int[] {0, 3, 1, 1, 2, 0});
    Tensor w = Tensor.of(new float[] {1, 2, 0.5f, 1.5f});
    assertEquals(F.crossEntropy(x, y, w, 1, Reduction.MEAN, 0).item(),
        new NLLLoss(w, 1, Reduction.MEAN).apply(x.logSoftmax(1), y).item(), 1e-6);
    assertGrad("nll", in -> F.nllLoss(in[0], y, w, 3, Reduction.MEAN), x);
    assertGrad("nll none", in -> F.nllLoss(in[0], y, null, -100, Reduction.NONE), x);
    var ex = assertThrows(IllegalArgumentException.class,
        () -> F.nllLoss(x, Tensor.zeros(6)));
    assertTrue(ex.getMessage().contains("int32 class indices"), ex.getMessage());
  }
}
