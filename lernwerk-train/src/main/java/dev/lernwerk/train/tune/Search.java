package dev.lernwerk.train.tune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a hyperparameter search (HP-01, HP-02, HP-03, HP-05): one trial per setting, each trial a
 * function from the setting to its validation metrics, collected in a {@link ResultsTable} ranked by
 * the objective. Selection happens on these (validation) metrics only; evaluate the best setting on
 * the test set once, afterwards.
 *
 * <pre>{@code
 * var grid = Grid.of(Map.of("hidden_layers", List.of(1, 2, 3), "lr", List.of(1e-3, 3e-3, 1e-2)));
 * ResultsTable t = Search.run(grid, "val_accuracy", true, p -> {
 *   Module m = mlp((Integer) p.get("hidden_layers"));          // the variable-depth factory (HP-06)
 *   var trainer = Trainer.builder(m, new CrossEntropyLoss(), new Adam(m.parameters(), (Double) p.get("lr")))
 *       .metrics(new AccuracyMetric()).build();
 *   return trainer.fit(trainLoader, validLoader, 3).last();    // contains val_accuracy
 * });
 * System.out.println(t.toText());
 * }</pre>
 */
public final class Search {
  private Search() {}

  /** Runs {@code trial} for every setting, in order, and returns the ranked table. */
  public static ResultsTable run(
      List<Map<String, Object>> settings,
      String objective,
      boolean higherIsBetter,
      Function<Map<String, Object>, Map<String, Double>> trial) {
    Objects.requireNonNull(trial, "trial");
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("Search.run: no settings to try");
    }
    ResultsTable table = new ResultsTable(objective, higherIsBetter);
    for (Map<String, Object> p : settings) {
      Map<String, Double> metrics = trial.apply(p);
      if (metrics == null || !metrics.containsKey(objective)) {
        throw new IllegalStateException(
            "Search.run: the trial for " + p + " returned no '" + objective + "' (it returned "
                + (metrics == null ? "null" : metrics.keySet()) + ")");
      }
      table.add(new Trial(new LinkedHashMap<>(p), new LinkedHashMap<>(metrics)));
    }
    return table;
  }
}
