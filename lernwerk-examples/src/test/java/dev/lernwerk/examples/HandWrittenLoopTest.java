package dev.lernwerk.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.examples.FashionMnistClassifier.Data;
import dev.lernwerk.nn.Module;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandWrittenLoopTest {

  private static int[] bits(Module m) {
    List<Integer> out = new ArrayList<>();
    for (Tensor t : m.stateDict().values()) {
      for (float f : t.toFloatArray()) {
        out.add(Float.floatToRawIntBits(f));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void theHandWrittenLoopLearnsAndEqualsTrainerFit() {
    Data data = RealData.subset(6000, 1000, 2000);
    var buf = new ByteArrayOutputStream();
    var r = HandWrittenLoop.run(data, 1, 0.003, 42, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(24, r.batchLosses().length, "6000 / 256 rounded up");
    assertTrue(r.batchLosses()[23] < 0.5 * r.batchLosses()[0], "loss falls within the epoch");
    assertTrue(r.testAccuracy() > 0.65, "test accuracy " + r.testAccuracy());
    assertTrue(r.validAccuracy() > 0.65, "valid accuracy " + r.validAccuracy());
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("epoch 1: train loss"));

    var viaTrainer = FashionMnistClassifier.train(FashionMnistClassifier.mlp(3, 64, 0, new Generator(42)), data,
        0.003, 0, 1, 42, null);
    assertArrayEquals(bits(viaTrainer.model()), bits(r.model()), "bit-identical to Trainer.fit");
    assertEquals(viaTrainer.testAccuracy(), r.testAccuracy(), 1e-12);
  }
}
