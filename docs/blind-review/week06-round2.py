"""Blind review, round 2, week06 (activations): candidates written from the student release only.

Judged before the fixes: 18 of 43 wrong candidates earned every point, 1 of 18 correct ones
lost points (tanh in place: the visible checks reused the array they had passed). Two wrong
candidates were fixed after the first judging because they were not what was meant (said so
in the report): softplus's "patch below -30" called np.exp(np.maximum(a, -745)) (an overflow,
not the intended accuracy slip), and gelu's "tanh branch keeps float32" used np.sqrt, whose
float64 scalar promotes a float32 array (math.sqrt keeps it float32, as intended).
"""

WRONG = {
    "sigmoid": [
        ("loops over a.ravel() and returns a flat array: a 2-D a loses its shape "
         "(prompt: float64 arrays of the shape of a)", '''
import math

def sigmoid(a):
    a = np.asarray(a, dtype=np.float64)
    out = []
    for x in a.ravel():
        if x >= 0:
            out.append(1.0 / (1.0 + math.exp(-x)))
        else:
            e = math.exp(x)
            out.append(e / (1.0 + e))
    h = np.array(out, dtype=np.float64)
    return h, h * (1 - h)
'''),
        ("np.atleast_1d: a 0-d a comes back with shape (1,) (prompt: the shape of a)", '''
def sigmoid(a):
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))
    h = np.empty_like(a)
    pos = a >= 0
    h[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    e = np.exp(a[~pos])
    h[~pos] = e / (1.0 + e)
    return h, h * (1 - h)
'''),
        ("np.vectorize without otypes: raises on an empty a (prompt: any shape)", '''
import math

def _sig(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)

def sigmoid(a):
    h = np.vectorize(_sig)(np.asarray(a, dtype=np.float64))
    return h, h * (1 - h)
'''),
    ],
    "tanh": [
        ("cancelling 1 - exp(-2|a|), patched with h = a only below |a| < 1e-10: about 8 digits "
         "at a = 1e-8 (prompt: accurate to about 15 significant digits for tiny |a|)", '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-2 * np.abs(a))
    h = np.sign(a) * (1 - e) / (1 + e)
    h = np.where(np.abs(a) < 1e-10, a, h)
    return h, 1 - h ** 2
'''),
        ("list comprehension over a.flat: returns a flat array for a 2-D a", '''
import math

def tanh(a):
    h = np.array([math.tanh(x) for x in np.asarray(a, dtype=np.float64).flat],
                 dtype=np.float64)
    return h, 1 - h ** 2
'''),
        ("np.vectorize(math.tanh) without otypes: raises on an empty a", '''
import math

def tanh(a):
    h = np.vectorize(math.tanh)(np.asarray(a, dtype=np.float64))
    return h, 1 - h ** 2
'''),
    ],
    "relu": [
        ("fast path for the plain ReLU keeps the input dtype: float32 in, float32 h out when "
         "negative_slope = 0 (prompt: float64 arrays)", '''
def relu(a, negative_slope=0.0):
    if negative_slope == 0:
        return np.maximum(a, 0), (a > 0).astype(np.float64)
    a = np.asarray(a, dtype=np.float64)
    return np.where(a > 0, a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)
'''),
        ("ravel to handle any shape, never reshaped back: a 2-D a gives 1-D (h, dh)", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64).ravel()
    h = a.copy()
    dh = np.ones_like(a)
    neg = a <= 0
    h[neg] *= negative_slope
    dh[neg] = negative_slope
    return h, dh
'''),
        ("np.maximum(a, negative_slope * a): wrong for a slope above 1", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    return np.maximum(a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)
'''),
        ("0-d input: np.atleast_1d returns shape (1,)", '''
def relu(a, negative_slope=0.0):
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))
    return np.where(a > 0, a, negative_slope * a), np.where(a > 0, 1.0, negative_slope)
'''),
    ],
    "elu": [
        ("loop over a.flat with math.expm1: a 2-D a comes back flat", '''
import math

def elu(a, alpha=1.0):
    hs, ds = [], []
    for x in np.asarray(a, dtype=np.float64).flat:
        if x > 0:
            hs.append(x); ds.append(1.0)
        else:
            hs.append(alpha * math.expm1(x)); ds.append(alpha * math.exp(x))
    return np.array(hs, dtype=np.float64), np.array(ds, dtype=np.float64)
'''),
        ("np.vectorize without otypes: raises on an empty a", '''
import math

def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    h = np.vectorize(lambda x: x if x > 0 else alpha * math.expm1(x))(a)
    dh = np.vectorize(lambda x: 1.0 if x > 0 else alpha * math.exp(x))(a)
    return h, dh
'''),
        ("dh = exp(a) scaled by alpha only at a < 0: at exactly 0 the derivative is 1 "
         "(prompt: dh = alpha at a = 0)", '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.where(a > 0, a, alpha * np.expm1(neg))
    dh = np.where(a >= 0, 1.0, alpha * np.exp(neg))
    return h, dh
'''),
    ],
    "selu": [
        ("dh's negative side uses the rounded product scale * alpha = 1.7581 from the text "
         "(prompt: torch's constants written out to all their digits)", '''
def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.where(a > 0, scale * a, scale * alpha * np.expm1(neg))
    dh = np.where(a > 0, scale, 1.7581 * np.exp(neg))
    return h, dh
'''),
        ("constants rounded to 1.6733 and 1.0507 (prompt: all their digits)", '''
def selu(a):
    alpha, scale = 1.6733, 1.0507
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    return (np.where(a > 0, scale * a, scale * alpha * np.expm1(neg)),
            np.where(a > 0, scale, scale * alpha * np.exp(neg)))
'''),
        ("loop over a.flat: a 2-D a comes back flat", '''
import math

def selu(a):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    hs, ds = [], []
    for x in np.asarray(a, dtype=np.float64).flat:
        if x > 0:
            hs.append(scale * x); ds.append(scale)
        else:
            hs.append(scale * alpha * math.expm1(x)); ds.append(scale * alpha * math.exp(x))
    return np.array(hs), np.array(ds)
'''),
    ],
    "gelu": [
        ("converts to float64 only in the exact branch: the tanh branch returns float32 for a "
         "float32 a (prompt: float64 arrays)", '''
import math

def gelu(a, approximate="none"):
    if approximate == "tanh":
        c = math.sqrt(2 / math.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        h = 0.5 * a * (1 + t)
        dh = 0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2)
        return h, dh
    a = np.asarray(a, dtype=np.float64)
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    phi = np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
    return a * Phi, Phi + a * phi
'''),
        ("sqrt(2/pi) typed as 0.7979 (prompt: exactly np.sqrt(2 / np.pi))", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = 0.7979
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        return (0.5 * a * (1 + t),
                0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2))
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a * np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
'''),
        ("the tanh form's derivative drops the 3 of d/da (a + 0.044715 a^3)", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "tanh":
        c = np.sqrt(2 / np.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        return (0.5 * a * (1 + t),
                0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 0.044715 * a ** 2))
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a * np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
'''),
        ("ravel for any shape, never reshaped: a 2-D a comes back flat", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64).ravel()
    if approximate == "tanh":
        c = np.sqrt(2 / np.pi)
        u = c * (a + 0.044715 * a ** 3)
        t = np.tanh(u)
        return (0.5 * a * (1 + t),
                0.5 * (1 + t) + 0.5 * a * (1 - t ** 2) * c * (1 + 3 * 0.044715 * a ** 2))
    Phi = 0.5 * (1 + special.erf(a / np.sqrt(2)))
    return a * Phi, Phi + a * np.exp(-a ** 2 / 2) / np.sqrt(2 * np.pi)
'''),
    ],
    "silu": [
        ("sigmoid on a clipped to [-30, 30]: h = a * sigma(-30) is off by |a| * 1e-13, visible "
         "for a = -1e8 (prompt: a * sigma(a) for any finite a)", '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s = 1.0 / (1.0 + np.exp(-np.clip(a, -30, 30)))
    return a * s, s * (1 + a * (1 - s))
'''),
        ("list comprehension over a.flat: a 2-D a comes back flat", '''
import math

def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s = np.array([1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
                  for x in a.flat])
    x = a.ravel()
    return x * s, s * (1 + x * (1 - s))
'''),
        ("np.atleast_1d: a 0-d a comes back with shape (1,)", '''
def silu(a):
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))
    e = np.exp(-np.abs(a))
    s = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return a * s, s * (1 + a * (1 - s))
'''),
    ],
    "softplus": [
        ("patches the very negative side with exp(a) only below a < -30, keeps log(1 + x) "
         "elsewhere: about 5 digits at a = -25 (prompt: about 15 significant digits for very "
         "negative a)", '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    h = np.where(a < -30, np.exp(np.minimum(a, 0.0)),
                 np.log(1 + e) + np.maximum(a, 0))
    s = np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    return h, s
'''),
        ("ravel for any shape, never reshaped: a 2-D a comes back flat", '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64).ravel()
    e = np.exp(-np.abs(a))
    return np.log1p(e) + np.maximum(a, 0), np.where(a >= 0, 1 / (1 + e), e / (1 + e))
'''),
        ("np.vectorize without otypes: raises on an empty a", '''
import math

def _sp(x):
    return math.log1p(math.exp(-abs(x))) + max(x, 0.0)

def _sg(x):
    e = math.exp(-abs(x))
    return 1 / (1 + e) if x >= 0 else e / (1 + e)

def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    return np.vectorize(_sp)(a), np.vectorize(_sg)(a)
'''),
    ],
    "maxout": [
        ("finds the maximum with np.isclose, so a near-tie (1.0 vs 1.0 + 1e-9) gives the mask "
         "to the first, smaller unit (prompt: 1.0 at the unit that gives the maximum)", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N = A.shape[0]
    G = A.reshape(N, -1, k)
    h = G.max(axis=2)
    near = np.isclose(G, h[:, :, None])
    first = np.argmax(near, axis=2)
    mask = np.zeros_like(G)
    np.put_along_axis(mask, first[:, :, None], 1.0, axis=2)
    return h, mask.reshape(A.shape)
'''),
        ("converts with A * 1.0, which turns an integer A into float64 but keeps a float32 A "
         "float32: h comes back float32 (prompt: h float64)", '''
def maxout(A, k):
    A = A * 1.0
    N, Mk = A.shape
    G = A.reshape(N, Mk // k, k)
    h = G.max(axis=2)
    idx = G.argmax(axis=2)
    mask = np.zeros((N, Mk // k, k))
    np.put_along_axis(mask, idx[:, :, None], 1.0, axis=2)
    return h, mask.reshape(N, Mk)
'''),
        ("breaks ties by subtracting a tiny ramp 1e-12 * r before argmax: a second unit larger "
         "by less than 1e-12 loses the mask", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    G = A.reshape(N, Mk // k, k)
    idx = np.argmax(G - 1e-12 * np.arange(k), axis=2)
    mask = np.zeros_like(G)
    np.put_along_axis(mask, idx[:, :, None], 1.0, axis=2)
    return G.max(axis=2), mask.reshape(N, Mk)
'''),
        ("groups are strided columns j, j + M, ... (reshape(N, k, M))", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    G = A.reshape(N, k, Mk // k)
    idx = G.argmax(axis=1)
    mask = np.zeros_like(G)
    np.put_along_axis(mask, idx[:, None, :], 1.0, axis=1)
    return G.max(axis=1), mask.reshape(N, Mk)
'''),
    ],
    "dead_fraction": [
        ("a unit is dead when its largest output is 0: a column of zeros and negatives counts "
         "as dead (prompt: exactly 0 on all N examples)", '''
def dead_fraction(H):
    return float(np.mean(H.max(axis=0) == 0))
'''),
        ("H <= 0 on every row: a unit with negative outputs counts as dead", '''
def dead_fraction(H):
    return float(np.mean(np.all(H <= 0, axis=0)))
'''),
        ("|H| < machine epsilon counts as 0: a unit whose only output is 1e-20 is called dead",
         '''
def dead_fraction(H):
    return float(np.mean(np.all(np.abs(H) < np.finfo(np.float64).eps, axis=0)))
'''),
        ("column sum == 0: a unit with outputs 1 and -1 counts as dead", '''
def dead_fraction(H):
    return float(np.mean(H.sum(axis=0) == 0))
'''),
    ],
    "xavier_init": [
        ("uniform branch ignores the gain", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "normal":
        std = gain * np.sqrt(2 / (d_in + d_out))
        return rng.normal(0.0, std, size=(d_in, d_out))
    bound = np.sqrt(6 / (d_in + d_out))
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
        ("uniform bound multiplies by the gain twice (gain * sqrt(3) * std, std has it already)",
         '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2 / (d_in + d_out))
    if distribution == "uniform":
        bound = gain * np.sqrt(3) * std
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, std, size=(d_in, d_out))
'''),
        ("uniform bound puts the gain inside the square root", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    if distribution == "uniform":
        bound = np.sqrt(6 * gain / (d_in + d_out))
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, gain * np.sqrt(2 / (d_in + d_out)), size=(d_in, d_out))
'''),
    ],
    "he_init": [
        ("normal branch ignores negative_slope (always the ReLU's sqrt(2))", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "uniform":
        gain = np.sqrt(2 / (1 + negative_slope ** 2))
        bound = np.sqrt(3) * gain / np.sqrt(d_in)
        return rng.uniform(-bound, bound, size=(d_in, d_out))
    return rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_out))
'''),
        ("normal branch uses (1 + s)^2 for 1 + s^2", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        std = np.sqrt(2 / ((1 + negative_slope) ** 2 * d_in))
        return rng.normal(0.0, std, size=(d_in, d_out))
    bound = np.sqrt(6 / ((1 + negative_slope ** 2) * d_in))
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
        ("normal branch divides the ReLU gain by (1 + s^2) outside the square root", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    if distribution == "normal":
        std = np.sqrt(2) / (1 + negative_slope ** 2) / np.sqrt(d_in)
        return rng.normal(0.0, std, size=(d_in, d_out))
    gain = np.sqrt(2 / (1 + negative_slope ** 2))
    bound = np.sqrt(3) * gain / np.sqrt(d_in)
    return rng.uniform(-bound, bound, size=(d_in, d_out))
'''),
    ],
    "depth_stats": [
        ("the last layer is left linear (no phi on the output layer)", '''
def depth_stats(X, weights, phi):
    means, stds = [], []
    h = X
    for l, W in enumerate(weights):
        a = h @ W
        h = a if l == len(weights) - 1 else phi(a)
        means.append(h.mean())
        stds.append(h.std())
    return np.array(means), np.array(stds)
'''),
        ("np.array of the per-layer means keeps float32 for float32 inputs (prompt: two float64 "
         "arrays)", '''
def depth_stats(X, weights, phi):
    means, stds = [], []
    h = X
    for W in weights:
        h = phi(h @ W)
        means.append(np.mean(h))
        stds.append(np.std(h))
    return np.array(means), np.array(stds)
'''),
        ("computes in torch's default float32 and returns float32 arrays", '''
def depth_stats(X, weights, phi):
    h = torch.tensor(np.asarray(X), dtype=torch.float32)
    means, stds = [], []
    for W in weights:
        h = torch.as_tensor(phi((h @ torch.tensor(np.asarray(W), dtype=torch.float32)).numpy()))
        means.append(h.mean())
        stds.append(h.std(unbiased=False))
    return torch.stack(means).numpy(), torch.stack(stds).numpy()
'''),
    ],
}

RIGHT = {
    "sigmoid": [("scipy.special.expit on a float64 copy", '''
def sigmoid(a):
    h = special.expit(np.asarray(a, dtype=np.float64))
    return h, h * (1.0 - h)
''')],
    "tanh": [
        ("x = expm1(2a) on a clipped to [-350, 350], h = x / (x + 2), dh = (1 - h)(1 + h)", '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    x = np.expm1(2 * np.clip(a, -350, 350))
    h = x / (x + 2)
    return h, (1 - h) * (1 + h)
'''),
        ("np.tanh writing into the (float64) input array in place", '''
def tanh(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.tanh(a, out=a)
    return h, 1 - h ** 2
'''),
    ],
    "relu": [
        ("changes a float64 input in place and returns it as h", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    dh = np.where(a > 0, 1.0, negative_slope)
    a *= dh
    return a, dh
'''),
        ("np.heaviside for dh, h = a * dh", '''
def relu(a, negative_slope=0.0):
    a = np.asarray(a, dtype=np.float64)
    dh = np.heaviside(a, 0.0) + negative_slope * np.heaviside(-a, 1.0)
    return a * dh, dh
'''),
    ],
    "elu": [
        ("h = max(a, 0) + alpha * (exp(min(a, 0)) - 1) without expm1, dh = h + alpha on the "
         "negative side (the prompt grades no relative accuracy for elu)", '''
def elu(a, alpha=1.0):
    a = np.asarray(a, dtype=np.float64)
    neg = np.minimum(a, 0.0)
    h = np.maximum(a, 0.0) + alpha * (np.exp(neg) - 1.0)
    dh = np.where(a > 0, 1.0, h + alpha)
    return h, dh
'''),
    ],
    "selu": [("scale times the elu exercise, constants with the paper's extra digits", '''
def selu(a):
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    h, dh = elu(a, alpha)
    return scale * h, scale * dh
''')],
    "gelu": [("torch autograd of torch.nn.functional.gelu in float64", '''
def gelu(a, approximate="none"):
    t = torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)
    out = torch.nn.functional.gelu(t, approximate=approximate)
    out.sum().backward()
    return out.detach().numpy().copy(), t.grad.numpy().copy()
'''), ("special.ndtr for Phi, 3 * 0.044715 written as 0.134145", '''
def gelu(a, approximate="none"):
    a = np.asarray(a, dtype=np.float64)
    if approximate == "none":
        Phi = special.ndtr(a)
        return a * Phi, Phi + a * np.exp(-0.5 * a * a) / np.sqrt(2 * np.pi)
    c = np.sqrt(2 / np.pi)
    t = np.tanh(c * (a + 0.044715 * a ** 3))
    return 0.5 * a * (1 + t), 0.5 * (1 + t) + 0.5 * a * (1 - t * t) * c * (1 + 0.134145 * a * a)
''')],
    "silu": [("reuses sigmoid, dh = h + s (1 - h)", '''
def silu(a):
    a = np.asarray(a, dtype=np.float64)
    s, _ = sigmoid(a)
    h = a * s
    return h, h + s * (1 - h)
''')],
    "softplus": [("np.logaddexp(0, a), dh = exp(a - h)", '''
def softplus(a):
    a = np.asarray(a, dtype=np.float64)
    h = np.logaddexp(0.0, a)
    return h, np.exp(a - h)
''')],
    "maxout": [("loops over rows and groups with np.argmax", '''
def maxout(A, k):
    A = np.asarray(A, dtype=np.float64)
    N, Mk = A.shape
    M = Mk // k
    h = np.zeros((N, M))
    mask = np.zeros((N, Mk))
    for n in range(N):
        for j in range(M):
            g = A[n, j * k:(j + 1) * k]
            r = int(np.argmax(g))
            h[n, j] = g[r]
            mask[n, j * k + r] = 1.0
    return h, mask
'''), ("torch autograd of max_pool1d", '''
def maxout(A, k):
    t = torch.tensor(np.asarray(A, dtype=np.float64), requires_grad=True)
    out = torch.nn.functional.max_pool1d(t.unsqueeze(1), k).squeeze(1)
    out.sum().backward()
    return out.detach().numpy().copy(), t.grad.numpy().copy()
''')],
    "dead_fraction": [
        ("count_nonzero per column, returned as a numpy float64 (a float subclass)", '''
def dead_fraction(H):
    return np.mean(np.count_nonzero(H, axis=0) == 0)
'''),
        ("loop over columns with not any()", '''
def dead_fraction(H):
    M = H.shape[1]
    dead = sum(1 for j in range(M) if not np.any(H[:, j]))
    return dead / M
'''),
    ],
    "xavier_init": [("rng.random scaled to [-bound, bound) and standard_normal * std", '''
def xavier_init(d_in, d_out, rng, gain=1.0, distribution="uniform"):
    std = gain * np.sqrt(2.0 / (d_in + d_out))
    if distribution == "normal":
        return std * rng.standard_normal((d_in, d_out))
    bound = np.sqrt(3.0) * std
    return -bound + 2 * bound * rng.random((d_in, d_out))
''')],
    "he_init": [("torch.nn.init.calculate_gain, flat draw reshaped", '''
def he_init(d_in, d_out, rng, negative_slope=0.0, distribution="normal"):
    gain = torch.nn.init.calculate_gain("leaky_relu", float(negative_slope))
    std = gain / np.sqrt(d_in)
    if distribution == "uniform":
        b = np.sqrt(3.0) * std
        return rng.uniform(-b, b, size=d_in * d_out).reshape(d_in, d_out)
    return rng.normal(0.0, std, size=d_in * d_out).reshape(d_in, d_out)
''')],
    "depth_stats": [("preallocated float64 arrays, std written out", '''
def depth_stats(X, weights, phi):
    L = len(weights)
    means = np.zeros(L, dtype=np.float64)
    stds = np.zeros(L, dtype=np.float64)
    h = np.asarray(X, dtype=np.float64)
    for l in range(L):
        h = np.asarray(phi(h @ weights[l]), dtype=np.float64)
        means[l] = h.sum() / h.size
        stds[l] = np.sqrt(np.mean((h - means[l]) ** 2))
    return means, stds
''')],
}
