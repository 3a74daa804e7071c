"""dlcourse.optim: the loop that runs any update rule, and the surfaces of the race.

The surfaces' gradients and Hessians are checked with central differences, their minima with
closed forms; `run` is checked on plain gradient descent, whose iterates are known exactly.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlcourse.gradcheck import numerical_gradient  # noqa: E402
from dlcourse.optim import (  # noqa: E402
    draw_contours,
    ill_conditioned_bowl,
    quadratic,
    race,
    rosenbrock,
    run,
    sparse_regression,
    steps_to_tolerance,
)


def gd(w, dw, state, lr=0.1):
    return w - lr * dw, state


def counting(w, dw, state, lr=0.1):
    state = dict(state)
    state["n"] = state.get("n", 0) + 1
    return w - lr * dw, state


PROBLEMS = [ill_conditioned_bowl(25.0), rosenbrock(), sparse_regression(N=60, D=8, seed=3)]


def test_run_records_gradient_descent_exactly():
    w0 = np.array([1.0, -2.0])
    tr = run(gd, lambda w: 2 * w, w0, 5, f=lambda w: float(w @ w), lr=0.25)
    expected = w0 * 0.5 ** np.arange(6)[:, None]  # w_t = (1 - 2 lr)^t w_0
    np.testing.assert_allclose(tr.w, expected)
    np.testing.assert_allclose(tr.loss, (expected ** 2).sum(axis=1))
    assert np.array_equal(w0, [1.0, -2.0])  # the start is copied


def test_run_passes_state_and_hyper_parameters_on():
    tr = run(counting, lambda w: w, np.ones(3), 7, lr=0.5)
    assert tr.state == {"n": 7}
    np.testing.assert_allclose(tr.w[-1], 0.5 ** 7 * np.ones(3))
    assert np.isnan(tr.loss).all()  # no f given


def test_run_stops_quietly_when_a_rule_diverges():
    tr = run(gd, lambda w: 2 * w ** 3, np.array([10.0]), 50, f=lambda w: float(w[0] ** 4), lr=1.0)
    assert np.isfinite(tr.w[0]).all()
    assert np.isnan(tr.w[-1]).all() and np.isnan(tr.loss[-1])


@pytest.mark.parametrize("problem", PROBLEMS, ids=[p.name for p in PROBLEMS])
def test_gradients_and_hessians_match_central_differences(problem):
    rng = np.random.default_rng(0)
    for _ in range(3):
        w = problem.w0 + rng.normal(scale=0.5, size=problem.w0.shape)
        num = numerical_gradient(problem.f, w.copy())
        np.testing.assert_allclose(problem.grad(w), num, rtol=1e-5, atol=1e-6)
        h = 1e-5
        H = np.array([(problem.grad(w + h * e) - problem.grad(w - h * e)) / (2 * h)
                      for e in np.eye(w.size)])
        np.testing.assert_allclose(problem.hess(w), H, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("problem", PROBLEMS, ids=[p.name for p in PROBLEMS])
def test_minimum_is_where_the_gradient_vanishes(problem):
    assert problem.f(problem.w_star) == pytest.approx(problem.f_star, abs=1e-12)
    np.testing.assert_allclose(problem.grad(problem.w_star), 0.0, atol=1e-10)
    assert problem.f(problem.w0) > problem.f_star


def test_bowl_has_the_condition_number_it_promises():
    for kappa in [2.0, 25.0, 400.0]:
        lam = np.linalg.eigvalsh(ill_conditioned_bowl(kappa).hess(None))
        np.testing.assert_allclose(lam, [1.0, kappa])


def test_quadratic_minimizer_solves_the_linear_system():
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    b = np.array([1.0, 2.0])
    p = quadratic(A, b)
    np.testing.assert_allclose(A @ p.w_star, b)
    np.testing.assert_allclose(p.grad(np.zeros(2)), -b)


def test_sparse_regression_has_rare_features():
    p = sparse_regression(N=200, D=20, rarest=0.02, seed=0)
    freq = p.info["frequency"]
    assert freq[0] == 1.0 and freq[-1] < 0.1
    assert (p.info["X"] != 0).sum(axis=0).min() >= 2
    assert np.linalg.matrix_rank(p.info["X"]) == 20  # the minimizer is unique


def test_steps_to_tolerance():
    loss = np.array([10.0, 1.0, 0.1, np.nan])
    assert steps_to_tolerance(loss, 0.0, 1.0) == 1
    assert steps_to_tolerance(loss, 0.0, 0.01) is None
    assert steps_to_tolerance(loss, 0.05, 0.06) == 2


def test_race_runs_every_rule_from_the_same_start():
    bowl = ill_conditioned_bowl(10.0)
    out = race({"slow": (gd, dict(lr=0.01)), "fast": (gd, dict(lr=0.15))}, bowl, 40)
    assert set(out) == {"slow", "fast"}
    for tr in out.values():
        assert tr.w.shape == (41, 2) and tr.loss.shape == (41,)
        np.testing.assert_allclose(tr.w[0], bowl.w0)
    assert out["fast"].loss[-1] < out["slow"].loss[-1]


def test_draw_contours_labels_its_axes():
    fig, ax = plt.subplots()
    draw_contours(ax, rosenbrock(), n=30)
    assert ax.get_xlabel() == "$w_1$" and ax.get_ylabel() == "$w_2$"
    plt.close(fig)
