package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.Module;
import dev.lernwerk.tensor.Tensor;

/**
 * Weight penalties to add to a loss (LO-16, RG-01, RG-02).
 *
 * <pre>{@code
 * Tensor loss = ce.apply(model.forward(x), y)
 *     .add(Penalties.l2(model).mul(1e-4f));       // λ·Σ w²
 * }</pre>
 *
 * Note that λ·Σ w² has gradient 2λ·w: an optimizer's weight decay wd corresponds to λ = wd / 2.
 */
public final class Penalties {
  private Penalties() {}

  /** Σ |w| over every parameter of the model (a scalar, differentiable). */
  public static Tensor l1(Module model) {
    return l1(model.parameters());
  }

  /** Σ |w| over the given tensors. */
  public static Tensor l1(Iterable<Tensor> params) {
    Tensor s = Tensor.scalar(0f);
    for (Tensor p : params) {
      s = s.add(p.abs().sum());
    }
    return s;
  }

  /** Σ w² over every parameter of the model (a scalar, differentiable). */
  public static Tensor l2(Module model) {
    return l2(model.parameters());
  }

  /** Σ w² over the given tensors. */
  public static Tensor l2(Iterable<Tensor> params) {
    Tensor s = Tensor.scalar(0f);
    for (Tensor p : params) {
      s = s.add(p.square().sum());
    }
    return s;
  }
}
