package dev.lernwerk.train.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.LoaderState;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.nn.loss.MSELoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.Assert;
import dev.lernwerk.train.Toy;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnersTest {
  static final TensorDataset BLOBS = Toy.blobs(64, 3, 8, 1);

  private static Batch firstBatch(TensorDataset ds, int n) {
    return Toy.loader(ds, n, true, 3).peek();
  }

  @Test
  void overfittingOneBatchWithAWorkingSetupFallsToZero() {
    Sequential m = Toy.mlp(8, 32, 3, 5);
    Batch b = firstBatch(Toy.blobs(256, 3, 8, 9), 32);
    var r = OverfitOneBatch.run(m, new CrossEntropyLoss(), new Adam(m.parameters(), 0.01), b, 100);
    assertEquals(Verdict.FALLING_TO_ZERO, r.diagnosis().verdict(), r.summary());
    assertEquals(100, r.losses().length);
    assertTrue(r.losses()[99] < 0.05 * r.losses()[0], r.summary());
    assertEquals(1.0, r.finalBatchAccuracy());
    assertTrue(r.summary().startsWith("overfit one batch: loss "), r.summary());
  }

  @Test
  void aFarTooHighLearningRateExplodes() {
    // least squares with plain SGD diverges geometrically once lr > 2 / largest curvature
    Generator gen = new Generator(1);
    Sequential m = new Sequential(new Linear(3, 1, true, gen));
    Batch b = firstBatch(Toy.linear(64, 3, 2), 64);
    var r = OverfitOneBatch.run(m, new MSELoss(), new SGD(m.parameters(), 5.0), b, 100);
    assertEquals(Verdict.EXPLODING, r.diagnosis().verdict(), r.summary());
    assertTrue(Double.isNaN(r.finalBatchAccuracy()), "regression has no accuracy");
    // the same model with a sane rate learns
    Sequential ok = new Sequential(new Linear(3, 1, true, new Generator(1)));
    var good = OverfitOneBatch.run(ok, new MSELoss(), new SGD(ok.parameters(), 0.1), b, 100);
    assertFalse(good.diagnosis().verdict() == Verdict.EXPLODING || good.diagnosis().verdict() == Verdict.RISING,
        good.summary());
    assertThrows(IllegalArgumentException.class, () -> OverfitOneBatch.run(ok, new MSELoss(),
        new SGD(ok.parameters(), 0.1), b, 1));
  }

  @Test
  void lrFinderLeavesNoTraceAndSuggestsRates() {
    Sequential m = Toy.mlpWithDropout(8, 32, 3, 0.2, 4);
    var opt = new Adam(m.parameters(), 0.003);
    DataLoader<Example> loader = Toy.loader(BLOBS, 16, true, 6);
    // give the optimizer some state and move the loader into a later epoch first
    for (Batch b : loader) {
      var l = new CrossEntropyLoss().apply(m.forward(b.inputs()), b.targets());
      opt.zeroGrad();
      l.backward();
      opt.step();
    }
    m.eval();
    m.get(2).train(); // mixed modes must come back as they were
    Map<String, Tensor> weights = Toy.snapshot(m);
    Map<String, Tensor> optState = opt.stateDict();
    long[] rng = m.namedGenerators().get("2.rng").state();
    LoaderState loaderState = loader.state();

    LrFinderResult r = LrFinder.run(m, new CrossEntropyLoss(), opt, loader, 1e-5, 10, 60);

    Assert.identical("weights", Toy.flat(weights), Toy.flat(m));
    assertEquals(optState.keySet(), opt.stateDict().keySet());
    for (var e : optState.entrySet()) {
      assertEquals(Toy.exact(e.getValue()), Toy.exact(opt.stateDict().get(e.getKey())), e.getKey());
    }
    assertEquals(0.003, opt.learningRate());
    assertArrayEquals(rng, m.namedGenerators().get("2.rng").state());
    assertEquals(loaderState, loader.state());
    assertFalse(m.isTraining());
    assertTrue(m.get(2).isTraining());
    for (Tensor p : m.parameters()) {
      assertNull(p.grad());
    }
    assertTrue(r.size() >= 10 && r.size() <= 60, "points " + r.size());
    double s = r.suggestSteepest();
    assertTrue(s > 1e-5 && s < 10, "steepest " + s);
    double v = r.suggestValley();
    assertTrue(v > 1e-5 && v < 10, "valley " + v);
    assertTrue(r.lrs()[r.size() - 1] > r.lrs()[0]);
  }

  @Test
  void lrFinderRestartsShortDataAndRejectsBadRanges() {
    Sequential m = Toy.mlp(8, 8, 3, 4);
    var opt = new SGD(m.parameters(), 0.01);
    var tiny = Toy.loader(BLOBS, 32, false, 0); // 2 batches, 30 steps
    float[] before = Toy.flat(m);
    LrFinderResult r = LrFinder.run(m, new CrossEntropyLoss(), opt, tiny, 1e-4, 1, 30);
    assertTrue(r.size() > 2);
    assertTrue(Arrays.equals(before, Toy.flat(m)));
    var e = assertThrows(IllegalArgumentException.class, () -> LrFinder.run(m, new CrossEntropyLoss(), opt, tiny, 1,
        0.1, 30));
    assertTrue(e.getMessage().startsWith("LrFinder: expected 0 < startLr < endLr"), e.getMessage());
  }
}
