package dev.lernwerk.testkit;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.autograd.GradCheck;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One table of differentiable ops drives gradient checks on random shapes (with broadcasting and
 * size-1 dims) and non-contiguous inputs (transposed, strided slices, stride-0 expanded views).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> gradients() {
 *   var table = new GradTable(42);
 *   table.add(Row.of("add", Shapes.broadcast(), in -> in[0].add(in[1])));
 *   table.add(Row.of("log", Shapes.random(0, 3), in -> in[0].log()).domain(Domain.POSITIVE));
 *   return table.tests();
 * }
 * }</pre>
 *
 * <p>Each row runs {@link Row#trials()} shape draws × every applicable {@link Layout}. A case passes
 * when {@link GradCheck} agrees within the row's options ({@link #TOLERANCE} unless overridden) and,
 * for non-contiguous layouts, the forward values equal those computed from contiguous copies. The
 * gaps of sliced inputs hold NaN, so an op that reads outside its view fails loudly.
 */
public final class GradTable {
  /** Central-difference step and tolerances shared by every row (float32 forward, double sums). */
  public static final GradCheck.Options TOLERANCE = new GradCheck.Options(1e-2, 5e-3, 1e-2);

  /** Tolerance for "the same forward values from a non-contiguous input". */
  public static final double LAYOUT_ATOL = 1e-6;

  /** Relative part of {@link #LAYOUT_ATOL}. */
  public static final double LAYOUT_RTOL = 1e-5;

  /** How the float inputs are laid out in memory. */
  public enum Layout {
    /** Row-major, offset 0. */
    CONTIGUOUS,
    /** The last two dims swapped in memory (a transposed view; inputs of rank ≥ 2). */
    TRANSPOSED,
    /** Every second element of a larger buffer along the last dim, offset 1 (gaps hold NaN). */
    SLICED,
    /** The first dim larger than 1 is a stride-0 broadcast of a size-1 leaf. */
    EXPANDED
  }

  /** Where input values are drawn from. */
  public enum Domain {
    /** Standard normal. */
    NORMAL,
    /** Uniform in [0.5, 2): log, sqrt, pow bases, denominators. */
    POSITIVE,
    /** Uniform in (-0.8, 0.8). */
    UNIT,
    /**
     * Distinct values {@code 0.03 + 0.07·input + 0.25·k} (shuffled): no ties within or across inputs,
     * at least 0.03 away from 0 and from multiples of 0.25 — for kinks (relu, abs, clamp, max).
     */
    DISTINCT
  }

  /** Draws the shapes of a row's inputs. */
  @FunctionalInterface
  public interface Shapes {
    /** The shapes of all inputs for one trial. */
    int[][] draw(Generator gen);

    /** Always these shapes. */
    static Shapes fixed(int[]... shapes) {
      return gen -> Arrays.stream(shapes).map(int[]::clone).toArray(int[][]::new);
    }

    /** One input of random rank in [lo, hi] with sizes 1..4. */
    static Shapes random(int lo, int hi) {
      return gen -> new int[][] {randomShape(gen, lo + gen.nextInt(hi - lo + 1))};
    }

    /** {@code n} inputs of one random shape (rank in [lo, hi]). */
    static Shapes same(int n, int lo, int hi) {
      return gen -> {
        int[] s = randomShape(gen, lo + gen.nextInt(hi - lo + 1));
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
          out[i] = s.clone();
        }
        return out;
      };
    }

    /**
     * {@code n} inputs that broadcast together: an output shape of rank 1..3, each input drops some
     * leading dims and sets some dims to 1.
     */
    static Shapes broadcast(int n) {
      return gen -> {
        int[] out = randomShape(gen, 1 + gen.nextInt(3));
        int[][] shapes = new int[n][];
        for (int i = 0; i < n; i++) {
          int drop = gen.nextInt(out.length + 1) == 0 ? gen.nextInt(out.length) : 0;
          int[] s = Arrays.copyOfRange(out, drop, out.length);
          for (int d = 0; d < s.length; d++) {
            if (gen.nextInt(3) == 0) {
              s[d] = 1;
            }
          }
          shapes[i] = s;
        }
        return shapes;
      };
    }

    /** Two broadcasting inputs. */
    static Shapes broadcast() {
      return broadcast(2);
    }

    private static int[] randomShape(Generator gen, int rank) {
      int[] s = new int[rank];
      for (int d = 0; d < rank; d++) {
        s[d] = 1 + gen.nextInt(4);
      }
      return s;
    }
  }

  /**
   * One op: a name, how its input shapes are drawn, the function of its float inputs, the value
   * domain per input (the last one repeats), options, layouts and how many shape draws.
   */
  public record Row(
      String name,
      Shapes shapes,
      Function<Tensor[], Tensor> f,
      Domain[] domains,
      GradCheck.Options options,
      Set<Layout> layouts,
      int trials) {
    /** A row with normal inputs, {@link #TOLERANCE}, every layout and 2 shape draws. */
    public static Row of(String name, Shapes shapes, Function<Tensor[], Tensor> f) {
      return new Row(name, shapes, f, new Domain[] {Domain.NORMAL}, TOLERANCE,
          EnumSet.allOf(Layout.class), 2);
    }

    /** The same row with other input domains (one per input; the last repeats). */
    public Row domain(Domain... d) {
      return new Row(name, shapes, f, d.clone(), options, layouts, trials);
    }

    /** The same row with other gradcheck options. */
    public Row options(GradCheck.Options o) {
      return new Row(name, shapes, f, domains, o, layouts, trials);
    }

    /** The same row restricted to some layouts. */
    public Row layouts(Layout first, Layout... rest) {
      return new Row(name, shapes, f, domains, options, EnumSet.of(first, rest), trials);
    }

    /** The same row with {@code n} shape draws. */
    public Row trials(int n) {
      return new Row(name, shapes, f, domains, options, layouts, n);
    }

    Domain domainOf(int input) {
      return domains[Math.min(input, domains.length - 1)];
    }
  }

  /** One concrete check: a row, its drawn shapes and a layout. */
  public record Case(Row row, int trial, Layout layout, int[][] shapes, long seed) {
    /** E.g. {@code add [2, 3] [3] TRANSPOSED}. */
    public String displayName() {
      StringBuilder sb = new StringBuilder(row.name());
      for (int[] s : shapes) {
        sb.append(' ').append(Shape.str(s));
      }
      return sb.append(' ').append(layout).append(" #").append(trial).toString();
    }

    /** Runs the case; throws {@link AssertionError} with a labelled report on failure. */
    public void run() {
      Generator gen = new Generator(seed);
      int n = shapes.length;
      Tensor[] logical = new Tensor[n];
      for (int i = 0; i < n; i++) {
        logical[i] = values(gen, row.domainOf(i), i, leafShape(i));
      }
      Tensor[] leaves = new Tensor[n];
      for (int i = 0; i < n; i++) {
        leaves[i] = layOut(logical[i], layout);
      }
      Function<Tensor[], Tensor> f = in -> row.f().apply(prepare(in));
      String label = displayName();
      if (layout != Layout.CONTIGUOUS) {
        try (var g = Grad.disabled()) {
          Tensor[] copies = new Tensor[n];
          Tensor[] views = prepare(leaves);
          for (int i = 0; i < n; i++) {
            copies[i] = views[i].clone();
          }
          Assert.close(label + ": forward of non-contiguous inputs vs contiguous copies",
              row.f().apply(copies), row.f().apply(views), LAYOUT_ATOL, LAYOUT_RTOL);
        }
      }
      GradCheck.Result r = GradCheck.check(f, row.options(), leaves);
      if (!r.ok()) {
        throw new AssertionError(label + ": " + r.report());
      }
    }

    private int[] leafShape(int i) {
      int[] s = shapes[i].clone();
      if (layout == Layout.EXPANDED) {
        int d = firstWide(s);
        if (d >= 0) {
          s[d] = 1;
        }
      }
      return s;
    }

    private Tensor[] prepare(Tensor[] in) {
      if (layout != Layout.EXPANDED) {
        return in;
      }
      Tensor[] out = new Tensor[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = in[i].expand(shapes[i]);
      }
      return out;
    }
  }

  private final long seed;
  private final List<Row> rows = new ArrayList<>();

  /** An empty table whose shape draws and values all derive from {@code seed}. */
  public GradTable(long seed) {
    this.seed = seed;
  }

  /** Adds a row and returns this table. */
  public GradTable add(Row row) {
    rows.add(row);
    return this;
  }

  /** The rows in insertion order. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Every (row, shape draw, applicable layout) combination, in a fixed order. */
  public List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Row row : rows) {
      Generator shapesGen = new Generator(seed * 1_000_003L + row.name().hashCode());
      for (int t = 0; t < row.trials(); t++) {
        int[][] shapes = row.shapes().draw(shapesGen);
        for (Layout l : row.layouts()) {
          if (applies(l, shapes)) {
            out.add(new Case(row, t, l, shapes, shapesGen.nextLong()));
          }
        }
      }
    }
    return out;
  }

  /** The cases as JUnit dynamic tests. */
  public Stream<DynamicTest> tests() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.displayName(), c::run));
  }

  /** Runs every case and returns the failure reports (empty when all pass). */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    for (Case c : cases()) {
      try {
        c.run();
      } catch (AssertionError | RuntimeException e) {
        out.add(c.displayName() + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static boolean applies(Layout l, int[][] shapes) {
    for (int[] s : shapes) {
      boolean ok =
          switch (l) {
            case CONTIGUOUS -> true;
            case TRANSPOSED -> s.length >= 2 && s[s.length - 1] > 1 && s[s.length - 2] > 1;
            case SLICED -> s.length >= 1;
            case EXPANDED -> firstWide(s) >= 0;
          };
      if (ok && l != Layout.CONTIGUOUS) {
        return true;
      }
    }
    return l == Layout.CONTIGUOUS;
  }

  private static int firstWide(int[] s) {
    for (int d = 0; d < s.length; d++) {
      if (s[d] > 1) {
        return d;
      }
    }
    return -1;
  }

  /** Draws a contiguous tensor of {@code shape} from {@code domain}; {@code input} shifts DISTINCT. */
  public static Tensor values(Generator gen, Domain domain, int input, int[] shape) {
    return switch (domain) {
      case NORMAL -> Tensor.randn(gen, shape);
      case POSITIVE -> Tensor.uniform(gen, 0.5, 2.0, shape);
      case UNIT -> Tensor.uniform(gen, -0.8, 0.8, shape);
      case DISTINCT -> {
        int n = Shape.numel(shape);
        int[] perm = Tensor.randperm(gen, n).toIntArray();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = (float) (0.03 + 0.07 * (input % 3) + 0.25 * (perm[i] - n / 2));
        }
        yield Tensor.of(v, shape);
      }
    };
  }

  /** A leaf with the values of {@code v} in the given memory layout (same shape). */
  public static Tensor layOut(Tensor v, Layout layout) {
    int[] s = v.shape();
    int r = s.length;
    return switch (layout) {
      case CONTIGUOUS, EXPANDED -> v.detach().clone();
      case TRANSPOSED -> {
        if (r < 2) {
          yield v.detach().clone();
        }
        yield v.detach().transpose(r - 2, r - 1).clone().transpose(r - 2, r - 1);
      }
      case SLICED -> {
        if (r < 1) {
          yield v.detach().clone();
        }
        int[] big = s.clone();
        big[r - 1] = 2 * s[r - 1] + 1;
        Tensor buf = Tensor.full(Float.NaN, big);
        Tensor view = buf.slice(r - 1, 1, big[r - 1], 2);
        view.copy_(v.detach());
        yield view;
      }
    };
  }
}
