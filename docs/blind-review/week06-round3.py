"""Blind review, round 3, week06 (activations): candidates written from the student release alone.

Judged with `python -m autograder.candidates docs/blind-review/week06-round3.py week06 activations`.
Phase 1 found 12 holes among 39 wrong candidates; 3 were wrong by the prompt and got hidden cases
(tanh near 1e-3, softplus at -12, depth_stats with a large mean); the other 9 were correct by the
prompt (in-place changes of an argument, digits the prompt does not promise) and are listed in RIGHT.
"""

WRONG = {
    'sigmoid': [
        ("loops over a.ravel() and returns a flat array: a 2-D a loses its shape ('of the shape of a')", '''
import math
def sigmoid(a):
    hs = []
    for x in np.asarray(a, dtype=np.float64).ravel():
        e = math.exp(-abs(x))
        hs.append(1 / (1 + e) if x >= 0 else e / (1 + e))
    h = np.array(hs, dtype=np.float64)
    return h, h * (1 - h)
'''),
    ],
    'tanh': [
        ('uses h = a only below 1e-10 and 1 - exp(-2|a|) otherwise: ~8 digits at a = 1e-8', '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2 * np.abs(a))
    h = np.where(np.abs(a) < 1e-10, a, np.sign(a) * (1 - e) / (1 + e))
    return h, 1 - h ** 2
'''),
        ('Taylor h = a below |a| < 1e-3, the exp form above: only ~7 digits near 1e-3', '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2 * np.abs(a))
    h = np.where(np.abs(a) < 1e-3, a, np.sign(a) * (1 - e) / (1 + e))
    return h, 1 - h * h
'''),
        ('flattens: a 2-D a comes back 1-D', '''
def tanh(a):
    h = np.tanh(np.asarray(a, dtype=np.float64).ravel())
    return h, 1 - h ** 2
'''),
    ],
    'relu': [
        ("fast path for the plain ReLU keeps a's dtype (float32 in, float32 h out)", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a)
    if negative_slope == 0:
        return np.maximum(a, 0), (a > 0).astype(np.float64)
    a = a.astype(np.float64)
    return np.where(a > 0, a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)
'''),
        ('np.atleast_1d: a 0-d a comes back with shape (1,)', '''
def relu(a, negative_slope=0.0):
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))
    return np.where(a > 0, a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)
'''),
    ],
    'elu': [
        ('dh from h: 1 where h > 0, h + alpha elsewhere -- but uses h >= 0, so dh(0) = 1', '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.where(a > 0, a, alpha * np.expm1(np.minimum(a, 0)))
    dh = np.where(h >= 0, 1.0, h + alpha)
    return h, dh
'''),
    ],
    'selu': [
        ('dh uses scale * alpha rounded to 1.7581', '''
def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    a = np.asarray(a, dtype=np.float64)
    m = np.minimum(a, 0)
    h = np.where(a > 0, scale * a, scale * alpha * np.expm1(m))
    dh = np.where(a > 0, scale, 1.7581 * np.exp(m))
    return h, dh
'''),
        ('dh uses scale rounded to 1.0507 on the positive side', '''
def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    a = np.asarray(a, dtype=np.float64)
    m = np.minimum(a, 0)
    h = np.where(a > 0, scale * a, scale * alpha * np.expm1(m))
    dh = np.where(a > 0, 1.0507, scale * alpha * np.exp(m))
    return h, dh
'''),
    ],
    'gelu': [
        ('tanh form with sqrt(2/pi) typed as 0.7979', '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = 0.7979
        t = np.tanh(c * (a + 0.044715 * a ** 3))
        return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a * np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
'''),
        ('exact form: density as 1/(sqrt(2 pi) exp(a^2/2)), overflows at |a| = 1000', '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = np.sqrt(2 / np.pi)
        t = np.tanh(c * (a + 0.044715 * a ** 3))
        return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a / (np.sqrt(2 * np.pi) * np.exp(a ** 2 / 2))
'''),
        ('converts to float64 only in the exact branch: tanh form keeps float32', '''
import math
def gelu(a, approximate="none"):
    if approximate == "tanh":
        c = math.sqrt(2 / math.pi)
        t = np.tanh(c * (a + 0.044715 * a ** 3))
        return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
    a = np.asarray(a, dtype=np.float64)
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a * np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
'''),
    ],
    'silu': [
        ('sigmoid clipped to [-30, 30]: wrong relative value for very negative a', '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s = 1 / (1 + np.exp(-np.clip(a, -30, 30)))
    return a * s, s * (1 + a * (1 - s))
'''),
        ('flattens the input', '''
def silu(a):
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    e = np.exp(-np.abs(a))
    s = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return a * s, s * (1 + a * (1 - s))
'''),
    ],
    'softplus': [
        ('exp(a) only below -30, log(1 + exp(-|a|)) above: ~5 digits at a = -25', '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a < -30, np.exp(np.minimum(a, 0)), np.log(1 + e) + np.maximum(a, 0))
    return h, np.where(a >= 0, 1 / (1 + e), e / (1 + e))
'''),
        ('h = exp(a) below a = -10: relative error exp(a)/2, ~3e-6 at a = -12', '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a < -10, np.exp(np.minimum(a, 0)), np.log1p(e) + np.maximum(a, 0))
    return h, np.where(a >= 0, 1 / (1 + e), e / (1 + e))
'''),
        ('flattens the input', '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64).ravel()
    e = np.exp(-np.abs(a))
    return np.log1p(e) + np.maximum(a, 0), np.where(a >= 0, 1 / (1 + e), e / (1 + e))
'''),
    ],
    'maxout': [
        ('np.isclose to find the maximum: a near-tie (1, 1 + 1e-9) gives the mask to the first', '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N = A.shape[0]
    G = A.reshape(N, -1, k)
    h = G.max(axis=2)
    near = np.isclose(G, h[..., None])
    first = near & (np.cumsum(near, axis=2) == 1)
    return h, first.reshape(N, -1).astype(np.float64)
'''),
        ('computes through torch in float32 (.float()): values rounded, near-ties broken wrongly', '''
def maxout(A, k):
    t = torch.from_numpy(np.asarray(A, dtype=np.float64)).float().requires_grad_(True)
    out = torch.nn.functional.max_pool1d(t.unsqueeze(1), k).squeeze(1)
    out.sum().backward()
    return out.detach().double().numpy(), t.grad.double().numpy()
'''),
    ],
    'dead_fraction': [
        ('counts a unit dead when all its outputs are <= 0 (negative outputs count as dead)', '''
def dead_fraction(H):
    return float(np.mean(np.all(np.asarray(H) <= 0, axis=0)))
'''),
        ('column sums == 0: positive and negative outputs cancel', '''
def dead_fraction(H):
    return float(np.mean(np.asarray(H).sum(axis=0) == 0))
'''),
        ('column max == 0: a unit with outputs 0 and -0.5 counts dead', '''
def dead_fraction(H):
    return float(np.mean(np.asarray(H).max(axis=0) == 0))
'''),
    ],
    'xavier_init': [
        ('uniform ignores the gain', '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "normal":
        return rng.normal(0.0, gain * np.sqrt(2 / (d_in + d_out)), size=(d_in, d_out))
    bound = np.sqrt(6 / (d_in + d_out))
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
        ('uniform puts the gain under the square root', '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "normal":
        return rng.normal(0.0, gain * np.sqrt(2 / (d_in + d_out)), size=(d_in, d_out))
    bound = np.sqrt(6 * gain / (d_in + d_out))
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
        ('returns float32 weights', '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2 / (d_in + d_out))
    if distribution == "normal":
        W = rng.normal(0.0, std, size=(d_in, d_out))
    else:
        W = rng.uniform(-np.sqrt(3) * std, np.sqrt(3) * std, size=(d_in, d_out))
    return W.astype(np.float32)
'''),
    ],
    'he_init': [
        ('normal branch ignores negative_slope (always sqrt(2))', '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        return rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_out))
    bound = np.sqrt(3) * np.sqrt(2 / (1 + negative_slope ** 2)) / np.sqrt(d_in)
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
        ('returns float32 weights', '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = np.sqrt(2 / (1 + negative_slope ** 2)) / np.sqrt(d_in)
    if distribution == "normal":
        W = rng.normal(0.0, std, size=(d_in, d_out))
    else:
        W = rng.uniform(-np.sqrt(3) * std, np.sqrt(3) * std, size=(d_in, d_out))
    return W.astype(np.float32)
'''),
        ('normal branch: gain sqrt(2 / (1 + s)) (slope not squared)', '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        return rng.normal(0.0, np.sqrt(2 / (1 + negative_slope)) / np.sqrt(d_in), size=(d_in, d_out))
    bound = np.sqrt(3) * np.sqrt(2 / (1 + negative_slope ** 2)) / np.sqrt(d_in)
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
    ],
    'depth_stats': [
        ('one-pass variance sqrt(E[h^2] - mean^2): cancels for a large mean', '''
def depth_stats(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        h = phi(h @ np.asarray(W, dtype=np.float64))
        m = h.mean()
        means.append(m)
        stds.append(np.sqrt(max(np.mean(h ** 2) - m ** 2, 0.0)))
    return np.array(means, dtype=np.float64), np.array(stds, dtype=np.float64)
'''),
        ('mean of |h| (signal size) instead of the mean of h', '''
def depth_stats(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    for W in weights:
        h = phi(h @ np.asarray(W, dtype=np.float64))
        means.append(np.abs(h).mean())
        stds.append(h.std())
    return np.array(means, dtype=np.float64), np.array(stds, dtype=np.float64)
'''),
    ],
}

RIGHT = {
    'sigmoid': [
        ('scipy.special.expit, dh through h', '''
def sigmoid(a):
    h = special.expit(np.asarray(a, dtype=np.float64))
    return h, h * (1.0 - h)
'''),
        ('clips a to [-30, 30] before 1/(1+exp(-a)): sigma(-40) comes out 9e-14 instead of 4e-18 -- judged a HOLE in phase 1, moved to RIGHT: absolute error below 1e-13; the prompt promises no relative digits for the sigmoid', '''
def sigmoid(a):
    a = np.clip(np.asarray(a, dtype=np.float64), -30, 30)
    h = 1.0 / (1.0 + np.exp(-a))
    return h, h * (1 - h)
'''),
        ("writes h into the caller's array a (in place) -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing a in place (AUTHORING.md)", '''
def sigmoid(a):
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    e = np.exp(-np.abs(a))
    pos = a >= 0
    a[pos] = 1 / (1 + e[pos])
    a[~pos] = e[~pos] / (1 + e[~pos])
    return a, a * (1 - a)
'''),
    ],
    'tanh': [
        ('np.tanh', '''
def tanh(a):
    h = np.tanh(np.asarray(a, dtype=np.float64))
    return h, 1.0 - h * h
'''),
    ],
    'relu': [
        ('max/min split', '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    pos = a > 0
    h = np.maximum(a, 0.0) + negative_slope * np.minimum(a, 0.0)
    dh = pos * 1.0 + (~pos) * negative_slope
    return h, np.asarray(dh, dtype=np.float64)
'''),
        ("scales the caller's array in place -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing a in place", '''
def relu(a, negative_slope=0.0):
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    dh = np.where(a > 0, 1.0, negative_slope)
    a[a <= 0] *= negative_slope
    return a, dh
'''),
    ],
    'elu': [
        ('torch autograd in float64', '''
def elu(a, alpha=1.0):
    t = torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)
    out = torch.nn.functional.elu(t, alpha)
    out.sum().backward()
    return out.detach().numpy(), t.grad.numpy()
'''),
        ('np.exp(a) - 1 instead of expm1: cancellation for tiny negative a -- judged a HOLE in phase 1, moved to RIGHT: expm1 is advice; the prompt promises no digits for tiny negative a', '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(np.minimum(a, 0))
    return np.where(a > 0, a, alpha * (e - 1)), np.where(a > 0, 1.0, alpha * e)
'''),
        ("overwrites the caller's array -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing a in place", '''
def elu(a, alpha=1.0):
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    neg = a <= 0
    dh = np.where(neg, alpha * np.exp(np.minimum(a, 0)), 1.0)
    a[neg] = alpha * np.expm1(a[neg])
    return a, dh
'''),
    ],
    'selu': [
        ('scale * elu(a, alpha)', '''
def selu(a):
    h, dh = elu(np.asarray(a, dtype=np.float64), 1.6732632423543772)
    return 1.0507009873554805 * h, 1.0507009873554805 * dh
'''),
        ("overwrites the caller's array -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing a in place", '''
def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    neg = a <= 0
    dh = np.where(neg, scale * alpha * np.exp(np.minimum(a, 0)), scale)
    a[neg] = alpha * np.expm1(a[neg])
    a *= scale
    return a, dh
'''),
    ],
    'gelu': [
        ('ndtr for Phi, autograd-free', '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = np.sqrt(2 / np.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        du = c * (1 + 3 * 0.044715 * a * a)
        return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t * t) * du
    Phi = special.ndtr(a)
    phi = np.exp(-0.5 * a * a) / np.sqrt(2 * np.pi)
    return a * Phi, Phi + a * phi
'''),
    ],
    'silu': [
        ('through expit', '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s = special.expit(a)
    return a * s, s + a * s * (1 - s)
'''),
        ("overwrites the caller's array -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing a in place", '''
def silu(a):
    if a.dtype != np.float64:
        a = a.astype(np.float64)
    s, _ = sigmoid(a.copy())
    dh = s * (1 + a * (1 - s))
    a *= s
    return a, dh
'''),
    ],
    'softplus': [
        ('np.logaddexp, dh = exp(a - h)', '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.logaddexp(0.0, a)
    return h, special.expit(a)
'''),
    ],
    'maxout': [
        ('equality with cumsum for the first maximum', '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N = A.shape[0]
    G = A.reshape(N, -1, k)
    h = G.max(axis=2)
    eq = G == h[..., None]
    first = eq & (np.cumsum(eq, axis=2) == 1)
    return h, first.reshape(N, -1).astype(np.float64)
'''),
        ("zeroes the caller's A while building the mask in a view -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing A in place", '''
def maxout(A, k):
    if A.dtype != np.float64:
        A = A.astype(np.float64)
    N = A.shape[0]
    G = A.reshape(N, -1, k)
    idx = G.argmax(axis=2)
    h = G.max(axis=2)
    G[...] = 0.0
    np.put_along_axis(G, idx[..., None], 1.0, axis=2)
    return h, G.reshape(N, -1)
'''),
    ],
    'dead_fraction': [
        ('count_nonzero per column', '''
def dead_fraction(H):
    H = np.asarray(H)
    return np.count_nonzero(H, axis=0).__eq__(0).sum() / H.shape[1] * 1.0
'''),
    ],
    'xavier_init': [
        ('standard_normal * std and random() rescaled', '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2.0 / (d_in + d_out))
    if distribution == "normal":
        return rng.normal(0.0, std, size=d_in * d_out).reshape(d_in, d_out)
    b = np.sqrt(3.0) * std
    return rng.uniform(-b, b, size=(d_in, d_out))
'''),
    ],
    'he_init': [
        ("torch's calculate_gain", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    std = nn.init.calculate_gain("leaky_relu", float(negative_slope)) / np.sqrt(d_in)
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3) * std, np.sqrt(3) * std, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))
'''),
    ],
    'depth_stats': [
        ('np.std/np.mean per layer, float64 upfront', '''
def depth_stats(X, weights, phi):
    h = np.array(X, dtype=np.float64)
    out = np.zeros((2, len(weights)))
    for l, W in enumerate(weights):
        h = phi(h @ np.array(W, dtype=np.float64))
        out[0, l] = np.mean(h)
        out[1, l] = np.std(h, ddof=0)
    return out[0].copy(), out[1].copy()
'''),
        ("pops the matrices off the caller's list -- judged a HOLE in phase 1, moved to RIGHT: the prompt does not forbid changing the weights list", '''
def depth_stats(X, weights, phi):
    h = np.asarray(X, dtype=np.float64)
    means, stds = [], []
    while weights:
        h = phi(h @ np.asarray(weights.pop(0), dtype=np.float64))
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means, dtype=np.float64), np.array(stds, dtype=np.float64)
'''),
    ],
}
