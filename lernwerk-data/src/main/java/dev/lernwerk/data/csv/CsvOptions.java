package dev.lernwerk.data.csv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How to read a CSV file. Immutable; change a copy with the {@code with…} methods.
 *
 * <pre>{@code
 * var opts = CsvOptions.defaults().withDelimiter(';').withType("Pclass", ColumnType.TEXT);
 * }</pre>
 *
 * @param delimiter the field separator (default {@code ','})
 * @param quote the quote character (default {@code '"'}); inside quotes, two quotes stand for one
 * @param header whether the first record holds the column names (default true); without a header
 *     the columns are named {@code 0, 1, …}
 * @param naValues field texts that mean "missing" (default: empty, NA, N/A, NaN, nan, null, NULL,
 *     None)
 * @param types declared column types by name; other columns are {@link ColumnType#AUTO}
 */
public record CsvOptions(
    char delimiter, char quote, boolean header, Set<String> naValues, Map<String, ColumnType> types) {
  /** The default missing-value markers. */
  public static final Set<String> DEFAULT_NA =
      Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "None");

  /** Validates and copies. */
  public CsvOptions {
    if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n'
        || quote == '\r') {
      throw new IllegalArgumentException(
          "CsvOptions: delimiter '" + delimiter + "' and quote '" + quote
              + "' must differ and must not be line breaks");
    }
    naValues = Set.copyOf(naValues);
    types = Map.copyOf(types);
  }

  /** Comma, double quote, header, the default missing markers, all columns auto-typed. */
  public static CsvOptions defaults() {
    return new CsvOptions(',', '"', true, DEFAULT_NA, Map.of());
  }

  /** A copy with another delimiter (e.g. {@code ';'} or {@code '\t'}). */
  public CsvOptions withDelimiter(char d) {
    return new CsvOptions(d, quote, header, naValues, types);
  }

  /** A copy with another quote character. */
  public CsvOptions withQuote(char q) {
    return new CsvOptions(delimiter, q, header, naValues, types);
  }

  /** A copy with or without a header line. */
  public CsvOptions withHeader(boolean h) {
    return new CsvOptions(delimiter, quote, h, naValues, types);
  }

  /** A copy with other missing-value markers. */
  public CsvOptions withNaValues(Set<String> na) {
    return new CsvOptions(delimiter, quote, header, na, types);
  }

  /** A copy that declares the type of one column. */
  public CsvOptions withType(String column, ColumnType type) {
    Map<String, ColumnType> t = new LinkedHashMap<>(types);
    t.put(column, type);
    return new CsvOptions(delimiter, quote, header, naValues, t);
  }
}
