/**
 * Metrics as pure functions plus streaming accumulators.
 *
 * <p>{@link dev.lernwerk.train.metric.Metrics} computes a metric from a whole set of outputs and
 * targets: accuracy, top-k accuracy, the {@link dev.lernwerk.train.metric.ConfusionMatrix} with
 * per-class and macro/micro/weighted precision, recall and F1 (sklearn semantics), MSE, RMSE, MAE,
 * R², Pearson's r, the {@link dev.lernwerk.train.metric.RocCurve} and its AUC, cross-entropy and
 * perplexity, IoU and Dice for masks and boxes. Each has a {@link dev.lernwerk.train.metric.Metric}
 * twin that is updated batch by batch, weighted by batch size, and reports the same number at the
 * end of an epoch.
 *
 * <pre>{@code
 * Metric acc = new AccuracyMetric();
 * Metric f1 = new F1Metric(10, Average.MACRO);
 * for (var b : batches) { var out = model.forward(b.x()); acc.update(out, b.y()); f1.update(out, b.y()); }
 * System.out.printf("accuracy %.4f  f1 %.4f%n", acc.result(), f1.result());
 * }</pre>
 */
package dev.lernwerk.train.metric;
