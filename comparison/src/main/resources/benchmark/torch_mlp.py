"""PyTorch peer of `digits-lab benchmark`: the benchmark's MLP with torch.nn on one CPU thread.

Dense layers with bias, He-normal weights N(0, 2/fan_in) and zero biases, ReLU, optional batch norm (batch
statistics in training, running ones at test; momentum 1 - decay), softmax cross-entropy (mean over the batch),
torch.optim.Adam with coupled L2 on dense weights only (weight_decay adds l2*w to the gradient, as the project's
spec defines L2). PyTorch's Adam puts epsilon after the bias correction of v, the project's before: a difference
of a factor sqrt(1 - beta2^t) in epsilon, immaterial to speed.
"""
import math
import time

import numpy as np
import torch
from torch import nn

import peer_common


def model(a):
    layers = []
    fan_in = 784
    for width in a.hidden:
        layers.append(dense(fan_in, width))
        if a.batch_norm:
            layers.append(nn.BatchNorm1d(width, eps=a.bn_epsilon, momentum=1 - a.bn_decay))
        layers.append(nn.ReLU())
        fan_in = width
    layers.append(dense(fan_in, 10))
    return nn.Sequential(*layers)


def dense(fan_in, fan_out):
    layer = nn.Linear(fan_in, fan_out)
    nn.init.normal_(layer.weight, 0.0, math.sqrt(2.0 / fan_in))
    nn.init.zeros_(layer.bias)
    return layer


def main():
    a = peer_common.arguments(__doc__)
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    train_x, train_y, test_x, test_y = peer_common.data(a)
    x, y = torch.from_numpy(train_x), torch.from_numpy(train_y)
    net = model(a)
    weights = [m.weight for m in net if isinstance(m, nn.Linear)]
    others = [p for p in net.parameters() if all(p is not w for w in weights)]
    optimizer = torch.optim.Adam([{"params": weights, "weight_decay": a.l2},
                                  {"params": others, "weight_decay": 0.0}],
                                 lr=a.learning_rate, betas=(a.beta1, a.beta2), eps=a.epsilon)
    loss_of = nn.CrossEntropyLoss()
    rng = np.random.default_rng(a.seed + 1)
    n = len(x)
    for epoch in range(1, a.epochs + 1):
        order = torch.from_numpy(rng.permutation(n))
        net.train()
        loss_sum = 0.0
        start = time.perf_counter()
        for first in range(0, n, a.batch_size):
            rows = order[first:first + a.batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_of(net(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
            value = loss.item()
            if not math.isfinite(value):
                peer_common.fail(f"diverged in epoch {epoch}")
            loss_sum += value * len(rows)
        seconds = time.perf_counter() - start
        peer_common.emit(epoch=epoch, seconds=seconds, trainingLoss=loss_sum / n)
    net.eval()
    with torch.no_grad():
        predicted = net(torch.from_numpy(test_x)).argmax(dim=1).numpy()
    peer_common.emit(testAccuracy=float((predicted == test_y).mean()), version=torch.__version__)


if __name__ == "__main__":
    main()
