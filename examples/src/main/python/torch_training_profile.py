"""PyTorch peer of TrainingProfile: where one training step of the lecture's model goes, per layer.

The lecture's model (see torch_lecture_benchmark.py) in channels_last (or NCHW with --nchw), batch 128, Adam,
random data, a fixed number of threads. torch.autograd.profiler records a few steps after a warm-up; operators are
grouped by input shape, so each convolution and pooling layer gets its own row (forward and backward).

Run: python3 torch_training_profile.py [--batch 128] [--steps 5] [--threads 2] [--nchw]
"""
import argparse
import time

import torch
from torch import nn

from torch_lecture_benchmark import lecture_model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--nchw", action="store_true")
    parser.add_argument("--rows", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    fmt = torch.contiguous_format if args.nchw else torch.channels_last
    torch.manual_seed(1)
    model = lecture_model().to(memory_format=fmt)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCELoss()
    x = torch.rand(args.batch, 3, 150, 150).contiguous(memory_format=fmt)
    y = (torch.rand(args.batch, 1) > 0.5).float()

    def step():
        with torch.autograd.profiler.record_function("zero_grad"):
            optimizer.zero_grad()
        with torch.autograd.profiler.record_function("forward"):
            loss = loss_fn(model(x), y)
        with torch.autograd.profiler.record_function("backward"):
            loss.backward()
        with torch.autograd.profiler.record_function("optimizer.step (Adam)"):
            optimizer.step()

    model.train()
    step()
    t0 = time.perf_counter()
    for _ in range(args.steps):
        step()
    plain = (time.perf_counter() - t0) / args.steps
    with torch.autograd.profiler.profile(record_shapes=True) as prof:
        for _ in range(args.steps):
            step()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{'NCHW' if args.nchw else 'channels_last'}, batch {args.batch}: "
          f"{plain * 1000:.1f} ms per step without the profiler ({args.batch / plain:.1f} img/s)")
    print("per-step totals (ms):")
    for e in prof.key_averages():
        if e.key in ("zero_grad", "forward", "backward", "optimizer.step (Adam)"):
            print(f"  {e.key:24s} {e.cpu_time_total / 1000 / args.steps:8.1f}")
    print(prof.key_averages(group_by_input_shape=True).table(sort_by="self_cpu_time_total", row_limit=args.rows))


if __name__ == "__main__":
    main()
