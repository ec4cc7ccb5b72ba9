package dev.lernwerk.data.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path dir;

  static Tensor sample(IdxType type) {
    return switch (type) {
      case UBYTE -> Tensor.ofInts(new int[] {0, 1, 127, 128, 254, 255}, 2, 3);
      case BYTE -> Tensor.ofInts(new int[] {-128, -1, 0, 1, 100, 127}, 3, 2);
      case SHORT -> Tensor.ofInts(new int[] {-32768, -300, 0, 255, 256, 32767}, 6);
      case INT -> Tensor.ofInts(
          new int[] {Integer.MIN_VALUE, -70000, 0, 1 << 24, 123456789, Integer.MAX_VALUE}, 1, 2, 3);
      case FLOAT -> Tensor.of(new float[] {
          -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN}, 2, 3);
      case DOUBLE -> Tensor.of(new float[] {0.1f, -2.25f, 1e-30f, 3e30f, 7f, -0f}, 6);
    };
  }

  @Test
  void roundTripOfEveryTypePlainAndGzip() throws IOException {
    for (IdxType type : IdxType.values()) {
      for (boolean gz : new boolean[] {false, true}) {
        Tensor t = sample(type);
        Path p = dir.resolve(type + (gz ? ".idx.gz" : ".idx"));
        IdxWriter.write(p, t, type);
        byte[] raw = Files.readAllBytes(p);
        assertEquals(gz, raw[0] == (byte) 0x1F && raw[1] == (byte) 0x8B, "gzip by file name");
        Tensor back = IdxReader.read(p);
        assertArrayEquals(t.shape(), back.shape(), type + " shape");
        // images (small integers, >= 2 dims) and floats come back as float32, the rest as int32
        boolean naturalFloat = !type.isInteger() || (type != IdxType.INT && t.dim() >= 2);
        assertEquals(naturalFloat ? DType.FLOAT32 : DType.INT32, back.dtype(), type + " dtype");
        if (type.isInteger()) {
          assertArrayEquals(t.toIntArray(), IdxReader.read(p, DType.INT32).toIntArray(),
              type + " values");
          assertArrayEquals(t.toIntArray(), back.toIntArray(), type + " natural values");
          float[] asFloat = IdxReader.read(p, DType.FLOAT32).toFloatArray();
          for (int i = 0; i < asFloat.length; i++) {
            assertEquals((float) t.toIntArray()[i], asFloat[i]);
          }
        } else {
          float[] a = t.toFloatArray();
          float[] b = back.toFloatArray();
          for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]),
                type + " value " + i);
          }
        }
        assertEquals(new IdxHeader(type, t.shape()), IdxReader.header(p));
      }
    }
  }

  @Test
  void headerAndDataAreBigEndian() throws IOException {
    Path p = dir.resolve("s.idx");
    IdxWriter.write(p, Tensor.ofInts(new int[] {1, -2}), IdxType.SHORT);
    assertArrayEquals(new byte[] {0, 0, 0x0B, 1, 0, 0, 0, 2, 0, 1, (byte) 0xFF, (byte) 0xFE},
        Files.readAllBytes(p));
    Path d = dir.resolve("d.idx");
    IdxWriter.write(d, Tensor.of(new float[] {1.5f}), IdxType.DOUBLE);
    byte[] raw = Files.readAllBytes(d);
    assertEquals(1.5, ByteBuffer.wrap(raw, 8, 8).getDouble());
  }

  @Test
  void emptyAndScalarFiles() throws IOException {
    Path p = dir.resolve("e.idx");
    IdxWriter.write(p, Tensor.zeros(DType.INT32, 0, 5), IdxType.UBYTE);
    assertArrayEquals(new int[] {0, 5}, IdxReader.read(p).shape());
    Path one = dir.resolve("labels.idx");
    IdxWriter.write(one, Tensor.ofInts(new int[] {3, 1}), IdxType.UBYTE);
    assertEquals(DType.INT32, IdxReader.read(one).dtype());
    assertEquals(DType.FLOAT32, IdxReader.header(dir.resolve("e.idx")).naturalDType());
  }

  @Test
  void writerRejectsValuesThatDoNotFit() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> IdxWriter.write(dir.resolve("x.idx"), Tensor.of(new float[] {1, 256}), IdxType.UBYTE));
    assertEquals("IdxWriter: value 256.0 at flat index 1 of a tensor of shape [2] does not fit"
        + " 0x08 ubyte (whole numbers 0..255)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> IdxWriter.write(dir.resolve("y.idx"), Tensor.of(new float[] {0.5f}), IdxType.INT));
    assertTrue(e.getMessage().startsWith("IdxWriter: value 0.5 at flat index 0"));
  }

  private static byte[] header(int type, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    var bos = new ByteArrayOutputStream();
    try (var g = new GZIPOutputStream(bos)) {
      g.write(raw);
    }
    return bos.toByteArray();
  }

  private String error(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return assertThrows(IOException.class, () -> IdxReader.read(p)).getMessage();
  }

  @Test
  void truncatedPlainFileIsRejectedBeforeAllocating() throws IOException {
    byte[] f = concat(header(0x08, 10, 28, 28), new byte[2 * 784]);
    String p = dir.resolve("train-images-idx3-ubyte").toString();
    assertEquals(p + ": truncated at byte 1584: expected 7840 bytes of data after the 16-byte"
        + " header, got 1568", error("train-images-idx3-ubyte", f));
  }

  @Test
  void truncatedGzipContentIsReportedWithTheByteOffset() throws IOException {
    byte[] f = gzip(concat(header(0x08, 10, 28, 28), new byte[2 * 784 + 5]));
    String p = dir.resolve("train-images-idx3-ubyte.gz").toString();
    assertEquals(p + ": truncated at byte 1589: expected 7840 bytes of data after the 16-byte"
        + " header, got 1573", error("train-images-idx3-ubyte.gz", f));
  }

  @Test
  void cutOffGzipFileIsReportedAsTruncated() throws IOException {
    byte[] data = new byte[7840];
    new java.util.Random(1).nextBytes(data); // incompressible, so the cut removes data
    byte[] full = gzip(concat(header(0x08, 10, 28, 28), data));
    byte[] cut = Arrays.copyOf(full, full.length / 2);
    String msg = error("cut.gz", cut);
    assertTrue(msg.startsWith(dir.resolve("cut.gz") + ": truncated at byte "), msg);
    assertTrue(msg.contains(": expected 7840 bytes of data after the 16-byte header, got "), msg);
  }

  @Test
  void corruptGzipIsAnIoErrorNamingTheFile() throws IOException {
    byte[] data = new byte[7840];
    new java.util.Random(2).nextBytes(data);
    byte[] full = gzip(concat(header(0x08, 10, 28, 28), data));
    for (int i = 20; i < 60; i++) {
      full[i] ^= (byte) 0x5A;
    }
    String msg = error("bad.gz", full);
    assertTrue(msg.startsWith(dir.resolve("bad.gz") + ": "), msg);
  }

  @Test
  void wrongMagicAndUnknownType() throws IOException {
    String p = dir.resolve("x.zip").toString();
    assertEquals(p + ": not an IDX file: bytes 0-1 are 0x50 0x4B, expected 0x00 0x00 (or a gzip"
        + " file starting with 0x1F 0x8B)", error("x.zip", new byte[] {0x50, 0x4B, 3, 4, 0, 0}));
    String q = dir.resolve("t.idx").toString();
    assertEquals(q + ": unknown IDX data type 0x0A at byte 2 (expected 0x08 ubyte, 0x09 byte,"
        + " 0x0B short, 0x0C int, 0x0D float or 0x0E double)", error("t.idx", header(0x0A, 1)));
    String r = dir.resolve("short.idx").toString();
    assertEquals(r + ": truncated at byte 2: expected the 4-byte IDX magic number",
        error("short.idx", new byte[] {0, 0}));
    String s = dir.resolve("dims.idx").toString();
    assertEquals(s + ": truncated at byte 10: expected 3 dimension sizes (12 bytes) after the"
        + " 4-byte magic number", error("dims.idx", Arrays.copyOf(header(0x08, 1, 2, 3), 10)));
  }

  @Test
  void corruptDimensions() throws IOException {
    String p = dir.resolve("neg.idx").toString();
    assertEquals(p + ": dimension 1 (bytes 8-11) is -5, expected a size >= 0",
        error("neg.idx", header(0x08, 3, -5)));
    String q = dir.resolve("huge.idx").toString();
    assertEquals(q + ": dims [65536, 65536, 1] claim more than 2147483647 elements, more than a"
        + " tensor can hold (is the header corrupt?)", error("huge.idx", header(0x08, 65536, 65536, 1)));
    // a tiny gzip file that claims a gigabyte: rejected from the compressed size, nothing allocated
    byte[] small = gzip(header(0x08, 1024, 1024, 1024));
    String r = dir.resolve("claim.gz").toString();
    assertEquals(r + ": dims [1024, 1024, 1024] claim 1073741824 bytes of data, more than a gzip"
        + " file of " + small.length + " bytes can expand to (is the header corrupt?)",
        error("claim.gz", small));
    String s = dir.resolve("tail.idx").toString();
    assertEquals(s + ": truncated at byte 12: expected 8 bytes of data after the 8-byte header,"
        + " got 4", error("tail.idx", concat(header(0x0C, 2), new byte[4])));
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    String p = dir.resolve("extra.idx").toString();
    assertEquals(p + ": unexpected data after byte 11 (the dims [3] account for 3 bytes after the"
        + " 8-byte header)", error("extra.idx", concat(header(0x08, 3), new byte[4])));
    String q = dir.resolve("extra.gz").toString();
    assertEquals(q + ": unexpected data after byte 11 (the dims [3] account for 3 bytes after the"
        + " 8-byte header)", error("extra.gz", gzip(concat(header(0x08, 3), new byte[4]))));
  }

  @Test
  void labelsMustBeOneDimensionalIntegers() throws IOException {
    Path p = dir.resolve("img.idx");
    IdxWriter.write(p, Tensor.zeros(DType.INT32, 2, 2), IdxType.UBYTE);
    var e = assertThrows(IOException.class, () -> IdxReader.readLabels(p));
    assertEquals(p + ": expected labels (a 1-d integer IDX file), got 0x08 ubyte with dims [2, 2]",
        e.getMessage());
    Path f = dir.resolve("f.idx");
    IdxWriter.write(f, Tensor.zeros(3), IdxType.FLOAT);
    var e2 = assertThrows(IOException.class, () -> IdxReader.read(f, DType.INT32));
    assertEquals(f + ": cannot read 0x0D float data as int32 (read it as float32)", e2.getMessage());
  }

  @Test
  void streamsAreReadToo() throws IOException {
    byte[] raw = gzip(concat(header(0x08, 2), new byte[] {7, 9}));
    Tensor t = IdxReader.read(new java.io.ByteArrayInputStream(raw), "mem", -1, null);
    assertEquals(DType.INT32, t.dtype());
    assertArrayEquals(new int[] {7, 9}, t.toIntArray());
  }
}
