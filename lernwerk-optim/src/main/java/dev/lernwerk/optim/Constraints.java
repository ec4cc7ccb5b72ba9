package dev.lernwerk.optim;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Constraints applied to weights after an optimizer step (in place, outside the graph). */
public final class Constraints {
  private Constraints() {}

  /**
   * Max-norm constraint: every slice {@code weight.select(dim, i)} whose 2-norm exceeds {@code
   * maxNorm} is scaled down to norm {@code maxNorm} (like PyTorch's {@code renorm(2, dim, maxNorm)}:
   * the factor is {@code maxNorm / (norm + 1e-7)}); slices within the bound are unchanged. For a
   * Linear weight of shape (out, in), {@code dim = 0} bounds each unit's incoming weight vector, as
   * used with dropout by Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
   * Overfitting" (JMLR 2014).
   *
   * <pre>{@code
   * opt.step();
   * Constraints.maxNorm(fc1.weight(), 3.0, 0);
   * }</pre>
   *
   * @return {@code weight}
   */
  public static Tensor maxNorm(Tensor weight, double maxNorm, int dim) {
    if (!(maxNorm >= 0)) {
      throw new IllegalArgumentException(
          "Constraints.maxNorm: invalid maxNorm: " + maxNorm + " (expected >= 0)");
    }
    int r = weight.dim();
    int d = dim < 0 ? dim + r : dim;
    if (r == 0 || d < 0 || d >= r) {
      throw new IllegalArgumentException(
          "Constraints.maxNorm: dim " + dim + " out of range for a weight of shape "
              + Arrays.toString(weight.shape()));
    }
    int[] others = new int[r - 1];
    for (int i = 0, k = 0; i < r; i++) {
      if (i != d) {
        others[k++] = i;
      }
    }
    try (var g = Grad.disabled()) {
      Tensor norms = others.length == 0 ? weight.abs() : weight.norm(2f, others, true);
      Tensor scale =
          Tensor.where(
              norms.gt((float) maxNorm),
              norms.add(1e-7f).reciprocal().mul((float) maxNorm),
              Tensor.onesLike(norms));
      weight.mul_(scale);
    }
    return weight;
  }
}
