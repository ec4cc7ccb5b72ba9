package dev.lernwerk.data;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.tensor.Generator;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Cuts a data set into mini-batches, in order or shuffled, and prepares them on a background thread
 * while the caller trains (DA-02, DA-03, DA-29, DA-33).
 *
 * <p>Each {@link #iterator()} is one epoch: the loader splits a fresh epoch generator off its own
 * seeded generator, the {@link Sampler} draws that epoch's indices from it (a permutation when
 * {@code shuffle(true)}), and consecutive runs of {@code batchSize} indices become batches (the
 * last one smaller unless {@code dropLast(true)}). Epoch k's batches therefore depend only on the
 * seed and k. A daemon thread assembles up to {@code prefetch} batches ahead into a bounded queue;
 * {@link Epoch#close()} — or dropping the iterator — stops it. An exception while loading reaches the
 * caller as a {@link DataLoaderException} with the original cause.
 *
 * <p>For a {@link TensorDataset} (or a {@link Subset} of one) with the default collate, batches are
 * copied straight out of the contiguous arrays, one {@code arraycopy} per sample. Otherwise each
 * sample is fetched with {@link Dataset#get} (on {@code workers} threads of the shared pool, results
 * in order), passed through the optional per-sample {@link SampleTransform}, and collated: inputs
 * stacked along a new dim 0, targets likewise (int32 labels become (B) int32), weights into (B)
 * float32 or null when all are 1. Random transforms receive a generator derived from the seed, the
 * epoch and the sample's position, so their results do not depend on the number of workers.
 *
 * <pre>{@code
 * var loader = DataLoader.builder(train).batchSize(256).shuffle(true).seed(42).build();
 * Batch first = loader.iterator().next();             // the course's next(iter(loader))
 * for (int epoch = 0; epoch < 10; epoch++) {
 *   for (Batch b : loader) {                          // b.inputs(): (256, 28, 28), b.targets(): (256)
 *     ...
 *   }
 * }
 * }</pre>
 *
 * @param <T> the sample type
 */
public final class DataLoader<T> implements Iterable<Batch> {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  /** A per-sample transform run by the loader, with a generator for random augmentation. */
  @FunctionalInterface
  public interface SampleTransform<T> {
    /** The transformed sample; {@code gen} is this sample's own generator for this epoch. */
    T apply(T sample, Generator gen);
  }

  /** A transform of a whole collated batch (e.g. batch-wise augmentation), run before delivery. */
  @FunctionalInterface
  public interface BatchTransform {
    /** The transformed batch; {@code gen} is this batch's own generator for this epoch. */
    Batch apply(Batch batch, Generator gen);
  }

  private final Dataset<T> dataset;
  private final int batchSize;
  private final boolean dropLast;
  private final Sampler sampler;
  private final Function<List<T>, Batch> collate;
  private final SampleTransform<T> transform;
  private final BatchTransform batchTransform;
  private final int prefetch;
  private final int workers;
  private final boolean fast;
  private final Generator generator;

  // progress, guarded by this
  private int nextEpoch;
  private int pendingSkip;
  private Run current;

  private DataLoader(Builder<T> b) {
    dataset = b.dataset;
    batchSize = b.batchSize;
    dropLast = b.dropLast;
    collate = b.collate;
    transform = b.transform;
    batchTransform = b.batchTransform;
    prefetch = b.prefetch;
    workers = b.workers;
    if (b.sampler != null) {
      sampler = b.sampler;
    } else {
      sampler = b.shuffle ? Sampler.random(dataset.size()) : Sampler.sequential(dataset.size());
    }
    if (b.generator != null) {
      generator = b.generator;
    } else if (b.seed != null) {
      generator = new Generator(b.seed);
    } else {
      synchronized (Generator.global()) {
        generator = Generator.global().split();
      }
    }
    fast = collate == null && transform == null
        && (dataset instanceof TensorDataset || dataset instanceof Subset<?> s && s.gatherable());
  }

  /** A builder over {@code dataset}: batch size 1, no shuffling, prefetch 2, one worker. */
  public static <T> Builder<T> builder(Dataset<T> dataset) {
    return new Builder<>(dataset);
  }

  /** The data set. */
  public Dataset<T> dataset() {
    return dataset;
  }

  /** Samples per batch (the last batch may be smaller unless {@code dropLast}). */
  public int batchSize() {
    return batchSize;
  }

  /** The sampler that orders each epoch. */
  public Sampler sampler() {
    return sampler;
  }

  /** Batches per epoch: {@code ⌈m / B⌉}, or {@code ⌊m / B⌋} with dropLast, m = sampler length. */
  public int numBatches() {
    int m = sampler.length();
    return dropLast ? m / batchSize : (m + batchSize - 1) / batchSize;
  }

  /** Starts the next epoch (see the class comment); close it when you leave it early. */
  @Override
  public synchronized Epoch iterator() {
    long[] start = generator.state();
    Generator epochGen = generator.split();
    int[] order = sampler.epoch(epochGen);
    if (order.length != sampler.length()) {
      throw new IllegalStateException(
          "DataLoader: sampler " + sampler + " returned " + order.length
              + " indices, but its length() is " + sampler.length());
    }
    Run run = new Run(nextEpoch++, start, order, epochGen.nextLong(), pendingSkip);
    pendingSkip = 0;
    current = run;
    return new Epoch(run);
  }

  /**
   * The batch the next {@link #iterator()} would yield first, computed on the calling thread,
   * without starting that epoch (the loader's state does not change).
   */
  public synchronized Batch peek() {
    Generator epochGen = generator.copy().split();
    int[] order = sampler.epoch(epochGen);
    Run run = new Run(nextEpoch, generator.state(), order, epochGen.nextLong(), pendingSkip);
    if (run.skip >= run.total) {
      throw new NoSuchElementException("DataLoader.peek: the next epoch has no batches");
    }
    return run.produce(run.skip);
  }

  /**
   * Where the loader stands: the current epoch and how many of its batches were consumed, or — when
   * no epoch is running or the last one is finished — the epoch the next {@link #iterator()} starts.
   */
  public synchronized LoaderState state() {
    Run r = current;
    if (r != null && r.position() < r.total) {
      return new LoaderState(r.epoch, r.position(), r.startState);
    }
    return new LoaderState(nextEpoch, pendingSkip, generator.state());
  }

  /**
   * Continues from a saved {@link #state()}: the next {@link #iterator()} yields the remaining
   * batches of the saved epoch, exactly as the saved run would have, and later epochs follow.
   */
  public synchronized void restore(LoaderState state) {
    Objects.requireNonNull(state, "DataLoader.restore: state is null");
    if (state.position() > numBatches()) {
      throw new IllegalArgumentException(
          "DataLoader.restore: position " + state.position() + " is beyond the "
              + numBatches() + " batches of an epoch");
    }
    generator.setState(state.generator());
    nextEpoch = state.epoch();
    pendingSkip = state.position();
    current = null;
  }

  @Override
  public String toString() {
    return "DataLoader(" + dataset + ", batchSize=" + batchSize + ", batches=" + numBatches()
        + ", sampler=" + sampler + ", prefetch=" + prefetch + ")";
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The generator of item {@code i} of a kind (0 = sample, 1 = batch) in an epoch. */
  private static Generator derived(long epochSeed, int kind, long i) {
    return new Generator(mix(epochSeed ^ mix(2 * i + kind + 0x632BE59BD9B4E019L)));
  }

  /** One epoch's indices and progress, shared by its iterator and its background thread. */
  private final class Run {
    final int epoch;
    final long[] startState;
    final int[] order;
    final long seed;
    final int skip;
    final int total;
    volatile int consumed;
    volatile boolean stopped;
    ArrayBlockingQueue<Object> queue;
    Thread thread;

    Run(int epoch, long[] startState, int[] order, long seed, int skip) {
      this.epoch = epoch;
      this.startState = startState;
      this.order = order;
      this.seed = seed;
      this.total = dropLast ? order.length / batchSize : (order.length + batchSize - 1) / batchSize;
      this.skip = Math.min(skip, total);
    }

    int position() {
      return skip + consumed;
    }

    boolean prefetching() {
      return prefetch > 0;
    }

    Batch produce(int b) {
      int from = b * batchSize;
      int to = Math.min(from + batchSize, order.length);
      Batch batch;
      if (fast) {
        batch = ((Gatherable) dataset).gather(order, from, to);
      } else {
        List<T> items = fetch(from, to);
        batch = collate != null ? collate.apply(items) : Collate.examples(items);
      }
      if (batchTransform != null) {
        batch = batchTransform.apply(batch, derived(seed, 1, b));
      }
      return batch;
    }

    private List<T> fetch(int from, int to) {
      int n = to - from;
      @SuppressWarnings("unchecked")
      T[] items = (T[]) new Object[n];
      Parallel.RangeBody body = (s, e) -> {
        for (int j = s; j < e; j++) {
          T x = dataset.get(order[from + j]);
          items[j] = transform == null ? x : transform.apply(x, derived(seed, 0, from + j));
        }
      };
      if (workers > 1 && n > 1) {
        Parallel.forChunks(n, Math.min(workers, n), body);
      } else {
        body.run(0, n);
      }
      return Arrays.asList(items);
    }

    void start() {
      queue = new ArrayBlockingQueue<>(prefetch);
      thread = Thread.ofPlatform().daemon().name("lernwerk-loader-" + THREAD_IDS.incrementAndGet())
          .unstarted(this::fill);
      thread.start();
    }

    /** The background loop: produce every batch in order into the bounded queue. */
    private void fill() {
      for (int b = skip; b < total && !stopped; b++) {
        Object item;
        try {
          item = produce(b);
        } catch (Throwable t) {
          item = new Failure(b, t);
        }
        try {
          while (!stopped && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
            // wait for the consumer, checking for stop
          }
        } catch (InterruptedException e) {
          return; // stopped
        }
        if (item instanceof Failure) {
          return;
        }
      }
    }

    Batch next() {
      int b = position();
      Object item;
      if (queue == null) {
        try {
          item = produce(b);
        } catch (Throwable t) {
          item = new Failure(b, t);
        }
      } else {
        item = take(b);
      }
      if (item instanceof Failure f) {
        stop();
        if (f.cause instanceof Error err && !(err instanceof AssertionError)) {
          throw err;
        }
        throw new DataLoaderException(
            "DataLoader: loading batch " + f.batch + " of epoch " + epoch + " failed: "
                + f.cause, f.cause);
      }
      consumed++;
      if (position() == total) {
        stop();
      }
      return (Batch) item;
    }

    private Object take(int b) {
      try {
        while (true) {
          Object item = queue.poll(200, TimeUnit.MILLISECONDS);
          if (item != null) {
            return item;
          }
          if (!thread.isAlive() && queue.isEmpty()) {
            return new Failure(b, new IllegalStateException("the loader thread ended early"));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DataLoaderException(
            "DataLoader: interrupted while waiting for batch " + b + " of epoch " + epoch, e);
      }
    }

    void stop() {
      stopped = true;
      Thread t = thread;
      if (t != null && t != Thread.currentThread()) {
        t.interrupt();
      }
      if (queue != null) {
        queue.clear();
      }
    }
  }

  private record Failure(int batch, Throwable cause) {}

  /**
   * One epoch's batches, in order. Close it (or use try-with-resources) when leaving an epoch early;
   * an iterator that is simply dropped is stopped when the garbage collector finds it.
   */
  public static final class Epoch implements Iterator<Batch>, AutoCloseable {
    private final DataLoader<?>.Run run;
    private final Cleaner.Cleanable cleanable;
    private long waitNanos;

    private Epoch(DataLoader<?>.Run run) {
      this.run = run;
      if (run.skip < run.total && run.prefetching()) {
        run.start();
      }
      var r = run; // the cleaning action must not reference this iterator
      cleanable = CLEANER.register(this, r::stop);
    }

    @Override
    public boolean hasNext() {
      return !run.stopped && run.position() < run.total;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException(
            run.stopped && run.position() < run.total
                ? "DataLoader: this epoch's iterator was closed"
                : "DataLoader: epoch " + run.epoch + " has no more batches (" + run.total + ")");
      }
      long t0 = System.nanoTime();
      Batch b = run.next();
      waitNanos += System.nanoTime() - t0;
      return b;
    }

    /** This epoch's number (0 for the first iterator of a loader). */
    public int epoch() {
      return run.epoch;
    }

    /** Batches of this epoch consumed so far (including any skipped by a restore). */
    public int position() {
      return run.position();
    }

    /**
     * Total time {@link #next()} spent, in nanoseconds: with prefetching, the time the caller waited
     * for the background thread (near 0 when loading keeps up with training).
     */
    public long waitNanos() {
      return waitNanos;
    }

    /** The background thread, or null when prefetching is off (for tests). */
    Thread worker() {
      return run.thread;
    }

    /** Stops the background thread and drops prefetched batches; idempotent. */
    @Override
    public void close() {
      cleanable.clean();
    }
  }

  /** Settings of a {@link DataLoader}; every setter validates its value. */
  public static final class Builder<T> {
    private final Dataset<T> dataset;
    private int batchSize = 1;
    private boolean shuffle;
    private boolean dropLast;
    private Long seed;
    private Generator generator;
    private Function<List<T>, Batch> collate;
    private SampleTransform<T> transform;
    private BatchTransform batchTransform;
    private Sampler sampler;
    private int prefetch = 2;
    private int workers = 1;

    private Builder(Dataset<T> dataset) {
      this.dataset = Objects.requireNonNull(dataset, "DataLoader: dataset is null");
    }

    /** Samples per batch, &gt;= 1 (default 1, like PyTorch). */
    public Builder<T> batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + n);
      }
      batchSize = n;
      return this;
    }

    /** A fresh random order every epoch (default false). */
    public Builder<T> shuffle(boolean on) {
      shuffle = on;
      return this;
    }

    /** Drop the last batch when it is smaller than batchSize (default false). */
    public Builder<T> dropLast(boolean on) {
      dropLast = on;
      return this;
    }

    /** Seeds the loader's generator (shuffling, sampling, transform generators). */
    public Builder<T> seed(long s) {
      seed = s;
      generator = null;
      return this;
    }

    /** Uses {@code gen} itself as the loader's generator (e.g. {@code runGen.split()}). */
    public Builder<T> generator(Generator gen) {
      generator = Objects.requireNonNull(gen, "DataLoader: generator is null");
      seed = null;
      return this;
    }

    /** Turns a list of samples into a batch (default: stack {@link Example}s). */
    public Builder<T> collate(Function<List<T>, Batch> fn) {
      collate = Objects.requireNonNull(fn, "DataLoader: collate is null");
      return this;
    }

    /** A per-sample transform applied by the loader (on the worker threads). */
    public Builder<T> transform(SampleTransform<T> fn) {
      transform = Objects.requireNonNull(fn, "DataLoader: transform is null");
      return this;
    }

    /** A transform of each collated batch, on the background thread. */
    public Builder<T> batchTransform(BatchTransform fn) {
      batchTransform = Objects.requireNonNull(fn, "DataLoader: batchTransform is null");
      return this;
    }

    /** Who picks each epoch's indices (excludes {@code shuffle(true)}). */
    public Builder<T> sampler(Sampler s) {
      sampler = Objects.requireNonNull(s, "DataLoader: sampler is null");
      return this;
    }

    /** Batches prepared ahead on a background thread; 0 loads on the calling thread (default 2). */
    public Builder<T> prefetch(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("DataLoader: prefetch must be >= 0, got " + n);
      }
      prefetch = n;
      return this;
    }

    /** Threads of the shared pool that fetch and transform the samples of a batch (default 1). */
    public Builder<T> workers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("DataLoader: workers must be >= 1, got " + n);
      }
      workers = n;
      return this;
    }

    /** The loader; checks that the settings fit together. */
    public DataLoader<T> build() {
      if (sampler != null && shuffle) {
        throw new IllegalArgumentException(
            "DataLoader: shuffle(true) and sampler(...) exclude each other (the sampler decides"
                + " the order)");
      }
      if (sampler != null && sampler.sourceSize() >= 0 && sampler.sourceSize() != dataset.size()) {
        throw new IllegalArgumentException(
            "DataLoader: the sampler draws from " + sampler.sourceSize()
                + " samples but the data set has " + dataset.size());
      }
      if (collate == null && dataset.size() > 0
          && !(dataset instanceof TensorDataset)
          && !(dataset instanceof Subset<?> s && s.gatherable())) {
        Object probe = dataset.get(0);
        if (!(probe instanceof Example)) {
          throw new IllegalArgumentException(
              "DataLoader: the default collate stacks Example samples, but this data set yields "
                  + (probe == null ? "null" : probe.getClass().getName())
                  + "; pass .collate(list -> new Batch(...))");
        }
      }
      return new DataLoader<>(this);
    }
  }
}
