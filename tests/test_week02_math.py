"""Independent checks of the week02 references (gradient descent).

The hidden tests compare students with `autograder.references.week02`; these tests make sure
the references themselves are right, against answers computed another way: SymPy's own
`series`, closed forms, least squares, central differences and torch.autograd.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.references import week02 as ref
from dlcourse.gradcheck import numerical_gradient

x, y = sp.symbols("x y")


@pytest.mark.parametrize("expr, x0, order", [
    (sp.sin(x), 0, 7), (sp.exp(x), 1, 4), (sp.log(1 + x), 0, 5),
    (sp.cos(2 * sp.pi * x) + x**2, sp.Rational(1, 4), 3), (sp.exp(x) * sp.sin(x), -1, 0),
])
def test_taylor_polynomial_matches_sympy_series(expr, x0, order):
    expected = sp.series(expr, x, x0, order + 1).removeO()
    assert sp.simplify(ref.taylor_polynomial(expr, x, x0, order) - expected) == 0


@pytest.mark.parametrize("order", [1, 3, 5, 9])
def test_taylor_error_of_sin_respects_the_lagrange_bound(order):
    # |sin(p) - T_n(p)| <= |p|^(n+1) / (n+1)!  because every derivative of sin is <= 1
    points = np.linspace(-2, 2, 31)
    bound = 2.0 ** (order + 1) / float(sp.factorial(order + 1))
    error = ref.taylor_error(sp.sin(x), ref.taylor_polynomial(sp.sin(x), x, 0, order), x, points)
    assert 0 < error <= bound


def test_derivative_fn_against_central_differences():
    expr = sp.exp(-x**2) * sp.sin(3 * x) + x**3
    f = sp.lambdify(x, expr, "numpy")
    df = ref.derivative_fn(expr, x)
    for v in np.linspace(-2, 2, 9):
        numeric = numerical_gradient(lambda a: f(a[0]), np.array([v]))[0]
        assert df(v) == pytest.approx(numeric, rel=1e-6, abs=1e-7)
    assert df(np.zeros((2, 3))).shape == (2, 3)
    assert ref.derivative_fn(4 - 7 * x, x)(np.zeros(5)).tolist() == [-7.0] * 5


@given(x0=st.floats(-5, 5), lr=st.floats(0.001, 0.3), epochs=st.integers(0, 30))
@settings(max_examples=50, deadline=None)
def test_gd_on_the_parabola_follows_the_closed_form(x0, lr, epochs):
    # f = 3x^2 - 3x + 4: x_t - 1/2 = (1 - 6 lr)^t (x0 - 1/2)
    xs = ref.gradient_descent_1d(lambda v: 6 * v - 3, x0, lr, epochs)
    closed = 0.5 + (1 - 6 * lr) ** np.arange(epochs + 1) * (x0 - 0.5)
    np.testing.assert_allclose(xs, closed, rtol=1e-9, atol=1e-9)


def test_gradient_2d_against_central_differences():
    peaks = (3 * (1 - x)**2 * sp.exp(-x**2 - (y + 1)**2)
             - 10 * (x / 5 - x**3 - y**5) * sp.exp(-x**2 - y**2)
             - sp.exp(-(x + 1)**2 - y**2) / 3)
    f = sp.lambdify((x, y), peaks, "numpy")
    grad = ref.gradient_2d(peaks, x, y)
    for p in np.random.default_rng(0).uniform(-2, 2, size=(10, 2)):
        numeric = numerical_gradient(lambda q: f(q[0], q[1]), p.copy())
        np.testing.assert_allclose(grad(*p), numeric, rtol=1e-6, atol=1e-7)


def test_ascent_equals_descent_on_minus_f_and_finds_the_maximum():
    hill = -(x - 1)**2 - 3 * (y + 0.5)**2
    up = ref.gradient_descent_2d(ref.gradient_2d(hill, x, y), [3.0, 2.0], 0.1, 200, ascent=True)
    down = ref.gradient_descent_2d(ref.gradient_2d(-hill, x, y), [3.0, 2.0], 0.1, 200)
    np.testing.assert_array_equal(up, down)
    np.testing.assert_allclose(up[-1], [1.0, -0.5], atol=1e-8)


@given(lr0=st.floats(1e-4, 1.0), n=st.integers(1, 200))
@settings(max_examples=50, deadline=None)
def test_lr_by_epoch_decays_linearly_from_lr0(lr0, n):
    lrs = ref.lr_by_epoch(lr0, np.arange(n), n)
    assert lrs[0] == pytest.approx(lr0)
    assert lrs[-1] == pytest.approx(lr0 / n)
    assert np.all(np.diff(lrs) < 0) and np.all(lrs > 0)


def test_gd_dynamic_with_a_constant_rate_is_plain_gd():
    xs, lrs = ref.gd_dynamic_1d(lambda v: 6 * v - 3, 1.7, lambda t, g: 0.07, 25)
    np.testing.assert_allclose(xs, ref.gradient_descent_1d(lambda v: 6 * v - 3, 1.7, 0.07, 25))
    np.testing.assert_array_equal(lrs, np.full(25, 0.07))


@pytest.mark.parametrize("n, d", [(1, 1), (9, 3), (20, 5)])
def test_mse_gradient_against_torch_autograd(n, d):
    gen = torch.Generator().manual_seed(n * 10 + d)
    X = torch.randn(n, d, generator=gen, dtype=torch.float64)
    t = torch.randn(n, generator=gen, dtype=torch.float64)
    w = torch.randn(d, generator=gen, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(-0.3, dtype=torch.float64, requires_grad=True)
    torch.nn.functional.mse_loss(X @ w + b, t).backward()
    dw, db = ref.mse_gradient(X.numpy(), t.numpy(), w.detach().numpy(), -0.3)
    np.testing.assert_allclose(dw, w.grad.numpy(), rtol=1e-12)
    assert db == pytest.approx(b.grad.item(), rel=1e-12)


def test_batch_gd_converges_to_least_squares():
    X, t = np.random.default_rng(1).normal(size=(40, 2)), np.random.default_rng(2).normal(size=40)
    w, b, losses = ref.minibatch_gd(X, t, 0.1, 500, 40, seed=0)
    A = np.column_stack([X, np.ones(40)])
    best, *_ = np.linalg.lstsq(A, t, rcond=None)
    np.testing.assert_allclose(np.r_[w, b], best, atol=1e-8)
    assert losses.shape == (501,) and np.all(np.diff(losses) <= 1e-15)  # small lr: monotone


def test_sgd_follows_the_documented_shuffling():
    rng_data = np.random.default_rng(3)
    X, t = rng_data.normal(size=(7, 2)), rng_data.normal(size=7)
    w_ref, b_ref, losses = ref.minibatch_gd(X, t, 0.05, 3, 1, seed=11)
    rng, w, b = np.random.default_rng(11), np.zeros(2), 0.0
    for _ in range(3):
        for i in rng.permutation(7):
            r = X[i] @ w + b - t[i]
            w, b = w - 0.05 * 2 * r * X[i], b - 0.05 * 2 * r
    np.testing.assert_allclose(w_ref, w, rtol=1e-12)
    assert b_ref == pytest.approx(b, rel=1e-12)
    assert losses.shape == (3 * 7 + 1,)


def test_interpolate_loss_ends_and_linearity():
    def loss(theta):
        return float(np.sum(np.sin(theta)) + theta @ theta)

    t0, t1 = np.array([1.0, -2.0, 0.5]), np.array([0.0, 3.0, 1.0])
    ends = ref.interpolate_loss(loss, t0, t1, [0.0, 1.0])
    np.testing.assert_allclose(ends, [loss(t0), loss(t1)])
    # a linear loss stays linear along the line, extrapolation included
    line = ref.interpolate_loss(lambda th: float(np.sum(th)), t0, t1, np.linspace(-1, 2, 7))
    np.testing.assert_allclose(np.diff(line, 2), 0, atol=1e-12)


@pytest.mark.parametrize("act, torch_act", [
    (np.tanh, torch.tanh), (lambda a: 1 / (1 + np.exp(-a)), torch.sigmoid),
])
def test_chain_gradient_against_torch_autograd(act, torch_act):
    weights = np.random.default_rng(4).uniform(-2, 2, size=9)
    hs = [torch.tensor(0.7, dtype=torch.float64, requires_grad=True)]
    for w in weights:
        hs.append(torch_act(float(w) * hs[-1]))
        hs[-1].retain_grad()
    hs[-1].backward()
    expected = [h.grad.item() for h in hs]
    d_act = (lambda a: 1 - np.tanh(a) ** 2) if torch_act is torch.tanh else (
        lambda a: act(a) * (1 - act(a)))
    np.testing.assert_allclose(ref.chain_gradient(0.7, weights, act, d_act), expected,
                               rtol=1e-10)


def test_linear_chain_gradient_is_a_product_of_weights():
    weights = np.array([1.5, -0.5, 2.0, 0.8])
    g = ref.chain_gradient(0.3, weights, lambda a: a, lambda a: 1.0)
    expected = [np.prod(weights[i:]) for i in range(4)] + [1.0]
    np.testing.assert_allclose(g, expected)
