package dev.lernwerk.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A finite, indexable collection of samples: {@link #size()} and {@link #get(int)} (DA-01).
 *
 * <p>Implementations are read-only and safe to read from several threads (the {@link DataLoader}
 * fetches samples on a background thread, and with {@code workers(n)} on several). {@link #map}
 * wraps a data set in a lazy transform that runs on every {@code get} (DA-30); maps compose.
 *
 * <pre>{@code
 * Dataset<Example> train = new TensorDataset(images, labels);       // (N, 28, 28), (N)
 * Dataset<Example> flat = train.map(ex -> new Example(ex.input().reshape(-1), ex.target()));
 * Example first = flat.get(0);                                       // input (784)
 * }</pre>
 *
 * @param <T> the sample type, usually {@link Example}
 */
public interface Dataset<T> {
  /** Number of samples. */
  int size();

  /**
   * The sample at {@code index} in {@code [0, size())}.
   *
   * @throws IndexOutOfBoundsException naming the index and the size
   */
  T get(int index);

  /**
   * A lazy view that applies {@code fn} to each sample when it is fetched; nothing is computed or
   * copied up front. {@code ds.map(f).map(g)} applies f then g.
   */
  default <R> Dataset<R> map(Function<? super T, ? extends R> fn) {
    return new MappedDataset<>(this, fn);
  }

  /** The samples at the given indices (see {@link Subset}). */
  default Subset<T> subset(int... indices) {
    return new Subset<>(this, indices);
  }

  /** All samples in order as a new list (materialises every sample). */
  default List<T> toList() {
    int n = size();
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(get(i));
    }
    return out;
  }

  /** A data set over a list (not copied; the list must not change afterwards). */
  static <T> Dataset<T> of(List<? extends T> items) {
    Objects.requireNonNull(items, "Dataset.of: items is null");
    return new Dataset<>() {
      @Override
      public int size() {
        return items.size();
      }

      @Override
      public T get(int index) {
        checkIndex("Dataset.of", index, items.size());
        return items.get(index);
      }
    };
  }

  /** A data set whose sample {@code i} is {@code fn.apply(i)}, computed on every access. */
  static <T> Dataset<T> generate(int size, IntFunction<? extends T> fn) {
    if (size < 0) {
      throw new IllegalArgumentException("Dataset.generate: size must be >= 0, got " + size);
    }
    Objects.requireNonNull(fn, "Dataset.generate: fn is null");
    return new Dataset<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public T get(int index) {
        checkIndex("Dataset.generate", index, size);
        return fn.apply(index);
      }
    };
  }

  /** The samples of several data sets one after the other (see {@link ConcatDataset}). */
  @SafeVarargs
  static <T> Dataset<T> concat(Dataset<? extends T>... parts) {
    java.util.List<Dataset<? extends T>> list = new java.util.ArrayList<>(parts.length);
    for (Dataset<? extends T> p : parts) {
      list.add(p);
    }
    return new ConcatDataset<>(list);
  }

  /**
   * The class label of every sample of an {@link Example} data set, as an array: read straight from
   * the targets of a {@link TensorDataset} (and subsets of it), otherwise by fetching each sample.
   */
  static int[] labels(Dataset<Example> ds) {
    if (ds instanceof TensorDataset t) {
      return t.labels();
    }
    if (ds instanceof Subset<Example> s && s.base() instanceof TensorDataset t) {
      int[] all = t.labels();
      int[] idx = s.indices();
      int[] out = new int[idx.length];
      for (int i = 0; i < idx.length; i++) {
        out[i] = all[idx[i]];
      }
      return out;
    }
    int[] out = new int[ds.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ds.get(i).label();
    }
    return out;
  }

  /**
   * Checks {@code 0 <= index < size}.
   *
   * @throws IndexOutOfBoundsException "{what}: index 7 is out of range for a data set of size 5"
   */
  static void checkIndex(String what, int index, int size) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          what + ": index " + index + " is out of range for a data set of size " + size
              + " (expected 0.." + (size - 1) + ")");
    }
  }
}
