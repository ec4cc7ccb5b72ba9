package dev.lernwerk.data;

import java.util.Objects;
import java.util.function.Function;

/** {@link Dataset#map}: applies a function to each sample on access. */
final class MappedDataset<S, T> implements Dataset<T> {
  private final Dataset<S> base;
  private final Function<? super S, ? extends T> fn;

  MappedDataset(Dataset<S> base, Function<? super S, ? extends T> fn) {
    this.base = Objects.requireNonNull(base, "map: dataset is null");
    this.fn = Objects.requireNonNull(fn, "map: function is null");
  }

  @Override
  public int size() {
    return base.size();
  }

  @Override
  public T get(int index) {
    return fn.apply(base.get(index));
  }

  @Override
  public String toString() {
    return "MappedDataset(" + base + ")";
  }
}
