package dev.lernwerk.autograd;

/**
 * The per-thread switch for recording the computation graph.
 *
 * <pre>{@code
 * try (var g = Grad.disabled()) {
 *   Tensor y = model.forward(x);    // nothing recorded, no memory kept for backward
 * }
 * }</pre>
 *
 * Scopes nest and restore the previous mode when closed. The mode is thread-local: a no-grad scope
 * on one thread never affects another.
 */
public final class Grad {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private Grad() {}

  /** True when ops on this thread record the graph. */
  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  /** Disables recording until the returned scope is closed. */
  public static Scope disabled() {
    return set(false);
  }

  /** Enables recording (inside a disabled scope) until the returned scope is closed. */
  public static Scope enabled() {
    return set(true);
  }

  private static Scope set(boolean on) {
    boolean[] cell = ENABLED.get();
    boolean prev = cell[0];
    cell[0] = on;
    return new Scope(cell, prev);
  }

  /** A scope that restores the previous mode on {@link #close()}. */
  public static final class Scope implements AutoCloseable {
    private final boolean[] cell;
    private final boolean prev;
    private boolean closed;

    private Scope(boolean[] cell, boolean prev) {
      this.cell = cell;
      this.prev = prev;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        cell[0] = prev;
      }
    }
  }
}
