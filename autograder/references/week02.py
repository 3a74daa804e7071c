"""Reference solutions of week02/gradient_descent.ipynb: generated, never edit by hand.

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
from dlcourse import check, data, plot
from dlcourse.train import quick_mode, scaled, seed_everything


def taylor_polynomial(expr, x, x0, order):
    """Taylor polynomial of ``expr`` around ``x0``, up to and including the power ``order``.

        T_n(x) = sum_{k=0}^{n} f^(k)(x0) / k! * (x - x0)**k

    Args:
        expr: SymPy expression f in the symbol ``x``.
        x: the SymPy symbol.
        x0: expansion point (a number).
        order: n >= 0, the highest power of (x - x0).

    Returns:
        A SymPy expression: a polynomial in ``x`` of degree at most ``order``.
    """
    poly = sp.Integer(0)
    derivative = expr  # f^(k), starting with f^(0) = f
    for k in range(order + 1):
        poly += derivative.subs(x, x0) / sp.factorial(k) * (x - x0) ** k
        derivative = sp.diff(derivative, x)
    return poly


def taylor_error(expr, poly, x, points):
    """Largest absolute error of the approximation ``poly`` of ``expr`` on ``points``.

        error = max_i |f(p_i) - T(p_i)|

    Args:
        expr: SymPy expression f in the symbol ``x``.
        poly: SymPy expression T in ``x`` that approximates f (e.g. a Taylor polynomial;
            it may be a constant).
        x: the SymPy symbol.
        points: (P,) the x values where f and T are compared.

    Returns:
        A float >= 0.
    """
    p = np.asarray(points, dtype=float)  # (P,)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, poly, "numpy")
    return float(np.max(np.abs(f(p) - t(p))))


def derivative_fn(expr, x):
    """f'(x) as a numpy function, computed with SymPy.

    Args:
        expr: SymPy expression f in the symbol ``x``.
        x: the SymPy symbol.

    Returns:
        A function ``df(v)`` that takes a float or an array v: (S...) of floats or integers
        and returns f'(v) as a float array of the same shape (also when f' is a constant).
    """
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")

    def df(v):
        v = np.asarray(v, dtype=float)
        return d(v) + np.zeros_like(v)  # a constant f' still gets the shape of v

    return df


def gradient_descent_1d(df, x0, lr, epochs):
    """Gradient descent on a function of one variable.

    x_{t+1} = x_t - lr * df(x_t), for t = 0, ..., T-1.

    Args:
        df: the derivative f' (float -> float). x0: starting point.
        lr: learning rate (eta). epochs: number of updates T >= 0.

    Returns:
        xs: (T + 1,) float array, the trajectory; xs[0] = x0.
    """
    xs = np.empty(epochs + 1)
    xs[0] = x0
    for t in range(epochs):
        xs[t + 1] = xs[t] - lr * df(xs[t])
    return xs


def gradient_2d(f_expr, x, y):
    """The gradient of f(x, y), computed with SymPy, as a numpy function.

    Args:
        f_expr: SymPy expression in the symbols ``x`` and ``y``.
        x, y: the SymPy symbols.

    Returns:
        A function ``grad(a, b)`` that takes two floats and returns
        np.array([df/dx(a, b), df/dy(a, b)]): shape (2,), float.
    """
    dfdx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    dfdy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")

    def grad(a, b):
        return np.array([dfdx(a, b), dfdy(a, b)], dtype=float)

    return grad


def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    """Gradient descent (or ascent) on a function of two variables.

    p_{t+1} = p_t - lr * grad(p_t)   (descent, the default)
    p_{t+1} = p_t + lr * grad(p_t)   (ascent, with ``ascent=True``)

    Args:
        grad: function (a, b) -> array (2,), the gradient at the point (a, b).
        p0: (2,) starting point. lr: learning rate > 0. epochs: number of updates T >= 0.
        ascent: climb towards a maximum instead of descending towards a minimum.

    Returns:
        path: (T + 1, 2) float array; path[0] = p0, path[t] is the point after t updates.
    """
    sign = 1.0 if ascent else -1.0
    path = np.empty((epochs + 1, 2))
    path[0] = p0
    for t in range(epochs):
        g = np.asarray(grad(path[t, 0], path[t, 1]), dtype=float)  # (2,)
        path[t + 1] = path[t] + sign * lr * g
    return path


def lr_by_epoch(lr0, epoch, n_epochs):
    """Learning rate that decays linearly with the epoch: lr0 * (1 - epoch / n_epochs).

    Epochs count from 0, so epoch 0 uses lr0 and the last epoch (n_epochs - 1) lr0 / n_epochs.

    Args:
        lr0: initial learning rate. epoch: int, or int array (S...). n_epochs: T, total epochs.

    Returns:
        The learning rate: a float, or a float array of the shape of ``epoch``.
    """
    return lr0 * (1 - np.asarray(epoch, dtype=float) / n_epochs)


def gd_dynamic_1d(df, x0, lr_fn, epochs):
    """1-D gradient descent whose learning rate may change at every step.

    At step t = 0, ..., T-1: g = df(x_t), lr_t = lr_fn(t, g), x_{t+1} = x_t - lr_t * g.

    Args:
        df: the derivative f' (float -> float). x0: starting point.
        lr_fn: function (t, g) -> the learning rate of step t (t counts from 0).
        epochs: number of updates T >= 0.

    Returns:
        xs: (T + 1,) float array, the trajectory, xs[0] = x0;
        lrs: (T,) float array, the learning rate used at each step.
    """
    xs = np.empty(epochs + 1)
    lrs = np.empty(epochs)
    xs[0] = x0
    for t in range(epochs):
        g = df(xs[t])
        lrs[t] = lr_fn(t, g)
        xs[t + 1] = xs[t] - lrs[t] * g
    return xs, lrs


def mse_gradient(X, y, w, b):
    """Gradient of the mean squared error of the linear model y_hat = X @ w + b.

        L = mean_i (y_hat_i - y_i)**2
        dL/dw = 2/N * X^T (y_hat - y),  dL/db = 2/N * sum_i (y_hat_i - y_i)

    Args:
        X: (N, D) inputs. y: (N,) targets. w: (D,) weights. b: float bias.

    Returns:
        dw: (D,) float array; db: float.
    """
    residual = X @ w + b - y  # (N,)
    n = len(y)
    return 2 / n * (X.T @ residual), float(2 / n * residual.sum())


def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    """Mini-batch gradient descent for linear regression (MSE), from w = 0, b = 0.

    One generator ``rng = np.random.default_rng(seed)`` is created before the first epoch.
    Every epoch draws ``order = rng.permutation(N)`` and visits the batches
    ``order[0:B], order[B:2B], ...`` (the last one may be smaller), updating w and b after
    each batch with the gradient of that batch's MSE (the formula of `mse_gradient`).
    batch_size = N is batch GD; batch_size = 1 is stochastic GD.

    Args:
        X: (N, D) inputs. y: (N,) targets. lr: learning rate. epochs: passes E over the data.
        batch_size: B >= 1. seed: seed of the shuffling.

    Returns:
        w: (D,) float array; b: float; losses: (E * ceil(N / B) + 1,) the MSE on the whole
        training set before the first update and after every update.
    """
    n, d = X.shape
    rng = np.random.default_rng(seed)
    w, b = np.zeros(d), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]  # (B,), fewer for the last batch
            residual = X[idx] @ w + b - y[idx]  # (B,)
            dw, db = 2 / len(idx) * (X[idx].T @ residual), 2 / len(idx) * residual.sum()
            w, b = w - lr * dw, b - lr * db
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


def interpolate_loss(loss_fn, theta0, theta1, alphas):
    """The loss along the straight line from theta0 (alpha = 0) to theta1 (alpha = 1).

        result[i] = loss_fn((1 - alphas[i]) * theta0 + alphas[i] * theta1)

    Args:
        loss_fn: function (P,) parameter vector -> float.
        theta0, theta1: (P,) parameter vectors. alphas: (A,) numbers (may lie outside [0, 1]).

    Returns:
        (A,) float array.
    """
    theta0 = np.asarray(theta0, dtype=float)
    theta1 = np.asarray(theta1, dtype=float)
    return np.array([float(loss_fn((1 - a) * theta0 + a * theta1)) for a in alphas])


def chain_gradient(x, weights, act, act_derivative):
    """Derivatives of the output of a chain of one-neuron layers with respect to each layer.

    Forward: h_0 = x, a_l = weights[l-1] * h_{l-1}, h_l = act(a_l) for l = 1, ..., L.
    Backward: g[L] = 1 and g[l-1] = g[l] * act_derivative(a_l) * weights[l-1], so that
    g[l] = dh_L / dh_l.

    Args:
        x: float input. weights: (L,) one weight per layer.
        act, act_derivative: the activation and its derivative (float -> float).

    Returns:
        g: (L + 1,) float array; g[0] = dh_L / dx is the gradient that reaches the input.
    """
    n_layers = len(weights)
    a = np.empty(n_layers)  # a[l - 1] is the pre-activation a_l of layer l
    h = float(x)
    for i, w in enumerate(weights):
        a[i] = w * h
        h = act(a[i])
    g = np.empty(n_layers + 1)
    g[n_layers] = 1.0
    for i in range(n_layers - 1, -1, -1):  # layer i + 1, from the output back to the input
        g[i] = g[i + 1] * act_derivative(a[i]) * weights[i]
    return g
