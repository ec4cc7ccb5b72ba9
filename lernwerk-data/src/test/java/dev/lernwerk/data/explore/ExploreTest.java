package dev.lernwerk.data.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.csv.CsvOptions;
import dev.lernwerk.data.csv.CsvReader;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExploreTest {
  @Test
  void summaryOfATensor() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, Float.NaN, 6}, 2, 3);
    Summary s = Explore.summary(t);
    assertArrayEquals(new int[] {2, 3}, s.shape());
    assertEquals(DType.FLOAT32, s.dtype());
    assertEquals(5, s.count());
    assertEquals(1, s.nanCount());
    assertEquals(1, s.min());
    assertEquals(6, s.max());
    assertEquals(3.2, s.mean(), 1e-12);
    // population std: deviations -2.2 -1.2 -0.2 0.8 2.8 -> squares sum 14.8, / 5
    assertEquals(Math.sqrt(14.8 / 5), s.std(), 1e-12);
    assertEquals("shape=[2, 3] dtype=float32 min=1 max=6 mean=3.2 std=1.7205 nan=1", s.toString());
    assertEquals("shape=[3] dtype=int32 min=0 max=255 mean=85 std=120.2082",
        Explore.summary(Tensor.ofInts(new int[] {0, 0, 255})).toString());
  }

  @Test
  void classDistributionLikeNpUnique() {
    Tensor y = Tensor.ofInts(new int[] {2, 0, 2, 2, 1, 0, 2, 2});
    ClassDistribution d = Explore.classDistribution(y, List.of("cat", "dog", "bird"));
    assertArrayEquals(new int[] {0, 1, 2}, d.labels());
    assertArrayEquals(new long[] {2, 1, 5}, d.counts());
    assertArrayEquals(new double[] {0.25, 0.125, 0.625}, d.proportions(), 1e-12);
    assertEquals(5.0, d.imbalanceRatio());
    assertEquals(5, d.count(2));
    assertEquals(0, d.count(7));
    // the same counts as the core's unique and bincount
    assertArrayEquals(new int[] {2, 1, 5}, y.bincount(0).toIntArray());
    assertArrayEquals(new int[] {2, 1, 5}, y.unique().counts().toIntArray());
    assertEquals("""
        label  class  count   share
            0  cat        2   25.0%
            1  dog        1   12.5%
            2  bird       5   62.5%
               total      8""", d.table());
    ClassDistribution unnamed = Explore.classDistribution(Tensor.ofInts(new int[] {-1, 7, 7}));
    assertEquals(List.of("-1", "7"), unnamed.names());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Explore.classDistribution(Tensor.of(new float[] {0.5f})));
    assertEquals("classDistribution: expected integer class labels, got 0.5 at flat index 0",
        e.getMessage());
  }

  @Test
  void featureStatsAndMissing() {
    Tensor x = Tensor.of(new float[][] {{1, 10}, {3, Float.NaN}, {5, 30}});
    FeatureStats f = Explore.featureStats(x, List.of("a", "b"));
    assertArrayEquals(new double[] {1, 10}, f.min());
    assertArrayEquals(new double[] {5, 30}, f.max());
    assertArrayEquals(new double[] {3, 20}, f.mean());
    assertArrayEquals(new double[] {Math.sqrt(8 / 3.0), 10}, f.std(), 1e-12);
    assertArrayEquals(new long[] {0, 1}, f.missing());
    assertArrayEquals(new long[] {0, 1}, Explore.missing(x));
    assertTrue(f.table().startsWith("feature"));
    assertTrue(f.table().contains("b"));
  }

  @Test
  void pearsonCorrelation() {
    // b = 2a + 1 (r = 1), c = -a (r = -1), d constant (NaN)
    Tensor x = Tensor.of(new float[][] {{1, 3, -1, 7}, {2, 5, -2, 7}, {4, 9, -4, 7}});
    float[] r = Explore.correlation(x).toFloatArray();
    assertEquals(1f, r[0 * 4 + 1], 1e-6f);
    assertEquals(-1f, r[0 * 4 + 2], 1e-6f);
    assertTrue(Float.isNaN(r[0 * 4 + 3]));
    assertEquals(1f, r[1 * 4 + 1]);
    // a known value: x = (1, 2, 3, 4), y = (1, 3, 2, 4): r = 0.8
    Tensor k = Tensor.of(new float[][] {{1, 1}, {2, 3}, {3, 2}, {4, 4}});
    assertEquals(0.8f, Explore.correlation(k).get(0, 1), 1e-6f);
    // symmetric on random data
    Tensor rnd = Tensor.randn(new Generator(0), 50, 4);
    Tensor c = Explore.correlation(rnd);
    assertArrayEquals(c.toFloatArray(), c.t().contiguous().toFloatArray());
  }

  @Test
  void outliersBeyondThreeSigma() {
    float[] v = new float[101];
    for (int i = 0; i < 100; i++) {
      v[i] = i % 2 == 0 ? -1 : 1;
    }
    v[100] = 40; // far out
    Tensor x = Tensor.wrap(v, 101, 1);
    assertArrayEquals(new long[] {1}, Explore.outliers(x, 3));
    assertArrayEquals(new long[] {0}, Explore.outliers(Tensor.ones(5, 1), 3));
  }

  @Test
  void describeATable() throws Exception {
    var t = CsvReader.parse("a,b,s\n1,10,x\n2,,y\n3,30,x\n4,40,\n", "t.csv", CsvOptions.defaults());
    String d = Explore.describe(t);
    assertEquals("""
                   a        b
        count      4        3
        mean     2.5  26.6667
        std    1.291  15.2753
        min        1       10
        25%     1.75       20
        50%      2.5       30
        75%     3.25       35
        max        4       40
        s: count=3 unique=2 top=x freq=2""", d);
  }
}
