/**
 * Training: {@link dev.lernwerk.train.Trainer} runs the course's loop ({@code forward → loss →
 * zeroGrad → backward → step}) with validation after every epoch and returns a {@link
 * dev.lernwerk.train.History} of per-epoch logs; {@link dev.lernwerk.train.TrainContext} is what
 * callbacks see and steer; {@link dev.lernwerk.train.Stateful} is state a checkpoint saves besides the
 * model and optimizer.
 *
 * <p>Subpackages: {@code callback} (progress, early stopping, checkpoints and resume, schedules,
 * gradient accumulation and clipping, NaN guard, metric logs), {@code metric} (pure metric functions
 * and streaming accumulators), {@code diagnose} (loss-curve verdicts, overfit-one-batch, LR finder,
 * fit verdicts), {@code tune} (grid and random search, cross-validation, ensembles).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 3e-3))
 *     .metrics(new AccuracyMetric())
 *     .callbacks(new ProgressBar(), new EarlyStopping("val_loss", 3))
 *     .build();
 * History h = trainer.fit(trainLoader, validLoader, 10);
 * }</pre>
 */
package dev.lernwerk.train;
