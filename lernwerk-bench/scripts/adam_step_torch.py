#!/usr/bin/python3
"""Median time of one torch.optim.Adam step over ~1M parameters (the workload of AdamStepBench).

Shapes: [784, 1024], [1024], [1024, 192], [192], [192, 10], [10] = 1,002,570 parameters, random
gradients. Each configuration (torch.set_num_threads 1 and 2 x OPENBLAS_NUM_THREADS 1 and 2 x
foreach off/on) runs in its own subprocess, because OPENBLAS_NUM_THREADS must be set before torch
is imported. Prints one line per configuration and the best.

    /usr/bin/python3 lernwerk-bench/scripts/adam_step_torch.py [--steps 300] [--warmup 30]
"""
import argparse
import json
import os
import subprocess
import sys

SHAPES = [(784, 1024), (1024,), (1024, 192), (192,), (192, 10), (10,)]


def worker(threads, foreach, steps, warmup):
    import time
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    params = []
    for shape in SHAPES:
        p = torch.nn.Parameter(torch.randn(*shape) * 0.01)
        p.grad = torch.randn(*shape)
        params.append(p)
    opt = torch.optim.Adam(params, lr=1e-3, foreach=foreach)
    for _ in range(warmup):
        opt.step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        opt.step()
        times.append(time.perf_counter() - t0)
    times.sort()
    return {
        "torch": torch.__version__,
        "params": sum(p.numel() for p in params),
        "median_ms": times[len(times) // 2] * 1e3,
        "min_ms": times[0] * 1e3,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--worker", nargs=2, metavar=("THREADS", "FOREACH"))
    args = ap.parse_args()
    if args.worker:
        threads, foreach = int(args.worker[0]), args.worker[1] == "1"
        print(json.dumps(worker(threads, foreach, args.steps, args.warmup)))
        return
    results = []
    for blas in (1, 2):
        for threads in (1, 2):
            for foreach in (0, 1):
                env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas), OMP_NUM_THREADS=str(threads))
                out = subprocess.run(
                    [sys.executable, __file__, "--steps", str(args.steps), "--warmup",
                     str(args.warmup), "--worker", str(threads), str(foreach)],
                    env=env, check=True, capture_output=True, text=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                r.update(threads=threads, openblas=blas, foreach=bool(foreach))
                results.append(r)
                print("torch %s Adam step, %d params, set_num_threads=%d OPENBLAS_NUM_THREADS=%d"
                      " foreach=%s: median %.3f ms (min %.3f ms)"
                      % (r["torch"], r["params"], threads, blas, r["foreach"], r["median_ms"],
                         r["min_ms"]), flush=True)
    best = min(results, key=lambda r: r["median_ms"])
    print("best: %.3f ms per step (set_num_threads=%d, OPENBLAS_NUM_THREADS=%d, foreach=%s)"
          % (best["median_ms"], best["threads"], best["openblas"], best["foreach"]))


if __name__ == "__main__":
    main()
