package dev.lernwerk.data.idx;

/**
 * The element types of the IDX format (the third byte of the magic number). Values are stored
 * big-endian.
 */
public enum IdxType {
  /** 0x08: unsigned byte, 0..255 (MNIST pixels and labels). */
  UBYTE(0x08, 1),
  /** 0x09: signed byte. */
  BYTE(0x09, 1),
  /** 0x0B: signed 16-bit integer. */
  SHORT(0x0B, 2),
  /** 0x0C: signed 32-bit integer. */
  INT(0x0C, 4),
  /** 0x0D: 32-bit IEEE float. */
  FLOAT(0x0D, 4),
  /** 0x0E: 64-bit IEEE float (read as float32). */
  DOUBLE(0x0E, 8);

  private final int code;
  private final int bytes;

  IdxType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** The type code in the magic number. */
  public int code() {
    return code;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** True for the integer types (read as int32). */
  public boolean isInteger() {
    return this != FLOAT && this != DOUBLE;
  }

  /** The type with this code, or null. */
  public static IdxType ofCode(int code) {
    for (IdxType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  /** {@code 0x08 ubyte} style name used in messages. */
  public String label() {
    return String.format("0x%02X %s", code, name().toLowerCase(java.util.Locale.ROOT));
  }
}
