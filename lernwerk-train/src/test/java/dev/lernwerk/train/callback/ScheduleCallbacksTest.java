package dev.lernwerk.train.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.optim.schedule.Schedule;
import dev.lernwerk.optim.schedule.Schedules;
import dev.lernwerk.train.History;
import dev.lernwerk.train.TrainContext;
import dev.lernwerk.train.Toy;
import dev.lernwerk.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCallbacksTest {
  static final TensorDataset TRAIN = Toy.blobs(64, 3, 4, 1);

  /** Records, at each batch's start (after the scheduler), the step, lr and momentum the batch trains with. */
  static final class Seen implements Callback {
    final List<long[]> steps = new ArrayList<>();
    final List<double[]> values = new ArrayList<>();

    @Override
    public void onBatchStart(TrainContext c) {
      steps.add(new long[] {c.epoch(), c.step()});
      Optimizer o = c.optimizer();
      values.add(new double[] {o.learningRate(), o.groupLearningRate(0), o.hasMomentum() ? o.momentum() : 0});
    }
  }

  @Test
  void perBatchOneCycleSetsLrAndMomentumFromTheSchedules() {
    Module m = Toy.mlp(4, 8, 3, 1);
    var opt = new SGD(m.parameters(), SGD.Settings.defaults().withLr(0.1).withMomentum(0.9));
    int epochs = 3;
    long total = epochs * 4L; // 64 / 16 batches per epoch
    Schedule lr = Schedules.oneCycle(0.1, total);
    Schedule mom = Schedules.oneCycleMomentum(0.95, 0.85, total);
    var seen = new Seen();
    History h = Trainer.builder(m, new CrossEntropyLoss(), opt).callbacks(seen, new LrScheduler(lr, mom, true))
        .build().fit(Toy.loader(TRAIN, 16, true, 2), null, epochs);
    assertEquals(total, seen.steps.size());
    for (int i = 0; i < total; i++) {
      long step = seen.steps.get(i)[1];
      assertEquals(i, step);
      assertEquals(lr.at(step), seen.values.get(i)[0], "base lr at step " + step);
      assertEquals(lr.at(step), seen.values.get(i)[1], "group lr at step " + step);
      assertEquals(mom.at(step), seen.values.get(i)[2], "momentum at step " + step);
    }
    // the cycle: up to the peak, then down; momentum the other way
    assertTrue(seen.values.get(0)[0] < seen.values.get(2)[0] && seen.values.get(2)[0] > seen.values.get(11)[0]);
    assertTrue(seen.values.get(0)[2] > seen.values.get(2)[2]);
    assertEquals(lr.at(total - 1), h.last().get("lr"), "the epoch's lr log is the rate of its last batch");
  }

  @Test
  void perEpochSetsTheLrAtEachEpochStart() {
    Module m = Toy.mlp(4, 8, 3, 1);
    Schedule lr = Schedules.stepDecay(0.1, 1, 0.5);
    var seen = new Seen();
    History h = Trainer.builder(m, new CrossEntropyLoss(), new Adam(m.parameters(), 0.1))
        .callbacks(new LrScheduler(lr, false), seen).build().fit(Toy.loader(TRAIN, 32, false, 0), null, 3);
    for (int i = 0; i < seen.steps.size(); i++) {
      assertEquals(lr.at(seen.steps.get(i)[0]), seen.values.get(i)[0]);
    }
    assertArrayEquals(new double[] {0.1, 0.05, 0.025}, h.series("lr"));
  }

  @Test
  void reduceLrOnPlateauLowersTheRateAfterAPlateau() {
    Module m = Toy.mlp(4, 8, 3, 1);
    var plateau = new ReduceLrOnPlateau("val_loss", 1, 0.5);
    History h = Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1))
        .callbacks(new EarlyStoppingTest.Script("val_loss", 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9), plateau)
        .build().fit(Toy.loader(TRAIN, 32, false, 0), null, 7);
    // epoch 3 and 4 without improvement (more than patience 1) -> halved from epoch 5 on; then again
    assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025}, h.series("lr"));
    assertEquals(2, plateau.logic().state().reductions());

    // accuracy-like keys are maximised
    Module m2 = Toy.mlp(4, 8, 3, 1);
    History h2 = Trainer.builder(m2, new CrossEntropyLoss(), new SGD(m2.parameters(), 0.1))
        .callbacks(new EarlyStoppingTest.Script("val_accuracy", 0.5, 0.6, 0.7, 0.8), new ReduceLrOnPlateau(
            "val_accuracy", 0, 0.5))
        .build().fit(Toy.loader(TRAIN, 32, false, 0), null, 4);
    assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1}, h2.series("lr"));
  }

  @Test
  void reduceLrOnPlateauNamesAMissingKey() {
    Module m = Toy.mlp(4, 8, 3, 1);
    var e = assertThrows(IllegalStateException.class, () -> Trainer.builder(m, new CrossEntropyLoss(),
        new SGD(m.parameters(), 0.1)).callbacks(new ReduceLrOnPlateau("val_loss", 1, 0.5)).build()
        .fit(Toy.loader(TRAIN, 32, false, 0), null, 1));
    assertTrue(e.getMessage().startsWith("ReduceLrOnPlateau: the monitored value 'val_loss' is not in the logs"),
        e.getMessage());
  }
}
