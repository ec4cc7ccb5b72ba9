package dev.lernwerk.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.Batch;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.Tanh;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.nn.loss.MSELoss;
import dev.lernwerk.optim.Clip;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.Assert;
import dev.lernwerk.train.History;
import dev.lernwerk.train.TrainContext;
import dev.lernwerk.train.Toy;
import dev.lernwerk.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientCallbacksTest {

  private static Module regressor(long seed) {
    Generator gen = new Generator(seed);
    return new Sequential(new Linear(3, 8, true, gen), new Tanh(), new Linear(8, 1, true, gen));
  }

  private static float[] trainRegressor(int n, int batch, int accumulate, List<Double> scaled) {
    Module m = regressor(4);
    var opt = new SGD(m.parameters(), SGD.Settings.defaults().withLr(0.05).withMomentum(0.9));
    var b = Trainer.builder(m, new MSELoss(), opt);
    if (accumulate > 1) {
      b.callbacks(new GradientAccumulation(accumulate), new Callback() {
        @Override
        public int order() {
          return -14;
        }

        @Override
        public void onAfterLoss(TrainContext c) {
          scaled.add(c.loss().item() / c.lossValue());
        }
      });
    }
    Trainer t = b.build();
    t.fit(Toy.loader(Toy.linear(n, 3, 5), batch, true, 12), null, 3);
    return Toy.flat(m);
  }

  @Test
  void accumulatingNBatchesEqualsNTimesLargerBatches() {
    List<Double> scaled = new ArrayList<>();
    float[] accumulated = trainRegressor(64, 8, 4, scaled);
    float[] large = trainRegressor(64, 32, 1, null);
    Assert.close("4 x 8 accumulated vs batches of 32", large, accumulated, 1e-5, 1e-4);
    assertEquals(3 * 8, scaled.size());
    for (double s : scaled) {
      assertEquals(0.25, s, 1e-6, "the backpropagated loss is divided by the group size");
    }
    // a trailing group of 2 batches (80 = 2 x 32 + 16) is averaged over its own size
    List<Double> trailing = new ArrayList<>();
    Assert.close("trailing group", trainRegressor(80, 32, 1, null), trainRegressor(80, 8, 4, trailing), 1e-5,
        1e-4);
    assertEquals(List.of(0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.5, 0.5),
        trailing.subList(0, 10).stream().map(v -> Math.round(v * 1e6) / 1e6).toList());
    // and the comparison can fail: plain batches of 8 are something else
    assertFalse(Assert.diff(large, trainRegressor(64, 8, 1, null), 1e-5, 1e-4).ok());
  }

  @Test
  void accumulationStepsOncePerGroup() {
    Module m = regressor(1);
    var opt = new SGD(m.parameters(), 0.01);
    Trainer.builder(m, new MSELoss(), opt).callbacks(new GradientAccumulation(3)).build()
        .fit(Toy.loader(Toy.linear(80, 3, 5), 8, false, 0), null, 2);
    assertEquals(2 * 4, opt.stepCount(), "10 batches in groups of 3, 3, 3, 1");
    assertThrows(IllegalArgumentException.class, () -> new GradientAccumulation(0));
  }

  /** Records the total gradient norm and largest element right before the step. */
  static final class GradProbe implements Callback {
    final List<Double> norms = new ArrayList<>();
    final List<Double> maxAbs = new ArrayList<>();

    @Override
    public int order() {
      return -9; // after clipping (-10)
    }

    @Override
    public void onAfterBackward(TrainContext c) {
      norms.add(Clip.totalNorm(c.model().parameters(), 2));
      maxAbs.add(Clip.totalNorm(c.model().parameters(), Double.POSITIVE_INFINITY));
    }
  }

  @Test
  void clippingByNormBoundsTheTotalNorm() {
    Module m = Toy.mlp(4, 16, 3, 3);
    var clip = GradientClipping.byNorm(0.05);
    var probe = new GradProbe();
    Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1)).callbacks(probe, clip).build()
        .fit(Toy.loader(Toy.blobs(64, 3, 4, 1), 16, true, 1), null, 2);
    assertEquals(8, probe.norms.size());
    for (double n : probe.norms) {
      assertTrue(n <= 0.05 * (1 + 1e-5), "norm after clipping " + n);
    }
    assertTrue(clip.lastNorm() > 0.05, "the raw norm was larger: " + clip.lastNorm());
    assertEquals(0.05, probe.norms.get(7), 1e-6);
  }

  @Test
  void clippingByValueClampsEveryElement() {
    Module m = Toy.mlp(4, 16, 3, 3);
    var probe = new GradProbe();
    Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1))
        .callbacks(GradientClipping.byValue(0.01), probe).build()
        .fit(Toy.loader(Toy.blobs(64, 3, 4, 1), 16, true, 1), null, 1);
    for (double v : probe.maxAbs) {
      assertEquals(0.01, v, 1e-9, "the largest gradient element is clamped to the bound");
    }
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0));
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(-1));
  }

  /** 4 clean batches per epoch; in epoch {@code badEpoch} batch 3 has a NaN input. */
  record Batches(TensorDataset data, int badEpoch, int[] epoch) implements Iterable<Batch> {
    @Override
    public Iterator<Batch> iterator() {
      int e = ++epoch[0];
      List<Batch> out = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        Tensor x = data.inputs().narrow(0, b * 16, 16).clone();
        if (e == badEpoch && b == 2) {
          x.storage().floats()[x.offset() + 5] = Float.NaN;
        }
        out.add(new Batch(x, data.targets().narrow(0, b * 16, 16)));
      }
      return out.iterator();
    }
  }

  /** The weights after every batch. */
  static final class WeightsPerBatch implements Callback {
    final List<float[]> weights = new ArrayList<>();

    @Override
    public void onBatchEnd(TrainContext c) {
      weights.add(Toy.flat(c.model()));
    }
  }

  @Test
  void nanGuardStopsAtTheFirstNonFiniteLossBeforeTheStep(@TempDir Path dir) throws IOException {
    Module m = Toy.mlp(4, 8, 3, 2);
    var guard = new NanGuard();
    var perBatch = new WeightsPerBatch();
    String[] reason = {null};
    Callback seeReason = new Callback() {
      @Override
      public void onFitEnd(TrainContext c) {
        reason[0] = c.stopReason();
      }
    };
    History h = Trainer.builder(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1))
        .callbacks(guard, perBatch, seeReason, new Checkpoint(dir, null)).build()
        .fit(new Batches(Toy.blobs(64, 3, 4, 1), 2, new int[1]), null, 3);
    assertEquals("NaN guard: loss is NaN at epoch 2, batch 3 (step 7); training stopped before the weights were"
        + " updated", guard.failure());
    assertEquals(guard.failure(), reason[0]);
    assertEquals(2, h.size(), "the interrupted epoch still reports its logs");
    assertEquals(7, perBatch.weights.size());
    float[] last = Toy.flat(m);
    for (float v : last) {
      assertTrue(Float.isFinite(v));
    }
    Assert.identical("the NaN batch did not step", perBatch.weights.get(5), last);
    assertEquals("1", SafeTensors.metadata(dir.resolve(Checkpoint.LAST)).get("epoch"),
        "the last good checkpoint stays");
  }

  @Test
  void nanGuardCatchesANonFiniteGradientOfAFiniteLoss() {
    Module m = Toy.mlp(4, 8, 3, 2);
    var guard = new NanGuard();
    // sqrt(out - out) is 0, but its derivative at 0 is infinite
    Loss sqrtAtZero = (out, t) -> out.sub(out.detach()).sqrt().sum();
    var perBatch = new WeightsPerBatch();
    float[] before = Toy.flat(m);
    Trainer.builder(m, sqrtAtZero, new SGD(m.parameters(), 0.1)).callbacks(guard, perBatch).build()
        .fit(Toy.loader(Toy.blobs(32, 3, 4, 1), 16, false, 0), null, 1);
    assertTrue(guard.failure().startsWith("NaN guard: the gradient of "), guard.failure());
    assertTrue(guard.failure().endsWith("is not finite at epoch 1, batch 1 (step 1); training stopped before the"
        + " weights were updated"), guard.failure());
    Assert.identical("no step", before, Toy.flat(m));
  }
}
