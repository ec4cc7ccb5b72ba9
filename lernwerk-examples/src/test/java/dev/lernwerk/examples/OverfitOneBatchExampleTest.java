package dev.lernwerk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.train.diagnose.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OverfitOneBatchExampleTest {

  @Test
  void theCourseMlpMemorisesOneBatchButNotTheTask() {
    var buf = new ByteArrayOutputStream();
    var r = OverfitOneBatchExample.run(RealData.subset(2000, 10, 2000), 256, 100, 0.003, 42,
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(Verdict.FALLING_TO_ZERO, r.overfit().diagnosis().verdict(), r.overfit().summary());
    assertEquals(100, r.overfit().losses().length);
    assertTrue(r.overfit().losses()[99] < 0.01, r.overfit().summary());
    assertEquals(1.0, r.batchAccuracy());
    assertEquals(1.0, r.overfit().finalBatchAccuracy());
    assertTrue(r.batchLoss() < 0.01, "batch loss " + r.batchLoss());
    assertTrue(r.testAccuracy() > 0.5 && r.testAccuracy() < 0.85, "test accuracy " + r.testAccuracy());
    assertTrue(r.testLoss() > 10 * r.batchLoss());
    String text = buf.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("diagnosis: FALLING_TO_ZERO") && text.contains("step 100")
        && text.contains("on the trained batch: loss") && text.contains("The batch is memorised"), text);
  }

  @Test
  void aLearningRateFarTooHighExplodes() {
    var r = OverfitOneBatchExample.run(RealData.subset(512, 10, 500), 256, 60, 3.0, 42, null);
    assertEquals(Verdict.EXPLODING, r.overfit().diagnosis().verdict(), r.overfit().summary());
    assertTrue(r.batchAccuracy() < 1.0, "batch accuracy " + r.batchAccuracy());
  }
}
