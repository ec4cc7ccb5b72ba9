package dev.lernwerk.optim.schedule;

import java.util.Arrays;

/**
 * The usual learning-rate schedules as pure functions of the step (see {@link Schedule}). Formulas
 * follow PyTorch's {@code lr_scheduler} closed forms; schedules with an end hold their last value
 * afterwards.
 */
public final class Schedules {
  private Schedules() {}

  /** Modes of {@link #cyclic}. */
  public enum CyclicMode {
    /** Same amplitude every cycle. */
    TRIANGULAR,
    /** Amplitude halved after each cycle. */
    TRIANGULAR2,
    /** Amplitude scaled by {@code gamma^step}. */
    EXP_RANGE
  }

  /** {@code lr} at every step. */
  public static Schedule constant(double lr) {
    checkLr("constant", "lr", lr);
    return step -> lr;
  }

  /** {@code lr · gamma^⌊step / stepSize⌋} (PyTorch StepLR). */
  public static Schedule stepDecay(double lr, long stepSize, double gamma) {
    checkLr("stepDecay", "lr", lr);
    checkPositive("stepDecay", "stepSize", stepSize);
    checkGamma("stepDecay", gamma);
    return step -> lr * Math.pow(gamma, Math.floorDiv(check(step), stepSize));
  }

  /**
   * {@code lr · gamma^k} where k is the number of milestones ≤ step (PyTorch MultiStepLR); milestones
   * must be increasing.
   */
  public static Schedule multiStep(double lr, long[] milestones, double gamma) {
    checkLr("multiStep", "lr", lr);
    checkGamma("multiStep", gamma);
    long[] ms = milestones.clone();
    for (int i = 0; i < ms.length; i++) {
      if (ms[i] < 0 || (i > 0 && ms[i] <= ms[i - 1])) {
        throw new IllegalArgumentException(
            "multiStep: milestones must be increasing and >= 0, got " + Arrays.toString(ms));
      }
    }
    return step -> {
      int k = 0;
      while (k < ms.length && ms[k] <= check(step)) {
        k++;
      }
      return lr * Math.pow(gamma, k);
    };
  }

  /** {@code lr · gamma^step} (PyTorch ExponentialLR). */
  public static Schedule exponential(double lr, double gamma) {
    checkLr("exponential", "lr", lr);
    checkGamma("exponential", gamma);
    return step -> lr * Math.pow(gamma, check(step));
  }

  /**
   * Cosine annealing from {@code lrMax} at step 0 to {@code lrMin} at {@code totalSteps}, then {@code
   * lrMin}: {@code lrMin + (lrMax − lrMin)·(1 + cos(π·t/T))/2}. Reference: Loshchilov &amp; Hutter,
   * "SGDR: Stochastic Gradient Descent with Warm Restarts" (ICLR 2017).
   */
  public static Schedule cosine(double lrMax, double lrMin, long totalSteps) {
    checkLr("cosine", "lrMax", lrMax);
    checkLr("cosine", "lrMin", lrMin);
    checkPositive("cosine", "totalSteps", totalSteps);
    return step -> cosineBetween(lrMax, lrMin, Math.min(check(step), totalSteps) / (double) totalSteps);
  }

  /**
   * Cosine annealing with warm restarts (SGDR, PyTorch CosineAnnealingWarmRestarts): the first cycle
   * lasts {@code t0} steps, each next one {@code tMult} times longer; within a cycle of length
   * {@code Tᵢ} at position {@code t}: {@code lrMin + (lrMax − lrMin)·(1 + cos(π·t/Tᵢ))/2}.
   */
  public static Schedule cosineWarmRestarts(double lrMax, double lrMin, long t0, int tMult) {
    checkLr("cosineWarmRestarts", "lrMax", lrMax);
    checkLr("cosineWarmRestarts", "lrMin", lrMin);
    checkPositive("cosineWarmRestarts", "t0", t0);
    checkPositive("cosineWarmRestarts", "tMult", tMult);
    return step -> {
      long t = check(step);
      long len = t0;
      if (tMult == 1) {
        t = t % t0;
      } else {
        while (t >= len) {
          t -= len;
          len = Math.multiplyExact(len, tMult);
        }
      }
      return cosineBetween(lrMax, lrMin, t / (double) len);
    };
  }

  /**
   * Linear ramp from {@code start} at step 0 to {@code end} at {@code steps}, then {@code end}. Chain
   * it: {@code linearWarmup(0, lr, w).then(w, cosine(lr, 0, total − w))}.
   */
  public static Schedule linearWarmup(double start, double end, long steps) {
    checkLr("linearWarmup", "start", start);
    checkLr("linearWarmup", "end", end);
    checkPositive("linearWarmup", "steps", steps);
    return step -> start + (end - start) * (Math.min(check(step), steps) / (double) steps);
  }

  /** {@link #cyclic(double, double, long, long, CyclicMode, double)} with equal up and down phases. */
  public static Schedule cyclic(
      double base, double max, long stepSizeUp, CyclicMode mode, double gamma) {
    return cyclic(base, max, stepSizeUp, stepSizeUp, mode, gamma);
  }

  /**
   * Cyclical learning rates (Smith, "Cyclical Learning Rates for Training Neural Networks", WACV
   * 2017; PyTorch CyclicLR): rises linearly from {@code base} to {@code max} over {@code stepSizeUp}
   * steps, falls back over {@code stepSizeDown}, repeats. With {@code c = ⌊1 + step/(up+down)⌋}, the
   * position {@code x = 1 + step/(up+down) − c} and {@code scale = x/r} if {@code x ≤ r = up/(up+down)}
   * else {@code (x−1)/(r−1)}: {@code lr = base + (max − base)·scale·f}, with {@code f = 1}
   * (TRIANGULAR), {@code 1/2^(c−1)} (TRIANGULAR2) or {@code gamma^step} (EXP_RANGE; {@code gamma}
   * is ignored by the other modes).
   */
  public static Schedule cyclic(
      double base, double max, long stepSizeUp, long stepSizeDown, CyclicMode mode, double gamma) {
    checkLr("cyclic", "base", base);
    checkLr("cyclic", "max", max);
    checkPositive("cyclic", "stepSizeUp", stepSizeUp);
    if (stepSizeDown < 0) {
      throw new IllegalArgumentException(
          "cyclic: invalid stepSizeDown: " + stepSizeDown + " (expected >= 0)");
    }
    java.util.Objects.requireNonNull(mode, "cyclic: mode");
    checkGamma("cyclic", gamma);
    double total = stepSizeUp + stepSizeDown;
    double ratio = stepSizeUp / total;
    return step -> {
      long s = check(step);
      double cycle = Math.floor(1 + s / total);
      double x = 1 + s / total - cycle;
      double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
      double f =
          switch (mode) {
            case TRIANGULAR -> 1;
            case TRIANGULAR2 -> 1 / Math.pow(2, cycle - 1);
            case EXP_RANGE -> Math.pow(gamma, s);
          };
      return base + (max - base) * scale * f;
    };
  }

  /** {@link #oneCycle(double, long, double, double, double)} with fastai's defaults (0.25, 25, 1e5). */
  public static Schedule oneCycle(double maxLr, long totalSteps) {
    return oneCycle(maxLr, totalSteps, 0.25, 25, 1e5);
  }

  /**
   * The one-cycle policy (Smith &amp; Topin, "Super-Convergence", 2018; fastai's {@code
   * fit_one_cycle}, PyTorch OneCycleLR with cosine annealing): cosine rise from {@code maxLr /
   * divFactor} at step 0 to {@code maxLr} at step {@code pctStart·totalSteps − 1}, then cosine fall
   * to {@code maxLr / (divFactor · finalDivFactor)} at step {@code totalSteps − 1}; that value
   * afterwards. Pair with {@link #oneCycleMomentum} for momentum cycling.
   */
  public static Schedule oneCycle(
      double maxLr, long totalSteps, double pctStart, double divFactor, double finalDivFactor) {
    checkLr("oneCycle", "maxLr", maxLr);
    checkPositive("oneCycle", "divFactor", divFactor);
    checkPositive("oneCycle", "finalDivFactor", finalDivFactor);
    double initial = maxLr / divFactor;
    return twoPhaseCosine("oneCycle", initial, maxLr, initial / finalDivFactor, totalSteps, pctStart);
  }

  /** {@link #oneCycleMomentum(double, double, long, double)} with fastai's pctStart 0.25. */
  public static Schedule oneCycleMomentum(double high, double low, long totalSteps) {
    return oneCycleMomentum(high, low, totalSteps, 0.25);
  }

  /**
   * The momentum half of the one-cycle policy: cosine from {@code high} (e.g. 0.95) down to {@code
   * low} (0.85) while the learning rate rises, and back to {@code high} while it falls; same phases as
   * {@link #oneCycle}. Apply with {@code opt.setMomentum(m.at(step))} (β1 for Adam, momentum for SGD).
   */
  public static Schedule oneCycleMomentum(double high, double low, long totalSteps, double pctStart) {
    checkLr("oneCycleMomentum", "high", high);
    checkLr("oneCycleMomentum", "low", low);
    return twoPhaseCosine("oneCycleMomentum", high, low, high, totalSteps, pctStart);
  }

  private static Schedule twoPhaseCosine(
      String who, double start, double mid, double end, long totalSteps, double pctStart) {
    checkPositive(who, "totalSteps", totalSteps);
    if (!(pctStart > 0 && pctStart < 1)) {
      throw new IllegalArgumentException(
          who + ": invalid pctStart: " + pctStart + " (expected 0 < pctStart < 1)");
    }
    double upEnd = pctStart * totalSteps - 1;
    double downEnd = totalSteps - 1;
    if (!(upEnd > 0 && downEnd > upEnd)) {
      throw new IllegalArgumentException(
          who + ": totalSteps " + totalSteps + " with pctStart " + pctStart
              + " leaves an empty phase (need pctStart·totalSteps > 1 and < totalSteps)");
    }
    return step -> {
      double s = Math.min(check(step), downEnd);
      if (s <= upEnd) {
        return cosineBetween(start, mid, s / upEnd);
      }
      return cosineBetween(mid, end, (s - upEnd) / (downEnd - upEnd));
    };
  }

  /** {@code end + (start − end)·(1 + cos(π·pct))/2}: start at pct 0, end at pct 1. */
  static double cosineBetween(double start, double end, double pct) {
    return end + (start - end) / 2.0 * (1 + Math.cos(Math.PI * pct));
  }

  private static long check(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("Schedule: invalid step: " + step + " (expected >= 0)");
    }
    return step;
  }

  private static void checkLr(String who, String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + v + " (expected a finite value >= 0)");
    }
  }

  private static void checkPositive(String who, String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + (v == Math.rint(v) ? String.valueOf((long) v) : v)
              + " (expected > 0)");
    }
  }

  private static void checkGamma(String who, double gamma) {
    if (!(gamma > 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException(
          who + ": invalid gamma: " + gamma + " (expected a finite value > 0)");
    }
  }
}
