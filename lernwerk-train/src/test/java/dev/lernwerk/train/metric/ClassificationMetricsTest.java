package dev.lernwerk.train.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  private static final double EPS = 1e-12;

  private static Tensor ints(int... v) {
    return Tensor.ofInts(v);
  }

  @Test
  void accuracyFromScoresAndFromPredictions() {
    Tensor logits = Tensor.of(new float[][] {{2, 1, 0}, {0, 3, 1}, {1, 1, 5}, {4, 0, 0}});
    Tensor labels = ints(0, 1, 1, 2);
    assertEquals(0.5, Metrics.accuracy(logits, labels), EPS);
    assertEquals(0.5, Metrics.errorRate(logits, labels), EPS);
    assertEquals(0.75, Metrics.accuracy(ints(0, 1, 1, 0), labels), EPS);
    // float labels holding whole numbers are accepted
    assertEquals(0.5, Metrics.accuracy(logits, Tensor.of(new float[] {0, 1, 1, 2})), EPS);
    // ties: the first maximum wins, as argmax does
    assertEquals(1.0, Metrics.accuracy(Tensor.of(new float[][] {{1, 1}}), ints(0)), EPS);
    // leading dims: (B, T, C) against (B, T)
    Tensor seq = Tensor.of(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, 2, 2, 2);
    assertEquals(0.75, Metrics.accuracy(seq, Tensor.ofInts(new int[] {0, 1, 1, 1}, 2, 2)), EPS);
  }

  @Test
  void accuracyRejectsBadInputWithAClearMessage() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.zeros(4, 3), ints(0, 1, 2)));
    assertEquals("accuracy: output shape [4, 3] does not fit labels shape [3] (expected scores "
        + "[3, C] or predicted classes [3])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.of(new float[] {0.7f, 0.2f}), ints(1, 0)));
    assertTrue(e.getMessage().startsWith("accuracy: predictions must be class indices, got 0.7"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.accuracy(Tensor.zeros(2, 1), ints(1, 0)));
    assertTrue(e.getMessage().contains("single class column"), e.getMessage());
  }

  @Test
  void topKMatchesSklearnDocExample() {
    // sklearn top_k_accuracy_score docstring: k=2 -> 0.75
    Tensor scores = Tensor.of(new float[][] {
        {0.5f, 0.2f, 0.2f}, {0.3f, 0.4f, 0.2f}, {0.2f, 0.4f, 0.3f}, {0.7f, 0.2f, 0.1f}});
    Tensor y = ints(0, 1, 2, 2);
    assertEquals(0.75, Metrics.topKAccuracy(scores, y, 2), EPS);
    assertEquals(1.0, Metrics.topKAccuracy(scores, y, 3), EPS);
    assertEquals(Metrics.accuracy(scores, y), Metrics.topKAccuracy(scores, y, 1), EPS);
  }

  @Test
  void topKTieRuleAgreesWithArgmax() {
    // the true class 2 ties with classes 0 and 1: its rank is 2 (two lower indices tie)
    Tensor scores = Tensor.of(new float[][] {{1, 1, 1}});
    assertEquals(0.0, Metrics.topKAccuracy(scores, ints(2), 2), EPS);
    assertEquals(1.0, Metrics.topKAccuracy(scores, ints(2), 3), EPS);
    assertEquals(1.0, Metrics.topKAccuracy(scores, ints(0), 1), EPS);
  }

  @Test
  void confusionMatrixMatchesSklearnDocExample() {
    // sklearn confusion_matrix docstring
    ConfusionMatrix cm = Metrics.confusionMatrix(ints(0, 0, 2, 2, 0, 2), ints(2, 0, 2, 2, 0, 1), 3);
    assertArrayEquals(new int[] {2, 0, 0}, cm.counts()[0]);
    assertArrayEquals(new int[] {0, 0, 1}, cm.counts()[1]);
    assertArrayEquals(new int[] {1, 0, 2}, cm.counts()[2]);
    assertEquals(6, cm.total());
    assertEquals(4.0 / 6, cm.accuracy(), EPS);
    assertEquals(3, cm.support(2));
    assertEquals(3, cm.predictedCount(2));
  }

  @Test
  void f1PrecisionRecallMatchSklearnDocExample() {
    // sklearn f1_score / precision_recall_fscore_support docstrings:
    // y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1]
    ConfusionMatrix cm = Metrics.confusionMatrix(ints(0, 2, 1, 0, 0, 1), ints(0, 1, 2, 0, 1, 2), 3);
    assertEquals(0.26666666666666666, cm.macroF1(), 1e-15);
    assertEquals(0.3333333333333333, cm.microF1(), 1e-15);
    assertEquals(0.26666666666666666, cm.weightedF1(), 1e-15);
    assertEquals(0.8, cm.f1(0), EPS);
    assertEquals(0.0, cm.f1(1), EPS);
    assertEquals(0.0, cm.f1(2), EPS);
    // precision_score docstring: macro 0.22, micro 0.33, weighted 0.22, per class [0.66, 0, 0]
    assertEquals(2.0 / 9, cm.macroPrecision(), EPS);
    assertEquals(1.0 / 3, cm.microPrecision(), EPS);
    assertEquals(2.0 / 9, cm.weightedPrecision(), EPS);
    assertEquals(2.0 / 3, cm.precision(0), EPS);
    // recall_score docstring: macro 0.33, micro 0.33, weighted 0.33, per class [1, 0, 0]
    assertEquals(1.0 / 3, cm.macroRecall(), EPS);
    assertEquals(1.0 / 3, cm.microRecall(), EPS);
    assertEquals(1.0 / 3, cm.weightedRecall(), EPS);
    assertEquals(1.0, cm.recall(0), EPS);
    assertEquals(cm.macroF1(), cm.f1(Average.MACRO), 0);
  }

  @Test
  void classesAbsentFromLabelsAndPredictionsAreLeftOutOfMacroAverages() {
    ConfusionMatrix three = Metrics.confusionMatrix(ints(0, 2, 1, 0, 0, 1), ints(0, 1, 2, 0, 1, 2), 3);
    ConfusionMatrix five = Metrics.confusionMatrix(ints(0, 2, 1, 0, 0, 1), ints(0, 1, 2, 0, 1, 2), 5);
    assertEquals(three.macroF1(), five.macroF1(), EPS);
    assertEquals(three.macroPrecision(), five.macroPrecision(), EPS);
    assertEquals(three.weightedF1(), five.weightedF1(), EPS);
    // a class only predicted (never true) still counts, as in sklearn: f1 0 pulls the mean down
    ConfusionMatrix predictedOnly = Metrics.confusionMatrix(ints(0, 1), ints(0, 0), 2);
    assertEquals((2.0 / 3 + 0) / 2, predictedOnly.macroF1(), EPS);
  }

  @Test
  void zeroDivisionGivesZero() {
    ConfusionMatrix cm = Metrics.confusionMatrix(ints(0, 0), ints(1, 1), 2);
    assertEquals(0.0, cm.precision(1), 0); // nothing predicted as 1
    assertEquals(0.0, cm.recall(0), 0); // no true 0
    assertEquals(0.0, cm.f1(1), 0);
    assertEquals(0.0, cm.macroF1(), 0);
  }

  @Test
  void classificationReportMatchesSklearnDocOutput() {
    // sklearn classification_report docstring: y_true=[0,1,2,2,2], y_pred=[0,0,2,2,1]
    ConfusionMatrix cm = Metrics.confusionMatrix(ints(0, 0, 2, 2, 1), ints(0, 1, 2, 2, 2), 3);
    String expected = """
                      precision    recall  f1-score   support

             class 0       0.50      1.00      0.67         1
             class 1       0.00      0.00      0.00         1
             class 2       1.00      0.67      0.80         3

            accuracy                           0.60         5
           macro avg       0.50      0.56      0.49         5
        weighted avg       0.70      0.60      0.61         5
        """;
    assertEquals(expected,
        Metrics.classificationReport(cm, new String[] {"class 0", "class 1", "class 2"}));
  }

  @Test
  void reportNotesClassesLeftOutOfTheMacroAverage() {
    ConfusionMatrix cm = Metrics.confusionMatrix(ints(0, 1), ints(0, 1), 3);
    String r = cm.report(new String[] {"cat", "dog", "pig"});
    assertTrue(r.contains("left out of the macro average: pig"), r);
    assertTrue(r.contains("   macro avg       1.00      1.00      1.00         2"), r);
  }

  @Test
  void pythonStyleRoundingOfTies() {
    assertEquals("0.12", TextTable.fixed(0.125, 2)); // exact binary tie, to even
    assertEquals("0.38", TextTable.fixed(0.375, 2));
    assertEquals("0.67", TextTable.fixed(2.0 / 3, 2));
    assertEquals("1.00", TextTable.fixed(1.005, 2)); // 1.005 is 1.00499... in binary
  }

  @Test
  void confusionMatrixTextHasNamesTotalsAndAlignedColumns() {
    ConfusionMatrix cm = Metrics.confusionMatrix(ints(0, 2, 1, 0, 0, 1), ints(0, 1, 2, 0, 1, 2), 3);
    String text = cm.toText(new String[] {"cat", "dog", "elephant"});
    String expected = """
        actual \\ predicted  cat  dog  elephant  total
        cat                   2    0         0      2
        dog                   1    0         1      2
        elephant              0    2         0      2
        total                 3    2         1      6
        """;
    assertEquals(expected, text);
    List<String> lines = text.lines().toList();
    for (String l : lines) {
      assertEquals(lines.get(0).length(), l.length(), "line not aligned: " + l);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> cm.toText(new String[] {"a"}));
    assertEquals("ConfusionMatrix.toText: expected 3 class names, got 1 [a]", e.getMessage());
  }

  @Test
  void mostConfusedPairsLargestFirst() {
    // actual: 0 0 0 1 1 2 2 2 2, predicted: 1 1 0 0 1 0 0 0 2
    ConfusionMatrix cm = Metrics.confusionMatrix(
        ints(1, 1, 0, 0, 1, 0, 0, 0, 2), ints(0, 0, 0, 1, 1, 2, 2, 2, 2), 3);
    List<ConfusedPair> top = cm.mostConfused(10);
    assertEquals(List.of(new ConfusedPair(2, 0, 3), new ConfusedPair(0, 1, 2),
        new ConfusedPair(1, 0, 1)), top);
    assertEquals(List.of(new ConfusedPair(2, 0, 3)), cm.mostConfused(1));
    assertEquals("pig → cat: 3", top.get(0).toText(new String[] {"cat", "dog", "pig"}));
  }

  @Test
  void iouPerClassAndMean() {
    ConfusionMatrix cm = ConfusionMatrix.of(new int[][] {{3, 1}, {2, 4}});
    assertEquals(3.0 / (3 + 1 + 2), cm.iou(0), EPS);
    assertEquals(4.0 / (4 + 2 + 1), cm.iou(1), EPS);
    assertEquals((0.5 + 4.0 / 7) / 2, cm.meanIou(), EPS);
  }

  @Test
  void labelsOutOfRangeAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.confusionMatrix(ints(0, 1), ints(0, 3), 3));
    assertEquals("confusionMatrix: label 3 at index 1 is outside [0, 3) for numClasses=3",
        e.getMessage());
  }

  @Test
  void predictedClassesIsArgmaxOverTheLastDim() {
    Tensor p = Metrics.predictedClasses(Tensor.of(new float[][] {{0, 2, 1}, {5, 5, 1}}));
    assertArrayEquals(new int[] {2}, p.shape());
    assertArrayEquals(new int[] {1, 0}, p.toIntArray());
  }
}
