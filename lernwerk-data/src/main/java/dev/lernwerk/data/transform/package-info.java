/**
 * Preprocessing fitted on the training split: {@link dev.lernwerk.data.transform.MinMaxScaler}
 * (to [-1, 1] or [0, 1]), {@link dev.lernwerk.data.transform.Standardizer} (zero mean, unit std) and
 * one-hot labels ({@link dev.lernwerk.data.transform.Labels}). Fitted statistics are saved with
 * {@code state()} and restored with {@code fromState}.
 */
package dev.lernwerk.data.transform;
