package dev.lernwerk.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV text (RFC 4180) into a {@link Table} of typed columns (DA-11).
 *
 * <p>Fields are separated by the delimiter; a field in quotes may contain delimiters, line breaks
 * and doubled quotes ({@code "He said ""hi"""}). Line breaks are {@code \n}, {@code \r\n} or {@code
 * \r}; empty lines are skipped; a leading byte-order mark is ignored. Every record must have as many
 * fields as the header. A column whose non-missing values are all numbers becomes a {@link
 * NumericColumn}, any other a {@link TextColumn}, unless declared in {@link CsvOptions#types()}.
 * Missing values are the {@link CsvOptions#naValues()} (by default empty, NA, NaN, …).
 *
 * <p>Errors are {@link CsvException}s naming the file, the line and the column, e.g. {@code
 * titanic.csv: line 7: expected 12 fields (as in the header), got 11}.
 *
 * <pre>{@code
 * Table t = CsvReader.read(Path.of("titanic.csv"));
 * t.missingCounts();                          // {Age=177, Cabin=687, Embarked=2, …}
 * Table clean = t.impute().withDummies("Sex", true);
 * }</pre>
 */
public final class CsvReader {
  private CsvReader() {}

  /** Reads a UTF-8 file with the default options. */
  public static Table read(Path path) throws IOException {
    return read(path, CsvOptions.defaults());
  }

  /** Reads a UTF-8 file. */
  public static Table read(Path path, CsvOptions options) throws IOException {
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(r, path.toString(), options);
    }
  }

  /** Reads CSV text held in a string; {@code name} appears in error messages. */
  public static Table parse(String text, String name, CsvOptions options) throws IOException {
    return read(new StringReader(text), name, options);
  }

  /**
   * Reads CSV text from a reader (not closed).
   *
   * @param name the name used in error messages (usually the file name)
   */
  public static Table read(Reader reader, String name, CsvOptions options) throws IOException {
    Parser p = new Parser(reader instanceof BufferedReader ? reader : new BufferedReader(reader),
        name, options);
    List<String> first = p.next();
    if (first == null) {
      return new Table(List.of());
    }
    List<String> names = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int width = first.size();
    if (options.header()) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < width; i++) {
        String n = first.get(i).strip();
        if (n.isEmpty()) {
          n = "Unnamed: " + i;
        }
        Integer prev = seen.put(n, i);
        if (prev != null) {
          throw new CsvException(
              name + ": line " + p.recordLine + ", column " + (i + 1) + ": the header names '" + n
                  + "' twice (columns " + (prev + 1) + " and " + (i + 1) + ")",
              p.recordLine, i + 1);
        }
        names.add(n);
      }
    } else {
      for (int i = 0; i < width; i++) {
        names.add(Integer.toString(i));
      }
      rows.add(first.toArray(String[]::new));
      lines.add(p.recordLine);
    }
    for (String declared : options.types().keySet()) {
      if (!names.contains(declared)) {
        throw new CsvException(
            name + ": a type is declared for column '" + declared + "', but the columns are "
                + names, 0, 0);
      }
    }
    List<String> rec;
    while ((rec = p.next()) != null) {
      if (rec.size() != width) {
        String what = options.header() ? "(as in the header)" : "(as in the first line)";
        if (rec.size() > width) {
          throw new CsvException(
              name + ": line " + p.recordLine + ", column " + (width + 1) + ": expected " + width
                  + " fields " + what + ", got " + rec.size(), p.recordLine, width + 1);
        }
        throw new CsvException(
            name + ": line " + p.recordLine + ": expected " + width + " fields " + what + ", got "
                + rec.size(), p.recordLine, rec.size());
      }
      rows.add(rec.toArray(String[]::new));
      lines.add(p.recordLine);
    }
    List<Column> cols = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      cols.add(column(name, names.get(c), c, rows, lines, options));
    }
    return new Table(cols);
  }

  private static Column column(String file, String colName, int c, List<String[]> rows,
      List<Integer> lines, CsvOptions o) throws CsvException {
    ColumnType type = o.types().getOrDefault(colName, ColumnType.AUTO);
    int n = rows.size();
    if (type != ColumnType.TEXT) {
      double[] v = new double[n];
      boolean numeric = true;
      for (int r = 0; r < n && numeric; r++) {
        String s = rows.get(r)[c];
        if (o.naValues().contains(s) || o.naValues().contains(s.strip())) {
          v[r] = Double.NaN;
        } else if (isNumber(s.strip())) {
          v[r] = Double.parseDouble(s.strip());
        } else if (type == ColumnType.NUMERIC) {
          throw new CsvException(
              file + ": line " + lines.get(r) + ", column " + (c + 1) + " (" + colName
                  + "): expected a number, got '" + s + "'", lines.get(r), c + 1);
        } else {
          numeric = false;
        }
      }
      if (numeric) {
        return new NumericColumn(colName, v);
      }
    }
    String[] v = new String[n];
    for (int r = 0; r < n; r++) {
      String s = rows.get(r)[c];
      v[r] = o.naValues().contains(s) ? null : s;
    }
    return new TextColumn(colName, v);
  }

  /** A decimal number: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. */
  static boolean isNumber(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** The RFC 4180 state machine: one record per {@link #next()}, tracking lines. */
  private static final class Parser {
    private final Reader in;
    private final String name;
    private final char delim;
    private final char quote;
    private int line = 1;
    int recordLine;
    private int pending = -2; // one character of look-ahead; -2 = none
    private boolean first = true;

    Parser(Reader in, String name, CsvOptions o) {
      this.in = in;
      this.name = name;
      this.delim = o.delimiter();
      this.quote = o.quote();
    }

    private int read() throws IOException {
      if (pending != -2) {
        int c = pending;
        pending = -2;
        return c;
      }
      int c = in.read();
      if (first) {
        first = false;
        if (c == '\uFEFF') {
          c = in.read();
        }
      }
      return c;
    }

    /** Consumes a line break starting with c ('\n' or '\r', '\r\n' as one). */
    private void lineBreak(int c) throws IOException {
      if (c == '\r') {
        int d = read();
        if (d != '\n') {
          pending = d;
        }
      }
      line++;
    }

    /** The next record's fields, or null at the end; empty lines are skipped. */
    List<String> next() throws IOException {
      int c = read();
      while (c == '\n' || c == '\r') {
        lineBreak(c);
        c = read();
      }
      if (c == -1) {
        return null;
      }
      recordLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      while (true) {
        sb.setLength(0);
        if (c == quote) {
          int openLine = line;
          while (true) {
            c = read();
            if (c == -1) {
              throw new CsvException(
                  name + ": line " + recordLine + ", column " + (fields.size() + 1)
                      + ": the quoted field opened on line " + openLine
                      + " is not closed before the end of the file", recordLine, fields.size() + 1);
            }
            if (c == quote) {
              c = read();
              if (c == quote) {
                sb.append(quote);
                continue;
              }
              break;
            }
            sb.append((char) c); // line breaks inside quotes are kept as they are
            if (c == '\r') {
              int d = read();
              if (d == '\n') {
                sb.append('\n');
              } else {
                pending = d;
              }
              line++;
            } else if (c == '\n') {
              line++;
            }
          }
          if (c != delim && c != '\n' && c != '\r' && c != -1) {
            throw new CsvException(
                name + ": line " + line + ", column " + (fields.size() + 1)
                    + ": unexpected character '" + (char) c + "' after the closing quote of a"
                    + " quoted field (write a quote inside quotes as two quotes)", line,
                fields.size() + 1);
          }
        } else {
          while (c != delim && c != '\n' && c != '\r' && c != -1) {
            sb.append((char) c);
            c = read();
          }
        }
        fields.add(sb.toString());
        if (c == delim) {
          c = read();
          continue;
        }
        if (c == '\n' || c == '\r') {
          lineBreak(c);
        }
        return fields;
      }
    }
  }
}
