"""Blind candidates for week05 (regularization), written from the student release only."""

WRONG = {
    "bias_variance": [
        ("averages the absolute per-point bias, then squares (prompt: square each point's bias before averaging)", '''
def bias_variance(preds, f_true):
    f_bar = preds.mean(axis=0)
    bias2 = np.mean(np.abs(f_bar - f_true)) ** 2
    variance = np.mean(np.var(preds, axis=0))
    return float(bias2), float(variance)
'''),
        ("uses the median of the R predictions as the average model (prompt: f_bar = preds.mean(axis=0))", '''
def bias_variance(preds, f_true):
    f_bar = np.median(preds, axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean((preds - f_bar) ** 2)
    return float(bias2), float(variance)
'''),
        ("divides the variance by R - 1 (prompt: divide by R, not R - 1)", '''
def bias_variance(preds, f_true):
    f_bar = preds.mean(axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean(np.var(preds, axis=0, ddof=1))
    return float(bias2), float(variance)
'''),
        ("squares the mean bias instead of averaging the squared biases", '''
def bias_variance(preds, f_true):
    f_bar = preds.mean(axis=0)
    bias2 = np.mean(f_bar - f_true) ** 2
    variance = np.mean(np.var(preds, axis=0))
    return float(bias2), float(variance)
'''),
    ],
    "sgd_weight_decay_step": [
        ("shrinks the weights after the gradient step: (W - lr dW)(1 - lr alpha) (prompt: W - lr*dW - lr*alpha*W)", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = (W - lr * dW) * (1 - lr * alpha)
    b_new = b - lr * db
    return W_new, b_new
'''),
        ("decays the bias too (prompt: no decay on the bias)", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = W - lr * dW - lr * alpha * W
    b_new = b - lr * db - lr * alpha * b
    return W_new, b_new
'''),
        ("penalty gradient 2*alpha*W (prompt: the penalty is (alpha/2)||W||^2, gradient alpha*W)", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = W - lr * (dW + 2 * alpha * W)
    b_new = b - lr * db
    return W_new, b_new
'''),
        ("updates a copy in place: integer weights stay integers (prompt: new float arrays)", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = W.copy()
    W_new *= 1 - lr * alpha
    W_new -= lr * dW
    b_new = b.copy()
    b_new -= lr * db
    return W_new, b_new
'''),
    ],
    "elastic_net": [
        ("returns torch tensors (prompt: the penalty as a float, dW an array)", '''
def elastic_net(W, l1, l2):
    Wt = torch.tensor(W, dtype=torch.float64, requires_grad=True)
    penalty = l1 * Wt.abs().sum() + l2 / 2 * (Wt ** 2).sum()
    penalty.backward()
    return penalty.detach(), Wt.grad
'''),
        ("sign(0) = +1 (prompt: sign(0) = 0)", '''
def elastic_net(W, l1, l2):
    s = np.where(W >= 0, 1.0, -1.0)
    penalty = l1 * np.sum(np.abs(W)) + l2 / 2 * np.sum(W ** 2)
    return float(penalty), l1 * s + l2 * W
'''),
        ("means over the entries instead of sums (prompt: sums over all entries, not means)", '''
def elastic_net(W, l1, l2):
    penalty = l1 * np.mean(np.abs(W)) + l2 / 2 * np.mean(W ** 2)
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
        ("np.linalg.norm(W, 1) (a matrix norm: the largest column sum) for the L1 sum", '''
def elastic_net(W, l1, l2):
    penalty = l1 * np.linalg.norm(W, 1) + l2 / 2 * np.linalg.norm(W) ** 2
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
    ],
    "max_norm": [
        ("compares the squared norm with c instead of c**2", '''
def max_norm(W, c):
    sq = np.sum(W ** 2, axis=0)
    scale = np.ones_like(sq, dtype=float)
    big = sq > c
    scale[big] = c / np.sqrt(sq[big])
    return W * scale
'''),
        ("divides by max(norm, c) and forgets the factor c", '''
def max_norm(W, c):
    norms = np.linalg.norm(W, axis=0)
    return W / np.maximum(norms, c)
'''),
        ("rescales rows instead of columns (prompt: column j is unit j's incoming weights)", '''
def max_norm(W, c):
    norms = np.linalg.norm(W, axis=1, keepdims=True)
    return W * c / np.maximum(norms, c)
'''),
        ("scales a copy in place: integer weights are truncated (prompt: new float array)", '''
def max_norm(W, c):
    out = W.copy()
    norms = np.linalg.norm(W, axis=0)
    for j in range(W.shape[1]):
        if norms[j] > c:
            out[:, j] = W[:, j] * (c / norms[j])
    return out
'''),
    ],
    "dropout": [
        ("evaluation mode returns x itself, not a copy (prompt: out = x (a copy))", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x, (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ("keep mask stored as floats, not booleans (prompt: keep a boolean array)", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape), 1.0)
    keep = (rng.random(x.shape) >= p).astype(np.float64)
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ("p = 0 shortcut that draws nothing (prompt: training draws u = rng.random(x.shape))", '''
def dropout_forward(x, p, train, rng):
    if not train or p == 0:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ("p = 1 shortcut that draws nothing (prompt: training draws u = rng.random(x.shape))", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    if p == 1:
        return np.zeros_like(x), (np.zeros(x.shape, dtype=bool), 0.0)
    keep = rng.random(x.shape) >= p
    scale = 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ("backward divides by the scale (prompt: dx = dout * keep * scale)", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep / scale if scale else dout * 0.0
'''),
    ],
    "early_stopping_fit": [
        ("restores the best weights into params and returns params (prompt: a dict with copies, new arrays)", '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best, best_epoch, wait, epochs_run = np.inf, None, 0, 0, 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = e
        if loss < best_loss:
            best_loss, best_epoch, wait = loss, e, 0
            best = {k: v.copy() for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    for k in params:
        params[k][...] = best[k]
    return params, best_epoch, epochs_run
'''),
        ("starts from a sentinel best loss 1e9: epoch 1 is no improvement when its loss is larger (prompt: a loss lower than every earlier one)", '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best, best_epoch, wait, epochs_run = 1e9, None, 0, 0, 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = e
        if loss < best_loss:
            best_loss, best_epoch, wait = loss, e, 0
            best = {k: v.copy() for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    return best, best_epoch, epochs_run
'''),
        ("keeps slices v[:] (views of the same arrays) instead of copies", '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best, best_epoch, wait, epochs_run = np.inf, None, 0, 0, 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = e
        if loss < best_loss:
            best_loss, best_epoch, wait = loss, e, 0
            best = {k: v[:] for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    return best, best_epoch, epochs_run
'''),
        ("a tie counts as an improvement (prompt: strictly lower)", '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best, best_epoch, wait, epochs_run = np.inf, None, 0, 0, 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = e
        if loss <= best_loss:
            best_loss, best_epoch, wait = loss, e, 0
            best = {k: v.copy() for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    return best, best_epoch, epochs_run
'''),
    ],
    "shift_images": [
        ("zeros_like keeps an integer dtype (prompt: new float array)", '''
def shift_images(images, dy, dx):
    N, H, W = images.shape
    out = np.zeros_like(images)
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \\
        images[:, max(-dy, 0):H + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out
'''),
        ("uses the width W for the row bounds (right only for square images)", '''
def shift_images(images, dy, dx):
    N, H, W = images.shape
    out = np.zeros(images.shape)
    out[:, max(dy, 0):W + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \\
        images[:, max(-dy, 0):W + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out
'''),
        ("returns the input itself for a zero shift (prompt: return a new array)", '''
def shift_images(images, dy, dx):
    if dy == 0 and dx == 0:
        return images
    N, H, W = images.shape
    out = np.zeros(images.shape)
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \\
        images[:, max(-dy, 0):H + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out
'''),
        ("np.roll wraps around (prompt: no wrap-around)", '''
def shift_images(images, dy, dx):
    return np.roll(np.roll(images, dy, axis=1), dx, axis=2).astype(float)
'''),
    ],
    "smooth_labels": [
        ("spreads s over the other K - 1 classes (not what torch does)", '''
def smooth_labels(y, K, smoothing):
    t = np.full((len(y), K), smoothing / (K - 1))
    t[np.arange(len(y)), y] = 1 - smoothing
    return t
'''),
        ("the true class gets 1 - s without its s/K share", '''
def smooth_labels(y, K, smoothing):
    t = np.full((len(y), K), smoothing / K)
    t[np.arange(len(y)), y] = 1 - smoothing
    return t
'''),
        ("takes K from the labels (y.max() + 1), ignoring the argument K", '''
def smooth_labels(y, K, smoothing):
    K = int(np.max(y)) + 1
    return (1 - smoothing) * np.eye(K)[y] + smoothing / K
'''),
        ("t[:, y] indexes whole columns for every row", '''
def smooth_labels(y, K, smoothing):
    t = np.full((len(y), K), smoothing / K)
    t[:, y] += 1 - smoothing
    return t
'''),
    ],
    "label_smoothing_loss": [
        ("log-sum-exp subtracts the largest logit of the whole batch, not of each row", '''
def label_smoothing_loss(logits, y, smoothing):
    N, K = logits.shape
    m = np.max(logits)
    logp = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    t = np.full((N, K), smoothing / K)
    t[np.arange(N), y] += 1 - smoothing
    return float(-np.mean(np.sum(t * logp, axis=1)))
'''),
        ("log of a (stabilized) softmax: log(0) for logits of 1000", '''
def label_smoothing_loss(logits, y, smoothing):
    N, K = logits.shape
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    logp = np.log(e / e.sum(axis=1, keepdims=True))
    t = np.full((N, K), smoothing / K)
    t[np.arange(N), y] += 1 - smoothing
    return float(-np.mean(np.sum(t * logp, axis=1)))
'''),
        ("sums over the batch instead of the mean", '''
def label_smoothing_loss(logits, y, smoothing):
    N, K = logits.shape
    m = logits.max(axis=1, keepdims=True)
    logp = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    t = np.full((N, K), smoothing / K)
    t[np.arange(N), y] += 1 - smoothing
    return float(-np.sum(t * logp))
'''),
        ("smooths over the other K - 1 classes", '''
def label_smoothing_loss(logits, y, smoothing):
    N, K = logits.shape
    m = logits.max(axis=1, keepdims=True)
    logp = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    t = np.full((N, K), smoothing / (K - 1))
    t[np.arange(N), y] = 1 - smoothing
    return float(-np.mean(np.sum(t * logp, axis=1)))
'''),
    ],
    "batchnorm_forward": [
        ("ignores the eps argument (always 1e-5)", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    if train:
        N = x.shape[0]
        if N == 1:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(var + 1e-5)
        new_rm = (1 - momentum) * running_mean + momentum * mu
        new_rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + 1e-5)
        new_rm, new_rv = running_mean.copy(), running_var.copy()
    return gamma * x_hat + beta, new_rm, new_rv
'''),
        ("ignores the momentum argument (always 0.1)", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    if train:
        N = x.shape[0]
        if N == 1:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(var + eps)
        new_rm = 0.9 * running_mean + 0.1 * mu
        new_rv = 0.9 * running_var + 0.1 * var * N / (N - 1)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        new_rm, new_rv = running_mean.copy(), running_var.copy()
    return gamma * x_hat + beta, new_rm, new_rv
'''),
        ("raises for N = 1 in evaluation mode too (prompt: evaluation mode takes any N >= 1)", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    N = x.shape[0]
    if N == 1:
        raise ValueError("Expected more than 1 value per channel when training")
    if train:
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(var + eps)
        new_rm = (1 - momentum) * running_mean + momentum * mu
        new_rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        new_rm, new_rv = running_mean.copy(), running_var.copy()
    return gamma * x_hat + beta, new_rm, new_rv
'''),
        ("evaluation mode returns the running arrays themselves, not new arrays", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    if train:
        N = x.shape[0]
        if N == 1:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(var + eps)
        new_rm = (1 - momentum) * running_mean + momentum * mu
        new_rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
        return gamma * x_hat + beta, new_rm, new_rv
    x_hat = (x - running_mean) / np.sqrt(running_var + eps)
    return gamma * x_hat + beta, running_mean, running_var
'''),
        ("eps added outside the square root (prompt: eps sits inside the root)", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    if train:
        N = x.shape[0]
        if N == 1:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        x_hat = (x - mu) / (np.sqrt(var) + eps)
        new_rm = (1 - momentum) * running_mean + momentum * mu
        new_rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        x_hat = (x - running_mean) / (np.sqrt(running_var) + eps)
        new_rm, new_rv = running_mean.copy(), running_var.copy()
    return gamma * x_hat + beta, new_rm, new_rv
'''),
    ],
    "batchnorm_backward": [
        ("ignores the eps argument (always 1e-5)", '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0) + 1e-5)
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
        ("leaves eps out of sigma", '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0))
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
        ("dgamma sums dout * x instead of dout * x_hat", '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * (dout * x_hat).sum(axis=0))
    return dx, dgamma, dbeta
'''),
        ("dx forgets the paths through the mean and variance (gamma * dout / sigma)", '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - mu) / sigma
    return gamma * dout / sigma, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
'''),
    ],
}

RIGHT = {
    "bias_variance": [("mean squared error around f_true minus bias2 (exact decomposition)", '''
def bias_variance(preds, f_true):
    preds = np.asarray(preds, dtype=float)
    f_bar = preds.mean(axis=0)
    bias2 = float(np.mean((f_bar - f_true) ** 2))
    mse = float(np.mean((preds - f_true) ** 2))
    variance = mse - bias2
    return bias2, variance
''')],
    "sgd_weight_decay_step": [("shrink factor then step, in torch", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    Wt = torch.as_tensor(np.asarray(W, dtype=np.float64))
    W_new = ((1 - lr * alpha) * Wt - lr * torch.as_tensor(np.asarray(dW, dtype=np.float64))).numpy()
    b_new = np.asarray(b, dtype=np.float64) - lr * np.asarray(db, dtype=np.float64)
    return W_new, b_new
''')],
    "elastic_net": [("loops over the entries", '''
def elastic_net(W, l1, l2):
    W = np.asarray(W, dtype=float)
    penalty = 0.0
    dW = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        w = W[idx]
        penalty += l1 * abs(w) + 0.5 * l2 * w * w
        s = 1.0 if w > 0 else (-1.0 if w < 0 else 0.0)
        dW[idx] = l1 * s + l2 * w
    return float(penalty), dW
''')],
    "max_norm": [("np.minimum(1, c / norm) with an errstate guard", '''
def max_norm(W, c):
    W = np.asarray(W, dtype=float)
    norms = np.sqrt(np.sum(W * W, axis=0))
    with np.errstate(divide="ignore"):
        factor = np.where(norms > c, c / norms, 1.0)
    return W * factor
''')],
    "dropout": [("flat draw reshaped, explicit copy", '''
def dropout_forward(x, p, train, rng):
    x = np.asarray(x)
    if train:
        u = rng.random(x.size).reshape(x.shape)
        keep = u >= p
        scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
        out = np.where(keep, x * scale, 0.0)
    else:
        keep = np.full(x.shape, True)
        scale = 1.0
        out = np.array(x, copy=True)
    return out, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return np.where(keep, dout * scale, 0.0)
''')],
    "early_stopping_fit": [("while loop with copy.deepcopy", '''
import copy


def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss = None
    best_params, best_epoch = None, 0
    since = 0
    e = 0
    while e < max_epochs and since < patience:
        e += 1
        step(params)
        loss = val_loss(params)
        if best_loss is None or loss < best_loss:
            best_loss, best_epoch, since = loss, e, 0
            best_params = copy.deepcopy(params)
        else:
            since += 1
    return best_params, best_epoch, e
''')],
    "shift_images": [("loop over target pixels", '''
def shift_images(images, dy, dx):
    N, H, W = images.shape
    out = np.zeros((N, H, W), dtype=float)
    for i in range(H):
        for j in range(W):
            si, sj = i - dy, j - dx
            if 0 <= si < H and 0 <= sj < W:
                out[:, i, j] = images[:, si, sj]
    return out
''')],
    "smooth_labels": [("np.eye and broadcasting", '''
def smooth_labels(y, K, smoothing):
    onehot = np.eye(K)[np.asarray(y, dtype=int)]
    return (1.0 - smoothing) * onehot + smoothing / K
''')],
    "label_smoothing_loss": [("(1 - s) * NLL + s * mean of -log p over classes, with torch", '''
def label_smoothing_loss(logits, y, smoothing):
    z = torch.as_tensor(np.asarray(logits, dtype=np.float64))
    logp = torch.log_softmax(z, dim=1)
    idx = torch.as_tensor(np.asarray(y, dtype=np.int64))
    nll = -logp[torch.arange(z.shape[0]), idx]
    uniform = -logp.mean(dim=1)
    return float(((1 - smoothing) * nll + smoothing * uniform).mean())
''')],
    "batchnorm_forward": [("sums and explicit N - 1", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("Expected more than 1 value per channel when training, "
                             "got a batch of one example")
        mu = x.sum(axis=0) / N
        ss = ((x - mu) ** 2).sum(axis=0)
        var = ss / N
        out = gamma * (x - mu) / np.sqrt(var + eps) + beta
        rm = running_mean * (1 - momentum) + mu * momentum
        rv = running_var * (1 - momentum) + (ss / (N - 1)) * momentum
        return out, rm, rv
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
''')],
    "batchnorm_backward": [("staged chain rule through var and mu", '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc ** 2).mean(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dxhat = dout * gamma
    dvar = np.sum(dxhat * xc, axis=0) * -0.5 * inv ** 3
    dmu = -np.sum(dxhat * inv, axis=0) + dvar * np.mean(-2.0 * xc, axis=0)
    dx = dxhat * inv + dvar * 2.0 * xc / N + dmu / N
    return dx, dgamma, dbeta
''')],
}
