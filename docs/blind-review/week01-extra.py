WRONG = {
    "count_linearly_separable": [
        ("weights only from -1 to 1 (the prompt says integer entries from -3 to 3): misses the "
         "threshold functions of 3 inputs that need a weight of 2", '''
def count_linearly_separable(n):
    import itertools
    X = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    tables = set()
    for w in itertools.product(range(-1, 2), repeat=n):
        for b in np.arange(-3 * n, 3 * n + 1) + 0.5:
            tables.add(tuple((X @ np.array(w) + b > 0).astype(int)))
    return len(tables)
'''),
        ("returns a NumPy integer (np.sum of a boolean array), not the int the prompt asks for", '''
def count_linearly_separable(n):
    X = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    Xb = np.hstack([X, np.ones((2**n, 1))])
    ok = np.zeros(2 ** (2**n), dtype=bool)
    for k in range(2 ** (2**n)):
        y = (k >> np.arange(2**n)) & 1
        w = np.zeros(n + 1)
        for epoch in range(30):
            mistakes = 0
            for xi, yi in zip(Xb, y):
                pred = 1 if xi @ w > 0 else 0
                if pred != yi:
                    w += (yi - pred) * xi
                    mistakes += 1
            if mistakes == 0:
                break
        ok[k] = mistakes == 0
    return np.sum(ok)
'''),
        ("learning rule capped at 3 epochs (the prompt: 12 epochs are needed, a cap of 30 is safe): "
         "undercounts for n = 3", '''
def count_linearly_separable(n):
    X = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    Xb = np.hstack([X, np.ones((2**n, 1))])
    count = 0
    for k in range(2 ** (2**n)):
        y = (k >> np.arange(2**n)) & 1
        w = np.zeros(n + 1)
        for epoch in range(3):
            mistakes = 0
            for xi, yi in zip(Xb, y):
                pred = 1 if xi @ w > 0 else 0
                if pred != yi:
                    w += (yi - pred) * xi
                    mistakes += 1
            if mistakes == 0:
                break
        if mistakes == 0:
            count += 1
    return count
'''),
    ],
    "power_rule": [
        ("np.polyder on the reversed coefficients: np.poly1d drops leading zeros, so a zero top "
         "coefficient gives a result shorter than K - 1", '''
def power_rule(coeffs):
    return np.polyder(np.asarray(coeffs, dtype=float)[::-1])[::-1].astype(float)
'''),
        ("constant case returns np.array([0]), an integer array, not np.array([0.0])", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs)
    if len(coeffs) == 1:
        return np.array([0])
    return coeffs[1:] * np.arange(1, len(coeffs))
'''),
        ("no conversion to float: integer coefficients give an integer array", '''
def power_rule(coeffs):
    coeffs = np.asarray(coeffs)
    if coeffs.size == 1:
        return np.array([0.0])
    return np.arange(1, coeffs.size) * coeffs[1:]
'''),
        ("returns a Python list, not a float array", '''
def power_rule(coeffs):
    if len(coeffs) == 1:
        return [0.0]
    return [k * float(coeffs[k]) for k in range(1, len(coeffs))]
'''),
    ],
    "central_difference": [
        ("ignores the argument h (always uses 1e-5)", '''
def central_difference(f, x, h=1e-5):
    eps = 1e-5
    return (f(x + eps) - f(x - eps)) / (2 * eps)
'''),
        ("np.atleast_1d: a number x gives shape (1,), not the shape of x", '''
def central_difference(f, x, h=1e-5):
    x = np.atleast_1d(np.asarray(x, dtype=float))
    return (f(x + h) - f(x - h)) / (2 * h)
'''),
        ("np.full_like(x, h) on an integer x makes the step 0 (division by zero)", '''
def central_difference(f, x, h=1e-5):
    x = np.asarray(x)
    step = np.full_like(x, h)
    return (f(x + step) - f(x - step)) / (2 * step)
'''),
    ],
    "standardize_columns": [
        ("an integer input is converted with .float() (always float32), not to "
         "torch.get_default_dtype()", '''
def standardize_columns(t):
    if not t.is_floating_point():
        t = t.float()
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)
'''),
        ("a float16 input is converted to float32: a floating-point input must keep its dtype", '''
def standardize_columns(t):
    if t.dtype not in (torch.float32, torch.float64):
        t = t.to(torch.get_default_dtype())
    return (t - t.mean(dim=0)) / t.std(dim=0, correction=0)
'''),
        ("standardizes in place: modifies the caller's tensor", '''
def standardize_columns(t):
    if not t.is_floating_point():
        t = t.to(torch.get_default_dtype())
    sd = t.std(dim=0, correction=0)
    t -= t.mean(dim=0)
    t /= sd
    return t
'''),
    ],
}

RIGHT = {
    "count_linearly_separable": [("grid of perceptrons, truth tables as bytes in a set", '''
def count_linearly_separable(n):
    import itertools
    X = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    W = np.array(list(itertools.product(range(-3, 4), repeat=n)))  # (7^n, n)
    B = np.arange(-3 * n, 3 * n + 1) + 0.5
    A = (X @ W.T)[:, :, None] + B  # (2^n, 7^n, nb)
    T = (A > 0).reshape(2**n, -1).T.astype(np.uint8)
    return int(len(np.unique(T, axis=0)))
''')],
    "power_rule": [("numpy.polynomial.polynomial.polyder on floats", '''
def power_rule(coeffs):
    from numpy.polynomial import polynomial as P
    c = np.asarray(coeffs, dtype=np.float64)
    if c.size == 1:
        return np.array([0.0])
    return np.asarray(P.polyder(c), dtype=np.float64)
''')],
    "central_difference": [("np.asarray float, reshaped to the shape of x", '''
def central_difference(f, x, h=1e-5):
    xa = np.asarray(x, dtype=np.float64)
    d = (np.asarray(f(xa + h), dtype=np.float64) - np.asarray(f(xa - h), dtype=np.float64)) / (2.0 * h)
    return d.reshape(xa.shape)
''')],
    "standardize_columns": [("var with unbiased=False and rsqrt", '''
def standardize_columns(t):
    if not torch.is_floating_point(t):
        t = t.to(torch.get_default_dtype())
    mu = t.mean(dim=0, keepdim=True)
    var = ((t - mu) ** 2).mean(dim=0, keepdim=True)
    return (t - mu) * torch.rsqrt(var)
''')],
}
