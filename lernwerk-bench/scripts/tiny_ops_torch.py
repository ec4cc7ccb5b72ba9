#!/usr/bin/python3
"""Per-op time of many tiny PyTorch ops: the same ops, shapes and timing loop as TinyOpSweep.java.

Per op: 20,000 warm-up calls, then 15 batches of 20,000 calls; the whole table is swept twice and
the second sweep counts. Runs itself in subprocesses for torch.set_num_threads 1/2 x
OPENBLAS_NUM_THREADS 1/2 and prints, per op, the best configuration as `torch <op> <ns>` lines (and
each configuration's figure on a `#` line).
"""
import json
import os
import subprocess
import sys
import time

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


def measure(fn):
    for _ in range(CALLS):
        fn()
    batches = []
    for _ in range(BATCHES):
        t0 = time.perf_counter_ns()
        for _ in range(CALLS):
            fn()
        batches.append((time.perf_counter_ns() - t0) / CALLS)
    batches.sort()
    return batches[BATCHES // 2]


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import torch
        torch.set_num_threads(int(sys.argv[2]))
        table = ops()
        out = {}
        for _ in range(2):
            out = {name: measure(fn) for name, fn in table.items()}
        print(json.dumps(out))
        return
    results = {}
    for tt in (1, 2):
        for ob in (1, 2):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(ob))
            res = subprocess.run([sys.executable, __file__, "--child", str(tt)], env=env,
                                 capture_output=True, text=True, check=True)
            results[(tt, ob)] = json.loads(res.stdout.strip().splitlines()[-1])
    for name in next(iter(results.values())):
        cfgs = " ".join(f"t{tt}/ob{ob}={results[(tt, ob)][name]:.0f}" for (tt, ob) in results)
        print(f"# {name}: {cfgs}")
        print(f"torch {name} {min(r[name] for r in results.values()):.1f}")


if __name__ == "__main__":
    main()
