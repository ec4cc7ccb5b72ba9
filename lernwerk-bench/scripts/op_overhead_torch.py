#!/usr/bin/python3
"""Per-op time of tiny and small PyTorch ops, the same workloads as OpOverheadBench.

Runs itself in subprocesses for torch.set_num_threads 1/2 x OPENBLAS_NUM_THREADS 1/2 (the
environment variable must be set before torch is imported) and prints, per op, the median
nanoseconds per call of each configuration and the best, as `torch <op> <ns>` lines.
"""
from torch_timing import median_ns, run_best_of_configs


def measure():
    import torch
    torch.manual_seed(7)
    x1 = torch.randn(1)
    y1 = torch.randn(1)
    x1g = torch.randn(1, requires_grad=True)
    p8 = torch.randn(8, 8)
    q8 = torch.randn(8, 8)
    row10 = torch.randn(1, 10)
    a = torch.randn(64, 64)
    b = torch.randn(64, 64)
    ag = torch.randn(64, 64, requires_grad=True)
    acc = torch.randn(64, 64)
    lg = torch.randn(256, 10)
    lgg = torch.randn(256, 10, requires_grad=True)

    def nograd_add():
        with torch.no_grad():
            return ag + b

    def nograd_tiny():
        with torch.no_grad():
            return x1g + y1

    ops = {
        "addTiny": lambda: x1 + y1,
        "addTinyRecorded": lambda: x1g + y1,
        "addTinyNoGradScope": nograd_tiny,
        "mul8x8": lambda: p8 * q8,
        "sum8x8": lambda: p8.sum(),
        "matmul8x8": lambda: p8 @ q8,
        "softmax1x10": lambda: torch.softmax(row10, 1),
        "add64": lambda: a + b,
        "add64Recorded": lambda: ag + b,
        "add64NoGradScope": nograd_add,
        "add64InPlace": lambda: acc.add_(b),
        "softmax256x10": lambda: torch.softmax(lg, 1),
        "softmax256x10Recorded": lambda: torch.softmax(lgg, 1),
        # lernwerk's *Scoped variants reuse the previous call's result array, which PyTorch's
        # caching allocator always does: their twin is the plain op.
        "add64Scoped": lambda: a + b,
        "add64RecordedScoped": lambda: ag + b,
        "add64NoGradScoped": nograd_add,
        "softmax256x10Scoped": lambda: torch.softmax(lg, 1),
        "softmax256x10RecordedScoped": lambda: torch.softmax(lgg, 1),
    }
    return {name: median_ns(fn) for name, fn in ops.items()}


if __name__ == "__main__":
    run_best_of_configs(measure)
