"""Week07's reference solutions against independent answers: torch and CS231n's check values.

- Convolution forward (loops and vectorized) equals ``torch.nn.functional.conv2d`` and its
  backward equals ``torch.autograd``, for random shapes, strides and paddings (hypothesis),
  including sizes where the stride does not divide ``W - F + 2P``.
- Max, average and global pooling, forward and backward, equal torch's, with many ties in
  max pooling (integer inputs): the gradient goes to the first maximum, as in torch.
- Output sizes equal torch's; parameter counts by formula (``cnn_summary``, and LeNet-5, VGG
  and ResNet blocks) equal ``sum(p.numel() ...)``; the residual block equals its formula.
- CS231n's published check values for ``conv_forward_naive`` and ``max_pool_forward_naive``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.references import week07 as ref

FAST = settings(max_examples=25, deadline=None)
tf = torch.nn.functional


@st.composite
def conv_cases(draw):
    """Shapes, stride and padding of a convolution whose filter fits the padded input."""
    F = draw(st.integers(1, 4))
    P = draw(st.integers(0, 2))
    S = draw(st.integers(1, 3))
    H = draw(st.integers(max(1, F - 2 * P), 8))
    W = draw(st.integers(max(1, F - 2 * P), 8))
    N, C, K = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(N, C, H, W)), rng.normal(size=(K, C, F, F)), rng.normal(size=K),
            S, P, rng)


@FAST
@given(conv_cases())
def test_conv_forward_equals_torch(case):
    x, w, b, S, P, _ = case
    expected = tf.conv2d(torch.tensor(x), torch.tensor(w), torch.tensor(b), stride=S,
                         padding=P).numpy()
    for fn in (ref.conv2d_forward_naive, ref.conv2d_forward):
        out, cache = fn(x, w, b, S, P)
        np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10,
                                   err_msg=f"{fn.__name__}, S={S}, P={P}, x: {x.shape}")
        assert cache[3:] == (S, P) and cache[0] is not None


@pytest.mark.parametrize("dtypes, expected", [
    ((np.float32, np.float32, np.float32), np.float32),
    ((np.float32, np.float64, np.float32), np.float64),
    ((np.float64, np.float64, np.float64), np.float64),
])
def test_conv_forward_dtype_follows_the_inputs(dtypes, expected):
    """float32 in, float32 out (as torch and NumPy arithmetic), for every layer of the week."""
    rng = np.random.default_rng(0)
    x, w, b = (rng.normal(size=s).astype(d) for s, d in zip([(2, 3, 6, 6), (4, 3, 3, 3), (4,)],
                                                          dtypes))
    for fn in (ref.conv2d_forward_naive, ref.conv2d_forward):
        out, cache = fn(x, w, b, 1, 1)
        assert out.dtype == expected, (fn.__name__, dtypes, out.dtype)
        want = tf.conv2d(torch.tensor(x, dtype=torch.float64), torch.tensor(w, dtype=torch.float64),
                         torch.tensor(b, dtype=torch.float64), padding=1).numpy()
        np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)
        if expected == np.float32:
            assert all(g.dtype == np.float32 for g in ref.conv2d_backward(out, cache))
    if expected == np.float32:
        for forward, backward in [(ref.max_pool_forward, ref.max_pool_backward),
                                  (ref.avg_pool_forward, ref.avg_pool_backward)]:
            out, cache = forward(x, 2, 2)
            assert out.dtype == np.float32 and backward(out, cache).dtype == np.float32


@FAST
@given(conv_cases())
def test_conv_backward_equals_autograd(case):
    x, w, b, S, P, rng = case
    xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    out = tf.conv2d(xt, wt, bt, stride=S, padding=P)
    dout = rng.normal(size=tuple(out.shape))
    out.backward(torch.tensor(dout))
    dx, dw, db = ref.conv2d_backward(dout, (x, w, b, S, P))
    for name, got, want in [("dx", dx, xt.grad), ("dw", dw, wt.grad), ("db", db, bt.grad)]:
        np.testing.assert_allclose(got, want.numpy(), rtol=1e-9, atol=1e-10,
                                   err_msg=f"{name}, S={S}, P={P}, x: {x.shape}, w: {w.shape}")


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 4), st.integers(0, 2), st.integers(1, 3), st.integers(0, 2**16))
def test_conv_backward_equals_central_differences(F, P, S, seed):
    rng = np.random.default_rng(seed)
    x, w, b = rng.normal(size=(2, 2, 6, 5)), rng.normal(size=(2, 2, F, F)), rng.normal(size=2)
    out, cache = ref.conv2d_forward(x, w, b, S, P)
    g = rng.normal(size=out.shape)
    dx, dw, db = ref.conv2d_backward(g, cache)
    eps = 1e-6
    for name, arr, grad in [("x", x, dx), ("w", w, dw), ("b", b, db)]:
        flat = arr.reshape(-1)
        for i in rng.choice(flat.size, size=min(6, flat.size), replace=False):
            old = flat[i]
            flat[i] = old + eps
            plus = np.sum(ref.conv2d_forward(x, w, b, S, P)[0] * g)
            flat[i] = old - eps
            minus = np.sum(ref.conv2d_forward(x, w, b, S, P)[0] * g)
            flat[i] = old
            assert abs((plus - minus) / (2 * eps) - grad.reshape(-1)[i]) < 1e-6, (name, i)


@st.composite
def pool_cases(draw):
    F = draw(st.integers(1, 4))
    S = draw(st.integers(1, 3))
    H, W = draw(st.integers(F, 9)), draw(st.integers(F, 9))
    N, C = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    ties = draw(st.booleans())
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    x = (rng.integers(0, 3, size=(N, C, H, W)).astype(float) if ties
         else rng.normal(size=(N, C, H, W)))
    return x, F, S, rng


@FAST
@given(pool_cases())
def test_max_pool_equals_torch_ties_included(case):
    x, F, S, rng = case
    xt = torch.tensor(x, requires_grad=True)
    out_t = tf.max_pool2d(xt, F, S)
    dout = rng.normal(size=tuple(out_t.shape))
    out_t.backward(torch.tensor(dout))
    out, cache = ref.max_pool_forward(x, F, S)
    np.testing.assert_array_equal(out, out_t.detach().numpy())
    np.testing.assert_allclose(ref.max_pool_backward(dout, cache), xt.grad.numpy(), atol=1e-12)


@FAST
@given(pool_cases())
def test_avg_pool_equals_torch(case):
    x, F, S, rng = case
    xt = torch.tensor(x, requires_grad=True)
    out_t = tf.avg_pool2d(xt, F, S)
    dout = rng.normal(size=tuple(out_t.shape))
    out_t.backward(torch.tensor(dout))
    out, cache = ref.avg_pool_forward(x, F, S)
    np.testing.assert_allclose(out, out_t.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(ref.avg_pool_backward(dout, cache), xt.grad.numpy(), atol=1e-12)


def test_max_pool_tie_goes_to_first_maximum_like_torch():
    x = np.zeros((1, 1, 2, 2))  # one window, four tied maxima
    dx = ref.max_pool_backward(np.ones((1, 1, 1, 1)), (x, 2, 2))
    xt = torch.tensor(x, requires_grad=True)
    tf.max_pool2d(xt, 2, 2).sum().backward()
    assert dx[0, 0].tolist() == [[1.0, 0.0], [0.0, 0.0]] == xt.grad[0, 0].tolist()


@pytest.mark.parametrize("kind", ["avg", "max"])
def test_global_pooling_is_pooling_with_one_window(kind):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 4, size=(2, 3, 5, 5)).astype(float)
    dout = rng.normal(size=(2, 3, 1, 1))
    forward, backward = ((ref.avg_pool_forward, ref.avg_pool_backward) if kind == "avg"
                         else (ref.max_pool_forward, ref.max_pool_backward))
    torch_pool = tf.adaptive_avg_pool2d if kind == "avg" else tf.adaptive_max_pool2d
    out, cache = forward(x, 5, 1)
    xt = torch.tensor(x, requires_grad=True)
    out_t = torch_pool(xt, 1)
    out_t.backward(torch.tensor(dout))
    np.testing.assert_allclose(out, out_t.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(backward(dout, cache), xt.grad.numpy(), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 5), st.integers(0, 3))
def test_output_size_equals_torch(W, F, S, P):
    if F > W + 2 * P or P > F // 2:  # torch wants the filter to fit and P <= F / 2
        return
    got = ref.conv_output_size(W, F, S, P)
    conv = torch.nn.Conv2d(1, 1, F, stride=S, padding=P)
    assert got == conv(torch.zeros(1, 1, W, W)).shape[-1]
    assert (got == W - F + 1) or P > 0 or S > 1  # F - 1 narrower only when P = 0, S = 1


def _count(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def test_parameter_counts_by_formula_equal_torch():
    lenet5 = torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, 5), torch.nn.MaxPool2d(2), torch.nn.Conv2d(6, 16, 5),
        torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(400, 120),
        torch.nn.Linear(120, 84), torch.nn.Linear(84, 10))
    shapes, params = ref.cnn_summary(
        [("conv", 6, 5, 1, 0), ("pool", 2, 2), ("conv", 16, 5, 1, 0), ("pool", 2, 2),
         ("fc", 120), ("fc", 84), ("fc", 10)], (1, 32, 32))
    assert sum(params) == _count(lenet5) == 61706
    assert params[1] == params[3] == 0 == _count(torch.nn.MaxPool2d(2))
    assert tuple(shapes[3]) == tuple(lenet5[:4](torch.zeros(1, 1, 32, 32)).shape[1:])
    for C in (16, 64):
        vgg = torch.nn.Sequential(torch.nn.Conv2d(C, C, 3, padding=1), torch.nn.ReLU(),
                                  torch.nn.Conv2d(C, C, 3, padding=1), torch.nn.ReLU(),
                                  torch.nn.MaxPool2d(2))
        by_formula = sum(ref.cnn_summary([("conv", C, 3, 1, 1), ("conv", C, 3, 1, 1),
                                          ("pool", 2, 2)], (C, 32, 32))[1])
        assert by_formula == 2 * (9 * C * C + C) == _count(vgg)
        assert 2 * 9 * C * C + 4 * C == _count(ref.ResidualBlock(C))


@settings(max_examples=20, deadline=None)
@given(st.lists(st.one_of(
    st.tuples(st.just("conv"), st.integers(1, 6), st.integers(1, 3), st.integers(1, 2),
              st.integers(0, 1)),
    st.tuples(st.just("pool"), st.integers(1, 2), st.integers(1, 2))), max_size=4),
    st.integers(1, 3), st.integers(8, 14), st.integers(8, 14), st.integers(1, 5))
def test_cnn_summary_equals_torch(layers, C, H, W, M):
    layers = list(layers) + [("fc", M)]
    shapes, params = ref.cnn_summary(layers, (C, H, W))
    x = torch.zeros(1, C, H, W)
    for layer, shape, count in zip(layers, shapes, params):
        if layer[0] == "conv":
            module = torch.nn.Conv2d(x.shape[1], layer[1], layer[2], stride=layer[3],
                                     padding=layer[4])
        elif layer[0] == "pool":
            module = torch.nn.MaxPool2d(layer[1], layer[2])
        else:
            x = x.flatten(1)
            module = torch.nn.Linear(x.shape[1], layer[1])
        x = module(x)
        assert tuple(shape) == tuple(x.shape[1:]) and count == _count(module), layer


@pytest.mark.parametrize("train", [True, False])
def test_residual_block_equals_its_formula(train):
    torch.manual_seed(0)
    block = ref.ResidualBlock(3)
    x = torch.randn(4, 3, 5, 6)
    if not train:
        block(x)  # update the running statistics once
        block.eval()
    h = torch.relu(block.bn1(tf.conv2d(x, block.conv1.weight, padding=1)))
    expected = torch.relu(x + block.bn2(tf.conv2d(h, block.conv2.weight, padding=1)))
    torch.testing.assert_close(block(x), expected)


def test_sobel_filters_respond_positively_to_brightening():
    w = torch.tensor(ref.sobel_filters())
    ramp = torch.arange(6.0, dtype=torch.float64).repeat(6, 1)[None, None]  # brighter -> right
    out = tf.conv2d(ramp, w)
    assert torch.all(out[0, 0] == 8) and torch.all(out[0, 1] == 0)
    out = tf.conv2d(ramp.transpose(2, 3), w)
    assert torch.all(out[0, 1] == 8) and torch.all(out[0, 0] == 0)


def test_train_cnn_is_reproducible_and_learns():
    from dlcourse import data

    def small():
        return torch.nn.Sequential(torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(),
                                   torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                                   torch.nn.Linear(128, 10))

    X, y = data.digits_images("train", as_tensor=True)
    X = X[:300, None]
    a = ref.train_cnn(small, X, y[:300], 4, 0.02, 50, 1)
    b = ref.train_cnn(small, X, y[:300], 4, 0.02, 50, 1)
    for pa, pb in zip(a.parameters(), b.parameters()):
        torch.testing.assert_close(pa, pb, rtol=0, atol=0)
    with torch.no_grad():
        acc = (a.eval()(X).argmax(1) == y[:300]).float().mean().item()
    assert acc > 0.7


# ------------------------------------------------------------------ CS231n's check values
# Inputs and expected outputs of cells 4 ('conv_forward_naive') and 10
# ('max_pool_forward_naive') of CS231n's ConvolutionalNetworks.ipynb (assignment 2,
# spring 2019, github.com/cs231n/cs231n.github.io), as collected in
# ../shared/peer-checks/cs231n_checks.py.
CS231N_CONV = np.array([[[[-0.08759809, -0.10987781], [-0.18387192, -0.2109216]],
                         [[0.21027089, 0.21661097], [0.22847626, 0.23004637]],
                         [[0.50813986, 0.54309974], [0.64082444, 0.67101435]]],
                        [[[-0.98053589, -1.03143541], [-1.19128892, -1.24695841]],
                         [[0.69108355, 0.66880383], [0.59480972, 0.56776003]],
                         [[2.36270298, 2.36904306], [2.38090835, 2.38247847]]]])
CS231N_POOL = np.array([[[[-0.26315789, -0.24842105], [-0.20421053, -0.18947368]],
                         [[-0.14526316, -0.13052632], [-0.08631579, -0.07157895]],
                         [[-0.02736842, -0.01263158], [0.03157895, 0.04631579]]],
                        [[[0.09052632, 0.10526316], [0.14947368, 0.16421053]],
                         [[0.20842105, 0.22315789], [0.26736842, 0.28210526]],
                         [[0.32631579, 0.34105263], [0.38526316, 0.4]]]])


def _rel_error(x, y):
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


@pytest.mark.parametrize("fn", [ref.conv2d_forward_naive, ref.conv2d_forward])
def test_cs231n_conv_forward_values(fn):
    x = np.linspace(-0.1, 0.5, num=2 * 3 * 4 * 4).reshape(2, 3, 4, 4)
    w = np.linspace(-0.2, 0.3, num=3 * 3 * 4 * 4).reshape(3, 3, 4, 4)
    b = np.linspace(-0.1, 0.2, num=3)
    assert _rel_error(fn(x, w, b, 2, 1)[0], CS231N_CONV) < 1e-7


def test_cs231n_max_pool_forward_values():
    x = np.linspace(-0.3, 0.4, num=2 * 3 * 4 * 4).reshape(2, 3, 4, 4)
    assert _rel_error(ref.max_pool_forward(x, 2, 2)[0], CS231N_POOL) < 1e-7


PEER_CHECKS = Path(__file__).resolve().parents[2] / "shared" / "peer-checks" / "cs231n_checks.py"


@pytest.mark.skipif(not PEER_CHECKS.exists(), reason="the shared peer checks are not here")
def test_peer_check_file_conv_and_pool_cases():
    """The same cases run through the peer-check file's own checker, when it is present."""
    spec = importlib.util.spec_from_file_location("cs231n_checks", PEER_CHECKS)
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    cases = {c["name"]: c for c in checks.CASES}
    adapters = {
        "conv_forward_naive": lambda x, w, b, stride, pad: ref.conv2d_forward_naive(
            x, w, b, stride, pad)[0],
        "max_pool_forward_naive": lambda x, pool_height, pool_width, stride:
            ref.max_pool_forward(x, pool_height, stride)[0],
    }
    for name, fn in adapters.items():
        assert checks.passes(cases[name], fn), name
    vectorized = lambda x, w, b, stride, pad: ref.conv2d_forward(x, w, b, stride, pad)[0]  # noqa: E731
    assert checks.passes(cases["conv_forward_naive"], vectorized)


def test_train_cnn_reaches_the_accuracy_the_prompt_quotes():
    """Exercise 12's prompt: the hidden test's small CNN (2 epochs, batches of 64, lr=0.02)
    reaches about 0.92 with the reference, above the graded 0.85."""
    from dlcourse import data

    def small_cnn():
        return torch.nn.Sequential(
            torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Flatten(), torch.nn.Linear(8 * 4 * 4, 10))

    X, y = data.digits_images("train", as_tensor=True)
    Xt, yt = data.digits_images("test", as_tensor=True)
    model = ref.train_cnn(small_cnn, X[:, None], y, 2, 0.02, 64, 0)
    device = next(model.parameters()).device
    with torch.no_grad():
        pred = model.eval()(Xt[:, None].to(device)).argmax(dim=1).cpu()
    assert float((pred == yt).float().mean()) == pytest.approx(0.92, abs=0.02)
