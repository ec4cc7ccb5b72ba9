package dev.lernwerk.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.train.History;
import dev.lernwerk.train.TrainContext;
import dev.lernwerk.train.Toy;
import dev.lernwerk.train.Trainer;
import dev.lernwerk.train.metric.AccuracyMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLoggerTest {

  private static History fit(Callback logger, int epochs) {
    Module m = Toy.mlp(4, 8, 3, 1);
    Callback nan = new Callback() {
      @Override
      public void onEpochEnd(TrainContext c) {
        c.logs().put("nan_metric", c.epoch() == 1 ? Double.NaN : 0.5);
      }
    };
    return Trainer.builder(m, new CrossEntropyLoss(), new Adam(m.parameters(), 0.003)).metrics(new AccuracyMetric())
        .callbacks(nan, logger).build()
        .fit(Toy.loader(Toy.blobs(64, 3, 4, 1), 16, true, 1), Toy.loader(Toy.blobs(30, 3, 4, 2), 30, false, 0), epochs);
  }

  @Test
  void csvHasAHeaderAndOneExactRowPerEpoch(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub/metrics.csv");
    History h = fit(MetricsLogger.csv(file), 3);
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size());
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals(List.copyOf(h.last().keySet()), header);
    for (int e = 0; e < 3; e++) {
      String[] cells = lines.get(e + 1).split(",", -1);
      assertEquals(header.size(), cells.length);
      for (int i = 0; i < cells.length; i++) {
        assertEquals(h.epoch(e).get(header.get(i)), Double.parseDouble(cells[i]), "epoch " + (e + 1) + " " + header.get(i));
      }
    }
    assertTrue(lines.get(1).startsWith("1,"), "whole numbers are written as integers: " + lines.get(1));
    // a second fit (a resumed run) appends rows without a second header
    fit(MetricsLogger.csv(file), 1);
    List<String> again = Files.readAllLines(file);
    assertEquals(5, again.size());
    assertTrue(again.get(4).startsWith("1,"));
  }

  private static final Pattern PAIR = Pattern.compile("\"([^\"]+)\": ([^,}]+)");

  @Test
  void jsonLinesParseBackWithNullForNonFiniteValues(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    History h = fit(MetricsLogger.jsonLines(file), 2);
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    for (int e = 0; e < 2; e++) {
      String line = lines.get(e);
      assertTrue(line.startsWith("{\"epoch\": " + (e + 1) + ", ") && line.endsWith("}"), line);
      Map<String, String> raw = new LinkedHashMap<>();
      Matcher m = PAIR.matcher(line);
      while (m.find()) {
        raw.put(m.group(1), m.group(2));
      }
      assertEquals(new ArrayList<>(h.epoch(e).keySet()), new ArrayList<>(raw.keySet()));
      for (var kv : raw.entrySet()) {
        double expected = h.epoch(e).get(kv.getKey());
        if (Double.isNaN(expected)) {
          assertEquals("null", kv.getValue(), kv.getKey());
        } else {
          assertEquals(expected, Double.parseDouble(kv.getValue()), kv.getKey());
        }
      }
    }
    assertTrue(lines.get(1).contains("\"nan_metric\": null"), lines.get(1));
  }

  @Test
  void numbersRoundTrip() {
    for (double v : new double[] {0.003, 1e-4, 123456.789, -2.5, 1.0 / 3, 7, 0}) {
      assertEquals(v, Double.parseDouble(MetricsLogger.num(v)));
    }
    assertEquals("7", MetricsLogger.num(7));
  }
}
