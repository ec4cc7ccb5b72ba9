package dev.lernwerk.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One fold of a cross-validation: the indices to train on and the indices to validate on, each
 * sorted ascending and disjoint (DA-07).
 *
 * <pre>{@code
 * for (Fold f : Splits.kFold(data.size(), 5, true, new Generator(0))) {
 *   var train = f.trainOf(data);
 *   var valid = f.validOf(data);
 * }
 * }</pre>
 *
 * @param train indices of the training part
 * @param valid indices of the validation part
 */
public record Fold(int[] train, int[] valid) {
  /** Copies the arrays. */
  public Fold {
    train = Objects.requireNonNull(train, "Fold: train is null").clone();
    valid = Objects.requireNonNull(valid, "Fold: valid is null").clone();
  }

  /** A copy of the training indices. */
  @Override
  public int[] train() {
    return train.clone();
  }

  /** A copy of the validation indices. */
  @Override
  public int[] valid() {
    return valid.clone();
  }

  /** The training samples of {@code ds}. */
  public <T> Subset<T> trainOf(Dataset<T> ds) {
    return new Subset<>(ds, train);
  }

  /** The validation samples of {@code ds}. */
  public <T> Subset<T> validOf(Dataset<T> ds) {
    return new Subset<>(ds, valid);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fold f && Arrays.equals(f.train, train) && Arrays.equals(f.valid, valid);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(valid);
  }

  @Override
  public String toString() {
    return "Fold(train=" + train.length + ", valid=" + valid.length + ")";
  }
}
