"""Tests of dlcourse.data: truth tables, determinism, shapes/dtypes, the digits split."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

from dlcourse import data

# Generators that take a seed, with small arguments, for the shared tests below.
SEEDED = {
    "xor": lambda **kw: data.xor(n=40, **kw),
    "qwerties": lambda **kw: data.qwerties(n_per_class=20, **kw),
    "blobs": lambda **kw: data.blobs(n_per_class=20, centers=4, **kw),
    "spirals": lambda **kw: data.spirals(n_per_class=20, n_classes=3, **kw),
    "moons": lambda **kw: data.moons(n=40, **kw),
    "regression_line": lambda **kw: data.regression_line(n=40, **kw),
}
CLASSIFICATION = [name for name in SEEDED if name != "regression_line"]


# --------------------------------------------------------------------------------------------
# Logic gates
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, rule",
    [
        ("AND", lambda a, b: a and b),
        ("OR", lambda a, b: a or b),
        ("NAND", lambda a, b: not (a and b)),
        ("NOR", lambda a, b: not (a or b)),
        ("XOR", lambda a, b: a != b),
        ("XNOR", lambda a, b: a == b),
    ],
)
def test_logic_gate_truth_tables(name, rule):
    X, y = data.logic_gate(name)
    assert X.shape == (4, 2) and y.shape == (4,)
    assert X.dtype == np.float64 and y.dtype == np.int64
    # every input combination appears exactly once
    assert sorted(map(tuple, X.astype(int).tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    expected = [int(bool(rule(bool(a), bool(b)))) for a, b in X.astype(int)]
    assert y.tolist() == expected


def test_logic_gate_is_case_insensitive_and_tensor_mode():
    X, y = data.logic_gate("xor", as_tensor=True)
    assert X.dtype == torch.float32 and y.dtype == torch.long
    assert y.tolist() == data.logic_gate("XOR")[1].tolist()


def test_logic_gate_unknown_name_lists_valid_names():
    with pytest.raises(ValueError) as info:
        data.logic_gate("IMPLIES")
    for name in ("AND", "OR", "NAND", "NOR", "XOR", "XNOR"):
        assert name in str(info.value)


# --------------------------------------------------------------------------------------------
# Shared properties of the seeded generators
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SEEDED)
def test_same_seed_same_data_other_seed_other_data(name):
    make = SEEDED[name]
    X1, y1 = make(seed=3)
    X2, y2 = make(seed=3)
    X3, _ = make(seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_shapes_and_dtypes(name):
    X, y = SEEDED[name]()
    assert X.ndim == 2 and X.shape[1] == 2 and y.shape == (len(X),)
    assert X.dtype == np.float64 and y.dtype == np.int64
    Xt, yt = SEEDED[name](as_tensor=True)
    assert isinstance(Xt, torch.Tensor) and Xt.dtype == torch.float32
    assert yt.dtype == torch.long
    np.testing.assert_allclose(Xt.numpy(), X, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(yt.numpy(), y)


def test_sizes_and_class_balance():
    assert np.bincount(data.xor(n=42)[1]).tolist() == [21, 21]
    assert np.bincount(data.qwerties(n_per_class=7)[1]).tolist() == [7, 7]
    assert np.bincount(data.blobs(n_per_class=5, centers=4)[1]).tolist() == [5] * 4
    assert np.bincount(data.spirals(n_per_class=6, n_classes=3)[1]).tolist() == [6] * 3
    assert np.bincount(data.moons(n=31)[1]).tolist() == [15, 16]


def test_xor_labels_follow_the_nearest_corner():
    X, y = data.xor(n=400, noise=0.1)
    corner = np.round(np.clip(X, 0, 1)).astype(int)  # noise 0.1 never crosses the middle
    np.testing.assert_array_equal(y, corner[:, 0] ^ corner[:, 1])


def test_qwerties_geometry():
    X, y = data.qwerties(n_per_class=2000, distance=4.0, spread=0.5, seed=1)
    m0, m1 = X[y == 0].mean(axis=0), X[y == 1].mean(axis=0)
    assert abs(np.linalg.norm(m1 - m0) - 4.0) < 0.1
    np.testing.assert_allclose(X[y == 0].std(axis=0), [0.5, 0.5], atol=0.05)
    np.testing.assert_allclose((m0 + m1) / 2, [0.0, 0.0], atol=0.05)


def test_qwerties_far_apart_are_linearly_separable():
    X, y = data.qwerties(n_per_class=100, distance=10.0, spread=1.0, seed=0)
    clf = LogisticRegression(C=1e4, max_iter=1000).fit(X, y)
    assert clf.score(X, y) == 1.0


def test_qwerties_on_top_of_each_other_are_not():
    X, y = data.qwerties(n_per_class=200, distance=0.0, spread=1.0, seed=0)
    clf = LogisticRegression(max_iter=1000).fit(X, y)
    assert clf.score(X, y) < 0.65


def test_blobs_explicit_centers_in_3d():
    centers = [[0, 0, 0], [10, 0, 0]]
    X, y = data.blobs(n_per_class=500, centers=centers, spread=[0.1, 1.0], seed=2)
    assert X.shape == (1000, 3)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), centers[1], atol=0.2)
    assert X[y == 0].std() < 0.15 < X[y == 1].std()


def test_spirals_are_not_linearly_separable_but_lie_in_unit_disc():
    X, y = data.spirals(n_per_class=100, n_classes=2, noise=0.0, turns=1.0)
    assert np.all(np.linalg.norm(X, axis=1) <= 1.0 + 1e-12)
    assert LogisticRegression(max_iter=1000).fit(X, y).score(X, y) < 0.8


def test_regression_line_shapes_and_fit():
    x, y = data.regression_line(n=2000, slope=2.0, intercept=-1.0, noise=0.3, x_range=(0, 5))
    assert x.shape == (2000, 1) and y.shape == (2000, 1)
    assert x.dtype == np.float64 and y.dtype == np.float64
    assert x.min() >= 0 and x.max() <= 5
    slope, intercept = np.polyfit(x[:, 0], y[:, 0], 1)
    assert abs(slope - 2.0) < 0.05 and abs(intercept + 1.0) < 0.1
    assert abs(np.std(y - (2.0 * x - 1.0)) - 0.3) < 0.03
    xt, yt = data.regression_line(n=5, as_tensor=True)
    assert xt.dtype == torch.float32 and yt.dtype == torch.float32 and yt.shape == (5, 1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: data.xor(n=-1),
        lambda: data.xor(n=0),
        lambda: data.xor(noise=-0.1),
        lambda: data.qwerties(n_per_class=-5),
        lambda: data.qwerties(spread=-1.0),
        lambda: data.blobs(centers=0),
        lambda: data.spirals(n_classes=0),
        lambda: data.moons(n=-3),
        lambda: data.regression_line(n=-2),
        lambda: data.regression_line(x_range=(1, 1)),
        lambda: data.digits("validation"),
        lambda: data.digits_images("all"),
    ],
)
def test_bad_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


# --------------------------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------------------------
def _row_keys(X: np.ndarray) -> list[bytes]:
    return [row.tobytes() for row in np.ascontiguousarray(X)]


def test_digits_split_sizes_disjoint_and_complete():
    splits = {s: data.digits(s, normalize=False) for s in ("train", "val", "test")}
    sizes = {s: len(X) for s, (X, _) in splits.items()}
    assert sum(sizes.values()) == 1797
    assert abs(sizes["train"] - 0.6 * 1797) <= 10 and abs(sizes["val"] - 0.2 * 1797) <= 10
    # the split is a partition of the original data set (rows may repeat in the data set, so
    # compare multisets of (image, label) rows)
    full = load_digits()
    original = sorted(_row_keys(np.column_stack([full.data, full.target])))
    pieces = sorted(k for X, y in splits.values() for k in _row_keys(np.column_stack([X, y])))
    assert pieces == original


def test_digits_split_is_disjoint_by_index():
    # independent of duplicates: the cached index arrays do not overlap
    _, _, idx = data._digits_arrays()
    all_idx = np.concatenate([idx["train"], idx["val"], idx["test"]])
    assert len(np.unique(all_idx)) == 1797 == len(all_idx)


def test_digits_split_is_stratified():
    full = np.bincount(load_digits().target, minlength=10) / 1797
    for split in ("train", "val", "test"):
        _, y = data.digits(split)
        assert set(np.unique(y).tolist()) == set(range(10))
        np.testing.assert_allclose(np.bincount(y, minlength=10) / len(y), full, atol=0.01)


def test_digits_same_every_call_and_cache_not_mutated():
    X1, y1 = data.digits("val")
    X1[:] = -1.0  # a student overwriting their copy must not change the next call
    X2, y2 = data.digits("val")
    assert X2.min() >= 0.0
    np.testing.assert_array_equal(y1, y2)


def test_digits_normalization_shapes_and_tensors():
    X, y = data.digits("test")
    Xraw, _ = data.digits("test", normalize=False)
    assert X.shape == (len(y), 64) and X.dtype == np.float64 and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0 and Xraw.max() == 16.0
    np.testing.assert_allclose(X, Xraw / 16)
    Xt, yt = data.digits("test", as_tensor=True)
    assert Xt.dtype == torch.float32 and yt.dtype == torch.long and Xt.shape == X.shape


def test_digits_images_match_flat_digits():
    images, y = data.digits_images("train")
    X, y2 = data.digits("train")
    assert images.shape == (len(X), 8, 8)
    np.testing.assert_array_equal(images.reshape(len(X), 64), X)
    np.testing.assert_array_equal(y, y2)
    # a known image: the first digit of scikit-learn's data set is a 0, wherever it landed
    full = load_digits()
    for split in ("train", "val", "test"):
        imgs, labels = data.digits_images(split, normalize=False)
        hits = np.flatnonzero((imgs == full.images[0]).all(axis=(1, 2)))
        if hits.size:
            assert labels[hits[0]] == full.target[0] == 0
            break
    else:
        pytest.fail("the first image of the data set is in no split")


# --------------------------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------------------------
def test_train_val_split_partitions_rows():
    X = np.arange(100, dtype=np.float64).reshape(50, 2)
    y = np.arange(50)
    Xtr, Xva, ytr, yva = data.train_val_split(X, y, val_fraction=0.2, seed=1)
    assert len(Xva) == 10 and len(Xtr) == 40
    np.testing.assert_array_equal(Xtr[:, 0] / 2, ytr)  # rows stay paired with their labels
    assert sorted(np.concatenate([ytr, yva]).tolist()) == list(range(50))
    again = data.train_val_split(X, y, val_fraction=0.2, seed=1)
    np.testing.assert_array_equal(again[3], yva)
    assert not np.array_equal(data.train_val_split(X, y, 0.2, seed=2)[3], yva)


def test_train_val_split_stratified_and_tensors():
    X, y = data.qwerties(n_per_class=50, as_tensor=True)  # ordered by class
    Xtr, _, ytr, yva = data.train_val_split(X, y, val_fraction=0.2, stratify=True)
    assert isinstance(Xtr, torch.Tensor) and yva.dtype == torch.long
    assert torch.bincount(yva).tolist() == [10, 10]
    assert torch.bincount(ytr).tolist() == [40, 40]


def test_train_val_split_rejects_bad_arguments():
    X = np.zeros((10, 2))
    with pytest.raises(ValueError):
        data.train_val_split(X, np.zeros(9), 0.2)
    with pytest.raises(ValueError):
        data.train_val_split(X, np.zeros(10), 1.5)


def test_digits_file_equals_scikit_learns_loader():
    """The digits read straight from scikit-learn's file are exactly load_digits()."""
    from sklearn.datasets import load_digits

    from dlcourse.data import _digits_from_sklearn_file

    images, labels = _digits_from_sklearn_file()
    bunch = load_digits()
    assert np.array_equal(images, bunch.images) and np.array_equal(labels, bunch.target)
