"""Known-wrong and other correct variants of week04's exercises.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant (a usual student mistake, each with the sentence the
grader can show) must lose the exercise's points, and every RIGHT variant (another correct way
to follow the prompt) must pass every test cell, visible checks included.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.mistakes import quiet


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


@quiet
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


@quiet
def lp_norm_abs_after_power(x, p):
    a = np.asarray(x, dtype=np.float64).ravel()
    if p == np.inf:
        return float(np.max(np.abs(a)))
    return float(np.sum(np.abs(a ** p)) ** (1.0 / p))


def lp_norm_no_float(x, p):
    a = np.abs(np.asarray(x)).ravel()
    if p == np.inf:
        return a.max()  # a numpy integer for integer entries
    return np.sum(a ** p) ** (1.0 / p)


@quiet
def lp_norm_inf_by_identity(x, p):
    a = np.abs(np.asarray(x, dtype=np.float64)).ravel()
    if p is np.inf:
        return float(a.max())
    return float(np.sum(a ** p) ** (1.0 / p))


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


def sgd_momentum_fixed_beta(w, dw, state, lr=0.01, beta=0.9):
    v = 0.9 * state.get("v", np.zeros_like(w)) + dw
    return w - lr * v, {"v": v}


def sgd_momentum_aliases_dw(w, dw, state, lr=0.01, beta=0.9):
    if "v" not in state:
        v = dw  # the caller's gradient array itself
    else:
        v = state["v"]
        v *= beta
        v += dw
    return w - lr * v, {"v": v}


# -------------------------------------------------------------------------------- nesterov
def nesterov_plain_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * v, {"v": v}


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


def nesterov_fixed_beta(w, dw, state, lr=0.01, beta=0.9):
    v = 0.9 * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (dw + 0.9 * v), {"v": v}


def nesterov_one_plus_beta_v(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (1 + beta) * v, {"v": v}


# -------------------------------------------------------------------------------- adagrad
def adagrad_abs(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + np.abs(dw)
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def adagrad_eps_inside(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}


@quiet
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


def adagrad_fixed_eps(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / (np.sqrt(s) + 1e-10), {"s": s}


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


def rmsprop_starts_at_dw2(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", dw ** 2) + (1 - alpha) * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


# ----------------------------------------------------------------------------------- adam
def adam_no_bias_correction(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    return w - lr * v / (np.sqrt(s) + eps), {"t": t, "v": v, "s": s}


def adam_uncorrected_m(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    s_hat = s / (1 - beta2 ** t)
    return w - lr * v / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}


def adam_t_off_by_one(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** (t + 1))  # counts the first update as t = 2
    s_hat = s / (1 - beta2 ** (t + 1))
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}


@quiet
def adam_t_from_zero(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0)  # corrects with t before counting this update
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t + 1, "v": v, "s": s}


def adam_eps_inside(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat, s_hat = v / (1 - beta1 ** t), s / (1 - beta2 ** t)
    return w - lr * v_hat / np.sqrt(s_hat + eps), {"t": t, "v": v, "s": s}


def adam_abs_second_moment(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * np.abs(dw)
    v_hat, s_hat = v / (1 - beta1 ** t), s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}


def adam_corrected_state(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat, s_hat = v / (1 - beta1 ** t), s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v_hat, "s": s_hat}


def adam_in_place(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    w -= lr * (v / (1 - beta1 ** t)) / (np.sqrt(s / (1 - beta2 ** t)) + eps)
    return w, {"t": t, "v": v, "s": s}


def adam_torch_order(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """torch's own arithmetic: the corrections folded into the step size and the denominator."""
    t = state.get("t", 0) + 1
    v = state.get("v", np.zeros_like(w))
    s = state.get("s", np.zeros_like(w))
    v = v + (dw - v) * (1 - beta1)  # lerp
    s = s * beta2 + (1 - beta2) * dw * dw
    step_size = lr / (1 - beta1 ** t)
    denom = np.sqrt(s) / math.sqrt(1 - beta2 ** t) + eps
    return w - step_size * v / denom, {"t": t, "v": v, "s": s}


def _adam_with(w, dw, state, lr, beta1, beta2, eps, *, t0=0, bias2=None, paper=False):
    t = state.get("t", t0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    if paper:  # Kingma and Ba's "efficient" form: eps added before the correction of s
        step = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t) * v / (np.sqrt(s) + eps)
    else:
        s_hat = s / (1 - (bias2 if bias2 is not None else beta2) ** t)
        step = lr * v / (1 - beta1 ** t) / (np.sqrt(s_hat) + eps)
    return w - step, {"t": t, "v": v, "s": s}


def adam_float_t(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    return _adam_with(w, dw, state, lr, beta1, beta2, eps, t0=0.0)


def adam_paper_eps(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    return _adam_with(w, dw, state, lr, beta1, beta2, eps, paper=True)


def adam_s_corrected_with_beta1(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    return _adam_with(w, dw, state, lr, beta1, beta2, eps, bias2=beta1)


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


def _cosine(t_cur, t_i, lr_max, lr_min):
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2


def cosine_rounded_logarithm(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    if T_mult == 1:
        return float(_cosine(t % T_0, T_0, lr_max, lr_min))
    n = int(math.log(t / T_0 * (T_mult - 1) + 1, T_mult))  # may round down at a restart
    t_cur = t - T_0 * (T_mult ** n - 1) / (T_mult - 1)
    return float(_cosine(t_cur, T_0 * T_mult ** n, lr_max, lr_min))


def cosine_lr_max_itself(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    t_i, t_cur = T_0, t
    while t_cur >= t_i:
        t_cur -= t_i
        t_i *= T_mult
    if t_cur == 0:
        return lr_max  # an int when lr_max is one
    return _cosine(t_cur, t_i, lr_max, lr_min)


def cosine_cycle_from_t_over_t0(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    cycle = t // T_0
    return float(_cosine(t - cycle * T_0, T_0 * T_mult ** cycle, lr_max, lr_min))


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


def backtracking_strict(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), float(np.sum(dw * d))
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) < f0 + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0


def backtracking_61_tries(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), float(np.sum(dw * d))
    for k in range(61):
        lr = lr0 * rho ** k
        if f(w + lr * d) <= f0 + c * lr * slope:
            return float(lr)
    return 0.0


def backtracking_no_float(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), np.sum(dw * d)
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= f0 + c * lr * slope:
            return lr  # lr0 itself when it is accepted: an int for lr0 = 1
        lr = lr * rho
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
        if not np.any(r):  # an exact solution: the remaining rows repeat it
            path[k + 1:] = path[k]
            break
        alpha = np.dot(r, r) / np.dot(d, A.dot(d))
        path[k + 1] = path[k] + alpha * d
        r_new = b - A @ path[k + 1]  # recomputed instead of updated: equal up to rounding
        d = r_new + np.dot(r_new, r_new) / np.dot(r, r) * d
        r = r_new
    return path


def _cg(A, b, w0, n_steps, *, stop=lambda rr, k: rr == 0.0, as_list=False):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for k in range(n_steps):
        rr = r @ r
        if stop(rr, k):
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        d = r + (r @ r) / rr * d
        path.append(w.copy())
    return path if as_list else np.array(path)


def cg_stops_below_tolerance(A, b, w0, n_steps):
    return _cg(A, b, w0, n_steps, stop=lambda rr, k: rr < 1e-12)


def cg_returns_list(A, b, w0, n_steps):
    return _cg(A, b, w0, n_steps, as_list=True)


def cg_stops_after_d_steps(A, b, w0, n_steps):
    return _cg(A, b, w0, n_steps, stop=lambda rr, k: rr == 0.0 or k >= len(b))

WRONG = {
    "lp_norm": [
        ("no absolute value: for odd p negative entries subtract", lp_norm_no_abs,
         "Test x = [-1, 2, -2] with p = 3: every entry should add to the sum, whatever its "
         "sign. Re-read the formula: what exactly is raised to the power p?"),
        ("p = inf takes the largest entry, not the largest absolute value",
         lp_norm_inf_without_abs,
         "Test an all-negative vector with p = inf: a norm is never negative. Re-read what the "
         "maximum in the definition of the infinity norm runs over."),
        ("p = inf computed with the general formula (gives 1, not the maximum)",
         lp_norm_inf_by_formula,
         "Try [3, -4] with p = np.inf and look at what the general formula evaluates to. "
         "Re-read the notebook's remark on why p = inf is a case of its own."),
        ("forgets the p-th root", lp_norm_no_root,
         "Check ||[3, -4]||_2: it is 5, the Euclidean length. A norm scales like its input: "
         "doubling x should double the result. Does yours?"),
        ("uses only the first row of a 2-D input", lp_norm_first_row_only,
         "Test x = [[1, -2], [2, 0]] with p = 2: the answer is 3, from all four entries. "
         "Re-read the prompt on inputs of other shapes."),
        ("takes the absolute value after the power, |x**p|: nan for a fractional p and a "
         "negative entry", lp_norm_abs_after_power,
         "Test x = [-1, 2] with p = 1.5: the norm is finite. What is (-1) ** 1.5 in floating "
         "point? Re-read the formula: which number is raised to the power p?"),
        ("no float(): a numpy integer for p = inf and integer entries", lp_norm_no_float,
         "Check type(lp_norm([3, -4], np.inf)): the prompt asks for a Python float, for any "
         "input it allows, integers included."),
        ("tests p is np.inf (identity): float('inf') falls through to the general formula",
         lp_norm_inf_by_identity,
         "Try p = float('inf'): it equals np.inf but is another object. Which comparison "
         "tells numbers apart by value, and which by identity?"),
    ],
    "sgd_momentum": [
        ("the average (EMA) convention beta v + (1 - beta) dw instead of torch's sum",
         sgd_momentum_ema,
         "After two updates with the same gradient g and beta = 0.9, torch's velocity is "
         "1.9 g. Re-read the table of section 4: which of its two rows is graded?"),
        ("moves up the gradient: w + lr v", sgd_momentum_plus,
         "Run a few updates on f(w) = w**2 from w = 1: the cost must go down. Which way does "
         "the gradient point, and which way should the step go?"),
        ("steps with the old velocity, before adding the new gradient",
         sgd_momentum_old_velocity,
         "From state {} the first update must already move w. If yours leaves w unchanged, "
         "look at which velocity, old or new, your step of w uses."),
        ("changes w in place (w -= ...)", sgd_momentum_in_place,
         "After calling your function, print the array you passed in as w: it must still hold "
         "its old values. Section 2 explains what an in-place update does to the caller."),
        ("CS231n's convention: the velocity holds -lr times torch's", sgd_momentum_cs231n,
         "Look at state['v'] after the first update from {}: torch's velocity there equals "
         "dw, with no learning rate in it. Where does lr appear in your code?"),
        ("hard-codes beta = 0.9 instead of using the argument", sgd_momentum_fixed_beta,
         "Run one update with beta = 0.5 and another with beta = 0.99: the velocities must "
         "differ. Does the beta you are given reach your formula?"),
        ("the first velocity is the caller's dw array itself, later updated in place",
         sgd_momentum_aliases_dw,
         "Call your rule twice with the same gradient array g: is g unchanged afterwards, and "
         "is the second velocity 1.9 g? Which arrays does your state share with the caller?"),
    ],
    "nesterov": [
        # The look-ahead with the old velocity, dw + beta * v_old, is this very step (it was
        # a second entry, identical on every input: the grader could not tell them apart).
        ("plain momentum: no look-ahead term (or a look-ahead with the old velocity, the same "
         "step)", nesterov_plain_momentum,
         "From state {}, Nesterov's first step is (1 + beta) times plain momentum's. Re-read "
         "the sentence after torch's form: which velocity is used again, the old or the new?"),
        ("look-ahead without the factor beta: dw + v", nesterov_no_beta,
         "Test with beta = 0: Nesterov must then reduce to plain gradient descent, a step of "
         "lr * dw. Does yours take twice that step?"),
        ("the average (EMA) velocity instead of torch's sum", nesterov_ema,
         "The velocity is the same as in exercise 2 (torch's sum): from state {}, "
         "state['v'] after one update should equal dw itself. Does it?"),
        ("changes w in place (w -= ...)", nesterov_in_place,
         "Print the array you passed in as w after calling your function: it must be "
         "unchanged. Build the new w as a new array (section 2 explains why)."),
        ("hard-codes beta = 0.9 instead of using the argument", nesterov_fixed_beta,
         "Try beta = 0: Nesterov must then be plain gradient descent, a step of lr * dw. Does "
         "the beta you are given reach both places it appears?"),
        ("steps by (1 + beta) v: the right step at the first update only",
         nesterov_one_plus_beta_v,
         "The first update is right; compare the second one with the prompt's formula term by "
         "term: the step adds dw once, not the whole velocity once more."),
    ],
    "adagrad": [
        ("accumulates |dw| instead of dw**2", adagrad_abs,
         "Multiply every gradient by 100: AdaGrad's step must not change at all. Re-read the "
         "'common wrong form' box for what the accumulator adds up."),
        ("eps inside the square root", adagrad_eps_inside,
         "Run one update with eps = 1, where its place changes the result a lot, and compare "
         "with torch.optim.Adagrad. Re-read 'Where eps goes' in the notebook."),
        ("divides by s instead of sqrt(s)", adagrad_no_sqrt,
         "Scale every gradient by 100: AdaGrad's step must stay the same, and yours shrinks. "
         "Compare the units of dw with those of what you divide it by."),
        ("divides by the sum before adding this update's squared gradient",
         adagrad_before_accumulating,
         "Watch the first update from state {}: the step should be about lr per entry, not an "
         "enormous jump. Re-read the formula's subscripts: which s does the division use?"),
        ("changes w in place (w -= ...)", adagrad_in_place,
         "After calling your function, check that the array you passed in as w still holds "
         "its old values: the rule must return a new array (see section 2)."),
        ("hard-codes eps = 1e-10 instead of using the argument", adagrad_fixed_eps,
         "Run one update with eps = 1, where its value shows, and one with eps = 1e-10: the "
         "steps must differ. Does the eps you are given reach your formula?"),
    ],
    "rmsprop": [
        ("eps inside the square root", rmsprop_eps_inside,
         "Compare one update with a large eps, say 0.1, against torch.optim.RMSprop: then its "
         "place shows. Re-read where torch adds eps (the table in section 6)."),
        ("the weights swapped: (1 - alpha) on the old average, alpha on dw**2",
         rmsprop_weights_swapped,
         "From state {}, one update with dw = 1 and alpha = 0.99 should give a small s of "
         "0.01. Re-read which term keeps the fraction alpha."),
        ("divides by s instead of sqrt(s)", rmsprop_no_sqrt,
         "Scale the gradients by 10: RMSProp's step should keep its size. Does your "
         "denominator have the units of the gradient? The name 'root mean square' is a clue."),
        ("a sum of squares (AdaGrad) instead of a moving average", rmsprop_adagrad_sum,
         "Feed the same gradient many times: RMSProp's s should level off at dw**2, so its "
         "steps keep their size. Does your s keep growing instead?"),
        ("changes w in place (w -= ...)", rmsprop_in_place,
         "Print the w you passed in after the call: it must be unchanged. Return the updated "
         "parameters as a new array, as section 2 asks of every rule."),
        ("starts the average at dw**2 instead of 0", rmsprop_starts_at_dw2,
         "From state {}, one update with alpha = 0.9 must give s = 0.1 dw**2. Re-read the "
         "prompt: which value does s hold before the first update?"),
    ],
    "adam": [
        ("no bias correction", adam_no_bias_correction,
         "After one update from {}, each entry of w should move by about lr; yours moves "
         "about 3.16 lr. Look at the step-size plot of the demo after the exercise."),
        ("the update uses the uncorrected v (only s is corrected)", adam_uncorrected_m,
         "After one update from {}, each entry of w should move by about lr; yours moves "
         "about lr / 10. Re-read the 'common wrong form' box: which values does the step use?"),
        ("t off by one: the first update is corrected with t = 2", adam_t_off_by_one,
         "Print the t your correction uses during the very first update: the prompt says it "
         "is 1, and state['t'] is 1 afterwards. Is 1 added twice?"),
        ("t off by one: the first update is corrected with t = 0 (division by zero)",
         adam_t_from_zero,
         "Run the first update from {}: does 1 - beta1**t become 0? Re-read the prompt on "
         "which value of t the first update's correction uses."),
        ("eps inside the square root of s_hat", adam_eps_inside,
         "Compare one update with eps = 0.1, where its place shows, against torch.optim.Adam. "
         "Re-read the table in section 6: where does torch put eps?"),
        ("second moment of |dw| instead of dw**2", adam_abs_second_moment,
         "From {}, scale the gradient by 100: Adam's first step should stay about lr per "
         "entry, yours grows tenfold. Which quantity does the second moment average?"),
        ("stores the bias-corrected v_hat and s_hat in the state", adam_corrected_state,
         "After one update from {} with beta1 = 0.9, state['v'] should be a tenth of dw. "
         "Re-read which values the prompt wants kept in the state."),
        ("changes w in place (w -= ...)", adam_in_place,
         "After the call, print the array you passed in as w: it must still hold its old "
         "values. Section 2 says why a rule returns a new array instead."),
        ("state['t'] as a float (counted from 0.0)", adam_float_t,
         "Check type(state['t']) after one update: the prompt asks for an int, the number of "
         "updates made so far. What type does your starting value have?"),
        ("the paper's efficient form: eps added to sqrt(s) before the bias correction",
         adam_paper_eps,
         "With eps = 0.1 at t = 6 compare with torch.optim.Adam: torch adds eps to the square "
         "root of the corrected s_hat. Where does eps enter your denominator?"),
        ("the correction of s uses beta1 instead of beta2", adam_s_corrected_with_beta1,
         "The first step from {} should be lr * sign(dw). Compare your two bias corrections "
         "term by term: which decay rate belongs to which moment?"),
    ],
    "cosine_warm_restarts": [
        ("ignores T_mult: every cycle lasts T_0 steps", cosine_no_t_mult,
         "List your rates for T_0 = 4, T_mult = 2: the restarts come at t = 4, 12, 28, ... "
         "How long is each of your cycles, and where does T_mult enter?"),
        ("no restart: the cosine goes on with period 2 T_0", cosine_no_restart,
         "Plot your rate over a few cycles: after T_0 steps it should jump back to lr_max, "
         "not climb back slowly. Where do you find the position inside the current cycle?"),
        ("restarts one step late", cosine_restart_one_late,
         "At t = T_0 the rate must already be back at lr_max: check t = 4 with T_0 = 4. "
         "Re-read the prompt's second bullet on which t the first cycle covers."),
        ("ignores lr_min", cosine_ignores_lr_min,
         "Change lr_min from 0 to 0.5 and compare: every rate of a cycle but the first must "
         "rise. Re-read the formula for where lr_min enters."),
        ("divides by T_i - 1, reaching lr_min at the end of a cycle", cosine_period_minus_one,
         "Re-read the prompt: lr_min is approached but never reached inside a cycle. At the "
         "last step of a cycle, t = T_0 - 1, your rate should still be above lr_min."),
        ("finds the cycle from int(log(...)), which rounds down at some restarts",
         cosine_rounded_logarithm,
         "Try T_0 = 1, T_mult = 3 at t = 121, a restart: the rate must be lr_max. Print the "
         "logarithm your code takes there: is it exactly 5?"),
        ("returns lr_max itself at a restart: an int when lr_max is an int",
         cosine_lr_max_itself,
         "Check type(cosine_warm_restarts(4, 1, 0, 4, 2)): the prompt asks for a float at "
         "every t, restarts included."),
        ("cycle index t // T_0: assumes every cycle lasts T_0 steps",
         cosine_cycle_from_t_over_t0,
         "With T_0 = 4, T_mult = 2 the second cycle covers t = 4 to 11. Which cycle does your "
         "code put t = 8 in, and where does that cycle start?"),
    ],
    "backtracking": [
        ("plain decrease f(w + lr d) < f(w), without Armijo's c term",
         backtracking_plain_decrease,
         "Run the same search with c = 1e-4 and with c = 0.5: a larger c demands more "
         "decrease, so it can only accept a smaller step. Does c change anything in yours?"),
        ("the c term with the wrong sign", backtracking_wrong_sign,
         "For a descent direction dw . d is negative, so Armijo's threshold must sit below "
         "f(w). Print your threshold next to f(w): which one is larger?"),
        ("uses -|dw|^2 as the slope whatever the direction d", backtracking_gradient_norm,
         "Try a descent direction other than -dw, e.g. d = -dw / 2: the promised decrease "
         "should halve too. Does the right-hand side of your test depend on d?"),
        ("shrinks before the first test: never tries lr0", backtracking_shrinks_first,
         "Along Newton's direction the very first step size, lr0 = 1, is acceptable. Trace "
         "your loop by hand: which value does it test first?"),
        ("returns the last value tried instead of 0.0 when none is accepted",
         backtracking_returns_last_tried,
         "Test an ascent direction, where no step size can pass. Re-read the prompt: what "
         "must come back after 60 failures?"),
        ("strict < instead of <= in Armijo's condition", backtracking_strict,
         "Try f(w) = w^2 at w = 1 with d = -1, c = 0.5, lr0 = 1: the condition holds with "
         "equality, and the prompt accepts that step."),
        ("tries 61 step sizes instead of 60", backtracking_61_tries,
         "Count the values of lr your loop tests when none is accepted: lr0 and then 59 "
         "smaller ones, 60 in all. Print them for an ascent direction."),
        ("no float(): returns lr0 itself, an int for lr0 = 1", backtracking_no_float,
         "Check type(backtracking(f, w, dw, d, 1)) when lr0 = 1 is accepted at once: the "
         "prompt asks for a float."),
    ],
    "conjugate_gradient": [
        ("steepest descent with exact line search: no conjugate directions",
         cg_steepest_descent,
         "Your first step is right, but in 2-D w_2 should already be the minimizer. Check "
         "d_1 . A d_0 = 0: does the previous direction enter the new one?"),
        ("alpha without A: (r . r) / (d . d)", cg_alpha_without_A,
         "alpha_k is the exact minimizer of J along d_k, so it depends on the curvature. Test "
         "A = 2 I from w0 = 0: one step should land on the minimizer b / 2."),
        ("beta inverted: (r_k . r_k) / (r_k+1 . r_k+1)", cg_beta_inverted,
         "Check that d_1 . A d_0 is 0 up to rounding. Then compare your beta_k with the "
         "formula term by term: which residual is the new one, k or k+1?"),
        ("d_k+1 = r_k+1 - beta d_k (wrong sign)", cg_minus_direction,
         "Check d_1 . A d_0: conjugate directions give 0 up to rounding, and in 2-D w_2 is "
         "the minimizer. Compare your update of d with the recursion, sign by sign."),
        ("leaves out w_0 (returns n_steps rows)", cg_without_w0,
         "Check your result's shape against (n_steps + 1, D) and compare row 0 with w0: the "
         "path starts where the method starts."),
        ("stops when r . r < 1e-12 instead of exactly 0", cg_stops_below_tolerance,
         "Scale A and b down, A = 1e-8 diag(1, 2, 5, 10) and b = 1e-7: the minimizer is still "
         "far from 0. Re-read the prompt: when exactly may CG stop updating?"),
        ("returns a list of arrays instead of one array", cg_returns_list,
         "Check type() of your result: the prompt asks for one array of shape "
         "(n_steps + 1, D)."),
        ("stops after D steps and repeats w_D", cg_stops_after_d_steps,
         "Run 2D steps on an ill-conditioned quadratic (condition number 1e4): after D steps "
         "rounding leaves w off, and the prompt says more steps keep improving it."),
    ],
}


# blind review (issue 22): correct solutions written from the student release alone
def _sgd_momentum_zeros_len(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros(len(w))) + dw  # w has shape (D,) by the docstring
    return w - lr * v, {"v": v}


def _nesterov_look_ahead_written_out(w, dw, state, lr=0.01, beta=0.9):
    v = dw + (beta * state["v"] if "v" in state else 0.0)
    return w.copy() - lr * dw - lr * beta * v, {"v": v}


def _adagrad_np_zeros(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros(len(w))) + dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def _rmsprop_square(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = (state["s"] if "s" in state else 0.0) * alpha + np.square(dw) * (1.0 - alpha)
    return w - lr * (dw / (np.sqrt(s) + eps)), {"s": s}


def _adam_torch_denominator(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = int(state.get("t", 0)) + 1
    v = state.get("v", 0.0) * beta1 + dw * (1 - beta1)
    s = state.get("s", 0.0) * beta2 + dw * dw * (1 - beta2)
    denom = np.sqrt(s) / math.sqrt(1 - beta2 ** t) + eps
    return w - (lr / (1 - beta1 ** t)) * v / denom, {"t": t, "v": v, "s": s}


def _lp_norm_no_rescaling(x, p):
    a = np.abs(np.asarray(x, dtype=float)).ravel()
    if np.isinf(p):
        return float(a.max())
    return float(np.sum(a ** p) ** (1 / p))  # inf for a huge p, like the reference


def _backtracking_tries_counted(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    fw, slope = f(w), np.dot(np.ravel(dw), np.ravel(d))
    tries, lr = 0, float(lr0)
    while tries < 60:
        if f(w + lr * d) <= fw + c * lr * slope:
            return float(lr)
        tries += 1
        lr = lr0 * rho ** tries
    return 0.0


def _cg_preallocated(A, b, w0, n_steps):
    path = np.empty((n_steps + 1, len(w0)))
    path[0] = w0
    w = path[0].copy()
    r = b - A @ w
    d, rr = r.copy(), float(r @ r)
    for k in range(n_steps):
        if rr == 0.0:
            path[k + 1:] = w
            break
        Ad = A @ d
        alpha = rr / float(d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        rr_next = float(r @ r)
        d = r + (rr_next / rr) * d
        rr = rr_next
        path[k + 1] = w
    return path


RIGHT = {
    "lp_norm": [
        ("a loop in plain Python (returns Python numbers)", lp_norm_loop),
        ("np.linalg.norm of the flattened array", lp_norm_numpy),
        ("the formula with no rescaling (overflows for a huge p, as the reference does)",
         _lp_norm_no_rescaling),
    ],
    "sgd_momentum": [
        ("a loop over the entries", sgd_momentum_loop),
        ("updates the state dict it received and returns it", sgd_momentum_updates_dict),
        ("v starts as np.zeros(len(w)) (w is (D,))", _sgd_momentum_zeros_len),
    ],
    "nesterov": [("the step written out: (1 + beta) dw + beta^2 v_old", nesterov_expanded),
                 ("the look-ahead as w - lr dw - lr beta v", _nesterov_look_ahead_written_out)],
    "adagrad": [("a loop over the entries with math.sqrt", adagrad_loop),
                ("s starts as np.zeros(len(w)) (w is (D,))", _adagrad_np_zeros)],
    "rmsprop": [("the average written as a lerp, s + (1 - alpha)(dw^2 - s)", rmsprop_lerp),
                ("np.square, the old average weighted first", _rmsprop_square)],
    "adam": [("torch's order of operations (corrections folded into step and denominator)",
              adam_torch_order),
             ("step lr / (1 - beta1^t), denominator sqrt(s) / sqrt(1 - beta2^t) + eps",
              _adam_torch_denominator)],
    "cosine_warm_restarts": [
        ("a closed form for the cycle (logarithms), Python floats", cosine_closed_form),
        ("simulates the scheduler step by step, as torch does", cosine_simulated),
    ],
    "backtracking": [
        ("a while loop with np.dot", backtracking_while),
        ("computes lr0 * rho**k afresh at each try", backtracking_powers),
        ("a while loop counting the tries", _backtracking_tries_counted),
    ],
    "conjugate_gradient": [
        ("the residual recomputed as b - A w, the iterates in a preallocated array",
         cg_recomputed_residual),
        ("the path preallocated, rows filled as they come", _cg_preallocated),
    ],
}


#: The mistakes found by blind review (issue 22): candidates written from the student release
#: alone, before the hidden tests were read; the ``why`` of each, as in WRONG above. Where
#: fewer than three of an exercise's blind candidates turned out wrong by the prompt (the
#: others are in RIGHT), the list is completed with mistakes considered blind but not written
#: out, because the visible checks already catch them.
BLIND = {
    "lp_norm": [
        "takes the absolute value after the power, |x**p|: nan for a fractional p and a "
        "negative entry",
        "no float(): a numpy integer for p = inf and integer entries",
        "tests p is np.inf (identity): float('inf') falls through to the general formula",
    ],
    "sgd_momentum": [
        "hard-codes beta = 0.9 instead of using the argument",
        "the first velocity is the caller's dw array itself, later updated in place",
        "the average (EMA) convention beta v + (1 - beta) dw instead of torch's sum",
    ],
    "nesterov": [
        "hard-codes beta = 0.9 instead of using the argument",
        "plain momentum: no look-ahead term (or a look-ahead with the old velocity, the same "
        "step)",
        "steps by (1 + beta) v: the right step at the first update only",
    ],
    "adagrad": [
        "divides by the sum before adding this update's squared gradient",
        "eps inside the square root",
        "hard-codes eps = 1e-10 instead of using the argument",
    ],
    "rmsprop": [
        "starts the average at dw**2 instead of 0",
        "eps inside the square root",
        "the weights swapped: (1 - alpha) on the old average, alpha on dw**2",
    ],
    "adam": [
        "state['t'] as a float (counted from 0.0)",
        "the paper's efficient form: eps added to sqrt(s) before the bias correction",
        "the correction of s uses beta1 instead of beta2",
    ],
    "cosine_warm_restarts": [
        "finds the cycle from int(log(...)), which rounds down at some restarts",
        "returns lr_max itself at a restart: an int when lr_max is an int",
        "cycle index t // T_0: assumes every cycle lasts T_0 steps",
    ],
    "backtracking": [
        "strict < instead of <= in Armijo's condition",
        "tries 61 step sizes instead of 60",
        "uses -|dw|^2 as the slope whatever the direction d",
        "no float(): returns lr0 itself, an int for lr0 = 1",
    ],
    "conjugate_gradient": [
        "stops when r . r < 1e-12 instead of exactly 0",
        "returns a list of arrays instead of one array",
        "stops after D steps and repeats w_D",
    ],
}


# ------------------------------------------------------------ blind review, round 2 (r2w04)
# Candidates written from the student release alone (docs/blind-review/week04-round2.py).
@quiet
def lp_norm_integer_powers(x, p):
    a = np.abs(np.asarray(x)).ravel()  # integer entries stay int64
    if np.isinf(p):
        return float(a.max())
    return float(np.sum(a ** p) ** (1 / p))


def sgd_momentum_lr_in_velocity(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + lr * dw
    return w - v, {"v": v}


def nesterov_velocity_fixed_beta(w, dw, state, lr=0.01, beta=0.9):
    v = 0.9 * state.get("v", np.zeros_like(w)) + dw  # sgd_momentum(w, dw, state, lr=lr)
    return w - lr * (dw + beta * v), {"v": v}


def nesterov_look_ahead_fixed_beta(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (dw + 0.9 * v), {"v": v}


def nesterov_sutskever(w, dw, state, lr=0.01, beta=0.9):
    v_old = state.get("v", np.zeros_like(w))
    v = beta * v_old - lr * dw
    return w - beta * v_old + (1 + beta) * v, {"v": v}


def rmsprop_default_alpha_09(w, dw, state, lr=0.01, alpha=0.9, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def rmsprop_before_averaging(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s_old = state.get("s", np.zeros_like(w))
    w_new = w - lr * dw / (np.sqrt(s_old) + eps)
    return w_new, {"s": alpha * s_old + (1 - alpha) * dw ** 2}


def adam_fixed_betas_in_correction(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat, s_hat = v / (1 - 0.9 ** t), s / (1 - 0.999 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}


def adam_t_plus_one_after_first(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    t_used = t + 1 if t > 1 else t
    v_hat, s_hat = v / (1 - beta1 ** t_used), s / (1 - beta2 ** t_used)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}


def cosine_t_mult_once(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    if t < T_0:
        return _cosine(t, T_0, lr_max, lr_min)
    return _cosine((t - T_0) % (T_0 * T_mult), T_0 * T_mult, lr_max, lr_min)


def backtracking_59_tries(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope, lr = f(w), float(np.sum(dw * d)), lr0
    for _ in range(59):
        if f(w + lr * d) <= f0 + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0


def cg_stops_on_allclose(A, b, w0, n_steps):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        if np.allclose(r, 0):  # an absolute tolerance of 1e-8 on every entry of r
            path.append(w.copy())
            continue
        Ad = A @ d
        rr = r @ r
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        d = r + (r @ r) / rr * d
        path.append(w.copy())
    return np.array(path)


@quiet
def cg_checks_after_update(A, b, w0, n_steps):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d, rr = r.copy(), r @ r
    path = [w.copy()]
    for k in range(n_steps):
        Ad = A @ d
        alpha = rr / (d @ Ad)  # 0 / 0 when w0 already is the minimizer
        w = w + alpha * d
        r = r - alpha * Ad
        rr_new = r @ r
        path.append(w.copy())
        if rr_new == 0:
            path.extend([w.copy()] * (n_steps - k - 1))
            break
        d = r + (rr_new / rr) * d
        rr = rr_new
    return np.array(path)


def _sgd_momentum_velocity_in_dw(w, dw, state, lr=0.01, beta=0.9):
    if "v" in state:
        dw += beta * state["v"]  # the caller's gradient array becomes the velocity
    return w - lr * dw, {"v": dw}


def _adagrad_torch_transcribed(w, dw, state, lr=0.01, eps=1e-10):
    s = np.array(state["s"], dtype=np.float64) if "s" in state else np.zeros(np.shape(w))
    s += dw * dw
    w_new = np.array(w, dtype=np.float64)
    w_new -= lr * dw / (np.sqrt(s) + eps)
    return w_new, {"s": s}


def _adam_state_in_place(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    if not state:
        state.update(t=0, v=np.zeros_like(w, dtype=np.float64),
                     s=np.zeros_like(w, dtype=np.float64))
    state["t"] += 1
    state["v"] *= beta1
    state["v"] += (1 - beta1) * dw
    state["s"] *= beta2
    state["s"] += (1 - beta2) * dw * dw
    denom = np.sqrt(state["s"]) / math.sqrt(1 - beta2 ** state["t"]) + eps
    return w - lr / (1 - beta1 ** state["t"]) * state["v"] / denom, state


def _cg_in_place_on_a_copy(A, b, w0, n_steps):
    w = np.array(w0)  # w0 is a float array: w keeps its dtype
    r = b - A @ w
    d, rr = r.copy(), r @ r
    path = [w.copy()]
    for _ in range(n_steps):
        if rr == 0:
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w += alpha * d
        r = r - alpha * Ad
        rr_new = r @ r
        d = r + (rr_new / rr) * d
        rr = rr_new
        path.append(w.copy())
    return np.array(path)


WRONG["lp_norm"] += [
    ("keeps integer entries as int64: |x|**p overflows for large integers",
     lp_norm_integer_powers,
     "Try x = [3 * 10**10, -4 * 10**10] with p = 2: the norm is 5e10. Which dtype do the "
     "powers of integer entries have in numpy, and what is the largest number it holds?"),
]
WRONG["sgd_momentum"] += [
    ("lr folded into the velocity: v <- beta v + lr dw, w <- w - v",
     sgd_momentum_lr_in_velocity,
     "Look at state['v'] after the first update from {}: torch's velocity there equals dw "
     "whatever lr is. Run it with lr = 0.1 and lr = 1: does your state change?"),
]
WRONG["nesterov"] += [
    ("the velocity with beta = 0.9 (sgd_momentum called without beta), the look-ahead with "
     "beta", nesterov_velocity_fixed_beta,
     "Run two updates with beta = 0.5 and look at state['v']: is it 0.5 v + dw? If you reuse "
     "another function, check which arguments it receives and which take their default."),
    ("0.9 typed in the look-ahead term instead of beta", nesterov_look_ahead_fixed_beta,
     "Try beta = 0: Nesterov must then be plain gradient descent, a step of lr * dw. Does "
     "the beta you are given reach both places where the formula uses it?"),
    ("Sutskever's form: the velocity holds -lr times torch's", nesterov_sutskever,
     "Look at state['v'] after the first update from {}: in torch's form the velocity equals "
     "dw, with no learning rate in it and the same sign. Where does lr appear in yours?"),
]
WRONG["rmsprop"] += [
    ("the default alpha is 0.9, not torch's 0.99", rmsprop_default_alpha_09,
     "Call your rule with lr only and compare with torch.optim.RMSprop(lr=...): the other "
     "hyper-parameters take torch's defaults. Check the def line against the given one."),
    ("divides by the old average, before this update's squared gradient is added",
     rmsprop_before_averaging,
     "From state {} the first step should be of size about lr / sqrt(1 - alpha), not an "
     "enormous jump. Re-read the formula's subscripts: which s does the division use?"),
]
WRONG["adam"] += [
    ("bias correction with 0.9 and 0.999 typed in, not beta1 and beta2",
     adam_fixed_betas_in_correction,
     "Run one update from {} with beta1 = 0.5, beta2 = 0.9: the first step must still be "
     "lr * sign(dw). Does every beta you are given reach the corrections?"),
    ("corrects with t + 1 from the second update on", adam_t_plus_one_after_first,
     "Print the exponent each correction uses at updates 1, 2 and 3: it must equal "
     "state['t'] after that update, 1, 2, 3, never skipping one."),
]
WRONG["cosine_warm_restarts"] += [
    ("multiplies the cycle length by T_mult only once: every later cycle lasts T_0 * T_mult",
     cosine_t_mult_once,
     "With T_0 = 4, T_mult = 2 the restarts come at t = 4, 12, 28, 60: cycles of 4, 8, 16, "
     "32 steps. List your rates up to t = 30 and find where yours restart."),
]
WRONG["backtracking"] += [
    ("tries only 59 step sizes", backtracking_59_tries,
     "Take f(w) = w^2 at w = 1, d = -1, c = 0.25 and lr0 = 2**59: only the 60th value, 1, "
     "is accepted. Count the values of lr your loop tests."),
]
WRONG["conjugate_gradient"] += [
    ("stops on np.allclose(r, 0), an absolute tolerance, instead of r . r exactly 0",
     cg_stops_on_allclose,
     "Scale the problem down, A = 1e-10 diag(1, 2, 5, 10) and b = 1e-10: the minimizer does "
     "not change, yet yours never leaves w0. When exactly may CG stop?"),
    ("checks r . r = 0 only after an update: 0 / 0 when w0 already is the minimizer",
     cg_checks_after_update,
     "Start from the minimizer itself, w0 = A^-1 b: every row must repeat w0. Where in "
     "your loop is r . r = 0 first tested?"),
]

RIGHT["sgd_momentum"] += [
    ("builds the velocity in the gradient array it received (the prompt forbids changing w "
     "in place, not dw)", _sgd_momentum_velocity_in_dw),
]
RIGHT["adagrad"] += [("torch's code transcribed, in place on copies", _adagrad_torch_transcribed)]
RIGHT["adam"] += [("updates the state dict it received and its arrays in place",
                   _adam_state_in_place)]
RIGHT["conjugate_gradient"] += [
    ("w = np.array(w0) (a copy, w0's float dtype), then w += alpha d", _cg_in_place_on_a_copy),
]

# The second round's blind candidates (see the first round's note above BLIND).
for _name, _whys in {
    "lp_norm": ["keeps integer entries as int64: |x|**p overflows for large integers"],
    "sgd_momentum": ["lr folded into the velocity: v <- beta v + lr dw, w <- w - v"],
    "nesterov": ["the velocity with beta = 0.9 (sgd_momentum called without beta), the "
                 "look-ahead with beta", "0.9 typed in the look-ahead term instead of beta",
                 "Sutskever's form: the velocity holds -lr times torch's"],
    "adagrad": [],
    "rmsprop": ["the default alpha is 0.9, not torch's 0.99",
                "divides by the old average, before this update's squared gradient is added"],
    "adam": ["bias correction with 0.9 and 0.999 typed in, not beta1 and beta2",
             "corrects with t + 1 from the second update on"],
    "cosine_warm_restarts": ["multiplies the cycle length by T_mult only once: every later "
                             "cycle lasts T_0 * T_mult"],
    "backtracking": ["tries only 59 step sizes"],
    "conjugate_gradient": [
        "stops on np.allclose(r, 0), an absolute tolerance, instead of r . r exactly 0",
        "checks r . r = 0 only after an update: 0 / 0 when w0 already is the minimizer"],
}.items():
    BLIND[_name] += [why for why in _whys if why not in BLIND[_name]]
del _name, _whys
