package dev.lernwerk.optim;

import java.util.Map;

/** Hyperparameter validation with messages like {@code Adam: invalid learning rate: -1.0 (expected >= 0)}. */
final class Check {
  private Check() {}

  static void nonNegative(String who, String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + v + " (expected a finite value >= 0)");
    }
  }

  static void positive(String who, String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + v + " (expected a finite value > 0)");
    }
  }

  static void positive(String who, String what, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + v + " (expected an integer > 0)");
    }
  }

  static void lr(String who, double lr) {
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(
          who + ": invalid learning rate: " + lr + " (expected >= 0)");
    }
  }

  /** 0 ≤ v < 1 (betas, rho, alpha, momentum-like decays). */
  static void unitOpen(String who, String what, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + v + " (expected 0 <= " + what + " < 1)");
    }
  }

  /** 0 ≤ v ≤ 1. */
  static void unitClosed(String who, String what, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(
          who + ": invalid " + what + ": " + v + " (expected 0 <= " + what + " <= 1)");
    }
  }

  /** Reads an option the caller knows is there (the defaults always hold every key). */
  static double get(String who, Map<String, Double> options, String key) {
    Double v = options.get(key);
    if (v == null) {
      throw new IllegalArgumentException(who + ": missing option '" + key + "'");
    }
    return v;
  }

  /** Reads a 0/1 flag option. */
  static boolean flag(String who, Map<String, Double> options, String key) {
    double v = get(who, options, key);
    if (v != 0.0 && v != 1.0) {
      throw new IllegalArgumentException(
          who + ": invalid " + key + ": " + v + " (expected 0 or 1 for a flag)");
    }
    return v == 1.0;
  }

  static double bit(boolean b) {
    return b ? 1.0 : 0.0;
  }
}
