package dev.lernwerk.data.csv;

import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An immutable table of named, typed columns, as read by {@link CsvReader} (DA-11 … DA-14): the
 * data-frame steps of a tabular course, from raw CSV to a feature tensor.
 *
 * <p>Every operation returns a new table; columns are shared, not copied. Text columns are
 * categories: {@link #categorical} gives their codes over the sorted categories, {@link #withCodes}
 * replaces them by codes and {@link #withDummies} by one 0/1 column per category (pandas'
 * {@code get_dummies}). Missing values are found with {@link #missingCounts()} and filled with
 * {@link #impute()} (median for numbers, most frequent value for categories) — or, to keep the
 * validation set out of the statistics, with {@code valid.fillMissing(train.imputationValues())}.
 *
 * <pre>{@code
 * Table t = CsvReader.read(Path.of("titanic.csv"));
 * Table clean = t.impute().withDummies("Sex", true).withDummies("Embarked", true).withLog1p("Fare");
 * Tensor x = clean.features("Pclass", "Age", "Fare", "Sex_male", "Embarked_Q", "Embarked_S"); // (N, 6)
 * Tensor y = clean.labels("Survived");                                                       // (N) int32
 * }</pre>
 */
public final class Table {
  private final List<Column> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private final int rows;

  /**
   * A table of the given columns.
   *
   * @throws IllegalArgumentException if two columns share a name or differ in length
   */
  public Table(List<? extends Column> columns) {
    this.columns = List.copyOf(columns);
    rows = this.columns.isEmpty() ? 0 : this.columns.get(0).size();
    for (int i = 0; i < this.columns.size(); i++) {
      Column c = this.columns.get(i);
      if (index.put(c.name(), i) != null) {
        throw new IllegalArgumentException("Table: two columns are named '" + c.name() + "'");
      }
      if (c.size() != rows) {
        throw new IllegalArgumentException(
            "Table: column '" + c.name() + "' has " + c.size() + " rows, column '"
                + this.columns.get(0).name() + "' has " + rows);
      }
    }
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns. */
  public int width() {
    return columns.size();
  }

  /** The column names in order. */
  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  /** The columns in order. */
  public List<Column> columns() {
    return columns;
  }

  /** True if a column has this name. */
  public boolean has(String name) {
    return index.containsKey(name);
  }

  /**
   * The column with this name.
   *
   * @throws IllegalArgumentException naming the missing column and the ones that exist
   */
  public Column column(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException(
          "Table: no column '" + name + "'; the columns are " + names());
    }
    return columns.get(i);
  }

  /** The numeric column with this name. */
  public NumericColumn numeric(String name) {
    if (column(name) instanceof NumericColumn n) {
      return n;
    }
    throw new IllegalArgumentException(
        "Table: column '" + name + "' holds text (categories), not numbers; use categorical(\""
            + name + "\"), withCodes(\"" + name + "\") or withDummies(\"" + name + "\", …)");
  }

  /** The text column with this name. */
  public TextColumn text(String name) {
    if (column(name) instanceof TextColumn t) {
      return t;
    }
    throw new IllegalArgumentException("Table: column '" + name + "' holds numbers, not text");
  }

  /**
   * The column as category codes over its sorted distinct values (text sorted as strings, numbers
   * numerically); missing values get code -1.
   */
  public Categorical categorical(String name) {
    return categorical(name, categories(column(name)));
  }

  /**
   * The column as codes over given categories (e.g. those of the training set); values missing or
   * not among the categories get code -1.
   */
  public Categorical categorical(String name, List<String> categories) {
    Column c = column(name);
    Map<String, Integer> code = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      code.put(categories.get(i), i);
    }
    int[] codes = new int[rows];
    for (int r = 0; r < rows; r++) {
      codes[r] = c.isMissing(r) ? -1 : code.getOrDefault(c.text(r), -1);
    }
    return new Categorical(name, categories, codes);
  }

  private static List<String> categories(Column c) {
    if (c instanceof NumericColumn n) {
      double[] d = Arrays.stream(n.values()).filter(v -> !Double.isNaN(v)).distinct().sorted()
          .toArray();
      return Arrays.stream(d).mapToObj(NumericColumn::format).toList();
    }
    TreeSet<String> s = new TreeSet<>();
    for (String v : ((TextColumn) c).values()) {
      if (v != null) {
        s.add(v);
      }
    }
    return List.copyOf(s);
  }

  // ---------------------------------------------------------------- missing values (DA-13)

  /** The number of missing values of every column, in column order. */
  public Map<String, Integer> missingCounts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Column c : columns) {
      m.put(c.name(), c.missingCount());
    }
    return m;
  }

  /** Names of the columns with at least one missing value. */
  public List<String> columnsWithMissing() {
    return columns.stream().filter(c -> c.missingCount() > 0).map(Column::name).toList();
  }

  /**
   * The fill value of every column that has values: the median (a Double) of a numeric column, the
   * most frequent value (a String, the smallest on ties) of a text column. Compute them on the
   * training split and apply them to every split with {@link #fillMissing(Map)}.
   */
  public Map<String, Object> imputationValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Column c : columns) {
      Object v = c instanceof NumericColumn n ? (Object) n.median() : ((TextColumn) c).mode();
      if (v != null && !(v instanceof Double d && d.isNaN())) {
        m.put(c.name(), v);
      }
    }
    return m;
  }

  /**
   * Missing values filled with this table's {@link #imputationValues()} (median for numbers, most
   * frequent value for categories).
   *
   * @throws IllegalStateException if a column has no values at all
   */
  public Table impute() {
    Map<String, Object> fill = imputationValues();
    Map<String, Object> needed = new LinkedHashMap<>();
    for (String name : columnsWithMissing()) {
      if (!fill.containsKey(name)) {
        throw new IllegalStateException(
            "Table.impute: column '" + name + "' has no values at all to impute from");
      }
      needed.put(name, fill.get(name));
    }
    return fillMissing(needed);
  }

  /** Missing values of the named columns filled: a Number for numeric, a String for text columns. */
  public Table fillMissing(Map<String, ?> values) {
    Table t = this;
    for (var e : values.entrySet()) {
      t = t.fillMissing(e.getKey(), e.getValue());
    }
    return t;
  }

  /** Missing values of one column filled with {@code value}. */
  public Table fillMissing(String name, Object value) {
    Column c = column(name);
    if (c instanceof NumericColumn n) {
      if (!(value instanceof Number num) || Double.isNaN(num.doubleValue())) {
        throw new IllegalArgumentException(
            "Table.fillMissing: column '" + name + "' is numeric, the fill value must be a number,"
                + " got " + value);
      }
      double[] v = n.values().clone();
      for (int r = 0; r < v.length; r++) {
        if (Double.isNaN(v[r])) {
          v[r] = num.doubleValue();
        }
      }
      return with(new NumericColumn(name, v));
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(
          "Table.fillMissing: column '" + name + "' holds text, the fill value must be a String,"
              + " got " + value);
    }
    String[] v = ((TextColumn) c).values().clone();
    for (int r = 0; r < v.length; r++) {
      if (v[r] == null) {
        v[r] = s;
      }
    }
    return with(new TextColumn(name, v));
  }

  // ---------------------------------------------------------------- encodings (DA-12, DA-14)

  /** The column replaced by its category codes (a numeric column; missing stays missing). */
  public Table withCodes(String name) {
    return withCodes(name, categorical(name).categories());
  }

  /** The column replaced by codes over given categories (unknown values become missing). */
  public Table withCodes(String name, List<String> categories) {
    int[] codes = categorical(name, categories).codes();
    double[] v = new double[rows];
    for (int r = 0; r < rows; r++) {
      v[r] = codes[r] < 0 ? Double.NaN : codes[r];
    }
    return with(new NumericColumn(name, v));
  }

  /**
   * The column replaced by one 0/1 column per sorted category, named {@code name_category} (pandas'
   * {@code get_dummies}); a missing value is 0 everywhere. With {@code dropFirst} the first
   * category's column is left out (it is implied when all others are 0).
   */
  public Table withDummies(String name, boolean dropFirst) {
    return withDummies(name, categorical(name).categories(), dropFirst);
  }

  /** Dummy columns over given categories (e.g. the training set's); unknown values are all 0. */
  public Table withDummies(String name, List<String> categories, boolean dropFirst) {
    int[] codes = categorical(name, categories).codes();
    List<Column> out = new ArrayList<>();
    for (Column c : columns) {
      if (!c.name().equals(name)) {
        out.add(c);
        continue;
      }
      for (int k = dropFirst ? 1 : 0; k < categories.size(); k++) {
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) {
          v[r] = codes[r] == k ? 1 : 0;
        }
        out.add(new NumericColumn(name + "_" + categories.get(k), v));
      }
    }
    return new Table(out);
  }

  /**
   * Numeric columns replaced by {@code log(1 + x)} (for skewed, non-negative values such as prices;
   * DA-14). Missing values stay missing.
   */
  public Table withLog1p(String... names) {
    Table t = this;
    for (String name : names) {
      double[] v = numeric(name).values().clone();
      for (int r = 0; r < v.length; r++) {
        if (v[r] <= -1) {
          throw new IllegalArgumentException(
              "Table.withLog1p: column '" + name + "' has " + v[r] + " in row " + r
                  + "; log1p needs values > -1");
        }
        v[r] = Math.log1p(v[r]);
      }
      t = t.with(new NumericColumn(name, v));
    }
    return t;
  }

  // ---------------------------------------------------------------- selection

  /** The column added at the end, or replacing the column of the same name in place. */
  public Table with(Column c) {
    List<Column> out = new ArrayList<>(columns);
    Integer i = index.get(c.name());
    if (i == null) {
      out.add(c);
    } else {
      out.set(i, c);
    }
    return new Table(out);
  }

  /** Only the named columns, in the given order. */
  public Table select(String... names) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(column(n));
    }
    return new Table(out);
  }

  /** All columns but the named ones. */
  public Table drop(String... names) {
    for (String n : names) {
      column(n);
    }
    List<String> gone = List.of(names);
    return new Table(columns.stream().filter(c -> !gone.contains(c.name())).toList());
  }

  /** The rows at {@code idx}, in that order (e.g. one part of a split). */
  public Table rows(int[] idx) {
    for (int i : idx) {
      if (i < 0 || i >= rows) {
        throw new IndexOutOfBoundsException(
            "Table.rows: row " + i + " is out of range for " + rows + " rows");
      }
    }
    return new Table(columns.stream().map(c -> c.rows(idx)).toList());
  }

  /** The first {@code n} rows. */
  public Table head(int n) {
    int k = Math.max(0, Math.min(n, rows));
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    return rows(idx);
  }

  // ---------------------------------------------------------------- tensors

  /**
   * The named numeric columns (all columns when none are named) as a float32 feature matrix (N, k).
   *
   * @throws IllegalArgumentException if a column holds text or has missing values
   */
  public Tensor features(String... names) {
    List<String> cols = names.length == 0 ? names() : List.of(names);
    int k = cols.size();
    float[] x = new float[rows * k];
    for (int j = 0; j < k; j++) {
      String name = cols.get(j);
      double[] v = checkedNumbers("features", name);
      for (int r = 0; r < rows; r++) {
        x[r * k + j] = (float) v[r];
      }
    }
    return Tensor.wrap(x, rows, k);
  }

  /** A numeric column as a float32 target vector (N), for regression. */
  public Tensor target(String name) {
    double[] v = checkedNumbers("target", name);
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = (float) v[r];
    }
    return Tensor.wrap(y, rows);
  }

  /**
   * A column as int32 class labels (N): the whole numbers of a numeric column, or the codes of a
   * text column over its sorted categories.
   */
  public Tensor labels(String name) {
    Column c = column(name);
    int[] y = new int[rows];
    if (c instanceof TextColumn) {
      Categorical cat = categorical(name);
      for (int r = 0; r < rows; r++) {
        if (cat.codes()[r] < 0) {
          throw new IllegalArgumentException(
              "Table.labels: column '" + name + "' is missing a value in row " + r);
        }
        y[r] = cat.codes()[r];
      }
      return Tensor.wrapInts(y, rows);
    }
    double[] v = checkedNumbers("labels", name);
    for (int r = 0; r < rows; r++) {
      if (v[r] != Math.rint(v[r]) || Math.abs(v[r]) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Table.labels: column '" + name + "' has " + v[r] + " in row " + r
                + "; class labels must be whole numbers");
      }
      y[r] = (int) v[r];
    }
    return Tensor.wrapInts(y, rows);
  }

  private double[] checkedNumbers(String op, String name) {
    Column c = column(name);
    if (!(c instanceof NumericColumn n)) {
      throw new IllegalArgumentException(
          "Table." + op + ": column '" + name + "' holds text; convert it with withCodes(\"" + name
              + "\") or withDummies(\"" + name + "\", true)");
    }
    int missing = n.missingCount();
    if (missing > 0) {
      int first = 0;
      while (!n.isMissing(first)) {
        first++;
      }
      throw new IllegalArgumentException(
          "Table." + op + ": column '" + name + "' has " + missing + " missing values (the first in"
              + " row " + first + "); impute() or fillMissing(…) first");
    }
    return n.values();
  }

  // ---------------------------------------------------------------- printing

  /** The first rows as aligned text, like a data frame's head. */
  public String format(int maxRows) {
    int shown = Math.min(maxRows, rows);
    int w = columns.size();
    String[][] cells = new String[shown + 1][w];
    int[] width = new int[w];
    for (int j = 0; j < w; j++) {
      Column c = columns.get(j);
      cells[0][j] = c.name();
      for (int r = 0; r < shown; r++) {
        String s = c.isMissing(r) ? "NaN" : c.text(r).replace("\n", "\\n");
        cells[r + 1][j] = s.length() > 24 ? s.substring(0, 23) + "…" : s;
      }
      for (int r = 0; r <= shown; r++) {
        width[j] = Math.max(width[j], cells[r][j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r <= shown; r++) {
      for (int j = 0; j < w; j++) {
        if (j > 0) {
          sb.append("  ");
        }
        boolean right = columns.get(j) instanceof NumericColumn;
        String s = cells[r][j];
        String pad = " ".repeat(width[j] - s.length());
        sb.append(right ? pad + s : s + pad);
      }
      sb.append('\n');
    }
    sb.append('[').append(rows).append(" rows x ").append(w).append(" columns]");
    return sb.toString();
  }

  /** The first 10 rows; see {@link #format(int)}. */
  @Override
  public String toString() {
    return format(10);
  }
}
