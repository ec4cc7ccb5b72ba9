package dev.lernwerk.ops;

import static dev.lernwerk.testkit.GradTable.Domain.DISTINCT;
import static dev.lernwerk.testkit.GradTable.Domain.NORMAL;
import static dev.lernwerk.testkit.GradTable.Domain.POSITIVE;
import static dev.lernwerk.testkit.GradTable.Domain.UNIT;
import static dev.lernwerk.testkit.GradTable.Layout.CONTIGUOUS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.GradTable;
import dev.lernwerk.testkit.GradTable.Row;
import dev.lernwerk.testkit.GradTable.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The op table: a gradient check for every differentiable op of the {@link Tensor} facade, on random
 * shapes with broadcasting and size-1 dims, and on transposed, sliced and expanded inputs. Tagged
 * {@code kernels}, so the build runs it on the vector and on the scalar kernel path.
 */
@Tag("kernels")
class OpGradientTest {

  /** Unary rows: rank 1..3 with sizes 1..4, three draws (scalars have rows of their own). */
  private static final Shapes U = Shapes.random(1, 3);

  private static Row row(String name, Shapes shapes, Function<Tensor[], Tensor> f) {
    return Row.of(name, shapes, f).trials(3);
  }

  private static Shapes fixed(int[]... shapes) {
    return Shapes.fixed(shapes);
  }

  private static int[] s(int... dims) {
    return dims;
  }

  /** An alternating bool mask of the given shape (true, false, true, …). */
  static Tensor alternating(int[] shape) {
    int n = Shape.numel(shape);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 3 == 1) ? 0 : 1;
    }
    return Tensor.wrapInts(DType.BOOL, v, shape);
  }

  static GradTable elementwise() {
    GradTable t = new GradTable(20240601);
    Shapes scalar = Shapes.fixed(new int[0]);
    for (String name : new String[] {"exp", "log", "sigmoid", "mul", "div"}) {
      t.add(row(name + " of scalars", Shapes.fixed(new int[0], new int[0]), in -> switch (name) {
        case "exp" -> in[0].exp();
        case "log" -> in[0].abs().add(0.5f).log();
        case "sigmoid" -> in[0].sigmoid();
        case "mul" -> in[0].mul(in[1]);
        default -> in[0].div(in[1].abs().add(0.5f));
      }).trials(1));
    }
    t.add(row("scalar times matrix", Shapes.fixed(new int[0], new int[] {2, 3}),
        in -> in[0].mul(in[1])).trials(1));
    t.add(row("sum of a scalar", scalar, in -> in[0].add(1f).sum()).trials(1));
    // binary, broadcasting
    t.add(row("add", Shapes.broadcast(), in -> in[0].add(in[1])).trials(4));
    t.add(row("sub", Shapes.broadcast(), in -> in[0].sub(in[1])).trials(4));
    t.add(row("mul", Shapes.broadcast(), in -> in[0].mul(in[1])).trials(4));
    t.add(row("div", Shapes.broadcast(), in -> in[0].div(in[1])).domain(NORMAL, POSITIVE).trials(4));
    t.add(row("div negative denominator", Shapes.broadcast(), in -> in[0].div(in[1].neg()))
        .domain(NORMAL, POSITIVE));
    t.add(row("pow(tensor)", Shapes.broadcast(), in -> in[0].pow(in[1])).domain(POSITIVE, UNIT)
        .trials(4));
    t.add(row("maximum", Shapes.broadcast(), in -> in[0].maximum(in[1])).domain(DISTINCT).trials(4));
    t.add(row("minimum", Shapes.broadcast(), in -> in[0].minimum(in[1])).domain(DISTINCT).trials(4));
    t.add(row("same input twice", U, in -> in[0].mul(in[0]).add(in[0])));
    // with scalars
    t.add(row("add(float)", U, in -> in[0].add(1.5f)));
    t.add(row("sub(float)", U, in -> in[0].sub(1.5f)));
    t.add(row("rsub", U, in -> in[0].rsub(2f)));
    t.add(row("mul(float)", U, in -> in[0].mul(-3f)));
    t.add(row("div(float)", U, in -> in[0].div(4f)));
    t.add(row("scalar tensor operand", Shapes.fixed(s(2, 3), s()), in -> in[0].mul(in[1])));
    // unary
    t.add(row("neg", U, in -> in[0].neg()));
    t.add(row("exp", U, in -> in[0].exp()).domain(UNIT));
    t.add(row("log", U, in -> in[0].log()).domain(POSITIVE));
    t.add(row("log1p", U, in -> in[0].log1p()).domain(UNIT));
    t.add(row("expm1", U, in -> in[0].expm1()).domain(UNIT));
    t.add(row("sqrt", U, in -> in[0].sqrt()).domain(POSITIVE));
    t.add(row("rsqrt", U, in -> in[0].rsqrt()).domain(POSITIVE));
    t.add(row("square", U, in -> in[0].square()));
    t.add(row("reciprocal", U, in -> in[0].reciprocal()).domain(POSITIVE));
    t.add(row("reciprocal negative", U, in -> in[0].neg().reciprocal())
        .domain(POSITIVE));
    t.add(row("abs", U, in -> in[0].abs()).domain(DISTINCT));
    t.add(row("sin", U, in -> in[0].sin()));
    t.add(row("cos", U, in -> in[0].cos()));
    t.add(row("tanh", U, in -> in[0].tanh()));
    t.add(row("sigmoid", U, in -> in[0].sigmoid()));
    t.add(row("relu", U, in -> in[0].relu()).domain(DISTINCT));
    t.add(row("leakyRelu", U, in -> in[0].leakyRelu(0.1f)).domain(DISTINCT));
    t.add(row("softplus", U, in -> in[0].softplus()));
    t.add(row("erf", U, in -> in[0].erf()));
    t.add(row("clamp", U, in -> in[0].clamp(-0.5f, 0.5f)).domain(DISTINCT));
    t.add(row("clampMin", U, in -> in[0].clampMin(0.25f)).domain(DISTINCT));
    t.add(row("clampMax", U, in -> in[0].clampMax(-0.25f)).domain(DISTINCT));
    t.add(row("pow(2)", U, in -> in[0].pow(2f)));
    t.add(row("pow(3)", U, in -> in[0].pow(3f)));
    t.add(row("pow(1)", U, in -> in[0].pow(1f)));
    t.add(row("pow(0)", U, in -> in[0].pow(0f)));
    t.add(row("pow(0.5)", U, in -> in[0].pow(0.5f)).domain(POSITIVE));
    t.add(row("pow(-1.5)", U, in -> in[0].pow(-1.5f)).domain(POSITIVE));
    t.add(row("sign (zero gradient)", U, in -> in[0].sign()).domain(DISTINCT));
    t.add(row("floor (zero gradient)", U, in -> in[0].floor()).domain(DISTINCT));
    t.add(row("ceil (zero gradient)", U, in -> in[0].ceil()).domain(DISTINCT));
    t.add(row("round (zero gradient)", U, in -> in[0].round()).domain(DISTINCT));
    // where / maskedFill
    t.add(row("where", Shapes.broadcast(), in -> Tensor.where(
        alternating(Shape.broadcast("where", in[0].shape(), in[1].shape())), in[0], in[1]))
        .trials(4));
    t.add(row("where broadcast cond", fixed(s(2, 3), s(3)),
        in -> Tensor.where(alternating(s(2, 1)), in[0], in[1])));
    t.add(row("maskedFill", U, in -> in[0].maskedFill(alternating(in[0].shape()),
        5f)));
    t.add(row("maskedFill broadcast mask", fixed(s(3, 4)),
        in -> in[0].maskedFill(alternating(s(1, 4)), -2f)));
    return t;
  }

  static GradTable reductions() {
    GradTable t = new GradTable(20240602);
    Shapes any = Shapes.random(1, 3);
    Shapes two = Shapes.random(2, 3);
    t.add(row("sum()", Shapes.random(0, 3), in -> in[0].sum()));
    t.add(row("sum(0)", any, in -> in[0].sum(0, false)));
    t.add(row("sum(-1, keepdim)", any, in -> in[0].sum(-1, true)));
    t.add(row("sum({0,-1})", two, in -> in[0].sum(new int[] {0, -1}, false)));
    t.add(row("sum({0,-1}, keepdim)", two, in -> in[0].sum(new int[] {0, -1}, true)));
    t.add(row("sum(1) of rank 3", fixed(s(2, 3, 4)), in -> in[0].sum(1, false)));
    t.add(row("mean()", Shapes.random(0, 3), in -> in[0].mean()));
    t.add(row("mean(-1)", any, in -> in[0].mean(-1, false)));
    t.add(row("mean({0,-1}, keepdim)", two, in -> in[0].mean(new int[] {0, -1}, true)));
    t.add(row("var()", fixed(s(3, 4)), in -> in[0].var()));
    t.add(row("var(1) unbiased", fixed(s(3, 4)), in -> in[0].var(new int[] {1}, true, false)));
    t.add(row("var(0) biased keepdim", fixed(s(3, 4)), in -> in[0].var(new int[] {0}, false, true)));
    t.add(row("var({0,2})", fixed(s(2, 3, 4)), in -> in[0].var(new int[] {0, 2}, true, false)));
    t.add(row("std()", fixed(s(3, 4)), in -> in[0].std()));
    t.add(row("std(1) biased keepdim", fixed(s(3, 4)), in -> in[0].std(new int[] {1}, false, true)));
    t.add(row("std({0,-1})", fixed(s(2, 3, 4)), in -> in[0].std(new int[] {0, -1}, true, false)));
    t.add(row("max(dim)", any, in -> in[0].max(-1, false).values()).domain(DISTINCT));
    t.add(row("max(0, keepdim)", any, in -> in[0].max(0, true).values()).domain(DISTINCT));
    t.add(row("min(dim)", any, in -> in[0].min(0, false).values()).domain(DISTINCT));
    t.add(row("min(-1, keepdim)", any, in -> in[0].min(-1, true).values()).domain(DISTINCT));
    t.add(row("max()", any, in -> in[0].max()).domain(DISTINCT));
    t.add(row("min()", any, in -> in[0].min()).domain(DISTINCT));
    t.add(row("amax({0,-1})", two, in -> in[0].amax(new int[] {0, -1}, false)).domain(DISTINCT));
    t.add(row("amax(1, keepdim)", fixed(s(2, 3, 4)), in -> in[0].amax(new int[] {1}, true))
        .domain(DISTINCT));
    t.add(row("amin({-1})", any, in -> in[0].amin(new int[] {-1}, true)).domain(DISTINCT));
    t.add(row("amin(all)", any, in -> in[0].amin(new int[0], false)).domain(DISTINCT));
    t.add(row("logsumexp(-1)", any, in -> in[0].logsumexp(-1, false)));
    t.add(row("logsumexp(0, keepdim)", any, in -> in[0].logsumexp(0, true)));
    for (int d : new int[] {0, 1, -1}) {
      t.add(row("softmax(" + d + ")", two, in -> in[0].softmax(d)).trials(3));
      t.add(row("logSoftmax(" + d + ")", two, in -> in[0].logSoftmax(d)).trials(3));
    }
    t.add(row("norm(1)", any, in -> in[0].norm(1f)).domain(DISTINCT));
    t.add(row("norm(2)", any, in -> in[0].norm(2f)));
    t.add(row("norm()", any, in -> in[0].norm()));
    t.add(row("norm(3)", any, in -> in[0].norm(3f)).domain(DISTINCT));
    t.add(row("norm(inf)", any, in -> in[0].norm(Float.POSITIVE_INFINITY)).domain(DISTINCT));
    t.add(row("norm(2, dim -1, keepdim)", two, in -> in[0].norm(2f, new int[] {-1}, true)));
    t.add(row("norm(1, dim 0)", two, in -> in[0].norm(1f, new int[] {0}, false)).domain(DISTINCT));
    t.add(row("norm(inf, dim 0)", two, in -> in[0].norm(Float.POSITIVE_INFINITY, new int[] {0},
        false)).domain(DISTINCT));
    return t;
  }

  static GradTable movement() {
    GradTable t = new GradTable(20240603);
    Shapes any = Shapes.random(1, 3);
    t.add(row("reshape(-1)", any, in -> in[0].reshape(-1)));
    t.add(row("reshape(last, -1)", any, in -> in[0].reshape(in[0].size(-1), -1)));
    t.add(row("reshape(2, 6)", fixed(s(3, 4)), in -> in[0].reshape(2, 6)));
    t.add(row("view split dim 0", fixed(s(4, 3)), in -> in[0].view(2, 2, 3)));
    t.add(row("view(-1)", fixed(s(3, 4)), in -> in[0].view(-1)).layouts(CONTIGUOUS));
    t.add(row("flatten()", any, in -> in[0].flatten()));
    t.add(row("flatten(0, 1)", fixed(s(2, 3, 4)), in -> in[0].flatten(0, 1)));
    t.add(row("flatten(1, -1)", fixed(s(2, 3, 4)), in -> in[0].flatten(1, -1)));
    t.add(row("squeeze()", fixed(s(3, 1, 4, 1)), in -> in[0].squeeze()));
    t.add(row("squeeze(1)", fixed(s(3, 1, 4)), in -> in[0].squeeze(1)));
    t.add(row("unsqueeze(0)", any, in -> in[0].unsqueeze(0)));
    t.add(row("unsqueeze(-1)", any, in -> in[0].unsqueeze(-1)));
    t.add(row("transpose(0, -1)", any, in -> in[0].transpose(0, -1)));
    t.add(row("t()", fixed(s(3, 4)), in -> in[0].t()));
    t.add(row("permute(2, 0, 1)", fixed(s(2, 3, 4)), in -> in[0].permute(2, 0, 1)));
    t.add(row("permute(-1, 0, 1) then reshape", fixed(s(2, 3, 4)),
        in -> in[0].permute(-1, 0, 1).reshape(4, 6)));
    t.add(row("expand", fixed(s(3, 1)), in -> in[0].expand(2, 3, 4)));
    t.add(row("expand(-1, 5)", fixed(s(4, 1)), in -> in[0].expand(-1, 5)));
    t.add(row("expandAs", fixed(s(1, 4)), in -> in[0].expandAs(Tensor.zeros(3, 4))));
    t.add(row("narrow", fixed(s(4, 5)), in -> in[0].narrow(1, 1, 3)));
    t.add(row("narrow(0)", fixed(s(4, 5)), in -> in[0].narrow(0, 2, 2)));
    t.add(row("slice step 2", fixed(s(4, 5)), in -> in[0].slice(-1, 0, 5, 2)));
    t.add(row("slice step 3, negative start", fixed(s(7, 2)), in -> in[0].slice(0, -6, 7, 3)));
    t.add(row("select(0, 1)", fixed(s(3, 4)), in -> in[0].select(0, 1)));
    t.add(row("select(-1, -1)", fixed(s(2, 3, 4)), in -> in[0].select(-1, -1)));
    t.add(row("contiguous", any, in -> in[0].contiguous()));
    t.add(row("clone", any, in -> in[0].clone()));
    t.add(row("t().contiguous()", fixed(s(3, 4)), in -> in[0].t().contiguous().mul(2f)));
    t.add(row("cat dim 0", fixed(s(2, 3), s(1, 3), s(4, 3)),
        in -> Tensor.cat(List.of(in[0], in[1], in[2]), 0)));
    t.add(row("cat dim -1", fixed(s(2, 3), s(2, 1), s(2, 2)),
        in -> Tensor.cat(List.of(in[0], in[1], in[2]), -1)));
    t.add(row("cat same input twice", fixed(s(2, 3)), in -> Tensor.cat(List.of(in[0], in[0]), 1)));
    t.add(row("stack dim 0", Shapes.same(3, 1, 3), in -> Tensor.stack(List.of(in[0], in[1], in[2]),
        0)));
    t.add(row("stack dim -1", Shapes.same(2, 1, 3), in -> Tensor.stack(List.of(in[0], in[1]), -1)));
    t.add(row("split last piece", fixed(s(5, 3)), in -> in[0].split(2, 0).get(2)));
    t.add(row("split middle piece", fixed(s(3, 5)), in -> in[0].split(2, -1).get(1)));
    t.add(row("chunk reversed", fixed(s(2, 7)), in -> {
      List<Tensor> parts = new ArrayList<>(in[0].chunk(3, -1));
      Collections.reverse(parts);
      return Tensor.cat(parts, -1);
    }));
    return t;
  }

  static GradTable indexing() {
    GradTable t = new GradTable(20240604);
    Tensor idx4 = Tensor.ofInts(new int[] {3, 0, 3, 1});
    t.add(row("indexSelect dim 0 with repeats", fixed(s(4, 3)), in -> in[0].indexSelect(0, idx4)));
    t.add(row("indexSelect dim 1", fixed(s(2, 5)), in -> in[0].indexSelect(1, idx4)));
    t.add(row("indexSelect dim -1 of rank 3", fixed(s(2, 3, 4)), in -> in[0].indexSelect(-1, idx4)));
    Tensor g1 = Tensor.ofInts(new int[] {0, 0, 3, 1, 2, 1, 3, 3, 3}, 3, 3);
    t.add(row("gather dim 1", fixed(s(3, 4)), in -> in[0].gather(1, g1)));
    Tensor g0 = Tensor.ofInts(new int[] {2, 0, 1, 1, 0, 2}, 2, 3);
    t.add(row("gather dim 0", fixed(s(3, 3)), in -> in[0].gather(0, g0)));
    Tensor sIdx = Tensor.ofInts(new int[] {0, 2, 2, 1, 1, 1, 0, 2}, 2, 4);
    t.add(row("scatterAdd (self and src)", fixed(s(3, 4), s(2, 4)),
        in -> in[0].scatterAdd(0, sIdx, in[1])));
    Tensor sIdx1 = Tensor.ofInts(new int[] {0, 3, 3, 1, 2, 2}, 2, 3);
    t.add(row("scatterAdd dim 1, src larger than index", fixed(s(2, 4), s(3, 5)),
        in -> in[0].scatterAdd(1, sIdx1, in[1])));
    return t;
  }

  static GradTable matmul() {
    GradTable t = new GradTable(20240605);
    t.add(row("matmul 1d.1d", fixed(s(4), s(4)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 2d.1d", fixed(s(3, 4), s(4)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 1d.2d", fixed(s(4), s(4, 2)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 2d.2d", fixed(s(3, 4), s(4, 2)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 1d.3d", fixed(s(4), s(2, 4, 3)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 3d.1d", fixed(s(2, 3, 4), s(4)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 3d.2d", fixed(s(2, 3, 4), s(4, 5)), in -> in[0].matmul(in[1])));
    t.add(row("matmul 2d.3d", fixed(s(3, 4), s(2, 4, 5)), in -> in[0].matmul(in[1])));
    t.add(row("matmul batched broadcast", fixed(s(2, 1, 3, 4), s(5, 4, 2)),
        in -> in[0].matmul(in[1])));
    t.add(row("matmul batched both sides", fixed(s(2, 1, 2, 3), s(1, 3, 3, 2)),
        in -> in[0].matmul(in[1])));
    t.add(row("matmul a^T b", fixed(s(4, 3), s(4, 2)), in -> in[0].t().matmul(in[1])));
    t.add(row("matmul a b^T", fixed(s(3, 4), s(2, 4)), in -> in[0].matmul(in[1].t())));
    t.add(row("matmul batched transposed", fixed(s(2, 4, 3), s(2, 5, 4)),
        in -> in[0].transpose(1, 2).matmul(in[1].transpose(-1, -2))));
    t.add(row("matmul x.x", fixed(s(3, 3)), in -> in[0].matmul(in[0])));
    return t;
  }

  @TestFactory
  Stream<DynamicTest> elementwiseGradients() {
    return elementwise().tests();
  }

  @TestFactory
  Stream<DynamicTest> reductionGradients() {
    return reductions().tests();
  }

  @TestFactory
  Stream<DynamicTest> movementGradients() {
    return movement().tests();
  }

  @TestFactory
  Stream<DynamicTest> indexingGradients() {
    return indexing().tests();
  }

  @TestFactory
  Stream<DynamicTest> matmulGradients() {
    return matmul().tests();
  }

  /**
   * The table must keep covering every differentiable op of the facade (the dynamic tests above
   * assert each op's gradient; this asserts none was dropped from the table).
   */
  @Test
  void tableCoversEveryDifferentiableOp() {
    List<String> names = new ArrayList<>();
    for (GradTable t : List.of(elementwise(), reductions(), movement(), indexing(), matmul())) {
      assertTrue(!t.cases().isEmpty(), "a table without cases");
      t.rows().forEach(r -> names.add(r.name()));
    }
    String[] required = {
      "add", "sub", "mul", "div", "pow(tensor)", "maximum", "minimum", "neg", "exp", "expm1", "log",
      "log1p", "sqrt", "rsqrt", "square", "reciprocal", "abs", "sin", "cos", "tanh", "sigmoid", "relu",
      "leakyRelu", "softplus", "erf", "clamp", "clampMin", "clampMax", "sum()", "mean()", "var()",
      "std()", "max(dim)", "min(dim)", "logsumexp(-1)", "norm(2)", "norm(inf)", "reshape(-1)",
      "transpose(0, -1)", "expand", "narrow", "slice step 2", "contiguous", "clone", "cat dim 0",
      "stack dim 0", "gather dim 1", "scatterAdd (self and src)", "indexSelect dim 1", "where",
      "maskedFill", "matmul 2d.2d", "matmul batched broadcast"
    };
    for (String op : required) {
      assertTrue(names.stream().anyMatch(n -> n.equals(op) || n.startsWith(op)),
          "the op table has no row for " + op + " (rows: " + names + ")");
    }
    assertTrue(names.stream().anyMatch(n -> n.startsWith("softmax(")), "no softmax row");
    assertTrue(names.stream().anyMatch(n -> n.startsWith("logSoftmax(")), "no logSoftmax row");
  }
}
