package dev.lernwerk.data;

import java.util.List;
import java.util.Objects;

/**
 * Several data sets one after the other (DA-01): index {@code i} falls into the first part whose
 * cumulative size exceeds it (binary search).
 *
 * <pre>{@code
 * var all = new ConcatDataset<>(List.of(train, extra));   // size = train.size() + extra.size()
 * }</pre>
 *
 * @param <T> the common sample type
 */
public final class ConcatDataset<T> implements Dataset<T> {
  private final List<Dataset<? extends T>> parts;
  private final int[] ends;

  /** The parts in order (the list is copied; the parts are not). */
  public ConcatDataset(List<? extends Dataset<? extends T>> parts) {
    Objects.requireNonNull(parts, "ConcatDataset: parts is null");
    this.parts = List.copyOf(parts);
    ends = new int[parts.size()];
    long total = 0;
    for (int i = 0; i < ends.length; i++) {
      total += this.parts.get(i).size();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "ConcatDataset: more than " + Integer.MAX_VALUE + " samples in total");
      }
      ends[i] = (int) total;
    }
  }

  @Override
  public int size() {
    return ends.length == 0 ? 0 : ends[ends.length - 1];
  }

  @Override
  public T get(int index) {
    Dataset.checkIndex("ConcatDataset", index, size());
    // the first part whose end exceeds index (empty parts share an end and are skipped)
    int lo = 0;
    int hi = ends.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > index) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int p = lo;
    int start = p == 0 ? 0 : ends[p - 1];
    return parts.get(p).get(index - start);
  }

  /** The parts. */
  public List<Dataset<? extends T>> parts() {
    return parts;
  }

  @Override
  public String toString() {
    return "ConcatDataset(size=" + size() + ", parts=" + parts.size() + ")";
  }
}
