package dev.lernwerk.data;

import java.util.Objects;

/**
 * The samples of a data set at the given indices, in that order (DA-01). Splits return subsets;
 * nothing is copied. A subset of a {@link TensorDataset} keeps the loader's fast path.
 *
 * <pre>{@code
 * var firstHundred = new Subset<>(train, java.util.stream.IntStream.range(0, 100).toArray());
 * }</pre>
 *
 * @param <T> the sample type
 */
public final class Subset<T> implements Dataset<T>, Gatherable {
  private final Dataset<T> base;
  private final int[] indices;

  /**
   * @param base the data set to pick from
   * @param indices positions in {@code base}; each in {@code [0, base.size())}, repeats allowed
   */
  public Subset(Dataset<T> base, int[] indices) {
    this.base = Objects.requireNonNull(base, "Subset: dataset is null");
    Objects.requireNonNull(indices, "Subset: indices is null");
    int n = base.size();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= n) {
        throw new IndexOutOfBoundsException(
            "Subset: index " + indices[i] + " at position " + i
                + " is out of range for a data set of size " + n);
      }
    }
    this.indices = indices.clone();
  }

  @Override
  public int size() {
    return indices.length;
  }

  @Override
  public T get(int index) {
    Dataset.checkIndex("Subset", index, indices.length);
    return base.get(indices[index]);
  }

  /** The data set this subset picks from. */
  public Dataset<T> base() {
    return base;
  }

  /** A copy of the indices into {@link #base()}. */
  public int[] indices() {
    return indices.clone();
  }

  /** True when batches can be gathered straight from arrays (the base is a tensor data set). */
  boolean gatherable() {
    return base instanceof Gatherable g && (!(g instanceof Subset<?> s) || s.gatherable());
  }

  @Override
  public Batch gather(int[] idx, int from, int to) {
    int[] mapped = new int[to - from];
    for (int j = from; j < to; j++) {
      Dataset.checkIndex("Subset", idx[j], indices.length);
      mapped[j - from] = indices[idx[j]];
    }
    return ((Gatherable) base).gather(mapped, 0, mapped.length);
  }

  @Override
  public String toString() {
    return "Subset(size=" + indices.length + " of " + base + ")";
  }
}
