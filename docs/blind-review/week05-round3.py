"""Blind review, third round, of week05 (regularization): candidates written from the student
release alone (reviewer r3w05). Phase 1 judged 43 WRONG / 11 RIGHT: 13 holes, 0 unfair. Six of
the 13 turned out correct by the prompt's words (it is silent on what they do differently, or the
difference is within tolerance); they are moved to RIGHT below. The other 7 got hidden cases."""

WRONG = {
    'bias_variance': [
        ('uses the median of the R predictions as the average model (equal to the mean only for R = 2)', '''
def bias_variance(preds, f_true):
    f_bar = np.median(preds, axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean((preds - f_bar) ** 2)
    return float(bias2), float(variance)
'''),
        ("variance with the unbiased divisor R - 1 only when R > 2 (np.var(ddof=1) 'for real samples')", '''
def bias_variance(preds, f_true):
    preds = np.asarray(preds, dtype=float)
    R = preds.shape[0]
    f_bar = preds.mean(axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean(np.var(preds, axis=0, ddof=1 if R > 2 else 0))
    return float(bias2), float(variance)
'''),
        ('averages over the wrong axis when preds is square: uses preds.mean() over all entries for f_bar', '''
def bias_variance(preds, f_true):
    preds = np.asarray(preds, dtype=float)
    f_bar = preds.mean(axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean((preds - preds.mean()) ** 2) - np.var(f_bar) + np.var(f_bar)
    return float(bias2), float(variance)
'''),
    ],
    'sgd_weight_decay_step': [
        ("adds the penalty gradient into dW in place (changes the caller's gradient array) [question: prompt only names W and b]", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    dW += alpha * W
    return W - lr * dW, b - lr * db
'''),
        ('decays the weights after the gradient step: (W - lr dW)(1 - lr alpha)', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = W - lr * dW
    W_new = W_new * (1 - lr * alpha)
    return W_new, b - lr * db
'''),
        ('returns b itself (not a new array) when the bias gradient is all zero', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = W * (1 - lr * alpha) - lr * dW
    if not np.any(db):
        return W_new, b
    return W_new, b - lr * db
'''),
        ('returns W itself when lr is 0 (a shortcut: nothing to do)', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    if lr == 0:
        return W, b
    return W - lr * dW - lr * alpha * W, b - lr * db
'''),
    ],
    'elastic_net': [
        ('treats tiny nonzero weights as 0 in the subgradient (|w| < 1e-8 -> sign 0)', '''
def elastic_net(W, l1, l2):
    W = np.asarray(W, dtype=float)
    s = np.where(np.abs(W) < 1e-8, 0.0, np.sign(W))
    penalty = l1 * np.abs(W).sum() + l2 / 2 * (W ** 2).sum()
    return float(penalty), l1 * s + l2 * W
'''),
        ('sums over axes (0, 1) only: wrong for W of another number of dimensions', '''
def elastic_net(W, l1, l2):
    W = np.asarray(W, dtype=float)
    penalty = l1 * np.abs(W).sum(axis=(0, 1)) + l2 / 2 * (W ** 2).sum(axis=(0, 1))
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
        ("Frobenius norm via np.linalg.norm(W, 'fro'): fails for W that is not 2-D", '''
def elastic_net(W, l1, l2):
    W = np.asarray(W, dtype=float)
    penalty = l1 * np.abs(W).sum() + l2 / 2 * np.linalg.norm(W, "fro") ** 2
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
        ('returns the penalty as a 0-d numpy array (np.sum with keepdims then squeeze), not a float', '''
def elastic_net(W, l1, l2):
    W = np.asarray(W, dtype=float)
    penalty = np.squeeze(l1 * np.abs(W).sum(keepdims=True) + l2 / 2 * (W ** 2).sum(keepdims=True))
    return penalty, l1 * np.sign(W) + l2 * W
'''),
    ],
    'max_norm': [
        ('returns W itself when no column is longer than c', '''
def max_norm(W, c):
    norms = np.sqrt((np.asarray(W, dtype=float) ** 2).sum(axis=0))
    if np.all(norms <= c):
        return W
    scale = np.where(norms > c, c / np.where(norms > 0, norms, 1.0), 1.0)
    return W * scale
'''),
        ('returns an integer copy when nothing is rescaled (W.copy() of integer weights)', '''
def max_norm(W, c):
    out = W.copy()
    norms = np.linalg.norm(W, axis=0)
    if np.any(norms > c):
        out = out * np.where(norms > c, c / np.maximum(norms, 1e-300), 1.0)
    return out
'''),
        ('uses the norm of each row when W has one column fewer rows (transposes non-square W wrongly)', '''
def max_norm(W, c):
    W = np.array(W, dtype=float)
    axis = 0 if W.shape[0] <= W.shape[1] else 1
    norms = np.linalg.norm(W, axis=axis, keepdims=True)
    return W * np.minimum(1.0, c / np.where(norms > 0, norms, 1.0))
'''),
    ],
    'dropout': [
        ('evaluation cache holds a float mask of ones, not a boolean one', '''
def dropout_forward(x, p, train, rng):
    if not train:
        return np.array(x, copy=True), (np.ones_like(x, dtype=float), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ("evaluation cache holds a scalar True mask, not one of x's shape", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.array(True), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ('training with p = 0 returns x itself (draws, but skips the multiplication)', '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    if p == 0:
        return x, (keep, 1.0)
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ('p = 1 detected as p >= 0.999999 (scale 0 for p just below 1)', '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p >= 0.999999 else 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
    ],
    'early_stopping_fit': [
        ('starts the best loss at inf with <, so an epoch-1 loss of inf is not an improvement', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_epoch, best_params, bad = np.inf, 0, {k: v.copy() for k, v in params.items()}, 0
    e = 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if loss < best_loss:
            best_loss, best_epoch, bad = loss, e, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            bad += 1
            if bad >= patience:
                break
    return best_params, best_epoch, e
'''),
        ('calls val_loss twice per epoch (once to compare, once to store)', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_epoch, best_params, bad = None, 0, None, 0
    e = 0
    for e in range(1, max_epochs + 1):
        step(params)
        if best_loss is None or val_loss(params) < best_loss:
            best_loss, best_epoch, bad = val_loss(params), e, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            bad += 1
            if bad >= patience:
                break
    return best_params, best_epoch, e
'''),
        ('when the last epoch trained is the best one, returns params itself instead of copies', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_epoch, best_params, bad = None, 0, None, 0
    e = 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if best_loss is None or loss < best_loss:
            best_loss, best_epoch, bad = loss, e, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            bad += 1
            if bad >= patience:
                break
    if best_epoch == e:  # the current weights are the best: no need for the copies
        best_params = params
    return best_params, best_epoch, e
'''),
    ],
    'shift_images': [
        ('uses the image width for both row and column slices (wrong for non-square images)', '''
def shift_images(images, dy, dx):
    n = images.shape[-1]
    out = np.zeros(images.shape, dtype=float)
    rs, rd = (slice(0, n - dy), slice(dy, n)) if dy >= 0 else (slice(-dy, n), slice(0, n + dy))
    cs, cd = (slice(0, n - dx), slice(dx, n)) if dx >= 0 else (slice(-dx, n), slice(0, n + dx))
    out[:, rd, cd] = images[:, rs, cs]
    return out
'''),
        ('shifts only the first image of the batch', '''
def shift_images(images, dy, dx):
    img = images[0]
    H, W = img.shape
    out = np.zeros((H, W))
    out[max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        img[max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)]
    return out[None]
'''),
        ('np.roll then zero only one row/column of border whatever |dy|, |dx|', '''
def shift_images(images, dy, dx):
    out = np.roll(np.asarray(images, dtype=float), (dy, dx), axis=(1, 2))
    if dy > 0:
        out[:, :dy] = 0
    elif dy < 0:
        out[:, -1] = 0
    if dx > 0:
        out[:, :, :dx] = 0
    elif dx < 0:
        out[:, :, dx:] = 0
    return out
'''),
        ('keeps float32 images as float32 but returns float16 for integer images', '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    dt = images.dtype if images.dtype.kind == "f" else np.float16
    N, H, W = images.shape
    out = np.zeros((N, H, W), dtype=dt)
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        images[:, max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)]
    return out
'''),
    ],
    'smooth_labels': [
        ('forgets the s/K share of the true class (true class gets 1 - s)', '''
def smooth_labels(y, K, smoothing):
    t = np.full((len(y), K), smoothing / K)
    t[np.arange(len(y)), y] = 1 - smoothing
    return t
'''),
        ('spreads s over the other classes only, s/(K-1)', '''
def smooth_labels(y, K, smoothing):
    t = np.full((len(y), K), smoothing / (K - 1))
    t[np.arange(len(y)), y] = 1 - smoothing
    return t
'''),
        ('returns an integer one-hot array when smoothing is 0', '''
def smooth_labels(y, K, smoothing):
    onehot = np.eye(K, dtype=int)[y]
    if smoothing == 0:
        return onehot
    return (1 - smoothing) * onehot + smoothing / K
'''),
    ],
    'label_smoothing_loss': [
        ('shifts each row by its mean instead of its max (overflows for logits of +-1000 in one row)', '''
def label_smoothing_loss(logits, y, smoothing):
    z = np.asarray(logits, dtype=float)
    z = z - z.mean(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    t = smooth_labels(y, z.shape[1], smoothing)
    return float(-(t * logp).sum(axis=1).mean())
'''),
        ("number of classes from the labels (y.max() + 1) instead of the logits' width", '''
def label_smoothing_loss(logits, y, smoothing):
    z = np.asarray(logits, dtype=float)
    K = max(int(np.max(y)) + 1, 2)
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    t = (1 - smoothing) * np.eye(z.shape[1])[y] + smoothing / K
    return float(-(t * logp).sum(axis=1).mean())
'''),
    ],
    'batchnorm_forward': [
        ("ignores the momentum argument (hard-codes torch's default 0.1)", '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if train:
        N = x.shape[0]
        if N < 2:
            raise ValueError("Expected more than 1 value per channel when training")
        mu, var = x.mean(axis=0), x.var(axis=0)
        out = gamma * (x - mu) / np.sqrt(var + eps) + beta
        rm = 0.9 * running_mean + 0.1 * mu
        rv = 0.9 * running_var + 0.1 * var * N / (N - 1)
        return out, rm, rv
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
'''),
        ('ignores the eps argument (hard-codes 1e-5)', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if train:
        N = x.shape[0]
        if N < 2:
            raise ValueError("Expected more than 1 value per channel when training")
        mu, var = x.mean(axis=0), x.var(axis=0)
        out = gamma * (x - mu) / np.sqrt(var + 1e-5) + beta
        rm = (1 - momentum) * running_mean + momentum * mu
        rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
        return out, rm, rv
    out = gamma * (x - running_mean) / np.sqrt(running_var + 1e-5) + beta
    return out, np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
'''),
        ('raises ValueError for N = 1 in evaluation mode too', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if N < 2:
        raise ValueError("Expected more than 1 value per channel when training")
    if train:
        mu, var = x.mean(axis=0), x.var(axis=0)
        out = gamma * (x - mu) / np.sqrt(var + eps) + beta
        rm = (1 - momentum) * running_mean + momentum * mu
        rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
        return out, rm, rv
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
'''),
        ('puts eps outside the square root (divides by sqrt(var) + eps)', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if train:
        N = x.shape[0]
        if N < 2:
            raise ValueError("Expected more than 1 value per channel when training")
        mu, var = x.mean(axis=0), x.var(axis=0)
        out = gamma * (x - mu) / (np.sqrt(var) + eps) + beta
        rm = (1 - momentum) * running_mean + momentum * mu
        rv = (1 - momentum) * running_var + momentum * var * N / (N - 1)
        return out, rm, rv
    out = gamma * (x - running_mean) / (np.sqrt(running_var) + eps) + beta
    return out, np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
'''),
    ],
    'batchnorm_backward': [
        ('ignores the eps argument (hard-codes 1e-5)', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    mu, var = x.mean(axis=0), x.var(axis=0)
    sigma = np.sqrt(var + 1e-5)
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
        ('normalizes with np.std (no eps) for x_hat but sqrt(var + eps) for sigma', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    mu = x.mean(axis=0)
    x_hat = (x - mu) / x.std(axis=0)
    sigma = np.sqrt(x.var(axis=0) + eps)
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
        ('puts eps outside the square root', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    mu, var = x.mean(axis=0), x.var(axis=0)
    sigma = np.sqrt(var) + eps
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
    ],
}


RIGHT = {
    'bias_variance': [
        ('np.var over axis 0, then means', '''
def bias_variance(preds, f_true):
    preds = np.asarray(preds, dtype=np.float64)
    f_bar = preds.mean(axis=0)
    return float(np.mean((f_bar - np.asarray(f_true, dtype=np.float64)) ** 2)), float(np.var(preds, axis=0).mean())
'''),
        ('torch throughout, two 0-d float64 tensors (the catalogue already accepts an array of the two numbers)', '''
def bias_variance(preds, f_true):
    p = torch.as_tensor(preds, dtype=torch.float64)
    f = torch.as_tensor(f_true, dtype=torch.float64)
    f_bar = p.mean(dim=0)
    return ((f_bar - f) ** 2).mean(), ((p - f_bar) ** 2).mean()
'''),
    ],
    'sgd_weight_decay_step': [
        ('multiplicative decay form', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = (1.0 - lr * alpha) * np.asarray(W, dtype=float) - lr * np.asarray(dW, dtype=float)
    b_new = np.asarray(b, dtype=float) - lr * np.asarray(db, dtype=float)
    return W_new, b_new
'''),
    ],
    'elastic_net': [
        ('np.sign with flattened sums', '''
def elastic_net(W, l1, l2):
    W = np.asarray(W, dtype=np.float64)
    flat = W.ravel()
    penalty = l1 * np.sum(np.abs(flat)) + 0.5 * l2 * np.dot(flat, flat)
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
    ],
    'max_norm': [
        ('loop over columns', '''
def max_norm(W, c):
    out = np.array(W, dtype=np.float64)
    for j in range(out.shape[1]):
        n = np.sqrt(np.sum(out[:, j] ** 2))
        if n > c:
            out[:, j] = out[:, j] * (c / n)
    return out
'''),
        ("rescales norms >= c by c / (norm + 1e-6): within tolerance, as torch.renorm's own constant", '''
def max_norm(W, c):
    W = np.array(W, dtype=float)
    norms = np.linalg.norm(W, axis=0)
    big = norms >= c
    W[:, big] *= c / (norms[big] + 1e-6)
    return W
'''),
    ],
    'dropout': [
        ('rng.uniform draws the same numbers; np.where', '''
def dropout_forward(x, p, train, rng):
    x = np.asarray(x)
    if not train:
        return np.array(x, copy=True), (np.ones(x.shape, dtype=bool), 1.0)
    u = rng.uniform(0.0, 1.0, size=x.shape)
    keep = u >= p
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return np.where(keep, x * scale, 0.0 * x), (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return np.where(keep, dout * scale, 0.0 * dout)
'''),
        ('backward multiplies dout in place (the prompt does not forbid it)', '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    dout *= keep
    dout *= scale
    return dout
'''),
    ],
    'early_stopping_fit': [
        ('deepcopy and a while loop', '''
import copy


def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best = None
    best_params, best_epoch, since, epoch = None, 0, 0, 0
    while epoch < max_epochs and (best is None or since < patience):
        epoch += 1
        step(params)
        loss = val_loss(params)
        if best is None or loss < best:
            best, best_epoch, since = loss, epoch, 0
            best_params = copy.deepcopy(params)
        else:
            since += 1
    return best_params, best_epoch, epoch
'''),
        ('also writes the best weights back into params (the prompt does not forbid it)', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_epoch, best_params, bad = None, 0, None, 0
    e = 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if best_loss is None or loss < best_loss:
            best_loss, best_epoch, bad = loss, e, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            bad += 1
            if bad >= patience:
                break
    for k in params:
        params[k][...] = best_params[k]
    return best_params, best_epoch, e
'''),
    ],
    'shift_images': [
        ('loop over destination pixels', '''
def shift_images(images, dy, dx):
    N, H, W = images.shape
    out = np.zeros((N, H, W), dtype=np.float64)
    for i in range(H):
        for j in range(W):
            si, sj = i - dy, j - dx
            if 0 <= si < H and 0 <= sj < W:
                out[:, i, j] = images[:, si, sj]
    return out
'''),
    ],
    'smooth_labels': [
        ('np.where on a class grid', '''
def smooth_labels(y, K, smoothing):
    y = np.asarray(y)
    return np.where(np.arange(K)[None, :] == y[:, None], 1 - smoothing + smoothing / K, smoothing / K).astype(np.float64)
'''),
    ],
    'label_smoothing_loss': [
        ('(1 - s) * nll + s * mean(-logp) with a row-wise log-sum-exp', '''
def label_smoothing_loss(logits, y, smoothing):
    z = np.asarray(logits, dtype=np.float64)
    m = z.max(axis=1, keepdims=True)
    logp = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    y = np.asarray(y)
    nll = -logp[np.arange(len(y)), y]
    uniform = -logp.mean(axis=1)
    return float(np.mean((1 - smoothing) * nll + smoothing * uniform))
'''),
        ("shifts the caller's logits in place (the prompt does not forbid it)", '''
def label_smoothing_loss(logits, y, smoothing):
    logits -= logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    t = smooth_labels(y, logits.shape[1], smoothing)
    return float(-(t * logp).sum(axis=1).mean())
'''),
        ("torch's cross_entropy in float32 (within about 1e-7 of the float64 loss)", '''
def label_smoothing_loss(logits, y, smoothing):
    z = torch.tensor(np.asarray(logits), dtype=torch.float32)
    return float(torch.nn.functional.cross_entropy(z, torch.as_tensor(np.asarray(y), dtype=torch.long),
                                                   label_smoothing=smoothing))
'''),
    ],
    'batchnorm_forward': [
        ('explicit sums over the batch', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    N = x.shape[0]
    if train:
        if N == 1:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.sum(axis=0) / N
        ss = ((x - mu) ** 2).sum(axis=0)
        out = gamma * (x - mu) / np.sqrt(ss / N + eps) + beta
        return (out, (1 - momentum) * np.asarray(running_mean, float) + momentum * mu,
                (1 - momentum) * np.asarray(running_var, float) + momentum * ss / (N - 1))
    out = gamma * (x - running_mean) / np.sqrt(np.asarray(running_var, float) + eps) + beta
    return out, np.array(running_mean, dtype=np.float64), np.array(running_var, dtype=np.float64)
'''),
    ],
    'batchnorm_backward': [
        ('step-by-step chain rule through mu and var', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    N = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc ** 2).mean(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dxhat = dout * gamma
    dvar = (dxhat * xc).sum(axis=0) * -0.5 * inv ** 3
    dmu = -(dxhat * inv).sum(axis=0) + dvar * (-2.0 * xc).mean(axis=0)
    dx = dxhat * inv + dvar * 2.0 * xc / N + dmu / N
    return dx, dgamma, dbeta
'''),
    ],
}
