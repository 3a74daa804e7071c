# Blind review, round 3, week 7 (convnets). Phase-1 version: /work/blind3/r3w07/week07-phase1.py.
# Phase 2 moved two avg_pool_backward candidates to RIGHT (in-place division of dout, dx in
# dout's dtype): the prompt neither forbids changing dout nor promises anything for an integer dout.

WRONG = {
    "conv_output_size": [
        ("divides the padding by the stride separately: (W - F) // S + 2P // S + 1 "
         "(prompt: the padding is added before the stride)", '''
def conv_output_size(W, F, S=1, P=0):
    return (W - F) // S + (2 * P) // S + 1
'''),
        ("pads only one side when the stride is above 1 (uses W - F + P)", '''
def conv_output_size(W, F, S=1, P=0):
    pad = 2 * P if S == 1 else P + P // S
    return (W - F + pad) // S + 1
'''),
        ("rounds with float division then int(), via a float that loses big widths", '''
def conv_output_size(W, F, S=1, P=0):
    return int(np.float32((W - F + 2 * P) / S)) + 1
'''),
    ],
    "cnn_summary": [
        ("flattened size assumes a square map: D = C * H * H", '''
def cnn_summary(layers, input_shape):
    C, H, W = input_shape
    shapes, params = [], []
    flat = None
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            params.append(F * F * C * K + K)
            H, W = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
            C = K
            shapes.append((C, H, W))
        elif layer[0] == "pool":
            _, F, S = layer
            params.append(0)
            H, W = (H - F) // S + 1, (W - F) // S + 1
            shapes.append((C, H, W))
        else:
            _, M = layer
            D = flat if flat is not None else C * H * H
            params.append(D * M + M)
            flat = M
            shapes.append((M,))
    return shapes, params
'''),
        ("pooling output uses the new height for both sides (square pool output)", '''
def cnn_summary(layers, input_shape):
    C, H, W = input_shape
    shapes, params = [], []
    D = None
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            params.append(F * F * C * K + K)
            H, W = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
            C = K
            shapes.append((C, H, W))
        elif layer[0] == "pool":
            _, F, S = layer
            params.append(0)
            H = (H - F) // S + 1
            W = H
            shapes.append((C, H, W))
        else:
            _, M = layer
            if D is None:
                D = C * H * W
            params.append(D * M + M)
            D = M
            shapes.append((M,))
    return shapes, params
'''),
        ("conv size strides the width and the padding separately: (H - F)//S + 2P//S + 1", '''
def cnn_summary(layers, input_shape):
    C, H, W = input_shape
    shapes, params = [], []
    D = None
    for layer in layers:
        if layer[0] == "conv":
            _, K, F, S, P = layer
            params.append(F * F * C * K + K)
            H = (H - F) // S + (2 * P) // S + 1
            W = (W - F) // S + (2 * P) // S + 1
            C = K
            shapes.append((C, H, W))
        elif layer[0] == "pool":
            _, F, S = layer
            params.append(0)
            H, W = (H - F) // S + 1, (W - F) // S + 1
            shapes.append((C, H, W))
        else:
            _, M = layer
            if D is None:
                D = C * H * W
            params.append(D * M + M)
            D = M
            shapes.append((M,))
    return shapes, params
'''),
    ],
    "conv2d_forward_naive": [
        ("output dtype from x and b only (ignores w's float64)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("square output assumed: W' = H'", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = Ho
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("caches the padded input instead of x", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    x = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(x[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("pads only the bottom and right (P zeros after, none before)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (0, 2 * P), (0, 2 * P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
    ],
    "conv2d_forward": [
        ("dtype from x, b and float32 only (ignores a float64 w)", '''
def conv2d_forward(x, w, b, S=1, P=0):
    from numpy.lib.stride_tricks import sliding_window_view
    F = w.shape[2]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", win, w, optimize=True) + b[None, :, None, None]
    return out.astype(np.result_type(x, b, np.float32)), (x, w, b, S, P)
'''),
        ("caches the padded input instead of x", '''
def conv2d_forward(x, w, b, S=1, P=0):
    from numpy.lib.stride_tricks import sliding_window_view
    F = w.shape[2]
    x = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", win, w, optimize=True) + b[None, :, None, None]
    return out.astype(np.result_type(out, np.float32)), (x, w, b, S, P)
'''),
        ("float32 decided by w and b only (ignores a float64 x)", '''
def conv2d_forward(x, w, b, S=1, P=0):
    from numpy.lib.stride_tricks import sliding_window_view
    F = w.shape[2]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", win, w, optimize=True) + b[None, :, None, None]
    dtype = np.float32 if (w.dtype == np.float32 and b.dtype == np.float32) else np.float64
    return out.astype(dtype), (x, w, b, S, P)
'''),
        ("im2col with the stride applied to the unpadded size (drops last row when S does not divide)", '''
def conv2d_forward(x, w, b, S=1, P=0):
    from numpy.lib.stride_tricks import sliding_window_view
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F) // S + (2 * P) // S + 1, (W - F) // S + (2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S][:, :, :Ho, :Wo]
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, -1)
    out = w.reshape(K, -1) @ cols + b.reshape(-1, 1)
    out = out.reshape(K, N, Ho, Wo).transpose(1, 0, 2, 3)
    return out.astype(np.result_type(out, np.float32)), (x, w, b, S, P)
'''),
    ],
    "conv2d_backward": [
        ("crops dx with H for both sides (square input assumed)", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for p in range(F):
        for q in range(F):
            sl = xpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S]
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout, sl)
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    dx = dxpad[:, :, P:P + H, P:P + H]
    return dx, dw, dout.sum(axis=(0, 2, 3))
'''),
        ("dw slices the columns with H' (square output assumed)", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = dout.shape[2]
    Wo = dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for p in range(F):
        for q in range(F):
            sl = xpad[:, :, p:p + S * Ho:S, q:q + S * Ho:S][:, :, :, :Wo]
            dw[:, :, p, q] = np.einsum("nkij,ncij->kc", dout[:, :, :, :sl.shape[3]], sl)
            dxpad[:, :, p:p + S * Ho:S, q:q + S * Wo:S] += np.einsum("nkij,kc->ncij", dout, w[:, :, p, q])
    dx = dxpad[:, :, P:P + H, P:P + W]
    return dx, dw, dout.sum(axis=(0, 2, 3))
'''),
        ("loops over output positions with range(Ho) for both i and j", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = dout.shape[2]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Ho):
            win = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            g = dout[:, :, i, j]
            dw += np.einsum("nk,ncpq->kcpq", g, win)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum("nk,kcpq->ncpq", g, w)
    dx = dxpad[:, :, P:P + H, P:P + W]
    return dx, dw, dout.sum(axis=(0, 2, 3))
'''),
    ],
    "max_pool_forward": [
        ("accumulates the max from zeros (all-negative windows give 0)", '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            for p in range(F):
                for q in range(F):
                    out[:, :, i, j] = np.maximum(out[:, :, i, j], x[:, :, i * S + p, j * S + q])
    return out, (x, F, S)
'''),
        ("accumulates the max from -1e9 (wrong below -1e9 and for -inf)", '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.full((N, C, Ho, Wo), -1e9)
    for i in range(Ho):
        for j in range(Wo):
            for p in range(F):
                for q in range(F):
                    out[:, :, i, j] = np.maximum(out[:, :, i, j], x[:, :, i * S + p, j * S + q])
    return out, (x, F, S)
'''),
        ("fast path for F == S by reshaping, without cropping a size F does not divide", '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    if F == S:
        out = x.reshape(N, C, H // F, F, W // F, F).max(axis=(3, 5))
        return out, (x, F, S)
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.empty((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].max(axis=(2, 3))
    return out, (x, F, S)
'''),
    ],
    "max_pool_backward": [
        ("loops j over range(H') (square output assumed)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho = dout.shape[2]
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Ho):
            win = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, -1)
            idx = np.argmax(win, axis=2)
            r, c = np.divmod(idx, F)
            nn_, cc = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
            dx[nn_, cc, i * S + r, j * S + c] += dout[:, :, i, j]
    return dx
'''),
        ("fast path for F == S returns a dx cropped to the pooled region (wrong shape when F does not divide H)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    if F == S:
        blocks = x[:, :, :Ho * F, :Wo * F].reshape(N, C, Ho, F, Wo, F).transpose(0, 1, 2, 4, 3, 5)
        idx = blocks.reshape(N, C, Ho, Wo, F * F).argmax(axis=-1)
        onehot = (np.arange(F * F) == idx[..., None]) * dout[..., None]
        return onehot.reshape(N, C, Ho, Wo, F, F).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, Ho * F, Wo * F).astype(float)
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, -1)
            idx = np.argmax(win, axis=2)
            r, c = np.divmod(idx, F)
            nn_, cc = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
            dx[nn_, cc, i * S + r, j * S + c] += dout[:, :, i, j]
    return dx
'''),
        ("compares in float32 to find the maximum (near-equal values become ties)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    x32 = np.asarray(x, dtype=np.float32)
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            win = x32[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, -1)
            idx = np.argmax(win, axis=2)
            r, c = np.divmod(idx, F)
            nn_, cc = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
            dx[nn_, cc, i * S + r, j * S + c] += dout[:, :, i, j]
    return dx
'''),
    ],
    "avg_pool_forward": [
        ("fills an array of x's dtype: integer inputs get a truncated mean", '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Ho, Wo), dtype=x.dtype)
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, F, S)
'''),
        ("fast path for F == S by reshaping, without cropping a size F does not divide", '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    if F == S:
        return x.reshape(N, C, H // F, F, W // F, F).mean(axis=(3, 5)), (x, F, S)
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    out = np.empty((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, F, S)
'''),
        ("fast path for F == S crops both sides to H' * F (square assumed)", '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Ho, Wo = (H - F) // S + 1, (W - F) // S + 1
    if F == S:
        xc = x[:, :, :Ho * F, :Ho * F]
        return xc.reshape(N, C, Ho, F, Ho, F).mean(axis=(3, 5)), (x, F, S)
    out = np.empty((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, F, S)
'''),
    ],
    "avg_pool_backward": [
        ("fast path for F == S with np.kron: dx only covers the pooled region", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    if F == S:
        return np.kron(dout, np.ones((F, F))) / (F * F)
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j][:, :, None, None] / (F * F)
    return dx
'''),
    ],
    "sobel_filters": [
        ("an integer array (the prompt says float64)", '''
def sobel_filters():
    gx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    return np.stack([gx, gx.T])[:, None]
'''),
        ("rows weighted [2, 1, 1] instead of [1, 2, 1] (a typo that ramps cannot see)", '''
def sobel_filters():
    gx = np.array([[-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]])
    return np.stack([gx, gx.T])[:, None]
'''),
        ("float32 array", '''
def sobel_filters():
    gx = np.outer([1, 2, 1], [-1, 0, 1]).astype(np.float32)
    return np.stack([gx, gx.T])[:, None]
'''),
    ],
    "ResidualBlock": [
        ("uses bn1 twice (bn2 created but unused)", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(x + self.bn1(self.conv2(h)))
'''),
        ("bn2 before conv2 (conv2(bn2(h)))", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(x + self.conv2(self.bn2(h)))
'''),
        ("adds the residual into x in place (mutates the input)", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        x += self.bn2(self.conv2(h))
        return torch.relu(x)
'''),
        ("bn1 applied before conv1 (relu(conv1(bn1(x))))", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        h = torch.relu(self.conv1(self.bn1(x)))
        return torch.relu(x + self.bn2(self.conv2(h)))
'''),
    ],
    "train_cnn": [
        ("randperm without the generator (global RNG)", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = X.shape[0]
    for _ in range(epochs):
        order = torch.randperm(N, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
        ("sum of the cross-entropy instead of the mean", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")
    generator = torch.Generator(device=device).manual_seed(seed)
    N = X.shape[0]
    for _ in range(epochs):
        order = torch.randperm(N, generator=generator, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
        ("drops the last, smaller mini-batch", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = X.shape[0]
    for _ in range(epochs):
        order = torch.randperm(N, generator=generator, device=device)
        for start in range(0, N - batch_size + 1, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
        ("draws one permutation before the epoch loop (same order every epoch)", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = X.shape[0]
    order = torch.randperm(N, generator=generator, device=device)
    for _ in range(epochs):
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            model.train()
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
        ("never puts the model in training mode (uses it as make_model returns it)", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device).eval()
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    N = X.shape[0]
    for _ in range(epochs):
        order = torch.randperm(N, generator=generator, device=device)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
    ],
}

RIGHT = {
    "conv_output_size": [("len of the range of window starts", '''
def conv_output_size(W, F, S=1, P=0):
    return len(range(0, W + 2 * P - F + 1, S))
''')],
    "cnn_summary": [("tuples and math.prod", '''
import math


def cnn_summary(layers, input_shape):
    shape = tuple(input_shape)
    shapes, params = [], []
    for kind, *args in layers:
        if kind == "conv":
            K, F, S, P = args
            C, H, W = shape
            params.append(F * F * C * K + K)
            shape = (K, (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1)
        elif kind == "pool":
            F, S = args
            C, H, W = shape
            params.append(0)
            shape = (C, (H - F) // S + 1, (W - F) // S + 1)
        else:
            (M,) = args
            D = math.prod(shape)
            params.append(D * M + M)
            shape = (M,)
        shapes.append(shape)
    return shapes, params
''')],
    "conv2d_forward_naive": [("loops with np.tensordot over (c, p, q)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.empty((N, K, Ho, Wo), dtype=np.result_type(x.dtype, w.dtype, b.dtype))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                patch = xpad[n, :, i * S:i * S + F, j * S:j * S + F]
                for k in range(K):
                    out[n, k, i, j] = np.tensordot(w[k], patch, axes=3) + b[k]
    return out, (x, w, b, S, P)
''')],
    "conv2d_forward": [("im2col and one matmul", '''
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, N * Ho * Wo)
    out = w.reshape(K, -1) @ cols + b.reshape(K, 1)
    out = out.reshape(K, N, Ho, Wo).transpose(1, 0, 2, 3)
    if not np.issubdtype(out.dtype, np.floating):
        out = out.astype(np.float64)
    return out, (x, w, b, S, P)
''')],
    "conv2d_backward": [("loops over positions, scatter-add of windows", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for i in range(Ho):
        for j in range(Wo):
            win = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            g = dout[:, :, i, j]
            dw += np.tensordot(g, win, axes=([0], [0]))
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.tensordot(g, w, axes=([1], [0]))
    return dxpad[:, :, P:P + H, P:P + W], dw, dout.sum(axis=(0, 2, 3))
''')],
    "max_pool_forward": [("sliding_window_view", '''
from numpy.lib.stride_tricks import sliding_window_view


def max_pool_forward(x, F, S):
    out = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S].max(axis=(-2, -1))
    return out, (x, F, S)
''')],
    "max_pool_backward": [("loops over positions and (n, c), np.argmax of the flat window", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    dx = np.zeros((N, C, H, W))
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    win = x[n, c, i * S:i * S + F, j * S:j * S + F]
                    r, q = np.unravel_index(np.argmax(win), win.shape)
                    dx[n, c, i * S + r, j * S + q] += dout[n, c, i, j]
    return dx
''')],
    "avg_pool_forward": [("sliding_window_view mean", '''
from numpy.lib.stride_tricks import sliding_window_view


def avg_pool_forward(x, F, S):
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    return win.mean(axis=(-2, -1)), (x, F, S)
''')],
    "avg_pool_backward": [("loops over positions, shares of 1/F^2", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    dx = np.zeros((N, C, H, W))
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i:i + 1, j:j + 1] / F ** 2
    return dx
'''),
    ("divides dout in place (moved to RIGHT in phase 2: AUTHORING.md allows in-place changes unless the prompt forbids them)", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    dout /= F * F
    dx = np.zeros(x.shape)
    for i in range(Ho):
        for j in range(Wo):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j][:, :, None, None]
    return dx
'''),
    ("dx created like dout (moved to RIGHT in phase 2: the prompt promises nothing for an integer dout)", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dout = np.asarray(dout)
    dx = np.zeros_like(dout, shape=x.shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += (dout[:, :, i, j] / (F * F))[:, :, None, None].astype(dx.dtype)
    return dx
''')],
    "sobel_filters": [("outer product", '''
def sobel_filters():
    gx = np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0])
    w = np.zeros((2, 1, 3, 3))
    w[0, 0] = gx
    w[1, 0] = gx.T
    return w
''')],
    "ResidualBlock": [("a Sequential branch and padding='same'", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding="same", bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding="same", bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)
        self.relu = torch.nn.ReLU()

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + x)
''')],
    "train_cnn": [("torch.split of the permutation", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X = X.to(device)
    y = y.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(seed)
    for epoch in range(epochs):
        order = torch.randperm(len(X), generator=generator, device=device)
        for idx in torch.split(order, batch_size):
            model.train()
            logits = model(X[idx])
            loss = criterion(logits, y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
''')],
}
