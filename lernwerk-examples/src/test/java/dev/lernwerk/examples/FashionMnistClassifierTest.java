package dev.lernwerk.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.examples.FashionMnistClassifier.Data;
import dev.lernwerk.examples.FashionMnistClassifier.Result;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.tensor.Generator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FashionMnistClassifierTest {

  /** The course's first part on the real data: one training run of 5 epochs (~10 s). */
  @Test
  void theCourseMlpReachesTheExpectedTestAccuracyAndF1() {
    Data data = RealData.full();
    Result r = FashionMnistClassifier.train(FashionMnistClassifier.mlp(3, 64, 0, new Generator(42)), data, 0.003, 0,
        5, 42, null);
    assertTrue(r.testAccuracy() >= 0.85, "test accuracy " + r.testAccuracy());
    assertTrue(r.testMacroF1() >= 0.84, "test macro F1 " + r.testMacroF1());
    assertEquals(5, r.history().size());
    assertTrue(r.history().last().get("val_accuracy") >= 0.85, r.history().toTable());
    assertTrue(r.untrained().get("accuracy") < 0.2, "untrained baseline " + r.untrained());
    assertEquals(r.testAccuracy(), r.test().get("accuracy"), 1e-9);
    assertEquals(10000, r.confusion().total());

    var buf = new ByteArrayOutputStream();
    FashionMnistClassifier.report(new PrintStream(buf, true, StandardCharsets.UTF_8), "MLP", r, data.classNames());
    String text = buf.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("most confused (true class → predicted class: count):"), text);
    var top = r.confusion().mostConfused(1).get(0);
    assertTrue(text.contains("  " + data.classNames().get(top.actual()) + " → "
        + data.classNames().get(top.predicted()) + ": " + top.count() + "\n"), text);
    assertTrue(text.contains("macro avg"), "the per-class report: " + text);
  }

  @Test
  void loadScalesToMinusOneOneAndSplitsEightyTwenty() {
    Data d = RealData.full();
    assertArrayEquals(new int[] {48000, 784}, d.train().inputs().shape());
    assertEquals(12000, d.valid().size());
    assertEquals(10000, d.test().size());
    assertEquals(-1f, d.train().inputs().min().item());
    assertEquals(1f, d.train().inputs().max().item());
    assertEquals("Ankle boot", d.classNames().get(9));
  }

  @Test
  void theMlpIsTheCourses() {
    Sequential m = FashionMnistClassifier.mlp(3, 64, 0, new Generator(1));
    assertEquals(59_210, m.parameterCount());
    assertEquals(7, m.size());
    assertEquals(10, FashionMnistClassifier.mlp(3, 32, 0.2, new Generator(1)).size(), "with dropout layers");
  }

  @Test
  void optionsAreCheckedByName() {
    assertEquals(Map.of("epochs", "3", "seed", "1"),
        FashionMnistClassifier.parse("P", "--epochs N, --seed S", new String[] {"--epochs", "3", "--seed", "1"}));
    var e = assertThrows(IllegalArgumentException.class,
        () -> FashionMnistClassifier.parse("P", "--epochs N, --seed S", new String[] {"--epoch", "3"}));
    assertEquals("P: unknown option --epoch (expected --epochs N, --seed S)", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> FashionMnistClassifier.parse("P", "--epochs N", new String[] {"--epochs"}));
    assertEquals("P: expected --option value pairs (--epochs N), got '--epochs'", e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> FashionMnistClassifier.main(new String[] {"--part", "everything", "--data", "/nonexistent"}));
    assertTrue(e3.getMessage().contains("--part must be explore, train, compare, grid or all, got 'everything'"));
  }
}
