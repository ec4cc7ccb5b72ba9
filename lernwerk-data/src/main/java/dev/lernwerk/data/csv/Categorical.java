package dev.lernwerk.data.csv;

import java.util.List;

/**
 * A column as category codes: {@code codes[i]} is the index of row i's value in {@code
 * categories}, or -1 when missing (or unknown to the given categories).
 *
 * @param name the column name
 * @param categories the categories in code order (sorted, unless given)
 * @param codes one code per row
 */
public record Categorical(String name, List<String> categories, int[] codes) {
  /** Copies the category list. */
  public Categorical {
    categories = List.copyOf(categories);
  }

  /** Number of categories. */
  public int numCategories() {
    return categories.size();
  }

  /** The category of {@code row}, or null when missing. */
  public String value(int row) {
    return codes[row] < 0 ? null : categories.get(codes[row]);
  }
}
