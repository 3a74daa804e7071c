"""Plotting helpers for the demos: decision boundaries, loss curves, functions and images.

Each helper draws on the Axes it is given (or on a new figure) and returns it; none calls
``plt.show()``, so notebooks display the figure inline at the end of the cell and scripts
and tests can keep drawing on it. End a notebook line with ``;`` (or assign the result) to
avoid printing the returned object's text, or showing a returned Figure twice.

Shapes: ``X: (N, 2)`` points with labels ``y: (N,)``; a grid of ``M`` points ``(M, 2)``;
a trajectory of ``T`` steps; images ``(N, H, W)``.

Introduced in week01 (decision boundaries, functions, images); loss curves and heat maps
in week02.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

__all__ = [
    "contour_2d",
    "decision_boundary",
    "function_1d",
    "heatmap",
    "image_grid",
    "loss_curves",
]


def _numpy(a: Any) -> np.ndarray:
    """numpy view of arrays, lists and torch tensors (detached, on the CPU)."""
    if hasattr(a, "detach"):
        a = a.detach().cpu().numpy()
    return np.asarray(a)


def _axes(ax: Axes | None) -> Axes:
    return plt.subplots()[1] if ax is None else ax


def _class_colors(k: int) -> list:
    # blue/red for two classes (matching the RdBu_r probability map), tab10 beyond
    return ["tab:blue", "tab:red"] if k <= 2 else [plt.get_cmap("tab10")(i % 10) for i in range(k)]


def _eval_grid(f: Callable, *grids: np.ndarray) -> np.ndarray:
    """Evaluate f on arrays; fall back to one call per point when f is not vectorized."""
    try:
        out = np.asarray(f(*grids), dtype=np.float64)
        if out.shape != grids[0].shape:
            out = np.broadcast_to(out, grids[0].shape).copy()  # constants broadcast
    except (TypeError, ValueError):  # e.g. math.cos on an array
        out = np.vectorize(lambda *v: float(f(*v)))(*grids).astype(np.float64)
    return out


# --------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------
def decision_boundary(predict: Callable[[np.ndarray], Any], X: Any, y: Any,
                      ax: Axes | None = None, resolution: int = 200,
                      title: str | None = None) -> Axes:
    """Colour the plane by a classifier's prediction and scatter the labelled points on top.

    Args:
        predict: maps a grid G: (M, 2) float64 array to labels (M,), probabilities of class 1
            (M,), or scores (M, K) (the argmax is drawn). Tensors are accepted as output.
            With a torch model: ``lambda G: dlcourse.train.predict(model, G).argmax(1)``.
        X: (N, 2) points. y: (N,) integer labels 0..K-1.
        resolution: grid points per axis (M = resolution**2).

    Returns:
        The Axes: one filled contour of the prediction (plus the 0.5 line for
        probabilities, 0 for logits) and one scatter per class.
    """
    X = _numpy(X).astype(np.float64)
    y = _numpy(y).reshape(-1).astype(np.int64)
    if X.ndim != 2 or X.shape[1] != 2 or len(X) != len(y):
        raise ValueError(f"expected X: (N, 2) and y: (N,), got {X.shape} and {y.shape}")
    ax = _axes(ax)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-3)
    xx, yy = np.meshgrid(np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution),
                         np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution))
    grid = np.column_stack([xx.ravel(), yy.ravel()])  # (M, 2)
    z = _numpy(predict(grid)).astype(np.float64)
    if z.ndim == 2 and z.shape[1] > 1:
        z = z.argmax(axis=1).astype(np.float64)  # (M, K) scores -> labels
    z = z.reshape(xx.shape)  # (resolution, resolution); also accepts (M, 1)
    is_labels = bool(np.all(z == np.round(z)))
    k = int(max(y.max(initial=1), z.max() if is_labels else 1)) + 1  # number of classes
    colors = _class_colors(k)
    if is_labels:  # one flat colour per predicted class
        ax.contourf(xx, yy, z, levels=np.arange(k + 1) - 0.5,
                    cmap=ListedColormap(colors), alpha=0.25)
    else:  # probabilities or logits: shade by confidence, draw the decision line
        is_prob = z.min() >= 0 and z.max() <= 1
        threshold = 0.5 if is_prob else 0.0
        shades = np.linspace(0, 1, 11) if is_prob else 20  # same colours for every model
        ax.contourf(xx, yy, z, levels=shades, cmap="RdBu_r", alpha=0.35)
        ax.contour(xx, yy, z, levels=[threshold], colors="k", linewidths=1.5)
    for c in np.unique(y):
        ax.scatter(X[y == c, 0], X[y == c, 1], s=14, color=colors[int(c) % len(colors)],
                   edgecolors="k", linewidths=0.3, label=f"class {c}")
    ax.legend(loc="best", fontsize="small")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------------------------
# Training curves and parametric experiments
# --------------------------------------------------------------------------------------------
def loss_curves(history_or_dict: Any, ax: Axes | None = None, logy: bool = False,
                title: str | None = None, xlabel: str = "epoch", ylabel: str = "loss") -> Axes:
    """Plot one or several named curves against the epoch (1, 2, ...).

    Args:
        history_or_dict: a dict name -> sequence (T,) of numbers; a `dlcourse.train.History`
            (its loss curves are plotted: ``train_loss`` and ``val_loss`` when present); or a
            single sequence (T,).
        logy: logarithmic y axis (losses spanning orders of magnitude).

    Returns:
        The Axes, with one line per non-empty curve.
    """
    if hasattr(history_or_dict, "as_dict"):
        curves = {k: v for k, v in history_or_dict.as_dict().items() if "loss" in k}
    elif isinstance(history_or_dict, Mapping):
        curves = dict(history_or_dict)
    else:
        curves = {"loss": history_or_dict}
    ax = _axes(ax)
    for name, values in curves.items():
        v = np.array([float(_numpy(e)) for e in values], dtype=np.float64)  # tensors too
        if v.size:
            ax.plot(np.arange(1, v.size + 1), v, label=str(name))
    if len(ax.lines) > 1 or isinstance(history_or_dict, Mapping):
        ax.legend()
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def heatmap(matrix: Any, x_labels: Sequence[Any], y_labels: Sequence[Any],
            ax: Axes | None = None, title: str | None = None, cbar_label: str | None = None,
            xlabel: str | None = None, ylabel: str | None = None, cmap: str = "viridis",
            annotate: bool = False) -> Axes:
    """Show a parametric experiment: ``matrix[i, j]`` is the result for ``y_labels[i]`` and
    ``x_labels[j]`` (e.g. final loss for learning rate i and number of epochs j).

    Args:
        matrix: (len(y_labels), len(x_labels)) numbers; NaN cells stay blank.
        annotate: write each value in its cell (for small tables).

    Returns:
        The Axes (with a colour bar); the first row is drawn at the bottom.
    """
    m = _numpy(matrix).astype(np.float64)
    if m.shape != (len(y_labels), len(x_labels)):
        raise ValueError(f"matrix must have shape (len(y_labels), len(x_labels)) = "
                         f"{(len(y_labels), len(x_labels))}, got {m.shape}")
    ax = _axes(ax)
    image = ax.imshow(m, origin="lower", aspect="auto", cmap=cmap)
    cbar = ax.figure.colorbar(image, ax=ax)
    if cbar_label:
        cbar.set_label(cbar_label)
    for axis, labels in ((ax.xaxis, x_labels), (ax.yaxis, y_labels)):
        step = max(1, math.ceil(len(labels) / 12))  # at most ~12 readable ticks
        ticks = np.arange(0, len(labels), step)
        axis.set_ticks(ticks)
        axis.set_ticklabels([f"{labels[i]:.3g}" if isinstance(labels[i], float)
                             else str(labels[i]) for i in ticks])
    if annotate:
        for (i, j), value in np.ndenumerate(m):
            dark_cell = image.norm(value) < 0.5  # viridis-like maps: dark at the low end
            ax.text(j, i, f"{value:.2g}", ha="center", va="center", fontsize="small",
                    color="w" if dark_cell else "k")
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------------------------
# Functions and optimization paths
# --------------------------------------------------------------------------------------------
def function_1d(f: Callable[[np.ndarray], Any], x_range: tuple[float, float],
                ax: Axes | None = None, trajectory: Sequence[float] | None = None,
                n_points: int = 400, label: str | None = None) -> Axes:
    """Plot y = f(x) on ``x_range``, optionally with the points visited by an optimizer.

    Args:
        f: a function of x (vectorized over numpy arrays or not, e.g. from ``sympy.lambdify``).
        x_range: (low, high).
        trajectory: (T,) x values, e.g. the iterates of gradient descent; drawn at
            (x_t, f(x_t)) from dark (first) to bright (last), joined by a thin line.

    Returns:
        The Axes: one line for f, and with a trajectory one more line and one scatter.
    """
    xs = np.linspace(float(x_range[0]), float(x_range[1]), n_points)
    ax = _axes(ax)
    ax.plot(xs, _eval_grid(f, xs), label=label)
    if trajectory is not None:
        tx = _numpy(trajectory).astype(np.float64).reshape(-1)  # (T,)
        ty = _eval_grid(f, tx)
        ax.plot(tx, ty, "-", color="0.4", linewidth=0.8)
        points = ax.scatter(tx, ty, c=np.arange(len(tx)), cmap="plasma", s=25, zorder=3,
                            edgecolors="k", linewidths=0.4)
        ax.figure.colorbar(points, ax=ax, label="step")
    if label:
        ax.legend()
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    return ax


def contour_2d(f: Callable[[np.ndarray, np.ndarray], Any], x_range: tuple[float, float],
               y_range: tuple[float, float], ax: Axes | None = None, levels: Any = 30,
               trajectory: Any = None, resolution: int = 200) -> Axes:
    """Contour lines of z = f(x, y), optionally with optimization paths on top.

    Args:
        f: takes two arrays (a meshgrid, each (R, R)) and returns z (R, R); non-vectorized
            functions are evaluated point by point.
        x_range, y_range: (low, high) of each axis.
        levels: number of contour levels, or their values (e.g. ``np.logspace(-1, 3, 20)``
            for a steep valley like Rosenbrock's).
        trajectory: (T, 2) points, or a dict name -> (T, 2) to compare several optimizers.

    Returns:
        The Axes: the contour set plus one line per trajectory.
    """
    xx, yy = np.meshgrid(np.linspace(float(x_range[0]), float(x_range[1]), resolution),
                         np.linspace(float(y_range[0]), float(y_range[1]), resolution))
    ax = _axes(ax)
    ax.contour(xx, yy, _eval_grid(f, xx, yy), levels=levels, cmap="viridis", linewidths=0.8)
    if trajectory is not None:
        paths = trajectory if isinstance(trajectory, Mapping) else {None: trajectory}
        for name, path in paths.items():
            p = _numpy(path).astype(np.float64)
            if p.ndim != 2 or p.shape[1] != 2:
                raise ValueError(f"a trajectory must have shape (T, 2), got {p.shape}")
            ax.plot(p[:, 0], p[:, 1], "o-", markersize=3, linewidth=1.2, label=name)
        if isinstance(trajectory, Mapping):
            ax.legend()
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return ax


# --------------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------------
def image_grid(images: Any, labels: Sequence[Any] | None = None, ncols: int = 8,
               cmap: str = "gray", max_images: int = 64, title: str | None = None) -> Figure:
    """Show images in a grid, each titled with its label (a class, a prediction, ...).

    Args:
        images: (N, H, W) grey images; (N, 1, H, W) and (N, H, W, 3) are accepted too.
        labels: (N,) anything printable, one per image.
        ncols: images per row. max_images: only the first ``max_images`` are drawn, so that
            passing a whole data set by mistake stays quick.

    Returns:
        The Figure (its axes hold one image each, extra cells hidden).
    """
    imgs = _numpy(images)
    if imgs.ndim == 4 and imgs.shape[1] == 1:
        imgs = imgs[:, 0]  # (N, 1, H, W) -> (N, H, W), as torch stores grey images
    if imgs.ndim not in (3, 4) or len(imgs) == 0:
        raise ValueError(f"expected images (N, H, W) with N >= 1, got shape {imgs.shape}")
    if labels is not None and len(labels) != len(imgs):
        raise ValueError(f"got {len(imgs)} images but {len(labels)} labels")
    n = min(len(imgs), max_images)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.3 * ncols, 1.4 * nrows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i < n:
            ax.imshow(imgs[i], cmap=cmap)
            if labels is not None:
                ax.set_title(str(_numpy(labels[i])), fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
