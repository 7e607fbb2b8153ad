"""What both reference scripts of `digits-lab benchmark` share: arguments, MNIST from IDX files, the split, output.

A peer trains the network the benchmark describes on its command line and prints one JSON line per epoch,
{"epoch": n, "seconds": s, "trainingLoss": l}, with the wall time of the training pass alone (no evaluation), then
{"testAccuracy": a} as a check that it really learned. Its split is a seeded random hold-out of the same size as
the project's (not the project's stratified split: only the amount of work must be the same).
"""
import argparse
import gzip
import json
import math
import sys

import numpy as np


def arguments(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--train-images", required=True)
    p.add_argument("--train-labels", required=True)
    p.add_argument("--test-images", required=True)
    p.add_argument("--test-labels", required=True)
    p.add_argument("--hidden", required=True, help="hidden widths, e.g. 512,512")
    p.add_argument("--batch-norm", action="store_true", help="batch norm between each hidden dense layer and its ReLU")
    p.add_argument("--bn-decay", type=float, default=0.9)
    p.add_argument("--bn-epsilon", type=float, default=1e-5)
    p.add_argument("--batch-size", type=int, required=True)
    p.add_argument("--learning-rate", type=float, required=True)
    p.add_argument("--beta1", type=float, default=0.9)
    p.add_argument("--beta2", type=float, default=0.999)
    p.add_argument("--epsilon", type=float, default=1e-8)
    p.add_argument("--l2", type=float, default=0.0, help="(l2/2)*sum(w^2) over dense weights, added to the gradient")
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--validation-fraction", type=float, required=True)
    p.add_argument("--subset", type=int, default=None, help="train on this many training images (quick runs)")
    a = p.parse_args()
    a.hidden = [int(w) for w in a.hidden.split(",") if w]
    return a


def read_idx(path):
    """An IDX file (plain or .gz) as a uint8 array of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def data(a):
    """(train x, train y, test x, test y): pixels as float32 in [0, 1], rows of 784; labels as int64."""
    rng = np.random.default_rng(a.seed)
    x = read_idx(a.train_images).reshape(-1, 784)
    y = read_idx(a.train_labels).astype(np.int64)
    pool = rng.permutation(len(x))
    if a.subset is not None:
        pool = pool[:a.subset]
    validation = int(math.floor(a.validation_fraction * len(pool) + 0.5))  # as Java's Math.round
    train = np.sort(pool[validation:])
    test_x = read_idx(a.test_images).reshape(-1, 784)
    test_y = read_idx(a.test_labels).astype(np.int64)
    return (x[train].astype(np.float32) / np.float32(255), y[train],
            test_x.astype(np.float32) / np.float32(255), test_y)


def emit(**fields):
    print(json.dumps(fields), flush=True)


def fail(message):
    print(message, file=sys.stderr, flush=True)
    sys.exit(2)
