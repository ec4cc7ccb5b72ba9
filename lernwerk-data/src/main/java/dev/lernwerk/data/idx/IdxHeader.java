package dev.lernwerk.data.idx;

import java.util.Arrays;

/**
 * The header of an IDX file: element type and dimension sizes.
 *
 * @param type the element type
 * @param dims the size of each dimension (the tensor's shape)
 */
public record IdxHeader(IdxType type, int[] dims) {
  /** Copies the dims. */
  public IdxHeader {
    dims = dims.clone();
  }

  /** A copy of the dims. */
  @Override
  public int[] dims() {
    return dims.clone();
  }

  /**
   * The dtype {@link IdxReader#read(java.nio.file.Path)} gives this file: float32 for float and
   * double data and for 8/16-bit integer data of 2 or more dims (images: exact in float32); int32
   * for 1-d integer data (labels) and for 32-bit integers (which float32 cannot hold exactly).
   */
  public dev.lernwerk.tensor.DType naturalDType() {
    boolean small = type == IdxType.UBYTE || type == IdxType.BYTE || type == IdxType.SHORT;
    return !type.isInteger() || (small && dims.length >= 2)
        ? dev.lernwerk.tensor.DType.FLOAT32
        : dev.lernwerk.tensor.DType.INT32;
  }

  /** Bytes of the header: 4 for the magic number plus 4 per dimension. */
  public int headerBytes() {
    return 4 + 4 * dims.length;
  }

  /** Number of elements (product of the dims). */
  public long elements() {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** Bytes of data after the header. */
  public long dataBytes() {
    return elements() * type.bytes();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdxHeader h && h.type == type && Arrays.equals(h.dims, dims);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return "IdxHeader(" + type.label() + ", " + Arrays.toString(dims) + ")";
  }
}
