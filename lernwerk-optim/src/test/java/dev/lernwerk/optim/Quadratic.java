package dev.lernwerk.optim;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.List;

/**
 * A small separable quadratic over two parameters (a (2, 3) matrix and a (3) vector): loss = ½·Σ
 * a·(θ − c)², gradient a·(θ − c). The float run goes through autograd; {@link #grad} gives the same
 * gradient in double for the reference implementations.
 */
final class Quadratic {
  final float[] a;
  final float[] c;
  final float[] theta0;
  final Tensor w;
  final Tensor b;

  Quadratic(long seed) {
    var gen = new Generator(seed);
    a = Tensor.uniform(gen, 0.5, 3.0, 9).toFloatArray();
    c = Tensor.randn(gen, 9).toFloatArray();
    theta0 = Tensor.randn(gen, 9).toFloatArray();
    w = Tensor.of(java.util.Arrays.copyOfRange(theta0, 0, 6), 2, 3).requiresGrad(true);
    b = Tensor.of(java.util.Arrays.copyOfRange(theta0, 6, 9), 3).requiresGrad(true);
  }

  List<Tensor> params() {
    return List.of(w, b);
  }

  /** ½·Σ a·(θ − c)² through autograd. */
  Tensor loss() {
    Tensor aw = Tensor.of(java.util.Arrays.copyOfRange(a, 0, 6), 2, 3);
    Tensor cw = Tensor.of(java.util.Arrays.copyOfRange(c, 0, 6), 2, 3);
    Tensor ab = Tensor.of(java.util.Arrays.copyOfRange(a, 6, 9), 3);
    Tensor cb = Tensor.of(java.util.Arrays.copyOfRange(c, 6, 9), 3);
    Tensor lw = w.sub(cw).square().mul(aw).sum();
    Tensor lb = b.sub(cb).square().mul(ab).sum();
    return lw.add(lb).mul(0.5f);
  }

  /** zeroGrad, loss, backward, step. */
  void step(Optimizer opt) {
    opt.zeroGrad();
    loss().backward();
    opt.step();
  }

  /** Current float values of both parameters, concatenated. */
  float[] values() {
    float[] out = new float[9];
    System.arraycopy(w.toFloatArray(), 0, out, 0, 6);
    System.arraycopy(b.toFloatArray(), 0, out, 6, 3);
    return out;
  }

  double[] theta0Double() {
    double[] t = new double[9];
    for (int i = 0; i < 9; i++) {
      t[i] = theta0[i];
    }
    return t;
  }

  double grad(double[] theta, int i) {
    return a[i] * (theta[i] - c[i]);
  }
}
