"""Known-wrong and other correct variants of the exercises of ``week09/generative.ipynb``.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant must lose the exercise's points, every RIGHT variant
(another correct way to follow the prompt) must pass its test cells, visible checks included.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from autograder.mistakes import quiet
from dlcourse.train import seed_everything


# ------------------------------------------------------------------------ bce_reconstruction
def bce_mean_over_pixels(logits, x):
    return F.binary_cross_entropy_with_logits(logits, x)  # torch's default: mean over N*D


def bce_sum_over_batch(logits, x):
    return (F.softplus(logits) - x * logits).sum()


def bce_log_sigmoid(logits, x):
    p = torch.sigmoid(logits)
    return -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(dim=1).mean()


def bce_clamped_probabilities(logits, x):
    return F.binary_cross_entropy(torch.sigmoid(logits), x, reduction="sum") / len(x)


def bce_right_torch(logits, x):
    return F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / logits.shape[0]


def bce_right_logsigmoid(logits, x):
    # -[x log sigmoid(a) + (1 - x) log sigmoid(-a)], both logs computed stably
    per_pixel = -(x * F.logsigmoid(logits) + (1 - x) * F.logsigmoid(-logits))
    return per_pixel.sum(dim=1).mean()


# ------------------------------------------------------------------------- train_autoencoder
def _autoencoder(X, E, epochs, lr, seed, *, loss="bce", zero_grad=True, seed_first=True,
                 final_sigmoid=False, optimizer="adam", move=True):
    if seed_first:
        seed_everything(seed)
    D = X.shape[1]
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    last = [torch.nn.Sigmoid()] if final_sigmoid else []
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D),
                                  *last)
    if not seed_first:
        seed_everything(seed)
    if move:
        encoder, decoder = encoder.to(X.device), decoder.to(X.device)
    params = list(encoder.parameters()) + list(decoder.parameters())
    opt = (torch.optim.Adam(params, lr=lr) if optimizer == "adam"
           else torch.optim.SGD(params, lr=lr))
    for _ in range(epochs):
        out = decoder(encoder(X))
        if loss == "mse":
            cost = ((torch.sigmoid(out) - X) ** 2).mean()
        elif loss == "mean":
            cost = F.binary_cross_entropy_with_logits(out, X)  # over all N*D entries
        elif loss == "sum":
            cost = F.binary_cross_entropy_with_logits(out, X, reduction="sum")  # no / N
        else:
            cost = (F.softplus(out) - X * out).sum(dim=1).mean()
        if zero_grad:
            opt.zero_grad()
        cost.backward()
        opt.step()
    return encoder, decoder


def ae_not_on_device(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, move=False)


def ae_mse(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, loss="mse")


def ae_no_zero_grad(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, zero_grad=False)


def ae_seed_after_building(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, seed_first=False)


def ae_sgd(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, optimizer="sgd")


def ae_right_torch_loss_and_groups(X, E, epochs, lr, seed):
    seed_everything(seed)
    N, D = X.shape
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder, decoder = encoder.to(X.device), decoder.to(X.device)
    opt = torch.optim.Adam([{"params": encoder.parameters()}, {"params": decoder.parameters()}],
                           lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(decoder(encoder(X)), X, reduction="sum") / N
        loss.backward()
        opt.step()
    return encoder, decoder


# ---------------------------------------------------------------------------- reparameterize
def _eps(mu, generator):
    return torch.randn(mu.shape, generator=generator, dtype=mu.dtype,
                       device=generator.device).to(mu.device)


def rep_without_mean(mu, logvar, generator):
    return torch.exp(0.5 * logvar) * _eps(mu, generator)


def rep_logvar_as_sigma(mu, logvar, generator):
    return mu + logvar * _eps(mu, generator)


def rep_variance_as_sigma(mu, logvar, generator):
    return mu + torch.exp(logvar) * _eps(mu, generator)


def rep_detached(mu, logvar, generator):
    return (mu + torch.exp(0.5 * logvar) * _eps(mu, generator)).detach()


def rep_global_rng(mu, logvar, generator):
    return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)  # ignores the generator


def rep_right_normal_(mu, logvar, generator):
    eps = torch.empty(mu.shape, dtype=mu.dtype, device=generator.device).normal_(
        generator=generator)
    return mu + torch.sqrt(torch.exp(logvar)) * eps.to(mu.device)


# ------------------------------------------------------------------------------- gaussian_kl
def kl_log_sigma_for_log_var(mu, logvar):
    sigma = torch.exp(0.5 * logvar)
    # log sigma where the formula has log sigma^2
    return 0.5 * (sigma ** 2 + mu ** 2 - 1 - torch.log(sigma)).sum(dim=1)


def kl_logvar_as_sigma(mu, logvar):
    return 0.5 * (logvar ** 2 + mu ** 2 - 1 - torch.log(logvar ** 2)).sum(dim=1)


def kl_no_half(mu, logvar):
    return (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1)


def kl_wrong_sign(mu, logvar):
    return 0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar)).sum(dim=1)


def kl_mean_over_dims(mu, logvar):
    return 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).mean(dim=1)


def kl_right_distributions(mu, logvar):
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch.distributions.kl_divergence(q, p).sum(dim=1)


def kl_right_loop(mu, logvar):
    total = torch.zeros(mu.shape[0], dtype=mu.dtype)
    for k in range(mu.shape[1]):
        var = torch.exp(logvar[:, k])
        total = total - 0.5 * (1 + logvar[:, k] - mu[:, k] ** 2 - var)
    return total


# ----------------------------------------------------------------------------- negative_elbo
def _terms(x_logits, x, mu, logvar):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1)  # (N,)
    kl = 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1)  # (N,)
    return recon, kl


def elbo_summed_over_batch(x_logits, x, mu, logvar, beta=1.0):
    recon, kl = _terms(x_logits, x, mu, logvar)
    return recon.sum() + beta * kl.sum(), recon.sum(), kl.sum()


def elbo_kl_sign(x_logits, x, mu, logvar, beta=1.0):
    recon, kl = _terms(x_logits, x, mu, logvar)
    return recon.mean() - beta * kl.mean(), recon.mean(), -kl.mean()


def elbo_recon_mean_over_pixels(x_logits, x, mu, logvar, beta=1.0):
    recon = F.binary_cross_entropy_with_logits(x_logits, x)
    kl = _terms(x_logits, x, mu, logvar)[1].mean()
    return recon + beta * kl, recon, kl


def elbo_beta_on_recon(x_logits, x, mu, logvar, beta=1.0):
    recon, kl = (t.mean() for t in _terms(x_logits, x, mu, logvar))
    return beta * recon + kl, recon, kl


def elbo_right_torch(x_logits, x, mu, logvar, beta=1.0):
    n = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / n
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = torch.distributions.kl_divergence(q, p).sum() / n
    return recon + beta * kl, recon, kl


# ------------------------------------------------------------------------ discriminator_loss
def d_labels_swapped(real_logits, fake_logits):
    return F.softplus(real_logits).mean() + F.softplus(-fake_logits).mean()


def d_log_sigmoid(real_logits, fake_logits):
    return -(torch.log(torch.sigmoid(real_logits)).mean()
             + torch.log(1 - torch.sigmoid(fake_logits)).mean())


def d_one_mean_of_both(real_logits, fake_logits):
    return torch.cat([F.softplus(-real_logits), F.softplus(fake_logits)]).mean()


def d_right_torch(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def d_right_logaddexp(real_logits, fake_logits):
    zero_r, zero_f = torch.zeros_like(real_logits), torch.zeros_like(fake_logits)
    return (torch.logaddexp(zero_r, -real_logits).mean()
            + torch.logaddexp(zero_f, fake_logits).mean())


# ---------------------------------------------------------------------------- generator_loss
def g_nonsaturating_wrong_sign(fake_logits, saturating=False):
    if saturating:
        return -F.softplus(fake_logits).mean()
    return -F.softplus(-fake_logits).mean()  # maximizes -log D: pushes fakes away


def g_saturating_wrong_sign(fake_logits, saturating=False):
    if saturating:
        return F.softplus(fake_logits).mean()  # the discriminator's fake term, not the game's
    return F.softplus(-fake_logits).mean()


def g_log_of_sigmoid(fake_logits, saturating=False):
    p = torch.sigmoid(fake_logits)
    return torch.log(1 - p).mean() if saturating else -torch.log(p).mean()


def g_forms_swapped(fake_logits, saturating=False):
    if saturating:
        return F.softplus(-fake_logits).mean()
    return -F.softplus(fake_logits).mean()


def g_right_logsigmoid(fake_logits, saturating=False):
    if saturating:
        return F.logsigmoid(-fake_logits).mean()  # log(1 - sigmoid(a)) = log sigmoid(-a)
    return -F.logsigmoid(fake_logits).mean()


# --------------------------------------------------------------------- generator_logit_grads
def grads_no_mean(fake_logits):
    p = torch.sigmoid(fake_logits)
    return -p, -(1 - p)


def grads_wrong_sign(fake_logits):
    p = torch.sigmoid(fake_logits)
    n = len(fake_logits)
    return p / n, (1 - p) / n


def grads_swapped(fake_logits):
    p = torch.sigmoid(fake_logits)
    n = len(fake_logits)
    return -(1 - p) / n, -p / n


def grads_sigmoid_derivative(fake_logits):
    p = torch.sigmoid(fake_logits)  # sigma'(a) instead of the chain rule through the log
    n = len(fake_logits)
    return -p * (1 - p) / n, -p * (1 - p) / n


def grads_one_minus_sigmoid(fake_logits):
    p = torch.sigmoid(fake_logits)
    n = len(fake_logits)
    return -p / n, -(1 - p) / n  # 1 - p rounds to 0 once p rounds to 1 (a >= 37 in float64)


def grads_right_autograd(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    g_sat, = torch.autograd.grad(-F.softplus(a).mean(), a)
    g_ns, = torch.autograd.grad(F.softplus(-a).mean(), a)
    return g_sat, g_ns


# ----------------------------------------------------------------------------- modes_covered
def _dist(samples, centers):
    s = np.asarray(samples, dtype=np.float64)
    c = np.asarray(centers, dtype=np.float64)
    return np.sqrt(((s[:, None, :] - c[None, :, :]) ** 2).sum(axis=2))  # (P, K)


def modes_strictly_inside(samples, centers, radius, min_count=1):
    near = _dist(samples, centers) < radius
    return int(np.sum(near.sum(axis=0) >= min_count)), float(near.any(axis=1).mean())


def modes_squared_distance(samples, centers, radius, min_count=1):
    near = _dist(samples, centers) ** 2 <= radius
    return int(np.sum(near.sum(axis=0) >= min_count)), float(near.any(axis=1).mean())


def modes_more_than_min_count(samples, centers, radius, min_count=1):
    near = _dist(samples, centers) <= radius
    return int(np.sum(near.sum(axis=0) > min_count)), float(near.any(axis=1).mean())


def modes_counts_samples(samples, centers, radius, min_count=1):
    near = _dist(samples, centers) <= radius
    return int(near.any(axis=1).sum()), float(near.any(axis=1).mean())


def modes_nearest_centre_only(samples, centers, radius, min_count=1):
    dist = _dist(samples, centers)
    counts = np.bincount(dist.argmin(axis=1), minlength=len(dist[0]))  # ignores the radius
    return int(np.sum(counts >= min_count)), float((dist.min(axis=1) <= radius).mean())


def modes_right_loop(samples, centers, radius, min_count=1):
    samples = [tuple(map(float, s)) for s in samples]
    n_covered = 0
    close = [False] * len(samples)
    for cx, cy in centers:
        count = 0
        for i, (sx, sy) in enumerate(samples):
            if np.hypot(sx - cx, sy - cy) <= radius:
                count += 1
                close[i] = True
        n_covered += count >= min_count
    return int(n_covered), sum(close) / len(samples)


# ---------------------------------------------------------------------------------- gan_step
def step_generator_first(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    g_loss = g_loss_fn(D(fake)[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    return d_loss.item(), g_loss.item()


def step_no_zero_grad_D(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    d_loss.backward()  # adds to the gradients the previous generator step left in D
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def step_new_fakes_for_D(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    # scores z as if it were a fake point: skips the generator in D's step
    d_loss = d_loss_fn(D(real)[:, 0], D(z)[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(G(z))[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def step_generator_minimizes_d_loss(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = d_loss_fn(D(real)[:, 0], D(fake)[:, 0])  # helps the discriminator
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def step_right_zero_grad_at_end(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    opt_D.zero_grad()
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    d_loss.backward()
    opt_D.step()
    opt_G.zero_grad()
    g_loss = g_loss_fn(D(fake).squeeze(1))
    g_loss.backward()
    opt_G.step()
    opt_D.zero_grad()  # clean up what the generator's backward left in D
    return float(d_loss.detach()), float(g_loss.detach())


# ------------------------------------------------- mistakes found by blind review (issue 22)
def bce_float32(logits, x):
    a, x = logits.float(), x.float()
    return (F.softplus(a) - x * a).sum(dim=1).mean()


def bce_numpy(logits, x):
    a, t = logits.detach().cpu().numpy(), x.detach().cpu().numpy()
    per_image = (np.logaddexp(0.0, a) - t * a).sum(axis=1)
    return torch.tensor(per_image.mean(), dtype=logits.dtype)  # no graph back to logits


def bce_log1p_exp(logits, x):
    return (torch.log1p(torch.exp(logits)) - x * logits).sum(dim=1).mean()


def ae_mean_over_entries(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, loss="mean")


def ae_one_step_too_few(X, E, epochs, lr, seed):
    return _autoencoder(X, E, max(epochs - 1, 0), lr, seed)


def ae_decoder_first(X, E, epochs, lr, seed):
    seed_everything(seed)
    D = X.shape[1]
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    encoder.to(X.device), decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        a = decoder(encoder(X))
        loss = (F.softplus(a) - X * a).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder


def rep_one_eps_row(mu, logvar, generator):
    eps = torch.randn(mu.shape[1:], generator=generator, dtype=mu.dtype, device=generator.device)
    return mu + torch.exp(0.5 * logvar) * eps.to(mu.device)  # the same eps for every row


def rep_eps_float32(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, device=generator.device)
    return mu + torch.exp(0.5 * logvar) * eps.to(device=mu.device, dtype=mu.dtype)


def kl_keepdim(mu, logvar):
    return 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1, keepdim=True)


def kl_numpy(mu, logvar):
    m, lv = mu.detach().cpu().numpy(), logvar.detach().cpu().numpy()
    return 0.5 * (np.exp(lv) + m ** 2 - 1 - lv).sum(axis=1)


def elbo_kl_mean_over_dims(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = (0.5 * (logvar.exp() + mu ** 2 - 1 - logvar)).mean(dim=1).mean()
    return recon + beta * kl, recon, kl


def elbo_terms_as_floats(x_logits, x, mu, logvar, beta=1.0):
    recon, kl = (term.mean() for term in _terms(x_logits, x, mu, logvar))
    return recon + beta * kl, recon.item(), kl.item()


def d_half_of_the_sum(real_logits, fake_logits):
    return 0.5 * (F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean())


def g_numpy(fake_logits, saturating=False):
    a = fake_logits.detach().cpu().numpy()
    value = -np.logaddexp(0.0, a).mean() if saturating else np.logaddexp(0.0, -a).mean()
    return torch.tensor(value, dtype=fake_logits.dtype)  # no graph back to the logits


def g_log_one_minus_sigmoid(fake_logits, saturating=False):
    if saturating:
        return torch.log(1 - torch.sigmoid(fake_logits)).mean()
    return F.softplus(-fake_logits).mean()


@quiet  # np.exp overflows at the logits of -1000 the hidden cases use
def grads_numpy(fake_logits):
    a = fake_logits.detach().cpu().numpy()
    s = 1 / (1 + np.exp(-a))
    return -s / len(a), -(1 - s) / len(a)


def grads_autograd_not_cleared(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    (-F.softplus(a).mean()).backward()
    g_sat = a.grad.clone()
    F.softplus(-a).mean().backward()  # adds to the gradient already in a.grad
    return g_sat, a.grad.clone()


def modes_pairs_in_fraction(samples, centers, radius, min_count=1):
    near = _dist(samples, centers) <= radius  # (P, K)
    return int(np.sum(near.sum(axis=0) >= min_count)), float(near.sum() / len(near))


def modes_nearest_within_radius(samples, centers, radius, min_count=1):
    dist = _dist(samples, centers)
    close = dist.min(axis=1) <= radius
    counts = np.bincount(dist.argmin(axis=1)[close], minlength=dist.shape[1])
    return int(np.sum(counts >= min_count)), float(close.mean())


def step_fakes_detached_for_both(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z).detach()  # the generator's step then gets no gradient
    d_loss = d_loss_fn(D(real)[:, 0], D(fake)[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def step_g_loss_after_update(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    with torch.no_grad():
        return d_loss.item(), g_loss_fn(D(G(z))[:, 0]).item()


def step_no_zero_grad_G(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    g_loss.backward()  # on top of the previous call's gradients
    opt_G.step()
    return d_loss.item(), g_loss.item()


def _softplus_where(t):
    # finite value, but the branch torch.where discards still overflows: its gradient is nan
    return torch.where(t > 20, t, torch.log1p(torch.exp(t)))


def bce_where_nan_gradient(logits, x):
    sp = torch.where(logits > 0, logits + torch.log1p(torch.exp(-logits)),
                     torch.log1p(torch.exp(logits)))
    return (sp - x * logits).sum(dim=1).mean()


def d_where_nan_gradient(real_logits, fake_logits):
    return _softplus_where(-real_logits).mean() + _softplus_where(fake_logits).mean()


def g_saturating_where_nan_gradient(fake_logits, saturating=False):
    if saturating:
        return -_softplus_where(fake_logits).mean()
    return F.softplus(-fake_logits).mean()


def g_nonsaturating_where_nan_gradient(fake_logits, saturating=False):
    if saturating:
        return -F.softplus(fake_logits).mean()
    return _softplus_where(-fake_logits).mean()


# ---------------------------------------- other correct solutions found by blind review
def bce_right_clamp_form(logits, x):
    per_pixel = logits.clamp(min=0) - x * logits + torch.log1p(torch.exp(-logits.abs()))
    return per_pixel.sum() / logits.shape[0]


def g_right_is_true(fake_logits, saturating=False):
    if saturating is True:
        return -F.softplus(fake_logits).mean()
    return F.softplus(-fake_logits).mean()


def modes_right_squared_radius(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=np.float64).reshape(-1, 2)
    near_any, n_covered = np.zeros(len(s), dtype=bool), 0
    for c in np.asarray(centers, dtype=np.float64):
        near = ((s - c) ** 2).sum(axis=1) <= radius ** 2
        near_any |= near
        n_covered += int(near.sum() >= min_count)
    return n_covered, float(near_any.mean())


def step_right_recomputed_fakes(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    with torch.no_grad():
        fake_fixed = G(z)
    opt_D.zero_grad()
    d_cost = d_loss_fn(D(real).flatten(), D(fake_fixed).flatten())
    d_cost.backward()
    opt_D.step()
    opt_G.zero_grad()
    g_cost = g_loss_fn(D(G(z)).flatten())
    g_cost.backward()
    opt_G.step()
    return float(d_cost.item()), float(g_cost.item())


# ---------------------------------------- found by the second blind review (issue 22, round 2)
def ae_default_lr(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, 1e-3, seed)  # Adam's default: the lr argument is ignored


def ae_seed_zero(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, 0)  # the seed argument is ignored


def ae_sum_over_batch(X, E, epochs, lr, seed):
    return _autoencoder(X, E, epochs, lr, seed, loss="sum")


def rep_clamped_logvar(mu, logvar, generator):
    return mu + torch.exp(0.5 * logvar.clamp(-10.0, 10.0)) * _eps(mu, generator)


def kl_squeezed(mu, logvar):
    kl = 0.5 * torch.sum(torch.exp(logvar) + mu ** 2 - 1 - logvar, dim=1, keepdim=True)
    return kl.squeeze()  # 0-dim when N = 1


def kl_variance_as_scale(mu, logvar):
    q = torch.distributions.Normal(mu, torch.exp(logvar))  # the variance where sigma belongs
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch.distributions.kl_divergence(q, p).sum(dim=1)


def elbo_kl_times_beta(x_logits, x, mu, logvar, beta=1.0):
    recon, kl = (t.mean() for t in _terms(x_logits, x, mu, logvar))
    return recon + beta * kl, recon, beta * kl  # kl reported already weighted


def elbo_log_sigmoid(x_logits, x, mu, logvar, beta=1.0):
    p = torch.sigmoid(x_logits)
    recon = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(dim=1).mean()
    kl = _terms(x_logits, x, mu, logvar)[1].mean()
    return recon + beta * kl, recon, kl


def d_detached_fakes(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits.detach()).mean()


def grads_sat_one_minus(fake_logits):
    n = fake_logits.shape[0]
    q = torch.sigmoid(-fake_logits)
    return -(1 - q) / n, -q / n  # 1 - q cancels to 0 once q rounds to 1 (a <= -37)


def grads_exp_ratio(fake_logits):
    n = fake_logits.shape[0]
    e = torch.exp(fake_logits)  # inf from a ~ 710 in float64: inf / inf is nan
    return -(e / (1 + e)) / n, -(1 / (1 + e)) / n


def modes_fraction_of_covered(samples, centers, radius, min_count=1):
    near = _dist(samples, centers) <= radius  # (P, K)
    covered = near.sum(axis=0) >= min_count
    return int(covered.sum()), float(near[:, covered].any(axis=1).mean())


def step_unflattened_logits(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real), D(fake.detach()))  # (N, 1) logits
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake))
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def step_no_detach_retain_graph(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    opt_D.zero_grad()
    opt_G.zero_grad()
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake)[:, 0])  # reaches G's parameters too
    d_loss.backward(retain_graph=True)
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def bce_right_row_loop(logits, x):
    total = torch.zeros((), dtype=logits.dtype, device=logits.device)
    for a_i, x_i in zip(logits, x):
        total = total + (F.softplus(-a_i) + (1 - x_i) * a_i).sum()  # = softplus(a) - x a
    return total / logits.shape[0]


def rep_right_addcmul(mu, logvar, generator):
    return torch.addcmul(mu, torch.exp(logvar).sqrt(), _eps(mu, generator))


def kl_right_through_variance(mu, logvar):
    # log(exp(logvar)) is -inf once exp underflows (logvar < -745 in float64): the prompt
    # promises nothing there, and no realistic encoder gets near it
    var = torch.exp(logvar)
    return 0.5 * (var + mu ** 2 - 1 - torch.log(var)).sum(dim=1)


def d_right_logsigmoid(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def g_right_clamp_abs(fake_logits, saturating=False):
    # the catalogue's bce_right_clamp_form again: right value and finite gradients (autograd's
    # derivative at exactly a = 0 is 1 rather than 1/2, as for that entry)
    def softplus(t):
        return t.clamp(min=0) + torch.log1p(torch.exp(-t.abs()))
    if saturating:
        return -softplus(fake_logits).mean()
    return softplus(-fake_logits).mean()


def grads_right_autograd_logsigmoid(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    g_sat, = torch.autograd.grad(F.logsigmoid(-a).mean(), a)
    g_ns, = torch.autograd.grad(-F.logsigmoid(a).mean(), a)
    return g_sat, g_ns


def modes_right_hypot(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=np.float64)
    any_near, n_covered = np.zeros(len(s), dtype=bool), 0
    for cx, cy in np.asarray(centers, dtype=np.float64):
        near = np.hypot(s[:, 0] - cx, s[:, 1] - cy) <= radius
        any_near |= near
        n_covered += int(near.sum() >= min_count)
    return n_covered, float(any_near.sum()) / len(s)


def step_right_reshape(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    opt_D.zero_grad()
    d_loss = d_loss_fn(D(real).reshape(-1), D(G(z).detach()).reshape(-1))
    d_loss.backward()
    opt_D.step()
    opt_G.zero_grad()
    g_loss = g_loss_fn(D(G(z)).reshape(-1))
    g_loss.backward()
    opt_G.step()
    return float(d_loss.item()), float(g_loss.item())


WRONG = {
    "bce_reconstruction": [
        ("mean over all N*D entries (torch's default reduction), not a sum over pixels",
         bce_mean_over_pixels,
         "The cost of one image is a sum over its D pixels. Self-test: all-zero logits must give "
         "D log 2 (about 44.4 for 64 pixels), not log 2."),
        ("summed over the batch as well, not averaged over it", bce_sum_over_batch,
         "Repeat your batch twice along N: the cost must not change, since it is a mean over the "
         "images. Which dimensions do you sum over?"),
        ("log(sigmoid(a)): infinite and nan for logits of +-1000", bce_log_sigmoid,
         "Try logits of +-1000: sigmoid rounds to exactly 0 or 1 and a log of 0 appears. Re-read "
         "the section's paragraph on stability."),
        ("BCE on sigmoid probabilities: torch clamps each log at -100", bce_clamped_probabilities,
         "Try a confidently wrong pixel, logit -1000 where x = 1: its true cost is 1000. Does "
         "yours report that, or a capped value? Work with the logits throughout."),
        ("computes in float32 whatever the inputs' dtype", bce_float32,
         "Print the dtype of your cost for float64 inputs: the prompt asks for the inputs' "
         "dtype. Which of your operations changes it?"),
        ("computes in numpy: no gradient reaches the logits", bce_numpy,
         "Call .backward() on your cost with logits that require grad: does logits.grad "
         "appear? A tensor made from numpy values has no history."),
        ("log1p(exp(a)): infinite for logits of +-1000", bce_log1p_exp,
         "Self-test: logits [[1000, -1000, 1000]], x [[1, 1, 0]] cost 2000. Does exp "
         "overflow anywhere in your formula?"),
        ("torch.where softplus: finite cost but a nan gradient at logits of +-1000",
         bce_where_nan_gradient,
         "Call .backward() at logits [[1000, -1000]]: is logits.grad finite? torch.where "
         "back-propagates through both branches, so neither may overflow."),
    ],
    "train_autoencoder": [
        ("squared error on the sigmoid instead of the Bernoulli cost", ae_mse,
         "The decoder's outputs are logits of Bernoulli pixels, and step 5 names the cost. Print "
         "your first loss on the digits: is it near the prompt's 45 for an untrained net?"),
        ("no zero_grad: gradients accumulate over the steps", ae_no_zero_grad,
         "backward() adds to the gradients already stored. After the first step, are the "
         "gradients of each step only its own? Check the order of step 5."),
        ("seed_everything after creating the networks", ae_seed_after_building,
         "Self-test: call torch.manual_seed(0), then your function with epochs=0; repeat after "
         "torch.manual_seed(123). Same seed argument, so the weights must be identical."),
        ("plain SGD instead of Adam", ae_sgd,
         "Re-read step 4 of the prompt: which optimizer does it name? Different optimizers take "
         "different steps from the same gradient."),
        ("the cost averaged over the N*D entries (torch's default reduction)", ae_mean_over_entries,
         "Re-read the prompt's cost: summed over the pixels, mean over the batch. Compare "
         "your value with that sum on the same logits."),
        ("one Adam step too few", ae_one_step_too_few,
         "Count the optimizer steps your loop takes for epochs=2: the prompt asks for "
         "exactly epochs steps, and epochs=0 for none."),
        ("creates the decoder before the encoder", ae_decoder_first,
         "The order of creation fixes the random initial weights: compare your order of "
         "steps 1 to 3 with the prompt's, line by line."),
        ("the networks stay on the CPU: not moved to X.device", ae_not_on_device,
         "Self-test with X on another device (a GPU, or torch.zeros(4, 64, device='meta') and "
         "epochs=0): on which device are your parameters? Re-read step 4 of the prompt."),
        ("ignores lr: Adam's default learning rate", ae_default_lr,
         "Self-test: one step with lr=0.1 and one with lr=0.001 from the same seed must move "
         "the weights by different amounts. Where does your lr argument go?"),
        ("ignores the seed argument: always seeds 0", ae_seed_zero,
         "Self-test: epochs=0 with seed=0 and with seed=1 must give different initial "
         "weights. What do you pass to seed_everything?"),
        ("the cost summed over the batch too, not averaged", ae_sum_over_batch,
         "Re-read step 5: the cost is a sum over the pixels and a mean over the batch. Print "
         "your first cost on the digits: is it near the prompt's 45?"),
    ],
    "reparameterize": [
        ("samples without the mean: sigma * eps", rep_without_mean,
         "Self-test: with logvar very negative (sigma near 0), z should land on mu. Where does "
         "yours land?"),
        ("uses the log-variance as the standard deviation", rep_logvar_as_sigma,
         "The encoder outputs the log-variance, which may be negative; a standard deviation "
         "cannot be. Self-test: logvar = 0 means sigma = 1, not 0."),
        ("uses the variance exp(logvar) as the standard deviation", rep_variance_as_sigma,
         "Sigma is the square root of the variance. Self-test: with logvar = log 4, z - mu should "
         "be 2 eps; re-read how sigma is obtained from log sigma^2."),
        ("detaches z: no gradient reaches the encoder", rep_detached,
         "Call backward on z.sum(): mu.grad should be all ones and logvar.grad 0.5 sigma eps. Is "
         "anything cutting z out of the autograd graph?"),
        ("draws eps from the global generator, ignoring the one given", rep_global_rng,
         "Self-test: two calls with generators seeded alike must return the same z, even if "
         "torch.manual_seed is called in between. Which generator draws your eps?"),
        ("one eps row shared by every example", rep_one_eps_row,
         "Print eps for N = 3 rows: each example needs its own noise, drawn once as an (N, "
         "E) tensor. Are your rows different?"),
        ("draws eps in float32, then casts it", rep_eps_float32,
         "Compare your eps with the prompt's line for float64 mu: the dtype of the draw "
         "changes the numbers, not only their precision."),
        ("clamps logvar to [-10, 10] before taking sigma", rep_clamped_logvar,
         "Self-test: mu = 0, logvar = 30 (sigma = e^15): z / eps must be about 3.3e6. The "
         "prompt's formula has no range limit; does anything in yours cap sigma?"),
    ],
    "gaussian_kl": [
        ("log sigma in place of log sigma^2", kl_log_sigma_for_log_var,
         "The formula's last term is the log of the variance, which logvar already is. Check your "
         "KL at mu = 0, logvar = 2 against torch.distributions.kl_divergence."),
        ("takes logvar for sigma", kl_logvar_as_sigma,
         "logvar is log sigma^2, not sigma, and it may be negative. Self-test: mu = 0 and "
         "logvar = 0 must give a KL of exactly 0; does yours?"),
        ("missing the factor 1/2", kl_no_half,
         "Compare with torch.distributions.kl_divergence(Normal(mu, std), Normal(0, 1)) at "
         "mu = 1, logvar = 0. Does a constant factor separate the two?"),
        ("wrong sign (the ELBO's -KL term)", kl_wrong_sign,
         "A KL divergence is never negative. Try mu = 1, logvar = 0: is your value above 0? The "
         "ELBO subtracts the KL, but the KL itself is positive."),
        ("averaged over the latent dimensions instead of summed", kl_mean_over_dims,
         "The latent dimensions are independent, so their KLs add up. Self-test: duplicating "
         "every latent dimension (E to 2E) must double the KL; does yours?"),
        ("keepdim: shape (N, 1) instead of (N,)", kl_keepdim,
         "Print the shape of your result: one KL per row, a tensor of shape (N,)."),
        ("computes in numpy and returns a numpy array", kl_numpy,
         "Print type(...) of what you return: the prompt asks for a torch tensor, which the "
         "VAE's loss back-propagates through."),
        ("squeezes the result: a 0-dim tensor when N = 1", kl_squeezed,
         "Print the shape of your result for a single row (N = 1): it must still be (1,), one "
         "KL per row."),
        ("torch.distributions with the variance as the scale", kl_variance_as_scale,
         "Normal(loc, scale) takes a standard deviation. Self-test: mu = 0, logvar = log 4 has "
         "KL (4 - 1 - log 4) / 2, about 0.81."),
    ],
    "negative_elbo": [
        ("summed over the batch where the prompt says mean", elbo_summed_over_batch,
         "Repeat your batch twice along N: loss, recon and kl must not change, because each is a "
         "mean over the images. What do you do over the batch axis?"),
        ("KL subtracted instead of added", elbo_kl_sign,
         "Negating the ELBO flips the sign of both of its terms. Check that your kl is never "
         "negative and that a larger KL makes the loss larger."),
        ("reconstruction averaged over the pixels", elbo_recon_mean_over_pixels,
         "Self-test: all-zero logits must give recon = D log 2 (about 44.4 for 64 pixels). If you "
         "use torch's BCE with logits, check what its default reduction averages over."),
        ("beta weights the reconstruction instead of the KL", elbo_beta_on_recon,
         "beta is the KL's weight: with beta = 0 the loss must equal recon alone. Try beta = 0 "
         "and beta = 4 and see which term's share changes."),
        ("KL averaged over the latent dimensions", elbo_kl_mean_over_dims,
         "Self-test with E = 2 latent dimensions, mu = 1, logvar = 0: the KL of one example "
         "is 1, summed over both dimensions. What is yours?"),
        ("returns recon and kl as Python floats", elbo_terms_as_floats,
         "Print type(...) of each of the three values you return: the prompt asks for three "
         "0-dim tensors."),
        ("returns beta * KL as kl", elbo_kl_times_beta,
         "Self-test: kl must not change with beta, only the loss does. Compare your kl at "
         "beta = 1 and beta = 4."),
        ("recon from log(sigmoid): infinite for confident logits", elbo_log_sigmoid,
         "Try a logit of -1000 on a pixel with x = 1: its true cost is 1000. Does your recon "
         "give that, or inf? Re-read section 1 on stability."),
    ],
    "discriminator_loss": [
        ("labels swapped: real 0 and fake 1", d_labels_swapped,
         "The discriminator should be rewarded for high logits on real samples. Self-test: real "
         "logits +10 and fake logits -10 (a perfect discriminator) should cost almost 0."),
        ("log(sigmoid): infinite for logits of +-1000", d_log_sigmoid,
         "Try real logits of -1000: sigmoid rounds to 0 and its log is -inf. Re-read how the text "
         "writes -log sigma(a) with softplus."),
        ("one mean over real and fake together instead of the sum of two means",
         d_one_mean_of_both,
         "Self-test: with all logits 0 each of the two terms is log 2, so 2 log 2 in all. Also "
         "try N_r different from N_f: does the bigger batch outweigh the other?"),
        ("half the sum of the two means", d_half_of_the_sum,
         "Self-test: all logits 0 cost log 2 on each side, so the cost is 2 log 2. What "
         "factor does yours apply?"),
        ("torch.where softplus: finite cost but a nan gradient at logits of +-1000",
         d_where_nan_gradient,
         "Back-propagate your cost at real logits [1000, -1000] and fake [-1000, 1000]: are "
         "both gradients finite? torch.where differentiates the branch it discards too."),
        ("detaches the fake logits: no gradient reaches them", d_detached_fakes,
         "Call .backward() on your cost with both arguments requiring grad: does "
         "fake_logits.grad appear? Which step detaches, and where, is gan_step's business."),
    ],
    "generator_loss": [
        ("non-saturating cost with the wrong sign", g_nonsaturating_wrong_sign,
         "The non-saturating cost is minus a log-probability, so it is never negative, and it "
         "must fall as the fake logits rise. Is yours positive and decreasing in a?"),
        ("saturating cost with the wrong sign (the discriminator's fake term)",
         g_saturating_wrong_sign,
         "Re-read the prompt's note on signs: the saturating cost is a log-probability, so it is "
         "negative, and it too must fall as a grows. Check yours at a = 0 and a = 5."),
        ("log of the sigmoid: infinite at logits of +-1000", g_log_of_sigmoid,
         "Try fake logits of +-1000: sigmoid rounds to 0 or 1 and a log of 0 appears. Both forms "
         "can be written with softplus, as the text does."),
        ("the two forms swapped", g_forms_swapped,
         "Check your two branches at a = 0: the saturating cost is a log-probability (negative, "
         "-log 2), the non-saturating one is positive (+log 2)."),
        ("computes in numpy: no gradient reaches the logits", g_numpy,
         "Call .backward() on your cost with logits that require grad: does a gradient "
         "appear? The generator is trained through this value."),
        ("log(1 - sigmoid(a)) for the saturating cost: infinite at logits of +1000", g_log_one_minus_sigmoid,
         "Self-test: saturating cost at logits [1000, -1000] is -500. What does 1 - "
         "sigmoid(1000) round to?"),
        ("saturating cost via a torch.where softplus: nan gradient at logit +1000",
         g_saturating_where_nan_gradient,
         "Back-propagate the saturating cost at logits [1000, -1000]: is the gradient "
         "finite? torch.where differentiates the branch it discards too."),
        ("non-saturating cost via a torch.where softplus: nan gradient at logit -1000",
         g_nonsaturating_where_nan_gradient,
         "Back-propagate the non-saturating cost at logits [1000, -1000]: is the gradient "
         "finite? torch.where differentiates the branch it discards too."),
    ],
    "generator_logit_grads": [
        ("gradients of the sums, not of the means (no 1/N)", grads_no_mean,
         "Self-test: repeating the logits to double the batch must halve every gradient entry, "
         "because each logit is one of N terms of a mean. Does yours?"),
        ("signs flipped", grads_wrong_sign,
         "Both costs decrease as a grows, so their derivatives with respect to a are negative. "
         "Check the sign of your gradients at a = 0."),
        ("saturating and non-saturating swapped", grads_swapped,
         "Check the limit of a very negative logit (a confident discriminator): the saturating "
         "gradient should vanish and the non-saturating one stay near -1/N. Which of yours does?"),
        ("only sigma'(a), without the chain rule through the log", grads_sigmoid_derivative,
         "Differentiate the whole cost, log included: the chain rule through the log cancels part "
         "of sigma'(a). Compare your result with autograd on the two costs."),
        ("1 - sigmoid(a): cancels to exactly 0 for large logits (a >= 37 in float64)",
         grads_one_minus_sigmoid,
         "Print your g_ns at a = 40: sigmoid(40) rounds to 1.0, yet the true 1 - sigmoid(40) is "
         "about 4e-18, not 0. Is there a form of 1 - sigmoid(a) that subtracts nothing?"),
        ("returns numpy arrays", grads_numpy,
         "Print type(...) of the two values you return: the prompt asks for tensors."),
        ("autograd twice without clearing the gradient in between", grads_autograd_not_cleared,
         "A second backward adds to .grad. Compare your g_ns with -(1 - sigmoid(a)) / N at a "
         "= 0."),
        ("g_sat as 1 - sigmoid(-a): cancels to 0 for very negative logits", grads_sat_one_minus,
         "Print your g_sat at a = -40: the true -sigmoid(-40) / N is about -4e-18, not 0. "
         "Which of your forms subtracts two nearly equal numbers?"),
        ("sigmoid as exp(a) / (1 + exp(a)): nan for large logits", grads_exp_ratio,
         "Print your g_sat at a = 1000: it should be -1/N. What does exp(1000) give in "
         "float64, and what is inf / inf?"),
    ],
    "modes_covered": [
        ("strictly inside the radius (< instead of <=)", modes_strictly_inside,
         "Test a sample lying exactly at distance radius from a centre, e.g. (radius, 0) with a "
         "centre at the origin: the prompt counts it as near."),
        ("squared distance compared with the radius", modes_squared_distance,
         "Try radius 0.25 and a sample at distance 0.4 from a centre: it must not count as near. "
         "Check that both sides of your comparison are in the same units."),
        ("more than min_count instead of at least", modes_more_than_min_count,
         "With min_count = 1, a mode with exactly one sample near it is covered. Test that case: "
         "does your count include it?"),
        ("counts samples near a mode instead of modes", modes_counts_samples,
         "n_covered counts centres, so it is at most K however many samples there are. Self-test: "
         "100 samples on one centre must give n_covered = 1."),
        ("counts nearest centres, ignoring the radius", modes_nearest_centre_only,
         "A sample far from every centre still has a nearest one, but it covers nothing. "
         "Self-test: a single sample at (100, 100) must give n_covered = 0."),
        ("fraction_close counts (sample, centre) pairs", modes_pairs_in_fraction,
         "Self-test: one sample within radius of two centres. The fraction counts samples, "
         "so it can never exceed 1; can yours?"),
        ("each sample counts for its nearest centre only", modes_nearest_within_radius,
         "A sample within radius of two centres counts for both. Self-test: centres 0 and 1 "
         "on a line, radius 0.6, a sample at 0.45."),
        ("fraction_close counts only samples near a covered centre", modes_fraction_of_covered,
         "min_count decides which modes are covered, not which samples are close. Self-test: "
         "one sample on one centre, min_count = 2: the fraction is still 1."),
    ],
    "gan_step": [
        ("generator step before the discriminator step", step_generator_first,
         "Follow the text's order: the generator's cost is computed with the discriminator that "
         "was just updated. Which network does your step change first?"),
        ("no opt_D.zero_grad(): the generator's backward leaks into D's step",
         step_no_zero_grad_D,
         "Call your step twice and inspect D's .grad just before its second update: which "
         "backward passes have added to it?"),
        ("discriminator scores the noise instead of G(z)", step_new_fakes_for_D,
         "D takes points of shape (N, 2), and the fake points are what G makes from z; z itself "
         "is (N, Z) noise. What does your discriminator step score as fake?"),
        ("generator minimizes the discriminator's cost", step_generator_minimizes_d_loss,
         "The two players want opposite things: lowering the discriminator's own cost helps D, "
         "not G. Which loss function does your generator step use?"),
        ("the fakes detached for both steps: G gets no gradient", step_fakes_detached_for_both,
         "Check that G's parameters change after your step: the generator's cost must reach "
         "G through the fakes."),
        ("reports g_loss recomputed after G's update", step_g_loss_after_update,
         "The prompt asks for each cost as computed in its own step, before that step's "
         "update. Which value of the generator's cost do you return?"),
        ("no opt_G.zero_grad(): G's gradients pile up from call to call", step_no_zero_grad_G,
         "Call your step twice: a backward adds to .grad. Does G's second update use only "
         "the second call's gradient?"),
        ("D's (N, 1) logits passed to the losses without flattening", step_unflattened_logits,
         "Print the shape of what your step hands to d_loss_fn and g_loss_fn: the prompt "
         "asks for (N,), one logit per point."),
        ("no detach in D's step: G's step also follows the gradient of D's cost",
         step_no_detach_retain_graph,
         "Inspect G's .grad just before G's update: which backward passes have added to "
         "it? The generator's update should follow its own cost only."),
    ],
}

RIGHT = {
    "bce_reconstruction": [
        ("torch's BCE with logits, summed and divided by N", bce_right_torch),
        ("x log sigmoid(a) + (1 - x) log sigmoid(-a) with F.logsigmoid", bce_right_logsigmoid),
        ("max(a, 0) - x a + log1p(exp(-|a|)), summed, / N", bce_right_clamp_form),
        ("a loop over the rows, softplus(-a) + (1 - x) a", bce_right_row_loop),
    ],
    "train_autoencoder": [
        ("torch's BCE with logits, zero_grad first, Adam with two parameter groups",
         ae_right_torch_loss_and_groups),
    ],
    "reparameterize": [
        ("eps from Tensor.normal_(generator=...), sigma as sqrt(exp(logvar))", rep_right_normal_),
        ("torch.addcmul with sigma as sqrt(exp(logvar))", rep_right_addcmul),
    ],
    "gaussian_kl": [
        ("torch.distributions.kl_divergence summed over the latent dimensions",
         kl_right_distributions),
        ("a loop over the latent dimensions, -1/2 (1 + logvar - mu^2 - var)", kl_right_loop),
        ("through the variance and its log", kl_right_through_variance),
    ],
    "negative_elbo": [
        ("torch's BCE with logits and torch.distributions, divided by N", elbo_right_torch),
    ],
    "discriminator_loss": [
        ("torch's BCE with logits, labels 1 and 0", d_right_torch),
        ("logaddexp(0, -a) for softplus(-a)", d_right_logaddexp),
        ("F.logsigmoid of the real and of the negated fake logits", d_right_logsigmoid),
    ],
    "generator_loss": [
        ("F.logsigmoid forms", g_right_logsigmoid),
        ("tests saturating is True (the prompt passes bools)", g_right_is_true),
        ("softplus as clamp(t, 0) + log1p(exp(-|t|))", g_right_clamp_abs),
    ],
    "generator_logit_grads": [
        ("autograd of the two costs", grads_right_autograd),
        ("autograd of the two costs written with F.logsigmoid", grads_right_autograd_logsigmoid),
    ],
    "modes_covered": [
        ("plain Python loops over centres and samples", modes_right_loop),
        ("a loop over the centres, squared distances against radius**2", modes_right_squared_radius),
        ("a loop over the centres with np.hypot", modes_right_hypot),
    ],
    "gan_step": [
        ("zero_grad before each forward, squeeze(1), .item()", step_right_zero_grad_at_end),
        ("fakes made under no_grad for D, made again for G", step_right_recomputed_fakes),
        ("G(z) computed in each step, flattened with reshape(-1)", step_right_reshape),
    ],
}


# Which entries came from blind review (issue 22): mistakes written from the student release
# alone, by someone who had not seen the solutions, the hidden tests or this catalogue.
BLIND = {
    "bce_reconstruction": [
        "computes in float32 whatever the inputs' dtype",
        "computes in numpy: no gradient reaches the logits",
        "mean over all N*D entries (torch's default reduction), not a sum over pixels",
        "log1p(exp(a)): infinite for logits of +-1000",
        "torch.where softplus: finite cost but a nan gradient at logits of +-1000",
    ],
    "train_autoencoder": [
        "the cost averaged over the N*D entries (torch's default reduction)",
        "one Adam step too few",
        "no zero_grad: gradients accumulate over the steps",
        "creates the decoder before the encoder",
        "ignores lr: Adam's default learning rate",
        "ignores the seed argument: always seeds 0",
        "the cost summed over the batch too, not averaged",
    ],
    "reparameterize": [
        "one eps row shared by every example",
        "draws eps in float32, then casts it",
        "uses the variance exp(logvar) as the standard deviation",
        "draws eps from the global generator, ignoring the one given",
        "clamps logvar to [-10, 10] before taking sigma",
    ],
    "gaussian_kl": [
        "keepdim: shape (N, 1) instead of (N,)",
        "computes in numpy and returns a numpy array",
        "averaged over the latent dimensions instead of summed",
        "squeezes the result: a 0-dim tensor when N = 1",
        "torch.distributions with the variance as the scale",
    ],
    "negative_elbo": [
        "KL averaged over the latent dimensions",
        "returns recon and kl as Python floats",
        "beta weights the reconstruction instead of the KL",
        "returns beta * KL as kl",
        "recon from log(sigmoid): infinite for confident logits",
    ],
    "discriminator_loss": [
        "one mean over real and fake together instead of the sum of two means",
        "log(sigmoid): infinite for logits of +-1000",
        "half the sum of the two means",
        "torch.where softplus: finite cost but a nan gradient at logits of +-1000",
        "detaches the fake logits: no gradient reaches them",
    ],
    "generator_loss": [
        "computes in numpy: no gradient reaches the logits",
        "log(1 - sigmoid(a)) for the saturating cost: infinite at logits of +1000",
        "saturating cost with the wrong sign (the discriminator's fake term)",
        "saturating cost via a torch.where softplus: nan gradient at logit +1000",
        "non-saturating cost via a torch.where softplus: nan gradient at logit -1000",
    ],
    "generator_logit_grads": [
        "returns numpy arrays",
        "gradients of the sums, not of the means (no 1/N)",
        "saturating and non-saturating swapped",
        "autograd twice without clearing the gradient in between",
        "1 - sigmoid(a): cancels to exactly 0 for large logits (a >= 37 in float64)",
        "g_sat as 1 - sigmoid(-a): cancels to 0 for very negative logits",
        "sigmoid as exp(a) / (1 + exp(a)): nan for large logits",
    ],
    "modes_covered": [
        "fraction_close counts (sample, centre) pairs",
        "each sample counts for its nearest centre only",
        "strictly inside the radius (< instead of <=)",
        "fraction_close counts only samples near a covered centre",
    ],
    "gan_step": [
        "the fakes detached for both steps: G gets no gradient",
        "reports g_loss recomputed after G's update",
        "no opt_D.zero_grad(): the generator's backward leaks into D's step",
        "no opt_G.zero_grad(): G's gradients pile up from call to call",
        "D's (N, 1) logits passed to the losses without flattening",
        "no detach in D's step: G's step also follows the gradient of D's cost",
    ],
}
