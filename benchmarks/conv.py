"""Week 7's performance targets: numpy convolution against torch, and the digits CNN.

    python benchmarks/conv.py [--epochs 15] [--threads 1] [--gpu] [--out DIR]

1. The forward pass of a convolution layer, float32 on the CPU, three ways: the week's
   vectorized numpy version (`conv2d_forward`: sliding windows and one matrix product), its
   naive loop version (`conv2d_forward_naive`), and `torch.nn.functional.conv2d`. Two cases:
   a batch of 64 digit-sized inputs (1x8x8, 16 filters 3x3, padding 1) and a 16x32x32 input
   to 32 channels (3x3, padding 1, batch of 8). Each time is the best of several runs; the
   naive version runs on fewer examples and is scaled to the batch. Target: vectorized numpy
   within 4x of torch.
2. The LeNet-style CNN of the notebook (batch norm, Adam, mini-batches of 32) trained with
   the week's `train_cnn` on the digits' training split, seeded, on the CPU: test accuracy and
   training time (wall and process CPU). Target: >= 98 % within 30 s.

Torch and numpy's BLAS run on one thread each by default (``--threads``): the comparison is
then like for like, and the figures stay steady on a shared machine, where waiting threads
of a multi-threaded library burn CPU time (these layers are too small to gain from them).

Prints one line per measurement and writes them as JSON to ``<out>/conv.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "--gpu" not in sys.argv:  # the targets are CPU figures: hide any GPU before torch starts
    os.environ["CUDA_VISIBLE_DEVICES"] = ""

import numpy as np  # noqa: E402
import torch  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402  (installed with scikit-learn)

from autograder.references import week07 as ref  # noqa: E402
from dlcourse import data  # noqa: E402

CASES = {  # name: (x shape, w shape, padding)
    "digits 64x1x8x8 -> 16 (3x3)": ((64, 1, 8, 8), (16, 1, 3, 3), 1),
    "8x16x32x32 -> 32 (3x3)": ((8, 16, 32, 32), (32, 16, 3, 3), 1),
}


def best_time(fn, min_total: float = 0.5, max_repeats: int = 200) -> float:
    """The fastest of repeated runs (at least 3, until ~min_total seconds are spent)."""
    times: list[float] = []
    while len(times) < 3 or (sum(times) < min_total and len(times) < max_repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def conv_ratio(name: str, x_shape: tuple, w_shape: tuple, P: int,
               rng: np.random.Generator) -> dict:
    """Times of the three forward passes on one case, and their ratios to torch."""
    x = rng.normal(size=x_shape).astype(np.float32)
    w = rng.normal(size=w_shape).astype(np.float32)
    b = rng.normal(size=w_shape[0]).astype(np.float32)
    xt, wt, bt = torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b)
    expected = torch.nn.functional.conv2d(xt, wt, bt, padding=P).numpy()
    np.testing.assert_allclose(ref.conv2d_forward(x, w, b, 1, P)[0], expected, rtol=1e-3,
                               atol=1e-3)
    with torch.no_grad():
        t_torch = best_time(lambda: torch.nn.functional.conv2d(xt, wt, bt, padding=P))
    t_vec = best_time(lambda: ref.conv2d_forward(x, w, b, 1, P))
    n_naive = 4 if x_shape[2] <= 8 else 1  # the loops run on a few examples only
    t_naive = best_time(lambda: ref.conv2d_forward_naive(x[:n_naive], w, b, 1, P),
                        min_total=0.2, max_repeats=3) * x_shape[0] / n_naive
    row = {"case": name, "torch_s": t_torch, "vectorized_s": t_vec, "naive_s": t_naive,
           "vectorized_ratio": t_vec / t_torch, "naive_ratio": t_naive / t_torch}
    print(f"conv2d forward, {name:28s} torch {t_torch * 1e3:8.3f} ms | vectorized numpy "
          f"{row['vectorized_ratio']:6.2f} x torch | naive loops "
          f"{row['naive_ratio']:8.0f} x torch", flush=True)
    return row


def conv_ratios() -> list[dict]:
    rng = np.random.default_rng(0)
    return [conv_ratio(name, x_shape, w_shape, P, rng)
            for name, (x_shape, w_shape, P) in CASES.items()]


class LeNet(torch.nn.Module):
    """The notebook's LeNet-style CNN: (N, 1, 8, 8) digits -> (N, 10) logits."""

    def __init__(self) -> None:
        super().__init__()
        self.features = torch.nn.Sequential(
            torch.nn.Conv2d(1, 16, 3, padding=1, bias=False), torch.nn.BatchNorm2d(16),
            torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(16, 32, 3, padding=1, bias=False), torch.nn.BatchNorm2d(32),
            torch.nn.ReLU(), torch.nn.MaxPool2d(2))
        self.classifier = torch.nn.Sequential(
            torch.nn.Flatten(), torch.nn.Linear(128, 64), torch.nn.ReLU(),
            torch.nn.Linear(64, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def digits_cnn(epochs: int, seed: int = 0) -> dict:
    X, y = data.digits_images("train", as_tensor=True)
    Xt, yt = data.digits_images("test", as_tensor=True)
    wall, cpu = time.perf_counter(), time.process_time()
    model = ref.train_cnn(LeNet, X[:, None], y, epochs, 3e-3, 32, seed)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    model.eval()
    with torch.no_grad():
        acc = float((model(Xt[:, None].to(next(model.parameters()).device)).argmax(1).cpu()
                     == yt).float().mean())
    row = {"epochs": epochs, "seed": seed, "test_accuracy": acc, "train_wall_s": wall,
           "train_cpu_s": cpu, "device": str(next(model.parameters()).device),
           "train_examples": len(X), "test_examples": len(Xt)}
    print(f"digits CNN (LeNet-style, batch norm, Adam): test accuracy {acc:.2%} after {epochs} "
          f"epochs on {len(X)} digits; training {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({row['device']})", flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15, help="training epochs of the CNN")
    parser.add_argument("--seed", type=int, default=0, help="seed of the CNN's training")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads of torch and of numpy's BLAS (default 1: the same for "
                             "both, and steady figures on a busy machine; 0 keeps the "
                             "libraries' own choice)")
    parser.add_argument("--gpu", action="store_true",
                        help="let the CNN train on a GPU if there is one (default: CPU only)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results",
                        help="folder for the JSON results")
    args = parser.parse_args()
    limits = contextlib.nullcontext()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
        limits = threadpool_limits(args.threads)  # numpy's BLAS
    with limits:
        result = {"conv": conv_ratios(), "cnn": digits_cnn(args.epochs, args.seed),
                  "torch_threads": torch.get_num_threads(), "cpus": os.cpu_count(),
                  "load_average": os.getloadavg()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "conv.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
