"""Known-wrong solutions of week 1 (week01/perceptrons.ipynb): the usual student mistakes.

``WRONG[exercise]`` lists ``(why it is wrong, implementation)``; the implementation replaces the
exercise's name in the reference namespace (see tests/test_exercises.py), and each must lose the
exercise's points. Implementations that call other exercises (``heaviside``, ``sigmoid``,
``tower``) take them from the reference module, as a student's code would take the student's own.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import sympy as sp
import torch

from autograder.mistakes import quiet
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
        ("uses z > 0, so H(0) = 0", _heaviside_strict,
            "Re-read the convention at a = 0 in section 3: a point exactly "
            "on the boundary is class 1. Try your function on 0.0 and on -0.0."),
        ("uses np.sign: -1 for negative z, 0 at z = 0", _heaviside_sign,
            "A step only ever outputs 0 or 1. Evaluate yours "
            "at a = -2, 0 and 3 and compare with the two cases of H(a) in section 3."),
        ("loops over np.ravel(z) and returns a flat array (shape lost)", _heaviside_flat,
            "Print the shape of your result for np.zeros((2, 3)) and for the number 0.0: "
            "it must match the input's. An elementwise array operation keeps the shape."),
    ],
    "perceptron_predict": [
        ("forgets the bias", _predict_no_bias,
            "Compare your code with H(X w + b) term by term. Self-test: "
            "the AND gate, w = [1, 1] and b = -1.5, must predict 0 at the corner (0, 0)."),
        ("uses z > 0 instead of z >= 0", _predict_strict,
            "Look at the rows whose pre-activation a is exactly 0, e.g. w = [1, 1], b = -1 "
            "at (0, 1): the prompt's convention H(0) = 1 says which class they get."),
        ("sums over the examples (axis 0) instead of the features", _predict_wrong_axis,
            "Print the shape of your pre-activations: one per example, (N,). In X * w of "
            "shape (N, D), which axis holds the D features of one example?"),
    ],
    "perceptron_train": [
        ("subtracts the update (wrong sign)", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, sign=-1.0),
            "Follow one mistake by hand: if the neuron said 0 but y = 1, the update must "
            "make a larger for that example. Does yours move w towards x or away from it?"),
        ("never updates the bias", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, update_bias=False),
            "Section 4's rule changes two things after each mistake. On AND, the "
            "corner (0, 0) can only be predicted 0 through the bias: do your errors ever reach 0?"),
        ("predicts with z > 0 (H(0) = 0)", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, strict=True),
            "Use the course's step, H(0) = 1, as in exercises 1 and 2. From w = 0, b = 0 the "
            "very first example has a = 0 exactly: which class must it be predicted?"),
        ("updates once per epoch with the summed corrections", lambda X, y, lr=1.0, epochs=10:
            _train(X, y, lr, epochs, batch=True),
            "Re-read the prompt's second bullet: the next example is predicted with the "
            "weights that the previous example changed. Where in your loops do w and b change?"),
        ("counts the mistakes of the weights at the end of each epoch",
            lambda X, y, lr=1.0, epochs=10: _train(X, y, lr, epochs, count_final=True),
            "Re-read the third bullet: errors[e] equals the number of updates made during epoch "
            "e. Are you counting the updates, or judging the weights once the epoch is over?"),
    ],
    "xor_network": [
        ("the output neuron computes OR instead of AND of the hidden neurons", _xor_output_or,
            "Tabulate h = (h1, h2) on the four corners, then the output's a = h . w2 + b2: "
            "at (0, 0) and (1, 1) only one hidden neuron fires, and the output must still be 0."),
        ("hidden lines pass through the corners: right on the corners, no margin", _xor_no_margin,
            "Run your network on corners moved by up to 0.1, e.g. (0.93, 0.08) "
            "or (0.02, 0.97). Where do the hidden neurons' lines cross the square?"),
        ("a single perceptron with 1-D weights instead of a hidden layer", _xor_single_neuron,
            "Print the shapes you return and compare them with the prompt's (2, 2), "
            "(2,), (2,) and a number. Section 5 shows why no single line separates XOR."),
    ],
    "count_boolean_functions": [
        ("2 ** n: counts the rows of the truth table", lambda n: 2**n,
            "A function picks an output, 0 or 1, for every row of the truth table. "
            "Count the choices, not the rows: n = 1 already has 4 (x, NOT x, always 0, always 1)."),
        ("2 ^ (2 ^ n): ^ is exclusive or in Python", lambda n: 2 ^ (2 ^ n),
            "Print 2 ^ 3 in a cell and compare it with 8. The note in "
            "the prompt says which operator Python uses for a power."),
        ("2 ** (2 * n): right for n <= 2 only", lambda n: 2 ** (2 * n),
            "Compare with the section's counts for n = 3 and n = 4 (256 and 65 536). "
            "The exponent is the number of rows of the truth table: how does that grow with n?"),
    ],
    "count_linearly_separable": [
        ("typed in: 2^(2^n) - 2 (only XOR and XNOR fail, true for n = 2 only)",
            lambda n: 2 ** (2**n) - 2,
            "Two failures (XOR and XNOR) is right for n = 2 only; for larger n most "
            "functions are not separable. Count by brute force, as the prompt describes."),
        ("weights only in {-1, 0, 1}: misses functions of 3 inputs",
            lambda n: _count_linearly_separable_grid(n, np.arange(-1, 2)),
            "Re-read which integer weights the prompt's grid tries. For n = 3 some "
            "threshold functions, like x1 AND (x2 OR x3), need one input to count double."),
        ("no bias: only perceptrons through the origin",
            lambda n: _count_linearly_separable_grid(n, np.arange(-3, 4), with_bias=False),
            "For the input row of all zeros, what is a when there is no bias, "
            "and what does H give there? Re-read the grid's half-integer biases in the prompt."),
        ("counts the non-separable functions",
            lambda n: 2 ** (2**n) - _count_linearly_separable_grid(n, np.arange(-3, 4)),
            "Compare with the section: n = 2 must give 14 of 16. Check what your final "
            "number counts: the distinct tables some perceptron produces, or the others?"),
    ],
    "sigmoid": [
        ("naive 1 / (1 + exp(-z)): overflows at z = -1000", _sigmoid_naive,
            "Run it at a = -1000 inside np.errstate(over='raise'): exp(-a) overflows. "
            "The two-case formula before the exercise never takes exp of a positive number."),
        ("exp(z) / (1 + exp(z)): inf / inf = nan at z = 1000", _sigmoid_exp_ratio,
            "Evaluate it at a = 1000 and at a = -1000: one gives nan. This form is safe "
            "for one sign of a only; the two-case formula before the exercise says which."),
        ("np.where of both formulas: computes the overflowing one too", _sigmoid_where,
            "Call it at a = +-1000 inside np.errstate(over='raise'): np.where evaluates "
            "both branches on every entry. Boolean masks let each case see only its entries."),
        ("np.empty_like of an integer input: outputs truncated to integers", _sigmoid_int_buffer,
            "Call it on np.array([-3, 0, 2]) and print the result and its dtype. "
            "The array you fill takes its dtype from a; the prompt says what to do to a first."),
    ],
    "power_rule": [
        ("np.polyder: assumes the highest degree first", _power_rule_polyder,
            "Re-read the storage order: [4, -3, 3] is 4 - 3x + 3x^2, lowest degree first. "
            "Check by hand that its derivative, -3 + 6x, is what you return."),
        ("multiplies by k - 1 instead of k", _power_rule_off_by_one,
            "Differentiate x^k by hand: the factor is the exponent the term has before "
            "differentiating. Test on [0, 1], the polynomial x: its derivative is 1."),
        ("returns an empty array for a constant", _power_rule_empty,
            "Call it on a constant such as [7] and look at the length of the result: "
            "the derivative is the zero polynomial, which the prompt writes with one coefficient."),
    ],
    "sympy_derivative": [
        ("lambdifies the expression itself, not its derivative", _sympy_no_diff,
            "Evaluate your function for x^2 at x = 3: the derivative is 6. If you "
            "get 9, look for where your code differentiates the expression before lambdify."),
        ("differentiates twice", _sympy_second,
            "Check x^2 at x = 3: f'(3) = 6, while a second derivative is 2 everywhere. "
            "Look at the arguments you pass to sp.diff: a number after the symbol is the order."),
        ("no broadcasting: a constant derivative comes back as one number", _sympy_no_broadcast,
            "Try the derivative of 5x + 1 on np.zeros(4): you must get 4 values. "
            "Re-read the note after the demo on giving a constant the shape of the input."),
        ("returns the derivative expression instead of a function", _sympy_expression,
            "The result must be callable: try f_prime(np.array([0.0, 1.0])). sp.diff gives "
            "a symbolic expression; the prompt names the tool that makes it a NumPy function."),
    ],
    "central_difference": [
        ("forward difference (f(x + h) - f(x)) / h", _forward_difference,
            "The central difference looks at both sides of x, one step h each way. "
            "Test on x^2 at x = 1 with h = 0.5: it is exact for a parabola, so you must get 2."),
        ("divides by h instead of 2h", _central_over_h,
            "Test on x^2 at x = 1: you get twice the slope. How far apart "
            "are the two points x + h and x - h where f is evaluated?"),
        ("writes / 2 * h, which multiplies by h", _central_precedence,
            "Check how Python groups a / 2 * h (equal precedence, left to right), "
            "then test on sin at x = 0: the slope is 1, whatever the small h."),
    ],
    "tower": [
        ("bias not scaled by the steepness: sigmoid(s x - left)", _tower_unscaled_bias,
            "Where does your first sigmoid equal 1/2? It must be at x = left for every "
            "steepness: try steepness 1 and 100 and watch whether your step moves."),
        ("subtracts the sigmoids the wrong way round (a negative tower)", _tower_swapped,
            "Evaluate it in the middle of [left, right]: a tower is about +1 there. "
            "Which step comes first along x, and which one is subtracted?"),
        ("uses hard steps instead of sigmoids", _tower_steps,
            "A tower is built from sigmoid neurons of the given steepness: does your "
            "result change when the steepness does? At x = left it should be about 1/2."),
    ],
    "approximate_with_towers": [
        ("heights at the left edges instead of the centres", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, heights_at="left"),
            "Print the points where you evaluate f: for 2 towers on (0, 1) each "
            "should lie in the middle of its tower, not on its left wall."),
        ("np.linspace(lo, hi, n) as edges: one tower short", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, n_edges=lambda k: k),
            "Count your towers: how many edges do n_towers "
            "intervals need? Print len(edges) for n_towers = 2."),
        ("uses min(x) and max(x) instead of x_range", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, from_data=True),
            "Your edges change when you evaluate at different x: they should depend on "
            "x_range only. Evaluate at a few points inside the range and print the edges."),
        ("forgets the heights: every tower has height 1", lambda f, x, n, r, s:
            _towers(f, x, n, r, s, heights_at="one"),
            "Try the constant f(x) = 2: inside the range the sum should be about 2. Each "
            "tower enters the output neuron with a weight; where does f appear in your sum?"),
    ],
    "standardize_columns": [
        ("torch's default std (divides by N - 1)", _standardize_unbiased,
            "Standardize the column [1., 3.] by hand: the result should be [-1, 1]. "
            "Look up the correction torch's std uses by default, and what the prompt asks for."),
        ("standardizes the rows (dim=1)", _standardize_rows,
            "Check your result's means along each dim: every column (dim 0) must end with "
            "mean 0. Which dim does a reduction collapse: the one you name, or the one it keeps?"),
        ("always converts to float32, also float64 inputs", _standardize_always_float32,
            "Pass a float64 tensor and print the result's dtype: it must stay float64. "
            "Only integer inputs need a conversion (see torch.is_floating_point)."),
        ("calls mean on an integer tensor (RuntimeError)", _standardize_no_int_conversion,
            "Try an int64 tensor such as torch.tensor([[1, 2], [3, 6]]): torch's mean "
            "refuses integers. Re-read what the prompt says to do with integer inputs first."),
        ("returns a NumPy array", _standardize_numpy,
            "Check type(result): the prompt asks for a torch tensor with the input's dtype. "
            "Torch's own mean and std take dim=..., so you can stay in torch throughout."),
    ],
    "pairwise_distances": [
        ("broadcasts the wrong way round: (M, N)", _distances_transposed,
            "Print the shape for A of shape (2, D) and B of shape (3, D): it must be (2, 3), "
            "row i for A's row i. The axis you insert decides which input indexes the rows."),
        ("forgets the square root", _distances_squared,
            "Test A = [[0, 0]] and B = [[3, 4]]: the Euclidean distance is 5, not 25. "
            "Compare each step with the definition of the norm ||A_i - B_j||."),
        ("no torch.as_tensor: NumPy inputs give a NumPy result", _distances_numpy_out,
            "Call it with NumPy arrays and print type(result): it must be a torch tensor. "
            "The prompt says how to convert both inputs before any arithmetic."),
        ("converts everything to float64: a float32 A gives a float64 result", _distances_float64,
            "Pass float32 tensors and print the result's dtype: it must be A's dtype, "
            "float32. Convert B to match A rather than choosing one fixed dtype."),
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


# ------------------------------------------------------------------------------ blind review (issue 22)
# Wrong solutions written by a reviewer who had read the student release only.
def _heaviside_signbit(z):
    return (~np.signbit(np.asarray(z, dtype=float))).astype(float)  # H(-0.0) = 0


def _heaviside_int(z):
    return (np.asarray(z) >= 0).astype(int)


def _heaviside_input_dtype(z):
    z = np.asarray(z)
    return np.where(z >= 0, 1, 0).astype(z.dtype)


def _predict_float(X, w, b):
    return (np.asarray(X) @ w + b >= 0).astype(float)


def _predict_bool(X, w, b):
    return np.asarray(X) @ w + b >= 0


def _predict_list(X, w, b):
    return [int(a >= 0) for a in np.asarray(X) @ w + b]


def _train_blind(X, y, lr=1.0, epochs=10, *, bias_lr=True, use_lr=True, float_errors=False,
                 w_like_x=False):
    """The perceptron rule with one of the blind reviewer's mistakes switched on."""
    w = np.zeros_like(X[0]) if w_like_x else np.zeros(np.shape(X)[1])
    b = 0.0
    errors = np.zeros(epochs) if float_errors else np.zeros(epochs, dtype=int)
    rate = lr if use_lr else 1.0
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat != y_i:
                w = w + rate * (y_i - y_hat) * x_i
                b = b + (rate if bias_lr else 1.0) * (y_i - y_hat)
                errors[e] += 1
    return w, b, errors


def _xor_hidden(b1):
    return np.array([[1.0, -1.0], [1.0, -1.0]]), np.array(b1), np.array([1.0, 1.0]), -1.5


def _count_math_pow(n):
    return math.pow(2, 2**n)  # a float


def _count_int64(n):
    return int(np.power(2, np.power(2, n)))  # int64 overflows from n = 6 on


def _count_separable_capped(n):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    count = 0
    for k in range(2 ** (2**n)):
        outputs = (k >> np.arange(2**n)) & 1
        w, b = np.zeros(n), 0.0
        for _ in range(10):  # too few epochs for some tables of 3 inputs
            mistakes = 0
            for x_i, y_i in zip(inputs, outputs):
                y_hat = int(x_i @ w + b >= 0)
                if y_hat != y_i:
                    w, b, mistakes = w + (y_i - y_hat) * x_i, b + (y_i - y_hat), mistakes + 1
        count += mistakes == 0
    return int(count)


def _sigmoid_cases(z, *, at_least_1d=False, one_minus=False):
    z = np.asarray(z, dtype=float)
    z = np.atleast_1d(z) if at_least_1d else z
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    if one_minus:
        out[~pos] = 1.0 - 1.0 / (1.0 + np.exp(z[~pos]))  # cancels to 0 for very negative z
    else:
        out[~pos] = np.exp(z[~pos]) / (1.0 + np.exp(z[~pos]))
    return out


def _power_rule_int(coeffs):
    coeffs = np.asarray(coeffs)  # integer coefficients stay integers
    if len(coeffs) == 1:
        return np.array([0.0])
    return coeffs[1:] * np.arange(1, len(coeffs))


def _power_rule_int_zero(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    if len(coeffs) == 1:
        return np.array([0])
    return coeffs[1:] * np.arange(1, len(coeffs))


def _sympy_int_broadcast(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda values: np.broadcast_to(f(values), np.shape(values))


def _sympy_math_module(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "math")
    return lambda values: np.asarray(f(values), dtype=float) + np.zeros_like(values, dtype=float)


def _sympy_len_broadcast(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")

    def f_prime(values):
        out = f(values)
        return np.full(len(values), float(out)) if np.ndim(out) == 0 else out
    return f_prime


def _central_fixed_h(f, x, h=1e-5):
    step = 1e-5  # the argument h is ignored
    return (f(x + step) - f(x - step)) / (2 * step)


def _central_unbracketed(f, x, h=1e-5):
    return f(x + h) - f(x - h) / (2 * h)


def _tower_tanh_full(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    return (0.5 * (1 + np.tanh(steepness * (x - left)))
            - 0.5 * (1 + np.tanh(steepness * (x - right))))  # tanh(a), not tanh(a / 2)


def _tower_product(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    return sigmoid(steepness * (x - left)) * (1 - sigmoid(steepness * (x - right)))


@quiet
def _tower_exp_ratio(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    up, down = np.exp(steepness * (x - left)), np.exp(steepness * (x - right))
    return up / (1 + up) - down / (1 + down)  # inf / inf = nan for large arguments


def _towers_blind(f, x, n_towers, x_range, steepness, *, tanh_full=False, product=False,
                  fixed_steepness=None):
    x = np.asarray(x, dtype=float)
    s = steepness if fixed_steepness is None else fixed_steepness
    edges = np.linspace(x_range[0], x_range[1], n_towers + 1)
    scale = 1.0 if tanh_full else 0.5
    up = 0.5 * (1 + np.tanh(scale * s * (x[..., None] - edges[:-1])))
    down = 0.5 * (1 + np.tanh(scale * s * (x[..., None] - edges[1:])))
    towers = up * (1 - down) if product else up - down
    return np.sum(f((edges[:-1] + edges[1:]) / 2) * towers, axis=-1)


def _standardize_half_to_float32(t):
    t = t.double() if t.dtype == torch.float64 else t.float()
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)


def _standardize_ints_float32(t):
    if not t.is_floating_point():
        t = t.float()  # float32, whatever torch's default dtype
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)


def _distances_float32(A, B):
    A = torch.as_tensor(A, dtype=torch.float32)
    B = torch.as_tensor(B, dtype=torch.float32)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt()


def _distances_promoted(A, B):
    A, B = torch.as_tensor(A), torch.as_tensor(B)  # B's dtype may win the type promotion
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt()


def _distances_expanded(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    return ((A**2).sum(dim=1)[:, None] + (B**2).sum(dim=1)[None, :] - 2 * A @ B.T).sqrt()


WRONG["heaviside"] += [
    ("uses the sign bit: H(-0.0) = 0 although -0.0 >= 0", _heaviside_signbit,
        "Evaluate your function at -0.0: the prompt's test is a >= 0, and -0.0 >= 0 is True "
        "in Python. Which operation in your code can tell -0.0 from 0.0?"),
    ("returns an integer array", _heaviside_int,
        "Print the dtype of your result: the prompt promises a float array (1.0 and 0.0), "
        "not integers. Compare with the dtype of np.array([1.0])."),
    ("keeps the input's dtype: an integer input gives an integer array", _heaviside_input_dtype,
        "Call it on np.array([-2, 0, 3]) (integers) and print the dtype: the prompt promises a "
        "float array for every input, integers included."),
]
WRONG["perceptron_predict"] += [
    ("returns floats 0.0 and 1.0 instead of integers", _predict_float,
        "Print the dtype of your predictions: the prompt asks for an integer array of 0 and 1, "
        "as labels are. Floats 0.0 and 1.0 are not the promised type."),
    ("returns the boolean comparison, not integers", _predict_bool,
        "Print your result for the AND gate: True and False are booleans, while the prompt "
        "promises an integer array with values 0 and 1."),
    ("returns a Python list, not an array", _predict_list,
        "Print type(result): the prompt promises an integer NumPy array of shape (N,), "
        "not a list."),
]
WRONG["perceptron_train"] += [
    ("forgets the learning rate in the bias update", lambda X, y, lr=1.0, epochs=10:
        _train_blind(X, y, lr, epochs, bias_lr=False),
        "Train with lr=0.5 and compare b with w: the rule in section 4 scales both updates "
        "by eta. Does your bias update contain the learning rate?"),
    ("ignores the learning rate altogether", lambda X, y, lr=1.0, epochs=10:
        _train_blind(X, y, lr, epochs, use_lr=False),
        "Train twice from the same data with lr=1 and lr=0.5: from w = 0 the weights must "
        "halve. Where does your update use lr?"),
    ("errors is a float array", lambda X, y, lr=1.0, epochs=10:
        _train_blind(X, y, lr, epochs, float_errors=True),
        "Print errors.dtype: the prompt promises an integer array of counts. Which dtype does "
        "the array you create for the counts get by default?"),
    ("w = np.zeros_like(X[0]): integer weights for an integer X until an update",
        lambda X, y, lr=1.0, epochs=10: _train_blind(X, y, lr, epochs, w_like_x=True),
        "Train on an integer X whose labels are all 1 (no update happens) and print w.dtype: "
        "the prompt promises a float array w whatever X's dtype."),
]
WRONG["xor_network"] += [
    ("OR neuron's line 0.05 from the corners (1, 0) and (0, 1)", lambda: _xor_hidden([-0.95, 1.5]),
        "Evaluate your network at (0.9, 0.0) and (0.0, 0.9): each input may move by 0.1. How "
        "far is each hidden neuron's line from the corners it must keep on its side?"),
    ("NAND neuron's line 0.05 from the corners (1, 0) and (0, 1)", lambda: _xor_hidden([-0.5, 1.05]),
        "Evaluate your network at (1.0, 0.1) and (0.1, 1.0): each input may move by 0.1. How "
        "far is each hidden neuron's line from the corners it must keep on its side?"),
    ("OR neuron's line too close to (0, 0): (0.1, 0.1) already fires it",
        lambda: _xor_hidden([-0.15, 1.5]),
        "Evaluate your network at (0.09, 0.09): both inputs may move at once, along a diagonal. "
        "Where does each hidden line cross the diagonal from (0, 0) to (1, 1)?"),
]
WRONG["count_boolean_functions"] += [
    ("math.pow returns a float", _count_math_pow,
        "Print type(count_boolean_functions(3)): the prompt asks for an int. Python's ** on "
        "ints stays exact at any size; math functions return floats."),
    ("np.power on int64 overflows from n = 6 on", _count_int64,
        "Try n = 6: 2^64 does not fit in a NumPy int64 and silently wraps. Python ints have "
        "no such limit; compare your result with 2 ** 64."),
]
WRONG["count_linearly_separable"] += [
    ("the count kept in a float (count = 0.0, then count += 1 per table)",
        lambda n: float(_count_linearly_separable_grid(n, np.arange(-3, 4))),
        "Print type(count_linearly_separable(2)): the prompt asks for an integer. A count that "
        "starts at 0.0 stays a float even when its value is whole."),
    ("learning rule capped at 10 epochs: too few for some tables of 3 inputs",
        _count_separable_capped,
        "Compare your count for n = 3 with the section's 104. Re-read the prompt's sentence on "
        "how many epochs the learning rule needs before you cap it."),
]
WRONG["sigmoid"] += [
    ("np.atleast_1d: a plain number gives shape (1,)", lambda z: _sigmoid_cases(z, at_least_1d=True),
        "Call it on the number 0.5 and print np.shape of the result: the prompt asks for the "
        "shape of the input, () for a plain number."),
    ("computes the negative side as 1 - sigmoid(-a): tiny values cancel to 0",
        lambda z: _sigmoid_cases(z, one_minus=True),
        "Evaluate it at a = -40: the true value is about e^-40, yet 1 minus a number that close "
        "to 1 rounds to 0. Re-read the two-case formula for a < 0."),
]
WRONG["power_rule"] += [
    ("integer coefficients give an integer array", _power_rule_int,
        "Call it on np.array([1, 2, 3]) (integers) and print the dtype of the result: the "
        "prompt promises a float array whatever the input's dtype."),
    ("a constant gives np.array([0]), an integer array", _power_rule_int_zero,
        "Print the dtype of your result for [7]: the prompt promises np.array([0.0]), a float "
        "array, for a constant polynomial too."),
]
WRONG["sympy_derivative"] += [
    ("np.broadcast_to keeps an integer constant derivative as integers", _sympy_int_broadcast,
        "Print the dtype of your result for 2x + 3: the derivative 2 lambdifies to the int 2. "
        "The prompt promises a float array."),
    ("lambdify with the 'math' module: fails on arrays for sin, exp", _sympy_math_module,
        "Try the derivative of sin(x) on np.array([0.0, 1.0]): the math module works on "
        "single numbers only. Which module does the prompt's demo pass to lambdify?"),
    ("broadcasts a constant derivative to len(values)", _sympy_len_broadcast,
        "Try the constant 4 on np.zeros((7, 1)) and print the shape: the prompt asks for the "
        "shape of the input, any shape, not its length."),
]
WRONG["central_difference"] += [
    ("ignores the argument h", _central_fixed_h,
        "Call it on sin at x = 1 with h = 0.1 and with h = 1e-3: the results must differ "
        "slightly, as the formula depends on h. Does your code use the h it is given?"),
    ("f(x + h) - f(x - h) / (2 * h): the division binds first", _central_unbracketed,
        "Test on sin at x = 0: the slope is 1. Check how Python groups a - b / c: "
        "what exactly is divided by 2h in your code?"),
]
WRONG["tower"] += [
    ("sigmoid as (1 + tanh(a)) / 2: twice the steepness", _tower_tanh_full,
        "Compare your sigmoid with 1 / (1 + exp(-a)) at a = 1: the tanh identity in the prompt "
        "uses tanh of a / 2, not of a."),
    ("multiplies a step up by a step down instead of subtracting", _tower_product,
        "With a gentle steepness such as 3, compare your tower with sigma(s(x - left)) - "
        "sigma(s(x - right)) at a few x: the prompt's T is a difference."),
    ("sigmoid as exp(a) / (1 + exp(a)): nan for a large a", _tower_exp_ratio,
        "Evaluate your tower with steepness 1000 at x = 3: exp overflows to inf and inf / inf "
        "is nan. The prompt names a form of the sigmoid that never overflows."),
]
WRONG["approximate_with_towers"] += [
    ("sigmoid as (1 + tanh(a)) / 2: twice the steepness", lambda f, x, n, r, s:
        _towers_blind(f, x, n, r, s, tanh_full=True),
        "Compare one of your sigmoids with 1 / (1 + exp(-a)) at a = 1: the identity uses "
        "tanh of a / 2. Try a gentle steepness, where the difference shows."),
    ("each tower as a product step up times (1 - step down)", lambda f, x, n, r, s:
        _towers_blind(f, x, n, r, s, product=True),
        "With a gentle steepness such as 3, compare one tower of yours with the prompt's "
        "difference of two sigmoids: where the walls overlap they differ."),
    ("ignores the steepness argument", lambda f, x, n, r, s:
        _towers_blind(f, x, n, r, s, fixed_steepness=1000.0),
        "Call it with steepness 3 and steepness 300: the walls must change. Does your code use "
        "the steepness it is given for every sigmoid?"),
]
WRONG["standardize_columns"] += [
    ("turns a float16 input into float32", _standardize_half_to_float32,
        "Pass a float16 tensor and print the result's dtype: the prompt keeps the dtype of "
        "every floating-point input, not only float32 and float64."),
    ("converts integers with .float(), ignoring torch's default dtype", _standardize_ints_float32,
        "Run torch.set_default_dtype(torch.float64), standardize an int64 tensor, print the "
        "dtype, then set float32 back: the prompt names the dtype integers become."),
]
WRONG["pairwise_distances"] += [
    ("always converts to float32", _distances_float32,
        "Pass float64 tensors and print the result's dtype: it must be A's dtype. Which dtype "
        "do your conversions choose?"),
    ("does not convert B to A's dtype: float64 B gives float64", _distances_promoted,
        "Pass a float32 A and a float64 NumPy B and print the result's dtype: torch promotes "
        "mixed dtypes, while the prompt asks for A's dtype."),
    ("expands |a|^2 + |b|^2 - 2ab instead of subtracting the rows", _distances_expanded,
        "Compute the distances of float32 points near (100, 100, 100) to themselves: the "
        "diagonal must be 0. Cancellation in a difference of large squares spoils it."),
]


def _heaviside_np(z):
    return np.heaviside(np.asarray(z, dtype=np.float64), 1.0)


def _heaviside_in_place(z):
    z = np.asarray(z, dtype=float)  # may be the caller's float array: allowed by the prompt
    z[z >= 0] = 1.0
    z[z < 0] = 0.0
    return z


def _predict_minus_b(X, w, b):
    return np.array([1 if x @ w >= -b else 0 for x in np.asarray(X)], dtype=np.int64)


def _train_augmented(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    Xa = np.hstack([X, np.ones((X.shape[0], 1))])
    wa = np.zeros(X.shape[1] + 1)
    errors = []
    for _ in range(epochs):
        count = 0
        for x_i, y_i in zip(Xa, y):
            delta = y_i - int(x_i @ wa >= 0)
            if delta:
                wa += lr * delta * x_i
                count += 1
        errors.append(count)
    return wa[:-1].copy(), float(wa[-1]), np.array(errors, dtype=int)


def _xor_and_not():
    # hidden x1 AND NOT x2, x2 AND NOT x1 (columns), output OR
    return np.array([[1.0, -1.0], [-1.0, 1.0]]), np.array([-0.5, -0.5]), np.array([1.0, 1.0]), -0.5


def _count_separable_unique_rows(n):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    W = np.array(list(itertools.product(range(-3, 4), repeat=n)), dtype=float)
    biases = np.arange(-3 * n, 3 * n + 1) + 0.5
    tables = ((inputs @ W.T)[:, :, None] + biases >= 0).reshape(2**n, -1).T
    return len(np.unique(tables, axis=0))


def _count_separable_np_sum(n):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    converged = []
    for k in range(2 ** (2**n)):
        outputs = (k >> np.arange(2**n)) & 1
        w, b = np.zeros(n), 0.0
        for _ in range(30):
            mistakes = 0
            for x_i, y_i in zip(inputs, outputs):
                y_hat = int(x_i @ w + b >= 0)
                if y_hat != y_i:
                    w, b, mistakes = w + (y_i - y_hat) * x_i, b + (y_i - y_hat), mistakes + 1
        converged.append(mistakes == 0)
    return np.sum(converged)  # a NumPy integer is an int too


def _sigmoid_abs(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _sigmoid_in_place(z):
    out = np.asarray(z, dtype=float)  # may be the caller's float array: allowed by the prompt
    pos = out >= 0
    neg = ~pos
    out[neg] = np.exp(out[neg]) / (1 + np.exp(out[neg]))
    out[pos] = 1 / (1 + np.exp(-out[pos]))
    return out


def _power_rule_polynomial(coeffs):
    return np.polynomial.polynomial.polyder(np.asarray(coeffs, dtype=float))


def _sympy_float_zeros(expr, x):
    g = sp.lambdify(x, sp.diff(expr, x), "numpy")

    def f_prime(values):
        values = np.asarray(values, dtype=float)
        return np.asarray(g(values), dtype=float) + np.zeros(values.shape)
    return f_prime


def _central_float(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2.0 * h)


def _central_in_place(f, x, h=1e-5):
    if np.ndim(x) == 0:
        return (f(x + h) - f(x - h)) / (2 * h)
    x += h  # shifts the caller's array and back: allowed by the prompt
    up = f(x)
    x -= 2 * h
    down = f(x)
    x += h
    return (up - down) / (2 * h)


def _tower_complement(x, left, right, steepness):
    x = np.asarray(x, dtype=float)

    def sig(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return sig(steepness * (x - left)) + sig(steepness * (right - x)) - 1


def _towers_loop(f, x, n_towers, x_range, steepness):
    x = np.asarray(x, dtype=float)
    edges = np.linspace(x_range[0], x_range[1], n_towers + 1)
    total = np.zeros(x.shape)
    for left, right in zip(edges[:-1], edges[1:]):
        height = f(np.array((left + right) / 2))
        total = total + height * (0.5 * (1 + np.tanh(steepness * (x - left) / 2))
                                  - 0.5 * (1 + np.tanh(steepness * (x - right) / 2)))
    return total


def _standardize_in_place(t):
    if not t.is_floating_point():
        t = t.to(torch.get_default_dtype())
    mean, std = t.mean(dim=0), t.std(dim=0, correction=0)
    t -= mean  # changes the caller's float tensor: allowed by the prompt
    t /= std
    return t


def _distances_linalg_norm(A, B):
    A = torch.as_tensor(A)
    return torch.linalg.norm(A[:, None, :] - torch.as_tensor(B).to(A.dtype)[None, :, :], dim=-1)


RIGHT["heaviside"] += [("np.heaviside with H(0) = 1 on a float copy", _heaviside_np),
                       ("fills the float array in place", _heaviside_in_place)]
RIGHT["perceptron_predict"] += [("a loop comparing x @ w with -b", _predict_minus_b)]
RIGHT["perceptron_train"] += [("augmented weights (w, b) and inputs (x, 1)", _train_augmented)]
RIGHT["xor_network"] += [("hidden 'x1 and not x2', 'x2 and not x1', output OR", _xor_and_not)]
RIGHT["count_linearly_separable"] += [
    ("the grid as one matrix product, np.unique of the rows", _count_separable_unique_rows),
    ("the learning rule, np.sum of the converged tables (a NumPy integer)",
     _count_separable_np_sum)]
RIGHT["sigmoid"] += [("exp(-|a|) once, then np.where on safe values", _sigmoid_abs),
                     ("fills the converted input in place", _sigmoid_in_place)]
RIGHT["power_rule"] += [("numpy.polynomial's polyder (lowest degree first)",
                         _power_rule_polynomial)]
RIGHT["sympy_derivative"] += [("float arrays plus zeros of the input's shape", _sympy_float_zeros)]
RIGHT["central_difference"] += [("a float array first, then the formula", _central_float),
                                ("shifts the caller's array in place and back", _central_in_place)]
RIGHT["tower"] += [("sigma(s(x - l)) + sigma(s(r - x)) - 1", _tower_complement)]
RIGHT["approximate_with_towers"] += [("a loop over the towers with the tanh identity",
                                      _towers_loop)]
RIGHT["standardize_columns"] += [("standardizes a float input in place", _standardize_in_place)]
RIGHT["pairwise_distances"] += [("torch.linalg.norm of the broadcast differences",
                                 _distances_linalg_norm)]

# The entries above that blind review found (issue 22), by their `why`.

# ------------------------------------------------------------------------------ blind review, round 2
def _count_separable_capped_3(n):
    X = np.hstack([(np.arange(2**n)[:, None] >> np.arange(n)) & 1, np.ones((2**n, 1))])
    count = 0
    for k in range(2 ** (2**n)):
        y = (k >> np.arange(2**n)) & 1
        w = np.zeros(n + 1)  # the bias is the last weight, on an input that is always 1
        for _ in range(3):  # far too few epochs: even some tables of 2 inputs need more
            mistakes = 0
            for x_i, y_i in zip(X, y):
                y_hat = 1 if x_i @ w > 0 else 0
                if y_hat != y_i:
                    w, mistakes = w + (y_i - y_hat) * x_i, mistakes + 1
            if mistakes == 0:
                break
        count += mistakes == 0
    return int(count)


def _power_rule_list(coeffs):
    if len(coeffs) == 1:
        return [0.0]
    return [k * float(coeffs[k]) for k in range(1, len(coeffs))]  # a list, not an array


def _central_atleast_1d(f, x, h=1e-5):
    x = np.atleast_1d(np.asarray(x, dtype=float))  # a number becomes shape (1,)
    return (f(x + h) - f(x - h)) / (2 * h)


def _standardize_ints_double(t):
    if not t.is_floating_point():
        t = t.double()  # float64, not torch's default dtype
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)


def _count_separable_bytes(n):
    X = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    W = np.array(list(itertools.product(range(-3, 4), repeat=n)))  # (7^n, n)
    A = (X @ W.T)[:, :, None] + (np.arange(-3 * n, 3 * n + 1) + 0.5)
    T = (A > 0).reshape(2**n, -1).T.astype(np.uint8)
    return int(len(np.unique(T, axis=0)))


def _central_reshaped(f, x, h=1e-5):
    xa = np.asarray(x, dtype=np.float64)
    d = (np.asarray(f(xa + h), dtype=np.float64) - np.asarray(f(xa - h), dtype=np.float64)) / (2 * h)
    return d.reshape(xa.shape)


def _standardize_rsqrt(t):
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    mu = t.mean(dim=0, keepdim=True)
    return (t - mu) * torch.rsqrt(((t - mu) ** 2).mean(dim=0, keepdim=True))


WRONG["count_linearly_separable"] += [
    ("learning rule capped at 3 epochs: too few even for 2 inputs", _count_separable_capped_3,
        "Compare your count for n = 2 with the section's 14, then print how many epochs the "
        "learning rule ran on a table that failed. Re-read the prompt's sentence on the cap."),
]
WRONG["power_rule"] += [
    ("returns a Python list, not a float array", _power_rule_list,
        "Print type(power_rule(np.array([4.0, -3.0, 3.0]))): the prompt promises a float "
        "array, and a list is not one."),
]
WRONG["central_difference"] += [
    ("np.atleast_1d: a number x gives shape (1,)", _central_atleast_1d,
        "Call it on the number 0.0 and print np.shape of the result: the prompt asks for the "
        "shape of x, which is () for a plain number."),
]
WRONG["standardize_columns"] += [
    ("converts integers to float64 with .double()", _standardize_ints_double,
        "Standardize an int64 tensor and print the result's dtype: the prompt names the dtype "
        "an integer input becomes."),
]
RIGHT["count_linearly_separable"] += [("all perceptrons of the grid at once, np.unique of the "
                                       "tables as rows", _count_separable_bytes)]
RIGHT["central_difference"] += [("float64 arrays, reshaped to x's shape", _central_reshaped)]
RIGHT["standardize_columns"] += [("mean of squares and torch.rsqrt", _standardize_rsqrt)]


# ------------------------------------------------------------------ blind review, round 2 (second reviewer)
def _heaviside_astype_plain(z):
    return (z >= 0).astype(float)  # a plain number gives a Python bool, which has no astype


def _heaviside_tolerance(z):
    return np.where(np.asarray(z, dtype=float) >= -1e-9, 1.0, 0.0)  # -1e-12 counts as 0


def _heaviside_atleast_1d(z):
    z = np.atleast_1d(np.asarray(z, dtype=float))  # a number becomes shape (1,)
    out = np.zeros_like(z)
    out[z >= 0] = 1.0
    return out


def _predict_rounded(X, w, b):
    a = np.round(np.asarray(X, dtype=float) @ w + b, 10)  # -1e-12 rounds to -0.0
    return (a >= 0).astype(np.int64)


def _predict_einsum(X, w, b):
    a = np.einsum("nd,d->n", np.asarray(X, dtype=float), np.asarray(w, dtype=float)) + b
    return np.where(a >= 0, 1, 0)


def _train_int_bias(X, y, lr=1.0, epochs=10):
    w, b = np.zeros(np.shape(X)[1]), 0  # an int: it stays one for an integer lr
    errors = np.zeros(epochs, dtype=int)
    for epoch in range(epochs):
        for x_i, y_i in zip(np.asarray(X), np.asarray(y)):
            y_hat = int(x_i @ w + b >= 0)
            if y_hat != y_i:
                w, b = w + lr * (int(y_i) - y_hat) * x_i, b + lr * (int(y_i) - y_hat)
                errors[epoch] += 1
    return w, b, errors


def _train_early_stop(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    Xa = np.hstack([X, np.ones((X.shape[0], 1))])
    v = np.zeros(X.shape[1] + 1)
    errors = np.zeros(epochs, dtype=np.int64)
    for epoch in range(epochs):
        for x_i, y_i in zip(Xa, y):
            if int(x_i @ v >= 0) != y_i:
                v += lr * (2 * int(y_i) - 1) * x_i
                errors[epoch] += 1
        if errors[epoch] == 0:
            break  # nothing changes any more: the later epochs have no mistake either
    return v[:-1], float(v[-1]), errors


def _count_separable_int_bias(n):
    rows = np.array(list(itertools.product([0, 1], repeat=n)))
    seen = set()
    for w in itertools.product(range(-2, 3), repeat=n):
        a = rows @ np.array(w)
        for b in range(-2 * n - 1, 2 * n + 2):  # integer biases: a = 0 counts as 1
            seen.add(tuple(a + b >= 0))
    return len(seen)


def _sigmoid_no_asarray(z):
    out = np.empty_like(z, dtype=float)
    pos = z >= 0  # a Python bool for a plain number: no mask to index with
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out


def _sigmoid_clipped(z):
    z = np.clip(np.asarray(z, dtype=float), -500.0, 500.0)  # sigma(-600) becomes e^-500
    return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_float32(z):
    return torch.sigmoid(torch.as_tensor(np.asarray(z, dtype=np.float32))).numpy()


def _power_rule_zero_collapse(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    if np.all(coeffs[1:] == 0):  # [5, 0, 0] is treated as the constant [5]
        return np.array([0.0])
    return coeffs[1:] * np.arange(1, len(coeffs))


def _power_rule_polynomial_class(coeffs):
    return np.polynomial.Polynomial(np.asarray(coeffs, dtype=float)).deriv().coef


def _power_rule_in_place(coeffs):
    c = np.asarray(coeffs, dtype=float)  # may be the caller's float array: allowed
    if len(c) == 1:
        return np.array([0.0])
    c[1:] *= np.arange(1, len(c))
    return c[1:]


def _sympy_fresh_symbol(expr, x):
    t = sp.Symbol("x")  # not the argument x: another symbol gives a zero derivative
    f = sp.lambdify(t, sp.diff(expr, t), "numpy")
    return lambda values: f(values) + np.zeros_like(values)


def _sympy_subs_loop(expr, x):
    d = sp.diff(expr, x)
    return lambda values: np.array([float(d.subs(x, v)) for v in values])  # 1-D only


def _sympy_broadcast_float(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda values: np.broadcast_to(f(values), np.shape(values)).astype(float)


def _sympy_vectorize(expr, x):
    d = sp.diff(expr, x)
    return np.vectorize(lambda v: float(d.subs(x, v)), otypes=[float])


def _central_copy_in_place(f, x, h=1e-5):
    up, down = np.array(x), np.array(x)  # integer copies for an integer x
    up += h
    down -= h
    return (f(up) - f(down)) / (2 * h)


def _central_scaled_step(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    step = h * np.maximum(1.0, np.abs(x))  # not the h it is given
    return (f(x + step) - f(x - step)) / (2 * step)


def _tower_int_truncated(x, left, right, steepness):
    x = np.asarray(x)

    def sig(a):
        out = np.empty_like(x)  # integers for an integer x
        pos = a >= 0
        out[pos] = 1 / (1 + np.exp(-a[pos]))
        e = np.exp(a[~pos])
        out[~pos] = e / (1 + e)
        return out
    return sig(steepness * (x - left)) - sig(steepness * (x - right))


def _tower_exp_silenced(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):  # 1 / (1 + inf) = 0 is the right value
        return (1 / (1 + np.exp(-steepness * (x - left)))
                - 1 / (1 + np.exp(-steepness * (x - right))))


def _towers_int_accumulator(f, x, n_towers, x_range, steepness):
    edges = np.linspace(x_range[0], x_range[1], n_towers + 1)
    total = np.zeros_like(x)  # an integer array for an integer x
    for left, right in zip(edges[:-1], edges[1:]):
        up = 0.5 * (1 + np.tanh(steepness * (x - left) / 2))
        down = 0.5 * (1 + np.tanh(steepness * (x - right) / 2))
        total += f((left + right) / 2) * (up - down)
    return total


def _standardize_eps(t):
    if not t.is_floating_point():
        t = t.to(torch.get_default_dtype())
    return (t - t.mean(dim=0)) / (t.std(dim=0, correction=0) + 1e-8)


def _distances_squeezed(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt().squeeze()


WRONG["heaviside"] += [
    ("a plain number: .astype on the comparison's Python bool", _heaviside_astype_plain,
        "Call it on the plain number 0.5, not an array: the prompt says a may be a number. "
        "What type does 0.5 >= 0 have in Python, and what methods does that type have?"),
    ("treats a tiny negative a (down to -1e-9) as 0", _heaviside_tolerance,
        "Evaluate it at a = -1e-12: that is below 0, so H gives 0.0. The convention H(0) = 1 "
        "is about a exactly 0, not about a close to 0."),
    ("np.atleast_1d: a plain number gives shape (1,)", _heaviside_atleast_1d,
        "Call it on the number 0.5 and print np.shape of the result: the prompt asks for the "
        "shape of a, which is () for a plain number."),
]
WRONG["perceptron_predict"] += [
    ("rounds a before comparing: a tiny negative a is predicted 1", _predict_rounded,
        "Predict the row (0, 0) with w = [1, 1] and b = -1e-12: a = -1e-12 is below 0, so the "
        "prediction is 0. Does your code compare a itself with 0?"),
]
WRONG["perceptron_train"] += [
    ("starts from the int b = 0: an integer lr gives an int bias", _train_int_bias,
        "Train on AND with lr=1 (an int) and print type(b): the prompt promises a float. Which "
        "type does your bias start with, and does anything turn it into a float?"),
]
WRONG["sigmoid"] += [
    ("no np.asarray: a plain number cannot be indexed with a mask", _sigmoid_no_asarray,
        "Call it on the plain number 2.0, not an array: the prompt says a may be a number. Can "
        "a Python float be indexed with a boolean mask?"),
    ("clips a to [-500, 500]: the tiny values below e^-500 are wrong", _sigmoid_clipped,
        "Evaluate it at a = -600 and compare with e^-600: the prompt asks for the right value "
        "for any finite a. What does your code do to a before exp?"),
    ("computes in float32 with torch.sigmoid", _sigmoid_float32,
        "Print the dtype of your result and evaluate at a = -120: float32 cannot hold e^-120 "
        "and keeps only about 7 digits. Which float does NumPy use by default?"),
]
WRONG["power_rule"] += [
    ("a zero derivative of a longer polynomial collapses to [0.0]", _power_rule_zero_collapse,
        "Differentiate [5, 0, 0]: K = 3, so the prompt asks for K - 1 = 2 coefficients, even "
        "when they are all 0. Only K = 1 gives the single [0.0]."),
]
WRONG["sympy_derivative"] += [
    ("differentiates with respect to a new Symbol('x'), not the argument x", _sympy_fresh_symbol,
        "Try t = sp.symbols('t') and the expression t**2, with t as the argument: the "
        "derivative is 2t. Which symbol does your code differentiate by?"),
    ("loops over values with subs: only 1-D arrays work", _sympy_subs_loop,
        "Evaluate your function on np.zeros((2, 3)): the prompt promises any shape. What does "
        "a for loop over a 2-D array visit?"),
]
WRONG["central_difference"] += [
    ("shifts copies of x in place: an integer x raises a casting error", _central_copy_in_place,
        "Call it on the int x = 3: the prompt allows an int. Can an integer array hold x + h "
        "after an in-place addition?"),
    ("scales the step with |x|", _central_scaled_step,
        "For sin at x = 2 with h = 1e-3, compute (f(x + h) - f(x - h)) / (2h) by hand and "
        "compare: the prompt's formula uses the h it is given, unchanged."),
]
WRONG["tower"] += [
    ("np.empty_like of an integer x: values truncated to integers", _tower_int_truncated,
        "Call it on np.array([-1, 0, 1, 2, 3]) (integers), left 0, right 2: the tower is 0.5 on "
        "the walls. Print the dtype of the array your code fills."),
]
WRONG["approximate_with_towers"] += [
    ("total = np.zeros_like(x) with +=: an integer x raises a casting error",
        _towers_int_accumulator,
        "Call it on np.array([0, 1, 2]) (integers): the prompt allows integer x. Print the dtype "
        "of the array you add the towers into."),
]
WRONG["standardize_columns"] += [
    ("divides by std + 1e-8", _standardize_eps,
        "Standardize a float64 tensor whose columns vary by about 1e-6 and print the columns' "
        "standard deviations: they must be 1. The prompt divides by the deviation alone."),
]
WRONG["pairwise_distances"] += [
    ("squeezes the result: N = 1 or M = 1 loses an axis", _distances_squeezed,
        "Pass A of shape (1, 3) and B of shape (5, 3) and print the shape of your result: the "
        "prompt promises (N, M) = (1, 5)."),
]
RIGHT["perceptron_predict"] += [("np.einsum and np.where with the integers 1 and 0",
                                 _predict_einsum)]
RIGHT["perceptron_train"] += [("augmented weights, stops after an epoch without mistakes",
                               _train_early_stop)]
RIGHT["count_linearly_separable"] += [("weights -2..2 and integer biases, a set of tables",
                                       _count_separable_int_bias)]
RIGHT["power_rule"] += [("np.polynomial.Polynomial(...).deriv().coef",
                         _power_rule_polynomial_class),
                        ("multiplies the caller's float array in place", _power_rule_in_place)]
RIGHT["sympy_derivative"] += [("np.broadcast_to(...).astype(float), as the prompt suggests",
                               _sympy_broadcast_float),
                              ("np.vectorize over subs", _sympy_vectorize)]
RIGHT["tower"] += [("the formula with np.exp, overflow silenced (1 / (1 + inf) = 0)",
                    _tower_exp_silenced)]

BLIND = {
    "heaviside": ["uses the sign bit: H(-0.0) = 0 although -0.0 >= 0", "returns an integer array",
                  "keeps the input's dtype: an integer input gives an integer array"],
    "perceptron_predict": ["returns floats 0.0 and 1.0 instead of integers",
                           "returns the boolean comparison, not integers",
                           "returns a Python list, not an array"],
    "perceptron_train": ["forgets the learning rate in the bias update",
                         "ignores the learning rate altogether", "errors is a float array",
                         "w = np.zeros_like(X[0]): integer weights for an integer X until an update"],
    "xor_network": ["OR neuron's line 0.05 from the corners (1, 0) and (0, 1)",
                    "NAND neuron's line 0.05 from the corners (1, 0) and (0, 1)",
                    "OR neuron's line too close to (0, 0): (0.1, 0.1) already fires it"],
    "count_boolean_functions": ["2 ** (2 * n): right for n <= 2 only", "math.pow returns a float",
                                "np.power on int64 overflows from n = 6 on"],
    "count_linearly_separable": [
        "weights only in {-1, 0, 1}: misses functions of 3 inputs",
        "learning rule capped at 10 epochs: too few for some tables of 3 inputs",
        "learning rule capped at 3 epochs: too few even for 2 inputs"],
    "sigmoid": ["np.empty_like of an integer input: outputs truncated to integers",
                "np.atleast_1d: a plain number gives shape (1,)",
                "computes the negative side as 1 - sigmoid(-a): tiny values cancel to 0"],
    "power_rule": ["integer coefficients give an integer array",
                   "a constant gives np.array([0]), an integer array",
                   "returns a Python list, not a float array"],
    "sympy_derivative": ["np.broadcast_to keeps an integer constant derivative as integers",
                         "lambdify with the 'math' module: fails on arrays for sin, exp",
                         "broadcasts a constant derivative to len(values)"],
    "central_difference": ["ignores the argument h",
                           "f(x + h) - f(x - h) / (2 * h): the division binds first",
                           "np.atleast_1d: a number x gives shape (1,)"],
    "tower": ["sigmoid as (1 + tanh(a)) / 2: twice the steepness",
              "multiplies a step up by a step down instead of subtracting",
              "sigmoid as exp(a) / (1 + exp(a)): nan for a large a"],
    "approximate_with_towers": ["sigmoid as (1 + tanh(a)) / 2: twice the steepness",
                                "each tower as a product step up times (1 - step down)",
                                "ignores the steepness argument"],
    "standardize_columns": ["turns a float16 input into float32",
                            "converts integers with .float(), ignoring torch's default dtype",
                            "converts integers to float64 with .double()"],
    "pairwise_distances": ["always converts to float32",
                           "does not convert B to A's dtype: float64 B gives float64",
                           "expands |a|^2 + |b|^2 - 2ab instead of subtracting the rows"],
}

# Round 2, second blind reviewer: the entries above it found.
BLIND["heaviside"] += [
    "a plain number: .astype on the comparison's Python bool",
    "treats a tiny negative a (down to -1e-9) as 0",
    "np.atleast_1d: a plain number gives shape (1,)",
]
BLIND["perceptron_predict"] += [
    "rounds a before comparing: a tiny negative a is predicted 1",
]
BLIND["perceptron_train"] += [
    "starts from the int b = 0: an integer lr gives an int bias",
]
BLIND["sigmoid"] += [
    "no np.asarray: a plain number cannot be indexed with a mask",
    "clips a to [-500, 500]: the tiny values below e^-500 are wrong",
    "computes in float32 with torch.sigmoid",
]
BLIND["power_rule"] += [
    "a zero derivative of a longer polynomial collapses to [0.0]",
]
BLIND["sympy_derivative"] += [
    "differentiates with respect to a new Symbol('x'), not the argument x",
    "loops over values with subs: only 1-D arrays work",
]
BLIND["central_difference"] += [
    "shifts copies of x in place: an integer x raises a casting error",
    "scales the step with |x|",
]
BLIND["tower"] += [
    "np.empty_like of an integer x: values truncated to integers",
]
BLIND["approximate_with_towers"] += [
    "total = np.zeros_like(x) with +=: an integer x raises a casting error",
]
BLIND["standardize_columns"] += [
    "divides by std + 1e-8",
]
BLIND["pairwise_distances"] += [
    "squeezes the result: N = 1 or M = 1 loses an axis",
]
