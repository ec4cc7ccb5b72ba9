package dev.lernwerk.train.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import org.junit.jupiter.api.Test;

class LrFinderResultTest {

  /** A U-shaped range test: flat at 2.3, falls around lr 3e-4, bottoms out, then blows up. */
  private static double uLoss(double lr) {
    double x = Math.log10(lr);
    return 2.3 - 1.8 / (1 + Math.exp(-2.5 * (x + 3.5))) + 0.05 * Math.exp(2.5 * (x + 1));
  }

  private static LrFinderResult uShaped(int steps, double noise, long seed) {
    var gen = new Generator(seed);
    double[] lrs = LrFinderResult.exponentialRamp(1e-7, 10, steps);
    double[] losses = new double[steps];
    for (int i = 0; i < steps; i++) {
      losses[i] = uLoss(lrs[i]) * (1 + noise * gen.nextGaussian());
    }
    return new LrFinderResult(lrs, losses);
  }

  @Test
  void exponentialRampIsGeometric() {
    double[] r = LrFinderResult.exponentialRamp(1e-4, 1, 5);
    assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, r, 1e-15);
    for (int i = 1; i < r.length; i++) {
      assertEquals(10, r[i] / r[i - 1], 1e-12);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> LrFinderResult.exponentialRamp(1, 0.1, 10));
    assertEquals("exponentialRamp: expected 0 < startLr < endLr, got startLr=1.0, endLr=0.1", e.getMessage());
  }

  @Test
  void smoothingIsBiasCorrectedLikeFastai() {
    var r = new LrFinderResult(new double[] {1e-3, 1e-2, 1e-1}, new double[] {1, 2, 3});
    // beta 0.5: a = 0.5, 1.25, 2.125; divided by 1 - 0.5^i = 0.5, 0.75, 0.875
    assertArrayEquals(new double[] {1, 1.25 / 0.75, 2.125 / 0.875}, r.smoothed(0.5), 1e-15);
    // the first smoothed value is the raw loss, whatever beta
    assertEquals(1.0, r.smoothed()[0], 1e-12);
  }

  @Test
  void stopsWhenTheSmoothedLossPassesFourTimesItsBest() {
    double[] lrs = LrFinderResult.exponentialRamp(1e-5, 1e-1, 5);
    // smoothed value at 100: (0.98 - 0.98^5 + 2) / (1 - 0.98^5) = 21.6 > 4
    assertEquals(4, new LrFinderResult(lrs, new double[] {1, 1, 1, 1, 100}).stopIndex());
    // at 10: (0.98 - 0.98^5 + 0.2) / (1 - 0.98^5) = 2.87 < 4: no stop
    assertEquals(5, new LrFinderResult(lrs, new double[] {1, 1, 1, 1, 10}).stopIndex());
    assertEquals(2, new LrFinderResult(lrs, new double[] {1, 1, Double.NaN, 1, 1}).stopIndex());
  }

  @Test
  void suggestionsOnAUShapedCurve() {
    LrFinderResult r = uShaped(400, 0.02, 3);
    double[] s = r.smoothed();
    int stop = r.stopIndex();
    assertTrue(stop < 400, "the blow-up should stop the test, stop=" + stop);
    // steepest: where the loss falls fastest, shifted right by the smoothing lag; well below the minimum
    double steep = r.suggestSteepest();
    assertTrue(steep > 1e-4 && steep < 1e-2, "steepest " + steep);
    // minimum / 10
    int argmin = 0;
    for (int i = 0; i < stop; i++) {
      if (s[i] < s[argmin]) {
        argmin = i;
      }
    }
    assertEquals(r.lrs()[argmin] / 10, r.suggestMinimumDiv10(), 0);
    assertTrue(r.suggestMinimumDiv10() > 1e-3 && r.suggestMinimumDiv10() < 1e-1,
        "minimum/10 " + r.suggestMinimumDiv10());
    double valley = r.suggestValley();
    assertTrue(valley > 1e-5 && valley < r.lrs()[argmin], "valley " + valley);
    // the suggestions sit on the falling part: smoothed loss there is below the start
    assertTrue(uLoss(steep) < 2.0);
  }

  @Test
  void steepestIsTheMostNegativeSlopeInLogLr() {
    // smoothing with beta 0.98 is nearly the identity on a 2-point change, so test on a clean curve:
    // a staircase whose biggest drop per decade is between points 20 and 21
    double[] lrs = LrFinderResult.exponentialRamp(1e-6, 1, 40);
    double[] losses = new double[40];
    for (int i = 0; i < 40; i++) {
      losses[i] = i <= 20 ? 2.0 - 0.001 * i : 1.0 - 0.001 * i;
    }
    var r = new LrFinderResult(lrs, losses);
    double[] s = r.smoothed();
    int best = -1;
    double bestGrad = Double.POSITIVE_INFINITY;
    for (int i = 4; i + 1 < 35; i++) {
      double g = (s[i + 1] - s[i]) / Math.log(lrs[i + 1] / lrs[i]);
      if (g < bestGrad) {
        bestGrad = g;
        best = i;
      }
    }
    assertEquals(20, best);
    assertEquals(lrs[20], r.suggestSteepest(), 0);
  }

  @Test
  void recorderStopsAtTheSamePoint() {
    LrFinderResult full = uShaped(400, 0.02, 5);
    var rec = new LrFinderRecorder();
    int stoppedAt = -1;
    for (int i = 0; i < full.size(); i++) {
      if (rec.record(full.lrs()[i], full.losses()[i])) {
        stoppedAt = i;
        break;
      }
    }
    assertEquals(full.stopIndex(), stoppedAt);
    LrFinderResult recorded = rec.result();
    assertEquals(stoppedAt + 1, recorded.size());
    assertEquals(full.suggestSteepest(), recorded.suggestSteepest(), 0);
    assertEquals(full.suggestMinimumDiv10(), recorded.suggestMinimumDiv10(), 0);
  }

  @Test
  void badInput() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new LrFinderResult(new double[] {1e-3, 1e-4}, new double[] {1, 1}));
    assertEquals("LrFinderResult: learning rates must be positive and increasing, got 1.0E-4 at "
        + "index 1 after 0.001", e.getMessage());
    var s = assertThrows(IllegalStateException.class,
        () -> new LrFinderResult(new double[] {1e-3, 1e-2, 1e-1}, new double[] {1, Double.NaN, 1})
            .suggestSteepest());
    assertTrue(s.getMessage().contains("diverged at point 1"), s.getMessage());
  }
}
