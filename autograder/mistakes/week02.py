"""Known-wrong solutions of week02 (gradient descent): the usual student mistakes.

``WRONG[exercise]`` lists ``(why it is wrong, implementation)``; each implementation replaces
the exercise's name in the reference namespace, and the exercise's hidden tests must reject it
(see ``tests/test_exercises.py``). They may call the other references (``mse_gradient`` inside
``minibatch_gd``...), as a student's notebook would call the student's own functions.
"""

from __future__ import annotations

import math

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
def _f_and_t(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, poly, "numpy")
    return f(p), t(p)


def taylor_error_mean(expr, poly, x, points):
    f, t = _f_and_t(expr, poly, x, points)
    return float(np.mean(np.abs(f - t)))


def taylor_error_signed(expr, poly, x, points):
    f, t = _f_and_t(expr, poly, x, points)
    return float(np.max(f - t))


def taylor_error_squared(expr, poly, x, points):
    f, t = _f_and_t(expr, poly, x, points)
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


def minibatch_shuffles_order_in_place(X, y, lr, epochs, batch_size, seed=0):
    rng = np.random.default_rng(seed)
    order = np.arange(len(y))  # created once; rng.shuffle permutes it again every epoch

    def order_of(e, n):
        rng.shuffle(order)  # epoch 2's order is a shuffle of epoch 1's, not a new permutation
        return order.copy(), order.copy()
    return _minibatch(X, y, lr, epochs, batch_size, seed, order_of)


# --------------------------------------------------------------------------------------------
# interpolate_loss
# --------------------------------------------------------------------------------------------
def interp_no_conversion(loss_fn, theta0, theta1, alphas):
    return np.array([loss_fn((1 - a) * theta0 + a * theta1) for a in alphas])


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
        ("forgets the 1/k! factor", taylor_no_factorial,
         "Compare your second-order term with f''(x0)/2 (x - x0)^2 in the formula: "
         "check the denominator of every term, and remember that 0! = 1."),
        ("sums k = 0..order-1 (range(order)): one term short", taylor_stops_one_early,
         "Try order=0: the polynomial should be the constant f(x0). "
         "The sum runs up to and including k = order; check where your range stops."),
        ("uses powers of x instead of (x - x0)", taylor_powers_of_x,
         "A Taylor polynomial agrees with f at x0: evaluate your T_1 at x = x0 "
         "with x0 != 0. What is each power in the formula measured from?"),
        ("does not evaluate the derivatives at x0", taylor_not_evaluated_at_x0,
         "Print your result for sin(x) around 0, order 3: it should hold only "
         "numbers and powers of x. Which SymPy method puts x0 into each derivative?"),
    ],
    "taylor_error": [
        ("mean instead of max of the error", taylor_error_mean,
         "Re-read E = max_i |f(p_i) - T(p_i)|: one number, the worst point. "
         "Test exp(x) against 1 + x on the points 0 and 1: the answer is e - 2."),
        ("signed error, no absolute value", taylor_error_signed,
         "Test cos(x) against 1 on the points 0 and 2: the difference is negative everywhere, "
         "yet E must be >= 0. What must happen to each difference before the max?"),
        ("squared error", taylor_error_squared,
         "E is measured in the units of f, like the difference itself. Test exp(x) "
         "against 1 + x on the points 0 and 1: the answer is e - 2, about 0.718."),
    ],
    "derivative_fn": [
        ("constant derivative not broadcast to the shape of the input", derivative_no_broadcast,
         "Call df(np.zeros(4)) for f = 2x + 1: you must get 4 values, not one number. "
         "The prompt's paragraph on the trap says how to give a constant f' the shape of v."),
        ("forward difference with h = 1e-4 instead of the exact derivative",
         derivative_forward_difference,
         "Compare df(0.0) for f = 3x^2 - 3x + 4 with the exact f'(0) = -3: "
         "yours is off by about 3e-4. SymPy can differentiate the expression exactly."),
        ("returns f instead of f'", derivative_returns_f,
         "Check f = 3x^2 - 3x + 4 at v = 0: f'(0) = -3, "
         "while f(0) = 4. Where does your code differentiate the expression?"),
    ],
    "gradient_descent_1d": [
        ("gradient ascent: + instead of -", gd1_ascent,
         "Follow one step on f = 3x^2 - 3x + 4 from x0 = 0: f'(0) = -3, "
         "so x must move right and f must go down. Does your step go against the slope?"),
        ("trajectory without x0", gd1_without_x0,
         "Check the length: epochs=2 gives 3 values and epochs=0 gives [x0]. "
         "The trajectory starts where the run starts, before any update."),
        ("one update too many (off by one in epochs)", gd1_one_update_too_many,
         "With epochs=1 you should return [x0, x1]: count how many "
         "times your loop body runs, and the length of what you return."),
        ("uses the gradient of the start at every step", gd1_gradient_of_start,
         "On the parabola your steps should shrink as x nears the minimum, "
         "because f' does. Are yours all the same size? Where do you evaluate df?"),
    ],
    "gradient_2d": [
        ("returns [df/dy, df/dx]", gradient_2d_swapped,
         "Test f = x^2 y + 3y at (2, 1): the gradient is [4, 7]. "
         "The prompt fixes which partial derivative is component 0."),
        ("differentiates both components with respect to x", gradient_2d_both_in_x,
         "Test on f = 2x - 5y, whose gradient is constant: do both components come "
         "out equal? Check the symbol each sp.diff differentiates with respect to."),
        ("lambdifies with the arguments in the order (y, x)", gradient_2d_arguments_swapped,
         "grad(a, b) receives a for x and b for y. Test on a function that is not symmetric, "
         "such as x^2 y + 3y at (2, 1), and check which value lands on which symbol."),
    ],
    "gradient_descent_2d": [
        ("ignores ascent=True", gd2_ignores_ascent,
         "Run one step with ascent=True on f = x^2 + 2y^2 from (1, 1): the point must "
         "move away from the minimum at the origin. Where does your code use the flag?"),
        ("appends the same array, updated in place", gd2_aliased_rows,
         "Print the path after 2 epochs: row 0 must still be p0. Look at what you append, "
         "and whether you then change that same object (+= works in place)."),
        ("updates y with the gradient at the already-updated x", gd2_sequential_coordinates,
         "Both coordinates of p_{t+1} use the gradient at p_t. Do you call grad again "
         "after changing the first coordinate? Re-read the prompt's first classic bug."),
        ("path without p0", gd2_without_p0,
         "Check the shape: epochs=0 must return p0 alone, shape (1, 2), and path[0] is always p0."),
    ],
    "lr_by_epoch": [
        ("epoch + 1: the schedule is one epoch ahead", lr_epoch_plus_one,
         "Epochs count from 0: plug epoch 0 and epoch n_epochs - 1 into your formula. "
         "They must give lr0 and lr0 / n_epochs, and no epoch may get a rate of 0."),
        ("integer division epoch // n_epochs", lr_integer_division,
         "Print lr_by_epoch(0.1, np.arange(4), 4): the rates should fall "
         "step by step. Evaluate 1 // 4 and 1 / 4 in a cell and compare."),
        ("increases with the epoch", lr_increasing,
         "Plug in epoch 0: a decay starts at exactly lr0 and ends "
         "near 0. Re-read the prompt's formula: which part shrinks as t grows?"),
    ],
    "gd_dynamic_1d": [
        ("counts steps from 1 when calling lr_fn", dyn_epoch_from_one,
         "The first update is step t = 0: with lr_fn(t, g) = 0.1 / (t + 1) the "
         "first rate must be 0.1. Compare the t you pass with your loop counter."),
        ("chooses the learning rate once, at the start", dyn_rate_fixed_at_start,
         "Print the rates you return for lr_fn(t, g) = 0.1 / (t + 1): they should "
         "shrink at every step. Where, relative to your loop, do you call lr_fn?"),
        ("calls lr_fn(g, t) instead of lr_fn(t, g)", dyn_arguments_swapped,
         "Test a rule that uses only the gradient, such as 0.02 |g|: "
         "is your first rate 0.02 |f'(x0)|? Read lr_fn's signature in the docstring."),
    ],
    "mse_gradient": [
        ("sums over the examples instead of averaging", mse_grad_sum,
         "The cost is a mean over the N examples (see NOTATION.md). Self-test: "
         "stack X and y twice (2N rows): the gradient of a mean does not change, yours doubles."),
        ("forgets the 2 of d/du u^2", mse_grad_no_two,
         "Compare your dw with torch.autograd's in the test cell: the ratio is the same for "
         "every component. Which constant does the chain rule through (y_hat - y)^2 give?"),
        ("uses y - y_hat (the sign of the gradient flips)", mse_grad_wrong_sign,
         "Check one case by hand: if y_hat > y, the loss falls when y_hat falls, "
         "so db must be positive. Which way round is the residual in the formula?"),
    ],
    "minibatch_gd": [
        ("never shuffles", minibatch_no_shuffle,
         "Re-read step 2 of the recipe: each epoch visits the batches in a new "
         "random order drawn from your generator. Is rng used anywhere in your loop?"),
        ("creates a new generator every epoch (same order every epoch)",
         minibatch_new_generator_each_epoch,
         "Print each epoch's order: with seed=5 and N = 4 it is [3, 1, 2, 0], "
         "then [2, 3, 0, 1]. Step 1 of the recipe says how many generators to create, and when."),
        ("drops the last, smaller batch", minibatch_drops_last_batch,
         "Check len(losses) for N = 4, B = 3: each epoch has two batches, of 3 and 1 examples. "
         "Does your batch loop reach the examples after the last full batch?"),
        ("records the loss once per epoch instead of per update", minibatch_loss_per_epoch,
         "len(losses) must be epochs * ceil(N / B) + 1: one value before "
         "training and one after each update. Where in your loops do you append?"),
        ("shuffles X and y with different permutations", minibatch_shuffles_x_and_y_apart,
         "Print the rows of one batch next to their targets: does each x still have "
         "its own y? Count the permutations you draw per epoch; the recipe draws one."),
        ("shuffles one index array in place every epoch: the orders compound",
         minibatch_shuffles_order_in_place,
         "Compare your epoch orders with the visible check's comment (seed=5: [3, 1, 2, 0], "
         "then [2, 3, 0, 1]). Each epoch permutes 0..N-1 afresh, not the previous epoch's order."),
    ],
    "interpolate_loss": [
        ("alpha weights theta0 instead of theta1", interp_swapped_ends,
         "Check the ends: alpha = 0 must give the loss at theta0 (the start) and "
         "alpha = 1 the loss at theta1. Plug those two values into your expression."),
        ("theta0 + alpha * theta1 (forgets 1 - alpha)", interp_forgets_one_minus_alpha,
         "At alpha = 0.5 the point should be the midpoint of theta0 "
         "and theta1. Plug in alpha = 1: do you land exactly on theta1?"),
        ("returns the interpolated parameters, not the loss", interp_returns_parameters,
         "Check what you return: one float per alpha, "
         "shape (A,). loss_fn turns each point of the line into a number."),
        ("does not convert lists: 0.5 * [1.0, 2.0] is a TypeError", interp_no_conversion,
         "The visible checks pass plain lists: try 0.5 * [1.0, 2.0] in a cell. "
         "Re-read the prompt's note on converting theta0, theta1 and alphas."),
    ],
    "chain_gradient": [
        ("activation derivative at the output h instead of the pre-activation a",
         chain_derivative_at_output,
         "h_l = act(a_l), so layer l's slope is the activation's derivative at its input. "
         "Which values does your backward pass read? A sigmoid chain shows it."),
        ("forgets the weight factor of each layer", chain_forgets_weights,
         "Test the linear chain x = 1, weights = [2, 3], act(a) = a: g must be [6, 3, 1]. "
         "Each layer gives two factors: the activation's slope and da_l / dh_{l-1}."),
        ("returns the derivatives in reverse order", chain_reversed,
         "Index l must hold dh_L / dh_l, so the output's derivative with respect to "
         "itself is the last entry. Compare with the visible example for weights [2, 3]."),
    ],
}


# --------------------------------------------------------------------------------------------
# Other correct implementations: each must earn full marks
# --------------------------------------------------------------------------------------------
def taylor_diff_k_times(expr, x, x0, order):
    return sp.Add(*[sp.diff(expr, x, k).subs(x, x0) * (x - x0) ** k / sp.factorial(k)
                    for k in range(order + 1)])


def taylor_error_subs(expr, poly, x, points):
    return max(abs(float(expr.subs(x, p)) - float(sp.sympify(poly).subs(x, p))) for p in points)


def derivative_broadcast_to(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: np.broadcast_to(np.asarray(d(v), dtype=float), np.shape(v)).copy()


def gd1_list(df, x0, lr, epochs):
    xs = [float(x0)]
    for _ in range(epochs):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)


def gradient_2d_one_lambdify(f_expr, x, y):
    g = sp.lambdify((x, y), [sp.diff(f_expr, x), sp.diff(f_expr, y)], "numpy")
    return lambda a, b: np.array(g(a, b), dtype=float)


def gd2_list_of_copies(grad, p0, lr, epochs, ascent=False):
    p = np.array(p0, dtype=float)
    path = [p.copy()]
    for _ in range(epochs):
        g = np.asarray(grad(p[0], p[1]), dtype=float)
        p = p + lr * g if ascent else p - lr * g
        path.append(p.copy())
    return np.array(path)


def lr_subtract(lr0, epoch, n_epochs):
    return lr0 - lr0 * np.asarray(epoch) / n_epochs


def dyn_lists(df, x0, lr_fn, epochs):
    xs, lrs = [x0], []
    for t in range(epochs):
        g = df(xs[-1])
        lrs.append(lr_fn(t, g))
        xs.append(xs[-1] - lrs[-1] * g)
    return np.array(xs, dtype=float), np.array(lrs, dtype=float)


def mse_grad_loop(X, y, w, b):
    dw, db = np.zeros(len(w)), 0.0
    for x_i, y_i in zip(X, y):
        r = float(x_i @ w + b - y_i)
        dw += 2 * r * x_i / len(y)
        db += 2 * r / len(y)
    return dw, db


def minibatch_shuffle_fresh_arange(X, y, lr, epochs, batch_size, seed=0):
    n = len(y)
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = np.arange(n)
        rng.shuffle(order)  # a fresh arange shuffled: the same draw as rng.permutation(n)
        for start in range(0, n, batch_size):
            Xb, yb = X[order[start:start + batch_size]], y[order[start:start + batch_size]]
            r = Xb @ w + b - yb
            w = w - lr * 2 * np.mean(r[:, None] * Xb, axis=0)
            b = b - lr * 2 * np.mean(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


def interp_vectorized_points(loss_fn, theta0, theta1, alphas):
    a = np.asarray(alphas, dtype=float)[:, None]  # (A, 1)
    points = (1 - a) * np.asarray(theta0, dtype=float) + a * np.asarray(theta1, dtype=float)
    return np.array([float(loss_fn(p)) for p in points])


def chain_products(x, weights, act, act_derivative):
    a, h = [], float(x)
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    factors = [act_derivative(a_l) * w for a_l, w in zip(a, weights)]
    return np.array([float(np.prod(factors[k:])) for k in range(len(weights) + 1)])


RIGHT = {
    "taylor_polynomial": [("sp.diff(expr, x, k) for each k, summed with sp.Add",
                           taylor_diff_k_times)],
    "taylor_error": [("evaluates with subs point by point, no lambdify", taylor_error_subs)],
    "derivative_fn": [("np.broadcast_to the shape of v", derivative_broadcast_to)],
    "gradient_descent_1d": [("a Python list of floats", gd1_list)],
    "gradient_2d": [("one lambdify of the list of both partials", gradient_2d_one_lambdify)],
    "gradient_descent_2d": [("a list of copies of the point", gd2_list_of_copies)],
    "lr_by_epoch": [("lr0 - lr0 * epoch / n_epochs", lr_subtract)],
    "gd_dynamic_1d": [("Python lists", dyn_lists)],
    "mse_gradient": [("a loop over the examples", mse_grad_loop)],
    "minibatch_gd": [("rng.shuffle of a fresh np.arange(N) each epoch, gradient as a mean",
                      minibatch_shuffle_fresh_arange)],
    "interpolate_loss": [("all interpolated points at once by broadcasting",
                          interp_vectorized_points)],
    "chain_gradient": [("products of the per-layer factors", chain_products)],
}


# --------------------------------------------------------------------------------------------
# Blind review (issue 22): wrong solutions written by a reviewer who had read the student
# release only
# --------------------------------------------------------------------------------------------
def taylor_own_symbol(expr, x, x0, order):
    X = sp.Symbol("x")  # a new symbol named x, not the argument
    return sum(sp.diff(expr, X, k).subs(X, x0) / sp.factorial(k) * (X - x0) ** k
               for k in range(order + 1))


def taylor_cumulative_diff(expr, x, x0, order):
    poly, d = sp.Integer(0), expr
    for k in range(order + 1):
        d = sp.diff(d, x, k)  # differentiates k more times at step k: 0, 1, 3, 6, ... in all
        poly += d.subs(x, x0) / sp.factorial(k) * (x - x0) ** k
    return poly


def _taylor_errors(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f, t = sp.lambdify(x, expr, "numpy"), sp.lambdify(x, poly, "numpy")
    return p, f, t


def taylor_error_norm(expr, poly, x, points):
    p, f, t = _taylor_errors(expr, poly, x, points)
    return float(np.linalg.norm(f(p) - t(p)))


def taylor_error_sum(expr, poly, x, points):
    p, f, t = _taylor_errors(expr, poly, x, points)
    return float(np.sum(np.abs(f(p) - t(p))))


def taylor_error_ends(expr, poly, x, points):
    p, f, t = _taylor_errors(expr, poly, x, points)
    ends = p[[0, -1]]
    return float(np.max(np.abs(f(ends) - t(ends))))


def derivative_int_broadcast(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: np.broadcast_to(d(v), np.shape(v))  # the constant 2 stays an int


def derivative_math_module(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "math")
    return lambda v: d(v) + np.zeros_like(v, dtype=float)


def derivative_len_broadcast(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")

    def df(v):
        out = d(v)
        if np.ndim(out) == 0 and np.ndim(v) > 0:
            return np.full(len(v), float(out))
        return out
    return df


def gd1_stops_at_zero_gradient(df, x0, lr, epochs):
    xs = [float(x0)]
    for _ in range(epochs):
        g = df(xs[-1])
        if g == 0:
            break  # fewer than epochs + 1 points
        xs.append(xs[-1] - lr * g)
    return np.array(xs)


def gd1_python_list(df, x0, lr, epochs):
    xs = [x0]
    for _ in range(epochs):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return xs


def gd1_int_start(df, x0, lr, epochs):
    xs = [x0]
    for _ in range(epochs):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)  # integer for an integer x0 and epochs = 0


def gradient_2d_int(f_expr, x, y):
    fx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    fy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    return lambda a, b: np.array([fx(a, b), fy(a, b)])


def gradient_2d_tuple(f_expr, x, y):
    fx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    fy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    return lambda a, b: (float(fx(a, b)), float(fy(a, b)))


def gradient_2d_own_symbols(f_expr, x, y):
    X, Y = sp.symbols("x y")  # new symbols named x and y, not the arguments
    fx = sp.lambdify((X, Y), sp.diff(f_expr, X), "numpy")
    fy = sp.lambdify((X, Y), sp.diff(f_expr, Y), "numpy")
    return lambda a, b: np.array([fx(a, b), fy(a, b)], dtype=float)


def gd2_python_list(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=float)
    path = [p.copy()]
    for _ in range(epochs):
        p = p + sign * lr * grad(p[0], p[1])
        path.append(p.copy())
    return path


def lr_last_epoch_zero(lr0, epoch, n_epochs):
    return lr0 * (1 - np.asarray(epoch) / (n_epochs - 1))


def lr_python_list(lr0, epoch, n_epochs):
    if np.ndim(epoch) == 0:
        return lr0 * (1 - epoch / n_epochs)
    return [lr0 * (1 - e / n_epochs) for e in epoch]


def _dyn_blind(df, x0, lr_fn, epochs, *, rate_of):
    xs, lrs = [float(x0)], []
    for t in range(epochs):
        g = df(xs[-1])
        lrs.append(lr_fn(t, rate_of(xs[-1], g)))
        xs.append(xs[-1] - lrs[-1] * g)
    return np.array(xs), np.array(lrs, dtype=float)


def dyn_python_lists(df, x0, lr_fn, epochs):
    xs, lrs = [x0], []
    for t in range(epochs):
        g = df(xs[-1])
        lrs.append(lr_fn(t, g))
        xs.append(xs[-1] - lrs[-1] * g)
    return xs, lrs


def mse_grad_over_features(X, y, w, b):
    r = X @ w + b - y
    d = X.shape[1]  # the number of features, not of examples
    return 2 * X.T @ r / d, 2 * float(np.sum(r)) / d


def _minibatch_blind(X, y, lr, epochs, batch_size, seed=0, *, split=False):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = rng.permutation(n)
        if split:  # ceil(N / B) near-equal batches, not order[0:B], order[B:2B], ...
            batches = np.array_split(order, math.ceil(n / batch_size))
        else:
            batches = [order[s:s + batch_size] for s in range(0, n, batch_size)]
        for idx in batches:
            size = len(idx) if split else batch_size  # batch_size: wrong for a short last batch
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / size * X[idx].T @ r
            b = b - lr * 2 / size * np.sum(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)


def interp_python_list(loss_fn, theta0, theta1, alphas):
    t0, t1 = np.asarray(theta0, dtype=float), np.asarray(theta1, dtype=float)
    return [loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)]


def chain_python_list(x, weights, act, act_derivative):
    a, h = [], x
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    g = [1.0]
    for w, a_l in zip(reversed(weights), reversed(a)):
        g.append(g[-1] * act_derivative(a_l) * w)
    return g[::-1]


WRONG["taylor_polynomial"] += [
    ("makes its own symbol named x instead of using the argument x", taylor_own_symbol,
     "Call it with a symbol t = sp.Symbol('t') and an expression in t: the result must be a "
     "polynomial in t. Which symbol does your code differentiate with respect to?"),
    ("differentiates cumulatively: k more times at step k", taylor_cumulative_diff,
     "Print the derivative your code uses at each k for x^3: it must be the k-th derivative, "
     "one more than at the step before. Try T_2 of a quadratic: it is the quadratic itself."),
]
WRONG["taylor_error"] += [
    ("Euclidean norm of the errors instead of the largest", taylor_error_norm,
     "Take three points where the errors are 1, 1 and 1: the largest error is 1. Does your "
     "function return 1, or a number that grows with the count of points?"),
    ("sum of the absolute errors instead of the largest", taylor_error_sum,
     "Take three points where the errors are 1, 1 and 1: the largest error is 1. Does your "
     "function return 1, or a number that grows with the count of points?"),
    ("looks at the first and last point only", taylor_error_ends,
     "Approximate sin(x) by the constant 0 on the points [-3, -1.6, 0, 1.5, 3]: the largest "
     "error is near +-1.5, inside. Does your code look at every point?"),
]
WRONG["derivative_fn"] += [
    ("np.broadcast_to keeps a constant integer derivative as integers",
     derivative_int_broadcast,
     "Print the dtype of df(np.zeros(3)) for f = 2x + 5: the derivative 2 lambdifies to the "
     "int 2. The docstring promises a float array."),
    ("lambdify with the 'math' module: fails on arrays for cos, exp", derivative_math_module,
     "Try f = cos(x) on np.array([0.0, 1.0]): the math module takes single numbers only. "
     "Which module does the prompt pass to sp.lambdify?"),
    ("broadcasts a constant derivative to len(v)", derivative_len_broadcast,
     "Try f = 2x + 5 on np.zeros((2, 3)) and on the float 0.5, and print the shapes: the "
     "result must have the shape of v, not its length."),
]
WRONG["gradient_descent_1d"] += [
    ("stops early when the derivative is 0: fewer than epochs + 1 points",
     gd1_stops_at_zero_gradient,
     "Start at a critical point, e.g. x0 = 0 for cos(2 pi x) + x^2, with epochs=10: the "
     "prompt promises epochs + 1 numbers whatever happens on the way."),
    ("returns a Python list", gd1_python_list,
     "Print type(result): the docstring promises a float NumPy array of shape (T + 1,), "
     "not a list."),
    ("an integer x0 with epochs=0 gives an integer array", gd1_int_start,
     "Call it with x0=2 (an int) and epochs=0, then print the dtype: the docstring promises "
     "a float array for any start."),
]
WRONG["gradient_2d"] += [
    ("no float conversion: a linear f gives an integer array", gradient_2d_int,
     "Print the dtype of grad(1.0, 2.0) for f = 2x - 5y: both partials lambdify to ints. The "
     "docstring promises a float array."),
    ("returns a tuple, not an array", gradient_2d_tuple,
     "Print type(grad(1.0, 2.0)): the prompt asks for np.array([df/dx, df/dy]), a NumPy "
     "array of shape (2,), not a tuple."),
    ("makes its own symbols named x and y instead of using the arguments",
     gradient_2d_own_symbols,
     "Call it with symbols u, w = sp.symbols('u w') and an expression in u and w: which "
     "symbols does your code differentiate with respect to?"),
]
WRONG["gradient_descent_2d"] += [
    ("returns a list of points, not a (T + 1, 2) array", gd2_python_list,
     "Print type(path): the docstring promises a float NumPy array of shape (T + 1, 2), "
     "not a list of points."),
]
WRONG["lr_by_epoch"] += [
    ("divides by n_epochs - 1: the last epoch gets 0", lr_last_epoch_zero,
     "Evaluate the last epoch, n_epochs - 1: the prompt says it uses lr0 / n_epochs, not 0. "
     "Check the denominator of t / T."),
    ("a list for an array of epochs", lr_python_list,
     "Call it on np.arange(5) and print type(result): the docstring promises a float array "
     "of the shape of epoch, not a list."),
]
WRONG["gd_dynamic_1d"] += [
    ("passes x_t instead of the gradient g to lr_fn", lambda df, x0, lr_fn, epochs:
     _dyn_blind(df, x0, lr_fn, epochs, rate_of=lambda x, g: x),
     "Use lr_fn = lambda t, g: 0.02 * abs(g) and print what lr_fn receives: the prompt asks "
     "for lr_fn(t, g) with g = f'(x_t)."),
    ("passes |g| instead of g to lr_fn", lambda df, x0, lr_fn, epochs:
     _dyn_blind(df, x0, lr_fn, epochs, rate_of=lambda x, g: abs(g)),
     "Use an lr_fn that depends on the sign of g, e.g. 0.25 if g > 0 else 0.1, from a start "
     "where f' < 0: lr_fn must receive g itself, sign included."),
    ("returns Python lists", dyn_python_lists,
     "Print the types of the two results: the docstring promises NumPy arrays of shapes "
     "(T + 1,) and (T,), not lists."),
]
WRONG["mse_gradient"] += [
    ("divides by the number of features D instead of N", mse_grad_over_features,
     "Try X of shape (4, 1): the mean runs over the N = 4 examples. Print the number you "
     "divide by and compare it with len(y)."),
]
WRONG["minibatch_gd"] += [
    ("divides the gradient by batch_size, also for a smaller last batch",
     lambda X, y, lr, epochs, batch_size, seed=0: _minibatch_blind(X, y, lr, epochs, batch_size,
                                                                   seed),
     "Take N = 4 and B = 3: the last batch holds 1 example, and its MSE is a mean over that "
     "one example. What do you divide that batch's gradient by?"),
    ("np.array_split into ceil(N / B) near-equal batches",
     lambda X, y, lr, epochs, batch_size, seed=0: _minibatch_blind(X, y, lr, epochs, batch_size,
                                                                   seed, split=True),
     "Print the sizes of your batches for N = 4 and B = 3: the recipe visits order[0:3], then "
     "order[3:6], so sizes 3 and 1, not 2 and 2."),
]
WRONG["interpolate_loss"] += [
    ("returns a Python list", interp_python_list,
     "Print type(result): the prompt asks for a float NumPy array, not a list."),
]
WRONG["chain_gradient"] += [
    ("returns a Python list", chain_python_list,
     "Print type(g): the docstring promises a float NumPy array of shape (L + 1,), "
     "not a list."),
]


def taylor_series_remove_o(expr, x, x0, order):
    return sp.series(expr, x, x0, order + 1).removeO() + 0 * x


def taylor_error_inf_norm(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    diff = sp.lambdify(x, expr - poly, "numpy")
    return float(np.linalg.norm(np.broadcast_to(diff(p), p.shape), np.inf))


def derivative_float_zeros(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")

    def df(v):
        v = np.asarray(v, dtype=float)
        return np.asarray(d(v), dtype=float) + np.zeros(v.shape)
    return df


def gd1_preallocated(df, x0, lr, epochs):
    xs = np.empty(epochs + 1)
    xs[0] = x0
    for t in range(epochs):
        xs[t + 1] = xs[t] - lr * df(xs[t])
    return xs


def gd2_p0_in_place(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.asarray(p0, dtype=float)  # the caller's float array: changing it is allowed
    path = np.empty((epochs + 1, 2))
    path[0] = p
    for t in range(epochs):
        p += sign * lr * np.asarray(grad(p[0], p[1]), dtype=float)
        path[t + 1] = p
    return path


def gd2_vstack(grad, p0, lr, epochs, ascent=False):
    step = lr if ascent else -lr
    points = [np.array(p0, dtype=float)]
    for _ in range(epochs):
        p = points[-1]
        points.append(p + step * np.asarray(grad(p[0], p[1]), dtype=float))
    return np.vstack(points)


def lr_remaining_fraction(lr0, epoch, n_epochs):
    return lr0 * (n_epochs - np.asarray(epoch, dtype=float)) / n_epochs


def dyn_preallocated(df, x0, lr_fn, epochs):
    xs, lrs = np.empty(epochs + 1), np.empty(epochs)
    xs[0] = x0
    for t in range(epochs):
        g = df(xs[t])
        lrs[t] = lr_fn(t, g)
        xs[t + 1] = xs[t] - lrs[t] * g
    return xs, lrs


def mse_grad_mean_of_rows(X, y, w, b):
    X = np.asarray(X, dtype=float)
    r = X @ w + b - y
    return 2 * np.mean(X * r[:, None], axis=0), float(2 * np.mean(r))


def minibatch_index_arithmetic(X, y, lr, epochs, batch_size, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    rng = np.random.default_rng(seed)
    losses = [float(np.mean((X @ w + b - y) ** 2))]
    for _ in range(epochs):
        order = rng.permutation(n)
        for k in range(-(-n // batch_size)):
            idx = order[k * batch_size:(k + 1) * batch_size]
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2.0 * X[idx].T @ r / len(idx)
            b = b - lr * 2.0 * r.sum() / len(idx)
            losses.append(float(np.mean((X @ w + b - y) ** 2)))
    return w, b, np.array(losses)


def interp_plain_array(loss_fn, theta0, theta1, alphas):
    # no float() around each loss: fine for the float losses the docstring promises
    t0, t1 = np.asarray(theta0, dtype=float), np.asarray(theta1, dtype=float)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)])


def interp_from_theta0(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    d = np.asarray(theta1, dtype=float) - t0
    out = np.empty(len(alphas))
    for i, a in enumerate(np.asarray(alphas, dtype=float)):
        out[i] = loss_fn(t0 + a * d)
    return out


def chain_reverse_cumprod(x, weights, act, act_derivative):
    factors, h = [], float(x)
    for w in np.asarray(weights, dtype=float):
        a = w * h
        factors.append(float(act_derivative(a)) * w)
        h = act(a)
    return np.append(np.cumprod(np.array(factors[::-1], dtype=float))[::-1], 1.0)


def chain_np_array_of_list(x, weights, act, act_derivative):
    # np.array of the list: floats for the float derivatives the docstring promises
    a, h = [], x
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    g = [1]
    for w, a_l in zip(reversed(weights), reversed(a)):
        g.append(g[-1] * act_derivative(a_l) * w)
    return np.array(g[::-1])


RIGHT["taylor_polynomial"] += [("sp.series(...).removeO()", taylor_series_remove_o)]
RIGHT["taylor_error"] += [("lambdify the difference, infinity norm", taylor_error_inf_norm)]
RIGHT["derivative_fn"] += [("float arrays plus zeros of v's shape", derivative_float_zeros)]
RIGHT["gradient_descent_1d"] += [("a preallocated float array", gd1_preallocated)]
RIGHT["gradient_descent_2d"] += [("changes the caller's p0 in place", gd2_p0_in_place),
                                 ("a list of fresh arrays, np.vstack at the end", gd2_vstack)]
RIGHT["lr_by_epoch"] += [("(T - t) / T in floats", lr_remaining_fraction)]
RIGHT["gd_dynamic_1d"] += [("preallocated arrays", dyn_preallocated)]
RIGHT["mse_gradient"] += [("the mean of the per-example gradients", mse_grad_mean_of_rows)]
RIGHT["minibatch_gd"] += [("batches by index arithmetic", minibatch_index_arithmetic)]
RIGHT["interpolate_loss"] += [("np.array of the losses as they come", interp_plain_array),
                              ("theta0 + alpha * (theta1 - theta0)", interp_from_theta0)]
RIGHT["chain_gradient"] += [("reverse cumulative product of the factors", chain_reverse_cumprod),
                            ("np.array of a list started at 1", chain_np_array_of_list)]

# The entries above that blind review found (issue 22), by their `why`.

# ------------------------------------------------------------------------------ blind review, round 2
def gd2_tile_int(grad, p0, lr, epochs, ascent=False):
    path = np.tile(np.asarray(p0), (epochs + 1, 1))  # an integer p0 gives an integer path
    for t in range(epochs):
        g = grad(*path[t])
        path[t + 1] = path[t] + lr * g if ascent else path[t] - lr * g
    return path


def interp_float32(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=np.float32)  # rounds the parameters to 24 bits
    t1 = np.asarray(theta1, dtype=np.float32)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, np.float32)],
                    dtype=float)


def chain_vectorized_derivative(x, weights, act, act_derivative):
    weights = np.asarray(weights, dtype=float)
    pre = np.zeros(len(weights))
    h = x
    for i, w in enumerate(weights):
        pre[i] = w * h
        h = act(pre[i])
    d = act_derivative(pre) * weights  # the derivative called on an array, not a float
    g = np.ones(len(weights) + 1)
    for i in range(len(weights) - 1, -1, -1):
        g[i] = g[i + 1] * d[i]
    return g


def gd2_sign_fresh_arrays(grad, p0, lr, epochs, ascent=False):
    s = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=np.float64)
    out = [p]
    for _ in range(epochs):
        p = p + s * lr * np.asarray(grad(p[0], p[1]), dtype=np.float64)
        out.append(p)
    return np.array(out, dtype=np.float64).reshape(epochs + 1, 2)


def interp_preallocated(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    al = np.asarray(alphas, dtype=float)
    out = np.empty(al.shape[0])
    for i in range(al.shape[0]):
        out[i] = loss_fn((1 - al[i]) * t0 + al[i] * t1)
    return out


WRONG["gradient_descent_2d"] += [
    ("np.tile of p0: an integer starting point gives an integer path", gd2_tile_int,
     "Start from the integer point [1, -2] with lr = 0.1 and print the path's dtype and rows: "
     "the docstring promises a float array, whatever p0 holds."),
]
WRONG["interpolate_loss"] += [
    ("converts the parameters to float32 instead of float", interp_float32,
     "Interpolate from [2**24 + 1, 0] to [2**24 + 3, 0] with the loss theta[0] - 2**24 at "
     "alphas [0, 1]: expect 1 and 3. Which dtype does the prompt name for the conversion?"),
]
WRONG["chain_gradient"] += [
    ("calls act_derivative on the array of all pre-activations at once",
     chain_vectorized_derivative,
     "Try a ReLU whose derivative is lambda a: float(a > 0): the docstring says act_derivative "
     "takes a float, and this one cannot take an array."),
]
RIGHT["gradient_descent_2d"] += [("a sign variable and a fresh array per step",
                                  gd2_sign_fresh_arrays)]
RIGHT["interpolate_loss"] += [("a preallocated float array filled in a loop", interp_preallocated)]

BLIND = {
    "taylor_polynomial": ["makes its own symbol named x instead of using the argument x",
                          "sums k = 0..order-1 (range(order)): one term short",
                          "differentiates cumulatively: k more times at step k"],
    "taylor_error": ["Euclidean norm of the errors instead of the largest",
                     "sum of the absolute errors instead of the largest",
                     "looks at the first and last point only"],
    "derivative_fn": ["np.broadcast_to keeps a constant integer derivative as integers",
                      "lambdify with the 'math' module: fails on arrays for cos, exp",
                      "broadcasts a constant derivative to len(v)"],
    "gradient_descent_1d": ["stops early when the derivative is 0: fewer than epochs + 1 points",
                            "returns a Python list",
                            "an integer x0 with epochs=0 gives an integer array"],
    "gradient_2d": ["no float conversion: a linear f gives an integer array",
                    "returns a tuple, not an array",
                    "makes its own symbols named x and y instead of using the arguments"],
    "gradient_descent_2d": ["updates y with the gradient at the already-updated x",
                            "returns a list of points, not a (T + 1, 2) array",
                            "np.tile of p0: an integer starting point gives an integer path"],
    "lr_by_epoch": ["integer division epoch // n_epochs",
                    "divides by n_epochs - 1: the last epoch gets 0",
                    "a list for an array of epochs"],
    "gd_dynamic_1d": ["passes x_t instead of the gradient g to lr_fn",
                      "passes |g| instead of g to lr_fn", "returns Python lists"],
    "mse_gradient": ["sums over the examples instead of averaging",
                     "forgets the 2 of d/du u^2",
                     "divides by the number of features D instead of N"],
    "minibatch_gd": ["divides the gradient by batch_size, also for a smaller last batch",
                     "np.array_split into ceil(N / B) near-equal batches",
                     "creates a new generator every epoch (same order every epoch)"],
    "interpolate_loss": ["returns a Python list",
                         "theta0 + alpha * theta1 (forgets 1 - alpha)",
                         "converts the parameters to float32 instead of float"],
    "chain_gradient": ["returns a Python list",
                       "activation derivative at the output h instead of the pre-activation a",
                       "calls act_derivative on the array of all pre-activations at once"],
}


# ------------------------------------------------------- blind review, round 2 (r2w02)
def taylor_derivative_one_ahead(expr, x, x0, order):
    poly, d = sp.Integer(0), expr
    for k in range(order + 1):
        d = sp.diff(d, x)  # differentiated before its term: coefficient k uses f^(k+1)(x0)
        poly += d.subs(x, x0) / sp.factorial(k) * (x - x0) ** k
    return poly


def taylor_divides_by_k(expr, x, x0, order):
    return sum(sp.diff(expr, x, k).subs(x, x0) / max(k, 1) * (x - x0) ** k
               for k in range(order + 1))


def taylor_error_spread(expr, poly, x, points):
    f, t = _f_and_t(expr, poly, x, points)
    return float(np.max(f - t) - np.min(f - t))


def derivative_full_like(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: np.full_like(v, d(v))  # the dtype of v: integers for an integer array


def derivative_own_symbol(expr, x):
    X = sp.Symbol("x")  # a new symbol named x, not the argument
    d = sp.lambdify(X, sp.diff(expr, X), "numpy")
    return lambda v: d(v) + np.zeros_like(v, dtype=float)


def gd1_full_int(df, x0, lr, epochs):
    xs = np.full(epochs + 1, x0)  # an integer x0 makes an integer array: every step truncated
    for t in range(epochs):
        xs[t + 1] = xs[t] - lr * df(xs[t])
    return xs


def gradient_2d_list(f_expr, x, y):
    return sp.lambdify((x, y), [sp.diff(f_expr, x), sp.diff(f_expr, y)], "numpy")


def gd2_flips_lr_each_step(grad, p0, lr, epochs, ascent=False):
    path = np.empty((epochs + 1, 2))
    path[0] = p0
    for t in range(epochs):
        if ascent:
            lr = -lr  # flipped again at every step: ascent, descent, ascent, ...
        path[t + 1] = path[t] - lr * np.asarray(grad(path[t, 0], path[t, 1]))
    return path


def gd2_int_in_place(grad, p0, lr, epochs, ascent=False):
    p = np.array(p0)  # integers for an integer p0: the in-place step below then raises
    path = [p.copy()]
    for _ in range(epochs):
        g = grad(p[0], p[1])
        if ascent:
            p += lr * g
        else:
            p -= lr * g
        path.append(p.copy())
    return np.array(path, dtype=float)


def gd2_stops_at_zero_gradient(grad, p0, lr, epochs, ascent=False):
    p = np.array(p0, dtype=float)
    path = [p.copy()]
    for _ in range(epochs):
        g = np.asarray(grad(p[0], p[1]), dtype=float)
        if np.all(g == 0):
            break  # fewer than epochs + 1 rows
        p = p + lr * g if ascent else p - lr * g
        path.append(p.copy())
    return np.array(path)


def lr_floor_remaining(lr0, epoch, n_epochs):
    return lr0 * ((n_epochs - np.asarray(epoch)) // n_epochs)  # 1 at epoch 0, then 0


def lr_empty_like_int(lr0, epoch, n_epochs):
    if np.ndim(epoch) == 0:
        return lr0 * (1 - epoch / n_epochs)
    out = np.empty_like(epoch)  # the epochs' integer dtype: every rate truncated
    out[...] = lr0 * (1 - epoch / n_epochs)
    return out


def dyn_full_int(df, x0, lr_fn, epochs):
    xs, lrs = np.full(epochs + 1, x0), np.zeros(epochs)  # integers for an integer x0
    for t in range(epochs):
        g = df(xs[t])
        lrs[t] = lr_fn(t, g)
        xs[t + 1] = xs[t] - lrs[t] * g
    return xs, lrs


def mse_grad_squeezed(X, y, w, b):
    r = X @ w + b - y
    return np.squeeze(2 / len(y) * X.T @ r), float(2 / len(y) * np.sum(r))


def minibatch_batch_loss(X, y, lr, epochs, batch_size, seed=0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch_size):
            idx = order[s:s + batch_size]
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / len(idx) * X[idx].T @ r
            b = b - lr * 2 / len(idx) * np.sum(r)
            losses.append(np.mean((X[idx] @ w + b - y[idx]) ** 2))  # the batch's loss only
    return w, float(b), np.array(losses)


def interp_accumulates_in_place(loss_fn, theta0, theta1, alphas):
    out = []
    for a in np.asarray(alphas, dtype=float):
        theta = np.asarray(theta0, dtype=float)  # the caller's array itself when it is floats
        theta += a * (np.asarray(theta1, dtype=float) - theta)  # so the steps accumulate
        out.append(loss_fn(theta))
    return np.array(out, dtype=float)


def interp_clips_alphas(loss_fn, theta0, theta1, alphas):
    t0, t1 = np.asarray(theta0, dtype=float), np.asarray(theta1, dtype=float)
    a_s = np.clip(np.asarray(alphas, dtype=float), 0, 1)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in a_s], dtype=float)


def chain_reverses_weights_in_place(x, weights, act, act_derivative):
    a, h = [], x
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    g = [1.0]
    weights.reverse()  # changes the caller's list, and a NumPy array has no reverse()
    for w, a_l in zip(weights, a[::-1]):
        g.append(g[-1] * act_derivative(a_l) * w)
    return np.array(g[::-1])


def chain_forward_cumprod(x, weights, act, act_derivative):
    a, h = [], x
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    f = np.array([act_derivative(a_l) * w for a_l, w in zip(a, weights)], dtype=float)
    return np.append(np.cumprod(f), 1.0)  # products of the factors before l, not after


def derivative_zeros_like_hint(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: d(v) + np.zeros_like(v)  # the prompt's hint as written


WRONG["taylor_polynomial"] += [
    ("differentiates before adding the term: coefficient k uses f^(k+1)(x0)",
     taylor_derivative_one_ahead,
     "Take T_0 of cos(x) around pi: it must be the constant cos(pi) = -1. Print the derivative "
     "your code uses for k = 0: it must be f itself."),
    ("divides by k instead of k!", taylor_divides_by_k,
     "T_3 of exp(x) around 0 is 1 + x + x^2/2 + x^3/6. Print your T_3: is the last "
     "coefficient 1/6? Up to k = 2 the slip does not show."),
]
WRONG["taylor_error"] += [
    ("max - min of the signed errors instead of the largest |error|", taylor_error_spread,
     "Take points where the errors are 1 and 2 (both positive): the largest error is 2. Does "
     "your function return 2, or the gap between the two?"),
]
WRONG["derivative_fn"] += [
    ("np.full_like(v, ...) truncates f' to integers for an integer array v",
     derivative_full_like,
     "Call df on np.arange(3) for f = sin(x): expect cos(0), cos(1), cos(2), not 1, 0, 0. "
     "Which dtype does your result take from v?"),
    ("makes its own symbol named x instead of using the argument x", derivative_own_symbol,
     "Call it with t = sp.Symbol('t') and f = t**2: df(3.0) must be 6. Which symbol does your "
     "code differentiate with respect to?"),
]
WRONG["gradient_descent_1d"] += [
    ("np.full(epochs + 1, x0): an integer x0 truncates every step", gd1_full_int,
     "Start from the integer x0=2 with f' = 6x - 3, lr=0.1, epochs=3 and print the trajectory "
     "and its dtype: the steps are not whole numbers."),
]
WRONG["gradient_2d"] += [
    ("returns the list lambdify gives, not an array", gradient_2d_list,
     "Print type(grad(1.0, 2.0)), then try 0.1 * grad(1.0, 2.0): the prompt asks for a NumPy "
     "array of shape (2,), which a descent step can scale."),
]
WRONG["gradient_descent_2d"] += [
    ("flips the sign of lr at every step: ascent alternates with descent",
     gd2_flips_lr_each_step,
     "Run ascent=True for 3 epochs on f = x^2 + 2y^2 from (1, 1) and print the path: every "
     "step must climb. Where does your code decide the direction?"),
    ("np.array(p0) keeps integers: an integer p0 fails", gd2_int_in_place,
     "Start from the integer point [1, -2] with lr=0.1: the path must be floats. What dtype "
     "does your working point have, and can it hold 0.8?"),
    ("stops early at a critical point: fewer than epochs + 1 rows",
     gd2_stops_at_zero_gradient,
     "Start at the saddle (0, 0) of (x^2 - 1)^2 + y^2 with epochs=4: the prompt promises a "
     "path of shape (epochs + 1, 2) whatever happens on the way."),
]
WRONG["lr_by_epoch"] += [
    ("floor division (T - t) // T: 0 after the first epoch", lr_floor_remaining,
     "Evaluate epochs 0 to 3 of a 4-epoch schedule with lr0=0.1: expect 0.1, 0.075, 0.05, "
     "0.025. Which of your divisions drops the fraction?"),
    ("np.empty_like(epoch) keeps the epochs' integer dtype: rates truncated", lr_empty_like_int,
     "Call it on np.arange(4) and print the dtype of the result: the epochs are integers, the "
     "rates must be floats of the same shape."),
]
WRONG["gd_dynamic_1d"] += [
    ("np.full(epochs + 1, x0): an integer x0 truncates the trajectory", dyn_full_int,
     "Start from the integer x0=2 with lr_fn = lambda t, g: 0.1 and print the trajectory: "
     "the points after x0 are not whole numbers."),
]
WRONG["mse_gradient"] += [
    ("np.squeeze: dw has shape () instead of (1,) when D = 1", mse_grad_squeezed,
     "Try X of shape (3, 1) and print dw.shape: the docstring promises (D,) = (1,), one "
     "entry per feature, even when there is a single feature."),
]
WRONG["minibatch_gd"] += [
    ("records the loss of the batch, not of the whole training set", minibatch_batch_loss,
     "After each update, which examples does your loss average over? The recipe records the "
     "MSE on all N examples, whatever the batch."),
]
WRONG["interpolate_loss"] += [
    ("moves theta in place: with a float array theta0 the steps accumulate",
     interp_accumulates_in_place,
     "Pass theta0 as np.zeros(2), theta1 = np.ones(2) and alphas [0.5, 0.5]: both losses "
     "must be equal. Print theta0 afterwards too."),
    ("clips alphas to [0, 1]", interp_clips_alphas,
     "Evaluate alpha = -1 from theta0 = (1, 1) to theta1 = (3, 1): the point is (-1, 1), "
     "beyond theta0. The prompt allows alphas outside [0, 1]."),
]
WRONG["chain_gradient"] += [
    ("reverses the caller's weights list in place (fails on an array)",
     chain_reverses_weights_in_place,
     "Pass the weights as np.array([2.0, 3.0]), and as a list printed after the call: the "
     "docstring allows an array, and the caller's weights must keep their order."),
    ("cumulative product from the input side: g[l] of the layers before l",
     chain_forward_cumprod,
     "Linear chain with weights [2, 3]: g = [6, 3, 1]. g[l] multiplies the factors of the "
     "layers after l. Print your g for this chain."),
]
RIGHT["derivative_fn"] += [("the prompt's hint as written: d(v) + np.zeros_like(v)",
                            derivative_zeros_like_hint)]

# The second round's blind reviewer of week 2 (r2w02): new entries and the earlier ones it met
# again.
BLIND["taylor_polynomial"] += ["differentiates before adding the term: coefficient k uses "
                               "f^(k+1)(x0)", "divides by k instead of k!",
                               # sp.series(expr, x, x0, order): the same records as range(order)
                               "sums k = 0..order-1 (range(order)): one term short"]
BLIND["taylor_error"] += ["max - min of the signed errors instead of the largest |error|",
                          "mean instead of max of the error"]
BLIND["derivative_fn"] += ["np.full_like(v, ...) truncates f' to integers for an integer array v",
                           "makes its own symbol named x instead of using the argument x"]
BLIND["gradient_descent_1d"] += ["np.full(epochs + 1, x0): an integer x0 truncates every step",
                                 "uses the gradient of the start at every step"]
BLIND["gradient_2d"] += ["returns the list lambdify gives, not an array", "returns [df/dy, df/dx]"]
BLIND["gradient_descent_2d"] += ["flips the sign of lr at every step: ascent alternates with "
                                 "descent",
                                 "np.array(p0) keeps integers: an integer p0 fails",
                                 "stops early at a critical point: fewer than epochs + 1 rows"]
BLIND["lr_by_epoch"] += ["floor division (T - t) // T: 0 after the first epoch",
                         "epoch + 1: the schedule is one epoch ahead",
                         "np.empty_like(epoch) keeps the epochs' integer dtype: rates truncated"]
BLIND["gd_dynamic_1d"] += ["np.full(epochs + 1, x0): an integer x0 truncates the trajectory",
                           "counts steps from 1 when calling lr_fn"]
BLIND["mse_gradient"] += ["np.squeeze: dw has shape () instead of (1,) when D = 1",
                          "uses y - y_hat (the sign of the gradient flips)"]
BLIND["minibatch_gd"] += ["records the loss of the batch, not of the whole training set",
                          "never shuffles"]
BLIND["interpolate_loss"] += ["moves theta in place: with a float array theta0 the steps "
                              "accumulate", "clips alphas to [0, 1]",
                              "alpha weights theta0 instead of theta1"]
BLIND["chain_gradient"] += ["reverses the caller's weights list in place (fails on an array)",
                            "cumulative product from the input side: g[l] of the layers before l"]
