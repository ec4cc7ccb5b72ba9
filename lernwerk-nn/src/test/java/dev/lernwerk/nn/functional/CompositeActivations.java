package dev.lernwerk.nn.functional;

import dev.lernwerk.tensor.Tensor;

/** The activations written as compositions of tensor primitives: the oracle for the fused ops. */
final class CompositeActivations {
  private CompositeActivations() {}

  static Tensor gelu(Tensor x) {
    return x.mul(x.mul((float) (1 / Math.sqrt(2))).erf().add(1f)).mul(0.5f);
  }

  static Tensor geluTanh(Tensor x) {
    Tensor inner = x.add(x.pow(3f).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
    return x.mul(inner.tanh().add(1f)).mul(0.5f);
  }

  static Tensor silu(Tensor x) {
    return x.mul(x.sigmoid());
  }

  static Tensor mish(Tensor x) {
    return x.mul(x.softplus().tanh());
  }

  /** relu(x) + α·expm1(min(x, 0)): expm1 never overflows, so no NaN from the unused branch. */
  static Tensor elu(Tensor x, double alpha) {
    return x.relu().add(x.clampMax(0f).expm1().mul((float) alpha));
  }

  /** clamp with gradient 1 strictly inside (lo, hi), as PyTorch. */
  static Tensor hardtanh(Tensor x, float lo, float hi) {
    return Tensor.where(x.gt(lo).logicalAnd(x.lt(hi)), x, x.detach().clamp(lo, hi));
  }

  static Tensor selu(Tensor x) {
    return elu(x, F.SELU_ALPHA).mul((float) F.SELU_SCALE);
  }
}
