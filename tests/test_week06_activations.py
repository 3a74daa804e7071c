"""Independent checks of the week06 references (activation functions and initialization).

The hidden tests compare students with `autograder.references.week06`; these tests make sure
the references themselves are right, against answers computed another way: torch.nn.functional
with autograd (property tests over |a| <= 1000, around 0 and at exactly 0), SymPy's symbolic
derivatives, central differences, torch.nn.init's distributions (two-sample Kolmogorov-Smirnov
tests and moments over many draws), and CS231n's public ReLU check.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from autograder.references import week06 as ref

ALPHA, SCALE = 1.6732632423543772, 1.0507009873554805
NOTEBOOK = Path(__file__).resolve().parents[1] / "week06" / "activations.ipynb"

# name -> (our (h, dh), torch function)
PAIRS = {
    "sigmoid": (ref.sigmoid, torch.sigmoid),
    "tanh": (ref.tanh, torch.tanh),
    "relu": (ref.relu, torch.relu),
    "leaky_relu(0.01)": (lambda a: ref.relu(a, 0.01), F.leaky_relu),
    "leaky_relu(0.2)": (lambda a: ref.relu(a, 0.2), lambda t: F.leaky_relu(t, 0.2)),
    "elu": (ref.elu, F.elu),
    "elu(0.5)": (lambda a: ref.elu(a, 0.5), lambda t: F.elu(t, 0.5)),
    "selu": (ref.selu, torch.selu),
    "gelu": (ref.gelu, F.gelu),
    "gelu_tanh": (lambda a: ref.gelu(a, "tanh"), lambda t: F.gelu(t, approximate="tanh")),
    "silu": (ref.silu, F.silu),
    "softplus": (ref.softplus, F.softplus),
}


def _strict(fn, a):
    """Call fn with every numpy floating-point problem (except underflow) and warning fatal."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            return fn(a)


def _torch(fn, a):
    t = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    out = fn(t)
    out.sum().backward()
    return out.detach().numpy(), t.grad.numpy()


def _agree(name, a):
    ours, theirs = PAIRS[name]
    h, dh = _strict(ours, a)
    th, tdh = _torch(theirs, a)
    assert h.dtype == np.float64 and dh.dtype == np.float64
    assert h.shape == a.shape and dh.shape == a.shape
    # softplus: torch returns a itself above a = 20, where log1p(exp(-a)) < 2.1e-9
    np.testing.assert_allclose(h, th, rtol=1e-9, atol=1e-12, err_msg=f"{name} h at {a}")
    np.testing.assert_allclose(dh, tdh, rtol=1e-9, atol=1e-12, err_msg=f"{name} dh at {a}")


wide = hnp.arrays(np.float64, st.integers(1, 20),
                  elements=st.floats(-1000, 1000, allow_nan=False, allow_infinity=False))
near_zero = hnp.arrays(np.float64, st.integers(1, 20),
                       elements=st.floats(-1e-6, 1e-6, allow_nan=False, allow_subnormal=False))


@pytest.mark.parametrize("name", PAIRS)
@given(a=wide)
def test_activation_agrees_with_torch_for_large_inputs(name, a):
    _agree(name, a)


@pytest.mark.parametrize("name", PAIRS)
@given(a=near_zero)
def test_activation_agrees_with_torch_around_zero(name, a):
    _agree(name, a)


@pytest.mark.parametrize("name", PAIRS)
def test_activation_at_exactly_zero_and_extremes(name):
    _agree(name, np.array([0.0, -0.0, 1e-300, -1e-300, 1000.0, -1000.0, 40.0, -40.0, 709.0,
                           -745.0]))


@pytest.mark.parametrize("name", PAIRS)
def test_activation_is_accurate_to_the_last_digits_for_tiny_inputs(name):
    """An absolute tolerance hides tiny values: tanh(1e-12) computed as (1 - e) / (1 + e) with
    e = exp(-2a) is 2e-5 off relatively, and tanh(1e-300) comes out 0."""
    ours, theirs = PAIRS[name]
    a = np.array([1e-12, -1e-12, 3e-9, -3e-9, 1e-300, -1e-300, 2.5e-310])
    h, dh = _strict(ours, a)
    th, tdh = _torch(theirs, a)
    np.testing.assert_allclose(h, th, rtol=1e-13, atol=0, err_msg=f"{name} h")
    np.testing.assert_allclose(dh, tdh, rtol=1e-13, atol=0, err_msg=f"{name} dh")


def test_tanh_prose_numbers():
    """The tanh section's claims about the cancelling form, recomputed."""
    e = np.exp(-2e-12)
    rel = abs((1 - e) / (1 + e) - 1e-12) / 1e-12
    assert 1e-6 < rel < 1e-4  # "keeps only about five correct digits"
    assert 1 - np.exp(-2e-300) == 0.0  # "is exactly 0"
    assert ref.tanh(np.array([1e-300]))[0][0] == 1e-300


def test_softplus_threshold_gap_in_the_prose():
    """torch's softplus returns a itself above 20; the prose gives the gap there, 2.06e-9."""
    gap = np.log1p(np.exp(-20.0))
    assert f"{gap:.2e}" == "2.06e-09"
    markdown = "".join("".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"]
                       if cell["cell_type"] == "markdown")
    assert r"2.06\cdot10^{-9}" in markdown
    t = torch.tensor([20.0 + 1e-9], dtype=torch.float64)
    assert F.softplus(t).item() == t.item()  # the identity above the threshold


def test_derivatives_at_zero_are_autograds_choice():
    zero = np.zeros(1)
    assert ref.relu(zero)[1][0] == 0.0
    assert ref.relu(zero, 0.1)[1][0] == 0.1
    assert ref.elu(zero, 2.0)[1][0] == 2.0
    assert ref.selu(zero)[1][0] == pytest.approx(SCALE * ALPHA, rel=1e-15)
    assert ref.selu(np.array([-1000.0]))[0][0] == pytest.approx(-SCALE * ALPHA, rel=1e-15)


def test_softplus_tail_is_accurate():
    a = np.array([-40.0, -100.0, -700.0])
    np.testing.assert_allclose(ref.softplus(a)[0], np.exp(a), rtol=1e-12, atol=0)
    assert np.isfinite(ref.softplus(np.array([1000.0]))[0]).all()


x = sp.symbols("x", real=True)
SYMBOLIC = {
    "sigmoid": (ref.sigmoid, 1 / (1 + sp.exp(-x)), None),
    "tanh": (ref.tanh, sp.tanh(x), None),
    "elu(0.7) for a < 0": (lambda a: ref.elu(a, 0.7), sp.Rational(7, 10) * (sp.exp(x) - 1), -1),
    "selu for a < 0": (ref.selu, SCALE * ALPHA * (sp.exp(x) - 1), -1),
    "selu for a > 0": (ref.selu, SCALE * x, 1),
    "gelu": (ref.gelu, x * (1 + sp.erf(x / sp.sqrt(2))) / 2, None),
    "gelu_tanh": (lambda a: ref.gelu(a, "tanh"),
                  x / 2 * (1 + sp.tanh(sp.sqrt(2 / sp.pi) * (x + sp.Float("0.044715") * x**3))),
                  None),
    "silu": (ref.silu, x / (1 + sp.exp(-x)), None),
    "softplus": (ref.softplus, sp.log(1 + sp.exp(x)), None),
}


@pytest.mark.parametrize("name", SYMBOLIC)
def test_activation_and_derivative_match_sympy(name):
    ours, expr, side = SYMBOLIC[name]
    points = np.linspace(-6, 6, 25)
    if side is not None:
        points = np.abs(points[points != 0]) * side
    f = sp.lambdify(x, expr, "mpmath")
    df = sp.lambdify(x, sp.diff(expr, x), "mpmath")
    h, dh = ours(points)
    np.testing.assert_allclose(h, [float(f(p)) for p in points], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dh, [float(df(p)) for p in points], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("name", PAIRS)
def test_derivative_against_central_differences(name):
    ours, _ = PAIRS[name]
    points = np.array([-4.3, -1.1, -0.37, 0.21, 0.9, 2.6, 7.5])  # away from kinks
    eps = 1e-6
    numeric = (ours(points + eps)[0] - ours(points - eps)[0]) / (2 * eps)
    np.testing.assert_allclose(ours(points)[1], numeric, rtol=1e-6, atol=1e-8)


def test_relu_against_cs231n_public_check():
    path = Path(__file__).resolve().parents[2] / "shared" / "peer-checks" / "cs231n_checks.py"
    if not path.exists():
        pytest.skip("the CS231n peer checks are not available here")
    spec = importlib.util.spec_from_file_location("cs231n_checks", path)
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    case = next(c for c in checks.CASES if c["name"] == "relu_forward")
    assert checks.passes(case, lambda x: ref.relu(x)[0])


# ------------------------------------------------------------------------------------ maxout
@given(A=hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
                    elements=st.integers(-2, 2).map(float)),
       k=st.integers(1, 4))
def test_maxout_matches_torch_max_pool1d_with_ties(A, k):
    A = np.tile(A, (1, k))  # (N, M * k) with many ties
    h, mask = ref.maxout(A, k)
    t = torch.tensor(A, requires_grad=True)
    ht = F.max_pool1d(t.unsqueeze(1), k).squeeze(1)
    ht.sum().backward()
    np.testing.assert_array_equal(h, ht.detach().numpy())
    np.testing.assert_array_equal(mask, t.grad.numpy())


# ---------------------------------------------------------------------------- initialization
def test_torch_reads_fan_in_from_size_1():
    fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(100, 400))
    assert (fan_in, fan_out) == (400, 100)  # so our W: (400, 100) has fan_in = W.shape[0]


D_IN, D_OUT = 400, 150  # non-square on purpose
INITS = {
    "xavier_uniform": (lambda rng: ref.xavier_init(D_IN, D_OUT, rng),
                       lambda w, g: torch.nn.init.xavier_uniform_(w, generator=g)),
    "xavier_uniform tanh": (
        lambda rng: ref.xavier_init(D_IN, D_OUT, rng, torch.nn.init.calculate_gain("tanh")),
        lambda w, g: torch.nn.init.xavier_uniform_(w, torch.nn.init.calculate_gain("tanh"), g)),
    "xavier_normal relu": (
        lambda rng: ref.xavier_init(D_IN, D_OUT, rng, torch.nn.init.calculate_gain("relu"),
                                    "normal"),
        lambda w, g: torch.nn.init.xavier_normal_(w, torch.nn.init.calculate_gain("relu"), g)),
    "kaiming_normal": (lambda rng: ref.he_init(D_IN, D_OUT, rng),
                       lambda w, g: torch.nn.init.kaiming_normal_(w, generator=g)),
    "kaiming_normal a=0.2": (
        lambda rng: ref.he_init(D_IN, D_OUT, rng, 0.2),
        lambda w, g: torch.nn.init.kaiming_normal_(w, a=0.2, generator=g)),
    "kaiming_uniform relu": (
        lambda rng: ref.he_init(D_IN, D_OUT, rng, 0.0, "uniform"),
        lambda w, g: torch.nn.init.kaiming_uniform_(w, nonlinearity="relu", generator=g)),
    "kaiming_uniform a=0.1": (
        lambda rng: ref.he_init(D_IN, D_OUT, rng, 0.1, "uniform"),
        lambda w, g: torch.nn.init.kaiming_uniform_(w, a=0.1, generator=g)),
}


@pytest.mark.parametrize("name", INITS)
def test_init_agrees_in_distribution_with_torch(name):
    ours_fn, torch_fn = INITS[name]
    ks_pvalues = []
    for seed in range(5):
        ours = ours_fn(np.random.default_rng(seed))
        assert ours.shape == (D_IN, D_OUT)
        theirs = torch_fn(torch.empty(D_OUT, D_IN, dtype=torch.float64),
                          torch.Generator().manual_seed(seed)).numpy().ravel()
        ks_pvalues.append(stats.ks_2samp(ours.ravel(), theirs).pvalue)
        # 60 000 draws each: the sample standard deviations agree within 2 %
        assert ours.std() == pytest.approx(theirs.std(), rel=0.02)
        assert abs(ours.mean()) < 0.02 * theirs.std()
        if "uniform" in name:  # same bounds
            assert np.abs(ours).max() == pytest.approx(np.abs(theirs).max(), rel=1e-3)
    # under the null hypothesis the p-values are uniform: five tiny ones would mean a mismatch
    assert max(ks_pvalues) > 0.05, ks_pvalues
    assert min(ks_pvalues) > 1e-4, ks_pvalues


def test_fan_out_would_be_caught():
    ours = ref.he_init(D_IN, D_OUT, np.random.default_rng(0))
    assert ours.std() == pytest.approx(np.sqrt(2 / D_IN), rel=0.02)
    assert abs(ours.std() - np.sqrt(2 / D_OUT)) > 0.2 * np.sqrt(2 / D_OUT)


# ------------------------------------------------------------------------ statistics, depth
def test_dead_fraction_against_torch():
    gen = torch.Generator().manual_seed(0)
    H = torch.relu(torch.randn(30, 40, generator=gen, dtype=torch.float64) - 1.5)
    expected = float((H.amax(dim=0) == 0).double().mean())
    assert ref.dead_fraction(H.numpy()) == expected


def test_depth_stats_against_a_torch_forward_pass():
    rng = np.random.default_rng(1)
    widths = [12, 30, 20, 20, 5]
    X = rng.normal(size=(16, widths[0]))
    Ws = [ref.he_init(i, o, rng) for i, o in zip(widths[:-1], widths[1:])]
    means, stds = ref.depth_stats(X, Ws, lambda a: np.maximum(a, 0.0))
    h = torch.tensor(X)
    for layer, W in enumerate(Ws):
        linear = torch.nn.Linear(*W.shape, bias=False).double()
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(W.T))  # torch stores (d_out, d_in)
        with torch.no_grad():
            h = torch.relu(linear(h))
        assert means[layer] == pytest.approx(float(h.mean()), rel=1e-12)
        assert stds[layer] == pytest.approx(float(h.std(unbiased=False)), rel=1e-12)
