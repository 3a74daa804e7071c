# Blind review, round 2, week 7 (convnets). Phase-1 version: week07-phase1.py.
# Phase 2 moved four candidates and added three (see their descriptions).

WRONG = {
    'conv_output_size': [
        ('floors the padding and the rest separately: (W - F) // S + 2P // S + 1 (prompt: the padding is added before the stride, floor of the whole (W - F + 2P) / S)', '''
def conv_output_size(W, F, S=1, P=0):
    return (W - F) // S + (2 * P) // S + 1
'''),
        ('rounds (W - F + 2P) / S to the nearest integer instead of down (prompt: rounding down as PyTorch does)', '''
def conv_output_size(W, F, S=1, P=0):
    return int(round((W - F + 2 * P) / S)) + 1
'''),
        ('(added in phase 2, not blind) counts windows with a while loop using < where the last window may end exactly at the padded edge (<=)', '''
def conv_output_size(W, F, S=1, P=0):
    n, start = 0, 0
    while start + F < W + 2 * P:
        n += 1
        start += S
    return n
'''),
    ],
    'cnn_summary': [
        ("pooling ignores its stride, uses F as the step (prompt: ('pool', F, S): F x F windows, stride S)", '''
def cnn_summary(layers, input_shape):
    shape = tuple(input_shape)
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            C, H, W = shape
            shape = (K, (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1)
            params.append(F * F * C * K + K)
        elif layer[0] == "pool":
            _, F, S = layer
            C, H, W = shape
            shape = (C, H // F, W // F)
            params.append(0)
        else:
            _, M = layer
            D = 1
            for d in shape:
                D *= d
            shape = (M,)
            params.append(D * M + M)
        shapes.append(shape)
    return shapes, params
'''),
        ('np.floor for the sizes: shapes and counts are floats, not ints (prompt: counts ints)', '''
def cnn_summary(layers, input_shape):
    C, H, W = input_shape
    shapes, params = [], []
    flat = None
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            H = np.floor((H - F + 2 * P) / S) + 1
            W = np.floor((W - F + 2 * P) / S) + 1
            params.append(F * F * C * K + K)
            C = K
            shapes.append((C, H, W))
        elif layer[0] == "pool":
            _, F, S = layer
            H = np.floor((H - F) / S) + 1
            W = np.floor((W - F) / S) + 1
            params.append(0)
            shapes.append((C, H, W))
        else:
            _, M = layer
            D = C * H * W if flat is None else flat
            params.append(D * M + M)
            flat = M
            shapes.append((M,))
    return shapes, params
'''),
        ('a convolution rounds its size up when S does not divide (prompt: round down as in exercise 1)', '''
import math

def cnn_summary(layers, input_shape):
    shape = list(input_shape)
    shapes, params = [], []
    for layer in layers:
        kind = layer[0]
        if kind == "conv":
            _, K, F, S, P = layer
            C, H, W = shape
            shape = [K, math.ceil((H - F + 2 * P) / S) + 1, math.ceil((W - F + 2 * P) / S) + 1]
            params.append(F * F * C * K + K)
        elif kind == "pool":
            _, F, S = layer
            C, H, W = shape
            shape = [C, (H - F) // S + 1, (W - F) // S + 1]
            params.append(0)
        else:
            D = int(np.prod(shape))
            shape = [layer[1]]
            params.append(D * layer[1] + layer[1])
        shapes.append(tuple(shape))
    return shapes, params
'''),
        ('flattening assumes a square map: D = C * H * H (prompt: height and width may differ)', '''
def cnn_summary(layers, input_shape):
    C, H, W = input_shape
    shapes, params = [], []
    D = None
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
            if D is None:
                D = C * H * H
            params.append(D * M + M)
            D = M
            shapes.append((M,))
    return shapes, params
'''),
    ],
    'conv2d_forward_naive': [
        ("out takes x's dtype: float32 x with float64 w gives float32 (prompt: float64 when any of them is float64)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=x.dtype)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("out's dtype follows x and w but ignores b (prompt: float32 only when x, w and b are all float32)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("output width computed from H (square images only; prompt: W' likewise from W)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (H - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ('cache holds the padded input instead of x (prompt: cache = (x, w, b, S, P))', '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (xpad, w, b, S, P)
'''),
        ('always float32 (prompt: float64 when any input is float64)', '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.float32)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
    ],
    'conv2d_forward': [
        ('converts the inputs to float64 first: float32 inputs give float64 (prompt: same result as exercise 3, whose dtype follows the inputs)', '''
from numpy.lib.stride_tricks import sliding_window_view

def conv2d_forward(x, w, b, S=1, P=0):
    x, w, b = (np.asarray(a, dtype=np.float64) for a in (x, w, b))
    K, C, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    windows = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", windows, w, optimize=True) + b[None, :, None, None]
    return out, (x, w, b, S, P)
'''),
        ('cache holds the padded input (prompt: cache = (x, w, b, S, P))', '''
from numpy.lib.stride_tricks import sliding_window_view

def conv2d_forward(x, w, b, S=1, P=0):
    pass
    K, C, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    windows = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", windows, w, optimize=True) + b[None, :, None, None]
    return out, (xpad, w, b, S, P)
'''),
        ("result cast to x's dtype (float32 x, float64 w gives float32)", '''
from numpy.lib.stride_tricks import sliding_window_view

def conv2d_forward(x, w, b, S=1, P=0):
    pass
    K, C, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    windows = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", windows, w, optimize=True) + b[None, :, None, None]
    return out.astype(x.dtype), (x, w, b, S, P)
'''),
        ('cache holds the windows instead of x', '''
from numpy.lib.stride_tricks import sliding_window_view

def conv2d_forward(x, w, b, S=1, P=0):
    pass
    K, C, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    windows = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", windows, w, optimize=True) + b[None, :, None, None]
    return out, (windows, w, b, S, P)
'''),
        ("im2col with a matrix product: integer x, w and b give an integer out (phase 2: the docstring's 'float array'; judged UNFAIR in phase 1 as no visible check said so)", '''
from numpy.lib.stride_tricks import sliding_window_view

def conv2d_forward(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S][:, :, :Ho, :Wo]
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, N * Ho * Wo)
    out = w.reshape(K, C * F * F) @ cols + b.reshape(K, 1)
    return out.reshape(K, N, Ho, Wo).transpose(1, 0, 2, 3), (x, w, b, S, P)
'''),
    ],
    'conv2d_backward': [
        ("padded gradient sized from H on both axes (square images only; prompt: dx has x's shape)", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    _, _, Ho, Wo = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros((N, C, H + 2 * P, H + 2 * P))
    dw = np.zeros_like(w, dtype=float)
    for p in range(F):
        for q in range(F):
            xs = xpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S]          # (N, C, Ho, Wo)
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xs)
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    db = dout.sum(axis=(0, 2, 3))
    dx = dxpad[:, :, P:P + H, P:P + H]
    return dx, dw, db
'''),
        ('output width taken equal to the output height (square outputs only)', '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = dout.shape[2]
    Wo = Ho
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for p in range(F):
        for q in range(F):
            xs = xpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S]
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xs)
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))
'''),
        ("(added in phase 2, not blind) dw's slices of the padded input ignore the stride", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    _, _, Ho, Wo = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for p in range(F):
        for q in range(F):
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xpad[:, :, p:p + Ho, q:q + Wo])
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))
'''),
    ],
    'max_pool_forward': [
        ('running maximum starts at 0: a window whose values are all negative gives 0 (prompt: the maximum of each window)', '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for p in range(F):
        for q in range(F):
            out = np.maximum(out, x[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S])
    return out, (x, F, S)
'''),
        ('cache in the order (x, S, F) (prompt: cache = (x, F, S))', '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.full((N, C, Ho, Wo), -np.inf)
    for p in range(F):
        for q in range(F):
            out = np.maximum(out, x[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S])
    return out, (x, S, F)
'''),
        ('cache holds the output, not x (prompt: cache = (x, F, S))', '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.full((N, C, Ho, Wo), -np.inf)
    for p in range(F):
        for q in range(F):
            out = np.maximum(out, x[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S])
    return out, (out, F, S)
'''),
        ("running maximum starts at a large negative constant -1e9 (below any 'reasonable' value): wrong when the whole window is below -1e9", '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.full((N, C, Ho, Wo), -1e9)
    for p in range(F):
        for q in range(F):
            out = np.maximum(out, x[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S])
    return out, (x, F, S)
'''),
    ],
    'max_pool_backward': [
        ('dx = np.zeros_like(x): integer x gives an integer dx and truncated gradients (prompt: dx float array)', '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    dx = np.zeros_like(x)
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    for i in range(Ho):
        for j in range(Wo):
            window = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, -1)
            k = window.argmax(axis=2)
            r, s = np.unravel_index(k, (F, F))
            dx[n, c, i * S + r, j * S + s] += dout[:, :, i, j]
    return dx
'''),
        ("dx's dtype from x and dout together: integer when both are integers, gradients truncated (prompt: dx float array)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    dx = np.zeros(x.shape, dtype=np.result_type(x, dout))
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    for i in range(Ho):
        for j in range(Wo):
            window = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, -1)
            k = window.argmax(axis=2)
            r, s = np.unravel_index(k, (F, F))
            dx[n, c, i * S + r, j * S + s] += dout[:, :, i, j]
    return dx
'''),
        ('vectorized over all windows with one fancy-indexed +=: a pixel that is the maximum of several overlapping windows gets only one of their gradients', '''
from numpy.lib.stride_tricks import sliding_window_view

def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S][:, :, :Ho, :Wo]
    k = win.reshape(N, C, Ho, Wo, F * F).argmax(axis=-1)
    r, s = np.unravel_index(k, (F, F))
    n, c, i, j = np.meshgrid(np.arange(N), np.arange(C), np.arange(Ho), np.arange(Wo), indexing="ij")
    dx = np.zeros(x.shape)
    dx[n, c, i * S + r, j * S + s] += dout
    return dx
'''),
        ("number of output columns computed from H (square images only; prompt: H' and W' each from its own axis)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho = (H - F) // S + 1
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Ho):
                    window = x[n, c, i * S:i * S + F, j * S:j * S + F]
                    r, s = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, c, i * S + r, j * S + s] += dout[n, c, i, j]
    return dx
'''),
    ],
    'avg_pool_forward': [
        ('out created like x: integer x gives truncated integer means (prompt: the mean of each window)', '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros_like(x, shape=(N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, F, S)
'''),
        ('cache in the order (x, S, F) (prompt: cache = (x, F, S))', '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, S, F)
'''),
        ('cache holds the output, not x', '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (out, F, S)
'''),
        ('reshape into F x F blocks: correct only when S = F and S divides H and W (prompt: stride S)', '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = x[:, :, :Ho * F, :Wo * F].reshape(N, C, Ho, F, Wo, F).mean(axis=(3, 5))
    return out, (x, F, S)
'''),
    ],
    'avg_pool_backward': [
        ('dx = np.zeros_like(x): integer x gives an integer dx (prompt: dx float array)', '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    dx = np.zeros_like(x)
    for i in range(Ho):
        for j in range(Wo):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / (F * F)
    return dx
'''),
        ('output positions recomputed with the square formula from H (square images)', '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho = (H - F) // S + 1
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Ho):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / F ** 2
    return dx
'''),
        ("np.kron upsampling (valid only for S = F) then cropped/padded to x's shape", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    up = np.kron(dout, np.ones((F, F))) / (F * F)
    dx = np.zeros(x.shape)
    h, w_ = min(H, up.shape[2]), min(W, up.shape[3])
    dx[:, :, :h, :w_] = up[:, :, :h, :w_]
    return dx
'''),
    ],
    'sobel_filters': [
        ('integer array (prompt: float64)', '''
def sobel_filters():
    gx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    return np.stack([gx, gx.T])[:, None]
'''),
        ('float32 (prompt: float64)', '''
def sobel_filters():
    gx = np.outer([1, 2, 1], [-1, 0, 1]).astype(np.float32)
    return np.stack([gx, gx.T])[:, None]
'''),
        ('(added in phase 2, not blind) G_y made by rotating G_x by 90 degrees (np.rot90), which is -G_y', '''
def sobel_filters():
    gx = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return np.stack([gx, np.rot90(gx)])[:, None]
'''),
    ],
    'ResidualBlock': [
        ('bn1 used in place of bn2 (prompt: bn2 after conv2)', '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        return torch.relu(x + self.bn1(self.conv2(torch.relu(self.bn1(self.conv1(x))))))
'''),
        ('ReLU before bn1 (prompt: relu(bn1(conv1(x))))', '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        return torch.relu(x + self.bn2(self.conv2(self.bn1(torch.relu(self.conv1(x))))))
'''),
        ('bn2 before conv2 (prompt: bn2(conv2(...)))', '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        return torch.relu(x + self.conv2(self.bn2(torch.relu(self.bn1(self.conv1(x))))))
'''),
        ('no ReLU between the two convolutions', '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        return torch.relu(x + self.bn2(self.conv2(self.bn1(self.conv1(x)))))
'''),
    ],
    'train_cnn': [
        ('drops the last, smaller mini-batch (prompt: the last one may be smaller)', '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = len(X)
    pass
    for epoch in range(epochs):
        order = torch.randperm(N, generator=generator, device=device)
        for start in range(0, N - batch_size + 1, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
'''),
        ('sums the loss over the batch (prompt: CrossEntropyLoss(), a mean)', '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss(reduction='sum')
    generator = torch.Generator(device=device).manual_seed(seed)
    N = len(X)
    pass
    for epoch in range(epochs):
        order = torch.randperm(N, generator=generator, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
'''),
        ('shuffles with the global RNG, not the seeded generator (prompt: torch.randperm(N, generator=generator, device=device))', '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = len(X)
    pass
    for epoch in range(epochs):
        order = torch.randperm(N, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
'''),
        ('shuffles once, before the epochs (prompt: each epoch draws a new permutation)', '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = len(X)
    order = torch.randperm(N, generator=generator, device=device)
    for epoch in range(epochs):
        pass
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
'''),
        ('never puts the model in training mode (prompt: inference in training mode)', '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = len(X)
    pass
    for epoch in range(epochs):
        order = torch.randperm(N, generator=generator, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            pass
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
'''),
        ("no shuffling: batches in the data's order (prompt: randperm each epoch)", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = len(X)
    pass
    for epoch in range(epochs):
        order = torch.arange(N, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
'''),
    ],
}

RIGHT = {
    'conv_output_size': [
        ('counts the window positions with range', '''
def conv_output_size(W, F, S=1, P=0):
    return len(range(0, W + 2 * P - F + 1, S))
'''),
        ('math.floor of an exact Fraction', '''
from fractions import Fraction
import math

def conv_output_size(W, F, S=1, P=0):
    return math.floor(Fraction(W - F + 2 * P, S)) + 1
'''),
        ('float division then int() (phase 2: the course counts it correct, as its int(math.floor) RIGHT entry; exact for any realistic width)', '''
def conv_output_size(W, F, S=1, P=0):
    return int((W - F + 2 * P) / S) + 1
'''),
    ],
    'cnn_summary': [
        ('tracks (C, H, W) = (M, 1, 1) after an fc layer', '''
def cnn_summary(layers, input_shape):
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
            D = C * H * W
            params.append(D * M + M)
            C, H, W = M, 1, 1
            shapes.append((M,))
    return shapes, params
'''),
        ('lists for shapes, np.prod made int', '''
def cnn_summary(layers, input_shape):
    shape = list(input_shape)
    shapes, params = [], []
    for layer in layers:
        if layer[0] == "conv":
            K, F, S, P = layer[1:]
            params.append(F * F * shape[0] * K + K)
            shape = [K] + [(n - F + 2 * P) // S + 1 for n in shape[1:]]
        elif layer[0] == "pool":
            F, S = layer[1:]
            params.append(0)
            shape = [shape[0]] + [(n - F) // S + 1 for n in shape[1:]]
        elif layer[0] == "fc":
            M = layer[1]
            params.append(int(np.prod(shape)) * M + M)
            shape = [M]
        shapes.append(list(shape))
    return shapes, params
'''),
    ],
    'conv2d_forward_naive': [
        ('loops over n, k, i, j, einsum over c, p, q; dtype from result_type', '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)), mode="constant")
    out = np.empty((N, K, Ho, Wo), dtype=np.result_type(x.dtype, w.dtype, b.dtype, np.float32))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                r = i * S
                for j in range(Wo):
                    c0 = j * S
                    out[n, k, i, j] = np.einsum("cpq,cpq->", xpad[n, :, r:r + F, c0:c0 + F], w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
    ],
    'conv2d_forward': [
    ],
    'conv2d_backward': [
        ('padded gradient only as large as the area the windows reach, copied into a zero dx', '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    _, _, Ho, Wo = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    Hr, Wr = S * (Ho - 1) + F, S * (Wo - 1) + F
    dxpad = np.zeros((N, C, Hr, Wr))
    dw = np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Wo):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], patch)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum("nk,kcpq->ncpq", dout[:, :, i, j], w)
    dx = np.zeros(x.shape)
    h, ww = min(H, Hr - P), min(W, Wr - P)
    dx[:, :, :h, :ww] = dxpad[:, :, P:P + h, P:P + ww]
    return dx, dw, dout.sum(axis=(0, 2, 3))
'''),
        ('loops over output positions, tensordot', '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    _, _, Ho, Wo = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dw = np.zeros(w.shape)
    dxpad = np.zeros(xpad.shape)
    for i in range(Ho):
        for j in range(Wo):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.tensordot(dout[:, :, i, j], patch, axes=([0], [0]))
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.tensordot(dout[:, :, i, j], w, axes=([1], [0]))
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))
'''),
        ('tap loop as in the text', '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    _, _, Ho, Wo = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    dw = np.zeros_like(w, dtype=float)
    for p in range(F):
        for q in range(F):
            xs = xpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S]          # (N, C, Ho, Wo)
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xs)
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    db = dout.sum(axis=(0, 2, 3))
    dx = dxpad[:, :, P:P + H, P:P + W]
    return dx, dw, db
'''),
        ('dx and dw in np.zeros_like of xpad and w (phase 2: correct; the prompt makes no promise for integer images, and torch.autograd refuses them too)', '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    _, _, Ho, Wo = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    for p in range(F):
        for q in range(F):
            xs = xpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S]
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, xs)
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] = dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] + np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))
'''),
    ],
    'max_pool_forward': [
        ('sliding_window_view, max over the last two axes', '''
from numpy.lib.stride_tricks import sliding_window_view

def max_pool_forward(x, F, S):
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    return win.max(axis=(4, 5)), (x, F, S)
'''),
        ('running maximum started at the first tap', '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = x[:, :, 0:S * (Ho - 1) + 1:S, 0:S * (Wo - 1) + 1:S].copy()
    for p in range(F):
        for q in range(F):
            out = np.maximum(out, x[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S])
    return out, (x, F, S)
'''),
    ],
    'max_pool_backward': [
        ('loops, first maximum via np.argmax, float dx', '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    dx = np.zeros(x.shape)
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    for i in range(Ho):
        for j in range(Wo):
            window = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, -1)
            k = window.argmax(axis=2)
            r, s = np.unravel_index(k, (F, F))
            dx[n, c, i * S + r, j * S + s] += dout[:, :, i, j]
    return dx
'''),
        ('np.add.at over all windows', '''
from numpy.lib.stride_tricks import sliding_window_view

def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S][:, :, :Ho, :Wo]
    k = win.reshape(N, C, Ho, Wo, F * F).argmax(axis=-1)
    r, s = np.divmod(k, F)
    n, c, i, j = np.meshgrid(np.arange(N), np.arange(C), np.arange(Ho), np.arange(Wo), indexing="ij")
    dx = np.zeros(x.shape, dtype=np.float64)
    np.add.at(dx, (n, c, i * S + r, j * S + s), dout)
    return dx
'''),
    ],
    'avg_pool_forward': [
        ('sliding_window_view mean', '''
from numpy.lib.stride_tricks import sliding_window_view

def avg_pool_forward(x, F, S):
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    return win.mean(axis=(-2, -1)), (x, F, S)
'''),
    ],
    'avg_pool_backward': [
        ('loops with float dx', '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    _, _, Ho, Wo = dout.shape
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / (F * F)
    return dx
'''),
        ('tap loop over strided slices', '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    _, _, Ho, Wo = dout.shape
    dx = np.zeros(x.shape, dtype=float)
    share = dout / F ** 2
    for p in range(F):
        for q in range(F):
            dx[:, :, p:p + S * (Ho - 1) + 1:S, q:q + S * (Wo - 1) + 1:S] += share
    return dx
'''),
    ],
    'sobel_filters': [
        ('np.outer of the smoothing and difference vectors', '''
def sobel_filters():
    gx = np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0])
    w = np.zeros((2, 1, 3, 3))
    w[0, 0] = gx
    w[1, 0] = gx.T
    return w
'''),
        ('a float64 torch tensor (phase 2: the course accepts a tensor, records compare numbers)', '''
def sobel_filters():
    gx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]], dtype=torch.float64)
    return torch.stack([gx, gx.T])[:, None]
'''),
    ],
    'ResidualBlock': [
        ("padding='same', torch.nn.functional.relu, declared in another order", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, kernel_size=3, padding="same", bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, kernel_size=3, padding="same", bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)
        self.act = torch.nn.ReLU()

    def forward(self, x):
        h = self.act(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return torch.nn.functional.relu(h + x)
'''),
    ],
    'train_cnn': [
        ('order.split(batch_size), functional cross-entropy', '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X = X.to(device)
    y = y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = torch.nn.CrossEntropyLoss()
    g = torch.Generator(device=device).manual_seed(seed)
    for _ in range(epochs):
        perm = torch.randperm(X.shape[0], generator=g, device=device)
        for idx in perm.split(batch_size):
            model.train()
            logits = model(X[idx])
            loss = criterion(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
    ],
}
