"""Regularization helpers for the demos: digit augmentation, input noise, and a small torch
training loop with a regularizer hook and early stopping that restores the best weights.

Shapes: ``N`` examples, ``D`` features, ``K`` classes; images are ``(N, H, W)`` (8x8 for the
digits). Nothing here is an exercise's solution: week05 asks students to write integer shifts,
the early-stopping bookkeeping and the penalties themselves, and then uses these helpers to
compare the techniques on one network (the overfitting lab).

Introduced in week05.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from dlcourse.train import get_device

__all__ = ["FitResult", "add_input_noise", "augment_images", "fit_regularized"]


# --------------------------------------------------------------------------------------------
# Data augmentation and input noise
# --------------------------------------------------------------------------------------------
def augment_images(images: Any, rng: np.random.Generator, max_shift: float = 1.0,
                   max_degrees: float = 10.0, order: int = 1) -> np.ndarray:
    """Randomly rotated and shifted copies of a batch of images (zero fill).

    For each image, in order: an angle drawn from U(-max_degrees, max_degrees), then a shift
    ``(dy, dx)`` with both parts drawn from U(-max_shift, max_shift) (sub-pixel shifts
    interpolate). The image is rotated about its centre, then shifted; pixels that come from
    outside the image are 0. Values are clipped to the input's range. ``order`` is the spline
    order of the interpolation: 1 (bilinear) blurs a little, 0 (nearest pixel) keeps the
    pixel values, which matters for tiny images such as the 8x8 digits.

    Args:
        images: (N, H, W) images. rng: the generator all draws come from.
        max_shift: largest shift in pixels. max_degrees: largest rotation in degrees.
        order: interpolation order, 0 (nearest) or 1 (bilinear).

    Returns:
        (N, H, W) float64 array, a new array (``images`` is not changed).
    """
    from scipy import ndimage  # imported here: only the demos that augment pay for it

    images = np.asarray(images, dtype=np.float64)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (N, H, W), got {images.shape}")
    lo, hi = (float(images.min()), float(images.max())) if images.size else (0.0, 0.0)
    out = np.empty_like(images)
    for i, img in enumerate(images):
        angle = rng.uniform(-max_degrees, max_degrees)
        shift = rng.uniform(-max_shift, max_shift, size=2)  # (dy, dx)
        rotated = ndimage.rotate(img, angle, reshape=False, order=order, mode="constant",
                                 cval=0.0)
        out[i] = ndimage.shift(rotated, shift, order=order, mode="constant", cval=0.0)
    return np.clip(out, lo, hi)


def add_input_noise(X: Any, rng: np.random.Generator, sigma: float) -> np.ndarray:
    """``X + sigma * noise`` with standard normal noise drawn from ``rng`` (one call).

    Args:
        X: (N, D) inputs (any shape). sigma: the noise's standard deviation, >= 0.

    Returns:
        float64 array of X's shape, a new array.
    """
    if sigma < 0:
        raise ValueError(f"sigma must be >= 0, got {sigma!r}")
    X = np.asarray(X, dtype=np.float64)
    return X + sigma * rng.standard_normal(X.shape)


# --------------------------------------------------------------------------------------------
# A training loop with the regularizers as options
# --------------------------------------------------------------------------------------------
@dataclass
class FitResult:
    """What `fit_regularized` measured, per epoch.

    ``val_loss``/``val_acc`` are empty without validation data. ``best_epoch`` (1-based) is
    the epoch whose weights the model holds at the end when early stopping restored them
    (0 when nothing was restored); ``epochs_run`` counts the epochs actually trained.
    """

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    best_epoch: int = 0
    epochs_run: int = 0


def _decay_groups(model: nn.Module, weight_decay: float) -> list[dict]:
    """Parameter groups: weight matrices (ndim >= 2) decayed, biases and norm scales not."""
    decayed = [p for p in model.parameters() if p.ndim >= 2]
    plain = [p for p in model.parameters() if p.ndim < 2]
    groups = [{"params": decayed, "weight_decay": weight_decay}]
    if plain:
        groups.append({"params": plain, "weight_decay": 0.0})
    return groups


@torch.no_grad()
def _val(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    was_training = model.training
    model.eval()
    logits = model(X)
    model.train(was_training)
    loss = float(nn.functional.cross_entropy(logits, y))
    return loss, float((logits.argmax(dim=1) == y).float().mean())


def fit_regularized(
    model: nn.Module, X: Any, y: Any, X_val: Any = None, y_val: Any = None, *,
    epochs: int = 100, lr: float = 1e-2, batch_size: int | None = None,
    optimizer: str = "adam", weight_decay: float = 0.0,
    regularizer: Callable[[nn.Module], torch.Tensor] | None = None,
    input_noise: float = 0.0, label_smoothing: float = 0.0,
    augment: Callable[[int], tuple[Any, Any]] | None = None,
    after_step: Callable[[nn.Module], None] | None = None,
    patience: int | None = None, seed: int = 0,
) -> FitResult:
    """Train a classifier with cross-entropy and any of the regularizers of week05.

    Args:
        model: maps (B, D) inputs to (B, K) logits; trained in place on `get_device()`.
        X: (N, D) training inputs, y: (N,) labels; X_val, y_val: validation data (needed for
            early stopping), evaluated after every epoch in evaluation mode.
        epochs: the most epochs to train. lr: learning rate. batch_size: None = full batch.
        optimizer: ``"adam"`` or ``"sgd"``.
        weight_decay: L2 decay of the weight matrices only (biases and batch-norm parameters,
            1-D tensors, are not decayed), torch's ``weight_decay``.
        regularizer: hook ``regularizer(model) -> scalar tensor`` added to every batch's loss
            (for example an L1 penalty).
        input_noise: standard deviation of Gaussian noise added to each training batch.
        label_smoothing: epsilon of ``nn.CrossEntropyLoss(label_smoothing=...)`` (training
            loss only; the validation loss is the plain cross-entropy).
        augment: ``augment(epoch) -> (X_epoch, y_epoch)`` replaces the training set for that
            epoch (0-based), e.g. freshly augmented copies.
        after_step: hook ``after_step(model)`` called after every optimizer step, e.g. a
            max-norm constraint (it should change the parameters under ``torch.no_grad()``).
        patience: early stopping: stop after this many epochs in a row without a strictly
            lower validation loss, and restore the weights of the best epoch.
        seed: seeds torch's global generator (initial weights must be made by the caller;
            dropout masks, shuffling and input noise use it).

    Returns:
        `FitResult`; the model holds the best weights when ``patience`` is given.
    """
    if patience is not None and X_val is None:
        raise ValueError("early stopping (patience) needs validation data")
    device = get_device()
    model.to(device)

    def tensors(a: Any, b: Any) -> tuple[torch.Tensor, torch.Tensor]:
        a_t = torch.as_tensor(np.asarray(a) if not isinstance(a, torch.Tensor) else a)
        b_t = torch.as_tensor(np.asarray(b) if not isinstance(b, torch.Tensor) else b)
        return a_t.float().to(device), b_t.long().to(device)

    X_t, y_t = tensors(X, y)
    val = tensors(X_val, y_val) if X_val is not None else None
    torch.manual_seed(seed)
    groups = _decay_groups(model, weight_decay)
    opt = (torch.optim.Adam(groups, lr=lr) if optimizer == "adam"
           else torch.optim.SGD(groups, lr=lr))
    loss_fn = nn.CrossEntropyLoss(label_smoothing=label_smoothing)
    result = FitResult()
    best_loss, best_state, waited = math.inf, None, 0
    for epoch in range(int(epochs)):
        Xe, ye = tensors(*augment(epoch)) if augment is not None else (X_t, y_t)
        model.train()
        order = torch.randperm(len(Xe)).to(device)
        size = batch_size or len(Xe)
        total = 0.0
        for start in range(0, len(Xe), size):
            idx = order[start:start + size]
            xb, yb = Xe[idx], ye[idx]
            if input_noise:
                xb = xb + input_noise * torch.randn_like(xb)
            loss = loss_fn(model(xb), yb)
            if regularizer is not None:
                loss = loss + regularizer(model)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if after_step is not None:
                after_step(model)
            total += loss.item() * len(idx)
        result.train_loss.append(total / len(Xe))
        result.epochs_run = epoch + 1
        if val is None:
            continue
        v_loss, v_acc = _val(model, *val)
        result.val_loss.append(v_loss)
        result.val_acc.append(v_acc)
        if patience is None:
            continue
        if v_loss < best_loss:  # strictly lower: a tie is no improvement
            best_loss, waited = v_loss, 0
            best_state = copy.deepcopy(model.state_dict())  # a copy, not live references
            result.best_epoch = epoch + 1
        else:
            waited += 1
            if waited >= patience:
                break
    if best_state is not None:
        model.load_state_dict(best_state)
    return result
