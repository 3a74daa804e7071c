"""Known-wrong and other correct variants of week06's exercises.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant must lose the exercise's points, every RIGHT variant
(another correct way to follow the prompt) must pass every test cell, visible checks included.
The activations' hidden tests run inside ``np.errstate(over="raise", invalid="raise")``, so a
variant that overflows raises there, as the prompts announce.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import torch
from scipy import special

from autograder.references import week06 as ref

SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805


def _f64(a):
    return np.asarray(a, dtype=np.float64)


def _sig(a):
    """A stable sigmoid for the variants whose mistake is elsewhere."""
    return ref.sigmoid(a)[0]


def _torch_pair(fn, a):
    """(h, dh) of a torch function by autograd, as numpy float64: a correct route."""
    t = torch.tensor(_f64(a), dtype=torch.float64, requires_grad=True)
    out = fn(t)
    out.sum().backward()
    return out.detach().numpy(), t.grad.numpy()


def _elementwise(fn):
    """Apply a scalar function pair-wise with a Python loop (a correct, slow route)."""
    @functools.wraps(fn)
    def wrapper(a, *args):
        a = _f64(a)
        pairs = [fn(float(x), *args) for x in a.ravel()]
        h = np.array([p[0] for p in pairs], dtype=np.float64).reshape(a.shape)
        dh = np.array([p[1] for p in pairs], dtype=np.float64).reshape(a.shape)
        return h, dh
    return wrapper


# ---------------------------------------------------------------------------------- sigmoid
def sigmoid_naive(a):
    a = np.asarray(a, dtype=np.float64)
    h = 1.0 / (1.0 + np.exp(-a))  # overflows at a = -1000
    return h, h * (1.0 - h)


def sigmoid_dh_from_a(a):
    h = _sig(a)
    a = np.asarray(a, dtype=np.float64)
    return h, a * (1.0 - a)


def sigmoid_dh_quotient(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return h, np.exp(-a) / (1.0 + np.exp(-a)) ** 2  # exp(1000): inf / inf


def sigmoid_via_tanh(a):
    a = np.asarray(a, dtype=np.float64)
    h = 0.5 * (1.0 + np.tanh(0.5 * a))
    return h, 0.25 * (1.0 - np.tanh(0.5 * a) ** 2)


def sigmoid_expit(a):
    h = special.expit(np.asarray(a, dtype=np.float64))
    return h, h * (1.0 - h)


# ------------------------------------------------------------------------------------- tanh
def tanh_naive(a):
    a = np.asarray(a, dtype=np.float64)
    h = (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))
    return h, 1.0 - h ** 2


def tanh_dh_no_square(a):
    h = np.tanh(np.asarray(a, dtype=np.float64))
    return h, 1.0 - h


def tanh_dh_from_a(a):
    a = np.asarray(a, dtype=np.float64)
    return np.tanh(a), 1.0 - a ** 2


def tanh_numpy(a):
    h = np.tanh(np.asarray(a, dtype=np.float64))
    return h, 1.0 - h * h


def tanh_via_sigmoid(a):
    h = 2.0 * _sig(2.0 * np.asarray(a, dtype=np.float64)) - 1.0
    return h, 1.0 - h ** 2


def tanh_stable_cancels(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2.0 * np.abs(a))
    h = np.sign(a) * (1.0 - e) / (1.0 + e)  # 1 - e cancels for tiny |a|
    return h, 1.0 - h ** 2


# ------------------------------------------------------------------------------------- relu
def relu_one_at_zero(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    return np.where(a >= 0, a, negative_slope * a), np.where(a >= 0, 1.0, negative_slope)


def relu_ignores_slope_in_dh(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    return np.where(a > 0, a, negative_slope * a), (a > 0).astype(np.float64)


def relu_dh_abs_sign(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    return np.where(a > 0, a, negative_slope * a), np.abs(np.sign(a))  # 1 at negative inputs


def relu_dh_half_at_zero(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    dh = np.where(a > 0, 1.0, negative_slope)
    return np.where(a > 0, a, negative_slope * a), np.where(a == 0, 0.5, dh)


def relu_maximum(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.maximum(a, negative_slope * a)  # wrong for slopes above 1: picks a
    dh = np.ones_like(a)
    dh[a <= 0] = negative_slope
    return h, dh


def relu_max_min(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.maximum(a, 0.0) + negative_slope * np.minimum(a, 0.0)  # any slope, also above 1
    dh = np.ones_like(a)
    dh[a <= 0] = negative_slope
    return h, dh


def relu_torch(a, negative_slope=0.0):
    return _torch_pair(lambda t: torch.nn.functional.leaky_relu(t, negative_slope), a)


# -------------------------------------------------------------------------------------- elu
def elu_one_at_zero(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    return (np.where(a > 0, a, alpha * np.expm1(neg)),
            np.where(a >= 0, 1.0, alpha * np.exp(neg)))


def elu_dh_without_alpha(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    return np.where(a > 0, a, alpha * np.expm1(neg)), np.where(a > 0, 1.0, np.exp(neg))


def elu_overflows(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    return (np.where(a > 0, a, alpha * (np.exp(a) - 1.0)),
            np.where(a > 0, 1.0, alpha * np.exp(a)))  # np.exp(1000) in the unused branch


def elu_dh_is_h(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.where(a > 0, a, alpha * np.expm1(neg))
    return h, np.where(a > 0, 1.0, h)  # h + alpha would be right


@_elementwise
def elu_loop(x, alpha=1.0):
    return (x, 1.0) if x > 0 else (alpha * math.expm1(x), alpha * math.exp(x))


# ------------------------------------------------------------------------------------- selu
def _selu_with(alpha, scale, zero_right=False):
    def selu(a):
        a = np.asarray(a, dtype=np.float64)
        neg = np.minimum(a, 0.0)
        positive = a >= 0 if zero_right else a > 0
        return (scale * np.where(a > 0, a, alpha * np.expm1(neg)),
                scale * np.where(positive, 1.0, alpha * np.exp(neg)))
    return selu


def selu_torch(a):
    return _torch_pair(torch.selu, a)


@_elementwise
def selu_loop(x):
    if x > 0:
        return SELU_SCALE * x, SELU_SCALE
    return SELU_SCALE * SELU_ALPHA * math.expm1(x), SELU_SCALE * SELU_ALPHA * math.exp(x)


# ------------------------------------------------------------------------------------- gelu
def _gelu_tanh(a, c, k):
    t = np.tanh(c * (a + k * a ** 3))
    return (0.5 * a * (1.0 + t),
            0.5 * (1.0 + t) + 0.5 * a * (1.0 - t ** 2) * c * (1.0 + 3 * k * a ** 2))


def gelu_wrong_cubic_constant(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        return _gelu_tanh(a, np.sqrt(2.0 / np.pi), 0.0447)
    return ref.gelu(a)


def gelu_wrong_sqrt(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        return _gelu_tanh(a, np.sqrt(np.pi / 2.0), 0.044715)
    return ref.gelu(a)


def gelu_dh_only_cdf(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        return ref.gelu(a, "tanh")
    cdf = 0.5 * (1.0 + special.erf(a / np.sqrt(2.0)))
    return a * cdf, cdf


def gelu_erf_without_sqrt2(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        return ref.gelu(a, "tanh")
    cdf = 0.5 * (1.0 + special.erf(a))
    pdf = np.exp(-a ** 2) / np.sqrt(np.pi)
    return a * cdf, cdf + a * pdf


def gelu_ignores_approximate(a, approximate="none"):
    return ref.gelu(a)


def gelu_torch(a, approximate="none"):
    return _torch_pair(lambda t: torch.nn.functional.gelu(t, approximate=approximate), a)


def gelu_ndtr(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        u = np.sqrt(2.0 / np.pi) * (a + 0.044715 * a ** 3)
        sech2 = 1.0 / np.cosh(np.minimum(np.abs(u), 300.0)) ** 2
        return (0.5 * a * (1.0 + np.tanh(u)),
                0.5 * (1.0 + np.tanh(u))
                + 0.5 * a * sech2 * np.sqrt(2.0 / np.pi) * (1.0 + 0.134145 * a ** 2))
    return a * special.ndtr(a), special.ndtr(a) + a * np.exp(-a * a / 2) / np.sqrt(2 * np.pi)


# ------------------------------------------------------------------------------------- silu
def silu_dh_is_sigmoid(a):
    s = _sig(a)
    return np.asarray(a, dtype=np.float64) * s, s


def silu_dh_no_first_term(a):
    s = _sig(a)
    a = np.asarray(a, dtype=np.float64)
    return a * s, a * s * (1.0 - s)


def silu_naive(a):
    a = np.asarray(a, dtype=np.float64)
    s = 1.0 / (1.0 + np.exp(-a))  # overflows at a = -1000
    return a * s, s * (1.0 + a * (1.0 - s))


def silu_via_tanh(a):
    a = np.asarray(a, dtype=np.float64)
    s = 0.5 * (1.0 + np.tanh(0.5 * a))
    return a * s, s + a * s * (1.0 - s)


# --------------------------------------------------------------------------------- softplus
def softplus_naive(a):
    a = np.asarray(a, dtype=np.float64)
    return np.log(1.0 + np.exp(a)), _sig(a)  # exp(1000) overflows


def softplus_log_not_log1p(a):
    a = np.asarray(a, dtype=np.float64)
    return np.log(1.0 + np.exp(-np.abs(a))) + np.maximum(a, 0.0), _sig(a)


def softplus_dh_flipped(a):
    a = np.asarray(a, dtype=np.float64)
    return ref.softplus(a)[0], _sig(-a)


def softplus_dh_quotient(a):
    a = np.asarray(a, dtype=np.float64)
    return ref.softplus(a)[0], np.exp(a) / (1.0 + np.exp(a))  # inf / inf at 1000


def softplus_logaddexp(a):
    a = np.asarray(a, dtype=np.float64)
    return np.logaddexp(0.0, a), special.expit(a)


# ----------------------------------------------------------------------------------- maxout
def maxout_strided_groups(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, width = A.shape
    groups = A.reshape(N, k, width // k)  # units j, j + M, ... instead of consecutive ones
    idx = groups.argmax(axis=1)
    mask = np.zeros_like(groups)
    np.put_along_axis(mask, idx[:, None, :], 1.0, axis=1)
    return groups.max(axis=1), mask.reshape(N, width)


def maxout_all_ties(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, width = A.shape
    groups = A.reshape(N, width // k, k)
    h = groups.max(axis=2)
    return h, (groups == h[..., None]).astype(np.float64).reshape(N, width)


def maxout_last_tie(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, width = A.shape
    groups = A.reshape(N, width // k, k)
    last = k - 1 - groups[..., ::-1].argmax(axis=2)
    mask = np.zeros_like(groups)
    np.put_along_axis(mask, last[..., None], 1.0, axis=2)
    return groups.max(axis=2), mask.reshape(N, width)


def maxout_loop(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, width = A.shape
    h = np.zeros((N, width // k))
    mask = np.zeros_like(A)
    for n in range(N):
        for j in range(width // k):
            best = j * k
            for r in range(j * k, j * k + k):
                if A[n, r] > A[n, best]:  # strictly greater: the first maximum stays
                    best = r
            h[n, j] = A[n, best]
            mask[n, best] = 1.0
    return h, mask


def maxout_torch(A, k):
    t = torch.tensor(np.asarray(A, dtype=np.float64), requires_grad=True)
    h = torch.nn.functional.max_pool1d(t.unsqueeze(1), k).squeeze(1)
    h.sum().backward()
    return h.detach().numpy(), t.grad.numpy()


# ------------------------------------------------------------------------------ xavier_init
def xavier_uniform_uses_normal_formula(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2.0 / (d_in + d_out))
    if distribution == "uniform":
        return rng.uniform(-std, std, size=(d_in, d_out))  # forgot the sqrt(3)
    return rng.normal(0.0, std, size=(d_in, d_out))


def xavier_fan_in_only(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(1.0 / d_in)  # LeCun, not Glorot: ignores the fan-out
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def xavier_gain_squared(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain ** 2 * np.sqrt(2.0 / (d_in + d_out))  # gain applied to the variance's root twice
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def xavier_transposed_draw(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2.0 / (d_in + d_out))
    if distribution == "uniform":
        W = rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_out, d_in))
    else:
        W = rng.normal(0.0, std, size=(d_out, d_in))
    return W.T  # torch's layout drawn, then transposed: other numbers in each place


def xavier_scaled_standard_draws(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * math.sqrt(6.0 / (d_in + d_out)) / math.sqrt(3.0)
    if distribution == "uniform":
        bound = gain * math.sqrt(6.0 / (d_in + d_out))
        return rng.uniform(-bound, bound, (d_in, d_out))
    return std * rng.standard_normal((d_in, d_out))


# ---------------------------------------------------------------------------------- he_init
def he_fan_out(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2.0 / (1.0 + negative_slope ** 2)) / np.sqrt(d_out)  # torch's size(1) habit
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def he_variance_as_std(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = 2.0 / ((1.0 + negative_slope ** 2) * d_in)  # the variance used as the std
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def he_uniform_without_sqrt3(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2.0 / (1.0 + negative_slope ** 2)) / np.sqrt(d_in)
    if distribution == "uniform":
        return rng.uniform(-std, std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def he_ignores_slope(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2.0 / d_in)
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def he_standard_draws(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    var = 2.0 / ((1.0 + negative_slope * negative_slope) * d_in)
    if distribution == "uniform":
        bound = math.sqrt(3.0 * var)
        return rng.uniform(low=-bound, high=bound, size=(d_in, d_out))
    return math.sqrt(var) * rng.standard_normal(size=(d_in, d_out))


# ---------------------------------------------------------------------------- dead_fraction
def dead_fraction_of_entries(H):
    return float(np.mean(np.asarray(H) == 0))


def dead_fraction_of_rows(H):
    return float(np.mean(np.all(np.asarray(H) == 0, axis=1)))


def dead_fraction_any_zero(H):
    return float(np.mean(np.any(np.asarray(H) == 0, axis=0)))


def dead_fraction_loop(H):
    H = np.asarray(H)
    dead = sum(1 for j in range(H.shape[1]) if not np.any(H[:, j] != 0))
    return dead / H.shape[1]


# ------------------------------------------------------------------------------ depth_stats
def depth_stats_of_a(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        a = h @ W
        means.append(a.mean())
        stds.append(a.std())  # statistics of the pre-activation
        h = phi(a)
    return np.array(means), np.array(stds)


def depth_stats_with_input(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [h.mean()], [h.std()]
    for W in weights[:-1]:  # the input counted as layer 0, the last layer dropped
        h = phi(h @ W)
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means), np.array(stds)


def depth_stats_ddof1(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        h = phi(h @ W)
        means.append(h.mean())
        stds.append(h.std(ddof=1))
    return np.array(means), np.array(stds)


def depth_stats_phi_first(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        h = phi(h) @ W  # activation before the matrix product
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means), np.array(stds)


def depth_stats_preallocated(X, weights, phi):
    L = len(weights)
    means, stds = np.empty(L), np.empty(L)
    h = np.asarray(X, dtype=np.float64)
    for layer in range(L):
        h = phi(np.matmul(h, weights[layer]))
        means[layer] = np.sum(h) / h.size
        stds[layer] = np.sqrt(np.mean((h - means[layer]) ** 2))
    return means, stds


# ------------------------------------------------------------------------------- the tables

# ------------------------------------------------------------- blind review (issue 22)
def sigmoid_keeps_float32(a):
    e = np.exp(-np.abs(a))
    h = np.where(a >= 0, 1 / (1 + e), e / (1 + e))  # float32 in, float32 out
    return h, h * (1 - h)


def sigmoid_flat_loop(a):
    hs = []
    for x in np.asarray(a, dtype=float).ravel():
        hs.append(1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x)))
    h = np.array(hs)  # (a.size,): the shape of a is lost
    return h, h * (1 - h)


def sigmoid_dh_tanh_form(a):
    h = ref.sigmoid(a)[0]
    return h, 1 - h ** 2


def tanh_keeps_float32(a):
    h = np.tanh(a)
    return h, 1 - h ** 2


def tanh_flat_loop(a):
    h = np.array([math.tanh(x) for x in np.asarray(a, dtype=float).ravel()])
    return h, 1 - h ** 2


def relu_keeps_float32(a, negative_slope=0.0):
    h = np.where(a > 0, a, negative_slope * a)
    return h, np.where(a > 0, 1.0, negative_slope)


def relu_leaky_dh_zero_at_zero(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    return np.where(a > 0, a, negative_slope * a), (a > 0) * 1.0 + negative_slope * (a < 0)


def elu_keeps_float32(a, alpha=1.0):
    neg = np.minimum(a, 0)
    h = np.where(a > 0, a, alpha * np.expm1(neg))
    return h, np.where(a > 0, 1, alpha * np.exp(neg)).astype(a.dtype)


def selu_short_constants(a):
    alpha, scale = 1.67326, 1.0507
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    return (scale * np.where(a > 0, a, alpha * np.expm1(neg)),
            scale * np.where(a > 0, 1.0, alpha * np.exp(neg)))


def selu_keeps_float32(a):
    neg = np.minimum(a, 0)
    h = SELU_SCALE * np.where(a > 0, a, SELU_ALPHA * np.expm1(neg))
    return h, (SELU_SCALE * np.where(a > 0, 1.0, SELU_ALPHA * np.exp(neg))).astype(a.dtype)


def _gelu_tanh_pair(a, c=None):
    c = np.sqrt(2 / np.pi) if c is None else c
    t = np.tanh(c * (a + 0.044715 * a ** 3))
    return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)


def gelu_rounded_sqrt(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    return _gelu_tanh_pair(a, 0.7979) if approximate == "tanh" else ref.gelu(a)


def gelu_truthy_approximate(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    return _gelu_tanh_pair(a) if approximate else ref.gelu(a)  # "none" is a true string


def gelu_keeps_float32(a, approximate="none"):
    h, dh = _gelu_tanh_pair(a) if approximate == "tanh" else ref.gelu(a)
    return h.astype(np.asarray(a).dtype), dh.astype(np.asarray(a).dtype)


def silu_flat_loop(a):
    hs, ds = [], []
    for x in np.asarray(a, dtype=float).ravel():
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        hs.append(x * s)
        ds.append(s * (1 + x * (1 - s)))
    return np.array(hs), np.array(ds)


def silu_keeps_float32(a):
    s = special.expit(a)
    return a * s, s * (1 + a * (1 - s))


def softplus_keeps_float32(a):
    e = np.exp(-np.abs(a))
    return np.log1p(e) + np.maximum(a, 0), np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def softplus_flat_loop(a):
    hs, ds = [], []
    for x in np.asarray(a, dtype=float).ravel():
        e = math.exp(-abs(x))
        hs.append(math.log1p(e) + max(x, 0.0))
        ds.append(1 / (1 + e) if x >= 0 else e / (1 + e))
    return np.array(hs), np.array(ds)


def softplus_where_overflows(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.where(a > 0, a + np.log1p(np.exp(-a)), np.log1p(np.exp(a)))  # both branches run
    return h, _sig(a)


def maxout_bool_mask(A, k):
    h, mask = ref.maxout(A, k)
    return h, mask.astype(bool)


def maxout_keeps_int(A, k):
    A = np.asarray(A)
    N, width = A.shape
    groups = A.reshape(N, width // k, k)
    mask = np.zeros(groups.shape)
    np.put_along_axis(mask, groups.argmax(axis=2)[..., None], 1.0, axis=2)
    return groups.max(axis=2), mask.reshape(N, width)


def dead_fraction_tolerance(H):
    return float(np.mean(np.all(np.abs(H) < 1e-8, axis=0)))


def dead_fraction_over_rows(H):
    return float(np.sum(np.all(np.asarray(H) == 0, axis=0)) / np.shape(H)[0])


def xavier_uniform_no_gain(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "uniform":
        bound = np.sqrt(6 / (d_in + d_out))
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, gain * np.sqrt(2 / (d_in + d_out)), size=(d_in, d_out))


def he_normal_ignores_slope(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        return rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_out))
    return ref.he_init(d_in, d_out, rng, negative_slope, distribution)


def he_slope_not_squared(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2 / (1 + negative_slope)) / np.sqrt(d_in)
    if distribution == "normal":
        return rng.normal(0.0, std, size=(d_in, d_out))
    return rng.uniform(-np.sqrt(3) * std, np.sqrt(3) * std, size=(d_in, d_out))


def depth_stats_lists(X, weights, phi):
    means, stds = ref.depth_stats(X, weights, phi)
    return [float(m) for m in means], [float(s) for s in stds]


def depth_stats_abs_mean(X, weights, phi):
    h, means, stds = np.asarray(X, dtype=np.float64), [], []
    for W in weights:
        h = phi(h @ W)
        means.append(np.mean(np.abs(h)))
        stds.append(np.std(h))
    return np.array(means), np.array(stds)


def depth_stats_input_too(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [h.mean()], [h.std()]
    for W in weights:
        h = phi(h @ W)
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means), np.array(stds)


def elu_dh_from_h(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    pos = a > 0
    neg_h = alpha * np.expm1(np.minimum(a, 0.0))
    return np.where(pos, a, neg_h), np.where(pos, 1.0, neg_h + alpha)  # alpha e^a = h + alpha


def silu_dh_from_h(a):
    a = np.asarray(a, dtype=np.float64)
    s = special.expit(a)
    h = a * s
    return h, h + s * (1.0 - h)  # s + a s (1 - s), rearranged


def he_calculate_gain(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = torch.nn.init.calculate_gain("leaky_relu", negative_slope) / np.sqrt(d_in)
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0) * std, np.sqrt(3.0) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


WRONG = {
    "sigmoid": [
        ("1 / (1 + exp(-a)) overflows at a = -1000", sigmoid_naive,
         "Run it on a = -1000 inside np.errstate(over='raise'): exp(-a) becomes "
         "exp(1000). The notebook gives a form in which exp only ever sees a number <= 0."),
        ("derivative written with a instead of h: a (1 - a)", sigmoid_dh_from_a,
         "Check at a = 0 and a = 2: the sigmoid's slope is at most 1/4 and never "
         "negative. Which variable, the input or the output, belongs in the formula?"),
        ("derivative exp(-a) / (1 + exp(-a))**2: inf / inf = nan at a = -1000",
         sigmoid_dh_quotient,
         "Your h is stable, but the derivative calls exp(-a) again and overflows at a = -1000. The "
         "prompt asks for the derivative written through h: then no new exponential is needed."),
        ("float32 input gives float32 outputs (no conversion to float64)", sigmoid_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
        ("a loop over a.ravel(): h and dh come back flat, not in the shape of a", sigmoid_flat_loop,
         "Call it on an a of shape (2, 3) and print the shapes you return: h and dh must have the shape of a, not be flattened."),
        ("derivative 1 - h**2 (tanh's) instead of h (1 - h)", sigmoid_dh_tanh_form,
         "Check at a = 0: the sigmoid's slope there is 1/4, and it is never above 1/4. Re-derive "
         "the derivative of 1 / (1 + exp(-a)) and write it with h."),
    ],
    "tanh": [
        ("(e^a - e^-a) / (e^a + e^-a) overflows: nan at +-1000", tanh_naive,
         "At a = 1000, e^a overflows and the quotient becomes "
         "inf / inf = nan. The notebook shows how dividing top and bottom by "
         "e^|a| keeps every exponent <= 0 (the prompt also allows np.tanh)."),
        ("derivative 1 - h instead of 1 - h**2", tanh_dh_no_square,
         "Check at a = -2: the slope of tanh never exceeds 1, and it is symmetric, so "
         "the value at -2 must equal the value at 2. Re-derive the derivative once."),
        ("derivative written with a instead of h: 1 - a**2", tanh_dh_from_a,
         "Evaluate your derivative at a = 2: it comes out negative, yet tanh is "
         "increasing everywhere. Which variable belongs in the formula, a or h?"),
        ("the stable quotient with 1 - exp(-2|a|): cancels to 0 for tiny |a|",
         tanh_stable_cancels,
         "Evaluate your h at a = 1e-300: tanh(a) is a there, to every digit. A difference of two "
         "numbers close to 1 keeps few correct digits; re-read the end of the tanh section."),
        ("through the sigmoid identity 2 sigma(2a) - 1: cancels for tiny |a|", tanh_via_sigmoid,
         "The identity is exact in real numbers, not in floats: at a = 1e-12, 2 sigma(2a) is 1 plus "
         "a tiny amount, and subtracting 1 leaves few correct digits. Compare with a itself."),
        ("np.tanh keeps a float32 input's dtype", tanh_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
        ("a loop over a.ravel(): h and dh come back flat, not in the shape of a", tanh_flat_loop,
         "Call it on an a of shape (2, 3) and print the shapes you return: h and dh must have the shape of a, not be flattened."),
    ],
    "relu": [
        ("derivative 1 at a = 0 (a >= 0), where torch's autograd gives negative_slope",
         relu_one_at_zero,
         "Look at the comparison that picks the branch: in torch, a = 0 belongs to the "
         "flat side. Test dh of relu([0.0]) and relu([0.0], 0.1) against torch's autograd."),
        ("derivative 0 at negative inputs even when leaky (negative_slope forgotten in dh)",
         relu_ignores_slope_in_dh,
         "dh must be the slope of your own h: with negative_slope = 0.1, "
         "h at a = -1 and a = -2 differs by 0.1, so dh there cannot be 0."),
        ("derivative |sign(a)|: 1 at negative inputs", relu_dh_abs_sign,
         "Check dh at a = -3 against the slope of the graph of your h there: the plain "
         "ReLU is flat on the left. The absolute value forgets which side a is on."),
        ("derivative 1/2 at a = 0 (a subgradient, but not torch's)", relu_dh_half_at_zero,
         "Any value in [0, 1] is a subgradient at 0, but the prompt pins the one "
         "torch's autograd uses. Compare your dh at a = 0.0 with autograd of torch.relu."),
        ("np.maximum(a, s * a): right only for slopes up to 1", relu_maximum,
         "Try negative_slope = 2 at a = -1: the prompt's formula gives 2 * a = -2. Which of a and "
         "2a does a maximum pick there?"),
        ("float32 input gives a float32 h (no conversion to float64)", relu_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you "
         "return: the prompt promises float64 arrays, whatever the input's dtype."),
        ("leaky derivative 0 at a = 0 (the slope only where a < 0)", relu_leaky_dh_zero_at_zero,
         "At exactly a = 0 torch's leaky_relu gives the derivative negative_slope (the flat side "
         "includes 0). Evaluate your dh at a = 0 with negative_slope = 0.1."),
    ],
    "elu": [
        ("derivative 1 at a = 0 (the right branch), where torch gives alpha", elu_one_at_zero,
         "At exactly a = 0, autograd takes the a <= 0 branch. Test elu([0.0], 2.0): when alpha is "
         "not 1 the two one-sided slopes differ, so the value at 0 shows which branch you picked."),
        ("derivative exp(a) for a <= 0: alpha forgotten", elu_dh_without_alpha,
         "With the default alpha = 1 this mistake is invisible. Test alpha = 2 "
         "at a = -1 and compare dh with a finite difference of your own h there."),
        ("np.where with np.exp(a) on every entry: overflows at a = 1000", elu_overflows,
         "np.where evaluates both branches on every entry: for a = 1000 the unused "
         "exponential still overflows. The notebook shows how to make exp see only values <= 0."),
        ("derivative h for a <= 0 instead of h + alpha", elu_dh_is_h,
         "Check a = 0 with alpha = 2: h is 0 there, but the slope must be alpha. "
         "Compare dh with a finite difference of your h at a few negative a."),
        ("float32 input gives float32 outputs (no conversion to float64)", elu_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
    ],
    "selu": [
        ("alpha and scale swapped", _selu_with(SELU_SCALE, SELU_ALPHA),
         "The product scale * alpha is the same either way, so the negative tail hides "
         "this. Look at the positive side, e.g. a = 1, and compare with torch.selu."),
        ("constants rounded to 1.67 and 1.05", _selu_with(1.67, 1.05),
         "Self-normalization needs the exact constants, and a difference in the third digit is "
         "far above any test tolerance. Compare your constants with the prompt digit by digit."),
        ("derivative scale at a = 0 (the right branch) instead of scale * alpha",
         _selu_with(SELU_ALPHA, SELU_SCALE, zero_right=True),
         "Look at the comparison that chooses the branch of dh: like ELU's, SELU's a = 0 "
         "belongs to the exponential side. Test selu([0.0]) against torch's autograd."),
        ("scale forgotten: a plain ELU with alpha = 1.673", _selu_with(SELU_ALPHA, 1.0),
         "Check a positive input such as a = 1: SELU's positive side is not the "
         "identity. Which of the two constants multiplies the whole function?"),
        ("constants cut to 1.67326 and 1.0507 (the prompt wants all their digits)",
         selu_short_constants,
         "Compare your h at a = 1 with 1.0507009873554805 to 12 digits: the prompt asks for "
         "torch's constants written out in full, not rounded."),
        ("float32 input gives float32 outputs (no conversion to float64)", selu_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
    ],
    "gelu": [
        ("tanh approximation with 0.0447 instead of 0.044715", gelu_wrong_cubic_constant,
         "Compare your tanh form with torch's gelu(t, approximate='tanh') at a = 3, where the "
         "cubic term matters most, and check each constant against the prompt digit by digit."),
        ("tanh approximation with sqrt(pi / 2) instead of sqrt(2 / pi)", gelu_wrong_sqrt,
         "Print the constant in front of (a + 0.044715 a**3): the "
         "notebook gives it as about 0.7979. Is yours larger than 1?"),
        ("exact derivative Phi(a) only: the product rule's a * phi(a) forgotten",
         gelu_dh_only_cdf,
         "Compare dh with a finite difference of your own h at a = 1 or "
         "a = -1: they disagree. Differentiate both factors of the product."),
        ("erf(a) instead of erf(a / sqrt(2)): the CDF of N(0, 1/2)", gelu_erf_without_sqrt2,
         "Check your gate at a = 1: the standard normal CDF gives "
         "Phi(1) = 0.8413. Re-read how the notebook turns erf into Phi."),
        ("ignores approximate='tanh' and always returns the exact form",
         gelu_ignores_approximate,
         "The two forms differ by less than 5e-4, which still fails a tight comparison. Call "
         "your function with approximate='tanh' and check that the tanh branch really runs."),
        ("tanh approximation with sqrt(2 / pi) rounded to 0.7979", gelu_rounded_sqrt,
         "Compare your tanh form with torch's gelu(a, approximate='tanh') at a = 2 to 6 digits: "
         "the prompt asks for exactly np.sqrt(2 / np.pi), not a rounded value."),
        ("tests the string approximate for truth: 'none' is true, so it always uses tanh",
         gelu_truthy_approximate,
         "Print bool('none'): a non-empty string is true. Compare approximate with the two names "
         "the prompt gives."),
        ("float32 input gives float32 outputs (no conversion to float64)", gelu_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
    ],
    "silu": [
        ("derivative sigma(a): the product rule forgotten", silu_dh_is_sigmoid,
         "At a = 0 this mistake hides (both give 1/2). Compare dh "
         "with a finite difference of your own h at a = 2 or a = -2."),
        ("derivative a sigma(a) (1 - sigma(a)): the first term of the product rule forgotten",
         silu_dh_no_first_term,
         "Check dh at a = 0: SiLU'(0) is sigma(0) = 1/2, but "
         "yours gives 0. Which factor's derivative did you keep?"),
        ("sigmoid as 1 / (1 + exp(-a)): overflows at a = -1000", silu_naive,
         "Try a = -1000 under np.errstate(over='raise'): the sigmoid inside overflows. "
         "You already wrote a stable sigmoid in Exercise 1; the same idea applies here."),
        ("a loop over a.ravel(): h and dh come back flat, not in the shape of a", silu_flat_loop,
         "Call it on an a of shape (2, 3) and print the shapes you return: h and dh must have the shape of a, not be flattened."),
        ("float32 input gives float32 outputs (scipy's expit keeps the dtype)",
         silu_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
    ],
    "softplus": [
        ("log(1 + exp(a)) overflows to inf at a = 1000", softplus_naive,
         "Evaluate at a = 1000: exp(1000) is inf before the log can tame it. Re-read "
         "the stable form in the notebook, which splits off the large part of a."),
        ("np.log(1 + e) instead of np.log1p(e): 0 instead of 4.2e-18 at a = -40",
         softplus_log_not_log1p,
         "In Python, 1 + 1e-17 == 1 is True: float64 cannot store that sum. Compute "
         "log(1 + x) without forming 1 + x first; the notebook names the function."),
        ("derivative sigma(-a) instead of sigma(a)", softplus_dh_flipped,
         "Softplus is increasing, and its slope should go from 0 (far left) "
         "to 1 (far right). Check your dh at a = 5: it should be close to 1."),
        ("derivative exp(a) / (1 + exp(a)): inf / inf = nan at a = 1000", softplus_dh_quotient,
         "exp(1000) is inf, and inf / inf is nan. Recognize which function "
         "e^a / (1 + e^a) is: you already have an overflow-free way to compute it."),
        ("float32 input gives float32 outputs (no conversion to float64)",
         softplus_keeps_float32,
         "Call it on np.array([-2.0, 0.0, 3.0], dtype=np.float32) and print the dtypes you return: the prompt promises float64 arrays, whatever the input's dtype."),
        ("a loop over a.ravel(): h and dh come back flat, not in the shape of a",
         softplus_flat_loop,
         "Call it on an a of shape (2, 3) and print the shapes you return: h and dh must have the shape of a, not be flattened."),
        ("np.where of two branches, one of them exp(a): overflows at a = 1000",
         softplus_where_overflows,
         "np.where computes both branches on every entry before it chooses. Run it on a = 1000 "
         "inside np.errstate(over='raise'): which branch calls exp on a large number?"),
    ],
    "maxout": [
        ("groups of strided units (j, j + M, ...) instead of consecutive ones",
         maxout_strided_groups,
         "Print the groups you form for A = [[0, 1, 2, 3, 4, 5]] and "
         "k = 2: group 0 should be columns 0 and 1. The order of the "
         "sizes in reshape decides which columns end up together."),
        ("on ties the gradient goes to every maximal unit", maxout_all_ties,
         "Each group's mask should contain exactly one 1, so that it sums to 1 "
         "like the gradient of a single max. Check a tied group such as (0.5, 0.5)."),
        ("on ties the gradient goes to the last maximal unit", maxout_last_tie,
         "Test a tied group such as (0.5, 0.5): which of the two gets the 1? "
         "Re-read the prompt's tie rule, and check which maximum np.argmax reports."),
        ("mask as a boolean array instead of float64", maxout_bool_mask,
         "Print the dtype of your mask: the prompt asks for a float64 array of 1.0 and 0.0, ready "
         "to multiply the upstream gradient."),
        ("an integer A gives an integer h (no conversion to float64)", maxout_keeps_int,
         "Call it on an integer A such as np.array([[1, 3, 2, 2]]) and print the dtype of h: the "
         "prompt promises float64 arrays."),
    ],
    "xavier_init": [
        ("uniform bound gain * sqrt(2 / (fan_in + fan_out)): the sqrt(3) forgotten",
         xavier_uniform_uses_normal_formula,
         "Measure the std of a large uniform draw: it comes out about 1/sqrt(3) of the "
         "target. Re-read how the notebook turns a standard deviation into a uniform bound."),
        ("fan sum replaced by fan_in alone (LeCun's variance 1 / d_in)", xavier_fan_in_only,
         "Square layers hide this. Compare the std of xavier_init(500, 100) "
         "with the table's formula: Xavier's compromise involves both fans."),
        ("gain squared", xavier_gain_squared,
         "With gain = 1 nothing shows. With gain = 5/3, compare the std of a large draw with "
         "torch's xavier_normal_: the gain multiplies the standard deviation exactly once."),
        ("draws a (d_out, d_in) matrix and transposes it: other numbers in each place",
         xavier_transposed_draw,
         "Redraw from a fresh generator of the same seed in the layout "
         "the prompt names and compare entry by entry: a transpose "
         "after the draw puts different numbers in each place."),
        ("ignores gain in the uniform branch", xavier_uniform_no_gain,
         "Call it with gain=5/3 and distribution='uniform': the largest |entry| should come close "
         "to gain * sqrt(6 / (fan_in + fan_out)). Where does your bound use the gain?"),
    ],
    "he_init": [
        ("std uses the fan-out d_out (torch's size(1) read on our transposed layout)",
         he_fan_out,
         "Re-read 'the transpose trap': the fan-in is the number of inputs each "
         "unit adds up. Square layers hide it; check the std of he_init(400, 100)."),
        ("std = 2 / fan_in: the variance used as the standard deviation", he_variance_as_std,
         "Measure the std of he_init(400, 100): it should be near 0.07. "
         "rng.normal takes a standard deviation; which quantity did you pass it?"),
        ("uniform bound = std: the sqrt(3) forgotten", he_uniform_without_sqrt3,
         "Compare the std of a large uniform draw with that of a normal one: it is "
         "sqrt(3) times too small. Re-read how the table turns a std into a bound."),
        ("ignores negative_slope: always the ReLU's gain sqrt(2)", he_ignores_slope,
         "Sanity check with negative_slope = 1: the leaky ReLU is then the identity "
         "and the std should fall to 1/sqrt(d_in). Where does the slope enter the gain?"),
        ("ignores negative_slope in the normal branch (gain sqrt(2))", he_normal_ignores_slope,
         "Compare your normal draws for negative_slope=0.2 with torch's kaiming_normal_(w, a=0.2): "
         "the gain sqrt(2 / (1 + s**2)) belongs to both distributions."),
        ("gain sqrt(2 / (1 + s)): the slope not squared", he_slope_not_squared,
         "Re-derive E[h**2] for a leaky ReLU of slope s: the negative half is multiplied by s, so "
         "its square by s**2. Compare with torch's calculate_gain('leaky_relu', 0.2)."),
    ],
    "dead_fraction": [
        ("fraction of zero entries instead of units that are zero on every example",
         dead_fraction_of_entries,
         "A zero entry only means 'inactive on this example', which is normal. "
         "You are counting units, so the denominator should be M, not N * M."),
        ("fraction of examples (rows) that are all zero", dead_fraction_of_rows,
         "H is (N, M): rows are examples, columns are units. Your fraction "
         "is over examples; check along which axis you test for all zeros."),
        ("counts a unit dead as soon as it is zero on one example", dead_fraction_any_zero,
         "A unit that is 0 on some examples and positive on others still learns "
         "from those. In the visible example column 1 has zeros, yet it is alive."),
        ("counts a unit dead when all its outputs are below 1e-8 (not exactly 0)",
         dead_fraction_tolerance,
         "A unit that outputs 1e-12 on one example still passes a gradient back: it is alive. "
         "Try H = [[0, 1e-12], [0, 0]]: how many units are exactly 0 on every row?"),
        ("divides the number of dead units by N (rows) instead of M (units)",
         dead_fraction_over_rows,
         "The fraction is over units. Try an all-zero H of shape (2, 3): every one of the 3 "
         "units is dead, so the answer is 1.0."),
    ],
    "depth_stats": [
        ("statistics of the pre-activations a instead of h", depth_stats_of_a,
         "With phi = ReLU your means can come out negative, which post-activations "
         "never are. Check whether you record each layer's values before or after phi."),
        ("includes the input as layer 0 and drops the last layer", depth_stats_with_input,
         "Count: one entry per weight matrix, for h(1) to h(L); the input itself "
         "is not reported. Does your last entry come from the last matrix?"),
        ("standard deviation with ddof=1", depth_stats_ddof1,
         "Re-read the prompt's parenthesis about np.std; with few "
         "entries per layer the two divisors differ noticeably."),
        ("applies phi before the matrix product", depth_stats_phi_first,
         "Write out layer 1 for the visible example: the matrix "
         "product comes first, then phi. With phi = ReLU your first "
         "layer can give negative values, which a ReLU output never is."),
        ("returns Python lists instead of numpy arrays", depth_stats_lists,
         "Print type() of what you return: the prompt asks for two float64 numpy arrays of "
         "shape (L,)."),
        ("mean of |h| instead of the mean of h", depth_stats_abs_mean,
         "With tanh, half of the post-activations are negative and their mean is near 0. Try "
         "phi = np.tanh: is your mean near 0 too?"),
        ("includes the input X as layer 0 (L + 1 values)", depth_stats_input_too,
         "Count what you return for two weight matrices: the prompt wants one value per layer's "
         "post-activations, the input excluded, so 2."),
    ],
}

RIGHT = {
    "sigmoid": [("through tanh: sigma(a) = (1 + tanh(a / 2)) / 2", sigmoid_via_tanh),
                ("scipy.special.expit", sigmoid_expit)],
    "tanh": [("np.tanh and 1 - h * h", tanh_numpy)],
    "relu": [("torch's leaky_relu and autograd", relu_torch),
             ("maximum(a, 0) + s * minimum(a, 0), and a boolean-mask assignment", relu_max_min)],
    "elu": [("a Python loop with math.expm1 / math.exp", elu_loop),
            ("derivative alpha e^a written as h + alpha", elu_dh_from_h)],
    "selu": [("torch.selu and autograd", selu_torch), ("a Python loop", selu_loop)],
    "gelu": [("torch's gelu and autograd", gelu_torch),
             ("scipy.special.ndtr for Phi and sech**2 for the tanh's derivative", gelu_ndtr)],
    "silu": [("sigmoid through tanh, derivative s + a s (1 - s)", silu_via_tanh),
             ("scipy's expit, derivative h + s (1 - h)", silu_dh_from_h)],
    "softplus": [("np.logaddexp(0, a) and scipy.special.expit", softplus_logaddexp)],
    "maxout": [("three nested loops, strict > keeps the first maximum", maxout_loop),
               ("torch's max_pool1d and autograd", maxout_torch)],
    "xavier_init": [("bound from sqrt(6 / fan sum); std * rng.standard_normal",
                     xavier_scaled_standard_draws)],
    "he_init": [("through the variance; std * rng.standard_normal", he_standard_draws),
                ("torch's calculate_gain('leaky_relu', s) for the gain", he_calculate_gain)],
    "dead_fraction": [("a loop over the columns", dead_fraction_loop)],
    "depth_stats": [("preallocated arrays, std written out", depth_stats_preallocated)],
}


#: The WRONG entries that came from blind review (issue 22): written from the student
#: release alone, before reading the solutions or the hidden tests.
BLIND = {
    'sigmoid': [
        'float32 input gives float32 outputs (no conversion to float64)',
        'a loop over a.ravel(): h and dh come back flat, not in the shape of a',
        "derivative 1 - h**2 (tanh's) instead of h (1 - h)",
        '1 / (1 + exp(-a)) overflows at a = -1000',
    ],
    'tanh': [
        "np.tanh keeps a float32 input's dtype",
        'through the sigmoid identity 2 sigma(2a) - 1: cancels for tiny |a|',
        'derivative 1 - h instead of 1 - h**2',
        'a loop over a.ravel(): h and dh come back flat, not in the shape of a',
    ],
    'relu': [
        'np.maximum(a, s * a): right only for slopes up to 1',
        'float32 input gives a float32 h (no conversion to float64)',
        "derivative 1 at a = 0 (a >= 0), where torch's autograd gives negative_slope",
        'leaky derivative 0 at a = 0 (the slope only where a < 0)',
    ],
    'elu': [
        'float32 input gives float32 outputs (no conversion to float64)',
        'derivative 1 at a = 0 (the right branch), where torch gives alpha',
        'derivative exp(a) for a <= 0: alpha forgotten',
        'np.where with np.exp(a) on every entry: overflows at a = 1000',
    ],
    'selu': [
        'constants cut to 1.67326 and 1.0507 (the prompt wants all their digits)',
        'alpha and scale swapped',
        'derivative scale at a = 0 (the right branch) instead of scale * alpha',
        'float32 input gives float32 outputs (no conversion to float64)',
    ],
    'gelu': [
        'tanh approximation with sqrt(2 / pi) rounded to 0.7979',
        "tests the string approximate for truth: 'none' is true, so it always uses tanh",
        "exact derivative Phi(a) only: the product rule's a * phi(a) forgotten",
        'float32 input gives float32 outputs (no conversion to float64)',
    ],
    'silu': [
        'derivative sigma(a): the product rule forgotten',
        'a loop over a.ravel(): h and dh come back flat, not in the shape of a',
        "float32 input gives float32 outputs (scipy's expit keeps the dtype)",
        'sigmoid as 1 / (1 + exp(-a)): overflows at a = -1000',
    ],
    'softplus': [
        'np.log(1 + e) instead of np.log1p(e): 0 instead of 4.2e-18 at a = -40',
        'float32 input gives float32 outputs (no conversion to float64)',
        'a loop over a.ravel(): h and dh come back flat, not in the shape of a',
        'np.where of two branches, one of them exp(a): overflows at a = 1000',
    ],
    'maxout': [
        'mask as a boolean array instead of float64',
        'an integer A gives an integer h (no conversion to float64)',
        'on ties the gradient goes to the last maximal unit',
        'groups of strided units (j, j + M, ...) instead of consecutive ones',
    ],
    'dead_fraction': [
        'counts a unit dead when all its outputs are below 1e-8 (not exactly 0)',
        'fraction of zero entries instead of units that are zero on every example',
        'divides the number of dead units by N (rows) instead of M (units)',
        'fraction of examples (rows) that are all zero',
    ],
    'xavier_init': [
        'ignores gain in the uniform branch',
        'uniform bound gain * sqrt(2 / (fan_in + fan_out)): the sqrt(3) forgotten',
        'draws a (d_out, d_in) matrix and transposes it: other numbers in each place',
        'gain squared',
    ],
    'he_init': [
        'ignores negative_slope in the normal branch (gain sqrt(2))',
        "std uses the fan-out d_out (torch's size(1) read on our transposed layout)",
        'gain sqrt(2 / (1 + s)): the slope not squared',
        'uniform bound = std: the sqrt(3) forgotten',
    ],
    'depth_stats': [
        'returns Python lists instead of numpy arrays',
        'mean of |h| instead of the mean of h',
        'includes the input X as layer 0 (L + 1 values)',
        'standard deviation with ddof=1',
    ],
}


# ------------------------------------------------------------------ blind review, round 2 (r2w06)
# Shapes the prompts promise ("any shape", the shape of a): a 0-d a and an empty a.
def _vectorized(scalar_pair):
    """(h, dh) through np.vectorize without otypes: it must call the function once to learn
    the output type, so it raises on an empty array."""
    def pair(a, *args):
        a = _f64(a)
        h = np.vectorize(lambda x: scalar_pair(x, *args)[0])(a)
        dh = np.vectorize(lambda x: scalar_pair(x, *args)[1])(a)
        return h, dh
    return pair


def _sigmoid_scalar(x):
    h = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
    return h, h * (1.0 - h)


def sigmoid_atleast_1d(a):
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))  # a 0-d a becomes shape (1,)
    h = np.empty_like(a)
    pos = a >= 0
    h[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    e = np.exp(a[~pos])
    h[~pos] = e / (1.0 + e)
    return h, h * (1 - h)


def tanh_cancels_patched(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2 * np.abs(a))
    h = np.sign(a) * (1 - e) / (1 + e)  # 1 - e cancels for small |a|
    h = np.where(np.abs(a) < 1e-10, a, h)  # patched only below 1e-10
    return h, 1 - h ** 2


def relu_plain_fast_path(a, negative_slope=0.0):
    if negative_slope == 0:
        return np.maximum(a, 0), (a > 0).astype(np.float64)  # keeps a float32 a's dtype
    a = np.asarray(a, dtype=np.float64)
    return np.where(a > 0, a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)


def relu_ravel(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64).ravel()  # never reshaped back
    h = a.copy()
    dh = np.ones_like(a)
    neg = a <= 0
    h[neg] *= negative_slope
    dh[neg] = negative_slope
    return h, dh


def relu_atleast_1d(a, negative_slope=0.0):
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))
    return np.where(a > 0, a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)


def elu_flat_loop(a, alpha=1.0):
    hs, ds = [], []
    for x in np.asarray(a, dtype=np.float64).flat:
        h, d = elu_loop(x, alpha)
        hs.append(h)
        ds.append(d)
    return np.array(hs, dtype=np.float64), np.array(ds, dtype=np.float64)


def selu_rounded_product(a):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.where(a > 0, SELU_SCALE * a, SELU_SCALE * SELU_ALPHA * np.expm1(neg))
    return h, np.where(a > 0, SELU_SCALE, 1.7581 * np.exp(neg))  # 1.7581: the text's rounding


def selu_flat_loop(a):
    hs, ds = [], []
    for x in np.asarray(a, dtype=np.float64).flat:
        if x > 0:
            hs.append(SELU_SCALE * x)
            ds.append(SELU_SCALE)
        else:
            hs.append(SELU_SCALE * SELU_ALPHA * math.expm1(x))
            ds.append(SELU_SCALE * SELU_ALPHA * math.exp(x))
    return np.array(hs), np.array(ds)


def gelu_tanh_branch_keeps_float32(a, approximate="none"):
    if approximate == "tanh":
        c = math.sqrt(2 / math.pi)  # a Python float: a float32 a stays float32
        t = np.tanh(c * (a + 0.044715 * a ** 3))
        return (0.5 * a * (1 + t),
                0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2))
    return ref.gelu(a)


def gelu_tanh_dh_without_3(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate != "tanh":
        return ref.gelu(a)
    c = np.sqrt(2 / np.pi)
    t = np.tanh(c * (a + 0.044715 * a ** 3))
    return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 0.044715 * a ** 2)


def gelu_ravel(a, approximate="none"):
    return ref.gelu(np.asarray(a, dtype=np.float64).ravel(), approximate)


def silu_clipped_sigmoid(a):
    a = np.asarray(a, dtype=np.float64)
    s = 1.0 / (1.0 + np.exp(-np.clip(a, -30, 30)))  # sigma(-30) = 9e-14, not 0
    return a * s, s * (1 + a * (1 - s))


def silu_atleast_1d(a):
    return ref.silu(np.atleast_1d(np.asarray(a, dtype=np.float64)))


def softplus_log_above_minus_30(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a < -30, np.exp(np.minimum(a, 0.0)), np.log(1 + e) + np.maximum(a, 0))
    return h, np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def _softplus_scalar(x):
    e = math.exp(-abs(x))
    return math.log1p(e) + max(x, 0.0), (1 / (1 + e) if x >= 0 else e / (1 + e))


def _maxout_mask(groups, first):
    mask = np.zeros_like(groups)
    np.put_along_axis(mask, first[..., None], 1.0, axis=2)
    return mask


def maxout_isclose(A, k):
    A = np.asarray(A, dtype=np.float64)
    groups = A.reshape(A.shape[0], -1, k)
    h = groups.max(axis=2)
    first = np.argmax(np.isclose(groups, h[..., None]), axis=2)  # near-maxima count as maxima
    return h, _maxout_mask(groups, first).reshape(A.shape)


def maxout_times_one(A, k):
    A = A * 1.0  # int -> float64, but float32 stays float32
    N, width = A.shape
    groups = A.reshape(N, width // k, k)
    mask = np.zeros((N, width // k, k))
    np.put_along_axis(mask, groups.argmax(axis=2)[..., None], 1.0, axis=2)
    return groups.max(axis=2), mask.reshape(N, width)


def maxout_ramp_ties(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, width = A.shape
    groups = A.reshape(N, width // k, k)
    first = np.argmax(groups - 1e-12 * np.arange(k), axis=2)  # tie-break by a tiny ramp
    return groups.max(axis=2), _maxout_mask(groups, first).reshape(N, width)


def dead_fraction_max_is_zero(H):
    return float(np.mean(H.max(axis=0) == 0))


def dead_fraction_nonpositive(H):
    return float(np.mean(np.all(H <= 0, axis=0)))


def dead_fraction_below_eps(H):
    return float(np.mean(np.all(np.abs(H) < np.finfo(np.float64).eps, axis=0)))


def dead_fraction_zero_sum(H):
    return float(np.mean(H.sum(axis=0) == 0))


def xavier_uniform_gain_twice(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2 / (d_in + d_out))
    if distribution == "uniform":
        bound = gain * np.sqrt(3) * std  # std already holds the gain
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))


def xavier_uniform_gain_in_sqrt(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "uniform":
        bound = np.sqrt(6 * gain / (d_in + d_out))
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, gain * np.sqrt(2 / (d_in + d_out)), size=(d_in, d_out))


def he_normal_one_plus_s_squared(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        std = np.sqrt(2 / ((1 + negative_slope) ** 2 * d_in))  # (1 + s)**2, not 1 + s**2
        return rng.normal(0.0, std, size=(d_in, d_out))
    bound = np.sqrt(6 / ((1 + negative_slope ** 2) * d_in))
    return rng.uniform(-bound, bound, size=(d_in, d_out))


def he_normal_divides_outside_sqrt(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        std = np.sqrt(2) / (1 + negative_slope ** 2) / np.sqrt(d_in)
        return rng.normal(0.0, std, size=(d_in, d_out))
    return ref.he_init(d_in, d_out, rng, negative_slope, distribution)


def depth_stats_linear_last(X, weights, phi):
    means, stds = [], []
    h = X
    for layer, W in enumerate(weights):
        a = h @ W
        h = a if layer == len(weights) - 1 else phi(a)  # the output layer left linear
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means), np.array(stds)


def depth_stats_keeps_float32(X, weights, phi):
    means, stds = [], []
    h = X
    for W in weights:
        h = phi(h @ W)
        means.append(np.mean(h))
        stds.append(np.std(h))
    return np.array(means), np.array(stds)  # float32 in, float32 out


def depth_stats_torch_float32(X, weights, phi):
    h = torch.tensor(np.asarray(X), dtype=torch.float32)
    means, stds = [], []
    for W in weights:
        h = torch.as_tensor(phi((h @ torch.tensor(np.asarray(W), dtype=torch.float32)).numpy()))
        means.append(h.mean())
        stds.append(h.std(unbiased=False))
    return torch.stack(means).numpy(), torch.stack(stds).numpy()


def tanh_in_place(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.tanh(a, out=a)  # overwrites a float64 input: the prompt does not forbid it
    return h, 1 - h ** 2


_SHAPE_0D = ("Call it on np.array(-1.5), a 0-d array, and print the shapes you return: h and dh "
             "must have the shape of a, which here is ().")
_EMPTY = ("Call it on np.zeros((0, 3)): 'any shape' includes an empty one, and h and dh should "
          "come back empty, of shape (0, 3), without an error.")
_FLAT = ("Call it on an a of shape (2, 3) and print the shapes you return: h and dh must have "
         "the shape of a, not be flattened.")

WRONG["sigmoid"] += [
    ("np.atleast_1d: a 0-d a gives h and dh of shape (1,)", sigmoid_atleast_1d, _SHAPE_0D),
    ("np.vectorize without otypes: raises on an empty a", _vectorized(_sigmoid_scalar), _EMPTY),
]
WRONG["tanh"] += [
    ("1 - exp(-2|a|) patched with h = a only below |a| < 1e-10: few digits at a = 3e-9",
     tanh_cancels_patched,
     "Compare your h with np.tanh at a = 1e-8 and 3e-9, relative error: the patch covers the "
     "tiniest |a| only, and the difference of two numbers close to 1 still cancels above it."),
    ("np.vectorize(math.tanh) without otypes: raises on an empty a",
     _vectorized(lambda x: (math.tanh(x), 1 - math.tanh(x) ** 2)), _EMPTY),
]
WRONG["relu"] += [
    ("plain-ReLU shortcut keeps a float32 input's dtype (negative_slope = 0 only)",
     relu_plain_fast_path,
     "Call relu(np.array([-2.0, 0.0, 3.0], dtype=np.float32)) with the default slope and print "
     "the dtypes you return: float64 is promised for every slope."),
    ("ravels a to handle any shape: h and dh come back flat", relu_ravel, _FLAT),
    ("np.atleast_1d: a 0-d a gives h and dh of shape (1,)", relu_atleast_1d, _SHAPE_0D),
]
WRONG["elu"] += [
    ("a loop over a.flat: h and dh come back flat, not in the shape of a", elu_flat_loop, _FLAT),
    ("np.vectorize without otypes: raises on an empty a", _vectorized(elu_loop), _EMPTY),
]
WRONG["selu"] += [
    ("derivative's negative side with the rounded product scale * alpha = 1.7581",
     selu_rounded_product,
     "Compare dh at a = -1 with torch's autograd of torch.selu to 12 digits: the prompt asks for "
     "the constants to all their digits, in the derivative too, not the text's rounding."),
    ("a loop over a.flat: h and dh come back flat, not in the shape of a", selu_flat_loop,
     _FLAT),
    ("constants rounded to four decimals, 1.6733 and 1.0507", _selu_with(1.6733, 1.0507),
     "Compare your h at a = -1 with torch.selu to 6 digits: four decimals of alpha and scale "
     "are not enough. The prompt writes both constants out in full."),
]
WRONG["gelu"] += [
    ("the tanh branch keeps a float32 input's dtype (only the exact branch converts)",
     gelu_tanh_branch_keeps_float32,
     "Call gelu(np.array([-2.0, 0.0, 3.0], dtype=np.float32), 'tanh') and print the dtypes you "
     "return: float64 is promised for both forms."),
    ("tanh form's derivative with 1 + 0.044715 a**2: the 3 of the cubic's derivative lost",
     gelu_tanh_dh_without_3,
     "Differentiate a + 0.044715 a**3 once more, slowly, and compare your dh for the tanh form "
     "with a finite difference of your own h at a = 2."),
    ("ravels a to handle any shape: h and dh come back flat", gelu_ravel, _FLAT),
]
WRONG["silu"] += [
    ("sigmoid of a clipped to [-30, 30]: h is -1e-3, not 0, at a = -1e10", silu_clipped_sigmoid,
     "Evaluate h at a = -1e10: a * sigma(a) is 0 there to every digit, but a clipped sigmoid "
     "gives sigma(-30) = 9e-14, and a times that is far from 0."),
    ("np.atleast_1d: a 0-d a gives h and dh of shape (1,)", silu_atleast_1d, _SHAPE_0D),
]
WRONG["softplus"] += [
    ("np.log(1 + e), patched with exp(a) only below a < -30: 5 digits at a = -25",
     softplus_log_above_minus_30,
     "Compare your h with np.log1p(np.exp(a)) at a = -25, relative error: a patch for the very "
     "negative end leaves the rounding of 1 + x just above it."),
    ("np.vectorize without otypes: raises on an empty a", _vectorized(_softplus_scalar), _EMPTY),
]
WRONG["maxout"] += [
    ("finds the maximum with np.isclose: a near-tie gives the gradient to the smaller unit",
     maxout_isclose,
     "Try A = [[1.0, 1.0 + 1e-9]] with k = 2: the second unit is the maximum, however small the "
     "gap. Which unit gets your 1.0?"),
    ("converts with A * 1.0: a float32 A gives a float32 h", maxout_times_one,
     "Call it on a float32 A such as np.array([[0.5, -1.0, 2.0, 2.0]], dtype=np.float32), k = 2, "
     "and print the dtypes you return: float64 is promised."),
    ("breaks ties with a tiny ramp 1e-12 * r: a unit larger by less than 1e-12 loses",
     maxout_ramp_ties,
     "Try A = [[2.0, 2.0 + 1e-13]] with k = 2: the second unit is the maximum, not a tie. Exact "
     "comparisons already keep the first of a real tie."),
]
WRONG["dead_fraction"] += [
    ("dead when the largest output is 0: a unit with zeros and negative outputs counts",
     dead_fraction_max_is_zero,
     "Try H = [[0, -1], [0, 0]]: the second unit outputs -1 once, which is not 0, so it is alive. "
     "A leaky ReLU's or an ELU's layer has such units."),
    ("dead when every output is <= 0: negative outputs count as 0", dead_fraction_nonpositive,
     "Try H = [[-1], [-2]]: the unit never outputs 0, so it is not dead. The prompt counts "
     "exactly 0 only."),
    ("|h| below machine epsilon counts as 0: a unit whose output is 1e-20 is called dead",
     dead_fraction_below_eps,
     "Try H = [[0, 1e-20], [0, 0]]: 1e-20 is not 0, so the second unit is alive. The prompt "
     "says exactly 0, with no tolerance."),
    ("dead when the column sums to 0: outputs 1 and -1 cancel", dead_fraction_zero_sum,
     "Try H = [[1], [-1]]: the unit is not 0 on any example, yet its outputs sum to 0. Test each "
     "entry, not a total."),
]
WRONG["xavier_init"] += [
    ("uniform bound multiplies by the gain twice (once in std, once more)",
     xavier_uniform_gain_twice,
     "Call it with gain=5/3 and distribution='uniform' on a large layer: the std of the draw "
     "should be gain * sqrt(2 / (fan_in + fan_out)). Count the gains in your bound."),
    ("uniform bound with the gain inside the square root", xavier_uniform_gain_in_sqrt,
     "Call it with gain=5/3 and distribution='uniform' on a large layer and compare the std of "
     "the draw with torch's xavier_uniform_: the gain scales the bound itself."),
]
WRONG["he_init"] += [
    ("normal branch with (1 + s)**2 for 1 + s**2", he_normal_one_plus_s_squared,
     "Compare your normal draws for negative_slope=0.1 with torch's kaiming_normal_(w, a=0.1): "
     "square the slope, then add 1."),
    ("normal branch divides sqrt(2) by 1 + s**2 outside the square root",
     he_normal_divides_outside_sqrt,
     "With negative_slope=0.1, compute the gain both ways: sqrt(2 / (1 + s**2)) is not "
     "sqrt(2) / (1 + s**2). Compare with torch.nn.init.calculate_gain('leaky_relu', 0.1)."),
]
WRONG["depth_stats"] += [
    ("leaves the last layer linear (no phi on the output layer)", depth_stats_linear_last,
     "The prompt applies phi after every matrix, the last one too. With phi = tanh, is every "
     "value you report for the last layer between -1 and 1?"),
    ("np.array of the per-layer means keeps float32 for float32 inputs",
     depth_stats_keeps_float32,
     "Call it on float32 X and weights and print the dtypes you return: np.mean of a float32 "
     "array is float32, and the prompt promises float64 arrays."),
    ("computes in torch's default float32 and returns float32 arrays",
     depth_stats_torch_float32,
     "Print the dtypes you return for the visible example: torch's default dtype is float32, "
     "and the prompt promises float64 arrays."),
]
RIGHT["tanh"] += [("np.tanh written into a float64 input in place (out=a)", tanh_in_place)]

# The second round's candidates (docs/blind-review/week06-round2.py): the new entries above,
# and the earlier entries that were the same mistake.
BLIND["sigmoid"] += ["np.atleast_1d: a 0-d a gives h and dh of shape (1,)",
                     "np.vectorize without otypes: raises on an empty a"]
BLIND["tanh"] += ["1 - exp(-2|a|) patched with h = a only below |a| < 1e-10: few digits at "
                  "a = 3e-9",
                  "np.vectorize(math.tanh) without otypes: raises on an empty a"]
BLIND["relu"] += ["plain-ReLU shortcut keeps a float32 input's dtype (negative_slope = 0 only)",
                  "ravels a to handle any shape: h and dh come back flat",
                  "np.atleast_1d: a 0-d a gives h and dh of shape (1,)"]
BLIND["elu"] += ["a loop over a.flat: h and dh come back flat, not in the shape of a",
                 "np.vectorize without otypes: raises on an empty a"]
BLIND["selu"] += ["derivative's negative side with the rounded product scale * alpha = 1.7581",
                  "constants rounded to four decimals, 1.6733 and 1.0507",
                  "a loop over a.flat: h and dh come back flat, not in the shape of a"]
BLIND["gelu"] += ["the tanh branch keeps a float32 input's dtype (only the exact branch converts)",
                  "tanh form's derivative with 1 + 0.044715 a**2: the 3 of the cubic's "
                  "derivative lost",
                  "ravels a to handle any shape: h and dh come back flat"]
BLIND["silu"] += ["sigmoid of a clipped to [-30, 30]: h is -1e-3, not 0, at a = -1e10",
                  "np.atleast_1d: a 0-d a gives h and dh of shape (1,)"]
BLIND["softplus"] += ["np.log(1 + e), patched with exp(a) only below a < -30: 5 digits at a = -25",
                      "np.vectorize without otypes: raises on an empty a"]
BLIND["maxout"] += ["finds the maximum with np.isclose: a near-tie gives the gradient to the "
                    "smaller unit",
                    "converts with A * 1.0: a float32 A gives a float32 h",
                    "breaks ties with a tiny ramp 1e-12 * r: a unit larger by less than 1e-12 "
                    "loses"]
BLIND["dead_fraction"] += ["dead when the largest output is 0: a unit with zeros and negative "
                           "outputs counts",
                           "dead when every output is <= 0: negative outputs count as 0",
                           "|h| below machine epsilon counts as 0: a unit whose output is 1e-20 "
                           "is called dead",
                           "dead when the column sums to 0: outputs 1 and -1 cancel"]
BLIND["xavier_init"] += ["uniform bound multiplies by the gain twice (once in std, once more)",
                         "uniform bound with the gain inside the square root"]
BLIND["he_init"] += ["normal branch with (1 + s)**2 for 1 + s**2",
                     "normal branch divides sqrt(2) by 1 + s**2 outside the square root"]
BLIND["depth_stats"] += ["leaves the last layer linear (no phi on the output layer)",
                         "np.array of the per-layer means keeps float32 for float32 inputs",
                         "computes in torch's default float32 and returns float32 arrays"]


# ------------------------------------------------------------------ blind review, round 3 (r3w06)
def tanh_taylor_below_1e3(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2 * np.abs(a))
    h = np.where(np.abs(a) < 1e-3, a, np.sign(a) * (1 - e) / (1 + e))  # h = a: off by a**3 / 3
    return h, 1 - h * h


def softplus_exp_below_minus_10(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a < -10, np.exp(np.minimum(a, 0)), np.log1p(e) + np.maximum(a, 0))
    return h, np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def depth_stats_one_pass_variance(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        h = phi(h @ np.asarray(W, dtype=np.float64))
        m = h.mean()
        means.append(m)
        stds.append(np.sqrt(max(np.mean(h ** 2) - m ** 2, 0.0)))  # cancels for a large mean
    return np.array(means, dtype=np.float64), np.array(stds, dtype=np.float64)


def selu_dh_scale_rounded(a):
    a = _f64(a)
    m = np.minimum(a, 0)
    h = np.where(a > 0, SELU_SCALE * a, SELU_SCALE * SELU_ALPHA * np.expm1(m))
    dh = np.where(a > 0, 1.0507, SELU_SCALE * SELU_ALPHA * np.exp(m))  # scale rounded
    return h, dh


def gelu_density_overflows(a, approximate="none"):
    a = _f64(a)
    if approximate == "tanh":
        return ref.gelu(a, "tanh")
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a / (np.sqrt(2 * np.pi) * np.exp(a ** 2 / 2))  # exp(5e5) overflows


def xavier_float32(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    return ref.xavier_init(d_in, d_out, rng, gain, distribution).astype(np.float32)


def he_float32(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    return ref.he_init(d_in, d_out, rng, negative_slope, distribution).astype(np.float32)


def sigmoid_clipped_30(a):
    a = np.clip(_f64(a), -30, 30)  # absolute error below 1e-13: the prompt asks no more
    h = 1.0 / (1.0 + np.exp(-a))
    return h, h * (1 - h)


def _in_place_float64(a):
    return a if isinstance(a, np.ndarray) and a.dtype == np.float64 else _f64(a)


def sigmoid_in_place(a):
    a = _in_place_float64(a)
    h, dh = ref.sigmoid(a.copy())
    a[...] = h  # overwrites a float64 input: the prompt does not forbid it
    return a, dh


def relu_in_place(a, negative_slope=0.0):
    a = _in_place_float64(a)
    dh = np.where(a > 0, 1.0, negative_slope)
    a[a <= 0] *= negative_slope
    return a, dh


def elu_exp_minus_one(a, alpha=1.0):
    a = _f64(a)
    e = np.exp(np.minimum(a, 0))  # exp(a) - 1 instead of expm1: the prompt promises no digits
    return np.where(a > 0, a, alpha * (e - 1)), np.where(a > 0, 1.0, alpha * e)


def elu_in_place(a, alpha=1.0):
    a = _in_place_float64(a)
    neg = a <= 0
    dh = np.where(neg, alpha * np.exp(np.minimum(a, 0)), 1.0)
    a[neg] = alpha * np.expm1(a[neg])
    return a, dh


def selu_in_place(a):
    a = _in_place_float64(a)
    h, dh = ref.selu(a.copy())
    a[...] = h
    return a, dh


def silu_in_place(a):
    a = _in_place_float64(a)
    s = _sig(a)
    dh = s * (1 + a * (1 - s))
    a *= s
    return a, dh


def maxout_in_place(A, k):
    A = _in_place_float64(A)
    groups = A.reshape(A.shape[0], -1, k)  # a view of the caller's A
    idx = groups.argmax(axis=2)
    h = groups.max(axis=2)
    groups[...] = 0.0
    np.put_along_axis(groups, idx[..., None], 1.0, axis=2)
    return h, groups.reshape(A.shape[0], -1)


def depth_stats_pops(X, weights, phi):
    h = _f64(X)
    means, stds = [], []
    while weights:  # empties the caller's list: the prompt does not forbid it
        h = phi(h @ _f64(weights.pop(0)))
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means, dtype=np.float64), np.array(stds, dtype=np.float64)


def maxout_torch_float32(A, k):
    t = torch.from_numpy(_f64(A)).float().requires_grad_(True)  # float32: near-ties become ties
    out = torch.nn.functional.max_pool1d(t.unsqueeze(1), k).squeeze(1)
    out.sum().backward()
    return out.detach().double().numpy(), t.grad.double().numpy()


_F32 = ("Call it with np.random.default_rng(0) and print the dtype of what you return: the "
        "prompt promises a float64 W.")

WRONG["tanh"] += [
    ("h = a below |a| < 1e-3 (first Taylor term), the exp form above: 7 digits at a = 9e-4",
     tanh_taylor_below_1e3,
     "Compare your h with np.tanh at a = 9e-4, relative error: the next Taylor term, a**3 / 3, "
     "is far above 15 digits there."),
]
WRONG["softplus"] += [
    ("h = exp(a) below a < -10: relative error exp(a) / 2, 3e-6 at a = -12",
     softplus_exp_below_minus_10,
     "Compare your h with np.log1p(np.exp(a)) at a = -12, relative error: log(1 + x) is x - x**2 "
     "/ 2 + ..., and the second term still counts at 6 digits there."),
]
WRONG["depth_stats"] += [
    ("standard deviation as sqrt(mean(h**2) - mean**2): cancels for a large mean",
     depth_stats_one_pass_variance,
     "Try X = [[1e8 - 1], [1e8], [1e8 + 1]], one weight [[1.0]] and ReLU: the spread is about "
     "0.8, but the squares agree in almost every digit. Compare with np.std."),
]
WRONG["selu"] += [
    ("derivative's positive side with scale rounded to 1.0507", selu_dh_scale_rounded,
     "Compare dh at a = 2 with torch's autograd of torch.selu to 12 digits: the prompt asks for "
     "the constants to all their digits, in the derivative too."),
]
WRONG["gelu"] += [
    ("exact form's density as 1 / (sqrt(2 pi) exp(a**2 / 2)): overflows at |a| = 1000",
     gelu_density_overflows,
     "Call gelu(np.array([-1000.0, 1000.0])) (the exact form) inside np.errstate(over='raise'): "
     "which of your exponentials sees a large positive argument?"),
]
WRONG["maxout"] += [
    ("computes in torch's float32 (.float()): units closer than float32's precision tie",
     maxout_torch_float32,
     "Try A = [[1.0, 1.0 + 1e-9]] with k = 2 and print your mask: float32 cannot tell the two "
     "apart, float64 can, and the second unit is the maximum."),
]
WRONG["xavier_init"] += [("returns a float32 W", xavier_float32, _F32)]
WRONG["he_init"] += [("returns a float32 W", he_float32, _F32)]

RIGHT["sigmoid"] += [("1 / (1 + exp(-a)) on a clipped to [-30, 30] (error below 1e-13)",
                      sigmoid_clipped_30),
                     ("h written into a float64 input in place", sigmoid_in_place)]
RIGHT["relu"] += [("scales a float64 input in place", relu_in_place)]
RIGHT["elu"] += [("exp(a) - 1 instead of expm1 (no digits promised for tiny a)", elu_exp_minus_one),
                 ("h written into a float64 input in place", elu_in_place)]
RIGHT["selu"] += [("h written into a float64 input in place", selu_in_place)]
RIGHT["silu"] += [("h written into a float64 input in place", silu_in_place)]
RIGHT["maxout"] += [("the mask built in a view of a float64 A (A overwritten)", maxout_in_place)]
RIGHT["depth_stats"] += [("pops the matrices off the caller's list", depth_stats_pops)]

# The third round's candidates (docs/blind-review/week06-round3.py): the new entries above, and
# the earlier entries that were the same mistake. Candidates that only changed an argument in
# place, or were inexact only where the prompt promises nothing, went to RIGHT.
BLIND["tanh"] += ["h = a below |a| < 1e-3 (first Taylor term), the exp form above: 7 digits at "
                  "a = 9e-4"]
BLIND["selu"] += ["derivative's positive side with scale rounded to 1.0507"]
BLIND["gelu"] += ["exact form's density as 1 / (sqrt(2 pi) exp(a**2 / 2)): overflows at "
                  "|a| = 1000"]
BLIND["softplus"] += ["h = exp(a) below a < -10: relative error exp(a) / 2, 3e-6 at a = -12"]
BLIND["maxout"] += ["computes in torch's float32 (.float()): units closer than float32's "
                    "precision tie"]
BLIND["xavier_init"] += ["returns a float32 W"]
BLIND["he_init"] += ["returns a float32 W"]
BLIND["depth_stats"] += ["standard deviation as sqrt(mean(h**2) - mean**2): cancels for a "
                         "large mean"]
