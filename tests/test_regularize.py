"""Tests of dlcourse.regularize: augmentation, input noise and the regularized training loop."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlcourse import data, regularize


def test_augment_images_is_seeded_bounded_and_identity_without_change():
    images, _ = data.digits_images("train")
    images = images[:6]
    a = regularize.augment_images(images, np.random.default_rng(0), 1.0, 10.0)
    b = regularize.augment_images(images, np.random.default_rng(0), 1.0, 10.0)
    assert a.shape == images.shape and a.dtype == np.float64
    np.testing.assert_array_equal(a, b)
    assert a.min() >= images.min() and a.max() <= images.max()
    assert not np.allclose(a, images)
    same = regularize.augment_images(images, np.random.default_rng(0), 0.0, 0.0)
    np.testing.assert_allclose(same, images, atol=1e-12)
    with pytest.raises(ValueError, match="shape"):
        regularize.augment_images(images.reshape(6, 64), np.random.default_rng(0))


def test_augment_images_whole_pixel_shift_moves_the_content():
    img = np.zeros((1, 8, 8))
    img[0, 3, 3] = 1.0

    class OneShift:  # a stand-in generator: angle 0, then the shift (dy, dx) = (1, 2)
        def uniform(self, low, high, size=None):
            return np.array([1.0, 2.0]) if size == 2 else 0.0

    out = regularize.augment_images(img, OneShift(), 2.0, 0.0)
    assert out[0, 4, 5] == pytest.approx(1.0) and out.sum() == pytest.approx(1.0)


def test_add_input_noise():
    X = np.zeros((2000, 5))
    noisy = regularize.add_input_noise(X, np.random.default_rng(1), 0.5)
    assert noisy.std() == pytest.approx(0.5, rel=0.05)
    np.testing.assert_array_equal(X, 0.0)
    with pytest.raises(ValueError):
        regularize.add_input_noise(X, np.random.default_rng(1), -1.0)


def _net(seed=0, batchnorm=False):
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(64, 32)]
    layers += [torch.nn.BatchNorm1d(32)] if batchnorm else []
    return torch.nn.Sequential(*layers, torch.nn.ReLU(), torch.nn.Linear(32, 10))


def _digits(n=150):
    X, y = data.digits("train")
    Xv, yv = data.digits("val")
    return X[:n], y[:n], Xv, yv


def test_fit_regularized_learns_and_is_reproducible():
    X, y, Xv, yv = _digits()
    runs = []
    for _ in range(2):
        model = _net()
        res = regularize.fit_regularized(model, X, y, Xv, yv, epochs=15, lr=1e-2,
                                         batch_size=50, seed=3)
        runs.append((res, [p.detach().clone() for p in model.parameters()]))
    res = runs[0][0]
    assert res.epochs_run == 15 and len(res.val_loss) == len(res.val_acc) == 15
    assert res.train_loss[-1] < res.train_loss[0] and res.val_acc[-1] > 0.7
    assert res.best_epoch == 0  # nothing restored without patience
    for a, b in zip(runs[0][1], runs[1][1]):
        torch.testing.assert_close(a, b)


def test_early_stopping_restores_the_best_weights():
    X, y, Xv, yv = _digits(60)
    model = _net(1)
    res = regularize.fit_regularized(model, X, y, Xv, yv, epochs=200, lr=3e-2, patience=5,
                                     seed=0)
    assert res.epochs_run < 200
    assert res.epochs_run - res.best_epoch == 5
    assert res.best_epoch == int(np.argmin(res.val_loss)) + 1
    model.eval()
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(torch.tensor(Xv, dtype=torch.float32, device=device))
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor(yv, device=device))
    assert loss.item() == pytest.approx(min(res.val_loss), rel=1e-5)
    with pytest.raises(ValueError, match="validation"):
        regularize.fit_regularized(_net(), X, y, patience=3)


def test_weight_decay_spares_biases_and_hooks_are_called():
    X, y, _, _ = _digits(50)
    model = _net(2, batchnorm=True)
    groups = regularize._decay_groups(model, 0.1)
    assert all(p.ndim == 2 for p in groups[0]["params"]) and groups[0]["weight_decay"] == 0.1
    assert all(p.ndim == 1 for p in groups[1]["params"]) and groups[1]["weight_decay"] == 0.0
    calls = {"reg": 0, "after": 0}

    def reg(m):
        calls["reg"] += 1
        return sum(p.abs().sum() for p in m.parameters() if p.ndim == 2) * 1e-4

    def clip(m):
        calls["after"] += 1
        with torch.no_grad():
            for p in m.parameters():
                if p.ndim == 2:
                    p.copy_(torch.renorm(p, 2, 0, 0.5))

    regularize.fit_regularized(model, X, y, epochs=3, batch_size=25, regularizer=reg,
                               after_step=clip, input_noise=0.1, label_smoothing=0.1,
                               weight_decay=1e-3, optimizer="sgd",
                               augment=lambda e: (X[::-1].copy(), y[::-1].copy()))
    assert calls == {"reg": 6, "after": 6}
    for p in model.parameters():
        if p.ndim == 2:
            assert torch.linalg.vector_norm(p, dim=1).max() <= 0.5 + 1e-6
