"""Reference solutions of week09/recurrent.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import numpy as np
import torch
import matplotlib.pyplot as plt
from dlcourse import check, plot
from dlcourse.train import get_device, quick_mode, scaled, seed_everything


def rnn_step(x, h_prev, W_xh, W_hh, b):
    """One time step of a vanilla RNN, for a batch.

    Args:
        x: (N, D) inputs at this time step. h_prev: (N, M) previous hidden states.
        W_xh: (D, M) input-to-hidden weights. W_hh: (M, M) hidden-to-hidden weights.
        b: (M,) bias.

    Returns:
        h: (N, M) float array, tanh(x W_xh + h_prev W_hh + b).
    """
    a = x @ W_xh + h_prev @ W_hh + b  # (N, M) pre-activation
    return np.tanh(a)


def rnn_forward(X, h0, W_xh, W_hh, b):
    """Run a vanilla RNN over a batch of sequences (batch-first).

    Args:
        X: (N, T, D) inputs, X[:, t] is time step t. h0: (N, M) initial hidden states.
        W_xh: (D, M), W_hh: (M, M), b: (M,) the parameters shared by every time step.

    Returns:
        H: (N, T, M) float array of the hidden states h_1, ..., h_T (h0 not included):
            H[:, t] = tanh(X[:, t] W_xh + H[:, t-1] W_hh + b), with H[:, -1] read as h0.
    """
    N, T, _ = X.shape
    H = np.zeros((N, T, W_hh.shape[0]))
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)  # (N, M) the same weights at every t
        H[:, t] = h
    return H


def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    """Backpropagation through time for `rnn_forward`.

    Args:
        dH: (N, T, M) gradient of the cost with respect to each hidden state h_t coming
            from that step's output only (not through later steps).
        X: (N, T, D) inputs, H: (N, T, M) hidden states h_1..h_T, h0: (N, M): the forward
            pass's cache. W_xh: (D, M), W_hh: (M, M).

    Returns:
        (dX, dh0, dW_xh, dW_hh, db): float arrays of shapes (N, T, D), (N, M), (D, M),
        (M, M), (M,).
    """
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh = np.zeros_like(W_xh), np.zeros_like(W_hh)
    db = np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)  # gradient reaching h_t from step t+1
    for t in reversed(range(T)):
        dh = dH[:, t] + dh_next  # (N, M) all the gradient that reaches h_t
        da = dh * (1 - H[:, t] ** 2)  # (N, M) through the tanh
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t] = da @ W_xh.T
        dW_xh += X[:, t].T @ da  # += : the same weights are used at every step
        dW_hh += h_prev.T @ da
        db += da.sum(axis=0)
        dh_next = da @ W_hh.T  # (N, M) passed on to h_{t-1}
    return dX, dh_next, dW_xh, dW_hh, db


def scale_to_spectral_radius(W, rho):
    """Rescale a square matrix so that its spectral radius becomes rho.

    Args:
        W: (M, M) float array with at least one non-zero eigenvalue. rho: target radius > 0.

    Returns:
        (M, M) float array rho * W / max_k |lambda_k(W)| (W itself is not changed).
    """
    radius = np.max(np.abs(np.linalg.eigvals(W)))  # eigenvalues may be complex: use |.|
    return W * (rho / radius)


def clip_grad_norm(grads, max_norm):
    """Clip a list of gradients by their global norm, as torch.nn.utils.clip_grad_norm_.

    Args:
        grads: list of float arrays of any shapes (the gradient of every parameter).
        max_norm: float > 0, the largest global norm allowed.

    Returns:
        (clipped, total_norm): a list of new arrays (the inputs are not changed), each
        g * min(1, max_norm / (total_norm + 1e-6)); total_norm (float) is the 2-norm of all
        the entries of all the gradients together, before clipping.
    """
    total_norm = float(np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads)))
    scale = min(1.0, max_norm / (total_norm + 1e-6))  # torch's eps keeps 0/0 away
    return [np.asarray(g) * scale for g in grads], total_norm


def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    """Turn the parameters of a torch.nn.LSTMCell into this notebook's layout.

    Args:
        weight_ih: (4M, D), weight_hh: (4M, M), bias_ih: (4M,), bias_hh: (4M,) tensors
            (gate blocks in torch's order i, f, g, o).

    Returns:
        (W_x, W_h, b): float64 numpy arrays of shapes (D, 4M), (M, 4M), (4M,), column blocks
        in the same order i, f, g, o, with b = bias_ih + bias_hh.
    """
    W_x = weight_ih.detach().cpu().double().numpy().T  # (D, 4M)
    W_h = weight_hh.detach().cpu().double().numpy().T  # (M, 4M)
    b = (bias_ih + bias_hh).detach().cpu().double().numpy()  # (4M,)
    return W_x, W_h, b


def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    """One LSTM step for a batch, gate blocks in torch's order i, f, g, o.

    Args:
        x: (N, D) inputs. h_prev, c_prev: (N, M) previous hidden and cell states.
        W_x: (D, 4M), W_h: (M, 4M), b: (4M,): columns [0, M) input gate i, [M, 2M) forget
            gate f, [2M, 3M) candidate g, [3M, 4M) output gate o.

    Returns:
        (h, c): float arrays (N, M): c = f * c_prev + i * g, h = o * tanh(c).
    """
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b  # (N, 4M) all four pre-activations at once
    i = 1 / (1 + np.exp(-a[:, :M]))
    f = 1 / (1 + np.exp(-a[:, M:2 * M]))
    g = np.tanh(a[:, 2 * M:3 * M])
    o = 1 / (1 + np.exp(-a[:, 3 * M:]))
    c = f * c_prev + i * g  # forget part of the old memory, write the new candidate
    h = o * np.tanh(c)
    return h, c


def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    """One GRU step, textbook form: reset gate before the hidden projection, z on the new.

    Args:
        x: (N, D) inputs. h_prev: (N, M) previous hidden states.
        W_x: (D, 3M), W_h: (M, 3M), b_x: (3M,), b_h: (3M,): column blocks r, z, n.

    Returns:
        h: (N, M) float array, (1 - z) * h_prev + z * h_tilde with
            h_tilde = tanh(x W_xn + b_xn + (r * h_prev) W_hn + b_hn).
    """
    M = h_prev.shape[1]
    ax = x @ W_x + b_x  # (N, 3M)
    r = 1 / (1 + np.exp(-(ax[:, :M] + h_prev @ W_h[:, :M] + b_h[:M])))
    z = 1 / (1 + np.exp(-(ax[:, M:2 * M] + h_prev @ W_h[:, M:2 * M] + b_h[M:2 * M])))
    h_tilde = np.tanh(ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * h_tilde


def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    """One GRU step as torch.nn.GRUCell computes it: reset gate after the hidden projection.

    Args:
        x: (N, D) inputs. h_prev: (N, M) previous hidden states.
        W_x: (D, 3M), W_h: (M, 3M), b_x: (3M,), b_h: (3M,): column blocks r, z, n
            (W_x = weight_ih.T, W_h = weight_hh.T, b_x = bias_ih, b_h = bias_hh).

    Returns:
        h: (N, M) float array, (1 - z) * n + z * h_prev with
            n = tanh(x W_xn + b_xn + r * (h_prev W_hn + b_hn)).
    """
    M = h_prev.shape[1]
    ax = x @ W_x + b_x  # (N, 3M)
    ah = h_prev @ W_h + b_h  # (N, 3M)
    r = 1 / (1 + np.exp(-(ax[:, :M] + ah[:, :M])))
    z = 1 / (1 + np.exp(-(ax[:, M:2 * M] + ah[:, M:2 * M])))
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])  # r scales the projected old state
    return (1 - z) * n + z * h_prev


def teacher_forcing_inputs(Y, start_token):
    """Decoder inputs for teacher forcing: the targets shifted right by one step.

    Args:
        Y: (N, T) int64 tensor of target tokens. start_token: int.

    Returns:
        (N, T) int64 tensor on Y's device: column 0 is start_token, column t is Y[:, t-1]
        (the last target is never an input). Y itself is not changed.
    """
    start = torch.full_like(Y[:, :1], start_token)  # (N, 1)
    return torch.cat([start, Y[:, :-1]], dim=1)


def greedy_decode(step, h, start, T):
    """Greedy decoding: feed the decoder its own most likely token, T times.

    Args:
        step: function (tokens (N,) int64 tensor, h) -> (logits (N, V) tensor, new h).
        h: the decoder's initial state (passed to step as it is).
        start: (N,) int64 tensor, the tokens fed at the first step.
        T: number of tokens to produce.

    Returns:
        (N, T) int64 tensor: column t is the argmax over V of step t's logits (ties: the
        lowest index); the start tokens are not part of it.
    """
    tokens = start
    out = []
    for _ in range(T):
        logits, h = step(tokens, h)  # the state h is carried from step to step
        tokens = logits.argmax(dim=-1)  # (N,) becomes the next step's input
        out.append(tokens)
    return torch.stack(out, dim=1)


def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    """One training step of an encoder-decoder: teacher forcing, loss, clipping, update.

    Args:
        model: torch.nn.Module; model(src, tgt_in) returns logits (N, T, K).
        optimizer: a torch.optim optimizer over model.parameters().
        src: (N, S) int64 tensor of source tokens. tgt: (N, T) int64 tensor of targets.
        start_token: int, the decoder's first input. max_norm: float, the clipping threshold.

    Returns:
        loss: float, the mean cross-entropy over all N * T target positions (before the update).
    """
    tgt_in = torch.cat([torch.full_like(tgt[:, :1], start_token), tgt[:, :-1]], dim=1)
    logits = model(src, tgt_in)  # (N, T, K)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    optimizer.zero_grad()  # this step's gradients only
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)  # after backward, before step
    optimizer.step()
    return loss.item()


def sequence_cross_entropy(logits, Y):
    """Mean cross-entropy of next-token predictions over every position of every sequence.

    Args:
        logits: (N, T, V) float tensor of scores. Y: (N, T) int64 tensor of targets.

    Returns:
        0-dim tensor (differentiable): the mean over all N * T positions of
        -log softmax(logits[n, t])[Y[n, t]].
    """
    V = logits.shape[-1]
    return torch.nn.functional.cross_entropy(logits.reshape(-1, V), Y.reshape(-1))


def sample_next(logits, temperature, generator):
    """Draw one token per row from softmax(logits / temperature).

    Args:
        logits: (N, V) float tensor. temperature: float > 0.
        generator: torch.Generator; the draws are torch.multinomial(p, 1, generator=generator).

    Returns:
        (N,) int64 tensor of sampled token ids.
    """
    p = torch.softmax(logits / temperature, dim=-1)  # (N, V)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
