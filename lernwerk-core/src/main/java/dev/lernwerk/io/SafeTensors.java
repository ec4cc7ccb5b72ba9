package dev.lernwerk.io;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * so weights move to and from PyTorch and other tools.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON
 * mapping each tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin,
 * end]}} (offsets relative to the data section) plus an optional {@code "__metadata__"} object of
 * string values; then the data section, every tensor little-endian and row-major.
 *
 * <pre>{@code
 * SafeTensors.save(Path.of("model.safetensors"), model.stateDict(), Map.of("epoch", "10"));
 * LinkedHashMap<String, Tensor> state = SafeTensors.load(Path.of("model.safetensors"));
 * }</pre>
 *
 * <p>Writing goes to a temporary file in the same folder that is then renamed over the target, so a
 * crash never leaves a half-written file. Reading checks every number in the header against the
 * file size before allocating anything, executes nothing, and fails with an {@link IOException}
 * naming the file, the problem and (for syntax errors) the byte offset. F32, I32 and BOOL load as
 * they are; F16, BF16 and F64 load as float32; I64, I16, I8, U8 and U16 load as int32 (an I64 value
 * outside the int range is an error).
 */
public final class SafeTensors {
  /** Largest header accepted when reading (the reference implementation uses the same bound). */
  public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private static final String METADATA_KEY = "__metadata__";
  private static final int CHUNK = 1 << 20;

  private SafeTensors() {}

  /** One tensor's entry in the header. */
  public record Entry(String name, String dtype, int[] shape, long begin, long end) {}

  /** The parsed header: entries in file (data offset) order and the metadata. */
  public record Header(List<Entry> entries, Map<String, String> metadata) {}

  /** Tensors in file order and the file's metadata (empty when it has none). */
  public record Contents(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {}

  // ------------------------------------------------------------------ writing

  /** Saves tensors without metadata; see {@link #save(Path, Map, Map)}. */
  public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
    save(path, tensors, Map.of());
  }

  /**
   * Writes {@code tensors} (in the map's iteration order) and {@code metadata} to {@code path}
   * atomically: the data goes to a temporary file in the same folder, which then replaces {@code
   * path} in one rename. float32 tensors are stored as F32, int32 as I32, bool as BOOL.
   *
   * @throws IllegalArgumentException for an empty or reserved name ({@code __metadata__})
   */
  public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    byte[] header = headerBytes(tensors, metadata);
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        buf.flip();
        writeFully(ch, buf);
        writeFully(ch, ByteBuffer.wrap(header));
        for (Tensor t : tensors.values()) {
          writeData(ch, t, buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** The JSON header, padded with spaces so the data section starts 8-byte aligned. */
  static byte[] headerBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    if (!metadata.isEmpty()) {
      HeaderJson.writeString(sb, METADATA_KEY);
      sb.append(":{");
      for (var e : metadata.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        HeaderJson.writeString(sb, checkText("metadata key", e.getKey()));
        sb.append(':');
        HeaderJson.writeString(sb, checkText("metadata value", e.getValue()));
      }
      sb.append('}');
      first = false;
    }
    long offset = 0;
    for (var e : tensors.entrySet()) {
      String name = e.getKey();
      Tensor t = e.getValue();
      if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
        throw new IllegalArgumentException(
            "SafeTensors.save: invalid tensor name '" + name + "' (names must be non-empty and not "
                + METADATA_KEY + ")");
      }
      checkText("tensor name", name);
      long bytes = (long) t.numel() * itemSize(t.dtype());
      if (!first) {
        sb.append(',');
      }
      first = false;
      HeaderJson.writeString(sb, name);
      sb.append(":{\"dtype\":\"").append(dtypeName(t.dtype())).append("\",\"shape\":[");
      int[] s = t.shape();
      for (int i = 0; i < s.length; i++) {
        sb.append(i == 0 ? "" : ",").append(s[i]);
      }
      sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes)
          .append("]}");
      offset += bytes;
    }
    sb.append('}');
    byte[] raw = sb.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (raw.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    System.arraycopy(raw, 0, out, 0, raw.length);
    for (int i = raw.length; i < padded; i++) {
      out[i] = ' ';
    }
    return out;
  }

  private static String checkText(String what, String s) {
    if (s == null) {
      throw new IllegalArgumentException("SafeTensors.save: " + what + " must not be null");
    }
    try {
      StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(java.nio.CharBuffer.wrap(s));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "SafeTensors.save: " + what + " '" + s + "' is not valid Unicode (unpaired surrogate)");
    }
    return s;
  }

  private static String dtypeName(DType d) {
    return switch (d) {
      case FLOAT32 -> "F32";
      case INT32 -> "I32";
      case BOOL -> "BOOL";
    };
  }

  private static int itemSize(DType d) {
    return d == DType.BOOL ? 1 : 4;
  }

  private static void writeData(FileChannel ch, Tensor t, ByteBuffer buf) throws IOException {
    Tensor c = t.detach().contiguous();
    int n = c.numel();
    int off = c.offset();
    buf.clear();
    if (c.dtype() == DType.FLOAT32) {
      float[] a = c.storage().floats();
      for (int i = 0; i < n; ) {
        int k = Math.min(n - i, CHUNK / 4);
        buf.clear();
        buf.asFloatBuffer().put(a, off + i, k);
        buf.limit(k * 4);
        writeFully(ch, buf);
        i += k;
      }
    } else if (c.dtype() == DType.INT32) {
      int[] a = c.storage().ints();
      for (int i = 0; i < n; ) {
        int k = Math.min(n - i, CHUNK / 4);
        buf.clear();
        buf.asIntBuffer().put(a, off + i, k);
        buf.limit(k * 4);
        writeFully(ch, buf);
        i += k;
      }
    } else {
      int[] a = c.storage().ints();
      for (int i = 0; i < n; ) {
        int k = Math.min(n - i, CHUNK);
        buf.clear();
        for (int j = 0; j < k; j++) {
          buf.put((byte) (a[off + i + j] != 0 ? 1 : 0));
        }
        buf.flip();
        writeFully(ch, buf);
        i += k;
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  // ------------------------------------------------------------------ reading

  /** Loads every tensor, in file order. */
  public static LinkedHashMap<String, Tensor> load(Path path) throws IOException {
    return read(path).tensors();
  }

  /** Only the metadata ({@code "__metadata__"}), without reading tensor data. */
  public static Map<String, String> metadata(Path path) throws IOException {
    return header(path).metadata();
  }

  /** The validated header (names, dtypes, shapes, offsets, metadata) without reading tensor data. */
  public static Header header(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return readHeader(path, ch).header;
    }
  }

  /** Loads every tensor (in file order) and the metadata. */
  public static Contents read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      Parsed p = readHeader(path, ch);
      LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
      ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (Entry e : p.header.entries()) {
        out.put(e.name(), readTensor(path, ch, p.dataStart, e, buf));
      }
      return new Contents(out, p.header.metadata());
    }
  }

  private record Parsed(Header header, long dataStart) {}

  private static IOException fail(Path path, String message) {
    return new IOException(path + ": " + message);
  }

  private static Parsed readHeader(Path path, FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 8) {
      throw fail(path, "not a safetensors file: " + size
          + " bytes is too short for the 8-byte header length");
    }
    ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(path, ch, lenBuf, 0);
    long n = lenBuf.getLong(0);
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw fail(path, "header length " + Long.toUnsignedString(n) + " (bytes 0-7) exceeds the limit of "
          + MAX_HEADER_BYTES + " bytes");
    }
    if (n > size - 8) {
      throw fail(path, "header length " + n + " (bytes 0-7) exceeds the " + (size - 8)
          + " bytes after the length field; the file is truncated or not safetensors");
    }
    if (n < 2) {
      throw fail(path, "header length " + n + " is too small for a JSON object");
    }
    byte[] hb = new byte[(int) n];
    readFully(path, ch, ByteBuffer.wrap(hb), 8);
    if (hb[0] != '{') {
      throw fail(path, "header must start with '{' at byte 8, got byte 0x"
          + String.format("%02X", hb[0] & 0xFF));
    }
    Object root;
    try {
      root = HeaderJson.parse(hb, hb.length);
    } catch (HeaderJson.SyntaxError e) {
      throw fail(path, "bad header JSON at byte " + (8 + e.position) + ": " + e.getMessage());
    }
    long dataStart = 8 + n;
    long dataSize = size - dataStart;
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) root; // hb[0] == '{' so the root is an object
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (var kv : top.entrySet()) {
      String name = kv.getKey();
      if (name.equals(METADATA_KEY)) {
        if (!(kv.getValue() instanceof Map<?, ?> m)) {
          throw fail(path, "header: \"" + METADATA_KEY + "\" must be an object of strings");
        }
        for (var me : m.entrySet()) {
          if (!(me.getValue() instanceof String s)) {
            throw fail(path, "header: metadata value of \"" + me.getKey()
                + "\" must be a string, got " + me.getValue());
          }
          metadata.put((String) me.getKey(), s);
        }
        continue;
      }
      entries.add(entry(path, name, kv.getValue(), dataSize));
    }
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expect = 0;
    for (Entry e : byOffset) {
      if (e.begin() < expect) {
        throw fail(path, "tensor '" + e.name() + "' data [" + e.begin() + ", " + e.end()
            + ") overlaps the previous tensor, which ends at " + expect);
      }
      if (e.begin() > expect) {
        throw fail(path, "tensor '" + e.name() + "' starts at data offset " + e.begin()
            + " but the previous tensor ends at " + expect
            + " (the data section must not have holes)");
      }
      expect = e.end();
    }
    if (expect != dataSize) {
      throw fail(path, "the tensors cover " + expect + " bytes of data, but the data section (from byte "
          + dataStart + ") has " + dataSize + " bytes");
    }
    return new Parsed(new Header(Collections.unmodifiableList(byOffset),
        Collections.unmodifiableMap(metadata)), dataStart);
  }

  private static Entry entry(Path path, String name, Object v, long dataSize) throws IOException {
    String where = "header: tensor '" + name + "'";
    if (!(v instanceof Map<?, ?> m)) {
      throw fail(path, where + " must be an object with dtype, shape and data_offsets");
    }
    for (Object k : m.keySet()) {
      if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
        throw fail(path, where + " has an unknown field \"" + k + "\"");
      }
    }
    if (!(m.get("dtype") instanceof String dtype)) {
      throw fail(path, where + ": \"dtype\" must be a string, got " + m.get("dtype"));
    }
    int item = switch (dtype) {
      case "F32", "I32" -> 4;
      case "F64", "I64" -> 8;
      case "F16", "BF16", "I16", "U16" -> 2;
      case "BOOL", "I8", "U8" -> 1;
      default -> throw fail(path, where + " has unsupported dtype \"" + dtype
          + "\" (supported: F32, F16, BF16, F64, I32, I64, I16, I8, U16, U8, BOOL)");
    };
    if (!(m.get("shape") instanceof List<?> shapeList)) {
      throw fail(path, where + ": \"shape\" must be an array of integers, got " + m.get("shape"));
    }
    int[] shape = new int[shapeList.size()];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      Object d = shapeList.get(i);
      if (!(d instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
        throw fail(path, where + ": shape entry " + i + " must be an integer in [0, "
            + Integer.MAX_VALUE + "], got " + d);
      }
      shape[i] = (int) (long) l;
      numel = numel > Integer.MAX_VALUE ? numel : numel * l;
    }
    if (numel > Integer.MAX_VALUE) {
      throw fail(path, where + ": shape " + Shape.str(shape) + " has more than "
          + Integer.MAX_VALUE + " elements, which a Java array cannot hold");
    }
    if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2
        || !(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
      throw fail(path, where + ": \"data_offsets\" must be [begin, end], got " + m.get("data_offsets"));
    }
    if (begin < 0 || end < begin) {
      throw fail(path, where + ": data_offsets [" + begin + ", " + end
          + "] must satisfy 0 <= begin <= end");
    }
    if (end > dataSize) {
      throw fail(path, where + ": data_offsets [" + begin + ", " + end
          + "] reach past the end of the data section (" + dataSize + " bytes)");
    }
    if (end - begin != numel * item) {
      throw fail(path, where + ": data_offsets [" + begin + ", " + end + "] span " + (end - begin)
          + " bytes, but " + dtype + " " + Shape.str(shape) + " needs " + numel * item);
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static void readFully(Path path, FileChannel ch, ByteBuffer dst, long position)
      throws IOException {
    long p = position;
    while (dst.hasRemaining()) {
      int r = ch.read(dst, p);
      if (r < 0) {
        throw fail(path, "unexpected end of file at byte " + p);
      }
      p += r;
    }
  }

  private static Tensor readTensor(Path path, FileChannel ch, long dataStart, Entry e,
      ByteBuffer buf) throws IOException {
    int n = Shape.numel(e.shape());
    int item = (int) ((e.end() - e.begin()) / Math.max(n, 1));
    boolean toFloat = switch (e.dtype()) {
      case "F32", "F16", "BF16", "F64" -> true;
      default -> false;
    };
    float[] f = toFloat ? new float[n] : null;
    int[] iv = toFloat ? null : new int[n];
    long pos = dataStart + e.begin();
    int perChunk = CHUNK / Math.max(item, 1);
    for (int i = 0; i < n; ) {
      int k = Math.min(n - i, perChunk);
      buf.clear();
      buf.limit(k * item);
      readFully(path, ch, buf, pos);
      buf.flip();
      switch (e.dtype()) {
        case "F32" -> buf.asFloatBuffer().get(f, i, k);
        case "I32" -> buf.asIntBuffer().get(iv, i, k);
        case "F64" -> {
          for (int j = 0; j < k; j++) {
            f[i + j] = (float) buf.getDouble(j * 8);
          }
        }
        case "F16" -> {
          for (int j = 0; j < k; j++) {
            f[i + j] = Float.float16ToFloat(buf.getShort(j * 2));
          }
        }
        case "BF16" -> {
          for (int j = 0; j < k; j++) {
            f[i + j] = Float.intBitsToFloat((buf.getShort(j * 2) & 0xFFFF) << 16);
          }
        }
        case "I64" -> {
          for (int j = 0; j < k; j++) {
            long v = buf.getLong(j * 8);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
              throw fail(path, "tensor '" + e.name() + "': I64 value " + v + " at byte "
                  + (pos + j * 8L) + " does not fit in int32");
            }
            iv[i + j] = (int) v;
          }
        }
        case "I16" -> {
          for (int j = 0; j < k; j++) {
            iv[i + j] = buf.getShort(j * 2);
          }
        }
        case "U16" -> {
          for (int j = 0; j < k; j++) {
            iv[i + j] = buf.getShort(j * 2) & 0xFFFF;
          }
        }
        case "I8" -> {
          for (int j = 0; j < k; j++) {
            iv[i + j] = buf.get(j);
          }
        }
        case "U8" -> {
          for (int j = 0; j < k; j++) {
            iv[i + j] = buf.get(j) & 0xFF;
          }
        }
        case "BOOL" -> {
          for (int j = 0; j < k; j++) {
            byte v = buf.get(j);
            if (v != 0 && v != 1) {
              throw fail(path, "tensor '" + e.name() + "': BOOL byte at " + (pos + j)
                  + " is " + (v & 0xFF) + ", expected 0 or 1");
            }
            iv[i + j] = v;
          }
        }
        default -> throw new AssertionError(e.dtype());
      }
      pos += (long) k * item;
      i += k;
    }
    if (toFloat) {
      return Tensor.wrap(f, e.shape());
    }
    return Tensor.wrapInts(e.dtype().equals("BOOL") ? DType.BOOL : DType.INT32, iv, e.shape());
  }
}
