package dev.lernwerk.tensor;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>Float tensors store {@code float[]}; integer and boolean tensors store {@code int[]} (booleans as
 * 0 or 1). Labels, indices and counts are {@link #INT32}; comparisons produce {@link #BOOL} masks.
 */
public enum DType {
  /** 32-bit IEEE float, the type of every differentiable tensor. */
  FLOAT32,
  /** 32-bit signed integer: class labels, indices, counts. */
  INT32,
  /** Boolean mask stored as 0/1 integers: the result of comparisons. */
  BOOL;

  /** True for {@link #FLOAT32}. */
  public boolean isFloating() {
    return this == FLOAT32;
  }

  /** Lower-case name as printed in messages and {@code toString()}, e.g. {@code float32}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
