"""Reference solutions of week01/perceptrons.ipynb: generated, never edit by hand.

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


def heaviside(a):
    """Heaviside step of pre-activations, elementwise: 1.0 where a >= 0, else 0.0.

    a: a number or an array of any shape. Returns a float array of the same shape as a.
    """
    a = np.asarray(a)
    return np.where(a >= 0, 1.0, 0.0)


def perceptron_predict(X, w, b):
    """Predictions of a perceptron, H(X @ w + b), for every row of X.

    X: (N, D) inputs, one example per row; w: (D,) weights; b: a number (the bias).
    Returns (N,) integer labels, 0 or 1.
    """
    a = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b  # (N,) pre-activations
    return (a >= 0).astype(np.int64)


def perceptron_train(X, y, lr=1.0, epochs=10):
    """Train a perceptron with the perceptron learning rule.

    X: (N, D) inputs; y: (N,) labels, 0 or 1; lr: learning rate > 0; epochs: passes over the data.
    Starts from w = 0, b = 0 and visits the rows in order, updating after every example.
    Returns w: (D,) float weights, b: float bias, errors: (epochs,) integer array, where
    errors[e] is the number of examples misclassified (= updates made) during epoch e.
    b is a float also for an integer lr.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs, dtype=np.int64)
    for epoch in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = float(x_i @ w + b >= 0)  # H(a) with H(0) = 1
            step = lr * (y_i - y_hat)  # 0 when right, +lr or -lr when wrong
            w = w + step * x_i
            b = b + step
            errors[epoch] += int(y_hat != y_i)
    return w, float(b), errors


def xor_network():
    """Weights of a 2-2-1 network of step neurons that computes XOR.

    The network computes h = H(x @ W1 + b1), y_hat = H(h @ w2 + b2) with H(0) = 1.
    Returns W1: (2, 2) = (d_in, d_out) (column j = weights of hidden neuron j), b1: (2,),
    w2: (2,), b2: a float.
    """
    W1 = np.array([[1.0, -1.0],    # column 0: hidden neuron 1, OR
                   [1.0, -1.0]])   # column 1: hidden neuron 2, NAND
    b1 = np.array([-0.5, 1.5])
    w2 = np.array([1.0, 1.0])      # output neuron: AND of the two
    b2 = -1.5
    return W1, b1, w2, b2


def count_boolean_functions(n):
    """Number of different boolean functions of n boolean inputs (an int)."""
    return 2 ** (2 ** n)


def count_linearly_separable(n):
    """How many boolean functions of n inputs (1 <= n <= 3) one perceptron computes (an int)."""
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1  # (2**n, n): every input row
    values = np.arange(-3, 4)  # integer weights from -3 to 3 are plenty for n <= 3
    W = np.stack(np.meshgrid(*[values] * n, indexing="ij"), axis=-1).reshape(-1, n)  # (G, n)
    biases = np.arange(-3 * n, 3 * n + 1) + 0.5  # (K,): a is never exactly 0 on an input
    A = (inputs @ W.T)[:, :, None] + biases  # (2**n, G, K) pre-activations
    tables = (A >= 0).astype(np.int64)  # down axis 0: the truth table of each perceptron
    codes = (tables * 2 ** np.arange(2**n)[:, None, None]).sum(axis=0)  # (G, K): table as a number
    return int(len(np.unique(codes)))


def sigmoid(a):
    """Logistic sigmoid 1 / (1 + exp(-a)), elementwise, without overflow for any finite a.

    a: a number or an array of any shape. Returns a float array of the same shape.
    """
    a = np.asarray(a, dtype=float)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-a[pos]))  # exp of a number <= 0 never overflows
    ea = np.exp(a[~pos])  # here a < 0, so exp(a) < 1
    out[~pos] = ea / (1.0 + ea)
    return out


def power_rule(coeffs):
    """Derivative of a polynomial given by its coefficients, lowest degree first.

    coeffs: (K,) with p(x) = coeffs[0] + coeffs[1] x + ... + coeffs[K-1] x^(K-1).
    Returns the (K-1,) float coefficients of p'(x), lowest degree first, or np.array([0.0])
    when p is a constant (K == 1).
    """
    coeffs = np.asarray(coeffs, dtype=float)
    if len(coeffs) <= 1:
        return np.zeros(1)
    powers = np.arange(1, len(coeffs))  # the exponent of each term from x^1 up
    return coeffs[1:] * powers


def sympy_derivative(expr, x):
    """A NumPy function computing d(expr)/dx, built with SymPy.

    expr: a SymPy expression in the symbol x. Returns a function f_prime(values) that takes a
    float array of any shape and returns a float array of the same shape.
    """
    derivative = sp.diff(expr, x)
    f_prime = sp.lambdify(x, derivative, "numpy")
    # A constant derivative lambdifies to a function that returns one number: broadcast it.
    return lambda values: np.broadcast_to(f_prime(values), np.shape(values)).astype(float)


def central_difference(f, x, h=1e-5):
    """Central-difference estimate of f'(x): (f(x + h) - f(x - h)) / (2 h).

    f: an elementwise function of an array; x: a number (an int too) or an array;
    h: the step, > 0.
    Returns an array of the same shape as x.
    """
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2 * h)


def tower(x, left, right, steepness):
    """A tower of height about 1 on [left, right]: the difference of two sigmoid neurons.

    x: array of any shape (integers too); left < right: numbers; steepness > 0: the weight of
    both neurons.
    Returns an array shaped like x.
    """
    x = np.asarray(x, dtype=float)

    def sig(a):  # the logistic sigmoid; tanh never overflows
        return 0.5 * (1.0 + np.tanh(0.5 * a))

    return sig(steepness * (x - left)) - sig(steepness * (x - right))


def approximate_with_towers(f, x, n_towers, x_range, steepness):
    """Approximate f on x_range = (lo, hi) by n_towers towers of equal width.

    f: elementwise function; x: array of any shape, integers too (where to evaluate the
    approximation);
    n_towers: number of towers >= 1; steepness: the weight of every sigmoid neuron.
    Tower i covers [e_i, e_(i+1)] of np.linspace(lo, hi, n_towers + 1), with height f(its centre).
    Returns an array shaped like x.
    """
    lo, hi = x_range
    edges = np.linspace(lo, hi, n_towers + 1)  # (n_towers + 1,)
    centers = (edges[:-1] + edges[1:]) / 2  # (n_towers,)
    heights = f(centers)  # (n_towers,)
    x = np.asarray(x, dtype=float)

    def sig(a):  # the logistic sigmoid; tanh never overflows
        return 0.5 * (1.0 + np.tanh(0.5 * a))

    approx = np.zeros(x.shape)
    for left, right, height in zip(edges[:-1], edges[1:], heights):
        approx = approx + height * (sig(steepness * (x - left)) - sig(steepness * (x - right)))
    return approx


def standardize_columns(t):
    """Standardize every column of t to mean 0 and (population) standard deviation 1.

    t: (N, D) torch tensor, N >= 2. Returns an (N, D) tensor: float inputs keep their dtype,
    integer inputs become torch's default float dtype.
    """
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    mean = t.mean(dim=0, keepdim=True)  # (1, D)
    std = t.std(dim=0, correction=0, keepdim=True)  # (1, D)
    return (t - mean) / std


def pairwise_distances(A, B):
    """Euclidean distances between every row of A and every row of B, by broadcasting.

    A: (N, D), B: (M, D): floating-point torch tensors or NumPy arrays.
    Returns a torch tensor of shape (N, M), with D[i, j] = ||A[i] - B[j]||, of A's dtype.
    """
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    diff = A[:, None, :] - B[None, :, :]  # (N, M, D)
    return torch.sqrt((diff**2).sum(dim=-1))  # (N, M)
