"""NumPy's side of `make bench`: one workload per run, the same work as bench_Table.cpp's Lemma
cell, printed as "seconds <t>" (setup untimed). Run with Debian's /usr/bin/python3."""
import ctypes
import sys
import time

import numpy as np


def attention(X):
    S = (X @ X.T) * (1.0 / np.sqrt(X.shape[1]))
    W = np.exp(S - S.max(axis=1, keepdims=True))
    W /= W.sum(axis=1, keepdims=True)
    return S, W, W @ X


def rsvd(W, r, oversample, power, rng):
    omega = rng.standard_normal((W.shape[1], r + oversample))
    Q, _ = np.linalg.qr(W @ omega)
    for _ in range(power):
        Z, _ = np.linalg.qr(W.T @ Q)
        Q, _ = np.linalg.qr(W @ Z)
    Ub, s, Vt = np.linalg.svd(Q.T @ W, full_matrices=False)
    return Q @ Ub[:, :r], s[:r], Vt[:r].T


def lowrank(W, r):
    U, s, Vt = np.linalg.svd(W, full_matrices=False)
    approx = (U[:, :r] * s[:r]) @ Vt[:r]
    err_fro = np.linalg.norm(W - approx)
    err_spec = s[r]
    return approx, s, err_fro, err_spec


def loop():
    s = 0.0
    for i in range(1, 1000001):
        s = s + i * 2
    return s


def calls():
    f = lambda x: x * 2 + 1
    s = 0.0
    for i in range(1, 1000001):
        s = s + f(i)
    return s


def kernel():
    # The OpenBLAS this numpy loaded (Debian's numpy uses the system libblas.so.3).
    paths = []
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "blas" in path and ".so" in path and path not in paths:
            paths.append(path)
    for path in paths:
        if True:
            try:
                lib = ctypes.CDLL(path)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                return lib.openblas_get_corename().decode()
            except (OSError, AttributeError):
                continue
    return "unknown"


def main():
    name = sys.argv[1]
    rng = np.random.default_rng(0)
    if name == "kernel":
        print("value numpy %s, %s" % (np.__version__, kernel()))
        return
    work = None
    if name == "attention":
        X = rng.standard_normal((2048, 64))
        work = lambda: attention(X)
    elif name == "randn":
        work = lambda: rng.standard_normal((4096, 4096))
    elif name == "rsvd":
        W = rng.standard_normal((4096, 4096))
        work = lambda: rsvd(W, 64, 10, 2, rng)
    elif name == "lowrank":
        W = rng.standard_normal((1024, 1024))
        work = lambda: lowrank(W, 64)
    elif name in ("spectrum", "spectrum_k6"):
        X = rng.standard_normal((2048, 64))
        A = attention(X)[1]
        if name == "spectrum":
            work = lambda: (np.linalg.eigvals(A), np.linalg.svd(A, compute_uv=False))
        else:
            work = lambda: np.linalg.eigvals(A)
    elif name == "gemm2048":
        A = rng.standard_normal((2048, 2048))
        B = rng.standard_normal((2048, 2048))
        work = lambda: A @ B
    elif name.startswith("svd"):
        n = int(name[3:])
        W = rng.standard_normal((n, n))
        work = lambda: np.linalg.svd(W)
    elif name.startswith("eig"):
        n = int(name[3:])
        W = rng.standard_normal((n, n))
        work = lambda: np.linalg.eigvals(W)
    elif name == "loop":
        work = loop
    elif name == "calls":
        work = calls
    else:
        sys.exit("unknown workload " + name)
    t0 = time.perf_counter()
    work()
    print("seconds %.6f" % (time.perf_counter() - t0))


main()
