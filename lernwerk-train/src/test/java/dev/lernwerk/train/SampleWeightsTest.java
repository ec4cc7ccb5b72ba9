package dev.lernwerk.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.Batch;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.nn.loss.Reduction;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-sample weights (DA-32): a weighted batch trains on Σ wᵢ·lᵢ / Σ wᵢ. */
class SampleWeightsTest {
  private static Linear model() {
    return new Linear(3, 2, true, new Generator(5));
  }

  private static Trainer trainer(Linear m) {
    return Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1))
        .perSampleLoss(new CrossEntropyLoss(Reduction.NONE))
        .build();
  }

  @Test
  void equalWeightsTrainLikeNoWeights() {
    var gen = new Generator(1);
    Tensor x = Tensor.randn(gen, 4, 3);
    Tensor y = Tensor.ofInts(new int[] {0, 1, 1, 0});
    Linear a = model();
    trainer(a).fit(List.of(new Batch(x, y)), null, 3);
    Linear b = model();
    trainer(b).fit(List.of(new Batch(x, y, Tensor.full(2f, 4), 4)), null, 3);
    assertArrayEquals(a.weight().toFloatArray(), b.weight().toFloatArray(), 1e-6f);
  }

  @Test
  void zeroWeightDropsASample() {
    var gen = new Generator(2);
    Tensor x = Tensor.randn(gen, 4, 3);
    Tensor y = Tensor.ofInts(new int[] {0, 1, 1, 0});
    Linear a = model();
    trainer(a).fit(List.of(new Batch(x.narrow(0, 0, 3), y.narrow(0, 0, 3))), null, 2);
    Linear b = model();
    Tensor w = Tensor.of(new float[] {1, 1, 1, 0});
    trainer(b).fit(List.of(new Batch(x, y, w, 4)), null, 2);
    assertArrayEquals(a.weight().toFloatArray(), b.weight().toFloatArray(), 1e-6f);
  }

  @Test
  void weightsWithoutPerSampleLossAreAnError() {
    Linear m = model();
    var t = Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1)).build();
    Tensor x = Tensor.zeros(2, 3);
    Tensor y = Tensor.ofInts(new int[] {0, 1});
    var e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(List.of(new Batch(x, y, Tensor.ones(2), 2)), null, 1));
    assertTrue(e.getMessage().contains("perSampleLoss"), e.getMessage());
  }
}
