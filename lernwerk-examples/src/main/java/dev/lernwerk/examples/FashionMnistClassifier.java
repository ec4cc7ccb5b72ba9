package dev.lernwerk.examples;

import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.FashionMnist;
import dev.lernwerk.data.LabeledImages;
import dev.lernwerk.data.Splits;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.data.explore.Explore;
import dev.lernwerk.data.transform.MinMaxScaler;
import dev.lernwerk.nn.Dropout;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.ReLU;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.History;
import dev.lernwerk.train.Trainer;
import dev.lernwerk.train.callback.ProgressBar;
import dev.lernwerk.train.metric.AccuracyMetric;
import dev.lernwerk.train.metric.ConfusedPair;
import dev.lernwerk.train.metric.ConfusionMatrix;
import dev.lernwerk.train.metric.Metrics;
import dev.lernwerk.train.tune.Grid;
import dev.lernwerk.train.tune.ResultsTable;
import dev.lernwerk.train.tune.Trial;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The course's Fashion-MNIST hands-on (EX-01, EX-02, EX-03, EX-05, EX-06), end to end:
 *
 * <ol>
 *   <li>explore the data: shape, dtype, classes and their distribution, one-hot labels, scaling to
 *       [-1, 1] with {@code x' = 2(x - min)/(max - min) - 1};
 *   <li>split the training set 80/20 with a seed, build the MLP 784-64-64-64-10 with ReLU, train it
 *       with cross-entropy and Adam (lr 0.003, batch 256) for 5 epochs with validation;
 *   <li>evaluate on the test set: accuracy, macro F1 and the confusion matrix, next to the same
 *       metrics of the untrained model;
 *   <li>the same model with dropout and L2 (weight decay), side by side;
 *   <li>a grid search over depth and learning rate, selected on the validation split only; the test
 *       set is touched once, for the chosen setting.
 * </ol>
 *
 * Run it with {@code ./run fashion-mnist} (options: {@code --epochs N}, {@code --seed S}, {@code
 * --data DIR}, {@code --part explore|train|compare|grid|all}, {@code --grid-epochs N}); {@code --part
 * all} takes about 25 s on two cores. The same from Java:
 *
 * <pre>{@code
 * Data data = FashionMnistClassifier.load(FashionMnist.locate(), 42, null);
 * Result r = FashionMnistClassifier.train(FashionMnistClassifier.mlp(3, 64, 0, new Generator(42)), data,
 *     0.003, 0, 5, 42, System.out);
 * System.out.println(r.testAccuracy() + " " + r.testMacroF1());   // about 0.86 and 0.86
 * }</pre>
 */
public final class FashionMnistClassifier {
  private FashionMnistClassifier() {}

  /** Train/valid/test tensors after scaling: inputs (N, 784) in [-1, 1], labels int32 (N). */
  public record Data(TensorDataset train, TensorDataset valid, TensorDataset test, List<String> classNames) {}

  /** What one training run produced. */
  public record Result(
      Module model,
      History history,
      Map<String, Double> test,
      ConfusionMatrix confusion,
      Map<String, Double> untrained) {
    /** Test accuracy. */
    public double testAccuracy() {
      return confusion.accuracy();
    }

    /** Test macro F1. */
    public double testMacroF1() {
      return confusion.macroF1();
    }
  }

  /** Loads Fashion-MNIST, scales it to [-1, 1] and splits the training set 80/20 with {@code seed}. */
  public static Data load(Path dir, long seed, PrintStream out) throws IOException {
    LabeledImages train = FashionMnist.load(dir, true);
    LabeledImages test = FashionMnist.load(dir, false);
    if (out != null) {
      out.println("== 1. The data (EX-01)");
      out.println("train images: " + Explore.summary(train.images()));
      out.println("train labels: shape=" + java.util.Arrays.toString(train.labels().shape())
          + " dtype=" + train.labels().dtype().label());
      out.println("test images:  " + Explore.summary(test.images()));
      out.println("class distribution of the training set:");
      out.println(Explore.classDistribution(train.labels(), train.classNames()).table());
      Tensor first = train.labels().narrow(0, 0, 5);
      out.println("first labels " + first + " one-hot:");
      out.println(first.oneHot(10));
    }
    // the course's min-max scaling to [-1, 1], statistics from the training images only
    MinMaxScaler scaler = MinMaxScaler.fitGlobal(train.images(), -1, 1);
    Tensor x = scaler.transform(train.images()).reshape(-1, 784);
    Tensor xTest = scaler.transform(test.images()).reshape(-1, 784);
    if (out != null) {
      out.println("after scaling: " + Explore.summary(x));
    }
    List<int[]> parts = Splits.random(x.size(0), new double[] {0.8, 0.2}, new Generator(seed));
    Tensor trainIdx = Tensor.ofInts(parts.get(0));
    Tensor validIdx = Tensor.ofInts(parts.get(1));
    TensorDataset tr = new TensorDataset(x.indexSelect(0, trainIdx), train.labels().indexSelect(0, trainIdx));
    TensorDataset va = new TensorDataset(x.indexSelect(0, validIdx), train.labels().indexSelect(0, validIdx));
    TensorDataset te = new TensorDataset(xTest, test.labels());
    if (out != null) {
      out.printf(Locale.ROOT, "split 80/20 (seed %d): train %d, valid %d; test %d%n%n", seed, tr.size(),
          va.size(), te.size());
    }
    return new Data(tr, va, te, train.classNames());
  }

  /**
   * The course's MLP: 784 → {@code hidden} × width → 10 with ReLU, optional dropout after each hidden
   * layer; weights initialised from {@code gen}.
   */
  public static Sequential mlp(int hidden, int width, double dropout, Generator gen) {
    List<Module> layers = new ArrayList<>();
    int in = 784;
    for (int i = 0; i < hidden; i++) {
      layers.add(new Linear(in, width, true, gen));
      layers.add(new ReLU());
      if (dropout > 0) {
        layers.add(new Dropout(dropout, gen.split()));
      }
      in = width;
    }
    layers.add(new Linear(in, 10, true, gen));
    return new Sequential(layers);
  }

  static DataLoader<Example> loader(TensorDataset ds, int batch, boolean shuffle, long seed) {
    return DataLoader.builder((dev.lernwerk.data.Dataset<Example>) ds).batchSize(batch).shuffle(shuffle)
        .seed(seed).build();
  }

  /**
   * Trains {@code model} on {@code data.train()} with Adam ({@code lr}, {@code weightDecay}), batch
   * 256 shuffled with {@code seed}, validating on {@code data.valid()} after each epoch, and evaluates
   * it on the test set — before training too, as the untrained baseline (EV-10). Prints the epoch
   * table when {@code out} is not null.
   */
  public static Result train(
      Module model, Data data, double lr, double weightDecay, int epochs, long seed, PrintStream out) {
    var opt = new Adam(model.parameters(),
        Adam.Settings.defaults().withLr(lr).withWeightDecay(weightDecay));
    var builder = Trainer.builder(model, new CrossEntropyLoss(), opt).metrics(new AccuracyMetric());
    if (out != null) {
      builder.callbacks(new ProgressBar(out, out == System.out && ProgressBar.onTerminal()));
    }
    Trainer trainer = builder.build();
    var trainLoader = loader(data.train(), 256, true, seed);
    var validLoader = loader(data.valid(), 1024, false, seed);
    var testLoader = loader(data.test(), 1024, false, seed);
    Evaluation untrained = evaluate(trainer, testLoader, data.test());
    History history = trainer.fit(trainLoader, validLoader, epochs);
    Evaluation test = evaluate(trainer, testLoader, data.test());
    return new Result(model, history, test.metrics(), test.confusion(), untrained.metrics());
  }

  /** Loss, accuracy and macro F1 of a data set, and its confusion matrix. */
  private record Evaluation(Map<String, Double> metrics, ConfusionMatrix confusion) {}

  private static Evaluation evaluate(Trainer trainer, DataLoader<Example> loader, TensorDataset ds) {
    Map<String, Double> m = new LinkedHashMap<>(trainer.evaluate(loader));
    Tensor logits = trainer.predict(loader);
    ConfusionMatrix cm = Metrics.confusionMatrix(Metrics.predictedClasses(logits), ds.targets(), 10);
    m.put("macro_f1", cm.macroF1());
    return new Evaluation(m, cm);
  }

  /** Runs the hands-on; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opts = parse("FashionMnistClassifier",
        "--epochs N, --seed S, --data DIR, --part explore|train|compare|grid|all, --grid-epochs N", args);
    int epochs = Integer.parseInt(opts.getOrDefault("epochs", "5"));
    int gridEpochs = Integer.parseInt(opts.getOrDefault("grid-epochs", "3"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    String part = opts.getOrDefault("part", "all");
    if (!List.of("explore", "train", "compare", "grid", "all").contains(part)) {
      throw new IllegalArgumentException(
          "FashionMnistClassifier: --part must be explore, train, compare, grid or all, got '" + part + "'");
    }
    Path dir = opts.containsKey("data") ? Path.of(opts.get("data")) : FashionMnist.locate();
    PrintStream out = Out.utf8();
    long t0 = System.nanoTime();
    Data data = load(dir, seed, out);
    if (part.equals("explore")) {
      return;
    }

    out.println("== 2. MLP 784-64-64-64-10, ReLU, cross-entropy, Adam lr 0.003, batch 256 (EX-02, EX-03)");
    Module model = mlp(3, 64, 0, new Generator(seed));
    out.println(model.summary(1, 784));
    Result base = train(model, data, 0.003, 0, epochs, seed, out);
    report(out, "MLP", base, data.classNames());
    if (part.equals("train")) {
      printTime(out, t0);
      return;
    }

    if (part.equals("all") || part.equals("compare")) {
      out.println("== 3. The same with dropout 0.2 and L2 (weight decay 1e-4) (EX-05)");
      Result reg = train(mlp(3, 64, 0.2, new Generator(seed)), data, 0.003, 1e-4, epochs, seed, out);
      report(out, "MLP + dropout + L2", reg, data.classNames());
      out.println("side by side (test set):");
      out.printf(Locale.ROOT, "  %-22s %10s %10s %12s %12s%n", "model", "accuracy", "macro F1",
          "train loss", "valid loss");
      row(out, "plain", base);
      row(out, "dropout 0.2 + L2 1e-4", reg);
      out.println();
    }

    if (part.equals("all") || part.equals("grid")) {
      out.println("== 4. Grid search over depth and learning rate on the validation split (EX-06)");
      var axes = new LinkedHashMap<String, List<?>>();
      axes.put("hidden_layers", List.of(1, 2, 3));
      axes.put("lr", List.of(0.001, 0.003, 0.01));
      var grid = Grid.of(axes);
      ResultsTable table = new ResultsTable("val_accuracy", true);
      for (Map<String, Object> p : grid) {
        int depth = (Integer) p.get("hidden_layers");
        double lr = (Double) p.get("lr");
        Module m = mlp(depth, 64, 0, new Generator(seed));
        var opt = new Adam(m.parameters(), lr);
        var t = Trainer.builder(m, new CrossEntropyLoss(), opt).metrics(new AccuracyMetric()).build();
        History h = t.fit(loader(data.train(), 256, true, seed), loader(data.valid(), 1024, false, seed), gridEpochs);
        table.add(new Trial(p, Map.of("val_accuracy", h.last().get("val_accuracy"), "val_loss",
            h.last().get("val_loss"))));
        out.printf(Locale.ROOT, "  hidden_layers=%d lr=%.3f: val_accuracy %.4f%n", depth, lr,
            h.last().get("val_accuracy"));
      }
      out.println(table.toText());
      Trial best = table.best();
      out.println("best on validation: " + best.params());
      Module chosen = mlp((Integer) best.param("hidden_layers"), 64, 0, new Generator(seed));
      Result fin = train(chosen, data, (Double) best.param("lr"), 0, gridEpochs, seed, null);
      out.printf(Locale.ROOT, "test accuracy of the chosen setting (the only look at the test set): %.4f%n%n",
          fin.testAccuracy());
    }
    printTime(out, t0);
  }

  private static void printTime(PrintStream out, long t0) {
    out.printf(Locale.ROOT, "total time %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static void row(PrintStream out, String name, Result r) {
    out.printf(Locale.ROOT, "  %-22s %10.4f %10.4f %12.4f %12.4f%n", name, r.testAccuracy(), r.testMacroF1(),
        r.history().last().get("loss"), r.history().last().get("val_loss"));
  }

  static void report(PrintStream out, String name, Result r, List<String> classNames) {
    out.printf(Locale.ROOT, "%s on the test set: accuracy %.4f, macro F1 %.4f, loss %.4f%n", name,
        r.testAccuracy(), r.testMacroF1(), r.test().get("loss"));
    out.printf(Locale.ROOT, "untrained baseline:  accuracy %.4f, macro F1 %.4f, loss %.4f%n",
        r.untrained().get("accuracy"), r.untrained().get("macro_f1"), r.untrained().get("loss"));
    String[] names = classNames.toArray(new String[0]);
    out.println("confusion matrix (rows: true class, columns: predicted):");
    out.println(r.confusion().toText(names));
    out.println("per class:");
    out.println(r.confusion().report(names));
    out.println("most confused (true class → predicted class: count):");
    for (ConfusedPair p : r.confusion().mostConfused(5)) {
      out.println("  " + p.toText(names));
    }
    out.println();
  }

  /**
   * {@code --name value} pairs; {@code usage} lists the options as {@code "--epochs N, --seed S"}
   * and every name must be one of them.
   */
  static Map<String, String> parse(String program, String usage, String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            program + ": expected --option value pairs (" + usage + "), got '" + a + "'");
      }
      if (!(", " + usage + ",").contains(", " + a + " ")) {
        throw new IllegalArgumentException(program + ": unknown option " + a + " (expected " + usage + ")");
      }
      m.put(a.substring(2), args[++i]);
    }
    return m;
  }
}
