"""Small, seeded, offline data sets for the demos and exercises.

Every generator is deterministic: the same arguments and ``seed`` give the same arrays, and
nothing is downloaded (the digits ship inside scikit-learn). Shapes use these letters:

* ``N``: number of examples, ``D``: number of features (2 for the toy sets, 64 for the digits);
* ``K``: number of classes; ``H, W``: image height and width (8 for the digits).

By default ``X`` is a float64 numpy array and labels are int64. With ``as_tensor=True`` the
generators return torch tensors ready for a model: float32 ``X``, int64 (long) labels for
classification and float32 targets for regression. Rows of the class-based sets (`qwerties`,
`blobs`, `spirals`) are ordered by class; `train_val_split` shuffles them.

Introduced in week01 (logic gates, XOR, qwerties); the digits are introduced in week03.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "DIGITS_SPLITS",
    "LOGIC_GATES",
    "blobs",
    "digits",
    "digits_images",
    "logic_gate",
    "moons",
    "qwerties",
    "regression_line",
    "spirals",
    "train_val_split",
    "xor",
]

#: Truth tables of the two-input gates, in the row order of `logic_gate`'s inputs
#: (0,0), (0,1), (1,0), (1,1).
LOGIC_GATES: dict[str, tuple[int, int, int, int]] = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
    "XNOR": (1, 0, 0, 1),
}

#: Fractions of the digits that go to each split (stratified by class).
DIGITS_SPLITS: dict[str, float] = {"train": 0.6, "val": 0.2, "test": 0.2}
_DIGITS_SEED = 2024  # fixed, so that every student, notebook and grader sees the same split


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def _check_count(name: str, value: int, minimum: int = 1) -> int:
    if isinstance(value, bool) or int(value) != value or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _check_nonnegative(name: str, value: float) -> float:
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def _output(X: np.ndarray, y: np.ndarray, as_tensor: bool, regression: bool = False) -> tuple:
    """Return ``(X, y)`` as float64/int64 numpy arrays, or as float32/long torch tensors."""
    X = np.ascontiguousarray(X, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64 if regression else np.int64)
    if not as_tensor:
        return X, y
    import torch  # imported here so that numpy-only users don't pay for it

    y_t = torch.tensor(y, dtype=torch.float32 if regression else torch.long)
    return torch.tensor(X, dtype=torch.float32), y_t


def _by_class(rng: np.random.Generator, centers: np.ndarray, spreads: np.ndarray,
              n_per_class: int) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clouds around ``centers: (K, D)``; rows ordered by class."""
    k, d = centers.shape
    X = np.concatenate([c + s * rng.standard_normal((n_per_class, d))
                        for c, s in zip(centers, spreads, strict=True)])
    y = np.repeat(np.arange(k), n_per_class)
    return X, y


# --------------------------------------------------------------------------------------------
# Toy classification sets
# --------------------------------------------------------------------------------------------
def logic_gate(name: str, as_tensor: bool = False) -> tuple[Any, Any]:
    """Truth table of a two-input logic gate.

    Args:
        name: one of ``AND, OR, NAND, NOR, XOR, XNOR`` (case-insensitive).
        as_tensor: return torch tensors (float32 X, long y) instead of numpy arrays.

    Returns:
        X: (4, 2) the inputs (0,0), (0,1), (1,0), (1,1); y: (4,) the gate's output, 0 or 1.
    """
    key = str(name).upper()
    if key not in LOGIC_GATES:
        raise ValueError(f"unknown gate {name!r}; valid names are {', '.join(LOGIC_GATES)}")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    return _output(X, np.array(LOGIC_GATES[key]), as_tensor)


def xor(n: int = 200, noise: float = 0.1, seed: int = 0,
        as_tensor: bool = False) -> tuple[Any, Any]:
    """Noisy XOR: Gaussian clouds around the four corners of the unit square.

    Corners (0,0) and (1,1) are class 0, corners (0,1) and (1,0) class 1. The corners get
    ``n // 4`` points each (the first ``n % 4`` corners one more), in shuffled order.

    Args:
        n: number of points N. noise: standard deviation of the Gaussian around each corner.

    Returns:
        X: (N, 2) float; y: (N,) labels 0/1.
    """
    n = _check_count("n", n)
    noise = _check_nonnegative("noise", noise)
    rng = np.random.default_rng(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    which = rng.permutation(np.arange(n) % 4)  # balanced corners, random order
    X = corners[which] + noise * rng.standard_normal((n, 2))
    y = np.array(LOGIC_GATES["XOR"])[which]
    return _output(X, y, as_tensor)


def qwerties(n_per_class: int = 100, distance: float = 2.0, spread: float = 1.0, seed: int = 0,
             as_tensor: bool = False) -> tuple[Any, Any]:
    """Two 2-D Gaussian clouds ("qwerties"), one per class.

    The class centres lie on the diagonal, ``distance`` apart and symmetric about the origin,
    so the best separating line is ``x1 + x2 = 0``. The clouds are linearly separable (up to a
    few points) when ``distance`` is several times ``spread``.

    Args:
        n_per_class: points per class n. distance: distance between the two centres.
        spread: standard deviation of each coordinate around its centre.

    Returns:
        X: (2n, 2) float, the n class-0 rows first; y: (2n,) labels 0/1.
    """
    n = _check_count("n_per_class", n_per_class)
    distance = _check_nonnegative("distance", distance)
    spread = _check_nonnegative("spread", spread)
    half = distance / 2 / np.sqrt(2)  # each coordinate of a centre
    centers = np.array([[-half, -half], [half, half]])
    X, y = _by_class(np.random.default_rng(seed), centers, np.full(2, spread), n)
    return _output(X, y, as_tensor)


def blobs(n_per_class: int = 100, centers: int | Sequence[Sequence[float]] | np.ndarray = 3,
          spread: float | Sequence[float] = 1.0, seed: int = 0,
          as_tensor: bool = False) -> tuple[Any, Any]:
    """K Gaussian clouds, one per class: the general form of `qwerties`.

    Args:
        n_per_class: points per class n.
        centers: an integer K (K centres evenly spaced on a circle of radius 3 in 2-D) or an
            array (K, D) of centres.
        spread: standard deviation around every centre, or one per class (K,).

    Returns:
        X: (K*n, D) float, ordered by class; y: (K*n,) labels 0..K-1.
    """
    n = _check_count("n_per_class", n_per_class)
    if np.ndim(centers) == 0:
        k = _check_count("centers", centers)
        angles = 2 * np.pi * np.arange(k) / k
        centers_arr = 3.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    else:
        centers_arr = np.asarray(centers, dtype=np.float64)
        if centers_arr.ndim != 2 or len(centers_arr) == 0:
            raise ValueError(f"centers must be an integer or an array (K, D), "
                             f"got shape {centers_arr.shape}")
    spreads = np.broadcast_to(np.asarray(spread, dtype=np.float64), (len(centers_arr),))
    for s in spreads:
        _check_nonnegative("spread", s)
    X, y = _by_class(np.random.default_rng(seed), centers_arr, spreads, n)
    return _output(X, y, as_tensor)


def spirals(n_per_class: int = 100, n_classes: int = 2, noise: float = 0.2, turns: float = 0.75,
            seed: int = 0, as_tensor: bool = False) -> tuple[Any, Any]:
    """Interleaved spiral arms, one per class: a set no straight line can separate.

    Arm k starts at the origin at angle ``2*pi*k/K`` and winds ``turns`` full turns outwards to
    radius 1. ``noise`` is the standard deviation of the angle (in radians) of each point.

    Returns:
        X: (K*n, 2) float, ordered by class; y: (K*n,) labels 0..K-1.
    """
    n = _check_count("n_per_class", n_per_class)
    k = _check_count("n_classes", n_classes)
    noise = _check_nonnegative("noise", noise)
    if not np.isfinite(turns) or turns <= 0:
        raise ValueError(f"turns must be a finite number > 0, got {turns!r}")
    rng = np.random.default_rng(seed)
    radius = np.linspace(0.0, 1.0, n)
    parts = []
    for c in range(k):
        theta = 2 * np.pi * (c / k + turns * radius) + noise * rng.standard_normal(n)
        parts.append(radius[:, None] * np.stack([np.cos(theta), np.sin(theta)], axis=1))
    return _output(np.concatenate(parts), np.repeat(np.arange(k), n), as_tensor)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0,
          as_tensor: bool = False) -> tuple[Any, Any]:
    """Two interleaving half circles (scikit-learn's ``make_moons``), in shuffled order.

    Returns:
        X: (N, 2) float; y: (N,) labels 0/1 (class 0 has N // 2 points).
    """
    from sklearn.datasets import make_moons  # slow import, only when needed

    n = _check_count("n", n, minimum=2)
    noise = _check_nonnegative("noise", noise)
    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return _output(X, y, as_tensor)


# --------------------------------------------------------------------------------------------
# Regression
# --------------------------------------------------------------------------------------------
def regression_line(n: int = 50, slope: float = 1.0, intercept: float = 0.0, noise: float = 0.5,
                    x_range: tuple[float, float] = (-2, 2), seed: int = 0,
                    as_tensor: bool = False) -> tuple[Any, Any]:
    """Points scattered around the line ``y = slope * x + intercept``.

    x is drawn uniformly from ``x_range``; y gets Gaussian noise of standard deviation
    ``noise``. Both are column vectors, as ``nn.Linear(1, 1)`` expects.

    Returns:
        x: (N, 1) float; y: (N, 1) float (float32 tensors when ``as_tensor``).
    """
    n = _check_count("n", n)
    noise = _check_nonnegative("noise", noise)
    lo, hi = (float(v) for v in x_range)
    if not lo < hi:
        raise ValueError(f"x_range must be (low, high) with low < high, got {x_range!r}")
    rng = np.random.default_rng(seed)
    x = rng.uniform(lo, hi, size=(n, 1))
    y = slope * x + intercept + noise * rng.standard_normal((n, 1))
    return _output(x, y, as_tensor, regression=True)


# --------------------------------------------------------------------------------------------
# Digits (8x8 images bundled with scikit-learn)
# --------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _digits_arrays() -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Load the 1797 digits once and split their indices, stratified by class."""
    images, labels = _digits_from_sklearn_file()
    images = np.asarray(images, dtype=np.float64)  # (1797, 8, 8), values 0..16
    labels = np.asarray(labels, dtype=np.int64)
    rng = np.random.default_rng(_DIGITS_SEED)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in DIGITS_SPLITS}
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        n_train = round(DIGITS_SPLITS["train"] * len(idx))
        n_val = round(DIGITS_SPLITS["val"] * len(idx))
        parts["train"].append(idx[:n_train])
        parts["val"].append(idx[n_train:n_train + n_val])
        parts["test"].append(idx[n_train + n_val:])
    # sorted indices: each split keeps the original (mixed-class) order of the data set
    split_idx = {name: np.sort(np.concatenate(p)) for name, p in parts.items()}
    return images, labels, split_idx


def _digits_from_sklearn_file() -> tuple[np.ndarray, np.ndarray]:
    """The digits as scikit-learn ships them (``sklearn/datasets/data/digits.csv.gz``), read
    without importing scikit-learn (1.3 s a process, paid by every graded notebook)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("sklearn")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "datasets" / "data" / "digits.csv.gz"
        if path.is_file():
            table = np.loadtxt(path, delimiter=",")  # (1797, 65): 64 pixels, then the label
            return table[:, :-1].reshape(-1, 8, 8), table[:, -1].astype(np.int64)
    from sklearn.datasets import load_digits  # another layout: ask scikit-learn itself

    bunch = load_digits()
    return bunch.images, bunch.target


def _digits_split(split: str) -> tuple[np.ndarray, np.ndarray]:
    if split not in DIGITS_SPLITS:
        raise ValueError(f"unknown split {split!r}; valid splits are {', '.join(DIGITS_SPLITS)}")
    images, labels, split_idx = _digits_arrays()
    idx = split_idx[split]
    return images[idx], labels[idx]  # fancy indexing copies: the cache stays untouched


def digits(split: str = "train", as_tensor: bool = False,
           normalize: bool = True) -> tuple[Any, Any]:
    """The handwritten digits bundled with scikit-learn, as flat feature vectors.

    1797 images of 8x8 pixels (values 0..16), split once and for all, stratified by class,
    into train (60 %), val (20 %) and test (20 %); every call returns the same split.

    Args:
        split: ``"train"``, ``"val"`` or ``"test"``.
        normalize: divide the pixels by 16 so that they lie in [0, 1].

    Returns:
        X: (N, 64) float, row-major pixels; y: (N,) labels 0..9.
    """
    images, y = digits_images(split, normalize=normalize)
    return _output(images.reshape(len(images), 64), y, as_tensor)  # (N, H*W)


def digits_images(split: str = "train", as_tensor: bool = False,
                  normalize: bool = True) -> tuple[Any, Any]:
    """The same split as `digits`, as images (for plots and convolutional networks).

    Returns:
        images: (N, 8, 8) float (in [0, 1] when ``normalize``); y: (N,) labels 0..9.
    """
    images, y = _digits_split(split)
    if normalize:
        images = images / 16.0
    return _output(images, y, as_tensor)


# --------------------------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------------------------
def train_val_split(X: Any, y: Any, val_fraction: float = 0.2, seed: int = 0,
                    stratify: bool = False) -> tuple[Any, Any, Any, Any]:
    """Shuffle and split ``(X, y)`` into a training and a validation part.

    Works on numpy arrays and torch tensors alike (whatever comes in goes out). The order of
    the results is scikit-learn's: ``X_train, X_val, y_train, y_val``.

    Args:
        X: (N, ...) inputs. y: (N, ...) targets.
        val_fraction: share of the rows that go to validation, strictly between 0 and 1.
        stratify: keep the class proportions of ``y`` (class labels) in both parts.

    Returns:
        X_train: (N - M, ...), X_val: (M, ...), y_train: (N - M, ...), y_val: (M, ...), with
        M = round(val_fraction * N) (per class when stratified).
    """
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X and y must have the same length, got {n} and {len(y)}")
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be strictly between 0 and 1, got {val_fraction!r}")
    rng = np.random.default_rng(seed)
    if stratify:
        labels = np.asarray(y.cpu() if hasattr(y, "cpu") else y).reshape(n, -1)[:, 0]
        val_parts = []
        for c in np.unique(labels):
            idx = rng.permutation(np.flatnonzero(labels == c))
            val_parts.append(idx[: round(val_fraction * len(idx))])
        val_idx = rng.permutation(np.concatenate(val_parts))
        mask = np.ones(n, dtype=bool)
        mask[val_idx] = False
        train_idx = rng.permutation(np.flatnonzero(mask))
    else:
        perm = rng.permutation(n)
        m = round(val_fraction * n)
        val_idx, train_idx = perm[:m], perm[m:]
    if n and (len(train_idx) == 0 or len(val_idx) == 0):
        raise ValueError(f"val_fraction={val_fraction} leaves one part of {n} rows empty")

    def take(a: Any, idx: np.ndarray) -> Any:
        if hasattr(a, "cpu"):  # a torch tensor: index with a tensor on the same device
            import torch

            return a[torch.as_tensor(idx, dtype=torch.long, device=a.device)]
        return np.asarray(a)[idx]

    return take(X, train_idx), take(X, val_idx), take(y, train_idx), take(y, val_idx)
