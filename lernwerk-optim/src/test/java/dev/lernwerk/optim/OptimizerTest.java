package dev.lernwerk.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.optim.schedule.Schedule;
import dev.lernwerk.optim.schedule.Schedules;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The base loop, groups, learning rates, state dicts and validation, across all optimizers. */
@Tag("kernels")
class OptimizerTest {

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("SGD", (Function<List<Tensor>, Optimizer>) p -> new SGD(p, 0.05)),
        Arguments.of("SGD momentum", (Function<List<Tensor>, Optimizer>) p -> new SGD(p,
            SGD.Settings.defaults().withLr(0.02).withMomentum(0.9).withWeightDecay(1e-4))),
        Arguments.of("SGD nesterov", (Function<List<Tensor>, Optimizer>) p -> new SGD(p,
            SGD.Settings.defaults().withLr(0.02).withMomentum(0.9).withNesterov(true))),
        Arguments.of("Adagrad", (Function<List<Tensor>, Optimizer>) p -> new Adagrad(p,
            Adagrad.Settings.defaults().withLr(0.3).withInitialAccumulatorValue(0.1))),
        Arguments.of("Adadelta", (Function<List<Tensor>, Optimizer>) p -> new Adadelta(p, 10.0)),
        Arguments.of("RMSprop", (Function<List<Tensor>, Optimizer>) p -> new RMSprop(p, 0.01)),
        Arguments.of("RMSprop centered", (Function<List<Tensor>, Optimizer>) p -> new RMSprop(p,
            RMSprop.Settings.defaults().withLr(0.005).withCentered(true).withMomentum(0.5))),
        Arguments.of("Adam", (Function<List<Tensor>, Optimizer>) p -> new Adam(p, 0.05)),
        Arguments.of("Adam amsgrad", (Function<List<Tensor>, Optimizer>) p -> new Adam(p,
            Adam.Settings.defaults().withLr(0.05).withAmsgrad(true).withWeightDecay(1e-3))),
        Arguments.of("AdamW", (Function<List<Tensor>, Optimizer>) p -> new AdamW(p, 0.05)));
  }

  /** A linear regression y = X·w* + b* + noise; returns the MSE of the current (w, b). */
  private static final class Regression {
    final Tensor x;
    final Tensor y;
    final Tensor w = Tensor.zeros(3, 1).requiresGrad(true);
    final Tensor b = Tensor.zeros(1).requiresGrad(true);

    Regression() {
      var gen = new Generator(3);
      x = Tensor.randn(gen, 64, 3);
      Tensor wTrue = Tensor.of(new float[] {2f, -1f, 0.5f}, 3, 1);
      y = x.matmul(wTrue).add(1.5f).add(Tensor.randn(gen, 64, 1).mul(0.01f));
    }

    Tensor loss() {
      return x.matmul(w).add(b).sub(y).square().mean();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void lossDecreasesOnAToyProblem(String label, Function<List<Tensor>, Optimizer> make) {
    var r = new Regression();
    Optimizer opt = make.apply(List.of(r.w, r.b));
    double first = r.loss().item();
    for (int i = 0; i < 200; i++) {
      opt.zeroGrad();
      r.loss().backward();
      opt.step();
    }
    double last = r.loss().item();
    assertTrue(last < 0.05 * first, label + ": loss went from " + first + " to " + last);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stateDictResumesBitIdentically(String label, Function<List<Tensor>, Optimizer> make) {
    Schedule lr = Schedules.cosine(0.05, 0.001, 10);
    // run A: 10 steps
    var qa = new Quadratic(9);
    Optimizer a = make.apply(qa.params());
    for (int s = 0; s < 10; s++) {
      a.setLearningRate(lr.at(s) * 0.2);
      qa.step(a);
    }
    // run B: 5 steps, save, a fresh optimizer loads, 5 more
    var qb = new Quadratic(9);
    Optimizer b = make.apply(qb.params());
    for (int s = 0; s < 5; s++) {
      b.setLearningRate(lr.at(s) * 0.2);
      qb.step(b);
    }
    Map<String, Tensor> saved = b.stateDict();
    Optimizer c = make.apply(qb.params());
    c.loadStateDict(saved);
    assertEquals(5, c.stepCount());
    assertEquals(b.learningRate(), c.learningRate(), 0.0);
    for (int s = 5; s < 10; s++) {
      c.setLearningRate(lr.at(s) * 0.2);
      qb.step(c);
    }
    assertArrayEquals(qa.values(), qb.values(), label + ": parameters differ after resuming");
    assertStateEquals(a.stateDict(), c.stateDict());
  }

  private static void assertStateEquals(Map<String, Tensor> x, Map<String, Tensor> y) {
    assertEquals(x.keySet(), y.keySet());
    for (String k : x.keySet()) {
      Tensor tx = x.get(k);
      Tensor ty = y.get(k);
      assertEquals(tx.dtype(), ty.dtype(), k);
      assertArrayEquals(tx.shape(), ty.shape(), k);
      assertArrayEquals(tx.toFloatArray(), ty.toFloatArray(), k);
      if (tx.dtype() != dev.lernwerk.tensor.DType.FLOAT32) {
        assertArrayEquals(tx.toIntArray(), ty.toIntArray(), k);
      }
    }
  }

  @Test
  void stateDictKeysAndValues() {
    var q = new Quadratic(1);
    var opt = new Adam(q.params(), Adam.Settings.defaults().withLr(0.003).withAmsgrad(true));
    q.step(opt);
    Map<String, Tensor> sd = opt.stateDict();
    assertEquals(1, StateDicts.toLong("step_count", sd.get("step_count")));
    assertEquals(0.003, StateDicts.toDouble("base_lr", sd.get("base_lr")), 0.0);
    assertEquals(0.999, StateDicts.toDouble("k", sd.get("groups.0.beta2")), 0.0);
    assertEquals(1.0, StateDicts.toDouble("k", sd.get("groups.0.amsgrad")), 0.0);
    assertEquals(2, StateDicts.toLong("k", sd.get("groups.0.num_params")));
    assertArrayEquals(new int[] {2, 3}, sd.get("state.0.0.exp_avg").shape());
    assertArrayEquals(new int[] {3}, sd.get("state.0.1.max_exp_avg_sq").shape());
    assertEquals(1, StateDicts.toLong("k", sd.get("state.0.1.step")));
    // a snapshot: later steps do not change it
    float before = sd.get("state.0.0.exp_avg").toFloatArray()[0];
    q.step(opt);
    assertEquals(before, sd.get("state.0.0.exp_avg").toFloatArray()[0]);
    assertNotEquals(before, opt.stateDict().get("state.0.0.exp_avg").toFloatArray()[0]);
  }

  @Test
  void loadStateDictReportsEveryProblemAndChangesNothing() {
    var q = new Quadratic(1);
    var opt = new Adam(q.params(), 0.01);
    q.step(opt);
    Map<String, Tensor> sd = new LinkedHashMap<>(opt.stateDict());
    sd.remove("groups.0.eps");
    sd.put("state.0.0.exp_avg", Tensor.zeros(3, 2));
    sd.put("bogus", Tensor.zeros(1));
    var fresh = new Adam(q.params(), 0.02);
    var e = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(sd));
    String msg = e.getMessage();
    assertTrue(msg.startsWith("Adam.loadStateDict: 3 problem(s)"), msg);
    assertTrue(msg.contains("missing key groups.0.eps"), msg);
    assertTrue(msg.contains("state.0.0.exp_avg: got float32 [3, 2], expected float32 [2, 3]"), msg);
    assertTrue(msg.contains("unexpected key bogus"), msg);
    assertEquals(0.02, fresh.learningRate(), 0.0);
    assertEquals(0, fresh.stepCount());
    assertNull(fresh.state(0, 0));
  }

  @Test
  void parameterGroupsUseTheirOwnRates() {
    Tensor w1 = Tensor.ones(2).requiresGrad(true);
    Tensor w2 = Tensor.ones(2).requiresGrad(true);
    var groups = List.of(ParamGroup.of("body", List.of(w1), 0.01), ParamGroup.of("head", List.of(w2)));
    var opt = new SGD(groups, SGD.Settings.defaults().withLr(0.1));
    w1.sum().mul(2f).add(w2.sum().mul(2f)).backward(); // both gradients are 2
    opt.step();
    assertArrayEquals(new float[] {0.98f, 0.98f}, w1.toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {0.8f, 0.8f}, w2.toFloatArray(), 1e-7f);
    assertEquals(0.01, opt.groupLearningRate(0), 0.0);
    assertEquals(0.1, opt.groupLearningRate(1), 0.0);
    // the base rate drives both groups, keeping the ratio
    opt.setLearningRate(1.0);
    assertEquals(1.0, opt.learningRate(), 0.0);
    assertEquals(0.1, opt.groupLearningRate(0), 1e-15);
    assertEquals(1.0, opt.groupLearningRate(1), 0.0);
    // setting a group's lr directly changes its ratio
    opt.setGroupOption(1, Optimizer.LR, 0.5);
    opt.setLearningRate(0.2);
    assertEquals(0.02, opt.groupLearningRate(0), 1e-15);
    assertEquals(0.1, opt.groupLearningRate(1), 1e-15);
    assertEquals("body", opt.groups().get(0).name());
    assertEquals(0.0, opt.groups().get(0).option("momentum"), 0.0); // defaults merged in
  }

  @Test
  void discriminativeRatesAndDecaySplit() {
    Tensor a = Tensor.ones(2, 2);
    Tensor b = Tensor.ones(2);
    Tensor c = Tensor.ones(3, 3, 1, 1);
    var lrs = ParamGroups.discriminative(List.of(List.of(a), List.of(b), List.of(c)), 1e-4, 1e-2);
    assertEquals(1e-4, lrs.get(0).option("lr"), 1e-18);
    assertEquals(1e-3, lrs.get(1).option("lr"), 1e-15);
    assertEquals(1e-2, lrs.get(2).option("lr"), 1e-15);
    var named = new LinkedHashMap<String, Tensor>();
    named.put("fc.weight", a);
    named.put("fc.bias", b);
    named.put("conv.weight", c);
    var groups = ParamGroups.decayAndNoDecay(named, 0.1);
    assertEquals(2, groups.size());
    assertEquals("decay", groups.get(0).name());
    assertEquals(List.of(a, c), groups.get(0).params());
    assertEquals(0.1, groups.get(0).option(Optimizer.WEIGHT_DECAY), 0.0);
    assertEquals(List.of(b), groups.get(1).params());
    assertEquals(0.0, groups.get(1).option(Optimizer.WEIGHT_DECAY), 0.0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> ParamGroups.of(List.of(List.of(a)), 0.1, 0.2));
    assertEquals("ParamGroups.of: 1 parameter lists but 2 learning rates (expected one rate per list)",
        e.getMessage());
  }

  @Test
  void noDecayGroupIsNotDecayed() {
    Tensor w = Tensor.ones(2, 2).requiresGrad(true);
    Tensor bias = Tensor.ones(2).requiresGrad(true);
    var named = new LinkedHashMap<String, Tensor>();
    named.put("weight", w);
    named.put("bias", bias);
    var opt = new AdamW(ParamGroups.decayAndNoDecay(named, 0.5), AdamW.Settings.defaults().withLr(0.1));
    w.setGrad(Tensor.zeros(2, 2));
    bias.setGrad(Tensor.zeros(2));
    opt.step(); // zero gradients: only decoupled decay moves anything
    assertArrayEquals(new float[] {0.95f, 0.95f, 0.95f, 0.95f}, w.toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {1f, 1f}, bias.toFloatArray());
  }

  @Test
  void paramsWithoutGradientAreSkipped() {
    Tensor used = Tensor.ones(3).requiresGrad(true);
    Tensor unused = Tensor.ones(3).requiresGrad(true);
    var opt = new Adam(List.of(used, unused), 0.1);
    int version = unused.storage().version();
    used.square().sum().backward();
    opt.step();
    assertArrayEquals(new float[] {1f, 1f, 1f}, unused.toFloatArray());
    assertEquals(version, unused.storage().version());
    assertNull(opt.state(0, 1));
    assertNotNull(opt.state(0, 0));
    assertEquals(1, opt.state(0, 0).step());
    assertFalse(opt.stateDict().containsKey("state.0.1.step"));
    assertTrue(used.toFloatArray()[0] < 1f);
  }

  @Test
  void stepBumpsTheStorageVersionAndZeroGradClears() {
    Tensor w = Tensor.ones(4).requiresGrad(true);
    var opt = new SGD(List.of(w), 0.1);
    w.sum().backward();
    int before = w.storage().version();
    opt.step();
    assertTrue(w.storage().version() > before);
    assertNotNull(w.grad());
    opt.zeroGrad();
    assertNull(w.grad());
  }

  @Test
  void nonContiguousParameterIsUpdatedInPlace() {
    Tensor base = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor view = base.t().requiresGrad(true); // (3, 2), not contiguous, a leaf
    assertFalse(view.isContiguous());
    var opt = new SGD(List.of(view), 0.5);
    view.setGrad(Tensor.of(new float[] {1, 0, 0, 0, 0, 2}, 3, 2));
    opt.step();
    assertArrayEquals(new float[] {0.5f, 4, 2, 5, 3, 5}, view.toFloatArray());
    assertArrayEquals(new float[] {0.5f, 2, 3, 4, 5, 5}, base.toFloatArray());
  }

  @Test
  void gradientAccumulationEqualsOneBackwardOfTheSum() {
    var gen = new Generator(4);
    Tensor x1 = Tensor.randn(gen, 8, 3);
    Tensor x2 = Tensor.randn(gen, 8, 3);
    Tensor init = Tensor.randn(gen, 3, 2);
    Tensor wa = init.clone().requiresGrad(true);
    Tensor wb = init.clone().requiresGrad(true);
    var oa = new SGD(List.of(wa), SGD.Settings.defaults().withLr(0.1).withMomentum(0.9));
    var ob = new SGD(List.of(wb), SGD.Settings.defaults().withLr(0.1).withMomentum(0.9));
    for (int step = 0; step < 3; step++) {
      oa.zeroGrad();
      x1.matmul(wa).tanh().sum().backward(); // micro-batch 1
      x2.matmul(wa).tanh().sum().backward(); // micro-batch 2: accumulates into wa.grad
      oa.step();
      ob.zeroGrad();
      x1.matmul(wb).tanh().sum().add(x2.matmul(wb).tanh().sum()).backward();
      ob.step();
      assertArrayEquals(wb.toFloatArray(), wa.toFloatArray(), 1e-6f, "step " + step);
    }
  }

  @Test
  void momentumCanBeSetForOneCycle() {
    Tensor w = Tensor.ones(2).requiresGrad(true);
    var sgd = new SGD(List.of(w), SGD.Settings.defaults().withLr(0.1).withMomentum(0.9));
    sgd.setMomentum(0.85);
    assertEquals(0.85, sgd.momentum(), 0.0);
    var adam = new Adam(List.of(w), 0.1);
    adam.setMomentum(0.95);
    assertEquals(0.95, adam.groups().get(0).option("beta1"), 0.0);
    var rms = new RMSprop(List.of(w), 0.1);
    rms.setMomentum(0.5);
    assertEquals(0.5, rms.momentum(), 0.0);
    var ada = new Adagrad(List.of(w));
    assertFalse(ada.hasMomentum());
    var e = assertThrows(UnsupportedOperationException.class, () -> ada.setMomentum(0.9));
    assertEquals("Adagrad: has no momentum to set", e.getMessage());
    var bad = assertThrows(IllegalArgumentException.class, () -> adam.setMomentum(1.0));
    assertEquals("Adam: invalid beta1: 1.0 (expected 0 <= beta1 < 1) (in group 'default')",
        bad.getMessage());
  }

  @Test
  void hyperparametersAreValidated() {
    List<Tensor> p = List.of(Tensor.ones(2).requiresGrad(true));
    assertMessage("Adam: invalid learning rate: -1.0 (expected >= 0)", () -> new Adam(p, -1.0));
    assertMessage("Adam: invalid beta2: 1.5 (expected 0 <= beta2 < 1)",
        () -> Adam.Settings.defaults().withBetas(0.9, 1.5));
    assertMessage("AdamW: invalid weight decay: -0.1 (expected a finite value >= 0)",
        () -> AdamW.Settings.defaults().withWeightDecay(-0.1));
    assertMessage("SGD: Nesterov momentum requires a momentum > 0 and zero dampening, got"
        + " momentum=0.0, dampening=0.0", () -> SGD.Settings.defaults().withNesterov(true));
    assertMessage("RMSprop: invalid alpha: 2.0 (expected 0 <= alpha <= 1)",
        () -> RMSprop.Settings.defaults().withAlpha(2));
    assertMessage("Adadelta: invalid rho: -0.5 (expected 0 <= rho <= 1)",
        () -> Adadelta.Settings.defaults().withRho(-0.5));
    assertMessage("Adagrad: invalid epsilon: NaN (expected a finite value >= 0)",
        () -> Adagrad.Settings.defaults().withEps(Double.NaN));
    assertMessage("Adam: got an empty parameter list", () -> new Adam(List.of(), 0.1));
    Tensor w = p.get(0);
    assertMessage("Adam: a parameter appears more than once (group 'default' index 0 and group"
        + " 'default' index 1)", () -> new Adam(List.of(w, w), 0.1));
    assertMessage("SGD: parameter at group 'default' index 0 is int32 (expected a float32 tensor)",
        () -> new SGD(List.of(Tensor.ofInts(new int[] {1}, 1)), 0.1));
    assertMessage("Adam: unknown option 'momentum' in group 'g' (known: lr, beta1, beta2, eps,"
        + " weight_decay, amsgrad)",
        () -> new Adam(List.of(new ParamGroup("g", p, Map.of("momentum", 0.9))),
            Adam.Settings.defaults()));
    assertMessage("Adam: invalid learning rate: -0.5 (expected >= 0) (in group 'g')",
        () -> new Adam(List.of(new ParamGroup("g", p, Map.of("lr", -0.5))),
            Adam.Settings.defaults()));
    assertMessage("Adam: invalid amsgrad: 0.5 (expected 0 or 1 for a flag) (in group 'default')",
        () -> new Adam(p, 0.1).setGroupOption(0, "amsgrad", 0.5));
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor nonLeaf = x.mul(2f);
    var e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(nonLeaf), 0.1));
    assertTrue(e.getMessage().startsWith("SGD: parameter at group 'default' index 0 is the result of"),
        e.getMessage());
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable f) {
    var e = assertThrows(IllegalArgumentException.class, f);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void addGroupForFineTuning() {
    Tensor head = Tensor.ones(2).requiresGrad(true);
    Tensor body = Tensor.ones(2).requiresGrad(true);
    var opt = new Adam(List.of(head), 1e-3);
    opt.addGroup(ParamGroup.of("body", List.of(body), 1e-5));
    assertEquals(2, opt.groups().size());
    assertEquals(1e-5, opt.groupLearningRate(1), 0.0);
    assertEquals(List.of(head, body), opt.params());
    assertThrows(IllegalArgumentException.class,
        () -> opt.addGroup(ParamGroup.of("again", List.of(head))));
  }
}
