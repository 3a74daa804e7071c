"""Reference solutions of week07/convnets.ipynb: generated, never edit by hand.

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
from dlcourse import check, data, plot
from dlcourse.train import get_device, quick_mode, scaled, seed_everything


def conv_output_size(W, F, S=1, P=0):
    """Output width (or height) of a convolution or pooling window sliding over a width W.

    Args:
        W: input width (an int). F: filter (window) size. S: stride, >= 1.
        P: zero padding added on *each* side (0 for pooling). Assume F <= W + 2P.

    Returns:
        int, floor((W - F + 2P) / S) + 1: torch's rule, a window that would stick out past
        the padded input is dropped.
    """
    return (W - F + 2 * P) // S + 1  # the padding widens the input *before* the stride


def cnn_summary(layers, input_shape):
    """Output shape and number of parameters of each layer of a small CNN.

    Args:
        layers: list of tuples, one per layer, applied in order:
            ("conv", K, F, S, P): K filters of size F x F, stride S, zero padding P, with a
                bias per filter;
            ("pool", F, S): max or average pooling, F x F windows, stride S, no padding;
            ("fc", M): flatten the input, then a fully connected layer with M outputs and
                a bias per output.
        input_shape: (C, H, W) of one input image.

    Returns:
        shapes: list of tuples, the output shape of each layer: (K, H', W') after a
            convolution, (C, H', W') after pooling, (M,) after a fully connected layer.
        params: list of ints, the number of parameters (weights and biases) of each layer.
    """
    shape = tuple(int(s) for s in input_shape)
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            C, H, W = shape
            shape = (K, (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1)
            params.append(F * F * C * K + K)  # K filters of shape (C, F, F), K biases
        elif layer[0] == "pool":
            _, F, S = layer
            C, H, W = shape
            shape = (C, (H - F) // S + 1, (W - F) // S + 1)
            params.append(0)  # a max or a mean has nothing to learn
        elif layer[0] == "fc":
            _, M = layer
            D = int(np.prod(shape))  # the flattened input
            shape = (M,)
            params.append(D * M + M)
        else:
            raise ValueError(f"unknown layer {layer!r}")
        shapes.append(shape)
    return shapes, params


def conv2d_forward_naive(x, w, b, S=1, P=0):
    """Convolution layer as torch computes it (cross-correlation), with explicit loops.

    Args:
        x: (N, C, H, W) input images. w: (K, C, F, F) filters. b: (K,) biases.
        S: stride. P: zero padding on each side of H and W.

    Returns:
        out: (N, K, H', W') with H' = (H - F + 2P) // S + 1 and W' likewise,
            out[n, k, i, j] = sum over c, p, q of xpad[n, c, i*S + p, j*S + q] * w[k, c, p, q]
            + b[k], where xpad is x with P zeros added on each side of H and W.
        cache: the tuple (x, w, b, S, P), for conv2d_backward.
    """
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))  # (N, C, H + 2P, W + 2P), zeros
    H_out = (H - F + 2 * P) // S + 1
    W_out = (W - F + 2 * P) // S + 1
    out = np.zeros((N, K, H_out, W_out), dtype=np.result_type(x, w, b, np.float32))  # float
    for n in range(N):
        for k in range(K):
            for i in range(H_out):
                for j in range(W_out):
                    window = xpad[n, :, i * S:i * S + F, j * S:j * S + F]  # (C, F, F)
                    out[n, k, i, j] = np.sum(window * w[k]) + b[k]  # no flip of w
    return out, (x, w, b, S, P)


def conv2d_forward(x, w, b, S=1, P=0):
    """Vectorized convolution layer: the same result as conv2d_forward_naive, no Python loop
    over examples, filters or positions.

    Args:
        x: (N, C, H, W) input images. w: (K, C, F, F) filters. b: (K,) biases.
        S: stride. P: zero padding on each side of H and W.

    Returns:
        out: (N, K, H', W') float array, H' = (H - F + 2P) // S + 1, W' likewise:
            float32 when x, w and b are all float32, float64 when any is float64 (or when
            all three are integer arrays).
        cache: the tuple (x, w, b, S, P), for conv2d_backward.
    """
    x, w, b = np.asarray(x), np.asarray(w), np.asarray(b)
    dtype = np.result_type(x, w, b, np.float32)  # a float array, even for integer inputs
    w, b = w.astype(dtype, copy=False), b.astype(dtype, copy=False)
    K, C, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))  # (N, C, H + 2P, W + 2P)
    windows = np.lib.stride_tricks.sliding_window_view(xpad, (F, F), axis=(2, 3))
    windows = windows[:, :, ::S, ::S]  # (N, C, H', W', F, F): every S-th window, a view
    N, _, H_out, W_out = windows.shape[:4]
    # im2col: one row per (c, p, q), one column per output position (n, i, j); the copy
    # runs along the rows of the image, in memory order, so it is fast
    cols = windows.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, N * H_out * W_out)
    out = w.reshape(K, C * F * F) @ cols + b[:, None]  # (K, N*H'*W'): one matrix product
    return out.reshape(K, N, H_out, W_out).transpose(1, 0, 2, 3), (x, w, b, S, P)


def conv2d_backward(dout, cache):
    """Backward pass of the convolution layer.

    Args:
        dout: (N, K, H', W') gradient of the cost with respect to the layer's output.
        cache: (x, w, b, S, P) as returned by the forward pass: x: (N, C, H, W),
            w: (K, C, F, F), b: (K,), stride S, padding P.

    Returns:
        dx: (N, C, H, W), dw: (K, C, F, F), db: (K,): gradients of the cost with respect to
            x, w and b. Pixels that no window reaches get a gradient of 0.
    """
    x, w, b, S, P = cache
    dout = np.asarray(dout)
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    H_out, W_out = dout.shape[2:]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))  # (N, C, H + 2P, W + 2P)
    windows = np.lib.stride_tricks.sliding_window_view(xpad, (F, F), axis=(2, 3))
    windows = windows[:, :, ::S, ::S]  # (N, C, H', W', F, F)
    db = dout.sum(axis=(0, 2, 3))  # b[k] is added at every example and position
    dw = np.tensordot(dout, windows, axes=([0, 2, 3], [0, 2, 3]))  # (K, C, F, F)
    dxpad = np.zeros(xpad.shape, dtype=np.result_type(dout, w))
    for p in range(F):  # filter tap (p, q) touched xpad[:, :, i*S + p, j*S + q]
        for q in range(F):
            contrib = np.tensordot(dout, w[:, :, p, q], axes=([1], [0]))  # (N, H', W', C)
            dxpad[:, :, p:p + S * H_out:S, q:q + S * W_out:S] += contrib.transpose(0, 3, 1, 2)
    dx = dxpad[:, :, P:P + H, P:P + W]  # the padding's gradient is thrown away
    return dx, dw, db


def max_pool_forward(x, F, S):
    """Max pooling over F x F windows with stride S, no padding.

    Args:
        x: (N, C, H, W). F: window size. S: stride.

    Returns:
        out: (N, C, H', W'), H' = (H - F) // S + 1, W' likewise; the maximum of each window,
            channel by channel.
        cache: the tuple (x, F, S), for max_pool_backward.
    """
    x = np.asarray(x)
    windows = np.lib.stride_tricks.sliding_window_view(x, (F, F), axis=(2, 3))
    out = windows[:, :, ::S, ::S].max(axis=(4, 5))  # (N, C, H', W')
    return out, (x, F, S)


def max_pool_backward(dout, cache):
    """Backward pass of max pooling.

    Each window passes its gradient to ONE element: its maximum; when several elements tie
    for the maximum, the first of them in row-major order (row by row, left to right inside
    the window), as torch does. Where windows overlap (S < F), contributions add up.

    Args:
        dout: (N, C, H', W') gradient with respect to the pooled output.
        cache: (x, F, S) as returned by max_pool_forward; x: (N, C, H, W).

    Returns:
        dx: (N, C, H, W) float array.
    """
    x, F, S = cache
    dout = np.asarray(dout)
    N, C, H, W = x.shape
    H_out, W_out = dout.shape[2:]
    dx = np.zeros(x.shape, dtype=np.result_type(dout, np.float32))
    n_idx, c_idx = np.indices((N, C))  # (N, C) each
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, F * F)
            first = window.argmax(axis=2)  # (N, C): argmax returns the FIRST maximum
            p, q = np.divmod(first, F)  # its row and column inside the window
            dx[n_idx, c_idx, i * S + p, j * S + q] += dout[:, :, i, j]
    return dx


def avg_pool_forward(x, F, S):
    """Average pooling over F x F windows with stride S, no padding.

    Args:
        x: (N, C, H, W). F: window size. S: stride.

    Returns:
        out: (N, C, H', W'), H' = (H - F) // S + 1, W' likewise; the mean of each window.
        cache: the tuple (x, F, S), for avg_pool_backward.
    """
    x = np.asarray(x)
    windows = np.lib.stride_tricks.sliding_window_view(x, (F, F), axis=(2, 3))
    out = windows[:, :, ::S, ::S].mean(axis=(4, 5))  # (N, C, H', W')
    return out, (x, F, S)


def avg_pool_backward(dout, cache):
    """Backward pass of average pooling.

    Every element of a window receives the window's gradient divided by F * F (the mean
    weighs each of its F * F inputs by 1 / F**2). Where windows overlap (S < F),
    contributions add up; elements that no window covers get 0.

    Args:
        dout: (N, C, H', W') gradient with respect to the pooled output.
        cache: (x, F, S) as returned by avg_pool_forward; x: (N, C, H, W).

    Returns:
        dx: (N, C, H, W) float array.
    """
    x, F, S = cache
    dout = np.asarray(dout)
    H_out, W_out = dout.shape[2:]
    dx = np.zeros(x.shape, dtype=np.result_type(dout, np.float32))
    share = dout / (F * F)  # (N, C, H', W'): what each element of a window gets
    for p in range(F):  # element (p, q) of every window at once
        for q in range(F):
            dx[:, :, p:p + S * H_out:S, q:q + S * W_out:S] += share
    return dx


def sobel_filters():
    """The two Sobel edge detectors as a filter bank for torch's conv2d.

    Returns:
        w: (2, 1, 3, 3) float64 array.
            w[0] responds to horizontal change: positive where the image gets brighter from
                left to right (central difference [-1, 0, 1] along each row, rows weighted
                [1, 2, 1] from top to bottom);
            w[1] responds to vertical change: positive where the image gets brighter from
                top to bottom (w[1, 0] is the transpose of w[0, 0]).
    """
    smooth = np.array([1.0, 2.0, 1.0])  # weights across the direction of the difference
    diff = np.array([-1.0, 0.0, 1.0])  # right minus left (cross-correlation: no flip)
    gx = np.outer(smooth, diff)  # (3, 3): [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    return np.stack([gx, gx.T])[:, None]  # (2, 1, 3, 3)


class ResidualBlock(torch.nn.Module):
    """A basic residual block with batch norm: out = relu(x + bn2(conv2(relu(bn1(conv1(x)))))).

    conv1 and conv2: torch.nn.Conv2d(C, C, 3, padding=1, bias=False) (the batch norm right
    after each conv has its own shift, so a conv bias would be redundant);
    bn1 and bn2: torch.nn.BatchNorm2d(C). Input and output: (N, C, H, W).
    """

    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))  # (N, C, H, W)
        h = self.bn2(self.conv2(h))  # (N, C, H, W), the residual F(x)
        return torch.relu(x + h)  # skip connection first, then the ReLU


def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    """Train a classifier with Adam and mini-batches, in a fixed order of random draws.

    In this order: seed_everything(seed); model = make_model(), moved to get_device();
    X and y moved to that device (once, before the loop); optimizer
    torch.optim.Adam(model.parameters(), lr=lr); loss torch.nn.CrossEntropyLoss() (mean).
    A generator = torch.Generator(device=device).manual_seed(seed) orders the examples: each
    epoch draws torch.randperm(N, generator=generator, device=device) and takes mini-batches
    of batch_size rows in that order (the last one may be smaller). Each mini-batch: model in training mode,
    inference, loss, zero_grad, backward, step.

    Args:
        make_model: a function of no arguments returning a torch.nn.Module that maps
            (B, 1, 8, 8) images to (B, K) logits.
        X: (N, 1, 8, 8) float32 tensor. y: (N,) int64 tensor of labels.
        epochs: passes over the data (0 returns the untrained model).
        lr: Adam's learning rate. batch_size: rows per step. seed: as above.

    Returns:
        model: the trained model, on get_device().
    """
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)  # once: nothing moves between devices in the loop
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)  # draws on the device
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator, device=device)  # (N,)
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            loss = loss_fn(model(X[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
