package dev.lernwerk.data;

/**
 * A data set whose batches can be assembled straight from contiguous arrays (the loader's fast
 * path), skipping the per-sample {@link Example} objects.
 */
interface Gatherable {
  /** The batch of samples {@code idx[from..to)}, in that order. */
  Batch gather(int[] idx, int from, int to);
}
