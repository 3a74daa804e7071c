"""Known-wrong and other correct variants of week09's recurrent-networks exercises.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant must lose the exercise's points, every RIGHT variant
must earn them all (visible checks included).
"""

from __future__ import annotations

import numpy as np
import torch

from autograder.mistakes import quiet


def _sigmoid(a):
    return 1 / (1 + np.exp(-a))


# ------------------------------------------------------------------------------- rnn_step
def rnn_step_no_tanh(x, h_prev, W_xh, W_hh, b):
    return x @ W_xh + h_prev @ W_hh + b


def rnn_step_transposed_whh(x, h_prev, W_xh, W_hh, b):
    return np.tanh(x @ W_xh + h_prev @ W_hh.T + b)


@quiet
def rnn_step_sigmoid(x, h_prev, W_xh, W_hh, b):
    return _sigmoid(x @ W_xh + h_prev @ W_hh + b)


def rnn_step_torch(x, h_prev, W_xh, W_hh, b):
    t = [torch.as_tensor(np.asarray(v, dtype=np.float64)) for v in (x, h_prev, W_xh, W_hh, b)]
    return torch.tanh(torch.addmm(t[4], t[0], t[2]) + t[1] @ t[3]).numpy()


def rnn_step_concat(x, h_prev, W_xh, W_hh, b):
    # [x, h] @ [[W_xh], [W_hh]]: the concatenated form of the same step
    return np.tanh(np.concatenate([x, h_prev], axis=1) @ np.vstack([W_xh, W_hh]) + b)


# ---------------------------------------------------------------------------- rnn_forward
def _rnn_forward(X, h0, W_xh, W_hh, b, act=np.tanh, keep_h0=False, recur=True):
    N, T, _ = X.shape
    states = [h0] if keep_h0 else []
    h = h0
    for t in range(T):
        h = act(X[:, t] @ W_xh + (h if recur else h0) @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1)


def rnn_forward_time_major(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = np.tanh(X[t] @ W_xh + h @ W_hh + b)  # X[t] is example t, not time step t
        states.append(h)
    return np.stack(states, axis=1)


def rnn_forward_list(X, h0, W_xh, W_hh, b):
    states = []
    for t in range(X.shape[1]):
        prev = states[-1] if states else h0
        states.append(np.tanh(X[:, t] @ W_xh + prev @ W_hh + b))
    return np.array(states).transpose(1, 0, 2)  # (T, N, M) -> (N, T, M)


def rnn_forward_torch(X, h0, W_xh, W_hh, b):
    rnn = torch.nn.RNN(W_xh.shape[0], W_xh.shape[1], batch_first=True).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.tensor(W_xh.T))
        rnn.weight_hh_l0.copy_(torch.tensor(W_hh.T))
        rnn.bias_ih_l0.copy_(torch.tensor(b))
        rnn.bias_hh_l0.zero_()
        H, _ = rnn(torch.tensor(X, dtype=torch.float64), torch.tensor(h0)[None])
    return H.numpy()


# --------------------------------------------------------------------------- rnn_backward
def _rnn_backward(dH, X, H, h0, W_xh, W_hh, accumulate_whh=True, carry=True, h_now=False,
                  slope_prev=False):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        h_prev = H[:, t - 1] if t > 0 else h0
        dh = dH[:, t] + (dh_next if carry else 0.0)
        da = dh * (1 - (h_prev if slope_prev else H[:, t]) ** 2)
        dX[:, t] = da @ W_xh.T
        dW_xh += X[:, t].T @ da
        step_whh = (H[:, t] if h_now else h_prev).T @ da
        dW_hh = dW_hh + step_whh if accumulate_whh else step_whh
        db += da.sum(axis=0)
        dh_next = da @ W_hh.T
    return dX, dh_next, dW_xh, dW_hh, db


def rnn_backward_autograd(dH, X, H, h0, W_xh, W_hh):
    # Recompute the forward pass in torch from the cache; the bias follows from H.
    Xt, h0t = torch.tensor(X, requires_grad=True), torch.tensor(h0, requires_grad=True)
    Wx, Wh = torch.tensor(W_xh, requires_grad=True), torch.tensor(W_hh, requires_grad=True)
    a1 = np.arctanh(np.clip(H[:, 0], -1 + 1e-16, 1 - 1e-16))
    rows = np.argmin(np.abs(H[:, 0]), axis=0)  # per unit, the least saturated example
    b0 = (a1 - X[:, 0] @ W_xh - h0 @ W_hh)[rows, np.arange(H.shape[2])]
    b = torch.tensor(b0, requires_grad=True)
    h, states = h0t, []
    for t in range(X.shape[1]):
        h = torch.tanh(Xt[:, t] @ Wx + h @ Wh + b)
        states.append(h)
    (torch.stack(states, dim=1) * torch.tensor(dH)).sum().backward()
    return (Xt.grad.numpy(), h0t.grad.numpy(), Wx.grad.numpy(), Wh.grad.numpy(),
            b.grad.numpy())


def rnn_backward_einsum(dH, X, H, h0, W_xh, W_hh):
    # First every delta_t (backwards), then all the weight gradients at once.
    N, T, _ = X.shape
    deltas = np.zeros_like(H)
    carry = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):
        deltas[:, t] = (dH[:, t] + carry) * (1 - H[:, t] ** 2)
        carry = deltas[:, t] @ W_hh.T
    H_prev = np.concatenate([h0[:, None], H[:, :-1]], axis=1)  # (N, T, M): h_{t-1}
    return (np.einsum("ntm,dm->ntd", deltas, W_xh), carry,
            np.einsum("ntd,ntm->dm", X, deltas), np.einsum("ntk,ntm->km", H_prev, deltas),
            deltas.sum(axis=(0, 1)))


# ---------------------------------------------------------------- scale_to_spectral_radius
def spectral_norm_instead(W, rho):
    return W * (rho / np.linalg.norm(W, 2))


@quiet
def largest_real_eigenvalue(W, rho):
    return W * (rho / np.max(np.linalg.eigvals(W).real))


def frobenius_instead(W, rho):
    return W * (rho / np.linalg.norm(W))


def spectral_radius_torch(W, rho):
    radius = torch.linalg.eigvals(torch.tensor(W)).abs().max().item()
    return rho * np.array(W) / radius


def spectral_radius_loop(W, rho):
    lam = np.linalg.eig(W)[0]
    radius = max(np.sqrt(z.real ** 2 + z.imag ** 2) for z in lam)
    return np.array([[w / radius * rho for w in row] for row in W])


# --------------------------------------------------------------------------- clip_grad_norm
def clip_per_parameter(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads)))
    out = []
    for g in grads:
        n = np.linalg.norm(g)
        out.append(np.asarray(g) * min(1.0, max_norm / (n + 1e-6)))
    return out, total


def clip_without_eps(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads)))
    scale = min(1.0, max_norm / total) if total > 0 else 1.0
    return [np.asarray(g) * scale for g in grads], total


def clip_always_rescale(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads)))
    return [np.asarray(g) * (max_norm / (total + 1e-6)) for g in grads], total


def clip_in_place(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    scale = min(1.0, max_norm / (total + 1e-6))
    for g in grads:
        g *= scale
    return grads, total


def clip_with_torch(grads, max_norm):
    params = [torch.zeros(np.shape(g), dtype=torch.float64, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = torch.tensor(np.asarray(g, dtype=np.float64))
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad.numpy() for p in params], float(total)


def clip_flat_vector(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads])
    total = float(np.linalg.norm(flat))
    coef = max_norm / (total + 1e-6)
    return [np.asarray(g) * coef if coef < 1 else np.array(g, dtype=float) for g in grads], total


# ------------------------------------------------------------------- lstm_params_from_torch
def params_not_transposed(weight_ih, weight_hh, bias_ih, bias_hh):
    return (weight_ih.detach().double().numpy(), weight_hh.detach().double().numpy(),
            (bias_ih + bias_hh).detach().double().numpy())


def params_one_bias(weight_ih, weight_hh, bias_ih, bias_hh):
    return (weight_ih.detach().double().numpy().T, weight_hh.detach().double().numpy().T,
            bias_ih.detach().double().numpy())


def _ifog(a):
    """Reorder the last axis's four blocks from i, f, g, o to i, f, o, g."""
    i, f, g, o = np.split(a, 4, axis=-1)
    return np.concatenate([i, f, o, g], axis=-1)


def params_cs231n_order(weight_ih, weight_hh, bias_ih, bias_hh):
    return (_ifog(weight_ih.detach().double().numpy().T),
            _ifog(weight_hh.detach().double().numpy().T),
            _ifog((bias_ih + bias_hh).detach().double().numpy()))


def params_float32(weight_ih, weight_hh, bias_ih, bias_hh):
    return (weight_ih.detach().numpy().T, weight_hh.detach().numpy().T,
            (bias_ih + bias_hh).detach().numpy())


def params_via_numpy_first(weight_ih, weight_hh, bias_ih, bias_hh):
    arrays = [np.array(p.tolist(), dtype=np.float64) for p in (weight_ih, weight_hh, bias_ih,
                                                                bias_hh)]
    return np.ascontiguousarray(arrays[0].T), np.ascontiguousarray(arrays[1].T), (
        arrays[2] + arrays[3])


# -------------------------------------------------------------------------------- lstm_cell
@quiet
def _lstm(x, h_prev, c_prev, W_x, W_h, b, order="ifgo", swap_fi=False, tanh_c=True,
          g_sigmoid=False):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    blocks = {name: a[:, k * M:(k + 1) * M] for k, name in enumerate(order)}
    i, f, o = _sigmoid(blocks["i"]), _sigmoid(blocks["f"]), _sigmoid(blocks["o"])
    g = _sigmoid(blocks["g"]) if g_sigmoid else np.tanh(blocks["g"])
    c = f * g + i * c_prev if swap_fi else f * c_prev + i * g
    return o * (np.tanh(c) if tanh_c else c), c


def lstm_cell_torch(x, h_prev, c_prev, W_x, W_h, b):
    D, M = W_x.shape[0], h_prev.shape[1]
    cell = torch.nn.LSTMCell(D, M).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(W_x.T))
        cell.weight_hh.copy_(torch.tensor(W_h.T))
        cell.bias_ih.copy_(torch.tensor(b))
        cell.bias_hh.zero_()
        h, c = cell(torch.tensor(x, dtype=torch.float64),
                    (torch.tensor(h_prev, dtype=torch.float64),
                     torch.tensor(c_prev, dtype=torch.float64)))
    return h.numpy(), c.numpy()


def lstm_cell_split_weights(x, h_prev, c_prev, W_x, W_h, b):
    # One product per gate, as the concatenated-vector formulas are written.
    gates = []
    for Wx_k, Wh_k, b_k in zip(np.split(W_x, 4, axis=1), np.split(W_h, 4, axis=1),
                               np.split(b, 4)):
        gates.append(x @ Wx_k + h_prev @ Wh_k + b_k)
    i, f, g, o = gates
    c = _sigmoid(f) * c_prev + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c), c


# ------------------------------------------------------------------------------ GRU cells
def _gru(x, h_prev, W_x, W_h, b_x, b_h, reset_after=False, z_on_old=False, order="rzn",
         reset_on_candidate=False, bias_outside=False):
    M = h_prev.shape[1]
    ax, ah_w = x @ W_x + b_x, h_prev @ W_h
    blk = {name: slice(k * M, (k + 1) * M) for k, name in enumerate(order)}
    r = _sigmoid(ax[:, blk["r"]] + ah_w[:, blk["r"]] + b_h[blk["r"]])
    z = _sigmoid(ax[:, blk["z"]] + ah_w[:, blk["z"]] + b_h[blk["z"]])
    if reset_on_candidate:
        cand = r * np.tanh(ax[:, blk["n"]] + ah_w[:, blk["n"]] + b_h[blk["n"]])
    elif reset_after and bias_outside:
        cand = np.tanh(ax[:, blk["n"]] + r * ah_w[:, blk["n"]] + b_h[blk["n"]])
    elif reset_after:
        cand = np.tanh(ax[:, blk["n"]] + r * (ah_w[:, blk["n"]] + b_h[blk["n"]]))
    else:
        cand = np.tanh(ax[:, blk["n"]] + (r * h_prev) @ W_h[:, blk["n"]] + b_h[blk["n"]])
    return z * h_prev + (1 - z) * cand if z_on_old else (1 - z) * h_prev + z * cand


def gru_textbook_concat(x, h_prev, W_x, W_h, b_x, b_h):
    # The concatenated form W [r * h, x] + b for the candidate, one gate at a time.
    M = h_prev.shape[1]
    Wxr, Wxz, Wxn = np.split(W_x, 3, axis=1)
    Whr, Whz, Whn = np.split(W_h, 3, axis=1)
    r = _sigmoid(np.hstack([h_prev, x]) @ np.vstack([Whr, Wxr]) + b_x[:M] + b_h[:M])
    z = _sigmoid(np.hstack([h_prev, x]) @ np.vstack([Whz, Wxz]) + b_x[M:2 * M] + b_h[M:2 * M])
    h_tilde = np.tanh(np.hstack([r * h_prev, x]) @ np.vstack([Whn, Wxn]) + b_x[2 * M:]
                      + b_h[2 * M:])
    return h_prev + z * (h_tilde - h_prev)


def gru_torch_module(x, h_prev, W_x, W_h, b_x, b_h):
    D, M = W_x.shape[0], h_prev.shape[1]
    cell = torch.nn.GRUCell(D, M).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(W_x.T))
        cell.weight_hh.copy_(torch.tensor(W_h.T))
        cell.bias_ih.copy_(torch.tensor(b_x))
        cell.bias_hh.copy_(torch.tensor(b_h))
        return cell(torch.tensor(x, dtype=torch.float64),
                    torch.tensor(h_prev, dtype=torch.float64)).numpy()


def gru_torch_interpolation(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    gx = np.split(x @ W_x + b_x, 3, axis=1)
    gh = np.split(h_prev @ W_h + b_h, 3, axis=1)
    r, z = _sigmoid(gx[0] + gh[0]), _sigmoid(gx[1] + gh[1])
    n = np.tanh(gx[2] + r * gh[2])
    assert n.shape[1] == M
    return n + z * (h_prev - n)


# ------------------------------------------------------------------- teacher_forcing_inputs
def tf_no_shift(Y, start_token):
    return Y.clone()


def tf_start_at_end(Y, start_token):
    return torch.cat([Y[:, 1:], torch.full_like(Y[:, :1], start_token)], dim=1)


def tf_roll(Y, start_token):
    return torch.roll(Y, 1, dims=1)  # the last target wraps round to the front


def tf_in_place_style(Y, start_token):
    out = torch.empty_like(Y)
    out[:, 0] = start_token
    out[:, 1:] = Y[:, :-1]
    return out


def tf_roll_then_start(Y, start_token):
    out = torch.roll(Y, 1, dims=1)
    out[:, 0] = start_token
    return out


# ---------------------------------------------------------------------------- greedy_decode
def greedy_feeds_start(step, h, start, T):
    out = []
    for _ in range(T):
        logits, h = step(start, h)
        out.append(logits.argmax(dim=-1))
    return torch.stack(out, dim=1)


def greedy_stale_state(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, _ = step(tokens, h)  # the new state is thrown away
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out, dim=1)


def greedy_keeps_start(step, h, start, T):
    tokens, out = start, [start]
    for _ in range(T - 1):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out, dim=1)


def greedy_list(step, h, start, T):
    rows = [[] for _ in range(len(start))]
    tokens = start
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = torch.max(logits, dim=-1).indices
        for n, tok in enumerate(tokens.tolist()):
            rows[n].append(tok)
    return torch.tensor(rows, dtype=torch.int64)


def greedy_preallocated(step, h, start, T):
    out = torch.empty(len(start), T, dtype=torch.int64)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(-1)
        out[:, t] = tokens
    return out


# ----------------------------------------------------------------------- seq2seq_train_step
def _train_step(model, optimizer, src, tgt, start_token, max_norm, shift=True, zero=True,
                clip="between", reduction="mean"):
    tgt_in = (torch.cat([torch.full_like(tgt[:, :1], start_token), tgt[:, :-1]], dim=1)
              if shift else tgt)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1), reduction=reduction)
    if zero:
        optimizer.zero_grad()
    loss.backward()
    if clip == "between":
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    if clip == "after":
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    return loss.item()


def train_step_transposed(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = torch.roll(tgt, 1, dims=1)
    tgt_in[:, 0] = start_token
    optimizer.zero_grad(set_to_none=False)
    loss = torch.nn.functional.cross_entropy(model(src, tgt_in).transpose(1, 2), tgt)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(list(model.parameters()), max_norm=max_norm)
    optimizer.step()
    return float(loss.detach())


# ------------------------------------------------------------------- sequence_cross_entropy
def sce_sum_over_time(logits, Y):
    V = logits.shape[-1]
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), Y.reshape(-1),
                                             reduction="sum")
    return loss / logits.shape[0]  # summed over time, averaged over the batch


def sce_time_major_targets(logits, Y):
    V = logits.shape[-1]
    return torch.nn.functional.cross_entropy(logits.reshape(-1, V), Y.T.reshape(-1))


def sce_item(logits, Y):
    V = logits.shape[-1]
    return torch.nn.functional.cross_entropy(logits.reshape(-1, V), Y.reshape(-1)).item()


def sce_no_softmax(logits, Y):
    picked = logits.gather(-1, Y[..., None])[..., 0]
    return -torch.log(picked.clamp_min(1e-12)).mean()


def sce_transpose(logits, Y):
    return torch.nn.functional.cross_entropy(logits.transpose(1, 2), Y)  # (N, V, T)


def sce_log_softmax(logits, Y):
    logp = torch.log_softmax(logits, dim=-1)
    return -logp.gather(-1, Y[..., None]).mean()


# ------------------------------------------------------------------------------- sample_next
def sample_times_temperature(logits, temperature, generator):
    p = torch.softmax(logits * temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]


def sample_ignores_temperature(logits, temperature, generator):
    p = torch.softmax(logits, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]


def sample_argmax(logits, temperature, generator):
    return logits.argmax(dim=-1)


def sample_global_rng(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1)[:, 0]


def sample_shifted_exp(logits, temperature, generator):
    z = logits / temperature
    w = torch.exp(z - z.max(dim=-1, keepdim=True).values)
    return torch.multinomial(w / w.sum(dim=-1, keepdim=True), 1, generator=generator)[:, 0]


def sample_log_softmax(logits, temperature, generator):
    p = torch.log_softmax(logits / temperature, dim=-1).exp()
    return torch.multinomial(p, num_samples=1, generator=generator).squeeze(1)


# ------------------------------------------------- mistakes found by blind review (issue 22)
def rnn_step_bias_after_tanh(x, h_prev, W_xh, W_hh, b):
    return np.tanh(x @ W_xh + h_prev @ W_hh) + b


def rnn_step_returns_tensor(x, h_prev, W_xh, W_hh, b):
    t = [torch.as_tensor(np.asarray(v, dtype=np.float64)) for v in (x, h_prev, W_xh, W_hh, b)]
    return torch.tanh(t[0] @ t[2] + t[1] @ t[3] + t[4])  # a tensor, not a numpy array


def rnn_forward_dtype_of_x(X, h0, W_xh, W_hh, b):
    N, T, _ = X.shape
    H = np.zeros((N, T, W_hh.shape[0]), dtype=X.dtype)  # an integer X truncates the states
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        H[:, t] = h
    return H


def rnn_forward_reshaped_stack(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states).reshape(X.shape[0], X.shape[1], -1)  # (T, N, M) reshaped, not moved


def rnn_backward_step0_reads_last(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        da = (dH[:, t] + dh_next) * (1 - H[:, t] ** 2)
        dX[:, t] = da @ W_xh.T
        dW_xh += X[:, t].T @ da
        dW_hh += H[:, t - 1].T @ da  # at t = 0 this is H[:, -1], the last state, not h0
        db += da.sum(axis=0)
        dh_next = da @ W_hh.T
    return dX, dh_next, dW_xh, dW_hh, db


def rnn_backward_db_keepdims(dH, X, H, h0, W_xh, W_hh):
    dX, dh0, dW_xh, dW_hh, db = _rnn_backward(dH, X, H, h0, W_xh, W_hh)
    return dX, dh0, dW_xh, dW_hh, db[None]  # (1, M)


def spectral_radius_eigvalsh(W, rho):
    return rho * W / np.max(np.abs(np.linalg.eigvalsh(W)))  # reads one triangle only


def smallest_eigenvalue(W, rho):
    return rho * W / np.min(np.abs(np.linalg.eigvals(W)))


def clip_matrix_2_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.linalg.norm(g, 2) ** 2 for g in grads)))
    return [g * min(1.0, max_norm / (total + 1e-6)) for g in grads], total


def clip_returns_inputs(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef >= 1:
        return list(grads), total  # the caller's own arrays
    return [g * coef for g in grads], total


def params_wh_reshaped(weight_ih, weight_hh, bias_ih, bias_hh):
    W_x = weight_ih.detach().cpu().numpy().astype(np.float64).T
    W_h = weight_hh.detach().cpu().numpy().astype(np.float64)
    b = (bias_ih + bias_hh).detach().cpu().numpy().astype(np.float64)
    return W_x, W_h.reshape(W_h.shape[1], W_h.shape[0]), b


def lstm_h_from_old_cell(x, h_prev, c_prev, W_x, W_h, b):
    _, c = _lstm(x, h_prev, c_prev, W_x, W_h, b)
    M = h_prev.shape[1]
    o = _sigmoid((x @ W_x + h_prev @ W_h + b)[:, 3 * M:])
    return o * np.tanh(c_prev), c


def gru_ignores_b_x(x, h_prev, W_x, W_h, b_x, b_h):
    return _gru(x, h_prev, W_x, W_h, np.zeros_like(b_x), b_h)


def gru_gates_without_x(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    W_gates_off = np.concatenate([np.zeros_like(W_x[:, :2 * M]), W_x[:, 2 * M:]], axis=1)
    return _gru(x, h_prev, W_gates_off, W_h, b_x, b_h)


def gru_reset_on_input_too(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r = _sigmoid(ax[:, :M] + ah[:, :M])
    z = _sigmoid(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(r * ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * n


def gru_torch_returns_tensor(x, h_prev, W_x, W_h, b_x, b_h):
    return torch.from_numpy(_gru(x, h_prev, W_x, W_h, b_x, b_h, reset_after=True,
                                 z_on_old=True))


def tf_shifts_y_in_place(Y, start_token):
    Y[:, 1:] = Y[:, :-1].clone()
    Y[:, 0] = start_token
    return Y


def tf_drops_first_target(Y, start_token):
    return torch.cat([torch.full_like(Y[:, :1], start_token), Y[:, 1:]], dim=1)


def tf_float_tensor(Y, start_token):
    out = torch.zeros(Y.shape, device=Y.device)  # float32
    out[:, 0] = start_token
    out[:, 1:] = Y[:, :-1]
    return out


def greedy_float_output(step, h, start, T):
    out, tokens = torch.zeros(len(start), T), start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out[:, t] = tokens
    return out


def greedy_clones_state(step, h, start, T):
    h = h.clone()  # a state that is not one tensor (an LSTM's pair) has no clone
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out, dim=1)


def _train_step_written_in(model, optimizer, src, tgt, start_token, max_norm, classes=None,
                           length_of_src=False, start=None):
    N, T = src.shape if length_of_src else tgt.shape
    tgt_in = torch.full((N, T), start_token if start is None else start, dtype=torch.int64)
    tgt_in[:, 1:] = tgt[:, :T - 1]
    logits = model(src, tgt_in)
    K = logits.shape[-1] if classes is None else classes
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, K), tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()


def train_step_ten_classes(model, optimizer, src, tgt, start_token, max_norm):
    return _train_step_written_in(model, optimizer, src, tgt, start_token, max_norm, classes=10)


def train_step_length_of_src(model, optimizer, src, tgt, start_token, max_norm):
    return _train_step_written_in(model, optimizer, src, tgt, start_token, max_norm,
                                  length_of_src=True)


def train_step_start_ten(model, optimizer, src, tgt, start_token, max_norm):
    return _train_step_written_in(model, optimizer, src, tgt, start_token, max_norm, start=10)


def sce_log_of_softmax(logits, Y):
    p = torch.softmax(logits, dim=-1)
    return -torch.log(p.gather(-1, Y[..., None])).mean()


def sce_view(logits, Y):
    N, T, V = logits.shape
    return torch.nn.functional.cross_entropy(logits.view(N * T, V), Y.view(N * T))


def sample_squeeze(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator).squeeze()  # 0-dim when N = 1


def sample_argmax_when_cold(logits, temperature, generator):
    if temperature < 0.05:
        return logits.argmax(dim=-1)  # no draw: the generator is not used
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]



# ---------------------------------------- other correct solutions found by blind review
def rnn_step_dot_cast(x, h_prev, W_xh, W_hh, b):
    return np.tanh((np.dot(x, W_xh) + np.dot(h_prev, W_hh) + b).astype(float))


def rnn_forward_stack_axis1(X, h0, W_xh, W_hh, b):
    h, states = np.asarray(h0, dtype=float), []
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1)


def rnn_forward_into_h0(X, h0, W_xh, W_hh, b):
    H = np.zeros(X.shape[:2] + (np.shape(h0)[1],))
    for t in range(X.shape[1]):
        h0[...] = np.tanh(X[:, t] @ W_xh + h0 @ W_hh + b)  # the caller's h0 holds the state
        H[:, t] = h0
    return H


def scale_with_eig_and_complex(W, rho):
    radius = max(abs(complex(v)) for v in np.linalg.eig(np.asarray(W, dtype=float))[0])
    return np.array(W, dtype=float) * (rho / radius)


def clip_concatenate(grads, max_norm):
    total = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads])))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [np.array(g, dtype=float) * coef for g in grads], total


def params_torch_transpose_double(weight_ih, weight_hh, bias_ih, bias_hh):
    with torch.no_grad():
        W_x = weight_ih.detach().t().double().cpu().numpy()
        W_h = weight_hh.detach().t().double().cpu().numpy()
        b = (bias_ih.double() + bias_hh.double()).cpu().numpy()
    return np.ascontiguousarray(W_x), np.ascontiguousarray(W_h), b


def lstm_cell_np_split(x, h_prev, c_prev, W_x, W_h, b):
    a_i, a_f, a_g, a_o = np.split(x @ W_x + h_prev @ W_h + b, 4, axis=1)
    sig = lambda v: 0.5 * (1 + np.tanh(v / 2))  # noqa: E731
    c = sig(a_f) * c_prev + sig(a_i) * np.tanh(a_g)
    return sig(a_o) * np.tanh(c), c


def gru_textbook_np_split(x, h_prev, W_x, W_h, b_x, b_h):
    Wxr, Wxz, Wxn = np.split(W_x, 3, axis=1)
    Whr, Whz, Whn = np.split(W_h, 3, axis=1)
    bxr, bxz, bxn = np.split(b_x, 3)
    bhr, bhz, bhn = np.split(b_h, 3)
    r = _sigmoid(x @ Wxr + bxr + h_prev @ Whr + bhr)
    z = _sigmoid(x @ Wxz + bxz + h_prev @ Whz + bhz)
    h_tilde = np.tanh(x @ Wxn + bxn + (r * h_prev) @ Whn + bhn)
    return h_prev + z * (h_tilde - h_prev)


def tf_roll_to_int64(Y, start_token):
    out = torch.roll(Y, shifts=1, dims=1).to(torch.int64)
    out[:, 0] = start_token
    return out


def train_step_empty_like(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = torch.empty_like(tgt)
    tgt_in[:, 0] = start_token
    tgt_in[:, 1:] = tgt[:, :-1]
    loss = torch.nn.functional.cross_entropy(model(src, tgt_in).transpose(1, 2), tgt)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return float(loss.item())


def sample_reshape_long(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator).reshape(-1).long()



WRONG = {
    "rnn_step": [
        ("forgets the tanh: returns the pre-activation", rnn_step_no_tanh,
         "Every hidden state of a vanilla RNN lies strictly between -1 and 1: check the largest "
         "absolute value in your output. Re-read the recurrence: what turns a_t into h_t?"),
        ("multiplies by W_hh transposed (h_prev @ W_hh.T)", rnn_step_transposed_whh,
         "Treat h_prev exactly like x: both are rows that multiply their weight matrix from the "
         "left. Entry (j, k) of W_hh is the weight from old unit j to new unit k."),
        ("uses the sigmoid instead of tanh", rnn_step_sigmoid,
         "A vanilla RNN's state can be negative: its squashing function is symmetric around 0. "
         "Check the sign of your state for a clearly negative pre-activation."),
        ("adds the bias after the tanh", rnn_step_bias_after_tanh,
         "Every hidden state of a vanilla RNN lies strictly between -1 and 1, bias included: "
         "check the range of your output with a large b. Where does b enter the recurrence?"),
        ("computes with torch and returns a tensor, not a numpy array", rnn_step_returns_tensor,
         "Print type(...) of what you return: the prompt asks for a numpy float array, and "
         "the code that uses it indexes and stacks numpy arrays."),
    ],
    "rnn_forward": [
        ("forgets the tanh in the recurrence",
         lambda X, h0, Wx, Wh, b: _rnn_forward(X, h0, Wx, Wh, b, act=lambda a: a),
         "Each step of the loop is the whole RNN step of exercise 1, squashing included. Check "
         "that every entry of your H lies between -1 and 1."),
        ("includes h0 in the result: (N, T+1, M)",
         lambda X, h0, Wx, Wh, b: _rnn_forward(X, h0, Wx, Wh, b, keep_h0=True),
         "Check the shape of H: one state per time step, each the state after reading X[:, t]. "
         "The initial state is an input of the loop, not one of its outputs."),
        ("no recurrence: uses h0 at every step instead of the previous state",
         lambda X, h0, Wx, Wh, b: _rnn_forward(X, h0, Wx, Wh, b, recur=False),
         "Self-test: feed all-zero inputs. The state should still evolve from step to step "
         "through W_hh; does yours, or is every step the same?"),
        ("time-major indexing X[t] on batch-first data", rnn_forward_time_major,
         "In X of shape (N, T, D), which axis counts time steps? Test with N and T different: "
         "does your loop still walk along time, or along the examples?"),
        ("allocates H with X's dtype: integer inputs truncate the states", rnn_forward_dtype_of_x,
         "Self-test: run it on one-hot integer inputs (an int64 X). Is H still a float "
         "array, with states strictly between -1 and 1 and not rounded to integers?"),
        ("reshapes the (T, N, M) stack to (N, T, M) instead of moving the axis", rnn_forward_reshaped_stack,
         "A reshape keeps the memory order, it does not swap axes. Check that H[n, t] is the "
         "state of example n after step t, with N and T different."),
    ],
    "rnn_backward": [
        ("does not accumulate dW_hh over time (keeps only one step's contribution)",
         lambda *a: _rnn_backward(*a, accumulate_whh=False),
         "W_hh acts at every one of the T steps, so its gradient is a sum over time, just like "
         "dW_xh and db. Check what your loop does with each step's contribution."),
        ("does not carry the gradient from step t+1 back to h_t",
         lambda *a: _rnn_backward(*a, carry=False),
         "Self-test: make dH zero except at the last step. dX at the earlier steps must still be "
         "nonzero, since h_T depends on every earlier input; is it?"),
        ("uses h_t instead of h_{t-1} in dW_hh", lambda *a: _rnn_backward(*a, h_now=True),
         "Ask which state W_hh multiplied in the forward step that produced h_t: its gradient "
         "pairs delta_t with that input. Re-check the time index in your dW_hh."),
        ("takes the tanh slope at h_{t-1} instead of h_t",
         lambda *a: _rnn_backward(*a, slope_prev=True),
         "Backpropagate through step t's own tanh: check which state your (1 - h^2) factor reads, "
         "e.g. at the first step, where the previous state is h0."),
        ("reads H[:, -1] (the last state) as the state before step 0, not h0", rnn_backward_step0_reads_last,
         "Negative indices wrap round in Python. At the first step, which array holds the "
         "state that W_hh multiplied? Test with T = 1."),
        ("returns db with shape (1, M)", rnn_backward_db_keepdims,
         "Each gradient has the shape of what it differentiates: b is (M,). Print the shapes "
         "of the five arrays you return."),
    ],
    "scale_to_spectral_radius": [
        ("divides by the largest singular value (spectral norm), not the spectral radius",
         spectral_norm_instead,
         "Try W = [[1, 4], [0, 1]] with rho = 1: both eigenvalues are 1, so W should come back "
         "unchanged. Which quantity does np.linalg.norm(W, 2) measure?"),
        ("divides by the largest real part of the eigenvalues, without the absolute value",
         largest_real_eigenvalue,
         "Eigenvalues of a non-symmetric matrix may be negative or complex, and the radius is "
         "about their size. Try W = -I: the result must not flip the sign of W."),
        ("divides by the Frobenius norm", frobenius_instead,
         "Try the M x M identity: its spectral radius is 1 for every M, so it should simply be "
         "multiplied by rho. Does your divisor grow with M?"),
        ("eigvalsh: treats W as symmetric (reads one triangle only)", spectral_radius_eigvalsh,
         "Check the eigenvalues your code finds for a non-symmetric W, e.g. a random 3 x 3 "
         "matrix, against np.linalg.eigvals. Which matrices does your routine assume?"),
        ("divides by the smallest |eigenvalue| instead of the largest", smallest_eigenvalue,
         "Try W = diag(1, 3) with rho = 1: the largest |eigenvalue| of the result must be 1. "
         "Which eigenvalue does your code divide by?"),
    ],
    "clip_grad_norm": [
        ("clips each parameter's gradient by its own norm instead of the global norm",
         clip_per_parameter,
         "Clipping by the global norm keeps the direction of the whole update. Check the ratio "
         "clipped / original for each array: is it the same number for all of them?"),
        ("leaves out torch's eps = 1e-6 in max_norm / (total_norm + eps)", clip_without_eps,
         "Re-read the prompt's scaling factor term by term, then compare with torch's "
         "clip_grad_norm_ on gradients of norm about 1e-6, where every term matters."),
        ("always rescales to max_norm, also scaling small gradients up", clip_always_rescale,
         "Clipping only ever shrinks: gradients whose global norm is below max_norm pass (almost) "
         "unchanged. Try a tiny gradient: does yours come back larger?"),
        ("scales the input arrays in place", clip_in_place,
         "Print the arrays you passed in after calling your function: have they changed? An "
         "augmented assignment on an input array writes into the caller's data."),
        ("norm(g, 2) per gradient: a matrix's spectral norm, not the norm of its entries", clip_matrix_2_norm,
         "The global norm is over all entries. For a (2, 2) gradient of all ones, the "
         "entries' norm is 2; what does your per-array norm give, and for a 3-D array?"),
        ("returns the input arrays themselves when nothing is clipped", clip_returns_inputs,
         "With a huge max_norm, change an array you got back: does the gradient you passed "
         "in change too? The prompt asks for new arrays every time."),
    ],
    "lstm_params_from_torch": [
        ("does not transpose torch's (4M, D) weights", params_not_transposed,
         "Compare the shapes you return with the prompt's (D, 4M) and (M, 4M). NOTATION.md "
         "explains how torch stores a layer's weights compared with our W."),
        ("keeps bias_ih only and forgets bias_hh", params_one_bias,
         "torch's cell adds two biases, one on the input side and one on the hidden side, while "
         "our cell has a single b. Does your b account for both?"),
        ("reorders the gate blocks to CS231n's i, f, o, g", params_cs231n_order,
         "The prompt keeps torch's gate order for the columns. Compare each block of M columns of "
         "your W_x with the matching block of M rows of weight_ih."),
        ("returns float32 arrays (torch's default dtype) instead of float64", params_float32,
         "Print the dtype of each array you return: .numpy() keeps the tensor's dtype, and "
         "torch's parameters are float32 unless you convert them."),
        ("reshapes weight_hh to (M, 4M) instead of transposing it", params_wh_reshaped,
         "A reshape keeps torch's memory order: compare column k of your W_h with row k of "
         "weight_hh. Does a reshape turn rows into columns?"),
    ],
    "lstm_cell": [
        ("gate blocks in the order i, f, o, g (CS231n's) instead of torch's i, f, g, o",
         lambda *a: _lstm(*a, order="ifog"),
         "Slice the four blocks by the docstring's column ranges, not by an order learnt "
         "elsewhere: libraries differ, and a wrong order gives no error, only wrong numbers."),
        ("forget gate applied to the input: c = f * g + i * c_prev",
         lambda *a: _lstm(*a, swap_fi=True),
         "Self-test: make the forget gate nearly 0 (a very negative bias on its block). The old "
         "cell state should then be wiped out of c; is it in yours?"),
        ("h = o * c, without the tanh of the cell state", lambda *a: _lstm(*a, tanh_c=False),
         "h is bounded: o lies in (0, 1) and the memory is squashed before it is shown, so "
         "|h| < 1 however large c is. Try a large c_prev."),
        ("sigmoid instead of tanh for the candidate g", lambda *a: _lstm(*a, g_sigmoid=True),
         "The candidate g is not a gate: it holds the values to write, which may be negative. "
         "Check the range of your g: can it go below 0?"),
        ("h from the old cell state: o * tanh(c_prev)", lstm_h_from_old_cell,
         "Self-test: set c_prev to zeros. The new h must still depend on the input through "
         "the new cell state; does yours?"),
    ],
    "gru_cell_textbook": [
        ("z on the wrong term: z * h_prev + (1 - z) * h_tilde",
         lambda *a: _gru(*a, z_on_old=True),
         "Which term should survive when z = 1? Read it off the table's textbook row, then try a "
         "large bias on the z block and see which one your code keeps."),
        ("reset gate after the projection (torch's form) instead of before",
         lambda *a: _gru(*a, reset_after=True),
         "Find where r enters your candidate: on the M-vector that then goes through W_hn, or on "
         "the result of that product? Re-read the table's textbook row."),
        ("reset gate multiplies the candidate instead of h_prev",
         lambda *a: _gru(*a, reset_on_candidate=True),
         "Self-test: with r near 0 the candidate should ignore the old state but still depend on "
         "x, not vanish. Where does your reset gate act?"),
        ("ignores b_x (one bias, as many texts write the GRU)", gru_ignores_b_x,
         "The cell has two biases, b_x and b_h. Self-test: change b_x alone; does your "
         "output move?"),
        ("the gates read only h_prev: x W_xr and x W_xz are left out", gru_gates_without_x,
         "Self-test: set h_prev to zeros and vary x. The gates r and z must still respond to "
         "the input; do yours?"),
        ("the reset gate multiplies the input part of the candidate too", gru_reset_on_input_too,
         "In the textbook row the reset gate acts on h_prev only. Self-test: with r near 0 "
         "the candidate should still depend on x fully."),
    ],
    "gru_cell_torch": [
        ("z on the wrong term: (1 - z) * h_prev + z * n",
         lambda *a: _gru(*a, reset_after=True, z_on_old=False),
         "The two rows of the table put z on different terms; follow the PyTorch row here. With a "
         "large bias on the z block, torch's GRUCell barely changes its state."),
        ("reset gate before the projection (the textbook form)",
         lambda *a: _gru(*a, z_on_old=True),
         "PyTorch computes all of h_prev W_h in one product before r is known, so r cannot act on "
         "h_prev itself. Re-read the PyTorch row of the table."),
        ("b_hn added outside the reset gate: tanh(... + r * (h W_hn) + b_hn)",
         lambda *a: _gru(*a, reset_after=True, z_on_old=True, bias_outside=True),
         "Self-test: set W_h to zeros and make r small. In torch's cell the hidden-side bias of "
         "the candidate then shrinks with r; does the bias in yours feel the reset gate?"),
        ("gate blocks read in the order z, r, n",
         lambda *a: _gru(*a, reset_after=True, z_on_old=True, order="zrn"),
         "Check the order of the column blocks in the docstring (torch's layout). Which block "
         "does your code read as the reset gate, and which as the update gate?"),
        ("computes with torch and returns a tensor, not a numpy array", gru_torch_returns_tensor,
         "Print type(...) of what you return: the prompt asks for the cell written with "
         "numpy, returning a float array."),
    ],
    "teacher_forcing_inputs": [
        ("no shift: the decoder sees the very token it must predict", tf_no_shift,
         "At position t the decoder predicts Y[:, t], so it may only have seen the tokens before "
         "it. What is in column 0 of your output?"),
        ("shifts left and puts the start token at the end", tf_start_at_end,
         "The inputs lag behind the targets: which comes first in time, the start token or the "
         "first target? Compare columns 0 and 1 of your output with Y."),
        ("rolls the targets: the last target wraps round instead of the start token", tf_roll,
         "What should the decoder read at step 0, before any target exists? Compare your column 0 "
         "with the last column of Y."),
        ("shifts Y in place and returns it", tf_shifts_y_in_place,
         "Print Y after calling your function: is it still the targets? The prompt asks for "
         "a new tensor and an unchanged Y."),
        ("keeps the start token but drops the first target instead of the last", tf_drops_first_target,
         "Column t of the inputs is the target before position t. Compare column 1 of your "
         "output with column 0 of Y."),
        ("fills a float tensor: the inputs are not int64", tf_float_tensor,
         "Print the dtype of what you return: an embedding layer needs int64 tokens. Which "
         "dtype does a tensor of zeros get by default?"),
    ],
    "greedy_decode": [
        ("feeds the start tokens at every step instead of the previous prediction",
         greedy_feeds_start,
         "At test time there is no target: each step's input is the token chosen at the step "
         "before. Print the tokens you pass to step at each iteration."),
        ("throws away the new state: every step starts from the initial h", greedy_stale_state,
         "step returns a new state along with the logits. Print the h you pass to step at each "
         "iteration: does it ever change?"),
        ("returns the start tokens as the first column", greedy_keeps_start,
         "Count the calls to step: T tokens to produce means T calls, and the output holds only "
         "what the decoder chose. What is in your first column?"),
        ("collects the tokens in a float tensor, not int64", greedy_float_output,
         "Print the dtype of your output: tokens are int64, and a tensor made of zeros is "
         "float32 by default."),
        ("copies the state with .clone() instead of passing it as it is", greedy_clones_state,
         "A decoder's state need not be one tensor: an LSTM's is a pair (h, c). Try a step "
         "function whose state is a tuple."),
    ],
    "seq2seq_train_step": [
        ("forgets optimizer.zero_grad(): gradients pile up from step to step",
         lambda *a: _train_step(*a, zero=False),
         "A backward pass adds to the .grad already stored. Call your step twice: does the "
         "second update use only the second call's gradients?"),
        ("clips after optimizer.step(): the update is not clipped",
         lambda *a: _train_step(*a, clip="after"),
         "Clipping changes the gradients the optimizer is about to use, so its place in the "
         "sequence matters. When does the optimizer step read .grad?"),
        ("feeds the targets themselves as decoder inputs (no shift, no start token)",
         lambda *a: _train_step(*a, shift=False),
         "A decoder that reads the token it must predict learns to copy: the loss falls fast but "
         "greedy decoding fails. What does your decoder read at position 0?"),
        ("sums the cross-entropy over the positions instead of averaging",
         lambda *a: _train_step(*a, reduction="sum"),
         "The cost must not grow with N or T: repeat your batch twice along N and compare the "
         "returned losses. Check the reduction your cross-entropy uses."),
        ("reshapes the logits with 10 classes written in, not K", train_step_ten_classes,
         "The model's output has K classes, read from its shape. Self-test: a model with 6 "
         "output classes; does your step still run?"),
        ("takes the target length from src", train_step_length_of_src,
         "Source and target may have different lengths (S and T). Self-test: sources of 6 "
         "tokens, targets of 3."),
        ("writes the start token 10 in instead of using start_token", train_step_start_ten,
         "Self-test: call your step with start_token=6 on a model with 7 token ids; which "
         "token does your decoder read at position 0?"),
    ],
    "sequence_cross_entropy": [
        ("sums over time and averages over the batch only", sce_sum_over_time,
         "Self-test: all-zero logits must cost exactly log V, whatever N and T are. Does your "
         "value grow with T?"),
        ("flattens the targets time-major (Y.T) against batch-major logits",
         sce_time_major_targets,
         "Flatten the logits and the targets the same way, so that row n*T + t of both is the "
         "same position. Test with N and T different and check which target row 1 meets."),
        ("returns a float (.item()): nothing to backpropagate", sce_item,
         "Check type(loss) and loss.requires_grad on logits that require grad: the training loop "
         "calls .backward() on what you return."),
        ("takes the log of the raw logits, without the softmax", sce_no_softmax,
         "Logits are unnormalised scores, often negative; cross-entropy needs the log of "
         "probabilities. Self-test: all-zero logits must cost log V per position."),
        ("log of the softmax: infinite for logits of +-1000", sce_log_of_softmax,
         "Self-test: logits [1000, 0, -1000] with target 2 must cost 2000. A softmax entry "
         "that rounds to 0 has log -inf: what does yours give?"),
        (".view on the inputs: fails on a non-contiguous tensor", sce_view,
         "Try logits made by transposing a (T, N, V) tensor: is every (N, T, V) tensor "
         "accepted by your flattening?"),
    ],
    "sample_next": [
        ("multiplies the logits by the temperature instead of dividing",
         sample_times_temperature,
         "Check the limits: a temperature near 0 should give (almost) the argmax, a large one "
         "almost uniform draws. Try temperature 0.01 on the logits [0, 5, 1]."),
        ("ignores the temperature", sample_ignores_temperature,
         "Sample many rows at temperatures 0.1 and 10: the frequencies should differ a lot. Where "
         "does the temperature enter your probabilities?"),
        ("returns the argmax instead of sampling", sample_argmax,
         "The result must be a random draw: on flat logits, do generators with different seeds "
         "ever give different tokens? The argmax is only the limit as the temperature goes to 0."),
        ("draws from the global random generator, not the one given", sample_global_rng,
         "Self-test: two calls with generators seeded alike must give identical draws, even if "
         "torch.manual_seed is called in between. Which generator makes your draw?"),
        ("squeeze() of the draws: a 0-dim tensor when N = 1", sample_squeeze,
         "Call it on a single row of logits (N = 1): the result must still have shape (1,)."),
        ("returns the argmax without drawing at small temperatures", sample_argmax_when_cold,
         "The prompt fixes one multinomial draw per call, whatever the temperature: after "
         "your call, is the generator where it would be after that draw?"),
    ],
}

RIGHT = {
    "rnn_step": [
        ("torch's addmm on float64 tensors, returned as numpy", rnn_step_torch),
        ("the concatenated form [x, h] @ [[W_xh], [W_hh]]", rnn_step_concat),
        ("np.dot and a float cast", rnn_step_dot_cast),
    ],
    "rnn_forward": [
        ("a list of states stacked time-major, then transposed", rnn_forward_list),
        ("torch.nn.RNN(batch_first=True) with the weights copied in", rnn_forward_torch),
        ("a list of states, np.stack(axis=1)", rnn_forward_stack_axis1),
    ],
    "rnn_backward": [
        ("torch.autograd on the forward pass rebuilt from the cache", rnn_backward_autograd),
        ("all deltas first, then the weight gradients with einsum", rnn_backward_einsum),
    ],
    "scale_to_spectral_radius": [
        ("torch.linalg.eigvals", spectral_radius_torch),
        ("a loop over the eigenvalues' moduli and the entries", spectral_radius_loop),
        ("np.linalg.eig and abs(complex(...))", scale_with_eig_and_complex),
    ],
    "clip_grad_norm": [
        ("torch.nn.utils.clip_grad_norm_ on copies", clip_with_torch),
        ("one flat vector; copies when no clipping is needed", clip_flat_vector),
        ("np.concatenate of the ravelled gradients", clip_concatenate),
    ],
    "lstm_params_from_torch": [
        ("through Python lists, then numpy", params_via_numpy_first),
        ("transposed and converted in torch, then .numpy()", params_torch_transpose_double),
    ],
    "lstm_cell": [
        ("torch.nn.LSTMCell with the weights copied in", lstm_cell_torch),
        ("one product per gate", lstm_cell_split_weights),
        ("np.split into four blocks, sigmoid written with tanh", lstm_cell_np_split),
    ],
    "gru_cell_textbook": [
        ("concatenated [h, x] products and h + z (h_tilde - h)", gru_textbook_concat),
        ("np.split of every weight and bias, h + z (h_tilde - h)", gru_textbook_np_split),
    ],
    "gru_cell_torch": [
        ("torch.nn.GRUCell with the weights copied in", gru_torch_module),
        ("np.split of both projections and n + z (h - n)", gru_torch_interpolation),
    ],
    "teacher_forcing_inputs": [
        ("torch.empty_like, then the start column and the shifted targets", tf_in_place_style),
        ("roll, then overwrite column 0", tf_roll_then_start),
        ("roll, .to(int64), then overwrite column 0", tf_roll_to_int64),
    ],
    "greedy_decode": [
        ("Python lists, torch.max(...).indices", greedy_list),
        ("a preallocated int64 tensor", greedy_preallocated),
    ],
    "seq2seq_train_step": [
        ("roll for the inputs, zero_grad(set_to_none=False) first, (N, K, T) cross-entropy",
         train_step_transposed),
        ("torch.empty_like for the inputs, (N, K, T) cross-entropy", train_step_empty_like),
    ],
    "sequence_cross_entropy": [
        ("cross_entropy on (N, V, T): torch's layout for sequences", sce_transpose),
        ("log_softmax and gather", sce_log_softmax),
    ],
    "sample_next": [
        ("softmax written out, shifted by the maximum", sample_shifted_exp),
        ("log_softmax(...).exp() and squeeze", sample_log_softmax),
        ("multinomial, then reshape(-1).long()", sample_reshape_long),
    ],
}


# Which entries came from blind review (issue 22): mistakes written from the student release
# alone, by someone who had not seen the solutions, the hidden tests or this catalogue.
BLIND = {
    "rnn_step": ["adds the bias after the tanh", "multiplies by W_hh transposed (h_prev @ W_hh.T)",
                 "computes with torch and returns a tensor, not a numpy array"],
    "rnn_forward": ["allocates H with X's dtype: integer inputs truncate the states",
                    "no recurrence: uses h0 at every step instead of the previous state",
                    "reshapes the (T, N, M) stack to (N, T, M) instead of moving the axis"],
    "rnn_backward": ["uses h_t instead of h_{t-1} in dW_hh",
                     "reads H[:, -1] (the last state) as the state before step 0, not h0",
                     "returns db with shape (1, M)"],
    "scale_to_spectral_radius": [
        "eigvalsh: treats W as symmetric (reads one triangle only)",
        "divides by the smallest |eigenvalue| instead of the largest",
        "divides by the largest singular value (spectral norm), not the spectral radius"],
    "clip_grad_norm": [
        "norm(g, 2) per gradient: a matrix's spectral norm, not the norm of its entries",
        "returns the input arrays themselves when nothing is clipped",
        "clips each parameter's gradient by its own norm instead of the global norm",
        "leaves out torch's eps = 1e-6 in max_norm / (total_norm + eps)"],
    "lstm_params_from_torch": ["reshapes weight_hh to (M, 4M) instead of transposing it",
                               "keeps bias_ih only and forgets bias_hh",
                               "returns float32 arrays (torch's default dtype) instead of float64"],
    "lstm_cell": ["forget gate applied to the input: c = f * g + i * c_prev",
                  "gate blocks in the order i, f, o, g (CS231n's) instead of torch's i, f, g, o",
                  "h from the old cell state: o * tanh(c_prev)"],
    "gru_cell_textbook": ["ignores b_x (one bias, as many texts write the GRU)",
                          "the gates read only h_prev: x W_xr and x W_xz are left out",
                          "the reset gate multiplies the input part of the candidate too",
                          "z on the wrong term: z * h_prev + (1 - z) * h_tilde"],
    "gru_cell_torch": ["b_hn added outside the reset gate: tanh(... + r * (h W_hn) + b_hn)",
                       "z on the wrong term: (1 - z) * h_prev + z * n",
                       "computes with torch and returns a tensor, not a numpy array"],
    "teacher_forcing_inputs": [
        "shifts Y in place and returns it",
        "keeps the start token but drops the first target instead of the last",
        "fills a float tensor: the inputs are not int64"],
    "greedy_decode": ["collects the tokens in a float tensor, not int64",
                      "copies the state with .clone() instead of passing it as it is",
                      "feeds the start tokens at every step instead of the previous prediction"],
    "seq2seq_train_step": ["reshapes the logits with 10 classes written in, not K",
                           "takes the target length from src",
                           "writes the start token 10 in instead of using start_token",
                           "clips after optimizer.step(): the update is not clipped"],
    "sequence_cross_entropy": ["log of the softmax: infinite for logits of +-1000",
                               ".view on the inputs: fails on a non-contiguous tensor",
                               "sums over time and averages over the batch only"],
    "sample_next": ["squeeze() of the draws: a 0-dim tensor when N = 1",
                    "returns the argmax without drawing at small temperatures",
                    "multiplies the logits by the temperature instead of dividing"],
}


# ------------------------------------------------------------- blind review, round 2 (r2w09r)
@quiet
def rnn_step_tanh_from_exp(x, h_prev, W_xh, W_hh, b):
    a = x @ W_xh + h_prev @ W_hh + b
    return (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))  # inf / inf once |a| > 710


def rnn_step_squeezed(x, h_prev, W_xh, W_hh, b):
    return np.squeeze(np.tanh(x @ W_xh + h_prev @ W_hh + b))  # (M,) when N = 1


def rnn_step_like_h_prev(x, h_prev, W_xh, W_hh, b):
    h = np.zeros_like(h_prev)  # an integer h_prev gives an integer h
    h[...] = np.tanh(x @ W_xh + h_prev @ W_hh + b)
    return h


def rnn_forward_squeezed(X, h0, W_xh, W_hh, b):
    return np.squeeze(_rnn_forward(X, h0, W_xh, W_hh, b))  # loses the N or T axis of size 1


def rnn_forward_len_steps(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(len(X)):  # len(X) is N, not T
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1)


def rnn_forward_state_before_update(X, h0, W_xh, W_hh, b):
    N, T, _ = X.shape
    H, h = np.zeros((N, T, h0.shape[1])), h0
    for t in range(T):
        H[:, t] = h  # stored before the step: h0, ..., h_{T-1}
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
    return H


def rnn_backward_stops_at_1(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh, db = np.zeros(W_xh.shape), np.zeros(W_hh.shape), np.zeros(W_hh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in range(T - 1, 0, -1):  # never reaches t = 0
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += H[:, t - 1].T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db


def rnn_backward_squeezed(dH, X, H, h0, W_xh, W_hh):
    dX, dh0, dW_xh, dW_hh, db = _rnn_backward(dH, X, H, h0, W_xh, W_hh)
    return dX, np.squeeze(dh0), dW_xh, dW_hh, np.squeeze(db)


def spectral_radius_abs_of_max(W, rho):
    # numpy orders complex numbers by their real part first: max picks 1 over -3
    return rho * W / np.abs(np.max(np.linalg.eigvals(W)))


@quiet
def spectral_radius_abs_real_part(W, rho):
    return rho * W / np.max(np.abs(np.linalg.eigvals(W).real))


def clip_norm_as_tensor(grads, max_norm):
    flat = torch.cat([torch.as_tensor(g, dtype=torch.float64).reshape(-1) for g in grads])
    total = flat.norm()  # a 0-dim tensor, not a float
    coef = min(1.0, max_norm / (float(total) + 1e-6))
    return [np.asarray(g) * coef for g in grads], total


def clip_only_above_max(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads)))
    if total > max_norm:
        return [np.asarray(g) * (max_norm / (total + 1e-6)) for g in grads], total
    return [np.array(g, dtype=float) for g in grads], total


@quiet
def lstm_sigmoid_from_exp(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda u: np.exp(u) / (1 + np.exp(u))  # noqa: E731 - inf / inf for u > 710
    i, f = sig(a[:, :M]), sig(a[:, M:2 * M])
    g, o = np.tanh(a[:, 2 * M:3 * M]), sig(a[:, 3 * M:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c


def lstm_interleaved_gates(x, h_prev, c_prev, W_x, W_h, b):
    N, M = h_prev.shape
    a = (x @ W_x + h_prev @ W_h + b).reshape(N, M, 4)  # gate k is column 4 j + k: interleaved
    i, f, g, o = (_sigmoid(a[..., 0]), _sigmoid(a[..., 1]), np.tanh(a[..., 2]),
                  _sigmoid(a[..., 3]))
    c = f * c_prev + i * g
    return o * np.tanh(c), c


def lstm_c_like_c_prev(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    c = np.empty_like(c_prev)  # an integer c_prev gives an integer c
    c[...] = _sigmoid(a[:, M:2 * M]) * c_prev + _sigmoid(a[:, :M]) * np.tanh(a[:, 2 * M:3 * M])
    return _sigmoid(a[:, 3 * M:]) * np.tanh(c), c


@quiet
def _gru_exp_sigmoid(x, h_prev, W_x, W_h, b_x, b_h, reset_after):
    M = h_prev.shape[1]
    sig = lambda u: np.exp(u) / (1 + np.exp(u))  # noqa: E731 - inf / inf for u > 710
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    if reset_after:
        return (1 - z) * np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:]) + z * h_prev
    n = np.tanh(ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * n


def gru_textbook_candidate_reads_z_block(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    W_copy = np.concatenate([W_x[:, :2 * M], W_x[:, M:2 * M]], axis=1)  # n's x part from z's
    return _gru(x, h_prev, W_copy, W_h, b_x, b_h)


def gru_textbook_reset_without_h(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    W_h_copy = np.concatenate([np.zeros_like(W_h[:, :M]), W_h[:, M:]], axis=1)
    r = _sigmoid(x @ W_x[:, :M] + b_x[:M] + b_h[:M])  # h_prev W_hr left out
    z = _sigmoid(x @ W_x[:, M:2 * M] + b_x[M:2 * M] + h_prev @ W_h[:, M:2 * M] + b_h[M:2 * M])
    n = np.tanh(x @ W_x[:, 2 * M:] + b_x[2 * M:] + (r * h_prev) @ W_h_copy[:, 2 * M:]
                + b_h[2 * M:])
    return (1 - z) * h_prev + z * n


def tf_start_on_default_device(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=torch.int64)  # on the CPU
    return torch.cat([start, Y[:, :-1]], dim=1)


def tf_keeps_last_target(Y, start_token):
    return torch.cat([torch.full_like(Y[:, :1], start_token), Y], dim=1)  # (N, T + 1)


def tf_roll_batch_axis(Y, start_token):
    out = torch.roll(Y, 1, dims=0)
    out[:, 0] = start_token
    return out


def greedy_squeezed_tokens(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1, keepdim=True).squeeze()  # 0-dim when N = 1
        out.append(tokens.reshape(-1))
    return torch.stack(out, dim=1)


def greedy_topk(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = torch.topk(logits, 1, dim=-1).indices[:, 0]
        out.append(tokens)
    return torch.stack(out, dim=1)


def greedy_reshaped_stack(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out).reshape(len(start), T)  # (T, N) reshaped, not transposed


@quiet
def sce_global_shift(logits, Y):
    z = logits - logits.max()  # one shift for every position
    lse = torch.log(torch.exp(z).sum(dim=-1))
    return (lse - z.gather(-1, Y.unsqueeze(-1)).squeeze(-1)).mean()


def sce_mean_keeps_dim(logits, Y):
    logp = torch.log_softmax(logits, dim=-1)
    return -logp.gather(-1, Y.unsqueeze(-1)).mean(dim=(0, 1))  # shape (1,)


def sample_power_of_softmax(logits, temperature, generator):
    p = torch.softmax(logits, dim=-1) ** (1.0 / temperature)  # 0 stays 0 after underflow
    return torch.multinomial(p / p.sum(dim=-1, keepdim=True), 1, generator=generator)[:, 0]


# other correct solutions of the second round
def rnn_step_einsum(x, h_prev, W_xh, W_hh, b):
    return np.tanh(np.einsum("nd,dm->nm", x, W_xh) + np.einsum("nk,km->nm", h_prev, W_hh) + b)


def rnn_forward_projects_first(X, h0, W_xh, W_hh, b):
    A = np.einsum("ntd,dm->ntm", X, W_xh) + b
    H, h = np.empty(A.shape, dtype=np.float64), h0
    for t in range(X.shape[1]):
        h = np.tanh(A[:, t] + h @ W_hh)
        H[:, t] = h
    return H


def rnn_backward_into_dH(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh, db = np.zeros(W_xh.shape), np.zeros(W_hh.shape), np.zeros(W_hh.shape[0])
    dh0 = None
    for t in reversed(range(T)):
        delta = dH[:, t] * (1 - H[:, t] ** 2)
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0)
        if t > 0:
            dH[:, t - 1] += delta @ W_hh.T  # the caller's dH changes: allowed
        else:
            dh0 = delta @ W_hh.T
    return dX, dh0, dW_xh, dW_hh, db


def lstm_cell_reshape_blocks(x, h_prev, c_prev, W_x, W_h, b):
    N, M = h_prev.shape
    a = (x @ W_x + h_prev @ W_h + b).reshape(N, 4, M)
    sig = lambda u: 0.5 * (1.0 + np.tanh(0.5 * u))  # noqa: E731
    c = sig(a[:, 1]) * c_prev + sig(a[:, 0]) * np.tanh(a[:, 2])
    return sig(a[:, 3]) * np.tanh(c), c


def tf_pad(Y, start_token):
    return torch.nn.functional.pad(Y[:, :-1], (1, 0), value=start_token)


def train_step_pad(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = torch.nn.functional.pad(tgt[:, :-1], (1, 0), value=start_token)
    loss = torch.nn.functional.cross_entropy(model(src, tgt_in).transpose(1, 2), tgt)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return float(loss.item())


def sce_logsumexp(logits, Y):
    picked = torch.gather(logits, -1, Y[..., None])[..., 0]
    return (torch.logsumexp(logits, dim=-1) - picked).sum() / Y.numel()


def sample_view_replacement(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=1)
    return torch.multinomial(p, num_samples=1, replacement=True, generator=generator).view(-1)


def sample_divides_in_place(logits, temperature, generator):
    logits /= temperature  # the caller's logits change: allowed
    return torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator).reshape(-1)


def sample_float32(logits, temperature, generator):
    # float32 probabilities: the same draws but where a uniform falls within ~1e-7 of a
    # boundary between two tokens, so not a mistake
    p = torch.softmax(logits.float() / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]


WRONG["rnn_step"] += [
    ("tanh written with exponentials: nan for pre-activations beyond about 710",
     rnn_step_tanh_from_exp,
     "Self-test: a pre-activation of 1000 must give exactly 1, and -1000 exactly -1. What do "
     "exp(1000) and inf / inf give in floating point?"),
    ("squeezes the result: shape (M,) when N = 1", rnn_step_squeezed,
     "Call it with a single example (N = 1): the result must still be (1, M), one row per "
     "example. Which call drops an axis of length 1?"),
    ("allocates h like h_prev: integer inputs give an integer h", rnn_step_like_h_prev,
     "Self-test: a one-hot int64 x and an all-zero integer h_prev. Is h a float array with "
     "values strictly between -1 and 1, or were they rounded to integers?"),
]
WRONG["rnn_forward"] += [
    ("squeezes the stacked states: loses an axis when N = 1 or T = 1", rnn_forward_squeezed,
     "Run one sequence (N = 1) or one step (T = 1): H must still be (N, T, M). Print the "
     "shape you return in both cases."),
    ("loops over len(X), the number of sequences, instead of T", rnn_forward_len_steps,
     "Test with N and T different: how many states does your loop produce, and which axis "
     "of X does len() measure?"),
    ("stores each state before updating it: returns h0, ..., h_{T-1}",
     rnn_forward_state_before_update,
     "H[:, t] is the state after reading X[:, t]. Compare your H[:, 0] with h0: are they "
     "the same array?"),
]
WRONG["rnn_backward"] += [
    ("the loop stops at t = 1: the first step is never backpropagated", rnn_backward_stops_at_1,
     "Count the iterations of your backward loop for T = 1: how many times does it run? "
     "Check that dX[:, 0] and dh0 are not zero."),
    ("squeezes dh0 and db: wrong shapes when N = 1 or M = 1", rnn_backward_squeezed,
     "Each gradient has the shape of what it differentiates. Test with N = 1: is dh0 still "
     "(1, M)?"),
]
WRONG["scale_to_spectral_radius"] += [
    ("the abs of numpy's 'largest' eigenvalue (ordered by real part) instead of the largest "
     "abs", spectral_radius_abs_of_max,
     "Try W = diag(-3, 1) with rho = 1: the result must be diag(-1, 1/3). How does np.max "
     "order numbers, and when do you take the absolute value?"),
    ("the largest |real part| of the eigenvalues, not their modulus",
     spectral_radius_abs_real_part,
     "Try a rotation, W = [[0, -2], [2, 0]]: its eigenvalues are +-2i, whose real parts are "
     "0. What size does your code measure for a complex number?"),
]
WRONG["clip_grad_norm"] += [
    ("returns total_norm as a torch tensor, not a float", clip_norm_as_tensor,
     "Print type(total_norm) of what you return: the prompt asks for a Python float."),
    ("clips only when total_norm > max_norm, without the eps just below it",
     clip_only_above_max,
     "Compare with torch's clip_grad_norm_ on a gradient of norm 5e-7 and max_norm=1e-6: "
     "torch shrinks it. Does your code scale gradients whose norm is below max_norm?"),
]
WRONG["lstm_cell"] += [
    ("sigmoid written exp(a) / (1 + exp(a)): nan for pre-activations beyond about 710",
     lstm_sigmoid_from_exp,
     "Self-test: a gate pre-activation of 800 must give exactly 1. What do exp(800) and "
     "inf / inf give in floating point?"),
    ("reads the gates from interleaved columns (a reshape to (N, M, 4)), not from blocks",
     lstm_interleaved_gates,
     "The docstring gives each gate a block of M consecutive columns. Which columns does "
     "your gate i read when M = 2?"),
    ("allocates c like c_prev: integer states give an integer c", lstm_c_like_c_prev,
     "Self-test: one-hot int64 x and all-zero integer h_prev and c_prev. Is c a float array, "
     "or were its values rounded to integers?"),
]
WRONG["gru_cell_textbook"] += [
    ("reset gate after the projection, bias outside: r * (h W_hn) + b_hn",
     lambda *a: _gru(*a, reset_after=True, bias_outside=True),
     "For one unit r * (h w) equals (r * h) w, so test with M >= 2: does r multiply the "
     "M-vector h_prev before the product with W_hn?"),
    ("the candidate's input part reads W_x's z block", gru_textbook_candidate_reads_z_block,
     "Check every column slice of W_x against the docstring's blocks r, z, n. Self-test: "
     "change the last M columns of W_x; does your output move?"),
    ("the reset gate reads x only: h_prev W_hr is left out", gru_textbook_reset_without_h,
     "Self-test: change only the first M columns of W_h (the reset gate's hidden weights). "
     "Does your output move?"),
    ("sigmoid written exp(u) / (1 + exp(u)): nan for pre-activations beyond about 710",
     lambda *a: _gru_exp_sigmoid(*a, reset_after=False),
     "Self-test: a gate bias of 800 must give a gate of exactly 1. What do exp(800) and "
     "inf / inf give in floating point?"),
]
WRONG["gru_cell_torch"] += [
    ("sigmoid written exp(u) / (1 + exp(u)): nan for pre-activations beyond about 710",
     lambda *a: _gru_exp_sigmoid(*a, reset_after=True),
     "Self-test: a gate bias of 800 must give a gate of exactly 1. What do exp(800) and "
     "inf / inf give in floating point?"),
]
WRONG["teacher_forcing_inputs"] += [
    ("makes the start column on the default device, not on Y's", tf_start_on_default_device,
     "The prompt asks for a tensor on Y's device. Where does a new tensor go when you do not "
     "say? Try Y on another device, e.g. Y.to('meta')."),
    ("keeps every target after the start token: (N, T + 1)", tf_keeps_last_target,
     "The inputs have the targets' shape (N, T): the last target is never an input. Print the "
     "shape you return."),
    ("rolls along the batch axis instead of time", tf_roll_batch_axis,
     "Row n of the inputs must come from row n of Y. Which dimension of Y counts time steps? "
     "Compare your row 0 with Y's row 0."),
]
WRONG["greedy_decode"] += [
    ("squeezes the chosen tokens: 0-dim tokens are fed back when N = 1",
     greedy_squeezed_tokens,
     "With one sequence (N = 1), print the shape of the tokens you pass to step: the "
     "decoder expects an (N,) tensor, and an embedding of a 0-dim one loses the batch axis."),
    ("torch.topk(logits, 1): ties do not go to the lowest index", greedy_topk,
     "Self-test: all-zero logits must give token 0 at every step. Which index does your "
     "choice return on a tie?"),
    ("reshapes the (T, N) stack to (N, T) instead of transposing it", greedy_reshaped_stack,
     "A reshape keeps the memory order; it does not swap axes. Check row n of your output "
     "against sequence n's tokens, with N and T different."),
]
WRONG["sequence_cross_entropy"] += [
    ("shifts every position by the global maximum, not by its own",
     sce_global_shift,
     "Self-test: one position with logits near 1000 and another near -1000, in one tensor. "
     "Is the cost finite? Each position's softmax needs its own shift."),
    ("averages over dims (0, 1) of a gather without squeezing: shape (1,), not 0-dim",
     sce_mean_keeps_dim,
     "Print loss.shape: the prompt asks for a 0-dim tensor. What shape does gather keep, and "
     "which axes does your mean remove?"),
]
WRONG["sample_next"] += [
    ("temperature on the probabilities: softmax(z) ** (1 / tau), renormalised",
     sample_power_of_softmax,
     "Equal on paper, not in floating point: try logits [0, 1000, 999] at temperature 500. "
     "Token 0 should have probability 0.064; what does yours give it?"),
]

RIGHT["rnn_step"] += [("einsum, then tanh", rnn_step_einsum)]
RIGHT["rnn_forward"] += [("every input projected at once with einsum, then the loop",
                          rnn_forward_projects_first)]
RIGHT["rnn_backward"] += [("adds the carried gradient into dH in place", rnn_backward_into_dH)]
RIGHT["lstm_cell"] += [("reshape to (N, 4, M), sigmoid written with tanh",
                        lstm_cell_reshape_blocks)]
RIGHT["teacher_forcing_inputs"] += [("F.pad with the start token as the fill value", tf_pad)]
RIGHT["seq2seq_train_step"] += [("F.pad for the inputs, (N, K, T) cross-entropy",
                                 train_step_pad)]
RIGHT["sequence_cross_entropy"] += [("logsumexp and gather by hand", sce_logsumexp)]
RIGHT["sample_next"] += [("softmax over dim 1, replacement=True, view(-1)",
                          sample_view_replacement),
                         ("divides the logits in place", sample_divides_in_place),
                         ("float32 probabilities", sample_float32)]

# The second round of blind review (issue 22): its wrong candidates, old entries included when
# a candidate made the same mistake. BLIND lists both rounds.
BLIND_ROUND2 = {
    "rnn_step": ["tanh written with exponentials: nan for pre-activations beyond about 710",
                 "squeezes the result: shape (M,) when N = 1",
                 "multiplies by W_hh transposed (h_prev @ W_hh.T)",
                 "allocates h like h_prev: integer inputs give an integer h"],
    "rnn_forward": ["allocates H with X's dtype: integer inputs truncate the states",
                    "squeezes the stacked states: loses an axis when N = 1 or T = 1",
                    "loops over len(X), the number of sequences, instead of T",
                    "stores each state before updating it: returns h0, ..., h_{T-1}"],
    "rnn_backward": ["reads H[:, -1] (the last state) as the state before step 0, not h0",
                     "the loop stops at t = 1: the first step is never backpropagated",
                     "squeezes dh0 and db: wrong shapes when N = 1 or M = 1"],
    "scale_to_spectral_radius": [
        "eigvalsh: treats W as symmetric (reads one triangle only)",
        "the abs of numpy's 'largest' eigenvalue (ordered by real part) instead of the largest "
        "abs",
        "divides by the largest singular value (spectral norm), not the spectral radius",
        "the largest |real part| of the eigenvalues, not their modulus"],
    "clip_grad_norm": [
        "norm(g, 2) per gradient: a matrix's spectral norm, not the norm of its entries",
        "returns the input arrays themselves when nothing is clipped",
        "returns total_norm as a torch tensor, not a float",
        "clips each parameter's gradient by its own norm instead of the global norm",
        "clips only when total_norm > max_norm, without the eps just below it"],
    "lstm_params_from_torch": ["reshapes weight_hh to (M, 4M) instead of transposing it",
                               "reorders the gate blocks to CS231n's i, f, o, g",
                               "keeps bias_ih only and forgets bias_hh",
                               "returns float32 arrays (torch's default dtype) instead of float64"],
    "lstm_cell": ["sigmoid written exp(a) / (1 + exp(a)): nan for pre-activations beyond about "
                  "710",
                  "gate blocks in the order i, f, o, g (CS231n's) instead of torch's i, f, g, o",
                  "forget gate applied to the input: c = f * g + i * c_prev",
                  "reads the gates from interleaved columns (a reshape to (N, M, 4)), not from "
                  "blocks",
                  "allocates c like c_prev: integer states give an integer c"],
    "gru_cell_textbook": ["reset gate after the projection, bias outside: r * (h W_hn) + b_hn",
                          "ignores b_x (one bias, as many texts write the GRU)",
                          "the candidate's input part reads W_x's z block",
                          "the reset gate reads x only: h_prev W_hr is left out",
                          "sigmoid written exp(u) / (1 + exp(u)): nan for pre-activations beyond "
                          "about 710"],
    "gru_cell_torch": ["sigmoid written exp(u) / (1 + exp(u)): nan for pre-activations beyond "
                       "about 710",
                       "b_hn added outside the reset gate: tanh(... + r * (h W_hn) + b_hn)",
                       "z on the wrong term: (1 - z) * h_prev + z * n",
                       "gate blocks read in the order z, r, n"],
    "teacher_forcing_inputs": ["makes the start column on the default device, not on Y's",
                               "shifts left and puts the start token at the end",
                               "shifts Y in place and returns it",
                               "keeps every target after the start token: (N, T + 1)",
                               "rolls along the batch axis instead of time"],
    "greedy_decode": ["collects the tokens in a float tensor, not int64",
                      "copies the state with .clone() instead of passing it as it is",
                      "squeezes the chosen tokens: 0-dim tokens are fed back when N = 1",
                      "feeds the start tokens at every step instead of the previous prediction",
                      "torch.topk(logits, 1): ties do not go to the lowest index",
                      "reshapes the (T, N) stack to (N, T) instead of transposing it"],
    "seq2seq_train_step": ["reshapes the logits with 10 classes written in, not K",
                           "writes the start token 10 in instead of using start_token",
                           "takes the target length from src",
                           "clips after optimizer.step(): the update is not clipped",
                           "forgets optimizer.zero_grad(): gradients pile up from step to step"],
    "sequence_cross_entropy": ["shifts every position by the global maximum, not by its own",
                               ".view on the inputs: fails on a non-contiguous tensor",
                               "sums over time and averages over the batch only",
                               "averages over dims (0, 1) of a gather without squeezing: shape "
                               "(1,), not 0-dim",
                               "log of the softmax: infinite for logits of +-1000"],
    "sample_next": ["squeeze() of the draws: a 0-dim tensor when N = 1",
                    "temperature on the probabilities: softmax(z) ** (1 / tau), renormalised",
                    "multiplies the logits by the temperature instead of dividing",
                    "draws from the global random generator, not the one given"],
}
for _name, _whys in BLIND_ROUND2.items():
    BLIND[_name] = list(dict.fromkeys(BLIND[_name] + _whys))


def rnn_backward_zeros_like_x(dH, X, H, h0, W_xh, W_hh):
    # np.zeros_like(X) is an integer array for an integer X; the catalogue takes X to be float
    # (RIGHT's torch.autograd entry cannot make an integer X require a gradient either)
    dX = np.zeros_like(X)
    dX[...], dh0, dW_xh, dW_hh, db = _rnn_backward(dH, X, H, h0, W_xh, W_hh)
    return dX, dh0, dW_xh, dW_hh, db


RIGHT["rnn_backward"] += [("dX allocated with np.zeros_like(X) (a float X)",
                           rnn_backward_zeros_like_x)]


# ------------------------------------------------------------- blind review, round 3 (r3w09r)
@quiet
def rnn_forward_tanh_from_exp(X, h0, W_xh, W_hh, b):
    H = np.zeros((X.shape[0], X.shape[1], h0.shape[1]))
    h = h0
    for t in range(X.shape[1]):
        a = X[:, t] @ W_xh + h @ W_hh + b
        h = (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))  # inf / inf once |a| > 710
        H[:, t] = h
    return H


def rnn_forward_np_stack(X, h0, W_xh, W_hh, b):
    states, h = [], h0
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1)  # fails for T = 0, which the prompt does not ask for


def spectral_radius_first_eigenvalue(W, rho):
    # numpy lists the eigenvalues of a diagonal matrix in diagonal order, not by size
    return rho * W / np.abs(np.linalg.eigvals(W)[0])


def spectral_radius_l1_modulus(W, rho):
    lam = np.linalg.eigvals(W)
    return rho * W / np.max(np.abs(lam.real) + np.abs(lam.imag))


def clip_returns_tuple(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads)))
    coef = min(1.0, max_norm / (total + 1e-6))
    return tuple(np.asarray(g) * coef for g in grads), total


def lstm_params_as_list(weight_ih, weight_hh, bias_ih, bias_hh):
    f = lambda t: t.detach().cpu().double().numpy()  # noqa: E731
    return [f(weight_ih).T, f(weight_hh).T, f(bias_ih) + f(bias_hh)]


def lstm_params_wh_cs231n_order(weight_ih, weight_hh, bias_ih, bias_hh):
    f = lambda t: t.detach().cpu().double().numpy()  # noqa: E731
    M = weight_hh.shape[1]
    Wh = f(weight_hh).T
    W_h = np.concatenate([Wh[:, :2 * M], Wh[:, 3 * M:], Wh[:, 2 * M:3 * M]], axis=1)
    return f(weight_ih).T, W_h, f(bias_ih) + f(bias_hh)


def lstm_cell_cast_to_x_dtype(x, h_prev, c_prev, W_x, W_h, b):
    h, c = _lstm_blind3(x, h_prev, c_prev, W_x, W_h, b)
    return h.astype(np.asarray(x).dtype), c.astype(np.asarray(x).dtype)


def _lstm_blind3(x, h_prev, c_prev, W_x, W_h, b):
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))  # noqa: E731
    i, f, g, o = np.split(a, 4, axis=1)
    c = sig(f) * c_prev + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


def _gru_blind3(x, h_prev, W_x, W_h, b_x, b_h, b_hr=True, x_n=True):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))  # noqa: E731
    r = sig(ax[:, :M] + ah[:, :M] - (0 if b_hr else b_h[:M]))
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    xn = ax[:, 2 * M:] if x_n else b_x[2 * M:]
    h_tilde = np.tanh(xn + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * h_tilde


def gru_torch_into_h_prev(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))  # noqa: E731
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    h = h_prev  # not a copy: the caller's h_prev becomes the new state (not forbidden)
    h *= z
    h += (1 - z) * n
    return h


def _train_step_blind3(model, optimizer, tgt_in, src, tgt, max_norm, each=False):
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    for group in ([p] for p in model.parameters()) if each else [model.parameters()]:
        torch.nn.utils.clip_grad_norm_(group, max_norm)
    optimizer.step()
    return loss.item()


def train_step_inputs_on_cpu(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), start_token)  # the default device, not tgt's
    tgt_in = torch.cat([start, tgt[:, :-1].cpu()], dim=1)
    return _train_step_blind3(model, optimizer, tgt_in, src, tgt, max_norm)


def train_step_clip_each_parameter(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = torch.cat([torch.full_like(tgt[:, :1], start_token), tgt[:, :-1]], dim=1)
    return _train_step_blind3(model, optimizer, tgt_in, src, tgt, max_norm, each=True)


WRONG["rnn_forward"] += [
    ("tanh written with exponentials: nan for pre-activations beyond about 710",
     rnn_forward_tanh_from_exp,
     "Self-test: a pre-activation of 1000 must give a state of exactly 1. What do exp(1000) "
     "and inf / inf give in floating point?"),
]
WRONG["scale_to_spectral_radius"] += [
    ("takes the first eigenvalue numpy lists as the largest", spectral_radius_first_eigenvalue,
     "Try W = diag(1, -3) with rho = 1: the result must be diag(1/3, -1). Does numpy sort the "
     "eigenvalues it returns?"),
    ("measures a complex eigenvalue by |re| + |im|, not by its modulus",
     spectral_radius_l1_modulus,
     "The size of a complex eigenvalue a + bi is sqrt(a^2 + b^2). Test with a random 5 x 5 "
     "matrix, whose eigenvalues are complex, and compare with np.abs."),
]
WRONG["clip_grad_norm"] += [
    ("returns the clipped arrays as a tuple, not a list", clip_returns_tuple,
     "Print type(clipped) of what you return: the prompt asks for a list of new arrays."),
]
WRONG["lstm_params_from_torch"] += [
    ("returns a list, not the tuple (W_x, W_h, b)", lstm_params_as_list,
     "Print type() of what you return: the prompt asks for the tuple (W_x, W_h, b)."),
    ("reorders W_h's blocks to i, f, o, g (W_x's stay i, f, g, o)", lstm_params_wh_cs231n_order,
     "W_h must keep torch's block order, like W_x. Compare your W_h with weight_hh.T, block "
     "by block."),
]
WRONG["lstm_cell"] += [
    ("casts h and c to x's dtype: integer inputs give integer states", lstm_cell_cast_to_x_dtype,
     "Self-test: one-hot int64 x and all-zero integer h_prev and c_prev. Are h and c float "
     "arrays, or were their values rounded to integers?"),
]
WRONG["gru_cell_textbook"] += [
    ("the reset gate leaves out b_h's r block", lambda *a: _gru_blind3(*a, b_hr=False),
     "Check each gate's pre-activation against the table: both biases, b_x's and b_h's block, "
     "enter r as they enter z. Self-test: change only b_h[:M]; does your output move?"),
    ("the candidate leaves out x W_xn (keeps only b_x's n block)",
     lambda *a: _gru_blind3(*a, x_n=False),
     "Self-test: change only the last M columns of W_x (the candidate's input weights). "
     "Does your output move?"),
]
WRONG["seq2seq_train_step"] += [
    ("builds the decoder inputs on the default device, not on tgt's", train_step_inputs_on_cpu,
     "The decoder inputs go where tgt is. Where does a new tensor go when you do not say? "
     "Try tgt on another device, e.g. tgt.to('meta'), and print tgt_in.device."),
    ("clips each parameter's gradient by its own norm instead of the global norm",
     train_step_clip_each_parameter,
     "clip_grad_norm_ treats all the gradients you give it as one long vector. How many "
     "times does your code call it, and on what?"),
]
RIGHT["rnn_forward"] += [("np.stack of the states along axis 1 (T = 0 is not asked for)",
                          rnn_forward_np_stack),
                         ("writes each state into the caller's h0 (the prompt does not forbid "
                          "it)", rnn_forward_into_h0)]
RIGHT["gru_cell_torch"] += [("writes the new state into h_prev in place (the prompt does not "
                             "forbid it)", gru_torch_into_h_prev)]

# The third round of blind review (issue 22): its wrong candidates, old entries included when
# a candidate made the same mistake.
BLIND_ROUND3 = {
    "rnn_step": ["tanh written with exponentials: nan for pre-activations beyond about 710",
                 "allocates h like h_prev: integer inputs give an integer h"],
    "rnn_forward": ["tanh written with exponentials: nan for pre-activations beyond about 710"],
    "rnn_backward": ["returns db with shape (1, M)"],
    "scale_to_spectral_radius": [
        "eigvalsh: treats W as symmetric (reads one triangle only)",
        "the abs of numpy's 'largest' eigenvalue (ordered by real part) instead of the largest "
        "abs",
        "takes the first eigenvalue numpy lists as the largest",
        "measures a complex eigenvalue by |re| + |im|, not by its modulus"],
    "clip_grad_norm": ["returns the input arrays themselves when nothing is clipped",
                       "returns the clipped arrays as a tuple, not a list",
                       "norm(g, 2) per gradient: a matrix's spectral norm, not the norm of its "
                       "entries"],
    "lstm_params_from_torch": ["reshapes weight_hh to (M, 4M) instead of transposing it",
                               "returns a list, not the tuple (W_x, W_h, b)",
                               "reorders W_h's blocks to i, f, o, g (W_x's stay i, f, g, o)"],
    "lstm_cell": ["sigmoid written exp(a) / (1 + exp(a)): nan for pre-activations beyond about "
                  "710",
                  "casts h and c to x's dtype: integer inputs give integer states"],
    "gru_cell_textbook": ["the reset gate leaves out b_h's r block",
                          "ignores b_x (one bias, as many texts write the GRU)",
                          "the candidate leaves out x W_xn (keeps only b_x's n block)",
                          "the reset gate multiplies the input part of the candidate too"],
    "gru_cell_torch": ["sigmoid written exp(u) / (1 + exp(u)): nan for pre-activations beyond "
                       "about 710",
                       "computes with torch and returns a tensor, not a numpy array"],
    "teacher_forcing_inputs": ["makes the start column on the default device, not on Y's"],
    "greedy_decode": ["copies the state with .clone() instead of passing it as it is",
                      "collects the tokens in a float tensor, not int64"],
    "seq2seq_train_step": ["reshapes the logits with 10 classes written in, not K",
                           "writes the start token 10 in instead of using start_token",
                           "builds the decoder inputs on the default device, not on tgt's",
                           "clips each parameter's gradient by its own norm instead of the "
                           "global norm"],
    "sequence_cross_entropy": ["averages over dims (0, 1) of a gather without squeezing: shape "
                               "(1,), not 0-dim",
                               ".view on the inputs: fails on a non-contiguous tensor",
                               "shifts every position by the global maximum, not by its own"],
    "sample_next": ["squeeze() of the draws: a 0-dim tensor when N = 1"],
}
for _name, _whys in BLIND_ROUND3.items():
    BLIND[_name] = list(dict.fromkeys(BLIND[_name] + _whys))
