"""PyTorch peer of the ConvScope lecture's training: same data, same augmentation, same two models, 15 epochs each.

What it reproduces of examples' Lecture (steps 3 and 5, the two fit calls that take almost all of its time):
- data: a folder with train/ and validation/ class sub-folders (the bundled Fashion-MNIST T-shirt/shirt subset that
  Lecture unpacks to ~/.convscope/datasets/fashion_mnist_tshirt_shirt-<hash>/fashion_mnist_tshirt_shirt), read with
  torchvision's ImageFolder, resized to 150x150 with nearest-neighbour sampling (Keras load_img's default), RGB,
  rescaled to [0, 1], batch 128, training batches shuffled;
- model 1, the baseline: Conv2D 16/32/64 3x3 'same' + ReLU, each followed by MaxPooling2D 2x2; Flatten; Dense 512
  ReLU; Dense 1 sigmoid; model 2 adds Dropout(0.3) after the first and third pooling and Dropout(0.1) after the dense
  layer and trains on augmented batches: rotation up to 45 degrees, width and height shifts of 0.15, horizontal flip,
  zoom 0.5;
- Keras's defaults: Glorot-uniform weights, zero biases, Adam(lr 1e-3, epsilon 1e-7), binary cross-entropy;
- validation after every epoch.
Known differences: torchvision's RandomAffine zooms both axes by one factor (Keras draws one per axis) and fills
uncovered pixels with black (Keras repeats the nearest edge pixel); the image order and dropout masks differ.

Prints one Keras-style line per epoch (with the time the loop waited for batches), then the wall time of each fit,
of both, and the process's peak resident memory.

Run: python3 torch_lecture.py --data DIR [--epochs 15] [--batch 128] [--threads 2] [--workers 1]
"""
import argparse
import resource
import time

import torch
from torch import nn
from torchvision import datasets, transforms


def lecture_model(dropout, size):
    layers = [nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
    if dropout:
        layers.append(nn.Dropout(0.3))
    layers += [nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
               nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
    if dropout:
        layers.append(nn.Dropout(0.3))
    layers += [nn.Flatten(), nn.Linear((size // 2 // 2 // 2) ** 2 * 64, 512), nn.ReLU()]
    if dropout:
        layers.append(nn.Dropout(0.1))
    layers += [nn.Linear(512, 1), nn.Sigmoid()]
    model = nn.Sequential(*layers)
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)   # Keras: glorot_uniform, zero bias
            nn.init.zeros_(m.bias)
    return model.to(memory_format=torch.channels_last)


def loader(folder, transform, batch, shuffle, workers):
    data = datasets.ImageFolder(folder, transform=transform)
    return torch.utils.data.DataLoader(data, batch_size=batch, shuffle=shuffle, num_workers=workers,
                                       persistent_workers=workers > 0)


def fit(model, train, validation, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.BCELoss()
    start = time.perf_counter()
    for epoch in range(epochs):
        t0 = time.perf_counter()
        model.train()
        seen, loss_sum, correct, waited = 0, 0.0, 0, 0.0
        w0 = time.perf_counter()
        for x, y in train:
            waited += time.perf_counter() - w0
            x = x.contiguous(memory_format=torch.channels_last)
            y = y.float().unsqueeze(1)
            optimizer.zero_grad()
            p = model(x)
            loss = loss_fn(p, y)
            loss.backward()
            optimizer.step()
            seen += len(y)
            loss_sum += loss.item() * len(y)
            correct += ((p > 0.5).float() == y).sum().item()
            w0 = time.perf_counter()
        training = time.perf_counter() - t0
        model.eval()
        vseen, vloss, vcorrect = 0, 0.0, 0
        with torch.no_grad():
            for x, y in validation:
                x = x.contiguous(memory_format=torch.channels_last)
                y = y.float().unsqueeze(1)
                p = model(x)
                vloss += loss_fn(p, y).item() * len(y)
                vcorrect += ((p > 0.5).float() == y).sum().item()
                vseen += len(y)
        print(f"Epoch {epoch + 1}/{epochs} ({time.perf_counter() - t0:.1f} s, waited {waited:.2f} s of "
              f"{training:.1f} s for batches): loss {loss_sum / seen:.4f} - accuracy {correct / seen:.4f} - "
              f"val_loss {vloss / vseen:.4f} - val_accuracy {vcorrect / vseen:.4f}", flush=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--size", type=int, default=150)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    resize = transforms.Resize((args.size, args.size), interpolation=transforms.InterpolationMode.NEAREST)
    plain = transforms.Compose([transforms.Lambda(lambda im: im.convert("RGB")), resize, transforms.ToTensor()])
    augmented = transforms.Compose([
        transforms.Lambda(lambda im: im.convert("RGB")), resize,
        transforms.RandomAffine(degrees=45, translate=(0.15, 0.15), scale=(0.5, 1.5)),
        transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    train = loader(f"{args.data}/train", plain, args.batch, True, args.workers)
    validation = loader(f"{args.data}/validation", plain, args.batch, False, args.workers)
    augmented_train = loader(f"{args.data}/train", augmented, args.batch, True, args.workers)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.workers} loader workers, "
          f"{len(train.dataset)} training and {len(validation.dataset)} validation images")
    t0 = time.perf_counter()
    baseline = fit(lecture_model(False, args.size), train, validation, args.epochs)
    with_dropout = fit(lecture_model(True, args.size), augmented_train, validation, args.epochs)
    total = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"baseline fit {baseline:.1f} s, dropout + augmentation fit {with_dropout:.1f} s, both {total:.1f} s")
    print(f"peak resident memory of the training process: {own} MB (loader workers not included)")


if __name__ == "__main__":
    main()
