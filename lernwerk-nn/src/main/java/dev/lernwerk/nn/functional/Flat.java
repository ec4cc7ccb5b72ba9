package dev.lernwerk.nn.functional;

import dev.lernwerk.tensor.Tensor;

/**
 * Null-tolerant access to the raw floats of the optional inputs of the fused ops (a weight, a bias,
 * target probabilities): a null tensor stays null, has no array and offset 0.
 */
final class Flat {
  private Flat() {}

  /** {@code t} detached and contiguous, or null. */
  static Tensor dense(Tensor t) {
    return t == null ? null : t.detach().contiguous();
  }

  /** The storage of a contiguous float tensor, or null. */
  static float[] floats(Tensor t) {
    return t == null ? null : t.storage().floats();
  }

  /** The offset of {@code t} in its storage, or 0 for null. */
  static int offset(Tensor t) {
    return t == null ? 0 : t.offset();
  }
}
