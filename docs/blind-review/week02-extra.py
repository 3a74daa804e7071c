WRONG = {
    "gradient_descent_2d": [
        ("updates a first, then computes b's gradient at the new a (not the same point)", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    sign = 1.0 if ascent else -1.0
    path = np.empty((epochs + 1, 2))
    a, b = float(p0[0]), float(p0[1])
    path[0] = a, b
    for t in range(epochs):
        a = a + sign * lr * grad(a, b)[0]
        b = b + sign * lr * grad(a, b)[1]
        path[t + 1] = a, b
    return path
'''),
        ("np.tile of the starting point: an integer p0 gives an integer path (truncated points)", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    path = np.tile(np.asarray(p0), (epochs + 1, 1))
    for t in range(epochs):
        g = grad(*path[t])
        path[t + 1] = path[t] + lr * g if ascent else path[t] - lr * g
    return path
'''),
        ("updates the caller's p0 array in place", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    p = np.asarray(p0, dtype=float)
    path = [p.copy()]
    for t in range(epochs):
        g = np.asarray(grad(p[0], p[1]))
        if ascent:
            p += lr * g
        else:
            p -= lr * g
        path.append(p.copy())
    return np.array(path)
'''),
    ],
    "interpolate_loss": [
        ("returns a Python list, not a float array", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return [loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)]
'''),
        ("np.array of the losses without dtype=float: an integer-valued loss gives an int array", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    t1 = np.asarray(theta1, dtype=float)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in np.asarray(alphas, dtype=float)])
'''),
        ("converts the parameters to float32 instead of float (rounds them)", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=np.float32)
    t1 = np.asarray(theta1, dtype=np.float32)
    al = np.asarray(alphas, dtype=np.float32)
    return np.array([loss_fn((1 - a) * t0 + a * t1) for a in al], dtype=float)
'''),
    ],
    "chain_gradient": [
        ("returns a Python list, not a float array", '''
def chain_gradient(x, weights, act, act_derivative):
    h, pre = x, []
    for w in weights:
        a = w * h
        pre.append(a)
        h = act(a)
    g = [1.0]
    for w, a in zip(reversed(list(weights)), reversed(pre)):
        g.append(g[-1] * act_derivative(a) * w)
    return g[::-1]
'''),
        ("starts from the integer 1 and never converts: integer weights and derivatives give an "
         "int array", '''
def chain_gradient(x, weights, act, act_derivative):
    h, pre = x, []
    for w in weights:
        a = w * h
        pre.append(a)
        h = act(a)
    g = [1]
    for l in range(len(weights), 0, -1):
        g.insert(0, g[0] * act_derivative(pre[l - 1]) * weights[l - 1])
    return np.array(g)
'''),
        ("calls act_derivative on the array of all pre-activations at once (the prompt: "
         "float -> float)", '''
def chain_gradient(x, weights, act, act_derivative):
    weights = np.asarray(weights, dtype=float)
    L = len(weights)
    pre = np.zeros(L)
    h = x
    for l in range(L):
        pre[l] = weights[l] * h
        h = act(pre[l])
    d = act_derivative(pre) * weights
    g = np.ones(L + 1)
    for l in range(L - 1, -1, -1):
        g[l] = g[l + 1] * d[l]
    return g
'''),
    ],
}

RIGHT = {
    "gradient_descent_2d": [("list of fresh arrays, sign variable", '''
def gradient_descent_2d(grad, p0, lr, epochs, ascent=False):
    s = 1.0 if ascent else -1.0
    p = np.array(p0, dtype=np.float64)
    out = [p]
    for _ in range(epochs):
        p = p + s * lr * np.asarray(grad(p[0], p[1]), dtype=np.float64)
        out.append(p)
    return np.array(out, dtype=np.float64).reshape(epochs + 1, 2)
''')],
    "interpolate_loss": [("theta0 + alpha (theta1 - theta0), preallocated float array", '''
def interpolate_loss(loss_fn, theta0, theta1, alphas):
    t0 = np.asarray(theta0, dtype=float)
    d = np.asarray(theta1, dtype=float) - t0
    al = np.asarray(alphas, dtype=float)
    out = np.empty(al.shape[0])
    for i in range(al.shape[0]):
        out[i] = loss_fn((1 - al[i]) * t0 + al[i] * np.asarray(theta1, dtype=float))
    return out
''')],
    "chain_gradient": [("cumulative product from the right", '''
def chain_gradient(x, weights, act, act_derivative):
    ws = [float(w) for w in weights]
    h = float(x)
    factors = []
    for w in ws:
        a = w * h
        factors.append(float(act_derivative(a)) * w)
        h = act(a)
    g = np.ones(len(ws) + 1)
    for l in range(len(ws) - 1, -1, -1):
        g[l] = g[l + 1] * factors[l]
    return g
''')],
}
