"""Gradient checking: compare an analytic gradient with central differences.

A hand-written backward pass is easy to get almost right. These helpers estimate the gradient
of a scalar function numerically, entry by entry,

    df/dx[i] ~ (f(x + eps*e_i) - f(x - eps*e_i)) / (2*eps),

and raise `dlcourse.check.CheckError` naming the parameter and the index where the analytic
gradient disagrees most. Shapes: ``x`` may have any shape ``S``; gradients have shape ``S``.

Use float64 arrays: in float32 the rounding error of ``f`` divided by ``2*eps`` swamps the
estimate unless ``eps`` is around 1e-3.

Introduced in week03.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from dlcourse.check import CheckError, passed, to_array

__all__ = ["check_gradient", "gradient_check_params", "numerical_gradient", "relative_error"]


def _scalar(value: Any) -> float:
    arr = to_array(value)
    if arr.size != 1:
        raise ValueError(f"f must return a scalar, got an array of shape {arr.shape}")
    return float(arr.reshape(()))


def numerical_gradient(f: Callable[[np.ndarray], Any], x: np.ndarray,
                       eps: float = 1e-6) -> np.ndarray:
    """Gradient of the scalar function ``f`` at ``x`` by central differences.

    ``x`` is perturbed in place, one entry at a time, and ``f(x)`` is evaluated; this way
    ``f`` may also ignore its argument and read ``x`` through a closure (a model's weights).
    Every entry is restored exactly afterwards, even if ``f`` raises.

    Args:
        f: maps x to a number (a float, a 0-d or size-1 array or tensor).
        x: (S) a float array of any shape S; float64 recommended.
        eps: step of the central difference.

    Returns:
        grad: (S) float64 array, the same shape as x.
    """
    if not isinstance(x, np.ndarray):
        x = np.array(x, dtype=np.float64)
    if x.dtype.kind != "f":
        raise TypeError(f"x must be a float array (perturbing integers truncates), got {x.dtype}")
    if x.dtype != np.float64 and eps < 1e-4:
        warnings.warn(f"numerical gradient of a {x.dtype} array with eps={eps:g} is dominated "
                      "by rounding error; use float64 or eps around 1e-3", stacklevel=2)
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        old = x[idx].copy()  # a copy, not a view: restore exactly what was there
        try:
            x[idx] = old + eps
            f_plus = _scalar(f(x))
            x[idx] = old - eps
            f_minus = _scalar(f(x))
        finally:
            x[idx] = old
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: Any, b: Any, tiny: float = 1e-12) -> float:
    """Relative error between two arrays of the same shape, relative to their scale.

    ``max_i |a_i - b_i| / max(max_i (|a_i| + |b_i|), tiny)``

    The denominator is the scale of the whole array, not of each entry: an entry whose true
    value is 0 (where a numerical estimate is off by rounding, ~1e-10) then does not count as
    100 % wrong. 0 means equal; below ~1e-7 is typical of a correct gradient in float64; above
    ~1e-3 almost always means a bug. ``tiny`` avoids 0/0 when both arrays are zero.

    Args:
        a, b: arrays (or numbers, or tensors) of the same shape.
    """
    a_arr = to_array(a).astype(np.float64)
    b_arr = to_array(b).astype(np.float64)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"shapes differ: {a_arr.shape} and {b_arr.shape}")
    if a_arr.size == 0:
        return 0.0
    num = np.max(np.abs(a_arr - b_arr))
    den = max(float(np.max(np.abs(a_arr) + np.abs(b_arr))), tiny)
    return float(num / den)


def _at(idx: tuple[int, ...]) -> str:
    """`` at index i`` (a vector), `` at index (i, j)``, or nothing for a single number."""
    return "" if not idx else f" at index {idx[0] if len(idx) == 1 else idx}"


def _compare_gradients(name: str, numerical: np.ndarray, analytic: Any, tol: float,
                       atol: float = 1e-8) -> float:
    """Return the relative error, or raise `CheckError` that says where the two disagree.

    Gradients whose entries all differ by at most ``atol`` agree whatever their relative
    error: when the true gradient is ~0, rounding alone makes the relative error large.
    """
    try:
        ana = to_array(analytic).astype(np.float64)
    except TypeError as exc:
        raise CheckError(
            f"gradient of {name}: the analytic gradient is not numeric: {exc}") from None
    if ana.shape != numerical.shape:
        raise CheckError(f"gradient of {name}: expected shape {numerical.shape} (the shape of "
                         f"{name}), received shape {ana.shape}")
    if not np.all(np.isfinite(ana)):
        idx = tuple(int(i) for i in np.argwhere(~np.isfinite(ana))[0])
        raise CheckError(f"gradient of {name}: received a non-finite value {ana[idx]}"
                         f"{_at(idx)} (expected {numerical[idx]:.6g})")
    err = relative_error(numerical, ana)
    if err > tol and float(np.max(np.abs(numerical - ana), initial=0.0)) > atol:
        diff = np.abs(numerical - ana)
        idx = tuple(int(i) for i in np.unravel_index(np.argmax(diff), diff.shape))
        scale = max(float(np.max(np.abs(numerical) + np.abs(ana))), 1e-12)
        n_bad = int(np.sum(diff / scale > tol))
        raise CheckError(
            f"gradient of {name}: largest disagreement{_at(idx)}: expected "
            f"{numerical[idx]:.6g} (numerical), received {ana[idx]:.6g} (analytic); relative "
            f"error {err:.3g} > tol {tol:g}; {n_bad} of {diff.size} entries disagree"
        )
    return err


def check_gradient(f: Callable[[np.ndarray], Any], x: np.ndarray, analytic: Any,
                   eps: float = 1e-6, tol: float = 1e-6, name: str = "x") -> float:
    """Check an analytic gradient of ``f`` at ``x`` against central differences.

    Args:
        f: scalar function of x (see `numerical_gradient`).
        x: (S) float64 array where the gradient is checked; left unchanged.
        analytic: (S) the gradient to check.
        eps: step of the central difference. tol: largest accepted `relative_error`.
        name: what x is called in the error message.

    Returns:
        The relative error (at most ``tol``).

    Raises:
        CheckError: naming ``name``, the index of the largest disagreement, the numerical
            (expected) and analytic (received) values there.
    """
    numerical = numerical_gradient(f, x, eps=eps)
    err = _compare_gradients(name, numerical, analytic, tol)
    passed()  # a notebook cell whose checks all passed says so
    return err


def gradient_check_params(loss_fn: Callable[[Mapping[str, np.ndarray]], Any],
                          params: Mapping[str, np.ndarray], grads: Mapping[str, Any],
                          eps: float = 1e-6, tol: float = 1e-6) -> dict[str, float]:
    """Check the gradients of a loss with respect to every parameter of a model.

    ``loss_fn(params)`` is called with ``params`` itself while one entry of one array is
    perturbed in place (so a closure over the same arrays works too).

    Args:
        loss_fn: maps the parameter dict to a scalar loss.
        params: name -> (S_name) float64 array, e.g. ``{"W1": (D, H), "b1": (H,)}``.
        grads: name -> (S_name) analytic gradient of the loss, one per parameter.
        eps, tol: as in `check_gradient`.

    Returns:
        name -> relative error, for every parameter.

    Raises:
        CheckError: listing every parameter whose gradient is missing or disagrees, with the
            index of the largest disagreement, expected (numerical) and received (analytic).
    """
    errors: dict[str, float] = {}
    problems: list[str] = []
    for name, value in params.items():
        if name not in grads:
            problems.append(f"gradient of {name}: missing from grads (keys: {sorted(grads)})")
            continue
        numerical = numerical_gradient(lambda _: loss_fn(params), value, eps=eps)
        try:
            errors[name] = _compare_gradients(name, numerical, grads[name], tol)
        except CheckError as exc:
            problems.append(str(exc))
    if problems:
        raise CheckError("\n".join(problems))
    passed()
    return errors
