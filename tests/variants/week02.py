"""Known-wrong solutions of week02 (gradient descent): the usual student mistakes.

``WRONG[exercise]`` lists ``(why it is wrong, implementation)``; each implementation replaces
the exercise's name in the reference namespace, and the exercise's hidden tests must reject it
(see ``tests/test_exercises.py``). They may call the other references (``mse_gradient`` inside
``minibatch_gd``...), as a student's notebook would call the student's own functions.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from autograder.references import week02 as ref


# --------------------------------------------------------------------------------------------
# taylor_polynomial
# --------------------------------------------------------------------------------------------
def taylor_no_factorial(expr, x, x0, order):
    poly, d = sp.Integer(0), expr
    for k in range(order + 1):
        poly += d.subs(x, x0) * (x - x0) ** k
        d = sp.diff(d, x)
    return poly


def taylor_stops_one_early(expr, x, x0, order):
    poly, d = sp.Integer(0), expr
    for k in range(order):  # range(order) leaves out the term of degree `order`
        poly += d.subs(x, x0) / sp.factorial(k) * (x - x0) ** k
        d = sp.diff(d, x)
    return poly


def taylor_powers_of_x(expr, x, x0, order):
    poly, d = sp.Integer(0), expr
    for k in range(order + 1):
        poly += d.subs(x, x0) / sp.factorial(k) * x**k
        d = sp.diff(d, x)
    return poly


def taylor_not_evaluated_at_x0(expr, x, x0, order):
    poly, d = sp.Integer(0), expr
    for k in range(order + 1):
        poly += d / sp.factorial(k) * (x - x0) ** k  # f^(k)(x) instead of f^(k)(x0)
        d = sp.diff(d, x)
    return poly


# --------------------------------------------------------------------------------------------
# taylor_error
# --------------------------------------------------------------------------------------------
def _f_and_t(expr, x, x0, order, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, ref.taylor_polynomial(expr, x, x0, order), "numpy")
    return f(p), t(p)


def taylor_error_mean(expr, x, x0, order, points):
    f, t = _f_and_t(expr, x, x0, order, points)
    return float(np.mean(np.abs(f - t)))


def taylor_error_signed(expr, x, x0, order, points):
    f, t = _f_and_t(expr, x, x0, order, points)
    return float(np.max(f - t))


def taylor_error_squared(expr, x, x0, order, points):
    f, t = _f_and_t(expr, x, x0, order, points)
    return float(np.max((f - t) ** 2))


# --------------------------------------------------------------------------------------------
# derivative_fn
# --------------------------------------------------------------------------------------------
def derivative_no_broadcast(expr, x):
    return sp.lambdify(x, sp.diff(expr, x), "numpy")  # a constant f' stays one number


def derivative_forward_difference(expr, x):
    f = sp.lambdify(x, expr, "numpy")
    h = 1e-4
    return lambda v: (f(np.asarray(v, dtype=float) + h) - f(np.asarray(v, dtype=float))) / h


def derivative_returns_f(expr, x):
    f = sp.lambdify(x, expr, "numpy")
    return lambda v: f(np.asarray(v, dtype=float)) + np.zeros_like(np.asarray(v, dtype=float))


# --------------------------------------------------------------------------------------------
# gradient_descent_1d
# --------------------------------------------------------------------------------------------
def gd1_ascent(df, x0, lr, epochs):
    xs = [x0]
    for _ in range(epochs):
        xs.append(xs[-1] + lr * df(xs[-1]))
    return np.array(xs)


def gd1_without_x0(df, x0, lr, epochs):
    xs, x = [], x0
    for _ in range(epochs):
        x = x - lr * df(x)
        xs.append(x)
    return np.array(xs)


def gd1_one_update_too_many(df, x0, lr, epochs):
    xs = [x0]
    for _ in range(epochs + 1):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)


def gd1_gradient_of_start(df, x0, lr, epochs):
    g0 = df(x0)  # computed once, outside the loop
    return np.array([x0 - t * lr * g0 for t in range(epochs + 1)])


# --------------------------------------------------------------------------------------------
# gradient_2d
# --------------------------------------------------------------------------------------------
def gradient_2d_swapped(f_expr, x, y):
    dfdx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    dfdy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    return lambda a, b: np.array([dfdy(a, b), dfdx(a, b)], dtype=float)


def gradient_2d_both_in_x(f_expr, x, y):
    dfdx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    return lambda a, b: np.array([dfdx(a, b), dfdx(a, b)], dtype=float)


def gradient_2d_arguments_swapped(f_expr, x, y):
    dfdx = sp.lambdify((y, x), sp.diff(f_expr, x), "numpy")  # lambdify((y, x)...) by mistake
    dfdy = sp.lambdify((y, x), sp.diff(f_expr, y), "numpy")
    return lambda a, b: np.array([dfdx(a, b), dfdy(a, b)], dtype=float)


# --------------------------------------------------------------------------------------------
# gradient_descent_2d
# --------------------------------------------------------------------------------------------
def gd2_ignores_ascent(grad, p0, lr, epochs, ascent=False):
    return ref.gradient_descent_2d(grad, p0, lr, epochs)


def gd2_aliased_rows(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=float)
    path = [p]
    for _ in range(epochs):
        p += sign * lr * np.asarray(grad(p[0], p[1]))  # in place: every row is the same array
        path.append(p)
    return np.array(path)


def gd2_sequential_coordinates(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=float)
    path = [p.copy()]
    for _ in range(epochs):
        p[0] = p[0] + sign * lr * grad(p[0], p[1])[0]
        p[1] = p[1] + sign * lr * grad(p[0], p[1])[1]  # gradient at the half-updated point
        path.append(p.copy())
    return np.array(path)


def gd2_without_p0(grad, p0, lr, epochs, ascent=False):
    return ref.gradient_descent_2d(grad, p0, lr, epochs, ascent)[1:]


# --------------------------------------------------------------------------------------------
# lr_by_epoch
# --------------------------------------------------------------------------------------------
def lr_epoch_plus_one(lr0, epoch, n_epochs):
    return lr0 * (1 - (np.asarray(epoch) + 1) / n_epochs)  # the last epoch gets 0


def lr_integer_division(lr0, epoch, n_epochs):
    return lr0 * (1 - np.asarray(epoch) // n_epochs)  # always lr0


def lr_increasing(lr0, epoch, n_epochs):
    return lr0 * np.asarray(epoch, dtype=float) / n_epochs  # a warm-up, not a decay


# --------------------------------------------------------------------------------------------
# gd_dynamic_1d
# --------------------------------------------------------------------------------------------
def dyn_epoch_from_one(df, x0, lr_fn, epochs):
    xs, lrs = [x0], []
    for t in range(epochs):
        g = df(xs[-1])
        lrs.append(lr_fn(t + 1, g))
        xs.append(xs[-1] - lrs[-1] * g)
    return np.array(xs), np.array(lrs)


def dyn_rate_fixed_at_start(df, x0, lr_fn, epochs):
    lr = lr_fn(0, df(x0))  # chosen once, never updated
    xs = ref.gradient_descent_1d(df, x0, lr, epochs)
    return xs, np.full(epochs, lr)


def dyn_arguments_swapped(df, x0, lr_fn, epochs):
    xs, lrs = [x0], []
    for t in range(epochs):
        g = df(xs[-1])
        lrs.append(lr_fn(g, t))
        xs.append(xs[-1] - lrs[-1] * g)
    return np.array(xs), np.array(lrs)


# --------------------------------------------------------------------------------------------
# mse_gradient
# --------------------------------------------------------------------------------------------
def mse_grad_sum(X, y, w, b):
    r = X @ w + b - y
    return 2 * X.T @ r, float(2 * r.sum())


def mse_grad_no_two(X, y, w, b):
    r = X @ w + b - y
    return X.T @ r / len(y), float(r.mean())


def mse_grad_wrong_sign(X, y, w, b):
    r = y - (X @ w + b)
    return 2 / len(y) * X.T @ r, float(2 * r.mean())


# --------------------------------------------------------------------------------------------
# minibatch_gd
# --------------------------------------------------------------------------------------------
def _minibatch(X, y, lr, epochs, batch_size, seed, order_of, keep_last=True, per_update=True):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for epoch in range(epochs):
        ox, oy = order_of(epoch, n)
        stop = n if keep_last else n - n % batch_size
        for start in range(0, stop, batch_size):
            ix, iy = ox[start:start + batch_size], oy[start:start + batch_size]
            dw, db = ref.mse_gradient(X[ix], y[iy], w, b)
            w, b = w - lr * dw, b - lr * db
            if per_update:
                losses.append(np.mean((X @ w + b - y) ** 2))
        if not per_update:
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


def minibatch_no_shuffle(X, y, lr, epochs, batch_size, seed=0):
    return _minibatch(X, y, lr, epochs, batch_size, seed,
                      lambda e, n: (np.arange(n), np.arange(n)))


def minibatch_new_generator_each_epoch(X, y, lr, epochs, batch_size, seed=0):
    def order(e, n):
        perm = np.random.default_rng(seed).permutation(n)  # the same order every epoch
        return perm, perm
    return _minibatch(X, y, lr, epochs, batch_size, seed, order)


def minibatch_drops_last_batch(X, y, lr, epochs, batch_size, seed=0):
    rng = np.random.default_rng(seed)

    def order(e, n):
        perm = rng.permutation(n)
        return perm, perm
    return _minibatch(X, y, lr, epochs, batch_size, seed, order, keep_last=False)


def minibatch_loss_per_epoch(X, y, lr, epochs, batch_size, seed=0):
    rng = np.random.default_rng(seed)

    def order(e, n):
        perm = rng.permutation(n)
        return perm, perm
    return _minibatch(X, y, lr, epochs, batch_size, seed, order, per_update=False)


def minibatch_shuffles_x_and_y_apart(X, y, lr, epochs, batch_size, seed=0):
    rng = np.random.default_rng(seed)

    def order(e, n):
        return rng.permutation(n), rng.permutation(n)  # X and y no longer match
    return _minibatch(X, y, lr, epochs, batch_size, seed, order)


# --------------------------------------------------------------------------------------------
# interpolate_loss
# --------------------------------------------------------------------------------------------
def interp_swapped_ends(loss_fn, theta0, theta1, alphas):
    t0, t1 = np.asarray(theta0, dtype=float), np.asarray(theta1, dtype=float)
    return np.array([loss_fn(a * t0 + (1 - a) * t1) for a in alphas])


def interp_forgets_one_minus_alpha(loss_fn, theta0, theta1, alphas):
    t0, t1 = np.asarray(theta0, dtype=float), np.asarray(theta1, dtype=float)
    return np.array([loss_fn(t0 + a * t1) for a in alphas])


def interp_returns_parameters(loss_fn, theta0, theta1, alphas):
    t0, t1 = np.asarray(theta0, dtype=float), np.asarray(theta1, dtype=float)
    return np.array([(1 - a) * t0 + a * t1 for a in alphas])


# --------------------------------------------------------------------------------------------
# chain_gradient
# --------------------------------------------------------------------------------------------
def chain_derivative_at_output(x, weights, act, act_derivative):
    h, hs = float(x), []
    for w in weights:
        h = act(w * h)
        hs.append(h)
    g = np.ones(len(weights) + 1)
    for i in range(len(weights) - 1, -1, -1):
        g[i] = g[i + 1] * act_derivative(hs[i]) * weights[i]  # sigma'(h) instead of sigma'(a)
    return g


def chain_forgets_weights(x, weights, act, act_derivative):
    h, a = float(x), []
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    g = np.ones(len(weights) + 1)
    for i in range(len(weights) - 1, -1, -1):
        g[i] = g[i + 1] * act_derivative(a[i])
    return g


def chain_reversed(x, weights, act, act_derivative):
    return ref.chain_gradient(x, weights, act, act_derivative)[::-1]  # output first


WRONG = {
    "taylor_polynomial": [
        ("forgets the 1/k! factor", taylor_no_factorial),
        ("sums k = 0..order-1 (range(order)): one term short", taylor_stops_one_early),
        ("uses powers of x instead of (x - x0)", taylor_powers_of_x),
        ("does not evaluate the derivatives at x0", taylor_not_evaluated_at_x0),
    ],
    "taylor_error": [
        ("mean instead of max of the error", taylor_error_mean),
        ("signed error, no absolute value", taylor_error_signed),
        ("squared error", taylor_error_squared),
    ],
    "derivative_fn": [
        ("constant derivative not broadcast to the shape of the input", derivative_no_broadcast),
        ("forward difference with h = 1e-4 instead of the exact derivative",
         derivative_forward_difference),
        ("returns f instead of f'", derivative_returns_f),
    ],
    "gradient_descent_1d": [
        ("gradient ascent: + instead of -", gd1_ascent),
        ("trajectory without x0", gd1_without_x0),
        ("one update too many (off by one in epochs)", gd1_one_update_too_many),
        ("uses the gradient of the start at every step", gd1_gradient_of_start),
    ],
    "gradient_2d": [
        ("returns [df/dy, df/dx]", gradient_2d_swapped),
        ("differentiates both components with respect to x", gradient_2d_both_in_x),
        ("lambdifies with the arguments in the order (y, x)", gradient_2d_arguments_swapped),
    ],
    "gradient_descent_2d": [
        ("ignores ascent=True", gd2_ignores_ascent),
        ("appends the same array, updated in place", gd2_aliased_rows),
        ("updates y with the gradient at the already-updated x", gd2_sequential_coordinates),
        ("path without p0", gd2_without_p0),
    ],
    "lr_by_epoch": [
        ("epoch + 1: the schedule is one epoch ahead", lr_epoch_plus_one),
        ("integer division epoch // n_epochs", lr_integer_division),
        ("increases with the epoch", lr_increasing),
    ],
    "gd_dynamic_1d": [
        ("counts steps from 1 when calling lr_fn", dyn_epoch_from_one),
        ("chooses the learning rate once, at the start", dyn_rate_fixed_at_start),
        ("calls lr_fn(g, t) instead of lr_fn(t, g)", dyn_arguments_swapped),
    ],
    "mse_gradient": [
        ("sums over the examples instead of averaging", mse_grad_sum),
        ("forgets the 2 of d/du u^2", mse_grad_no_two),
        ("uses y - y_hat (the sign of the gradient flips)", mse_grad_wrong_sign),
    ],
    "minibatch_gd": [
        ("never shuffles", minibatch_no_shuffle),
        ("creates a new generator every epoch (same order every epoch)",
         minibatch_new_generator_each_epoch),
        ("drops the last, smaller batch", minibatch_drops_last_batch),
        ("records the loss once per epoch instead of per update", minibatch_loss_per_epoch),
        ("shuffles X and y with different permutations", minibatch_shuffles_x_and_y_apart),
    ],
    "interpolate_loss": [
        ("alpha weights theta0 instead of theta1", interp_swapped_ends),
        ("theta0 + alpha * theta1 (forgets 1 - alpha)", interp_forgets_one_minus_alpha),
        ("returns the interpolated parameters, not the loss", interp_returns_parameters),
    ],
    "chain_gradient": [
        ("activation derivative at the output h instead of the pre-activation a",
         chain_derivative_at_output),
        ("forgets the weight factor of each layer", chain_forgets_weights),
        ("returns the derivatives in reverse order", chain_reversed),
    ],
}
