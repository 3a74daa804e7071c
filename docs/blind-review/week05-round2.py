"""Blind review, round 2, week05 (regularization): candidates written from the student release
alone (phase 1: 41 wrong, 11 correct; 17 wrong ones earned every point). Phase 2 added hidden
cases for 11 of them and moved 6 to RIGHT (each says why); no candidate was added or changed."""

WRONG = {
    'bias_variance': [
        ('returns the root-mean-square bias (the square root of bias2), as the visible case has |bias| = 1', '''
def bias_variance(preds, f_true):
    f_bar = preds.mean(axis=0)
    bias = np.sqrt(np.mean((f_bar - f_true) ** 2))
    variance = np.mean((preds - f_bar) ** 2)
    return float(bias), float(variance)
'''),
        ('unpacks the shape as P, R (swapped): divides by the wrong count when R != P', '''
def bias_variance(preds, f_true):
    P, R = preds.shape
    f_bar = preds.sum(axis=0) / R
    bias2 = np.sum((f_bar - f_true) ** 2) / P
    variance = np.sum((preds - f_bar) ** 2) / (R * P)
    return float(bias2), float(variance)
'''),
    ],
    'sgd_weight_decay_step': [
        ('decays the already-updated weights: (1 - lr*alpha) * (W - lr*dW)', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = W - lr * dW
    W_new = W_new - lr * alpha * W_new
    return W_new, b - lr * db
'''),
        ("adds the decay to dW in place (changes the caller's gradient array)", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    dW += alpha * W
    return W - lr * dW, b - lr * db
'''),
        ('uses torch.optim.SGD and returns torch tensors, not numpy arrays', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    Wt = torch.tensor(W, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([{"params": [Wt], "weight_decay": alpha},
                           {"params": [bt], "weight_decay": 0.0}], lr=lr)
    Wt.grad = torch.tensor(dW, dtype=torch.float64)
    bt.grad = torch.tensor(db, dtype=torch.float64)
    opt.step()
    return Wt.detach(), bt.detach()
'''),
        ("decay with alpha / 2 (reads the penalty's 1/2 into the gradient)", '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    return W - lr * dW - lr * (alpha / 2) * W, b - lr * db
'''),
    ],
    'elastic_net': [
        ('dW built with np.zeros_like(W): integer weights give a truncated integer gradient', '''
def elastic_net(W, l1, l2):
    dW = np.zeros_like(W)
    dW[...] = l1 * np.sign(W) + l2 * W
    penalty = l1 * np.sum(np.abs(W)) + l2 / 2 * np.sum(W ** 2)
    return float(penalty), dW
'''),
        ('treats |w| < 1e-8 as zero (sign 0 for tiny nonzero weights)', '''
def elastic_net(W, l1, l2):
    sign = np.where(np.abs(W) < 1e-8, 0.0, np.sign(W))
    penalty = l1 * np.sum(np.abs(W)) + l2 / 2 * np.sum(W ** 2)
    return float(penalty), l1 * sign + l2 * W
'''),
        ("uses np.linalg.norm(W, 'fro'): fails for 1-D or 3-D weights ('any shape')", '''
def elastic_net(W, l1, l2):
    penalty = l1 * np.abs(W).sum() + l2 / 2 * np.linalg.norm(W, "fro") ** 2
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
        ('L1 part with np.linalg.norm(W, 1): the largest column sum for a matrix, not the sum of all |w|', '''
def elastic_net(W, l1, l2):
    penalty = l1 * np.linalg.norm(W, 1) + l2 / 2 * np.sum(W ** 2)
    return float(penalty), l1 * np.sign(W) + l2 * W
'''),
    ],
    'max_norm': [
        ('returns W itself (not a new array) when no column is too long', '''
def max_norm(W, c):
    norms = np.linalg.norm(W, axis=0)
    if np.all(norms <= c):
        return W
    return W * (c / np.maximum(norms, c))
'''),
        ('compares the squared norm with c (not c**2)', '''
def max_norm(W, c):
    sq = np.sum(W ** 2, axis=0)
    out = np.array(W, dtype=float)
    big = sq > c
    out[:, big] = out[:, big] * c / np.sqrt(sq[big])
    return out
'''),
    ],
    'dropout': [
        ('evaluation mode caches a float mask np.ones_like(x), not a boolean one', '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones_like(x), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p == 1 else 1 / (1 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ("evaluation mode caches the scalar True, not a mask of x's shape", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (True, 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p == 1 else 1 / (1 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
        ('training with p = 0 returns x itself (draws, but no new array)', '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    if p == 0:
        return x, (keep, 1.0)
    scale = 0.0 if p == 1 else 1 / (1 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return dout * keep * scale
'''),
    ],
    'early_stopping_fit': [
        ('starts the best loss at np.inf: a first loss of inf (or nan) is never an improvement', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_params, best_epoch = np.inf, None, 0
    wait, epochs_run = 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = epoch
        if loss < best_loss:
            best_loss, best_epoch, wait = loss, epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    return best_params, best_epoch, epochs_run
'''),
        ('treats np.isclose(loss, best) as a tie: a tiny strict improvement is ignored', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_params, best_epoch = None, None, 0
    wait, epochs_run = 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = epoch
        if best_loss is None or (loss < best_loss and not np.isclose(loss, best_loss)):
            best_loss, best_epoch, wait = loss, epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    return best_params, best_epoch, epochs_run
'''),
        ('sentinel best loss 1e10: a run whose losses all exceed it never improves', '''
def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_params, best_epoch = 1e10, {}, 0
    wait, epochs_run = 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        epochs_run = epoch
        if loss < best_loss:
            best_loss, best_epoch, wait = loss, epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            wait += 1
            if wait >= patience:
                break
    return best_params, best_epoch, epochs_run
'''),
    ],
    'shift_images': [
        ('uses H for the width too (right for square images only)', '''
def shift_images(images, dy, dx):
    N, H, W = images.shape
    out = np.zeros(images.shape)
    y0, y1 = max(dy, 0), H + min(dy, 0)
    x0, x1 = max(dx, 0), H + min(dx, 0)
    out[:, y0:y1, x0:x1] = images[:, y0 - dy:y1 - dy, x0 - dx:x1 - dx]
    return out
'''),
        ('np.roll, then zeroes only one row/column on the negative side (right for shifts of -1 only)', '''
def shift_images(images, dy, dx):
    out = np.roll(images.astype(float), (dy, dx), axis=(1, 2))
    if dy > 0:
        out[:, :dy, :] = 0
    elif dy < 0:
        out[:, -1, :] = 0
    if dx > 0:
        out[:, :, :dx] = 0
    elif dx < 0:
        out[:, :, -1] = 0
    return out
'''),
        ('shifts only the first image of the batch (right for a batch of one)', '''
def shift_images(images, dy, dx):
    img = images[0]
    H, W = img.shape
    out = np.zeros((1, H, W))
    for i in range(H):
        for j in range(W):
            if 0 <= i + dy < H and 0 <= j + dx < W:
                out[0, i + dy, j + dx] = img[i, j]
    return out
'''),
    ],
    'smooth_labels': [
        ('returns a float32 torch tensor (F.one_hot) instead of a numpy array', '''
def smooth_labels(y, K, smoothing):
    onehot = torch.nn.functional.one_hot(torch.as_tensor(y), K).float()
    return (1 - smoothing) * onehot + smoothing / K
'''),
        ('takes K from the labels (y.max() + 1), ignoring the argument K', '''
def smooth_labels(y, K, smoothing):
    y = np.asarray(y)
    K_seen = int(y.max()) + 1
    onehot = np.eye(max(K_seen, 1))[y]
    return (1 - smoothing) * onehot + smoothing / K
'''),
        ('gives the true class 1 - s (forgets its share s / K)', '''
def smooth_labels(y, K, smoothing):
    t = np.full((len(y), K), smoothing / K)
    t[np.arange(len(y)), y] = 1 - smoothing
    return t
'''),
    ],
    'label_smoothing_loss': [
        ("returns torch's loss as a 0-d tensor, not a float", '''
def label_smoothing_loss(logits, y, smoothing):
    return torch.nn.functional.cross_entropy(torch.as_tensor(logits, dtype=torch.float64),
                                             torch.as_tensor(y, dtype=torch.long),
                                             label_smoothing=smoothing)
'''),
        ('smoothing spread over the K - 1 other classes (s / (K - 1)), true class 1 - s', '''
def label_smoothing_loss(logits, y, smoothing):
    N, K = logits.shape
    m = logits.max(axis=1, keepdims=True)
    logp = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    t = np.full((N, K), smoothing / (K - 1))
    t[np.arange(N), y] = 1 - smoothing
    return float(-(t * logp).sum(axis=1).mean())
'''),
    ],
    'batchnorm_forward': [
        ('eps added outside the square root: / (sqrt(var) + eps)', '''
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
        ('hard-codes eps = 1e-5 and momentum = 0.1 (ignores the arguments)', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    if train:
        N = x.shape[0]
        if N == 1:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(var + 1e-5)
        new_rm = 0.9 * running_mean + 0.1 * mu
        new_rv = 0.9 * running_var + 0.1 * var * N / (N - 1)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + 1e-5)
        new_rm, new_rv = running_mean.copy(), running_var.copy()
    return gamma * x_hat + beta, new_rm, new_rv
'''),
        ('raises the N = 1 ValueError in evaluation mode too', '''
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
        ('ignores the momentum argument only (hard-codes 0.1)', '''
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
        ('raises a ValueError with an empty message', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    if train:
        N = x.shape[0]
        if N == 1:
            raise ValueError
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
    ],
    'batchnorm_backward': [
        ('hard-codes eps = 1e-5 (ignores the eps argument)', '''
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
        ('sigma = np.std(x) (no eps at all)', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    sigma = x.std(axis=0)
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
        ('eps outside the square root: sigma = sqrt(var) + eps', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0)) + eps
    x_hat = (x - mu) / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
'''),
        ('N taken as x.shape[1] (the number of features)', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[1]
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0) + eps)
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
        ('loops over the points, np.var per column (ddof 0)', '''
def bias_variance(preds, f_true):
    preds = np.asarray(preds, dtype=float)
    R, P = preds.shape
    b2, v = 0.0, 0.0
    for p in range(P):
        col = preds[:, p]
        b2 += (col.mean() - f_true[p]) ** 2
        v += np.var(col)
    return float(b2 / P), float(v / P)
'''),
        ("variance by the shortcut E[x^2] - E[x]^2 (cancels catastrophically for large predictions) (reclassified in phase 2: the prompt asks for no numerical stability here, and the catalogue's correct 'MSE minus bias2' cancels the same way)", '''
def bias_variance(preds, f_true):
    f_bar = preds.mean(axis=0)
    bias2 = np.mean((f_bar - f_true) ** 2)
    variance = np.mean(np.mean(preds ** 2, axis=0) - f_bar ** 2)
    return float(bias2), float(variance)
'''),
        ('returns a numpy array of two numbers instead of a tuple of two floats (reclassified in phase 2: the grader compares numbers, not containers, and each entry is a float)', '''
def bias_variance(preds, f_true):
    f_bar = preds.mean(axis=0)
    return np.array([np.mean((f_bar - f_true) ** 2), np.mean(np.var(preds, axis=0))])
'''),
    ],
    'sgd_weight_decay_step': [
        ('shrink factor form (1 - lr*alpha) * W - lr * dW', '''
def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    W_new = (1.0 - lr * alpha) * np.asarray(W, dtype=float) - lr * np.asarray(dW, dtype=float)
    b_new = np.asarray(b, dtype=float) - lr * np.asarray(db, dtype=float)
    return W_new, b_new
'''),
    ],
    'elastic_net': [
        ('torch autograd on a float64 copy', '''
def elastic_net(W, l1, l2):
    Wt = torch.tensor(np.asarray(W, dtype=np.float64), requires_grad=True)
    pen = l1 * Wt.abs().sum() + l2 / 2 * (Wt ** 2).sum()
    pen.backward()
    return float(pen.item()), Wt.grad.numpy().copy()
'''),
    ],
    'max_norm': [
        ('divide by max(norm / c, 1) per column', '''
def max_norm(W, c):
    W = np.array(W, dtype=float)
    norms = np.sqrt((W ** 2).sum(axis=0))
    return W / np.maximum(norms / c, 1.0)
'''),
        ('adds 1e-8 to the norm before dividing (wrong for tiny norms and small c) (reclassified in phase 2: torch.renorm, which the prompt calls the same constraint, adds 1e-7 itself)', '''
def max_norm(W, c):
    norms = np.linalg.norm(W, axis=0, keepdims=True)
    return W * np.minimum(1.0, c / (norms + 1e-8))
'''),
    ],
    'dropout': [
        ('rng.random(x.size) reshaped (the same numbers), np.where', '''
def dropout_forward(x, p, train, rng):
    x = np.asarray(x)
    if not train:
        return np.array(x, copy=True), (np.full(x.shape, True), 1.0)
    u = rng.random(x.size).reshape(x.shape)
    keep = u >= p
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    return np.where(keep, x * scale, 0.0), (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    return np.where(keep, dout * scale, 0.0)
'''),
        ("backward multiplies dout in place and returns it (changes the caller's dout) (reclassified in phase 2: the prompt does not forbid changing dout)", '''
def dropout_forward(x, p, train, rng):
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)
    keep = rng.random(x.shape) >= p
    scale = 0.0 if p == 1 else 1 / (1 - p)
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    keep, scale = cache
    dout *= keep * scale
    return dout
'''),
    ],
    'early_stopping_fit': [
        ('copy.deepcopy, stops when epoch - best_epoch reaches patience', '''
import copy


def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    best_loss, best_epoch, best_params = None, 0, None
    e = 0
    for e in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if best_epoch == 0 or loss < best_loss:
            best_loss, best_epoch = loss, e
            best_params = copy.deepcopy(params)
        if e - best_epoch >= patience:
            break
    return best_params, best_epoch, e
'''),
    ],
    'shift_images': [
        ('pad with zeros, then crop', '''
def shift_images(images, dy, dx):
    N, H, W = images.shape
    padded = np.pad(np.asarray(images, dtype=float), ((0, 0), (H, H), (W, W)))
    return padded[:, H - dy:2 * H - dy, W - dx:2 * W - dx].copy()
'''),
    ],
    'smooth_labels': [
        ('np.full then += on the true class', '''
def smooth_labels(y, K, smoothing):
    y = np.asarray(y)
    t = np.full((len(y), K), smoothing / K)
    t[np.arange(len(y)), y] += 1.0 - smoothing
    return t
'''),
    ],
    'label_smoothing_loss': [
        ('(1 - s) * NLL + s * mean over classes of -log p', '''
def label_smoothing_loss(logits, y, smoothing):
    z = np.asarray(logits, dtype=float)
    m = z.max(axis=1, keepdims=True)
    logp = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    nll = -logp[np.arange(len(y)), y]
    uniform = -logp.mean(axis=1)
    return float(np.mean((1 - smoothing) * nll + smoothing * uniform))
'''),
        ('calls smooth_labels, which the prompt says not to (reclassified in phase 2: the prompt now allows it (the ban was not graded: with a right smooth_labels the loss is right))', '''
def label_smoothing_loss(logits, y, smoothing):
    t = smooth_labels(y, logits.shape[1], smoothing)
    m = logits.max(axis=1, keepdims=True)
    logp = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return float(-(t * logp).sum(axis=1).mean())
'''),
        ("subtracts the row maximum from logits in place (changes the caller's logits) (reclassified in phase 2: the prompt does not forbid changing logits, and the loss does not change)", '''
def label_smoothing_loss(logits, y, smoothing):
    N, K = logits.shape
    logits -= logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    t = np.full((N, K), smoothing / K)
    t[np.arange(N), y] += 1 - smoothing
    return float(-(t * logp).sum(axis=1).mean())
'''),
    ],
    'batchnorm_forward': [
        ('torch.nn.functional.batch_norm on float64 copies', '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    x = np.asarray(x, dtype=float)
    if train and x.shape[0] == 1:
        raise ValueError("Expected more than 1 value per channel when training")
    rm = torch.tensor(np.array(running_mean, dtype=float))
    rv = torch.tensor(np.array(running_var, dtype=float))
    out = torch.nn.functional.batch_norm(torch.tensor(x), rm, rv,
                                         torch.tensor(np.asarray(gamma, dtype=float)),
                                         torch.tensor(np.asarray(beta, dtype=float)),
                                         training=bool(train), momentum=momentum, eps=eps)
    return out.numpy(), rm.numpy(), rv.numpy()
'''),
    ],
    'batchnorm_backward': [
        ('staged chain rule through mu and var', '''
def batchnorm_backward(dout, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc ** 2).mean(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    dvar = np.sum(dx_hat * xc, axis=0) * -0.5 * inv ** 3
    dmu = -np.sum(dx_hat * inv, axis=0) + dvar * np.mean(-2.0 * xc, axis=0)
    dx = dx_hat * inv + dvar * 2.0 * xc / N + dmu / N
    return dx, dgamma, dbeta
'''),
    ],
}
