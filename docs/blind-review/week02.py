"""Blind candidates for week02/gradient_descent (reviewer b12), written from the student release only."""

WRONG = {
    "taylor_polynomial": [
        ("makes its own symbol named 'x' instead of using the argument x", '''
def taylor_polynomial(expr, x, x0, order):
    X = sp.Symbol("x")
    return sum(sp.diff(expr, X, k).subs(X, x0) / sp.factorial(k) * (X - x0) ** k
               for k in range(order + 1))
'''),
        ("stops one term early: range(order) instead of range(order + 1)", '''
def taylor_polynomial(expr, x, x0, order):
    total = sp.Integer(0)
    for k in range(order):
        total += sp.diff(expr, x, k).subs(x, x0) / sp.factorial(k) * (x - x0) ** k
    return total if order > 0 else expr.subs(x, x0) + 0 * x
'''),
        ("differentiates cumulatively (k more times at step k, not once more)", '''
def taylor_polynomial(expr, x, x0, order):
    total = sp.Integer(0)
    d = expr
    for k in range(order + 1):
        d = sp.diff(d, x, k)
        total += d.subs(x, x0) / sp.factorial(k) * (x - x0) ** k
    return total
'''),
    ],
    "taylor_error": [
        ("Euclidean norm of the errors instead of the largest one", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    T = sp.lambdify(x, poly, "numpy")
    return float(np.linalg.norm(f(p) - T(p)))
'''),
        ("sum of the absolute errors instead of the largest one", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    T = sp.lambdify(x, poly, "numpy")
    return float(np.sum(np.abs(f(p) - T(p))))
'''),
        ("only looks at the first and last point (assumes the error is largest at the ends)", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    f = sp.lambdify(x, expr, "numpy")
    T = sp.lambdify(x, poly, "numpy")
    ends = p[[0, -1]]
    return float(np.max(np.abs(f(ends) - T(ends))))
'''),
    ],
    "derivative_fn": [
        ("np.broadcast_to of an integer constant stays an integer array", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    def df(v):
        return np.broadcast_to(d(v), np.shape(v))
    return df
'''),
        ("lambdify with the 'math' module: fails on arrays for sin, exp, ...", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "math")
    def df(v):
        return d(v) + np.zeros_like(v, dtype=float)
    return df
'''),
        ("a constant derivative broadcast to len(v): wrong for a float v or a 2-D v", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    def df(v):
        out = d(v)
        if np.ndim(out) == 0 and np.ndim(v) > 0:
            return np.full(len(v), float(out))
        return out
    return df
'''),
    ],
    "gradient_descent_1d": [
        ("stops early when the derivative is exactly 0: fewer than epochs + 1 points", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = [float(x0)]
    x = float(x0)
    for _ in range(epochs):
        g = df(x)
        if g == 0:
            break
        x = x - lr * g
        xs.append(x)
    return np.array(xs)
'''),
        ("returns a Python list, not a float array", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = [x0]
    for _ in range(epochs):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return xs
'''),
        ("np.array of the list keeps an integer x0's dtype (int array for epochs = 0)", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = [x0]
    for _ in range(epochs):
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)
'''),
    ],
    "gradient_2d": [
        ("no float conversion: a linear f gives an integer array", '''
def gradient_2d(f_expr, x, y):
    fx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    fy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    def grad(a, b):
        return np.array([fx(a, b), fy(a, b)])
    return grad
'''),
        ("returns a tuple, not an array", '''
def gradient_2d(f_expr, x, y):
    fx = sp.lambdify((x, y), sp.diff(f_expr, x), "numpy")
    fy = sp.lambdify((x, y), sp.diff(f_expr, y), "numpy")
    def grad(a, b):
        return (float(fx(a, b)), float(fy(a, b)))
    return grad
'''),
        ("makes its own symbols named x and y instead of using the arguments", '''
def gradient_2d(f_expr, x, y):
    X, Y = sp.symbols("x y")
    fx = sp.lambdify((X, Y), sp.diff(f_expr, X), "numpy")
    fy = sp.lambdify((X, Y), sp.diff(f_expr, Y), "numpy")
    def grad(a, b):
        return np.array([fx(a, b), fy(a, b)], dtype=float)
    return grad
'''),
    ],
    "gradient_descent_2d": [
        ("updates x first, then takes y's gradient at the new point", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    path = np.empty((epochs + 1, 2))
    path[0] = p0
    a, b = float(p0[0]), float(p0[1])
    for t in range(epochs):
        a = a + sign * lr * grad(a, b)[0]
        b = b + sign * lr * grad(a, b)[1]
        path[t + 1] = a, b
    return path
'''),
        ("updates the caller's p0 array in place", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.asarray(p0, dtype=float)
    path = np.empty((epochs + 1, 2))
    path[0] = p
    for t in range(epochs):
        p += sign * lr * grad(p[0], p[1])
        path[t + 1] = p
    return path
'''),
        ("returns a list of points, not a (T + 1, 2) array", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=float)
    path = [p.copy()]
    for _ in range(epochs):
        p = p + sign * lr * grad(p[0], p[1])
        path.append(p.copy())
    return path
'''),
    ],
    "lr_by_epoch": [
        ("integer division epoch // n_epochs", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * (1 - epoch // n_epochs)
'''),
        ("divides by n_epochs - 1 (the last epoch gets 0)", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * (1 - np.asarray(epoch) / (n_epochs - 1))
'''),
        ("a list for an array of epochs, not an array", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    if np.ndim(epoch) == 0:
        return lr0 * (1 - epoch / n_epochs)
    return [lr0 * (1 - e / n_epochs) for e in epoch]
'''),
    ],
    "gd_dynamic_1d": [
        ("passes x_t instead of the gradient g to lr_fn", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = [float(x0)]
    lrs = []
    for t in range(epochs):
        x = xs[-1]
        lr = lr_fn(t, x)
        xs.append(x - lr * df(x))
        lrs.append(lr)
    return np.array(xs), np.array(lrs, dtype=float)
'''),
        ("passes |g| instead of g to lr_fn", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = [float(x0)]
    lrs = []
    for t in range(epochs):
        g = df(xs[-1])
        lr = lr_fn(t, abs(g))
        xs.append(xs[-1] - lr * g)
        lrs.append(lr)
    return np.array(xs), np.array(lrs, dtype=float)
'''),
        ("returns Python lists, not arrays", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = [x0]
    lrs = []
    for t in range(epochs):
        g = df(xs[-1])
        lrs.append(lr_fn(t, g))
        xs.append(xs[-1] - lrs[-1] * g)
    return xs, lrs
'''),
    ],
    "mse_gradient": [
        ("sum instead of mean (no 1/N)", '''
def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return 2 * X.T @ r, 2 * np.sum(r)
'''),
        ("drops the factor 2 (the 1/2 convention)", '''
def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return X.T @ r / len(y), float(np.mean(r))
'''),
        ("divides by the number of features D instead of N", '''
def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    n = X.shape[1]
    return 2 * X.T @ r / n, 2 * float(np.sum(r)) / n
'''),
    ],
    "minibatch_gd": [
        ("divides the gradient by batch_size, also for a smaller last batch", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / batch_size * X[idx].T @ r
            b = b - lr * 2 / batch_size * np.sum(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)
'''),
        ("np.array_split into ceil(N/B) near-equal batches, not order[0:B], order[B:2B], ...", '''
import math
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    rng = np.random.default_rng(seed)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = rng.permutation(N)
        for idx in np.array_split(order, math.ceil(N / batch_size)):
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / len(idx) * X[idx].T @ r
            b = b - lr * 2 / len(idx) * np.sum(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)
'''),
        ("a new generator seeded inside every epoch: the same order each epoch", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        order = np.random.default_rng(seed).permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            r = X[idx] @ w + b - y[idx]
            w = w - lr * 2 / len(idx) * X[idx].T @ r
            b = b - lr * 2 / len(idx) * np.sum(r)
            losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)
'''),
    ],
    "interpolate_loss": [
        ("returns a Python list, not a float array", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return [loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)]
'''),
        ("np.array of the losses keeps an integer-valued loss's dtype", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)])
'''),
        ("theta0 + alpha * theta1 (forgets to subtract theta0)", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return np.array([loss_fn(t0 + a * t1) for a in np.asarray(alphas, dtype=float)], dtype=float)
'''),
    ],
    "chain_gradient": [
        ("returns a Python list, not a float array", '''
def chain_gradient(x, weights, act, act_derivative):
    a_list, h = [], x
    for w in weights:
        a = w * h
        a_list.append(a)
        h = act(a)
    g = [1.0]
    for w, a in zip(reversed(weights), reversed(a_list)):
        g.append(g[-1] * act_derivative(a) * w)
    return g[::-1]
'''),
        ("np.array of the products: integer weights and a linear chain give an int array", '''
def chain_gradient(x, weights, act, act_derivative):
    a_list, h = [], x
    for w in weights:
        a = w * h
        a_list.append(a)
        h = act(a)
    g = [1]
    for w, a in zip(reversed(weights), reversed(a_list)):
        g.append(g[-1] * act_derivative(a) * w)
    return np.array(g[::-1])
'''),
        ("evaluates the derivative at the output h_l instead of the pre-activation a_l", '''
def chain_gradient(x, weights, act, act_derivative):
    hs = [x]
    for w in weights:
        hs.append(act(w * hs[-1]))
    L = len(weights)
    g = np.ones(L + 1)
    for l in range(L, 0, -1):
        g[l - 1] = g[l] * act_derivative(hs[l]) * weights[l - 1]
    return g
'''),
    ],
}

RIGHT = {
    "taylor_polynomial": [("sp.series(...).removeO()", '''
def taylor_polynomial(expr, x, x0, order):
    return sp.series(expr, x, x0, order + 1).removeO() + 0 * x
''')],
    "taylor_error": [("lambdify the difference, infinity norm", '''
def taylor_error(expr, poly, x, points):
    p = np.asarray(points, dtype=float)
    diff = sp.lambdify(x, expr - poly, "numpy")
    return float(np.linalg.norm(np.broadcast_to(diff(p), p.shape), np.inf))
''')],
    "derivative_fn": [("float array plus zeros of v's shape", '''
def derivative_fn(expr, x):
    d = sp.lambdify(x, sp.diff(expr, x), "numpy")
    def df(v):
        v = np.asarray(v, dtype=float)
        return np.asarray(d(v), dtype=float) + np.zeros(v.shape)
    return df
''')],
    "gradient_descent_1d": [("preallocated float array", '''
def gradient_descent_1d(df, x0, lr, epochs):
    xs = np.empty(epochs + 1)
    xs[0] = x0
    for t in range(epochs):
        xs[t + 1] = xs[t] - lr * df(xs[t])
    return xs
''')],
    "gradient_2d": [("one lambdify of the list of partials", '''
def gradient_2d(f_expr, x, y):
    both = sp.lambdify((x, y), [sp.diff(f_expr, x), sp.diff(f_expr, y)], "numpy")
    def grad(a, b):
        return np.array(both(a, b), dtype=np.float64)
    return grad
''')],
    "gradient_descent_2d": [("list of fresh arrays, stacked at the end", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    step = lr if ascent else -lr
    points = [np.array(p0, dtype=float)]
    for _ in range(epochs):
        p = points[-1]
        points.append(p + step * np.asarray(grad(p[0], p[1]), dtype=float))
    return np.vstack(points)
''')],
    "lr_by_epoch": [("(T - t) / T in floats", '''
def lr_by_epoch(lr0, epoch, n_epochs):
    return lr0 * (n_epochs - np.asarray(epoch, dtype=float)) / n_epochs
''')],
    "gd_dynamic_1d": [("preallocated arrays", '''
def gd_dynamic_1d(df, x0, lr_fn, epochs):
    xs = np.empty(epochs + 1)
    lrs = np.empty(epochs)
    xs[0] = x0
    for t in range(epochs):
        g = df(xs[t])
        lrs[t] = lr_fn(t, g)
        xs[t + 1] = xs[t] - lrs[t] * g
    return xs, lrs
''')],
    "mse_gradient": [("mean of per-example gradients", '''
def mse_gradient(X, y, w, b):
    X = np.asarray(X, dtype=float)
    r = X @ w + b - y
    return 2 * np.mean(X * r[:, None], axis=0), float(2 * np.mean(r))
''')],
    "minibatch_gd": [("batches by index arithmetic, loss via a helper", '''
def minibatch_gd(X, y, lr, epochs, batch_size, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    rng = np.random.default_rng(seed)

    def loss():
        return float(np.mean((X @ w + b - y) ** 2))

    losses = [loss()]
    n_batches = -(-n // batch_size)
    for _ in range(epochs):
        order = rng.permutation(n)
        for k in range(n_batches):
            idx = order[k * batch_size:(k + 1) * batch_size]
            xb, yb = X[idx], y[idx]
            r = xb @ w + b - yb
            grad_w = 2.0 * xb.T @ r / len(idx)
            grad_b = 2.0 * r.sum() / len(idx)
            w = w - lr * grad_w
            b = b - lr * grad_b
            losses.append(loss())
    return w, b, np.array(losses)
''')],
    "interpolate_loss": [("theta0 + alpha * (theta1 - theta0)", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    d = np.asarray(theta1, dtype=float) - t0
    out = np.empty(len(alphas))
    for i, a in enumerate(np.asarray(alphas, dtype=float)):
        out[i] = loss_fn(t0 + a * d)
    return out
''')],
    "chain_gradient": [("reverse cumulative product of the factors", '''
def chain_gradient(x, weights, act, act_derivative):
    weights = np.asarray(weights, dtype=float)
    factors = []
    h = float(x)
    for w in weights:
        a = w * h
        factors.append(float(act_derivative(a)) * w)
        h = act(a)
    tail = np.cumprod(np.array(factors[::-1], dtype=float))[::-1]
    return np.append(tail, 1.0)
''')],
}


# Phase 2: correct by the prompt (it allows changing an argument in place, and promises float
# activation derivatives and float losses, with which these give float arrays): moved to RIGHT.
def _move(exercise, start):
    for entry in list(WRONG[exercise]):
        if entry[0].startswith(start):
            WRONG[exercise].remove(entry)
            RIGHT[exercise].append(("moved from WRONG in phase 2: " + entry[0], entry[1]))


_move("gradient_descent_2d", "updates the caller's p0")
_move("interpolate_loss", "np.array of the losses keeps")
_move("chain_gradient", "np.array of the products")
