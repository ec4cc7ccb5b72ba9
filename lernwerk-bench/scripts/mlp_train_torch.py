#!/usr/bin/python3
"""Training throughput of the course MLPs in PyTorch, the same workloads as MlpTrainBench.

(a) 784-64-64-64-10 ReLU, Adam lr 0.003, batch 256; (b) 784-512-512-10 ReLU, SGD lr 0.01
momentum 0.9, batch 128. Data: 60000 random inputs in memory (scaled like Fashion-MNIST to
[-1, 1]) with random labels, cross-entropy loss, shuffled each epoch. Prints per configuration
the median samples/s over the measured epochs and the peak RSS, for torch.set_num_threads 1/2
x OPENBLAS_NUM_THREADS 1/2 (one subprocess each), then the best as `torch <model> <samples/s>
<peak_rss_mib>` lines.
"""
import json
import os
import resource
import subprocess
import sys
import time

N = 60000
EPOCHS = int(os.environ.get("BENCH_EPOCHS", "5"))


def run(model_name):
    import torch
    import torch.nn as nn
    torch.manual_seed(0)
    x = torch.rand(N, 784) * 2 - 1
    y = torch.randint(0, 10, (N,))
    if model_name == "mlp64":
        model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
                              nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
        opt = torch.optim.Adam(model.parameters(), lr=0.003)
        bs = 256
    else:
        model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                              nn.Linear(512, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        bs = 128
    loss_fn = nn.CrossEntropyLoss()
    rates = []
    for epoch in range(EPOCHS + 1):
        perm = torch.randperm(N)
        t0 = time.perf_counter()
        for i in range(0, N, bs):
            idx = perm[i:i + bs]
            xb = x[idx]
            yb = y[idx]
            out = model(xb)
            loss = loss_fn(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        dt = time.perf_counter() - t0
        if epoch > 0:  # the first epoch is warm-up
            rates.append(N / dt)
    rates.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"samples_per_s": rates[len(rates) // 2], "peak_rss_mib": rss}


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import torch
        torch.set_num_threads(int(sys.argv[2]))
        print(json.dumps(run(sys.argv[3])))
        return
    models = sys.argv[1:] or ["mlp64", "mlp512"]
    for m in models:
        best = None
        for tt in (1, 2):
            for ob in (1, 2):
                env = dict(os.environ, OPENBLAS_NUM_THREADS=str(ob))
                res = subprocess.run([sys.executable, __file__, "--child", str(tt), m], env=env,
                                     capture_output=True, text=True, check=True)
                r = json.loads(res.stdout.strip().splitlines()[-1])
                print(f"# {m} torch_threads={tt} openblas_threads={ob}: "
                      f"{r['samples_per_s']:.0f} samples/s, peak RSS {r['peak_rss_mib']:.0f} MiB")
                if best is None or r["samples_per_s"] > best["samples_per_s"]:
                    best = r
        print(f"torch {m} {best['samples_per_s']:.0f} {best['peak_rss_mib']:.0f}")


if __name__ == "__main__":
    main()
