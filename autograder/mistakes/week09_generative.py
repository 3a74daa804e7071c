"""Known-wrong and other correct variants of the exercises of ``week09/generative.ipynb``.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant must lose the exercise's points, every RIGHT variant
(another correct way to follow the prompt) must pass its test cells, visible checks included.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

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
        ("the networks stay on the CPU: not moved to X.device", ae_not_on_device,
         "Self-test with X on another device (a GPU, or torch.zeros(4, 64, device='meta') and "
         "epochs=0): on which device are your parameters? Re-read step 4 of the prompt."),
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
    ],
}

RIGHT = {
    "bce_reconstruction": [
        ("torch's BCE with logits, summed and divided by N", bce_right_torch),
        ("x log sigmoid(a) + (1 - x) log sigmoid(-a) with F.logsigmoid", bce_right_logsigmoid),
    ],
    "train_autoencoder": [
        ("torch's BCE with logits, zero_grad first, Adam with two parameter groups",
         ae_right_torch_loss_and_groups),
    ],
    "reparameterize": [
        ("eps from Tensor.normal_(generator=...), sigma as sqrt(exp(logvar))", rep_right_normal_),
    ],
    "gaussian_kl": [
        ("torch.distributions.kl_divergence summed over the latent dimensions",
         kl_right_distributions),
        ("a loop over the latent dimensions, -1/2 (1 + logvar - mu^2 - var)", kl_right_loop),
    ],
    "negative_elbo": [
        ("torch's BCE with logits and torch.distributions, divided by N", elbo_right_torch),
    ],
    "discriminator_loss": [
        ("torch's BCE with logits, labels 1 and 0", d_right_torch),
        ("logaddexp(0, -a) for softplus(-a)", d_right_logaddexp),
    ],
    "generator_loss": [
        ("F.logsigmoid forms", g_right_logsigmoid),
    ],
    "generator_logit_grads": [
        ("autograd of the two costs", grads_right_autograd),
    ],
    "modes_covered": [
        ("plain Python loops over centres and samples", modes_right_loop),
    ],
    "gan_step": [
        ("zero_grad before each forward, squeeze(1), .item()", step_right_zero_grad_at_end),
    ],
}
