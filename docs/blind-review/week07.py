# Blind candidates for week07 (convnets), written from the student release only.

WRONG = {
    "conv_output_size": [
        ("returns a float (true division) when S divides W - F + 2P, an int otherwise; the prompt says an int", '''
def conv_output_size(W, F, S=1, P=0):
    n = W - F + 2 * P
    if n % S == 0:
        return n / S + 1
    return n // S + 1
'''),
        ("rounds up (ceil) instead of down", '''
def conv_output_size(W, F, S=1, P=0):
    return -(-(W - F + 2 * P) // S) + 1
'''),
        ("pads only one side (P instead of 2P)", '''
def conv_output_size(W, F, S=1, P=0):
    return (W - F + P) // S + 1
'''),
    ],
    "cnn_summary": [
        ("conv size rounded to nearest (round) instead of down", '''
def cnn_summary(layers, input_shape):
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
            _, M = layer
            D = int(np.prod(shape))
            shape = (M,)
            params.append(D * M + M)
        shapes.append(shape)
    return shapes, params
'''),
        ("pool ignores its stride (assumes S = F)", '''
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
            F = layer[1]
            C, H, W = shape
            shape = (C, (H - F) // F + 1, (W - F) // F + 1)
            params.append(0)
        else:
            _, M = layer
            D = int(np.prod(shape))
            shape = (M,)
            params.append(D * M + M)
        shapes.append(shape)
    return shapes, params
'''),
        ("flattened size uses C*H*H (assumes square maps) for an fc after conv/pool", '''
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
            shape = (C, (H - F) // S + 1, (W - F) // S + 1)
            params.append(0)
        else:
            _, M = layer
            D = shape[0] * shape[1] * shape[1] if len(shape) == 3 else shape[0]
            shape = (M,)
            params.append(D * M + M)
        shapes.append(shape)
    return shapes, params
'''),
    ],
    "conv2d_forward_naive": [
        ("output array takes x's dtype: integer images give a truncated int output (prompt: out is a float array)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    Hp, Wp = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    out = np.zeros((N, K, Hp, Wp), dtype=x.dtype)
    for n in range(N):
        for k in range(K):
            for i in range(Hp):
                for j in range(Wp):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("cache holds the padded x instead of x", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    Hp, Wp = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    out = np.zeros((N, K, Hp, Wp))
    for n in range(N):
        for k in range(K):
            for i in range(Hp):
                for j in range(Wp):
                    out[n, k, i, j] = np.sum(x[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
        ("output width computed from H (assumes square images)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    Hp = (H - F + 2 * P) // S + 1
    Wp = Hp
    out = np.zeros((N, K, Hp, Wp))
    for n in range(N):
        for k in range(K):
            for i in range(Hp):
                for j in range(Wp):
                    out[n, k, i, j] = np.sum(xpad[n, :, i * S:i * S + F, j * S:j * S + F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
    ],
    "conv2d_forward": [
        ("cache holds the filters reshaped to (K, C*F*F) instead of w", '''
from numpy.lib.stride_tricks import sliding_window_view
def conv2d_forward(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    Hp, Wp = win.shape[2], win.shape[3]
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, N * Hp * Wp)
    w = w.reshape(K, -1)
    out = (w @ cols + b[:, None]).reshape(K, N, Hp, Wp).transpose(1, 0, 2, 3)
    return out, (x, w, b, S, P)
'''),
        ("integer inputs give an integer output (prompt: float array)", '''
from numpy.lib.stride_tricks import sliding_window_view
def conv2d_forward(x, w, b, S=1, P=0):
    F = w.shape[2]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", win, w, optimize=True) + b[None, :, None, None]
    return out, (x, w, b, S, P)
'''),
        ("cache holds the padded x instead of x", '''
from numpy.lib.stride_tricks import sliding_window_view
def conv2d_forward(x, w, b, S=1, P=0):
    F = w.shape[2]
    x = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P))).astype(float)
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    out = np.einsum("nchwpq,kcpq->nkhw", win, w, optimize=True) + b[None, :, None, None]
    return out, (x, w, b, S, P)
'''),
    ],
    "conv2d_backward": [
        ("padded gradient built with H for both dims (assumes square images)", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros((N, C, H + 2 * P, H + 2 * P))
    dw = np.zeros_like(w, dtype=float)
    db = dout.sum(axis=(0, 2, 3))
    for i in range(Hp):
        for j in range(Wp):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], patch)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum("nk,kcpq->ncpq", dout[:, :, i, j], w)
    dx = dxpad[:, :, P:P + H, P:P + H]
    return dx, dw, db
'''),
        ("dxpad = np.zeros_like(xpad): integer x gives a truncated integer dx", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros(w.shape)
    db = dout.sum(axis=(0, 2, 3))
    for i in range(Hp):
        for j in range(Wp):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], patch)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum("nk,kcpq->ncpq", dout[:, :, i, j], w)
    dx = dxpad[:, :, P:P + H, P:P + W]
    return dx, dw, db
'''),
        ("output width taken from dout.shape[2] (assumes square outputs)", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp = Wp = dout.shape[2]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    db = dout.sum(axis=(0, 2, 3))
    for i in range(Hp):
        for j in range(Wp):
            patch = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], patch)
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum("nk,kcpq->ncpq", dout[:, :, i, j], w)
    dx = dxpad[:, :, P:P + H, P:P + W]
    return dx, dw, db
'''),
    ],
    "max_pool_forward": [
        ("running maximum starts at 0: all-negative windows give 0", '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Hp, Wp = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Hp, Wp))
    for i in range(Hp):
        for j in range(Wp):
            for r in range(F):
                for s in range(F):
                    out[:, :, i, j] = np.maximum(out[:, :, i, j], x[:, :, i * S + r, j * S + s])
    return out, (x, F, S)
'''),
        ("cache holds the window view instead of x", '''
from numpy.lib.stride_tricks import sliding_window_view
def max_pool_forward(x, F, S):
    win = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    return win.max(axis=(4, 5)), (win, F, S)
'''),
        ("window columns advance by F instead of S", '''
def max_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Hp, Wp = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Hp, Wp))
    for i in range(Hp):
        for j in range(Wp):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * F:j * F + F].max(axis=(2, 3))
    return out, (x, F, S)
'''),
    ],
    "max_pool_backward": [
        ("output width taken from H (assumes square images)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Hp = Wp = (H - F) // S + 1
    dx = np.zeros(x.shape)
    for i in range(Hp):
        for j in range(Wp):
            win = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, F * F)
            idx = win.argmax(axis=2)
            r, s = np.divmod(idx, F)
            nn_, cc = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
            np.add.at(dx, (nn_, cc, i * S + r, j * S + s), dout[:, :, i, j])
    return dx
'''),
        ("dx = np.zeros_like(x): integer x gives an integer dx (prompt: float array)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    dx = np.zeros_like(x)
    for i in range(Hp):
        for j in range(Wp):
            win = x[:, :, i * S:i * S + F, j * S:j * S + F].reshape(N, C, F * F)
            idx = win.argmax(axis=2)
            r, s = np.divmod(idx, F)
            nn_, cc = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
            np.add.at(dx, (nn_, cc, i * S + r, j * S + s), dout[:, :, i, j])
    return dx
'''),
        ("first element np.isclose to the maximum gets the gradient (not the maximum itself)", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(Hp):
                for j in range(Wp):
                    win = x[n, c, i * S:i * S + F, j * S:j * S + F]
                    k = int(np.flatnonzero(np.isclose(win, win.max()))[0])
                    dx[n, c, i * S + k // F, j * S + k % F] += dout[n, c, i, j]
    return dx
'''),
    ],
    "avg_pool_forward": [
        ("output array takes x's dtype: integer images give truncated means", '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Hp, Wp = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Hp, Wp), dtype=x.dtype)
    for i in range(Hp):
        for j in range(Wp):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * S:j * S + F].mean(axis=(2, 3))
    return out, (x, F, S)
'''),
        ("cache holds the output instead of x", '''
from numpy.lib.stride_tricks import sliding_window_view
def avg_pool_forward(x, F, S):
    out = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S].mean(axis=(4, 5))
    return out, (out, F, S)
'''),
        ("window columns advance by F instead of S", '''
def avg_pool_forward(x, F, S):
    N, C, H, W = x.shape
    Hp, Wp = (H - F) // S + 1, (W - F) // S + 1
    out = np.zeros((N, C, Hp, Wp))
    for i in range(Hp):
        for j in range(Wp):
            out[:, :, i, j] = x[:, :, i * S:i * S + F, j * F:j * F + F].mean(axis=(2, 3))
    return out, (x, F, S)
'''),
    ],
    "avg_pool_backward": [
        ("dx = np.zeros_like(x): integer x truncates the shares", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dx = np.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / (F * F)
    return dx
'''),
        ("assignment instead of accumulation where windows overlap", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dx = np.zeros(x.shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] = dout[:, :, i, j, None, None] / (F * F)
    return dx
'''),
        ("divides by F instead of F*F", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dx = np.zeros(x.shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None] / F
    return dx
'''),
    ],
    "sobel_filters": [
        ("integer array (prompt: float64)", '''
def sobel_filters():
    gx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    return np.stack([gx, gx.T])[:, None]
'''),
        ("float32 array (prompt: float64)", '''
def sobel_filters():
    gx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
    return np.stack([gx, gx.T])[:, None]
'''),
        ("returns a torch tensor, not a numpy array", '''
def sobel_filters():
    gx = torch.tensor([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=torch.float64)
    return torch.stack([gx, gx.T])[:, None]
'''),
    ],
    "ResidualBlock": [
        ("uses bn1 for both batch norms (bn2 created but unused)", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn1(self.conv2(out))
        return torch.relu(x + out)
'''),
        ("no ReLU between bn1 and conv2", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        out = self.bn2(self.conv2(self.bn1(self.conv1(x))))
        return torch.relu(x + out)
'''),
        ("ReLU before the skip addition instead of after (relu(x) + F(x), then relu)", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(C)

    def forward(self, x):
        out = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        return torch.relu(torch.relu(x) + out)
'''),
    ],
    "train_cnn": [
        ("randperm from the global RNG, not the seeded generator", '''
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
        ("generator re-seeded every epoch (same order each epoch)", '''
def train_cnn(make_model, X, y, epochs, lr, batch_size, seed):
    seed_everything(seed)
    device = get_device()
    model = make_model().to(device)
    X, y = X.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    N = X.shape[0]
    for _ in range(epochs):
        generator = torch.Generator(device=device).manual_seed(seed)
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
        ("never puts the model in training mode", '''
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
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            loss = loss_fn(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
        ("summed cross-entropy instead of the mean", '''
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
    ],
}

RIGHT = {
    "conv_output_size": [("math.floor of a true division, cast to int", '''
import math
def conv_output_size(W, F, S=1, P=0):
    return int(math.floor((W - F + 2 * P) / S)) + 1
''')],
    "cnn_summary": [("lists, math.prod, one helper", '''
import math
def cnn_summary(layers, input_shape):
    def out(n, F, S, P):
        return (n - F + 2 * P) // S + 1
    cur = list(input_shape)
    shapes, params = [], []
    for layer in layers:
        kind = layer[0]
        if kind == "conv":
            K, F, S, P = layer[1:]
            params.append(F * F * cur[0] * K + K)
            cur = [K, out(cur[1], F, S, P), out(cur[2], F, S, P)]
        elif kind == "pool":
            F, S = layer[1:]
            params.append(0)
            cur = [cur[0], out(cur[1], F, S, 0), out(cur[2], F, S, 0)]
        else:
            M = layer[1]
            params.append(math.prod(cur) * M + M)
            cur = [M]
        shapes.append(list(cur))
    return shapes, params
''')],
    "conv2d_forward_naive": [("loops over c, p, q too, float accumulator", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P))).astype(np.float64)
    Ho, Wo = (H - F + 2 * P) // S + 1, (W - F + 2 * P) // S + 1
    out = np.empty((N, K, Ho, Wo), dtype=np.float64)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    acc = float(b[k])
                    for c in range(C):
                        for p in range(F):
                            for q in range(F):
                                acc += w[k, c, p, q] * xp[n, c, i * S + p, j * S + q]
                    out[n, k, i, j] = acc
    return out, (x, w, b, S, P)
''')],
    "conv2d_forward": [("im2col with a matrix product, float64", '''
from numpy.lib.stride_tricks import sliding_window_view
def conv2d_forward(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    xpad = np.pad(np.asarray(x, dtype=np.float64), ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S]
    Hp, Wp = win.shape[2], win.shape[3]
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(C * F * F, N * Hp * Wp)
    out = (w.reshape(K, -1) @ cols + np.asarray(b, dtype=np.float64)[:, None])
    return out.reshape(K, N, Hp, Wp).transpose(1, 0, 2, 3), (x, w, b, S, P)
''')],
    "conv2d_backward": [("vectorized over taps with strided slices and tensordot", '''
from numpy.lib.stride_tricks import sliding_window_view
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    xpad = np.pad(np.asarray(x, dtype=np.float64), ((0, 0), (0, 0), (P, P), (P, P)))
    win = sliding_window_view(xpad, (F, F), axis=(2, 3))[:, :, ::S, ::S][:, :, :Hp, :Wp]
    dw = np.tensordot(dout, win, axes=([0, 2, 3], [0, 2, 3]))
    db = dout.sum(axis=(0, 2, 3))
    dxpad = np.zeros(xpad.shape)
    for p in range(F):
        for q in range(F):
            dxpad[:, :, p:p + S * Hp:S, q:q + S * Wp:S] += np.einsum("nkhw,kc->nchw", dout, w[:, :, p, q])
    return dxpad[:, :, P:P + H, P:P + W], dw, db
''')],
    "max_pool_forward": [("sliding_window_view, float output", '''
from numpy.lib.stride_tricks import sliding_window_view
def max_pool_forward(x, F, S):
    out = sliding_window_view(x, (F, F), axis=(2, 3))[:, :, ::S, ::S].max(axis=(-2, -1))
    return out, (x, F, S)
''')],
    "max_pool_backward": [("full loops, argmax of the flattened window", '''
def max_pool_backward(dout, cache):
    x, F, S = cache
    N, C, H, W = x.shape
    dx = np.zeros((N, C, H, W), dtype=np.float64)
    for n in range(N):
        for c in range(C):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    k = np.argmax(x[n, c, i * S:i * S + F, j * S:j * S + F])
                    dx[n, c, i * S + k // F, j * S + k % F] += dout[n, c, i, j]
    return dx
''')],
    "avg_pool_forward": [("sliding_window_view mean", '''
from numpy.lib.stride_tricks import sliding_window_view
def avg_pool_forward(x, F, S):
    out = sliding_window_view(np.asarray(x, dtype=np.float64), (F, F), axis=(2, 3))[:, :, ::S, ::S]
    return out.mean(axis=(-2, -1)), (x, F, S)
''')],
    "avg_pool_backward": [("loops over taps with strided slices", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    Hp, Wp = dout.shape[2], dout.shape[3]
    dx = np.zeros(np.shape(x), dtype=np.float64)
    share = np.asarray(dout, dtype=np.float64) / (F * F)
    for p in range(F):
        for q in range(F):
            dx[:, :, p:p + S * Hp:S, q:q + S * Wp:S] += share
    return dx
''')],
    "sobel_filters": [("outer product of [1, 2, 1] and [-1, 0, 1]", '''
def sobel_filters():
    gx = np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0])
    w = np.zeros((2, 1, 3, 3))
    w[0, 0] = gx
    w[1, 0] = gx.T
    return w
''')],
    "ResidualBlock": [("layers created in another order, functional relu", '''
class ResidualBlock(torch.nn.Module):
    def __init__(self, C):
        super().__init__()
        self.bn1 = torch.nn.BatchNorm2d(C)
        self.bn2 = torch.nn.BatchNorm2d(C)
        self.conv1 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)
        self.conv2 = torch.nn.Conv2d(C, C, 3, padding=1, bias=False)

    def forward(self, x):
        h = torch.nn.functional.relu(self.bn1(self.conv1(x)))
        return torch.nn.functional.relu(self.bn2(self.conv2(h)) + x)
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
    for _ in range(epochs):
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
