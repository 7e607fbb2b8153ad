"""NumPy peer of `digits-lab benchmark`: the benchmark's MLP written with NumPy arrays (float32) on one BLAS thread.

Dense layers with bias, He-normal weights N(0, 2/fan_in) and zero biases, ReLU, optional batch norm (batch mean and
biased variance in training, running statistics at test: running = decay*running + (1 - decay)*batch), softmax
cross-entropy (mean over the batch), coupled L2 on dense weights (l2*w added to the gradient), and Adam in the
project's form: a_t = lr*sqrt(1 - beta2^t)/(1 - beta1^t); w -= a_t*m/(sqrt(v) + eps).
Run it with OPENBLAS_NUM_THREADS=1 (the benchmark does).
"""
import math
import time

import numpy as np

import peer_common


class Dense:
    def __init__(self, fan_in, fan_out, rng):
        self.w = (rng.standard_normal((fan_in, fan_out)) * math.sqrt(2.0 / fan_in)).astype(np.float32)  # (in, out)
        self.b = np.zeros(fan_out, np.float32)
        self.first = False  # the first layer passes no gradient back to the pixels

    def forward(self, x, training):
        self.x = x  # (batch, in)
        return x @ self.w + self.b

    def backward(self, dy):
        self.dw = self.x.T @ dy
        self.db = dy.sum(axis=0)
        return None if self.first else dy @ self.w.T

    def parameters(self):
        return [(self.w, "dw", True), (self.b, "db", False)]


class BatchNorm:
    def __init__(self, width, decay, epsilon):
        self.gamma = np.ones(width, np.float32)
        self.beta = np.zeros(width, np.float32)
        self.mean = np.zeros(width, np.float32)
        self.var = np.ones(width, np.float32)
        self.decay = np.float32(decay)
        self.epsilon = np.float32(epsilon)

    def forward(self, x, training):
        if not training:
            return self.gamma * (x - self.mean) / np.sqrt(self.var + self.epsilon) + self.beta
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        self.mean = self.decay * self.mean + (1 - self.decay) * mean
        self.var = self.decay * self.var + (1 - self.decay) * var
        self.inv_std = 1 / np.sqrt(var + self.epsilon)  # (width)
        self.xhat = (x - mean) * self.inv_std  # (batch, width)
        return self.gamma * self.xhat + self.beta

    def backward(self, dy):
        self.dgamma = (dy * self.xhat).sum(axis=0)
        self.dbeta = dy.sum(axis=0)
        dxhat = dy * self.gamma
        n = np.float32(len(dy))
        return self.inv_std / n * (n * dxhat - dxhat.sum(axis=0) - self.xhat * (dxhat * self.xhat).sum(axis=0))

    def parameters(self):
        return [(self.gamma, "dgamma", False), (self.beta, "dbeta", False)]


class Relu:
    def forward(self, x, training):
        self.positive = x > 0
        return np.maximum(x, 0)

    def backward(self, dy):
        return dy * self.positive

    def parameters(self):
        return []


class Adam:
    def __init__(self, layers, a):
        self.slots = [(layer, p, grad, decayed, np.zeros_like(p), np.zeros_like(p))
                      for layer in layers for p, grad, decayed in layer.parameters()]
        self.a = a
        self.t = 0

    def step(self):
        a = self.a
        self.t += 1
        rate = np.float32(a.learning_rate * math.sqrt(1 - a.beta2 ** self.t) / (1 - a.beta1 ** self.t))
        b1, b2, eps, l2 = np.float32(a.beta1), np.float32(a.beta2), np.float32(a.epsilon), np.float32(a.l2)
        for layer, p, grad, decayed, m, v in self.slots:
            g = getattr(layer, grad)
            if decayed and a.l2 > 0:
                g = g + l2 * p
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            p -= rate * m / (np.sqrt(v) + eps)


def network(a, rng):
    layers = []
    fan_in = 784
    for width in a.hidden:
        layers.append(Dense(fan_in, width, rng))
        if a.batch_norm:
            layers.append(BatchNorm(width, a.bn_decay, a.bn_epsilon))
        layers.append(Relu())
        fan_in = width
    layers.append(Dense(fan_in, 10, rng))
    layers[0].first = True
    return layers


def forward(layers, x, training):
    for layer in layers:
        x = layer.forward(x, training)
    return x


def main():
    a = peer_common.arguments(__doc__)
    rng = np.random.default_rng(a.seed)
    x, y, test_x, test_y = peer_common.data(a)
    layers = network(a, rng)
    optimizer = Adam(layers, a)
    n = len(x)
    for epoch in range(1, a.epochs + 1):
        order = rng.permutation(n)
        loss_sum = 0.0
        start = time.perf_counter()
        for first in range(0, n, a.batch_size):
            rows = order[first:first + a.batch_size]
            logits = forward(layers, x[rows], True)  # (batch, 10)
            shifted = logits - logits.max(axis=1, keepdims=True)
            exp = np.exp(shifted)
            total = exp.sum(axis=1, keepdims=True)
            labels = y[rows]
            loss = float(np.mean(np.log(total[:, 0]) - shifted[np.arange(len(rows)), labels]))
            if not math.isfinite(loss):
                peer_common.fail(f"diverged in epoch {epoch}")
            dy = exp / total
            dy[np.arange(len(rows)), labels] -= 1
            dy /= np.float32(len(rows))
            for layer in reversed(layers):
                dy = layer.backward(dy)
            optimizer.step()
            loss_sum += loss * len(rows)
        seconds = time.perf_counter() - start
        peer_common.emit(epoch=epoch, seconds=seconds, trainingLoss=loss_sum / n)
    predicted = forward(layers, test_x, False).argmax(axis=1)
    peer_common.emit(testAccuracy=float((predicted == test_y).mean()), version=np.__version__)


if __name__ == "__main__":
    main()
