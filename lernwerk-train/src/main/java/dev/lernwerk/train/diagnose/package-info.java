/**
 * Reading what training did: {@link dev.lernwerk.train.diagnose.LossCurve} names the shape of a loss
 * curve and its likely causes, {@link dev.lernwerk.train.diagnose.FitVerdict} gives the
 * bias/variance readout from train, validation and test scores,
 * {@link dev.lernwerk.train.diagnose.LrFinderResult} turns a learning-rate range test into
 * suggestions, {@link dev.lernwerk.train.diagnose.Interpretation} lists the most confused classes and
 * the highest-loss samples, and {@link dev.lernwerk.train.diagnose.Baseline} sets trained numbers
 * against those of an untrained model or a trivial rule.
 */
package dev.lernwerk.train.diagnose;
