"""Blind review, round 2, week01 (perceptrons): candidates written from the student release only."""

WRONG = {
    "heaviside": [
        ("a plain number: calls .astype on the result of a comparison (a Python bool for a number)", '''
def heaviside(a):
    return (a >= 0).astype(float)
'''),
        ("tolerance for rounding noise: a tiny negative a (-1e-12) counts as 0 and gives 1", '''
def heaviside(a):
    a = np.asarray(a, dtype=float)
    return np.where(a >= -1e-9, 1.0, 0.0)
'''),
        ("np.atleast_1d: a plain number gives shape (1,) instead of ()", '''
def heaviside(a):
    a = np.atleast_1d(np.asarray(a, dtype=float))
    out = np.zeros_like(a)
    out[a >= 0] = 1.0
    return out
'''),
        ("np.zeros_like of an integer input gives an integer array, not a float array", '''
def heaviside(a):
    a = np.asarray(a)
    out = np.zeros_like(a)
    out[a >= 0] = 1
    return out
'''),
        ("np.signbit: -0.0 counts as negative although -0.0 >= 0", '''
def heaviside(a):
    return np.where(np.signbit(np.asarray(a, dtype=float)), 0.0, 1.0)
'''),
    ],
    "perceptron_predict": [
        ("returns the boolean array of the comparison, not an integer array", '''
def perceptron_predict(X, w, b):
    return X @ w + b >= 0
'''),
        ("returns a float array (np.where with 1.0 and 0.0), not an integer array", '''
def perceptron_predict(X, w, b):
    return np.where(X @ w + b >= 0, 1.0, 0.0)
'''),
        ("rounds a to 10 decimals first: a = -1e-12 is predicted 1", '''
def perceptron_predict(X, w, b):
    a = np.round(X @ w + b, 10)
    return (a >= 0).astype(int)
'''),
        ("returns a Python list of ints, not an array", '''
def perceptron_predict(X, w, b):
    return [int(v >= 0) for v in X @ w + b]
'''),
    ],
    "perceptron_train": [
        ("the bias update forgets the learning rate (b += y - y_hat)", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = int(x_i @ w + b >= 0)
            if y_hat != y_i:
                w = w + lr * (y_i - y_hat) * x_i
                b = b + (y_i - y_hat)
                errors[e] += 1
    return w, b, errors
'''),
        ("errors kept in np.zeros(epochs): a float array, not an integer array", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs)
    for e in range(epochs):
        for i in range(len(X)):
            y_hat = 1 if X[i] @ w + b >= 0 else 0
            delta = y[i] - y_hat
            if delta != 0:
                w = w + lr * delta * X[i]
                b = b + lr * delta
                errors[e] += 1
    return w, b, errors
'''),
        ("predictions of an epoch computed once at its start, with the weights of the epoch's start", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        y_hat = (X @ w + b >= 0).astype(int)
        for i in range(len(X)):
            delta = y[i] - y_hat[i]
            w = w + lr * delta * X[i]
            b = b + lr * delta
            errors[e] += int(delta != 0)
    return w, b, errors
'''),
        ("w = np.zeros_like(X[0]) and in-place +=: breaks (casting error) for integer X", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    w = np.zeros_like(X[0])
    b = 0.0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        for x_i, y_i in zip(X, y):
            y_hat = 1 if x_i @ w + b >= 0 else 0
            if y_hat != y_i:
                w += lr * (y_i - y_hat) * x_i
                b += lr * (y_i - y_hat)
                errors[e] += 1
    return w, b, errors
'''),
        ("starts from b = 0 (an int): with an integer lr the bias comes back an int, not a float", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    w = np.zeros(X.shape[1])
    b = 0
    errors = np.zeros(epochs, dtype=int)
    for e in range(epochs):
        for i in range(X.shape[0]):
            y_hat = int(np.dot(X[i], w) + b >= 0)
            if y_hat != y[i]:
                w = w + lr * (y[i] - y_hat) * X[i]
                b = b + lr * (int(y[i]) - y_hat)
                errors[e] += 1
    return w, b, errors
'''),
    ],
    "xor_network": [
        ("no margin: the OR neuron's line passes through (0, 1) and (1, 0)", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-1.0, 1.5])
    w2 = np.array([1.0, 1.0])
    b2 = -1.5
    return W1, b1, w2, b2
'''),
        ("margin only toward the inside: OR with b = -0.85 fails at (0.9, -0.1)", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-0.85, 1.5])
    w2 = np.array([1.0, 1.0])
    b2 = -1.5
    return W1, b1, w2, b2
'''),
        ("margin only toward the inside: NAND with b = 1.05 fails at (1.1, 0.1)", '''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-0.5, 1.05])
    w2 = np.array([1.0, 1.0])
    b2 = -1.5
    return W1, b1, w2, b2
'''),
    ],
    "count_boolean_functions": [
        ("(2 ** 2) ** n = 4 ** n: right for n = 1 and 2 only", '''
def count_boolean_functions(n):
    return (2 ** 2) ** n
'''),
        ("returns a float (2.0 ** 2 ** n)", '''
def count_boolean_functions(n):
    return 2.0 ** (2 ** n)
'''),
        ("np.power with int64: overflows to 0 from n = 6 on", '''
def count_boolean_functions(n):
    return np.power(2, np.power(2, n))
'''),
    ],
    "count_linearly_separable": [
        ("grid of weights -1, 0, 1 only: misses the functions of 3 inputs that need a weight 2", '''
def count_linearly_separable(n):
    import itertools
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    tables = set()
    for w in itertools.product(range(-1, 2), repeat=n):
        for b in np.arange(-3 * n, 3 * n + 1) + 0.5:
            tables.add(tuple((inputs @ np.array(w) + b >= 0).astype(int)))
    return len(tables)
'''),
        ("learning rule capped at 10 epochs (fewer than the 12 needed)", '''
def count_linearly_separable(n):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    count = 0
    for k in range(2 ** 2 ** n):
        y = (k >> np.arange(2**n)) & 1
        w = np.zeros(n)
        b = 0.0
        for epoch in range(10):
            mistakes = 0
            for x_i, y_i in zip(inputs, y):
                y_hat = int(x_i @ w + b >= 0)
                if y_hat != y_i:
                    w = w + (y_i - y_hat) * x_i
                    b = b + (y_i - y_hat)
                    mistakes += 1
        if mistakes == 0:
            count += 1
    return count
'''),
        ("sums a float array of flags: returns a float", '''
def count_linearly_separable(n):
    inputs = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    separable = np.zeros(2 ** 2 ** n)
    for k in range(2 ** 2 ** n):
        y = (k >> np.arange(2**n)) & 1
        w = np.zeros(n)
        b = 0.0
        for epoch in range(30):
            mistakes = 0
            for x_i, y_i in zip(inputs, y):
                y_hat = int(x_i @ w + b >= 0)
                if y_hat != y_i:
                    w = w + (y_i - y_hat) * x_i
                    b = b + (y_i - y_hat)
                    mistakes += 1
        if mistakes == 0:
            separable[k] = 1.0
    return separable.sum()
'''),
    ],
    "sigmoid": [
        ("0.5 * (1 + tanh(a / 2)): no overflow, but sigma(-40) comes out 0 (no relative accuracy)", '''
def sigmoid(a):
    a = np.asarray(a, dtype=float)
    return 0.5 * (1.0 + np.tanh(a / 2))
'''),
        ("no np.asarray: a plain number has no boolean indexing (crashes)", '''
def sigmoid(a):
    out = np.empty_like(a, dtype=float)
    pos = a >= 0
    out[pos] = 1 / (1 + np.exp(-a[pos]))
    e = np.exp(a[~pos])
    out[~pos] = e / (1 + e)
    return out
'''),
        ("np.empty_like(a) of an integer array: the results are truncated to integers", '''
def sigmoid(a):
    a = np.asarray(a)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1 / (1 + np.exp(-a[pos]))
    e = np.exp(a[~pos])
    out[~pos] = e / (1 + e)
    return out
'''),
        ("clips a to [-500, 500]: sigma(-600) is e^-500, not e^-600", '''
def sigmoid(a):
    a = np.clip(np.asarray(a, dtype=float), -500, 500)
    return 1.0 / (1.0 + np.exp(-a))
'''),
        ("computes in float32 (torch): loses the tiny values below about e^-103 and precision", '''
def sigmoid(a):
    return torch.sigmoid(torch.as_tensor(np.asarray(a, dtype=np.float32))).numpy()
'''),
    ],
    "power_rule": [
        ("integer coefficients give an integer array, not a float array", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs)
    if len(coeffs) == 1:
        return np.array([0.0])
    return coeffs[1:] * np.arange(1, len(coeffs))
'''),
        ("constant polynomial returns np.array([0]), an integer array", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    if len(coeffs) == 1:
        return np.array([0])
    return coeffs[1:] * np.arange(1, len(coeffs))
'''),
        ("treats every polynomial whose higher coefficients are 0 as a constant: [5, 0, 0] gives [0.] not [0., 0.]", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs, dtype=float)
    if np.all(coeffs[1:] == 0):
        return np.array([0.0])
    return coeffs[1:] * np.arange(1, len(coeffs))
'''),
    ],
    "sympy_derivative": [
        ("ignores the argument x: differentiates with respect to a fresh Symbol('x')", '''
def sympy_derivative(expr, x):
    t = sp.Symbol("x")
    d = sp.diff(expr, t)
    f = sp.lambdify(t, d, "numpy")
    return lambda values: f(values) + np.zeros_like(values)
'''),
        ("broadcasts a constant with np.full(len(values), ...): only 1-D arrays keep their shape", '''
def sympy_derivative(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")

    def f_prime(values):
        r = f(values)
        if np.ndim(r) == 0:
            return np.full(len(values), float(r))
        return r
    return f_prime
'''),
        ("loops over values with subs: only 1-D arrays work", '''
def sympy_derivative(expr, x):
    d = sp.diff(expr, x)
    return lambda values: np.array([float(d.subs(x, v)) for v in values])
'''),
    ],
    "central_difference": [
        ("scales the step with |x| (h * max(1, |x|)): not the formula with the given h", '''
def central_difference(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    step = h * np.maximum(1.0, np.abs(x))
    return (f(x + step) - f(x - step)) / (2 * step)
'''),
        ("np.atleast_1d: a plain number x gives shape (1,)", '''
def central_difference(f, x, h=1e-5):
    x = np.atleast_1d(np.asarray(x, dtype=float))
    return (f(x + h) - f(x - h)) / (2 * h)
'''),
        ("copies x and adds h in place: breaks (casting error) for an integer x", '''
def central_difference(f, x, h=1e-5):
    xp = np.array(x)
    xm = np.array(x)
    xp += h
    xm -= h
    return (f(xp) - f(xm)) / (2 * h)
'''),
    ],
    "tower": [
        ("0.5 * (1 + tanh(a)): forgets the /2 of the identity (walls twice as steep)", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    s1 = 0.5 * (1 + np.tanh(steepness * (x - left)))
    s2 = 0.5 * (1 + np.tanh(steepness * (x - right)))
    return s1 - s2
'''),
        ("product sigma(s(x-l)) * (1 - sigma(s(x-r))) instead of the difference", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    up = 0.5 * (1 + np.tanh(steepness * (x - left) / 2))
    down = 0.5 * (1 + np.tanh(steepness * (x - right) / 2))
    return up * (1 - down)
'''),
        ("stable sigmoid in np.empty_like(x) without converting: integer x gives truncated values", '''
def tower(x, left, right, steepness):
    x = np.asarray(x)

    def sig(a):
        out = np.empty_like(x)
        pos = a >= 0
        out[pos] = 1 / (1 + np.exp(-a[pos]))
        e = np.exp(a[~pos])
        out[~pos] = e / (1 + e)
        return out
    return sig(steepness * (x - left)) - sig(steepness * (x - right))
'''),
    ],
    "approximate_with_towers": [
        ("rescales the steepness to 20 n / (hi - lo) as in the demo, ignoring the argument", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    lo, hi = x_range
    x = np.asarray(x, dtype=float)
    s = 20 * n_towers / (hi - lo)
    edges = np.linspace(lo, hi, n_towers + 1)
    total = np.zeros_like(x)
    for i in range(n_towers):
        c = (edges[i] + edges[i + 1]) / 2
        T = 0.5 * (1 + np.tanh(s * (x - edges[i]) / 2)) - 0.5 * (1 + np.tanh(s * (x - edges[i + 1]) / 2))
        total = total + f(c) * T
    return total
'''),
        ("total = np.zeros_like(x) with +=: an integer x breaks (casting error)", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    lo, hi = x_range
    edges = np.linspace(lo, hi, n_towers + 1)
    total = np.zeros_like(x)
    for i in range(n_towers):
        c = (edges[i] + edges[i + 1]) / 2
        up = 0.5 * (1 + np.tanh(steepness * (x - edges[i]) / 2))
        down = 0.5 * (1 + np.tanh(steepness * (x - edges[i + 1]) / 2))
        total += f(c) * (up - down)
    return total
'''),
        ("tanh identity without the /2: walls twice as steep", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    lo, hi = x_range
    x = np.asarray(x, dtype=float)
    edges = np.linspace(lo, hi, n_towers + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    heights = f(centres) + np.zeros(n_towers)
    a = x[..., None]
    up = 0.5 * (1 + np.tanh(steepness * (a - edges[:-1])))
    down = 0.5 * (1 + np.tanh(steepness * (a - edges[1:])))
    return ((up - down) * heights).sum(axis=-1)
'''),
    ],
    "standardize_columns": [
        ("integer input converted with .float() (always float32), not torch's default float dtype", '''
def standardize_columns(t):
    if not t.is_floating_point():
        t = t.float()
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)
'''),
        ("converts every dtype but float64 to float32: a float16 input does not keep its dtype", '''
def standardize_columns(t):
    if t.dtype != torch.float64:
        t = t.to(torch.float32)
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)
'''),
        ("divides by std + 1e-8 (an epsilon the prompt does not have)", '''
def standardize_columns(t):
    if not t.is_floating_point():
        t = t.to(torch.get_default_dtype())
    return (t - t.mean(dim=0)) / (t.std(dim=0, correction=0) + 1e-8)
'''),
    ],
    "pairwise_distances": [
        ("expands ||a||^2 + ||b||^2 - 2 a.b: inexact (or nan) near zero distance", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B).to(A.dtype)
    sq = (A**2).sum(1)[:, None] + (B**2).sum(1)[None, :] - 2 * A @ B.T
    return sq.sqrt()
'''),
        ("no cast back: float32 A with float64 B gives float64 (promotion), not A's dtype", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt()
'''),
        ("torch.as_tensor(..., dtype=torch.float32): float64 A comes back float32", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A, dtype=torch.float32)
    B = torch.as_tensor(B, dtype=torch.float32)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt()
'''),
        ("squeezes the result: N = 1 or M = 1 loses an axis", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B, dtype=A.dtype)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1).sqrt().squeeze()
'''),
    ],
}

RIGHT = {
    "heaviside": [("np.heaviside with H(0) = 1 on a float array", '''
def heaviside(a):
    return np.heaviside(np.asarray(a, dtype=float), 1.0)
'''), ("overwrites a float input in place (the prompt does not forbid it)", '''
def heaviside(a):
    a = np.asarray(a, dtype=float)
    pos = a >= 0
    a[pos] = 1.0
    a[~pos] = 0.0
    return a
''')],
    "perceptron_predict": [("einsum and np.where with integer 1 and 0", '''
def perceptron_predict(X, w, b):
    a = np.einsum("nd,d->n", np.asarray(X, dtype=float), np.asarray(w, dtype=float)) + b
    return np.where(a >= 0, 1, 0)
'''), ("compares X @ w with -b (same test as a >= 0), int32", '''
def perceptron_predict(X, w, b):
    return (X @ w >= -b).astype(np.int32)
''')],
    "perceptron_train": [("augmented weight vector, stops early once an epoch has no mistake", '''
def perceptron_train(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=float)
    N, D = X.shape
    Xa = np.hstack([X, np.ones((N, 1))])
    v = np.zeros(D + 1)
    errors = np.zeros(epochs, dtype=np.int64)
    for e in range(epochs):
        for i in range(N):
            y_hat = 1 if Xa[i] @ v >= 0 else 0
            if y_hat != y[i]:
                v += lr * (2 * int(y[i]) - 1) * Xa[i]
                errors[e] += 1
        if errors[e] == 0:
            break  # nothing changes any more: the later epochs have 0 mistakes too
    return v[:D], float(v[D]), errors
''')],
    "xor_network": [("OR minus AND with a symmetric W1 (integers)", '''
def xor_network():
    W1 = np.array([[1, 1], [1, 1]])
    b1 = np.array([-0.5, -1.5])
    w2 = np.array([1.0, -1.0])
    b2 = -0.5
    return W1, b1, w2, b2
''')],
    "count_boolean_functions": [("bit shifts", '''
def count_boolean_functions(n):
    return 1 << (1 << n)
''')],
    "count_linearly_separable": [("grid of weights -2..2 with itertools and integer biases", '''
def count_linearly_separable(n):
    import itertools
    rows = np.array(list(itertools.product([0, 1], repeat=n)))
    seen = set()
    for w in itertools.product(range(-2, 3), repeat=n):
        a = rows @ np.array(w)
        for b in range(-2 * n - 1, 2 * n + 2):
            seen.add(tuple(a + b >= 0))
    return len(seen)
''')],
    "sigmoid": [("exp(-|a|) for both branches", '''
def sigmoid(a):
    a = np.asarray(a, dtype=float)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
'''), ("overwrites a float64 input in place (the prompt does not forbid it)", '''
def sigmoid(a):
    a = np.asarray(a, dtype=float)
    pos = a >= 0
    e = np.exp(a[~pos])
    a[pos] = 1 / (1 + np.exp(-a[pos]))
    a[~pos] = e / (1 + e)
    return a
''')],
    "power_rule": [("np.polynomial.Polynomial(...).deriv().coef", '''
def power_rule(coeffs):
    return np.polynomial.Polynomial(np.asarray(coeffs, dtype=float)).deriv().coef
'''), ("np.polynomial.polynomial.polyder, with the constant case", '''
def power_rule(coeffs):
    c = np.asarray(coeffs, dtype=float)
    if c.size == 1:
        return np.array([0.0])
    return np.polynomial.polynomial.polyder(c)
'''), ("multiplies in place (changes the caller's float array, allowed)", '''
def power_rule(coeffs):
    c = np.asarray(coeffs, dtype=float)
    if len(c) == 1:
        return np.array([0.0])
    c[1:] *= np.arange(1, len(c))
    return c[1:]
''')],
    "sympy_derivative": [("np.broadcast_to, as the prompt suggests", '''
def sympy_derivative(expr, x):
    f = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda values: np.broadcast_to(f(values), np.shape(values)).astype(float)
'''), ("np.vectorize over subs (slow but any shape)", '''
def sympy_derivative(expr, x):
    d = sp.diff(expr, x)
    return np.vectorize(lambda v: float(d.subs(x, v)), otypes=[float])
''')],
    "central_difference": [("torch-free, with np.asarray", '''
def central_difference(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (h + h)
''')],
    "tower": [("the plain formula with np.exp (may warn at huge steepness, values still right)", '''
def tower(x, left, right, steepness):
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-steepness * (x - left))) - 1 / (1 + np.exp(-steepness * (x - right)))
''')],
    "approximate_with_towers": [("vectorized over towers with a last axis", '''
def approximate_with_towers(f, x, n_towers, x_range, steepness):
    lo, hi = x_range
    x = np.asarray(x, dtype=float)
    e = np.linspace(lo, hi, n_towers + 1)
    c = (e[:-1] + e[1:]) / 2
    heights = np.broadcast_to(f(c), c.shape)
    sig = lambda z: 0.5 * (1 + np.tanh(z / 2))
    T = sig(steepness * (x[..., None] - e[:-1])) - sig(steepness * (x[..., None] - e[1:]))
    return (T * heights).sum(axis=-1)
''')],
    "standardize_columns": [("mean and population variance by hand, keepdim", '''
def standardize_columns(t):
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    m = t.mean(dim=0, keepdim=True)
    sd = ((t - m) ** 2).mean(dim=0, keepdim=True).sqrt()
    return (t - m) / sd
''')],
    "pairwise_distances": [("torch.linalg.vector_norm of the broadcast differences", '''
def pairwise_distances(A, B):
    A = torch.as_tensor(A)
    B = torch.as_tensor(B).to(A.dtype)
    return torch.linalg.vector_norm(A[:, None, :] - B[None, :, :], dim=-1)
''')],
}
