"""Blind candidates for week01/perceptrons (reviewer b12), written from the student release only."""

WRONG = {
    "heaviside": [
        ("returns an integer array; the prompt promises a float array", '''
def heaviside(a):
    return (np.asarray(a) >= 0).astype(int)
'''),
        ("uses the sign bit, so H(-0.0) = 0 although -0.0 >= 0", '''
def heaviside(a):
    return (~np.signbit(np.asarray(a, dtype=float))).astype(float)
'''),
        ("overwrites the caller's float array in place and returns it", '''
def heaviside(a):
    a = np.asarray(a, dtype=float)
    a[a >= 0] = 1.0
    a[a < 0] = 0.0
    return a
'''),
        ("keeps the input's dtype: an integer input gives an integer array", '''
def heaviside(a):
    a = np.asarray(a)
    return np.where(a >= 0, 1, 0).astype(a.dtype)
'''),
    ],
    "perceptron_predict": [
        ("returns floats 0.0/1.0; the prompt asks for an integer array", '''
def perceptron_predict(X, w, b):
    return (X @ w + b >= 0).astype(float)
'''),
        ("returns the boolean comparison itself, not an integer array", '''
def perceptron_predict(X, w, b):
    return X @ w + b >= 0
'''),
        ("returns a Python list, not an array", '''
def perceptron_predict(X, w, b):
    return [int(a >= 0) for a in X @ w + b]
'''),
    ],
    "perceptron_train": [
        ("forgets the learning rate in the bias update", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat != y_i:
                w = w + lr * (y_i - y_hat) * x_i
                b = b + (y_i - y_hat)
                errors[e] += 1
    return w, b, errors
'''),
        ("ignores the learning rate altogether", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            w = w + (y_i - y_hat) * x_i
            b = b + (y_i - y_hat)
            errors[e] += int(y_hat != y_i)
    return w, b, errors
'''),
        ("errors is a float array (np.zeros(epochs)); the prompt asks for integers", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs)
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat != y_i:
                w = w + lr * (y_i - y_hat) * x_i
                b = b + lr * (y_i - y_hat)
                errors[e] += 1
    return w, b, errors
'''),
        ("w = np.zeros_like(X[0]): integer weights for an integer X until the first update", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    w = np.zeros_like(X[0])
    b = 0.0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat != y_i:
                w = w + lr * (y_i - y_hat) * x_i
                b = b + lr * (y_i - y_hat)
                errors[e] += 1
    return w, b, errors
'''),
    ],
    "xor_network": [
        ("OR neuron's line 0.05 from the corners (1,0) and (0,1): no 0.1 margin", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-0.95, 1.5])
    w2 = np.array([1.0, 1.0])
    b2 = -1.5
    return W1, b1, w2, b2
'''),
        ("NAND neuron's line 0.05 from (1,0) and (0,1): no 0.1 margin", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-0.5, 1.05])
    w2 = np.array([1.0, 1.0])
    b2 = -1.5
    return W1, b1, w2, b2
'''),
        ("OR neuron's line too close to (0,0): (0.1, 0.1) is already 'on'", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-0.15, 1.5])
    w2 = np.array([1.0, 1.0])
    b2 = -1.5
    return W1, b1, w2, b2
'''),
    ],
    "count_boolean_functions": [
        ("(2**2)**n = 4**n instead of 2**(2**n): right for n = 1, 2 only", '''
def count_boolean_functions(n):
    return (2 ** 2) ** n
'''),
        ("math.pow returns a float, not an int", '''
import math
def count_boolean_functions(n):
    return math.pow(2, 2 ** n)
'''),
        ("np.power on int64 overflows from n = 6 on", '''
def count_boolean_functions(n):
    return int(np.power(2, np.power(2, n)))
'''),
    ],
    "count_linearly_separable": [
        ("grid of weights from -1 to 1 only (the prompt says -3 to 3): too few tables for n = 3", '''
import itertools
def count_linearly_separable(n):
    X = (np.arange(2 ** n)[:, None] >> np.arange(n)) & 1
    tables = set()
    for w in itertools.product([-1, 0, 1], repeat=n):
        for b in np.arange(-3 * n, 3 * n + 1) + 0.5:
            tables.add(tuple((X @ np.array(w) + b >= 0).astype(int)))
    return len(tables)
'''),
        ("learning rule capped at 10 epochs: not enough for every separable table of n = 3", '''
def count_linearly_separable(n):
    X = (np.arange(2 ** n)[:, None] >> np.arange(n)) & 1
    count = 0
    for k in range(2 ** 2 ** n):
        y = (k >> np.arange(2 ** n)) & 1
        w, b = np.zeros(n), 0.0
        for epoch in range(10):
            mistakes = 0
            for x_i, y_i in zip(X, y):
                y_hat = int(x_i @ w + b >= 0)
                if y_hat != y_i:
                    w = w + (y_i - y_hat) * x_i
                    b += y_i - y_hat
                    mistakes += 1
        count += mistakes == 0
    return int(count)
'''),
        ("types in the answers (the prompt says: do not)", '''
def count_linearly_separable(n):
    return {1: 4, 2: 14, 3: 104}[n]
'''),
        ("returns a NumPy integer (np.sum of a mask), not an int", '''
def count_linearly_separable(n):
    X = (np.arange(2 ** n)[:, None] >> np.arange(n)) & 1
    converged = []
    for k in range(2 ** 2 ** n):
        y = (k >> np.arange(2 ** n)) & 1
        w, b = np.zeros(n), 0.0
        for epoch in range(30):
            mistakes = 0
            for x_i, y_i in zip(X, y):
                y_hat = int(x_i @ w + b >= 0)
                if y_hat != y_i:
                    w = w + (y_i - y_hat) * x_i
                    b += y_i - y_hat
                    mistakes += 1
        converged.append(mistakes == 0)
    return np.sum(converged)
'''),
    ],
    "sigmoid": [
        ("np.empty_like on an integer input: integer output, values truncated", '''
def sigmoid(a):
    a = np.asarray(a)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1 / (1 + np.exp(-a[pos]))
    out[~pos] = np.exp(a[~pos]) / (1 + np.exp(a[~pos]))
    return out
'''),
        ("np.atleast_1d: a plain number gives shape (1,), not ()", '''
def sigmoid(a):
    a = np.atleast_1d(np.asarray(a, dtype=float))
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1 / (1 + np.exp(-a[pos]))
    out[~pos] = np.exp(a[~pos]) / (1 + np.exp(a[~pos]))
    return out
'''),
        ("writes the result into the caller's float array", '''
def sigmoid(a):
    out = np.asarray(a, dtype=float)
    pos = out >= 0
    neg = ~pos
    out[neg] = np.exp(out[neg]) / (1 + np.exp(out[neg]))
    out[pos] = 1 / (1 + np.exp(-out[pos]))
    return out
'''),
        ("negative branch as 1 - sigma(-a): tiny values cancel to 0 (not the two-case formula)", '''
def sigmoid(a):
    a = np.asarray(a, dtype=float)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1 / (1 + np.exp(-a[pos]))
    out[~pos] = 1 - 1 / (1 + np.exp(a[~pos]))
    return out
'''),
    ],
    "power_rule": [
        ("integer coefficients give an integer array; the prompt promises floats", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs)
    if len(coeffs) == 1:
        return np.array([0.0])
    return coeffs[1:] * np.arange(1, len(coeffs))
'''),
        ("multiplies the caller's coefficients in place", '''
def power_rule(coeffs):
    if len(coeffs) == 1:
        return np.array([0.0])
    coeffs[1:] *= np.arange(1, len(coeffs))
    return coeffs[1:]
'''),
        ("constant polynomial returns np.array([0]), an integer array", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    if len(coeffs) == 1:
        return np.array([0])
    return coeffs[1:] * np.arange(1, len(coeffs))
'''),
    ],
    "sympy_derivative": [
        ("a constant derivative broadcast with np.broadcast_to stays an integer array", '''
def sympy_derivative(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")
    def f_prime(values):
        return np.broadcast_to(f(values), np.shape(values))
    return f_prime
'''),
        ("lambdify with the 'math' module: fails on arrays for sin, exp, ...", '''
def sympy_derivative(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "math")
    def f_prime(values):
        return np.asarray(f(values), dtype=float) + np.zeros_like(values, dtype=float)
    return f_prime
'''),
        ("broadcasts a constant to len(values): wrong shape for 2-D or 0-d input", '''
def sympy_derivative(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")
    def f_prime(values):
        out = f(values)
        if np.ndim(out) == 0:
            return np.full(len(values), float(out))
        return out
    return f_prime
'''),
    ],
    "central_difference": [
        ("ignores the h argument (always 1e-5)", '''
def central_difference(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)
'''),
        ("shifts the caller's array in place and back (rounding changes x; int x crashes)", '''
def central_difference(f, x, h=1e-5):
    if np.ndim(x) == 0:
        return (f(x + h) - f(x - h)) / (2 * h)
    x += h
    up = f(x)
    x -= 2 * h
    down = f(x)
    x += h
    return (up - down) / (2 * h)
'''),
        ("operator precedence: f(x + h) - f(x - h) / (2 * h)", '''
def central_difference(f, x, h=1e-5):
    return f(x + h) - f(x - h) / (2 * h)
'''),
    ],
    "tower": [
        ("sigma(a) = (1 + tanh(a)) / 2, forgetting a/2: twice the steepness", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    up = 0.5 * (1 + np.tanh(steepness * (x - left)))
    down = 0.5 * (1 + np.tanh(steepness * (x - right)))
    return up - down
'''),
        ("product of a step up and a step down instead of their difference", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    up = 0.5 * (1 + np.tanh(steepness * (x - left) / 2))
    down = 0.5 * (1 + np.tanh(steepness * (x - right) / 2))
    return up * (1 - down)
'''),
        ("sigmoid as exp(z) / (1 + exp(z)): nan for large z", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    def sig(z):
        return np.exp(z) / (1 + np.exp(z))
    return sig(steepness * (x - left)) - sig(steepness * (x - right))
'''),
    ],
    "approximate_with_towers": [
        ("sigma(a) = (1 + tanh(a)) / 2, forgetting a/2: twice the steepness", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    x = np.asarray(x, dtype=float)
    lo, hi = x_range
    edges = np.linspace(lo, hi, n_towers + 1)
    out = np.zeros_like(x)
    for i in range(n_towers):
        c = (edges[i] + edges[i + 1]) / 2
        up = 0.5 * (1 + np.tanh(steepness * (x - edges[i])))
        down = 0.5 * (1 + np.tanh(steepness * (x - edges[i + 1])))
        out += f(c) * (up - down)
    return out
'''),
        ("each tower as a product step_up * (1 - step_down), not the difference", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    x = np.asarray(x, dtype=float)
    lo, hi = x_range
    edges = np.linspace(lo, hi, n_towers + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    sig = lambda z: 0.5 * (1 + np.tanh(z / 2))
    up = sig(steepness * (x[..., None] - edges[:-1]))
    down = sig(steepness * (x[..., None] - edges[1:]))
    return np.sum(f(centres) * up * (1 - down), axis=-1)
'''),
        ("ignores the steepness argument (a fixed steep 1000)", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    x = np.asarray(x, dtype=float)
    lo, hi = x_range
    edges = np.linspace(lo, hi, n_towers + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    sig = lambda z: 0.5 * (1 + np.tanh(z / 2))
    s = 1000.0
    T = sig(s * (x[..., None] - edges[:-1])) - sig(s * (x[..., None] - edges[1:]))
    return np.sum(f(centres) * T, axis=-1)
'''),
    ],
    "standardize_columns": [
        ("half-precision input becomes float32 (only float64 is kept)", '''
def standardize_columns(t):
    t = t.double() if t.dtype == torch.float64 else t.float()
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)
'''),
        ("integer input converted with .float(), ignoring torch's default dtype", '''
def standardize_columns(t):
    if not t.is_floating_point():
        t = t.float()
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)
'''),
        ("standardizes a float input in place (the caller's tensor changes)", '''
def standardize_columns(t):
    if not t.is_floating_point():
        t = t.to(torch.get_default_dtype())
    mean = t.mean(dim=0)
    std = t.std(dim=0, correction=0)
    t -= mean
    t /= std
    return t
'''),
    ],
    "pairwise_distances": [
        ("always converts to float32: float64 A gives float32", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A, dtype=torch.float32)
    B = torch.as_tensor(B, dtype=torch.float32)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt()
'''),
        ("does not cast B to A's dtype: float32 A with float64 B gives float64", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt()
'''),
        ("expands |a|^2 + |b|^2 - 2ab instead of broadcasting the differences (nan / error near 0)", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    sq = (A ** 2).sum(dim=1)[:, None] + (B ** 2).sum(dim=1)[None, :] - 2 * A @ B.T
    return sq.sqrt()
'''),
    ],
}

RIGHT = {
    "heaviside": [("np.heaviside with H(0) = 1 on a float copy", '''
def heaviside(a):
    return np.heaviside(np.asarray(a, dtype=np.float64), 1.0)
''')],
    "perceptron_predict": [("a loop over rows, comparing x @ w with -b", '''
def perceptron_predict(X, w, b):
    return np.array([1 if x @ w >= -b else 0 for x in np.asarray(X)], dtype=np.int64)
''')],
    "perceptron_train": [("augmented weight vector (w, b) and inputs (x, 1)", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    Xa = np.hstack([X, np.ones((X.shape[0], 1))])
    wa = np.zeros(X.shape[1] + 1)
    errors = []
    for _ in range(epochs):
        count = 0
        for x_i, y_i in zip(Xa, y):
            delta = y_i - int(x_i @ wa >= 0)
            if delta:
                wa += lr * delta * x_i
                count += 1
        errors.append(count)
    return wa[:-1].copy(), float(wa[-1]), np.array(errors, dtype=int)
''')],
    "xor_network": [("h1 = x1 AND NOT x2, h2 = x2 AND NOT x1, output OR", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [-1.0, 1.0]])
    b1 = np.array([-0.5, -0.5])
    w2 = np.array([1.0, 1.0])
    b2 = -0.5
    return W1, b1, w2, b2
''')],
    "count_boolean_functions": [("bit shifts", '''
def count_boolean_functions(n):
    return 1 << (1 << n)
''')],
    "count_linearly_separable": [("grid of perceptrons with a (weights, bias) matrix product", '''
import itertools
def count_linearly_separable(n):
    X = (np.arange(2 ** n)[:, None] >> np.arange(n)) & 1
    W = np.array(list(itertools.product(range(-3, 4), repeat=n)), dtype=float)  # (7^n, n)
    biases = np.arange(-3 * n, 3 * n + 1) + 0.5
    A = (X @ W.T)[:, :, None] + biases[None, None, :]  # (2^n, 7^n, B)
    tables = (A >= 0).reshape(2 ** n, -1).T
    return len(np.unique(tables, axis=0))
''')],
    "sigmoid": [("exp(-|a|) once, then np.where on safe values", '''
def sigmoid(a):
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))
''')],
    "power_rule": [("numpy.polynomial's polyder (lowest degree first)", '''
def power_rule(coeffs):
    return np.polynomial.polynomial.polyder(np.asarray(coeffs, dtype=float))
''')],
    "sympy_derivative": [("np.asarray + np.zeros(np.shape(values))", '''
def sympy_derivative(expr, x):
    derivative = sp.diff(expr, x)
    g = sp.lambdify(x, derivative, "numpy")
    def f_prime(values):
        values = np.asarray(values, dtype=float)
        return np.asarray(g(values), dtype=float) + np.zeros(values.shape)
    return f_prime
''')],
    "central_difference": [("float array first, then the formula", '''
def central_difference(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2.0 * h)
''')],
    "tower": [("sigma(s(x - l)) + sigma(s(r - x)) - 1 with a stable exp", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    def sig(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return sig(steepness * (x - left)) + sig(steepness * (right - x)) - 1
''')],
    "approximate_with_towers": [("loop over towers with the tanh identity", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    x = np.asarray(x, dtype=float)
    lo, hi = x_range
    edges = np.linspace(lo, hi, n_towers + 1)
    sig = lambda z: 0.5 * (1 + np.tanh(z / 2))
    total = np.zeros(x.shape)
    for left, right in zip(edges[:-1], edges[1:]):
        height = f(np.array((left + right) / 2))
        total = total + height * (sig(steepness * (x - left)) - sig(steepness * (x - right)))
    return total
''')],
    "standardize_columns": [("manual population variance with keepdim", '''
def standardize_columns(t):
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    centred = t - t.mean(dim=0, keepdim=True)
    return centred / centred.pow(2).mean(dim=0, keepdim=True).sqrt()
''')],
    "pairwise_distances": [("torch.linalg.norm of the broadcast differences", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B).to(A.dtype)
    return torch.linalg.norm(A[:, None, :] - B[None, :, :], dim=-1)
''')],
}


# Phase 2: the prompt does not forbid changing an argument in place (docs/AUTHORING.md), and an
# int of NumPy's kind is an integer: these candidates are correct, so they move to RIGHT.
def _move(exercise, start):
    for entry in list(WRONG[exercise]):
        if entry[0].startswith(start):
            WRONG[exercise].remove(entry)
            RIGHT[exercise].append(("moved from WRONG in phase 2: " + entry[0], entry[1]))


_move("heaviside", "overwrites the caller's")
_move("sigmoid", "writes the result into the caller's")
_move("central_difference", "shifts the caller's array")
_move("standardize_columns", "standardizes a float input in place")
_move("count_linearly_separable", "returns a NumPy integer")
