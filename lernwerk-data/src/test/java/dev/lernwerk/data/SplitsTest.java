package dev.lernwerk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {
  @Test
  void sizesRoundLikePytorchRandomSplit() {
    assertArrayEquals(new int[] {8, 2}, Splits.sizes(10, new double[] {0.8, 0.2}));
    assertArrayEquals(new int[] {6, 5}, Splits.sizes(11, new double[] {0.5, 0.5}));
    assertArrayEquals(new int[] {2, 2, 1}, Splits.sizes(5, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}));
    assertArrayEquals(new int[] {48000, 12000}, Splits.sizes(60000, new double[] {0.8, 0.2}));
    var e = assertThrows(IllegalArgumentException.class,
        () -> Splits.sizes(10, new double[] {0.8, 0.3}));
    assertEquals("Splits: fractions [0.8, 0.3] sum to 1.1, expected 1 (or pass counts)",
        e.getMessage());
  }

  /** Checks the parts are disjoint and together are exactly 0..n-1. */
  static void assertPartition(List<int[]> parts, int n) {
    int[] all = parts.stream().flatMapToInt(Arrays::stream).sorted().toArray();
    assertEquals(n, all.length);
    for (int i = 0; i < n; i++) {
      assertEquals(i, all[i], "index " + i + " missing or repeated");
    }
  }

  @Test
  void randomSplitIsAPermutationCutIntoPieces() {
    List<int[]> parts = Splits.random(10, new double[] {0.8, 0.2}, new Generator(42));
    assertEquals(8, parts.get(0).length);
    assertEquals(2, parts.get(1).length);
    assertPartition(parts, 10);
    int[] perm = Tensor.randperm(new Generator(42), 10).toIntArray();
    assertArrayEquals(Arrays.copyOfRange(perm, 0, 8), parts.get(0));
    assertArrayEquals(Arrays.copyOfRange(perm, 8, 10), parts.get(1));
    assertArrayEquals(parts.get(0), Splits.random(10, new int[] {8, 2}, new Generator(42)).get(0));
    var ds = DataLoaderTest.indexed(10);
    var subsets = Splits.random(ds, new double[] {0.8, 0.2}, new Generator(42));
    assertArrayEquals(parts.get(1), subsets.get(1).indices());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Splits.random(10, new int[] {8, 1}, new Generator(0)));
    assertEquals("Splits.random: counts [8, 1] sum to 9, but there are 10 samples", e.getMessage());
  }

  @Test
  void stratifiedKeepsClassProportionsWithinOne() {
    Generator gen = new Generator(123);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + gen.nextInt(300);
      int classes = 1 + gen.nextInt(8);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        // skewed class sizes
        labels[i] = Math.min(gen.nextInt(classes), gen.nextInt(classes)) * 3;
      }
      int parts = 2 + gen.nextInt(3);
      double[] f = new double[parts];
      double sum = 0;
      for (int s = 0; s < parts; s++) {
        f[s] = 0.1 + gen.nextDouble();
        sum += f[s];
      }
      for (int s = 0; s < parts; s++) {
        f[s] /= sum;
      }
      List<int[]> split = Splits.stratified(labels, f, gen);
      assertPartition(split, n);
      int[] sizes = Splits.sizes(n, f);
      for (int s = 0; s < parts; s++) {
        assertEquals(sizes[s], split.get(s).length, "part " + s + " size, trial " + trial);
        int[] perClass = new int[3 * classes];
        for (int i : split.get(s)) {
          perClass[labels[i]]++;
        }
        for (int c = 0; c < perClass.length; c++) {
          final int cc = c;
          long nc = Arrays.stream(labels).filter(l -> l == cc).count();
          assertTrue(Math.abs(perClass[c] - nc * f[s]) < 1,
              "class " + c + " in part " + s + ": " + perClass[c] + " vs " + nc * f[s]);
        }
      }
    }
  }

  @Test
  void stratifiedOnKnownCase() {
    int[] labels = new int[100];
    for (int i = 0; i < 100; i++) {
      labels[i] = i < 90 ? 0 : 1;
    }
    List<int[]> parts = Splits.stratified(labels, new double[] {0.8, 0.2}, new Generator(1));
    assertEquals(80, parts.get(0).length);
    assertEquals(2, Arrays.stream(parts.get(1)).filter(i -> i >= 90).count());
    assertEquals(8, Arrays.stream(parts.get(0)).filter(i -> i >= 90).count());
  }

  @Test
  void kFoldCoversEveryIndexOnceAsValid() {
    for (boolean shuffle : new boolean[] {false, true}) {
      List<Fold> folds = Splits.kFold(10, 3, shuffle, new Generator(5));
      assertEquals(3, folds.size());
      assertEquals(List.of(4, 3, 3), folds.stream().map(f -> f.valid().length).toList());
      assertPartition(folds.stream().map(Fold::valid).toList(), 10);
      for (Fold f : folds) {
        assertPartition(List.of(f.train(), f.valid()), 10);
      }
      if (!shuffle) {
        assertArrayEquals(new int[] {0, 1, 2, 3}, folds.get(0).valid());
        assertArrayEquals(new int[] {4, 5, 6}, folds.get(1).valid());
      }
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Splits.kFold(3, 4, false, null));
    assertEquals("Splits: k-fold needs 2 <= k <= n, got k=4 for n=3 samples", e.getMessage());
  }

  @Test
  void stratifiedKFoldBalancesClasses() {
    int[] labels = new int[53];
    for (int i = 0; i < 53; i++) {
      labels[i] = i % 7 == 0 ? 2 : (i % 3 == 0 ? 1 : 0);
    }
    List<Fold> folds = Splits.stratifiedKFold(labels, 5, new Generator(8));
    assertPartition(folds.stream().map(Fold::valid).toList(), 53);
    int[] sizes = folds.stream().mapToInt(f -> f.valid().length).toArray();
    assertTrue(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt() <= 1);
    for (int c = 0; c < 3; c++) {
      final int cc = c;
      long nc = Arrays.stream(labels).filter(l -> l == cc).count();
      for (Fold f : folds) {
        long k = Arrays.stream(f.valid()).filter(i -> labels[i] == cc).count();
        assertTrue(Math.abs(k - nc / 5.0) < 1, "class " + c + ": " + k + " of " + nc);
      }
      for (Fold f : folds) {
        assertPartition(List.of(f.train(), f.valid()), 53);
      }
    }
  }
}
