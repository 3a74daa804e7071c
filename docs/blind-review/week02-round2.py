"""Blind review, round 2, week02 gradient_descent: candidates written from the student release only."""

WRONG = {
    "taylor_polynomial": [
        ("ignores the argument x: differentiates with respect to its own Symbol('x')", '''
def taylor_polynomial(expr, x, x0, order):
    s = sp.Symbol("x")
    return sum(sp.diff(expr, s, k).subs(s, x0) / sp.factorial(k) * (s - x0) ** k
               for k in range(order + 1))
'''),
        ("iterative derivative taken before its term: coefficient k uses f^(k+1)(x0)", '''
def taylor_polynomial(expr, x, x0, order):
    d = expr
    total = 0
    for k in range(order + 1):
        d = sp.diff(d, x)
        total += d.subs(x, x0) / sp.factorial(k) * (x - x0) ** k
    return total
'''),
        ("sp.series with n=order: stops one power short (series' n is exclusive)", '''
def taylor_polynomial(expr, x, x0, order):
    if order == 0:
        return expr.subs(x, x0)
    return sp.series(expr, x, x0, order).removeO()
'''),
        ("divides by k instead of k! (equal up to k = 2)", '''
def taylor_polynomial(expr, x, x0, order):
    return sum(sp.diff(expr, x, k).subs(x, x0) / max(k, 1) * (x - x0) ** k
               for k in range(order + 1))
'''),
    ],
    "taylor_error": [
        ("Euclidean norm of the errors instead of their largest absolute value", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, poly, "numpy")
    return float(np.linalg.norm(f(p) - t(p)))
'''),
        ("sum of the absolute errors instead of the largest", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, poly, "numpy")
    return float(np.sum(np.abs(f(p) - t(p))))
'''),
        ("spread max - min of the signed errors instead of max |error|", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, poly, "numpy")
    d = f(p) - t(p)
    return float(np.max(d) - np.min(d))
'''),
        ("mean absolute error instead of the largest", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    t = sp.lambdify(x, poly, "numpy")
    return float(np.mean(np.abs(f(p) - t(p))))
'''),
    ],
    "derivative_fn": [
        ("lambdifies with the 'math' module: fails on arrays as soon as f' has sin/exp", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "math")
    return lambda v: d(v) + np.zeros_like(v, dtype=float)
'''),
        ("np.broadcast_to keeps the int dtype of a constant integer derivative", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: np.broadcast_to(d(v), np.shape(v))
'''),
        ("np.full_like(v, ...) truncates f'(v) to integers when v is an int array", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: np.full_like(v, d(v))
'''),
        ("ignores the argument x: differentiates with respect to its own Symbol('x')", '''
def derivative_fn(expr, x):
    s = sp.Symbol("x")
    d = sp.lambdify(s, sp.diff(expr, s), "numpy")
    return lambda v: d(v) + np.zeros_like(v, dtype=float)
'''),
    ],
    "gradient_descent_1d": [
        ("np.full(epochs + 1, x0) keeps an int dtype: the trajectory is truncated for int x0", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = np.full(epochs + 1, x0)
    for t in range(epochs):
        xs[t + 1] = xs[t] - lr * df(xs[t])
    return xs
'''),
        ("stops early when the gradient is zero: trajectory shorter than epochs + 1", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = [float(x0)]
    for t in range(epochs):
        g = df(xs[-1])
        if g == 0:
            break
        xs.append(xs[-1] - lr * g)
    return np.array(xs)
'''),
        ("list of x0 and np.array(xs): an int array for int x0 with epochs = 0", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = [x0]
    for t in range(epochs):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)
'''),
        ("uses the gradient at x0 for every step", '''
def gradient_descent_1d(df, x0, lr, epochs):
    g = df(x0)
    xs = [float(x0)]
    for t in range(epochs):
        xs.append(xs[-1] - lr * g)
    return np.array(xs)
'''),
    ],
    "gradient_2d": [
        ("no float conversion: a linear f gives an int array", '''
def gradient_2d(f_expr, x, y):
    fx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    fy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    return lambda a, b: np.array([fx(a, b), fy(a, b)])
'''),
        ("returns the Python list lambdify gives, not an np.array", '''
def gradient_2d(f_expr, x, y):
    return sp.lambdify((x, y), [sp.diff(f_expr, x), sp.diff(f_expr, y)], "numpy")
'''),
        ("ignores the arguments x, y: uses its own symbols named x and y", '''
def gradient_2d(f_expr, x, y):
    s, t = sp.symbols("x y")
    fx = sp.lambdify((s, t), sp.diff(f_expr, s), "numpy")
    fy = sp.lambdify((s, t), sp.diff(f_expr, t), "numpy")
    return lambda a, b: np.array([fx(a, b), fy(a, b)], dtype=float)
'''),
        ("partials in the order (df/dy, df/dx)", '''
def gradient_2d(f_expr, x, y):
    fx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    fy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    return lambda a, b: np.array([fy(a, b), fx(a, b)], dtype=float)
'''),
    ],
    "gradient_descent_2d": [
        ("updates x, then y with the gradient at the already-moved point", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    path = np.empty((epochs + 1, 2))
    path[0] = p0
    p = np.array(p0, dtype=float)
    for t in range(epochs):
        p[0] = p[0] + sign * lr * grad(p[0], p[1])[0]
        p[1] = p[1] + sign * lr * grad(p[0], p[1])[1]
        path[t + 1] = p
    return path
'''),
        ("flips the sign of lr inside the loop: ascent alternates with descent", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    path = np.empty((epochs + 1, 2))
    path[0] = p0
    for t in range(epochs):
        if ascent:
            lr = -lr
        path[t + 1] = path[t] - lr * np.asarray(grad(path[t, 0], path[t, 1]))
    return path
'''),
        ("np.array(p0) keeps an int dtype; the in-place update fails for integer p0", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    p = np.array(p0)
    path = [p.copy()]
    for t in range(epochs):
        g = grad(p[0], p[1])
        if ascent:
            p += lr * g
        else:
            p -= lr * g
        path.append(p.copy())
    return np.array(path, dtype=float)
'''),
        ("stops early at a critical point: fewer than epochs + 1 rows", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    p = np.array(p0, dtype=float)
    path = [p.copy()]
    for t in range(epochs):
        g = np.asarray(grad(p[0], p[1]), dtype=float)
        if np.all(g == 0):
            break
        p = p + lr * g if ascent else p - lr * g
        path.append(p.copy())
    return np.array(path)
'''),
    ],
    "lr_by_epoch": [
        ("epochs counted from 1: epoch t uses lr0 (1 - (t + 1)/T)", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * (1 - (np.asarray(epoch) + 1) / n_epochs)
'''),
        ("divides by n_epochs - 1: the last epoch gets 0", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * (1 - np.asarray(epoch) / (n_epochs - 1))
'''),
        ("integer (floor) division of the remaining epochs", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * ((n_epochs - np.asarray(epoch)) // n_epochs)
'''),
        ("np.empty_like(epoch) keeps the int dtype of the epochs: rates truncated to integers", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    if np.ndim(epoch) == 0:
        return lr0 * (1 - epoch / n_epochs)
    out = np.empty_like(epoch)
    out[...] = lr0 * (1 - epoch / n_epochs)
    return out
'''),
    ],
    "gd_dynamic_1d": [
        ("passes x_t to lr_fn instead of the gradient g", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = [float(x0)]
    lrs = []
    for t in range(epochs):
        x = xs[-1]
        g = df(x)
        lr = lr_fn(t, x)
        lrs.append(lr)
        xs.append(x - lr * g)
    return np.array(xs), np.array(lrs, dtype=float)
'''),
        ("passes |g| to lr_fn instead of g", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = [float(x0)]
    lrs = []
    for t in range(epochs):
        g = df(xs[-1])
        lr = lr_fn(t, abs(g))
        lrs.append(lr)
        xs.append(xs[-1] - lr * g)
    return np.array(xs), np.array(lrs, dtype=float)
'''),
        ("np.full(epochs + 1, x0) keeps an int dtype: trajectory truncated for int x0", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = np.full(epochs + 1, x0)
    lrs = np.zeros(epochs)
    for t in range(epochs):
        g = df(xs[t])
        lrs[t] = lr_fn(t, g)
        xs[t + 1] = xs[t] - lrs[t] * g
    return xs, lrs
'''),
        ("steps counted from 1 when asking lr_fn", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = [float(x0)]
    lrs = []
    for t in range(1, epochs + 1):
        g = df(xs[-1])
        lr = lr_fn(t, g)
        lrs.append(lr)
        xs.append(xs[-1] - lr * g)
    return np.array(xs), np.array(lrs, dtype=float)
'''),
    ],
    "mse_gradient": [
        ("squeezes the result: dw has shape () instead of (1,) when D = 1", '''
def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    n = X.shape[0]
    return np.squeeze(2 / n * X.T @ r), float(2 / n * np.sum(r))
'''),
        ("sum instead of mean (no 1/N)", '''
def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return 2 * X.T @ r, float(2 * np.sum(r))
'''),
        ("residual y - y_hat: the gradient has the wrong sign", '''
def mse_gradient(X, y, w, b):
    r = y - (X @ w + b)
    n = len(y)
    return 2 / n * X.T @ r, float(2 / n * np.sum(r))
'''),
        ("divides by D (X.shape[1]) instead of N", '''
def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    n = X.shape[1]
    return 2 / n * X.T @ r, float(2 / n * np.sum(r))
'''),
    ],
    "minibatch_gd": [
        ("divides the gradient by batch_size, also for the smaller last batch", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for epoch in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            r = X[idx] @ w + b - y[idx]
            dw = 2 / batch_size * X[idx].T @ r
            db = 2 / batch_size * np.sum(r)
            w = w - lr * dw
            b = b - lr * db
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)
'''),
        ("np.array_split into ceil(N/B) balanced batches instead of order[0:B], order[B:2B], ...", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    n_batches = int(np.ceil(N / batch_size))
    for epoch in range(epochs):
        order = rng.permutation(N)
        for idx in np.array_split(order, n_batches):
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / len(idx) * X[idx].T @ r
            b = b - lr * 2 / len(idx) * np.sum(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)
'''),
        ("draws the permutation but visits the rows in their natural order", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for epoch in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            Xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            r = Xb @ w + b - yb
            w = w - lr * 2 / len(yb) * Xb.T @ r
            b = b - lr * 2 / len(yb) * np.sum(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)
'''),
        ("records the loss of the batch instead of the whole training set", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for epoch in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / len(idx) * X[idx].T @ r
            b = b - lr * 2 / len(idx) * np.sum(r)
            losses.append(np.mean((X[idx] @ w + b - y[idx]) ** 2))
    return w, float(b), np.array(losses)
'''),
    ],
    "interpolate_loss": [
        ("moves theta in place: with a float array theta0 the steps accumulate", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    out = []
    for a in np.asarray(alphas, dtype=float):
        theta = np.asarray(theta0, dtype=float)
        theta += a * (np.asarray(theta1, dtype=float) - theta)
        out.append(loss_fn(theta))
    return np.array(out, dtype=float)
'''),
        ("clips alphas to [0, 1]", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    a_s = np.clip(np.asarray(alphas, dtype=float), 0, 1)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in a_s], dtype=float)
'''),
        ("swaps the ends: alpha = 0 gives theta1", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return np.array([loss_fn(a * t0 + (1 - a) * t1) for a in np.asarray(alphas, dtype=float)],
                    dtype=float)
'''),
    ],
    "chain_gradient": [
        ("calls act / act_derivative on whole arrays although they are float -> float functions", '''
def chain_gradient(x, weights, act, act_derivative):
    w = np.asarray(weights, dtype=float)
    a = np.empty(len(w))
    h = x
    for l in range(len(w)):
        a[l] = w[l] * h
        h = act(a[l])
    factors = np.asarray(act_derivative(a), dtype=float) * w
    return np.append(np.cumprod(factors[::-1])[::-1], 1.0)
'''),
        ("derivative evaluated at the output h_l instead of the pre-activation a_l", '''
def chain_gradient(x, weights, act, act_derivative):
    L = len(weights)
    hs = [x]
    for l in range(L):
        hs.append(act(weights[l] * hs[-1]))
    g = np.ones(L + 1)
    for l in range(L, 0, -1):
        g[l - 1] = g[l] * act_derivative(hs[l]) * weights[l - 1]
    return g
'''),
        ("reverses the caller's weights list in place (and fails on arrays)", '''
def chain_gradient(x, weights, act, act_derivative):
    L = len(weights)
    a = []
    h = x
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    g = [1.0]
    weights.reverse()
    a.reverse()
    for w, al in zip(weights, a):
        g.append(g[-1] * act_derivative(al) * w)
    return np.array(g[::-1])
'''),
        ("products accumulated from the input side (forward cumprod)", '''
def chain_gradient(x, weights, act, act_derivative):
    L = len(weights)
    a = []
    h = x
    for w in weights:
        a.append(w * h)
        h = act(a[-1])
    f = np.array([act_derivative(al) * w for al, w in zip(a, weights)], dtype=float)
    return np.append(np.cumprod(f), 1.0)
'''),
    ],
}

RIGHT = {
    "taylor_polynomial": [
        ("sp.series with n = order + 1, O term removed", '''
def taylor_polynomial(expr, x, x0, order):
    return sp.series(expr, x, x0, order + 1).removeO()
'''),
    ],
    "taylor_error": [
        ("loop with subs and float, no lambdify", '''
def taylor_error(expr, poly, x, points):
    return max(abs(float(expr.subs(x, p)) - float(sp.sympify(poly).subs(x, p))) for p in points)
'''),
    ],
    "derivative_fn": [
        ("the prompt's hint taken literally: d(v) + np.zeros_like(v)", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    return lambda v: d(v) + np.zeros_like(v)
'''),
        ("np.asarray float times np.ones of v's shape", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, expr.diff(x), "numpy")
    def df(v):
        return np.asarray(d(v), dtype=float) * np.ones(np.shape(v))
    return df
'''),
    ],
    "gradient_descent_1d": [
        ("list of floats, then np.array(dtype=float)", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = [float(x0)]
    for _ in range(epochs):
        xs.append(xs[-1] - lr * float(df(xs[-1])))
    return np.array(xs, dtype=float)
'''),
    ],
    "gradient_2d": [
        ("one lambdify of the list of partials, converted to a float array", '''
def gradient_2d(f_expr, x, y):
    both = sp.lambdify((x, y), [sp.diff(f_expr, x), sp.diff(f_expr, y)], "numpy")
    return lambda a, b: np.array(both(a, b), dtype=float)
'''),
    ],
    "gradient_descent_2d": [
        ("list of copies and a sign variable", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=float)
    rows = [p.copy()]
    for _ in range(epochs):
        g = np.asarray(grad(p[0], p[1]), dtype=float)
        p = p + sign * lr * g
        rows.append(p.copy())
    return np.vstack(rows)
'''),
    ],
    "lr_by_epoch": [
        ("(T - t) / T with true division", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * (n_epochs - np.asarray(epoch, dtype=float)) / n_epochs
'''),
    ],
    "gd_dynamic_1d": [
        ("preallocated float arrays", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = np.empty(epochs + 1)
    lrs = np.empty(epochs)
    xs[0] = x0
    for t in range(epochs):
        g = df(xs[t])
        lrs[t] = lr_fn(t, g)
        xs[t + 1] = xs[t] - lrs[t] * g
    return xs, lrs
'''),
    ],
    "mse_gradient": [
        ("means of per-example gradients", '''
def mse_gradient(X, y, w, b):
    X = np.asarray(X, dtype=float)
    r = X @ np.asarray(w, dtype=float) + b - np.asarray(y, dtype=float)
    dw = 2 * np.mean(X * r[:, None], axis=0)
    db = 2 * float(np.mean(r))
    return dw, db
'''),
    ],
    "minibatch_gd": [
        ("preallocated losses, batch count from ceil, index arithmetic", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    rng = np.random.default_rng(seed)
    n_batches = -(-N // batch_size)
    losses = np.empty(epochs * n_batches + 1)
    losses[0] = np.mean((X @ w + b - y) ** 2)
    k = 1
    for _ in range(epochs):
        order = rng.permutation(N)
        for j in range(n_batches):
            idx = order[j * batch_size:min((j + 1) * batch_size, N)]
            r = X[idx] @ w + b - y[idx]
            m = len(idx)
            w = w - lr * (2 / m) * (r @ X[idx])
            b = b - lr * (2 / m) * float(r.sum())
            losses[k] = np.mean((X @ w + b - y) ** 2)
            k += 1
    return w, b, losses
'''),
    ],
    "interpolate_loss": [
        # Reclassified after judging (phase 2): the docstring promises loss_fn returns a float, so
        # np.array of the losses is a float array; only an int-returning loss_fn (outside the
        # prompt) gives ints. The catalogue already accepts it ("np.array of the losses as they come").
        ("np.array of the losses without dtype=float (was WRONG: int losses give ints)", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)])
'''),
        ("all points at once with np.outer, then one loss per row", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    a = np.asarray(alphas, dtype=float)
    thetas = np.outer(1 - a, t0) + np.outer(a, t1)
    return np.array([float(loss_fn(t)) for t in thetas], dtype=float)
'''),
    ],
    "chain_gradient": [
        ("forward list of pre-activations, backward loop into np.ones", '''
def chain_gradient(x, weights, act, act_derivative):
    L = len(weights)
    a = [0.0] * (L + 1)
    h = x
    for l in range(1, L + 1):
        a[l] = weights[l - 1] * h
        h = act(a[l])
    g = np.ones(L + 1)
    for l in range(L, 0, -1):
        g[l - 1] = g[l] * act_derivative(a[l]) * weights[l - 1]
    return g
'''),
    ],
}
