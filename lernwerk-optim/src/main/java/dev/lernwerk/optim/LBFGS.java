package dev.lernwerk.optim;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * L-BFGS, a limited-memory quasi-Newton method for small full-batch problems: it builds an
 * approximation of the inverse Hessian from the last {@code historySize} pairs of parameter and
 * gradient changes and steps along {@code d = −H·g} (two-loop recursion), optionally with a
 * strong-Wolfe line search. Where gradient descent needs many small steps through a curved valley,
 * this takes Newton-like steps without forming the Hessian.
 *
 * <pre>
 * sₖ = θₖ₊₁ − θₖ,  yₖ = gₖ₊₁ − gₖ,  ρₖ = 1/(yₖ·sₖ)   (a pair is kept only when yₖ·sₖ &gt; 1e-10)
 * q ← −g;  for k newest→oldest: αₖ = ρₖ·sₖ·q,  q ← q − αₖ·yₖ
 * r ← γ·q with γ = (s·y)/(y·y) of the newest pair
 * for k oldest→newest: β = ρₖ·yₖ·r,  r ← r + sₖ·(αₖ − β)
 * θ ← θ + t·r      (t = lr, or found by the line search; the first step is min(1, 1/‖g‖₁)·lr)
 * </pre>
 *
 * It follows PyTorch's {@code torch.optim.LBFGS} (one parameter group; the loss is re-evaluated
 * through a closure). References: Liu &amp; Nocedal, "On the limited memory BFGS method for large
 * scale optimization" (Math. Programming 1989); Nocedal &amp; Wright, "Numerical Optimization" (2006),
 * algorithms 7.4 and 3.5–3.6 (line search).
 *
 * <pre>{@code
 * var opt = new LBFGS(params, LBFGS.Settings.defaults().withLineSearch(true));
 * for (int i = 0; i < 10; i++) {
 *   double loss = opt.step(() -> {
 *     opt.zeroGrad();
 *     Tensor l = lossFn(params);
 *     l.backward();
 *     return l;
 *   });
 * }
 * }</pre>
 *
 * Parameters are updated in float; history vectors are float, dot products accumulate in double.
 */
public final class LBFGS extends Optimizer {
  static final String NAME = "LBFGS";

  /** Recomputes the loss: zero the gradients, forward, backward, return the loss. */
  @FunctionalInterface
  public interface Closure {
    Tensor evaluate();
  }

  /**
   * L-BFGS's settings (defaults as in PyTorch).
   *
   * @param lr step length (≥ 0; default 1)
   * @param maxIter iterations per {@link #step(Closure)} call (≥ 1; default 20)
   * @param maxEval loss evaluations per call (≥ 1; default maxIter·5/4)
   * @param toleranceGrad stop when max |g| ≤ this (≥ 0; default 1e-7)
   * @param toleranceChange stop when the step or the loss change is below this (≥ 0; default 1e-9)
   * @param historySize number of (s, y) pairs kept (≥ 1; default 100)
   * @param lineSearch use the strong-Wolfe line search (default false: fixed step lr)
   */
  public record Settings(
      double lr,
      int maxIter,
      int maxEval,
      double toleranceGrad,
      double toleranceChange,
      int historySize,
      boolean lineSearch) {
    /** Validates every field. */
    public Settings {
      Check.lr(NAME, lr);
      Check.positive(NAME, "maxIter", maxIter);
      Check.positive(NAME, "maxEval", maxEval);
      Check.nonNegative(NAME, "toleranceGrad", toleranceGrad);
      Check.nonNegative(NAME, "toleranceChange", toleranceChange);
      Check.positive(NAME, "historySize", historySize);
    }

    /** lr 1, 20 iterations, 25 evaluations, tolerances 1e-7 / 1e-9, history 100, no line search. */
    public static Settings defaults() {
      return new Settings(1, 20, 25, 1e-7, 1e-9, 100, false);
    }

    public Settings withLr(double lr) {
      return new Settings(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize,
          lineSearch);
    }

    /** Sets maxIter and maxEval = maxIter·5/4 (call {@link #withMaxEval} after to override). */
    public Settings withMaxIter(int maxIter) {
      return new Settings(lr, maxIter, Math.max(1, maxIter * 5 / 4), toleranceGrad,
          toleranceChange, historySize, lineSearch);
    }

    public Settings withMaxEval(int maxEval) {
      return new Settings(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize,
          lineSearch);
    }

    public Settings withTolerances(double toleranceGrad, double toleranceChange) {
      return new Settings(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize,
          lineSearch);
    }

    public Settings withHistorySize(int historySize) {
      return new Settings(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize,
          lineSearch);
    }

    public Settings withLineSearch(boolean lineSearch) {
      return new Settings(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize,
          lineSearch);
    }

    /** As group options (integers and the flag as doubles). */
    public Map<String, Double> toOptions() {
      var m = new LinkedHashMap<String, Double>();
      m.put(LR, lr);
      m.put("max_iter", (double) maxIter);
      m.put("max_eval", (double) maxEval);
      m.put("tolerance_grad", toleranceGrad);
      m.put("tolerance_change", toleranceChange);
      m.put("history_size", (double) historySize);
      m.put("line_search", Check.bit(lineSearch));
      return m;
    }

    /** Reads (and so validates) settings from group options. */
    public static Settings fromOptions(Map<String, Double> o) {
      return new Settings(
          Check.get(NAME, o, LR),
          integer(o, "max_iter"),
          integer(o, "max_eval"),
          Check.get(NAME, o, "tolerance_grad"),
          Check.get(NAME, o, "tolerance_change"),
          integer(o, "history_size"),
          Check.flag(NAME, o, "line_search"));
    }

    private static int integer(Map<String, Double> o, String key) {
      double v = Check.get(NAME, o, key);
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            NAME + ": invalid " + key + ": " + v + " (expected an integer)");
      }
      return (int) v;
    }
  }

  private final List<Tensor> params;
  private final int n;
  // the algorithm's memory between step() calls (PyTorch's state)
  private long funcEvals;
  private long nIter;
  private float[] d;
  private double t;
  private float[] prevFlatGrad;
  private double prevLoss;
  private final List<float[]> oldDirs = new ArrayList<>(); // y
  private final List<float[]> oldStps = new ArrayList<>(); // s
  private final List<Double> ro = new ArrayList<>();
  private double hDiag = 1;

  /** L-BFGS with PyTorch's defaults (lr 1, no line search). */
  public LBFGS(Collection<Tensor> params) {
    this(params, Settings.defaults());
  }

  public LBFGS(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public LBFGS(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** One parameter group (L-BFGS works on all parameters as one vector). */
  public LBFGS(List<ParamGroup> groups, Settings settings) {
    super(NAME, checkOne(groups), settings.toOptions(), Settings::fromOptions, null);
    this.params = groups().get(0).params();
    int total = 0;
    for (Tensor p : params) {
      total = Math.addExact(total, p.numel());
    }
    this.n = total;
  }

  private static List<ParamGroup> checkOne(List<ParamGroup> groups) {
    if (groups.size() != 1) {
      throw new IllegalArgumentException(
          NAME + ": supports exactly one parameter group, got " + groups.size());
    }
    return groups;
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    throw new UnsupportedOperationException(NAME + ": needs step(closure)");
  }

  /** Always fails: L-BFGS re-evaluates the loss, use {@link #step(Closure)}. */
  @Override
  public void step() {
    throw new UnsupportedOperationException(
        NAME + ": needs a closure that recomputes the loss: call step(() -> { zeroGrad(); "
            + "Tensor loss = …; loss.backward(); return loss; })");
  }

  /** The current settings (group options may have been changed with setGroupOption). */
  private Settings settings() {
    if (groups().size() != 1) {
      throw new IllegalStateException(NAME + ": supports exactly one parameter group");
    }
    return Settings.fromOptions(groups().get(0).options());
  }

  /**
   * Runs up to {@code maxIter} L-BFGS iterations, calling {@code closure} to re-evaluate the loss and
   * gradients; returns the loss of the first evaluation (before this call's updates).
   */
  public double step(Closure closure) {
    Settings s = settings();
    double lr = s.lr();
    double origLoss = evaluate(closure);
    double loss = origLoss;
    int currentEvals = 1;
    funcEvals++;
    float[] flatGrad = gatherGrad();
    if (maxAbs(flatGrad) <= s.toleranceGrad()) {
      markStep();
      return origLoss;
    }
    int iter = 0;
    while (iter < s.maxIter()) {
      iter++;
      nIter++;
      if (nIter == 1) {
        d = negate(flatGrad);
        oldDirs.clear();
        oldStps.clear();
        ro.clear();
        hDiag = 1;
      } else {
        float[] y = new float[n];
        float[] st = new float[n];
        for (int i = 0; i < n; i++) {
          y[i] = flatGrad[i] - prevFlatGrad[i];
          st[i] = (float) (d[i] * t);
        }
        double ys = dot(y, st);
        if (ys > 1e-10) {
          if (oldDirs.size() == s.historySize()) {
            oldDirs.remove(0);
            oldStps.remove(0);
            ro.remove(0);
          }
          oldDirs.add(y);
          oldStps.add(st);
          ro.add(1.0 / ys);
          hDiag = ys / dot(y, y);
        }
        d = direction(flatGrad);
      }
      prevFlatGrad = flatGrad.clone();
      prevLoss = loss;
      t = nIter == 1 ? Math.min(1.0, 1.0 / sumAbs(flatGrad)) * lr : lr;
      double gtd = dot(flatGrad, d);
      if (gtd > -s.toleranceChange()) {
        break;
      }
      int lsEvals = 0;
      boolean optCond = false;
      if (s.lineSearch()) {
        float[][] x = snapshot();
        var r = strongWolfe(closure, x, t, d, loss, flatGrad, gtd, s.toleranceChange());
        loss = r.f;
        flatGrad = r.g;
        t = r.t;
        lsEvals = r.evals;
        addDirection(t, d);
        optCond = maxAbs(flatGrad) <= s.toleranceGrad();
      } else {
        addDirection(t, d);
        if (iter != s.maxIter()) {
          loss = evaluate(closure);
          flatGrad = gatherGrad();
          optCond = maxAbs(flatGrad) <= s.toleranceGrad();
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      funcEvals += lsEvals;
      if (iter == s.maxIter() || currentEvals >= s.maxEval() || optCond) {
        break;
      }
      if (maxAbs(d) * Math.abs(t) <= s.toleranceChange()
          || Math.abs(loss - prevLoss) < s.toleranceChange()) {
        break;
      }
    }
    markStep();
    return origLoss;
  }

  private void markStep() {
    countStep();
  }

  /** Total loss evaluations so far. */
  public long functionEvaluations() {
    return funcEvals;
  }

  /** Total L-BFGS iterations so far. */
  public long iterations() {
    return nIter;
  }

  // ---------------------------------------------------------------- two-loop recursion

  private float[] direction(float[] g) {
    int k = oldDirs.size();
    double[] al = new double[k];
    float[] q = negate(g);
    for (int i = k - 1; i >= 0; i--) {
      al[i] = dot(oldStps.get(i), q) * ro.get(i);
      float[] y = oldDirs.get(i);
      float a = (float) al[i];
      for (int j = 0; j < n; j++) {
        q[j] = q[j] - a * y[j];
      }
    }
    float h = (float) hDiag;
    for (int j = 0; j < n; j++) {
      q[j] = q[j] * h;
    }
    for (int i = 0; i < k; i++) {
      double be = dot(oldDirs.get(i), q) * ro.get(i);
      float[] st = oldStps.get(i);
      float c = (float) (al[i] - be);
      for (int j = 0; j < n; j++) {
        q[j] = q[j] + c * st[j];
      }
    }
    return q;
  }

  // ---------------------------------------------------------------- strong-Wolfe line search

  private record LineResult(double f, float[] g, double t, int evals) {}

  /** Loss and gradient at x + step·dir; the parameters are put back to x afterwards. */
  private LineResult directional(Closure closure, float[][] x, double step, float[] dir) {
    addDirection(step, dir);
    double f = evaluate(closure);
    float[] g = gatherGrad();
    restore(x);
    return new LineResult(f, g, step, 1);
  }

  private LineResult strongWolfe(
      Closure closure, float[][] x, double t0, float[] dir, double f, float[] g, double gtd,
      double tolChange) {
    final double c1 = 1e-4;
    final double c2 = 0.9;
    final int maxLs = 25;
    double t = t0;
    double dNorm = maxAbs(dir);
    LineResult nw = directional(closure, x, t, dir);
    double fNew = nw.f;
    float[] gNew = nw.g;
    int evals = 1;
    double gtdNew = dot(gNew, dir);
    double tPrev = 0;
    double fPrev = f;
    float[] gPrev = g;
    double gtdPrev = gtd;
    boolean done = false;
    int lsIter = 0;
    double[] br = null;
    double[] brF = null;
    float[][] brG = null;
    double[] brGtd = null;
    while (lsIter < maxLs) {
      if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
        br = new double[] {tPrev, t};
        brF = new double[] {fPrev, fNew};
        brG = new float[][] {gPrev, gNew};
        brGtd = new double[] {gtdPrev, gtdNew};
        break;
      }
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        br = new double[] {t};
        brF = new double[] {fNew};
        brG = new float[][] {gNew};
        done = true;
        break;
      }
      if (gtdNew >= 0) {
        br = new double[] {tPrev, t};
        brF = new double[] {fPrev, fNew};
        brG = new float[][] {gPrev, gNew};
        brGtd = new double[] {gtdPrev, gtdNew};
        break;
      }
      double minStep = t + 0.01 * (t - tPrev);
      double maxStep = t * 10;
      double tmp = t;
      t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
      tPrev = tmp;
      fPrev = fNew;
      gPrev = gNew;
      gtdPrev = gtdNew;
      nw = directional(closure, x, t, dir);
      fNew = nw.f;
      gNew = nw.g;
      evals++;
      gtdNew = dot(gNew, dir);
      lsIter++;
    }
    if (lsIter == maxLs) {
      br = new double[] {0, t};
      brF = new double[] {f, fNew};
      brG = new float[][] {g, gNew};
      brGtd = new double[] {gtd, gtdNew};
    }
    boolean insufProgress = false;
    int low = brF[0] <= brF[brF.length - 1] ? 0 : 1;
    int high = 1 - low;
    while (!done && lsIter < maxLs) {
      if (Math.abs(br[1] - br[0]) * dNorm < tolChange) {
        break;
      }
      t = cubicInterpolate(br[0], brF[0], brGtd[0], br[1], brF[1], brGtd[1],
          Math.min(br[0], br[1]), Math.max(br[0], br[1]));
      double bMax = Math.max(br[0], br[1]);
      double bMin = Math.min(br[0], br[1]);
      double eps = 0.1 * (bMax - bMin);
      if (Math.min(bMax - t, t - bMin) < eps) {
        if (insufProgress || t >= bMax || t <= bMin) {
          t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
          insufProgress = false;
        } else {
          insufProgress = true;
        }
      } else {
        insufProgress = false;
      }
      nw = directional(closure, x, t, dir);
      fNew = nw.f;
      gNew = nw.g;
      evals++;
      gtdNew = dot(gNew, dir);
      lsIter++;
      if (fNew > f + c1 * t * gtd || fNew >= brF[low]) {
        br[high] = t;
        brF[high] = fNew;
        brG[high] = gNew;
        brGtd[high] = gtdNew;
        low = brF[0] <= brF[1] ? 0 : 1;
        high = 1 - low;
      } else {
        if (Math.abs(gtdNew) <= -c2 * gtd) {
          done = true;
        } else if (gtdNew * (br[high] - br[low]) >= 0) {
          br[high] = br[low];
          brF[high] = brF[low];
          brG[high] = brG[low];
          brGtd[high] = brGtd[low];
        }
        br[low] = t;
        brF[low] = fNew;
        brG[low] = gNew;
        brGtd[low] = gtdNew;
      }
    }
    int pos = br.length == 1 ? 0 : low;
    return new LineResult(brF[pos], brG[pos], br[pos], evals);
  }

  /** Minimiser of the cubic through (x1, f1, g1), (x2, f2, g2), clamped to [lo, hi]. */
  static double cubicInterpolate(
      double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
    double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
    double d2Square = d1 * d1 - g1 * g2;
    if (d2Square >= 0) {
      double d2 = Math.sqrt(d2Square);
      double minPos =
          x1 <= x2
              ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
              : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
      return Math.min(Math.max(minPos, lo), hi);
    }
    return (lo + hi) / 2;
  }

  // ---------------------------------------------------------------- flat vectors

  private double evaluate(Closure closure) {
    try (var g = Grad.enabled()) {
      Tensor loss = closure.evaluate();
      if (loss == null || loss.numel() != 1) {
        throw new IllegalArgumentException(
            NAME + ": the closure must return the one-element loss, got "
                + (loss == null ? "null" : "shape " + java.util.Arrays.toString(loss.shape())));
      }
      return loss.item();
    }
  }

  private float[] gatherGrad() {
    float[] out = new float[n];
    int off = 0;
    for (Tensor p : params) {
      Tensor g = p.grad();
      if (g != null) {
        float[] v = g.toFloatArray();
        System.arraycopy(v, 0, out, off, v.length);
      }
      off += p.numel();
    }
    return out;
  }

  /** θ ← θ + step·dir, in float like PyTorch's add_(dir, alpha=step). */
  private void addDirection(double step, float[] dir) {
    float a = (float) step;
    try (var g = Grad.disabled()) {
      int off = 0;
      for (Tensor p : params) {
        float[] v = p.toFloatArray();
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] + a * dir[off + i];
        }
        write(p, v);
        off += v.length;
      }
    }
  }

  private float[][] snapshot() {
    float[][] x = new float[params.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = params.get(i).toFloatArray();
    }
    return x;
  }

  private void restore(float[][] x) {
    try (var g = Grad.disabled()) {
      for (int i = 0; i < x.length; i++) {
        write(params.get(i), x[i].clone());
      }
    }
  }

  private static void write(Tensor p, float[] values) {
    p.copy_(Tensor.wrap(values, p.shape()));
  }

  private double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static float[] negate(float[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = -a[i];
    }
    return out;
  }

  private static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double sumAbs(float[] a) {
    double s = 0;
    for (float v : a) {
      s += Math.abs(v);
    }
    return s;
  }

  // ---------------------------------------------------------------- state

  /**
   * The base state plus {@code lbfgs.*}: counters, step length, previous loss (exact scalars),
   * direction and previous gradient ([n] float) and the history pairs ([k, n] float each; ρ and the
   * scaling γ are recomputed from them on load, giving the same values).
   */
  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = super.stateDict();
    out.put("lbfgs.func_evals", StateDicts.ofLong(funcEvals));
    out.put("lbfgs.n_iter", StateDicts.ofLong(nIter));
    if (d != null) {
      out.put("lbfgs.t", StateDicts.ofDouble(t));
      out.put("lbfgs.prev_loss", StateDicts.ofDouble(prevLoss));
      out.put("lbfgs.d", Tensor.wrap(d.clone(), n));
      out.put("lbfgs.prev_flat_grad", Tensor.wrap(prevFlatGrad.clone(), n));
      out.put("lbfgs.old_dirs", stack(oldDirs));
      out.put("lbfgs.old_stps", stack(oldStps));
    }
    return out;
  }

  private Tensor stack(List<float[]> rows) {
    float[] flat = new float[rows.size() * n];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, flat, i * n, n);
    }
    return Tensor.wrap(flat, rows.size(), n);
  }

  @Override
  public void loadStateDict(Map<String, Tensor> dict) {
    Map<String, Tensor> base = new LinkedHashMap<>();
    Map<String, Tensor> own = new LinkedHashMap<>();
    for (var e : dict.entrySet()) {
      (e.getKey().startsWith("lbfgs.") ? own : base).put(e.getKey(), e.getValue());
    }
    List<String> problems = new ArrayList<>();
    for (String k : own.keySet()) {
      if (!List.of("lbfgs.func_evals", "lbfgs.n_iter", "lbfgs.t", "lbfgs.prev_loss", "lbfgs.d",
          "lbfgs.prev_flat_grad", "lbfgs.old_dirs", "lbfgs.old_stps").contains(k)) {
        problems.add("unexpected key " + k);
      }
    }
    for (String k : List.of("lbfgs.func_evals", "lbfgs.n_iter")) {
      if (!own.containsKey(k)) {
        problems.add("missing key " + k);
      }
    }
    boolean hasDir = own.containsKey("lbfgs.d");
    if (hasDir) {
      for (String k : List.of("lbfgs.t", "lbfgs.prev_loss", "lbfgs.prev_flat_grad",
          "lbfgs.old_dirs", "lbfgs.old_stps")) {
        if (!own.containsKey(k)) {
          problems.add("missing key " + k);
        }
      }
      checkVector(own, "lbfgs.d", problems);
      checkVector(own, "lbfgs.prev_flat_grad", problems);
      checkHistory(own, "lbfgs.old_dirs", problems);
      checkHistory(own, "lbfgs.old_stps", problems);
      if (problems.isEmpty()
          && own.get("lbfgs.old_dirs").size(0) != own.get("lbfgs.old_stps").size(0)) {
        problems.add("lbfgs.old_dirs and lbfgs.old_stps hold different numbers of pairs");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          NAME + ".loadStateDict: " + problems.size() + " problem(s): "
              + String.join("; ", problems));
    }
    super.loadStateDict(base);
    funcEvals = StateDicts.toLong("lbfgs.func_evals", own.get("lbfgs.func_evals"));
    nIter = StateDicts.toLong("lbfgs.n_iter", own.get("lbfgs.n_iter"));
    oldDirs.clear();
    oldStps.clear();
    ro.clear();
    hDiag = 1;
    if (!hasDir) {
      d = null;
      prevFlatGrad = null;
      return;
    }
    t = StateDicts.toDouble("lbfgs.t", own.get("lbfgs.t"));
    prevLoss = StateDicts.toDouble("lbfgs.prev_loss", own.get("lbfgs.prev_loss"));
    d = own.get("lbfgs.d").toFloatArray();
    prevFlatGrad = own.get("lbfgs.prev_flat_grad").toFloatArray();
    float[] dirs = own.get("lbfgs.old_dirs").toFloatArray();
    float[] stps = own.get("lbfgs.old_stps").toFloatArray();
    int k = own.get("lbfgs.old_dirs").size(0);
    for (int i = 0; i < k; i++) {
      float[] y = java.util.Arrays.copyOfRange(dirs, i * n, (i + 1) * n);
      float[] s = java.util.Arrays.copyOfRange(stps, i * n, (i + 1) * n);
      double ys = dot(y, s);
      oldDirs.add(y);
      oldStps.add(s);
      ro.add(1.0 / ys);
      hDiag = ys / dot(y, y);
    }
  }

  private void checkVector(Map<String, Tensor> own, String key, List<String> problems) {
    Tensor v = own.get(key);
    if (v != null && (v.dtype() != DType.FLOAT32 || v.dim() != 1 || v.size(0) != n)) {
      problems.add(key + ": expected float32 [" + n + "], got " + v.dtype().label() + " "
          + java.util.Arrays.toString(v.shape()));
    }
  }

  private void checkHistory(Map<String, Tensor> own, String key, List<String> problems) {
    Tensor v = own.get(key);
    if (v != null && (v.dtype() != DType.FLOAT32 || v.dim() != 2 || v.size(1) != n)) {
      problems.add(key + ": expected float32 [k, " + n + "], got " + v.dtype().label() + " "
          + java.util.Arrays.toString(v.shape()));
    }
  }
}
