"""Blind candidates for week04 (optimizers), written from the student release only."""

WRONG = {
    "lp_norm": [
        ("takes the absolute value after the power, |x**p|: nan for a fractional p and a "
         "negative entry", '''
def lp_norm(x, p):
    a = np.asarray(x, dtype=float).ravel()
    if p == np.inf:
        return float(np.max(np.abs(a)))
    return float(np.sum(np.abs(a ** p)) ** (1 / p))
'''),
        ("no float(): returns a numpy integer for p = inf on integer input", '''
def lp_norm(x, p):
    a = np.abs(np.asarray(x)).ravel()
    if p == np.inf:
        return a.max()
    return np.sum(a ** p) ** (1 / p)
'''),
        ("tests p is np.inf (identity): float('inf') falls through to the sum", '''
def lp_norm(x, p):
    a = np.abs(np.asarray(x, dtype=float)).ravel()
    if p is np.inf:
        return float(a.max())
    return float(np.sum(a ** p) ** (1 / p))
'''),
    ],
    "sgd_momentum": [
        ("hard-codes beta = 0.9 instead of using the argument", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = 0.9 * state.get("v", np.zeros_like(w)) + dw
    return w - lr * v, {"v": v}
'''),
        ("first update stores the caller's dw itself as v, then updates v in place", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    if "v" not in state:
        v = dw
    else:
        v = state["v"]
        v *= beta
        v += dw
    return w - lr * v, {"v": v}
'''),
    ],
    "nesterov": [
        ("hard-codes beta = 0.9 instead of using the argument", '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v = 0.9 * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (dw + 0.9 * v), {"v": v}
'''),
        ("the look-ahead uses the old velocity", '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v_old = state.get("v", np.zeros_like(w))
    v = beta * v_old + dw
    return w - lr * (dw + beta * v_old), {"v": v}
'''),
        ("steps by (1 + beta) * v: right at the first update only", '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (1 + beta) * v, {"v": v}
'''),
    ],
    "adagrad": [
        ("divides by the square root of the OLD sum (s updated after the step)", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w))
    w_new = w - lr * dw / (np.sqrt(s) + eps)
    return w_new, {"s": s + dw ** 2}
'''),
        ("eps inside the square root", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}
'''),
        ("hard-codes eps = 1e-10 instead of using the argument", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / (np.sqrt(s) + 1e-10), {"s": s}
'''),
    ],
    "rmsprop": [
        ("the first update starts the average at dw**2 instead of 0", '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", dw ** 2) + (1 - alpha) * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
        ("eps inside the square root", '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}
'''),
        ("swaps the weights: (1 - alpha) * s + alpha * dw**2", '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = (1 - alpha) * state.get("s", np.zeros_like(w)) + alpha * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
    ],
    "adam": [
        ("t stored as a float (state.get('t', 0.0) + 1)", '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0.0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}
'''),
        ("the paper's 'efficient' form: eps added to sqrt(s) before the correction", '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    lr_t = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return w - lr_t * v / (np.sqrt(s) + eps), {"t": t, "v": v, "s": s}
'''),
        ("bias correction of s uses beta1 (copy-paste slip)", '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** t)
    s_hat = s / (1 - beta1 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}
'''),
    ],
    "cosine_warm_restarts": [
        ("finds the cycle with the closed form int(log(...)) (torch's epoch= path): wrong at "
         "restarts where the logarithm rounds down", '''
import math


def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    if T_mult == 1:
        T_cur, T_i = t % T_0, T_0
    else:
        n = int(math.log(t / T_0 * (T_mult - 1) + 1, T_mult))
        T_cur = t - T_0 * (T_mult ** n - 1) / (T_mult - 1)
        T_i = T_0 * T_mult ** n
    return float(lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2)
'''),
        ("returns lr_max itself at a restart: an int when lr_max is an int", '''
import math


def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    T_i, T_cur = T_0, t
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
    if T_cur == 0:
        return lr_max
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
'''),
        ("the cycle index t // T_0 assumes every cycle lasts T_0 steps", '''
import math


def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    cycle = t // T_0
    T_i = T_0 * T_mult ** cycle
    T_cur = t - cycle * T_0
    return float(lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2)
'''),
    ],
    "backtracking": [
        ("strict < instead of <= in Armijo's condition", '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), float(np.sum(dw * d))
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) < f0 + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0
'''),
        ("tries 61 values (range(61))", '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), float(np.sum(dw * d))
    for k in range(61):
        lr = lr0 * rho ** k
        if f(w + lr * d) <= f0 + c * lr * slope:
            return float(lr)
    return 0.0
'''),
        ("uses -|dw|^2 for the slope instead of dw . d", '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), -float(np.sum(dw * dw))
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= f0 + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0
'''),
        ("no float(): returns lr0 itself, an int when lr0 is an int", '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope = f(w), np.sum(dw * d)
    lr = lr0
    for _ in range(60):
        if f(w + lr * d) <= f0 + c * lr * slope:
            return lr
        lr = lr * rho
    return 0.0
'''),
    ],
    "conjugate_gradient": [
        ("stops when r . r < 1e-12 instead of exactly 0", '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=float)
    r = b - A @ w
    d = r.copy()
    rr = r @ r
    path = [w.copy()]
    for _ in range(n_steps):
        if rr < 1e-12:
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        rr_new = r @ r
        d = r + rr_new / rr * d
        rr = rr_new
        path.append(w.copy())
    return np.array(path)
'''),
        ("returns a list of arrays, not one array", '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=float)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        rr = r @ r
        if rr == 0:
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        d = r + (r @ r) / rr * d
        path.append(w.copy())
    return path
'''),
        ("stops after D steps and repeats w_D (the prompt: n_steps may exceed D and the "
         "residual keeps shrinking)", '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=float)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for k in range(n_steps):
        rr = r @ r
        if rr == 0 or k >= len(b):
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        d = r + (r @ r) / rr * d
        path.append(w.copy())
    return np.array(path)
'''),
    ],
}

RIGHT = {
    "lp_norm": [
        # phase 2: moved from WRONG (the prompt promises no large p; the reference overflows too)
        ("no rescaling by the largest entry: overflows to inf for a large p", '''
def lp_norm(x, p):
    a = np.abs(np.asarray(x, dtype=float)).ravel()
    if np.isinf(p):
        return float(a.max())
    return float(np.sum(a ** p) ** (1 / p))
'''),
        ("np.linalg.norm on the flattened array", '''
def lp_norm(x, p):
    return float(np.linalg.norm(np.ravel(np.asarray(x, dtype=np.float64)), ord=p))
''')],
    "sgd_momentum": [
        # phase 2: moved from WRONG (the docstring promises w of shape (D,))
        ("v starts as np.zeros(len(w)): wrong shape for a w that is not 1-D", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros(len(w))) + dw
    return w - lr * v, {"v": v}
'''),
        ("updates the received state dict in place and returns it", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    if "v" not in state:
        state["v"] = np.zeros_like(w, dtype=float)
    state["v"] = beta * state["v"] + dw
    return w - lr * state["v"], state
''')],
    "nesterov": [
        # phase 2: moved from WRONG (the docstring promises w of shape (D,))
        ("v starts as np.zeros(len(w)): wrong shape for a w that is not 1-D", '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros(len(w))) + dw
    return w - lr * (dw + beta * v), {"v": v}
'''),
        ("the look-ahead written out as w - lr*dw - lr*beta*v", '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v = dw + (beta * state["v"] if "v" in state else 0.0)
    w_new = w.copy()
    w_new = w_new - lr * dw - lr * beta * v
    return w_new, {"v": v}
''')],
    "adagrad": [
        # phase 2: moved from WRONG (the docstring promises w of shape (D,))
        ("s starts as np.zeros(len(w)): wrong shape for a w that is not 1-D", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros(len(w))) + dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
        ("a loop over the entries", '''
import math


def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s_old = state.get("s", np.zeros(np.shape(w)))
    s = np.array(s_old, dtype=float).copy()
    w_new = np.array(w, dtype=float).copy()
    flat_s, flat_w, flat_g = s.reshape(-1), w_new.reshape(-1), np.asarray(dw).reshape(-1)
    for i in range(flat_s.size):
        flat_s[i] += flat_g[i] ** 2
        flat_w[i] -= lr * flat_g[i] / (math.sqrt(flat_s[i]) + eps)
    return w_new, {"s": s}
''')],
    "rmsprop": [
        # phase 2: moved from WRONG (the docstring promises w of shape (D,))
        ("s starts as np.zeros(len(w)): wrong shape for a w that is not 1-D", '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros(len(w))) + (1 - alpha) * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
        ("np.square and np.sqrt, old average weighted first", '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    previous = state["s"] if "s" in state else 0.0
    s = previous * alpha + np.square(dw) * (1.0 - alpha)
    denominator = np.sqrt(s) + eps
    return w - lr * (dw / denominator), {"s": s}
''')],
    "adam": [
        # phase 2: moved from WRONG (the docstring promises w of shape (D,))
        ("v, s start as np.zeros(len(w)): wrong shape for a w that is not 1-D", '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros(len(w))) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros(len(w))) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}
'''),
        ("torch's form: step size lr / bias1, denominator sqrt(s)/sqrt(bias2) + eps", '''
import math


def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = int(state.get("t", 0)) + 1
    v = state.get("v", 0.0) * beta1 + dw * (1 - beta1)
    s = state.get("s", 0.0) * beta2 + dw * dw * (1 - beta2)
    bias1, bias2 = 1 - beta1 ** t, 1 - beta2 ** t
    denom = np.sqrt(s) / math.sqrt(bias2) + eps
    return w - (lr / bias1) * v / denom, {"t": t, "v": v, "s": s}
''')],
    "cosine_warm_restarts": [("torch's incremental update, one scheduler step at a time", '''
import math


def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    T_cur, T_i = 0, T_0
    for _ in range(t):
        T_cur += 1
        if T_cur >= T_i:
            T_cur -= T_i
            T_i *= T_mult
    return lr_min + (lr_max - lr_min) * (1.0 + math.cos(math.pi * T_cur / T_i)) / 2.0
''')],
    "backtracking": [("a while loop counting the tries", '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    fw = f(w)
    slope = np.dot(np.ravel(dw), np.ravel(d))
    tries, lr = 0, float(lr0)
    while tries < 60:
        if f(w + lr * d) <= fw + c * lr * slope:
            return float(lr)
        lr = lr0 * rho ** (tries + 1)
        tries += 1
    return 0.0
''')],
    "conjugate_gradient": [
        # phase 2: moved from WRONG (equal to the recursion up to rounding: no fair test tells
        # them apart; the prompt's last iterate agrees to 1e-14)
        ("recomputes r = b - A w each step instead of the recursion r - alpha A d", '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=float)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        rr = r @ r
        if rr == 0:
            path.append(w.copy())
            continue
        alpha = rr / (d @ A @ d)
        w = w + alpha * d
        r = b - A @ w
        d = r + (r @ r) / rr * d
        path.append(w.copy())
    return np.array(path)
'''),
        ("preallocated path, rows filled in place", '''
def conjugate_gradient(A, b, w0, n_steps):
    D = len(w0)
    path = np.empty((n_steps + 1, D))
    path[0] = w0
    w = path[0].copy()
    r = b - A @ w
    d = r.copy()
    rr = float(r @ r)
    for k in range(n_steps):
        if rr == 0.0:
            path[k + 1:] = w
            break
        Ad = A @ d
        alpha = rr / float(d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        rr_next = float(r @ r)
        d = r + (rr_next / rr) * d
        rr = rr_next
        path[k + 1] = w
    return path
''')],
}
