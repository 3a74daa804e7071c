"""Reference solutions of week04/optimizers.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import numpy as np
import torch
import sympy as sp
import matplotlib.pyplot as plt
from scipy import optimize
from dlcourse import check
from dlcourse.optim import (draw_contours, ill_conditioned_bowl, quadratic, race, rosenbrock,
                            run, sparse_regression, steps_to_tolerance)
from dlcourse.train import quick_mode, scaled


def lp_norm(x, p):
    """The L^p norm of an array, for p >= 1 or p = np.inf.

    Args:
        x: (D,) array or list of numbers; any other shape counts as one vector of all its
            entries (a (2, 3) array is a vector of 6 numbers).
        p: a number >= 1, or np.inf.

    Returns:
        float: (sum_j |x_j|^p)^(1/p); for p = np.inf, max_j |x_j|.
    """
    a = np.abs(np.asarray(x, dtype=np.float64)).ravel()  # (D,) absolute values
    if p == np.inf:
        return float(a.max())
    return float(np.sum(a ** p) ** (1.0 / p))


def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    """One update of SGD with momentum, in torch's convention (a sum, not an average).

    v <- beta * v + dw,   w <- w - lr * v,   with v = 0 before the first update.

    Args:
        w: (D,) parameters (float array); not changed in place.
        dw: (D,) gradient of the cost at w.
        state: {} before the first update, then the dict this function returned: {"v": (D,)}.
        lr: learning rate eta. beta: momentum coefficient in [0, 1).

    Returns:
        (w_new, state_new): w_new (D,) a new array; state_new {"v": (D,) the new velocity}.
    """
    v = state.get("v", np.zeros_like(w))
    v = beta * v + dw  # (D,) a decaying sum of past gradients (torch's momentum buffer)
    return w - lr * v, {"v": v}


def nesterov(w, dw, state, lr=0.01, beta=0.9):
    """One update of Nesterov momentum in torch's form (SGD with nesterov=True).

    v <- beta * v + dw,   w <- w - lr * (dw + beta * v),   with v = 0 before the first update.

    Args:
        w: (D,) parameters (float array); not changed in place.
        dw: (D,) gradient of the cost at w.
        state: {} before the first update, then the dict this function returned: {"v": (D,)}.
        lr: learning rate eta. beta: momentum coefficient in [0, 1).

    Returns:
        (w_new, state_new): w_new (D,) a new array; state_new {"v": (D,) the new velocity}.
    """
    v = beta * state.get("v", np.zeros_like(w)) + dw  # (D,) the same buffer as momentum
    return w - lr * (dw + beta * v), {"v": v}  # look one velocity step ahead


def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    """One AdaGrad update, as torch.optim.Adagrad (eps outside the square root).

    s <- s + dw**2,   w <- w - lr * dw / (sqrt(s) + eps),   with s = 0 before the first update.

    Args:
        w: (D,) parameters (float array); not changed in place.
        dw: (D,) gradient of the cost at w.
        state: {} before the first update, then the dict this function returned: {"s": (D,)}.
        lr: learning rate eta. eps: small constant added to sqrt(s).

    Returns:
        (w_new, state_new): w_new (D,) a new array; state_new {"s": (D,) the sum of squared
        gradients so far}.
    """
    s = state.get("s", np.zeros_like(w)) + dw ** 2  # (D,) accumulate SQUARED gradients
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    """One RMSProp update, as torch.optim.RMSprop (eps outside the square root).

    s <- alpha * s + (1 - alpha) * dw**2,   w <- w - lr * dw / (sqrt(s) + eps),
    with s = 0 before the first update.

    Args:
        w: (D,) parameters (float array); not changed in place.
        dw: (D,) gradient of the cost at w.
        state: {} before the first update, then the dict this function returned: {"s": (D,)}.
        lr: learning rate eta. alpha: decay rate of the average, in [0, 1).
        eps: small constant added to sqrt(s).

    Returns:
        (w_new, state_new): w_new (D,) a new array; state_new {"s": (D,) the moving average
        of squared gradients}.
    """
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2  # (D,)
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}


def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update with bias correction, as torch.optim.Adam.

    t <- t + 1 (t = 1 at the first update),
    v <- beta1 * v + (1 - beta1) * dw,      s <- beta2 * s + (1 - beta2) * dw**2,
    v_hat = v / (1 - beta1**t),             s_hat = s / (1 - beta2**t),
    w <- w - lr * v_hat / (sqrt(s_hat) + eps).

    Args:
        w: (D,) parameters (float array); not changed in place.
        dw: (D,) gradient of the cost at w.
        state: {} before the first update (t = 0, v = s = 0), then the dict this function
            returned: {"t": int, "v": (D,), "s": (D,)}.
        lr: learning rate eta. beta1, beta2: decay rates in [0, 1). eps: added to sqrt(s_hat).

    Returns:
        (w_new, state_new): w_new (D,) a new array; state_new {"t": the number of updates
        made so far, "v": (D,), "s": (D,)} (v and s WITHOUT the bias correction).
    """
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw  # (D,) first moment
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2  # (D,) second moment
    v_hat = v / (1 - beta1 ** t)  # undo the pull towards the zero start
    s_hat = s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}


def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    """Cosine annealing with warm restarts (SGDR), as torch's CosineAnnealingWarmRestarts.

    Cycle 0 lasts T_0 steps, cycle 1 lasts T_0 * T_mult, cycle 2 T_0 * T_mult**2, ... Inside a
    cycle of length T_i, at position T_cur = 0, 1, ..., T_i - 1:
    lr = lr_min + (lr_max - lr_min) * (1 + cos(pi * T_cur / T_i)) / 2.

    Args:
        t: int >= 0, the number of scheduler steps taken so far (t = 0: the start).
        lr_max: the learning rate at the start of every cycle. lr_min: the floor.
        T_0: int >= 1, length of the first cycle. T_mult: int >= 1, growth of the cycles.

    Returns:
        float: the learning rate at step t.
    """
    t_cur, t_i = int(t), int(T_0)
    while t_cur >= t_i:  # skip the finished cycles
        t_cur -= t_i
        t_i *= T_mult
    return float(lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * t_cur / t_i)) / 2)


def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    """Backtracking (Armijo) line search along a descent direction d.

    Tries lr = lr0, rho * lr0, rho**2 * lr0, ... (at most 60 values) and returns the first lr
    with   f(w + lr * d) <= f(w) + c * lr * (dw . d)   (Armijo's sufficient decrease).

    Args:
        f: the cost, f(w) -> float.
        w: (D,) the current point. dw: (D,) the gradient of f at w.
        d: (D,) a descent direction (dw . d < 0), e.g. -dw.
        lr0: the first step size tried. c: in (0, 1). rho: shrink factor in (0, 1).

    Returns:
        float: the accepted step size, or 0.0 if none of the 60 values is accepted.
    """
    fw = f(w)
    slope = float(np.sum(dw * d))  # directional derivative, < 0 for a descent direction
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= fw + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0


def conjugate_gradient(A, b, w0, n_steps):
    """Conjugate gradient on f(w) = 1/2 w^T A w - b^T w (A symmetric positive definite).

    r_0 = b - A w_0 and d_0 = r_0; then for k = 0, 1, ..., n_steps - 1:
    alpha = (r_k . r_k) / (d_k . A d_k),   w_{k+1} = w_k + alpha d_k,
    r_{k+1} = r_k - alpha A d_k,   beta = (r_{k+1} . r_{k+1}) / (r_k . r_k),
    d_{k+1} = r_{k+1} + beta d_k.
    Once r_k . r_k is exactly 0, w_k is the exact minimizer: it is kept for the remaining rows
    (the formulas would divide 0 by 0).

    Args:
        A: (D, D) symmetric positive definite.
        b: (D,). w0: (D,) the start (not changed). n_steps: int >= 1 (it may exceed D).

    Returns:
        (n_steps + 1, D) array: the iterates w_0, w_1, ..., w_{n_steps}, one per row.
    """
    A = np.asarray(A, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w  # (D,) the residual is minus the gradient
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        if r @ r == 0.0:  # w is the exact minimizer: stop (alpha would be 0 / 0)
            path.append(w.copy())
            continue
        Ad = A @ d  # (D,)
        alpha = (r @ r) / (d @ Ad)  # exact minimizer of f along d
        w = w + alpha * d
        r_new = r - alpha * Ad
        d = r_new + (r_new @ r_new) / (r @ r) * d  # next direction, A-conjugate to d
        r = r_new
        path.append(w.copy())
    return np.array(path)
