package dev.lernwerk.data;

import dev.lernwerk.tensor.Generator;

/**
 * Chooses which sample indices an epoch visits and in which order.
 *
 * <p>The loader calls {@link #epoch(Generator)} once per epoch with that epoch's generator, so a
 * sampler is a pure function of the generator: the same seed and epoch give the same indices. The
 * built-in samplers are {@link #sequential(int)}, {@link #random(int)} and {@link
 * WeightedRandomSampler} (class-balanced sampling, DA-08).
 *
 * <pre>{@code
 * var loader = DataLoader.builder(train)
 *     .batchSize(64)
 *     .sampler(WeightedRandomSampler.classBalanced(Dataset.labels(train)))
 *     .build();
 * }</pre>
 */
public interface Sampler {
  /** Number of indices each epoch yields. */
  int length();

  /** Size of the data set the indices point into, or -1 when the sampler does not know it. */
  default int sourceSize() {
    return -1;
  }

  /** The indices of one epoch (a new array of {@link #length()} values), drawn from {@code gen}. */
  int[] epoch(Generator gen);

  /** {@code 0, 1, …, n-1} every epoch. */
  static Sampler sequential(int n) {
    checkSize("Sampler.sequential", n);
    return new Sampler() {
      @Override
      public int length() {
        return n;
      }

      @Override
      public int sourceSize() {
        return n;
      }

      @Override
      public int[] epoch(Generator gen) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        return idx;
      }

      @Override
      public String toString() {
        return "Sampler.sequential(" + n + ")";
      }
    };
  }

  /** A fresh random permutation of {@code 0..n-1} every epoch (the loader's {@code shuffle(true)}). */
  static Sampler random(int n) {
    checkSize("Sampler.random", n);
    return new Sampler() {
      @Override
      public int length() {
        return n;
      }

      @Override
      public int sourceSize() {
        return n;
      }

      @Override
      public int[] epoch(Generator gen) {
        return permutation(gen, n);
      }

      @Override
      public String toString() {
        return "Sampler.random(" + n + ")";
      }
    };
  }

  /**
   * A uniformly random permutation of {@code 0..n-1} (Fisher–Yates from the top, the same sequence as
   * {@code Tensor.randperm(gen, n)}).
   */
  static int[] permutation(Generator gen, int n) {
    checkSize("permutation", n);
    int[] d = new int[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = gen.nextInt(i + 1);
      int t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
    return d;
  }

  private static void checkSize(String what, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(what + ": n must be >= 0, got " + n);
    }
  }
}
