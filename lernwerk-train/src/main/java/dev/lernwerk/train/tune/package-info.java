/**
 * Hyperparameter search and model combination: {@link dev.lernwerk.train.tune.Grid} and
 * {@link dev.lernwerk.train.tune.RandomSearch} enumerate settings,
 * {@link dev.lernwerk.train.tune.ResultsTable} collects {@link dev.lernwerk.train.tune.Trial}s and
 * picks the best by a validation metric, {@link dev.lernwerk.train.tune.Tuning} holds rules of thumb
 * (learning rate against batch size), and {@link dev.lernwerk.train.tune.Ensemble} averages or votes
 * the predictions of several models.
 *
 * <pre>{@code
 * var axes = new LinkedHashMap<String, List<?>>();
 * axes.put("layers", List.of(1, 2, 3));
 * axes.put("lr", List.of(1e-3, 1e-2, 1e-1));
 * var results = new ResultsTable("val_accuracy", true);
 * for (Map<String, Object> p : Grid.of(axes)) {
 *   results.add(new Trial(p, trainAndValidate((int) p.get("layers"), (double) p.get("lr"))));
 * }
 * System.out.print(results.toText());
 * }</pre>
 */
package dev.lernwerk.train.tune;
