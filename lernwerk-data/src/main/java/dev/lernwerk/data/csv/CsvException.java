package dev.lernwerk.data.csv;

import java.io.IOException;

/**
 * A CSV file that cannot be read as asked: the message names the file, the line (1-based, where
 * the record starts) and the column (1-based field number, with its name when known).
 */
public final class CsvException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final int column;

  /** An error at a line and column (0 when not applicable). */
  public CsvException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** The 1-based line, or 0. */
  public int line() {
    return line;
  }

  /** The 1-based column (field number), or 0. */
  public int column() {
    return column;
  }
}
