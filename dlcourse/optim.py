"""Running update rules, and the test surfaces of the optimizer race.

Introduced in week04. An **update rule** is any function with the course's one optimizer
interface::

    step(w, dw, state, **hyper) -> (w_new, state_new)

where ``w: (D,)`` are the parameters (any shape works), ``dw`` the gradient of the cost at
``w`` (same shape), ``state`` a dict holding the rule's memory (``{}`` before the first update)
and ``hyper`` the hyper-parameters (``lr``, ``beta``...). The rule returns new arrays and a new
dict; it changes nothing in place. This module holds no rule itself: week 4's notebook writes
them. It gives

- `run`: applies a rule ``T`` times to a gradient function and records the trajectory;
- `Problem` and three surfaces: `ill_conditioned_bowl` (a 2-D quadratic whose Hessian has
  condition number ``kappa``), `rosenbrock` (a curved valley), `sparse_regression` (least
  squares where some features are rarely non-zero), plus `quadratic` for any ``(A, b)``;
- `steps_to_tolerance` and `race`: run several rules on one problem and compare them;
- `draw_contours`: the level sets of a 2-D problem, to draw trajectories on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "Problem",
    "Trajectory",
    "run",
    "quadratic",
    "ill_conditioned_bowl",
    "rosenbrock",
    "sparse_regression",
    "steps_to_tolerance",
    "race",
    "draw_contours",
]

Rule = Callable[..., tuple[np.ndarray, dict]]


@dataclass(frozen=True)
class Problem:
    """A cost to minimize: ``f(w) -> float``, ``grad(w) -> (D,)``, a start and the optimum.

    ``w_star: (D,)`` is a minimizer and ``f_star = f(w_star)``; ``hess(w) -> (D, D)`` is given
    where it is cheap. ``xlim``/``ylim`` frame a contour plot of a 2-D problem.
    """

    name: str
    f: Callable[[np.ndarray], float]
    grad: Callable[[np.ndarray], np.ndarray]
    w0: np.ndarray
    w_star: np.ndarray
    f_star: float
    hess: Callable[[np.ndarray], np.ndarray] | None = None
    xlim: tuple[float, float] = (-3.0, 3.0)
    ylim: tuple[float, float] = (-3.0, 3.0)
    info: dict = field(default_factory=dict)


class Trajectory(NamedTuple):
    """What `run` recorded: ``w: (T+1, D)`` the iterates ``w_0..w_T``, ``loss: (T+1,)`` the
    cost at each (``nan`` where ``f`` was not given or the run diverged), ``state`` the last
    state dict."""

    w: np.ndarray
    loss: np.ndarray
    state: dict


def run(step: Rule, grad: Callable[[np.ndarray], np.ndarray], w0: Any, n_steps: int, *,
        f: Callable[[np.ndarray], float] | None = None, state: dict | None = None,
        **hyper: Any) -> Trajectory:
    """Apply ``w, state = step(w, grad(w), state, **hyper)`` ``n_steps`` times from ``w0``.

    Args:
        step: an update rule ``step(w, dw, state, **hyper) -> (w, state)``.
        grad: ``grad(w) -> (D,)``, the gradient of the cost at ``w``.
        w0: (D,) the start (copied, never changed).
        n_steps: T, the number of updates.
        f: optional cost ``f(w) -> float``, recorded at every iterate.
        state: the state before the first update (default ``{}``).
        **hyper: passed on to ``step`` (``lr=...``, ``beta=...``).

    Returns:
        A `Trajectory`: ``w: (T+1, D)``, ``loss: (T+1,)``, the final state. If an iterate
        stops being finite (the rule diverged) the rest of the trajectory is ``nan``.
    """
    w = np.array(w0, dtype=np.float64)
    state = {} if state is None else dict(state)
    ws = np.full((n_steps + 1,) + w.shape, np.nan)
    losses = np.full(n_steps + 1, np.nan)
    ws[0] = w
    if f is not None:
        losses[0] = f(w)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, n_steps + 1):
            w, state = step(w, grad(w), state, **hyper)
            w = np.asarray(w, dtype=np.float64)
            if not np.all(np.isfinite(w)):
                break
            ws[t] = w
            if f is not None:
                losses[t] = f(w)
    return Trajectory(ws, losses, state)


# ------------------------------------------------------------------------------ surfaces
def quadratic(A: Any, b: Any = None, w0: Any = None, name: str = "quadratic") -> Problem:
    """The quadratic ``f(w) = 1/2 w^T A w - b^T w`` for a symmetric positive definite ``A``.

    Args:
        A: (D, D) symmetric positive definite: the Hessian, everywhere.
        b: (D,) (default zeros). w0: (D,) the start (default all ones).

    Its gradient is ``A w - b`` and its minimizer solves ``A w = b``.
    """
    A = np.asarray(A, dtype=np.float64)
    D = A.shape[0]
    b = np.zeros(D) if b is None else np.asarray(b, dtype=np.float64)
    w0 = np.ones(D) if w0 is None else np.asarray(w0, dtype=np.float64)
    w_star = np.linalg.solve(A, b)

    def f(w):
        w = np.asarray(w, dtype=np.float64)
        return float(0.5 * w @ A @ w - b @ w)

    def grad(w):
        return A @ np.asarray(w, dtype=np.float64) - b

    return Problem(name, f, grad, w0, w_star, f(w_star), hess=lambda w: A.copy(),
                   info={"A": A, "b": b})


def ill_conditioned_bowl(kappa: float = 25.0, angle: float = np.pi / 6) -> Problem:
    """A 2-D bowl ``1/2 w^T A w`` whose Hessian has eigenvalues 1 and ``kappa``.

    The axes of the ellipses are turned by ``angle`` (radians), so that no coordinate is an
    eigen-direction (a per-coordinate method gets no free help). Start ``(-4, 2.5)``;
    minimum 0 at the origin.
    """
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    A = R @ np.diag([1.0, float(kappa)]) @ R.T
    p = quadratic(A, w0=np.array([-4.0, 2.5]), name=f"bowl (condition number {kappa:g})")
    return Problem(p.name, p.f, p.grad, p.w0, p.w_star, p.f_star, p.hess, (-5.0, 5.0),
                   (-4.0, 4.0), p.info)


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Problem:
    """Rosenbrock's valley ``f(w) = (a - w_1)^2 + b (w_2 - w_1^2)^2``.

    A long, curved, flat-bottomed valley; minimum 0 at ``(a, a^2)``. Start ``(-1.5, 2)``.
    """

    def f(w):
        return float((a - w[0]) ** 2 + b * (w[1] - w[0] ** 2) ** 2)

    def grad(w):
        return np.array([-2.0 * (a - w[0]) - 4.0 * b * w[0] * (w[1] - w[0] ** 2),
                         2.0 * b * (w[1] - w[0] ** 2)])

    def hess(w):
        return np.array([[2.0 - 4.0 * b * (w[1] - 3.0 * w[0] ** 2), -4.0 * b * w[0]],
                         [-4.0 * b * w[0], 2.0 * b]])

    return Problem("Rosenbrock", f, grad, np.array([-1.5, 2.0]), np.array([a, a * a]), 0.0,
                   hess, (-2.0, 2.0), (-1.0, 3.0))


def sparse_regression(N: int = 200, D: int = 20, rarest: float = 0.02,
                      seed: int = 0) -> Problem:
    """Least squares where feature ``j`` is non-zero in fewer and fewer examples.

    Feature ``j`` is non-zero with probability going geometrically from 1 (feature 0) down to
    ``rarest`` (feature ``D-1``); every feature is non-zero at least twice. Targets are
    ``y = X w_true`` without noise, so the minimum is 0 at ``w_true``. The cost is the MSE
    ``f(w) = (1/N) ||X w - y||^2``; start at zeros. A rare feature gets a small gradient,
    and a learning rate that suits the common ones moves it slowly: the case AdaGrad was
    made for. ``info`` holds ``X: (N, D)``, ``y: (N,)`` and each feature's frequency.
    """
    rng = np.random.default_rng(seed)
    freq = np.geomspace(1.0, rarest, D)
    mask = rng.random((N, D)) < freq
    for j in range(D):  # at least two examples per feature: w_true is the unique minimizer
        if mask[:, j].sum() < 2:
            mask[rng.choice(N, size=2, replace=False), j] = True
    X = mask * rng.normal(1.0, 0.3, size=(N, D))
    w_true = rng.normal(0.0, 1.0, size=D)
    y = X @ w_true

    def f(w):
        r = X @ np.asarray(w, dtype=np.float64) - y
        return float(np.mean(r ** 2))

    def grad(w):
        return (2.0 / N) * X.T @ (X @ np.asarray(w, dtype=np.float64) - y)

    return Problem("sparse features", f, grad, np.zeros(D), w_true, 0.0,
                   hess=lambda w: (2.0 / N) * X.T @ X,
                   info={"X": X, "y": y, "frequency": mask.mean(axis=0)})


# ------------------------------------------------------------------------------ the race
def steps_to_tolerance(loss: Any, f_star: float, tol: float) -> int | None:
    """The first ``t`` with ``loss[t] - f_star <= tol``, or None if the run never gets there.

    Args:
        loss: (T+1,) the cost along a trajectory (``nan`` after a divergence).
    """
    gap = np.asarray(loss, dtype=np.float64) - f_star
    hits = np.flatnonzero(np.nan_to_num(gap, nan=np.inf) <= tol)
    return int(hits[0]) if hits.size else None


def race(rules: Mapping[str, tuple[Rule, dict]], problem: Problem,
         n_steps: int) -> dict[str, Trajectory]:
    """Run every rule on the same problem from the same start.

    Args:
        rules: ``{name: (step, hyper)}``; ``hyper`` is a dict of keyword arguments for
            ``step`` (chosen per problem: one learning rate does not suit every rule).
        problem: a `Problem`. n_steps: T.

    Returns:
        ``{name: Trajectory}`` with ``w: (T+1, D)`` and ``loss: (T+1,)`` each.
    """
    return {name: run(step, problem.grad, problem.w0, n_steps, f=problem.f, **hyper)
            for name, (step, hyper) in rules.items()}


def draw_contours(ax: Any, problem: Problem, levels: Any = 20, log: bool = True,
                  n: int = 120) -> None:
    """Draw the level sets of a 2-D problem on ``ax`` (log-spaced when ``log``), mark the
    minimum with a star and label the axes ``w_1``, ``w_2``."""
    x = np.linspace(*problem.xlim, n)
    y = np.linspace(*problem.ylim, n)
    Xg, Yg = np.meshgrid(x, y)
    Z = np.array([problem.f(np.array([a, b])) for a, b in zip(Xg.ravel(), Yg.ravel())])
    Z = Z.reshape(Xg.shape) - problem.f_star
    if log and np.isscalar(levels):
        lo = max(float(Z.min()), 1e-3)
        levels = np.geomspace(lo, float(Z.max()), int(levels))
    ax.contour(Xg, Yg, Z, levels=levels, cmap="Greys", linewidths=0.7)
    ax.plot(*problem.w_star, marker="*", color="k", markersize=12, linestyle="none")
    ax.set(xlabel="$w_1$", ylabel="$w_2$", xlim=problem.xlim, ylim=problem.ylim)
