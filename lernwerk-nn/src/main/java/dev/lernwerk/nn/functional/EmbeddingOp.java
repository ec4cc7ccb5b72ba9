package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;

/**
 * Row lookup {@code out[..., :] = weight[index[...], :]} — the same as {@code oneHot(index)·weight}
 * without building the one-hot matrix. Backward adds each output row's gradient to the row it came
 * from, except the padding row, which never gets a gradient.
 */
final class EmbeddingOp extends Node {
  private final int[] index;
  private final int num;
  private final int dim;
  private final int paddingIdx;

  private EmbeddingOp(int[] index, int num, int dim, int paddingIdx) {
    this.index = index;
    this.num = num;
    this.dim = dim;
    this.paddingIdx = paddingIdx;
  }

  @Override
  public String name() {
    return "embedding";
  }

  /** index: validated int values; weight (num, dim); paddingIdx in [0, num) or -1 for none. */
  static Tensor apply(int[] index, int[] indexShape, Tensor weight, int paddingIdx) {
    Tensor w = weight.detach().contiguous();
    int num = w.size(0);
    int dim = w.size(1);
    float[] wv = w.storage().floats();
    int wo = w.offset();
    Storage outRes = Storage.forResult(index.length * dim);
    float[] out = outRes.floats();
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(wv, wo + index[i] * dim, out, i * dim, dim);
    }
    int[] os = java.util.Arrays.copyOf(indexShape, indexShape.length + 1);
    os[indexShape.length] = dim;
    Tensor y = Tensor.wrap(outRes, os);
    if (Node.shouldRecord(weight)) {
      new EmbeddingOp(index, num, dim, paddingIdx).record(y, weight);
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] gv = g.toFloatArray();
    Storage dwRes = Storage.zeroedForResult(num * dim);
    float[] dw = dwRes.floats();
    for (int i = 0; i < index.length; i++) {
      int row = index[i];
      if (row == paddingIdx) {
        continue;
      }
      int o = row * dim;
      int s = i * dim;
      for (int k = 0; k < dim; k++) {
        dw[o + k] += gv[s + k];
      }
    }
    return new Tensor[] {Tensor.wrap(dwRes, num, dim)};
  }
}
