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


def _distances_b_keeps_dtype(A, B):
    A, B = torch.as_tensor(A), torch.as_tensor(B)  # B keeps its own dtype
    return torch.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1))


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
        ("B keeps its dtype: a float32 A and a float64 B give a float64 result",
            _distances_b_keeps_dtype,
            "Pass a float32 A and a float64 B and print the result's dtype: torch promotes to "
            "the wider one. The prompt asks for A's dtype: convert B to it first."),
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
