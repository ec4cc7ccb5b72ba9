package dev.lernwerk.train.diagnose;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.LoaderState;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Tensor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learning-rate finder (LR-06): raises the learning rate exponentially from {@code startLr} to
 * {@code endLr} over at most {@code steps} batches, records the loss after each step, stops when the
 * smoothed loss passes 4× its best, and suggests learning rates ({@link LrFinderResult}). The
 * model's weights and buffers, its generators (dropout), its train/eval modes, the optimizer's state
 * and learning rate and — when {@code data} is a {@link DataLoader} — the loader's position are
 * restored afterwards, so the search leaves no trace. The gradients are cleared.
 *
 * <pre>{@code
 * LrFinderResult r = LrFinder.run(model, loss, opt, trainLoader, 1e-7, 10, 100);
 * double lr = r.suggestSteepest();
 * }</pre>
 */
public final class LrFinder {
  private LrFinder() {}

  /** Runs the ramp over batches of {@code data} (restarting it if it runs out). */
  public static LrFinderResult run(
      Module model, Loss loss, Optimizer optimizer, Iterable<Batch> data, double startLr, double endLr, int steps) {
    if (!(startLr > 0) || !(endLr > startLr) || steps < 2) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "LrFinder: expected 0 < startLr < endLr and steps >= 2, got startLr=%g, endLr=%g, steps=%d",
          startLr, endLr, steps));
    }
    Map<String, Tensor> modelState = copy(model.stateDict());
    Map<String, Tensor> optState = copy(optimizer.stateDict());
    double oldLr = optimizer.learningRate();
    Map<String, long[]> rngState = new LinkedHashMap<>();
    model.namedGenerators().forEach((k, g) -> rngState.put(k, g.state()));
    Map<Module, Boolean> modes = new LinkedHashMap<>();
    model.namedModules().values().forEach(m -> modes.put(m, m.isTraining()));
    LoaderState loaderState = data instanceof DataLoader<?> dl ? dl.state() : null;
    double[] lrs = LrFinderResult.exponentialRamp(startLr, endLr, steps);
    LrFinderRecorder rec = new LrFinderRecorder();
    model.train();
    Iterator<Batch> it = null;
    try {
      it = data.iterator();
      for (int s = 0; s < steps; s++) {
        if (!it.hasNext()) {
          close(it);
          it = data.iterator();
          if (!it.hasNext()) {
            throw new IllegalArgumentException("LrFinder: the data yielded no batches");
          }
        }
        Batch b = it.next();
        optimizer.setLearningRate(lrs[s]);
        Tensor l = loss.apply(model.forward(b.inputs()), b.targets());
        double v = l.item();
        optimizer.zeroGrad();
        l.backward();
        optimizer.step();
        if (rec.record(lrs[s], v)) {
          break;
        }
      }
    } finally {
      close(it);
      model.loadStateDict(modelState, true);
      optimizer.loadStateDict(optState);
      optimizer.setLearningRate(oldLr);
      optimizer.zeroGrad();
      model.namedGenerators().forEach((k, g) -> g.setState(rngState.get(k)));
      modes.forEach((m, training) -> m.train(training)); // pre-order: a module's own call comes last
      if (loaderState != null) {
        ((DataLoader<?>) data).restore(loaderState);
      }
    }
    return rec.result();
  }

  private static void close(Iterator<Batch> it) {
    if (it instanceof DataLoader.Epoch e) {
      e.close();
    }
  }

  private static Map<String, Tensor> copy(Map<String, Tensor> m) {
    Map<String, Tensor> c = new LinkedHashMap<>();
    try (var g = Grad.disabled()) {
      for (var e : m.entrySet()) {
        c.put(e.getKey(), e.getValue().detach().clone());
      }
    }
    return c;
  }
}
