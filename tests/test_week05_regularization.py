"""Week05's reference solutions against independent answers: torch, autograd, scipy, closed
forms, central differences and the CS231n check values.

- SGD with weight decay equals torch.optim.SGD(weight_decay=alpha) (bias group without decay)
  and SGD on the cost plus (alpha / 2) ||W||^2, over many steps of random gradients.
- Inverted dropout keeps the expectation (averaged over many seeds), keeps a fraction 1 - p,
  its backward equals autograd, and it passes CS231n's dropout statistics (whose p is the
  keep probability).
- Dropout at the edge p = 1 returns zeros (scale 0.0, zero gradient), as torch.nn.Dropout(1.0).
- Label smoothing equals torch.nn.CrossEntropyLoss(label_smoothing=s), and torch's soft-target
  cross-entropy with `smooth_labels`' targets.
- Batch norm equals torch.nn.BatchNorm1d in training mode over several steps (running
  statistics included) and then in evaluation mode; its backward equals autograd, central
  differences and CS231n's gradient check; a training batch of one raises a ValueError, as
  torch does, and evaluation mode takes it.
- Elastic net's gradient equals autograd; max-norm equals torch.renorm; shifts equal
  scipy.ndimage.shift; bias^2 + variance equals the mean squared error of the models;
  early stopping picks the first minimum of the losses it saw.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.references import week05 as ref

FAST = settings(max_examples=30, deadline=None)
PEER = Path(__file__).resolve().parents[2] / "shared" / "peer-checks" / "cs231n_checks.py"


def _peer():
    """CS231n's public check values, read from the shared folder at test time."""
    if not PEER.exists():
        pytest.skip(f"{PEER} is not available here")
    spec = importlib.util.spec_from_file_location("cs231n_checks", PEER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {case["name"]: case for case in module.CASES}, module


# ----------------------------------------------------------------------------- weight decay
@FAST
@given(st.integers(1, 5), st.integers(1, 5), st.floats(0.001, 0.5), st.floats(0.0, 2.0),
       st.integers(0, 2**31 - 1))
def test_weight_decay_step_equals_torch_sgd_over_many_steps(D, K, lr, alpha, seed):
    rng = np.random.default_rng(seed)
    W, b = rng.normal(size=(D, K)), rng.normal(size=K)
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b, requires_grad=True)
    opt = torch.optim.SGD([{"params": [Wt], "weight_decay": alpha},
                           {"params": [bt], "weight_decay": 0.0}], lr=lr)
    for _ in range(40):
        dW, db = rng.normal(size=(D, K)), rng.normal(size=K)
        W, b = ref.sgd_weight_decay_step(W, b, dW, db, lr, alpha)
        Wt.grad, bt.grad = torch.tensor(dW), torch.tensor(db)
        opt.step()
    np.testing.assert_allclose(W, Wt.detach().numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(b, bt.detach().numpy(), rtol=1e-10, atol=1e-10)


def test_weight_decay_equals_sgd_on_the_l2_penalized_cost():
    """w - lr * grad(J + alpha/2 ||w||^2) computed by autograd is the same step."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=(30, 2))
    W, b = rng.normal(size=(4, 2)), np.zeros(2)
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b, requires_grad=True)
    lr, alpha = 0.1, 0.3
    for _ in range(25):
        loss = ((torch.tensor(X) @ Wt + bt - torch.tensor(y)) ** 2).mean()
        dW, db = (g.numpy() for g in torch.autograd.grad(loss, [Wt, bt], retain_graph=True))
        W, b = ref.sgd_weight_decay_step(W, b, dW, db, lr, alpha)
        penalized = loss + alpha / 2 * (Wt ** 2).sum()
        gW, gb = torch.autograd.grad(penalized, [Wt, bt])
        with torch.no_grad():
            Wt -= lr * gW
            bt -= lr * gb
        np.testing.assert_allclose(W, Wt.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(b, bt.detach().numpy(), rtol=1e-10, atol=1e-12)


# ------------------------------------------------------------------ elastic net, max-norm
@FAST
@given(st.integers(0, 2**31 - 1), st.floats(0.0, 2.0), st.floats(0.0, 2.0))
def test_elastic_net_equals_autograd(seed, l1, l2):
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(4, 3))
    W[rng.random(W.shape) < 0.3] = 0.0  # exact zeros: torch's d|w|/dw at 0 is 0 as well
    penalty, dW = ref.elastic_net(W, l1, l2)
    Wt = torch.tensor(W, requires_grad=True)
    expected = l1 * Wt.abs().sum() + l2 / 2 * (Wt ** 2).sum()
    expected.backward()
    assert penalty == pytest.approx(expected.item(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(dW, Wt.grad.numpy(), rtol=1e-12, atol=1e-12)


@FAST
@given(st.integers(1, 6), st.integers(1, 6), st.floats(0.01, 5.0), st.integers(0, 2**31 - 1))
def test_max_norm_equals_torch_renorm(d_in, d_out, c, seed):
    W = np.random.default_rng(seed).normal(size=(d_in, d_out))
    out = ref.max_norm(W, c)
    expected = torch.renorm(torch.tensor(W), p=2, dim=1, maxnorm=c).numpy()
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    assert np.all(np.linalg.norm(out, axis=0) <= c * (1 + 1e-12))


# ---------------------------------------------------------------------------------- dropout
def test_dropout_preserves_the_expectation_over_many_seeds():
    x = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.5]])
    for p in [0.1, 0.5, 0.8]:
        outs = np.array([ref.dropout_forward(x, p, True, np.random.default_rng(s))[0]
                         for s in range(4000)])  # (4000, 2, 3)
        # standard error of the mean of x * Bernoulli(1-p) / (1-p): |x| sqrt(p / (1-p) / S)
        tol = 5 * np.abs(x) * np.sqrt(p / (1 - p) / len(outs)) + 1e-12
        assert np.all(np.abs(outs.mean(axis=0) - x) <= tol), p
        kept = np.mean([ref.dropout_forward(x, p, True, np.random.default_rng(s))[1][0]
                        for s in range(4000)])
        assert kept == pytest.approx(1 - p, abs=0.02)
        out, (keep, scale) = ref.dropout_forward(x, p, False, np.random.default_rng(0))
        np.testing.assert_array_equal(out, x)
        assert keep.all() and scale == 1.0


def test_dropout_backward_equals_autograd():
    rng = np.random.default_rng(1)
    x, dout = rng.normal(size=(5, 7)), rng.normal(size=(5, 7))
    out, cache = ref.dropout_forward(x, 0.4, True, np.random.default_rng(2))
    xt = torch.tensor(x, requires_grad=True)
    keep, scale = cache
    out_t = xt * torch.tensor(keep) * scale
    out_t.backward(torch.tensor(dout))
    np.testing.assert_allclose(out, out_t.detach().numpy())
    np.testing.assert_allclose(ref.dropout_backward(dout, cache), xt.grad.numpy())


def test_dropout_matches_torch_dropout_statistics_and_scaling():
    """torch.nn.Dropout(p) drops with probability p and scales kept units by 1/(1-p)."""
    x = np.full((400, 500), 2.0)
    for p in [0.25, 0.6]:
        ours = ref.dropout_forward(x, p, True, np.random.default_rng(3))[0]
        torch.manual_seed(3)
        theirs = torch.nn.Dropout(p)(torch.tensor(x)).numpy()
        assert set(np.unique(ours)) == set(np.unique(theirs)) == {0.0, 2.0 / (1 - p)}
        assert np.mean(ours == 0) == pytest.approx(np.mean(theirs == 0), abs=0.01)


def test_dropout_with_p_one_drops_everything_as_torch_does():
    x = np.random.default_rng(5).normal(size=(4, 6))
    out, (keep, scale) = ref.dropout_forward(x, 1.0, True, np.random.default_rng(0))
    xt = torch.tensor(x, requires_grad=True)
    theirs = torch.nn.Dropout(1.0)(xt)
    theirs.sum().backward()
    np.testing.assert_array_equal(out, theirs.detach().numpy())
    assert not keep.any() and scale == 0.0
    np.testing.assert_array_equal(ref.dropout_backward(np.ones_like(x), (keep, scale)),
                                  xt.grad.numpy())
    assert np.all(np.isfinite(out))


def test_dropout_passes_cs231n_statistics():
    cases, peer = _peer()
    case = cases["dropout_forward_stats"]

    def adapter(x, p, mode):  # CS231n's p is the probability of KEEPING a unit
        return ref.dropout_forward(x, 1.0 - p, mode == "train", np.random.default_rng(231))[0]

    assert peer.passes(case, adapter), peer.check(case, adapter, detail=True)


# -------------------------------------------------------------------------- label smoothing
@FAST
@given(st.integers(1, 8), st.integers(2, 12), st.floats(0.0, 1.0), st.integers(0, 2**31 - 1))
def test_label_smoothing_equals_torch(N, K, eps, seed):
    rng = np.random.default_rng(seed)
    z, y = rng.normal(scale=5.0, size=(N, K)), rng.integers(0, K, size=N)
    expected = torch.nn.CrossEntropyLoss(label_smoothing=eps)(torch.tensor(z), torch.tensor(y))
    assert ref.label_smoothing_loss(z, y, eps) == pytest.approx(expected.item(), rel=1e-10,
                                                                 abs=1e-12)
    targets = ref.smooth_labels(y, K, eps)
    np.testing.assert_allclose(targets.sum(axis=1), 1.0)
    soft = torch.nn.functional.cross_entropy(torch.tensor(z), torch.tensor(targets))
    assert soft.item() == pytest.approx(expected.item(), rel=1e-10, abs=1e-12)


def test_label_smoothing_is_finite_for_huge_logits():
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0]])
    y = np.array([1, 2])
    expected = torch.nn.CrossEntropyLoss(label_smoothing=0.1)(torch.tensor(z), torch.tensor(y))
    assert ref.label_smoothing_loss(z, y, 0.1) == pytest.approx(expected.item(), rel=1e-12)


# ------------------------------------------------------------------------------ batch norm
def test_batchnorm_refuses_a_training_batch_of_one_as_torch_does():
    x, ones, zeros = np.array([[1.0, -2.0, 3.0]]), np.ones(3), np.zeros(3)
    with pytest.raises(ValueError, match="Expected more than 1 value per channel when training"):
        torch.nn.BatchNorm1d(3).double().train()(torch.tensor(x))
    with pytest.raises(ValueError, match="Expected more than 1 value per channel when training"):
        ref.batchnorm_forward(x, ones, zeros, zeros, ones, True)
    bn = torch.nn.BatchNorm1d(3).double().eval()  # evaluation mode takes a single example
    out = ref.batchnorm_forward(x, ones, zeros, zeros, ones, False)[0]
    np.testing.assert_allclose(out, bn(torch.tensor(x)).detach().numpy(), rtol=1e-12)


@pytest.mark.parametrize("momentum", [0.1, 0.3, 0.9])
def test_batchnorm_forward_equals_torch_in_both_modes(momentum):
    rng = np.random.default_rng(4)
    D = 6
    bn = torch.nn.BatchNorm1d(D, momentum=momentum, eps=1e-5).double()
    gamma, beta = rng.normal(size=D), rng.normal(size=D)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(gamma))
        bn.bias.copy_(torch.tensor(beta))
    rm, rv = np.zeros(D), np.ones(D)
    for step in range(12):  # training steps: batch statistics and running averages
        x = 3.0 * rng.normal(size=(2 + step, D)) + 7.0
        out, rm, rv = ref.batchnorm_forward(x, gamma, beta, rm, rv, True, momentum, 1e-5)
        expected = bn.train()(torch.tensor(x)).detach().numpy()
        np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(rm, bn.running_mean.numpy(), rtol=1e-12)
        np.testing.assert_allclose(rv, bn.running_var.numpy(), rtol=1e-12)
    for n in [1, 5]:  # evaluation mode: running statistics, no update
        x = rng.normal(size=(n, D))
        out, rm2, rv2 = ref.batchnorm_forward(x, gamma, beta, rm, rv, False, momentum, 1e-5)
        expected = bn.eval()(torch.tensor(x)).detach().numpy()
        np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)
        np.testing.assert_array_equal(rm2, rm)
        np.testing.assert_array_equal(rv2, rv)
        np.testing.assert_allclose(bn.running_mean.numpy(), rm, rtol=1e-12)


@FAST
@given(st.integers(2, 9), st.integers(1, 5), st.sampled_from([1e-5, 1e-3, 0.5]),
       st.integers(0, 2**31 - 1))
def test_batchnorm_backward_equals_autograd(N, D, eps, seed):
    rng = np.random.default_rng(seed)
    x = 4.0 * rng.normal(size=(N, D)) + 10.0
    gamma, beta, dout = rng.normal(size=D), rng.normal(size=D), rng.normal(size=(N, D))
    xt = torch.tensor(x, requires_grad=True)
    gt = torch.tensor(gamma, requires_grad=True)
    bt = torch.tensor(beta, requires_grad=True)
    out = torch.nn.functional.batch_norm(xt, None, None, gt, bt, training=True, eps=eps)
    out.backward(torch.tensor(dout))
    dx, dgamma, dbeta = ref.batchnorm_backward(dout, x, gamma, eps)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(dgamma, gt.grad.numpy(), rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(dbeta, bt.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_batchnorm_backward_equals_central_differences():
    rng = np.random.default_rng(5)
    x, gamma = rng.normal(size=(4, 3)) * 2 + 1, rng.normal(size=3)
    beta, dout = rng.normal(size=3), rng.normal(size=(4, 3))
    dx, dgamma, _ = ref.batchnorm_backward(dout, x, gamma)

    def cost(x_, gamma_):
        out = ref.batchnorm_forward(x_, gamma_, beta, np.zeros(3), np.ones(3), True)[0]
        return float(np.sum(out * dout))

    h = 1e-6
    num_dx = np.zeros_like(x)
    for ix in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[ix] += h
        xm[ix] -= h
        num_dx[ix] = (cost(xp, gamma) - cost(xm, gamma)) / (2 * h)
    num_dg = np.array([(cost(x, gamma + h * e) - cost(x, gamma - h * e)) / (2 * h)
                       for e in np.eye(3)])
    np.testing.assert_allclose(dx, num_dx, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dgamma, num_dg, rtol=1e-5, atol=1e-7)


def test_batchnorm_passes_cs231n_checks():
    cases, peer = _peer()

    def forward(x, gamma, beta, mode, eps):
        D = x.shape[1]
        return ref.batchnorm_forward(x, gamma, beta, np.zeros(D), np.ones(D), mode == "train",
                                     0.1, eps)[0]

    def both(x, gamma, beta, dout, mode, eps):
        D = x.shape[1]
        out = ref.batchnorm_forward(x, gamma, beta, np.zeros(D), np.ones(D), True, 0.1, eps)[0]
        dx, dgamma, dbeta = ref.batchnorm_backward(dout, x, gamma, eps)
        return {"out": out, "dx": dx, "dgamma": dgamma, "dbeta": dbeta}

    for name, fn in [("batchnorm_forward_train_stats", forward),
                     ("batchnorm_backward_gradcheck", both)]:
        assert peer.passes(cases[name], fn), (name, peer.check(cases[name], fn, detail=True))


# ------------------------------------------------------------- bias-variance, shifts, stopping
@FAST
@given(st.integers(1, 30), st.integers(1, 10), st.integers(0, 2**31 - 1))
def test_bias2_plus_variance_is_the_models_mean_squared_error(R, P, seed):
    rng = np.random.default_rng(seed)
    preds, f = rng.normal(size=(R, P)) + rng.normal(size=P), rng.normal(size=P)
    bias2, variance = ref.bias_variance(preds, f)
    assert bias2 + variance == pytest.approx(np.mean((preds - f) ** 2), rel=1e-10, abs=1e-12)
    assert bias2 == pytest.approx(np.mean((preds.mean(0) - f) ** 2))
    assert variance == pytest.approx(np.mean(np.var(preds, axis=0)))


def test_bias_variance_recovers_known_values():
    """Models f + c + noise_r with known offset c and noise variance s^2."""
    rng = np.random.default_rng(6)
    f = np.linspace(-1, 1, 50)
    preds = f + 0.3 + 0.5 * rng.standard_normal((20000, 50))
    bias2, variance = ref.bias_variance(preds, f)
    assert bias2 == pytest.approx(0.09, abs=0.002)
    assert variance == pytest.approx(0.25, rel=0.02)


@FAST
@given(st.integers(1, 4), st.integers(2, 7), st.integers(2, 7), st.data())
def test_shift_images_equals_scipy(N, H, W, draw):
    from scipy import ndimage

    dy = draw.draw(st.integers(-(H - 1), H - 1))
    dx = draw.draw(st.integers(-(W - 1), W - 1))
    images = np.random.default_rng(H * 10 + W).uniform(size=(N, H, W))
    expected = ndimage.shift(images, (0, dy, dx), order=0, mode="constant", cval=0.0)
    np.testing.assert_array_equal(ref.shift_images(images, dy, dx), expected)


@FAST
@given(st.lists(st.integers(0, 5), min_size=1, max_size=25), st.integers(1, 4),
       st.integers(1, 30))
def test_early_stopping_keeps_the_first_minimum_it_saw(losses, patience, max_epochs):
    def step(params):
        params["w"] += 1.0

    def val_loss(params):
        return float(losses[int(params["w"][0]) - 1])

    max_epochs = min(max_epochs, len(losses))
    best, best_epoch, ran = ref.early_stopping_fit({"w": np.zeros(1)}, step, val_loss,
                                                   max_epochs, patience)
    seen = losses[:ran]
    assert best_epoch == int(np.argmin(seen)) + 1  # argmin: the first of equal minima
    assert best["w"][0] == best_epoch
    # it ran until `patience` epochs without improvement, or until max_epochs
    expected_ran = max_epochs
    for e in range(1, max_epochs + 1):
        if e - (int(np.argmin(losses[:e])) + 1) >= patience:
            expected_ran = e
            break
    assert ran == expected_ran
