package dev.lernwerk.train.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RegressionRankingOverlapTest {
  private static final double EPS = 1e-6; // inputs are float32

  private static Tensor f(float... v) {
    return Tensor.of(v);
  }

  @Test
  void regressionMatchesSklearnDocExamples() {
    // sklearn mean_squared_error / mean_absolute_error / r2_score docstrings
    Tensor yTrue = f(3, -0.5f, 2, 7);
    Tensor yPred = f(2.5f, 0, 2, 8);
    assertEquals(0.375, Metrics.mse(yPred, yTrue), EPS);
    assertEquals(Math.sqrt(0.375), Metrics.rmse(yPred, yTrue), EPS);
    assertEquals(0.5, Metrics.mae(yPred, yTrue), EPS);
    assertEquals(0.9486081370449679, Metrics.r2(yPred, yTrue), EPS);
    // multi-output: y_true=[[0.5, 1], [-1, 1], [7, -6]], y_pred=[[0, 2], [-1, 2], [8, -5]]
    Tensor mTrue = Tensor.of(new float[][] {{0.5f, 1}, {-1, 1}, {7, -6}});
    Tensor mPred = Tensor.of(new float[][] {{0, 2}, {-1, 2}, {8, -5}});
    assertEquals(0.7083333333333334, Metrics.mse(mPred, mTrue), EPS);
    assertEquals(0.75, Metrics.mae(mPred, mTrue), EPS);
    assertEquals(0.9368005266622779, Metrics.r2(mPred, mTrue), EPS); // uniform_average
  }

  @Test
  void r2EdgeCasesFollowSklearn() {
    assertEquals(1.0, Metrics.r2(f(1, 2, 3), f(1, 2, 3)), 0);
    assertEquals(0.0, Metrics.r2(f(2, 2, 2), f(1, 2, 3)), 0);
    assertEquals(-3.0, Metrics.r2(f(3, 2, 1), f(1, 2, 3)), EPS);
    assertEquals(1.0, Metrics.r2(f(-2, -2, -2), f(-2, -2, -2)), 0); // constant target, exact
    assertEquals(0.0, Metrics.r2(f(-2, -2, -1.9f), f(-2, -2, -2)), 0); // constant target, missed
  }

  @Test
  void regressionAcceptsSize1DimsButNeverBroadcasts() {
    Tensor pred = Tensor.of(new float[] {2.5f, 0, 2, 8}, 4, 1);
    assertEquals(0.375, Metrics.mse(pred, f(3, -0.5f, 2, 7)), EPS);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.mse(Tensor.zeros(4, 2), f(3, -0.5f, 2, 7)));
    assertEquals("mse: prediction shape [4, 2] differs from target shape [4] (they are compared "
        + "elementwise, never broadcast)", e.getMessage());
  }

  @Test
  void pearsonByHand() {
    // dx = -2..2, dy = -2,0,1,0,1: r = 6 / sqrt(10 * 6)
    assertEquals(6 / Math.sqrt(60), Metrics.pearson(f(1, 2, 3, 4, 5), f(2, 4, 5, 4, 5)), 1e-12);
    assertEquals(-1.0, Metrics.pearson(f(1, 2, 3), f(3, 2, 1)), 1e-12);
    assertTrue(Double.isNaN(Metrics.pearson(f(1, 1, 1), f(1, 2, 3))));
  }

  @Test
  void rocMatchesSklearnDocExample() {
    // sklearn roc_curve docstring: y=[1,1,2,2] (pos_label=2), scores=[0.1, 0.4, 0.35, 0.8]
    RocCurve r = Metrics.roc(f(0.1f, 0.4f, 0.35f, 0.8f), Tensor.ofInts(new int[] {0, 0, 1, 1}));
    assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, r.fpr(), 0);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, r.tpr(), 0);
    assertEquals(Double.POSITIVE_INFINITY, r.thresholds()[0]);
    assertArrayEquals(new double[] {0.8, 0.4, 0.35, 0.1},
        java.util.Arrays.copyOfRange(r.thresholds(), 1, 5), 1e-7);
    // roc_auc_score docstring value
    assertEquals(0.75, r.auc(), 1e-15);
    assertEquals(0.75, Metrics.rocAuc(f(0.1f, 0.4f, 0.35f, 0.8f), Tensor.ofInts(new int[] {0, 0, 1, 1})), 0);
  }

  @Test
  void rocTiesCountHalf() {
    // positives {0.5, 0.9}, negatives {0.5, 0.2}: 3 wins + one tie = 3.5 / 4
    assertEquals(0.875, Metrics.rocAuc(f(0.5f, 0.5f, 0.2f, 0.9f), Tensor.ofInts(new int[] {0, 1, 0, 1})), 1e-15);
    assertEquals(0.5, Metrics.rocAuc(f(1, 1, 1, 1), Tensor.ofInts(new int[] {0, 1, 0, 1})), 1e-15);
    // (N, 2) probabilities: column 1 is the positive score
    Tensor probs = Tensor.of(new float[][] {{0.9f, 0.1f}, {0.6f, 0.4f}, {0.65f, 0.35f}, {0.2f, 0.8f}});
    assertEquals(0.75, Metrics.rocAuc(probs, Tensor.ofInts(new int[] {0, 0, 1, 1})), 1e-15);
  }

  @Test
  void rocAucEqualsPairwiseProbabilityOnRandomTiedScores() {
    var gen = new Generator(7);
    int n = 300;
    float[] s = new float[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = gen.nextDouble() < 0.2 ? 1 : 0; // imbalanced
      s[i] = Math.round((gen.nextFloat() + 0.3f * y[i]) * 10) / 10f; // coarse: many ties
    }
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 0) {
          wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    RocCurve r = Metrics.roc(Tensor.of(s), Tensor.ofInts(y));
    assertEquals(wins / pairs, r.auc(), 1e-12);
    assertEquals(0.0, r.fpr()[0], 0);
    assertEquals(1.0, r.tpr()[r.size() - 1], 0);
  }

  @Test
  void rocNeedsBothClasses() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.roc(f(0.1f, 0.2f), Tensor.ofInts(new int[] {1, 1})));
    assertTrue(e.getMessage().startsWith("roc: only one class present in the labels"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.roc(f(0.1f, 0.2f), Tensor.ofInts(new int[] {0, 2})));
    assertEquals("roc: labels must be 0 or 1, got 2 at index 1", e.getMessage());
  }

  @Test
  void crossEntropyAndPerplexity() {
    // -log softmax([1, 2, 3])[2] = log(1 + e^-1 + e^-2)
    Tensor logits = Tensor.of(new float[][] {{1, 2, 3}});
    assertEquals(Math.log(1 + Math.exp(-1) + Math.exp(-2)), Metrics.crossEntropy(logits, Tensor.ofInts(new int[] {2})), 1e-7);
    // uniform logits over V tokens: NLL ln V, perplexity V
    Tensor uniform = Tensor.zeros(6, 50);
    Tensor targets = Tensor.ofInts(new int[] {0, 7, 13, 49, 20, 1});
    assertEquals(Math.log(50), Metrics.crossEntropy(uniform, targets), 1e-9);
    assertEquals(50, Metrics.perplexity(uniform, targets), 1e-7);
    assertEquals(10, Metrics.perplexity(Math.log(10)), 1e-12);
    assertEquals(1, Metrics.perplexity(0), 0);
    Tensor per = Metrics.crossEntropyPerSample(Tensor.of(new float[][] {{0, 0}, {1000, 0}}), Tensor.ofInts(new int[] {1, 0}));
    assertArrayEquals(new float[] {(float) Math.log(2), 0f}, per.toFloatArray(), 1e-6f); // stable for large logits
  }

  @Test
  void maskIouAndDice() {
    Tensor a = Tensor.ofInts(new int[] {1, 1, 0, 0}, 2, 2);
    Tensor b = Tensor.ofInts(new int[] {1, 0, 1, 0}, 2, 2);
    assertEquals(1.0 / 3, Metrics.iou(a, b), 1e-15);
    assertEquals(0.5, Metrics.dice(a, b), 1e-15);
    assertEquals(1.0, Metrics.iou(a, a), 0);
    Tensor empty = Tensor.zeros(2, 2);
    assertEquals(1.0, Metrics.iou(empty, empty), 0);
    assertEquals(1.0, Metrics.dice(empty, empty), 0);
    assertEquals(0.0, Metrics.iou(a, empty), 0);
    // bool masks from a comparison work too
    assertEquals(1.0 / 3, Metrics.iou(Tensor.of(new float[] {0.9f, 0.8f, 0.1f, 0.2f}, 2, 2).gt(0.5f), b), 1e-15);
    // dice = 2 iou / (1 + iou)
    double iou = Metrics.iou(a, b);
    assertEquals(2 * iou / (1 + iou), Metrics.dice(a, b), 1e-15);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.iou(Tensor.of(new float[] {0.7f, 1, 0, 0}, 2, 2), b));
    assertEquals("iou: prediction mask values must be 0 or 1, got 0.7 at flat index 0 (threshold "
        + "probabilities first, e.g. probs.gt(0.5))", e.getMessage());
  }

  @Test
  void boxIouAndDice() {
    double[] a = {0, 0, 2, 2};
    double[] b = {1, 1, 3, 3};
    assertEquals(1.0 / 7, Metrics.boxIou(a, b), 1e-15);
    assertEquals(2.0 / 8, Metrics.boxDice(a, b), 1e-15);
    assertEquals(0.0, Metrics.boxIou(a, new double[] {2, 2, 3, 3}), 0); // touching corners
    assertEquals(1.0, Metrics.boxIou(a, a), 0);
    Tensor ba = Tensor.of(new float[][] {{0, 0, 2, 2}, {0, 0, 1, 1}});
    Tensor bb = Tensor.of(new float[][] {{1, 1, 3, 3}, {0, 0, 2, 2}, {5, 5, 6, 6}});
    Tensor m = Metrics.boxIou(ba, bb);
    assertArrayEquals(new int[] {2, 3}, m.shape());
    assertArrayEquals(new float[] {1f / 7, 1, 0, 0, 0.25f, 0}, m.toFloatArray(), 1e-7f);
    Tensor d = Metrics.boxDice(ba, bb);
    assertArrayEquals(new float[] {0.25f, 1, 0, 0, 0.4f, 0}, d.toFloatArray(), 1e-7f);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.boxIou(new double[] {2, 0, 1, 1}, b));
    assertEquals("boxIou: box a [2.0, 0.0, 1.0, 1.0] is not (x1, y1, x2, y2) with x1 <= x2 and "
        + "y1 <= y2", e.getMessage());
  }
}
