package dev.lernwerk.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Dataset;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.train.Toy;
import dev.lernwerk.train.Trainer;
import dev.lernwerk.train.metric.AccuracyMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search and cross-validation driving real (tiny) training runs. */
class TrainingSearchTest {
  static final TensorDataset TRAIN = Toy.blobs(96, 3, 4, 1);
  static final TensorDataset VALID = Toy.blobs(48, 3, 4, 2);

  @Test
  void searchRanksTrialsByTheValidationObjective() {
    var axes = new LinkedHashMap<String, List<?>>();
    axes.put("hidden", List.of(4, 16));
    axes.put("lr", List.of(1e-4, 0.05));
    ResultsTable t = Search.run(Grid.of(axes), "val_accuracy", true, p -> {
      Module m = Toy.mlp(4, (Integer) p.get("hidden"), 3, 7);
      var trainer = Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), (Double) p.get("lr")))
          .metrics(new AccuracyMetric()).build();
      return trainer.fit(Toy.loader(TRAIN, 16, true, 1), Toy.loader(VALID, 48, false, 0), 3).last();
    });
    assertEquals(4, t.size());
    List<Trial> ranked = t.sorted();
    for (int i = 1; i < ranked.size(); i++) {
      assertTrue(ranked.get(i - 1).metric("val_accuracy") >= ranked.get(i).metric("val_accuracy"));
    }
    assertEquals(ranked.get(0), t.best());
    assertEquals(0.05, t.best().param("lr"), "a rate of 1e-4 barely moves in 3 epochs");
    assertTrue(t.best().metrics().containsKey("val_loss"));
    var e = assertThrows(IllegalStateException.class,
        () -> Search.run(List.of(Map.of("a", 1)), "val_accuracy", true, p -> Map.of("loss", 1.0)));
    assertEquals("Search.run: the trial for {a=1} returned no 'val_accuracy' (it returned [loss])", e.getMessage());
  }

  private static DataLoader<Example> loader(Dataset<Example> ds, boolean shuffle) {
    return DataLoader.builder(ds).batchSize(16).shuffle(shuffle).seed(3).build();
  }

  @Test
  void crossValidationReturnsKFoldsWithMeanAndStd() {
    var cv = CrossValidation.run(TRAIN, 4, true, new Generator(0), (tr, va) -> {
      assertEquals(72, tr.size());
      assertEquals(24, va.size());
      Module m = Toy.mlp(4, 16, 3, 5);
      var t = Trainer.builder(m, new CrossEntropyLoss(), new Adam(m.parameters(), 0.01))
          .metrics(new AccuracyMetric()).build();
      t.fit(loader(tr, true), null, 4);
      return t.evaluate(loader(va, false));
    });
    assertEquals(4, cv.folds().size());
    assertEquals(List.of("loss", "accuracy"), List.copyOf(cv.mean().keySet()));
    for (String k : List.of("loss", "accuracy")) {
      double sum = 0;
      for (var f : cv.folds()) {
        sum += f.get(k);
      }
      double mean = sum / 4;
      double ss = 0;
      for (var f : cv.folds()) {
        ss += (f.get(k) - mean) * (f.get(k) - mean);
      }
      assertEquals(mean, cv.mean().get(k), 1e-12, k);
      assertEquals(Math.sqrt(ss / 3), cv.std().get(k), 1e-12, k + " (sample standard deviation)");
    }
    assertTrue(cv.mean().get("accuracy") > 0.8, cv.toString());
    assertTrue(cv.toString().contains("over 4 folds"), cv.toString());
    assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TRAIN, 1, false, new Generator(0),
        (a, b) -> Map.of()));
  }
}
