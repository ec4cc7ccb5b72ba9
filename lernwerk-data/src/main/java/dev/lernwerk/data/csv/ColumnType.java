package dev.lernwerk.data.csv;

/** How a CSV column is typed. */
public enum ColumnType {
  /** Numeric if every non-missing value is a number, text otherwise (the default). */
  AUTO,
  /** Numbers; a value that is not a number is an error naming its line and column. */
  NUMERIC,
  /** Text (categories), even when the values look like numbers (e.g. a class 1, 2, 3). */
  TEXT
}
