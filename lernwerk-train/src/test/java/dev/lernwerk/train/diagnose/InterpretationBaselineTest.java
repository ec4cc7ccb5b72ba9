package dev.lernwerk.train.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.metric.ConfusedPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpretationBaselineTest {

  @Test
  void topLossesAndMostConfused() {
    Tensor logits = Tensor.of(new float[][] {
        {3, 0, 0}, // 0: right, confident
        {0, 4, 0}, // 1: actual 0, predicted 1 -> large loss
        {0, 0, 1}, // 2: right
        {2, 0, 0}, // 3: actual 2, predicted 0
        {0, 5, 0}, // 4: actual 0, predicted 1 -> largest loss
    });
    Tensor labels = Tensor.ofInts(new int[] {0, 0, 2, 2, 0});
    var interp = Interpretation.of(logits, labels);
    List<TopLoss> top = interp.topLosses(2);
    assertEquals(4, top.get(0).index());
    assertEquals(1, top.get(1).index());
    TopLoss t = top.get(0);
    assertEquals(0, t.actual());
    assertEquals(1, t.predicted());
    // -log softmax([0, 5, 0])[0] = log(2 + e^5)
    assertEquals(Math.log(2 + Math.exp(5)), t.loss(), 1e-5);
    assertEquals(1 / (2 + Math.exp(5)), t.probability(), 1e-7);
    assertTrue(t.toText(new String[] {"cat", "dog", "pig"})
        .startsWith("#4 loss 5.013: actual cat, predicted dog (p(cat) = 0.00"), t.toText(null));
    assertEquals(List.of(new ConfusedPair(0, 1, 2), new ConfusedPair(2, 0, 1)), interp.mostConfused(5));
    assertEquals(5, interp.confusionMatrix().total());
    assertEquals(5, interp.topLosses(10).size());
  }

  @Test
  void givenLossesAreUsedAsIs() {
    Tensor logits = Tensor.zeros(3, 2);
    var interp = Interpretation.of(logits, Tensor.ofInts(new int[] {0, 1, 0}), Tensor.of(new float[] {0.1f, 9f, 0.5f}));
    assertEquals(List.of(1, 2, 0), interp.topLosses(3).stream().map(TopLoss::index).toList());
    assertArrayEquals(new int[] {1, 2}, Interpretation.topLossIndices(Tensor.of(new float[] {0.1f, 9f, 0.5f, 0.5f}), 2));
    assertArrayEquals(new int[] {2, 3}, Interpretation.topLossIndices(Tensor.of(new float[] {0.1f, 0.2f, 0.5f, 0.5f}), 2)); // ties: lower index first
    var e = assertThrows(IllegalArgumentException.class,
        () -> Interpretation.of(logits, Tensor.ofInts(new int[] {0, 1}), Tensor.zeros(3)));
    assertEquals("Interpretation.of: expected logits (N, C), labels (N) and losses (N), got [3, 2], [2] and [3]",
        e.getMessage());
  }

  @Test
  void baselines() {
    assertEquals(0.1, Baseline.chanceAccuracy(10), 1e-15);
    assertEquals(Math.log(10), Baseline.uniformCrossEntropy(10), 1e-15);
    assertEquals(2.302585092994046, Baseline.uniformCrossEntropy(10), 1e-15);
    assertEquals(0.6, Baseline.majorityAccuracy(Tensor.ofInts(new int[] {1, 1, 0, 1, 2})), 1e-15);
    // variance of 1..4 (population) = 1.25
    assertEquals(1.25, Baseline.meanPredictorMse(Tensor.of(new float[] {1, 2, 3, 4})), 1e-12);
  }

  @Test
  void comparisonTable() {
    Map<String, Double> before = new LinkedHashMap<>();
    before.put("loss", 2.3026);
    before.put("accuracy", 0.0987);
    Map<String, Double> after = new LinkedHashMap<>();
    after.put("accuracy", 0.9312);
    after.put("loss", 0.2341);
    after.put("f1_macro", 0.93);
    BaselineComparison c = Baseline.compare(before, after);
    assertEquals(List.of("loss", "accuracy", "f1_macro"), c.rows().stream().map(BaselineComparison.Row::metric).toList());
    assertEquals(0.9312 - 0.0987, c.row("accuracy").change(), 1e-15);
    assertTrue(Double.isNaN(c.row("f1_macro").untrained()));
    String expected = """
        metric    untrained  trained   change
        loss          2.303   0.2341   -2.068
        accuracy     0.0987   0.9312  +0.8325
        f1_macro        nan     0.93      nan
        """;
    assertEquals(expected, c.toText());
  }
}
