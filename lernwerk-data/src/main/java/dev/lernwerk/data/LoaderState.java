package dev.lernwerk.data;

import dev.lernwerk.io.LongTensors;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a {@link DataLoader} stands (DA-29): the epoch, how many of its batches were consumed, and
 * the loader generator's state at the start of that epoch. Restoring it makes a resumed run see
 * exactly the batches the interrupted run would have seen next.
 *
 * <p>Plain numbers so a checkpoint can store them: {@link #toLongs()} / {@link #fromLongs(long[])},
 * or as an int32 tensor with {@link #toTensor()} / {@link #fromTensor(Tensor)} for a tensor file.
 *
 * <pre>{@code
 * LoaderState s = loader.state();          // save with the model
 * ...
 * loader.restore(s);                       // next iterator() continues where the old run stopped
 * }</pre>
 *
 * @param epoch the epoch the next batch belongs to (0-based)
 * @param position batches of that epoch already consumed
 * @param generator the loader generator's state before that epoch's generator was split off
 */
public record LoaderState(int epoch, int position, long[] generator) {
  /** Validates and copies. */
  public LoaderState {
    if (epoch < 0 || position < 0) {
      throw new IllegalArgumentException(
          "LoaderState: epoch and position must be >= 0, got epoch=" + epoch + ", position="
              + position);
    }
    Objects.requireNonNull(generator, "LoaderState: generator state is null");
    if (generator.length != 6) {
      throw new IllegalArgumentException(
          "LoaderState: expected a generator state of 6 longs, got " + generator.length);
    }
    generator = generator.clone();
  }

  /** A copy of the generator state. */
  @Override
  public long[] generator() {
    return generator.clone();
  }

  /** {@code [epoch, position, g0, …, g5]}. */
  public long[] toLongs() {
    long[] out = new long[8];
    out[0] = epoch;
    out[1] = position;
    System.arraycopy(generator, 0, out, 2, 6);
    return out;
  }

  /** The inverse of {@link #toLongs()}. */
  public static LoaderState fromLongs(long[] v) {
    if (v == null || v.length != 8) {
      throw new IllegalArgumentException(
          "LoaderState.fromLongs: expected 8 longs, got " + (v == null ? "null" : v.length));
    }
    return new LoaderState(
        Math.toIntExact(v[0]), Math.toIntExact(v[1]), Arrays.copyOfRange(v, 2, 8));
  }

  /** The 8 longs as an int32 tensor of shape (16): high and low word of each. */
  public Tensor toTensor() {
    return LongTensors.encode(toLongs());
  }

  /** The inverse of {@link #toTensor()}. */
  public static LoaderState fromTensor(Tensor t) {
    if (t.numel() != 16) {
      throw new IllegalArgumentException(
          "LoaderState.fromTensor: expected 16 int32 values, got shape "
              + Arrays.toString(t.shape()));
    }
    return fromLongs(LongTensors.decode("LoaderState.fromTensor", t.reshape(16).to(DType.INT32), 8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoaderState s && s.epoch == epoch && s.position == position
        && Arrays.equals(s.generator, generator);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * epoch + position) + Arrays.hashCode(generator);
  }

  @Override
  public String toString() {
    return "LoaderState(epoch=" + epoch + ", position=" + position + ", generator="
        + Arrays.toString(generator) + ")";
  }
}
