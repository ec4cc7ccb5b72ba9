/**
 * Callbacks for {@link dev.lernwerk.train.Trainer}: every feature beyond the bare loop is one of
 * these, with a fixed position ({@link dev.lernwerk.train.callback.Callback#order()}):
 *
 * <ul>
 *   <li>{@link dev.lernwerk.train.callback.LrScheduler} (-20): learning rate and momentum from a
 *       schedule, per batch or per epoch;
 *   <li>{@link dev.lernwerk.train.callback.GradientAccumulation} (-15): one step per n batches;
 *   <li>{@link dev.lernwerk.train.callback.NanGuard} (-12): stop before a non-finite loss or gradient
 *       reaches the weights;
 *   <li>{@link dev.lernwerk.train.callback.GradientClipping} (-10): by global norm or by value;
 *   <li>{@link dev.lernwerk.train.callback.ReduceLrOnPlateau} (5), {@link
 *       dev.lernwerk.train.callback.EarlyStopping} (10): react to a monitored log value;
 *   <li>{@link dev.lernwerk.train.callback.Checkpoint} (15): last and best checkpoints and resume
 *       after a kill;
 *   <li>{@link dev.lernwerk.train.callback.MetricsLogger}, {@link
 *       dev.lernwerk.train.callback.ProgressBar} (20): CSV/JSON-lines logs and the console.
 * </ul>
 */
package dev.lernwerk.train.callback;
