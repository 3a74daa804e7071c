"""Known-wrong and other correct variants of week05's exercises (regularization).

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace (a dict replaces the names it lists, for the dropout cell, which defines
two functions) and checks that the hidden tests reject every WRONG variant and that every
RIGHT variant passes every test cell, visible checks included.
"""

from __future__ import annotations

import copy

import numpy as np
import torch

from autograder.mistakes import quiet
from autograder.references import week05 as ref


# ---------------------------------------------------------------------------- bias_variance
def bv_ddof1(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    return (float(np.mean((preds.mean(0) - f_true) ** 2)),
            float(np.mean(preds.var(axis=0, ddof=1))))


def bv_std(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    return float(np.mean((preds.mean(0) - f_true) ** 2)), float(np.mean(preds.std(axis=0)))


def bv_square_of_mean(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    return float(np.mean(preds.mean(0) - f_true) ** 2), float(np.mean(preds.var(axis=0)))


def bv_wrong_axis(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    return float(np.mean((preds.mean(0) - f_true) ** 2)), float(np.mean(preds.var(axis=1)))


def bv_loops(preds, f_true):
    R, P = len(preds), len(preds[0])
    bias2 = variance = 0.0
    for p in range(P):
        column = [float(preds[r][p]) for r in range(R)]
        avg = sum(column) / R
        bias2 += (avg - float(f_true[p])) ** 2 / P
        variance += sum((v - avg) ** 2 for v in column) / R / P
    return bias2, variance


def bv_mse_minus_bias(preds, f_true):
    """E[(f_hat - f)^2] = bias^2 + variance, so variance = mean squared error - bias^2."""
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    bias2 = float(np.mean((preds.mean(axis=0) - f_true) ** 2))
    return bias2, float(np.mean((preds - f_true) ** 2)) - bias2


# -------------------------------------------------------------------- sgd_weight_decay_step
def wd_decays_bias(W, b, dW, db, lr, alpha):
    W, b = np.asarray(W, float), np.asarray(b, float)
    return W - lr * dW - lr * alpha * W, b - lr * db - lr * alpha * b


def wd_half_alpha(W, b, dW, db, lr, alpha):
    W, b = np.asarray(W, float), np.asarray(b, float)
    return W - lr * dW - lr * alpha / 2 * W, b - lr * db


def wd_after_step(W, b, dW, db, lr, alpha):
    W, b = np.asarray(W, float), np.asarray(b, float)
    return (W - lr * dW) * (1 - lr * alpha), b - lr * db


def wd_in_place(W, b, dW, db, lr, alpha):
    W -= lr * np.asarray(dW) + lr * alpha * W
    b -= lr * np.asarray(db)
    return W, b


def wd_plus_sign(W, b, dW, db, lr, alpha):
    W, b = np.asarray(W, float), np.asarray(b, float)
    return W - lr * dW + lr * alpha * W, b - lr * db


def wd_shrink_first(W, b, dW, db, lr, alpha):
    W, b = np.asarray(W, float), np.asarray(b, float)
    return (1 - lr * alpha) * W - lr * np.asarray(dW, float), b - lr * np.asarray(db, float)


def wd_torch(W, b, dW, db, lr, alpha):
    Wt = torch.tensor(np.asarray(W, float), requires_grad=True)
    bt = torch.tensor(np.asarray(b, float), requires_grad=True)
    opt = torch.optim.SGD([{"params": [Wt], "weight_decay": alpha},
                           {"params": [bt], "weight_decay": 0.0}], lr=lr)
    Wt.grad = torch.tensor(np.asarray(dW, float))
    bt.grad = torch.tensor(np.asarray(db, float))
    opt.step()
    return Wt.detach().numpy(), bt.detach().numpy()


# ------------------------------------------------------------------------------ elastic_net
def en_sign_zero_one(W, l1, l2):
    W = np.asarray(W, float)
    return (float(l1 * np.abs(W).sum() + 0.5 * l2 * (W ** 2).sum()),
            l1 * np.where(W >= 0, 1.0, -1.0) + l2 * W)


def en_no_half(W, l1, l2):
    W = np.asarray(W, float)
    return float(l1 * np.abs(W).sum() + l2 * (W ** 2).sum()), l1 * np.sign(W) + l2 * W


def en_mean(W, l1, l2):
    W = np.asarray(W, float)
    return (float(l1 * np.abs(W).mean() + 0.5 * l2 * (W ** 2).mean()),
            (l1 * np.sign(W) + l2 * W) / W.size)


@quiet
def en_w_over_abs(W, l1, l2):
    W = np.asarray(W, float)
    return float(l1 * np.abs(W).sum() + 0.5 * l2 * (W ** 2).sum()), l1 * W / np.abs(W) + l2 * W


def en_autograd(W, l1, l2):
    Wt = torch.tensor(np.asarray(W, float), requires_grad=True)
    penalty = l1 * Wt.abs().sum() + 0.5 * l2 * (Wt ** 2).sum()
    penalty.backward()
    return penalty.item(), Wt.grad.numpy()


# --------------------------------------------------------------------------------- max_norm
def mn_rows(W, c):
    W = np.asarray(W, float)
    norms = np.linalg.norm(W, axis=1, keepdims=True)
    return W * (c / np.maximum(norms, c))


def mn_frobenius(W, c):
    W = np.asarray(W, float)
    return W * (c / max(np.linalg.norm(W), c))


@quiet
def mn_always(W, c):
    W = np.asarray(W, float)
    norms = np.linalg.norm(W, axis=0, keepdims=True)
    return np.nan_to_num(W * c / norms)


def mn_loop(W, c):
    W = np.array(W, dtype=float)
    for j in range(W.shape[1]):
        norm = np.sqrt(np.sum(W[:, j] ** 2))
        if norm > c:
            W[:, j] *= c / norm
    return W


def mn_renorm(W, c):
    return torch.renorm(torch.tensor(np.asarray(W, float)), p=2, dim=1, maxnorm=c).numpy()


# ---------------------------------------------------------------------------------- dropout
def _drop_fwd(x, p, train, rng, *, keep_below=False, eval_scale=False, draw_in_eval=False):
    x = np.asarray(x, float)
    if not train:
        if draw_in_eval:
            rng.random(x.shape)
        return (x * (1 - p) if eval_scale else x.copy()), (np.ones(x.shape, bool), 1.0)
    u = rng.random(x.shape)
    keep = u < (1 - p) if keep_below else u >= p
    scale = 1.0 if eval_scale else 1.0 / (1.0 - p)
    return x * keep * scale, (keep, scale)


def _dropout(**kw):
    return {"dropout_forward": lambda x, p, train, rng: _drop_fwd(x, p, train, rng, **kw),
            "dropout_backward": ref.dropout_backward}


def drop_bwd_no_scale(dout, cache):
    keep, _ = cache
    return np.asarray(dout, float) * keep


@quiet  # divides by a scale of 0.0 in the p = 1 case
def drop_bwd_inverse_scale(dout, cache):
    keep, scale = cache
    return np.asarray(dout, float) * keep / scale


def drop_fwd_where(x, p, train, rng):
    x = np.asarray(x, dtype=np.float64)
    if train:
        keep = rng.uniform(size=x.shape) >= p  # the same numbers as rng.random(x.shape)
        scale = 0.0 if p == 1 else 1 / (1 - p)  # p = 1: nothing is kept
        return np.where(keep, x * scale, 0.0), (keep, scale)
    return np.array(x), (np.full(x.shape, True), 1.0)


def drop_bwd_where(dout, cache):
    keep, scale = cache
    return np.where(keep, np.asarray(dout, float) * scale, 0.0)


# ----------------------------------------------------------------------- early_stopping_fit
def es_no_copy(params, step, val_loss, max_epochs, patience):
    best, best_params, best_epoch, waited = np.inf, None, 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if epoch == 1 or loss < best:
            best, best_epoch, waited, best_params = loss, epoch, 0, dict(params)
        else:
            waited += 1
            if waited >= patience:
                return best_params, best_epoch, epoch
    return best_params, best_epoch, max_epochs


def _es(params, step, val_loss, max_epochs, patience, *, ties=False, extra=0, last=False):
    best, best_params, best_epoch, waited = np.inf, None, 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if epoch == 1 or loss < best or (ties and loss == best):
            best, best_epoch, waited = loss, epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            waited += 1
            if waited >= patience + extra:
                break
    else:
        epoch = max_epochs
    if last:
        return {k: v.copy() for k, v in params.items()}, best_epoch, epoch
    return best_params, best_epoch, epoch


def es_deepcopy_while(params, step, val_loss, max_epochs, patience):
    history, snapshots = [], []
    while len(history) < max_epochs:
        step(params)
        history.append(val_loss(params))
        snapshots.append(copy.deepcopy(params))
        best_epoch = int(np.argmin(history)) + 1  # argmin: the first of equal values
        if len(history) - best_epoch >= patience:
            break
    return snapshots[best_epoch - 1], best_epoch, len(history)


# ----------------------------------------------------------------------------- shift_images
def sh_roll(images, dy, dx):
    return np.roll(np.asarray(images, float), (dy, dx), axis=(1, 2))


def sh_swapped(images, dy, dx):
    return ref.shift_images(images, dx, dy)


def sh_opposite(images, dy, dx):
    return ref.shift_images(images, -dy, -dx)


def sh_loop(images, dy, dx):
    images = np.asarray(images, float)
    out = np.zeros(images.shape)
    _, H, W = images.shape
    for i in range(H):
        for j in range(W):
            if 0 <= i - dy < H and 0 <= j - dx < W:
                out[:, i, j] = images[:, i - dy, j - dx]
    return out


def sh_scipy(images, dy, dx):
    from scipy import ndimage

    return ndimage.shift(np.asarray(images, float), (0, dy, dx), order=0, mode="constant",
                         cval=0.0)


# ---------------------------------------------------------------------------- smooth_labels
def sl_k_minus_1(y, K, eps):
    t = np.full((len(y), K), eps / (K - 1))
    t[np.arange(len(y)), y] = 1 - eps
    return t


def sl_notes(y, K, eps):
    t = np.full((len(y), K), eps / K)
    t[np.arange(len(y)), y] = 1 - eps
    return t


def sl_no_shrink(y, K, eps):
    return np.eye(K)[np.asarray(y)] + eps / K


def sl_loop(y, K, eps):
    return np.array([[1 - eps + eps / K if k == label else eps / K for k in range(K)]
                     for label in y])


# --------------------------------------------------------------------- label_smoothing_loss
def _log_softmax(z):
    z = np.asarray(z, float)
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def lsl_k_minus_1(logits, y, eps):
    logp = _log_softmax(logits)
    return float(np.mean(-np.sum(sl_k_minus_1(y, logp.shape[1], eps) * logp, axis=1)))


def lsl_notes(logits, y, eps):
    logp = _log_softmax(logits)
    return float(np.mean(-np.sum(sl_notes(y, logp.shape[1], eps) * logp, axis=1)))


def lsl_sum(logits, y, eps):
    logp = _log_softmax(logits)
    return float(np.sum(-np.sum(ref.smooth_labels(y, logp.shape[1], eps) * logp, axis=1)))


@quiet
def lsl_no_shift(logits, y, eps):
    z = np.asarray(logits, float)
    logp = np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))
    return float(np.mean(-np.sum(ref.smooth_labels(y, z.shape[1], eps) * logp, axis=1)))


def lsl_mixture(logits, y, eps):
    """(1 - s) * cross-entropy + s * mean over classes of -log p: the same loss (s = eps)."""
    logp = _log_softmax(logits)
    y = np.asarray(y)
    nll = -logp[np.arange(len(y)), y]
    return float(np.mean((1 - eps) * nll - eps * logp.mean(axis=1)))


# ------------------------------------------------------------------------ batchnorm_forward
@quiet
def _bn(x, gamma, beta, rm, rv, train, momentum=0.1, eps=1e-5, *, ddof_norm=0, ddof_run=1,
        update_in_eval=False, keras=False, eps_outside=False):
    x = np.asarray(x, float)
    rm, rv = np.array(rm, float), np.array(rv, float)
    mu, var_n = x.mean(axis=0), x.var(axis=0, ddof=ddof_norm)
    m = 1 - momentum if keras else momentum
    if train or update_in_eval:
        new_rm = (1 - m) * rm + m * mu
        new_rv = (1 - m) * rv + m * x.var(axis=0, ddof=ddof_run)
    else:
        new_rm, new_rv = rm, rv
    center, var = (mu, var_n) if train else (rm, rv)
    std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    return gamma * (x - center) / std + beta, new_rm, new_rv


def _bn_variant(**kw):
    def fn(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
        return _bn(x, gamma, beta, running_mean, running_var, train, momentum, eps, **kw)
    return fn


def bn_torch(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    rm = torch.tensor(np.asarray(running_mean, float))
    rv = torch.tensor(np.asarray(running_var, float))
    out = torch.nn.functional.batch_norm(
        torch.tensor(np.asarray(x, float)), rm, rv, torch.tensor(np.asarray(gamma, float)),
        torch.tensor(np.asarray(beta, float)), training=train, momentum=momentum, eps=eps)
    return out.numpy(), rm.numpy(), rv.numpy()


# ----------------------------------------------------------------------- batchnorm_backward
def bnb_direct_only(dout, x, gamma, eps=1e-5):
    dout, x = np.asarray(dout, float), np.asarray(x, float)
    sigma = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / sigma
    return gamma * dout / sigma, np.sum(dout * x_hat, axis=0), dout.sum(axis=0)


def bnb_unbiased(dout, x, gamma, eps=1e-5):
    dout, x = np.asarray(dout, float), np.asarray(x, float)
    N = len(x)
    sigma = np.sqrt(x.var(axis=0, ddof=1) + eps)
    x_hat = (x - x.mean(axis=0)) / sigma
    db, dg = dout.sum(axis=0), np.sum(dout * x_hat, axis=0)
    return gamma / (N * sigma) * (N * dout - db - x_hat * dg), dg, db


def bnb_dgamma_x(dout, x, gamma, eps=1e-5):
    dx, _, db = ref.batchnorm_backward(dout, x, gamma, eps)
    return dx, np.sum(np.asarray(dout) * np.asarray(x), axis=0), db


def bnb_staged(dout, x, gamma, eps=1e-5):
    """The computational graph of the forward pass, walked back one node at a time."""
    dout, x = np.asarray(dout, float), np.asarray(x, float)
    N = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc ** 2).mean(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    dinv = (dx_hat * xc).sum(axis=0)
    dvar = dinv * -0.5 * (var + eps) ** -1.5
    dxc = dx_hat * inv + dvar * 2.0 * xc / N
    dmu = -dxc.sum(axis=0)
    return dxc + dmu / N, dgamma, dbeta



# ------------------------------------------------------------- blind review (issue 22)
def bv_abs_then_square(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    return (float(np.mean(np.abs(preds.mean(0) - f_true)) ** 2),
            float(np.mean(preds.var(axis=0))))


def bv_median(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    f_bar = np.median(preds, axis=0)
    return float(np.mean((f_bar - f_true) ** 2)), float(np.mean((preds - f_bar) ** 2))


def wd_double_alpha(W, b, dW, db, lr, alpha):
    W, b = np.asarray(W, float), np.asarray(b, float)
    return W - lr * (dW + 2 * alpha * W), b - lr * db


def wd_copy_in_place(W, b, dW, db, lr, alpha):
    W_new, b_new = W.copy(), b.copy()
    W_new *= 1 - lr * alpha
    W_new -= lr * dW
    b_new -= lr * db
    return W_new, b_new


def en_torch_tensors(W, l1, l2):
    Wt = torch.tensor(np.asarray(W, float), requires_grad=True)
    penalty = l1 * Wt.abs().sum() + 0.5 * l2 * (Wt ** 2).sum()
    penalty.backward()
    return penalty.detach(), Wt.grad


def en_mean_penalty(W, l1, l2):
    W = np.asarray(W, float)
    return (float(l1 * np.abs(W).mean() + 0.5 * l2 * (W ** 2).mean()),
            l1 * np.sign(W) + l2 * W)


def en_matrix_norm(W, l1, l2):
    W = np.asarray(W, float)
    return (float(l1 * np.linalg.norm(W, 1) + 0.5 * l2 * np.linalg.norm(W) ** 2),
            l1 * np.sign(W) + l2 * W)


def mn_squared_vs_c(W, c):
    W = np.asarray(W, float)
    sq = np.sum(W ** 2, axis=0)
    scale = np.ones_like(sq)
    big = sq > c
    scale[big] = c / np.sqrt(sq[big])
    return W * scale


def mn_no_factor_c(W, c):
    W = np.asarray(W, float)
    return W / np.maximum(np.linalg.norm(W, axis=0), c)


def mn_int_copy(W, c):
    out = np.array(W, copy=True)
    norms = np.linalg.norm(W, axis=0)
    for j in range(out.shape[1]):
        if norms[j] > c:
            out[:, j] = out[:, j] * (c / norms[j])
    return out


def drop_fwd_eval_no_copy(x, p, train, rng):
    if not train:
        return x, (np.ones(np.shape(x), bool), 1.0)
    return ref.dropout_forward(x, p, train, rng)


def drop_fwd_float_mask(x, p, train, rng):
    out, (keep, scale) = ref.dropout_forward(x, p, train, rng)
    return out, (keep.astype(np.float64), scale)


def drop_fwd_p0_no_draw(x, p, train, rng):
    if train and p == 0:
        x = np.asarray(x, float)
        return x.copy(), (np.ones(x.shape, bool), 1.0)
    return ref.dropout_forward(x, p, train, rng)


def drop_fwd_p1_no_draw(x, p, train, rng):
    if train and p == 1:
        x = np.asarray(x, float)
        return np.zeros(x.shape), (np.zeros(x.shape, bool), 0.0)
    return ref.dropout_forward(x, p, train, rng)


def drop_bwd_divide_guarded(dout, cache):
    keep, scale = cache
    return np.asarray(dout, float) * keep / scale if scale else np.zeros(np.shape(dout))


def es_restore_into_params(params, step, val_loss, max_epochs, patience):
    best_params, best_epoch, epochs_run = _es(params, step, val_loss, max_epochs, patience)
    for name in params:
        params[name][...] = best_params[name]
    return params, best_epoch, epochs_run


def es_sentinel(params, step, val_loss, max_epochs, patience):
    best, best_params, best_epoch, waited = 1e9, None, 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            waited += 1
            if waited >= patience:
                return best_params, best_epoch, epoch
    return best_params, best_epoch, max_epochs


def sh_zeros_like(images, dy, dx):
    _, H, W = images.shape
    out = np.zeros_like(images)
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        images[:, max(-dy, 0):H + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out


def sh_width_for_rows(images, dy, dx):
    images = np.asarray(images, float)
    _, H, W = images.shape
    out = np.zeros(images.shape)
    out[:, max(dy, 0):W + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        images[:, max(-dy, 0):W + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out


def sh_same_if_zero(images, dy, dx):
    if dy == 0 and dx == 0:
        return images
    return ref.shift_images(images, dy, dx)


def sl_k_from_labels(y, K, eps):
    K = int(np.max(y)) + 1
    return (1 - eps) * np.eye(K)[np.asarray(y)] + eps / K


def sl_columns(y, K, eps):
    t = np.full((len(y), K), eps / K)
    t[:, y] += 1 - eps
    return t


@quiet
def lsl_global_max(logits, y, eps):
    z = np.asarray(logits, float)
    m = z.max()
    logp = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    return float(np.mean(-np.sum(ref.smooth_labels(y, z.shape[1], eps) * logp, axis=1)))


@quiet
def lsl_log_of_softmax(logits, y, eps):
    z = np.asarray(logits, float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    logp = np.log(e / e.sum(axis=1, keepdims=True))
    return float(np.mean(-np.sum(ref.smooth_labels(y, z.shape[1], eps) * logp, axis=1)))


def bn_fixed_eps(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    return ref.batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum,
                                 1e-5)


def bn_fixed_momentum(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    return ref.batchnorm_forward(x, gamma, beta, running_mean, running_var, train, 0.1, eps)


def bn_one_row_refused_in_eval(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                               eps=1e-5):
    if np.shape(x)[0] == 1:
        raise ValueError("Expected more than 1 value per channel when training")
    return ref.batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum, eps)


def bn_eval_same_arrays(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                        eps=1e-5):
    out, rm, rv = ref.batchnorm_forward(x, gamma, beta, running_mean, running_var, train,
                                        momentum, eps)
    return (out, rm, rv) if train else (out, running_mean, running_var)


def bnb_fixed_eps(dout, x, gamma, eps=1e-5):
    return ref.batchnorm_backward(dout, x, gamma, 1e-5)


@quiet
def bnb_no_eps(dout, x, gamma, eps=1e-5):
    return ref.batchnorm_backward(dout, x, gamma, 0.0)


def en_loops(W, l1, l2):
    W = np.asarray(W, dtype=float)
    penalty = 0.0
    dW = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        w = W[idx]
        penalty += l1 * abs(w) + 0.5 * l2 * w * w
        dW[idx] = l1 * (1.0 if w > 0 else (-1.0 if w < 0 else 0.0)) + l2 * w
    return float(penalty), dW


def mn_where(W, c):
    W = np.asarray(W, dtype=float)
    norms = np.sqrt(np.sum(W * W, axis=0))
    with np.errstate(divide="ignore"):
        factor = np.where(norms > c, c / norms, 1.0)
    return W * factor


def drop_fwd_flat_draw(x, p, train, rng):
    x = np.asarray(x, dtype=float)
    if not train:
        return np.array(x, copy=True), (np.full(x.shape, True), 1.0)
    keep = rng.random(x.size).reshape(x.shape) >= p  # the same numbers, in the same order
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return np.where(keep, x * scale, 0.0), (keep, scale)


def es_while_counter(params, step, val_loss, max_epochs, patience):
    best_loss, best_params, best_epoch, since, e = None, None, 0, 0, 0
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


def lsl_torch_mixture(logits, y, eps):
    z = torch.as_tensor(np.asarray(logits, dtype=np.float64))
    logp = torch.log_softmax(z, dim=1)
    nll = -logp[torch.arange(z.shape[0]), torch.as_tensor(np.asarray(y, dtype=np.int64))]
    return float(((1 - eps) * nll - eps * logp.mean(dim=1)).mean())


def bn_sums(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("Expected more than 1 value per channel when training")
        mu = x.sum(axis=0) / N
        ss = ((x - mu) ** 2).sum(axis=0)
        out = gamma * (x - mu) / np.sqrt(ss / N + eps) + beta
        return (out, running_mean * (1 - momentum) + mu * momentum,
                running_var * (1 - momentum) + ss / (N - 1) * momentum)
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, np.array(running_mean, dtype=float), np.array(running_var, dtype=float)


# ------------------------------------------------------------- blind review, round 2 (issue 22)
def bv_root_bias(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    f_bar = preds.mean(axis=0)
    return float(np.sqrt(np.mean((f_bar - f_true) ** 2))), float(np.mean((preds - f_bar) ** 2))


def bv_swapped_shape(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    P, R = preds.shape  # swapped: R rows of P points
    f_bar = preds.sum(axis=0) / R
    return (float(np.sum((f_bar - f_true) ** 2) / P),
            float(np.sum((preds - f_bar) ** 2) / (R * P)))


def bv_shortcut(preds, f_true):
    """Var = E[x^2] - E[x]^2, per point."""
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    f_bar = preds.mean(axis=0)
    return (float(np.mean((f_bar - f_true) ** 2)),
            float(np.mean(np.mean(preds ** 2, axis=0) - f_bar ** 2)))


def bv_array(preds, f_true):
    preds, f_true = np.asarray(preds, float), np.asarray(f_true, float)
    f_bar = preds.mean(axis=0)
    return np.array([np.mean((f_bar - f_true) ** 2), np.mean(np.var(preds, axis=0))])


def wd_torch_tensors(W, b, dW, db, lr, alpha):
    W_new, b_new = wd_torch(W, b, dW, db, lr, alpha)
    return torch.from_numpy(W_new), torch.from_numpy(b_new)


def en_zeros_like(W, l1, l2):
    dW = np.zeros_like(W)
    dW[...] = l1 * np.sign(W) + l2 * W
    return float(l1 * np.sum(np.abs(W)) + l2 / 2 * np.sum(np.square(W))), dW


def en_tiny_is_zero(W, l1, l2):
    W = np.asarray(W, float)
    sign = np.where(np.abs(W) < 1e-8, 0.0, np.sign(W))
    return float(l1 * np.sum(np.abs(W)) + l2 / 2 * np.sum(W ** 2)), l1 * sign + l2 * W


def en_frobenius(W, l1, l2):
    W = np.asarray(W, float)
    return (float(l1 * np.abs(W).sum() + l2 / 2 * np.linalg.norm(W, "fro") ** 2),
            l1 * np.sign(W) + l2 * W)


def mn_same_if_short(W, c):
    norms = np.linalg.norm(W, axis=0)
    if np.all(norms <= c):
        return W
    return W * (c / np.maximum(norms, c))


@quiet
def mn_eps(W, c):
    """c / (norm + 1e-8), about the same small constant as torch.renorm's own."""
    W = np.asarray(W, float)
    return W * np.minimum(1.0, c / (np.linalg.norm(W, axis=0, keepdims=True) + 1e-8))


def drop_fwd_eval_float_mask(x, p, train, rng):
    if not train:
        x = np.asarray(x, float)
        return x.copy(), (np.ones_like(x), 1.0)
    return ref.dropout_forward(x, p, train, rng)


def drop_fwd_eval_scalar_true(x, p, train, rng):
    if not train:
        return np.array(x, dtype=float), (True, 1.0)
    return ref.dropout_forward(x, p, train, rng)


def drop_fwd_p0_returns_x(x, p, train, rng):
    if train and p == 0:
        keep = rng.random(np.shape(x)) >= p
        return x, (keep, 1.0)
    return ref.dropout_forward(x, p, train, rng)


def drop_bwd_in_place(dout, cache):
    keep, scale = cache
    dout *= keep * scale  # the prompt does not forbid changing dout
    return dout


def _es_from(first_best, params, step, val_loss, max_epochs, patience, *, close=False):
    best, best_params, best_epoch, waited, epoch = first_best, None, 0, 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if loss < best and not (close and np.isclose(loss, best)):
            best, best_epoch, waited = loss, epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            waited += 1
            if waited >= patience:
                break
    return best_params, best_epoch, epoch


def es_inf_sentinel(params, step, val_loss, max_epochs, patience):
    return _es_from(np.inf, params, step, val_loss, max_epochs, patience)


def es_sentinel_1e10(params, step, val_loss, max_epochs, patience):
    return _es_from(1e10, params, step, val_loss, max_epochs, patience)


def es_isclose(params, step, val_loss, max_epochs, patience):
    return _es_from(np.inf, params, step, val_loss, max_epochs, patience, close=True)


def sh_height_for_columns(images, dy, dx):
    images = np.asarray(images, float)
    _, H, W = images.shape
    out = np.zeros(images.shape)
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):H + min(dx, 0)] = \
        images[:, max(-dy, 0):H + min(-dy, 0), max(-dx, 0):H + min(-dx, 0)]
    return out


def sh_roll_zero_one_line(images, dy, dx):
    out = np.roll(np.asarray(images, float), (dy, dx), axis=(1, 2))
    if dy > 0:
        out[:, :dy, :] = 0
    elif dy < 0:
        out[:, -1, :] = 0
    if dx > 0:
        out[:, :, :dx] = 0
    elif dx < 0:
        out[:, :, -1] = 0
    return out


def sh_first_image(images, dy, dx):
    return ref.shift_images(np.asarray(images)[:1], dy, dx)


def sl_torch_tensor(y, K, eps):
    onehot = torch.nn.functional.one_hot(torch.as_tensor(np.asarray(y, dtype=np.int64)), K)
    return (1 - eps) * onehot.float() + eps / K


def lsl_tensor(logits, y, eps):
    return torch.nn.functional.cross_entropy(torch.as_tensor(np.asarray(logits, float)),
                                             torch.as_tensor(np.asarray(y, dtype=np.int64)),
                                             label_smoothing=eps)


def lsl_calls_smooth_labels(logits, y, eps):
    z = np.asarray(logits, float)
    return float(np.mean(-np.sum(ref.smooth_labels(y, z.shape[1], eps) * _log_softmax(z), axis=1)))


def lsl_shift_in_place(logits, y, eps):
    """Subtracts each row's maximum from the caller's logits (the prompt does not forbid it)."""
    logits -= logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    t = np.full(logits.shape, eps / logits.shape[1])
    t[np.arange(len(y)), y] += 1 - eps
    return float(-(t * logp).sum(axis=1).mean())


def bn_empty_message(x, gamma, beta, running_mean, running_var, train, momentum=0.1, eps=1e-5):
    if train and np.shape(x)[0] == 1:
        raise ValueError
    return ref.batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum, eps)


def bnb_eps_outside(dout, x, gamma, eps=1e-5):
    dout, x = np.asarray(dout, float), np.asarray(x, float)
    N = x.shape[0]
    sigma = np.sqrt(x.var(axis=0)) + eps
    x_hat = (x - x.mean(axis=0)) / sigma
    dbeta, dgamma = dout.sum(axis=0), (dout * x_hat).sum(axis=0)
    return gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma), dgamma, dbeta


def bnb_n_features(dout, x, gamma, eps=1e-5):
    dout, x = np.asarray(dout, float), np.asarray(x, float)
    N = x.shape[1]  # the number of features, not of examples
    sigma = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / sigma
    dbeta, dgamma = dout.sum(axis=0), (dout * x_hat).sum(axis=0)
    return gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma), dgamma, dbeta


# ------------------------------------------------------------------ blind review, third round
def bv_torch_scalars(preds, f_true):
    """torch throughout: two 0-d float64 tensors (the demo's np.array of them still works)."""
    p = torch.as_tensor(np.asarray(preds, float))
    f_bar = p.mean(dim=0)
    return ((f_bar - torch.as_tensor(np.asarray(f_true, float))) ** 2).mean(), \
        ((p - f_bar) ** 2).mean()


def wd_same_b_if_no_grad(W, b, dW, db, lr, alpha):
    W_new = np.asarray(W, float) * (1 - lr * alpha) - lr * np.asarray(dW, float)
    if not np.any(db):
        return W_new, b  # "nothing to do" for the bias: the caller's own array
    return W_new, b - lr * np.asarray(db, float)


def wd_lr0_shortcut(W, b, dW, db, lr, alpha):
    if lr == 0:
        return W, b
    return wd_shrink_first(W, b, dW, db, lr, alpha)


def mn_int_copy_if_short(W, c):
    out = W.copy()
    norms = np.linalg.norm(W, axis=0)
    if np.any(norms > c):
        out = out * np.where(norms > c, c / np.maximum(norms, 1e-300), 1.0)
    return out


@quiet
def mn_geq_eps(W, c):
    """Rescales columns of norm >= c by c / (norm + 1e-6): within the tolerance of c."""
    W = np.array(W, dtype=float)
    norms = np.linalg.norm(W, axis=0)
    big = norms >= c
    W[:, big] *= c / (norms[big] + 1e-6)
    return W


def drop_fwd_near_one(x, p, train, rng):
    if train and p >= 1 - 1e-6:  # "p is 1 up to rounding": scale 0.0
        keep = rng.random(np.shape(x)) >= p
        return np.asarray(x, float) * keep * 0.0, (keep, 0.0)
    return ref.dropout_forward(x, p, train, rng)


def es_val_loss_twice(params, step, val_loss, max_epochs, patience):
    best, best_params, best_epoch, waited, epoch = None, None, 0, 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        if best is None or val_loss(params) < best:
            best, best_epoch, waited = val_loss(params), epoch, 0
            best_params = {k: v.copy() for k, v in params.items()}
        else:
            waited += 1
            if waited >= patience:
                break
    return best_params, best_epoch, epoch


def es_params_if_last_best(params, step, val_loss, max_epochs, patience):
    best_params, best_epoch, epoch = _es_from(np.inf, params, step, val_loss, max_epochs,
                                              patience)
    if best_epoch == epoch:  # "the current weights are the best: no need for the copies"
        best_params = params
    return best_params, best_epoch, epoch


def es_restores_too(params, step, val_loss, max_epochs, patience):
    """Returns copies and also writes them back into params (the prompt does not forbid it)."""
    best_params, best_epoch, epoch = ref.early_stopping_fit(params, step, val_loss, max_epochs,
                                                            patience)
    for k in params:
        params[k][...] = best_params[k]
    return best_params, best_epoch, epoch


def sl_int_onehot_s0(y, K, eps):
    onehot = np.eye(K, dtype=int)[np.asarray(y)]
    if eps == 0:
        return onehot
    return (1 - eps) * onehot + eps / K


def lsl_torch_float32(logits, y, eps):
    """torch in float32: within about 1e-7 of the float64 loss."""
    z = torch.tensor(np.asarray(logits), dtype=torch.float32)
    return float(torch.nn.functional.cross_entropy(
        z, torch.as_tensor(np.asarray(y), dtype=torch.long), label_smoothing=eps))


WRONG = {
    "bias_variance": [
        ("divides the variance by R - 1 (ddof=1) instead of R", bv_ddof1,
         "Re-read the prompt's last sentence: you want the spread of "
         "the R models you actually have, not an estimate for a larger "
         "population. Work out the visible example (R = 2) by hand."),
        ("reports the standard deviation instead of the variance", bv_std,
         "Look at the units: the variance adds up with bias2 and the noise to a squared "
         "error, so it must be in the units of f squared. Is your number a mean of squares?"),
        ("averages the bias over the points before squaring it", bv_square_of_mean,
         "In the visible example the average model is 1 too low at one point and 1 too "
         "high at the other. Should those two errors cancel before they are squared?"),
        ("takes the variance over the test points (axis=1) instead of the training sets",
         bv_wrong_axis,
         "Each column of preds is one test point seen by the R models; the variance measures "
         "how much the models disagree at a fixed point. Which axis runs over the training sets?"),
        ("averages the absolute bias over the points, then squares", bv_abs_then_square,
         "Take a bias of +1 at one point and +3 at another: the mean of the squares is 5, the "
         "square of the mean is 4. Which order does the prompt's formula for bias2 use?"),
        ("takes the median of the models as the average model", bv_median,
         "With two models a median and a mean agree; with three they need not. Try R = 3 "
         "models that predict 0, 0 and 3 at one point: what is the average model there?"),
        ("returns the root-mean-square bias (the square root of bias2)",
         bv_root_bias,
         "bias2 is a mean of squares, in the units of f squared. Try one model that is 2 too "
         "high at every point: bias2 is 4. Does yours give 2?"),
        ("unpacks preds.shape as (P, R): divides by the wrong count when R != P",
         bv_swapped_shape,
         "The visible example is square (R = P = 2), so it cannot tell R from P. Try preds of "
         "shape (3, 2): which axis runs over the training sets, and how many rows are there?"),
    ],
    "sgd_weight_decay_step": [
        ("decays the bias too, which the prompt forbids", wd_decays_bias,
         "Only the weights are penalized. Quick test: change alpha "
         "and keep everything else; b_new should not move at all."),
        ("uses alpha / 2 (the penalty's factor) instead of alpha in the update", wd_half_alpha,
         "The update subtracts lr times the penalty's gradient, not its coefficient: "
         "differentiate (alpha / 2) * w**2 with respect to w and see what factor is left."),
        ("shrinks the weights after the gradient step: (W - lr dW)(1 - lr alpha)",
         wd_after_step,
         "Multiply out your update and compare it term by term with the prompt's formula: an "
         "extra lr**2 * alpha * dW appears. Which W should the decay term be computed from?"),
        ("changes W and b in place", wd_in_place,
         "An augmented assignment (-=) on a numpy array writes into the caller's array. "
         "Print W before and after calling your function: the prompt wants it unchanged."),
        ("adds lr * alpha * W instead of subtracting it", wd_plus_sign,
         "Weight decay pulls weights towards 0. Self-test: with zero gradients, "
         "every |W| entry should get smaller after one step; does yours grow?"),
        ("penalty gradient 2 * alpha * W (as if the penalty had no 1/2)", wd_double_alpha,
         "Differentiate the penalty (alpha / 2) * w**2 with respect to w and compare the factor "
         "with the one in your update. With zero gradients each weight shrinks by 1 - lr * alpha."),
        ("updates a copy in place: integer W and b stay integer (or raise)", wd_copy_in_place,
         "Call your step with integer arrays, e.g. W = np.array([[3, -2]]): the docstring promises "
         "new float arrays. What dtype does a copy of an integer array have?"),
        ("returns torch tensors (torch.optim.SGD inside), not numpy arrays",
         wd_torch_tensors,
         "Print type() of what you return: the prompt asks for new numpy arrays, and a torch "
         "tensor is not one, even when it holds the same numbers."),
        ("returns b itself, not a new array, when the bias gradient is zero",
         wd_same_b_if_no_grad,
         "Call it with db all zeros, then change b in place: does your b_new change with it? "
         "The prompt asks for new arrays on every call."),
        ("returns W and b themselves when lr = 0", wd_lr0_shortcut,
         "Call it with lr=0, then change W in place: does your W_new change with it? The "
         "prompt asks for new arrays on every call, even a step that moves nothing."),
    ],
    "elastic_net": [
        ("uses sign(0) = +1 (np.where(W >= 0, 1, -1))", en_sign_zero_one,
         "A weight that is exactly 0 should get no L1 push (torch's gradient of "
         "|w| at 0). Try a W that contains 0.0 with l2 = 0 and look at dW there."),
        ("drops the 1/2 of the L2 penalty (the gradient l2 * W no longer matches)",
         en_no_half,
         "Check that your penalty and your dW describe the same function: "
         "nudge one weight by 1e-6 and compare the change of the penalty "
         "with dW. Look at the L2 term's factor in the prompt."),
        ("averages over the entries instead of summing", en_mean,
         "The penalty is a sum over all entries: with l1 = 1, l2 = 0 and W of six "
         "ones it should be 6. Does your penalty grow with the number of weights?"),
        ("writes sign(w) as w / |w|: nan at w = 0", en_w_over_abs,
         "Evaluate your dW on a W that contains an exact 0: 0 / 0 gives nan, with "
         "only a warning. numpy already has a sign function that is defined at 0."),
        ("returns torch tensors instead of a float and a numpy array", en_torch_tensors,
         "Print type() of the two things you return: the prompt asks for a Python float and a "
         "numpy array, which the numpy code of the demo can use directly."),
        ("averages the penalty over the entries (the gradient is summed)", en_mean_penalty,
         "The penalty sums over all entries: with l1 = 1, l2 = 0 and a W of six ones it is 6. "
         "Does your penalty grow with the number of weights?"),
        ("np.linalg.norm(W, 1) for the L1 sum: a matrix norm (the largest column sum)",
         en_matrix_norm,
         "For a 2-D array np.linalg.norm(W, 1) is a matrix norm, not the sum of all |W_ij|. "
         "Compare it with np.abs(W).sum() on the visible W."),
        ("builds dW with np.zeros_like(W): integer weights give a truncated integer gradient",
         en_zeros_like,
         "Call it on integer weights, e.g. W = np.array([[1, -2]]) with l1 = 0.1, l2 = 0.2: dW "
         "should be [[0.3, -0.5]]. What dtype does np.zeros_like keep?"),
        ("treats a weight below 1e-8 in size as an exact zero (sign 0)",
         en_tiny_is_zero,
         "Only a weight that is exactly 0 gets no L1 push. Try W = [1e-12, -3e-10] with l2 = "
         "0: the L1 part of dW is still l1 * sign(W), that is [l1, -l1]."),
        ("np.linalg.norm(W, 'fro') for the L2 sum: fails for weights that are not 2-D",
         en_frobenius,
         "W may have any shape. Try a 1-D W such as np.array([0.0, -1.0, 2.0]) or a 3-D one: "
         "does your penalty still compute?"),
    ],
    "max_norm": [
        ("constrains the rows (outgoing weights) instead of the columns", mn_rows,
         "With W of shape (d_in, d_out), unit j's incoming weights form a column. On a "
         "non-square W, count your norms: you should get d_out of them, one per unit."),
        ("constrains the norm of the whole matrix", mn_frobenius,
         "Each unit is constrained on its own: one long column must not shrink the "
         "others. In the visible example the two short columns should come out unchanged."),
        ("rescales every column to norm c, also the shorter ones", mn_always,
         "A projection onto the ball leaves points already inside it where they are. For a column "
         "of norm 0.5 and c = 1 your factor should be 1, and a zero column must not become nan."),
        ("compares the squared norm with c instead of c**2", mn_squared_vs_c,
         "With c = 1 a norm and a squared norm cross 1 together. Try c = 2 and a column [1.5, 0]: "
         "its norm is below c, so it must stay as it is."),
        ("divides by max(norm, c) without the factor c", mn_no_factor_c,
         "A long column should come out with norm exactly c. Try c = 2 and a column of norm 3: "
         "what norm does your result have?"),
        ("scales an integer copy: integer weights are truncated", mn_int_copy,
         "Call it on integer weights, e.g. W = [[3], [4]] with c = 1: the result should be "
         "[[0.6], [0.8]], a float array. What dtype does a copy of an integer array keep?"),
        ("returns W itself when no column is longer than c",
         mn_same_if_short,
         "The prompt asks for a new array every time. Call it with every column shorter than "
         "c, then change W in place: does your result change with it?"),
        ("integer weights stay integer when no column is longer than c",
         mn_int_copy_if_short,
         "Call it on integer weights whose columns are all shorter than c, e.g. [[1, 0], [0, 1]] "
         "with c = 2, and print the dtype: the docstring promises a float array."),
    ],
    "dropout": [
        ("treats p as the probability of keeping a unit (keep = u < 1 - p)",
         _dropout(keep_below=True),
         "Your mask keeps the right fraction of units, but not the "
         "same ones: the prompt fixes which values of u keep a unit. "
         "Compare your mask with u from a generator of the same seed."),
        ("scales at evaluation time (x * (1 - p)) instead of at training time",
         _dropout(eval_scale=True),
         "Self-test: average the training output for an input of ones over many units; "
         "inverted dropout keeps that mean at 1, and evaluation mode then returns x untouched."),
        ("draws a mask in evaluation mode too (the generator moves on)",
         _dropout(draw_in_eval=True),
         "Evaluation mode must leave the generator alone. Call it with train=False, then "
         "draw one number from rng and compare with a fresh generator of the same seed."),
        ("backward forgets the 1 / (1 - p) scaling",
         {"dropout_forward": ref.dropout_forward, "dropout_backward": drop_bwd_no_scale},
         "Differentiate the forward formula with respect to x: every factor that multiplies x "
         "in the forward pass multiplies dout in the backward pass. The cache holds two of them."),
        ("backward divides by the scale instead of multiplying",
         {"dropout_forward": ref.dropout_forward, "dropout_backward": drop_bwd_inverse_scale},
         "Check with p = 0.5: a kept unit's output is twice its input, "
         "so its gradient must be twice dout as well, not half of it."),
        ("evaluation mode returns x itself, not a copy",
         {"dropout_forward": drop_fwd_eval_no_copy, "dropout_backward": ref.dropout_backward},
         "Call it with train=False, then change x in place: does your output change with it? "
         "The prompt asks for a copy."),
        ("keep mask stored as floats, not booleans",
         {"dropout_forward": drop_fwd_float_mask, "dropout_backward": ref.dropout_backward},
         "Print the dtype of the keep mask in your cache: the prompt asks for a boolean array "
         "(True where a unit is kept)."),
        ("p = 0 in training mode returns early and draws nothing",
         {"dropout_forward": drop_fwd_p0_no_draw, "dropout_backward": ref.dropout_backward},
         "Training mode draws rng.random(x.shape) for every p. Call it with p=0, then draw one "
         "number from rng and compare with a fresh generator of the same seed."),
        ("p = 1 in training mode returns early and draws nothing",
         {"dropout_forward": drop_fwd_p1_no_draw, "dropout_backward": ref.dropout_backward},
         "Training mode draws rng.random(x.shape) for every p, the edge p = 1 included. Call it "
         "with p=1, then compare the generator's next number with a fresh one's."),
        ("backward divides by the scale (zeros when the scale is 0)",
         {"dropout_forward": ref.dropout_forward, "dropout_backward": drop_bwd_divide_guarded},
         "A kept unit's output is scale times its input, so its gradient is scale times dout. "
         "Check p = 0.5: is your dx twice dout, or half of it?"),
        ("evaluation mode caches a float mask (np.ones_like(x)), not a boolean one",
         {"dropout_forward": drop_fwd_eval_float_mask, "dropout_backward": ref.dropout_backward},
         "Print the dtype of the keep mask your evaluation-mode call returns: the prompt asks "
         "for an all-True boolean array, as in training mode."),
        ("evaluation mode caches the scalar True, not a mask of x's shape",
         {"dropout_forward": drop_fwd_eval_scalar_true, "dropout_backward": ref.dropout_backward},
         "Print np.shape of the keep mask your evaluation-mode call returns: the prompt asks "
         "for an all-True boolean array of x's shape."),
        ("training mode with p = 0 returns x itself, not a new array",
         {"dropout_forward": drop_fwd_p0_returns_x, "dropout_backward": ref.dropout_backward},
         "Call it in training mode with p = 0, then change x in place: does your output change "
         "too? The prompt asks for a new array at every p."),
        ("treats p within 1e-6 of 1 as p = 1 (scale 0.0)",
         {"dropout_forward": drop_fwd_near_one, "dropout_backward": ref.dropout_backward},
         "Only p = 1 itself drops every unit. Call it with p = 0.999999 and print the scale in "
         "the cache: the prompt's formula 1 / (1 - p) gives about a million."),
    ],
    "early_stopping_fit": [
        ("remembers references to the arrays, not copies: the 'best' weights are the last",
         es_no_copy,
         "A stored reference follows every later in-place change made by step. After "
         "the run, test whether best_params['w'] is the very same object as params['w']."),
        ("counts a tie as an improvement (<= instead of <)",
         lambda p, s, v, m, pat: _es(p, s, v, m, pat, ties=True),
         "Re-read the prompt: only a strictly lower loss counts. Trace losses 3, 2, "
         "2, 2, 1 with patience 2 by hand: which epoch is best, and when do you stop?"),
        ("waits one epoch too many (patience + 1 epochs without improvement)",
         lambda p, s, v, m, pat: _es(p, s, v, m, pat, extra=1),
         "Trace losses 5, 3, 4, 2, 6, 7, 1 with patience 2 by hand: after epoch 4, how many "
         "epochs without improvement run before you stop? Check where your counter is compared."),
        ("returns the last weights instead of the best ones",
         lambda p, s, v, m, pat: _es(p, s, v, m, pat, last=True),
         "params has kept training past the best epoch. Check that the "
         "weights you return belong to best_epoch, not to the last epoch run."),
        ("restores the best weights into params and returns params itself",
         es_restore_into_params,
         "The prompt asks for a dict of new arrays. After the run, change params in place and "
         "look at what you returned: does it change too?"),
        ("starts from a finite best loss (1e9): a first loss above it is no improvement",
         es_sentinel,
         "Epoch 1 has no earlier loss, so it is always an improvement, however large its loss. "
         "Trace losses 3e9, 2e9, 5e9, 4e9 with patience 2: which epoch is best?"),
        ("starts the best loss at inf: a first loss of inf is no improvement",
         es_inf_sentinel,
         "Epoch 1 always improves, whatever its loss. Trace losses inf, inf, inf with patience "
         "2: which epoch is best, and which weights do you return?"),
        ("starts from a finite best loss (1e10): a first loss above it is no improvement",
         es_sentinel_1e10,
         "Epoch 1 has no earlier loss, so it always improves. Trace losses 3e12, 2e12, 5e12, "
         "4e12 with patience 2: which epoch is best?"),
        ("compares with np.isclose: a tiny strict improvement counts as a tie",
         es_isclose,
         "Only an equal loss is a tie; any strictly lower one improves. Trace losses 2, 1, 1 - "
         "1e-12, 3, 3 with patience 2: which epoch is best?"),
        ("calls val_loss twice in an improving epoch", es_val_loss_twice,
         "Count how often your code calls val_loss in a run of 4 epochs: the prompt asks for "
         "one call per epoch, after step (a validation pass can be costly, or noisy)."),
        ("returns params itself when the last epoch trained is the best one",
         es_params_if_last_best,
         "Run it with losses that keep falling until max_epochs, then change params in place: "
         "does best_params change with it? The prompt asks for copies every time."),
    ],
    "shift_images": [
        ("uses np.roll: pixels wrap around to the other side", sh_roll,
         "Shift the visible 3x3 image left by one and look at its right column: it "
         "must be zeros, not the old left column. The prompt suggests slicing instead."),
        ("swaps the axes (dy moves columns, dx rows)", sh_swapped,
         "Images are (N, H, W): axis 1 runs down the rows, axis 2 across the columns. "
         "Test dy=1, dx=0: the content must move down and the top row become 0."),
        ("shifts in the opposite direction", sh_opposite,
         "Check the direction with the visible 3x3 image: dy = 1 moves the content down, so "
         "the top row of the result is 0. Which slice is the source and which the target?"),
        ("keeps the dtype of integer images (np.zeros_like)", sh_zeros_like,
         "Shift integer images, e.g. np.arange(9).reshape(1, 3, 3), and print the dtype of the "
         "result: the prompt promises a new float array."),
        ("uses the width W for the row bounds (right only for square images)",
         sh_width_for_rows,
         "Try a non-square batch, e.g. (1, 2, 4), with dy = 1: which bound belongs to the rows "
         "and which to the columns?"),
        ("returns the images themselves when dy = dx = 0", sh_same_if_zero,
         "Call it with dy = dx = 0, then change the images in place: does your result change "
         "too? The prompt asks for a new array every time."),
        ("uses the height H for the column bounds (right only for square images)",
         sh_height_for_columns,
         "Try a non-square batch, e.g. (1, 2, 4), with dx = 1: which bound belongs to the rows "
         "and which to the columns?"),
        ("np.roll, then zeroes a single row or column on the negative side",
         sh_roll_zero_one_line,
         "Shift an image up by 2 (dy = -2): the two bottom rows must be zeros, and nothing may "
         "wrap around from the top. How many rows does yours clear?"),
        ("shifts only the first image of the batch",
         sh_first_image,
         "The visible example holds one image. Try a batch of 3 images: the result must be (3, "
         "H, W), each image shifted."),
    ],
    "smooth_labels": [
        ("spreads s over the other K - 1 classes (sums to 1, but is not torch's form)",
         sl_k_minus_1,
         "Re-read 'A common wrong form': the uniform part s / K goes to every class, the "
         "true one included. For K = 4 and s = 0.1 each other class gets 0.025, not 0.0333."),
        ("true class 1 - s, others s / K: the rows do not sum to 1", sl_notes,
         "Add up one row of your targets: a distribution sums to 1. Then ask "
         "which class did not receive its share of the uniform part s / K."),
        ("adds s / K without shrinking the one-hot part by 1 - s", sl_no_shrink,
         "Add up one row: yours sums to 1 + s. In a mixture of two distributions "
         "the two weights add up to 1; check the weight of the one-hot part."),
        ("takes K from the labels (max label + 1) instead of the argument K", sl_k_from_labels,
         "The labels of one batch need not include the last class. Try y = [0, 1] with K = 4: "
         "each row must have 4 entries."),
        ("indexes whole columns with t[:, y]", sl_columns,
         "Print the targets for y = [2, 0], K = 4: each row should have one large entry, in its "
         "own label's column. How many large entries does each of your rows have?"),
        ("returns a torch tensor (one_hot), not a numpy array",
         sl_torch_tensor,
         "Print type() of what you return: the prompt asks for a numpy float array, and a "
         "torch tensor is not one, even when it holds the same numbers."),
        ("returns an integer one-hot array when smoothing is 0", sl_int_onehot_s0,
         "Call it with smoothing=0 and print the dtype of the result: the docstring promises a "
         "float array for every smoothing, 0 included."),
    ],
    "label_smoothing_loss": [
        ("targets with s / (K - 1) on the other classes", lsl_k_minus_1,
         "Print the targets you build for K = 3, s = 0.3 and compare them with section "
         "6's formula: the uniform part is spread over all K classes, the true one included."),
        ("targets that do not sum to 1 (1 - s, s / K)", lsl_notes,
         "Sum each row of the targets you build: with K = 3 and s = 0.3 "
         "they add up to 0.9, not 1. Which class did not get its s / K?"),
        ("sums over the batch instead of averaging", lsl_sum,
         "A cost is a mean over the examples (see the notation page). "
         "Self-test: repeating the batch twice should leave your loss unchanged."),
        ("log of a softmax without the max subtraction: overflows at 1000", lsl_no_shift,
         "Try logits [[1000, 0]]: exp(1000) is inf. Work in log space with the log-sum-exp "
         "trick; shifting a row of logits by a constant does not change its softmax."),
        ("log-sum-exp subtracts the largest logit of the whole batch, not of each row",
         lsl_global_max,
         "Try two rows of very different scale, logits [[1000, 0], [0, 0]]: shifting by 1000 "
         "makes every exp of the second row 0. Which maximum keeps each row finite?"),
        ("log of a stabilized softmax: log(0) = -inf for logits of 1000", lsl_log_of_softmax,
         "For logits [[1000, 0]] the softmax of the second class is exp(-1000), 0 in float64, and "
         "its log is -inf. Compute log-probabilities directly, without taking the log of 0."),
        ("returns torch's loss as a 0-d tensor, not a float",
         lsl_tensor,
         "Print type() of what you return: the prompt asks for a Python float. A 0-d tensor "
         "prints like a number but is not one."),
    ],
    "batchnorm_forward": [
        ("normalizes with the unbiased variance (ddof=1) in training",
         _bn_variant(ddof_norm=1),
         "Training mode uses two different variances, one to normalize and one for the running "
         "average. For feature 0 of the visible example, which of 8/3 and 4 goes where?"),
        ("running variance from the biased batch variance", _bn_variant(ddof_run=0),
         "Re-read the three details under the running-statistics formula: the two variances of "
         "training mode use different divisors. Recompute running_var[0] of the visible example."),
        ("updates the running statistics in evaluation mode too",
         _bn_variant(update_in_eval=True),
         "Evaluation mode is read-only: call it with train=False and check that "
         "the running statistics you get back equal the ones you passed in."),
        ("Keras's momentum convention: momentum weights the old running value",
         _bn_variant(keras=True),
         "torch's momentum is the weight of the new batch. With momentum 0.1 and "
         "a running mean of 0, one batch of mean 3 should move it only to 0.3."),
        ("eps outside the square root", _bn_variant(eps_outside=True),
         "Compare with torch.nn.BatchNorm1d on a feature whose values "
         "differ by about 0.001: with so small a variance, where eps "
         "sits changes the output a lot. Re-read the x_hat formula."),
        ("ignores the eps argument (always 1e-5)", bn_fixed_eps,
         "Call it with eps=0.1 on a small batch and compare with torch.nn.BatchNorm1d(D, "
         "eps=0.1): every argument of the signature must be used."),
        ("ignores the momentum argument (always 0.1)", bn_fixed_momentum,
         "Call it with momentum=0.5 and compare the running mean with torch.nn.BatchNorm1d(D, "
         "momentum=0.5): every argument of the signature must be used."),
        ("refuses a single example in evaluation mode too", bn_one_row_refused_in_eval,
         "Evaluation mode normalizes with the running statistics, so one example is fine there: "
         "only a training batch of one has no variance. Try x of shape (1, D) with train=False."),
        ("returns the running arrays themselves in evaluation mode, not new arrays",
         bn_eval_same_arrays,
         "Call it with train=False, then change the running_mean you passed in place: does the "
         "one you got back change too? The prompt asks for new arrays."),
        ("raises a ValueError without a message",
         bn_empty_message,
         "Call it in training mode on one example and print the error: the prompt asks for a "
         "message that says why (torch says 'Expected more than 1 value per channel when "
         "training')."),
    ],
    "batchnorm_backward": [
        ("only the direct path: dx = gamma * dout / sigma", bnb_direct_only,
         "x also reaches the output through the batch mean and variance. Self-test: each column "
         "of the true dx sums to 0 (shifting a whole column changes nothing); does yours?"),
        ("recomputes sigma with the unbiased variance", bnb_unbiased,
         "The backward pass differentiates the forward pass as it ran in training mode: "
         "check that your sigma is the very same one batchnorm_forward divides by."),
        ("dgamma = sum of dout * x instead of dout * x_hat", bnb_dgamma_x,
         "Self-test: add 100 to every entry of x; the normalized values, and so "
         "dgamma, must not change. Which array multiplies gamma in the forward pass?"),
        ("ignores the eps argument (always 1e-5)", bnb_fixed_eps,
         "Compare with torch.autograd through batch_norm with eps=0.5: sigma must use the eps "
         "you are given."),
        ("leaves eps out of sigma", bnb_no_eps,
         "The backward pass differentiates the forward pass as it ran: compare your sigma with "
         "the one batchnorm_forward divides by, with eps=0.5."),
        ("eps outside the square root: sigma = sqrt(var) + eps",
         bnb_eps_outside,
         "The backward pass differentiates the forward pass as it ran: compare your sigma with "
         "the one batchnorm_forward divides by, with eps = 0.5."),
        ("takes N from x.shape[1] (the number of features)",
         bnb_n_features,
         "x is (N, D): N examples of D features. Try a batch of 4 examples of 5 features: "
         "which number is the batch size in the formula?"),
    ],
}

RIGHT = {
    "bias_variance": [
        ("Python loops over points and models", bv_loops),
        ("variance as the mean squared error of the models minus bias2", bv_mse_minus_bias),
        ("variance as E[x^2] - E[x]^2 per point", bv_shortcut),
        ("returns a numpy array of the two numbers", bv_array),
        ("torch throughout: two 0-d float64 tensors", bv_torch_scalars),
    ],
    "sgd_weight_decay_step": [
        ("torch.optim.SGD with two parameter groups", wd_torch),
        ("shrink first, (1 - lr alpha) W - lr dW", wd_shrink_first),
    ],
    "elastic_net": [
        ("torch.autograd of the penalty", en_autograd),
        ("a loop over the entries", en_loops),
    ],
    "max_norm": [
        ("a loop over the columns on a copy", mn_loop),
        ("torch.renorm(W, 2, dim=1, c)", mn_renorm),
        ("np.where(norm > c, c / norm, 1) under np.errstate", mn_where),
        ("c / (norm + 1e-8), a small constant as torch.renorm has", mn_eps),
        ("rescales norms >= c by c / (norm + 1e-6), within tolerance", mn_geq_eps),
    ],
    "dropout": [
        ("np.where, rng.uniform (the same numbers as rng.random) and np.full",
         {"dropout_forward": drop_fwd_where, "dropout_backward": drop_bwd_where}),
        ("one flat draw reshaped to x.shape, np.where",
         {"dropout_forward": drop_fwd_flat_draw, "dropout_backward": drop_bwd_where}),
        ("backward multiplies dout in place (the prompt does not forbid it)", {"dropout_forward": ref.dropout_forward, "dropout_backward": drop_bwd_in_place}),
    ],
    "early_stopping_fit": [
        ("a while loop with deep copies of every epoch and argmin", es_deepcopy_while),
        ("a while loop with a counter and copy.deepcopy", es_while_counter),
        ("also writes the best weights back into params", es_restores_too),
    ],
    "shift_images": [
        ("a loop over the pixels", sh_loop),
        ("scipy.ndimage.shift with order=0 and zero fill", sh_scipy),
    ],
    "smooth_labels": [("nested lists", sl_loop)],
    "label_smoothing_loss": [
        ("(1 - s) * cross-entropy + s * mean of -log p over the classes", lsl_mixture),
        ("torch.log_softmax: (1 - s) * NLL + s * mean of -log p", lsl_torch_mixture),
        ("calls smooth_labels for the targets", lsl_calls_smooth_labels),
        ("subtracts each row's maximum in place", lsl_shift_in_place),
        ("torch's cross_entropy in float32", lsl_torch_float32),
    ],
    "batchnorm_forward": [
        ("torch.nn.functional.batch_norm on copies", bn_torch),
        ("sums and an explicit N - 1", bn_sums),
    ],
    "batchnorm_backward": [("the staged computational graph (CS231n style)", bnb_staged)],
}


#: The WRONG entries that came from blind review (issue 22): written from the student
#: release alone, before reading the solutions or the hidden tests.
BLIND = {
    'bias_variance': [
        'averages the absolute bias over the points, then squares',
        'takes the median of the models as the average model',
        'divides the variance by R - 1 (ddof=1) instead of R',
        'averages the bias over the points before squaring it',
        "returns the root-mean-square bias (the square root of bias2)",
        "unpacks preds.shape as (P, R): divides by the wrong count when R != P",
    ],
    'sgd_weight_decay_step': [
        'shrinks the weights after the gradient step: (W - lr dW)(1 - lr alpha)',
        'decays the bias too, which the prompt forbids',
        'penalty gradient 2 * alpha * W (as if the penalty had no 1/2)',
        'updates a copy in place: integer W and b stay integer (or raise)',
        "returns torch tensors (torch.optim.SGD inside), not numpy arrays",
        "shrinks the weights after the gradient step: (W - lr dW)(1 - lr alpha)",
        "uses alpha / 2 (the penalty's factor) instead of alpha in the update",
        'returns b itself, not a new array, when the bias gradient is zero',
        'returns W and b themselves when lr = 0',
        'shrinks the weights after the gradient step: (W - lr dW)(1 - lr alpha)',
    ],
    'elastic_net': [
        'returns torch tensors instead of a float and a numpy array',
        'uses sign(0) = +1 (np.where(W >= 0, 1, -1))',
        'averages the penalty over the entries (the gradient is summed)',
        'np.linalg.norm(W, 1) for the L1 sum: a matrix norm (the largest column sum)',
        "builds dW with np.zeros_like(W): integer weights give a truncated integer gradient",
        "treats a weight below 1e-8 in size as an exact zero (sign 0)",
        "np.linalg.norm(W, 'fro') for the L2 sum: fails for weights that are not 2-D",
        "np.linalg.norm(W, 1) for the L1 sum: a matrix norm (the largest column sum)",
    ],
    'max_norm': [
        'compares the squared norm with c instead of c**2',
        'divides by max(norm, c) without the factor c',
        'constrains the rows (outgoing weights) instead of the columns',
        'scales an integer copy: integer weights are truncated',
        "returns W itself when no column is longer than c",
        "compares the squared norm with c instead of c**2",
        'integer weights stay integer when no column is longer than c',
        'returns W itself when no column is longer than c',
        'constrains the rows (outgoing weights) instead of the columns',
    ],
    'dropout': [
        'evaluation mode returns x itself, not a copy',
        'keep mask stored as floats, not booleans',
        'p = 0 in training mode returns early and draws nothing',
        'p = 1 in training mode returns early and draws nothing',
        'backward divides by the scale (zeros when the scale is 0)',
        "evaluation mode caches a float mask (np.ones_like(x)), not a boolean one",
        "evaluation mode caches the scalar True, not a mask of x's shape",
        "training mode with p = 0 returns x itself, not a new array",
        'treats p within 1e-6 of 1 as p = 1 (scale 0.0)',
    ],
    'early_stopping_fit': [
        'restores the best weights into params and returns params itself',
        'starts from a finite best loss (1e9): a first loss above it is no improvement',
        "remembers references to the arrays, not copies: the 'best' weights are the last",
        'counts a tie as an improvement (<= instead of <)',
        "starts the best loss at inf: a first loss of inf is no improvement",
        "starts from a finite best loss (1e10): a first loss above it is no improvement",
        "compares with np.isclose: a tiny strict improvement counts as a tie",
        'calls val_loss twice in an improving epoch',
        'returns params itself when the last epoch trained is the best one',
        'starts the best loss at inf: a first loss of inf is no improvement',
    ],
    'shift_images': [
        'keeps the dtype of integer images (np.zeros_like)',
        'uses the width W for the row bounds (right only for square images)',
        'returns the images themselves when dy = dx = 0',
        'uses np.roll: pixels wrap around to the other side',
        "uses the height H for the column bounds (right only for square images)",
        "np.roll, then zeroes a single row or column on the negative side",
        "shifts only the first image of the batch",
    ],
    'smooth_labels': [
        "spreads s over the other K - 1 classes (sums to 1, but is not torch's form)",
        'true class 1 - s, others s / K: the rows do not sum to 1',
        'takes K from the labels (max label + 1) instead of the argument K',
        'indexes whole columns with t[:, y]',
        "returns a torch tensor (one_hot), not a numpy array",
        "takes K from the labels (max label + 1) instead of the argument K",
        "true class 1 - s, others s / K: the rows do not sum to 1",
        'returns an integer one-hot array when smoothing is 0',
    ],
    'label_smoothing_loss': [
        'log-sum-exp subtracts the largest logit of the whole batch, not of each row',
        'log of a stabilized softmax: log(0) = -inf for logits of 1000',
        'sums over the batch instead of averaging',
        'targets with s / (K - 1) on the other classes',
        "returns torch's loss as a 0-d tensor, not a float",
        "targets with s / (K - 1) on the other classes",
    ],
    'batchnorm_forward': [
        'ignores the eps argument (always 1e-5)',
        'ignores the momentum argument (always 0.1)',
        'refuses a single example in evaluation mode too',
        'returns the running arrays themselves in evaluation mode, not new arrays',
        'eps outside the square root',
        "raises a ValueError without a message",
        "eps outside the square root",
        "ignores the momentum argument (always 0.1)",
        "refuses a single example in evaluation mode too",
    ],
    'batchnorm_backward': [
        'ignores the eps argument (always 1e-5)',
        'leaves eps out of sigma',
        'dgamma = sum of dout * x instead of dout * x_hat',
        'only the direct path: dx = gamma * dout / sigma',
        "eps outside the square root: sigma = sqrt(var) + eps",
        "takes N from x.shape[1] (the number of features)",
        "ignores the eps argument (always 1e-5)",
        "leaves eps out of sigma",
    ],
}
