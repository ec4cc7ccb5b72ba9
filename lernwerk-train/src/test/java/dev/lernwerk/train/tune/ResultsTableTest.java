package dev.lernwerk.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

  private static Map<String, Object> p(int layers, double lr) {
    var m = new LinkedHashMap<String, Object>();
    m.put("layers", layers);
    m.put("lr", lr);
    return m;
  }

  private static Map<String, Double> m(double valLoss, double valAcc) {
    var r = new LinkedHashMap<String, Double>();
    r.put("val_loss", valLoss);
    r.put("val_accuracy", valAcc);
    return r;
  }

  private static ResultsTable table() {
    return new ResultsTable("val_accuracy", true)
        .add(p(1, 0.001), m(0.50, 0.85))
        .add(p(1, 0.01), m(0.40, 0.88))
        .add(p(2, 0.001), m(0.45, 0.86))
        .add(p(2, 0.01), m(Double.NaN, Double.NaN)) // diverged
        .add(p(3, 0.001), m(0.38, 0.88));
  }

  @Test
  void bestAndSorting() {
    ResultsTable t = table();
    assertEquals(p(1, 0.01), t.best().params()); // first of the tied 0.88s
    assertEquals(List.of(0.88, 0.88, 0.86, 0.85, Double.NaN),
        t.sorted().stream().map(x -> x.metric("val_accuracy")).toList());
    List<Trial> byLoss = t.sortedBy("val_loss", false);
    assertEquals(p(3, 0.001), byLoss.get(0).params());
    assertEquals(p(2, 0.01), byLoss.get(4).params()); // NaN last either way
    assertEquals(5, t.size());
  }

  @Test
  void textIsRankedAlignedAndMarksTheBest() {
    String text = table().toText();
    String expected = """
        ranked by val_accuracy (higher is better)
        #     layers     lr  val_loss  val_accuracy
        1  *       1   0.01       0.4          0.88
        2          3  0.001      0.38          0.88
        3          2  0.001      0.45          0.86
        4          1  0.001       0.5          0.85
        5          2   0.01       nan           nan
        """;
    assertEquals(expected, text);
    List<String> rows = text.lines().skip(1).toList();
    for (String r : rows) {
      assertEquals(rows.get(0).length(), r.length(), "misaligned: " + r);
    }
  }

  @Test
  void csvInInsertionOrderAtFullPrecision() {
    var t = new ResultsTable("val_loss", false)
        .add(Map.of("act", "relu, leaky"), Map.of("val_loss", 0.1 + 0.2));
    assertEquals("act,val_loss\n\"relu, leaky\",0.30000000000000004\n", t.toCsv());
    String csv = table().toCsv();
    assertEquals("layers,lr,val_loss,val_accuracy", csv.lines().findFirst().orElseThrow());
    assertEquals("2,0.01,NaN,NaN", csv.lines().toList().get(4));
  }

  @Test
  void errors() {
    var empty = new ResultsTable("val_accuracy", true);
    var e = assertThrows(IllegalStateException.class, empty::best);
    assertEquals("ResultsTable.best: no trial has a value for 'val_accuracy' yet (0 trials)", e.getMessage());
    var t = new Trial(Map.of("lr", 0.1), Map.of("val_loss", 1.0));
    var ia = assertThrows(IllegalArgumentException.class, () -> t.metric("val_acc"));
    assertEquals("Trial: no metric 'val_acc', this trial has [val_loss]", ia.getMessage());
  }
}
