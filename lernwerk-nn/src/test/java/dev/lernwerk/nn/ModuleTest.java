package dev.lernwerk.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.nn.functional.F;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {
  @TempDir Path dir;

  /** A user-defined model: own parameter, children, a batch norm with buffers. */
  static final class Net extends Module {
    final Tensor scale;
    final Linear fc1;
    final BatchNorm1d bn;
    final Linear fc2;

    Net(Generator gen) {
      scale = param("scale", Tensor.ones(1));
      fc1 = child("fc1", new Linear(4, 8, true, gen));
      bn = child("bn", new BatchNorm1d(8));
      fc2 = child("fc2", new Linear(8, 3, true, gen));
    }

    @Override
    public Tensor forward(Tensor x) {
      return fc2.call(F.relu(bn.call(fc1.call(x)))).mul(scale);
    }
  }

  /** The course MLP: 784 inputs, hidden layers of 64 and 64, 10 outputs (55,050 parameters). */
  static Sequential mlp(Generator gen) {
    return new Sequential(
        new Linear(784, 64, true, gen), new ReLU(),
        new Linear(64, 64, true, gen), new ReLU(),
        new Linear(64, 10, true, gen));
  }

  @Test
  void namesAreValidatedWithAHint() {
    class Bad extends Module {
      Bad(String first, String second) {
        param(first, Tensor.zeros(1));
        buffer(second, Tensor.zeros(1));
      }

      @Override
      public Tensor forward(Tensor x) {
        return x;
      }
    }
    var ex = assertThrows(IllegalArgumentException.class, () -> new Bad("", "b"));
    assertTrue(ex.getMessage().contains("Bad.param: the name must be a non-empty string"),
        ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> new Bad("fc.weight", "b"));
    assertTrue(ex.getMessage().contains("must not contain '.'")
        && ex.getMessage().contains("use \"fc_weight\""), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> new Bad("w", "w"));
    assertTrue(ex.getMessage().contains("Bad.buffer: name \"w\" is already registered as a parameter"),
        ex.getMessage());
    assertNotNull(new Bad("w", "b"));
  }

  @Test
  void parametersBuffersAndStateDictUseDottedNamesInRegistrationOrder() {
    var net = new Net(new Generator(0));
    assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight",
        "fc2.bias"), List.copyOf(net.namedParameters().keySet()));
    assertEquals(List.of("bn.running_mean", "bn.running_var", "bn.num_batches_tracked"),
        List.copyOf(net.namedBuffers().keySet()));
    assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "bn.weight", "bn.bias",
        "bn.running_mean", "bn.running_var", "bn.num_batches_tracked", "fc2.weight", "fc2.bias"),
        List.copyOf(net.stateDict().keySet()));
    assertEquals(List.of("fc1", "bn", "fc2"), List.copyOf(net.namedChildren().keySet()));
    assertEquals(List.of("", "fc1", "bn", "fc2"), List.copyOf(net.namedModules().keySet()));
    assertEquals(1 + 4 * 8 + 8 + 8 + 8 + 8 * 3 + 3, net.parameterCount());
    assertSame(net.fc1.weight(), net.parameters().get(1));
    for (Tensor p : net.parameters()) {
      assertTrue(p.requiresGrad());
    }
    assertFalse(net.stateDict().get("fc1.weight").requiresGrad(), "state dict values are detached");
  }

  @Test
  void sharedParametersAreListedOnce() {
    var gen = new Generator(0);
    var a = new Linear(3, 3, false, gen);
    var model = new Sequential(a, new ReLU(), a);
    assertEquals(1, model.parameters().size());
    assertEquals(List.of("0.weight"), List.copyOf(model.namedParameters().keySet()));
    assertEquals(List.of("0.weight", "2.weight"), List.copyOf(model.stateDict().keySet()));
    assertEquals(List.of("", "0", "1"), List.copyOf(model.namedModules().keySet()));
  }

  @Test
  void aModuleCannotContainItself() {
    var seq = new Sequential(new ReLU());
    var ex = assertThrows(IllegalArgumentException.class, () -> seq.add(seq));
    assertTrue(ex.getMessage().contains("contain itself"), ex.getMessage());
  }

  @Test
  void stateDictRoundTripThroughAFileGivesIdenticalOutputs() throws IOException {
    var gen = new Generator(1);
    var net = new Net(gen);
    Tensor x = Tensor.randn(gen, 16, 4);
    net.forward(x); // one training step of batch norm: running stats change
    net.eval();
    Tensor expect = net.forward(x);
    Path file = dir.resolve("net.safetensors");
    net.save(file);
    assertEquals("pt", SafeTensors.metadata(file).get("format"));
    assertEquals(DType.INT32, SafeTensors.load(file).get("bn.num_batches_tracked").dtype());

    var fresh = new Net(new Generator(99));
    fresh.eval();
    assertFalse(java.util.Arrays.equals(expect.toFloatArray(), fresh.forward(x).toFloatArray()));
    LoadResult r = fresh.load(file, true);
    assertTrue(r.complete());
    assertArrayEquals(expect.toFloatArray(), fresh.forward(x).toFloatArray());
    assertEquals(1, fresh.bn.numBatchesTracked().getInt());
    assertTrue(fresh.fc1.weight().requiresGrad(), "loading keeps parameters trainable");
    assertTrue(fresh.fc1.weight().isLeaf());
  }

  @Test
  void strictLoadListsEveryProblemAtOnce() {
    var net = new Net(new Generator(0));
    Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
    state.remove("fc2.bias");
    state.remove("bn.running_var");
    state.put("fc3.weight", Tensor.zeros(2, 2));
    state.put("fc1.weight", Tensor.zeros(8, 5));
    Tensor before = net.fc2.weight().clone();
    state.put("fc2.weight", Tensor.zeros(3, 8));
    var ex = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, true));
    String m = ex.getMessage();
    assertTrue(m.contains("missing keys: [bn.running_var, fc2.bias]"), m);
    assertTrue(m.contains("unexpected keys: [fc3.weight]"), m);
    assertTrue(m.contains("fc1.weight (model [8, 4], state [8, 5])"), m);
    assertArrayEquals(before.toFloatArray(), net.fc2.weight().toFloatArray(),
        "nothing is copied when the load is refused");

    // shape mismatches are refused even when not strict
    ex = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, false));
    assertTrue(ex.getMessage().contains("even with strict=false"), ex.getMessage());

    // without the mismatch, a non-strict load reports and copies what matches
    state.put("fc1.weight", Tensor.full(0.5f, 8, 4));
    LoadResult r = net.loadStateDict(state, false);
    assertEquals(List.of("bn.running_var", "fc2.bias"), r.missing());
    assertEquals(List.of("fc3.weight"), r.unexpected());
    assertArrayEquals(Tensor.full(0.5f, 8, 4).toFloatArray(), net.fc1.weight().toFloatArray());
    assertArrayEquals(new float[24], net.fc2.weight().toFloatArray());
  }

  @Test
  void freezeStopsGradientsAndUpdates() {
    var gen = new Generator(2);
    var model = new Sequential(new Linear(4, 5, true, gen), new ReLU(), new Linear(5, 2, true, gen));
    Module body = model.get(0);
    body.freeze();
    assertEquals(2, model.trainableParameters().size());
    assertEquals(4, model.parameters().size());
    Tensor x = Tensor.randn(gen, 3, 4);
    Tensor y = Tensor.ofInts(new int[] {0, 1, 1});
    new CrossEntropyLoss().apply(model.forward(x), y).backward();
    for (Tensor p : body.parameters()) {
      assertNull(p.grad(), "frozen parameters get no gradient");
    }
    for (Tensor p : model.get(2).parameters()) {
      assertNotNull(p.grad());
    }
    String summary = model.summary(1, 4);
    assertTrue(summary.contains("Trainable params: 12"), summary);
    assertTrue(summary.contains("Non-trainable params: 25"), summary);
    model.zeroGrad();
    assertNull(model.get(2).parameters().get(0).grad());
    body.unfreeze();
    assertEquals(4, model.trainableParameters().size());
  }

  @Test
  void trainAndEvalPropagateToChildren() {
    var net = new Net(new Generator(0));
    assertTrue(net.isTraining() && net.bn.isTraining());
    net.eval();
    assertFalse(net.isTraining() || net.bn.isTraining() || net.fc1.isTraining());
    net.train();
    assertTrue(net.bn.isTraining());
  }

  @Test
  void summaryOfTheCourseMlp() {
    var model = mlp(new Generator(42));
    assertEquals(55_050, model.parameterCount());
    String s = model.summary(1, 784);
    assertTrue(s.contains("Total params: 55,050"), s);
    assertTrue(s.contains("Trainable params: 55,050"), s);
    assertTrue(s.contains("Non-trainable params: 0"), s);
    String[] lines = s.split("\n");
    assertTrue(lines[2].startsWith("0 (Linear)") && lines[2].contains("[1, 64]")
        && lines[2].contains("50,240"), lines[2]);
    assertTrue(lines[3].startsWith("1 (ReLU)") && lines[3].contains("[1, 64]"), lines[3]);
    assertTrue(lines[4].contains("4,160"), lines[4]);
    assertTrue(lines[6].startsWith("4 (Linear)") && lines[6].contains("[1, 10]")
        && lines[6].contains("650"), lines[6]);
    // one more hidden layer of 64 adds 64·64 + 64 parameters
    var deeper = new Sequential(new Linear(784, 64), new ReLU(), new Linear(64, 64), new ReLU(),
        new Linear(64, 64), new ReLU(), new Linear(64, 10));
    assertEquals(59_210, deeper.parameterCount());
    assertTrue(s.contains("Input shape: [1, 784], output shape: [1, 10]"), s);
  }

  @Test
  void summaryLeavesModesAndRunningStatsAlone() {
    var net = new Net(new Generator(3));
    Tensor rm = net.bn.runningMean().clone();
    String s = net.summary(2, 4);
    assertTrue(net.isTraining() && net.bn.isTraining());
    assertArrayEquals(rm.toFloatArray(), net.bn.runningMean().toFloatArray());
    assertEquals(0, net.bn.numBatchesTracked().getInt());
    assertTrue(s.contains("(Net own)"), s);
    assertTrue(s.contains("fc2 (Linear)") && s.contains("[2, 3]"), s);
    assertTrue(s.contains("Total params: " + net.parameterCount()), s);
  }

  @Test
  void forwardHooksSeeInputsAndOutputs() {
    var gen = new Generator(0);
    var model = new Sequential(new Linear(3, 2, true, gen), new ReLU());
    List<String> seen = new ArrayList<>();
    var handle = model.get(0).addForwardHook(
        (m, in, out) -> seen.add(m.getClass().getSimpleName() + java.util.Arrays.toString(out.shape())));
    model.forward(Tensor.ones(5, 3));
    handle.remove();
    model.forward(Tensor.ones(5, 3));
    assertEquals(List.of("Linear[5, 2]"), seen);
  }

  @Test
  void toStringLooksLikePyTorch() {
    var model = new Sequential(new Linear(2, 3, true, new Generator(0)), new Dropout(0.5),
        new Sequential(new ReLU()));
    assertEquals("Sequential(\n  (0): Linear(in=2, out=3, bias=true)\n  (1): Dropout(p=0.5)\n"
        + "  (2): Sequential(\n    (0): ReLU()\n  )\n)", model.toString());
  }

  @Test
  void theCourseMlpLearnsAToyProblem() {
    var gen = new Generator(5);
    var model = new Sequential(new Linear(2, 16, true, gen), new ReLU(), new Linear(16, 2, true, gen));
    Tensor x = Tensor.randn(gen, 64, 2);
    int[] labels = new int[64];
    for (int i = 0; i < 64; i++) {
      labels[i] = x.get(i, 0) * x.get(i, 1) > 0 ? 1 : 0; // XOR of signs
    }
    Tensor y = Tensor.ofInts(labels);
    var loss = new CrossEntropyLoss();
    float first = 0;
    float last = 0;
    for (int step = 0; step < 300; step++) {
      model.zeroGrad();
      Tensor l = loss.apply(model.forward(x), y);
      l.backward();
      try (var g = dev.lernwerk.autograd.Grad.disabled()) {
        for (Tensor p : model.parameters()) {
          p.sub_(p.grad().mul(0.5f));
        }
      }
      if (step == 0) {
        first = l.item();
      }
      last = l.item();
    }
    assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
    int[] pred = model.forward(x).argmax(1, false).toIntArray();
    int right = 0;
    for (int i = 0; i < 64; i++) {
      right += pred[i] == labels[i] ? 1 : 0;
    }
    assertTrue(right >= 58, right + " of 64 right");
  }
}
