package dev.lernwerk.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.BatchNorm1d;
import dev.lernwerk.nn.Dropout;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.ReLU;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.Assert;
import dev.lernwerk.train.callback.Callback;
import dev.lernwerk.train.callback.EarlyStopping;
import dev.lernwerk.train.callback.ProgressBar;
import dev.lernwerk.train.metric.AccuracyMetric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {
  static final TensorDataset TRAIN = Toy.blobs(96, 3, 4, 1);
  static final TensorDataset VALID = Toy.blobs(48, 3, 4, 2);

  static Trainer trainer(Module model, Optimizer opt, Callback... cbs) {
    return Trainer.builder(model, new CrossEntropyLoss(), opt).metrics(new AccuracyMetric()).callbacks(cbs)
        .build();
  }

  @Test
  void historyHasTheDocumentedKeysPerEpoch() {
    Module model = Toy.mlp(4, 16, 3, 7);
    Trainer t = trainer(model, new Adam(model.parameters(), 0.01));
    History h = t.fit(Toy.loader(TRAIN, 16, true, 3), Toy.loader(VALID, 32, false, 0), 3);
    assertEquals(3, h.size());
    for (int e = 0; e < 3; e++) {
      Map<String, Double> logs = h.epoch(e);
      assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "time_s", "samples_per_s"),
          List.copyOf(logs.keySet()));
      assertEquals(e + 1, logs.get("epoch"));
      assertEquals(0.01, logs.get("lr"));
      assertTrue(logs.get("time_s") >= 0);
      assertTrue(logs.get("samples_per_s") > 0, "samples_per_s " + logs.get("samples_per_s"));
      for (String k : List.of("loss", "val_loss", "accuracy", "val_accuracy")) {
        assertTrue(Double.isFinite(logs.get(k)), k);
      }
    }
    // the validation numbers are what evaluate() says for the final weights
    assertEquals(t.evaluate(Toy.loader(VALID, 32, false, 0)), Map.of("loss", h.last().get("val_loss"),
        "accuracy", h.last().get("val_accuracy")));
    assertArrayEquals(new double[] {1, 2, 3}, h.series("epoch"));
    assertTrue(h.toTable().contains("val_accuracy"));
  }

  @Test
  void withoutValidationThereAreNoValKeys() {
    Module model = Toy.mlp(4, 8, 3, 7);
    History h = trainer(model, new SGD(model.parameters(), 0.1)).fit(Toy.loader(TRAIN, 32, false, 0), null, 1);
    assertEquals(List.of("epoch", "loss", "accuracy", "lr", "time_s", "samples_per_s"),
        List.copyOf(h.last().keySet()));
  }

  @Test
  void lossDecreasesOnALearnableProblem() {
    Module model = Toy.mlp(4, 16, 3, 11);
    History h = trainer(model, new Adam(model.parameters(), 0.01))
        .fit(Toy.loader(TRAIN, 16, true, 5), Toy.loader(VALID, 48, false, 0), 8);
    double[] loss = h.series("loss");
    assertTrue(loss[7] < 0.5 * loss[0], "loss " + Arrays.toString(loss));
    assertTrue(h.last().get("val_accuracy") > 0.85, "val_accuracy " + h.last().get("val_accuracy"));
  }

  @Test
  void evaluateAndPredictRestoreEveryModulesMode() {
    Sequential model = Toy.mlpWithDropout(4, 8, 3, 0.5, 3);
    Trainer t = trainer(model, new SGD(model.parameters(), 0.1));
    var data = Toy.loader(VALID, 16, false, 0);
    model.train();
    t.evaluate(data);
    assertTrue(model.isTraining() && model.get(2).isTraining());
    model.eval();
    t.predict(data);
    assertFalse(model.isTraining() || model.get(2).isTraining());
    // mixed: the dropout layer alone in eval mode
    model.train();
    model.get(2).eval();
    t.evaluate(data);
    t.predict(data);
    assertTrue(model.isTraining() && model.get(0).isTraining());
    assertFalse(model.get(2).isTraining());
    assertArrayEquals(new int[] {48, 3}, t.predict(data).shape());
  }

  /** Records every hook call as "name:hook" into a shared list. */
  static final class Recorder implements Callback {
    final String name;
    final int order;
    final List<String> events;

    Recorder(String name, int order, List<String> events) {
      this.name = name;
      this.order = order;
      this.events = events;
    }

    @Override
    public int order() {
      return order;
    }

    void log(String hook) {
      events.add(name + ":" + hook);
    }

    @Override
    public void onFitStart(TrainContext c) {
      log("onFitStart");
    }

    @Override
    public void onEpochStart(TrainContext c) {
      log("onEpochStart");
    }

    @Override
    public void onBatchStart(TrainContext c) {
      log("onBatchStart");
    }

    @Override
    public void onAfterLoss(TrainContext c) {
      log("onAfterLoss");
    }

    @Override
    public void onAfterBackward(TrainContext c) {
      log("onAfterBackward");
    }

    @Override
    public void onAfterStep(TrainContext c) {
      log("onAfterStep");
    }

    @Override
    public void onBatchEnd(TrainContext c) {
      log("onBatchEnd");
    }

    @Override
    public void onEpochEnd(TrainContext c) {
      log("onEpochEnd");
    }

    @Override
    public void onFitEnd(TrainContext c) {
      log("onFitEnd");
    }
  }

  @Test
  void callbacksRunInOrderThenInsertionOrderAndEveryHookFiresTheRightNumberOfTimes() {
    List<String> ev = new ArrayList<>();
    Module model = Toy.mlp(4, 8, 3, 1);
    Trainer t = trainer(model, new SGD(model.parameters(), 0.1), new Recorder("a", 5, ev),
        new Recorder("b", -1, ev), new Recorder("c", 5, ev), new Recorder("d", 0, ev));
    assertEquals(List.of(-1, 0, 5, 5), t.callbacks().stream().map(Callback::order).toList());
    int epochs = 2;
    int batches = 96 / 32;
    t.fit(Toy.loader(TRAIN, 32, false, 0), Toy.loader(VALID, 48, false, 0), epochs);
    assertEquals(List.of("b:onFitStart", "d:onFitStart", "a:onFitStart", "c:onFitStart"), ev.subList(0, 4));
    assertEquals(List.of("b:onFitEnd", "d:onFitEnd", "a:onFitEnd", "c:onFitEnd"),
        ev.subList(ev.size() - 4, ev.size()));
    Map<String, Integer> expected = Map.of("onFitStart", 1, "onEpochStart", epochs, "onBatchStart", epochs * batches,
        "onAfterLoss", epochs * batches, "onAfterBackward", epochs * batches, "onAfterStep", epochs * batches,
        "onBatchEnd", epochs * batches, "onEpochEnd", epochs, "onFitEnd", 1);
    for (String cb : List.of("a", "b", "c", "d")) {
      for (var e : expected.entrySet()) {
        long n = ev.stream().filter(s -> s.equals(cb + ":" + e.getKey())).count();
        assertEquals(e.getValue().longValue(), n, cb + ":" + e.getKey());
      }
    }
    // one callback's view of one batch is the course's loop
    List<String> a = ev.stream().filter(s -> s.startsWith("a:")).toList();
    assertEquals(List.of("a:onFitStart", "a:onEpochStart", "a:onBatchStart", "a:onAfterLoss", "a:onAfterBackward",
        "a:onAfterStep", "a:onBatchEnd", "a:onBatchStart"), a.subList(0, 8));
  }

  @Test
  void onFitEndRunsForEveryCallbackWhenAHookThrows() {
    List<String> ev = new ArrayList<>();
    Callback boom = new Callback() {
      @Override
      public void onBatchEnd(TrainContext c) {
        if (c.step() == 2) {
          throw new IllegalStateException("boom at step 3");
        }
      }

      @Override
      public void onFitEnd(TrainContext c) {
        throw new IllegalStateException("second failure in onFitEnd");
      }
    };
    Module model = Toy.mlp(4, 8, 3, 1);
    Trainer t = trainer(model, new SGD(model.parameters(), 0.1), new Recorder("first", -5, ev), boom,
        new Recorder("last", 50, ev));
    var e = assertThrows(IllegalStateException.class, () -> t.fit(Toy.loader(TRAIN, 16, false, 0), null, 2));
    assertEquals("boom at step 3", e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertEquals("second failure in onFitEnd", e.getSuppressed()[0].getMessage());
    assertTrue(ev.contains("first:onFitEnd") && ev.contains("last:onFitEnd"), ev.toString());

    // a failure in onFitEnd alone is thrown after every other onFitEnd ran
    ev.clear();
    Callback failsAtEnd = new Callback() {
      @Override
      public void onFitEnd(TrainContext c) {
        throw new IllegalArgumentException("end failed");
      }
    };
    Trainer t2 = trainer(model, new SGD(model.parameters(), 0.1), failsAtEnd, new Recorder("x", 1, ev));
    var e2 = assertThrows(IllegalArgumentException.class, () -> t2.fit(Toy.loader(TRAIN, 48, false, 0), null, 1));
    assertEquals("end failed", e2.getMessage());
    assertTrue(ev.contains("x:onFitEnd"));
  }

  @Test
  void dropoutIsActiveOnlyInTraining() {
    Generator gen = new Generator(5);
    Linear lin = new Linear(4, 64, true, gen);
    Dropout drop = new Dropout(0.5, gen.split());
    Sequential model = new Sequential(lin, drop, new ReLU(), new Linear(64, 3, true, gen));
    int[] differing = {0};
    Callback check = new Callback() {
      @Override
      public void onAfterLoss(TrainContext c) {
        assertTrue(drop.isTraining());
        Tensor withoutDropout;
        try (var g = Grad.disabled()) {
          withoutDropout = model.get(3).forward(lin.forward(c.batch().inputs()).relu());
        }
        if (!Arrays.equals(withoutDropout.toFloatArray(), c.output().toFloatArray())) {
          differing[0]++;
        }
      }
    };
    Trainer t = trainer(model, new SGD(model.parameters(), 0.05), check);
    t.fit(Toy.loader(TRAIN, 32, false, 0), null, 1);
    assertEquals(3, differing[0], "every training batch goes through dropout");
    // eval: predict is the plain composition without dropout, and the dropout generator does not move
    long[] genBefore = model.namedGenerators().get("1.rng").state();
    Tensor out = t.predict(Toy.loader(VALID, 16, false, 0));
    t.evaluate(Toy.loader(VALID, 16, false, 0));
    assertArrayEquals(genBefore, model.namedGenerators().get("1.rng").state());
    Tensor expected;
    try (var g = Grad.disabled()) {
      expected = model.get(3).forward(lin.forward(VALID.inputs()).relu());
    }
    Assert.identical("predict in eval mode", expected, out);
  }

  @Test
  void batchNormUsesBatchStatisticsInFitAndRunningStatisticsInEvaluate() {
    Generator gen = new Generator(9);
    BatchNorm1d bn = new BatchNorm1d(16);
    Sequential model = new Sequential(new Linear(4, 16, true, gen), bn, new ReLU(), new Linear(16, 3, true, gen));
    int[] batchesSeen = {0};
    Callback check = new Callback() {
      @Override
      public void onAfterLoss(TrainContext c) {
        assertTrue(bn.isTraining(), "batch norm must train in fit");
        batchesSeen[0]++;
        assertEquals(c.step() + 1, bn.numBatchesTracked().getInt(),
            "running statistics update once per training batch, never in validation");
      }
    };
    Trainer t = trainer(model, new Adam(model.parameters(), 0.01), check);
    var valid = Toy.loader(VALID, 48, false, 0);
    History h = t.fit(Toy.loader(TRAIN, 32, false, 0), valid, 2);
    assertEquals(6, bn.numBatchesTracked().getInt(), "validation must not update the running statistics");
    float[] runningMean = bn.runningMean().toFloatArray();
    Map<String, Double> ev = t.evaluate(valid);
    assertEquals(6, bn.numBatchesTracked().getInt());
    assertArrayEquals(runningMean, bn.runningMean().toFloatArray());
    assertEquals(h.last().get("val_loss"), ev.get("loss"));
    // evaluate = eval-mode forward (running statistics) ...
    Tensor logits = t.predict(valid);
    Tensor evalOut;
    Tensor trainOut;
    try (var g = Grad.disabled()) {
      model.eval();
      evalOut = model.forward(VALID.inputs());
      assertEquals(ev.get("loss"), new CrossEntropyLoss().apply(evalOut, VALID.targets()).item(), 1e-6);
      model.train();
      trainOut = model.forward(VALID.inputs()); // ... not batch statistics
    }
    Assert.identical("predict uses running statistics", evalOut, logits);
    assertFalse(Arrays.equals(evalOut.toFloatArray(), trainOut.toFloatArray()));
  }

  @Test
  void theReadmeLoopGivesTheSameWeightsAsFit() {
    int epochs = 3;
    Sequential a = Toy.mlpWithDropout(4, 16, 3, 0.2, 21);
    Loss lossFn = new CrossEntropyLoss();
    Optimizer optimizer = new Adam(a.parameters(), 0.01);
    DataLoader<Example> trainLoader = Toy.loader(TRAIN, 16, true, 8);
    for (int epoch = 0; epoch < epochs; epoch++) {
      a.train();
      for (Batch b : trainLoader) {
        Tensor loss = lossFn.apply(a.forward(b.inputs()), b.targets());
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
      }
    }
    Sequential b = Toy.mlpWithDropout(4, 16, 3, 0.2, 21);
    trainer(b, new Adam(b.parameters(), 0.01)).fit(Toy.loader(TRAIN, 16, true, 8), Toy.loader(VALID, 16, false, 0),
        epochs);
    Assert.identical("README loop vs Trainer.fit", Toy.flat(a), Toy.flat(b));
  }

  @Test
  void sameSeedGivesBitIdenticalWeights() {
    float[] first = run(4);
    float[] second = run(4);
    Assert.identical("two runs with seed 4", first, second);
    assertFalse(Arrays.equals(first, run(5)), "another seed must give other weights");
  }

  private static float[] run(long seed) {
    Sequential m = Toy.mlpWithDropout(4, 16, 3, 0.3, seed);
    trainer(m, new Adam(m.parameters(), 0.01), new EarlyStopping("val_loss", 5))
        .fit(Toy.loader(TRAIN, 16, true, seed), Toy.loader(VALID, 48, false, 0), 3);
    return Toy.flat(m);
  }

  @Test
  void fitAcceptsAnyIterableOfBatchesAndCountsThem() {
    List<Batch> batches = List.of(new Batch(TRAIN.inputs().narrow(0, 0, 48), TRAIN.targets().narrow(0, 0, 48)),
        new Batch(TRAIN.inputs().narrow(0, 48, 48), TRAIN.targets().narrow(0, 48, 48)));
    int[] perEpoch = {0};
    Callback cb = new Callback() {
      @Override
      public void onFitStart(TrainContext c) {
        perEpoch[0] = c.batchesPerEpoch();
      }
    };
    Module model = Toy.mlp(4, 8, 3, 1);
    History h = trainer(model, new SGD(model.parameters(), 0.1), cb).fit(batches, null, 2);
    assertEquals(2, perEpoch[0]);
    assertEquals(2, h.size());
    assertThrows(IllegalArgumentException.class, () -> trainer(model, new SGD(model.parameters(), 0.1))
        .fit(batches, null, -1));
  }

  @Test
  void theJavadocExampleRuns() {
    // the example of Trainer's class comment, on small random data of the same shapes
    var data = Toy.blobs(256 + 64 + 64, 10, 784, 3);
    var trainSet = new TensorDataset(data.inputs().narrow(0, 0, 256), data.targets().narrow(0, 0, 256));
    var validSet = new TensorDataset(data.inputs().narrow(0, 256, 64), data.targets().narrow(0, 256, 64));
    var testSet = new TensorDataset(data.inputs().narrow(0, 320, 64), data.targets().narrow(0, 320, 64));
    PrintStream stdout = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      var gen = new Generator(42);
      var model = new Sequential(new Linear(784, 64, true, gen), new ReLU(), new Linear(64, 10, true, gen));
      var trainLoader = DataLoader.builder(trainSet).batchSize(256).shuffle(true).seed(42).build();
      var validLoader = DataLoader.builder(validSet).batchSize(1024).build();
      var testLoader = DataLoader.builder(testSet).batchSize(1024).build();
      Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 0.003))
          .metrics(new AccuracyMetric())
          .callbacks(new ProgressBar(), new EarlyStopping("val_loss", 3))
          .build();
      History h = trainer.fit(trainLoader, validLoader, 5);
      Map<String, Double> test = trainer.evaluate(testLoader);   // {loss=…, accuracy=…}
      Tensor logits = trainer.predict(testLoader);
      assertEquals(5, h.size());
      assertEquals(List.of("loss", "accuracy"), List.copyOf(test.keySet()));
      assertArrayEquals(new int[] {64, 10}, logits.shape());
    } finally {
      System.setOut(stdout);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("val_accuracy") && printed.contains("samples_per_s"), printed);
  }
}
