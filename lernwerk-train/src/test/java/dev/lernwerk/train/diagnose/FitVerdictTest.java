package dev.lernwerk.train.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.train.diagnose.FitVerdict.Fit;
import org.junit.jupiter.api.Test;

class FitVerdictTest {

  @Test
  void overfitting() {
    FitVerdict v = FitVerdict.of(0.99, 0.85, true);
    assertEquals(Fit.OVERFITTING, v.fit());
    assertEquals(0.01, v.avoidableBias(), 1e-12);
    assertEquals(0.14, v.variance(), 1e-12);
    assertEquals(1.0, v.baseline(), 0);
    assertTrue(Double.isNaN(v.test()));
    assertTrue(v.remedies().get(0).contains("more training data"), v.toText());
    assertTrue(v.explanation().contains("valid 0.85 is 0.14 below train (variance large)"),
        v.explanation());
  }

  @Test
  void underfitting() {
    FitVerdict v = FitVerdict.of(0.70, 0.69, true);
    assertEquals(Fit.UNDERFITTING, v.fit());
    assertEquals(0.30, v.avoidableBias(), 1e-12);
    assertEquals(0.01, v.variance(), 1e-12);
    assertTrue(v.remedies().get(0).contains("bigger model"), v.toText());
  }

  @Test
  void bothWithTheLargerGapFirst() {
    // Ng's example: human-level 0.95 as the baseline
    FitVerdict v = FitVerdict.of(0.80, 0.60, null, true, 0.95);
    assertEquals(Fit.UNDERFITTING_AND_OVERFITTING, v.fit());
    assertEquals(0.15, v.avoidableBias(), 1e-12);
    assertEquals(0.20, v.variance(), 1e-12);
    assertTrue(v.explanation().contains("The variance is the larger gap"), v.explanation());
    assertTrue(v.remedies().get(0).contains("more training data"), v.toText());
    assertTrue(v.remedies().stream().anyMatch(r -> r.contains("big enough")));
    assertTrue(v.remedies().stream().noneMatch(r -> r.contains("smaller model") || r.startsWith("less")));
    FitVerdict biasFirst = FitVerdict.of(0.70, 0.60, null, true, 0.95);
    assertEquals(Fit.UNDERFITTING_AND_OVERFITTING, biasFirst.fit());
    assertTrue(biasFirst.remedies().get(0).contains("bigger model"), biasFirst.toText());
  }

  @Test
  void goodFitAndATestGap() {
    FitVerdict good = FitVerdict.of(0.97, 0.96, 0.955, true, 0.98);
    assertEquals(Fit.GOOD_FIT, good.fit());
    assertEquals(0.005, good.testGap(), 1e-12);
    assertEquals(1, good.remedies().size());
    FitVerdict selected = FitVerdict.of(0.97, 0.96, 0.90, true, 0.98);
    assertEquals(Fit.GOOD_FIT, selected.fit());
    assertEquals(0.06, selected.testGap(), 1e-12);
    assertTrue(selected.remedies().stream().anyMatch(r -> r.contains("validation split")),
        selected.toText());
  }

  @Test
  void lowerIsBetterWithATolerance() {
    // losses: train 0.05, valid 0.30, baseline 0 (default), tolerance 0.1
    FitVerdict v = FitVerdict.of(0.05, 0.30, null, false, null, 0.1);
    assertEquals(Fit.OVERFITTING, v.fit());
    assertEquals(0.05, v.avoidableBias(), 1e-12);
    assertEquals(0.25, v.variance(), 1e-12);
    assertEquals(0.0, v.baseline(), 0);
    assertTrue(v.explanation().contains("valid 0.3 is 0.25 above train"), v.explanation());
    // error rates: 12% train error against a 2% baseline
    assertEquals(Fit.UNDERFITTING, FitVerdict.of(0.12, 0.13, null, false, 0.02).fit());
  }

  @Test
  void validBetterThanTrainIsNoVariance() {
    FitVerdict v = FitVerdict.of(0.95, 0.97, true); // e.g. dropout active while measuring train
    assertEquals(Fit.UNDERFITTING, v.fit());
    assertEquals(-0.02, v.variance(), 1e-12);
  }

  @Test
  void badNumbers() {
    var e = assertThrows(IllegalArgumentException.class, () -> FitVerdict.of(Double.NaN, 0.5, true));
    assertEquals("FitVerdict: train score must be finite, got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FitVerdict.of(0.5, 0.5, null, true, null, -1));
    assertEquals("FitVerdict: tolerance must be a finite number >= 0, got -1.0", e.getMessage());
  }
}
