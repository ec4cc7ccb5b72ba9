package dev.lernwerk.nn;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;

/**
 * A lookup table of {@code num} vectors of size {@code dim}: int32 indices (*) → (*, dim). Same as
 * multiplying one-hot rows by the weight matrix, without building them. The weight starts as N(0, 1)
 * like PyTorch; the optional padding row starts at zero and never receives a gradient.
 *
 * <pre>{@code
 * var users = new Embedding(944, 50, gen);          // collaborative filtering factors
 * Tensor u = users.forward(userIds);                // (N) int32 -> (N, 50)
 * }</pre>
 */
public final class Embedding extends Module {
  private final int num;
  private final int dim;
  private final int paddingIdx;
  private final Tensor weight;

  /** An embedding initialized from the global generator (prefer a seeded constructor). */
  public Embedding(int num, int dim) {
    this(num, dim, Generator.global());
  }

  /** An embedding without padding row, initialized from {@code gen}. */
  public Embedding(int num, int dim, Generator gen) {
    this(num, dim, -1, false, gen);
  }

  /**
   * An embedding whose row {@code paddingIdx} (negative counts from the end, as in PyTorch) is zero
   * and gets no gradient.
   */
  public Embedding(int num, int dim, int paddingIdx, Generator gen) {
    this(num, dim, paddingIdx, true, gen);
  }

  private Embedding(int num, int dim, int paddingIdx, boolean padded, Generator gen) {
    if (num <= 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "Embedding: expected positive sizes, got num=" + num + ", dim=" + dim);
    }
    if (padded && (paddingIdx < -num || paddingIdx >= num)) {
      throw new IllegalArgumentException("Embedding: paddingIdx must be in [" + -num + ", " + num
          + "), got " + paddingIdx);
    }
    this.num = num;
    this.dim = dim;
    this.paddingIdx = !padded ? -1 : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
    this.weight = param("weight", Tensor.randn(gen, num, dim));
    if (this.paddingIdx >= 0) {
      try (var g = Grad.disabled()) {
        weight.select(0, this.paddingIdx).zero_();
      }
    }
  }

  /** The table (num, dim). */
  public Tensor weight() {
    return weight;
  }

  /** The padding row, or -1 for none. */
  public int paddingIdx() {
    return paddingIdx;
  }

  @Override
  public Tensor forward(Tensor indices) {
    return F.embedding(indices, weight, paddingIdx);
  }

  @Override
  protected String extraRepr() {
    return num + ", " + dim + (paddingIdx >= 0 ? ", paddingIdx=" + paddingIdx : "");
  }
}
