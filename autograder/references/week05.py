"""Reference solutions of week05/regularization.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import numpy as np
import torch
import matplotlib.pyplot as plt
from dlcourse import check, data, plot, regularize
from dlcourse.train import quick_mode, scaled, seed_everything


def bias_variance(preds, f_true):
    """Squared bias and variance of a learning method, measured over resampled training sets.

    Args:
        preds: (R, P) predictions: row r holds the predictions, at P fixed test inputs, of
            the model trained on the r-th training set.
        f_true: (P,) the noise-free target f(x) at those P test inputs.

    Returns:
        (bias2, variance): two floats, each averaged over the P test inputs, with
        f_bar = preds.mean(axis=0), the average model, of shape (P,):
        bias2 = mean over p of (f_bar[p] - f_true[p])**2,
        variance = mean over p of (mean over r of (preds[r, p] - f_bar[p])**2)  (divide by R).
    """
    preds = np.asarray(preds, dtype=np.float64)
    f_true = np.asarray(f_true, dtype=np.float64)
    f_bar = preds.mean(axis=0)  # (P,) the average model over the R training sets
    bias2 = np.mean((f_bar - f_true) ** 2)  # square first, then average over the points
    variance = np.mean(np.mean((preds - f_bar) ** 2, axis=0))  # divides by R (ddof=0)
    return float(bias2), float(variance)


def sgd_weight_decay_step(W, b, dW, db, lr, alpha):
    """One SGD step with L2 weight decay on the weights, and no decay on the bias.

    W <- W - lr * dW - lr * alpha * W   (torch.optim.SGD with weight_decay=alpha)
    b <- b - lr * db                    (the bias is not decayed)

    Args:
        W: (D, K) weights. b: (K,) bias.
        dW: (D, K) and db: (K,) gradients of the cost J, without the penalty.
        lr: the learning rate eta. alpha: the decay strength (the penalty is
            (alpha / 2) * ||W||^2).

    Returns:
        (W_new, b_new): new float arrays of shapes (D, K) and (K,); W and b are not changed.
    """
    W = np.asarray(W, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    W_new = W - lr * np.asarray(dW, dtype=np.float64) - lr * alpha * W  # a new array
    b_new = b - lr * np.asarray(db, dtype=np.float64)
    return W_new, b_new


def elastic_net(W, l1, l2):
    """Elastic-net penalty Omega(W) and its gradient (a subgradient where a weight is 0).

    Omega(W) = l1 * sum_ij |W_ij| + (l2 / 2) * sum_ij W_ij**2
    dOmega/dW = l1 * sign(W) + l2 * W, with sign(0) = 0 (torch's gradient of abs at 0).

    Args:
        W: weights of any shape, e.g. (D, K). l1, l2: the two strengths, >= 0.

    Returns:
        (penalty, dW): a float, and an array of W's shape.
    """
    W = np.asarray(W, dtype=np.float64)
    penalty = l1 * np.sum(np.abs(W)) + 0.5 * l2 * np.sum(W ** 2)
    dW = l1 * np.sign(W) + l2 * W  # np.sign(0) == 0
    return float(penalty), dW


def max_norm(W, c):
    """Max-norm constraint: rescale each unit's incoming weights to a length of at most c.

    Column j of W holds the incoming weights of unit j. A column whose Euclidean norm is
    larger than c is multiplied by c / norm (its norm becomes c); the other columns,
    including all-zero ones, are left as they are.

    Args:
        W: (d_in, d_out) weights. c: the largest allowed norm, c > 0.

    Returns:
        (d_in, d_out) new float array; W is not changed.
    """
    W = np.asarray(W, dtype=np.float64)
    norms = np.linalg.norm(W, axis=0, keepdims=True)  # (1, d_out): one norm per unit
    return W * (c / np.maximum(norms, c))  # factor 1 where norm <= c, c / norm elsewhere


def dropout_forward(x, p, train, rng):
    """Inverted dropout, forward. p is the probability of DROPPING a unit (as in torch).

    Training: draw u = rng.random(x.shape) (one call, nothing else is drawn) and keep the
    units with u >= p; out = x * keep / (1 - p). Evaluation: out = x and nothing is drawn.
    p = 1 drops every unit: out is all zeros and scale is 0.0 (as torch's dropout).

    Args:
        x: (N, D) activations (any shape). p: drop probability, 0 <= p <= 1.
        train: True in training mode, False in evaluation mode.
        rng: a np.random.Generator.

    Returns:
        (out, cache): out has x's shape; cache = (keep, scale) with keep a boolean array of
        x's shape (all True in evaluation) and scale = 1 / (1 - p) in training (0.0 for
        p = 1), 1.0 in evaluation, so that out = x * keep * scale.
    """
    x = np.asarray(x, dtype=np.float64)
    if not train:
        return x.copy(), (np.ones(x.shape, dtype=bool), 1.0)  # identity; no draw
    keep = rng.random(x.shape) >= p  # a unit survives with probability 1 - p
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0  # inverted dropout: E[out] = x; p = 1 drops all
    return x * keep * scale, (keep, scale)


def dropout_backward(dout, cache):
    """Inverted dropout, backward.

    Args:
        dout: upstream gradient, x's shape. cache: (keep, scale) from dropout_forward.

    Returns:
        dx: dout * keep * scale, x's shape.
    """
    keep, scale = cache
    return np.asarray(dout, dtype=np.float64) * keep * scale


def early_stopping_fit(params, step, val_loss, max_epochs, patience):
    """Train with early stopping; return copies of the best weights seen.

    After each epoch e = 1, 2, ..., max_epochs: call step(params), then
    loss = val_loss(params). A loss strictly lower than every earlier one is an
    improvement (so epoch 1 always is, even with a loss of inf): remember copies of all the
    arrays and e. Stop as soon as `patience`
    epochs in a row bring no improvement (a tie is no improvement).

    Args:
        params: dict name -> numpy array. step(params) trains one epoch by changing these
            arrays IN PLACE (it returns nothing). val_loss(params) returns a float.
        max_epochs: the most epochs to train. patience: an integer >= 1.

    Returns:
        (best_params, best_epoch, epochs_run): a dict with copies (new arrays) of the weights
        after epoch best_epoch; best_epoch (1-based); epochs_run, the epochs trained.
    """
    best_loss, best_params, best_epoch, waited = None, None, 0, 0
    for epoch in range(1, max_epochs + 1):
        step(params)
        loss = val_loss(params)
        if best_loss is None or loss < best_loss:  # epoch 1 always; a tie never
            best_loss, best_epoch, waited = loss, epoch, 0
            best_params = {name: np.array(value, copy=True) for name, value in params.items()}
        else:
            waited += 1
            if waited >= patience:
                return best_params, best_epoch, epoch
    return best_params, best_epoch, max_epochs


def shift_images(images, dy, dx):
    """Shift a batch of images by whole pixels, filling the uncovered border with zeros.

    The pixel at row i, column j moves to row i + dy, column j + dx: dy > 0 moves the
    content down, dx > 0 moves it right (negative values: up, left). Pixels pushed past the
    border are lost (no wrap-around, unlike np.roll); uncovered pixels are 0.

    Args:
        images: (N, H, W) images. dy, dx: integers with |dy| < H and |dx| < W.

    Returns:
        (N, H, W) new float array; images is not changed.
    """
    images = np.asarray(images, dtype=np.float64)
    _, H, W = images.shape
    out = np.zeros_like(images)
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        images[:, max(-dy, 0):H + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out


def smooth_labels(y, K, smoothing):
    """Label-smoothed target vectors, as torch's CrossEntropyLoss(label_smoothing=smoothing).

    With s = smoothing, row n is (1 - s) * onehot(y[n]) + s / K: the true class gets
    1 - s + s / K, every other class s / K, and every row sums to 1.

    Args:
        y: (N,) integer labels in 0..K-1. K: number of classes. smoothing: s, 0 <= s <= 1.

    Returns:
        (N, K) float array.
    """
    y = np.asarray(y, dtype=np.int64)
    onehot = np.eye(K)[y]  # (N, K)
    return (1.0 - smoothing) * onehot + smoothing / K


def label_smoothing_loss(logits, y, smoothing):
    """Mean cross-entropy against label-smoothed targets, from logits.

    With targets t = (1 - s) * onehot(y) + s / K, s = smoothing, and log-probabilities computed
    by the log-sum-exp trick, loss = mean over n of (- sum_k t[n, k] * log_softmax(logits)[n, k]):
    torch.nn.CrossEntropyLoss(label_smoothing=smoothing). Finite for logits of +-1000.

    Args:
        logits: (N, K) scores. y: (N,) integer labels in 0..K-1. smoothing: s, 0 <= s <= 1.

    Returns:
        loss: float.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    N, K = z.shape
    m = z.max(axis=1, keepdims=True)  # (N, 1)
    log_p = z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))  # (N, K)
    t = (1.0 - smoothing) * np.eye(K)[y] + smoothing / K  # (N, K) targets, rows sum to 1
    return float(np.mean(-np.sum(t * log_p, axis=1)))


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.1,
                      eps=1e-5):
    """Batch normalization of (N, D) activations, forward, exactly as torch.nn.BatchNorm1d.

    Training: mu and var are the mean and the BIASED variance (divide by N) of each feature
    over the batch; x_hat = (x - mu) / sqrt(var + eps); out = gamma * x_hat + beta; and
        running_mean <- (1 - momentum) * running_mean + momentum * mu
        running_var  <- (1 - momentum) * running_var + momentum * var_unbiased (divide by N-1).
    Evaluation: x_hat = (x - running_mean) / sqrt(running_var + eps); out as above; the
    running statistics are returned unchanged.

    Args:
        x: (N, D); N >= 2 in training mode, any N >= 1 in evaluation mode.
        gamma, beta: (D,). running_mean, running_var: (D,).
        train: True for training mode. momentum, eps: floats.

    Returns:
        (out, new_running_mean, new_running_var): (N, D), (D,), (D,) new float arrays; no
        argument is changed.

    Raises:
        ValueError: in training mode with N = 1 (a batch of one has no variance), with
        torch's message "Expected more than 1 value per channel when training".
    """
    x = np.asarray(x, dtype=np.float64)
    running_mean = np.asarray(running_mean, dtype=np.float64)
    running_var = np.asarray(running_var, dtype=np.float64)
    if train:
        N = x.shape[0]
        if N < 2:  # N / (N - 1) would divide by zero: torch refuses too
            raise ValueError("Expected more than 1 value per channel when training, got a "
                             f"batch of {N}")
        mu = x.mean(axis=0)  # (D,)
        var = x.var(axis=0)  # (D,) biased: normalizes this batch
        x_hat = (x - mu) / np.sqrt(var + eps)  # (N, D)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)  # unbiased
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        new_mean, new_var = running_mean.copy(), running_var.copy()
    out = np.asarray(gamma, dtype=np.float64) * x_hat + np.asarray(beta, dtype=np.float64)
    return out, new_mean, new_var


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    """Batch normalization, backward, for the training-mode forward pass on the batch x.

    Args:
        dout: (N, D) upstream gradient dJ/dout. x: (N, D) the batch the forward pass saw.
        gamma: (D,) scale. eps: the forward pass's eps (biased batch variance var).

    Returns:
        (dx, dgamma, dbeta) of shapes (N, D), (D,), (D,), with x_hat = (x - mu) / sigma and
        sigma = sqrt(var + eps):
        dbeta = sum_n dout, dgamma = sum_n dout * x_hat,
        dx = gamma / (N * sigma) * (N * dout - dbeta - x_hat * dgamma).
    """
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    N = x.shape[0]
    sigma = np.sqrt(x.var(axis=0) + eps)  # (D,) biased variance, as in the forward pass
    x_hat = (x - x.mean(axis=0)) / sigma  # (N, D)
    dbeta = dout.sum(axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx = np.asarray(gamma, dtype=np.float64) / (N * sigma) * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
