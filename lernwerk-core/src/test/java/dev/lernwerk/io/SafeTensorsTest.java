package dev.lernwerk.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  /** Writes length + header + data, with the header length given explicitly. */
  private Path raw(String name, long headerLength, String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLength).put(h).put(data);
    Path p = dir.resolve(name);
    Files.write(p, b.array());
    return p;
  }

  private Path raw(String name, String header, byte[] data) throws IOException {
    return raw(name, header.getBytes(StandardCharsets.UTF_8).length, header, data);
  }

  private static byte[] floatsLE(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  private String loadError(Path p) {
    return assertThrows(IOException.class, () -> SafeTensors.load(p)).getMessage();
  }

  @Test
  void roundTripKeepsValuesDtypesOrderAndMetadata() throws IOException {
    var gen = new Generator(3);
    Tensor w = Tensor.randn(gen, 3, 4);
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("layer.weight", w);
    m.put("transposed", w.t()); // non-contiguous view
    m.put("labels", Tensor.ofInts(new int[] {3, -1, 7, Integer.MAX_VALUE}));
    m.put("mask", Tensor.ofBools(new boolean[] {true, false, true}));
    m.put("count", Tensor.wrapInts(new int[] {5})); // 1-d, one element
    m.put("scalar", Tensor.scalar(2.5f));
    m.put("empty", Tensor.zeros(0, 3));
    m.put("ünïcode \"name\"", Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0f}));
    Path p = dir.resolve("m.safetensors");
    SafeTensors.save(p, m, Map.of("epoch", "10", "note", "a \"quoted\"\nline"));
    var c = SafeTensors.read(p);
    assertEquals(List.copyOf(m.keySet()), List.copyOf(c.tensors().keySet()));
    for (var e : m.entrySet()) {
      Tensor got = c.tensors().get(e.getKey());
      assertEquals(e.getValue().dtype(), got.dtype(), e.getKey());
      assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
      assertArrayEquals(e.getValue().toFloatArray(), got.toFloatArray(), e.getKey());
    }
    assertEquals("10", c.metadata().get("epoch"));
    assertEquals("a \"quoted\"\nline", SafeTensors.metadata(p).get("note"));
    assertEquals(m.size(), SafeTensors.header(p).entries().size());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary files left behind");
    }
  }

  @Test
  void byteExactAgainstTheFormatSpec() throws IOException {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("a", Tensor.of(new float[] {1f, -2f}));
    m.put("b", Tensor.wrapInts(new int[] {7}, new int[0]));
    m.put("c", Tensor.ofBools(new boolean[] {true, false}));
    Path p = dir.resolve("x.safetensors");
    SafeTensors.save(p, m, Map.of("k", "v"));

    String json = "{\"__metadata__\":{\"k\":\"v\"},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[8,12]},"
        + "\"c\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[12,14]}}";
    int n = json.length();
    int padded = (n + 7) / 8 * 8; // the header is space-padded so the data starts 8-byte aligned
    byte[] expect = new byte[8 + padded + 14];
    long len = padded;
    for (int i = 0; i < 8; i++) {
      expect[i] = (byte) (len >>> (8 * i)); // u64 little-endian
    }
    byte[] jb = json.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(jb, 0, expect, 8, n);
    for (int i = n; i < padded; i++) {
      expect[8 + i] = ' ';
    }
    int d = 8 + padded;
    byte[] data = {
      0x00, 0x00, (byte) 0x80, 0x3F, // 1.0f
      0x00, 0x00, 0x00, (byte) 0xC0, // -2.0f
      0x07, 0x00, 0x00, 0x00, // 7
      0x01, 0x00 // true, false
    };
    System.arraycopy(data, 0, expect, d, data.length);
    assertArrayEquals(expect, Files.readAllBytes(p));
  }

  /** Bytes written by the reference implementation (Python safetensors 0.8.0, safetensors.numpy.save). */
  private static final String REFERENCE_ABC =
      "c0000000000000007b225f5f6d657461646174615f5f223a7b226b223a2276227d2c2261223a7b2264747970"
          + "65223a22463332222c227368617065223a5b325d2c22646174615f6f666673657473223a5b302c385d7d2c"
          + "2262223a7b226474797065223a22493332222c227368617065223a5b5d2c22646174615f6f666673657473"
          + "223a5b382c31325d7d2c2263223a7b226474797065223a22424f4f4c222c227368617065223a5b325d2c22"
          + "646174615f6f666673657473223a5b31322c31345d7d7d202020200000803f000000c0070000000100";

  /** {"steps": int64 3, "weight": float32 [[1, -2], [0.5, 4]], "half": float16 [0.25]}, same writer. */
  private static final String REFERENCE_MIXED =
      "d0000000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c227374"
          + "657073223a7b226474797065223a22493634222c227368617065223a5b5d2c22646174615f6f66667365"
          + "7473223a5b302c385d7d2c22776569676874223a7b226474797065223a22463332222c22736861706522"
          + "3a5b322c325d2c22646174615f6f666673657473223a5b382c32345d7d2c2268616c66223a7b22647479"
          + "7065223a22463136222c227368617065223a5b315d2c22646174615f6f666673657473223a5b32342c32"
          + "365d7d7d2003000000000000000000803f000000c00000003f000080400034";

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h);
  }

  @Test
  void writesTheSameBytesAsTheReferenceImplementation() throws IOException {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("a", Tensor.of(new float[] {1f, -2f}));
    m.put("b", Tensor.wrapInts(new int[] {7}, new int[0]));
    m.put("c", Tensor.ofBools(new boolean[] {true, false}));
    Path p = dir.resolve("abc.safetensors");
    SafeTensors.save(p, m, Map.of("k", "v"));
    assertArrayEquals(hex(REFERENCE_ABC), Files.readAllBytes(p));
  }

  @Test
  void readsFilesWrittenByTheReferenceImplementation() throws IOException {
    Path p = dir.resolve("ref.safetensors");
    Files.write(p, hex(REFERENCE_MIXED));
    var c = SafeTensors.read(p);
    assertEquals(List.of("steps", "weight", "half"), List.copyOf(c.tensors().keySet()));
    assertEquals(DType.INT32, c.tensors().get("steps").dtype());
    assertEquals(3, c.tensors().get("steps").getInt());
    assertArrayEquals(new int[] {2, 2}, c.tensors().get("weight").shape());
    assertArrayEquals(new float[] {1f, -2f, 0.5f, 4f}, c.tensors().get("weight").toFloatArray());
    assertArrayEquals(new float[] {0.25f}, c.tensors().get("half").toFloatArray());
    assertEquals(Map.of("format", "pt"), c.metadata());
  }

  @Test
  void readsHandWrittenFileWithHalfPrecisionAndWideTypes() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2 * 2 + 2 * 2 + 8 * 2 + 8 * 2 + 1 + 1 + 2)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f)); // F16
    b.putShort((short) (Float.floatToIntBits(3f) >>> 16))
        .putShort((short) (Float.floatToIntBits(-1f) >>> 16)); // BF16
    b.putDouble(0.1).putDouble(-1e30); // F64
    b.putLong(-5).putLong(Integer.MAX_VALUE); // I64
    b.put((byte) -3).put((byte) 200); // I8, U8
    b.putShort((short) -300); // I16
    String h = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
        + "\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]},"
        + "\"l\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[24,40]},"
        + "\"i8\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[40,41]},"
        + "\"u8\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[41,42]},"
        + "\"i16\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[42,44]}}";
    var t = SafeTensors.load(raw("h.safetensors", h, b.array()));
    assertArrayEquals(new float[] {1.5f, -0.25f}, t.get("h").toFloatArray());
    assertArrayEquals(new float[] {3f, -1f}, t.get("bf").toFloatArray());
    assertArrayEquals(new float[] {0.1f, -1e30f}, t.get("d").toFloatArray());
    assertEquals(DType.INT32, t.get("l").dtype());
    assertArrayEquals(new int[] {-5, Integer.MAX_VALUE}, t.get("l").toIntArray());
    assertArrayEquals(new int[] {-3}, t.get("i8").toIntArray());
    assertArrayEquals(new int[] {200}, t.get("u8").toIntArray());
    assertArrayEquals(new int[] {-300}, t.get("i16").toIntArray());
  }

  @Test
  void fileOrderFollowsDataOffsets() throws IOException {
    String h = "{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
        + "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    var t = SafeTensors.load(raw("o.safetensors", h, floatsLE(1f, 2f)));
    assertEquals(List.of("first", "second"), List.copyOf(t.keySet()));
    assertEquals(2f, t.get("second").item());
  }

  @Test
  void i64OutOfIntRangeIsAnError() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
    String h = "{\"l\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    Path p = raw("l.safetensors", h, b.array());
    String msg = loadError(p);
    assertTrue(msg.contains("I64 value 1099511627776") && msg.contains("int32"), msg);
    assertTrue(msg.startsWith(p.toString()), msg);
  }

  @Test
  void truncatedFileIsRefused() throws IOException {
    Path p = dir.resolve("t.safetensors");
    SafeTensors.save(p, Map.of("w", Tensor.ones(10)));
    byte[] all = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(all, all.length - 3));
    String msg = loadError(p);
    assertTrue(msg.contains("'w'") && msg.contains("past the end of the data section"), msg);

    Files.write(p, java.util.Arrays.copyOf(all, 5));
    msg = loadError(p);
    assertTrue(msg.contains("5 bytes is too short"), msg);

    Files.write(p, java.util.Arrays.copyOf(all, 30)); // cut inside the header
    msg = loadError(p);
    assertTrue(msg.contains("exceeds the 22 bytes after the length field"), msg);
  }

  @Test
  void lyingLengthsAreRefusedBeforeAllocating() throws IOException {
    String h = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    String msg = loadError(raw("big.safetensors", Long.MAX_VALUE, h, floatsLE(1f)));
    assertTrue(msg.contains("exceeds the limit"), msg);
    msg = loadError(raw("neg.safetensors", -1L, h, floatsLE(1f)));
    assertTrue(msg.contains("18446744073709551615") && msg.contains("exceeds the limit"), msg);
    // a shape that claims billions of elements while the file has 4 bytes
    String huge = "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,4]}}";
    msg = loadError(raw("huge.safetensors", huge, floatsLE(1f)));
    assertTrue(msg.contains("more than 2147483647 elements"), msg);
    String wrong = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}";
    msg = loadError(raw("wrong.safetensors", wrong, floatsLE(1f)));
    assertTrue(msg.contains("span 4 bytes, but F32 [2] needs 8"), msg);
    String past = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    msg = loadError(raw("past.safetensors", past, floatsLE(1f)));
    assertTrue(msg.contains("past the end of the data section (4 bytes)"), msg);
    String backwards = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}";
    msg = loadError(raw("back.safetensors", backwards, floatsLE(1f)));
    assertTrue(msg.contains("0 <= begin <= end"), msg);
    String extra = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    msg = loadError(raw("extra.safetensors", extra, floatsLE(1f, 2f)));
    assertTrue(msg.contains("cover 4 bytes") && msg.contains("has 8 bytes"), msg);
  }

  @Test
  void overlapsAndHolesAreRefused() throws IOException {
    String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    String msg = loadError(raw("ov.safetensors", overlap, floatsLE(1, 2, 3)));
    assertTrue(msg.contains("'b'") && msg.contains("overlaps"), msg);
    String hole = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
    msg = loadError(raw("hole.safetensors", hole, floatsLE(1, 2, 3)));
    assertTrue(msg.contains("holes"), msg);
  }

  @Test
  void badJsonNamesTheByteOffset() throws IOException {
    // the '{' where ':' belongs is at header position 5, i.e. file byte 13
    String msg = loadError(raw("j1.safetensors", "{\"w\" {}}", new byte[0]));
    assertTrue(msg.contains("at byte 13") && msg.contains("expected ':'"), msg);
    msg = loadError(raw("j2.safetensors", "{\"a\":1,}", new byte[0]));
    assertTrue(msg.contains("at byte 15") && msg.contains("string key"), msg);
    msg = loadError(raw("j3.safetensors", "{\"a\":{},\"a\":{}}", new byte[0]));
    assertTrue(msg.contains("duplicate key \"a\""), msg);
    msg = loadError(raw("j4.safetensors", "{\"a\":[1,2", new byte[0]));
    assertTrue(msg.contains("end of header"), msg);
    msg = loadError(raw("j5.safetensors", "{\"a\":\"x\ty\"}", new byte[0]));
    assertTrue(msg.contains("control character"), msg);
    msg = loadError(raw("j6.safetensors", "{\"a\":01}", new byte[0]));
    assertTrue(msg.contains("leading zeros"), msg);
    msg = loadError(raw("j7.safetensors", "{} x", new byte[0]));
    assertTrue(msg.contains("after the end"), msg);
    msg = loadError(raw("j8.safetensors", "[1]", new byte[0]));
    assertTrue(msg.contains("must start with '{' at byte 8"), msg);
    msg = loadError(raw("j9.safetensors", "{\"a\":" + "[".repeat(10000) + "]".repeat(10000) + "}",
        new byte[0]));
    assertTrue(msg.contains("nesting deeper"), msg);
    msg = loadError(raw("j10.safetensors", "{\"a\":tru}", new byte[0]));
    assertTrue(msg.contains("expected 'true'"), msg);
  }

  @Test
  void badEntriesAreRefused() throws IOException {
    String msg = loadError(raw("d.safetensors",
        "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]));
    assertTrue(msg.contains("unsupported dtype \"F8_E4M3\""), msg);
    msg = loadError(raw("s.safetensors",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]));
    assertTrue(msg.contains("shape entry 0"), msg);
    msg = loadError(raw("f.safetensors",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4]));
    assertTrue(msg.contains("shape entry 0"), msg);
    msg = loadError(raw("m.safetensors", "{\"__metadata__\":{\"a\":1}}", new byte[0]));
    assertTrue(msg.contains("must be a string"), msg);
    msg = loadError(raw("u.safetensors",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", new byte[4]));
    assertTrue(msg.contains("unknown field \"x\""), msg);
    msg = loadError(raw("b.safetensors",
        "{\"w\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] {1, 2}));
    assertTrue(msg.contains("BOOL byte at") && msg.contains("is 2"), msg);
  }

  @Test
  void emptyAndPaddedHeadersAreValid() throws IOException {
    assertTrue(SafeTensors.load(raw("e.safetensors", "{}", new byte[0])).isEmpty());
    var t = SafeTensors.load(raw("p.safetensors",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}      ", floatsLE(4f)));
    assertEquals(4f, t.get("w").item());
  }

  @Test
  void failedSaveLeavesTheOldFileAlone() throws IOException {
    Path p = dir.resolve("keep.safetensors");
    SafeTensors.save(p, Map.of("w", Tensor.ones(2)));
    byte[] before = Files.readAllBytes(p);
    assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.save(p, Map.of("__metadata__", Tensor.ones(2))));
    assertArrayEquals(before, Files.readAllBytes(p));
    SafeTensors.save(p, Map.of("w", Tensor.full(3f, 2)));
    assertArrayEquals(new float[] {3f, 3f}, SafeTensors.load(p).get("w").toFloatArray());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void largeTensorCrossesChunkBoundaries() throws IOException {
    Tensor big = Tensor.randn(new Generator(9), 700, 1000); // 2.8 MB, several 1 MB chunks
    Path p = dir.resolve("big.safetensors");
    SafeTensors.save(p, Map.of("big", big));
    assertArrayEquals(big.toFloatArray(), SafeTensors.load(p).get("big").toFloatArray());
  }
}
