"""Known-wrong and other correct variants of week04's exercises.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant (a usual student mistake, each with the sentence the
grader can show) must lose the exercise's points, and every RIGHT variant (another correct way
to follow the prompt) must pass every test cell, visible checks included.
"""

from __future__ import annotations

import functools
import math

import numpy as np


def _quiet(fn):
    """Silence numpy's overflow/invalid warnings: some variants produce them on purpose."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)
    return wrapper


# -------------------------------------------------------------------------------- lp_norm
def lp_norm_no_abs(x, p):
    a = np.asarray(x, dtype=np.float64).ravel()
    if p == np.inf:
        return float(np.abs(a).max())
    with np.errstate(invalid="ignore"):
        return float(np.sum(a ** p) ** (1.0 / p))


def lp_norm_inf_without_abs(x, p):
    a = np.asarray(x, dtype=np.float64).ravel()
    if p == np.inf:
        return float(a.max())
    return float(np.sum(np.abs(a) ** p) ** (1.0 / p))


@_quiet
def lp_norm_inf_by_formula(x, p):
    a = np.abs(np.asarray(x, dtype=np.float64)).ravel()
    return float(np.sum(a ** p) ** (1.0 / p))


def lp_norm_no_root(x, p):
    a = np.abs(np.asarray(x, dtype=np.float64)).ravel()
    if p == np.inf:
        return float(a.max())
    return float(np.sum(a ** p))


def lp_norm_first_row_only(x, p):
    a = np.abs(np.atleast_2d(np.asarray(x, dtype=np.float64))[0])
    if p == np.inf:
        return float(a.max())
    return float(np.sum(a ** p) ** (1.0 / p))


def lp_norm_loop(x, p):
    flat = np.asarray(x, dtype=np.float64).ravel().tolist()
    if math.isinf(p):
        return max(abs(v) for v in flat)
    total = 0.0
    for v in flat:
        total += abs(v) ** p
    return total ** (1.0 / p)


def lp_norm_numpy(x, p):
    return float(np.linalg.norm(np.ravel(np.asarray(x, dtype=np.float64)), ord=p))


# ---------------------------------------------------------------------------- sgd_momentum
def sgd_momentum_ema(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + (1 - beta) * dw
    return w - lr * v, {"v": v}


def sgd_momentum_plus(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w + lr * v, {"v": v}


def sgd_momentum_old_velocity(w, dw, state, lr=0.01, beta=0.9):
    v_old = state.get("v", np.zeros_like(w))
    w_new = w - lr * v_old  # steps with the old velocity, then updates it
    return w_new, {"v": beta * v_old + dw}


def sgd_momentum_in_place(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    w -= lr * v
    return w, {"v": v}


def sgd_momentum_cs231n(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) - lr * dw  # the velocity holds -lr * buffer
    return w + v, {"v": v}


def sgd_momentum_loop(w, dw, state, lr=0.01, beta=0.9):
    w_new, v_new = np.empty(len(w)), np.empty(len(w))
    v = state["v"] if "v" in state else [0.0] * len(w)
    for j in range(len(w)):
        v_new[j] = beta * v[j] + dw[j]
        w_new[j] = w[j] - lr * v_new[j]
    return w_new, {"v": v_new}


def sgd_momentum_updates_dict(w, dw, state, lr=0.01, beta=0.9):
    state["v"] = beta * state["v"] + dw if "v" in state else np.array(dw, dtype=np.float64)
    return w.copy() - lr * state["v"], state


# -------------------------------------------------------------------------------- nesterov
def nesterov_plain_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * v, {"v": v}


def nesterov_old_velocity(w, dw, state, lr=0.01, beta=0.9):
    v_old = state.get("v", np.zeros_like(w))
    v = beta * v_old + dw
    return w - lr * (dw + beta * v_old), {"v": v}


def nesterov_no_beta(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (dw + v), {"v": v}


def nesterov_ema(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + (1 - beta) * dw
    return w - lr * (dw + beta * v), {"v": v}


def nesterov_in_place(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    w -= lr * (dw + beta * v)
    return w, {"v": v}


def nesterov_expanded(w, dw, state, lr=0.01, beta=0.9):
    v_old = state.get("v", 0.0 * w)
    # dw + beta * (beta * v_old + dw) written out
    step = (1 + beta) * dw + beta * beta * v_old
    return w - lr * step, {"v": beta * v_old + dw}


# -------------------------------------------------------------------------------- adagrad
def adagrad_abs(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + np.abs(dw)
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def adagrad_eps_inside(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}


@_quiet
def adagrad_no_sqrt(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / (s + eps), {"s": s}


def adagrad_before_accumulating(w, dw, state, lr=0.01, eps=1e-10):
    s_old = state.get("s", np.zeros_like(w))
    w_new = w - lr * dw / (np.sqrt(s_old) + eps)
    return w_new, {"s": s_old + dw ** 2}


def adagrad_in_place(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    w -= lr * dw / (np.sqrt(s) + eps)
    return w, {"s": s}


def adagrad_loop(w, dw, state, lr=0.01, eps=1e-10):
    s_old = state.get("s", [0.0] * len(w))
    s, w_new = np.empty(len(w)), np.empty(len(w))
    for j in range(len(w)):
        s[j] = s_old[j] + dw[j] * dw[j]
        w_new[j] = w[j] - lr * dw[j] / (math.sqrt(s[j]) + eps)
    return w_new, {"s": s}


# -------------------------------------------------------------------------------- rmsprop
def rmsprop_eps_inside(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}


def rmsprop_weights_swapped(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = (1 - alpha) * state.get("s", np.zeros_like(w)) + alpha * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def rmsprop_no_sqrt(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    return w - lr * dw / (s + eps), {"s": s}


def rmsprop_adagrad_sum(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def rmsprop_in_place(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    w -= lr * dw / (np.sqrt(s) + eps)
    return w, {"s": s}


def rmsprop_lerp(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = state.get("s", np.zeros_like(w))
    s = s + (1 - alpha) * (dw * dw - s)  # torch's lerp form of the same average
    return w - lr * dw / (s ** 0.5 + eps), {"s": s}


# ----------------------------------------------------------------------------------- adam
def adam_no_bias_correction(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    return w - lr * m / (np.sqrt(v) + eps), {"t": t, "m": m, "v": v}


def adam_uncorrected_m(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta2 ** t)
    return w - lr * m / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


def adam_t_off_by_one(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** (t + 1))  # counts the first update as t = 2
    v_hat = v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


@_quiet
def adam_t_from_zero(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0)  # corrects with t before counting this update
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t + 1, "m": m, "v": v}


def adam_eps_inside(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / np.sqrt(v_hat + eps), {"t": t, "m": m, "v": v}


def adam_abs_second_moment(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * np.abs(dw)
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}


def adam_corrected_state(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m_hat, "v": v_hat}


def adam_in_place(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    w -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return w, {"t": t, "m": m, "v": v}


def adam_torch_order(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """torch's own arithmetic: the corrections folded into the step size and the denominator."""
    t = state.get("t", 0) + 1
    m = state.get("m", np.zeros_like(w))
    v = state.get("v", np.zeros_like(w))
    m = m + (dw - m) * (1 - beta1)  # lerp
    v = v * beta2 + (1 - beta2) * dw * dw
    step_size = lr / (1 - beta1 ** t)
    denom = np.sqrt(v) / math.sqrt(1 - beta2 ** t) + eps
    return w - step_size * m / denom, {"t": t, "m": m, "v": v}


# ------------------------------------------------------------------- cosine_warm_restarts
def cosine_no_t_mult(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    t_cur = int(t) % int(T_0)
    return float(lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * t_cur / T_0)) / 2)


def cosine_no_restart(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    return float(lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * t / T_0)) / 2)


def cosine_restart_one_late(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    t_cur, t_i = int(t), int(T_0)
    while t_cur > t_i:  # restarts one step late: t = T_0 still in the first cycle
        t_cur -= t_i + 1
        t_i *= T_mult
    return float(lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * t_cur / t_i)) / 2)


def cosine_ignores_lr_min(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    t_cur, t_i = int(t), int(T_0)
    while t_cur >= t_i:
        t_cur -= t_i
        t_i *= T_mult
    return float(lr_max * (1 + np.cos(np.pi * t_cur / t_i)) / 2)


def cosine_period_minus_one(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    t_cur, t_i = int(t), int(T_0)
    while t_cur >= t_i:
        t_cur -= t_i
        t_i *= T_mult
    # reaches lr_min at the end of the cycle: cos(pi * T_cur / (T_i - 1))
    return float(lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * t_cur / max(t_i - 1, 1))) / 2)


def cosine_closed_form(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    if T_mult == 1:
        t_cur, t_i = t % T_0, T_0
    else:  # t lies in cycle n with T_0 (T_mult^n - 1) / (T_mult - 1) <= t
        n = int(math.log(t / T_0 * (T_mult - 1) + 1, T_mult))
        while T_0 * (T_mult ** (n + 1) - 1) // (T_mult - 1) <= t:  # guard against rounding
            n += 1
        while n > 0 and T_0 * (T_mult ** n - 1) // (T_mult - 1) > t:
            n -= 1
        t_cur = t - T_0 * (T_mult ** n - 1) // (T_mult - 1)
        t_i = T_0 * T_mult ** n
    return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_cur / t_i))


def cosine_simulated(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    t_cur, t_i = 0, T_0
    for _ in range(t):  # step by step, as torch's scheduler does
        t_cur += 1
        if t_cur >= t_i:
            t_cur -= t_i
            t_i *= T_mult
    return float(lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2)


# ----------------------------------------------------------------------------- backtracking
def backtracking_plain_decrease(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) < f(w):
            return float(lr)
        lr *= rho
    return 0.0


def backtracking_wrong_sign(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    slope = float(np.sum(dw * d))
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= f(w) - c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0


def backtracking_gradient_norm(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= f(w) - c * lr * float(np.sum(dw * dw)):  # assumes d = -dw
            return float(lr)
        lr *= rho
    return 0.0


def backtracking_shrinks_first(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    slope = float(np.sum(dw * d))
    lr = lr0
    for _ in range(60):
        lr *= rho  # never tries lr0 itself
        if f(w + lr * d) <= f(w) + c * lr * slope:
            return float(lr)
    return 0.0


def backtracking_returns_last_tried(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    slope = float(np.sum(dw * d))
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= f(w) + c * lr * slope:
            break
        lr *= rho
    return float(lr)  # the 61st value when nothing is accepted, not 0.0


def backtracking_while(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    fw, slope = f(w), float(np.dot(np.ravel(dw), np.ravel(d)))
    lr, tries = lr0, 0
    while f(w + lr * d) > fw + c * lr * slope:
        tries += 1
        if tries == 60:
            return 0.0
        lr = lr * rho
    return float(lr)


def backtracking_powers(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    slope = float(np.sum(dw * d))
    for k in range(60):
        lr = lr0 * rho ** k
        if f(w + lr * d) <= f(w) + c * lr * slope:
            return float(lr)
    return 0.0


# ------------------------------------------------------------------------ conjugate_gradient
def cg_steepest_descent(A, b, w0, n_steps):
    A = np.asarray(A, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    path = [w.copy()]
    for _ in range(n_steps):
        r = b - A @ w
        w = w + (r @ r) / (r @ A @ r) * r  # exact line search, but no conjugate directions
        path.append(w.copy())
    return np.array(path)


def cg_alpha_without_A(A, b, w0, n_steps):
    A = np.asarray(A, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        alpha = (r @ r) / (d @ d)
        w = w + alpha * d
        r_new = r - alpha * A @ d
        d = r_new + (r_new @ r_new) / (r @ r) * d
        r = r_new
        path.append(w.copy())
    return np.array(path)


def cg_beta_inverted(A, b, w0, n_steps):
    A = np.asarray(A, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        alpha = (r @ r) / (d @ A @ d)
        w = w + alpha * d
        r_new = r - alpha * A @ d
        d = r_new + (r @ r) / (r_new @ r_new) * d
        r = r_new
        path.append(w.copy())
    return np.array(path)


def cg_minus_direction(A, b, w0, n_steps):
    A = np.asarray(A, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        alpha = (r @ r) / (d @ A @ d)
        w = w + alpha * d
        r_new = r - alpha * A @ d
        d = r_new - (r_new @ r_new) / (r @ r) * d
        r = r_new
        path.append(w.copy())
    return np.array(path)


def cg_without_w0(A, b, w0, n_steps):
    return np.asarray(_cg_reference(A, b, w0, n_steps))[1:]


def _cg_reference(A, b, w0, n_steps):
    A = np.asarray(A, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        Ad = A @ d
        alpha = (r @ r) / (d @ Ad)
        w = w + alpha * d
        r_new = r - alpha * Ad
        d = r_new + (r_new @ r_new) / (r @ r) * d
        r = r_new
        path.append(w.copy())
    return np.array(path)


def cg_recomputed_residual(A, b, w0, n_steps):
    A = np.asarray(A, dtype=np.float64)
    path = np.zeros((n_steps + 1, len(w0)))
    path[0] = w0
    r = b - A @ path[0]
    d = r
    for k in range(n_steps):
        alpha = np.dot(r, r) / np.dot(d, A.dot(d))
        path[k + 1] = path[k] + alpha * d
        r_new = b - A @ path[k + 1]  # recomputed instead of updated: equal up to rounding
        d = r_new + np.dot(r_new, r_new) / np.dot(r, r) * d
        r = r_new
    return path


WRONG = {
    "lp_norm": [
        ("no absolute value: for odd p negative entries subtract", lp_norm_no_abs),
        ("p = inf takes the largest entry, not the largest absolute value",
         lp_norm_inf_without_abs),
        ("p = inf computed with the general formula (gives 1, not the maximum)",
         lp_norm_inf_by_formula),
        ("forgets the p-th root", lp_norm_no_root),
        ("uses only the first row of a 2-D input", lp_norm_first_row_only),
    ],
    "sgd_momentum": [
        ("the average (EMA) convention beta v + (1 - beta) dw instead of torch's sum",
         sgd_momentum_ema),
        ("moves up the gradient: w + lr v", sgd_momentum_plus),
        ("steps with the old velocity, before adding the new gradient",
         sgd_momentum_old_velocity),
        ("changes w in place (w -= ...)", sgd_momentum_in_place),
        ("CS231n's convention: the velocity holds -lr times torch's", sgd_momentum_cs231n),
    ],
    "nesterov": [
        ("plain momentum: no look-ahead term", nesterov_plain_momentum),
        ("look-ahead with the old velocity instead of the new one", nesterov_old_velocity),
        ("look-ahead without the factor beta: dw + v", nesterov_no_beta),
        ("the average (EMA) velocity instead of torch's sum", nesterov_ema),
        ("changes w in place (w -= ...)", nesterov_in_place),
    ],
    "adagrad": [
        ("accumulates |dw| instead of dw**2", adagrad_abs),
        ("eps inside the square root", adagrad_eps_inside),
        ("divides by s instead of sqrt(s)", adagrad_no_sqrt),
        ("divides by the sum before adding this update's squared gradient",
         adagrad_before_accumulating),
        ("changes w in place (w -= ...)", adagrad_in_place),
    ],
    "rmsprop": [
        ("eps inside the square root", rmsprop_eps_inside),
        ("the weights swapped: (1 - alpha) on the old average, alpha on dw**2",
         rmsprop_weights_swapped),
        ("divides by s instead of sqrt(s)", rmsprop_no_sqrt),
        ("a sum of squares (AdaGrad) instead of a moving average", rmsprop_adagrad_sum),
        ("changes w in place (w -= ...)", rmsprop_in_place),
    ],
    "adam": [
        ("no bias correction", adam_no_bias_correction),
        ("the update uses the uncorrected m (only v is corrected)", adam_uncorrected_m),
        ("t off by one: the first update is corrected with t = 2", adam_t_off_by_one),
        ("t off by one: the first update is corrected with t = 0 (division by zero)",
         adam_t_from_zero),
        ("eps inside the square root of v_hat", adam_eps_inside),
        ("second moment of |dw| instead of dw**2", adam_abs_second_moment),
        ("stores the bias-corrected m_hat and v_hat in the state", adam_corrected_state),
        ("changes w in place (w -= ...)", adam_in_place),
    ],
    "cosine_warm_restarts": [
        ("ignores T_mult: every cycle lasts T_0 steps", cosine_no_t_mult),
        ("no restart: the cosine goes on with period 2 T_0", cosine_no_restart),
        ("restarts one step late", cosine_restart_one_late),
        ("ignores lr_min", cosine_ignores_lr_min),
        ("divides by T_i - 1, reaching lr_min at the end of a cycle", cosine_period_minus_one),
    ],
    "backtracking": [
        ("plain decrease f(w + lr d) < f(w), without Armijo's c term",
         backtracking_plain_decrease),
        ("the c term with the wrong sign", backtracking_wrong_sign),
        ("uses -|dw|^2 as the slope whatever the direction d", backtracking_gradient_norm),
        ("shrinks before the first test: never tries lr0", backtracking_shrinks_first),
        ("returns the last value tried instead of 0.0 when none is accepted",
         backtracking_returns_last_tried),
    ],
    "conjugate_gradient": [
        ("steepest descent with exact line search: no conjugate directions",
         cg_steepest_descent),
        ("alpha without A: (r . r) / (d . d)", cg_alpha_without_A),
        ("beta inverted: (r_k . r_k) / (r_k+1 . r_k+1)", cg_beta_inverted),
        ("d_k+1 = r_k+1 - beta d_k (wrong sign)", cg_minus_direction),
        ("leaves out w_0 (returns n_steps rows)", cg_without_w0),
    ],
}

RIGHT = {
    "lp_norm": [
        ("a loop in plain Python (returns Python numbers)", lp_norm_loop),
        ("np.linalg.norm of the flattened array", lp_norm_numpy),
    ],
    "sgd_momentum": [
        ("a loop over the entries", sgd_momentum_loop),
        ("updates the state dict it received and returns it", sgd_momentum_updates_dict),
    ],
    "nesterov": [("the step written out: (1 + beta) dw + beta^2 v_old", nesterov_expanded)],
    "adagrad": [("a loop over the entries with math.sqrt", adagrad_loop)],
    "rmsprop": [("the average written as a lerp, s + (1 - alpha)(dw^2 - s)", rmsprop_lerp)],
    "adam": [("torch's order of operations (corrections folded into step and denominator)",
              adam_torch_order)],
    "cosine_warm_restarts": [
        ("a closed form for the cycle (logarithms), Python floats", cosine_closed_form),
        ("simulates the scheduler step by step, as torch does", cosine_simulated),
    ],
    "backtracking": [
        ("a while loop with np.dot", backtracking_while),
        ("computes lr0 * rho**k afresh at each try", backtracking_powers),
    ],
    "conjugate_gradient": [
        ("the residual recomputed as b - A w, the iterates in a preallocated array",
         cg_recomputed_residual),
    ],
}
