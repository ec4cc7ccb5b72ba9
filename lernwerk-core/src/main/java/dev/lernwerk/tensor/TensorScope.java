package dev.lernwerk.tensor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A region of code whose intermediate results give their memory back for reuse when it closes: the
 * JVM counterpart of PyTorch's caching allocator, made explicit.
 *
 * <p>Outside any scope every op result is a new heap array that the GC reclaims. That is always
 * safe, but for mid-sized tensors the fresh allocation dominates the op: a 64×64 add spends about
 * three times longer getting and zeroing 16 KiB of new, cache-cold memory than adding. Inside a
 * scope, op results of {@value #MIN_POOLED} elements or more are taken from a per-thread pool of
 * arrays that earlier scopes released, still in cache, and are released again when this scope
 * closes. A training step, an evaluation batch or a benchmark iteration is the natural scope:
 *
 * <pre>{@code
 * for (Batch batch : loader) {
 *   try (TensorScope scope = TensorScope.open()) {
 *     Tensor loss = F.crossEntropy(model.forward(batch.x()), batch.y());
 *     optimizer.zeroGrad();
 *     loss.backward();
 *     optimizer.step();
 *     total += loss.item();            // read values before the scope closes
 *     Tensor keepMe = scope.keep(loss); // or keep a result for later
 *   }
 * }
 * }</pre>
 *
 * <p><b>What survives a scope.</b> Tensors made outside it; tensors made by creation functions
 * ({@link Tensor#zeros}, {@link Tensor#randn}, {@link Tensor#of}, …) and by wrapping user arrays;
 * tensors passed to {@link #keep} (they move to the enclosing scope, or out of all scopes) or to
 * {@link #persist}; leaves marked with {@link Tensor#requiresGrad(boolean) requiresGrad(true)};
 * gradients stored in {@code .grad}. Everything else an op returned inside the scope, and every view
 * of it, is released on {@link #close()}.
 *
 * <p><b>Safety.</b> A released tensor cannot be read: any op on it, {@link Tensor#item()}, {@link
 * Tensor#toFloatArray()} and {@link Storage#floats()} throw an {@link IllegalStateException} that
 * says so. It never shows the values of the tensor that reuses its array. (A {@code float[]} taken
 * from {@link Storage#floats()} and kept past the scope is not protected; do not keep raw arrays.)
 * {@link #keep} keeps a tensor's values, not its autograd graph: call {@code backward()} inside the
 * scope that recorded the graph.
 *
 * <p>Scopes nest and are closed in reverse order of opening (try-with-resources does that). A scope
 * belongs to the thread that opened it: call {@link #keep} or {@link #persist} on that thread before
 * handing one of its results to another thread. Each thread has its own pool, which holds at most
 * {@code lernwerk.scopePoolMiB} MiB (system property, default 256) of arrays; {@link #clearPool()}
 * empties it.
 */
public final class TensorScope implements AutoCloseable {
  /** Results smaller than this many elements are ordinary allocations (cheap for the JVM). */
  public static final int MIN_POOLED = 512;

  /** Scopes open in any thread: lets allocation skip the thread-local lookup when none is open. */
  private static final AtomicInteger OPEN = new AtomicInteger();

  private static final ThreadLocal<PerThread> STATE = ThreadLocal.withInitial(PerThread::new);

  private static volatile boolean debugFill;

  private final PerThread state;
  private final TensorScope parent;
  private final Thread thread;
  private Storage[] owned; // allocated with the first owned result
  private int count;
  private boolean closed;

  private TensorScope(PerThread state, TensorScope parent) {
    this.state = state;
    this.parent = parent;
    this.thread = Thread.currentThread();
  }

  /** Opens a scope on the current thread, nested in the thread's innermost open scope if any. */
  public static TensorScope open() {
    PerThread s = STATE.get();
    if (s.pool == null) {
      s.pool = new Pool(PerThread.capFloats()); // checks lernwerk.scopePoolMiB
    }
    TensorScope scope = new TensorScope(s, s.top);
    s.top = scope;
    OPEN.incrementAndGet();
    return scope;
  }

  /** The innermost scope open on the current thread, or null. */
  public static TensorScope current() {
    return OPEN.get() == 0 ? null : STATE.get().top;
  }

  /**
   * Keeps {@code t} (and every view of its storage) past this scope: it moves to the enclosing scope
   * and is released when that one closes, or, with no enclosing scope, leaves scope management and
   * lives as long as it is referenced. A tensor owned by a scope opened inside this one moves the
   * same way. A tensor made outside this scope, or already kept past it, is returned unchanged.
   *
   * @return {@code t}, for chaining
   * @throws IllegalStateException if this scope is closed, or if {@code t} was already released
   */
  public Tensor keep(Tensor t) {
    if (closed) {
      throw new IllegalStateException("TensorScope.keep: the scope is already closed");
    }
    Storage st = t.storage();
    st.requireLive();
    if (ownsOrEncloses(st.owner)) {
      st.owner = parent;
      if (parent != null) {
        parent.add(st);
      }
    }
    return t;
  }

  /** True if {@code owner} is this scope or one opened inside it. */
  private boolean ownsOrEncloses(TensorScope owner) {
    for (TensorScope s = owner; s != null; s = s.parent) {
      if (s == this) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes {@code t}'s storage out of every scope: it is never recycled and the GC manages it like
   * any other array. Leaves marked {@code requiresGrad(true)}, gradients and module buffers go
   * through this.
   *
   * @return {@code t}, for chaining
   * @throws IllegalStateException if {@code t} was already released
   */
  public static Tensor persist(Tensor t) {
    Storage st = t.storage();
    st.requireLive();
    st.owner = null;
    return t;
  }

  /** True if {@code t} is owned by an open scope and will be released when that scope closes. */
  public static boolean isScoped(Tensor t) {
    return t.storage().owner != null;
  }

  /**
   * Releases every tensor this scope still owns: their arrays go back to the thread's pool and the
   * tensors become unreadable. Closing twice does nothing.
   *
   * @throws IllegalStateException if called from another thread, or while a scope opened inside
   *     this one is still open
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException(
          "TensorScope.close: the scope belongs to thread " + thread.getName()
              + ", not to " + Thread.currentThread().getName());
    }
    if (state.top != this) {
      throw new IllegalStateException(
          "TensorScope.close: a scope opened inside this one is still open; close scopes in"
              + " reverse order of opening (try-with-resources does that)");
    }
    closed = true;
    state.top = parent;
    OPEN.decrementAndGet();
    boolean fill = debugFill;
    for (int i = 0; i < count; i++) {
      Storage st = owned[i];
      owned[i] = null;
      if (st.owner == this) {
        float[] a = st.release();
        if (fill) {
          Arrays.fill(a, Float.NaN);
        }
        state.pool.give(a);
      }
    }
    count = 0;
  }

  /** Drops every array this thread's pool holds (the GC reclaims them). */
  public static void clearPool() {
    Pool pool = STATE.get().pool;
    if (pool != null) {
      pool.clear();
    }
  }

  /** Bytes of arrays this thread's pool holds for reuse. */
  public static long pooledBytes() {
    Pool pool = STATE.get().pool;
    return pool == null ? 0 : pool.floats * Float.BYTES;
  }

  /**
   * Debugging aid: when on, every array is filled with NaN as its scope releases it, so an op
   * result that leaves elements unwritten shows up as NaN. Off by default (it costs a pass over the
   * memory).
   */
  public static void setDebugFill(boolean on) {
    debugFill = on;
  }

  /** Allocation for {@link Storage#forResult} and {@link Storage#zeroedForResult}. */
  static Storage allocate(int n, boolean zeroed) {
    TensorScope top = n < MIN_POOLED || OPEN.get() == 0 ? null : STATE.get().top;
    if (top == null) {
      return Storage.ofFloats(new float[n]);
    }
    float[] a = top.state.pool.take(n);
    if (a != null && zeroed) {
      Arrays.fill(a, 0f);
    }
    Storage st = Storage.owned(a != null ? a : new float[n], top);
    top.add(st);
    return st;
  }

  private void add(Storage st) {
    if (owned == null) {
      owned = new Storage[8];
    } else if (count == owned.length) {
      owned = Arrays.copyOf(owned, count * 2);
    }
    owned[count++] = st;
  }

  /** One thread's open scopes and pool. */
  private static final class PerThread {
    TensorScope top;
    Pool pool; // made by the thread's first open()

    private static long capFloats() {
      String v = System.getProperty("lernwerk.scopePoolMiB");
      long mib = 256;
      if (v != null) {
        try {
          mib = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
          mib = -1;
        }
        if (mib < 0 || mib > (1L << 30)) {
          throw new IllegalArgumentException(
              "lernwerk.scopePoolMiB: expected a whole number of MiB from 0 to 1073741824, got '"
                  + v + "'");
        }
      }
      return mib * (1L << 20) / Float.BYTES;
    }
  }

  /** Arrays by exact length, last released first (the one most likely still in cache). */
  private static final class Pool {
    private final long cap;
    long floats;
    private int[] keys = new int[32];
    private Bin[] bins = new Bin[32];
    private int used;

    Pool(long cap) {
      this.cap = cap;
    }

    float[] take(int n) {
      Bin b = find(n, false);
      if (b == null || b.count == 0) {
        return null;
      }
      float[] a = b.items[--b.count];
      b.items[b.count] = null;
      floats -= n;
      return a;
    }

    void give(float[] a) {
      if (floats + a.length > cap) {
        return;
      }
      Bin b = find(a.length, true);
      if (b.count == b.items.length) {
        b.items = Arrays.copyOf(b.items, b.count * 2);
      }
      b.items[b.count++] = a;
      floats += a.length;
    }

    void clear() {
      keys = new int[32];
      bins = new Bin[32];
      used = 0;
      floats = 0;
    }

    /** Open addressing on the length (lengths are at least MIN_POOLED, so 0 marks a free slot). */
    private Bin find(int n, boolean create) {
      int mask = keys.length - 1;
      int i = (n * 0x9E3779B9) >>> 7 & mask;
      while (keys[i] != 0) {
        if (keys[i] == n) {
          return bins[i];
        }
        i = (i + 1) & mask;
      }
      if (!create) {
        return null;
      }
      if (2 * (used + 1) > keys.length) {
        grow();
        return find(n, true);
      }
      keys[i] = n;
      bins[i] = new Bin();
      used++;
      return bins[i];
    }

    private void grow() {
      int[] oldKeys = keys;
      Bin[] oldBins = bins;
      keys = new int[oldKeys.length * 2];
      bins = new Bin[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != 0) {
          int i = (oldKeys[j] * 0x9E3779B9) >>> 7 & mask;
          while (keys[i] != 0) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[j];
          bins[i] = oldBins[j];
        }
      }
    }
  }

  private static final class Bin {
    float[][] items = new float[4][];
    int count;
  }
}
