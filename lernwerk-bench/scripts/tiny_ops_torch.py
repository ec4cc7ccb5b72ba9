#!/usr/bin/python3
"""Per-op time of many tiny PyTorch ops: the same ops, shapes and timing loop as TinyOpSweep.java.

Per op: 20,000 warm-up calls, then 15 batches of 20,000 calls; the whole table is swept twice and
the second sweep counts. Runs itself in subprocesses for torch.set_num_threads 1/2 x
OPENBLAS_NUM_THREADS 1/2 and prints, per op, the best configuration as `torch <op> <ns>` lines (and
each configuration's figure on a `#` line).
"""
from torch_timing import median_ns, run_best_of_configs

CALLS = 20000
BATCHES = 15


def ops():
    import torch
    torch.manual_seed(7)
    p = torch.randn(8, 8)
    q = torch.randn(8, 8)
    row = torch.randn(1, 10)
    bias = torch.randn(8)
    pg = torch.randn(8, 8, requires_grad=True)
    idx = torch.randint(0, 8, (8,))

    def backward():
        loss = (pg * q).sum()
        loss.backward()
        return loss

    return {
        "add": lambda: p + q,
        "addBias": lambda: p + bias,
        "mulScalar": lambda: p * 2,
        "div": lambda: p / q,
        "pow2": lambda: p.pow(2),
        "clamp": lambda: p.clamp(-1, 1),
        "exp": lambda: p.exp(),
        "log": lambda: q.abs().log(),
        "relu": lambda: p.relu(),
        "sigmoid": lambda: p.sigmoid(),
        "tanh": lambda: p.tanh(),
        "gt": lambda: p > q,
        "where": lambda: torch.where(p > q, p, q),
        "sumAll": lambda: p.sum(),
        "sumDim": lambda: p.sum(1),
        "mean": lambda: p.mean(),
        "varDim": lambda: p.var(1),
        "maxDim": lambda: p.max(1).values,
        "argmaxDim": lambda: p.argmax(1),
        "norm": lambda: p.norm(2),
        "softmax": lambda: torch.softmax(row, 1),
        "logSoftmax": lambda: torch.log_softmax(row, 1),
        "logsumexp": lambda: torch.logsumexp(p, 1),
        "matmul": lambda: p @ q,
        "reshape": lambda: p.reshape(4, 16),
        "transposeContiguous": lambda: p.t().contiguous(),
        "cat": lambda: torch.cat([p, q], 0),
        "indexSelect": lambda: p.index_select(0, idx),
        "mulRecorded": lambda: pg * q,
        "sumRecorded": lambda: pg.sum(),
        "mulSumBackward": backward,
    }


def measure():
    table = ops()
    out = {}
    for _ in range(2):  # the second sweep counts: every op measured after all were compiled
        out = {name: median_ns(fn, CALLS, BATCHES) for name, fn in table.items()}
    return out


if __name__ == "__main__":
    run_best_of_configs(measure)
