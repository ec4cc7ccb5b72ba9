package dev.lernwerk.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.nn.loss.MSELoss;
import dev.lernwerk.nn.loss.Reduction;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What a user sees when the data, the model and the loss do not fit together. */
class BadInputTest {

  private static Trainer trainer(Module m, Loss loss) {
    return Trainer.builder(m, loss, new SGD(m.parameters(), 0.1)).build();
  }

  @Test
  void aLabelOutOfRangeNamesTheLabelItsIndexAndTheClassCount() {
    TensorDataset ok = Toy.blobs(48, 3, 4, 1);
    int[] y = ok.targets().toIntArray();
    y[16 + 5] = 7; // sample 5 of the second batch
    var bad = new TensorDataset(ok.inputs(), Tensor.wrapInts(y, 48));
    var e = assertThrows(IllegalArgumentException.class,
        () -> trainer(Toy.mlp(4, 8, 3, 1), new CrossEntropyLoss()).fit(Toy.loader(bad, 16, false, 0), null, 1));
    assertEquals("Trainer.fit: epoch 1, batch 2 (step 2): crossEntropy: label 7 at index 5 is out of range for 3"
        + " classes (expected 0..2 or ignoreIndex -100)", e.getMessage());
    assertTrue(e.getCause() instanceof IndexOutOfBoundsException);
    // evaluate says which batch, too
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> trainer(Toy.mlp(4, 8, 3, 1), new CrossEntropyLoss()).evaluate(Toy.loader(bad, 16, false, 0)));
    assertTrue(e2.getMessage().startsWith("Trainer.evaluate: batch 2: crossEntropy: label 7 at index 5"),
        e2.getMessage());
  }

  @Test
  void aModelOutputThatDoesNotFitTheLossNamesBothShapes() {
    TensorDataset blobs = Toy.blobs(32, 3, 4, 1);
    // one-hot targets for 3 classes, a model with 2 outputs
    var oneHot = new TensorDataset(blobs.inputs(), blobs.targets().oneHot(3).toFloat());
    var e = assertThrows(IllegalArgumentException.class,
        () -> trainer(Toy.mlp(4, 8, 2, 1), new CrossEntropyLoss()).fit(Toy.loader(oneHot, 16, false, 0), null, 1));
    assertTrue(e.getMessage().startsWith("Trainer.fit: epoch 1, batch 1 (step 1): crossEntropy: input shape [16, 2]"
        + " and target shape [16, 3] do not match"), e.getMessage());
    // regression: a (N, 1) output against (N) targets
    var flat = new TensorDataset(blobs.inputs(), blobs.targets().toFloat());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> trainer(Toy.mlp(4, 8, 1, 1), new MSELoss()).fit(Toy.loader(flat, 16, false, 0), null, 1));
    assertTrue(e2.getMessage().startsWith("Trainer.fit: epoch 1, batch 1 (step 1): mseLoss: input shape [16, 1] and"
        + " target shape [16] differ"), e2.getMessage());
  }

  @Test
  void aLossThatIsNotAScalarIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> trainer(Toy.mlp(4, 8, 3, 1), new CrossEntropyLoss(Reduction.NONE))
            .fit(Toy.loader(Toy.blobs(32, 3, 4, 1), 16, false, 0), null, 1));
    assertEquals("Trainer.fit: epoch 1, batch 1 (step 1): the loss must be a scalar, got shape [16] (use the MEAN or"
        + " SUM reduction)", e.getMessage());
  }

  @Test
  void anInputOfTheWrongWidthNamesTheLayer() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> trainer(Toy.mlp(5, 8, 3, 1), new CrossEntropyLoss())
            .fit(Toy.loader(Toy.blobs(32, 3, 4, 1), 16, false, 0), null, 1));
    assertTrue(e.getMessage().startsWith("Trainer.fit: epoch 1, batch 1 (step 1): "), e.getMessage());
    assertTrue(e.getMessage().contains("[16, 4]"), e.getMessage());
  }
}
