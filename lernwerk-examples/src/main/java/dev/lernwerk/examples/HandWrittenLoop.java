package dev.lernwerk.examples;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.Example;
import dev.lernwerk.data.FashionMnist;
import dev.lernwerk.examples.FashionMnistClassifier.Data;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.metric.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The course's training loop written out by hand, without {@link dev.lernwerk.train.Trainer}: the
 * Fashion-MNIST MLP, cross-entropy and Adam, batch by batch {@code forward → loss → zeroGrad →
 * backward → step}, then an evaluation in eval mode without recording. With the same seed it ends
 * with exactly the weights that {@code Trainer.fit} gives ({@link FashionMnistClassifier#train}).
 *
 * <pre>{@code
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   model.train();
 *   for (Batch b : trainLoader) {
 *     Tensor loss = lossFn.apply(model.forward(b.inputs()), b.targets());
 *     optimizer.zeroGrad();
 *     loss.backward();
 *     optimizer.step();
 *   }
 * }
 * }</pre>
 *
 * Run it with {@code ./run example HandWrittenLoop} (options {@code --epochs N}, {@code --lr X},
 * {@code --seed S}, {@code --data DIR}).
 */
public final class HandWrittenLoop {
  private HandWrittenLoop() {}

  /**
   * The trained model, the loss of every training batch, and the validation and test accuracy.
   *
   * @param model the trained MLP
   * @param batchLosses the loss of each training batch, in order
   * @param validAccuracy accuracy on the validation split after the last epoch
   * @param testLoss loss on the test set
   * @param testAccuracy accuracy on the test set
   */
  public record Result(Module model, double[] batchLosses, double validAccuracy, double testLoss,
      double testAccuracy) {}

  /** Trains the course's MLP for {@code epochs} epochs with Adam ({@code lr}), batch 256 shuffled with {@code seed}. */
  public static Result run(Data data, int epochs, double lr, long seed, PrintStream out) {
    Module model = FashionMnistClassifier.mlp(3, 64, 0, new Generator(seed));
    Loss lossFn = new CrossEntropyLoss();
    Optimizer optimizer = new Adam(model.parameters(), lr);
    DataLoader<Example> trainLoader =
        DataLoader.builder(data.train()).batchSize(256).shuffle(true).seed(seed).build();
    double[] losses = new double[epochs * trainLoader.numBatches()];
    int step = 0;
    double validAccuracy = Double.NaN;
    for (int epoch = 0; epoch < epochs; epoch++) {
      model.train();                                      // dropout on, batch statistics
      double sum = 0;
      int seen = 0;
      for (Batch b : trainLoader) {
        Tensor logits = model.forward(b.inputs());        // (256, 784) -> (256, 10)
        Tensor loss = lossFn.apply(logits, b.targets());  // scalar, mean over the batch
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        losses[step++] = loss.item();
        sum += loss.item() * b.size();
        seen += b.size();
        if (out != null && step % 50 == 0) {
          out.printf(Locale.ROOT, "epoch %d, batch %3d: running loss %.4f%n", epoch + 1, step, sum / seen);
        }
      }
      validAccuracy = evaluate(model, lossFn, data.valid().inputs(), data.valid().targets()).get("accuracy");
      if (out != null) {
        out.printf(Locale.ROOT, "epoch %d: train loss %.4f, valid accuracy %.4f%n", epoch + 1, sum / seen,
            validAccuracy);
      }
    }
    Map<String, Double> test = evaluate(model, lossFn, data.test().inputs(), data.test().targets());
    if (out != null) {
      out.printf(Locale.ROOT, "test: loss %.4f, accuracy %.4f%n", test.get("loss"), test.get("accuracy"));
    }
    return new Result(model, losses, validAccuracy, test.get("loss"), test.get("accuracy"));
  }

  /** Loss and accuracy in eval mode without recording the graph. */
  static Map<String, Double> evaluate(Module model, Loss lossFn, Tensor x, Tensor y) {
    model.eval();                                         // dropout off, running statistics
    try (var g = Grad.disabled()) {
      Tensor logits = model.forward(x);
      return Map.of("loss", (double) lossFn.apply(logits, y).item(), "accuracy", Metrics.accuracy(logits, y));
    }
  }

  /** Trains for one epoch (by default) on Fashion-MNIST; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opts = FashionMnistClassifier.parse("HandWrittenLoop",
        "--epochs N, --lr X, --seed S, --data DIR", args);
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    Path dir = opts.containsKey("data") ? Path.of(opts.get("data")) : FashionMnist.locate();
    Data data = FashionMnistClassifier.load(dir, seed, null);
    run(data, Integer.parseInt(opts.getOrDefault("epochs", "1")), Double.parseDouble(opts.getOrDefault("lr", "0.003")),
        seed, Out.utf8());
  }
}
