"""Per-layer statistics of a PyTorch multilayer perceptron: what flows forward and backward.

A deep network trains well when the signal neither dies out nor blows up from layer to layer,
in the forward pass (the post-activations h) and in the backward pass (the gradients). The
helpers here build a plain MLP and measure, for every layer, the mean and the standard
deviation of its post-activations, the standard deviation of the gradient that reaches them,
and the norm of each weight matrix's gradient. They use forward hooks, so they work on any
``nn.Sequential`` of ``nn.Linear`` layers and activation modules.

Shapes: ``X: (N, D)`` inputs, ``y: (N,)`` labels; ``widths = [D, d_1, ..., d_L]``, so the
network has ``L`` linear layers and ``L - 1`` hidden layers.

Introduced in week06.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

__all__ = ["mlp", "layer_statistics"]


def mlp(widths: Sequence[int], activation: Callable[[], nn.Module],
        init: Callable[[torch.Tensor], Any] | None = None) -> nn.Sequential:
    """A multilayer perceptron ``Linear, activation, ..., Linear`` (no activation at the end).

    Args:
        widths: ``[D, d_1, ..., d_L]``; layer l maps ``d_(l-1)`` inputs to ``d_l`` outputs.
        activation: called once per hidden layer to make its module, e.g. ``nn.ReLU``.
        init: applied in place to every ``weight`` (torch layout ``(d_out, d_in)``), e.g.
            ``nn.init.kaiming_normal_``; the biases are then set to 0. None keeps torch's
            default initialization.
    """
    if len(widths) < 2:
        raise ValueError(f"widths needs at least an input and an output size, got {widths!r}")
    layers: list[nn.Module] = []
    for i, (d_in, d_out) in enumerate(zip(widths[:-1], widths[1:])):
        linear = nn.Linear(d_in, d_out)
        if init is not None:
            with torch.no_grad():
                init(linear.weight)
                linear.bias.zero_()
        layers.append(linear)
        if i < len(widths) - 2:
            layers.append(activation())
    return nn.Sequential(*layers)


def _hidden_modules(model: nn.Sequential) -> list[nn.Module]:
    """The modules whose outputs are the post-activations: each one right after a Linear."""
    mods = list(model)
    return [m for prev, m in zip(mods[:-1], mods[1:])
            if isinstance(prev, nn.Linear) and not isinstance(m, nn.Linear)]


def layer_statistics(model: nn.Sequential, X: Any, y: Any = None,
                     loss_fn: Callable | None = None, seed: int = 0) -> dict[str, np.ndarray]:
    """Forward ``X`` through ``model``, backward once, and summarize every layer.

    The backward pass starts from ``loss_fn(model(X), y)`` when a loss is given, else from a
    seeded standard-normal gradient on the outputs (what a random loss would send back). The
    model's parameter gradients are left cleared.

    Args:
        model: an ``nn.Sequential`` of ``nn.Linear`` layers and activation modules.
        X: (N, D) inputs (numpy or tensor; moved to the model's device).
        y, loss_fn: (N,) targets and a loss such as ``nn.CrossEntropyLoss()``, or both None.
        seed: seeds the random output gradient.

    Returns:
        ``h_mean``, ``h_std``, ``grad_h_std``: (L - 1,) arrays over the hidden layers: mean and
        standard deviation of the post-activations h and standard deviation of dJ/dh, over
        all N * d entries; ``grad_W_norm``: (L,) Frobenius norm of dJ/dW of every Linear.
    """
    param = next(model.parameters())
    X_t = torch.as_tensor(X).to(device=param.device, dtype=param.dtype)
    hidden = _hidden_modules(model)
    outputs: list[torch.Tensor] = []

    def keep(_module, _inputs, out):
        out.retain_grad()
        outputs.append(out)

    handles = [m.register_forward_hook(keep) for m in hidden]
    try:
        model.zero_grad(set_to_none=True)
        out = model(X_t)
        if loss_fn is None:
            gen = torch.Generator().manual_seed(seed)
            upstream = torch.randn(out.shape, generator=gen, dtype=out.dtype).to(out.device)
            out.backward(upstream)
        else:
            loss_fn(out, torch.as_tensor(y).to(out.device)).backward()
    finally:
        for handle in handles:
            handle.remove()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    stats = {
        "h_mean": np.array([float(h.detach().mean()) for h in outputs]),
        "h_std": np.array([float(h.detach().std(unbiased=False)) for h in outputs]),
        "grad_h_std": np.array([float(h.grad.std(unbiased=False)) for h in outputs]),
        "grad_W_norm": np.array([float(m.weight.grad.norm()) for m in linears]),
    }
    model.zero_grad(set_to_none=True)
    return stats
