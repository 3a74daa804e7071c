"""Week04's update rules, schedules and second-order methods against independent answers.

- Every update rule agrees with `torch.optim` on random gradient sequences over many steps
  (hypothesis draws the sequence, the length and the hyper-parameters): the graded references
  (momentum, Nesterov, AdaGrad, RMSProp, Adam) and the rules the notebook gives (SGD, EMA
  momentum, AdaDelta, Adamax, NAdam with torch's `momentum_decay` and with the textbook
  constant momentum). Adam, RMSProp and momentum also reproduce CS231n's published check values
  (read from ``../shared/peer-checks/cs231n_checks.py`` when it is there).
- The schedules agree with `torch.optim.lr_scheduler` over 300 steps.
- `lp_norm` agrees with `np.linalg.norm` and `torch.linalg.vector_norm` (p = inf included).
- Backtracking returns a step that satisfies Armijo's condition, so f decreases, and the step
  before it (one shrink earlier) did not satisfy it.
- Hessians from SymPy equal the surfaces' `hess`; Newton solves a quadratic in one step;
  conjugate gradient solves an n-dimensional quadratic in n steps; the notebook's BFGS finds
  the minimizer that `scipy.optimize.minimize(method="BFGS")` finds.
"""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from autograder import notebooks
from autograder.references import week04 as ref
from dlcourse.optim import ill_conditioned_bowl, quadratic, rosenbrock

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "week04" / "optimizers.ipynb"
PEER_CHECKS = REPO.parent / "shared" / "peer-checks" / "cs231n_checks.py"
FAST = settings(max_examples=25, deadline=None)


def _given_cells() -> dict:
    """The rules, schedules and BFGS that the notebook gives in its locked helper cells."""
    nb = notebooks.read(NOTEBOOK)
    namespace = {"np": np, "optimize": optimize}
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("provided_"):
            exec(compile(cell.source, f"{NOTEBOOK.name}:{grade_id}", "exec"), namespace)  # noqa: S102
    return namespace


GIVEN = _given_cells()


@contextlib.contextmanager
def _float64_default():
    """torch keeps some optimizer scalars (NAdam's mu_product) in the default dtype."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        yield
    finally:
        torch.set_default_dtype(previous)


def _ours(step, w0, grads, **hyper):
    w, state, rows = np.array(w0, dtype=np.float64), {}, []
    for g in grads:
        w, state = step(w, g, state, **hyper)
        rows.append(np.array(w))
    return np.array(rows)


def _torch(optimizer_class, w0, grads, **options):
    with _float64_default():
        p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
        optimizer = optimizer_class([p], **options)
        rows = []
        for g in grads:
            p.grad = torch.tensor(g, dtype=torch.float64)
            optimizer.step()
            rows.append(p.detach().numpy().copy())
    return np.array(rows)


def _assert_same(ours, theirs, what):
    err = np.abs(ours - theirs)
    bad = np.argwhere(~(err <= 1e-9 + 1e-7 * np.abs(theirs)))
    assert bad.size == 0, (f"{what}: first difference at update {bad[0][0]} entry {bad[0][1]}: "
                           f"ours {ours[tuple(bad[0])]!r}, torch {theirs[tuple(bad[0])]!r}")


# ----------------------------------------------------------------- rules against torch.optim
OPT = torch.optim
RULES = {  # name: (our rule, torch class, draw(hyper) -> (our hyper, torch options))
    "sgd": (GIVEN["sgd"], OPT.SGD, lambda h: (dict(lr=h["lr"]), dict(lr=h["lr"]))),
    "sgd_momentum": (ref.sgd_momentum, OPT.SGD,
                     lambda h: (dict(lr=h["lr"], beta=h["beta"]),
                                dict(lr=h["lr"], momentum=h["beta"]))),
    "momentum_ema": (GIVEN["momentum_ema"], OPT.SGD,  # EMA with lr = torch's sum with lr (1-b)
                     lambda h: (dict(lr=h["lr"], beta=h["beta"]),
                                dict(lr=h["lr"] * (1 - h["beta"]), momentum=h["beta"]))),
    "nesterov": (ref.nesterov, OPT.SGD,
                 lambda h: (dict(lr=h["lr"], beta=h["beta"]),
                            # torch refuses nesterov=True without momentum: beta = 0 is SGD
                            dict(lr=h["lr"], momentum=h["beta"], nesterov=h["beta"] > 0))),
    "adagrad": (ref.adagrad, OPT.Adagrad,
                lambda h: (dict(lr=h["lr"], eps=h["eps"]), dict(lr=h["lr"], eps=h["eps"]))),
    "rmsprop": (ref.rmsprop, OPT.RMSprop,
                lambda h: (dict(lr=h["lr"], alpha=h["beta"], eps=h["eps"]),
                           dict(lr=h["lr"], alpha=h["beta"], eps=h["eps"]))),
    "adadelta": (GIVEN["adadelta"], OPT.Adadelta,
                 lambda h: (dict(lr=h["lr"], rho=h["beta"], eps=h["eps"]),
                            dict(lr=h["lr"], rho=h["beta"], eps=h["eps"]))),
    "adam": (ref.adam, OPT.Adam,
             lambda h: (dict(lr=h["lr"], beta1=h["beta"], beta2=h["beta2"], eps=h["eps"]),
                        dict(lr=h["lr"], betas=(h["beta"], h["beta2"]), eps=h["eps"]))),
    "adamax": (GIVEN["adamax"], OPT.Adamax,
               lambda h: (dict(lr=h["lr"], beta1=h["beta"], beta2=h["beta2"], eps=h["eps"]),
                          dict(lr=h["lr"], betas=(h["beta"], h["beta2"]), eps=h["eps"]))),
    "nadam": (GIVEN["nadam"], OPT.NAdam,
              lambda h: (dict(lr=h["lr"], beta1=h["beta"], beta2=h["beta2"], eps=h["eps"]),
                         dict(lr=h["lr"], betas=(h["beta"], h["beta2"]), eps=h["eps"]))),
    "nadam_textbook": (GIVEN["nadam"], OPT.NAdam,  # momentum_decay -> infinity: mu_t = beta1
                       lambda h: (dict(lr=h["lr"], beta1=h["beta"], beta2=h["beta2"],
                                       eps=h["eps"], momentum_decay=1e9),
                                  dict(lr=h["lr"], betas=(h["beta"], h["beta2"]), eps=h["eps"],
                                       momentum_decay=1e9))),
}

hyper = st.fixed_dictionaries({
    "lr": st.sampled_from([1e-3, 0.01, 0.1, 0.5]),
    "beta": st.sampled_from([0.0, 0.5, 0.9, 0.99]),
    "beta2": st.sampled_from([0.9, 0.99, 0.999]),
    "eps": st.sampled_from([1e-10, 1e-8, 1e-6, 1e-3, 0.1]),
})


@pytest.mark.parametrize("name", list(RULES))
@FAST
@given(seed=st.integers(0, 2**31 - 1), steps=st.integers(1, 120), D=st.integers(1, 5),
       scale=st.sampled_from([1e-4, 1.0, 100.0]), h=hyper)
def test_rule_agrees_with_torch(name, seed, steps, D, scale, h):
    rule, torch_class, split = RULES[name]
    ours_hyper, torch_options = split(h)
    rng = np.random.default_rng(seed)
    w0 = rng.normal(size=D)
    grads = scale * rng.normal(size=(steps, D))
    grads[rng.random(grads.shape) < 0.2] = 0.0  # sparse entries: s and v stay at 0 there
    _assert_same(_ours(rule, w0, grads, **ours_hyper), _torch(torch_class, w0, grads,
                                                            **torch_options),
                 f"{name} with {h}, {steps} updates, gradients of size {scale}")


@pytest.mark.parametrize("name", ["sgd_momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_rule_agrees_with_torch_over_many_steps_with_default_hyper_parameters(name):
    rule, torch_class, _ = RULES[name]
    rng = np.random.default_rng(44)
    w0, grads = rng.normal(size=7), rng.normal(size=(1000, 7))
    _assert_same(_ours(rule, w0, grads), _torch(torch_class, w0, grads, **_torch_defaults(name)),
                 f"{name} with its default hyper-parameters, 1000 updates")


def _torch_defaults(name):
    """torch's options equal to our rule's own defaults (torch's SGD has no default lr)."""
    return {"sgd_momentum": dict(lr=0.01, momentum=0.9),
            "nesterov": dict(lr=0.01, momentum=0.9, nesterov=True),
            "adagrad": dict(lr=0.01), "rmsprop": dict(lr=0.01), "adam": dict(lr=0.001)}[name]


def test_rules_do_not_change_w_in_place_and_keep_their_state_keys():
    keys = {"sgd_momentum": {"v"}, "nesterov": {"v"}, "adagrad": {"s"}, "rmsprop": {"s"},
            "adam": {"t", "v", "s"}}
    for name, expected in keys.items():
        rule = getattr(ref, name)
        w = np.array([1.0, -2.0])
        _, state = rule(w, np.array([0.5, 1.0]), {})
        assert np.array_equal(w, [1.0, -2.0]), name
        assert set(state) == expected, (name, set(state))


def test_adam_state_counts_updates_from_one():
    w, state = np.zeros(2), {}
    for t in range(1, 6):
        w, state = ref.adam(w, np.ones(2), state)
        assert state["t"] == t


def test_adagrad_step_does_not_depend_on_the_gradient_scale():
    w0 = np.array([0.3, -1.0])
    rng = np.random.default_rng(1)
    grads = rng.normal(size=(20, 2))
    small = _ours(ref.adagrad, w0, grads, lr=0.1, eps=0.0)
    large = _ours(ref.adagrad, w0, 1000.0 * grads, lr=0.1, eps=0.0)
    np.testing.assert_allclose(small, large, rtol=1e-12)


# --------------------------------------------------------------- CS231n's published values
def _peer_cases():
    if not PEER_CHECKS.exists():
        return None
    spec = importlib.util.spec_from_file_location("cs231n_checks", PEER_CHECKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PEERS = _peer_cases()


@pytest.mark.skipif(PEERS is None, reason="../shared/peer-checks is not there")
@pytest.mark.parametrize("case_name", ["sgd_momentum", "rmsprop", "adam"])
def test_cs231n_check_values(case_name):
    """CS231n's conventions differ from ours; each adapter converts, and nothing else."""
    case = next(c for c in PEERS.CASES if c["name"] == case_name)

    def adapter(w, dw, learning_rate, **rest):
        if case_name == "sgd_momentum":  # their v is -lr times torch's buffer
            w1, s = ref.sgd_momentum(w, dw, {"v": -rest["v"] / learning_rate},
                                     lr=learning_rate, beta=rest["momentum"])
            return {"next_w": w1, "velocity": -learning_rate * s["v"]}
        if case_name == "rmsprop":
            w1, s = ref.rmsprop(w, dw, {"s": rest["cache"]}, lr=learning_rate,
                                alpha=rest["decay_rate"], eps=rest["epsilon"])
            return {"next_w": w1, "cache": s["s"]}
        # adam: their t is the count before the update, incremented first: as ours; their
        # moments m, v are our v, s (the notation page's letters)
        w1, s = ref.adam(w, dw, {"t": rest["t"], "v": rest["m"], "s": rest["v"]},
                         lr=learning_rate, beta1=rest["beta1"], beta2=rest["beta2"],
                         eps=rest["epsilon"])
        assert s["t"] == rest["t"] + 1
        return {"next_w": w1, "m": s["v"], "v": s["s"]}

    error = PEERS.check(case, adapter)
    tolerance = case["tolerance"] if isinstance(case["tolerance"], float) else max(
        case["tolerance"].values())
    assert error < tolerance, f"{case_name}: CS231n relative error {error:.2e}"


# ------------------------------------------------------------------------------ schedules
S = torch.optim.lr_scheduler


def _torch_lrs(make, lr0, n):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    scheduler, lrs = make(optimizer), []
    for _ in range(n):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return np.array(lrs)


@FAST
@given(T_0=st.integers(1, 12), T_mult=st.integers(1, 3),
       lr_max=st.floats(1e-4, 1.0), frac=st.floats(0.0, 0.9))
def test_cosine_warm_restarts_agrees_with_torch(T_0, T_mult, lr_max, frac):
    lr_min = frac * lr_max
    theirs = _torch_lrs(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult,
                                                                eta_min=lr_min), lr_max, 300)
    ours = np.array([ref.cosine_warm_restarts(t, lr_max, lr_min, T_0, T_mult) for t in range(300)])
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)


@FAST
@given(step_size=st.integers(1, 30), gamma=st.floats(0.1, 0.99), lr0=st.floats(1e-3, 1.0))
def test_step_and_exponential_decay_agree_with_torch(step_size, gamma, lr0):
    step = _torch_lrs(lambda o: S.StepLR(o, step_size=step_size, gamma=gamma), lr0, 300)
    np.testing.assert_allclose([GIVEN["step_decay"](t, lr0, step_size, gamma) for t in range(300)],
                               step, rtol=1e-9, atol=1e-300)
    expo = _torch_lrs(lambda o: S.ExponentialLR(o, gamma=gamma), lr0, 300)
    np.testing.assert_allclose([GIVEN["exponential"](t, lr0, gamma) for t in range(300)], expo,
                               rtol=1e-9, atol=1e-300)


@FAST
@given(step_size=st.integers(1, 25), base=st.floats(1e-4, 0.1), span=st.floats(1e-3, 1.0))
def test_triangular_agrees_with_torch(step_size, base, span):
    theirs = _torch_lrs(lambda o: S.CyclicLR(o, base_lr=base, max_lr=base + span,
                                             step_size_up=step_size, cycle_momentum=False),
                        base, 300)
    ours = [GIVEN["triangular"](t, base, base + span, step_size) for t in range(300)]
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)


# -------------------------------------------------------------------------------- norms
@FAST
@given(seed=st.integers(0, 2**31 - 1), p=st.sampled_from([1, 1.5, 2, 3, 4.5, 10, np.inf]),
       shape=st.sampled_from([(1,), (5,), (3, 4), (2, 2, 3)]))
def test_lp_norm_agrees_with_numpy_and_torch(seed, p, shape):
    x = np.random.default_rng(seed).normal(scale=3.0, size=shape)
    ours = ref.lp_norm(x, p)
    assert isinstance(ours, float)
    np.testing.assert_allclose(ours, np.linalg.norm(x.ravel(), ord=p), rtol=1e-12)
    np.testing.assert_allclose(ours, float(torch.linalg.vector_norm(torch.tensor(x), ord=p)),
                               rtol=1e-12)


def test_lp_norm_tends_to_the_max_norm():
    x = np.array([3.0, -4.0, 1.0, 4.0])
    gaps = [ref.lp_norm(x, p) - 4.0 for p in [1, 2, 4, 8, 16, 64]]
    assert all(a > b > 0 for a, b in zip(gaps, gaps[1:]))
    assert ref.lp_norm(x, np.inf) == 4.0


# --------------------------------------------------------------------------- line search
@FAST
@given(seed=st.integers(0, 2**31 - 1), D=st.integers(1, 6), c=st.floats(1e-4, 0.9),
       rho=st.floats(0.1, 0.7), lr0=st.floats(1e-3, 10.0), kind=st.sampled_from(["quad", "rosen"]))
def test_backtracking_satisfies_armijo_and_decreases_f(seed, D, c, rho, lr0, kind):
    rng = np.random.default_rng(seed)
    if kind == "quad":
        M = rng.normal(size=(D, D))
        problem = quadratic(M @ M.T + 0.1 * np.eye(D), rng.normal(size=D), rng.normal(size=D))
        w = problem.w0
    else:
        problem = rosenbrock()
        w = rng.uniform(-2, 2, size=2)
    g = problem.grad(w)
    if np.linalg.norm(g) < 1e-8:
        return
    d = -g * rng.uniform(0.1, 3.0, size=g.shape)  # any descent direction, not only -g
    lr = ref.backtracking(problem.f, w, g, d, lr0, c, rho)
    slope = float(g @ d)
    assert lr > 0
    assert problem.f(w + lr * d) <= problem.f(w) + c * lr * slope  # Armijo
    assert problem.f(w + lr * d) < problem.f(w)  # so f decreases: slope < 0
    if lr != lr0:  # the previous, larger trial failed
        previous = lr / rho
        assert problem.f(w + previous * d) > problem.f(w) + c * previous * slope


# --------------------------------------------------------------- Hessians, Newton, CG, BFGS
def test_sympy_hessians_equal_the_surfaces():
    w1, w2 = sp.symbols("w1 w2")
    bowl = ill_conditioned_bowl(25.0)
    A = bowl.info["A"]
    J = sp.Rational(1, 2) * (A[0, 0] * w1**2 + 2 * A[0, 1] * w1 * w2 + A[1, 1] * w2**2)
    H = np.array(sp.hessian(J, (w1, w2)), dtype=float)
    np.testing.assert_allclose(H, bowl.hess(bowl.w0), rtol=1e-12)
    eig = np.linalg.eigvalsh(H)
    np.testing.assert_allclose(eig[-1] / eig[0], 25.0, rtol=1e-10)

    rosen = rosenbrock()
    R = (1 - w1) ** 2 + 100 * (w2 - w1**2) ** 2
    grad = sp.lambdify((w1, w2), [sp.diff(R, w1), sp.diff(R, w2)])
    hess = sp.lambdify((w1, w2), sp.hessian(R, (w1, w2)))
    for point in np.random.default_rng(2).uniform(-2, 2, size=(10, 2)):
        np.testing.assert_allclose(rosen.grad(point), grad(*point), rtol=1e-12, atol=1e-9)
        np.testing.assert_allclose(rosen.hess(point), np.array(hess(*point), dtype=float),
                                   rtol=1e-12, atol=1e-9)


@FAST
@given(seed=st.integers(0, 2**31 - 1), D=st.integers(2, 8))
def test_newton_one_step_and_conjugate_gradient_in_D_steps(seed, D):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(D, D)))
    A = Q @ np.diag(np.geomspace(1.0, 50.0, D)) @ Q.T
    A = (A + A.T) / 2
    b, w0 = rng.normal(size=D), rng.normal(size=D)
    w_star = np.linalg.solve(A, b)
    problem = quadratic(A, b, w0)
    newton = w0 - np.linalg.solve(problem.hess(w0), problem.grad(w0))
    np.testing.assert_allclose(newton, w_star, rtol=1e-9, atol=1e-9)
    path = ref.conjugate_gradient(A, b, w0, D)
    assert path.shape == (D + 1, D)
    np.testing.assert_allclose(path[0], w0)
    np.testing.assert_allclose(path[-1], w_star, rtol=1e-6, atol=1e-8)
    costs = [problem.f(w) for w in path]
    assert all(a >= b - 1e-12 for a, b in zip(costs, costs[1:]))  # CG never goes up


def test_conjugate_gradient_beats_steepest_descent_with_exact_steps():
    rng = np.random.default_rng(3)
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    A = Q @ np.diag(np.geomspace(1.0, 100.0, 6)) @ Q.T
    b = rng.normal(size=6)
    w_star = np.linalg.solve(A, b)
    w = np.zeros(6)
    for _ in range(6):
        r = b - A @ w
        w = w + (r @ r) / (r @ A @ r) * r
    cg = ref.conjugate_gradient(A, b, np.zeros(6), 6)[-1]
    assert np.linalg.norm(cg - w_star) < 1e-6 * np.linalg.norm(w - w_star)


def test_bfgs_finds_what_scipy_finds():
    bfgs = GIVEN["bfgs"]
    rosen = rosenbrock()
    ours = bfgs(rosen.f, rosen.grad, rosen.w0, n_steps=200)[-1]
    theirs = optimize.minimize(rosen.f, rosen.w0, jac=rosen.grad, method="BFGS").x
    np.testing.assert_allclose(ours, [1.0, 1.0], atol=1e-5)
    np.testing.assert_allclose(ours, theirs, atol=1e-5)
    rng = np.random.default_rng(5)
    M = rng.normal(size=(5, 5))
    problem = quadratic(M @ M.T + np.eye(5), rng.normal(size=5), np.zeros(5))
    path = bfgs(problem.f, problem.grad, problem.w0, n_steps=50)
    theirs = optimize.minimize(problem.f, problem.w0, jac=problem.grad, method="BFGS").x
    np.testing.assert_allclose(path[-1], problem.w_star, atol=1e-6)
    np.testing.assert_allclose(path[-1], theirs, atol=1e-5)


def test_conjugate_gradient_stops_on_an_exactly_zero_residual():
    """b an eigenvector: the first step is exact, and r . r = 0 afterwards (0 / 0 before)."""
    path = ref.conjugate_gradient(np.diag([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 0.0]),
                                  np.zeros(3), 3)
    np.testing.assert_array_equal(path, [[0, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0]])
    start = ref.conjugate_gradient(np.diag([2.0, 4.0]), np.array([2.0, 4.0]), np.ones(2), 2)
    np.testing.assert_array_equal(start, np.ones((3, 2)))  # w0 is already the minimizer


def test_conjugate_gradient_beyond_D_steps_reaches_rounding_level():
    """The demo's 10-D quadratic: small but not zero after D steps, rounding level later."""
    rng = np.random.default_rng(8)
    Q, _ = np.linalg.qr(rng.normal(size=(10, 10)))
    A = Q @ np.diag(np.geomspace(1, 100, 10)) @ Q.T
    A = (A + A.T) / 2
    b = rng.normal(size=10)
    path = ref.conjugate_gradient(A, b, np.zeros(10), 20)
    grad = np.linalg.norm(path @ A - b, axis=1)  # A symmetric: row i is (A w_i - b)^T
    assert np.all(np.isfinite(path))
    assert 1e-9 < grad[10] / grad[0] < 1e-5  # not yet rounding level at step D
    assert grad[-1] < 1e-13 * grad[0]
    np.testing.assert_allclose(path[-1], np.linalg.solve(A, b), rtol=1e-12, atol=1e-14)


def test_sgd_noise_floor_squared_distance_grows_like_eta():
    """Section 7: with noisy gradients the mean squared distance to the minimum is about
    eta sigma^2 / (2 lambda), so halving eta halves it (and the distance shrinks by sqrt 2)."""
    rng = np.random.default_rng(0)
    lam, sigma, floors = 2.0, 1.0, []
    for eta in [0.02, 0.01, 0.005]:
        w, sq = np.zeros(4000), []
        for t in range(3000):
            w = w - eta * (lam * w + sigma * rng.normal(size=w.size))
            if t >= 1000:
                sq.append(np.mean(w ** 2))
        floors.append(np.mean(sq))
        assert np.mean(sq) == pytest.approx(eta * sigma ** 2 / (lam * (2 - eta * lam)), rel=0.03)
    assert floors[0] / floors[1] == pytest.approx(2, rel=0.05)
    assert floors[1] / floors[2] == pytest.approx(2, rel=0.05)


def test_adam_without_correction_figures_in_the_prose():
    """The bias-correction demo's prose: about 3 times at update 1, at most 6.6 times about a
    dozen updates later, more than 3 times for the first hundred or so updates."""
    t = np.arange(1, 3001)
    ratio = (1 - 0.9 ** t) / np.sqrt(1 - 0.999 ** t)  # uncorrected v / sqrt(s), g = 1
    assert ratio[0] == pytest.approx(np.sqrt(10), rel=1e-12)
    assert round(ratio.max(), 1) == 6.6 and 10 <= t[ratio.argmax()] <= 14
    assert 100 <= t[ratio > 3].max() <= 130
    w, state, steps = np.zeros(1), {}, []  # the reference's own steps agree
    for _ in range(5):
        w_new, state = ref.adam(w, np.ones(1), state, lr=1.0)
        steps.append(float((w - w_new)[0]))
        w = w_new
    np.testing.assert_allclose(steps, 1.0, rtol=1e-6)


def test_nadam_float32_product_difference_in_the_prose():
    """Section 6: with torch's default float32, NAdam's scalar product alone makes a difference
    of about 1e-10 over the demo's 200 updates (its seed and learning rate)."""
    rng = np.random.default_rng(4)
    start, grads = rng.normal(size=5), rng.normal(size=(200, 5))
    assert torch.get_default_dtype() == torch.float32
    p = torch.tensor(start, requires_grad=True)
    opt = OPT.NAdam([p], lr=0.01)
    for g in grads:
        p.grad = torch.tensor(g)
        opt.step()
    diff = np.abs(_ours(GIVEN["nadam"], start, grads, lr=0.01)[-1] - p.detach().numpy()).max()
    assert 1e-11 < diff < 1e-9

