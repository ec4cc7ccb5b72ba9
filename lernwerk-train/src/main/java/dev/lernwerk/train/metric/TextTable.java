package dev.lernwerk.train.metric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table with aligned columns, as printed by confusion matrices, results tables and
 * baseline comparisons. The first {@code leftColumns} columns are left-aligned (labels), the rest
 * right-aligned (numbers); columns are separated by two spaces.
 *
 * <pre>{@code
 * var t = new TextTable(1, "metric", "untrained", "trained");
 * t.row("accuracy", 0.1, 0.97);
 * System.out.print(t);   // metric    untrained  trained
 *                        // accuracy        0.1     0.97
 * }</pre>
 *
 * Numbers are rendered by {@link #number(double)}; other cells with {@code String.valueOf}.
 */
public final class TextTable {
  private final int leftColumns;
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  /** A table with the given header; the first {@code leftColumns} columns are left-aligned. */
  public TextTable(int leftColumns, String... header) {
    if (header.length == 0) {
      throw new IllegalArgumentException("TextTable: expected at least one column, got none");
    }
    if (leftColumns < 0 || leftColumns > header.length) {
      throw new IllegalArgumentException(
          "TextTable: leftColumns must be in [0, " + header.length + "], got " + leftColumns);
    }
    this.leftColumns = leftColumns;
    this.header = header.clone();
  }

  /** Adds a row; it must have one cell per column. Returns this table. */
  public TextTable row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "TextTable.row: expected " + header.length + " cells " + Arrays.toString(header)
              + ", got " + cells.length);
    }
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = cell(cells[i]);
    }
    rows.add(r);
    return this;
  }

  /** Number of rows added so far (the header not counted). */
  public int rowCount() {
    return rows.size();
  }

  /** The table, one line per row (header first), each line ending in a newline. */
  @Override
  public String toString() {
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    var sb = new StringBuilder();
    line(sb, header, width);
    for (String[] r : rows) {
      line(sb, r, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, String[] cells, int[] width) {
    var ln = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        ln.append("  ");
      }
      String pad = " ".repeat(width[c] - cells[c].length());
      ln.append(c < leftColumns ? cells[c] + pad : pad + cells[c]);
    }
    sb.append(ln.toString().stripTrailing()).append('\n');
  }

  private static String cell(Object v) {
    return switch (v) {
      case null -> "";
      case Double d -> number(d);
      case Float f -> number(f);
      default -> String.valueOf(v);
    };
  }

  /**
   * A compact rendering of a number: four significant digits in plain notation for magnitudes in
   * [1e-3, 1e6) with trailing zeros dropped ({@code 0.9734}, {@code 12.35}, {@code 3}), scientific
   * otherwise ({@code 3.162e-04}); {@code nan}, {@code inf}, {@code -inf} for non-finite values.
   */
  public static String number(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return "0";
    }
    double a = Math.abs(x);
    if (a >= 1e-3 && a < 1e6) {
      var bd = new BigDecimal(x).round(new MathContext(4, RoundingMode.HALF_EVEN));
      return bd.stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.3e", x);
  }

  /**
   * {@code x} with exactly {@code digits} decimals, rounded like Python's {@code format(x, '.2f')}:
   * the exact binary value, ties to even (so {@code 0.125} gives {@code 0.12}).
   */
  public static String fixed(double x, int digits) {
    if (!Double.isFinite(x)) {
      return number(x);
    }
    return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}
