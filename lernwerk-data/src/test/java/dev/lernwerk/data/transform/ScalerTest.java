package dev.lernwerk.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ScalerTest {
  // two features: column 0 in [2, 6], column 1 constant 5
  static final Tensor TRAIN = Tensor.of(new float[][] {{2, 5}, {4, 5}, {6, 5}});
  static final Tensor VALID = Tensor.of(new float[][] {{8, 7}, {3, 5}});

  @Test
  void minMaxToMinusOneOneWithTheCourseFormula() {
    var s = MinMaxScaler.fit(TRAIN, -1, 1);
    assertArrayEquals(new float[] {2, 5}, s.min().toFloatArray());
    assertArrayEquals(new float[] {6, 5}, s.max().toFloatArray());
    // x' = 2 (x - min) / (max - min) - 1; the constant column is only shifted: -1 + (x - 5)
    assertArrayEquals(new float[] {-1, -1, 0, -1, 1, -1}, s.transform(TRAIN).toFloatArray());
    // validation uses the training statistics (values may leave [-1, 1])
    assertArrayEquals(new float[] {2, 1, -0.5f, -1}, s.transform(VALID).toFloatArray());
    assertArrayEquals(VALID.toFloatArray(), s.inverse(s.transform(VALID)).toFloatArray(), 1e-6f);
    var z = MinMaxScaler.fit(TRAIN, 0, 1);
    assertArrayEquals(new float[] {0, 0, 0.5f, 0, 1, 0}, z.transform(TRAIN).toFloatArray());
  }

  @Test
  void globalAndFixedRangesForPixels() {
    Tensor px = Tensor.ofInts(new int[] {0, 51, 255, 128}, 1, 2, 2).toFloat();
    var g = MinMaxScaler.fitGlobal(px, -1, 1);
    float[] y = g.transform(px).toFloatArray();
    assertEquals(-1f, y[0]);
    assertEquals(1f, y[2]);
    assertEquals((float) (2 * 51 / 255.0 - 1), y[1]);
    assertArrayEquals(y, MinMaxScaler.of(0, 255, -1, 1).transform(px).toFloatArray());
    // int32 input is converted
    assertEquals(DType.FLOAT32, g.transform(px.toInt()).dtype());
  }

  @Test
  void standardizerFitsOnTrainOnly() {
    var s = Standardizer.fit(TRAIN);
    // column 0: mean 4, population std sqrt(8/3); column 1: std 0 -> guarded to 1
    assertArrayEquals(new float[] {4, 5}, s.mean().toFloatArray());
    assertArrayEquals(new float[] {(float) Math.sqrt(8 / 3.0), 1}, s.std().toFloatArray(), 1e-7f);
    float sd = (float) Math.sqrt(8 / 3.0);
    assertArrayEquals(new float[] {-2 / sd, 0, 0, 0, 2 / sd, 0}, s.transform(TRAIN).toFloatArray(),
        1e-6f);
    assertArrayEquals(new float[] {4 / sd, 2, -1 / sd, 0}, s.transform(VALID).toFloatArray(), 1e-6f);
    assertArrayEquals(VALID.toFloatArray(), s.inverse(s.transform(VALID)).toFloatArray(), 1e-5f);
    // transformed training data: mean 0, std 1 per (non-constant) feature
    Tensor t = s.transform(TRAIN);
    assertEquals(0f, t.mean(0, false).get(0), 1e-6f);
    // a single sample (features...) works too
    assertArrayEquals(new float[] {4 / sd, 2}, s.transform(Tensor.of(new float[] {8, 7}))
        .toFloatArray(), 1e-6f);
  }

  @Test
  void stateRoundTrips() {
    var s = Standardizer.fit(TRAIN);
    var back = Standardizer.fromState(s.state());
    assertArrayEquals(s.transform(VALID).toFloatArray(), back.transform(VALID).toFloatArray());
    var m = MinMaxScaler.fit(TRAIN, -1, 1);
    var mb = MinMaxScaler.fromState(m.state());
    assertArrayEquals(m.transform(VALID).toFloatArray(), mb.transform(VALID).toFloatArray());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Standardizer.fromState(java.util.Map.of("mean", Tensor.scalar(0))));
    assertEquals("Standardizer.fromState: the state has no 'std' entry (keys: [mean])",
        e.getMessage());
  }

  @Test
  void shapeAndRangeErrors() {
    var s = Standardizer.fit(TRAIN);
    var e = assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(2, 3)));
    assertEquals("Standardizer.transform: fitted on features of shape [2], got input of shape"
        + " [2, 3] (expected (N, 2) or one sample)", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(TRAIN, 1, 1));
    assertEquals("MinMaxScaler: the target range needs lo < hi, got lo=1.0, hi=1.0",
        e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> Standardizer.fit(Tensor.of(new float[] {1, Float.NaN})));
    assertEquals("Standardizer.fit: the data has a NaN at flat index 1; fill missing values first",
        e3.getMessage());
  }

  @Test
  void scalesADataset() {
    var ds = new TensorDataset(TRAIN, Tensor.ofInts(new int[] {0, 1, 0}));
    var scaled = MinMaxScaler.fit(TRAIN, 0, 1).transform(ds);
    assertArrayEquals(new float[] {0.5f, 0}, scaled.get(1).input().toFloatArray());
    assertEquals(1, scaled.get(1).label());
  }

  @Test
  void oneHotLabels() {
    Tensor y = Labels.oneHot(Tensor.ofInts(new int[] {2, 0, 1}), 3);
    assertArrayEquals(new int[] {3, 3}, y.shape());
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, y.toFloatArray());
    assertArrayEquals(new int[] {2, 0, 1}, Labels.fromOneHot(y).toIntArray());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Labels.oneHot(Tensor.of(new float[] {1}), 3));
    assertEquals("oneHot: expected int32 class labels, got float32 of shape [1] (convert with"
        + " toInt())", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class,
        () -> Labels.oneHot(Tensor.ofInts(new int[] {3}), 3));
  }
}
