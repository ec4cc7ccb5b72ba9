package dev.lernwerk.data.transform;

import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * The per-feature map both scalers apply, {@code x' = (x - sub)·num/den + add}, and its inverse
 * {@code x = (x' - add)·den/num + sub}, with the input shape checked against the fitted features.
 */
final class Affine {
  private final String owner;
  private final int[] featureShape;
  private final double[] sub;
  private final double[] num;
  private final double[] den;
  private final double[] add;

  Affine(String owner, int[] featureShape, double[] sub, double[] num, double[] den, double[] add) {
    this.owner = owner;
    this.featureShape = featureShape;
    this.sub = sub;
    this.num = num;
    this.den = den;
    this.add = add;
  }

  Tensor transform(Tensor x) {
    Stats.checkShape(owner + ".transform", x, featureShape);
    return Stats.affine(x, sub, num, den, add);
  }

  Tensor inverse(Tensor x) {
    Stats.checkShape(owner + ".inverse", x, featureShape);
    return Stats.affine(x, add, den, num, sub);
  }

  /** Throws unless the two fitted statistics have the same shape. */
  static void requireSameShape(String owner, String aName, Tensor a, String bName, Tensor b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          owner + ": " + aName + " shape " + Arrays.toString(a.shape()) + " differs from " + bName
              + " shape " + Arrays.toString(b.shape()));
    }
  }
}
