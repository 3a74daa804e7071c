"""A small, device-agnostic PyTorch training loop for the demos.

The exercises of week03 ask students to write the four phases (inference, loss, training,
evaluation) themselves; from then on `fit` runs them so that the notebooks can focus on what
changes (the optimizer, the regularizer, the architecture). Shapes: ``N`` examples, ``D``
features, ``K`` classes (model outputs ``(N, K)`` logits; a single output ``(N, 1)`` or
``(N,)`` is a binary classifier or a regression).

Data is either a pair ``(X, y)`` of tensors (or numpy arrays) or an iterable of ``(xb, yb)``
batches such as a ``DataLoader``. Under the grader (`quick_mode`) demos shrink with `scaled`.

Introduced in week03.
"""

from __future__ import annotations

import math
import os
import random
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

__all__ = [
    "Evaluation",
    "History",
    "evaluate",
    "fit",
    "get_device",
    "predict",
    "quick_mode",
    "scaled",
    "seed_everything",
]

T = TypeVar("T")
Data = tuple[Any, Any] | Iterable[tuple[torch.Tensor, torch.Tensor]]
_REGRESSION_LOSSES = (nn.MSELoss, nn.L1Loss, nn.SmoothL1Loss, nn.HuberLoss)


# --------------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------------
def get_device(prefer: str | torch.device | None = None) -> torch.device:
    """The device to train on: ``prefer`` if given and available, else CUDA if any, else CPU.

    A preferred accelerator that this machine lacks falls back to the CPU with a warning, so
    that a notebook written on a GPU machine still runs on a laptop.
    """
    if prefer is not None:
        device = torch.device(prefer)
        available = {
            "cpu": True,
            "cuda": torch.cuda.is_available(),
            "mps": hasattr(torch.backends, "mps") and torch.backends.mps.is_available(),
        }.get(device.type, False)
        if available:
            return device
        warnings.warn(f"device {device} is not available here; using the CPU", stacklevel=2)
        return torch.device("cpu")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def seed_everything(seed: int) -> None:
    """Seed Python's, numpy's and torch's global random generators (CPU and CUDA)."""
    random.seed(seed)
    np.random.seed(seed % 2**32)  # numpy's legacy seed must fit in 32 bits
    torch.manual_seed(seed)  # also seeds every CUDA device


def quick_mode() -> bool:
    """True when the notebook runs under the grader (nbgrader sets ``NBGRADER_EXECUTION``)."""
    return "NBGRADER_EXECUTION" in os.environ


def scaled(full: T, quick: T) -> T:
    """``quick`` under the grader, ``full`` otherwise: ``epochs = scaled(200, 20)``."""
    return quick if quick_mode() else full


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass
class History:
    """Per-epoch results of `fit`.

    ``train_loss[e]`` is the mean loss over the training batches of epoch e (measured while
    training); ``val_loss`` and ``val_acc`` are measured after the epoch, in evaluation mode.
    ``val_acc`` stays empty for regression and ``val_*`` without validation data.
    """

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[float]]:
        """Copies of the non-empty curves, by name (what `dlcourse.plot.loss_curves` takes)."""
        curves = {"train_loss": self.train_loss, "val_loss": self.val_loss,
                  "val_acc": self.val_acc}
        return {name: list(values) for name, values in curves.items() if values}


class Evaluation(NamedTuple):
    """Result of `evaluate`; unpacks as ``accuracy, loss = evaluate(...)``."""

    accuracy: float | None  # None for regression targets
    loss: float | None  # None when no loss function was given


# --------------------------------------------------------------------------------------------
# Data plumbing
# --------------------------------------------------------------------------------------------
def _as_tensor(a: Any) -> torch.Tensor:
    """numpy/list -> tensor; floating inputs become float32 to match the model's weights."""
    t = a if isinstance(a, torch.Tensor) else torch.as_tensor(np.asarray(a))
    return t.float() if t.is_floating_point() and t.dtype != torch.float32 else t


def _is_pair(data: Any) -> bool:
    """``(X, y)`` of arrays/tensors, as opposed to an iterable of batches."""
    return isinstance(data, tuple | list) and len(data) == 2 and hasattr(data[0], "shape")


def _batches(data: Data, batch_size: int, device: torch.device, shuffle: bool,
             generator: torch.Generator | None) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield ``(xb, yb)`` on ``device``; pairs of tensors are sliced directly (no DataLoader
    overhead, which dominates for the course's small data sets)."""
    if not _is_pair(data):
        for xb, yb in data:
            yield _as_tensor(xb).to(device), _as_tensor(yb).to(device)
        return
    X, y = (_as_tensor(a).to(device) for a in data)
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    order = torch.randperm(len(X), generator=generator) if shuffle else torch.arange(len(X))
    order = order.to(device)
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        yield X[idx], y[idx]


def _model_device(model: nn.Module) -> torch.device:
    param = next(iter(model.parameters()), None)
    return param.device if param is not None else torch.device("cpu")


def _binary_threshold(model: nn.Module, loss_fn: Any) -> float:
    """0.5 when the single output is a probability (BCELoss, a final Sigmoid), else 0 (logit)."""
    last = list(model.modules())[-1]
    return 0.5 if isinstance(loss_fn, nn.BCELoss) or isinstance(last, nn.Sigmoid) else 0.0


def _n_correct(out: torch.Tensor, y: torch.Tensor, threshold: float,
               loss_fn: Any) -> int | None:
    """Number of correct predictions in a batch, or None when the targets are not labels."""
    if isinstance(loss_fn, _REGRESSION_LOSSES):
        return None
    if out.ndim == 2 and out.shape[1] > 1:  # (N, K) scores
        labels = y.argmax(dim=1) if y.ndim == 2 else y  # one-hot or soft targets
        return int((out.argmax(dim=1) == labels.long()).sum())
    if y.is_floating_point() and not bool(((y == 0) | (y == 1)).all()):
        return None  # real-valued targets: regression
    pred = (out.reshape(-1) > threshold).long()
    return int((pred == y.reshape(-1).long()).sum())


@torch.no_grad()
def _evaluate_batches(model: nn.Module, batches: Iterable, loss_fn: Any) -> Evaluation:
    was_training = model.training
    model.eval()  # dropout off, batch norm uses its running statistics
    threshold = _binary_threshold(model, loss_fn)
    n = 0
    total_loss = 0.0
    correct: int | None = 0
    try:
        for xb, yb in batches:
            out = model(xb)
            if loss_fn is not None:
                total_loss += float(loss_fn(out, yb)) * len(xb)  # losses are batch means
            c = _n_correct(out, yb, threshold, loss_fn)
            correct = None if c is None or correct is None else correct + c
            n += len(xb)
    finally:
        model.train(was_training)
    if n == 0:
        raise ValueError("no data to evaluate")
    return Evaluation(
        accuracy=None if correct is None else correct / n,
        loss=total_loss / n if loss_fn is not None else None,
    )


# --------------------------------------------------------------------------------------------
# Public loop
# --------------------------------------------------------------------------------------------
def fit(model: nn.Module, loss_fn: Any, optimizer: torch.optim.Optimizer, train_data: Data,
        val_data: Data | None = None, epochs: int = 10, batch_size: int = 32,
        device: str | torch.device | None = None, progress: bool = True,
        seed: int = 0) -> History:
    """Train ``model`` with mini-batches and return the per-epoch `History`.

    Args:
        model: maps a batch (B, D) to outputs (B, K), (B, 1) or (B,); moved to ``device``
            and left there, in training mode.
        loss_fn: ``loss_fn(outputs, targets)`` returning the mean loss of a batch.
        optimizer: built on ``model.parameters()``.
        train_data: ``(X, y)`` with X: (N, D), y: (N,) labels or (N, ...) targets, as tensors
            or numpy arrays (floats become float32), or a re-iterable of ``(xb, yb)`` batches
            (e.g. a DataLoader, which then does its own batching and shuffling).
        val_data: the same kinds, evaluated after every epoch.
        epochs: passes over the training data. batch_size: rows per step for ``(X, y)`` pairs.
        device: None picks `get_device()`.
        progress: show a progress bar over epochs (never under the grader).
        seed: seeds the shuffling of ``(X, y)`` pairs; seed the model's initialization and
            dropout yourself with `seed_everything`.
    """
    if int(epochs) != epochs or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    if int(batch_size) != batch_size or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1, got {batch_size!r}")
    device = get_device(device)
    model.to(device)  # moves parameters in place, so the optimizer still holds them
    generator = torch.Generator().manual_seed(seed)
    history = History()
    bar = tqdm(range(int(epochs)), desc="epochs", disable=not progress or quick_mode())
    for _ in bar:
        model.train()
        total, n = 0.0, 0
        for xb, yb in _batches(train_data, int(batch_size), device, True, generator):
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
            n += len(xb)
        history.train_loss.append(total / n if n else math.nan)
        postfix = {"train_loss": f"{history.train_loss[-1]:.4g}"}
        if val_data is not None:
            ev = _evaluate_batches(
                model, _batches(val_data, 1024, device, False, None), loss_fn)
            history.val_loss.append(ev.loss)
            postfix["val_loss"] = f"{ev.loss:.4g}"
            if ev.accuracy is not None:
                history.val_acc.append(ev.accuracy)
                postfix["val_acc"] = f"{ev.accuracy:.3f}"
        bar.set_postfix(postfix)
    bar.close()
    return history


def evaluate(model: nn.Module, X: Any, y: Any, loss_fn: Any = None,
             device: str | torch.device | None = None, batch_size: int = 1024) -> Evaluation:
    """Accuracy (and mean loss) of ``model`` on ``(X, y)``, in evaluation mode, without grads.

    Accuracy compares ``argmax`` of (N, K) outputs with labels y: (N,) (or one-hot (N, K)).
    A single output (N, 1) or (N,) is a binary classifier: a logit thresholded at 0, or a
    probability thresholded at 0.5 when ``loss_fn`` is ``nn.BCELoss`` or the model ends with
    ``nn.Sigmoid``. Accuracy is None for regression (a regression loss, or real-valued y).

    Args:
        X: (N, D) inputs. y: (N,) labels or (N, ...) targets. loss_fn: also report its mean.
        device: None uses the device the model is on.

    Returns:
        `Evaluation` ``(accuracy, loss)``.
    """
    device = torch.device(device) if device is not None else _model_device(model)
    model.to(device)
    return _evaluate_batches(model, _batches((X, y), batch_size, device, False, None), loss_fn)


@torch.no_grad()
def predict(model: nn.Module, X: Any, batch_size: int = 4096) -> np.ndarray:
    """Outputs of ``model`` on X: (N, D), as a numpy array (N, ...), in evaluation mode.

    X may be a numpy array (floats become float32) or a tensor; it is moved to the model's
    device. Handy with `dlcourse.plot.decision_boundary`:
    ``decision_boundary(lambda G: predict(model, G).argmax(1), X, y)``.
    """
    device = _model_device(model)
    X_t = _as_tensor(X)
    was_training = model.training
    model.eval()
    try:
        outs = [model(X_t[i:i + batch_size].to(device)).cpu()
                for i in range(0, len(X_t), batch_size)]
    finally:
        model.train(was_training)
    return torch.cat(outs).numpy() if outs else np.empty((0,), dtype=np.float32)
