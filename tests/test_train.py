"""Tests of dlcourse.train: the loop learns, evaluates and predicts correctly on the CPU."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dlcourse import data
from dlcourse.train import (
    Evaluation,
    History,
    evaluate,
    fit,
    get_device,
    predict,
    quick_mode,
    scaled,
    seed_everything,
)


def _mlp(d_in: int = 2, d_out: int = 2, seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(d_in, 16), nn.ReLU(), nn.Linear(16, d_out))


def test_get_device_is_cpu_here_and_falls_back():
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    assert get_device() == torch.device("cpu")
    assert get_device("cpu") == torch.device("cpu")
    with pytest.warns(UserWarning, match="not available"):
        assert get_device("cuda") == torch.device("cpu")


def test_seed_everything_repeats_all_generators():
    def draw():
        return random.random(), np.random.rand(), torch.rand(1).item()

    seed_everything(7)
    first = draw()
    seed_everything(7)
    assert draw() == first
    seed_everything(8)
    assert draw() != first


def test_quick_mode_and_scaled(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert quick_mode() is False and scaled(200, 5) == 200
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert quick_mode() is True and scaled(200, 5) == 5


def test_history_as_dict_copies_non_empty_curves():
    h = History(train_loss=[1.0, 0.5], val_loss=[2.0, 1.0])
    d = h.as_dict()
    assert d == {"train_loss": [1.0, 0.5], "val_loss": [2.0, 1.0]}
    d["train_loss"].append(9.0)
    assert h.train_loss == [1.0, 0.5]


def test_fit_reduces_regression_loss_to_the_noise_level():
    x, y = data.regression_line(n=200, slope=2.0, intercept=1.0, noise=0.1, as_tensor=True)
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    h = fit(model, nn.MSELoss(), opt, (x, y), val_data=(x, y), epochs=15, progress=False)
    assert len(h.train_loss) == len(h.val_loss) == 15 and h.val_acc == []  # regression
    assert h.train_loss[-1] < 0.1 * h.train_loss[0]
    assert h.val_loss[-1] < 0.02  # noise variance is 0.01
    assert model.weight.item() == pytest.approx(2.0, abs=0.05)
    assert model.bias.item() == pytest.approx(1.0, abs=0.05)


def test_fit_classifies_qwerties():
    X, y = data.qwerties(n_per_class=100, distance=4.0, spread=1.0, seed=0, as_tensor=True)
    Xv, yv = data.qwerties(n_per_class=100, distance=4.0, spread=1.0, seed=1, as_tensor=True)
    model = _mlp()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    h = fit(model, nn.CrossEntropyLoss(), opt, (X, y), (Xv, yv), epochs=20, progress=False)
    assert len(h.val_acc) == 20 and h.val_acc[-1] >= 0.9
    assert h.train_loss[-1] < h.train_loss[0]
    # independent accuracy from the raw outputs
    acc = (model(Xv).argmax(1) == yv).float().mean().item()
    assert acc == pytest.approx(h.val_acc[-1])


def test_fit_is_reproducible_with_the_same_seed():
    X, y = data.xor(n=64, as_tensor=True)

    def run(shuffle_seed):
        model = _mlp(seed=0)
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        return fit(model, nn.CrossEntropyLoss(), opt, (X, y), epochs=3, batch_size=8,
                   progress=False, seed=shuffle_seed).train_loss

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_fit_accepts_numpy_dataloaders_and_binary_logits():
    X, y = data.moons(n=200, noise=0.1)  # numpy float64 / int64
    model = _mlp(d_out=1)
    opt = torch.optim.Adam(model.parameters(), lr=0.03)
    loader = DataLoader(TensorDataset(torch.tensor(X, dtype=torch.float32),
                                      torch.tensor(y, dtype=torch.float32)[:, None]),
                        batch_size=32, shuffle=True)
    h = fit(model, nn.BCEWithLogitsLoss(), opt, loader,
            val_data=(X, y[:, None].astype(np.float32)), epochs=20, progress=False)
    assert h.val_acc[-1] >= 0.85
    logits = predict(model, X)[:, 0]
    assert ((logits > 0).astype(int) == y).mean() == pytest.approx(h.val_acc[-1])


def test_fit_validates_arguments():
    X, y = data.xor(n=8, as_tensor=True)
    model = _mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError):
        fit(model, nn.CrossEntropyLoss(), opt, (X, y[:5]), epochs=1, progress=False)
    with pytest.raises(ValueError):
        fit(model, nn.CrossEntropyLoss(), opt, (X, y), epochs=1, batch_size=0, progress=False)


def test_evaluate_against_hand_computed_answers():
    model = nn.Linear(2, 3, bias=False)
    with torch.no_grad():
        model.weight.copy_(torch.eye(3, 2))  # scores = (x1, x2, 0)
    X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0], [2.0, 1.0]])
    y = torch.tensor([0, 1, 2, 1])  # the last one is wrong: argmax is 0
    ev = evaluate(model, X, y, loss_fn=nn.CrossEntropyLoss())
    assert isinstance(ev, Evaluation) and ev.accuracy == 0.75
    expected = nn.functional.cross_entropy(model(X), y).item()
    assert ev.loss == pytest.approx(expected, rel=1e-6)
    acc, loss = evaluate(model, X.numpy(), y.numpy(), batch_size=3)  # unpacks, batches
    assert acc == 0.75 and loss is None


def test_evaluate_binary_probabilities_and_regression():
    sig = nn.Sequential(nn.Linear(1, 1), nn.Sigmoid())
    with torch.no_grad():
        sig[0].weight.fill_(1.0)
        sig[0].bias.fill_(0.0)
    X = torch.tensor([[-2.0], [-0.1], [0.1], [3.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [1.0]])  # p = sigmoid(x): 0.12, 0.48, 0.52, 0.95
    assert evaluate(sig, X, y).accuracy == 0.75  # threshold 0.5 on probabilities
    reg = nn.Linear(1, 1)
    assert evaluate(reg, X, X * 2.5, loss_fn=nn.MSELoss()).accuracy is None


def test_evaluate_and_predict_restore_training_mode_and_disable_dropout():
    model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5))
    model.train()
    X = torch.randn(8, 4)
    out1, out2 = predict(model, X), predict(model, X)
    np.testing.assert_array_equal(out1, out2)  # no dropout noise in evaluation mode
    assert isinstance(out1, np.ndarray) and out1.shape == (8, 4)
    assert model.training
    with torch.no_grad():
        np.testing.assert_allclose(out1, model[0](X).numpy(), rtol=1e-6)


def test_progress_bar_shown_unless_disabled_or_graded(capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    X, y = data.xor(n=8, as_tensor=True)
    model = _mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    fit(model, nn.CrossEntropyLoss(), opt, (X, y), epochs=2, progress=True)
    assert "epochs" in capsys.readouterr().err  # tqdm writes to stderr in a terminal
    fit(model, nn.CrossEntropyLoss(), opt, (X, y), epochs=2, progress=False)
    assert "epochs" not in capsys.readouterr().err
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    fit(model, nn.CrossEntropyLoss(), opt, (X, y), epochs=2, progress=True)
    assert "epochs" not in capsys.readouterr().err
