"""Tests of `dlcourse.depth` (per-layer statistics of an MLP, introduced in week06): the
hooks' numbers equal a hand-written forward and backward pass through the same layers."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from dlcourse import depth


def test_mlp_layout_and_init():
    torch.manual_seed(0)
    model = depth.mlp([5, 7, 6, 3], nn.Tanh, init=lambda w: nn.init.constant_(w, 0.5))
    kinds = [type(m).__name__ for m in model]
    assert kinds == ["Linear", "Tanh", "Linear", "Tanh", "Linear"]
    linears = [m for m in model if isinstance(m, nn.Linear)]
    assert [tuple(m.weight.shape) for m in linears] == [(7, 5), (6, 7), (3, 6)]
    for m in linears:
        assert torch.all(m.weight == 0.5) and torch.all(m.bias == 0)
    with pytest.raises(ValueError):
        depth.mlp([5], nn.ReLU)


def _manual(model, X, upstream=None, y=None):
    """Forward and backward by hand: post-activations, their gradients, weight gradients."""
    hs, h = [], X
    mods = list(model)
    for m in mods:
        h = m(h)
        if not isinstance(m, nn.Linear):
            h.retain_grad()
            hs.append(h)
    if upstream is not None:
        h.backward(upstream)
    else:
        nn.functional.cross_entropy(h, y).backward()
    grads_w = [float(m.weight.grad.norm()) for m in mods if isinstance(m, nn.Linear)]
    return hs, grads_w


def test_layer_statistics_with_a_loss_match_a_manual_pass():
    torch.manual_seed(1)
    model = depth.mlp([4, 8, 8, 3], nn.ReLU).double()
    X = torch.randn(20, 4, dtype=torch.float64)
    y = torch.randint(0, 3, (20,))
    stats = depth.layer_statistics(model, X, y, nn.CrossEntropyLoss())
    assert all(p.grad is None for p in model.parameters())  # left cleared
    hs, grads_w = _manual(model, X, y=y)
    np.testing.assert_allclose(stats["h_mean"], [float(h.detach().mean()) for h in hs], rtol=1e-12)
    np.testing.assert_allclose(stats["h_std"], [float(h.detach().std(unbiased=False)) for h in hs],
                               rtol=1e-12)
    np.testing.assert_allclose(stats["grad_h_std"],
                               [float(h.grad.std(unbiased=False)) for h in hs], rtol=1e-10)
    np.testing.assert_allclose(stats["grad_W_norm"], grads_w, rtol=1e-10)


def test_layer_statistics_random_upstream_is_seeded():
    torch.manual_seed(2)
    model = depth.mlp([6, 5, 5, 5, 2], nn.Sigmoid).double()
    X = np.random.default_rng(0).normal(size=(10, 6))  # numpy works too
    first = depth.layer_statistics(model, X, seed=3)
    again = depth.layer_statistics(model, X, seed=3)
    for key in first:
        np.testing.assert_array_equal(first[key], again[key])
    assert first["h_mean"].shape == (3,) and first["grad_W_norm"].shape == (4,)
    upstream = torch.randn((10, 2), generator=torch.Generator().manual_seed(3),
                           dtype=torch.float64)
    hs, grads_w = _manual(model, torch.tensor(X), upstream=upstream)
    np.testing.assert_allclose(first["grad_h_std"],
                               [float(h.grad.std(unbiased=False)) for h in hs], rtol=1e-10)
    np.testing.assert_allclose(first["grad_W_norm"], grads_w, rtol=1e-10)
