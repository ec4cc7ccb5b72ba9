package dev.lernwerk.optim;

import dev.lernwerk.kernel.OptimKernels;
import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.optim.Optimizer.Param;

/**
 * The parallel loop shared by the update rules written as plain scalar code (Adagrad, Adadelta,
 * RMSprop): the rule gets whole index ranges, so there is one call per chunk, none per element.
 */
final class ScalarLoop {
  private ScalarLoop() {}

  /**
   * Updates elements {@code [s, e)} of one parameter: element i is {@code th[po + i]}, its gradient
   * {@code gr[go + i]} and its state {@code buffer[i]}.
   */
  @FunctionalInterface
  interface Chunk {
    void update(float[] th, int po, float[] gr, int go, int s, int e);
  }

  /** Runs {@code chunk} over all elements of {@code p} in parallel ranges. */
  static void forEach(Param p, Chunk chunk) {
    float[] th = p.data();
    float[] gr = p.grad();
    int po = p.offset();
    int go = p.gradOffset();
    Parallel.forRange(p.numel(), OptimKernels.GRAIN, (s, e) -> chunk.update(th, po, gr, go, s, e));
  }

  /** The gradient with L2 weight decay, {@code g + wd·θ} in one rounding ({@code g} when wd is 0). */
  static float decayed(float wd, float theta, float g) {
    return wd != 0f ? Math.fma(wd, theta, g) : g;
  }
}
