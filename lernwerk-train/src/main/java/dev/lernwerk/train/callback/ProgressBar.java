package dev.lernwerk.train.callback;

import dev.lernwerk.train.TrainContext;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A text progress bar per epoch (running loss, samples/s, ETA) and a table row per epoch with the
 * epoch's logs (TL-10). Redraws in place with a carriage return on a terminal; in logs (no console)
 * it prints only the epoch rows. At the end it prints why training stopped early, if it did.
 *
 * <pre>{@code
 * Trainer.builder(model, loss, opt).callbacks(new ProgressBar()).build().fit(train, valid, 5);
 * //  epoch   loss  accuracy  val_loss  val_accuracy  lr  time_s  samples_per_s
 * //      1 0.6197    0.7744    0.4597        0.8305  …
 * }</pre>
 */
public final class ProgressBar implements Callback {
  private final PrintStream out;
  private final boolean live;
  private long epochStart;
  private long lastDraw;
  private double runningLoss = Double.NaN;
  private boolean headerPrinted;

  /** Prints to standard output; live redraw when it is a terminal ({@link #onTerminal()}). */
  public ProgressBar() {
    this(System.out, onTerminal());
  }

  /** True when standard input and output are an interactive terminal (not a file or a pipe). */
  public static boolean onTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  /** Prints to {@code out}; {@code live} enables the redrawn bar. */
  public ProgressBar(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public void onEpochStart(TrainContext c) {
    epochStart = System.nanoTime();
    runningLoss = Double.NaN;
  }

  @Override
  public void onBatchEnd(TrainContext c) {
    double l = c.lossValue();
    runningLoss = Double.isNaN(runningLoss) ? l : 0.98 * runningLoss + 0.02 * l;
    if (!live) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && c.batchIndex() + 1 != c.batchesPerEpoch()) {
      return;
    }
    lastDraw = now;
    double secs = (now - epochStart) / 1e9;
    double rate = c.samplesSeen() / Math.max(secs, 1e-9);
    int total = c.batchesPerEpoch();
    int done = c.batchIndex() + 1;
    StringBuilder sb = new StringBuilder("\r");
    sb.append(String.format(Locale.ROOT, "epoch %d/%d ", c.epoch() + 1, c.epochs()));
    if (total > 0) {
      int width = 30;
      int filled = (int) ((long) width * done / total);
      sb.append('[').append("=".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      sb.append(String.format(Locale.ROOT, "%d/%d ", done, total));
      double eta = secs / done * (total - done);
      sb.append(String.format(Locale.ROOT, "loss %.4f  %.0f samples/s  ETA %.1fs", runningLoss, rate, eta));
    } else {
      sb.append(String.format(Locale.ROOT, "batch %d loss %.4f  %.0f samples/s", done, runningLoss, rate));
    }
    out.print(sb);
    out.flush();
  }

  @Override
  public void onEpochEnd(TrainContext c) {
    if (live) {
      out.print("\r" + " ".repeat(100) + "\r");
    }
    Map<String, Double> logs = c.logs();
    if (!headerPrinted) {
      StringBuilder h = new StringBuilder();
      for (String k : logs.keySet()) {
        h.append(String.format(Locale.ROOT, "%14s", k));
      }
      out.println(h);
      headerPrinted = true;
    }
    StringBuilder row = new StringBuilder();
    for (var e : logs.entrySet()) {
      row.append(String.format(Locale.ROOT, "%14s", dev.lernwerk.train.History.format(e.getKey(), e.getValue())));
    }
    out.println(row);
    out.flush();
  }

  @Override
  public void onFitEnd(TrainContext c) {
    if (c.stopReason() != null) {
      out.println(c.stopReason());
    }
  }
}
