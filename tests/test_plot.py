"""Tests of dlcourse.plot: what each helper draws, on the non-interactive Agg backend."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from dlcourse import data, plot
from dlcourse.train import History

matplotlib.use("Agg")  # no window, whatever backend the environment would pick


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _scatters(ax: Axes) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def test_no_helper_calls_show(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("plt.show() was called")

    monkeypatch.setattr(plt, "show", fail)
    X, y = data.qwerties(10)
    plot.decision_boundary(lambda G: (G.sum(1) > 0).astype(int), X, y, resolution=20)
    plot.loss_curves({"a": [1, 2]})
    plot.function_1d(np.sin, (0, 1))
    plot.contour_2d(lambda a, b: a * b, (0, 1), (0, 1), resolution=10)
    plot.image_grid(np.zeros((2, 4, 4)))
    plot.heatmap(np.zeros((2, 2)), [1, 2], [3, 4])


def test_decision_boundary_with_labels():
    X, y = data.blobs(n_per_class=15, centers=3)
    ax = plot.decision_boundary(lambda G: (G[:, 0] > 0).astype(int), X, y, resolution=30,
                                title="blobs")
    assert isinstance(ax, Axes) and ax.get_title() == "blobs"
    scatters = _scatters(ax)
    assert len(scatters) == 3  # one per class
    assert sum(len(s.get_offsets()) for s in scatters) == len(X)
    np.testing.assert_allclose(np.sort(scatters[0].get_offsets()[:, 0]),
                               np.sort(X[y == 0, 0]))
    assert len(ax.collections) == 4  # + the filled prediction
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1",
                                                                    "class 2"]


def test_decision_boundary_probabilities_draws_the_half_line():
    X, y = data.qwerties(20, distance=4)
    seen = []

    def predict(G):
        seen.append(G.shape)
        return torch.sigmoid(torch.tensor(G.sum(axis=1)))  # a tensor output is accepted

    ax = plot.decision_boundary(predict, torch.tensor(X), torch.tensor(y), resolution=25)
    assert seen == [(25 * 25, 2)]
    assert len(_scatters(ax)) == 2
    assert len(ax.collections) == 4  # filled probabilities + 0.5 line + 2 scatters
    # the drawn decision line is x1 + x2 = 0
    line = ax.collections[1]
    vertices = np.concatenate([p.vertices for p in line.get_paths()])
    np.testing.assert_allclose(vertices.sum(axis=1), 0.0, atol=0.05)


def test_decision_boundary_argmaxes_scores_and_uses_given_axes():
    X, y = data.xor(n=20)
    fig, ax = plt.subplots()
    out = plot.decision_boundary(lambda G: np.column_stack([G[:, 0], -G[:, 0]]), X, y,
                                 ax=ax, resolution=20)
    assert out is ax and len(fig.axes) == 1
    with pytest.raises(ValueError):
        plot.decision_boundary(lambda G: G[:, 0], np.zeros((5, 3)), np.zeros(5))


def test_loss_curves_from_dict_history_and_sequence():
    ax = plot.loss_curves({"sgd": [3, 2, 1], "adam": np.array([3.0, 1.0, 0.5, 0.2])}, logy=True)
    assert len(ax.lines) == 2 and ax.get_yscale() == "log"
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [1, 2, 3, 4])
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [3.0, 1.0, 0.5, 0.2])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sgd", "adam"]

    history = History(train_loss=[1.0, 0.5], val_loss=[1.2, 0.7], val_acc=[0.5, 0.9])
    ax = plot.loss_curves(history)
    assert [line.get_label() for line in ax.lines] == ["train_loss", "val_loss"]

    ax = plot.loss_curves(History(train_loss=[torch.tensor(2.0), torch.tensor(1.0)]))
    assert len(ax.lines) == 1 and list(ax.lines[0].get_ydata()) == [2.0, 1.0]

    ax = plot.loss_curves([4, 3, 2])
    assert len(ax.lines) == 1 and ax.get_yscale() == "linear"


def test_function_1d_curve_and_trajectory():
    ax = plot.function_1d(lambda x: 3 * x**2 - 3 * x + 4, (-1, 2))
    assert len(ax.lines) == 1 and len(ax.collections) == 0
    xs, ys = ax.lines[0].get_data()
    assert xs[0] == -1 and xs[-1] == 2
    np.testing.assert_allclose(ys, 3 * xs**2 - 3 * xs + 4)

    traj = [2.0, 1.0, 0.6, 0.5]
    ax = plot.function_1d(lambda x: (x - 0.5) ** 2, (-1, 2), trajectory=traj)
    assert len(ax.lines) == 2 and len(_scatters(ax)) == 1
    np.testing.assert_allclose(_scatters(ax)[0].get_offsets(),
                               [[x, (x - 0.5) ** 2] for x in traj])


def test_function_1d_accepts_non_vectorized_functions():
    import math

    ax = plot.function_1d(lambda x: math.cos(2 * math.pi * x) + x**2, (0, 1), n_points=11)
    xs, ys = ax.lines[0].get_data()
    np.testing.assert_allclose(ys, np.cos(2 * np.pi * xs) + xs**2)


def test_contour_2d_with_one_and_several_trajectories():
    def f(a, b):
        return a**2 + 10 * b**2

    ax = plot.contour_2d(f, (-2, 2), (-1, 1), levels=10, resolution=40)
    assert len(ax.lines) == 0 and len(ax.collections) == 1
    assert ax.get_xlim() == (-2, 2)

    path = np.array([[1.5, 0.8], [1.0, -0.5], [0.5, 0.2]])
    ax = plot.contour_2d(f, (-2, 2), (-1, 1), trajectory=path, resolution=40)
    assert len(ax.lines) == 1
    np.testing.assert_array_equal(np.column_stack(ax.lines[0].get_data()), path)

    ax = plot.contour_2d(f, (-2, 2), (-1, 1), resolution=40,
                         trajectory={"sgd": path, "momentum": path[::-1]})
    assert [line.get_label() for line in ax.lines] == ["sgd", "momentum"]
    with pytest.raises(ValueError):
        plot.contour_2d(f, (-2, 2), (-1, 1), trajectory=np.zeros((3, 3)), resolution=10)


def test_image_grid_layout_and_titles():
    images, labels = data.digits_images("val")
    fig = plot.image_grid(images[:10], labels[:10], ncols=4)
    assert isinstance(fig, Figure) and len(fig.axes) == 12  # 3 rows of 4
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 10
    assert [ax.get_title() for ax in shown] == [str(v) for v in labels[:10]]
    np.testing.assert_array_equal(shown[3].images[0].get_array(), images[3])

    fig = plot.image_grid(torch.zeros(100, 1, 5, 5), max_images=16)  # (N, 1, H, W) tensors
    assert sum(1 for ax in fig.axes if ax.images) == 16
    with pytest.raises(ValueError):
        plot.image_grid(np.zeros((3, 4, 4)), labels=[1, 2])


def test_heatmap_values_labels_and_shape_check():
    m = np.arange(6.0).reshape(2, 3)
    ax = plot.heatmap(m, ["a", "b", "c"], [0.01, 0.1], title="t", cbar_label="loss",
                      annotate=True)
    assert ax.get_title() == "t"
    np.testing.assert_array_equal(ax.images[0].get_array(), m)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0.01", "0.1"]
    assert len(ax.texts) == 6
    assert len(ax.figure.axes) == 2 and ax.figure.axes[1].get_ylabel() == "loss"  # colour bar
    with pytest.raises(ValueError, match="shape"):
        plot.heatmap(m.T, ["a", "b", "c"], [0.01, 0.1])
