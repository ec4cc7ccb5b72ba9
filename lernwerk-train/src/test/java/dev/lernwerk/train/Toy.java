package dev.lernwerk.train;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.nn.Dropout;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.ReLU;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small synthetic problems and models for the training tests. */
public final class Toy {
  private Toy() {}

  /**
   * {@code n} points in {@code dim} dimensions from {@code classes} Gaussian blobs (std 1) centred at
   * 3·e_c, labels int32 cycling 0, 1, …, classes-1.
   */
  public static TensorDataset blobs(int n, int classes, int dim, long seed) {
    Generator gen = new Generator(seed);
    float[] x = Tensor.randn(gen, n, dim).toFloatArray();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      x[i * dim + y[i] % dim] += 3f;
    }
    return new TensorDataset(Tensor.wrap(x, n, dim), Tensor.wrapInts(y, n));
  }

  /** {@code y = x·w + 0.5 + noise} with w = (1, -2, 0.5, …), targets (n, 1) float32. */
  public static TensorDataset linear(int n, int dim, long seed) {
    Generator gen = new Generator(seed);
    float[] x = Tensor.randn(gen, n, dim).toFloatArray();
    float[] noise = Tensor.randn(gen, n).toFloatArray();
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0.5 + 0.05 * noise[i];
      for (int j = 0; j < dim; j++) {
        double w = j == 0 ? 1 : j == 1 ? -2 : 0.5;
        s += w * x[i * dim + j];
      }
      y[i] = (float) s;
    }
    return new TensorDataset(Tensor.wrap(x, n, dim), Tensor.wrap(y, n, 1));
  }

  /** in → hidden → out with ReLU, weights from {@code seed}. */
  public static Sequential mlp(int in, int hidden, int out, long seed) {
    Generator gen = new Generator(seed);
    return new Sequential(new Linear(in, hidden, true, gen), new ReLU(), new Linear(hidden, out, true, gen));
  }

  /** in → hidden → dropout(p) → out, weights and dropout masks from {@code seed}. */
  public static Sequential mlpWithDropout(int in, int hidden, int out, double p, long seed) {
    Generator gen = new Generator(seed);
    return new Sequential(new Linear(in, hidden, true, gen), new ReLU(), new Dropout(p, gen.split()),
        new Linear(hidden, out, true, gen));
  }

  /** A loader over {@code ds}. */
  public static DataLoader<Example> loader(TensorDataset ds, int batch, boolean shuffle, long seed) {
    return DataLoader.builder((dev.lernwerk.data.Dataset<Example>) ds).batchSize(batch).shuffle(shuffle)
        .seed(seed).build();
  }

  /** Copies of every state-dict entry (parameters and buffers). */
  public static Map<String, Tensor> snapshot(Module m) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (var g = Grad.disabled()) {
      m.stateDict().forEach((k, v) -> out.put(k, v.detach().clone()));
    }
    return out;
  }

  /** The exact contents of a tensor as text (int32 values unconverted, float32 values as bits). */
  public static String exact(Tensor t) {
    if (t.dtype() == dev.lernwerk.tensor.DType.FLOAT32) {
      float[] f = t.toFloatArray();
      int[] bits = new int[f.length];
      for (int i = 0; i < f.length; i++) {
        bits[i] = Float.floatToRawIntBits(f[i]);
      }
      return "f32" + java.util.Arrays.toString(t.shape()) + java.util.Arrays.toString(bits);
    }
    return t.dtype() + java.util.Arrays.toString(t.shape()) + java.util.Arrays.toString(t.toIntArray());
  }

  /** All parameters and buffers as one float array, in state-dict order. */
  public static float[] flat(Module m) {
    return flat(m.stateDict());
  }

  /** All values of a state dict as one float array, in its order. */
  public static float[] flat(Map<String, Tensor> state) {
    List<float[]> parts = new ArrayList<>();
    int n = 0;
    for (Tensor t : state.values()) {
      float[] a = t.toFloatArray();
      parts.add(a);
      n += a.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] a : parts) {
      System.arraycopy(a, 0, out, at, a.length);
      at += a.length;
    }
    return out;
  }
}
