#!/usr/bin/python3
"""The benchmark sweep of bench_Sweep.cpp written plainly in NumPy.

Logistic regression (n = 20,000, d = 100) x {SGD, momentum, Adam} x batch {16, 64, 256, 1024}
x 3 seeds x 2,000 steps; each run records the minibatch loss every step and the full-data loss
every 50 steps. Prints one line "numpy_seconds <s>" (and the BLAS NumPy uses) for the C++ side.
"""
import os
import sys
import time

import numpy as np

N, D, STEPS, EVAL_EVERY = 20000, 100, 2000, 50
BATCHES = (16, 64, 256, 1024)
SEEDS = (1, 2, 3)
STEPS = int(os.environ.get("LEMMA_BENCH_SWEEP_STEPS", STEPS))


def make_data(seed=1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, D))
    teacher = rng.standard_normal(D)
    teacher *= 3.0 / np.linalg.norm(teacher)
    s = np.sign(X @ teacher + rng.standard_normal(N))
    s[s == 0] = 1.0
    return X, s


def full_loss(X, s, w):
    return np.mean(np.logaddexp(0.0, -s * (X @ w)))


def run(X, s, optimizer, lr, batch, seed):
    rng = np.random.default_rng(seed)
    w = np.zeros(D)
    v = np.zeros(D)
    m = np.zeros(D)
    losses = np.empty(STEPS)
    full = [full_loss(X, s, w)]
    order = rng.permutation(N)
    position = 0
    for t in range(1, STEPS + 1):
        if position + batch > N:
            order = rng.permutation(N)
            position = 0
        idx = order[position:position + batch]
        position += batch
        Xb = X[idx]
        sb = s[idx]
        margin = -sb * (Xb @ w)
        losses[t - 1] = np.mean(np.logaddexp(0.0, margin))
        g = Xb.T @ (-sb / (1.0 + np.exp(-margin))) / batch
        if optimizer == "sgd":
            w -= lr * g
        elif optimizer == "momentum":
            v = 0.9 * v - lr * g
            w += v
        else:
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        if t % EVAL_EVERY == 0 or t == STEPS:
            full.append(full_loss(X, s, w))
    return losses, np.array(full)


def main():
    X, s = make_data()
    configs = [("sgd", 0.1), ("momentum", 0.01), ("adam", 1e-3)]
    start = time.perf_counter()
    finals = []
    for optimizer, lr in configs:
        for batch in BATCHES:
            for seed in SEEDS:
                losses, full = run(X, s, optimizer, lr, batch, seed)
                finals.append(full[-1])
    seconds = time.perf_counter() - start
    print(f"numpy {np.__version__}, {len(finals)} runs, mean final loss {np.mean(finals):.4f}")
    print(f"numpy_seconds {seconds:.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
