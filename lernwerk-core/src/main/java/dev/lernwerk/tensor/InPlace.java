package dev.lernwerk.tensor;

import dev.lernwerk.kernel.BinaryFn;
import dev.lernwerk.kernel.Pointwise;
import dev.lernwerk.kernel.Reduce;
import dev.lernwerk.kernel.UnaryFn;

/** In-place updates: refuse tensors that are recorded for grad, bump the storage version. */
final class InPlace {
  private InPlace() {}

  private static void checkFloat(String op, Tensor t) {
    if (t.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(op + ": expected a float32 tensor, got " + t.dtype().label());
    }
  }

  /**
   * {@code src} itself, or a copy of it when it reads the storage being written through another
   * layout (e.g. {@code x.add_(x.t())}, {@code x.narrow(0, 1, n).copy_(x.narrow(0, 0, n))}), where
   * writing element by element would read values already overwritten.
   */
  private static Tensor unaliased(Tensor self, Tensor src) {
    if (src.storage() != self.storage()
        || (src.offset() == self.offset()
            && java.util.Arrays.equals(src.shape(), self.shape())
            && java.util.Arrays.equals(src.strides(), self.strides()))) {
      return src;
    }
    return src.detach().clone();
  }

  static Tensor binary(String op, Tensor self, Tensor other, BinaryFn f) {
    self.checkInPlace(op);
    checkFloat(op, self);
    other = unaliased(self, other);
    if (self.isContiguous() && self.offset() == 0) {
      // the output is the storage itself: element i is read before it is written
      Tensor o = other.dtype() == DType.FLOAT32 ? other : other.toFloat();
      int[] shape = self.shape();
      int[] os = Shape.broadcastStrides(op, o.shape(), o.strides(), shape);
      float[] dst = self.storage().floats();
      Pointwise.binary(f, shape, dst, 0, self.strides(), o.storage().floats(), o.offset(), os, dst);
      self.storage().bumpVersion();
      return self;
    }
    return binaryGeneral(op, self, other, f);
  }

  static Tensor axpy(String op, Tensor self, Tensor other, float alpha) {
    self.checkInPlace(op);
    checkFloat(op, self);
    checkFloat(op, other);
    other = unaliased(self, other);
    if (self.isContiguous() && other.isContiguous()
        && java.util.Arrays.equals(self.shape(), other.shape())) {
      Reduce.axpy(alpha, other.storage().floats(), other.offset(), self.storage().floats(),
          self.offset(), self.numel());
      self.storage().bumpVersion();
      return self;
    }
    return binaryGeneral(op, self, other.mul(alpha), BinaryFn.ADD);
  }

  static Tensor binaryGeneral(String op, Tensor self, Tensor other, BinaryFn f) {
    int[] shape = self.shape();
    Tensor o = other.dtype() == DType.FLOAT32 ? other : other.toFloat();
    int[] os = Shape.broadcastStrides(op, o.shape(), o.strides(), shape);
    float[] out = new float[self.numel()];
    Pointwise.binary(f, shape, self.storage().floats(), self.offset(), self.strides(),
        o.storage().floats(), o.offset(), os, out);
    Pointwise.copy(shape, out, 0, Shape.contiguousStrides(shape), self.storage().floats(),
        self.offset(), self.strides());
    self.storage().bumpVersion();
    return self;
  }

  static Tensor affine(String op, Tensor self, float mul, float add) {
    return unary(op, self, UnaryFn.AFFINE, mul, add);
  }

  static Tensor unary(String op, Tensor self, UnaryFn f, float p, float q) {
    self.checkInPlace(op);
    checkFloat(op, self);
    int[] shape = self.shape();
    float[] dst = self.storage().floats();
    if (self.isContiguous() && self.offset() == 0) {
      Pointwise.unary(f, shape, dst, 0, self.strides(), dst, p, q);
    } else {
      float[] out = new float[self.numel()];
      Pointwise.unary(f, shape, dst, self.offset(), self.strides(), out, p, q);
      Pointwise.copy(shape, out, 0, Shape.contiguousStrides(shape), dst, self.offset(),
          self.strides());
    }
    self.storage().bumpVersion();
    return self;
  }

  static Tensor copy(String op, Tensor self, Tensor src) {
    self.checkInPlace(op);
    int[] shape = self.shape();
    Tensor s = src.dtype() == self.dtype() ? unaliased(self, src) : src.to(self.dtype());
    int[] ss = Shape.broadcastStrides(op, s.shape(), s.strides(), shape);
    if (self.dtype() == DType.FLOAT32) {
      Pointwise.copy(shape, s.storage().floats(), s.offset(), ss, self.storage().floats(),
          self.offset(), self.strides());
    } else {
      Pointwise.copy(shape, s.storage().ints(), s.offset(), ss, self.storage().ints(),
          self.offset(), self.strides());
    }
    self.storage().bumpVersion();
    return self;
  }

  static Tensor fill(String op, Tensor self, float value) {
    self.checkInPlace(op);
    if (self.dtype() == DType.FLOAT32) {
      return copy(op, self, Tensor.scalar(value));
    }
    return copy(op, self, Tensor.wrapInts(self.dtype(), new int[] {(int) value}));
  }
}
