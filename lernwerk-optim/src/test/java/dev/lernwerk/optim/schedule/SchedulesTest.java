package dev.lernwerk.optim.schedule;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.optim.schedule.Schedules.CyclicMode;
import org.junit.jupiter.api.Test;

class SchedulesTest {
  private static final double TOL = 1e-12;

  @Test
  void constantStepMultiStepExponential() {
    assertEquals(0.3, Schedules.constant(0.3).at(12345), 0.0);
    Schedule s = Schedules.stepDecay(1.0, 10, 0.5);
    assertEquals(1.0, s.at(0), TOL);
    assertEquals(1.0, s.at(9), TOL);
    assertEquals(0.5, s.at(10), TOL);
    assertEquals(0.125, s.at(35), TOL);
    Schedule m = Schedules.multiStep(0.1, new long[] {3, 7}, 0.1);
    assertEquals(0.1, m.at(2), TOL);
    assertEquals(0.01, m.at(3), TOL);
    assertEquals(0.01, m.at(6), TOL);
    assertEquals(0.001, m.at(7), 1e-15);
    assertEquals(0.001, m.at(1000), 1e-15);
    Schedule e = Schedules.exponential(2.0, 0.9);
    assertEquals(2.0, e.at(0), TOL);
    assertEquals(2.0 * Math.pow(0.9, 17), e.at(17), TOL);
  }

  @Test
  void cosineAnnealing() {
    Schedule c = Schedules.cosine(1.0, 0.1, 100);
    assertEquals(1.0, c.at(0), TOL);
    assertEquals(0.55, c.at(50), TOL);
    assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.25)) / 2, c.at(25), TOL);
    assertEquals(0.1, c.at(100), TOL);
    assertEquals(0.1, c.at(500), TOL);
  }

  @Test
  void cosineWarmRestarts() {
    Schedule r = Schedules.cosineWarmRestarts(1.0, 0.0, 10, 2);
    assertEquals(1.0, r.at(0), TOL);
    assertEquals(0.5, r.at(5), TOL);
    assertEquals(1.0, r.at(10), TOL); // restart; next cycle 20 steps
    assertEquals(0.5, r.at(20), TOL);
    assertEquals(1.0, r.at(30), TOL); // then 40 steps
    assertEquals(0.5, r.at(50), TOL);
    Schedule same = Schedules.cosineWarmRestarts(1.0, 0.2, 4, 1);
    assertEquals(same.at(1), same.at(5), TOL);
    assertEquals(0.2 + 0.8 * (1 + Math.cos(Math.PI * 3 / 4)) / 2, same.at(7), TOL);
  }

  @Test
  void warmupThenCosine() {
    Schedule s = Schedules.linearWarmup(0.0, 1e-3, 10).then(10, Schedules.cosine(1e-3, 0, 90));
    assertEquals(0.0, s.at(0), TOL);
    assertEquals(5e-4, s.at(5), TOL);
    assertEquals(1e-3, s.at(10), TOL);
    assertEquals(5e-4, s.at(55), TOL);
    assertEquals(0.0, s.at(100), TOL);
    double[] curve = s.sample(101);
    assertEquals(101, curve.length);
    for (int i = 1; i <= 10; i++) {
      assertTrue(curve[i] > curve[i - 1], "rising at " + i);
    }
    for (int i = 11; i <= 100; i++) {
      assertTrue(curve[i] < curve[i - 1], "falling at " + i);
    }
    assertEquals(2e-3, s.scaled(2).at(10), TOL);
  }

  @Test
  void cyclicModes() {
    Schedule tri = Schedules.cyclic(0.1, 1.0, 4, CyclicMode.TRIANGULAR, 1.0);
    double[] expected = {0.1, 0.325, 0.55, 0.775, 1.0, 0.775, 0.55, 0.325, 0.1, 0.325};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], tri.at(i), TOL, "step " + i);
    }
    Schedule tri2 = Schedules.cyclic(0.0, 1.0, 2, CyclicMode.TRIANGULAR2, 1.0);
    assertEquals(1.0, tri2.at(2), TOL);
    assertEquals(0.5, tri2.at(6), TOL);
    assertEquals(0.25, tri2.at(10), TOL);
    Schedule exp = Schedules.cyclic(0.0, 1.0, 2, CyclicMode.EXP_RANGE, 0.9);
    assertEquals(Math.pow(0.9, 2), exp.at(2), TOL);
    assertEquals(0.5 * Math.pow(0.9, 5), exp.at(5), TOL);
    Schedule asym = Schedules.cyclic(0.0, 1.0, 1, 3, CyclicMode.TRIANGULAR, 1.0);
    assertEquals(1.0, asym.at(1), TOL);
    assertEquals(2 / 3.0, asym.at(2), TOL);
    assertEquals(0.0, asym.at(4), TOL);
  }

  @Test
  void oneCycleShape() {
    double maxLr = 0.01;
    int total = 1000;
    Schedule lr = Schedules.oneCycle(maxLr, total);
    assertEquals(maxLr / 25, lr.at(0), TOL);
    int peak = 249; // pctStart·total − 1
    assertEquals(maxLr, lr.at(peak), TOL);
    for (int s = 1; s <= peak; s++) {
      assertTrue(lr.at(s) > lr.at(s - 1), "rising at " + s);
    }
    for (int s = peak + 1; s < total; s++) {
      assertTrue(lr.at(s) < lr.at(s - 1), "falling at " + s);
    }
    assertEquals(maxLr / (25 * 1e5), lr.at(total - 1), 1e-18);
    assertEquals(maxLr / (25 * 1e5), lr.at(total + 10), 1e-18);
    // cosine annealing: halfway up the rise the rate is the mean of start and peak
    Schedule even = Schedules.oneCycle(maxLr, 1004); // rise ends at step 250
    assertEquals((maxLr / 25 + maxLr) / 2, even.at(125), TOL);
    Schedule mom = Schedules.oneCycleMomentum(0.95, 0.85, total);
    assertEquals(0.95, mom.at(0), TOL);
    assertEquals(0.85, mom.at(peak), TOL);
    assertEquals(0.95, mom.at(total - 1), TOL);
    Schedule torchLike = Schedules.oneCycle(1.0, 100, 0.3, 25, 1e4);
    assertEquals(0.04, torchLike.at(0), TOL);
    assertEquals(1.0, torchLike.at(29), TOL);
    double pct = (50 - 29) / (99.0 - 29);
    assertEquals(4e-6 + (1.0 - 4e-6) / 2 * (1 + Math.cos(Math.PI * pct)), torchLike.at(50), TOL);
  }

  @Test
  void invalidArguments() {
    var e = assertThrows(IllegalArgumentException.class, () -> Schedules.stepDecay(0.1, 0, 0.5));
    assertEquals("stepDecay: invalid stepSize: 0 (expected > 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(-1, 0, 10));
    assertEquals("cosine: invalid lrMax: -1.0 (expected a finite value >= 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Schedules.multiStep(0.1, new long[] {5, 3}, 0.1));
    assertEquals("multiStep: milestones must be increasing and >= 0, got [5, 3]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Schedules.oneCycle(0.1, 100, 1.5, 25, 1e4));
    assertEquals("oneCycle: invalid pctStart: 1.5 (expected 0 < pctStart < 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedules.constant(1).then(-1, s -> 0));
    assertEquals("Schedule.then: invalid afterSteps: -1 (expected >= 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedules.exponential(1, 0.9).at(-1));
    assertEquals("Schedule: invalid step: -1 (expected >= 0)", e.getMessage());
  }
}
