package dev.lernwerk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  /** n samples whose input row i is (i, 100+i) and whose label is i % 3. */
  static TensorDataset indexed(int n) {
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = 100 + i;
      y[i] = i % 3;
    }
    return new TensorDataset(Tensor.wrap(x, n, 2), Tensor.wrapInts(y, n));
  }

  /** The sample indices of one batch (column 0 of the inputs). */
  static int[] ids(Batch b) {
    float[] v = b.inputs().toFloatArray();
    int[] out = new int[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) v[2 * i];
    }
    return out;
  }

  static List<int[]> epoch(Iterable<Batch> loader) {
    List<int[]> out = new ArrayList<>();
    for (Batch b : loader) {
      out.add(ids(b));
    }
    return out;
  }

  static int[] flat(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void batchCountsWithAndWithoutDropLast() {
    var ds = indexed(10);
    var keep = DataLoader.builder(ds).batchSize(3).build();
    var drop = DataLoader.builder(ds).batchSize(3).dropLast(true).build();
    assertEquals(4, keep.numBatches());
    assertEquals(3, drop.numBatches());
    List<int[]> k = epoch(keep);
    assertEquals(4, k.size());
    assertArrayEquals(new int[] {9}, k.get(3));
    assertArrayEquals(new int[] {0, 1, 2}, k.get(0));
    List<int[]> d = epoch(drop);
    assertEquals(3, d.size());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, flat(d));
    // batch larger than the data set
    assertEquals(0, DataLoader.builder(ds).batchSize(11).dropLast(true).build().numBatches());
    assertEquals(1, epoch(DataLoader.builder(ds).batchSize(11).build()).size());
  }

  @Test
  void batchesHaveStackedShapesAndLabels() {
    var ds = indexed(7);
    Batch b = DataLoader.builder(ds).batchSize(4).build().iterator().next();
    assertArrayEquals(new int[] {4, 2}, b.inputs().shape());
    assertEquals(DType.INT32, b.targets().dtype());
    assertArrayEquals(new int[] {4}, b.targets().shape());
    assertArrayEquals(new int[] {0, 1, 2, 0}, b.targets().toIntArray());
    assertArrayEquals(new float[] {0, 100, 1, 101, 2, 102, 3, 103}, b.inputs().toFloatArray());
    assertNull(b.weights());
    assertEquals(4, b.size());
  }

  @Test
  void shuffleIsDeterministicPerSeedAndDiffersPerEpoch() {
    var ds = indexed(50);
    var a = DataLoader.builder(ds).batchSize(8).shuffle(true).seed(42).build();
    var b = DataLoader.builder(ds).batchSize(8).shuffle(true).seed(42).build();
    var c = DataLoader.builder(ds).batchSize(8).shuffle(true).seed(43).build();
    int[] a0 = flat(epoch(a));
    int[] a1 = flat(epoch(a));
    int[] b0 = flat(epoch(b));
    int[] b1 = flat(epoch(b));
    assertArrayEquals(a0, b0);
    assertArrayEquals(a1, b1);
    assertFalse(Arrays.equals(a0, a1), "epochs must differ");
    assertFalse(Arrays.equals(a0, flat(epoch(c))), "seeds must differ");
    // epoch k depends only on seed and k: the loader's generator splits once per epoch
    Generator g = new Generator(42);
    g.split();
    int[] expected1 = Sampler.permutation(g.split(), 50);
    assertArrayEquals(expected1, a1);
  }

  @Test
  void everyIndexExactlyOncePerEpoch() {
    var ds = indexed(103);
    var loader = DataLoader.builder(ds).batchSize(10).shuffle(true).seed(7).build();
    for (int e = 0; e < 3; e++) {
      int[] seen = flat(epoch(loader));
      assertEquals(103, seen.length);
      int[] sorted = seen.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < 103; i++) {
        assertEquals(i, sorted[i]);
      }
    }
  }

  @Test
  void firstBatchViaIteratorNextAndPeek() {
    var ds = indexed(20);
    var loader = DataLoader.builder(ds).batchSize(5).shuffle(true).seed(3).build();
    var twin = DataLoader.builder(ds).batchSize(5).shuffle(true).seed(3).build();
    LoaderState before = loader.state();
    Batch peeked = loader.peek();
    assertEquals(before, loader.state(), "peek must not change the state");
    Batch first;
    try (var it = loader.iterator()) {
      first = it.next();
    }
    assertArrayEquals(ids(peeked), ids(first));
    assertArrayEquals(epoch(twin).get(0), ids(first));
  }

  @Test
  void fastPathEqualsGenericPath() {
    var ds = indexed(37);
    Dataset<Example> slow = Dataset.of(ds.toList());
    var weights = Tensor.uniform(new Generator(1), 0.5, 2, 37);
    var wds = ds.withWeights(weights);
    Dataset<Example> wslow = Dataset.of(wds.toList());
    for (var pair : List.of(List.of(ds, slow), List.of(wds, wslow))) {
      var fast = DataLoader.builder(pair.get(0)).batchSize(6).shuffle(true).seed(9).build();
      var generic = DataLoader.builder(pair.get(1)).batchSize(6).shuffle(true).seed(9).build();
      var fi = fast.iterator();
      var gi = generic.iterator();
      while (fi.hasNext()) {
        Batch f = fi.next();
        Batch g = gi.next();
        assertArrayEquals(f.inputs().toFloatArray(), g.inputs().toFloatArray());
        assertArrayEquals(f.targets().toIntArray(), g.targets().toIntArray());
        assertArrayEquals(f.targets().shape(), g.targets().shape());
        assertEquals(f.weights() == null, g.weights() == null);
        if (f.weights() != null) {
          assertArrayEquals(f.weights().toFloatArray(), g.weights().toFloatArray());
        }
      }
      assertFalse(gi.hasNext());
    }
  }

  @Test
  void subsetOfTensorDatasetUsesTheSameRows() {
    var ds = indexed(30);
    var sub = new Subset<>(ds, new int[] {29, 3, 3, 17, 0});
    var loader = DataLoader.builder(sub).batchSize(2).build();
    assertArrayEquals(new int[] {29, 3, 3, 17, 0}, flat(epoch(loader)));
    // runs of consecutive rows are copied in one piece; the result is the same
    var runs = new Subset<>(ds, new int[] {5, 6, 7, 2, 3, 9, 10, 11, 12});
    assertArrayEquals(new int[] {5, 6, 7, 2, 3, 9, 10, 11, 12},
        flat(epoch(DataLoader.builder(runs).batchSize(4).build())));
    var nested = new Subset<>(sub, new int[] {4, 0});
    assertArrayEquals(new int[] {0, 29}, flat(epoch(DataLoader.builder(nested).batchSize(2).build())));
  }

  @Test
  void weightsAreCollatedOnlyWhenNotAllOne() {
    var ds = indexed(4).withWeights(Tensor.of(new float[] {1, 1, 2, 1}));
    var it = DataLoader.builder(ds).batchSize(2).build().iterator();
    assertNull(it.next().weights());
    assertArrayEquals(new float[] {2, 1}, it.next().weights().toFloatArray());
  }

  private static void awaitDeath(Thread t) throws InterruptedException {
    for (int i = 0; i < 200 && t.isAlive(); i++) {
      t.join(50);
    }
    assertFalse(t.isAlive(), "the loader thread is still running");
  }

  @Test
  void closingTheIteratorStopsThePrefetchThread() throws Exception {
    var loader = DataLoader.builder(indexed(1000)).batchSize(1).prefetch(2).build();
    var it = loader.iterator();
    it.next();
    Thread t = it.worker();
    assertNotNull(t);
    assertTrue(t.isDaemon());
    it.close();
    awaitDeath(t);
    assertFalse(it.hasNext());
    assertThrows(java.util.NoSuchElementException.class, it::next);
    it.close(); // idempotent
  }

  @Test
  void abandonedIteratorStopsThePrefetchThread() throws Exception {
    var loader = DataLoader.builder(indexed(1000)).batchSize(1).prefetch(2).build();
    Thread t = startAndAbandon(loader);
    for (int i = 0; i < 100 && t.isAlive(); i++) {
      System.gc();
      t.join(50);
    }
    assertFalse(t.isAlive(), "an abandoned iterator must stop its thread");
  }

  private static Thread startAndAbandon(DataLoader<Example> loader) {
    var it = loader.iterator();
    it.next();
    return it.worker();
  }

  @Test
  void finishedEpochEndsItsThread() throws Exception {
    var loader = DataLoader.builder(indexed(10)).batchSize(3).build();
    var it = loader.iterator();
    while (it.hasNext()) {
      it.next();
    }
    awaitDeath(it.worker());
  }

  @Test
  void exceptionInATransformReachesTheCaller() {
    var ds = indexed(20);
    for (int prefetch : new int[] {0, 2}) {
      var loader = DataLoader.builder(ds).batchSize(4).prefetch(prefetch)
          .transform((ex, g) -> {
            if (ex.input().get(0) == 9f) {
              throw new IllegalStateException("bad sample 9");
            }
            return ex;
          })
          .build();
      var it = loader.iterator();
      it.next();
      it.next();
      var e = assertThrows(DataLoaderException.class, it::next);
      assertEquals("DataLoader: loading batch 2 of epoch 0 failed: "
          + "java.lang.IllegalStateException: bad sample 9", e.getMessage());
      assertEquals("bad sample 9", e.getCause().getMessage());
      assertFalse(it.hasNext());
      if (it.worker() != null) {
        assertDoesNotHang(it.worker());
      }
    }
  }

  private static void assertDoesNotHang(Thread t) {
    try {
      awaitDeath(t);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void stateAndRestoreReplayTheRemainingBatches() {
    var ds = indexed(23);
    var a = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(5).build();
    assertEquals(new LoaderState(0, 0, new Generator(5).state()), a.state());
    epoch(a); // epoch 0
    var it = a.iterator(); // epoch 1, consume 3 batches
    for (int i = 0; i < 3; i++) {
      it.next();
    }
    LoaderState saved = a.state();
    assertEquals(1, saved.epoch());
    assertEquals(3, saved.position());
    List<int[]> restOfEpoch1 = new ArrayList<>();
    while (it.hasNext()) {
      restOfEpoch1.add(ids(it.next()));
    }
    assertEquals(2, a.state().epoch());
    assertEquals(0, a.state().position());
    List<int[]> epoch2 = epoch(a);

    var b = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(999).build();
    b.restore(LoaderState.fromTensor(saved.toTensor()));
    assertEquals(saved, b.state());
    List<int[]> resumed = epoch(b);
    assertEquals(restOfEpoch1.size(), resumed.size());
    for (int i = 0; i < resumed.size(); i++) {
      assertArrayEquals(restOfEpoch1.get(i), resumed.get(i));
    }
    List<int[]> resumed2 = epoch(b);
    for (int i = 0; i < epoch2.size(); i++) {
      assertArrayEquals(epoch2.get(i), resumed2.get(i));
    }
    assertEquals(saved, LoaderState.fromLongs(saved.toLongs()));
    var bad = new LoaderState(0, 99, new Generator(1).state());
    var e = assertThrows(IllegalArgumentException.class, () -> b.restore(bad));
    assertEquals("DataLoader.restore: position 99 is beyond the 6 batches of an epoch",
        e.getMessage());
  }

  @Test
  void randomTransformsDoNotDependOnWorkers() {
    var ds = indexed(40);
    DataLoader.SampleTransform<Example> noise = (ex, g) ->
        new Example(ex.input().add(Tensor.randn(g, 2)), ex.target());
    List<float[]> one = new ArrayList<>();
    List<float[]> four = new ArrayList<>();
    for (Batch b : DataLoader.builder(ds).batchSize(8).shuffle(true).seed(1).transform(noise).build()) {
      one.add(b.inputs().toFloatArray());
    }
    for (Batch b : DataLoader.builder(ds).batchSize(8).shuffle(true).seed(1).transform(noise)
        .workers(4).prefetch(1).build()) {
      four.add(b.inputs().toFloatArray());
    }
    assertEquals(5, one.size());
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), four.get(i));
    }
    // the noise is really there and different per epoch
    var loader = DataLoader.builder(ds).batchSize(40).transform(noise).build();
    float[] e0 = loader.iterator().next().inputs().toFloatArray();
    float[] e1 = loader.iterator().next().inputs().toFloatArray();
    assertFalse(Arrays.equals(e0, e1));
    assertFalse(Arrays.equals(e0, ds.inputs().toFloatArray()));
  }

  @Test
  void mappedDatasetsAreLazyAndCompose() {
    var calls = new AtomicInteger();
    Dataset<Example> ds = indexed(5).map(ex -> {
      calls.incrementAndGet();
      return new Example(ex.input().mul(2f), ex.target());
    }).map(ex -> new Example(ex.input().add(1f), ex.target()));
    assertEquals(0, calls.get());
    assertArrayEquals(new float[] {7, 207}, ds.get(3).input().toFloatArray());
    assertEquals(1, calls.get());
    Batch b = DataLoader.builder(ds).batchSize(5).prefetch(0).build().iterator().next();
    assertArrayEquals(new int[] {5, 2}, b.inputs().shape());
    assertEquals(1f, b.inputs().get(0, 0));
  }

  @Test
  void batchTransformGetsItsOwnGenerator() {
    var ds = indexed(8);
    var loader = DataLoader.builder(ds).batchSize(4).seed(2)
        .batchTransform((b, g) -> new Batch(b.inputs().add(g.nextFloat()), b.targets()))
        .build();
    List<float[]> first = new ArrayList<>();
    loader.iterator().forEachRemaining(b -> first.add(b.inputs().toFloatArray()));
    var twin = DataLoader.builder(ds).batchSize(4).seed(2)
        .batchTransform((b, g) -> new Batch(b.inputs().add(g.nextFloat()), b.targets()))
        .build();
    List<float[]> second = new ArrayList<>();
    twin.iterator().forEachRemaining(b -> second.add(b.inputs().toFloatArray()));
    assertArrayEquals(first.get(1), second.get(1));
    assertFalse(first.get(0)[0] == 0f);
  }

  @Test
  void classBalancedSamplerEvensOutClasses() {
    int[] labels = new int[1000];
    for (int i = 900; i < 1000; i++) {
      labels[i] = 1; // 900 of class 0, 100 of class 1
    }
    var ds = new TensorDataset(Tensor.zeros(1000, 1), Tensor.wrapInts(labels, 1000));
    var loader = DataLoader.builder(ds).batchSize(100)
        .sampler(WeightedRandomSampler.classBalanced(labels)).seed(11).build();
    assertEquals(10, loader.numBatches());
    int ones = 0;
    int total = 0;
    for (int e = 0; e < 4; e++) {
      for (Batch b : loader) {
        for (int v : b.targets().toIntArray()) {
          ones += v;
          total++;
        }
      }
    }
    assertEquals(4000, total);
    assertTrue(Math.abs(ones / (double) total - 0.5) < 0.04, "fraction of class 1: " + ones);
  }

  @Test
  void weightedSamplerWithoutReplacementNeverRepeats() {
    double[] w = {0, 1, 5, 1, 0, 2};
    var s = new WeightedRandomSampler(w, 4, false);
    int[] idx = s.epoch(new Generator(3));
    assertEquals(4, idx.length);
    assertEquals(4, Arrays.stream(idx).distinct().count());
    for (int i : idx) {
      assertTrue(w[i] > 0);
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> new WeightedRandomSampler(w, 5, false));
    assertEquals("WeightedRandomSampler: cannot draw 5 samples without replacement when only 4"
        + " weights are positive", e.getMessage());
    // with replacement, a zero weight is never drawn and the frequencies follow the weights
    var r = new WeightedRandomSampler(w, 90000, true);
    int[] counts = new int[6];
    for (int i : r.epoch(new Generator(4))) {
      counts[i]++;
    }
    assertEquals(0, counts[0]);
    assertEquals(0, counts[4]);
    assertEquals(50000, counts[2], 1500);
    assertEquals(20000, counts[5], 1200);
  }

  @Test
  void builderRejectsBadSettings() {
    var ds = indexed(4);
    assertEquals("DataLoader: batchSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).batchSize(0))
            .getMessage());
    assertEquals("DataLoader: prefetch must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).prefetch(-1))
            .getMessage());
    assertEquals("DataLoader: shuffle(true) and sampler(...) exclude each other (the sampler"
            + " decides the order)",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).shuffle(true)
            .sampler(Sampler.sequential(4)).build()).getMessage());
    assertEquals("DataLoader: the sampler draws from 5 samples but the data set has 4",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds)
            .sampler(Sampler.random(5)).build()).getMessage());
    Dataset<String> strings = Dataset.of(List.of("a", "b"));
    assertEquals("DataLoader: the default collate stacks Example samples, but this data set"
            + " yields java.lang.String; pass .collate(list -> new Batch(...))",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(strings).build())
            .getMessage());
    var custom = DataLoader.builder(strings).batchSize(2)
        .collate(list -> new Batch(Tensor.zeros(list.size(), 1), Tensor.zeros(list.size())))
        .build();
    assertEquals(2, custom.iterator().next().size());
  }

  @Test
  void collateRejectsMixedShapes() {
    Dataset<Example> ds = Dataset.of(List.of(
        new Example(Tensor.zeros(2, 2), Tensor.scalar(1)),
        new Example(Tensor.zeros(2, 3), Tensor.scalar(1))));
    var it = DataLoader.builder(ds).batchSize(2).prefetch(0).build().iterator();
    var e = assertThrows(DataLoaderException.class, it::next);
    assertEquals("collate: sample 1 has input float32 [2, 3], sample 0 has float32 [2, 2] (samples"
        + " in a batch must have equal shapes; pass a custom collate to pad them)",
        e.getCause().getMessage());
  }

  @Test
  void epochIteratorReportsPositionAndWait() {
    var loader = DataLoader.builder(indexed(9)).batchSize(3).build();
    try (var it = loader.iterator()) {
      assertEquals(0, it.epoch());
      it.next();
      assertEquals(1, it.position());
      assertTrue(it.waitNanos() >= 0);
    }
    assertSame(loader.dataset(), loader.dataset());
  }
}
