package dev.lernwerk.data.transform;

import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Min–max scaling to a range {@code [lo, hi]} (DA-15):
 *
 * <pre>
 *   x' = lo + (hi - lo) · (x - min) / (max - min)
 * </pre>
 *
 * <p>For {@code [-1, 1]} this is the course's {@code x' = 2 (x - min) / (max - min) - 1}. {@link
 * #fit} takes min and max per feature over the rows of the training data, {@link #fitGlobal} over
 * all its values (one min and max, as for image pixels), {@link #of} uses known bounds (0 and 255
 * for 8-bit pixels). A feature with {@code max == min} is only shifted ({@code x' = lo + x - min}).
 *
 * <pre>{@code
 * var scaler = MinMaxScaler.fitGlobal(trainImages, -1, 1);   // statistics from train only
 * Tensor xTrain = scaler.transform(trainImages);              // values in [-1, 1]
 * Tensor xValid = scaler.transform(validImages);              // the same min and max
 * }</pre>
 */
public final class MinMaxScaler implements Scaler {
  private final Tensor min;
  private final Tensor max;
  private final float lo;
  private final float hi;
  private final Affine affine;

  private MinMaxScaler(Tensor min, Tensor max, double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException(
          "MinMaxScaler: the target range needs lo < hi, got lo=" + lo + ", hi=" + hi);
    }
    Affine.requireSameShape("MinMaxScaler", "min", min, "max", max);
    this.min = min;
    this.max = max;
    this.lo = (float) lo;
    this.hi = (float) hi;
    double[] mn = Stats.doubles(min);
    double[] mx = Stats.doubles(max);
    double[] range = new double[mn.length];
    for (int i = 0; i < mn.length; i++) {
      range[i] = mx[i] - mn[i];
      if (!(range[i] >= 0)) {
        throw new IllegalArgumentException(
            "MinMaxScaler: min " + mn[i] + " exceeds max " + mx[i] + " at feature " + i);
      }
      if (range[i] == 0) {
        range[i] = hi - lo; // a constant feature is only shifted
      }
    }
    double[] width = Stats.filled(mn.length, hi - lo);
    double[] los = Stats.filled(mn.length, lo);
    affine = new Affine("MinMaxScaler", min.shape(), mn, width, range, los);
  }

  /** Per-feature min and max over the rows (dim 0) of {@code x} (N, features...). */
  public static MinMaxScaler fit(Tensor x, double lo, double hi) {
    Stats s = Stats.of("MinMaxScaler.fit", x, false);
    return new MinMaxScaler(Stats.tensor(s.min, s.featureShape), Stats.tensor(s.max, s.featureShape),
        lo, hi);
  }

  /** One min and max over all values of {@code x}. */
  public static MinMaxScaler fitGlobal(Tensor x, double lo, double hi) {
    Stats s = Stats.of("MinMaxScaler.fitGlobal", x, true);
    return new MinMaxScaler(Tensor.scalar((float) s.min[0]), Tensor.scalar((float) s.max[0]), lo,
        hi);
  }

  /** Known data bounds, e.g. {@code of(0, 255, -1, 1)} for 8-bit pixels. */
  public static MinMaxScaler of(double dataMin, double dataMax, double lo, double hi) {
    return new MinMaxScaler(Tensor.scalar((float) dataMin), Tensor.scalar((float) dataMax), lo, hi);
  }

  /** A scaler from a saved {@link #state()}. */
  public static MinMaxScaler fromState(Map<String, Tensor> state) {
    String op = "MinMaxScaler.fromState";
    return new MinMaxScaler(Stats.require(state, op, "min"), Stats.require(state, op, "max"),
        Stats.require(state, op, "lo").item(), Stats.require(state, op, "hi").item());
  }

  /** The fitted minimum per feature (or a scalar). */
  public Tensor min() {
    return min;
  }

  /** The fitted maximum per feature (or a scalar). */
  public Tensor max() {
    return max;
  }

  @Override
  public Tensor transform(Tensor x) {
    return affine.transform(x);
  }

  @Override
  public Tensor inverse(Tensor x) {
    return affine.inverse(x);
  }

  /** {@code min}, {@code max}, {@code lo} and {@code hi}. */
  @Override
  public Map<String, Tensor> state() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("min", min);
    m.put("max", max);
    m.put("lo", Tensor.scalar(lo));
    m.put("hi", Tensor.scalar(hi));
    return m;
  }

  @Override
  public String toString() {
    return "MinMaxScaler(range=[" + lo + ", " + hi + "], features=" + min.numel() + ")";
  }
}
