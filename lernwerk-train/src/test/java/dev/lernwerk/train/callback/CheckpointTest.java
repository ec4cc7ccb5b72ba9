package dev.lernwerk.train.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.Assert;
import dev.lernwerk.train.History;
import dev.lernwerk.train.Stateful;
import dev.lernwerk.train.TrainContext;
import dev.lernwerk.train.Toy;
import dev.lernwerk.train.Trainer;
import dev.lernwerk.train.metric.AccuracyMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  static final TensorDataset TRAIN = Toy.blobs(80, 3, 4, 1);
  static final TensorDataset VALID = Toy.blobs(30, 3, 4, 2);
  static final int BATCHES = 5; // 80 / 16

  /** One complete, seeded training setup: a fresh one for every run. */
  static final class Setup {
    final Sequential model = Toy.mlpWithDropout(4, 16, 3, 0.3, 17);
    final Optimizer opt = new Adam(model.parameters(), 0.01);
    final DataLoader<Example> loader = Toy.loader(TRAIN, 16, true, 99);
    final DataLoader<Example> valid = Toy.loader(VALID, 30, false, 0);
    final EarlyStopping early = new EarlyStopping("val_loss", 10);
    final ReduceLrOnPlateau plateau = new ReduceLrOnPlateau("val_loss", 0, 0.5);
    final Checkpoint ckpt;

    Setup(Path dir) {
      ckpt = new Checkpoint(dir, "val_loss").track("loader", Stateful.of(loader));
    }

    Trainer trainer(Callback... extra) {
      return Trainer.builder(model, new CrossEntropyLoss(), opt).metrics(new AccuracyMetric())
          .callbacks(early, plateau, ckpt).callbacks(extra).build();
    }
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void writesLastAndBestAtomicallyWithEverythingAResumeNeeds(@TempDir Path dir) throws IOException {
    Setup s = new Setup(dir);
    History h = s.trainer().fit(s.loader, s.valid, 3);
    assertEquals(Set.of(Checkpoint.LAST, Checkpoint.BEST), files(dir), "no temporary files are left");
    var last = SafeTensors.read(dir.resolve(Checkpoint.LAST));
    Set<String> keys = last.tensors().keySet();
    for (String k : s.model.stateDict().keySet()) {
      assertTrue(keys.contains("model." + k), k);
    }
    assertTrue(keys.contains("optimizer.step_count") && keys.contains("optimizer.state.0.0.exp_avg"), keys.toString());
    assertTrue(keys.contains("rng.2.rng"), "the dropout generator: " + keys);
    assertTrue(keys.contains("loader.state"), keys.toString());
    assertTrue(keys.contains("callbacks.EarlyStopping.best") && keys.contains("callbacks.ReduceLrOnPlateau.num_bad"),
        "early stopping and plateau state: " + keys);
    assertEquals("3", last.metadata().get("epoch"));
    assertEquals(Integer.toString(3 * BATCHES), last.metadata().get("step"));
    assertEquals("val_loss", last.metadata().get("monitor"));

    double[] val = h.series("val_loss");
    int best = 0;
    for (int i = 1; i < val.length; i++) {
      best = val[i] < val[best] ? i : best;
    }
    var bestFile = SafeTensors.read(dir.resolve(Checkpoint.BEST));
    assertEquals(Integer.toString(best + 1), bestFile.metadata().get("epoch"));
    assertEquals(val[best], Double.parseDouble(bestFile.metadata().get("best")));
    // early stopping restored the best epoch's weights at the end: those of best.safetensors
    Assert.identical("best file = restored weights", Toy.flat(s.model),
        Toy.flat(prefixed(bestFile.tensors(), "model.", s.model.stateDict().keySet())));
  }

  /** The model entries of a checkpoint in the model's own key order. */
  private static java.util.LinkedHashMap<String, Tensor> prefixed(Map<String, Tensor> all, String prefix,
      Set<String> order) {
    var out = new java.util.LinkedHashMap<String, Tensor>();
    for (String k : order) {
      out.put(k, all.get(prefix + k));
    }
    return out;
  }

  @Test
  void resumeRestoresModelOptimizerGeneratorsLoaderAndCallbacks(@TempDir Path dir) {
    Setup s = new Setup(dir);
    Setup fresh = new Setup(dir);
    Trainer t = fresh.trainer();
    assertEquals(0, new Checkpoint(dir.resolve("none"), null).resume(t), "no checkpoint yet: nothing to do");
    s.trainer().fit(s.loader, s.valid, 2);
    assertEquals(2, fresh.ckpt.resume(t));
    Assert.identical("weights", Toy.flat(s.model), Toy.flat(fresh.model));
    assertEquals(s.opt.stateDict().keySet(), fresh.opt.stateDict().keySet());
    for (var e : s.opt.stateDict().entrySet()) {
      Tensor other = fresh.opt.stateDict().get(e.getKey());
      assertEquals(Toy.exact(e.getValue()), Toy.exact(other), e.getKey());
    }
    assertArrayEquals(s.model.namedGenerators().get("2.rng").state(),
        fresh.model.namedGenerators().get("2.rng").state());
    assertEquals(s.loader.state(), fresh.loader.state());
    assertEquals(s.early.best(), fresh.early.best());
    assertEquals(s.plateau.logic().state(), fresh.plateau.logic().state());
    assertEquals(s.ckpt.best(), fresh.ckpt.best());
  }

  /** Throws in the middle of an epoch, like a kill after the previous epoch's checkpoint. */
  record Kill(int epoch, int batch) implements Callback {
    @Override
    public void onBatchStart(TrainContext c) {
      if (c.epoch() == epoch && c.batchIndex() == batch) {
        throw new IllegalStateException("killed");
      }
    }
  }

  @Test
  void aRunResumedAfterAKillEndsBitIdenticalToAnUninterruptedOne(@TempDir Path dir) {
    int epochs = 5;
    Setup full = new Setup(dir.resolve("full"));
    History fullHistory = full.trainer().fit(full.loader, full.valid, epochs);

    Path runDir = dir.resolve("killed");
    Setup killed = new Setup(runDir);
    var e = assertThrows(IllegalStateException.class,
        () -> killed.trainer(new Kill(2, 3)).fit(killed.loader, killed.valid, epochs));
    assertEquals("killed", e.getMessage());

    Setup resumed = new Setup(runDir);
    Trainer t = resumed.trainer();
    assertEquals(2, resumed.ckpt.resume(t));
    History rest = t.fit(resumed.loader, resumed.valid, epochs);

    assertEquals(3, rest.size());
    assertEquals(3.0, rest.epoch(0).get("epoch"));
    for (int i = 0; i < 3; i++) {
      for (String k : List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr")) {
        assertEquals(fullHistory.epoch(i + 2).get(k), rest.epoch(i).get(k), "epoch " + (i + 3) + " " + k);
      }
    }
    Assert.identical("final weights after resume", Toy.flat(full.model), Toy.flat(resumed.model));
    assertFalse(Arrays.equals(Toy.flat(full.model), Toy.flat(new Setup(dir).model)), "training changed the weights");
  }

  @Test
  void aKillWithoutTrackingTheLoaderIsNotBitIdentical(@TempDir Path dir) {
    // the check above can fail: without the loader state the resumed run sees other batches
    int epochs = 3;
    Setup full = new Setup(dir.resolve("full"));
    full.trainer().fit(full.loader, full.valid, epochs);
    Path runDir = dir.resolve("killed");
    Setup killed = new Setup(runDir);
    assertThrows(IllegalStateException.class, () -> killed.trainer(new Kill(1, 2)).fit(killed.loader, killed.valid,
        epochs));
    Setup resumed = new Setup(runDir);
    var ckpt = new Checkpoint(runDir, "val_loss"); // does not track the loader
    Trainer t = Trainer.builder(resumed.model, new CrossEntropyLoss(), resumed.opt).metrics(new AccuracyMetric())
        .callbacks(resumed.early, resumed.plateau, ckpt).build();
    ckpt.resume(t);
    t.fit(resumed.loader, resumed.valid, epochs);
    assertFalse(Arrays.equals(Toy.flat(full.model), Toy.flat(resumed.model)));
  }

  @Test
  void anInterruptedEpochIsNotSaved(@TempDir Path dir) throws IOException {
    Setup s = new Setup(dir);
    Callback stopMidEpoch = new Callback() {
      @Override
      public void onBatchEnd(TrainContext c) {
        if (c.epoch() == 1 && c.batchIndex() == 1) {
          c.stopTraining("stop in the middle");
        }
      }
    };
    History h = s.trainer(stopMidEpoch).fit(s.loader, s.valid, 3);
    assertEquals(2, h.size());
    assertEquals("1", SafeTensors.metadata(dir.resolve(Checkpoint.LAST)).get("epoch"));
  }

  @Test
  void badSettingsAndMismatchedCheckpointsAreRefused(@TempDir Path dir) {
    var c = new Checkpoint(dir, null);
    for (String bad : List.of("", "a.b", "model", "optimizer", "rng", "callbacks")) {
      var e = assertThrows(IllegalArgumentException.class, () -> c.track(bad, Stateful.of(Toy.loader(TRAIN, 8, false,
          0))));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    Setup s = new Setup(dir);
    s.trainer().fit(s.loader, s.valid, 1);
    // a trainer whose model has no dropout generator
    Module plain = Toy.mlp(4, 16, 3, 1);
    var other = new Checkpoint(dir, null);
    Trainer t = Trainer.builder(plain, new CrossEntropyLoss(), new Adam(plain.parameters(), 0.01)).callbacks(other)
        .build();
    var e = assertThrows(RuntimeException.class, () -> other.resume(t));
    assertTrue(e.getMessage().startsWith("Checkpoint: cannot resume from ") || e.getMessage().contains("loadStateDict"),
        e.getMessage());
  }
}
