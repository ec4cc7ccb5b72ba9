package dev.lernwerk.io;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * Exact storage of 64-bit values (generator states, step counters, double hyperparameters) in
 * tensor files, which have no int64 of their own here: each long becomes two int32 values, the high
 * word first. Used by optimizer state dicts, data-loader states and checkpoints.
 */
public final class LongTensors {
  private LongTensors() {}

  /** A 1-d int32 tensor of {@code 2 * values.length} words, high word first. */
  public static Tensor encode(long... values) {
    int[] w = new int[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      w[2 * i] = (int) (values[i] >>> 32);
      w[2 * i + 1] = (int) values[i];
    }
    return Tensor.wrapInts(w, w.length);
  }

  /**
   * Decodes {@link #encode}; {@code count} is the expected number of longs (-1 accepts any).
   *
   * @throws IllegalArgumentException naming {@code what} when the tensor is not such an encoding
   */
  public static long[] decode(String what, Tensor t, int count) {
    if (t.dtype() != DType.INT32 || t.dim() != 1 || t.numel() % 2 != 0
        || (count >= 0 && t.numel() != 2 * count)) {
      throw new IllegalArgumentException(
          what + ": expected an int32 tensor of shape ["
              + (count >= 0 ? Integer.toString(2 * count) : "2·n") + "] (encoded 64-bit values), got "
              + t.dtype().label() + " " + Arrays.toString(t.shape()));
    }
    int[] w = t.toIntArray();
    long[] v = new long[w.length / 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((long) w[2 * i] << 32) | (w[2 * i + 1] & 0xffffffffL);
    }
    return v;
  }
}
