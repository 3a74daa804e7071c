"""Reference solutions of week06/activations.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import numpy as np
import torch
import matplotlib.pyplot as plt
from scipy import special
from torch import nn
from dlcourse import check, data, depth
from dlcourse.train import fit, get_device, quick_mode, scaled, seed_everything


def sigmoid(a):
    """Logistic sigmoid and its derivative, elementwise, without overflow.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).

    Returns:
        h: (...) float64 array, sigma(a) = 1 / (1 + exp(-a)).
        dh: (...) float64 array, the derivative sigma'(a) = h * (1 - h).
    """
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))  # in (0, 1]: np.exp never sees a large positive number
    h = np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return h, h * (1.0 - h)


def tanh(a):
    """Hyperbolic tangent and its derivative, elementwise, without overflow.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).

    Returns:
        h: (...) float64 array, tanh(a).
        dh: (...) float64 array, the derivative 1 - tanh(a)**2.
    """
    a = np.asarray(a, dtype=np.float64)
    em = np.expm1(-2.0 * np.abs(a))  # e^(-2|a|) - 1, in (-1, 0], exact also for tiny |a|
    h = np.sign(a) * -em / (2.0 + em)  # (1 - e^(-2|a|)) / (1 + e^(-2|a|)), no cancellation
    return h, 1.0 - h ** 2


def relu(a, negative_slope=0.0):
    """Rectified linear unit (leaky when negative_slope > 0) and its derivative.

    Args:
        a: (...) numpy array of pre-activations, any shape.
        negative_slope: the slope for a <= 0 (0 for the plain ReLU, e.g. 0.01 for a leaky one).

    Returns:
        h: (...) float64 array, a where a > 0, negative_slope * a elsewhere.
        dh: (...) float64 array, 1 where a > 0, negative_slope elsewhere: at a = 0 exactly
            the derivative is negative_slope (0 for the ReLU), as torch's autograd gives.
    """
    a = np.asarray(a, dtype=np.float64)
    positive = a > 0  # a = 0 belongs to the flat side, as in torch
    h = np.where(positive, a, negative_slope * a)
    dh = np.where(positive, 1.0, negative_slope)
    return h, dh


def elu(a, alpha=1.0):
    """Exponential linear unit and its derivative, elementwise, without overflow.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).
        alpha: the value the ELU approaches as a -> -infinity is -alpha.

    Returns:
        h: (...) float64 array, a where a > 0, alpha * (exp(a) - 1) elsewhere.
        dh: (...) float64 array, 1 where a > 0, alpha * exp(a) elsewhere (alpha at a = 0,
            as torch's autograd gives).
    """
    a = np.asarray(a, dtype=np.float64)
    positive = a > 0
    neg = np.minimum(a, 0.0)  # np.exp only ever sees a <= 0: no overflow at a = 1000
    h = np.where(positive, a, alpha * np.expm1(neg))
    dh = np.where(positive, 1.0, alpha * np.exp(neg))
    return h, dh


def selu(a):
    """Scaled exponential linear unit (torch's constants) and its derivative, elementwise.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).

    Returns:
        h: (...) float64 array, scale * a where a > 0, scale * alpha * (exp(a) - 1) elsewhere,
            with alpha = 1.6732632423543772 and scale = 1.0507009873554805.
        dh: (...) float64 array, scale where a > 0, scale * alpha * exp(a) elsewhere
            (scale * alpha at a = 0, as torch's autograd gives).
    """
    alpha = 1.6732632423543772
    scale = 1.0507009873554805
    a = np.asarray(a, dtype=np.float64)
    positive = a > 0
    neg = np.minimum(a, 0.0)  # np.exp only ever sees a <= 0
    h = scale * np.where(positive, a, alpha * np.expm1(neg))
    dh = scale * np.where(positive, 1.0, alpha * np.exp(neg))
    return h, dh


def gelu(a, approximate="none"):
    """Gaussian error linear unit and its derivative, exact or with torch's tanh approximation.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).
        approximate: "none" for a * Phi(a) with the normal CDF Phi (through the error
            function), "tanh" for 0.5 * a * (1 + tanh(sqrt(2 / pi) * (a + 0.044715 * a**3))).

    Returns:
        h: (...) float64 array, GELU(a).
        dh: (...) float64 array, the derivative of the chosen formula.
    """
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = np.sqrt(2.0 / np.pi)
        t = np.tanh(c * (a + 0.044715 * a ** 3))
        h = 0.5 * a * (1.0 + t)
        dh = 0.5 * (1.0 + t) + 0.5 * a * (1.0 - t ** 2) * c * (1.0 + 3 * 0.044715 * a ** 2)
        return h, dh
    cdf = 0.5 * (1.0 + special.erf(a / np.sqrt(2.0)))  # Phi(a)
    pdf = np.exp(-0.5 * a ** 2) / np.sqrt(2.0 * np.pi)  # Phi'(a), the normal density
    return a * cdf, cdf + a * pdf


def silu(a):
    """SiLU (Swish with beta = 1), a * sigmoid(a), and its derivative, without overflow.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).

    Returns:
        h: (...) float64 array, a * sigma(a).
        dh: (...) float64 array, sigma(a) * (1 + a * (1 - sigma(a))).
    """
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))  # in (0, 1]
    s = np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # sigma(a)
    return a * s, s * (1.0 + a * (1.0 - s))


def softplus(a):
    """Softplus log(1 + exp(a)) and its derivative, accurate and finite for any a.

    Args:
        a: (...) numpy array of pre-activations, any shape, any finite values (also +-1000).

    Returns:
        h: (...) float64 array, log(1 + exp(a)), computed as log1p(exp(-|a|)) + max(a, 0)
            (accurate to the last digits for very negative a too, where it is about exp(a)).
        dh: (...) float64 array, the derivative sigma(a).
    """
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))  # in (0, 1]
    h = np.log1p(e) + np.maximum(a, 0.0)
    dh = np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # sigma(a)
    return h, dh


def maxout(A, k):
    """Maxout over groups of k consecutive units, and where its gradient goes.

    Args:
        A: (N, M * k) pre-activations; units j*k, ..., j*k + k - 1 form group j.
        k: units per group.

    Returns:
        h: (N, M) float64, the maximum of each group.
        mask: (N, M * k) float64, the derivative of h.sum() with respect to A: 1.0 at the
            unit that gives its group's maximum (the first one when several tie, as torch's
            max_pool1d and argmax choose), 0.0 everywhere else.
    """
    A = np.asarray(A, dtype=np.float64)
    N, width = A.shape
    groups = A.reshape(N, width // k, k)  # (N, M, k)
    first = groups.argmax(axis=2)  # (N, M) index of the first maximum in each group
    h = groups.max(axis=2)  # (N, M)
    mask = np.zeros_like(groups)
    np.put_along_axis(mask, first[..., None], 1.0, axis=2)
    return h, mask.reshape(N, width)  # (N, M * k)


def dead_fraction(H):
    """Fraction of a layer's units that are dead on a batch.

    Args:
        H: (N, M) post-activations of one layer (ReLU in the demos): N examples, M units.

    Returns:
        float in [0, 1]: the share of the M units whose output is exactly 0 on all N examples.
    """
    H = np.asarray(H)
    dead = np.all(H == 0, axis=0)  # (M,): a unit is a column
    return float(dead.mean())


def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    """Xavier (Glorot) initialization of a weight matrix W: (d_in, d_out), as torch's.

    fan_in = d_in and fan_out = d_out (our W is torch's weight transposed), and
    std = gain * sqrt(2 / (fan_in + fan_out)).

    Args:
        d_in, d_out: the layer's numbers of inputs and outputs.
        rng: a numpy Generator; exactly one call draws all the numbers.
        gain: torch's calculate_gain of the activation (1 for sigmoid/linear, 5/3 for tanh).
        distribution: "uniform": rng.uniform(-bound, bound, size=(d_in, d_out)) with
            bound = sqrt(3) * std; "normal": rng.normal(0.0, std, size=(d_in, d_out)).

    Returns:
        W: (d_in, d_out) float64 array.
    """
    std = gain * np.sqrt(2.0 / (d_in + d_out))  # fan_in + fan_out
    if distribution == "uniform":
        bound = np.sqrt(3.0) * std  # = gain * sqrt(6 / (fan_in + fan_out))
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    """He (Kaiming) initialization of W: (d_in, d_out), as torch's kaiming_*_ defaults.

    Mode fan_in, with fan_in = d_in (the number of inputs each unit adds up), the gain of a
    (leaky) ReLU, gain = sqrt(2 / (1 + negative_slope**2)), and std = gain / sqrt(fan_in).

    Args:
        d_in, d_out: the layer's numbers of inputs and outputs.
        rng: a numpy Generator; exactly one call draws all the numbers.
        negative_slope: the leaky ReLU's slope (torch's argument `a`); 0 for the ReLU.
        distribution: "normal": rng.normal(0.0, std, size=(d_in, d_out)); "uniform":
            rng.uniform(-bound, bound, size=(d_in, d_out)) with bound = sqrt(3) * std.

    Returns:
        W: (d_in, d_out) float64 array.
    """
    gain = np.sqrt(2.0 / (1.0 + negative_slope ** 2))
    std = gain / np.sqrt(d_in)  # fan_in = d_in = W.shape[0] in our layout
    if distribution == "uniform":
        bound = np.sqrt(3.0) * std  # a uniform on [-b, b] has variance b**2 / 3
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def depth_stats(X, weights, phi):
    """Mean and standard deviation of the post-activations of every layer of a deep network.

    The network has no biases (they are 0 at initialization):
    h(0) = X, h(l) = phi(h(l-1) @ weights[l-1]) for l = 1, ..., L.

    Args:
        X: (N, D) inputs.
        weights: list of L arrays; weights[l] has shape (d_l, d_(l+1)), with d_0 = D.
        phi: the activation, a function from an array to an array of the same shape.

    Returns:
        means: (L,) float64, means[l] is the mean of all N * d entries of layer l+1's h.
        stds: (L,) float64, their standard deviation (np.std, ddof=0).
    """
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        h = phi(h @ W)  # (N, d_out)
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means), np.array(stds)
