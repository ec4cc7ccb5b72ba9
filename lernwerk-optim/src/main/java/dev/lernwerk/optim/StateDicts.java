package dev.lernwerk.optim;

import dev.lernwerk.io.LongTensors;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;

/**
 * How optimizer and scheduler state dicts store scalars, so that every value survives a round trip
 * through safetensors exactly (a float32 tensor would round {@code 0.999} and break bit-identical
 * resumption).
 *
 * <p>A scalar (a {@code double} hyperparameter or a {@code long} counter) is an {@link
 * DType#INT32} tensor of shape [2]: the high and the low 32 bits of {@link
 * Double#doubleToRawLongBits} (doubles) or of the long itself (counters). Tensors from {@link
 * #ofDouble} and {@link #ofLong} are told apart only by the key they are stored under.
 */
public final class StateDicts {
  private StateDicts() {}

  /** The exact encoding of a double. */
  public static Tensor ofDouble(double v) {
    return ofLong(Double.doubleToRawLongBits(v));
  }

  /** The exact encoding of a long. */
  public static Tensor ofLong(long v) {
    return LongTensors.encode(v);
  }

  /** Decodes {@link #ofDouble}; {@code key} names the entry in the error message. */
  public static double toDouble(String key, Tensor t) {
    return Double.longBitsToDouble(toLong(key, t));
  }

  /** Decodes {@link #ofLong}; {@code key} names the entry in the error message. */
  public static long toLong(String key, Tensor t) {
    if (t.dtype() != DType.INT32 || t.numel() != 2 || t.dim() != 1) {
      throw new IllegalArgumentException(
          "state dict entry " + key + ": expected an int32 tensor of shape [2] (an encoded scalar),"
              + " got " + t.dtype().label() + " " + java.util.Arrays.toString(t.shape()));
    }
    return LongTensors.decode(key, t, 1)[0];
  }
}
