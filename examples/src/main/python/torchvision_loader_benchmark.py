"""torchvision's ImageFolder + DataLoader on the benchmark folder: the Python peer of the data benchmarks.

One epoch over the folder SyntheticImages writes (2,000 500x375 JPEGs), 150x150, batch 128, 2 worker processes
(persistent, so worker start-up is not charged to the timed epochs), shuffled:
  plain      Resize((150, 150), NEAREST) + ToTensor (which rescales to [0, 1]), as flow_from_directory with rescale
  augmented  the same + RandomAffine(45 degrees, translate 0.15, scale 0.5-1.5, bilinear) + RandomHorizontalFlip,
             the lecture's augmentation as torchvision spells it (zoom_range=0.5 is a scale range of 0.5-1.5)
Prints the median images/s of the timed epochs after one warm-up epoch per pipeline.

Usage: python3 torchvision_loader_benchmark.py [folder] [repetitions]   (Debian: python3-torchvision)
"""
import os
import statistics
import sys
import tempfile
import time

import torch
from torchvision import datasets, transforms
from torchvision.transforms import InterpolationMode

SIZE = 150
BATCH = 128
WORKERS = 2


def epoch(loader):
    start = time.perf_counter()
    n = 0
    for images, _ in loader:
        n += images.shape[0]
    return n / (time.perf_counter() - start)


def measure(name, folder, transform, reps):
    dataset = datasets.ImageFolder(folder, transform=transform)
    loader = torch.utils.data.DataLoader(dataset, batch_size=BATCH, shuffle=True, num_workers=WORKERS,
                                         persistent_workers=True)
    epoch(loader)  # warm-up: starts the workers
    rates = [epoch(loader) for _ in range(reps)]
    print("torchvision %-10s %6.0f img/s  median of [%s]" % (name, statistics.median(rates),
                                                           ", ".join("%.0f" % r for r in rates)), flush=True)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), "convscope-bench")
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    torch.set_num_threads(1)
    print("torch %s, %d DataLoader workers, batch %d, %dx%d; load average %.2f"
          % (torch.__version__, WORKERS, BATCH, SIZE, SIZE, os.getloadavg()[0]), flush=True)
    resize = transforms.Resize((SIZE, SIZE), interpolation=InterpolationMode.NEAREST)
    measure("plain", folder, transforms.Compose([resize, transforms.ToTensor()]), reps)
    augment = transforms.Compose([
        resize,
        transforms.RandomAffine(degrees=45, translate=(0.15, 0.15), scale=(0.5, 1.5),
                                interpolation=InterpolationMode.BILINEAR),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])
    measure("augmented", folder, augment, reps)
    print("load average %.2f" % os.getloadavg()[0])


if __name__ == "__main__":
    main()
