package dev.lernwerk.data.idx;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (DA-09), plain or gzip-compressed (detected
 * from the first two bytes, not the file name).
 *
 * <p>Layout: two zero bytes, a type byte ({@link IdxType}), the number of dimensions, one big-endian
 * int32 size per dimension, then the elements in row-major order, big-endian. Without a requested
 * dtype, images (8/16-bit integers with 2 or more dims) and float data become float32 with the raw
 * values (0..255 for MNIST pixels); labels (1-d integers) and 32-bit integers become int32 (see
 * {@link IdxHeader#naturalDType()}).
 *
 * <p>The reader trusts nothing: it checks the dimension sizes against the file's size before it
 * allocates (for gzip against the most that deflate can expand the compressed bytes to, about
 * 1032×), and every error is an {@link IOException} naming the file, the byte offset and what was
 * expected, e.g. {@code train-images-idx3-ubyte.gz: truncated at byte 7840016: expected 47040000
 * bytes of data after the 16-byte header, got 7840000}.
 *
 * <pre>{@code
 * Tensor images = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz")); // (60000, 28, 28) float, 0..255
 * Tensor labels = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz")); // (60000) int32
 * }</pre>
 */
public final class IdxReader {
  /** Dimensions allowed in a file. */
  public static final int MAX_DIMS = 16;

  /** Upper bound of deflate's expansion ratio (1032:1) plus slack, for the gzip size check. */
  private static final long GZIP_MAX_RATIO = 1040;

  private static final int CHUNK = 1 << 16;

  private IdxReader() {}

  /**
   * The file's values in their natural dtype: float32 for images and float data, int32 for labels
   * and 32-bit integers ({@link IdxHeader#naturalDType()}).
   */
  public static Tensor read(Path path) throws IOException {
    return read(path, null);
  }

  /**
   * The file's values as {@code dtype}: FLOAT32 (any type) or INT32 (integer types only); null gives
   * the {@linkplain IdxHeader#naturalDType() natural dtype}.
   */
  public static Tensor read(Path path, DType dtype) throws IOException {
    long fileSize = Files.size(path);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), CHUNK)) {
      return read(raw, path.toString(), fileSize, dtype);
    }
  }

  /**
   * Reads an IDX stream (plain or gzip).
   *
   * @param name the name used in error messages
   * @param size the stream's length in bytes if known (checked against the header), else -1: then
   *     the header may claim at most {@code Integer.MAX_VALUE} elements
   */
  public static Tensor read(InputStream in, String name, long size, DType dtype) throws IOException {
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, CHUNK);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1F && b1 == 0x8B;
    if (gzip) {
      try (var g = new GZIPInputStream(buffered, CHUNK)) {
        return decode(new Counting(g), name, size, true, dtype);
      }
    }
    return decode(new Counting(buffered), name, size, false, dtype);
  }

  /**
   * An image file as float32 with the raw values (0..255 for MNIST), shape as in the file, e.g.
   * (N, 28, 28).
   */
  public static Tensor readImages(Path path) throws IOException {
    return read(path, DType.FLOAT32);
  }

  /**
   * A label file as int32 of shape (N).
   *
   * @throws IOException if the file is not a 1-d integer file
   */
  public static Tensor readLabels(Path path) throws IOException {
    IdxHeader h = header(path);
    if (h.dims().length != 1 || !h.type().isInteger()) {
      throw new IOException(
          path + ": expected labels (a 1-d integer IDX file), got " + h.type().label() + " with dims "
              + Arrays.toString(h.dims()));
    }
    return read(path, DType.INT32);
  }

  /** Only the header (type and dims), validated like {@link #read(Path)} does. */
  public static IdxHeader header(Path path) throws IOException {
    long fileSize = Files.size(path);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1024)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
      raw.reset();
      InputStream in = gzip ? new GZIPInputStream(raw, 1024) : raw;
      return readHeader(new Counting(in), path.toString(), fileSize, gzip);
    }
  }

  /** An input stream that counts the (uncompressed) bytes read, for error offsets. */
  private static final class Counting {
    final InputStream in;
    long pos;

    Counting(InputStream in) {
      this.in = in;
    }

    /** Reads up to n bytes into buf; returns how many were read before the end. */
    int readFully(byte[] buf, int n, String name) throws IOException {
      int got = 0;
      try {
        while (got < n) {
          int r = in.read(buf, got, n - got);
          if (r < 0) {
            break;
          }
          got += r;
        }
      } catch (EOFException e) {
        // a cut-off gzip stream: report it as truncation below
      } catch (ZipException e) {
        throw new IOException(
            name + ": corrupt gzip data after byte " + (pos + got) + " of the uncompressed stream: "
                + e.getMessage(), e);
      }
      pos += got;
      return got;
    }
  }

  private static IdxHeader readHeader(Counting in, String name, long size, boolean gzip)
      throws IOException {
    byte[] magic = new byte[4];
    int got = in.readFully(magic, 4, name);
    if (got < 4) {
      throw new IOException(
          name + ": truncated at byte " + got + ": expected the 4-byte IDX magic number");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IOException(String.format(
          "%s: not an IDX file: bytes 0-1 are 0x%02X 0x%02X, expected 0x00 0x00 (or a gzip file"
              + " starting with 0x1F 0x8B)", name, magic[0] & 0xFF, magic[1] & 0xFF));
    }
    IdxType type = IdxType.ofCode(magic[2] & 0xFF);
    if (type == null) {
      throw new IOException(String.format(
          "%s: unknown IDX data type 0x%02X at byte 2 (expected 0x08 ubyte, 0x09 byte, 0x0B short,"
              + " 0x0C int, 0x0D float or 0x0E double)", name, magic[2] & 0xFF));
    }
    int ndim = magic[3] & 0xFF;
    if (ndim > MAX_DIMS) {
      throw new IOException(
          name + ": " + ndim + " dimensions at byte 3 (at most " + MAX_DIMS + " are supported)");
    }
    byte[] db = new byte[4 * ndim];
    got = in.readFully(db, db.length, name);
    if (got < db.length) {
      throw new IOException(
          name + ": truncated at byte " + (4 + got) + ": expected " + ndim + " dimension sizes ("
              + db.length + " bytes) after the 4-byte magic number");
    }
    int[] dims = new int[ndim];
    boolean empty = false;
    for (int d = 0; d < ndim; d++) {
      dims[d] = ((db[4 * d] & 0xFF) << 24) | ((db[4 * d + 1] & 0xFF) << 16)
          | ((db[4 * d + 2] & 0xFF) << 8) | (db[4 * d + 3] & 0xFF);
      if (dims[d] < 0) {
        throw new IOException(
            name + ": dimension " + d + " (bytes " + (4 + 4 * d) + "-" + (7 + 4 * d) + ") is "
                + dims[d] + ", expected a size >= 0");
      }
      empty |= dims[d] == 0;
    }
    long elements = 1;
    for (int d = 0; d < ndim && !empty; d++) {
      elements *= dims[d];
      if (elements > Integer.MAX_VALUE) {
        throw new IOException(
            name + ": dims " + Arrays.toString(dims) + " claim more than " + Integer.MAX_VALUE
                + " elements, more than a tensor can hold (is the header corrupt?)");
      }
    }
    IdxHeader h = new IdxHeader(type, dims);
    long need = h.dataBytes();
    int hb = h.headerBytes();
    if (size >= 0 && !gzip && hb + need > size) {
      throw truncated(name, h, size - hb);
    }
    if (size >= 0 && gzip && need > size * GZIP_MAX_RATIO) {
      throw new IOException(
          name + ": dims " + Arrays.toString(dims) + " claim " + need + " bytes of data, more than"
              + " a gzip file of " + size + " bytes can expand to (is the header corrupt?)");
    }
    return h;
  }

  private static IOException truncated(String name, IdxHeader h, long got) {
    return new IOException(
        name + ": truncated at byte " + (h.headerBytes() + got) + ": expected " + h.dataBytes()
            + " bytes of data after the " + h.headerBytes() + "-byte header, got " + got);
  }

  private static Tensor decode(Counting in, String name, long size, boolean gzip, DType dtype)
      throws IOException {
    IdxHeader h = readHeader(in, name, size, gzip);
    IdxType type = h.type();
    DType out = dtype != null ? dtype : h.naturalDType();
    if (out == DType.BOOL || (out == DType.INT32 && !type.isInteger())) {
      throw new IOException(
          name + ": cannot read " + type.label() + " data as " + out.label()
              + " (read it as float32)");
    }
    int n = (int) h.elements();
    float[] f = out == DType.FLOAT32 ? new float[n] : null;
    int[] iv = out == DType.INT32 ? new int[n] : null;
    int es = type.bytes();
    byte[] buf = new byte[Math.max(es, CHUNK - CHUNK % es)];
    int done = 0;
    while (done < n) {
      int want = (int) Math.min((long) (n - done) * es, buf.length);
      int got = in.readFully(buf, want, name);
      int k = got / es;
      convert(type, buf, k, f, iv, done);
      done += k;
      if (got < want) {
        throw truncated(name, h, (long) done * es + got % es);
      }
    }
    if (in.readFully(buf, 1, name) > 0) {
      throw new IOException(
          name + ": unexpected data after byte " + (h.headerBytes() + h.dataBytes())
              + " (the dims " + Arrays.toString(h.dims()) + " account for " + h.dataBytes()
              + " bytes after the " + h.headerBytes() + "-byte header)");
    }
    int[] shape = h.dims();
    return f != null ? Tensor.wrap(f, shape) : Tensor.wrapInts(iv, shape);
  }

  /** Converts k big-endian elements of buf into f or iv starting at off. */
  private static void convert(IdxType type, byte[] b, int k, float[] f, int[] iv, int off) {
    switch (type) {
      case UBYTE -> {
        for (int i = 0; i < k; i++) {
          int v = b[i] & 0xFF;
          if (f != null) {
            f[off + i] = v;
          } else {
            iv[off + i] = v;
          }
        }
      }
      case BYTE -> {
        for (int i = 0; i < k; i++) {
          if (f != null) {
            f[off + i] = b[i];
          } else {
            iv[off + i] = b[i];
          }
        }
      }
      case SHORT -> {
        for (int i = 0; i < k; i++) {
          int v = (short) (((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF));
          if (f != null) {
            f[off + i] = v;
          } else {
            iv[off + i] = v;
          }
        }
      }
      case INT, FLOAT -> {
        for (int i = 0; i < k; i++) {
          int j = 4 * i;
          int v = ((b[j] & 0xFF) << 24) | ((b[j + 1] & 0xFF) << 16) | ((b[j + 2] & 0xFF) << 8)
              | (b[j + 3] & 0xFF);
          if (type == IdxType.FLOAT) {
            f[off + i] = Float.intBitsToFloat(v);
          } else if (f != null) {
            f[off + i] = v;
          } else {
            iv[off + i] = v;
          }
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < k; i++) {
          long v = 0;
          for (int j = 0; j < 8; j++) {
            v = (v << 8) | (b[8 * i + j] & 0xFF);
          }
          f[off + i] = (float) Double.longBitsToDouble(v);
        }
      }
    }
  }
}
