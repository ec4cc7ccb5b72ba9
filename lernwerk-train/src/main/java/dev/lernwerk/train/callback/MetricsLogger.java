package dev.lernwerk.train.callback;

import dev.lernwerk.train.TrainContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Appends one line per epoch to a CSV file (header from the first epoch's keys; later keys are
 * dropped, missing ones left empty) or a JSON-lines file ({@code {"epoch": 1, "loss": 0.52, …}},
 * non-finite values as {@code null}); each line is written and closed at the epoch's end, so a killed
 * run keeps every finished epoch, and a resumed run appends to the same file (a CSV header is written
 * only to an empty file). Numbers are written so that they parse back exactly: whole numbers as
 * integers, others as Java's shortest round-trip form ({@code 0.003}, {@code 1.0E-4}).
 *
 * <pre>{@code
 * Trainer.builder(model, loss, opt)
 *     .callbacks(MetricsLogger.csv(Path.of("runs/mlp/metrics.csv")))
 *     .build();
 * }</pre>
 */
public final class MetricsLogger implements Callback {
  /** File format. */
  public enum Format {
    /** Comma-separated values with a header line. */
    CSV,
    /** One JSON object per line. */
    JSON_LINES
  }

  private final Path file;
  private final Format format;
  private List<String> columns;

  /** Logs to {@code file} in the given format (the parent folder is created). */
  public MetricsLogger(Path file, Format format) {
    this.file = file;
    this.format = format;
  }

  /** CSV logger. */
  public static MetricsLogger csv(Path file) {
    return new MetricsLogger(file, Format.CSV);
  }

  /** JSON-lines logger. */
  public static MetricsLogger jsonLines(Path file) {
    return new MetricsLogger(file, Format.JSON_LINES);
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public void onEpochEnd(TrainContext c) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      StringBuilder line = new StringBuilder();
      if (format == Format.CSV) {
        if (columns == null) {
          columns = new ArrayList<>(c.logs().keySet());
          if (!Files.exists(file) || Files.size(file) == 0) {
            line.append(String.join(",", columns)).append('\n');
          }
        }
        for (int i = 0; i < columns.size(); i++) {
          Double v = c.logs().get(columns.get(i));
          line.append(i > 0 ? "," : "").append(v == null ? "" : num(v));
        }
      } else {
        line.append('{');
        boolean first = true;
        for (var e : c.logs().entrySet()) {
          line.append(first ? "" : ", ").append('"').append(jsonEscape(e.getKey())).append("\": ")
              .append(Double.isFinite(e.getValue()) ? num(e.getValue()) : "null");
          first = false;
        }
        line.append('}');
      }
      line.append('\n');
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        w.write(line.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("MetricsLogger: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file written to. */
  public Path file() {
    return file;
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
