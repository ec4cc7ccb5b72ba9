#!/usr/bin/python3
"""Writes PyTorch's results for a table of tensor ops to a safetensors file, for TorchParity.java.

For every case: its inputs (`<case>.in0`, `<case>.in1`, ...), PyTorch's outputs (`<case>.out0`, ...)
and, for differentiable cases, the gradients of sum(out0 * w) with respect to the float inputs
(`<case>.w`, `<case>.grad0`, ...). The metadata maps each case to its op and parameters as
`op|p1|p2|...`. Inputs mix ordinary values with the hard ones: NaN, +-inf, -0, +-1e4, ties.

Usage: parity_torch.py OUT.safetensors [seed]
"""
import json
import struct
import sys

import torch

SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 5
g = torch.Generator().manual_seed(SEED)
cases = {}     # name -> (spec, inputs, outputs, weights, grads)


def rnd(*shape, special=False, lo=-3.0, hi=3.0):
    x = torch.rand(*shape, generator=g) * (hi - lo) + lo
    if special and x.numel() >= 8:
        flat = x.view(-1)
        vals = [float("nan"), float("inf"), float("-inf"), -0.0, 0.0, 1e4, -1e4, 0.5]
        idx = torch.randperm(flat.numel(), generator=g)[: len(vals)]
        for i, v in zip(idx.tolist(), vals):
            flat[i] = v
    return x


def case(name, spec, inputs, fn, grad=True, wrt=None):
    """wrt: indices of the inputs whose gradients are compared (default: every float input)."""
    outs = fn(*inputs)
    if not isinstance(outs, (tuple, list)):
        outs = [outs]
    outs = [o.detach() if o.dtype.is_floating_point else o.to(torch.int32) for o in outs]
    weights, grads = None, None
    if wrt is None:
        wrt = [i for i, x in enumerate(inputs) if x.dtype.is_floating_point]
    if grad and outs[0].dtype.is_floating_point:
        req = [x.detach().clone().requires_grad_(i in wrt) for i, x in enumerate(inputs)]
        o = fn(*req)
        o = o[0] if isinstance(o, (tuple, list)) else o
        w = torch.rand(o.shape, generator=g) + 0.5
        (o * w).sum().backward()
        weights = w
        grads = {i: req[i].grad if req[i].grad is not None else torch.zeros_like(req[i])
                 for i in wrt}
    cases[name] = (spec, inputs, outs, weights, grads)


# -- elementwise unary, on ordinary inputs (with gradients) and on hard values (forward only)
unary = {
    "exp": torch.exp, "log": torch.log, "log1p": torch.log1p, "expm1": torch.expm1,
    "sqrt": torch.sqrt, "rsqrt": torch.rsqrt, "abs": torch.abs, "sign": torch.sign,
    "neg": torch.neg, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
    "softplus": torch.nn.functional.softplus, "erf": torch.erf, "floor": torch.floor,
    "ceil": torch.ceil, "round": torch.round, "sin": torch.sin, "cos": torch.cos,
    "reciprocal": torch.reciprocal, "square": torch.square,
}
positive = {"log", "sqrt", "rsqrt"}
for op, fn in unary.items():
    lo = 0.1 if op in positive else -3.0
    x = rnd(5, 7, lo=lo)
    if op in ("abs", "sign", "relu"):
        x = x + (x == 0).float()  # keep away from the kink for the gradient
    case(f"{op}.plain", op, [x], fn, grad=op not in ("floor", "ceil", "round", "sign"))
    if op == "sign":
        # deliberate difference: lernwerk's sign(NaN) is NaN (IEEE, NumPy); PyTorch gives 0, an open
        # PyTorch bug (pytorch/pytorch#41245)
        fn = lambda t: torch.where(torch.isnan(t), t, torch.sign(t))  # noqa: E731
    case(f"{op}.special", op, [rnd(6, 9, special=True)], fn, grad=False)
case("round.ties", "round", [torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5])], torch.round,
     grad=False)
for p in (2.0, 3.0, 0.5, -1.0, 0.0):
    base = rnd(4, 6, lo=0.2, hi=3.0)
    case(f"powScalar.{p}", f"powScalar|{p}", [base], lambda x, p=p: torch.pow(x, p))
case("powScalar.special", "powScalar|0.5", [rnd(6, 9, special=True)], lambda x: torch.pow(x, 0.5),
     grad=False)
case("clamp.plain", "clamp|-1|1", [rnd(5, 8)], lambda x: torch.clamp(x, -1, 1))
case("clamp.special", "clamp|-1|1", [rnd(6, 9, special=True)], lambda x: torch.clamp(x, -1, 1),
     grad=False)
case("leakyRelu.plain", "leakyRelu|0.1", [rnd(5, 8)],
     lambda x: torch.nn.functional.leaky_relu(x, 0.1))

# -- binary with broadcasting
binary = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div,
    "maximum": torch.maximum, "minimum": torch.minimum,
}
shapes = [((4, 5), (4, 5)), ((4, 5), (5,)), ((3, 1, 5), (4, 1)), ((1,), (2, 3)), ((2, 1, 3), (2, 4, 1))]
for op, fn in binary.items():
    for i, (sa, sb) in enumerate(shapes):
        a, b = rnd(*sa), rnd(*sb)
        if op == "div":
            b = b.sign() * (b.abs() + 0.5)
        if op in ("maximum", "minimum"):
            b = b + 0.01
        case(f"{op}.{i}", op, [a, b], fn)
    case(f"{op}.special", op, [rnd(6, 9, special=True), rnd(6, 9, special=True)], fn, grad=False)
case("pow.tensor", "pow", [rnd(4, 5, lo=0.3), rnd(5, lo=-2, hi=2)], torch.pow)
for op, fn in {"eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt,
               "ge": torch.ge}.items():
    a = rnd(6, 9, special=True)
    b = a.clone()
    b[::2] = rnd(3, 9, special=True)
    case(f"{op}.special", op, [a, b], fn, grad=False)
    case(f"{op}.bcast", op, [rnd(3, 4), rnd(4)], fn, grad=False)

# -- reductions
x = rnd(3, 4, 5)
for dims, keep in (((1,), False), ((0, 2), True), ((-1,), True), ((0, 1, 2), False)):
    d = ",".join(map(str, dims))
    case(f"sum.{d}.{keep}", f"sum|{d}|{keep}", [x], lambda t, dims=dims, keep=keep: t.sum(dims, keep))
    case(f"mean.{d}.{keep}", f"mean|{d}|{keep}", [x],
         lambda t, dims=dims, keep=keep: t.mean(dims, keep))
    for unb in (True, False):
        case(f"var.{d}.{keep}.{unb}", f"var|{d}|{keep}|{unb}", [x],
             lambda t, dims=dims, keep=keep, unb=unb: t.var(dims, unbiased=unb, keepdim=keep))
        case(f"std.{d}.{keep}.{unb}", f"std|{d}|{keep}|{unb}", [x],
             lambda t, dims=dims, keep=keep, unb=unb: t.std(dims, unbiased=unb, keepdim=keep))
case("sum.special", "sum|1|False", [rnd(6, 9, special=True)], lambda t: t.sum(1), grad=False)
case("mean.all", "meanAll", [x], lambda t: t.mean())
case("sum.all", "sumAll", [x], lambda t: t.sum())
for dim in (0, 1, -1):
    for keep in (False, True):
        case(f"max.{dim}.{keep}", f"max|{dim}|{keep}", [x],
             lambda t, dim=dim, keep=keep: tuple(t.max(dim, keep)))
        case(f"min.{dim}.{keep}", f"min|{dim}|{keep}", [x],
             lambda t, dim=dim, keep=keep: tuple(t.min(dim, keep)))
        case(f"argmax.{dim}.{keep}", f"argmax|{dim}|{keep}", [x],
             lambda t, dim=dim, keep=keep: t.argmax(dim, keep), grad=False)
        case(f"logsumexp.{dim}.{keep}", f"logsumexp|{dim}|{keep}", [x],
             lambda t, dim=dim, keep=keep: torch.logsumexp(t, dim, keep))
    case(f"softmax.{dim}", f"softmax|{dim}", [x], lambda t, dim=dim: torch.softmax(t, dim))
    case(f"logSoftmax.{dim}", f"logSoftmax|{dim}", [x], lambda t, dim=dim: torch.log_softmax(t, dim))
big = rnd(4, 7) * 1e4
case("softmax.big", "softmax|1", [big], lambda t: torch.softmax(t, 1))
case("logSoftmax.big", "logSoftmax|1", [big], lambda t: torch.log_softmax(t, 1))
ties = torch.tensor([[1.0, 3.0, 3.0, 2.0], [5.0, 5.0, 5.0, 5.0], [-1.0, -2.0, -1.0, -3.0]])
case("max.ties", "max|1|False", [ties], lambda t: tuple(t.max(1)), grad=False)
case("argmax.ties", "argmax|1|False", [ties], lambda t: t.argmax(1), grad=False)
case("argmin.ties", "argmin|1|False", [ties], lambda t: t.argmin(1), grad=False)
case("max.nan", "max|1|False", [rnd(6, 9, special=True)], lambda t: tuple(t.max(1)), grad=False)
case("argmax.nan", "argmax|1|False", [rnd(6, 9, special=True)], lambda t: t.argmax(1), grad=False)
for p in (1.0, 2.0, 3.0):
    case(f"norm.{p}", f"norm|{p}", [rnd(4, 6)], lambda t, p=p: t.norm(p))
case("amax.1", "amax|1|False", [x], lambda t: t.amax(1), grad=False)

# -- matmul
for i, (sa, sb) in enumerate([((5,), (5,)), ((3, 5), (5,)), ((5,), (5, 4)), ((3, 5), (5, 4)),
                              ((2, 3, 5), (5, 4)), ((2, 1, 3, 5), (4, 5, 2)), ((7, 33), (33, 65))]):
    case(f"matmul.{i}", "matmul", [rnd(*sa), rnd(*sb)], torch.matmul)

# -- shape and indexing
a, b = rnd(2, 3), rnd(4, 3)
case("cat.0", "cat|0", [a, b], lambda p, q: torch.cat([p, q], 0))
case("cat.1", "cat|1", [rnd(2, 3), rnd(2, 5)], lambda p, q: torch.cat([p, q], 1))
case("stack.1", "stack|1", [rnd(2, 3), rnd(2, 3)], lambda p, q: torch.stack([p, q], 1))
src = rnd(4, 5)
idx = torch.randint(0, 5, (4, 3), generator=g)
case("gather.1", "gather|1", [src, idx.to(torch.int32)], lambda s, i: torch.gather(s, 1, i.long()))
sel = torch.tensor([3, 0, 3, 1], dtype=torch.int32)
case("indexSelect.0", "indexSelect|0", [src, sel], lambda s, i: torch.index_select(s, 0, i.long()))
tgt = rnd(4, 5)
case("scatterAdd.1", "scatterAdd|1", [tgt, idx.to(torch.int32), rnd(4, 3)],
     lambda t, i, s: t.scatter_add(1, i.long(), s))
cond = rnd(4, 5) > 0
case("where", "where", [cond.to(torch.int32), rnd(4, 5), rnd(5)],
     lambda c, p, q: torch.where(c.bool(), p, q))
case("maskedFill", "maskedFill|-7", [rnd(4, 5), cond.to(torch.int32)],
     lambda t, m: t.masked_fill(m.bool(), -7.0))
case("permute", "permute|2,0,1", [x], lambda t: t.permute(2, 0, 1).contiguous())
case("narrow", "narrow|1|1|2", [x], lambda t: t.narrow(1, 1, 2).contiguous())
case("expand", "expand|3,4,5", [rnd(4, 1)], lambda t: t.expand(3, 4, 5).contiguous())
# deliberate difference: lernwerk's oneHot is float32 (ready for MSE/BCE targets), PyTorch's int64
case("oneHot", "oneHot|6", [torch.tensor([0, 5, 2, 2], dtype=torch.int32)],
     lambda t: torch.nn.functional.one_hot(t.long(), 6).float(), grad=False)
case("bincount", "bincount", [torch.tensor([0, 5, 2, 2, 7], dtype=torch.int32)],
     lambda t: torch.bincount(t.long()), grad=False)

# -- kinks, ties and edges, with gradients where PyTorch defines one
T = torch.tensor
kinks = T([-1.0, 0.0, 1.0, -0.0, 2.0])
case("relu.kink", "relu", [kinks], torch.relu)
case("abs.kink", "abs", [kinks], torch.abs)
case("leakyRelu.kink", "leakyRelu|0.1", [kinks], lambda x: torch.nn.functional.leaky_relu(x, 0.1))
case("clamp.bounds", "clamp|-1|1", [T([-1.0, 1.0, 0.0, -2.0, 2.0])], lambda x: torch.clamp(x, -1, 1))
case("maximum.ties", "maximum", [T([1.0, 2.0, 3.0]), T([1.0, 0.0, 3.0])], torch.maximum)
case("minimum.ties", "minimum", [T([1.0, 2.0, 3.0]), T([1.0, 0.0, 3.0])], torch.minimum)
case("max.tiesGrad", "max|1|False", [ties], lambda t: tuple(t.max(1)))
case("amax.ties", "amax|1|False", [ties], lambda t: t.amax(1))
case("norm.zero", "norm|2.0", [torch.zeros(3, 2)], lambda t: t.norm(2))
case("sqrt.zero", "sqrt", [T([0.0, 4.0])], torch.sqrt)
case("powScalar.zeroBase", "powScalar|2.0", [T([0.0, -3.0, 2.0])], lambda x: torch.pow(x, 2.0))
case("powScalar.zeroExp", "powScalar|0.0", [T([0.0, -3.0, 2.0])], lambda x: torch.pow(x, 0.0))
case("powScalar.negBase", "powScalar|3.0", [T([-2.0, -0.5, 1.5])], lambda x: torch.pow(x, 3.0))
case("pow.negHalf", "pow", [T([-2.0, 4.0]), T([0.5])], torch.pow, grad=False)
case("sigmoid.saturated", "sigmoid", [T([-200.0, -50.0, 50.0, 200.0])], torch.sigmoid)
case("tanh.saturated", "tanh", [T([-200.0, -20.0, 20.0, 200.0])], torch.tanh)
case("softplus.wide", "softplus", [T([-200.0, -20.0, 0.0, 20.0, 200.0])],
     torch.nn.functional.softplus)
neg_inf = float("-inf")
case("softmax.negInf", "softmax|1", [T([[neg_inf, 0.0, 1.0], [2.0, neg_inf, neg_inf]])],
     lambda t: torch.softmax(t, 1))
case("logSoftmax.negInf", "logSoftmax|1", [T([[neg_inf, 0.0, 1.0], [2.0, neg_inf, neg_inf]])],
     lambda t: torch.log_softmax(t, 1), grad=False)
case("logsumexp.allNegInf", "logsumexp|1|False", [T([[neg_inf, neg_inf], [0.0, neg_inf]])],
     lambda t: torch.logsumexp(t, 1), grad=False)
case("logsumexp.posInf", "logsumexp|1|False", [T([[float("inf"), 0.0], [1.0, 2.0]])],
     lambda t: torch.logsumexp(t, 1), grad=False)
case("var.single", "var|1|False|True", [T([[1.0], [2.0]])],
     lambda t: t.var(1, unbiased=True), grad=False)
case("var.singleBiased", "var|1|False|False", [T([[1.0], [2.0]])],
     lambda t: t.var(1, unbiased=False))
case("sum.empty", "sum|1|False", [torch.zeros(3, 0)], lambda t: t.sum(1), grad=False)
case("mean.empty", "mean|1|False", [torch.zeros(3, 0)], lambda t: t.mean(1), grad=False)
case("matmul.empty", "matmul", [torch.zeros(2, 0), torch.zeros(0, 3)], torch.matmul, grad=False)
case("div.zero", "div", [T([1.0, -1.0, 0.0, -0.0]), T([0.0, 0.0, 0.0, 0.0])], torch.div, grad=False)
case("div.negZero", "div", [T([1.0, -1.0]), T([-0.0, -0.0])], torch.div, grad=False)
case("round.halves", "round", [T([0.49999997, -0.49999997, 1e8 + 0.5, 8388609.0, -2.5])],
     torch.round, grad=False)
case("floor.negZero", "floor", [T([-0.0, -0.5, 0.5])], torch.floor, grad=False)
case("argmax.allNan", "argmax|1|False", [T([[float("nan"), 1.0], [2.0, float("nan")]])],
     lambda t: t.argmax(1), grad=False)
case("maximum.nan", "maximum", [T([float("nan"), 1.0]), T([0.0, float("nan")])], torch.maximum,
     grad=False)
case("clamp.nan", "clamp|-1|1", [T([float("nan")])], lambda x: torch.clamp(x, -1, 1), grad=False)
case("relu.nan", "relu", [T([float("nan"), -float("nan")])], torch.relu, grad=False)

# -- views as inputs (transposed, sliced) and multi-output shape ops
for ta in (False, True):
    for tb in (False, True):
        a = rnd(2, 5, 3) if ta else rnd(2, 3, 5)
        b = rnd(4, 5) if tb else rnd(5, 4)
        case(f"matmulT.{ta}.{tb}", f"matmulT|{ta}|{tb}", [a, b],
             lambda p, q, ta=ta, tb=tb: torch.matmul(p.transpose(-1, -2) if ta else p,
                                                      q.transpose(-1, -2) if tb else q))
big_a, big_b = rnd(70, 90), rnd(70, 110)
case("matmulT.big", "matmulT|True|False", [big_a, big_b], lambda p, q: p.t() @ q)
case("addT", "addT", [rnd(4, 3), rnd(3, 4)], lambda p, q: p.t() + q)
case("mulSliced", "mulSliced", [rnd(6, 8), rnd(4)], lambda p, q: p[1:5, ::2] * q)
case("softmaxT", "softmaxT|1", [rnd(9, 4)], lambda p: torch.softmax(p.t(), 1))
case("logSoftmaxT", "logSoftmaxT|0", [rnd(9, 4)], lambda p: torch.log_softmax(p.t(), 0))
case("sumT", "sumT|1|True", [rnd(3, 4, 5)], lambda p: p.transpose(0, 2).sum(1, True))
case("expT", "expT", [rnd(5, 6)], lambda p: p.t().exp())
case("split", "split|2|1", [rnd(3, 5)], lambda p: tuple(torch.split(p, 2, 1)))
case("chunk", "chunk|3|0", [rnd(7, 2)], lambda p: tuple(torch.chunk(p, 3, 0)))
case("unique", "unique", [torch.tensor([3.0, 1.0, 3.0, -2.0, 1.0, 3.0])],
     lambda p: tuple(torch.unique(p, sorted=True, return_counts=True)), grad=False)
case("arange", "arange|0|1|0.1", [torch.zeros(1)], lambda _: torch.arange(0, 1, 0.1), grad=False)
case("arange2", "arange|-1|2.5|0.5", [torch.zeros(1)], lambda _: torch.arange(-1, 2.5, 0.5),
     grad=False)
case("linspace", "linspace|-1|2|7", [torch.zeros(1)], lambda _: torch.linspace(-1, 2, 7), grad=False)
case("eye", "eye|3|4", [torch.zeros(1)], lambda _: torch.eye(3, 4), grad=False)
case("stdAll", "stdAll", [rnd(4, 5)], lambda p: p.std())
case("normInf", "norm|inf", [rnd(4, 5)], lambda p: p.norm(float("inf")), grad=False)
case("normDims", "normDims|3|1|True", [rnd(4, 5)], lambda p: p.norm(3, dim=1, keepdim=True))
case("rsub", "rsub|2", [rnd(3, 4)], lambda p: 2 - p)
case("clampMin", "clampMin|0.5", [rnd(3, 4)], lambda p: p.clamp(min=0.5))
case("squeezeUnsqueeze", "squeezeUnsqueeze", [rnd(3, 1, 4)],
     lambda p: p.squeeze(1).unsqueeze(0).contiguous())
case("flatten", "flatten|1|2", [rnd(2, 3, 4, 5)], lambda p: p.flatten(1, 2).contiguous())
case("select", "select|1|2", [rnd(3, 4, 5)], lambda p: p.select(1, 2).contiguous())
case("sliceStep", "slice|2|1|5|2", [rnd(3, 4, 6)], lambda p: p[:, :, 1:5:2].contiguous())

# -- nn.functional: layers, activations, normalization and losses
F = torch.nn.functional
x, wt, bias = rnd(6, 5), rnd(4, 5), rnd(4)
case("F.linear", "F.linear", [x, wt, bias], F.linear)
case("F.linearNoBias", "F.linear", [rnd(2, 3, 5), wt], F.linear)
acts = {"gelu": F.gelu, "geluTanh": lambda t: F.gelu(t, approximate="tanh"), "silu": F.silu,
        "mish": F.mish, "elu": F.elu, "selu": F.selu, "relu6": F.relu6,
        "hardtanh": lambda t: F.hardtanh(t, -1.0, 1.0),
        "softplus2": lambda t: F.softplus(t, beta=2.0, threshold=10.0),
        "sigmoid": torch.sigmoid}
for op, fn in acts.items():
    case(f"F.{op}", f"F.{op}", [rnd(5, 7, lo=-6, hi=6) + 0.013], fn)
xln = rnd(3, 4, 6)
case("F.layerNorm", "F.layerNorm|6", [xln, rnd(6), rnd(6)],
     lambda t, w, b: F.layer_norm(t, (6,), w, b, 1e-5))
case("F.layerNorm2", "F.layerNorm|4,6", [xln], lambda t: F.layer_norm(t, (4, 6), None, None, 1e-5))
case("F.batchNorm", "F.batchNorm", [rnd(8, 3, 5), rnd(3), rnd(3)],
     lambda t, w, b: F.batch_norm(t, None, None, w, b, training=True, eps=1e-5))
emb_idx = torch.tensor([[1, 0, 3], [3, 2, 0]], dtype=torch.int32)
case("F.embedding", "F.embedding|0", [emb_idx, rnd(4, 5)],
     lambda i, w: F.embedding(i.long(), w, padding_idx=0))
logits, labels = rnd(7, 5), torch.randint(0, 5, (7,), generator=g).to(torch.int32)
cw = rnd(5, lo=0.5, hi=2.0)
for red in ("mean", "sum", "none"):
    case(f"F.crossEntropy.{red}", f"F.crossEntropy|{red}|-100|0", [logits, labels],
         lambda a, t, red=red: F.cross_entropy(a, t.long(), reduction=red))
    case(f"F.crossEntropyW.{red}", f"F.crossEntropyW|{red}|-100|0", [logits, labels, cw],
         lambda a, t, w, red=red: F.cross_entropy(a, t.long(), weight=w, reduction=red), wrt=[0])
    case(f"F.mse.{red}", f"F.mse|{red}", [rnd(4, 3), rnd(4, 3)],
         lambda a, b, red=red: F.mse_loss(a, b, reduction=red))
    case(f"F.l1.{red}", f"F.l1|{red}", [rnd(4, 3), rnd(4, 3)],
         lambda a, b, red=red: F.l1_loss(a, b, reduction=red), wrt=[0])
    case(f"F.bce.{red}", f"F.bce|{red}", [rnd(4, 3, lo=0.05, hi=0.95), rnd(4, 3, lo=0, hi=1)],
         lambda a, b, red=red: F.binary_cross_entropy(a, b, reduction=red), wrt=[0])
    case(f"F.bceLogits.{red}", f"F.bceLogits|{red}", [rnd(4, 3, lo=-30, hi=30), rnd(4, 3, lo=0, hi=1)],
         lambda a, b, red=red: F.binary_cross_entropy_with_logits(a, b, reduction=red), wrt=[0])
ignored = labels.clone()
ignored[::3] = -100
case("F.crossEntropy.ignore", "F.crossEntropy|mean|-100|0", [logits, ignored],
     lambda a, t: F.cross_entropy(a, t.long()))
case("F.crossEntropyW.ignore", "F.crossEntropyW|mean|-100|0", [logits, ignored, cw],
     lambda a, t, w: F.cross_entropy(a, t.long(), weight=w), wrt=[0])
case("F.crossEntropy.smooth", "F.crossEntropy|mean|-100|0.1", [logits, labels],
     lambda a, t: F.cross_entropy(a, t.long(), label_smoothing=0.1))
case("F.crossEntropyW.smooth", "F.crossEntropyW|mean|-100|0.2", [logits, labels, cw],
     lambda a, t, w: F.cross_entropy(a, t.long(), weight=w, label_smoothing=0.2), wrt=[0])
case("F.crossEntropyW.smoothIgnore", "F.crossEntropyW|mean|-100|0.2", [logits, ignored, cw],
     lambda a, t, w: F.cross_entropy(a, t.long(), weight=w, label_smoothing=0.2), wrt=[0])
case("F.crossEntropy.big", "F.crossEntropy|mean|-100|0", [logits * 1e3, labels],
     lambda a, t: F.cross_entropy(a, t.long()))
case("F.crossEntropy.3d", "F.crossEntropy|mean|-100|0",
     [rnd(2, 5, 3), torch.randint(0, 5, (2, 3), generator=g).to(torch.int32)],
     lambda a, t: F.cross_entropy(a, t.long()))
case("F.nll", "F.nll|mean", [torch.log_softmax(logits, 1), labels],
     lambda a, t: F.nll_loss(a, t.long()))
case("F.smoothL1", "F.smoothL1|mean|0.5", [rnd(4, 3), rnd(4, 3)],
     lambda a, b: F.smooth_l1_loss(a, b, beta=0.5), wrt=[0])
case("F.huber", "F.huber|mean|2", [rnd(4, 3) * 3, rnd(4, 3)],
     lambda a, b: F.huber_loss(a, b, delta=2.0), wrt=[0])
kl_in = torch.log_softmax(rnd(4, 5), 1)
kl_t = torch.softmax(rnd(4, 5), 1)
case("F.klDiv.batchmean", "F.klDiv|batchmean|false", [kl_in, kl_t],
     lambda a, b: F.kl_div(a, b, reduction="batchmean"), wrt=[0])
case("F.klDiv.logTarget", "F.klDiv|sum|true", [kl_in, kl_t.log()],
     lambda a, b: F.kl_div(a, b, reduction="sum", log_target=True), wrt=[0])
pm = torch.tensor([1.0, -1.0, 1.0, -1.0])
case("F.cosineEmbedding", "F.cosineEmbedding|0.2|mean", [rnd(4, 6), rnd(4, 6), pm],
     lambda a, b, y: F.cosine_embedding_loss(a, b, y, margin=0.2), wrt=[0, 1])
case("F.marginRanking", "F.marginRanking|0.3|mean", [rnd(4), rnd(4), pm],
     lambda a, b, y: F.margin_ranking_loss(a, b, y, margin=0.3), wrt=[0, 1])
case("F.tripletMargin", "F.tripletMargin|1|2|mean", [rnd(4, 6), rnd(4, 6), rnd(4, 6)],
     lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=1.0, p=2.0))

# -- optimizers: 6 steps on sum(q * p^2 + sin(3p)); the final parameters are compared
def optim_case(name, spec, make):
    p0, q = rnd(4, 5), rnd(4, 5, lo=0.2, hi=2.0)

    def run(p_init, q_):
        p = p_init.detach().clone().requires_grad_(True)
        opt = make([p])
        for _ in range(6):
            opt.zero_grad()
            (q_ * p * p + torch.sin(3 * p)).sum().backward()
            opt.step()
        return p.detach()

    case(name, spec, [p0, q], run, grad=False)


O = torch.optim
optim_case("O.sgd", "O.sgd|0.05|0|0|false|0", lambda ps: O.SGD(ps, lr=0.05))
optim_case("O.sgdMomentum", "O.sgd|0.05|0.9|0.1|false|0.01",
           lambda ps: O.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01))
optim_case("O.sgdNesterov", "O.sgd|0.05|0.9|0|true|0.001",
           lambda ps: O.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.001))
optim_case("O.adam", "O.adam|0.01|0.9|0.999|1e-8|0|false", lambda ps: O.Adam(ps, lr=0.01))
optim_case("O.adamWd", "O.adam|0.01|0.8|0.99|1e-6|0.05|false",
           lambda ps: O.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05))
optim_case("O.adamAmsgrad", "O.adam|0.02|0.9|0.999|1e-8|0|true",
           lambda ps: O.Adam(ps, lr=0.02, amsgrad=True))
optim_case("O.adamW", "O.adamW|0.01|0.9|0.999|1e-8|0.1|false",
           lambda ps: O.AdamW(ps, lr=0.01, weight_decay=0.1))
optim_case("O.adamWAmsgrad", "O.adamW|0.01|0.9|0.999|1e-8|0.01|true",
           lambda ps: O.AdamW(ps, lr=0.01, amsgrad=True))
optim_case("O.rmsprop", "O.rmsprop|0.01|0.99|1e-8|0|0|false", lambda ps: O.RMSprop(ps, lr=0.01))
optim_case("O.rmspropCentered", "O.rmsprop|0.01|0.9|1e-6|0.01|0.5|true",
           lambda ps: O.RMSprop(ps, lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.01, momentum=0.5,
                                centered=True))
optim_case("O.adagrad", "O.adagrad|0.1|0|0|0|1e-10", lambda ps: O.Adagrad(ps, lr=0.1))
optim_case("O.adagradDecay", "O.adagrad|0.1|0.01|0.01|0.1|1e-10",
           lambda ps: O.Adagrad(ps, lr=0.1, lr_decay=0.01, weight_decay=0.01,
                                initial_accumulator_value=0.1))
optim_case("O.adadelta", "O.adadelta|1.0|0.9|1e-6|0", lambda ps: O.Adadelta(ps))
optim_case("O.adadeltaWd", "O.adadelta|0.5|0.95|1e-5|0.01",
           lambda ps: O.Adadelta(ps, lr=0.5, rho=0.95, eps=1e-5, weight_decay=0.01))

# -- learning-rate schedules: the value of 30 consecutive steps
def schedule_case(name, spec, make, key="lr", steps=30):
    def run(_):
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
        sched = make(opt)
        values = []
        for _ in range(steps):
            values.append(opt.param_groups[0][key])
            opt.step()
            sched.step()
        return torch.tensor(values, dtype=torch.float64).float()

    case(name, spec, [torch.zeros(1)], run, grad=False)


S = torch.optim.lr_scheduler
schedule_case("S.step", "S.stepDecay|0.1|7|0.5", lambda o: S.StepLR(o, 7, 0.5))
schedule_case("S.multiStep", "S.multiStep|0.1|5,12|0.3", lambda o: S.MultiStepLR(o, [5, 12], 0.3))
schedule_case("S.exponential", "S.exponential|0.1|0.9", lambda o: S.ExponentialLR(o, 0.9))
schedule_case("S.cosine", "S.cosine|0.1|0.001|30", lambda o: S.CosineAnnealingLR(o, 30, 0.001))
schedule_case("S.warmRestarts", "S.cosineWarmRestarts|0.1|0.01|5|2",
              lambda o: S.CosineAnnealingWarmRestarts(o, 5, 2, 0.01))
schedule_case("S.warmRestarts1", "S.cosineWarmRestarts|0.1|0|4|1",
              lambda o: S.CosineAnnealingWarmRestarts(o, 4, 1, 0.0))
for mode in ("triangular", "triangular2", "exp_range"):
    schedule_case(f"S.cyclic.{mode}", f"S.cyclic|0.01|0.1|4|6|{mode}|0.97",
                  lambda o, mode=mode: S.CyclicLR(o, 0.01, 0.1, 4, 6, mode=mode, gamma=0.97,
                                                  cycle_momentum=False))
schedule_case("S.oneCycle", "S.oneCycle|0.1|30|0.25|25|10000",
              lambda o: S.OneCycleLR(o, 0.1, total_steps=30, pct_start=0.25, div_factor=25,
                                     final_div_factor=1e4))
schedule_case("S.oneCycle3", "S.oneCycle|0.2|30|0.3|10|100",
              lambda o: S.OneCycleLR(o, 0.2, total_steps=30, pct_start=0.3, div_factor=10,
                                     final_div_factor=100))
schedule_case("S.oneCycleMomentum", "S.oneCycleMomentum|0.95|0.85|30|0.25",
              lambda o: S.OneCycleLR(o, 0.1, total_steps=30, pct_start=0.25, base_momentum=0.85,
                                     max_momentum=0.95), key="momentum")
schedule_case("S.linear", "S.linearWarmup|0.01|0.1|10", lambda o: S.LinearLR(o, 0.1, 1.0, 10))


def write(path):
    header, blobs, offset = {}, [], 0
    meta = {}
    for name, (spec, inputs, outs, w, grads) in cases.items():
        meta[name] = spec
        tensors = {f"{name}.in{i}": t for i, t in enumerate(inputs)}
        tensors.update({f"{name}.out{i}": t for i, t in enumerate(outs)})
        if w is not None:
            tensors[f"{name}.w"] = w
            tensors.update({f"{name}.grad{i}": t for i, t in grads.items()})
        for key, t in tensors.items():
            t = t.contiguous()
            if t.dtype == torch.bool:
                t = t.to(torch.int32)
            if t.dtype in (torch.int64, torch.int32):
                t, dt = t.to(torch.int32), "I32"
                data = struct.pack(f"<{t.numel()}i", *t.view(-1).tolist())
            else:
                t, dt = t.to(torch.float32), "F32"
                data = struct.pack(f"<{t.numel()}f", *t.view(-1).tolist())
            header[key] = {"dtype": dt, "shape": list(t.shape),
                           "data_offsets": [offset, offset + len(data)]}
            blobs.append(data)
            offset += len(data)
    header["__metadata__"] = meta
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for blob in blobs:
            f.write(blob)
    print(f"{len(cases)} cases written to {path}")


write(sys.argv[1])
