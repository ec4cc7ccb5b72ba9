package dev.lernwerk.kernel;

/**
 * Fused optimizer updates over raw float arrays: one pass per parameter reads the parameter, its
 * gradient and the optimizer's state once and writes them back once.
 *
 * <p>The vector and the scalar implementation give bit-identical results (lane-wise IEEE operations
 * and {@code fma} in the same order). The {@code …Range} methods process indices {@code [start,
 * end)}; the plain methods cut {@code [0, n)} into chunks run on {@link Parallel}, so the result does
 * not depend on the thread count either (every element is updated independently).
 */
public interface OptimKernels {
  /** The implementation in use ({@link Simd#ENABLED} picks it). */
  OptimKernels INSTANCE = Simd.ENABLED ? VectorLoader.load() : new ScalarOptimKernels();

  /** Elements per parallel chunk (at least two chunks' worth before threads are used). */
  int GRAIN = 1 << 15;

  /** The scalar implementation (also the reference the tests compare against). */
  static OptimKernels scalar() {
    return ScalarLoader.SCALAR;
  }

  /**
   * Coefficients of one Adam/AdamW step (computed once per parameter and step by the optimizer).
   *
   * @param beta1 decay of the first moment
   * @param beta2 decay of the second moment
   * @param oneMinusBeta1 {@code 1 - beta1}
   * @param oneMinusBeta2 {@code 1 - beta2}
   * @param stepSize {@code lr / (1 - beta1^t)}
   * @param bc2Sqrt {@code sqrt(1 - beta2^t)}
   * @param eps added to the denominator
   * @param l2 coupled weight decay added to the gradient ({@code g + l2·θ}); 0 for none
   * @param decay decoupled decay factor {@code 1 - lr·wd} applied to θ first; 1 for none
   */
  record AdamStep(
      float beta1,
      float beta2,
      float oneMinusBeta1,
      float oneMinusBeta2,
      float stepSize,
      float bc2Sqrt,
      float eps,
      float l2,
      float decay) {}

  /**
   * Coefficients of one SGD step.
   *
   * @param lr learning rate
   * @param weightDecay coupled weight decay ({@code g + wd·θ}); 0 for none
   * @param momentum momentum factor μ (ignored when no buffer is passed)
   * @param oneMinusDampening {@code 1 - dampening}
   * @param nesterov use {@code g + μ·buf} instead of {@code buf}
   * @param firstStep the buffer is fresh: {@code buf = g} instead of the decayed sum
   */
  record SgdStep(
      float lr,
      float weightDecay,
      float momentum,
      float oneMinusDampening,
      boolean nesterov,
      boolean firstStep) {}

  /**
   * Adam over indices {@code [start, end)} of one parameter; per element:
   *
   * <pre>
   * g ← g + l2·θ            (when l2 ≠ 0)
   * θ ← decay·θ
   * m ← fma(β1, m, (1−β1)·g)
   * v ← fma(β2, v, (1−β2)·g·g)
   * v̂ ← max(vmax, v), vmax ← v̂   (AMSGrad, when vmax ≠ null; else v̂ = v)
   * θ ← fma(−stepSize, m / (sqrt(v̂)/bc2Sqrt + eps), θ)
   * </pre>
   *
   * {@code p[po+i]}, {@code g[go+i]} and {@code m[so+i]}, {@code v[so+i]}, {@code vmax[so+i]} hold
   * element i.
   */
  void adamRange(
      AdamStep c,
      float[] p,
      int po,
      float[] g,
      int go,
      float[] m,
      float[] v,
      float[] vmax,
      int so,
      int start,
      int end);

  /**
   * SGD over indices {@code [start, end)}; per element:
   *
   * <pre>
   * g ← g + wd·θ                                   (when wd ≠ 0)
   * buf ← g (first step) or fma(μ, buf, (1−dampening)·g)   (when buf ≠ null)
   * d ← nesterov ? fma(μ, buf, g) : buf            (d = g without buffer)
   * θ ← fma(−lr, d, θ)
   * </pre>
   */
  void sgdRange(
      SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, int start, int end);

  /** {@link #adamRange} over {@code [0, n)}, parallel over large parameters. */
  default void adam(
      AdamStep c, float[] p, int po, float[] g, int go, float[] m, float[] v, float[] vmax, int so,
      int n) {
    Parallel.forRange(n, GRAIN, (s, e) -> adamRange(c, p, po, g, go, m, v, vmax, so, s, e));
  }

  /** {@link #sgdRange} over {@code [0, n)}, parallel over large parameters. */
  default void sgd(SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, int n) {
    Parallel.forRange(n, GRAIN, (s, e) -> sgdRange(c, p, po, g, go, buf, bo, s, e));
  }

  /** Holds the scalar instance. */
  final class ScalarLoader {
    static final OptimKernels SCALAR = new ScalarOptimKernels();

    private ScalarLoader() {}
  }

  /** Loads the vector implementation by name so the scalar path never touches the Vector API. */
  final class VectorLoader {
    private VectorLoader() {}

    static OptimKernels load() {
      try {
        return (OptimKernels)
            Class.forName("dev.lernwerk.kernel.VectorOptimKernels")
                .getDeclaredConstructor()
                .newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return new ScalarOptimKernels();
      }
    }
  }
}
