"""Blind review, round 2, week04 (optimizers): candidates written from the student release
only (reviewer r2w04). Phase 2 moved three WRONG candidates to RIGHT (marked "reclassified") and
two of the phase-1 questions (wrong only where the prompt is silent) to RIGHT.

    .venv/bin/python -m autograder.candidates docs/blind-review/week04-round2.py week04
"""

WRONG = {
    'lp_norm': [
        ("tests p = inf by identity (p is np.inf): float('inf') and math.inf, which the prompt says are the same number, fall to the general formula and give 1.0", '''
def lp_norm(x, p):
    a = np.abs(np.asarray(x, dtype=np.float64)).ravel()
    if p is np.inf:
        return float(a.max())
    return float(np.sum(a ** p) ** (1.0 / p))
'''),
        ('p = inf branch forgets float(): returns a numpy integer for integer entries (the prompt: a Python float; entries may be integers)', '''
def lp_norm(x, p):
    a = np.abs(np.asarray(x)).ravel()
    if p == np.inf:
        return a.max()
    return float(np.sum(a ** p) ** (1 / p))
'''),
        ('keeps the integer dtype: |x|^p is computed in int64 and silently overflows for large integer entries (entries may be integers)', '''
def lp_norm(x, p):
    a = np.abs(np.asarray(x)).ravel()
    if np.isinf(p):
        return float(a.max())
    return float(np.sum(a ** p) ** (1 / p))
'''),
    ],
    'sgd_momentum': [
        ("types torch's default 0.9 instead of using the argument beta", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = 0.9 * state.get("v", np.zeros_like(w)) + dw
    return w - lr * v, {"v": v}
'''),
        ("folds the learning rate into the velocity (v <- beta v + lr g, w <- w - v): state['v'] is lr times torch's velocity", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + lr * dw
    return w - v, {"v": v}
'''),
    ],
    'nesterov': [
        ('gets v from sgd_momentum but forgets to pass beta on (uses its default 0.9)', '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    _, new_state = sgd_momentum(w, dw, state, lr=lr)
    v = new_state["v"]
    return w - lr * (dw + beta * v), {"v": v}
'''),
        ('types 0.9 in the look-ahead term instead of beta', '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros_like(w)) + dw
    return w - lr * (dw + 0.9 * v), {"v": v}
'''),
        ("Sutskever's form with lr inside the velocity (v <- beta v - lr g, w <- w - beta v_old + (1 + beta) v): not torch's velocity", '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v_old = state.get("v", np.zeros_like(w))
    v = beta * v_old - lr * dw
    return w - beta * v_old + (1 + beta) * v, {"v": v}
'''),
    ],
    'adagrad': [
        ("eps inside the square root (sqrt(s + eps)), not torch's place", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros_like(w)) + dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}
'''),
        ("divides by the old sum (before adding this gradient's square)", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s_old = state.get("s", np.zeros_like(w))
    w_new = w - lr * dw / (np.sqrt(s_old) + eps)
    return w_new, {"s": s_old + dw ** 2}
'''),
    ],
    'rmsprop': [
        ("retypes the signature with Hinton's alpha = 0.9 as the default instead of torch's 0.99", '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.9, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
        ('swaps the weights: (1 - alpha) on the old average, alpha on the new square', '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = (1 - alpha) * state.get("s", np.zeros_like(w)) + alpha * dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
        ('eps inside the square root (Keras/TF style)', '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(w)) + (1 - alpha) * dw ** 2
    return w - lr * dw / np.sqrt(s + eps), {"s": s}
'''),
        ('uses the old average in the step, updates it afterwards', '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s_old = state.get("s", np.zeros_like(w))
    w_new = w - lr * dw / (np.sqrt(s_old) + eps)
    return w_new, {"s": alpha * s_old + (1 - alpha) * dw ** 2}
'''),
    ],
    'adam': [
        ('bias correction with 0.9 and 0.999 typed in, not beta1 and beta2', '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - 0.9 ** t)
    s_hat = s / (1 - 0.999 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}
'''),
        ("the paper's 'efficient' form: eps added to sqrt(s) before the correction of s", '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    step = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return w - step * v / (np.sqrt(s) + eps), {"t": t, "v": v, "s": s}
'''),
        ("counts t from a float (state.get('t', 0.0)): t is 1.0, not an int", '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0.0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}
'''),
        ('corrects with t + 1 (counts the update twice)', '''
def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    v = beta1 * state.get("v", np.zeros_like(w)) + (1 - beta1) * dw
    s = beta2 * state.get("s", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    v_hat = v / (1 - beta1 ** (t + 1)) if t > 1 else v / (1 - beta1)
    s_hat = s / (1 - beta2 ** (t + 1)) if t > 1 else s / (1 - beta2)
    return w - lr * v_hat / (np.sqrt(s_hat) + eps), {"t": t, "v": v, "s": s}
'''),
    ],
    'cosine_warm_restarts': [
        ("torch's closed form with a float logarithm to find the cycle: at exact restarts math.log can land just below an integer (e.g. T_0 = 1, T_mult = 3, t = 121) and the rate is lr_min instead of lr_max", '''
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
        ('multiplies the cycle length by T_mult only once: every cycle after the first lasts T_0 * T_mult', '''
import math

def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    if t < T_0:
        T_cur, T_i = t, T_0
    else:
        T_i = T_0 * T_mult
        T_cur = (t - T_0) % T_i
    return float(lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2)
'''),
        ('returns lr_max as received at a restart: an int when lr_max is an int', '''
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
    ],
    'backtracking': [
        ('tries 61 values (lr0 and 60 shrinkings) instead of at most 60', '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope, lr = f(w), float(np.sum(dw * d)), lr0
    for _ in range(61):
        if f(w + lr * d) <= f0 + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0
'''),
        ('tries only 59 values', '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope, lr = f(w), float(np.sum(dw * d)), lr0
    k = 1
    while k < 60:
        if f(w + lr * d) <= f0 + c * lr * slope:
            return float(lr)
        lr *= rho
        k += 1
    return 0.0
'''),
        ('strict < in the Armijo test where the prompt says <=', '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, slope, lr = f(w), float(np.sum(dw * d)), lr0
    for _ in range(60):
        if f(w + lr * d) < f0 + c * lr * slope:
            return float(lr)
        lr *= rho
    return 0.0
'''),
        ('uses the slope -|dw|^2 (assumes d = -dw) instead of dw . d', '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    f0, lr = f(w), lr0
    for _ in range(60):
        if f(w + lr * d) <= f0 - c * lr * float(np.sum(dw * dw)):
            return float(lr)
        lr *= rho
    return 0.0
'''),
        ('returns lr without float(): an int when lr0 is an int and is accepted at once', '''
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
    'conjugate_gradient': [
        ('stops on a tolerance (np.allclose(r, 0), absolute 1e-8) instead of r . r exactly 0: freezes too early on a small-scale problem', '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    path = [w.copy()]
    for _ in range(n_steps):
        if np.allclose(r, 0):
            path.append(w.copy())
            continue
        Ad = A @ d
        rr = r @ r
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        beta = (r @ r) / rr
        d = r + beta * d
        path.append(w.copy())
    return np.array(path)
'''),
        ('checks r . r = 0 only after an update: when w0 already is the minimizer, the first step divides 0 by 0', '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    rr = r @ r
    path = [w.copy()]
    for k in range(n_steps):
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        rr_new = r @ r
        path.append(w.copy())
        if rr_new == 0:
            path.extend([w.copy()] * (n_steps - k - 1))
            break
        d = r + (rr_new / rr) * d
        rr = rr_new
    return np.array(path)
'''),
        ('stops after D steps (thinks CG is exact in D steps) and repeats w_D', '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    rr = r @ r
    path = [w.copy()]
    for k in range(n_steps):
        if k >= len(w) or rr == 0:
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        rr_new = r @ r
        d = r + (rr_new / rr) * d
        rr = rr_new
        path.append(w.copy())
    return np.array(path)
'''),
    ],
}

RIGHT = {
    'lp_norm': [
        ('plain loop over the flattened entries, naive formula', '''
import math

def lp_norm(x, p):
    values = [abs(float(v)) for v in np.ravel(np.asarray(x))]
    if math.isinf(p):
        return max(values)
    return sum(v ** p for v in values) ** (1.0 / p)
'''),
        ('np.linalg.norm of the flattened float array', '''
def lp_norm(x, p):
    return float(np.linalg.norm(np.asarray(x, dtype=np.float64).ravel(), ord=p))
'''),
    ],
    'sgd_momentum': [
        ('updates the received state dict and its array in place (the prompt allows returning the updated dict)', '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    if "v" not in state:
        state["v"] = np.zeros_like(w, dtype=np.float64)
    state["v"] *= beta
    state["v"] += dw
    return w - lr * state["v"], state
'''),
        ('starts the velocity with np.zeros(len(w)): breaks for w of another shape than (D,) (the interface: any shape works, entry by entry) [reclassified in phase 2: the docstring promises w of shape (D,), and round 1 keeps this very solution in RIGHT]', '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    v = beta * state.get("v", np.zeros(len(w))) + dw
    return w - lr * v, {"v": v}
'''),
        ("builds the velocity in the caller's gradient array (dw += ...): changes dw in place (the prompt only forbids changing w) [a question in phase 1: the prompt is silent, so it is correct]", '''
def sgd_momentum(w, dw, state, lr=0.01, beta=0.9):
    if "v" in state:
        dw += beta * state["v"]
    return w - lr * dw, {"v": dw}
'''),
    ],
    'nesterov': [
        ('two terms, lr * dw and lr * beta * v', '''
def nesterov(w, dw, state, lr=0.01, beta=0.9):
    v = dw if not state else beta * state["v"] + dw
    w_new = w - lr * dw - lr * beta * v
    return w_new, {"v": np.array(v, dtype=np.float64)}
'''),
    ],
    'adagrad': [
        ("torch's code transcribed: std = sqrt(s) + eps, in-place on a copy", '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = np.array(state["s"], dtype=np.float64) if "s" in state else np.zeros(np.shape(w))
    s += dw * dw
    std = np.sqrt(s) + eps
    w_new = np.array(w, dtype=np.float64)
    w_new -= lr * dw / std
    return w_new, {"s": s}
'''),
        ('starts the sum with np.zeros(w.shape[0]): breaks for w of another shape than (D,) [reclassified in phase 2: the docstring promises w of shape (D,), and round 1 keeps this very solution in RIGHT]', '''
def adagrad(w, dw, state, lr=0.01, eps=1e-10):
    s = state.get("s", np.zeros(w.shape[0])) + dw ** 2
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
    ],
    'rmsprop': [
        ('the average written as s + (1 - alpha)(dw^2 - s)', '''
def rmsprop(w, dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = state.get("s", np.zeros_like(w))
    s = s + (1 - alpha) * (dw * dw - s)
    return w - lr * dw / (np.sqrt(s) + eps), {"s": s}
'''),
    ],
    'adam': [
        ("torch's code transcribed (step size and denominator), state updated in place", '''
import math

def adam(w, dw, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    if not state:
        state["t"] = 0
        state["v"] = np.zeros_like(w, dtype=np.float64)
        state["s"] = np.zeros_like(w, dtype=np.float64)
    state["t"] += 1
    t = state["t"]
    state["v"] *= beta1
    state["v"] += (1 - beta1) * dw
    state["s"] *= beta2
    state["s"] += (1 - beta2) * dw * dw
    step_size = lr / (1 - beta1 ** t)
    denom = np.sqrt(state["s"]) / math.sqrt(1 - beta2 ** t) + eps
    return w - step_size * state["v"] / denom, state
'''),
    ],
    'cosine_warm_restarts': [
        ("integer loop over the cycles, as torch's scheduler.step() does", '''
import math

def cosine_warm_restarts(t, lr_max, lr_min=0.0, T_0=10, T_mult=1):
    T_i, T_cur = T_0, 0
    for _ in range(t):
        T_cur += 1
        if T_cur >= T_i:
            T_cur -= T_i
            T_i *= T_mult
    return float(lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2)
'''),
    ],
    'backtracking': [
        ('step sizes as lr0 * rho**k, f(w) recomputed', '''
def backtracking(f, w, dw, d, lr0=1.0, c=1e-4, rho=0.5):
    for k in range(60):
        lr = lr0 * rho ** k
        if f(w + lr * d) <= f(w) + c * lr * np.sum(dw * d):
            return float(lr)
    return 0.0
'''),
    ],
    'conjugate_gradient': [
        ('preallocated array, break and fill the remaining rows', '''
def conjugate_gradient(A, b, w0, n_steps):
    A, b = np.asarray(A, dtype=np.float64), np.asarray(b, dtype=np.float64)
    out = np.empty((n_steps + 1, len(w0)))
    w = np.array(w0, dtype=np.float64)
    out[0] = w
    r = b - A @ w
    d = r.copy()
    rr = float(r @ r)
    for k in range(n_steps):
        if rr == 0.0:
            out[k + 1:] = w
            break
        Ad = A @ d
        alpha = rr / float(d @ Ad)
        w = w + alpha * d
        r = r - alpha * Ad
        rr_new = float(r @ r)
        d = r + (rr_new / rr) * d
        rr = rr_new
        out[k + 1] = w
    return out
'''),
        ("recomputes the residual b - A w at every step instead of the recursion the prompt prescribes ('exactly these formulas, in this order') [reclassified in phase 2: the same iterates up to rounding, which no test can grade fairly; round 1 keeps it in RIGHT]", '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0, dtype=np.float64)
    r = b - A @ w
    d = r.copy()
    rr = r @ r
    path = [w.copy()]
    for _ in range(n_steps):
        if rr == 0:
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w = w + alpha * d
        r = b - A @ w
        rr_new = r @ r
        d = r + (rr_new / rr) * d
        rr = rr_new
        path.append(w.copy())
    return np.array(path)
'''),
        ('w = np.array(w0) keeps an integer dtype and w += alpha * d fails for integer w0 [a question in phase 1: the prompt is silent, so it is correct]', '''
def conjugate_gradient(A, b, w0, n_steps):
    w = np.array(w0)
    r = b - A @ w
    d = r.copy()
    rr = r @ r
    path = [w.copy()]
    for _ in range(n_steps):
        if rr == 0:
            path.append(w.copy())
            continue
        Ad = A @ d
        alpha = rr / (d @ Ad)
        w += alpha * d
        r = r - alpha * Ad
        rr_new = r @ r
        d = r + (rr_new / rr) * d
        rr = rr_new
        path.append(w.copy())
    return np.array(path)
'''),
    ],
}
