package dev.lernwerk.data;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable SHA-256 fingerprint of data, for provenance (DA-31): a saved model records the
 * fingerprint of its training data, and anyone can check later that they hold the same data.
 *
 * <p>The hash covers each tensor's dtype, shape and values in row-major order (little-endian; float
 * values by their bits, all NaNs as one), so it does not depend on strides, views or the machine. A
 * data set's fingerprint covers its size and every sample's input, target and weight in order.
 *
 * <pre>{@code
 * String fp = Fingerprint.of(train);   // 64 hex digits, e.g. "3f1c…"
 * }</pre>
 */
public final class Fingerprint {
  private Fingerprint() {}

  /** The fingerprint of one or more tensors, in order. */
  public static String of(Tensor... tensors) {
    MessageDigest md = sha256();
    md.update("lernwerk-tensors-v1".getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf = buffer();
    for (Tensor t : tensors) {
      feed(md, buf, t);
    }
    flush(md, buf);
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The fingerprint of a data set of {@link Example}s: size, then each sample's input, target and
   * weight. Equal samples in equal order give equal fingerprints, however they are stored.
   */
  public static String of(Dataset<Example> ds) {
    MessageDigest md = sha256();
    md.update("lernwerk-dataset-v1".getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf = buffer();
    int n = ds.size();
    buf.putInt(n);
    for (int i = 0; i < n; i++) {
      Example ex = ds.get(i);
      feed(md, buf, ex.input());
      feed(md, buf, ex.target());
      flushIfFull(md, buf, 4);
      buf.putFloat(ex.weight());
    }
    flush(md, buf);
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private static ByteBuffer buffer() {
    return ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void flush(MessageDigest md, ByteBuffer buf) {
    md.update(buf.array(), 0, buf.position());
    buf.clear();
  }

  private static void flushIfFull(MessageDigest md, ByteBuffer buf, int need) {
    if (buf.remaining() < need) {
      flush(md, buf);
    }
  }

  /** dtype code, rank, dims, values. */
  private static void feed(MessageDigest md, ByteBuffer buf, Tensor t) {
    int[] shape = t.shape();
    flushIfFull(md, buf, 8 + 4 * shape.length);
    buf.putInt(t.dtype().ordinal());
    buf.putInt(shape.length);
    for (int d : shape) {
      buf.putInt(d);
    }
    Tensor c = t.contiguous();
    int n = c.numel();
    int off = c.offset();
    if (t.dtype() == DType.FLOAT32) {
      float[] v = c.storage().floats();
      for (int i = 0; i < n; i++) {
        flushIfFull(md, buf, 4);
        buf.putInt(Float.floatToIntBits(v[off + i]));
      }
    } else {
      int[] v = c.storage().ints();
      for (int i = 0; i < n; i++) {
        flushIfFull(md, buf, 4);
        buf.putInt(v[off + i]);
      }
    }
  }
}
