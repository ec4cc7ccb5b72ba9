"""Shared timing for the PyTorch side of the per-op comparisons (op_overhead_torch.py,
tiny_ops_torch.py).

`median_ns` times one call the way the Java side does (warm-up, then the median of batches).
`run_best_of_configs` runs a script's measurement in subprocesses for torch.set_num_threads 1/2 x
OPENBLAS_NUM_THREADS 1/2 (the variable must be set before torch is imported) and prints, per op,
each configuration's figure on a `#` line and the best as `torch <op> <ns>`.
"""
import json
import os
import subprocess
import sys
import time


def median_ns(fn, calls=20000, batches=15):
    """Median nanoseconds per call of fn over `batches` batches of `calls` calls, after warm-up."""
    for _ in range(calls):
        fn()
    samples = []
    for _ in range(batches):
        t0 = time.perf_counter_ns()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter_ns() - t0) / calls)
    samples.sort()
    return samples[batches // 2]


def run_best_of_configs(measure):
    """As a child (`--child THREADS`): prints measure()'s {op: ns} as JSON. Otherwise runs this
    script as a child in each configuration and prints the per-op lines."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import torch
        torch.set_num_threads(int(sys.argv[2]))
        print(json.dumps(measure()))
        return
    results = {}
    for tt in (1, 2):
        for ob in (1, 2):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(ob))
            res = subprocess.run([sys.executable, sys.argv[0], "--child", str(tt)], env=env,
                                 capture_output=True, text=True, check=True)
            results[(tt, ob)] = json.loads(res.stdout.strip().splitlines()[-1])
    for name in next(iter(results.values())):
        cfgs = " ".join(f"t{tt}/ob{ob}={results[(tt, ob)][name]:.0f}" for (tt, ob) in results)
        print(f"# {name}: {cfgs}")
        print(f"torch {name} {min(r[name] for r in results.values()):.1f}")
