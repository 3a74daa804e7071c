"""Known-wrong and other correct solutions of week07 (convolutional networks).

``WRONG[exercise]`` lists ``(why it is wrong, implementation)``: the usual student mistakes,
which the exercise's hidden tests must reject. ``RIGHT[exercise]`` lists other correct
implementations (loops instead of vectorized code, einsum instead of a matrix product...),
which must earn full marks, visible checks included (see ``tests/test_exercises.py``). Each
implementation replaces the exercise's name in the reference namespace.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from dlcourse.train import get_device, seed_everything

_swv = np.lib.stride_tricks.sliding_window_view


def _pad(x, P):
    return np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))


def _windows(x, F, S):
    """(N, C, H', W', F, F) strided windows of x (no padding)."""
    return _swv(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]


# ----------------------------------------------------------------------- conv_output_size
def size_erratum(W, F, S=1, P=0):
    return W - F + 1  # right only for P = 0 and S = 1


def size_pad_after_stride(W, F, S=1, P=0):
    return (W - F) // S + 2 * P + 1


def size_precedence(W, F, S=1, P=0):
    return W - F + 2 * P // S + 1  # // binds tighter than -: only 2P is divided


def size_rounds(W, F, S=1, P=0):
    return int(round((W - F + 2 * P) / S)) + 1


def size_ceil(W, F, S=1, P=0):
    return math.ceil((W - F + 2 * P) / S) + 1  # counts a window that runs past the row


def size_floor(W, F, S=1, P=0):
    return math.floor((W - F + 2 * P) / S) + 1


def size_range(W, F, S=1, P=0):
    return len(range(0, W + 2 * P - F + 1, S))  # the left edges of the windows


# ---------------------------------------------------------------------------- cnn_summary
def _summary(layers, input_shape, conv_params, pool_params, fc_input, conv_pad=True):
    shape = tuple(input_shape)
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            C, H, W = shape
            P_used = P if conv_pad else 0
            shape = (K, (H - F + 2 * P_used) // S + 1, (W - F + 2 * P_used) // S + 1)
            params.append(conv_params(F, C, K))
        elif layer[0] == "pool":
            _, F, S = layer
            C, H, W = shape
            shape = (C, (H - F) // S + 1, (W - F) // S + 1)
            params.append(pool_params(F, C))
        else:
            _, M = layer
            D = fc_input(shape)
            shape = (M,)
            params.append(D * M + M)
        shapes.append(shape)
    return shapes, params


def _conv_ok(F, C, K):
    return F * F * C * K + K


def _flat(shape):
    return int(np.prod(shape))


def summary_no_bias(layers, input_shape):
    return _summary(layers, input_shape, lambda F, C, K: F * F * C * K, lambda F, C: 0, _flat)


def summary_no_channels(layers, input_shape):
    return _summary(layers, input_shape, lambda F, C, K: F * F * K + K, lambda F, C: 0, _flat)


def summary_pool_params(layers, input_shape):
    return _summary(layers, input_shape, _conv_ok, lambda F, C: F * F * C, _flat)


def summary_fc_no_flatten(layers, input_shape):
    return _summary(layers, input_shape, _conv_ok, lambda F, C: 0, lambda shape: shape[0])


def summary_ignores_padding(layers, input_shape):
    return _summary(layers, input_shape, _conv_ok, lambda F, C: 0, _flat, conv_pad=False)


def summary_torch(layers, input_shape):
    """Builds the layers in torch, counts with numel and gets shapes from a forward pass."""
    x = torch.zeros((1,) + tuple(input_shape))
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            module = torch.nn.Conv2d(x.shape[1], K, F, stride=S, padding=P)
        elif layer[0] == "pool":
            module = torch.nn.MaxPool2d(layer[1], layer[2])
        else:
            x = x.reshape(1, -1)
            module = torch.nn.Linear(x.shape[1], layer[1])
        with torch.no_grad():
            x = module(x)
        shapes.append(tuple(x.shape[1:]))
        params.append(sum(p.numel() for p in module.parameters()))
    return shapes, params


# ------------------------------------------------------------------ convolution, forward
def _conv_loops(x, w, b, S, P, flip=False, pad_after=False, use_bias=True, stride=True):
    x, w, b = np.asarray(x, dtype=float), np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    if flip:
        w = w[:, :, ::-1, ::-1]  # a true convolution
    S_used = S if stride else 1
    xp = x if pad_after else _pad(x, P)
    N, _, Hp, Wp = xp.shape
    K, _, F, _ = w.shape
    Ho, Wo = (Hp - F) // S_used + 1, (Wp - F) // S_used + 1
    out = np.zeros((N, K, Ho, Wo))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i * S_used:i * S_used + F, j * S_used:j * S_used + F]
                    out[n, k, i, j] = np.sum(win * w[k]) + (b[k] if use_bias else 0.0)
    if pad_after:
        out = _pad(out, P)
    return out, (x, w, b, S, P)


def conv_flipped(x, w, b, S=1, P=0):
    return _conv_loops(x, w, b, S, P, flip=True)


def conv_pad_after_stride(x, w, b, S=1, P=0):
    return _conv_loops(x, w, b, S, P, pad_after=True)


def conv_no_bias(x, w, b, S=1, P=0):
    return _conv_loops(x, w, b, S, P, use_bias=False)


def conv_ignores_stride(x, w, b, S=1, P=0):
    return _conv_loops(x, w, b, S, P, stride=False)


def conv_all_loops(x, w, b, S=1, P=0):
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    xp = _pad(x, P)
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    total = b[k]
                    for c in range(C):
                        for p in range(F):
                            for q in range(F):
                                total += w[k, c, p, q] * xp[n, c, i * S + p, j * S + q]
                    out[n, k, i, j] = total
    return out, (x, w, b, S, P)


def conv_float64_always(x, w, b, S=1, P=0):
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    xp = _pad(x, P)
    N, _, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    out = np.zeros((N, K, Ho, Wo))  # float64 whatever the inputs
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xp[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)


def conv_einsum(x, w, b, S=1, P=0):
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    dtype = np.result_type(x, w, b, np.float32)  # float32 stays float32; integers give floats
    win = _windows(_pad(x, P), w.shape[2], S).astype(dtype)  # (N, C, H', W', F, F)
    out = (np.einsum("nchwpq,kcpq->nkhw", win, w.astype(dtype), optimize=True)
           + b.astype(dtype)[None, :, None, None])
    return out, (x, w, b, S, P)


def conv_tensordot(x, w, b, S=1, P=0):
    dtype = np.result_type(x, w, b, np.float32)  # float32 stays float32, integers give float64
    x, w, b = np.asarray(x), np.asarray(w, dtype=dtype), np.asarray(b, dtype=dtype)
    win = _windows(_pad(x, P), w.shape[2], S)
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3]))  # (N, H', W', K)
    return out.transpose(0, 3, 1, 2) + b[None, :, None, None], (x, w, b, S, P)


# ----------------------------------------------------------------- convolution, backward
def _conv_back(dout, cache, *, dw_axes=(0, 2, 3), db_mode="sum", flip_dx=False, add=True):
    x, w, b, S, P = cache
    dout = np.asarray(dout, dtype=float)
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = dout.shape[2:]
    win = _windows(_pad(x, P), F, S)  # (N, C, H', W', F, F)
    if db_mode == "sum":
        db = dout.sum(axis=(0, 2, 3))
    elif db_mode == "mean":
        db = dout.mean(axis=(0, 2, 3))
    else:  # only the first example
        db = dout[0].sum(axis=(1, 2))
    dw = np.tensordot(dout, win, axes=([0, 2, 3], list(dw_axes)))
    wd = w[:, :, ::-1, ::-1] if flip_dx else w
    dxp = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for p in range(F):
        for q in range(F):
            contrib = np.tensordot(dout, wd[:, :, p, q], axes=([1], [0])).transpose(0, 3, 1, 2)
            sl = (slice(None), slice(None), slice(p, p + S * Ho, S), slice(q, q + S * Wo, S))
            if add:
                dxp[sl] += contrib
            else:
                dxp[sl] = contrib
    return dxp[:, :, P:P + H, P:P + W], dw, db


def back_dw_axes_swapped(dout, cache):
    return _conv_back(dout, cache, dw_axes=(0, 3, 2))


def back_db_mean(dout, cache):
    return _conv_back(dout, cache, db_mode="mean")


def back_db_first_example(dout, cache):
    return _conv_back(dout, cache, db_mode="first")


def back_dx_flipped(dout, cache):
    return _conv_back(dout, cache, flip_dx=True)


def back_dx_overwrites(dout, cache):
    return _conv_back(dout, cache, add=False)


def back_loops(dout, cache):
    x, w, b, S, P = cache
    xp = _pad(x, P)
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = dout.shape[2:]
    dxp, dw, db = np.zeros_like(xp), np.zeros_like(w), np.zeros_like(b)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    rows, cols = slice(i * S, i * S + F), slice(j * S, j * S + F)
                    dxp[n, :, rows, cols] += w[k] * dout[n, k, i, j]
                    dw[k] += xp[n, :, rows, cols] * dout[n, k, i, j]
                    db[k] += dout[n, k, i, j]
    return dxp[:, :, P:P + H, P:P + W], dw, db


def back_autograd(dout, cache):
    x, w, b, S, P = (torch.tensor(v, requires_grad=True) if isinstance(v, np.ndarray) else v
                     for v in cache)
    torch.nn.functional.conv2d(x, w, b, stride=S, padding=P).backward(torch.tensor(dout))
    return x.grad.numpy(), w.grad.numpy(), b.grad.numpy()


# ------------------------------------------------------------------------------ pooling
def maxpool_ignores_stride(x, F, S):
    x = np.asarray(x)
    return _windows(x, F, F).max(axis=(4, 5)), (x, F, S)


def maxpool_across_channels(x, F, S):
    x = np.asarray(x)
    out = _windows(x, F, S).max(axis=(1, 4, 5), keepdims=True)[..., 0, 0]  # (N, 1, H', W')
    return np.broadcast_to(out, (x.shape[0], x.shape[1]) + out.shape[2:]).copy(), (x, F, S)


def maxpool_top_left(x, F, S):
    x = np.asarray(x)
    return _windows(x, F, S)[..., 0, 0].copy(), (x, F, S)


def maxpool_loops(x, F, S):
    x = np.asarray(x)
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].max(axis=(2, 3))
    return out, (x, F, S)


def _pool_back(dout, cache, share):
    """Each window's gradient is split over its elements with weights share(window)."""
    x, F, S = cache
    dout = np.asarray(dout, dtype=float)
    Ho, Wo = dout.shape[2:]
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * S:i * S + F, j * S:j * S + F]
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += (share(win)
                                                           * dout[:, :, i, j][:, :, None, None])
    return dx


def _every_max(win):
    return (win == win.max(axis=(2, 3), keepdims=True)).astype(float)


def _last_max(win):
    N, C, F, _ = win.shape
    flat = win.reshape(N, C, F * F)[:, :, ::-1]
    last = F * F - 1 - flat.argmax(axis=2)  # (N, C)
    return (np.arange(F * F) == last[:, :, None]).astype(float).reshape(win.shape)


def _first_max(win):
    N, C, F, _ = win.shape
    first = win.reshape(N, C, F * F).argmax(axis=2)
    return (np.arange(F * F) == first[:, :, None]).astype(float).reshape(win.shape)


def maxback_every_max(dout, cache):
    return _pool_back(dout, cache, _every_max)


def maxback_last_max(dout, cache):
    return _pool_back(dout, cache, _last_max)


def maxback_spread(dout, cache):
    return _pool_back(dout, cache, lambda win: np.full(win.shape, 1.0 / win[0, 0].size))


def maxback_overwrites(dout, cache):
    x, F, S = cache
    Ho, Wo = dout.shape[2:]
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * S:i * S + F, j * S:j * S + F]
            region = dx[:, :, i * S:i * S + F, j * S:j * S + F]
            mask = _first_max(win).astype(bool)
            region[mask] = (mask * dout[:, :, i, j][:, :, None, None])[mask]  # = instead of +=
    return dx


def maxback_mask(dout, cache):
    return _pool_back(dout, cache, _first_max)


def maxback_loops(dout, cache):
    x, F, S = cache
    N, C = x.shape[:2]
    Ho, Wo = dout.shape[2:]
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    win = x[n, c, i * S:i * S + F, j * S:j * S + F]
                    p, q = np.unravel_index(np.argmax(win), win.shape)
                    dx[n, c, i * S + p, j * S + q] += dout[n, c, i, j]
    return dx


def avgpool_ignores_stride(x, F, S):
    x = np.asarray(x)
    return _windows(x, F, F).mean(axis=(4, 5)), (x, F, S)


def avgpool_sum(x, F, S):
    x = np.asarray(x)
    return _windows(x, F, S).sum(axis=(4, 5)), (x, F, S)


def avgpool_divides_by_f(x, F, S):
    x = np.asarray(x)
    return _windows(x, F, S).sum(axis=(4, 5)) / F, (x, F, S)


def avgpool_loops(x, F, S):
    x = np.asarray(x)
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].sum(axis=(2, 3)) / F**2
    return out, (x, F, S)


def avgback_not_divided(dout, cache):
    return _pool_back(dout, cache, lambda win: np.ones(win.shape))


def avgback_divides_by_f(dout, cache):
    return _pool_back(dout, cache, lambda win: np.full(win.shape, 1.0 / win.shape[-1]))


def avgback_overwrites(dout, cache):
    x, F, S = cache
    Ho, Wo = dout.shape[2:]
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] = dout[:, :, i, j][:, :, None, None] / F**2
    return dx


def avgback_windows(dout, cache):
    return _pool_back(dout, cache, lambda win: np.full(win.shape, 1.0 / win[0, 0].size))


def avgback_autograd(dout, cache):
    x, F, S = cache
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)  # a float copy of x
    torch.nn.functional.avg_pool2d(xt, F, S).backward(torch.tensor(dout, dtype=torch.float64))
    return xt.grad.numpy()


# ----------------------------------------------------------------------------- sobel
_GX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def sobel_flipped():
    return np.stack([-_GX, -_GX.T])[:, None]  # the filters of a true convolution


def sobel_swapped():
    return np.stack([_GX.T, _GX])[:, None]


def sobel_prewitt():
    gx = np.outer([1.0, 1.0, 1.0], [-1.0, 0.0, 1.0])
    return np.stack([gx, gx.T])[:, None]


def sobel_literal():
    w = np.zeros((2, 1, 3, 3))
    w[0, 0] = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    w[1, 0] = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]
    return w


# ---------------------------------------------------------------------- ResidualBlock
class _Block(torch.nn.Module):
    bias = False

    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=self.bias)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=self.bias)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def branch(self, x):
        return self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))


class BlockNoFinalRelu(_Block):
    def forward(self, x):
        return x + self.branch(x)


class BlockReluBeforeAdd(_Block):
    def forward(self, x):
        return torch.relu(self.branch(x)) + x


class BlockNoSkip(_Block):
    def forward(self, x):
        return torch.relu(self.branch(x))


class BlockConvBias(_Block):
    bias = True

    def forward(self, x):
        return torch.relu(x + self.branch(x))


class BlockBnAfterAdd(_Block):
    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(x + self.conv2(h)))


class BlockFunctional(_Block):
    """Another correct version: a ReLU module attribute (no parameters), in-place add."""

    def __init__(self, C):
        super().__init__(C)
        self.act = torch.nn.ReLU()

    def forward(self, x):
        out = self.bn2(self.conv2(self.act(self.bn1(self.conv1(x)))))
        out += x
        return torch.nn.functional.relu(out)


# --------------------------------------------------------------------------- train_cnn
def _train(make_model, X, y, epochs, lr, batch_size, seed, *, zero_grad=True, adam=True,
           seed_first=True, full_batch=False, perm="generator", drop_last=False,
           train_mode=True):
    if seed_first:
        seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    if not seed_first:
        seed_everything(seed)
    X, y = X.to(device), y.to(device)
    opt = (torch.optim.Adam if adam else torch.optim.SGD)(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator(device=device).manual_seed(seed)
    if train_mode:
        model.train()
    for _ in range(epochs):
        if perm == "reseed":  # the same order every epoch
            gen = torch.Generator(device=device).manual_seed(seed)
        order = (torch.randperm(len(X), device=device) if perm == "global"
                 else torch.randperm(len(X), generator=gen, device=device))
        size = len(X) if full_batch else batch_size
        last = len(X) - size + 1 if drop_last else len(X)
        for start in range(0, last, size):
            idx = order[start:start + size]
            loss = loss_fn(model(X[idx]), y[idx])
            if zero_grad:
                opt.zero_grad()
            loss.backward()
            opt.step()
    return model


def train_no_zero_grad(*args):
    return _train(*args, zero_grad=False)


def train_sgd(*args):
    return _train(*args, adam=False)


def train_seeds_after_model(*args):
    return _train(*args, seed_first=False)


def train_full_batch(*args):
    return _train(*args, full_batch=True)



def train_split(make_model, X, y, epochs, lr, batch_size, seed):
    """Another correct version: permute the whole data set, then split it into batches."""
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator(device=device).manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator, device=device)
        for xb, yb in zip(X[order].split(batch_size), y[order].split(batch_size)):
            model.train()
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(xb), yb).backward()
            optimizer.step()
    return model


# ------------------------------------------------------ found by blind review (issue 22)
def size_float_when_divisible(W, F, S=1, P=0):
    n = W - F + 2 * P
    return n / S + 1 if n % S == 0 else n // S + 1  # a float whenever S divides


def summary_conv_rounds(layers, input_shape):
    shape = tuple(input_shape)
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            C, H, W = shape
            shape = (K, round((H - F + 2 * P) / S) + 1, round((W - F + 2 * P) / S) + 1)
            params.append(F * F * C * K + K)
        elif layer[0] == "pool":
            _, F, S = layer
            C, H, W = shape
            shape = (C, (H - F) // S + 1, (W - F) // S + 1)
            params.append(0)
        else:
            D = _flat(shape)
            shape = (layer[1],)
            params.append(D * layer[1] + layer[1])
        shapes.append(shape)
    return shapes, params


def conv_output_like_x(x, w, b, S=1, P=0):
    """out = np.zeros(..., dtype=x.dtype): an integer image truncates every output."""
    return _conv_naive_dtype(x, w, b, S, P, x.dtype)


def conv_keeps_int(x, w, b, S=1, P=0):
    """einsum on the windows as they are: integer x, w and b give an integer output."""
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    win = _windows(_pad(x, P), w.shape[2], S)
    out = np.einsum("nchwpq,kcpq->nkhw", win, w, optimize=True) + b[None, :, None, None]
    return out, (x, w, b, S, P)


def conv_caches_padded_x(x, w, b, S=1, P=0):
    out, _ = conv_einsum(x, w, b, S, P)
    return out, (_pad(np.asarray(x), P), w, b, S, P)


def conv_caches_reshaped_w(x, w, b, S=1, P=0):
    out, _ = conv_einsum(x, w, b, S, P)
    return out, (x, np.asarray(w).reshape(len(w), -1), b, S, P)


def back_dx_like_x(dout, cache):
    """Another correct version: loops over positions, dx in np.zeros_like(xpad)."""
    x, w, b, S, P = cache
    F = w.shape[2]
    Ho, Wo = dout.shape[2:]
    xpad = _pad(x, P)
    dxpad = np.zeros_like(xpad)
    dw = np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Wo):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], patch)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum(
                "nk,kcpq->ncpq", dout[:, :, i, j], w)
    H, W = x.shape[2:]
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))


def maxpool_caches_windows(x, F, S):
    win = _windows(np.asarray(x), F, S)
    return win.max(axis=(4, 5)), (win, F, S)


def maxback_like_x(dout, cache):
    """dx = np.zeros_like(x): an integer x gives an integer dx."""
    x, F, S = cache
    N, C = x.shape[:2]
    dx = np.zeros_like(x)
    n_idx, c_idx = np.indices((N, C))
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            first = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, F * F).argmax(axis=2)
            p, q = np.divmod(first, F)
            np.add.at(dx, (n_idx, c_idx, i * S + p, j * S + q), dout[:, :, i, j])
    return dx


def maxback_isclose(dout, cache):
    """The first element np.isclose to the maximum, which may be below the maximum."""
    x, F, S = cache
    N, C = x.shape[:2]
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    win = x[n, c, i * S:i * S + F, j * S:j * S + F]
                    k = int(np.flatnonzero(np.isclose(win, win.max()))[0])
                    dx[n, c, i * S + k // F, j * S + k % F] += dout[n, c, i, j]
    return dx


def avgpool_like_x(x, F, S):
    """out = np.zeros(..., dtype=x.dtype): an integer x truncates the means."""
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo), dtype=x.dtype)
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, F, S)


def avgpool_caches_output(x, F, S):
    out = _windows(np.asarray(x), F, S).mean(axis=(4, 5))
    return out, (out, F, S)


def avgback_like_x(dout, cache):
    """dx in np.zeros_like(x): an integer x cannot hold the float shares."""
    x, F, S = cache
    dx = np.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / (F * F)
    return dx


def sobel_int():
    return np.stack([_GX, _GX.T])[:, None].astype(np.int64)


def sobel_float32():
    return np.stack([_GX, _GX.T])[:, None].astype(np.float32)


def sobel_tensor():
    """Another correct version: a float64 torch tensor (graded like its numpy twin)."""
    gx = torch.tensor(_GX)
    return torch.stack([gx, gx.T])[:, None]


def train_global_rng(*args):
    return _train(*args, perm="global")


def train_reseeds_each_epoch(*args):
    return _train(*args, perm="reseed")


def train_drops_last(*args):
    return _train(*args, drop_last=True)


def train_never_train_mode(*args):
    return _train(*args, train_mode=False)



# ------------------------------------------- other correct versions from blind review
def size_int_floor(W, F, S=1, P=0):
    return int(math.floor((W - F + 2 * P) / S)) + 1


def summary_lists(layers, input_shape):
    """Another correct version: lists, math.prod and one size helper."""
    def out(n, F, S, P):
        return (n - F + 2 * P) // S + 1
    cur = list(input_shape)
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            K, F, S, P = layer[1:]
            params.append(F * F * cur[0] * K + K)
            cur = [K, out(cur[1], F, S, P), out(cur[2], F, S, P)]
        elif layer[0] == "pool":
            F, S = layer[1:]
            params.append(0)
            cur = [cur[0], out(cur[1], F, S, 0), out(cur[2], F, S, 0)]
        else:
            params.append(math.prod(cur) * layer[1] + layer[1])
            cur = [layer[1]]
        shapes.append(list(cur))
    return shapes, params


def conv_im2col_float(x, w, b, S=1, P=0):
    """Another correct version: im2col with one matrix product, in float64, the result in
    the inputs' float dtype (float32 stays float32)."""
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = _pad(np.asarray(x, dtype=np.float64), P)
    win = _windows(xpad, F, S)
    Ho, Wo = win.shape[2], win.shape[3]
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, N * Ho * Wo)
    out = w.reshape(K, -1) @ cols + np.asarray(b, dtype=np.float64)[:, None]
    dtype = np.result_type(x, w, b, np.float32)
    return out.reshape(K, N, Ho, Wo).transpose(1, 0, 2, 3).astype(dtype), (x, w, b, S, P)


def back_taps(dout, cache):
    """Another correct version: tensordot for dw, a loop over the taps for dx."""
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    F = w.shape[2]
    Ho, Wo = dout.shape[2:]
    xpad = _pad(np.asarray(x, dtype=np.float64), P)
    win = _windows(xpad, F, S)[:, :, :Ho, :Wo]
    dw = np.tensordot(dout, win, axes=([0, 2, 3], [0, 2, 3]))
    dxpad = np.zeros(xpad.shape)
    for p in range(F):
        for q in range(F):
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkhw,kc->nchw", dout,
                                                                      w[:, :, p, q])
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))


def maxpool_windows(x, F, S):
    return _windows(np.asarray(x), F, S).max(axis=(-2, -1)), (x, F, S)


def maxback_full_loops(dout, cache):
    """Another correct version: five loops, argmax of each flattened window."""
    x, F, S = cache
    N, C = x.shape[:2]
    dx = np.zeros(x.shape, dtype=np.float64)
    for n in range(N):
        for c in range(C):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    k = np.argmax(x[n, c, i * S:i * S + F, j * S:j * S + F])
                    dx[n, c, i * S + k // F, j * S + k % F] += dout[n, c, i, j]
    return dx


def avgpool_windows(x, F, S):
    win = _windows(np.asarray(x, dtype=np.float64), F, S)
    return win.mean(axis=(-2, -1)), (x, F, S)


def avgback_taps(dout, cache):
    """Another correct version: one strided slice per tap (p, q)."""
    x, F, S = cache
    Ho, Wo = dout.shape[2:]
    dx = np.zeros(np.shape(x), dtype=np.float64)
    share = np.asarray(dout, dtype=np.float64) / (F * F)
    for p in range(F):
        for q in range(F):
            dx[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += share
    return dx


def sobel_outer():
    w = np.zeros((2, 1, 3, 3))
    w[0, 0] = np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0])
    w[1, 0] = w[0, 0].T
    return w


class BlockOtherOrder(torch.nn.Module):
    """Another correct version: the layers created in another order, functional ReLUs."""

    def __init__(self, C):
        super().__init__()
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)

    def forward(self, x):
        h = torch.nn.functional.relu(self.bn1(self.conv1(x)))
        return torch.nn.functional.relu(self.bn2(self.conv2(h)) + x)


def train_torch_split(make_model, X, y, epochs, lr, batch_size, seed):
    """Another correct version: torch.split of each epoch's permutation."""
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator, device=device)
        for idx in torch.split(order, batch_size):
            model.train()
            loss = criterion(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model



def size_one_side_pad(W, F, S=1, P=0):
    return (W - F + P) // S + 1  # pads one side only


def summary_pool_stride_is_f(layers, input_shape):
    """Pooling layers read as ("pool", F): the stride is taken to be F."""
    return _summary([("pool", lay[1], lay[1]) if lay[0] == "pool" else lay for lay in layers],
                    input_shape, _conv_ok, lambda F, C: 0, _flat)


def summary_fc_square(layers, input_shape):
    """The flattened size of a (C, H, W) output taken as C * H * H (square maps)."""
    return _summary(layers, input_shape, _conv_ok, lambda F, C: 0,
                    lambda shape: shape[0] * shape[1] * shape[1] if len(shape) == 3 else shape[0])


def conv_square_output(x, w, b, S=1, P=0):
    """W' computed from H: right for square images only."""
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = _pad(x, P)
    Ho = Wo = (H - F + 2 * P) // S + 1
    out = np.zeros((N, K, Ho, Wo))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F]
                                             * w[k]) + b[k]
    return out, (x, w, b, S, P)


def _back_positions(dout, cache, square_pad=False, square_out=False):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    F = w.shape[2]
    Ho, Wo = dout.shape[2:]
    if square_out:
        Wo = Ho
    xpad = _pad(x, P)
    dxpad = np.zeros((N, C, H + 2 * P, (H if square_pad else W) + 2 * P))
    dw = np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Wo):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], patch)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum(
                "nk,kcpq->ncpq", dout[:, :, i, j], w)
    return dxpad[:, :, P:P + H, P:P + (H if square_pad else W)], dw, dout.sum(axis=(0, 2, 3))


def back_square_pad(dout, cache):
    return _back_positions(dout, cache, square_pad=True)


def back_square_out(dout, cache):
    return _back_positions(dout, cache, square_out=True)


def maxpool_starts_at_zero(x, F, S):
    """A running maximum that starts at 0: an all-negative window gives 0."""
    x = np.asarray(x)
    return np.maximum(_windows(x, F, S).max(axis=(4, 5)), 0.0), (x, F, S)


def _pool_cols_step_f(x, F, S, reduce):
    x = np.asarray(x)
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = reduce(x[:, :, i * S:i * S + F, j * F:j * F + F], axis=(2, 3))
    return out, (x, F, S)


def maxpool_cols_step_f(x, F, S):
    return _pool_cols_step_f(x, F, S, np.max)


def avgpool_cols_step_f(x, F, S):
    return _pool_cols_step_f(x, F, S, np.mean)


def maxback_square(dout, cache):
    """The number of output columns computed from H: right for square inputs only."""
    x, F, S = cache
    N, C, H, W = x.shape
    Ho = Wo = (H - F) // S + 1
    dx = np.zeros(x.shape)
    n_idx, c_idx = np.indices((N, C))
    for i in range(Ho):
        for j in range(Wo):
            first = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, F * F).argmax(axis=2)
            p, q = np.divmod(first, F)
            np.add.at(dx, (n_idx, c_idx, i * S + p, j * S + q), dout[:, :, i, j])
    return dx


class BlockBn1Twice(_Block):
    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(x + self.bn1(self.conv2(h)))  # bn2 is never used


class BlockNoInnerRelu(_Block):
    def forward(self, x):
        return torch.relu(x + self.bn2(self.conv2(self.bn1(self.conv1(x)))))


class BlockReluXBeforeAdd(_Block):
    def forward(self, x):
        return torch.relu(torch.relu(x) + self.branch(x))


def train_sum_loss(make_model, X, y, epochs, lr, batch_size, seed):
    """The summed cross-entropy instead of the mean."""
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")
    gen = torch.Generator(device=device).manual_seed(seed)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=gen, device=device)
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


WRONG = {
    "conv_output_size": [
        ("W - F + 1: ignores the stride and the padding (right only for S = 1, P = 0)",
         size_erratum,
         "Where do S and P enter? Try W=7, F=3, S=2, P=1 on paper: pad the row with one zero on "
         "each side, then count where a 3-wide window can start, moving 2 pixels at a time."),
        ("adds the padding after dividing by the stride", size_pad_after_stride,
         "The zeros are part of the row the window slides over, so the stride steps across them "
         "too. Try W=7, F=3, S=2, P=2 by drawing the windows and compare with your formula."),
        ("W - F + 2 * P // S + 1: only 2P is divided by S (operator precedence)",
         size_precedence,
         "Try W=10, F=3, S=2, P=0: counting the windows by hand gives 4. Then check which part of "
         "your expression Python divides by S: // is done before + and -, like *."),
        ("rounds (W - F + 2P) / S to the nearest integer instead of down", size_rounds,
         "Try W=10, F=3, S=2, P=0 and list the columns where a window can start: does a window "
         "that starts at column 8 fit inside the row? Python's round can go up."),
        ("rounds (W - F + 2P) / S up (ceil) instead of down", size_ceil,
         "Try W=10, F=3, S=3, P=0 and list the columns where a window can start: 0, 3, 6, ... "
         "Does a window that starts at column 9 fit inside a row of 10?"),
        ("returns a float (true division) when S divides W - F + 2P", size_float_when_divisible,
         "Print type(conv_output_size(32, 5)) and type(conv_output_size(10, 3, 2)): the prompt "
         "promises an int for every input. Which operator gives a float?"),
        ("pads one side only: W - F + P instead of W - F + 2P", size_one_side_pad,
         "Try W=32, F=5, S=1, P=2 ('same' padding): the output should keep the width 32. How "
         "many zeros does the padded row hold in your formula?"),
    ],
    "cnn_summary": [
        ("a convolution's parameters without the K biases", summary_no_bias,
         "Count what one filter owns: its F*F*C weights, plus one number added after the weighted "
         "sum. How many of those extra numbers does the whole layer have?"),
        ("a convolution's parameters without the input channels: F*F*K + K",
         summary_no_channels,
         "A filter sees an F x F patch of every input channel at once: look at the filter bank's "
         "shape (K, C, F, F), and test a conv on a 3-channel input."),
        ("gives pooling layers F*F*C parameters", summary_pool_params,
         "A pooling layer takes a fixed max or mean of each window. Is there any number in it "
         "that training could adjust?"),
        ("a dense layer's input is the number of channels, not the flattened size",
         summary_fc_no_flatten,
         "Once flattened, a dense layer's input holds every number of the previous output, not "
         "just the first axis. How many numbers does a (16, 5, 5) output hold?"),
        ("ignores the padding in the output size", summary_ignores_padding,
         "For a conv layer the P zeros on each side widen the input before the window slides. "
         "Check a 3x3 conv with P=1 on an 8x8 input: should the size change?"),
        ("rounds a convolution's size to the nearest integer instead of down",
         summary_conv_rounds,
         "Try a conv with F=3, S=2, P=0 on a width of 10 and list where its windows can start: "
         "does the last one fit? Compare the widths of your shapes with exercise 1's rule."),
        ("a pooling layer's stride taken to be its window size F", summary_pool_stride_is_f,
         "Try ('pool', 3, 1) on a 12x12 input: windows that start every pixel overlap. Which "
         "number of the layer's tuple does your pooling branch read as the stride?"),
        ("the flattened size of a (C, H, W) output taken as C * H * H", summary_fc_square,
         "Try a single ('fc', 7) layer on a (3, 4, 5) input: how many numbers does the flattened "
         "input hold? Check which axes your product multiplies."),
    ],
    "conv2d_forward_naive": [
        ("flips the filter (a true convolution, not torch's cross-correlation)", conv_flipped,
         "torch's conv2d never rotates the filter. Try the filter [[1, 0], [0, 0]]: each output "
         "should be its window's top-left pixel. Which pixel does your code pick?"),
        ("pads the output after striding the unpadded input", conv_pad_after_stride,
         "With P > 0, look at the outer ring of your output: it should come from windows that "
         "overlap the image's border, not be exact zeros. Where do your zeros get added?"),
        ("forgets the bias", conv_no_bias,
         "Try an all-zero filter with a nonzero b: what should every output of that filter be? "
         "Compare your loop body with every term of the formula."),
        ("ignores the stride", conv_ignores_stride,
         "With S=2 the output should be about half as wide: compare your output's shape with H' "
         "from the prompt, and check where the window of output (i, j) starts."),
        ("float64 output for float32 inputs", conv_float64_always,
         "Call your layer with float32 x, w and b and print out.dtype: the prompt asks for "
         "float32 then. Which dtype does the array you fill get when none is given?"),
        ("the output takes x's dtype: an integer image truncates every output",
         conv_output_like_x,
         "Call it on an integer image, e.g. np.arange(16).reshape(1, 1, 4, 4), with a filter of "
         "0.5s: are the outputs halves? Check the dtype of the array you fill."),
        ("the cache holds the padded x instead of the x passed in", conv_caches_padded_x,
         "Compare cache[0].shape with x.shape for P=1: the prompt's cache is (x, w, b, S, P), "
         "the arrays as they were passed in."),
        ("the output width computed from H (right for square images only)", conv_square_output,
         "Try a non-square input, x of shape (1, 2, 6, 5): compare your output's shape with H' "
         "and W' from the prompt."),
    ],
    "conv2d_forward": [
        ("flips the filter (a true convolution, not torch's cross-correlation)", conv_flipped,
         "torch's conv2d never rotates the filter: look for a reversed slice or a flip. With the "
         "filter [[1, 0], [0, 0]] each output should be its window's top-left pixel."),
        ("pads the output after striding the unpadded input", conv_pad_after_stride,
         "With P > 0, look at the outer ring of your output: it should come from windows that "
         "overlap the image's border, not be exact zeros. Where do your zeros get added?"),
        ("forgets the bias", conv_no_bias,
         "Try an all-zero filter with a nonzero b: what should every output of that filter be? "
         "Check that every term of the formula appears in your vectorized version."),
        ("ignores the stride", conv_ignores_stride,
         "Compare your output's shape with H' for S=2. sliding_window_view gives every window, "
         "one pixel apart: which of them does a stride S keep, in both directions?"),
        ("the cache holds the padded x instead of the x passed in", conv_caches_padded_x,
         "Compare cache[0].shape with x.shape for P=1: the prompt's cache is (x, w, b, S, P), "
         "the arrays as they were passed in."),
        ("the cache holds the filters reshaped to (K, C*F*F) instead of w",
         conv_caches_reshaped_w,
         "Compare cache[1].shape with w.shape: the backward pass reads the filters as (K, C, F, F) "
         "from the cache. Which name did your matrix product reuse?"),
        ("integer x, w and b give an integer output", conv_keeps_int,
         "Call it with x = np.arange(16).reshape(1, 1, 4, 4), w = np.ones((1, 1, 2, 2), dtype=int) "
         "and b = np.array([1]), and print out.dtype: the prompt promises a float array."),
    ],
    "conv2d_backward": [
        ("dw contracts dout's rows with the windows' columns (wrong axes)",
         back_dw_axes_swapped,
         "Match each of dout's axes (n, k, i, j) with the window axis of the same meaning: i goes "
         "with the output rows, j with the columns. An input with H' != W' exposes a mismatch."),
        ("db is a mean over examples and positions, not a sum", back_db_mean,
         "The layer only applies the chain rule: any averaging is already inside dout. If you "
         "stack the batch with itself, b[k] feeds twice as many outputs: should db change?"),
        ("db sums over the positions of the first example only", back_db_first_example,
         "Try N=2 with dout zero for the first example and nonzero for the second: b[k] was added "
         "to the second example's outputs too. Which axes of dout does your sum cover?"),
        ("dx uses the flipped filter", back_dx_flipped,
         "Follow one tap: w[k, c, p, q] multiplied the pixel (iS + p, jS + q) in the forward "
         "pass. Which weight should carry dout back to that pixel, and is it rotated?"),
        ("dx overwrites where windows overlap instead of adding up", back_dx_overwrites,
         "With x, w and dout all ones (3x3 input, 2x2 filter, S=1) the centre pixel lies in 4 "
         "windows. What does your dx give there, and is each window's contribution kept?"),
        ("the padded gradient built with H for both sides (square images only)",
         back_square_pad,
         "Try a non-square x, shape (3, 2, 6, 5): does dx have x's shape, and do the last columns "
         "get their gradient? Check every place where your code uses H or W."),
        ("the number of output columns taken from dout.shape[2] (square outputs only)",
         back_square_out,
         "Try a non-square x, shape (3, 2, 6, 5), with S=2: dout then has H' != W'. Check which "
         "axis of dout each of your loop bounds comes from."),
    ],
    "max_pool_forward": [
        ("ignores the stride (windows never overlap)", maxpool_ignores_stride,
         "The windows start every S pixels, which can be fewer than F. Try F=3, S=1 on a 5x5 "
         "input: how many overlapping windows fit, and how many outputs do you get?"),
        ("takes the maximum across the channels too", maxpool_across_channels,
         "Pooling summarizes each channel on its own, and the output keeps all C channels. Check "
         "whether the channels of your output are copies of one another."),
        ("keeps the top-left element of each window (subsampling)", maxpool_top_left,
         "Compare one output with its whole window by hand: is it the largest of the F*F values? "
         "Try a window whose largest value is not in its top-left corner."),
        ("the cache holds the windows instead of x", maxpool_caches_windows,
         "Compare cache[0].shape with x.shape: the prompt's cache is (x, F, S), and the backward "
         "pass reads x from it."),
        ("a running maximum that starts at 0: all-negative windows give 0",
         maxpool_starts_at_zero,
         "Try x = -np.ones((1, 1, 2, 2)) with F=S=2: the maximum is -1. What does yours give, "
         "and what value does your maximum start from?"),
        ("the windows' columns advance by F instead of S", maxpool_cols_step_f,
         "Try F=3, S=1 on a 5x5 input: output (i, j) reads the window starting at row i*S and "
         "column j*S. Check both slices of your window."),
    ],
    "max_pool_backward": [
        ("sends the gradient to every element tied for the maximum", maxback_every_max,
         "On an all-zero window every element ties for the maximum. The gradient leaving a window "
         "should add up to its dout: count how many elements receive it in your version."),
        ("sends the gradient to the last maximum instead of the first", maxback_last_max,
         "Among tied maxima, 'first' means first when reading the window row by row, left to "
         "right. Check how your code breaks ties: >= or a reversed search picks another."),
        ("spreads the gradient over the whole window, as average pooling", maxback_spread,
         "Only the element that won the max affects the output: the others could change a little "
         "and the output would not move. Does your dx put anything on them?"),
        ("overlapping windows overwrite each other's gradient instead of adding up",
         maxback_overwrites,
         "Try F=3, S=1 on a 5x5 input with one large value at the centre: it is the maximum of "
         "all 9 windows. Compare your dx there with the 9 entries of dout."),
        ("dx takes x's dtype: fails or truncates for an integer x", maxback_like_x,
         "Call it with x = np.zeros((1, 1, 2, 2), dtype=int) and dout = [[[[0.5]]]]: the prompt "
         "promises a float dx. What dtype does your dx get?"),
        ("np.isclose picks an element a hair below the maximum", maxback_isclose,
         "Try one window holding 1.0 and 1.0 + 1e-9: only the larger one is the maximum. Which "
         "element does your tie rule send the gradient to?"),
        ("the number of output columns computed from H (square inputs only)", maxback_square,
         "Try a non-square x, shape (1, 2, 7, 6), F=2, S=3: does every window send its gradient? "
         "Check where your loop bounds come from."),
    ],
    "avg_pool_forward": [
        ("ignores the stride (windows never overlap)", avgpool_ignores_stride,
         "The windows start every S pixels, not every F. Try F=3, S=1 on a 5x5 input: the windows "
         "overlap, so how many outputs should each row have?"),
        ("sums the window instead of averaging", avgpool_sum,
         "Check one output by hand: for x = arange(16) as 4x4 and F=S=2 the first window holds 0, "
         "1, 4 and 5. Is your output their mean?"),
        ("divides the window's sum by F instead of F*F", avgpool_divides_by_f,
         "How many values does an F x F window hold? Check with F=3 on an input of ones: the mean "
         "of a window of ones must be 1."),
        ("the output takes x's dtype: an integer x truncates the means", avgpool_like_x,
         "Call it on np.arange(16).reshape(1, 1, 4, 4) (integers) with F=S=2: the first mean is "
         "2.5. What does yours give, and which dtype does your output array have?"),
        ("the cache holds the output instead of x", avgpool_caches_output,
         "Compare cache[0].shape with x.shape: the prompt's cache is (x, F, S)."),
        ("the windows' columns advance by F instead of S", avgpool_cols_step_f,
         "Try F=3, S=1 on a 5x5 input: output (i, j) reads the window starting at row i*S and "
         "column j*S. Check both slices of your window."),
    ],
    "avg_pool_backward": [
        ("does not divide the gradient by the window size F*F", avgback_not_divided,
         "Feed dout = ones with F=S=2 and add up dx over one window: the shares should total that "
         "window's dout, 1. What total does yours give?"),
        ("divides the gradient by F instead of F*F", avgback_divides_by_f,
         "Count the elements of an F x F window: their shares of the gradient must add up to the "
         "window's dout. Check with F=3 and dout = ones."),
        ("overlapping windows overwrite each other's gradient instead of adding up",
         avgback_overwrites,
         "With S < F an element lies in several windows and gets a share from each. Try F=3, S=2 "
         "on a 5x5 input with dout = ones: what does your dx give at the centre?"),
    ],
    "sobel_filters": [
        ("the flipped filters of a true convolution: negative on a brightening ramp",
         sobel_flipped,
         "Apply your filters with torch's conv2d, which does not rotate them, to an image that "
         "brightens to the right (x[i, j] = j): channel 0 must come out positive. Does it?"),
        ("x and y swapped", sobel_swapped,
         "Test both channels on an image that brightens to the right (x[i, j] = j): which channel "
         "responds, and which one should according to the prompt?"),
        ("Prewitt's filters (rows weighted [1, 1, 1]) instead of Sobel's", sobel_prewitt,
         "Compare your filter's rows with the outer product in the prompt: which weight does each "
         "of the three rows get? Sobel favours the middle row."),
        ("an integer array instead of float64", sobel_int,
         "Print sobel_filters().dtype: the prompt asks for float64. Which dtype does numpy give "
         "an array typed with integers only?"),
        ("a float32 array instead of float64", sobel_float32,
         "Print sobel_filters().dtype: the prompt asks for float64."),
    ],
    "ResidualBlock": [
        ("no ReLU after the addition", BlockNoFinalRelu,
         "Read the block's formula from the outside in: what is the last operation? With conv2's "
         "weights set to 0, can your block's output be negative?"),
        ("ReLU on the branch before the addition, none after", BlockReluBeforeAdd,
         "Find where the last ReLU sits in the block's formula: what exactly does it act on? With "
         "conv2's weights set to 0, your output should never be negative."),
        ("no skip connection", BlockNoSkip,
         "Where does x itself reach the output? With conv2's weights set to 0 the branch gives 0, "
         "and the block should still pass relu(x) through, not zeros."),
        ("convolutions with a bias (parameters that batch norm makes redundant)",
         BlockConvBias,
         "Compare your block's parameter count with 2*9*C*C + 4*C. Then ask what a per-channel "
         "constant added just before batch norm can still change after it."),
        ("the second batch norm after the addition", BlockBnAfterAdd,
         "Write the order of your forward's operations next to the formula, from the inside out: "
         "does x join the branch before or after the second batch norm?"),
        ("bn1 used for both batch norms (bn2 unused)", BlockBn1Twice,
         "Load different weights into bn1 and bn2 and check that changing bn2.weight changes the "
         "output: which batch norm follows conv2 in your forward?"),
        ("no ReLU between bn1 and conv2", BlockNoInnerRelu,
         "Write your forward's operations next to the formula, from the inside out: how many "
         "ReLUs does the formula have, and where is the first one?"),
        ("relu(relu(x) + F(x)): an extra ReLU on the skip connection", BlockReluXBeforeAdd,
         "The skip connection carries x itself. With a negative x and F(x) > 0, compare your "
         "block with relu(x + F(x)) by hand."),
    ],
    "train_cnn": [
        ("never calls zero_grad: gradients accumulate over the steps", train_no_zero_grad,
         "PyTorch adds each backward's gradients to what .grad already holds. At the second step, "
         "is .grad the gradient of that mini-batch alone?"),
        ("SGD instead of Adam", train_sgd,
         "Re-read step 2 of the prompt: which optimizer does it name? Two full-batch epochs must "
         "match two steps of that exact optimizer."),
        ("seeds after creating the model: the initial weights are not reproducible",
         train_seeds_after_model,
         "make_model() draws the initial weights at random. Build the model twice with the same "
         "seed and compare the first conv's weights: what must happen before those draws?"),
        ("one full-batch step per epoch, ignoring batch_size", train_full_batch,
         "Count the optimizer steps in one epoch: with N=200 and batch_size=50 there should be 4. "
         "How many does your loop make?"),
        ("randperm draws from the global generator, not the seeded one", train_global_rng,
         "Re-read step 4: which generator must each epoch's randperm use? Compare the order of "
         "the first epoch with torch.randperm(N, generator=...) seeded as in step 3."),
        ("the generator is created again every epoch: each epoch has the same order",
         train_reseeds_each_epoch,
         "Print the first indices of order in each epoch: should two epochs visit the examples "
         "in the same order? Check where your generator is created."),
        ("drops the last, smaller mini-batch", train_drops_last,
         "With N=100 and batch_size=32 count the steps of one epoch: the prompt says the last "
         "mini-batch may be smaller, so 4 steps. How many does yours make?"),
        ("never puts the model in training mode", train_never_train_mode,
         "Give it a make_model that returns a model with batch norm in eval mode: which "
         "statistics does batch norm then use during your training steps?"),
        ("the summed cross-entropy instead of the mean", train_sum_loss,
         "Re-read step 2: which reduction does torch.nn.CrossEntropyLoss() use by default? Adam "
         "hides most of the difference, but not all of it."),
    ],
}

RIGHT = {
    "conv_output_size": [("int of math.floor of the true division", size_int_floor),
                         ("math.floor of the true division", size_floor),
                         ("counts the windows' left edges with range", size_range)],
    "cnn_summary": [("lists, math.prod and one size helper", summary_lists),
                    ("builds the layers in torch, counts numel, shapes by a forward pass",
                     summary_torch)],
    "conv2d_forward_naive": [("im2col with a matrix product in float64, cast to the inputs' dtype", conv_im2col_float),
                             ("seven nested loops, one multiply-add at a time", conv_all_loops),
                             ("einsum on sliding windows", conv_einsum)],
    "conv2d_forward": [("im2col with a matrix product in float64, cast to the inputs' dtype", conv_im2col_float),
                       ("einsum on sliding windows", conv_einsum),
                       ("tensordot on sliding windows", conv_tensordot)],
    "conv2d_backward": [("tensordot for dw, strided slices per tap for dx", back_taps),
                        ("loops, dx collected in np.zeros_like of the padded input",
                         back_dx_like_x),
                        ("loops over examples, filters and positions (CS231n style)",
                         back_loops),
                        ("torch.autograd on float64 tensors", back_autograd)],
    "max_pool_forward": [("max over sliding windows", maxpool_windows),
                         ("loops over the output positions", maxpool_loops)],
    "max_pool_backward": [("five loops, argmax of each flattened window", maxback_full_loops),
                          ("loops with np.unravel_index of each window's argmax",
                           maxback_loops),
                          ("a one-hot mask of each window's first maximum", maxback_mask)],
    "avg_pool_forward": [("mean over sliding windows, in float64", avgpool_windows),
                         ("loops over the output positions, sum / F**2", avgpool_loops)],
    "avg_pool_backward": [("one strided slice per tap", avgback_taps),
                          ("adds dout / F**2 window by window", avgback_windows),
                          ("torch.autograd through avg_pool2d", avgback_autograd)],
    "sobel_filters": [("np.outer of [1, 2, 1] and [-1, 0, 1]", sobel_outer),
                      ("a float64 torch tensor", sobel_tensor),
                      ("the matrices typed in", sobel_literal)],
    "ResidualBlock": [("layers created in another order, functional ReLUs", BlockOtherOrder),
                      ("a ReLU module attribute and an in-place addition", BlockFunctional)],
    "train_cnn": [("torch.split of each epoch's permutation", train_torch_split),
                  ("permutes the data set, then splits it into batches", train_split)],
}

assert set(WRONG) == set(RIGHT)  # one entry per exercise of week07

# The WRONG entries written by a blind reviewer from the student release alone (issue 22).

# ------------------------------------------------------------------------------ blind review, round 2
def _back_taps_blind(dout, cache, crop_square=False, dw_cols_from_h=False):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Wo):
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum(
                "nk,kcpq->ncpq", dout[:, :, i, j], w)
    for i in range(Ho):
        for j in range(min(Ho, Wo) if dw_cols_from_h else Wo):  # H' columns: W' > H' lost
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j],
                            xpad[:, :, i * S:i * S + F, j * S:j * S + F])
    dx = dxpad[:, :, P:P + H, P:P + (H if crop_square else W)]  # H for the width too
    return dx, dw, dout.sum(axis=(0, 2, 3))


def back_crop_square(dout, cache):
    return _back_taps_blind(dout, cache, crop_square=True)


def back_dw_cols_from_h(dout, cache):
    return _back_taps_blind(dout, cache, dw_cols_from_h=True)


def avgback_one_window_short(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    dx = np.zeros(x.shape)
    for i in range((H - F) // S):  # one window too few down and across
        for j in range((W - F) // S):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / (F * F)
    return dx


def sobel_nested_lists():
    gx = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]
    return [[gx], [[list(r) for r in zip(*gx)]]]


def avgback_divides_dout_in_place(dout, cache):
    """Correct: the prompt does not forbid changing dout in place."""
    x, F, S = cache
    dx = np.zeros(np.shape(x))
    dout /= F * F
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None]
    return dx


WRONG["conv2d_backward"] += [
    ("dx cut out of the padded gradient with H for the width too", back_crop_square,
     "Try a wide x, shape (2, 2, 4, 7), and compare dx's shape with x's: check the slice that "
     "drops the padding, axis by axis."),
    ("dw sums over H' output columns instead of W'", back_dw_cols_from_h,
     "Try a wide x, shape (2, 2, 4, 7) with S=2 and P=1 (dout has 2 rows and 4 columns): compare "
     "dw with torch.autograd and check each loop bound's axis."),
]
WRONG["avg_pool_backward"] += [
    ("loops over (H - F) // S windows: the last row and column of windows get nothing",
     avgback_one_window_short,
     "With x: (1, 1, 4, 4), F=2, S=2 there are 2 windows down and 2 across: count how many "
     "your loops visit, and compare with dout's shape."),
]
WRONG["sobel_filters"] += [
    ("returns nested lists, not an array", sobel_nested_lists,
     "Print type(sobel_filters()): the docstring promises a float64 array of shape "
     "(2, 1, 3, 3), not a list."),
]
RIGHT["avg_pool_backward"] += [("divides dout in place (the prompt allows it)",
                                avgback_divides_dout_in_place)]


# ------------------------------------------------------- blind review, round 2 (r2w07)
def size_floors_parts(W, F, S=1, P=0):
    return (W - F) // S + (2 * P) // S + 1  # floors the padding apart from the rest


def size_while_strict(W, F, S=1, P=0):
    n, start = 0, 0
    while start + F < W + 2 * P:  # < drops the window that ends exactly at the edge
        n += 1
        start += S
    return n


def size_fraction(W, F, S=1, P=0):
    """Another correct version: math.floor of an exact fraction."""
    from fractions import Fraction

    return math.floor(Fraction(W - F + 2 * P, S)) + 1


def summary_floor_floats(layers, input_shape):
    """np.floor for the sizes: every size and count becomes a float (the values are right)."""
    C, H, W = input_shape
    shapes, params, flat = [], [], None
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            H, W = np.floor((H - F + 2 * P) / S) + 1, np.floor((W - F + 2 * P) / S) + 1
            params.append(F * F * C * K + K)
            C = K
            shapes.append((C, H, W))
        elif layer[0] == "pool":
            _, F, S = layer
            H, W = np.floor((H - F) / S) + 1, np.floor((W - F) / S) + 1
            params.append(0)
            shapes.append((C, H, W))
        else:
            M = layer[1]
            params.append((C * H * W if flat is None else flat) * M + M)
            flat = M
            shapes.append((M,))
    return shapes, params


def summary_conv_ceil(layers, input_shape):
    """A convolution's size rounded up (pools rounded down)."""
    shape, shapes, params = tuple(input_shape), [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            C, H, W = shape
            shape = (K, math.ceil((H - F + 2 * P) / S) + 1, math.ceil((W - F + 2 * P) / S) + 1)
            params.append(F * F * C * K + K)
        elif layer[0] == "pool":
            _, F, S = layer
            C, H, W = shape
            shape = (C, (H - F) // S + 1, (W - F) // S + 1)
            params.append(0)
        else:
            params.append(_flat(shape) * layer[1] + layer[1])
            shape = (layer[1],)
        shapes.append(shape)
    return shapes, params


def summary_fc_tracks_shape(layers, input_shape):
    """Another correct version: after an fc layer the shape is tracked as (M, 1, 1)."""
    C, H, W = input_shape
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            H, W = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
            params.append(F * F * C * K + K)
            C = K
            shapes.append((C, H, W))
        elif layer[0] == "pool":
            _, F, S = layer
            H, W = (H - F) // S + 1, (W - F) // S + 1
            params.append(0)
            shapes.append((C, H, W))
        else:
            M = layer[1]
            params.append(C * H * W * M + M)
            C, H, W = M, 1, 1
            shapes.append((M,))
    return shapes, params


def _conv_naive_dtype(x, w, b, S, P, dtype):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = _pad(x, P)
    out = np.zeros((N, K, Ho, Wo), dtype=dtype)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F]
                                             * w[k]) + b[k]
    return out, (x, w, b, S, P)


def conv_dtype_ignores_b(x, w, b, S=1, P=0):
    """out's dtype from x and w only: float32 x and w with a float64 b give float32."""
    return _conv_naive_dtype(x, w, b, S, P, np.result_type(x, w, np.float32))


def conv_float32_always(x, w, b, S=1, P=0):
    return _conv_naive_dtype(x, w, b, S, P, np.float32)


def conv_naive_einsum_window(x, w, b, S=1, P=0):
    """Another correct version: loops over n, k, i, j; einsum over c, p, q of each window."""
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = _pad(x, P)
    out = np.empty((N, K, Ho, Wo), dtype=np.result_type(x.dtype, w.dtype, b.dtype, np.float32))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.einsum("cpq,cpq->", xpad[n, :, i * S:i * S + F,
                                                                  j * S:j * S + F], w[k]) + b[k]
    return out, (x, w, b, S, P)


def conv_casts_to_float64(x, w, b, S=1, P=0):
    """Converts the inputs to float64 first: float32 inputs give a float64 output."""
    out, _ = conv_einsum(*(np.asarray(a, dtype=np.float64) for a in (x, w, b)), S, P)
    return out, (x, w, b, S, P)


def conv_caches_windows(x, w, b, S=1, P=0):
    out, _ = conv_einsum(x, w, b, S, P)
    return out, (_windows(_pad(np.asarray(x), P), np.shape(w)[2], S), w, b, S, P)


def back_zeros_like_inputs(dout, cache):
    """Another correct version: per-tap slices, dx and dw in np.zeros_like of the padded x
    and of w (float arrays here: the prompt makes no promise for integer images)."""
    x, w, b, S, P = cache
    F = w.shape[2]
    Ho, Wo = dout.shape[2:]
    xpad = _pad(x, P)
    dxpad, dw = np.zeros_like(xpad), np.zeros_like(w)
    for p in range(F):
        for q in range(F):
            rows, cols = slice(p, p + S * Ho, S), slice(q, q + S * Wo, S)
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xpad[:, :, rows, cols])
            dxpad[:, :, rows, cols] = dxpad[:, :, rows, cols] + np.einsum(
                "nkij,kc->ncij", dout, w[:, :, p, q])
    H, W = x.shape[2:]
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))


def back_dw_ignores_stride(dout, cache):
    """dw's per-tap slices of the padded input step by 1 instead of S."""
    x, w, b, S, P = cache
    F = w.shape[2]
    Ho, Wo = dout.shape[2:]
    xpad = _pad(x, P)
    dxpad, dw = np.zeros(xpad.shape), np.zeros(w.shape)
    for p in range(F):
        for q in range(F):
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xpad[:, :, p:p + Ho, q:q + Wo])
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum(
                "nkij,kc->ncij", dout, w[:, :, p, q])
    H, W = x.shape[2:]
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))


def sobel_rot90():
    return np.stack([_GX, np.rot90(_GX)])[:, None]  # rot90 of G_x is -G_y


def back_reached_area(dout, cache):
    """Another correct version: the padded gradient only as large as the windows reach."""
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    F = w.shape[2]
    Ho, Wo = dout.shape[2:]
    xpad = _pad(x, P)
    Hr, Wr = S * (Ho - 1) + F, S * (Wo - 1) + F
    dxpad, dw = np.zeros((N, C, Hr, Wr)), np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Wo):
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j],
                            xpad[:, :, i * S:i * S + F, j * S:j * S + F])
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum(
                "nk,kcpq->ncpq", dout[:, :, i, j], w)
    dx = np.zeros(x.shape)
    h, wd = min(H, Hr - P), min(W, Wr - P)
    dx[:, :, :h, :wd] = dxpad[:, :, P:P + h, P:P + wd]
    return dx, dw, dout.sum(axis=(0, 2, 3))


def maxpool_cache_s_f(x, F, S):
    out, _ = maxpool_windows(x, F, S)
    return out, (np.asarray(x), S, F)  # the cache's F and S swapped


def maxpool_caches_output(x, F, S):
    out, _ = maxpool_windows(x, F, S)
    return out, (out, F, S)


def maxpool_starts_at_minus_1e9(x, F, S):
    """A running maximum that starts at -1e9: windows below -1e9 give -1e9."""
    x = np.asarray(x)
    return np.maximum(_windows(x, F, S).max(axis=(4, 5)), -1e9), (x, F, S)


def maxpool_first_tap(x, F, S):
    """Another correct version: a running maximum started at each window's first element."""
    x = np.asarray(x)
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = x[:, :, 0:S * (Ho - 1) + 1:S, 0:S * (Wo - 1) + 1:S].copy()
    for p in range(F):
        for q in range(F):
            out = np.maximum(out, x[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S])
    return out, (x, F, S)


def maxback_dtype_of_inputs(dout, cache):
    """dx's dtype from x and dout together: integer x and dout give an integer dx."""
    x, F, S = cache
    N, C = x.shape[:2]
    dx = np.zeros(x.shape, dtype=np.result_type(x, dout))
    n_idx, c_idx = np.indices((N, C))
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            first = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, F * F).argmax(axis=2)
            p, q = np.divmod(first, F)
            dx[n_idx, c_idx, i * S + p, j * S + q] += dout[:, :, i, j]
    return dx


def maxback_add_at(dout, cache):
    """Another correct version: np.add.at over every window at once."""
    x, F, S = cache
    N, C = x.shape[:2]
    Ho, Wo = dout.shape[2:]
    k = _windows(x, F, S)[:, :, :Ho, :Wo].reshape(N, C, Ho, Wo, F * F).argmax(axis=-1)
    p, q = np.divmod(k, F)
    n, c, i, j = np.meshgrid(np.arange(N), np.arange(C), np.arange(Ho), np.arange(Wo),
                             indexing="ij")
    dx = np.zeros(x.shape)
    np.add.at(dx, (n, c, i * S + p, j * S + q), dout)
    return dx


def avgpool_cache_s_f(x, F, S):
    out, _ = avgpool_windows(x, F, S)
    return out, (np.asarray(x), S, F)  # the cache's F and S swapped


def avgback_square(dout, cache):
    """The number of output positions computed from H, for both axes (square inputs only)."""
    x, F, S = cache
    H = x.shape[2]
    Ho = (H - F) // S + 1
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Ho):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / F**2
    return dx


def avgback_kron(dout, cache):
    """np.kron upsampling of dout by F x F blocks: right only when S = F."""
    x, F, S = cache
    H, W = x.shape[2:]
    up = np.kron(dout, np.ones((F, F))) / (F * F)
    dx = np.zeros(x.shape)
    h, wd = min(H, up.shape[2]), min(W, up.shape[3])
    dx[:, :, :h, :wd] = up[:, :, :h, :wd]
    return dx


class BlockReluBeforeBn1(_Block):
    def forward(self, x):
        return torch.relu(x + self.bn2(self.conv2(self.bn1(torch.relu(self.conv1(x))))))


class BlockBn2BeforeConv2(_Block):
    def forward(self, x):
        return torch.relu(x + self.conv2(self.bn2(torch.relu(self.bn1(self.conv1(x))))))


class BlockSamePadding(torch.nn.Module):
    """Another correct version: padding="same", a ReLU module, layers declared convs first."""

    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, kernel_size=3, padding="same", bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, kernel_size=3, padding="same", bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)
        self.act = torch.nn.ReLU()

    def forward(self, x):
        h = self.bn2(self.conv2(self.act(self.bn1(self.conv1(x)))))
        return torch.nn.functional.relu(h + x)


def _train_order(make_model, X, y, epochs, lr, batch_size, seed, order_rule):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator(device=device).manual_seed(seed)
    first = torch.randperm(len(X), generator=gen, device=device)
    for _ in range(epochs):
        order = order_rule(first, len(X), device)
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


def train_no_shuffle(*args):
    """No shuffling: the mini-batches follow the data's order."""
    return _train_order(*args, lambda first, N, device: torch.arange(N, device=device))


WRONG["conv_output_size"] += [
    ("floors (W - F) / S and 2P / S separately, then adds them", size_floors_parts,
     "Try W=8, F=3, S=3, P=1: draw the padded row of 10 and count where a 3-wide window can "
     "start. The zeros are part of the row: is the padding divided on its own in your formula?"),
]
WRONG["conv_output_size"] += [
    ("counts the windows with start + F < W + 2P: the window that ends at the edge is lost",
     size_while_strict,
     "Try W=5, F=3, S=1, P=0: the windows start at 0, 1 and 2, and the last one ends exactly at "
     "the row's end. Does your count include it? Check < against <=."),
]
WRONG["conv2d_backward"] += [
    ("dw's slices of the padded input step by 1 instead of S", back_dw_ignores_stride,
     "With S=2, output (i, j) read the window starting at (2i, 2j). Check which pixels your dw "
     "pairs with dout[:, :, i, j] for tap (p, q), and compare dw with torch.autograd."),
]
WRONG["sobel_filters"] += [
    ("G_y made by rotating G_x by 90 degrees, which gives -G_y", sobel_rot90,
     "Apply your second filter to an image that gets brighter towards the bottom (x[i, j] = i): "
     "the response must be positive. A rotation by 90 degrees is not a transpose."),
]
WRONG["cnn_summary"] += [
    ("np.floor for the sizes: float shapes and float parameter counts", summary_floor_floats,
     "Print type(params[0]) for LeNet-5: the prompt asks for ints. Which operation turns an "
     "integer size into a float, and which operator keeps it whole?"),
    ("rounds a convolution's size up (ceil) when S does not divide", summary_conv_ceil,
     "Try ('conv', 2, 3, 2, 0) on a (1, 10, 11) input and list the columns where a window can "
     "start: does the last one fit inside the row? Compare with exercise 1's rule."),
]
WRONG["conv2d_forward_naive"] += [
    ("the output's dtype follows x and w but not b", conv_dtype_ignores_b,
     "Call it with float32 x and w and a float64 b and print out.dtype: the prompt asks for "
     "float32 only when all three are float32. Which arrays decide your output's dtype?"),
    ("a float32 output whatever the inputs' dtype", conv_float32_always,
     "Call it with float64 x, w and b and print out.dtype: the prompt asks for float64 then. "
     "Where does your output array get its dtype?"),
]
WRONG["conv2d_forward"] += [
    ("converts the inputs to float64 first: float32 inputs give a float64 output",
     conv_casts_to_float64,
     "Call it with float32 x, w and b and print out.dtype: the prompt asks for float32 then. "
     "Look for a conversion at the start of your function."),
    ("the output takes x's dtype: float32 x with float64 w gives float32", conv_output_like_x,
     "Call it with a float32 x and float64 w and b and print out.dtype: the prompt asks for "
     "float64 when any input is float64. Which array decides your output's dtype?"),
    ("the cache holds the windows instead of x", conv_caches_windows,
     "Compare cache[0].shape with x.shape: the prompt's cache is (x, w, b, S, P), the arrays "
     "as they were passed in."),
]
WRONG["max_pool_forward"] += [
    ("the cache holds (x, S, F): F and S swapped", maxpool_cache_s_f,
     "Call it with F=3, S=2 and print the cache: the prompt's order is (x, F, S). With F = S "
     "the two orders look the same."),
    ("the cache holds the output instead of x", maxpool_caches_output,
     "Compare cache[0].shape with x.shape: the prompt's cache is (x, F, S), and the backward "
     "pass reads x from it."),
    ("a running maximum that starts at -1e9: windows below -1e9 give -1e9",
     maxpool_starts_at_minus_1e9,
     "Try x = -1e12 * np.ones((1, 1, 2, 2)) with F=S=2: the maximum is -1e12. What value does "
     "your maximum start from, and can any input be below it?"),
]
WRONG["max_pool_backward"] += [
    ("dx's dtype from x and dout together: integer x and dout give an integer dx",
     maxback_dtype_of_inputs,
     "Call it with integer x and an integer dout and print dx.dtype: the prompt promises a float "
     "array. Which arrays decide your dx's dtype?"),
]
WRONG["avg_pool_forward"] += [
    ("the cache holds (x, S, F): F and S swapped", avgpool_cache_s_f,
     "Call it with F=3, S=2 and print the cache: the prompt's order is (x, F, S). With F = S "
     "the two orders look the same."),
]
WRONG["avg_pool_backward"] += [
    ("dx in np.zeros_like(x): fails for an integer x", avgback_like_x,
     "Call it with an integer x, e.g. np.arange(8).reshape(1, 1, 2, 4), F=S=2 and dout = ones: "
     "the prompt promises a float dx. Which dtype does your dx get?"),
    ("the number of output positions computed from H for both axes (square inputs only)",
     avgback_square,
     "Try a wide x, shape (1, 1, 4, 7), F=S=2: every one of dout's 3 columns should reach dx. "
     "Check where each of your loop bounds comes from."),
    ("np.kron upsampling of dout: right only when S = F", avgback_kron,
     "Try F=3, S=2 on a 5x5 input with dout = ones: the middle row lies in two windows. Does "
     "your dx add both shares there?"),
]
WRONG["ResidualBlock"] += [
    ("ReLU before bn1 instead of after it", BlockReluBeforeBn1,
     "Write your forward's operations next to the formula, from the inside out: what does the "
     "first ReLU act on? Load different batch-norm statistics to see the difference."),
    ("bn2 before conv2 instead of after it", BlockBn2BeforeConv2,
     "Write your forward's operations next to the formula, from the inside out: does the second "
     "batch norm act on conv2's output or on its input?"),
]
WRONG["train_cnn"] += [
    ("no shuffling: mini-batches in the data's order", train_no_shuffle,
     "Re-read step 4: which indices make up each mini-batch? Print the first few of the first "
     "epoch and compare with torch.randperm from the seeded generator."),
]
RIGHT["conv_output_size"] += [("math.floor of an exact Fraction", size_fraction)]
RIGHT["cnn_summary"] += [("tracks (C, H, W) = (M, 1, 1) after an fc layer",
                          summary_fc_tracks_shape)]
RIGHT["conv2d_forward_naive"] += [("loops over n, k, i, j, einsum over each window",
                                   conv_naive_einsum_window)]
RIGHT["conv2d_backward"] += [("the padded gradient only as large as the windows reach",
                              back_reached_area),
                             ("per-tap slices, gradients in np.zeros_like of xpad and w",
                              back_zeros_like_inputs)]
RIGHT["max_pool_forward"] += [("a running maximum started at each window's first element",
                               maxpool_first_tap)]
RIGHT["max_pool_backward"] += [("np.add.at over every window at once", maxback_add_at)]
RIGHT["ResidualBlock"] += [("padding='same', a ReLU module, convs declared first",
                            BlockSamePadding)]

BLIND = {
    "conv_output_size": ["returns a float (true division) when S divides W - F + 2P",
                         "rounds (W - F + 2P) / S up (ceil) instead of down",
                         "pads one side only: W - F + P instead of W - F + 2P"],
    "cnn_summary": ["rounds a convolution's size to the nearest integer instead of down",
                    "a pooling layer's stride taken to be its window size F",
                    "the flattened size of a (C, H, W) output taken as C * H * H"],
    "conv2d_forward_naive": ["the output takes x's dtype: an integer image truncates every output",
                             "the cache holds the padded x instead of the x passed in",
                             "the output width computed from H (right for square images only)"],
    "conv2d_forward": ["the cache holds the padded x instead of the x passed in",
                       "the cache holds the filters reshaped to (K, C*F*F) instead of w",
                       "integer x, w and b give an integer output"],
    "conv2d_backward": ["the padded gradient built with H for both sides (square images only)",
                        "the number of output columns taken from dout.shape[2] (square outputs "
                        "only)",
                        "dx cut out of the padded gradient with H for the width too",
                        "dw sums over H' output columns instead of W'"],
    "max_pool_forward": ["a running maximum that starts at 0: all-negative windows give 0",
                         "the cache holds the windows instead of x",
                         "the windows' columns advance by F instead of S"],
    "max_pool_backward": ["the number of output columns computed from H (square inputs only)",
                          "dx takes x's dtype: fails or truncates for an integer x",
                          "np.isclose picks an element a hair below the maximum"],
    "avg_pool_forward": ["the output takes x's dtype: an integer x truncates the means",
                         "the cache holds the output instead of x",
                         "the windows' columns advance by F instead of S"],
    "avg_pool_backward": ["overlapping windows overwrite each other's gradient instead of adding up",
                          "divides the gradient by F instead of F*F",
                          "loops over (H - F) // S windows: the last row and column of windows "
                          "get nothing"],
    "sobel_filters": ["an integer array instead of float64", "a float32 array instead of float64",
                      "returns nested lists, not an array"],
    "ResidualBlock": ["bn1 used for both batch norms (bn2 unused)", "no ReLU between bn1 and conv2",
                      "relu(relu(x) + F(x)): an extra ReLU on the skip connection"],
    "train_cnn": ["randperm draws from the global generator, not the seeded one",
                  "the generator is created again every epoch: each epoch has the same order",
                  "drops the last, smaller mini-batch", "never puts the model in training mode",
                  "the summed cross-entropy instead of the mean"],
}
# The second blind reviewer of round 2 (r2w07): new entries and the earlier ones it met again.
BLIND["conv_output_size"] += ["floors (W - F) / S and 2P / S separately, then adds them",
                              "rounds (W - F + 2P) / S to the nearest integer instead of down"]
BLIND["conv_output_size"] += ["counts the windows with start + F < W + 2P: the window that ends "
                              "at the edge is lost"]
BLIND["conv2d_backward"] += [
    "dw's slices of the padded input step by 1 instead of S"]
BLIND["sobel_filters"] += ["G_y made by rotating G_x by 90 degrees, which gives -G_y"]
BLIND["cnn_summary"] += ["np.floor for the sizes: float shapes and float parameter counts",
                         "rounds a convolution's size up (ceil) when S does not divide"]
BLIND["conv2d_forward_naive"] += ["the output's dtype follows x and w but not b",
                                  "a float32 output whatever the inputs' dtype"]
BLIND["conv2d_forward"] += ["converts the inputs to float64 first: float32 inputs give a "
                            "float64 output",
                            "the output takes x's dtype: float32 x with float64 w gives float32",
                            "the cache holds the windows instead of x"]
BLIND["max_pool_forward"] += ["the cache holds (x, S, F): F and S swapped",
                              "the cache holds the output instead of x",
                              "a running maximum that starts at -1e9: windows below -1e9 give "
                              "-1e9"]
BLIND["max_pool_backward"] += ["dx's dtype from x and dout together: integer x and dout give an "
                               "integer dx",
                               "overlapping windows overwrite each other's gradient instead of "
                               "adding up"]
BLIND["avg_pool_forward"] += ["the cache holds (x, S, F): F and S swapped",
                              "ignores the stride (windows never overlap)"]
BLIND["avg_pool_backward"] += ["dx in np.zeros_like(x): fails for an integer x",
                               "the number of output positions computed from H for both axes "
                               "(square inputs only)",
                               "np.kron upsampling of dout: right only when S = F"]
BLIND["ResidualBlock"] += ["ReLU before bn1 instead of after it",
                           "bn2 before conv2 instead of after it"]
BLIND["train_cnn"] += ["no shuffling: mini-batches in the data's order"]


# ------------------------------------------------------------------------------ blind review, round 3
def size_float32(W, F, S=1, P=0):
    """The division done in float32, which holds whole numbers exactly only below 2**24."""
    return int(np.float32((W - F + 2 * P) / S)) + 1


def conv_strides_parts(x, w, b, S=1, P=0):
    """im2col whose output size floors (H - F) / S and 2P / S separately."""
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F) // S + 2 * P // S + 1, (W - F) // S + 2 * P // S + 1
    win = _windows(_pad(x, P), F, S)[:, :, :Ho, :Wo]
    out = np.einsum("nchwpq,kcpq->nkhw", win, w) + b[None, :, None, None]
    return out.astype(np.result_type(out, np.float32)), (x, w, b, S, P)


def avgpool_blocks_square(x, F, S):
    """When S = F, reshapes into F x F blocks, cropping both sides to H' * F (square only)."""
    N, C, H, W = x.shape
    if F == S:
        Ho = (H - F) // S + 1
        blocks = x[:, :, :Ho * F, :Ho * F].reshape(N, C, Ho, F, Ho, F)
        return blocks.mean(axis=(3, 5)), (x, F, S)
    return _windows(x, F, S).mean(axis=(-2, -1)), (x, F, S)


def avgback_kron_when_s_is_f(dout, cache):
    """When S = F, dx = np.kron(dout, ones) / F**2, as large as the windows cover only."""
    x, F, S = cache
    if F == S:
        return np.kron(dout, np.ones((F, F))) / (F * F)
    return avgback_windows(dout, cache)


def avgback_like_dout(dout, cache):
    """Correct: dx in dout's dtype (the prompt promises nothing for an integer dout)."""
    x, F, S = cache
    dout = np.asarray(dout)
    dx = np.zeros_like(dout, shape=np.shape(x))
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            share = (dout[:, :, i, j] / (F * F))[:, :, None, None]
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += share.astype(dx.dtype)
    return dx


class BlockAddsIntoX(_Block):
    """x += F(x): changes the input in place, which autograd refuses for a tensor it needs."""

    def forward(self, x):
        x += self.branch(x)
        return torch.relu(x)


WRONG["conv_output_size"] += [
    ("the division done in float32: wrong for widths above 2**24", size_float32,
     "Try W=16777219, F=2, S=1, P=0: the answer is 16777218. Does yours agree? Check the type "
     "of every intermediate number in your formula."),
]
WRONG["conv2d_forward"] += [
    ("floors (H - F) / S and 2P / S separately: a window is lost when S does not divide",
     conv_strides_parts,
     "Try x of shape (1, 1, 5, 5), a 3x3 filter, S=3, P=1: the padded row holds 7 pixels and "
     "windows start at 0 and 3, so H' = 2. Check where your padding enters H'."),
]
WRONG["avg_pool_forward"] += [
    ("when S = F, crops both sides to H' * F blocks (square inputs only)",
     avgpool_blocks_square,
     "Try a wide x, shape (1, 1, 4, 6), with F=S=2: the output should be (1, 1, 2, 3). Check "
     "every place where your code uses H' or W'."),
]
WRONG["avg_pool_backward"] += [
    ("when S = F, dx = np.kron of dout: too small when F does not divide H or W",
     avgback_kron_when_s_is_f,
     "Try x of shape (1, 1, 5, 5) with F=S=2: the last row and column are in no window. Does "
     "your dx still have x's shape, with 0 there?"),
]
WRONG["ResidualBlock"] += [
    ("adds the branch into x in place: backward through the block fails", BlockAddsIntoX,
     "Call your block on x = torch.randn(2, 3, 5, 4, requires_grad=True) and run "
     "out.sum().backward(): does it work? Check which tensors your forward changes in place."),
]

RIGHT["avg_pool_backward"] += [("dx in np.zeros_like(dout): dout's dtype (an integer dout is "
                                "outside the prompt)", avgback_like_dout)]

BLIND["conv_output_size"] += ["the division done in float32: wrong for widths above 2**24"]
BLIND["conv2d_forward"] += ["floors (H - F) / S and 2P / S separately: a window is lost when S "
                            "does not divide"]
BLIND["avg_pool_forward"] += ["when S = F, crops both sides to H' * F blocks (square inputs only)"]
BLIND["avg_pool_backward"] += ["when S = F, dx = np.kron of dout: too small when F does not "
                               "divide H or W"]
BLIND["ResidualBlock"] += ["adds the branch into x in place: backward through the block fails"]
assert all(why in {w for w, *_ in WRONG[ex]} for ex, whys in BLIND.items() for why in whys)
