package dev.lernwerk.examples;

import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.FashionMnist;
import dev.lernwerk.examples.FashionMnistClassifier.Data;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.Trainer;
import dev.lernwerk.train.diagnose.OverfitOneBatch;
import dev.lernwerk.train.metric.AccuracyMetric;
import dev.lernwerk.train.metric.ConfusionMatrix;
import dev.lernwerk.train.metric.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The course's sanity check (EX-04, TL-11): train the Fashion-MNIST MLP on one batch of 256 images
 * for 100 steps, read the loss curve, then evaluate the model on that batch and on the test set.
 *
 * <p>A model, loss and optimizer that work drive the loss of a single batch to (near) zero and reach
 * 100% accuracy on it; if they cannot, there is a bug (a wrong loss input, gradients not applied, a
 * learning rate far off) and the diagnosis names the likely cause. The test accuracy stays far below
 * what full training reaches: 256 memorised images are not the task.
 *
 * <pre>{@code
 * Data data = FashionMnistClassifier.load(FashionMnist.locate(), 42, null);
 * var r = OverfitOneBatchExample.run(data, 256, 100, 0.003, 42, System.out);
 * r.overfit().diagnosis().verdict();   // FALLING_TO_ZERO
 * r.batchAccuracy();                   // 1.0
 * }</pre>
 *
 * Run it with {@code ./run example OverfitOneBatchExample} (options {@code --batch N}, {@code
 * --steps N}, {@code --lr X}, {@code --seed S}, {@code --data DIR}).
 */
public final class OverfitOneBatchExample {
  private OverfitOneBatchExample() {}

  /**
   * What the check found.
   *
   * @param overfit the loss per step and the diagnosis of the curve
   * @param batchLoss loss on the trained batch afterwards, eval mode
   * @param batchAccuracy accuracy on the trained batch afterwards
   * @param testLoss loss on the test set
   * @param testAccuracy accuracy on the test set
   * @param testMacroF1 macro F1 on the test set
   */
  public record Result(OverfitOneBatch.Result overfit, double batchLoss, double batchAccuracy, double testLoss,
      double testAccuracy, double testMacroF1) {}

  /**
   * Builds the course's MLP (784-64-64-64-10, weights from {@code seed}), takes the first shuffled
   * batch of {@code batchSize} training images, trains on it for {@code steps} Adam steps with
   * {@code lr} and evaluates; prints the curve and the verdict when {@code out} is not null.
   */
  public static Result run(Data data, int batchSize, int steps, double lr, long seed, PrintStream out) {
    Module model = FashionMnistClassifier.mlp(3, 64, 0, new Generator(seed));
    Batch batch = DataLoader.builder(data.train()).batchSize(batchSize).shuffle(true).seed(seed).build().peek();
    var opt = new Adam(model.parameters(), lr);
    var loss = new CrossEntropyLoss();
    OverfitOneBatch.Result r = OverfitOneBatch.run(model, loss, opt, batch, steps);

    Trainer evaluator = Trainer.builder(model, loss, opt).metrics(new AccuracyMetric()).build();
    Map<String, Double> onBatch = evaluator.evaluate(List.of(batch));
    var testLoader = DataLoader.builder(data.test()).batchSize(1024).build();
    Map<String, Double> onTest = evaluator.evaluate(testLoader);
    Tensor logits = evaluator.predict(testLoader);
    ConfusionMatrix cm = Metrics.confusionMatrix(Metrics.predictedClasses(logits), data.test().targets(), 10);
    Result result = new Result(r, onBatch.get("loss"), onBatch.get("accuracy"), onTest.get("loss"),
        onTest.get("accuracy"), cm.macroF1());
    if (out != null) {
      print(out, result, batchSize, lr);
    }
    return result;
  }

  private static void print(PrintStream out, Result r, int batchSize, double lr) {
    double[] losses = r.overfit().losses();
    out.printf(Locale.ROOT, "== Overfit one batch of %d images for %d steps (Adam lr %s) (EX-04)%n", batchSize,
        losses.length, lr);
    StringBuilder curve = new StringBuilder("loss per step:");
    for (int s = 0; s < losses.length; s++) {
      if (s == 0 || (s + 1) % 10 == 0) {
        curve.append(String.format(Locale.ROOT, "%n  step %3d  %.4f", s + 1, losses[s]));
      }
    }
    out.println(curve);
    out.println();
    out.print("diagnosis: " + r.overfit().diagnosis().toText());
    out.println();
    out.printf(Locale.ROOT, "on the trained batch: loss %.4f, accuracy %.4f%n", r.batchLoss(), r.batchAccuracy());
    out.printf(Locale.ROOT, "on the test set:      loss %.4f, accuracy %.4f, macro F1 %.4f%n", r.testLoss(),
        r.testAccuracy(), r.testMacroF1());
    out.println(r.batchAccuracy() == 1.0
        ? "The batch is memorised, so model, loss and optimizer can learn; the test accuracy shows that "
            + batchSize + " images are not the task."
        : "The model did not memorise the batch: look for a bug before training on everything.");
  }

  /** Runs the check on Fashion-MNIST; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opts = FashionMnistClassifier.parse("OverfitOneBatchExample",
        "--batch N, --steps N, --lr X, --seed S, --data DIR", args);
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    Path dir = opts.containsKey("data") ? Path.of(opts.get("data")) : FashionMnist.locate();
    Data data = FashionMnistClassifier.load(dir, seed, null);
    run(data, Integer.parseInt(opts.getOrDefault("batch", "256")), Integer.parseInt(opts.getOrDefault("steps", "100")),
        Double.parseDouble(opts.getOrDefault("lr", "0.003")), seed, Out.utf8());
  }
}
