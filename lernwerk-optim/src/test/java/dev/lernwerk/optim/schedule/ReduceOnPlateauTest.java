package dev.lernwerk.optim.schedule;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.optim.schedule.ReduceOnPlateau.Mode;
import dev.lernwerk.optim.schedule.ReduceOnPlateau.ThresholdMode;
import org.junit.jupiter.api.Test;

class ReduceOnPlateauTest {
  @Test
  void reducesAfterPatienceRunsOut() {
    var r = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withPatience(2).withFactor(0.5));
    double lr = 1.0;
    double[] metrics = {1.0, 0.9, 0.95, 0.95, 0.9, 0.95, 0.95, 0.95};
    double[] expected = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25};
    for (int i = 0; i < metrics.length; i++) {
      lr = r.update(metrics[i], lr);
      assertEquals(expected[i], lr, 0.0, "evaluation " + i);
    }
    assertEquals(2, r.state().reductions());
    assertEquals(0.9, r.state().best(), 0.0);
  }

  @Test
  void thresholdCooldownAndMinLr() {
    var r = new ReduceOnPlateau(Mode.MIN, 0.1, 0, 0.1, ThresholdMode.REL, 2, 0.005);
    double lr = 1.0;
    lr = r.update(1.0, lr); // best = 1
    assertEquals(1.0, lr, 0.0);
    lr = r.update(0.95, lr); // not < 0.9: bad, patience 0 → reduce, cooldown 2
    assertEquals(0.1, lr, 1e-15);
    assertTrue(r.inCooldown());
    lr = r.update(2.0, lr); // cooldown: not counted
    lr = r.update(2.0, lr);
    assertEquals(0.1, lr, 1e-15);
    lr = r.update(2.0, lr); // counted again → reduce to 0.01
    assertEquals(0.01, lr, 1e-15);
    lr = r.update(2.0, r.update(2.0, lr)); // cooldown twice
    lr = r.update(2.0, lr); // reduce: max(0.001, minLr 0.005)
    assertEquals(0.005, lr, 1e-15);
    lr = r.update(2.0, r.update(2.0, r.update(2.0, lr))); // at minLr: stays
    assertEquals(0.005, lr, 0.0);
  }

  @Test
  void maxModeAndAbsoluteThreshold() {
    var r = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withMode(Mode.MAX)
        .withPatience(1).withThreshold(0.01, ThresholdMode.ABS));
    assertTrue(r.isBetter(0.5));
    double lr = r.update(0.5, 0.1);
    assertFalse(r.isBetter(0.505));
    assertTrue(r.isBetter(0.52));
    lr = r.update(0.505, lr); // bad 1
    assertEquals(0.1, lr, 0.0);
    lr = r.update(0.505, lr); // bad 2 > patience 1
    assertEquals(0.01, lr, 1e-15);
    assertFalse(r.isBetter(Double.NaN));
  }

  @Test
  void stateRoundTrips() {
    var a = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withPatience(3));
    var b = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withPatience(3));
    double[] metrics = {1, 0.99, 1, 1, 1, 1, 0.98, 1, 1, 1, 1, 1};
    double la = 1;
    double lb = 1;
    for (int i = 0; i < 6; i++) {
      la = a.update(metrics[i], la);
      lb = b.update(metrics[i], lb);
    }
    var restored = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withPatience(3));
    restored.loadStateDict(b.stateDict());
    assertEquals(b.state(), restored.state());
    var viaRecord = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withPatience(3));
    viaRecord.load(b.state());
    for (int i = 6; i < metrics.length; i++) {
      la = a.update(metrics[i], la);
      lb = restored.update(metrics[i], lb);
      viaRecord.update(metrics[i], 1);
    }
    assertEquals(la, lb, 0.0);
    assertEquals(a.state(), restored.state());
    assertTrue(la < 1, "the run reduced at least once");
    var e = assertThrows(IllegalArgumentException.class,
        () -> restored.loadStateDict(java.util.Map.of()));
    assertEquals("ReduceOnPlateau.loadStateDict: missing key best", e.getMessage());
  }

  @Test
  void settingsAreValidated() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ReduceOnPlateau.Settings.defaults().withFactor(1.0));
    assertEquals("ReduceOnPlateau: invalid factor: 1.0 (expected 0 < factor < 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ReduceOnPlateau.Settings.defaults().withPatience(-1));
    assertEquals("ReduceOnPlateau: invalid patience: -1 (expected >= 0)", e.getMessage());
  }
}
