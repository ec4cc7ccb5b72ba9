package dev.lernwerk.train.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.testkit.Assert;
import dev.lernwerk.train.History;
import dev.lernwerk.train.TrainContext;
import dev.lernwerk.train.Toy;
import dev.lernwerk.train.Trainer;
import dev.lernwerk.train.callback.EarlyStopping.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  static final TensorDataset TRAIN = Toy.blobs(64, 3, 4, 1);

  /** Writes a scripted value under {@code key} into each epoch's logs, before early stopping reads it. */
  record Script(String key, double... values) implements Callback {
    @Override
    public void onEpochEnd(TrainContext c) {
      c.logs().put(key, values[c.epoch()]);
    }
  }

  /** Copies the weights at the end of every epoch (after early stopping decided, before it restores). */
  static final class Snapshots implements Callback {
    final List<float[]> weights = new ArrayList<>();

    @Override
    public int order() {
      return 11;
    }

    @Override
    public void onEpochEnd(TrainContext c) {
      weights.add(Toy.flat(c.model()));
    }
  }

  private static Trainer trainer(Module m, Callback... cbs) {
    return Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.05)).callbacks(cbs).build();
  }

  @Test
  void stopsAfterPatienceEpochsAndRestoresTheBestWeights() {
    Module m = Toy.mlp(4, 8, 3, 2);
    var early = new EarlyStopping("val_score_loss", 3);
    var snaps = new Snapshots();
    Trainer t = trainer(m, new Script("val_score_loss", 1.0, 0.8, 0.9, 0.85, 0.95, 0.1, 0.1), early, snaps);
    History h = t.fit(Toy.loader(TRAIN, 16, true, 1), null, 7);
    assertEquals(5, h.size(), "stops at the end of the third epoch in a row without improvement");
    assertEquals(1, early.bestEpoch());
    assertEquals(0.8, early.best());
    assertEquals(3, early.epochsWithoutImprovement());
    Assert.identical("weights restored to the best epoch", snaps.weights.get(1), Toy.flat(m));
    assertFalse(Arrays.equals(snaps.weights.get(4), Toy.flat(m)), "the last epoch's weights differ");
  }

  @Test
  void theStopReasonNamesTheKeyThePatienceAndTheBestEpoch() {
    Module m = Toy.mlp(4, 8, 3, 2);
    String[] reason = {null};
    Callback seeReason = new Callback() {
      @Override
      public void onFitEnd(TrainContext c) {
        reason[0] = c.stopReason();
      }
    };
    trainer(m, new Script("val_accuracy", 0.5, 0.7, 0.7, 0.6), new EarlyStopping("val_accuracy", 2), seeReason)
        .fit(Toy.loader(TRAIN, 32, false, 0), null, 4);
    assertEquals("early stopping at epoch 4: val_accuracy did not improve for 2 epochs (best 0.700000 at epoch 2)",
        reason[0]);
  }

  @Test
  void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
    Module m = Toy.mlp(4, 8, 3, 2);
    History h = trainer(m, new Script("x_loss", 1, 0.5, 0.7, 0.1), new EarlyStopping("x_loss", 0))
        .fit(Toy.loader(TRAIN, 32, false, 0), null, 4);
    assertEquals(3, h.size());
  }

  @Test
  void withoutRestoreTheLastWeightsStay() {
    Module m = Toy.mlp(4, 8, 3, 2);
    var snaps = new Snapshots();
    trainer(m, new Script("v_loss", 1, 2, 3), new EarlyStopping("v_loss", 1, 0, Mode.MIN, false), snaps)
        .fit(Toy.loader(TRAIN, 32, false, 0), null, 3);
    assertEquals(2, snaps.weights.size());
    assertArrayEquals(snaps.weights.get(1), Toy.flat(m));
  }

  @Test
  void minDeltaDecidesWhatCountsAsAnImprovement() {
    Module m = Toy.mlp(4, 8, 3, 2);
    var early = new EarlyStopping("m", 1, 0.1, Mode.MAX, true);
    History h = trainer(m, new Script("m", 0.5, 0.55, 0.58, 0.9), early).fit(Toy.loader(TRAIN, 32, false, 0), null, 4);
    assertEquals(2, h.size());
    assertEquals(0, early.bestEpoch());
  }

  @Test
  void theModeIsInferredFromTheKey() {
    for (String k : List.of("loss", "val_loss", "val_mse", "val_rmse", "mae", "val_perplexity", "val_error_rate",
        "error")) {
      assertEquals(Mode.MIN, EarlyStopping.defaultMode(k), k);
    }
    for (String k : List.of("val_accuracy", "accuracy", "val_f1_macro", "val_r2", "val_top5_accuracy", "pearson")) {
      assertEquals(Mode.MAX, EarlyStopping.defaultMode(k), k);
    }
    assertEquals(Mode.MAX, new EarlyStopping("val_accuracy", 3).mode());
    assertEquals(Mode.MIN, new EarlyStopping("val_loss", 3).mode());
  }

  @Test
  void aMissingKeyGivesAClearMessage() {
    Module m = Toy.mlp(4, 8, 3, 2);
    var e = assertThrows(IllegalStateException.class,
        () -> trainer(m, new EarlyStopping("val_loss", 2)).fit(Toy.loader(TRAIN, 32, false, 0), null, 2));
    assertEquals("EarlyStopping: the monitored value 'val_loss' is not in the logs [epoch, loss, lr, time_s,"
        + " samples_per_s] (pass validation data to fit for val_ keys)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(null, 2));
    var neg = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_loss", -1));
    assertEquals("EarlyStopping: patience must be >= 0, got -1", neg.getMessage());
  }

  @Test
  void stateRoundTripsAndSurvivesTheNextFitStart() {
    Module m = Toy.mlp(4, 8, 3, 2);
    var early = new EarlyStopping("s_loss", 5);
    trainer(m, new Script("s_loss", 1, 0.5, 0.6), early).fit(Toy.loader(TRAIN, 32, false, 0), null, 3);
    var saved = early.state();
    assertTrue(saved.keySet().containsAll(List.of("best", "best_epoch", "wait", "weights.0.weight")), saved.keySet().toString());
    var other = new EarlyStopping("s_loss", 5);
    other.restore(saved);
    other.onFitStart(null);
    assertEquals(0.5, other.best());
    assertEquals(1, other.bestEpoch());
    assertEquals(1, other.epochsWithoutImprovement());
    Assert.identical("best weights", Toy.flat(early.bestWeights()), Toy.flat(other.bestWeights()));
    // a second fit without restore starts afresh
    other.onFitStart(null);
    assertEquals(-1, other.bestEpoch());
  }
}
