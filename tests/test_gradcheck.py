"""Tests of dlcourse.gradcheck against closed-form gradients."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from dlcourse.check import CheckError
from dlcourse.gradcheck import (
    check_gradient,
    gradient_check_params,
    numerical_gradient,
    relative_error,
)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


A = np.array([[2.0, 0.5, -1.0], [0.5, 3.0, 0.2], [-1.0, 0.2, 4.0]])  # symmetric
W = np.random.default_rng(0).normal(size=(3, 2))

# (name, shape of x, f, closed-form gradient of f)
CASES = [
    ("sum of squares", (4, 3), lambda x: np.sum(x**2), lambda x: 2 * x),
    ("cubic", (5,), lambda x: np.sum(x**3 - 2 * x), lambda x: 3 * x**2 - 2),
    ("sin times exp", (2, 2, 2), lambda x: np.sum(np.sin(x) * np.exp(x)),
     lambda x: np.exp(x) * (np.sin(x) + np.cos(x))),
    ("quadratic form", (3,), lambda x: x @ A @ x, lambda x: 2 * A @ x),
    ("log-sum-exp", (6,), lambda x: np.log(np.sum(np.exp(x))),
     lambda x: np.exp(x) / np.sum(np.exp(x))),
    ("sigmoid of matrix product", (4, 3), lambda x: np.sum(_sigmoid(x @ W)),
     lambda x: (_sigmoid(x @ W) * (1 - _sigmoid(x @ W))) @ W.T),
    ("scalar x", (), lambda x: np.cos(x), lambda x: -np.sin(x)),
]


@pytest.mark.parametrize("name, shape, f, grad", CASES, ids=[c[0] for c in CASES])
def test_numerical_gradient_matches_closed_form(name, shape, f, grad):
    x = np.random.default_rng(1).normal(size=shape)
    x_before = x.copy()
    num = numerical_gradient(f, x)
    assert num.shape == x.shape and num.dtype == np.float64
    np.testing.assert_allclose(num, grad(x), rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(x, x_before)  # bit-for-bit restored


def test_numerical_gradient_matches_torch_autograd():
    x = np.random.default_rng(2).normal(size=(2, 3, 2))
    t = torch.tensor(x, requires_grad=True)
    (torch.tanh(t) ** 2 * t.sum()).sum().backward()
    num = numerical_gradient(lambda a: np.sum(np.tanh(a) ** 2 * a.sum()), x)
    np.testing.assert_allclose(num, t.grad.numpy(), rtol=1e-6, atol=1e-8)


def test_numerical_gradient_through_a_closure_and_scalar_outputs():
    w = np.array([1.0, -2.0])
    # f ignores its argument and reads w: the in-place perturbation must still be seen;
    # it returns a 0-d tensor, which counts as a scalar
    num = numerical_gradient(lambda _: torch.tensor(np.sum(w**2)), w)
    np.testing.assert_allclose(num, 2 * w, rtol=1e-6)


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0])
    calls = []

    def f(a):
        calls.append(a.copy())
        if len(calls) == 2:
            raise RuntimeError("boom")
        return a.sum()

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_rejects_integers_and_non_scalars():
    with pytest.raises(TypeError):
        numerical_gradient(lambda a: a.sum(), np.array([1, 2]))
    with pytest.raises(ValueError):
        numerical_gradient(lambda a: a * 2, np.array([1.0, 2.0]))


def test_numerical_gradient_warns_for_float32_with_tiny_eps():
    with pytest.warns(UserWarning):
        numerical_gradient(lambda a: a.sum(), np.ones(2, dtype=np.float32))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([1.0, 2.0], [1.0, 2.0], 0.0),
        ([1.0, 0.0], [-1.0, 0.0], 1.0),  # |2| / (1 + 1)
        ([3.0, 1.0], [1.0, 1.0], 0.5),  # max|a-b| = 2, max(|a|+|b|) = 4
        ([100.0, 1e-9], [100.0, 0.0], 1e-9 / 200),  # a near-zero entry is judged at scale
        ([0.0, 0.0], [0.0, 0.0], 0.0),  # no 0/0
        (2.0, 1.0, 1 / 3),
    ],
)
def test_relative_error_known_values(a, b, expected):
    assert relative_error(np.array(a), np.array(b)) == pytest.approx(expected, rel=1e-12)


def test_relative_error_symmetric_shape_checked_and_accepts_tensors():
    a, b = np.array([1.0, 4.0]), np.array([2.0, 3.0])
    assert relative_error(a, b) == relative_error(b, a)
    assert relative_error(torch.tensor(a), b) == pytest.approx(1 / 7)
    with pytest.raises(ValueError):
        relative_error(np.zeros(2), np.zeros(3))


def test_check_gradient_accepts_a_correct_gradient_and_leaves_x():
    x = np.random.default_rng(3).normal(size=(3, 4))
    x0 = x.copy()
    err = check_gradient(lambda a: np.sum(np.sin(a)), x, np.cos(x), name="W")
    assert 0 <= err < 1e-8
    np.testing.assert_array_equal(x, x0)


def test_check_gradient_names_parameter_and_index_of_wrong_entry():
    x = np.random.default_rng(4).normal(size=(3, 4))
    analytic = 2 * x
    analytic[1, 2] += 0.5  # one wrong entry
    with pytest.raises(CheckError) as info:
        check_gradient(lambda a: np.sum(a**2), x, analytic, name="W1")
    msg = str(info.value)
    assert "W1" in msg and "(1, 2)" in msg
    expected = re.search(r"expected (\S+) \(numerical\)", msg)
    received = re.search(r"received (\S+) \(analytic\)", msg)
    assert expected and received
    assert float(expected.group(1)) == pytest.approx(2 * x[1, 2], rel=1e-5)
    assert float(received.group(1)) == pytest.approx(2 * x[1, 2] + 0.5, rel=1e-5)
    assert "1 of 12" in msg


def test_check_gradient_rejects_wrong_shape_and_nan():
    x = np.ones(3)
    with pytest.raises(CheckError, match=r"shape \(3,\).*\(1, 3\)"):
        check_gradient(lambda a: a.sum(), x, np.ones((1, 3)), name="b")
    with pytest.raises(CheckError, match="non-finite"):
        check_gradient(lambda a: a.sum(), x, np.array([1.0, np.nan, 1.0]), name="b")


def _two_layer():
    """A tiny 2-layer network, its loss and the hand-derived gradients (independent code)."""
    rng = np.random.default_rng(5)
    X, t = rng.normal(size=(6, 3)), rng.normal(size=(6, 1))
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4),
              "W2": rng.normal(size=(4, 1)), "b2": rng.normal(size=1)}

    def loss(p):
        h = np.tanh(X @ p["W1"] + p["b1"])
        return 0.5 * np.mean((h @ p["W2"] + p["b2"] - t) ** 2)

    h = np.tanh(X @ params["W1"] + params["b1"])
    dout = (h @ params["W2"] + params["b2"] - t) / len(X)  # (N, 1)
    dh = dout @ params["W2"].T * (1 - h**2)  # (N, H)
    grads = {"W1": X.T @ dh, "b1": dh.sum(0), "W2": h.T @ dout, "b2": dout.sum(0)}
    return loss, params, grads


def test_gradient_check_params_accepts_correct_gradients():
    loss, params, grads = _two_layer()
    before = {k: v.copy() for k, v in params.items()}
    errors = gradient_check_params(loss, params, grads)
    assert set(errors) == set(params) and max(errors.values()) < 1e-7
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])


def test_gradient_check_params_names_the_wrong_parameter():
    loss, params, grads = _two_layer()
    grads["W2"] = grads["W2"].copy()
    grads["W2"][3, 0] *= -1  # sign error in one entry
    with pytest.raises(CheckError) as info:
        gradient_check_params(loss, params, grads)
    msg = str(info.value)
    assert "gradient of W2" in msg and "(3, 0)" in msg
    assert "W1" not in msg and "b1" not in msg


def test_gradient_check_params_reports_missing_gradient():
    loss, params, grads = _two_layer()
    del grads["b2"]
    with pytest.raises(CheckError, match=r"b2.*missing"):
        gradient_check_params(loss, params, grads)
