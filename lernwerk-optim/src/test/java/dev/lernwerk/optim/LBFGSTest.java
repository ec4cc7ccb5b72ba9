package dev.lernwerk.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LBFGSTest {
  /** Rosenbrock f(x, y) = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1). */
  private static Tensor rosenbrock(Tensor p) {
    Tensor x = p.select(0, 0);
    Tensor y = p.select(0, 1);
    return x.rsub(1f).square().add(y.sub(x.square()).square().mul(100f));
  }

  private static LBFGS.Closure closure(Optimizer opt, Tensor p) {
    return () -> {
      opt.zeroGrad();
      Tensor f = rosenbrock(p);
      f.backward();
      return f;
    };
  }

  @Test
  void matchesPyTorchOnRosenbrock() {
    // torch 1.13: LBFGS([x], lr=1, max_iter=8, line_search_fn=…), three step(closure) calls from
    // (-1.5, 2): returned losses, final x, func_evals and n_iter
    Object[][] cases = {
      {false, new double[] {12.5, 5.800597667694092, 3.467139959335327},
          new float[] {-0.6554633378982544f, 0.44698747992515564f}, 24L, 24L},
      {true, new double[] {12.5, 5.494981288909912, 2.51511549949646},
          new float[] {0.2522601783275604f, 0.031167777255177498f}, 31L, 22L},
    };
    for (Object[] c : cases) {
      boolean ls = (Boolean) c[0];
      Tensor p = Tensor.of(new float[] {-1.5f, 2f}, 2).requiresGrad(true);
      var opt = new LBFGS(List.of(p), LBFGS.Settings.defaults().withMaxIter(8).withLineSearch(ls));
      double[] want = (double[]) c[1];
      for (int i = 0; i < 3; i++) {
        assertEquals(want[i], opt.step(closure(opt, p)), 2e-4 * Math.max(1, want[i]),
            "line search " + ls + ", call " + i);
      }
      assertArrayEquals((float[]) c[2], p.toFloatArray(), 2e-3f, "line search " + ls);
      assertEquals((Long) c[3], opt.functionEvaluations(), "evaluations, line search " + ls);
      assertEquals((Long) c[4], opt.iterations(), "iterations, line search " + ls);
      assertEquals(3, opt.stepCount());
    }
  }

  @Test
  void newtonLikeStepsBeatGradientDescentOnACurvedValley() {
    // the course's comparison: plain gradient descent crawls along Rosenbrock's valley,
    // a quasi-Newton method reaches the minimum in a few dozen evaluations
    Tensor pg = Tensor.of(new float[] {-1.5f, 2f}, 2).requiresGrad(true);
    var gd = new SGD(List.of(pg), 1e-3);
    for (int i = 0; i < 2000; i++) {
      gd.zeroGrad();
      rosenbrock(pg).backward();
      gd.step();
    }
    double gdLoss = rosenbrock(pg).item();
    Tensor pl = Tensor.of(new float[] {-1.5f, 2f}, 2).requiresGrad(true);
    var lbfgs = new LBFGS(List.of(pl),
        LBFGS.Settings.defaults().withMaxIter(100).withLineSearch(true));
    lbfgs.step(closure(lbfgs, pl));
    double lbLoss = rosenbrock(pl).item();
    assertTrue(lbLoss < 1e-8, "L-BFGS loss " + lbLoss);
    assertArrayEquals(new float[] {1f, 1f}, pl.toFloatArray(), 1e-3f);
    assertTrue(lbfgs.functionEvaluations() < 200, "evaluations " + lbfgs.functionEvaluations());
    assertTrue(gdLoss > 1000 * lbLoss && gdLoss > 1e-3, "GD loss after 2000 steps " + gdLoss);
  }

  @Test
  void solvesAQuadraticInFewIterations() {
    var q = new Quadratic(3);
    var opt = new LBFGS(q.params(), LBFGS.Settings.defaults().withLineSearch(true));
    opt.step(() -> {
      opt.zeroGrad();
      Tensor l = q.loss();
      l.backward();
      return l;
    });
    assertArrayEquals(q.c, q.values(), 1e-4f);
    assertTrue(opt.iterations() <= 12, "iterations " + opt.iterations());
  }

  @Test
  void stateDictResumesBitIdentically() {
    for (boolean ls : new boolean[] {false, true}) {
      var settings = LBFGS.Settings.defaults().withMaxIter(4).withHistorySize(3).withLineSearch(ls);
      Tensor pa = Tensor.of(new float[] {-1.5f, 2f}, 2).requiresGrad(true);
      var a = new LBFGS(List.of(pa), settings);
      for (int i = 0; i < 4; i++) {
        a.step(closure(a, pa));
      }
      Tensor pb = Tensor.of(new float[] {-1.5f, 2f}, 2).requiresGrad(true);
      var b = new LBFGS(List.of(pb), settings);
      b.step(closure(b, pb));
      b.step(closure(b, pb));
      Map<String, Tensor> saved = b.stateDict();
      assertEquals(3, saved.get("lbfgs.old_dirs").size(0));
      var c = new LBFGS(List.of(pb), settings);
      c.loadStateDict(saved);
      c.step(closure(c, pb));
      c.step(closure(c, pb));
      assertArrayEquals(pa.toFloatArray(), pb.toFloatArray(), "line search " + ls);
      assertEquals(a.functionEvaluations(), c.functionEvaluations());
    }
  }

  @Test
  void misuseIsReported() {
    Tensor p = Tensor.ones(2).requiresGrad(true);
    var opt = new LBFGS(List.of(p));
    var e = assertThrows(UnsupportedOperationException.class, opt::step);
    assertTrue(e.getMessage().startsWith("LBFGS: needs a closure"), e.getMessage());
    Tensor q = Tensor.ones(2).requiresGrad(true);
    var e2 = assertThrows(IllegalArgumentException.class, () -> new LBFGS(
        List.of(ParamGroup.of("a", List.of(p)), ParamGroup.of("b", List.of(q))),
        LBFGS.Settings.defaults()));
    assertEquals("LBFGS: supports exactly one parameter group, got 2", e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> LBFGS.Settings.defaults().withHistorySize(0));
    assertEquals("LBFGS: invalid historySize: 0 (expected an integer > 0)", e3.getMessage());
    var e4 = assertThrows(IllegalArgumentException.class,
        () -> opt.step(() -> p.mul(2f)));
    assertEquals("LBFGS: the closure must return the one-element loss, got shape [2]",
        e4.getMessage());
  }
}
