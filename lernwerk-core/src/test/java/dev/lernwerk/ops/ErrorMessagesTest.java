package dev.lernwerk.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The text of user-facing errors: the op, both shapes, the dim and size, and a hint. */
class ErrorMessagesTest {
  private static final Tensor A = Tensor.zeros(2, 3);

  private static void message(Class<? extends Throwable> type, String expected, Executable op) {
    assertEquals(expected, assertThrows(type, op).getMessage());
  }

  private static void iae(String expected, Executable op) {
    message(IllegalArgumentException.class, expected, op);
  }

  private static void ioobe(String expected, Executable op) {
    message(IndexOutOfBoundsException.class, expected, op);
  }

  @Test
  void shapeMismatchNamesOpAndBothShapes() {
    iae("add: shapes [2, 3] and [4] cannot be broadcast together (dim 1 of the broadcast shape: 3"
        + " vs 4; sizes must match or one of them be 1)", () -> A.add(Tensor.zeros(4)));
    iae("mul: shapes [2, 3] and [3, 3] cannot be broadcast together (dim 0 of the broadcast shape:"
        + " 2 vs 3; sizes must match or one of them be 1)", () -> A.mul(Tensor.zeros(3, 3)));
    iae("matmul: inner dimensions differ: a=[2, 3], b=[4, 5] (a.shape[-1] must equal b.shape[-2])",
        () -> A.matmul(Tensor.zeros(4, 5)));
    iae("matmul: inner dimensions differ: a=[2, 3], b=[4] (a.shape[-1] must equal b.shape[0])",
        () -> A.matmul(Tensor.zeros(4)));
    iae("matmul: inner dimensions differ: a=[4], b=[2, 3] (a.shape[-1] must equal b.shape[-2])",
        () -> Tensor.zeros(4).matmul(A));
    iae("matmul: inner dimensions differ: a=[3], b=[4] (a.shape[-1] must equal b.shape[0])",
        () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
    iae("matmul: batch dims [2] of a=[2, 2, 3] and [3] of b=[3, 3, 4] cannot be broadcast together"
        + " (sizes must match or one of them be 1)",
        () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)));
    iae("matmul: both arguments need at least 1 dim, got a=[], b=[2] (use mul for scalars)",
        () -> Tensor.scalar(1).matmul(Tensor.zeros(2)));
    iae("cat: tensor 1 has shape [2, 4], tensor 0 has [2, 3]; sizes must match except in dim 0",
        () -> Tensor.cat(List.of(A, Tensor.zeros(2, 4)), 0));
    iae("cat: tensor 1 has shape [3] (float32), tensor 0 has [2, 3] (float32); ranks and dtypes"
        + " must match", () -> Tensor.cat(List.of(A, Tensor.zeros(3)), 0));
    iae("stack: tensor 1 has shape [3, 2], tensor 0 has [2, 3]; all shapes must be equal",
        () -> Tensor.stack(List.of(A, Tensor.zeros(3, 2)), 0));
    iae("expand: cannot expand shape [2, 3] to [4, 3] (dim 0 has size 2, expected 1 or 4)",
        () -> A.expand(4, 3));
    iae("expand: the target [3] has fewer dims than the tensor's shape [2, 3]", () -> A.expand(3));
    iae("expand: invalid size -2 at dim 0 in [-2, 3] (sizes must be >= 0, or -1 to keep a dim)",
        () -> Tensor.zeros(1, 3).expand(-2, 3));
    iae("reshape: shape [4, 2] is invalid for a tensor of shape [2, 3] (6 elements, the new shape"
        + " has 8)", () -> A.reshape(4, 2));
    iae("reshape: shape [4, -1] is invalid for a tensor of shape [2, 3] (6 elements)",
        () -> A.reshape(4, -1));
    iae("reshape: only one dim can be -1, got [-1, -1]", () -> A.reshape(-1, -1));
    iae("where: shapes [2, 3] and [2] cannot be broadcast together (dim 1 of the broadcast shape:"
        + " 3 vs 2; sizes must match or one of them be 1)",
        () -> Tensor.where(A.gt(0f), A, Tensor.zeros(2)));
    iae("add_: cannot expand shape [3] to [2] (dim 0 has size 3, expected 1 or 2)",
        () -> Tensor.zeros(2).add_(Tensor.zeros(3)));
    iae("permute: expected 2 dims for a tensor of shape [2, 3], got [0]", () -> A.permute(0));
    iae("permute: dim 0 repeats in [0, 0]", () -> A.permute(0, 0));
    iae("wrap: 5 values do not fill shape [2, 3] (6 elements)", () -> Tensor.wrap(new float[5], 2, 3));
    iae("zeros: shape [2, -1] has a negative size at dim 1 (sizes must be >= 0)",
        () -> Tensor.zeros(2, -1));
  }

  @Test
  void viewOfNonContiguousNamesShapeStridesAndFix() {
    message(IllegalStateException.class,
        "view: shape [6] cannot be a view of a tensor of shape [3, 2] with strides [1, 3] (not"
            + " contiguous); use reshape(), or contiguous() first", () -> A.t().view(6));
  }

  @Test
  void indexOutOfRangeNamesDimAndSize() {
    ioobe("select: index 5 is out of range for dim 1 of size 3", () -> A.select(1, 5));
    ioobe("select: index -4 is out of range for dim -1 of size 3", () -> A.select(-1, -4));
    ioobe("narrow: start 2 and length 2 are out of range for dim 1 of size 3",
        () -> A.narrow(1, 2, 2));
    ioobe("narrow: start 0 and length -1 are out of range for dim 0 of size 2",
        () -> A.narrow(0, 0, -1));
    ioobe("gather: index 3 at position [1, 0] is out of range for dim 1 of size 3",
        () -> A.gather(1, Tensor.ofInts(new int[] {0, 2, 3, 0}, 2, 2)));
    ioobe("indexSelect: index 7 at position 1 is out of range for dim 0 of size 2",
        () -> A.indexSelect(0, Tensor.ofInts(new int[] {1, 7})));
    ioobe("indexSelect: index -1 at position 0 is out of range for dim 1 of size 3",
        () -> A.indexSelect(1, Tensor.ofInts(new int[] {-1})));
    ioobe("scatterAdd: index 2 at position [0, 1] is out of range for dim 0 of size 2",
        () -> A.scatterAdd(0, Tensor.ofInts(new int[] {0, 2}, 1, 2), Tensor.ones(1, 2)));
    ioobe("get: index 3 is out of range for dim 1 of size 3", () -> A.get(0, 3));
    ioobe("get: index -3 is out of range for dim 0 of size 2", () -> A.get(-3, 0));
    iae("get: expected 2 indices for shape [2, 3], got 1", () -> A.get(1));
    ioobe("oneHot: label 3 at index 1 is out of range for 3 classes (expected 0..2)",
        () -> Tensor.ofInts(new int[] {0, 3}).oneHot(3));
    iae("gather: the index must be an int32 tensor, got float32 of shape [2, 1] (convert with"
        + " toInt())", () -> A.gather(1, Tensor.zeros(2, 1)));
    iae("gather: index of shape [2] must have the same rank as the tensor of shape [2, 3]",
        () -> A.gather(1, Tensor.ofInts(new int[] {0, 1})));
    iae("indexSelect: the index must be 1-d, got shape [1, 1]",
        () -> A.indexSelect(0, Tensor.ofInts(new int[] {0}, 1, 1)));
  }

  @Test
  void zeroDimensionalTensorsHaveNoDimToIndex() {
    Tensor s = Tensor.scalar(1);
    ioobe("size: dim 0 does not exist: the tensor is 0-dimensional (shape [])", () -> s.size(0));
    ioobe("select: dim 0 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.select(0, 0));
    ioobe("narrow: dim 0 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.narrow(0, 0, 1));
    ioobe("slice: dim -1 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.slice(-1, 0, 1, 1));
    ioobe("split: dim 0 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.split(1, 0));
    ioobe("chunk: dim 0 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.chunk(1, 0));
    ioobe("indexSelect: dim 0 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.indexSelect(0, Tensor.ofInts(new int[] {0})));
    ioobe("gather: dim 0 does not exist: the tensor is 0-dimensional (shape [])",
        () -> s.gather(0, Tensor.ofInts(new int[] {0}).reshape()));
    ioobe("max: dim 1 is out of range for a tensor of rank 0 (expected a dim in [-1, 0])",
        () -> s.max(1, false));
    // reductions accept dim 0 / -1 on a scalar, like PyTorch
    assertEquals(1f, s.sum(0, false).item());
    assertEquals(0, s.argmax(0, false).item());
    assertEquals(0, s.argmax(-1, false).dim());
    assertEquals(1f, s.softmax(-1).item());
  }

  @Test
  void maskedFillNeedsAMaskThatFits() {
    iae("maskedFill: a mask of shape [2, 3] does not broadcast to the tensor's shape [3]",
        () -> Tensor.zeros(3).maskedFill(Tensor.zeros(2, 3).gt(0f), 1f));
  }

  @Test
  void badDimsNameOpDimAndRange() {
    ioobe("sum: dim 2 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.sum(2, false));
    ioobe("sum: dim -3 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.sum(new int[] {0, -3}, true));
    iae("sum: dim -1 appears more than once in [1, -1]", () -> A.sum(new int[] {1, -1}, false));
    ioobe("transpose: dim 2 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.transpose(0, 2));
    ioobe("transpose: dim -3 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.transpose(-3, 1));
    ioobe("softmax: dim 2 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.softmax(2));
    ioobe("max: dim 5 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.max(5, false));
    ioobe("unsqueeze: dim 4 is out of range for a tensor of rank 3 (expected a dim in [-3, 2])",
        () -> A.unsqueeze(4));
    ioobe("mean: dim 3 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.mean(3, false));
    ioobe("size: dim 2 is out of range for a tensor of rank 2 (expected a dim in [-2, 1])",
        () -> A.size(2));
    iae("max: cannot reduce dim 0 of size 0 (shape [0, 3])", () -> Tensor.zeros(0, 3).max(0, false));
    iae("max: the tensor is empty (shape [0])", () -> Tensor.zeros(0).max());
    iae("norm: p must be > 0 (or +inf), got 0.0", () -> A.norm(0f));
  }

  @Test
  void otherBadArguments() {
    iae("arange: step must be non-zero, got 0.0", () -> Tensor.arange(0, 1, 0));
    iae("linspace: steps must be >= 0, got -1", () -> Tensor.linspace(0, 1, -1));
    iae("clamp: lo must be <= hi, got lo=2.0, hi=1.0", () -> A.clamp(2, 1));
    iae("split: size must be positive, got 0", () -> A.split(0, 0));
    iae("chunk: n must be positive, got 0", () -> A.chunk(0, 0));
    iae("slice: step must be positive, got 0", () -> A.slice(0, 0, 1, 0));
    iae("oneHot: numClasses must be positive, got 0", () -> Tensor.ofInts(new int[] {0}).oneHot(0));
    iae("of: row 1 has 1 values, row 0 has 2 (rows must be equally long)",
        () -> Tensor.of(new float[][] {{1, 2}, {3}}));
    message(IllegalStateException.class,
        "item: only one-element tensors can be converted to a number, this one has shape [2, 3] (6"
            + " elements)", A::item);
    iae("requiresGrad: only float32 tensors can require gradients, this one is int32",
        () -> Tensor.ofInts(new int[] {1}).requiresGrad(true));
    iae("logSoftmax: expected a float32 tensor, got int32 of shape [2] (convert with toFloat())",
        () -> Tensor.ofInts(new int[] {1, 2}).logSoftmax(0));
  }
}
