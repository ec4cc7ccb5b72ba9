package dev.lernwerk.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer for a few steps on a small quadratic against its update rule written out here in
 * double. Tagged "kernels": the build runs it on the vector and on the scalar kernel path.
 */
@Tag("kernels")
class UpdateRulesTest {
  private static final int STEPS = 6;

  /** A reference rule: updates theta in place given the gradient at it and the step t (1-based). */
  interface Reference {
    void step(double[] theta, double[] grad, int t);
  }

  private static void compare(String label, Function<Quadratic, Optimizer> make, Reference ref) {
    var q = new Quadratic(42);
    Optimizer opt = make.apply(q);
    double[] theta = q.theta0Double();
    double maxDiff = 0;
    for (int t = 1; t <= STEPS; t++) {
      q.step(opt);
      double[] g = new double[9];
      for (int i = 0; i < 9; i++) {
        g[i] = q.grad(theta, i);
      }
      ref.step(theta, g, t);
      float[] got = q.values();
      for (int i = 0; i < 9; i++) {
        double d = Math.abs(got[i] - theta[i]) / Math.max(1, Math.abs(theta[i]));
        maxDiff = Math.max(maxDiff, d);
      }
    }
    assertTrue(maxDiff < 2e-5, label + ": max relative difference " + maxDiff);
    // the run moved the parameters (a test that can fail if step() does nothing)
    float[] got = q.values();
    double moved = 0;
    for (int i = 0; i < 9; i++) {
      moved += Math.abs(got[i] - q.theta0[i]);
    }
    assertTrue(moved > 1e-3, label + ": parameters did not move");
    assertEquals(STEPS, opt.stepCount());
  }

  // ------------------------------------------------------------------ SGD

  private static Reference sgd(
      double lr, double mu, double damp, boolean nesterov, double wd) {
    double[] buf = new double[9];
    return (theta, grad, t) -> {
      for (int i = 0; i < 9; i++) {
        double g = grad[i] + wd * theta[i];
        if (mu != 0) {
          buf[i] = t == 1 ? g : mu * buf[i] + (1 - damp) * g;
          g = nesterov ? g + mu * buf[i] : buf[i];
        }
        theta[i] -= lr * g;
      }
    };
  }

  @Test
  void sgdPlain() {
    compare("SGD", q -> new SGD(q.params(), 0.1), sgd(0.1, 0, 0, false, 0));
  }

  @Test
  void sgdMomentum() {
    var s = SGD.Settings.defaults().withLr(0.05).withMomentum(0.9);
    compare("SGD momentum", q -> new SGD(q.params(), s), sgd(0.05, 0.9, 0, false, 0));
  }

  @Test
  void sgdMomentumDampeningWeightDecay() {
    var s =
        SGD.Settings.defaults().withLr(0.05).withMomentum(0.8).withDampening(0.3)
            .withWeightDecay(0.01);
    compare("SGD dampening", q -> new SGD(q.params(), s), sgd(0.05, 0.8, 0.3, false, 0.01));
  }

  @Test
  void sgdNesterov() {
    var s =
        SGD.Settings.defaults().withLr(0.05).withMomentum(0.9).withNesterov(true)
            .withWeightDecay(0.1);
    compare("SGD nesterov", q -> new SGD(q.params(), s), sgd(0.05, 0.9, 0, true, 0.1));
  }

  // ------------------------------------------------------------------ Adam family

  private static Reference adam(
      double lr, double b1, double b2, double eps, double wd, boolean ams, boolean decoupled) {
    double[] m = new double[9];
    double[] v = new double[9];
    double[] vmax = new double[9];
    return (theta, grad, t) -> {
      for (int i = 0; i < 9; i++) {
        double g = grad[i];
        if (decoupled) {
          theta[i] *= 1 - lr * wd;
        } else {
          g += wd * theta[i];
        }
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double vh = v[i];
        if (ams) {
          vmax[i] = Math.max(vmax[i], v[i]);
          vh = vmax[i];
        }
        double mhat = m[i] / (1 - Math.pow(b1, t));
        double denom = Math.sqrt(vh) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
        theta[i] -= lr * mhat / denom;
      }
    };
  }

  @Test
  void adamPlain() {
    compare("Adam", q -> new Adam(q.params(), 0.05), adam(0.05, 0.9, 0.999, 1e-8, 0, false, false));
  }

  @Test
  void adamWeightDecayAmsgrad() {
    var s =
        Adam.Settings.defaults().withLr(0.03).withBetas(0.8, 0.99).withEps(1e-6)
            .withWeightDecay(0.05).withAmsgrad(true);
    compare("Adam wd amsgrad", q -> new Adam(q.params(), s),
        adam(0.03, 0.8, 0.99, 1e-6, 0.05, true, false));
  }

  @Test
  void adamW() {
    compare("AdamW", q -> new AdamW(q.params(), 0.05),
        adam(0.05, 0.9, 0.999, 1e-8, 0.01, false, true));
  }

  @Test
  void adamWStrongDecayAmsgrad() {
    var s = AdamW.Settings.defaults().withLr(0.02).withWeightDecay(0.5).withAmsgrad(true);
    compare("AdamW amsgrad", q -> new AdamW(q.params(), s),
        adam(0.02, 0.9, 0.999, 1e-8, 0.5, true, true));
  }

  // ------------------------------------------------------------------ Adagrad, Adadelta, RMSprop

  @Test
  void adagrad() {
    var s =
        Adagrad.Settings.defaults().withLr(0.3).withLrDecay(0.1).withWeightDecay(0.02)
            .withInitialAccumulatorValue(0.1);
    double[] sum = new double[9];
    java.util.Arrays.fill(sum, 0.1);
    compare("Adagrad", q -> new Adagrad(q.params(), s), (theta, grad, t) -> {
      double clr = 0.3 / (1 + (t - 1) * 0.1);
      for (int i = 0; i < 9; i++) {
        double g = grad[i] + 0.02 * theta[i];
        sum[i] += g * g;
        theta[i] -= clr * g / (Math.sqrt(sum[i]) + 1e-10);
      }
    });
  }

  @Test
  void adadelta() {
    var s = Adadelta.Settings.defaults().withRho(0.8).withEps(1e-3).withWeightDecay(0.01);
    double[] sq = new double[9];
    double[] acc = new double[9];
    compare("Adadelta", q -> new Adadelta(q.params(), s), (theta, grad, t) -> {
      for (int i = 0; i < 9; i++) {
        double g = grad[i] + 0.01 * theta[i];
        sq[i] = 0.8 * sq[i] + 0.2 * g * g;
        double delta = Math.sqrt(acc[i] + 1e-3) / Math.sqrt(sq[i] + 1e-3) * g;
        acc[i] = 0.8 * acc[i] + 0.2 * delta * delta;
        theta[i] -= 1.0 * delta;
      }
    });
  }

  private static Reference rmsprop(
      double lr, double alpha, double eps, double wd, double mu, boolean centered) {
    double[] sq = new double[9];
    double[] gavg = new double[9];
    double[] buf = new double[9];
    return (theta, grad, t) -> {
      for (int i = 0; i < 9; i++) {
        double g = grad[i] + wd * theta[i];
        sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
        double v = sq[i];
        if (centered) {
          gavg[i] = alpha * gavg[i] + (1 - alpha) * g;
          v -= gavg[i] * gavg[i];
        }
        double d = Math.sqrt(v) + eps;
        if (mu > 0) {
          buf[i] = mu * buf[i] + g / d;
          theta[i] -= lr * buf[i];
        } else {
          theta[i] -= lr * g / d;
        }
      }
    };
  }

  @Test
  void rmsprop() {
    compare("RMSprop", q -> new RMSprop(q.params(), 0.01), rmsprop(0.01, 0.99, 1e-8, 0, 0, false));
  }

  @Test
  void rmspropCenteredMomentumWeightDecay() {
    var s =
        RMSprop.Settings.defaults().withLr(0.005).withAlpha(0.9).withCentered(true)
            .withMomentum(0.7).withWeightDecay(0.03);
    compare("RMSprop centered", q -> new RMSprop(q.params(), s),
        rmsprop(0.005, 0.9, 1e-8, 0.03, 0.7, true));
  }

  @Test
  void adamFirstStepMovesEveryCoordinateByLr() {
    // m̂ = g and v̂ = g² on step 1, so each coordinate moves by lr·sign(g) (eps aside)
    var q = new Quadratic(5);
    var opt = new Adam(q.params(), 0.01);
    q.step(opt);
    float[] got = q.values();
    for (int i = 0; i < 9; i++) {
      double g = q.grad(q.theta0Double(), i);
      assertEquals(q.theta0[i] - 0.01 * Math.signum(g), got[i], 1e-6, "coordinate " + i);
    }
  }
}
