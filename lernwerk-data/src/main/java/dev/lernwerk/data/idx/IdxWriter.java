package dev.lernwerk.data.idx;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tensors as IDX files (the inverse of {@link IdxReader}), plain or gzip-compressed. The file
 * is written to a temporary file beside the target and renamed, so a crash never leaves half a file.
 *
 * <pre>{@code
 * IdxWriter.write(dir.resolve("labels-idx1-ubyte.gz"), labels, IdxType.UBYTE); // gzip by name
 * }</pre>
 */
public final class IdxWriter {
  private IdxWriter() {}

  /** Writes {@code t} as {@code type}; gzip-compressed when the file name ends with {@code .gz}. */
  public static void write(Path path, Tensor t, IdxType type) throws IOException {
    write(path, t, type, path.getFileName().toString().endsWith(".gz"));
  }

  /**
   * Writes {@code t} as {@code type}.
   *
   * @throws IllegalArgumentException if a value does not fit the type (integer types need whole
   *     numbers in range), or the tensor has more than {@link IdxReader#MAX_DIMS} dims
   */
  public static void write(Path path, Tensor t, IdxType type, boolean gzip) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        if (gzip) {
          try (var g = new GZIPOutputStream(out, 1 << 16)) {
            write(g, t, type);
          }
        } else {
          write(out, t, type);
        }
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes the header and the big-endian values of {@code t} to a stream (not closed). */
  public static void write(OutputStream out, Tensor t, IdxType type) throws IOException {
    int[] shape = t.shape();
    if (shape.length > IdxReader.MAX_DIMS) {
      throw new IllegalArgumentException(
          "IdxWriter: " + shape.length + " dims, at most " + IdxReader.MAX_DIMS + " are supported");
    }
    byte[] head = new byte[4 + 4 * shape.length];
    head[2] = (byte) type.code();
    head[3] = (byte) shape.length;
    for (int d = 0; d < shape.length; d++) {
      putInt(head, 4 + 4 * d, shape[d]);
    }
    out.write(head);
    boolean ints = t.dtype() != DType.FLOAT32;
    int[] iv = ints ? t.toIntArray() : null;
    float[] fv = ints ? null : t.toFloatArray();
    int n = ints ? iv.length : fv.length;
    byte[] buf = new byte[8 * 4096];
    int per = buf.length / type.bytes();
    for (int start = 0; start < n; start += per) {
      int k = Math.min(per, n - start);
      for (int i = 0; i < k; i++) {
        int idx = start + i;
        double v = ints ? iv[idx] : fv[idx];
        put(type, buf, i, v, idx, shape);
      }
      out.write(buf, 0, k * type.bytes());
    }
  }

  private static void put(IdxType type, byte[] b, int i, double v, int idx, int[] shape) {
    switch (type) {
      case UBYTE -> b[i] = (byte) checkInt(type, v, 0, 255, idx, shape);
      case BYTE -> b[i] = (byte) checkInt(type, v, -128, 127, idx, shape);
      case SHORT -> {
        int s = checkInt(type, v, Short.MIN_VALUE, Short.MAX_VALUE, idx, shape);
        b[2 * i] = (byte) (s >> 8);
        b[2 * i + 1] = (byte) s;
      }
      case INT -> putInt(b, 4 * i, checkInt(type, v, Integer.MIN_VALUE, Integer.MAX_VALUE, idx,
          shape));
      case FLOAT -> putInt(b, 4 * i, Float.floatToRawIntBits((float) v));
      case DOUBLE -> {
        long l = Double.doubleToRawLongBits(v);
        for (int j = 0; j < 8; j++) {
          b[8 * i + j] = (byte) (l >>> (56 - 8 * j));
        }
      }
    }
  }

  private static int checkInt(IdxType type, double v, long lo, long hi, int idx, int[] shape) {
    if (v != Math.rint(v) || v < lo || v > hi) {
      throw new IllegalArgumentException(
          "IdxWriter: value " + v + " at flat index " + idx + " of a tensor of shape "
              + Arrays.toString(shape) + " does not fit " + type.label() + " (whole numbers "
              + lo + ".." + hi + ")");
    }
    return (int) v;
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
