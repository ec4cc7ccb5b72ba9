/**
 * First looks at data: {@link dev.lernwerk.data.explore.Explore} gives shape/dtype summaries, class
 * distributions, per-feature statistics, missing values, Pearson correlations, outlier counts and a
 * pandas-style {@code describe} of a table.
 */
package dev.lernwerk.data.explore;
