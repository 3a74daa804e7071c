"""Known-wrong solutions of week 1 (week01/perceptrons.ipynb): the usual student mistakes.

``WRONG[exercise]`` lists ``(why it is wrong, implementation)``; the implementation replaces the
exercise's name in the reference namespace (see tests/test_exercises.py), and each must lose the
exercise's points. Implementations that call other exercises (``heaviside``, ``sigmoid``,
``tower``) take them from the reference module, as a student's code would take the student's own.
"""

from __future__ import annotations

import numpy as np
import sympy as sp
import torch

from autograder.references.week01 import heaviside, sigmoid, tower


# ------------------------------------------------------------------------------ heaviside
def _heaviside_strict(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)


def _heaviside_sign(z):
    return np.sign(np.asarray(z, dtype=float))


def _heaviside_flat(z):
    return np.array([1.0 if v >= 0 else 0.0 for v in np.ravel(z)])


# ------------------------------------------------------------------------------ perceptron_predict
def _predict_no_bias(X, w, b):
    return heaviside(np.asarray(X) @ w).astype(np.int64)


def _predict_strict(X, w, b):
    return (np.asarray(X) @ w + b > 0).astype(np.int64)


def _predict_wrong_axis(X, w, b):
    return heaviside((np.asarray(X) * w).sum(axis=0) + b).astype(np.int64)


# ------------------------------------------------------------------------------ perceptron_train
def _train(X, y, lr=1.0, epochs=10, *, sign=1.0, update_bias=True, strict=False,
           batch=False, count_final=False):
    """The reference algorithm with one mistake switched on."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs, dtype=np.int64)
    for epoch in range(epochs):
        dw, db = np.zeros_like(w), 0.0
        for x_i, y_i in zip(X, y):
            z = x_i @ w + b
            y_hat = float(z > 0) if strict else float(z >= 0)
            step = sign * lr * (y_i - y_hat)
            if batch:
                dw, db = dw + step * x_i, db + step
            else:
                w = w + step * x_i
                b = b + (step if update_bias else 0.0)
            errors[epoch] += int(y_hat != y_i)
        if batch:
            w, b = w + dw, b + (db if update_bias else 0.0)
        if count_final:
            errors[epoch] = int(np.sum((X @ w + b >= 0).astype(int) != y))
    return w, float(b), errors


# ------------------------------------------------------------------------------ xor_network
def _xor_output_or():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])  # columns: OR, NAND
    return W1, np.array([-0.5, 1.5]), np.array([1.0, 1.0]), -0.5  # OR of OR and NAND


def _xor_no_margin():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    return W1, np.array([-1.0, 1.0]), np.array([1.0, 1.0]), -2.0  # lines through the corners


def _xor_single_neuron():
    return np.array([1.0, 1.0]), np.array([-0.5]), np.array([1.0]), -0.5  # one perceptron


# ------------------------------------------------------------------------------ counting
def _count_linearly_separable_grid(n, values, with_bias=True):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    W = np.stack(np.meshgrid(*[values] * n, indexing="ij"), axis=-1).reshape(-1, n)
    biases = np.arange(-3 * n, 3 * n + 1) + 0.5 if with_bias else np.zeros(1)
    tables = ((inputs @ W.T)[:, :, None] + biases >= 0).astype(np.int64)
    codes = (tables * 2 ** np.arange(2**n)[:, None, None]).sum(axis=0)
    return int(len(np.unique(codes)))


# ------------------------------------------------------------------------------ sigmoid
def _sigmoid_naive(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _sigmoid_exp_ratio(z):
    ez = np.exp(np.asarray(z, dtype=float))
    return ez / (1.0 + ez)


def _sigmoid_where(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))


def _sigmoid_int_buffer(z):
    z = np.asarray(z)  # not converted to float: np.empty_like keeps an integer dtype
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


# ------------------------------------------------------------------------------ derivatives
def _power_rule_polyder(coeffs):
    return np.polyder(np.asarray(coeffs, dtype=float))


def _power_rule_off_by_one(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    if len(coeffs) <= 1:
        return np.zeros(1)
    return coeffs[1:] * np.arange(len(coeffs) - 1)


def _power_rule_empty(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    return coeffs[1:] * np.arange(1, len(coeffs))


def _sympy_no_diff(expr, x):
    f = sp.lambdify(x, expr, "numpy")
    return lambda values: np.broadcast_to(f(values), np.shape(values)).astype(float)


def _sympy_second(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x, 2), "numpy")
    return lambda values: np.broadcast_to(f(values), np.shape(values)).astype(float)


def _sympy_no_broadcast(expr, x):
    return sp.lambdify(x, sp.diff(expr, x), "numpy")


def _sympy_expression(expr, x):
    return sp.diff(expr, x)  # the derivative as an expression, not a function


def _forward_difference(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x)) / h


def _central_over_h(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / h


def _central_precedence(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / 2 * h


# ------------------------------------------------------------------------------ towers
def _tower_unscaled_bias(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    return sigmoid(steepness * x - left) - sigmoid(steepness * x - right)


def _tower_swapped(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    return sigmoid(steepness * (x - right)) - sigmoid(steepness * (x - left))


def _tower_steps(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    return heaviside(x - left) - heaviside(x - right)


def _towers(f, x, n_towers, x_range, steepness, *, heights_at="center", n_edges=None,
            from_data=False):
    """The reference sum of towers with one mistake switched on."""
    lo, hi = (np.min(x), np.max(x)) if from_data else x_range
    edges = np.linspace(lo, hi, n_edges(n_towers) if n_edges else n_towers + 1)
    if heights_at == "one":
        heights = np.ones(len(edges) - 1)
    else:
        heights = f((edges[:-1] + edges[1:]) / 2 if heights_at == "center" else edges[:-1])
    approx = np.zeros(np.shape(x))
    for left, right, height in zip(edges[:-1], edges[1:], heights):
        approx = approx + height * tower(x, left, right, steepness)
    return approx


# ------------------------------------------------------------------------------ tensors
def _standardize_unbiased(t):
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    return (t - t.mean(dim=0, keepdim=True)) / t.std(dim=0, keepdim=True)


def _standardize_rows(t):
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    return (t - t.mean(dim=1, keepdim=True)) / t.std(dim=1, correction=0, keepdim=True)


def _standardize_always_float32(t):
    t = t.float()
    return (t - t.mean(dim=0, keepdim=True)) / t.std(dim=0, correction=0, keepdim=True)


def _standardize_no_int_conversion(t):
    return (t - t.mean(dim=0, keepdim=True)) / t.std(dim=0, correction=0, keepdim=True)


def _standardize_numpy(t):
    a = t.double().numpy()
    return (a - a.mean(axis=0)) / a.std(axis=0)


def _distances_transposed(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    return torch.sqrt(((A[None, :, :] - B[:, None, :]) ** 2).sum(dim=-1))  # (M, N)


def _distances_squared(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1)


def _distances_float64(A, B):
    A = torch.as_tensor(A, dtype=torch.float64)  # float32 in, float64 out
    B = torch.as_tensor(B, dtype=torch.float64)
    return torch.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1))


def _distances_numpy_out(A, B):
    return (((A[:, None, :] - B[None, :, :]) ** 2).sum(-1)) ** 0.5  # numpy in, numpy out


WRONG = {
    "heaviside": [
        ("uses z > 0, so H(0) = 0", _heaviside_strict),
        ("uses np.sign: -1 for negative z, 0 at z = 0", _heaviside_sign),
        ("loops over np.ravel(z) and returns a flat array (shape lost)", _heaviside_flat),
    ],
    "perceptron_predict": [
        ("forgets the bias", _predict_no_bias),
        ("uses z > 0 instead of z >= 0", _predict_strict),
        ("sums over the examples (axis 0) instead of the features", _predict_wrong_axis),
    ],
    "perceptron_train": [
        ("subtracts the update (wrong sign)", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, sign=-1.0)),
        ("never updates the bias", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, update_bias=False)),
        ("predicts with z > 0 (H(0) = 0)", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, strict=True)),
        ("updates once per epoch with the summed corrections", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, batch=True)),
        ("counts the mistakes of the weights at the end of each epoch",
            lambda X, y, lr=1.0, epochs=10: _train(X, y, lr, epochs, count_final=True)),
    ],
    "xor_network": [
        ("the output neuron computes OR instead of AND of the hidden neurons", _xor_output_or),
        ("hidden lines pass through the corners: right on the corners, no margin", _xor_no_margin),
        ("a single perceptron with 1-D weights instead of a hidden layer", _xor_single_neuron),
    ],
    "count_boolean_functions": [
        ("2 ** n: counts the rows of the truth table", lambda n: 2**n),
        ("2 ^ (2 ^ n): ^ is exclusive or in Python", lambda n: 2 ^ (2 ^ n)),
        ("2 ** (2 * n): right for n <= 2 only", lambda n: 2 ** (2 * n)),
    ],
    "count_linearly_separable": [
        ("typed in: 2^(2^n) - 2 (only XOR and XNOR fail, true for n = 2 only)",
            lambda n: 2 ** (2**n) - 2),
        ("weights only in {-1, 0, 1}: misses functions of 3 inputs",
            lambda n: _count_linearly_separable_grid(n, np.arange(-1, 2))),
        ("no bias: only perceptrons through the origin",
            lambda n: _count_linearly_separable_grid(n, np.arange(-3, 4), with_bias=False)),
        ("counts the non-separable functions",
            lambda n: 2 ** (2**n) - _count_linearly_separable_grid(n, np.arange(-3, 4))),
    ],
    "sigmoid": [
        ("naive 1 / (1 + exp(-z)): overflows at z = -1000", _sigmoid_naive),
        ("exp(z) / (1 + exp(z)): inf / inf = nan at z = 1000", _sigmoid_exp_ratio),
        ("np.where of both formulas: computes the overflowing one too", _sigmoid_where),
        ("np.empty_like of an integer input: outputs truncated to integers", _sigmoid_int_buffer),
    ],
    "power_rule": [
        ("np.polyder: assumes the highest degree first", _power_rule_polyder),
        ("multiplies by k - 1 instead of k", _power_rule_off_by_one),
        ("returns an empty array for a constant", _power_rule_empty),
    ],
    "sympy_derivative": [
        ("lambdifies the expression itself, not its derivative", _sympy_no_diff),
        ("differentiates twice", _sympy_second),
        ("no broadcasting: a constant derivative comes back as one number", _sympy_no_broadcast),
        ("returns the derivative expression instead of a function", _sympy_expression),
    ],
    "central_difference": [
        ("forward difference (f(x + h) - f(x)) / h", _forward_difference),
        ("divides by h instead of 2h", _central_over_h),
        ("writes / 2 * h, which multiplies by h", _central_precedence),
    ],
    "tower": [
        ("bias not scaled by the steepness: sigmoid(s x - left)", _tower_unscaled_bias),
        ("subtracts the sigmoids the wrong way round (a negative tower)", _tower_swapped),
        ("uses hard steps instead of sigmoids", _tower_steps),
    ],
    "approximate_with_towers": [
        ("heights at the left edges instead of the centres", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, heights_at="left")),
        ("np.linspace(lo, hi, n) as edges: one tower short", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, n_edges=lambda k: k)),
        ("uses min(x) and max(x) instead of x_range", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, from_data=True)),
        ("forgets the heights: every tower has height 1", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, heights_at="one")),
    ],
    "standardize_columns": [
        ("torch's default std (divides by N - 1)", _standardize_unbiased),
        ("standardizes the rows (dim=1)", _standardize_rows),
        ("always converts to float32, also float64 inputs", _standardize_always_float32),
        ("calls mean on an integer tensor (RuntimeError)", _standardize_no_int_conversion),
        ("returns a NumPy array", _standardize_numpy),
    ],
    "pairwise_distances": [
        ("broadcasts the wrong way round: (M, N)", _distances_transposed),
        ("forgets the square root", _distances_squared),
        ("no torch.as_tensor: NumPy inputs give a NumPy result", _distances_numpy_out),
        ("converts everything to float64: a float32 A gives a float64 result", _distances_float64),
    ],
}


# ------------------------------------------------------------------------------ other correct ways
def _heaviside_astype(z):
    return (np.asarray(z) >= 0).astype(float)


def _predict_loop(X, w, b):
    return np.array([1 if float(np.dot(x, w)) + b >= 0 else 0 for x in np.asarray(X, dtype=float)],
                    dtype=np.int64)


def _train_lists(X, y, lr=1.0, epochs=10):
    X = [list(map(float, row)) for row in np.asarray(X, dtype=float)]
    w, b, errors = [0.0] * len(X[0]), 0.0, []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if sum(w_j * x_j for w_j, x_j in zip(w, x_i)) + b >= 0 else 0
            if y_hat != y_i:
                mistakes += 1
                w = [w_j + lr * (y_i - y_hat) * x_j for w_j, x_j in zip(w, x_i)]
                b = b + lr * (y_i - y_hat)
        errors.append(mistakes)
    return np.array(w), float(b), np.array(errors)


def _xor_or_minus_and():
    # hidden OR and AND (columns), output "OR and not AND"
    return np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]), np.array([1.0, -1.0]), -0.5


def _count_separable_by_learning(n):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    count = 0
    for k in range(2 ** (2**n)):
        outputs = (k >> np.arange(2**n)) & 1
        w, b = np.zeros(n), 0.0
        for _ in range(30):
            mistakes = 0
            for x_i, y_i in zip(inputs, outputs):
                y_hat = float(x_i @ w + b >= 0)
                w, b = w + (y_i - y_hat) * x_i, b + (y_i - y_hat)
                mistakes += int(y_hat != y_i)
        count += mistakes == 0
    return count


def _sigmoid_logaddexp(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def _power_rule_loop(coeffs):
    out = [k * float(c) for k, c in enumerate(coeffs)][1:]
    return np.array(out if out else [0.0])


def _sympy_zeros_like(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda values: f(values) + np.zeros_like(np.asarray(values, dtype=float))


def _central_halves(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / h / 2


def _tower_logaddexp(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    return (np.exp(-np.logaddexp(0.0, -steepness * (x - left)))
            - np.exp(-np.logaddexp(0.0, -steepness * (x - right))))


def _towers_broadcast(f, x, n_towers, x_range, steepness):
    x = np.asarray(x, dtype=float)
    edges = np.linspace(x_range[0], x_range[1], n_towers + 1)
    heights = f((edges[:-1] + edges[1:]) / 2)  # (n,)
    step = 0.5 * (1.0 + np.tanh(0.5 * steepness * (x[..., None] - edges)))  # (..., n + 1)
    return ((step[..., :-1] - step[..., 1:]) * heights).sum(axis=-1)


def _standardize_by_hand(t):
    t = t if torch.is_floating_point(t) else t.to(torch.get_default_dtype())
    centred = t - t.mean(dim=0)
    return centred / torch.sqrt((centred**2).mean(dim=0))


def _distances_cdist(A, B):
    A = torch.as_tensor(A)
    return torch.cdist(A, torch.as_tensor(B, dtype=A.dtype))


RIGHT = {
    "heaviside": [("a comparison turned into floats", _heaviside_astype)],
    "perceptron_predict": [("a loop over the rows with np.dot", _predict_loop)],
    "perceptron_train": [("plain Python lists, updating only on a mistake", _train_lists)],
    "xor_network": [("hidden OR and AND, output 'OR and not AND'", _xor_or_minus_and)],
    "count_boolean_functions": [("bit shifts: 1 << (1 << n)", lambda n: 1 << (1 << n))],
    "count_linearly_separable": [("the learning rule on every truth table, 30 epochs",
                                  _count_separable_by_learning)],
    "sigmoid": [("exp(-logaddexp(0, -z)), stable without cases", _sigmoid_logaddexp)],
    "power_rule": [("a list comprehension over enumerate", _power_rule_loop)],
    "sympy_derivative": [("adds np.zeros_like instead of broadcast_to", _sympy_zeros_like)],
    "central_difference": [("divides by h, then by 2", _central_halves)],
    "tower": [("each sigmoid as exp(-logaddexp(0, -a))", _tower_logaddexp)],
    "approximate_with_towers": [("all towers at once by broadcasting over the edges",
                                 _towers_broadcast)],
    "standardize_columns": [("centres, then divides by the root mean square",
                             _standardize_by_hand)],
    "pairwise_distances": [("torch.cdist after torch.as_tensor", _distances_cdist)],
}
