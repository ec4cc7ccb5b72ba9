package dev.lernwerk.bench;

import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.kernel.Simd;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.ReLU;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.tensor.TensorScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Training throughput (samples/s over full epochs, data in memory) and peak RSS of the course MLPs,
 * the same workloads as {@code scripts/mlp_train_torch.py}:
 *
 * <ul>
 *   <li>{@code mlp64}: 784-64-64-64-10 ReLU, Adam lr 0.003, batch 256;
 *   <li>{@code mlp512}: 784-512-512-10 ReLU, SGD lr 0.01 momentum 0.9, batch 128.
 * </ul>
 *
 * 60000 random inputs in [-1, 1] with random labels, cross-entropy, shuffled every epoch. Prints
 * {@code lernwerk <model> <median samples/s> <peak RSS MiB>}; the first two epochs are JIT warm-up
 * ({@code -Dlernwerk.bench.warmup=N} changes it) and are not counted. With {@code
 * -Dlernwerk.bench.scoped=true} every step runs in a {@link TensorScope}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * dev.lernwerk.bench.MlpTrain mlp64 [epochs]}
 */
public final class MlpTrain {
  private MlpTrain() {}

  static final int N = 60000;

  /** Runs one configuration and prints its line. */
  public static void main(String[] args) throws IOException {
    String model = args.length > 0 ? args[0] : "mlp64";
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    var gen = new Generator(0);
    Tensor x = Tensor.uniform(gen, -1, 1, N, 784);
    Tensor y = Tensor.randint(gen, 0, 10, N);
    Module net;
    Optimizer opt;
    int batch;
    switch (model) {
      case "mlp64" -> {
        net = new Sequential(new Linear(784, 64, true, gen), new ReLU(), new Linear(64, 64, true, gen),
            new ReLU(), new Linear(64, 64, true, gen), new ReLU(), new Linear(64, 10, true, gen));
        opt = new Adam(net.parameters(), 0.003);
        batch = 256;
      }
      case "mlp512" -> {
        net = new Sequential(new Linear(784, 512, true, gen), new ReLU(), new Linear(512, 512, true, gen),
            new ReLU(), new Linear(512, 10, true, gen));
        opt = new SGD(net.parameters(), SGD.Settings.defaults().withLr(0.01).withMomentum(0.9));
        batch = 128;
      }
      default -> throw new IllegalArgumentException("MlpTrain: unknown model '" + model
          + "' (expected mlp64 or mlp512)");
    }
    var loss = new CrossEntropyLoss();
    DataLoader<Example> loader = DataLoader.builder((dev.lernwerk.data.Dataset<Example>) new TensorDataset(x, y))
        .batchSize(batch).shuffle(true).seed(1).build();
    int warmup = Integer.getInteger("lernwerk.bench.warmup", 2);
    boolean scoped = Boolean.getBoolean("lernwerk.bench.scoped");
    double[] rates = new double[epochs];
    for (int e = 0; e < warmup + epochs; e++) {
      long t0 = System.nanoTime();
      for (Batch b : loader) {
        try (TensorScope s = scoped ? TensorScope.open() : null) {
          Tensor l = loss.apply(net.forward(b.inputs()), b.targets());
          opt.zeroGrad();
          l.backward();
          opt.step();
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      if (e >= warmup) {
        rates[e - warmup] = N / secs;
      }
    }
    Arrays.sort(rates);
    double median = rates[rates.length / 2];
    System.out.printf(Locale.ROOT, "# %s threads=%d kernels=%s epochs=%s%n", model, Parallel.threads(), Simd.path(),
        Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
    System.out.printf(Locale.ROOT, "lernwerk %s %.0f %.0f%n", model, median, peakRssMiB());
  }

  /** VmHWM from /proc/self/status (Linux), in MiB; NaN elsewhere. */
  static double peakRssMiB() throws IOException {
    Path p = Path.of("/proc/self/status");
    if (!Files.exists(p)) {
      return Double.NaN;
    }
    for (String line : Files.readAllLines(p)) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) / 1024.0;
      }
    }
    return Double.NaN;
  }
}
