package dev.lernwerk.optim.schedule;

/**
 * A learning-rate (or momentum) schedule: a pure function of the step number, so it can be plotted,
 * tested and resumed without state.
 *
 * <pre>{@code
 * Schedule lr = Schedules.linearWarmup(0, 1e-3, 500)
 *     .then(500, Schedules.cosine(1e-3, 1e-5, 9_500));
 * for (long step = 0; step < 10_000; step++) {
 *   opt.setLearningRate(lr.at(step));
 *   // forward, backward, opt.step()
 * }
 * }</pre>
 *
 * Steps count from 0 (the value before the first optimizer step).
 */
@FunctionalInterface
public interface Schedule {
  /** The value at {@code step} (≥ 0). */
  double at(long step);

  /**
   * This schedule for steps {@code [0, afterSteps)}, then {@code next} restarted from its own step
   * 0: {@code at(s) = s < afterSteps ? this.at(s) : next.at(s − afterSteps)}.
   */
  default Schedule then(long afterSteps, Schedule next) {
    if (afterSteps < 0) {
      throw new IllegalArgumentException(
          "Schedule.then: invalid afterSteps: " + afterSteps + " (expected >= 0)");
    }
    java.util.Objects.requireNonNull(next, "Schedule.then: next");
    Schedule first = this;
    return step -> step < afterSteps ? first.at(step) : next.at(step - afterSteps);
  }

  /** This schedule multiplied by {@code factor} (e.g. one shape for several base rates). */
  default Schedule scaled(double factor) {
    Schedule s = this;
    return step -> factor * s.at(step);
  }

  /** The values at steps {@code 0 … steps−1} (for plotting). */
  default double[] sample(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException(
          "Schedule.sample: invalid steps: " + steps + " (expected >= 0)");
    }
    double[] out = new double[steps];
    for (int i = 0; i < steps; i++) {
      out[i] = at(i);
    }
    return out;
  }
}
