"""PyTorch peer of TrainingBenchmark: the lecture's model, training and inference images/s on random data.

The model: 150x150x3 input; Conv2d 16, 32, 64 filters 3x3 'same' + ReLU, each followed by MaxPool 2x2; Flatten;
Linear 512 + ReLU; Linear 1 + sigmoid (10,641,441 parameters); binary cross-entropy; Adam. CPU, float32, a fixed
number of threads (2 by default), NCHW and channels_last memory formats, warm-up excluded, medians over repeats.

Run: python3 torch_lecture_benchmark.py [--batch 128] [--steps 3] [--repeats 3] [--threads 2]
One line per layout, "RESULT torch-<layout> train=<img/s> infer=<img/s> rss=<MB> train_cpu=<ms/img>
infer_cpu=<ms/img>", is for TorchComparison (peak resident memory of the whole process so far; CPU time of all its
threads per image, which depends less on how busy the machine is than the rates).
"""
import argparse
import resource
import statistics
import time

import torch
from torch import nn


def lecture_model():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(18 * 18 * 64, 512), nn.ReLU(),
        nn.Linear(512, 1), nn.Sigmoid())


def measure(memory_format, batch, steps):
    torch.manual_seed(1)
    model = lecture_model().to(memory_format=memory_format)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCELoss()
    x = torch.rand(batch, 3, 150, 150).contiguous(memory_format=memory_format)
    y = (torch.rand(batch, 1) > 0.5).float()

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    model.train()
    step()  # warm-up
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(steps):
        step()
    train = steps * batch / (time.perf_counter() - t0)
    train_cpu = (time.process_time() - c0) * 1000 / (steps * batch)
    model.eval()
    with torch.no_grad():
        model(x)  # warm-up
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(steps):
            model(x)
        infer = steps * batch / (time.perf_counter() - t0)
        infer_cpu = (time.process_time() - c0) * 1000 / (steps * batch)
    return train, infer, train_cpu, infer_cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    params = sum(p.numel() for p in lecture_model().parameters())
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {params:,} params, batch {args.batch}")
    for name, fmt in (("NCHW", torch.contiguous_format), ("channels_last", torch.channels_last)):
        runs = [measure(fmt, args.batch, args.steps) for _ in range(args.repeats)]
        for i, (t, f, _, _) in enumerate(runs):
            print(f"  {name} run {i + 1}: train {t:7.1f} img/s  infer {f:7.1f} img/s")
        train = statistics.median(r[0] for r in runs)
        infer = statistics.median(r[1] for r in runs)
        print(f"{name:13s} median train {train:7.1f} img/s  infer {infer:7.1f} img/s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        train_cpu = statistics.median(r[2] for r in runs)
        infer_cpu = statistics.median(r[3] for r in runs)
        print(f"RESULT torch-{name} train={train:.2f} infer={infer:.2f} rss={rss} train_cpu={train_cpu:.2f} "
              f"infer_cpu={infer_cpu:.2f}")


if __name__ == "__main__":
    main()
