"""Week09's recurrent-network references against independent answers.

- `rnn_step` / `rnn_forward` agree with `torch.nn.RNNCell` / `torch.nn.RNN` (weights mapped),
  and with Stanford CS231n's published check values; `rnn_backward` agrees with
  `torch.autograd` (every gradient, hypothesis over shapes) and with central differences.
- `clip_grad_norm` agrees with `torch.nn.utils.clip_grad_norm_` (gradients and the returned
  norm, hypothesis over shapes, scales and thresholds, tiny norms where torch's eps counts).
- `lstm_cell` with `lstm_params_from_torch` agrees with `torch.nn.LSTMCell` and, unrolled, with
  `torch.nn.LSTM`; with CS231n's gate order (i, f, o, g) remapped, with CS231n's LSTM values.
- `gru_cell_torch` agrees with `torch.nn.GRUCell` and, unrolled, with `torch.nn.GRU`; the
  textbook GRU equals it exactly when the reset gate cannot matter and z is flipped, and
  differs otherwise.
- `scale_to_spectral_radius`, `teacher_forcing_inputs`, `greedy_decode`,
  `sequence_cross_entropy`, `sample_next` against numpy / torch computations.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.references import week09_recurrent as ref
from dlcourse.gradcheck import relative_error

FAST = settings(max_examples=25, deadline=None)
dims = st.integers(min_value=1, max_value=5)
seeds = st.integers(min_value=0, max_value=2**31 - 1)

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer-checks" / "cs231n_checks.py"


def _peer_cases():
    """CS231n's check cases by name, read from the shared file when it is there."""
    if not PEER.exists():
        return None
    spec = importlib.util.spec_from_file_location("cs231n_checks", PEER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, {case["name"]: case for case in module.CASES}


def _random_params(module, rng):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.tensor(rng.normal(size=tuple(p.shape))))


def _layer_and_its_cell(layer_class, cell_class, d, m, rng):
    """A one-layer torch recurrent layer with random float64 weights, and the cell that has
    the same weights (torch.nn.LSTM and LSTMCell, GRU and GRUCell)."""
    layer = layer_class(d, m, batch_first=True).double()
    _random_params(layer, rng)
    cell = cell_class(d, m).double()
    with torch.no_grad():
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            getattr(cell, name).copy_(getattr(layer, name + "_l0"))
    return layer, cell


# ------------------------------------------------------------------------------ RNN forward
@FAST
@given(n=dims, t=dims, d=dims, m=dims, seed=seeds)
def test_rnn_forward_matches_torch_rnn(n, t, d, m, seed):
    rng = np.random.default_rng(seed)
    rnn = torch.nn.RNN(d, m, batch_first=True).double()
    _random_params(rnn, rng)
    X, h0 = rng.normal(size=(n, t, d)), rng.normal(size=(n, m))
    W_xh = rnn.weight_ih_l0.detach().numpy().T
    W_hh = rnn.weight_hh_l0.detach().numpy().T
    b = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy()
    with torch.no_grad():
        expected, h_last = rnn(torch.tensor(X), torch.tensor(h0)[None])
    H = ref.rnn_forward(X, h0, W_xh, W_hh, b)
    np.testing.assert_allclose(H, expected.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ref.rnn_step(X[:, 0], h0, W_xh, W_hh, b), H[:, 0], rtol=1e-12)
    np.testing.assert_allclose(H[:, -1], h_last[0].numpy(), rtol=1e-10, atol=1e-12)


def test_rnn_cs231n_values():
    # CS231n rnn_step_forward (assignment3, RNN_Captioning.ipynb, cell 10): the first row.
    x = np.linspace(-0.4, 0.7, num=30).reshape(3, 10)
    prev_h = np.linspace(-0.2, 0.5, num=12).reshape(3, 4)
    Wx = np.linspace(-0.1, 0.9, num=40).reshape(10, 4)
    Wh = np.linspace(-0.3, 0.7, num=16).reshape(4, 4)
    b = np.linspace(-0.2, 0.4, num=4)
    first_row = [-0.58172089, -0.50182032, -0.41232771, -0.31410098]
    assert relative_error(ref.rnn_step(x, prev_h, Wx, Wh, b)[0], np.array(first_row)) < 1e-7
    peer = _peer_cases()
    if peer is None:
        pytest.skip("../shared/peer-checks/cs231n_checks.py is not here")
    module, cases = peer
    assert module.passes(cases["rnn_step_forward"],
                         lambda x, prev_h, Wx, Wh, b: ref.rnn_step(x, prev_h, Wx, Wh, b))
    assert module.passes(cases["rnn_forward"],
                         lambda x, h0, Wx, Wh, b: ref.rnn_forward(x, h0, Wx, Wh, b))


# ------------------------------------------------------------------------------------- BPTT
def _autograd_bptt(dH, X, h0, W_xh, W_hh, b):
    leaves = [torch.tensor(v, requires_grad=True) for v in (X, h0, W_xh, W_hh, b)]
    Xt, h, Wx, Wh, bt = leaves
    states = []
    for t in range(X.shape[1]):
        h = torch.tanh(Xt[:, t] @ Wx + h @ Wh + bt)
        states.append(h)
    H = torch.stack(states, dim=1)
    (H * torch.tensor(dH)).sum().backward()
    return H.detach().numpy(), [leaf.grad.numpy() for leaf in leaves]


@FAST
@given(n=dims, t=st.integers(min_value=1, max_value=8), d=dims, m=dims, seed=seeds,
       last_only=st.booleans())
def test_rnn_backward_matches_autograd(n, t, d, m, seed, last_only):
    rng = np.random.default_rng(seed)
    X, h0 = rng.normal(size=(n, t, d)), rng.normal(size=(n, m))
    W_xh, W_hh, b = rng.normal(size=(d, m)), 0.7 * rng.normal(size=(m, m)), rng.normal(size=m)
    dH = rng.normal(size=(n, t, m))
    if last_only:
        dH[:, :-1] = 0.0
    H, expected = _autograd_bptt(dH, X, h0, W_xh, W_hh, b)
    np.testing.assert_allclose(H, ref.rnn_forward(X, h0, W_xh, W_hh, b), rtol=1e-12)
    got = ref.rnn_backward(dH, X, H, h0, W_xh, W_hh)
    for name, g, e in zip(["dX", "dh0", "dW_xh", "dW_hh", "db"], got, expected):
        assert g.shape == e.shape, name
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12, err_msg=name)


def test_rnn_backward_matches_central_differences():
    rng = np.random.default_rng(0)
    X, h0 = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 3))
    W_xh, W_hh, b = rng.normal(size=(3, 3)), 0.8 * rng.normal(size=(3, 3)), rng.normal(size=3)
    dH = rng.normal(size=(2, 4, 3))

    def cost(W):
        return float(np.sum(ref.rnn_forward(X, h0, W_xh, W, b) * dH))

    numeric = np.zeros_like(W_hh)
    for ix in np.ndindex(*W_hh.shape):
        step = np.zeros_like(W_hh)
        step[ix] = 1e-6
        numeric[ix] = (cost(W_hh + step) - cost(W_hh - step)) / 2e-6
    H = ref.rnn_forward(X, h0, W_xh, W_hh, b)
    analytic = ref.rnn_backward(dH, X, H, h0, W_xh, W_hh)[3]
    assert relative_error(analytic, numeric) < 1e-7


# --------------------------------------------------------------------------------- clipping
grad_lists = st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3)), min_size=1, max_size=4)


@FAST
@given(shapes=grad_lists, seed=seeds, scale=st.sampled_from([1e-7, 1e-3, 1.0, 50.0]),
       max_norm=st.sampled_from([1e-6, 0.1, 1.0, 5.0]))
def test_clip_grad_norm_matches_torch(shapes, seed, scale, max_norm):
    rng = np.random.default_rng(seed)
    grads = [scale * rng.normal(size=s) for s in shapes]
    before = [g.copy() for g in grads]
    params = [torch.zeros(s, dtype=torch.float64, requires_grad=True) for s in shapes]
    for p, g in zip(params, grads):
        p.grad = torch.tensor(g)
    expected_norm = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
    clipped, norm = ref.clip_grad_norm(grads, max_norm)
    assert norm == pytest.approx(expected_norm, rel=1e-12)
    for c, p, g, g0 in zip(clipped, params, grads, before):
        np.testing.assert_allclose(c, p.grad.numpy(), rtol=1e-12, atol=0)
        np.testing.assert_array_equal(g, g0)  # the inputs are not changed


def test_clip_grad_norm_eps_is_torchs():
    grads = [np.array([3e-7, 4e-7])]  # norm 5e-7 below max_norm 1e-6, still scaled by 2/3
    clipped, norm = ref.clip_grad_norm(grads, 1e-6)
    np.testing.assert_allclose(clipped[0], grads[0] * 1e-6 / (5e-7 + 1e-6), rtol=1e-12)
    zero, norm = ref.clip_grad_norm([np.zeros(3)], 1.0)
    assert norm == 0.0 and not np.any(zero[0])
    # the notebook: c = 1e-6 halves a gradient of norm 1e-6 (equal to c), as torch does
    halved, norm = ref.clip_grad_norm([np.array([6e-7, 8e-7])], 1e-6)
    param = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    param.grad = torch.tensor([6e-7, 8e-7], dtype=torch.float64)
    torch.nn.utils.clip_grad_norm_([param], 1e-6)
    np.testing.assert_allclose(np.linalg.norm(halved[0]), 5e-7, rtol=1e-9)
    np.testing.assert_allclose(halved[0], param.grad.numpy(), rtol=1e-12)


def test_tanh_can_carry_a_gradient_the_linear_rnn_loses():
    """The notebook's nilpotent W_hh: the linear RNN's gradient two steps back is exactly 0, the
    tanh RNN's is not, and both respect the bound ||dJ/dh_2|| * ||W_hh||_2^2."""
    w = torch.tensor([[1.0, 1.0], [-1.0, -1.0]], dtype=torch.float64)
    x = torch.tensor([[0.2, 0.1], [0.3, -0.4]], dtype=torch.float64)
    norms = []
    for activation in (lambda a: a, torch.tanh):
        h0 = torch.tensor([[0.5, -0.3]], dtype=torch.float64, requires_grad=True)
        h = h0
        for t in range(2):
            h = activation(x[t] + h @ w)
        norms.append(float(torch.autograd.grad(h.sum(), h0)[0].norm()))
    bound = np.sqrt(2) * np.linalg.norm(w.numpy(), 2) ** 2
    assert norms[0] == 0.0 < 0.1 < norms[1] <= bound


# ------------------------------------------------------------------------------------- LSTM
@FAST
@given(n=dims, t=st.integers(1, 5), d=dims, m=dims, seed=seeds)
def test_lstm_cell_matches_torch_lstmcell_and_lstm(n, t, d, m, seed):
    rng = np.random.default_rng(seed)
    lstm, cell = _layer_and_its_cell(torch.nn.LSTM, torch.nn.LSTMCell, d, m, rng)
    W_x, W_h, b = ref.lstm_params_from_torch(cell.weight_ih, cell.weight_hh, cell.bias_ih,
                                             cell.bias_hh)
    assert W_x.dtype == np.float64 and W_x.shape == (d, 4 * m) and b.shape == (4 * m,)
    X = rng.normal(size=(n, t, d))
    h, c = rng.normal(size=(n, m)), rng.normal(size=(n, m))
    with torch.no_grad():
        out, (h_T, c_T) = lstm(torch.tensor(X), (torch.tensor(h)[None], torch.tensor(c)[None]))
        h1, c1 = cell(torch.tensor(X[:, 0]), (torch.tensor(h), torch.tensor(c)))
    mine = ref.lstm_cell(X[:, 0], h, c, W_x, W_h, b)
    np.testing.assert_allclose(mine[0], h1.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(mine[1], c1.numpy(), rtol=1e-10, atol=1e-12)
    for step in range(t):
        h, c = ref.lstm_cell(X[:, step], h, c, W_x, W_h, b)
        np.testing.assert_allclose(h, out[:, step].numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(c, c_T[0].numpy(), rtol=1e-10, atol=1e-12)


def _cs231n_to_ours(a):
    """CS231n's gate blocks i, f, o, g -> torch's i, f, g, o (the last axis)."""
    i, f, o, g = np.split(np.asarray(a), 4, axis=-1)
    return np.concatenate([i, f, g, o], axis=-1)


def test_lstm_cs231n_values():
    # CS231n lstm_step_forward (assignment3, LSTM_Captioning.ipynb, cell 6): next_h's first row.
    N, D, H = 3, 4, 5
    x = np.linspace(-0.4, 1.2, num=N * D).reshape(N, D)
    prev_h = np.linspace(-0.3, 0.7, num=N * H).reshape(N, H)
    prev_c = np.linspace(-0.4, 0.9, num=N * H).reshape(N, H)
    Wx = np.linspace(-2.1, 1.3, num=4 * D * H).reshape(D, 4 * H)
    Wh = np.linspace(-0.7, 2.2, num=4 * H * H).reshape(H, 4 * H)
    b = np.linspace(0.3, 0.7, num=4 * H)
    h, c = ref.lstm_cell(x, prev_h, prev_c, _cs231n_to_ours(Wx), _cs231n_to_ours(Wh),
                         _cs231n_to_ours(b))
    assert relative_error(h[0], np.array([0.24635157, 0.28610883, 0.32240467, 0.35525807,
                                          0.38474904])) < 1e-7
    assert relative_error(c[0], np.array([0.32986176, 0.39145139, 0.451556, 0.51014116,
                                          0.56717407])) < 1e-7
    peer = _peer_cases()
    if peer is None:
        pytest.skip("../shared/peer-checks/cs231n_checks.py is not here")
    module, cases = peer

    def step(x, prev_h, prev_c, Wx, Wh, b):
        h, c = ref.lstm_cell(x, prev_h, prev_c, _cs231n_to_ours(Wx), _cs231n_to_ours(Wh),
                             _cs231n_to_ours(b))
        return {"next_h": h, "next_c": c}

    def forward(x, h0, Wx, Wh, b):  # CS231n's lstm_forward: c0 = 0, all hidden states
        h, c, states = h0, np.zeros_like(h0), []
        for t in range(x.shape[1]):
            h, c = ref.lstm_cell(x[:, t], h, c, _cs231n_to_ours(Wx), _cs231n_to_ours(Wh),
                                 _cs231n_to_ours(b))
            states.append(h)
        return np.stack(states, axis=1)

    assert module.passes(cases["lstm_step_forward"], step)
    assert module.passes(cases["lstm_forward"], forward)


# -------------------------------------------------------------------------------------- GRU
def _gru_weights(cell):
    return (cell.weight_ih.detach().numpy().T, cell.weight_hh.detach().numpy().T,
            cell.bias_ih.detach().numpy(), cell.bias_hh.detach().numpy())


@FAST
@given(n=dims, t=st.integers(1, 5), d=dims, m=dims, seed=seeds)
def test_gru_cell_torch_matches_torch_gru(n, t, d, m, seed):
    rng = np.random.default_rng(seed)
    gru, cell = _layer_and_its_cell(torch.nn.GRU, torch.nn.GRUCell, d, m, rng)
    weights = _gru_weights(cell)
    X, h = rng.normal(size=(n, t, d)), rng.normal(size=(n, m))
    with torch.no_grad():
        out, _ = gru(torch.tensor(X), torch.tensor(h)[None])
        h1 = cell(torch.tensor(X[:, 0]), torch.tensor(h))
    np.testing.assert_allclose(ref.gru_cell_torch(X[:, 0], h, *weights), h1.numpy(),
                               rtol=1e-10, atol=1e-12)
    for step in range(t):
        h = ref.gru_cell_torch(X[:, step], h, *weights)
        np.testing.assert_allclose(h, out[:, step].numpy(), rtol=1e-10, atol=1e-12)


def _flip_z(W_x, W_h, b_x, b_h):
    m = W_h.shape[0]
    sign = np.ones(3 * m)
    sign[m:2 * m] = -1.0
    return W_x * sign, W_h * sign, b_x * sign, b_h * sign


@FAST
@given(n=dims, d=dims, m=dims, seed=seeds)
def test_textbook_gru_differs_from_torch_only_by_reset_position_and_z(n, d, m, seed):
    rng = np.random.default_rng(seed)
    W_x, W_h = rng.normal(size=(d, 3 * m)), rng.normal(size=(m, 3 * m))
    b_x, b_h = rng.normal(size=3 * m), rng.normal(size=3 * m)
    x, h = rng.normal(size=(n, d)), rng.normal(size=(n, m))
    # With W_hn = 0 and b_hn = 0 the reset gate has nothing to act on: flipping z makes the
    # two forms equal.
    W_h0, b_h0 = W_h.copy(), b_h.copy()
    W_h0[:, 2 * m:], b_h0[2 * m:] = 0.0, 0.0
    np.testing.assert_allclose(ref.gru_cell_textbook(x, h, *_flip_z(W_x, W_h0, b_x, b_h0)),
                               ref.gru_cell_torch(x, h, W_x, W_h0, b_x, b_h0), rtol=1e-10,
                               atol=1e-12)
    # In general they differ, even with z flipped.
    assert not np.allclose(ref.gru_cell_textbook(x, h, *_flip_z(W_x, W_h, b_x, b_h)),
                           ref.gru_cell_torch(x, h, W_x, W_h, b_x, b_h), atol=1e-6)


# -------------------------------------------------------------------- spectral radius, misc
@FAST
@given(m=st.integers(1, 8), seed=seeds, rho=st.floats(0.1, 3.0))
def test_scale_to_spectral_radius(m, seed, rho):
    W = np.random.default_rng(seed).normal(size=(m, m))
    W0 = W.copy()
    scaled = ref.scale_to_spectral_radius(W, rho)
    assert np.max(np.abs(np.linalg.eigvals(scaled))) == pytest.approx(rho, rel=1e-9)
    np.testing.assert_array_equal(W, W0)


def test_teacher_forcing_and_greedy_decode_with_a_torch_gru():
    torch.manual_seed(0)
    embed, gru, out = torch.nn.Embedding(8, 4), torch.nn.GRU(4, 6, batch_first=True), \
        torch.nn.Linear(6, 7)
    Y = torch.randint(0, 7, (5, 6))
    inputs = ref.teacher_forcing_inputs(Y, 7)
    assert inputs[:, 0].eq(7).all() and torch.equal(inputs[:, 1:], Y[:, :-1])
    h0 = torch.randn(1, 5, 6)

    def step(tokens, h):
        states, h = gru(embed(tokens)[:, None], h)
        return out(states[:, 0]), h

    with torch.no_grad():
        got = ref.greedy_decode(step, h0, torch.full((5,), 7), 6)
        # The same decoding by hand: one call of the GRU per step on the argmax so far.
        tokens, h, expected = torch.full((5,), 7), h0, []
        for _ in range(6):
            states, h = gru(embed(tokens).unsqueeze(1), h)
            tokens = out(states.squeeze(1)).max(dim=1).indices
            expected.append(tokens)
        # Teacher forcing with the greedy output as targets gives the same logits' argmax.
        states, _ = gru(embed(ref.teacher_forcing_inputs(got, 7)), h0)
    assert torch.equal(got, torch.stack(expected, dim=1))
    assert torch.equal(out(states).argmax(dim=-1), got)


@FAST
@given(n=dims, t=dims, v=st.integers(2, 6), seed=seeds)
def test_sequence_cross_entropy_matches_torch(n, t, v, seed):
    g = torch.Generator().manual_seed(seed)
    logits = 3 * torch.randn(n, t, v, generator=g, dtype=torch.float64)
    Y = torch.randint(0, v, (n, t), generator=g)
    expected = torch.nn.functional.cross_entropy(logits.transpose(1, 2), Y)
    assert float(ref.sequence_cross_entropy(logits, Y)) == pytest.approx(float(expected),
                                                                         rel=1e-12)


def test_sample_next_frequencies_follow_the_tempered_softmax():
    z = torch.tensor([2.0, 1.0, 0.0, -1.0], dtype=torch.float64)
    for tau in [0.5, 1.0, 2.0]:
        draws = ref.sample_next(z.repeat(20000, 1), tau, torch.Generator().manual_seed(3))
        freq = torch.bincount(draws, minlength=4).double() / 20000
        expected = np.exp(z.numpy() / tau) / np.exp(z.numpy() / tau).sum()
        np.testing.assert_allclose(freq.numpy(), expected, atol=0.015)


def test_seq2seq_train_step_is_one_clipped_sgd_step():
    torch.manual_seed(1)
    embed, out = torch.nn.Embedding(11, 3), torch.nn.Linear(3, 10)

    class Model(torch.nn.Module):  # no encoder needed: the step only sees model(src, tgt_in)
        def __init__(self):
            super().__init__()
            self.embed, self.out = embed, out

        def forward(self, src, tgt_in):
            return self.out(self.embed(tgt_in) + self.embed(src).mean(dim=1, keepdim=True))

    model = Model()
    before = [p.detach().clone() for p in model.parameters()]
    src, tgt = torch.randint(0, 10, (4, 3)), torch.randint(0, 10, (4, 5))
    tgt_in = torch.cat([torch.full((4, 1), 10), tgt[:, :-1]], dim=1)
    loss = torch.nn.functional.cross_entropy(model(src, tgt_in).transpose(1, 2), tgt)
    grads = torch.autograd.grad(loss, list(model.parameters()))
    norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    scale = min(1.0, 0.01 / (float(norm) + 1e-6))
    got = ref.seq2seq_train_step(model, torch.optim.SGD(model.parameters(), lr=0.3), src, tgt,
                                 10, 0.01)
    assert got == pytest.approx(loss.item(), rel=1e-6)
    for p, p0, g in zip(model.parameters(), before, grads):
        torch.testing.assert_close(p.detach(), p0 - 0.3 * scale * g, rtol=1e-5, atol=1e-7)
