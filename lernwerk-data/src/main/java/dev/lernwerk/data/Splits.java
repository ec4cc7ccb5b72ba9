package dev.lernwerk.data;

import dev.lernwerk.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Random, stratified and cross-validation splits (DA-04, DA-06, DA-07). Every split takes an
 * explicit {@link Generator}; the same generator state gives the same split.
 *
 * <p>Keep a test set aside once and touch it only at the end (DA-05): split the training data into
 * train and validation, tune on validation, evaluate on test last.
 *
 * <pre>{@code
 * var parts = Splits.random(full, new double[] {0.8, 0.2}, new Generator(42));
 * Subset<Example> train = parts.get(0), valid = parts.get(1);
 * }</pre>
 */
public final class Splits {
  private Splits() {}

  /**
   * The part sizes for fractions of {@code n}, rounded like PyTorch's {@code random_split}: each part
   * gets {@code ⌊n·f⌋}, and the remainder is handed out one by one to parts 0, 1, 2, …
   *
   * @param fractions non-negative, summing to 1 (within 1e-6)
   */
  public static int[] sizes(int n, double[] fractions) {
    Objects.requireNonNull(fractions, "Splits: fractions is null");
    if (n < 0) {
      throw new IllegalArgumentException("Splits: n must be >= 0, got " + n);
    }
    if (fractions.length == 0) {
      throw new IllegalArgumentException("Splits: expected at least one fraction");
    }
    double sum = 0;
    for (int i = 0; i < fractions.length; i++) {
      double f = fractions[i];
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException(
            "Splits: fraction " + f + " at position " + i + " is not in [0, 1]");
      }
      sum += f;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException(
          "Splits: fractions " + Arrays.toString(fractions) + " sum to " + sum
              + ", expected 1 (or pass counts)");
    }
    int[] sizes = new int[fractions.length];
    int used = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = (int) Math.floor(n * fractions[i]);
      used += sizes[i];
    }
    for (int r = 0; used < n; r++, used++) {
      sizes[r % sizes.length]++;
    }
    return sizes;
  }

  /**
   * A random split of {@code 0..n-1} into parts of the given sizes: a permutation of all indices
   * (the one {@code Tensor.randperm(gen, n)} gives) cut into consecutive pieces, like PyTorch.
   *
   * @param counts part sizes summing to n
   */
  public static List<int[]> random(int n, int[] counts, Generator gen) {
    Objects.requireNonNull(counts, "Splits.random: counts is null");
    Objects.requireNonNull(gen, "Splits.random: generator is null");
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            "Splits.random: count " + counts[i] + " at position " + i + " is negative");
      }
      sum += counts[i];
    }
    if (sum != n) {
      throw new IllegalArgumentException(
          "Splits.random: counts " + Arrays.toString(counts) + " sum to " + sum + ", but there are "
              + n + " samples");
    }
    int[] perm = Sampler.permutation(gen, n);
    List<int[]> out = new ArrayList<>(counts.length);
    int off = 0;
    for (int c : counts) {
      out.add(Arrays.copyOfRange(perm, off, off + c));
      off += c;
    }
    return out;
  }

  /** A random split of {@code 0..n-1} by fractions (sizes as in {@link #sizes}). */
  public static List<int[]> random(int n, double[] fractions, Generator gen) {
    return random(n, sizes(n, fractions), gen);
  }

  /** A random split of a data set into subsets of the given sizes. */
  public static <T> List<Subset<T>> random(Dataset<T> ds, int[] counts, Generator gen) {
    return subsets(ds, random(ds.size(), counts, gen));
  }

  /** A random split of a data set by fractions, e.g. {@code {0.8, 0.2}} (the course's 80/20). */
  public static <T> List<Subset<T>> random(Dataset<T> ds, double[] fractions, Generator gen) {
    return subsets(ds, random(ds.size(), sizes(ds.size(), fractions), gen));
  }

  private static <T> List<Subset<T>> subsets(Dataset<T> ds, List<int[]> parts) {
    List<Subset<T>> out = new ArrayList<>(parts.size());
    for (int[] p : parts) {
      out.add(new Subset<>(ds, p));
    }
    return out;
  }

  /**
   * A split that keeps every class's proportion in every part: part s receives {@code ⌊n_c·f_s⌋} or
   * {@code ⌈n_c·f_s⌉} samples of class c (within 1 of the exact share), and the part sizes equal
   * {@link #sizes}{@code (n, fractions)} whenever such an assignment exists. Within each class the
   * samples are shuffled before they are dealt; each part's indices come in random order.
   *
   * @param labels class label of every sample (any int values)
   */
  public static List<int[]> stratified(int[] labels, double[] fractions, Generator gen) {
    Objects.requireNonNull(labels, "Splits.stratified: labels is null");
    Objects.requireNonNull(gen, "Splits.stratified: generator is null");
    int n = labels.length;
    int parts = fractions.length;
    int[] target = sizes(n, fractions);
    int[][] byClass = byClass(labels, gen);
    int classes = byClass.length;
    int[][] take = new int[classes][parts];
    int[] rest = new int[classes];
    int[] need = target.clone();
    for (int c = 0; c < classes; c++) {
      int nc = byClass[c].length;
      rest[c] = nc;
      for (int s = 0; s < parts; s++) {
        take[c][s] = (int) Math.floor(nc * fractions[s]);
        rest[c] -= take[c][s];
        need[s] -= take[c][s];
      }
    }
    // hand out each class's leftover samples, at most one per part, to the parts that still need
    // the most (classes with more leftovers first): a greedy that meets the part sizes when possible
    Integer[] classOrder = new Integer[classes];
    for (int c = 0; c < classes; c++) {
      classOrder[c] = c;
    }
    Arrays.sort(classOrder, (a, b) -> rest[a] != rest[b] ? rest[b] - rest[a] : a - b);
    for (int c : classOrder) {
      int nc = byClass[c].length;
      boolean[] given = new boolean[parts];
      for (int k = 0; k < rest[c]; k++) {
        int best = -1;
        for (int s = 0; s < parts; s++) {
          if (given[s]) {
            continue;
          }
          if (best < 0 || better(s, best, need, nc, fractions)) {
            best = s;
          }
        }
        given[best] = true;
        take[c][best]++;
        need[best]--;
      }
    }
    int[][] out = new int[parts][];
    int[] fill = new int[parts];
    for (int s = 0; s < parts; s++) {
      int size = 0;
      for (int c = 0; c < classes; c++) {
        size += take[c][s];
      }
      out[s] = new int[size];
    }
    for (int c = 0; c < classes; c++) {
      int off = 0;
      for (int s = 0; s < parts; s++) {
        System.arraycopy(byClass[c], off, out[s], fill[s], take[c][s]);
        off += take[c][s];
        fill[s] += take[c][s];
      }
    }
    List<int[]> result = new ArrayList<>(parts);
    for (int[] p : out) {
      shuffle(p, gen);
      result.add(p);
    }
    return result;
  }

  /** True if part {@code s} should get the next leftover rather than part {@code best}. */
  private static boolean better(int s, int best, int[] need, int nc, double[] f) {
    boolean ps = need[s] > 0;
    boolean pb = need[best] > 0;
    if (ps != pb) {
      return ps;
    }
    if (need[s] != need[best]) {
      return need[s] > need[best];
    }
    double fs = nc * f[s] - Math.floor(nc * f[s]);
    double fb = nc * f[best] - Math.floor(nc * f[best]);
    return fs > fb;
  }

  /** A stratified split of an {@link Example} data set by its class labels. */
  public static List<Subset<Example>> stratified(
      Dataset<Example> ds, double[] fractions, Generator gen) {
    return subsets(ds, stratified(Dataset.labels(ds), fractions, gen));
  }

  /**
   * k-fold cross-validation like scikit-learn's {@code KFold}: the (optionally shuffled) indices
   * {@code 0..n-1} are cut into k consecutive folds, the first {@code n mod k} one larger; fold i
   * validates on piece i and trains on the rest. Every index is validated exactly once.
   *
   * @param gen required when {@code shuffle}; ignored otherwise (may be null)
   */
  public static List<Fold> kFold(int n, int k, boolean shuffle, Generator gen) {
    checkK(n, k);
    int[] order;
    if (shuffle) {
      Objects.requireNonNull(gen, "Splits.kFold: shuffle needs a generator");
      order = Sampler.permutation(gen, n);
    } else {
      order = Sampler.sequential(n).epoch(null);
    }
    int[] foldOf = new int[n];
    int off = 0;
    for (int f = 0; f < k; f++) {
      int size = n / k + (f < n % k ? 1 : 0);
      for (int j = off; j < off + size; j++) {
        foldOf[order[j]] = f;
      }
      off += size;
    }
    return folds(foldOf, k);
  }

  /**
   * Stratified k-fold: within each class (in ascending label order) the samples are shuffled when
   * {@code gen} is given, then all classes are dealt round-robin to the folds. Every fold holds each
   * class within 1 of {@code n_c / k}, fold sizes differ by at most 1, every index is validated once.
   *
   * @param gen shuffles within classes; null keeps the data order
   */
  public static List<Fold> stratifiedKFold(int[] labels, int k, Generator gen) {
    Objects.requireNonNull(labels, "Splits.stratifiedKFold: labels is null");
    int n = labels.length;
    checkK(n, k);
    int[][] byClass = byClass(labels, gen);
    int[] foldOf = new int[n];
    int p = 0;
    for (int[] members : byClass) {
      for (int i : members) {
        foldOf[i] = p++ % k;
      }
    }
    return folds(foldOf, k);
  }

  private static void checkK(int n, int k) {
    if (k < 2 || k > n) {
      throw new IllegalArgumentException(
          "Splits: k-fold needs 2 <= k <= n, got k=" + k + " for n=" + n + " samples");
    }
  }

  private static List<Fold> folds(int[] foldOf, int k) {
    int n = foldOf.length;
    int[] count = new int[k];
    for (int f : foldOf) {
      count[f]++;
    }
    List<Fold> out = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      int[] valid = new int[count[f]];
      int[] train = new int[n - count[f]];
      int v = 0;
      int t = 0;
      for (int i = 0; i < n; i++) {
        if (foldOf[i] == f) {
          valid[v++] = i;
        } else {
          train[t++] = i;
        }
      }
      out.add(new Fold(train, valid));
    }
    return out;
  }

  /** Indices grouped by label (ascending label, data order within), each group shuffled if gen. */
  private static int[][] byClass(int[] labels, Generator gen) {
    int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
    int classes = distinct.length;
    int[] slotOf = new int[labels.length];
    int[] counts = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      slotOf[i] = Arrays.binarySearch(distinct, labels[i]);
      counts[slotOf[i]]++;
    }
    int[][] out = new int[classes][];
    for (int c = 0; c < classes; c++) {
      out[c] = new int[counts[c]];
    }
    int[] fill = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      int s = slotOf[i];
      out[s][fill[s]++] = i;
    }
    if (gen != null) {
      for (int[] members : out) {
        shuffle(members, gen);
      }
    }
    return out;
  }

  private static void shuffle(int[] a, Generator gen) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = gen.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
