package dev.lernwerk.data;

import dev.lernwerk.tensor.Generator;
import java.util.function.Function;

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
    return overAll("Sampler.sequential", n, gen -> identity(n));
  }

  /** A fresh random permutation of {@code 0..n-1} every epoch (the loader's {@code shuffle(true)}). */
  static Sampler random(int n) {
    return overAll("Sampler.random", n, gen -> permutation(gen, n));
  }

  /**
   * A uniformly random permutation of {@code 0..n-1} (Fisher–Yates from the top, the same sequence as
   * {@code Tensor.randperm(gen, n)}).
   */
  static int[] permutation(Generator gen, int n) {
    checkSize("permutation", n);
    int[] d = identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = gen.nextInt(i + 1);
      int t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
    return d;
  }

  /** A sampler of {@code n} indices into a data set of size {@code n}, named {@code name(n)}. */
  private static Sampler overAll(String name, int n, Function<Generator, int[]> epoch) {
    checkSize(name, n);
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
        return epoch.apply(gen);
      }

      @Override
      public String toString() {
        return name + "(" + n + ")";
      }
    };
  }

  private static int[] identity(int n) {
    int[] d = new int[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return d;
  }

  private static void checkSize(String what, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(what + ": n must be >= 0, got " + n);
    }
  }
}
