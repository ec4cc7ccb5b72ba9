/**
 * CSV files as typed tables: {@link dev.lernwerk.data.csv.CsvReader} (RFC 4180, errors with file,
 * line and column) reads into a {@link dev.lernwerk.data.csv.Table} of numeric and text columns, which
 * finds and imputes missing values, encodes categories as codes or dummy columns, log-transforms
 * skewed columns and produces feature and label tensors.
 */
package dev.lernwerk.data.csv;
