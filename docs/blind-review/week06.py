"""Blind candidates for week06 (activations), written from the student release only."""

WRONG = {
    "sigmoid": [
        ("float32 input gives float32 outputs (prompt: both float64 arrays)", '''
def sigmoid(a):
    e = np.exp(-np.abs(a))
    h = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return h, h * (1 - h)
'''),
        ("loop with math.exp returns a flat 1-D array (prompt: the shape of a)", '''
import math


def sigmoid(a):
    hs = []
    for x in np.asarray(a, dtype=float).ravel():
        if x >= 0:
            hs.append(1.0 / (1.0 + math.exp(-x)))
        else:
            e = math.exp(x)
            hs.append(e / (1.0 + e))
    h = np.array(hs, dtype=np.float64)
    return h, h * (1 - h)
'''),
        ("derivative written as 1 - h**2 (tanh's)", '''
def sigmoid(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return h, 1 - h ** 2
'''),
        ("the naive formula overflows for a = -1000", '''
def sigmoid(a):
    a = np.asarray(a, dtype=np.float64)
    h = 1 / (1 + np.exp(-a))
    return h, h * (1 - h)
'''),
    ],
    "tanh": [
        ("np.tanh keeps float32 (prompt: float64 arrays)", '''
def tanh(a):
    h = np.tanh(a)
    return h, 1 - h ** 2
'''),
        ("2 * sigmoid(2a) - 1 cancels for tiny |a|", '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2 * np.abs(a))
    s = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    h = 2 * s - 1
    return h, 1 - h ** 2
'''),
        ("derivative 1 - h instead of 1 - h**2", '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.tanh(a)
    return h, 1 - h
'''),
        ("loop with math.tanh returns a flat 1-D array (prompt: the shape of a)", '''
import math


def tanh(a):
    h = np.array([math.tanh(x) for x in np.asarray(a, dtype=float).ravel()])
    return h, 1 - h ** 2
'''),
    ],
    "relu": [
        ("leaky ReLU as np.maximum(a, s * a): wrong for a slope above 1", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.maximum(a, negative_slope * a)
    dh = np.where(a > 0, 1.0, negative_slope)
    return h, dh
'''),
        ("float32 input gives a float32 h (prompt: float64 arrays)", '''
def relu(a, negative_slope=0.0):
    h = np.where(a > 0, a, negative_slope * a)
    dh = np.where(a > 0, 1.0, negative_slope)
    return h, dh
'''),
        ("derivative 1 at a = 0 (uses >=)", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.where(a > 0, a, negative_slope * a)
    dh = np.where(a >= 0, 1.0, negative_slope)
    return h, dh
'''),
        ("derivative 0 at a = 0 for the leaky ReLU (slope only where a < 0)", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.where(a > 0, a, negative_slope * a)
    dh = (a > 0) * 1.0 + negative_slope * (a < 0)
    return h, dh
'''),
    ],
    "elu": [
        ("float32 input gives float32 outputs (prompt: float64 arrays)", '''
def elu(a, alpha=1.0):
    neg = np.minimum(a, 0)
    h = np.where(a > 0, a, alpha * np.expm1(neg))
    dh = np.where(a > 0, 1, alpha * np.exp(neg)).astype(a.dtype)
    return h, dh
'''),
        ("derivative 1 at a = 0 (uses >=)", '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.where(a > 0, a, alpha * np.expm1(neg))
    dh = np.where(a >= 0, 1.0, alpha * np.exp(neg))
    return h, dh
'''),
        ("derivative forgets alpha (exp(a) for a <= 0)", '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.where(a > 0, a, alpha * np.expm1(neg))
    dh = np.where(a > 0, 1.0, np.exp(neg))
    return h, dh
'''),
        ("derivative takes exp of the unclipped a (overflows at 1000)", '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.where(a > 0, a, alpha * np.expm1(np.minimum(a, 0.0)))
    dh = np.where(a > 0, 1.0, alpha * np.exp(a))
    return h, dh
'''),
    ],
    "selu": [
        ("constants rounded to 1.67326 and 1.0507 (prompt: written out to all their digits)", '''
def selu(a):
    alpha, scale = 1.67326, 1.0507
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = scale * np.where(a > 0, a, alpha * np.expm1(neg))
    dh = scale * np.where(a > 0, 1.0, alpha * np.exp(neg))
    return h, dh
'''),
        ("alpha and scale swapped", '''
def selu(a):
    alpha, scale = 1.0507009873554805, 1.6732632423543772
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = scale * np.where(a > 0, a, alpha * np.expm1(neg))
    dh = scale * np.where(a > 0, 1.0, alpha * np.exp(neg))
    return h, dh
'''),
        ("derivative scale at a = 0 (uses >=)", '''
def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = scale * np.where(a > 0, a, alpha * np.expm1(neg))
    dh = scale * np.where(a >= 0, 1.0, alpha * np.exp(neg))
    return h, dh
'''),
        ("float32 input gives float32 outputs (prompt: float64 arrays)", '''
def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    neg = np.minimum(a, 0)
    h = scale * np.where(a > 0, a, alpha * np.expm1(neg))
    dh = (scale * np.where(a > 0, 1.0, alpha * np.exp(neg))).astype(a.dtype)
    return h, dh
'''),
    ],
    "gelu": [
        ("tanh form with sqrt(2/pi) rounded to 0.7979 (prompt: exactly np.sqrt(2 / np.pi))", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = 0.7979
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        h = 0.5 * a * (1 + t)
        dh = 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
        return h, dh
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    phi = np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
    return a * Phi, Phi + a * phi
'''),
        ("if approximate: (the string 'none' is true, so it always uses tanh)", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate:
        c = np.sqrt(2 / np.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        h = 0.5 * a * (1 + t)
        dh = 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
        return h, dh
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    phi = np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
    return a * Phi, Phi + a * phi
'''),
        ("exact derivative forgets the product rule (dh = Phi(a))", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = np.sqrt(2 / np.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        h = 0.5 * a * (1 + t)
        dh = 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
        return h, dh
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi
'''),
        ("float32 input gives float32 outputs (prompt: float64 arrays)", '''
def gelu(a, approximate="none"):
    if approximate == "tanh":
        c = np.sqrt(2 / np.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        h = 0.5 * a * (1 + t)
        dh = 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
        return h.astype(a.dtype), dh.astype(a.dtype)
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    phi = np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
    return (a * Phi).astype(a.dtype), (Phi + a * phi).astype(a.dtype)
'''),
    ],
    "silu": [
        ("derivative sigma(a) only (forgets the product rule)", '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    s = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return a * s, s
'''),
        ("loop over a.ravel() returns a flat 1-D array (prompt: the shape of a)", '''
import math


def silu(a):
    hs, ds = [], []
    for x in np.asarray(a, dtype=float).ravel():
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        hs.append(x * s)
        ds.append(s * (1 + x * (1 - s)))
    return np.array(hs), np.array(ds)
'''),
        ("float32 input gives float32 outputs (prompt: float64 arrays)", '''
def silu(a):
    s = special.expit(a)
    return a * s, s * (1 + a * (1 - s))
'''),
        ("the naive sigmoid overflows at a = -1000", '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s = 1 / (1 + np.exp(-a))
    return a * s, s * (1 + a * (1 - s))
'''),
    ],
    "softplus": [
        ("np.log(1 + ...) instead of np.log1p: 0 at a = -40", '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.log(1 + e) + np.maximum(a, 0)
    dh = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return h, dh
'''),
        ("float32 input gives float32 outputs (prompt: float64 arrays)", '''
def softplus(a):
    e = np.exp(-np.abs(a))
    h = np.log1p(e) + np.maximum(a, 0)
    dh = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return h, dh
'''),
        ("loop with math.log1p returns a flat 1-D array (prompt: the shape of a)", '''
import math


def softplus(a):
    hs, ds = [], []
    for x in np.asarray(a, dtype=float).ravel():
        e = math.exp(-abs(x))
        hs.append(math.log1p(e) + max(x, 0.0))
        ds.append(1 / (1 + e) if x >= 0 else e / (1 + e))
    return np.array(hs), np.array(ds)
'''),
        ("np.where of the two branches: exp(1000) is computed and overflows", '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.where(a > 0, a + np.log1p(np.exp(-a)), np.log1p(np.exp(a)))
    dh = np.where(a > 0, 1 / (1 + np.exp(-a)), np.exp(a) / (1 + np.exp(a)))
    return h, dh
'''),
    ],
    "maxout": [
        ("mask as a boolean array (prompt: a float64 array)", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    G = A.reshape(N, Mk // k, k)
    idx = G.argmax(axis=2)
    mask = np.zeros(G.shape, dtype=bool)
    np.put_along_axis(mask, idx[:, :, None], True, axis=2)
    return G.max(axis=2), mask.reshape(N, Mk)
'''),
        ("integer A gives an integer h (prompt: h float64)", '''
def maxout(A, k):
    N, Mk = A.shape
    G = A.reshape(N, Mk // k, k)
    idx = G.argmax(axis=2)
    mask = np.zeros(G.shape)
    np.put_along_axis(mask, idx[:, :, None], 1.0, axis=2)
    return G.max(axis=2), mask.reshape(N, Mk)
'''),
        ("ties go to the last maximum", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    G = A.reshape(N, Mk // k, k)
    idx = k - 1 - G[:, :, ::-1].argmax(axis=2)
    mask = np.zeros(G.shape)
    np.put_along_axis(mask, idx[:, :, None], 1.0, axis=2)
    return G.max(axis=2), mask.reshape(N, Mk)
'''),
        ("groups strided columns j, j + M, ... instead of consecutive ones", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    G = A.reshape(N, k, Mk // k)
    idx = G.argmax(axis=1)
    mask = np.zeros(G.shape)
    np.put_along_axis(mask, idx[:, None, :], 1.0, axis=1)
    return G.max(axis=1), mask.reshape(N, Mk)
'''),
    ],
    "dead_fraction": [
        ("counts a unit below 1e-8 everywhere as dead (prompt: exactly 0)", '''
def dead_fraction(H):
    return float(np.mean(np.all(np.abs(H) < 1e-8, axis=0)))
'''),
        ("fraction of zero entries instead of dead units", '''
def dead_fraction(H):
    return float(np.mean(H == 0))
'''),
        ("divides the dead count by N (rows) instead of M", '''
def dead_fraction(H):
    return float(np.sum(np.all(H == 0, axis=0)) / H.shape[0])
'''),
        ("units as rows instead of columns", '''
def dead_fraction(H):
    return float(np.mean(np.all(H == 0, axis=1)))
'''),
    ],
    "xavier_init": [
        ("ignores gain in the uniform branch", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "uniform":
        bound = np.sqrt(6 / (d_in + d_out))
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    std = gain * np.sqrt(2 / (d_in + d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))
'''),
        ("uniform bound = std (forgets sqrt(3))", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2 / (d_in + d_out))
    if distribution == "uniform":
        return rng.uniform(-std, std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))
'''),
        ("draws torch's shape (d_out, d_in) and transposes", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2 / (d_in + d_out))
    if distribution == "uniform":
        b = np.sqrt(3) * std
        return rng.uniform(-b, b, size=(d_out, d_in)).T
    return rng.normal(0.0, std, size=(d_out, d_in)).T
'''),
        ("gain squared in the std", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain ** 2 * np.sqrt(2 / (d_in + d_out))
    if distribution == "uniform":
        b = np.sqrt(3) * std
        return rng.uniform(-b, b, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))
'''),
    ],
    "he_init": [
        ("ignores negative_slope in the normal branch (gain sqrt(2))", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        return rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_out))
    std = np.sqrt(2 / (1 + negative_slope ** 2)) / np.sqrt(d_in)
    b = np.sqrt(3) * std
    return rng.uniform(-b, b, size=(d_in, d_out))
'''),
        ("fan_in read as W.shape[1] = d_out (torch's size(1) copied)", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2 / (1 + negative_slope ** 2)) / np.sqrt(d_out)
    if distribution == "normal":
        return rng.normal(0.0, std, size=(d_in, d_out))
    b = np.sqrt(3) * std
    return rng.uniform(-b, b, size=(d_in, d_out))
'''),
        ("gain sqrt(2 / (1 + s)) (slope not squared)", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2 / (1 + negative_slope)) / np.sqrt(d_in)
    if distribution == "normal":
        return rng.normal(0.0, std, size=(d_in, d_out))
    b = np.sqrt(3) * std
    return rng.uniform(-b, b, size=(d_in, d_out))
'''),
        ("uniform bound = std (forgets sqrt(3))", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2 / (1 + negative_slope ** 2)) / np.sqrt(d_in)
    if distribution == "normal":
        return rng.normal(0.0, std, size=(d_in, d_out))
    return rng.uniform(-std, std, size=(d_in, d_out))
'''),
    ],
    "depth_stats": [
        ("returns Python lists (prompt: float64 arrays of shape (L,))", '''
def depth_stats(X, weights, phi):
    means, stds = [], []
    h = X
    for W in weights:
        h = phi(h @ W)
        means.append(float(np.mean(h)))
        stds.append(float(np.std(h)))
    return means, stds
'''),
        ("mean of |h| instead of the mean", '''
def depth_stats(X, weights, phi):
    means, stds = [], []
    h = X
    for W in weights:
        h = phi(h @ W)
        means.append(np.mean(np.abs(h)))
        stds.append(np.std(h))
    return np.array(means), np.array(stds)
'''),
        ("includes the input X as layer 0", '''
def depth_stats(X, weights, phi):
    h = X
    means, stds = [np.mean(h)], [np.std(h)]
    for W in weights:
        h = phi(h @ W)
        means.append(np.mean(h))
        stds.append(np.std(h))
    return np.array(means), np.array(stds)
'''),
        ("np.std with ddof=1", '''
def depth_stats(X, weights, phi):
    means, stds = [], []
    h = X
    for W in weights:
        h = phi(h @ W)
        means.append(np.mean(h))
        stds.append(np.std(h, ddof=1))
    return np.array(means), np.array(stds)
'''),
    ],
}

RIGHT = {
    "sigmoid": [("0.5 * (1 + tanh(a / 2))", '''
def sigmoid(a):
    a = np.asarray(a, dtype=np.float64)
    h = 0.5 * (1.0 + np.tanh(0.5 * a))
    return h, h * (1.0 - h)
''')],
    "tanh": [("stable form with expm1 and sign", '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    m = np.expm1(-2.0 * np.abs(a))
    h = np.sign(a) * (-m) / (2.0 + m)
    return h, 1.0 - h * h
''')],
    "relu": [("maximum plus slope times minimum", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    pos = a > 0
    h = np.maximum(a, 0.0) + negative_slope * np.minimum(a, 0.0)
    dh = pos.astype(np.float64) + negative_slope * (~pos)
    return h, dh
''')],
    "elu": [("dh = h + alpha on the negative side", '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    pos = a > 0
    neg_h = alpha * np.expm1(np.minimum(a, 0.0))
    h = np.where(pos, a, neg_h)
    dh = np.where(pos, 1.0, neg_h + alpha)
    return h, dh
''')],
    "selu": [("through torch", '''
def selu(a):
    t = torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)
    out = torch.selu(t)
    out.sum().backward()
    return out.detach().numpy(), t.grad.numpy()
''')],
    "gelu": [("scipy.special.ndtr for Phi, and cosh-free tanh derivative", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "none":
        Phi = special.ndtr(a)
        return a * Phi, Phi + a * np.exp(-0.5 * a * a) / np.sqrt(2.0 * np.pi)
    k = np.sqrt(2 / np.pi)
    u = k * (a + 0.044715 * a ** 3)
    th = np.tanh(u)
    du = k * (1.0 + 3 * 0.044715 * a * a)
    return 0.5 * a * (1.0 + th), 0.5 * (1.0 + th) + 0.5 * a * (1.0 - th * th) * du
''')],
    "silu": [("dh = h + sigma * (1 - h)", '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s = special.expit(a)
    h = a * s
    return h, h + s * (1.0 - h)
''')],
    "softplus": [("np.logaddexp(0, a) and expit", '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    return np.logaddexp(0.0, a), special.expit(a)
''')],
    "maxout": [("loops over rows and groups", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    M = Mk // k
    h = np.zeros((N, M))
    mask = np.zeros((N, Mk))
    for n in range(N):
        for j in range(M):
            group = A[n, j * k:(j + 1) * k]
            r = int(np.argmax(group))
            h[n, j] = group[r]
            mask[n, j * k + r] = 1.0
    return h, mask
''')],
    "dead_fraction": [("loop over columns", '''
def dead_fraction(H):
    H = np.asarray(H)
    M = H.shape[1]
    dead = 0
    for j in range(M):
        if not np.any(H[:, j] != 0):
            dead += 1
    return dead / M
''')],
    "xavier_init": [("standard_normal and random scaled", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2.0 / (d_in + d_out))
    if distribution == "normal":
        return std * rng.standard_normal((d_in, d_out))
    bound = np.sqrt(3.0) * std
    return rng.uniform(low=-bound, high=bound, size=(d_in, d_out))
''')],
    "he_init": [("torch's calculate_gain for the gain", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    gain = nn.init.calculate_gain("leaky_relu", negative_slope)
    std = gain / np.sqrt(d_in)
    if distribution == "uniform":
        bound = np.sqrt(3.0) * std
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))
''')],
    "depth_stats": [("preallocated arrays, manual mean and std", '''
def depth_stats(X, weights, phi):
    L = len(weights)
    means, stds = np.zeros(L), np.zeros(L)
    h = np.asarray(X, dtype=np.float64)
    for l, W in enumerate(weights):
        h = phi(h @ W)
        m = h.sum() / h.size
        means[l] = m
        stds[l] = np.sqrt(((h - m) ** 2).sum() / h.size)
    return means, stds
''')],
}
