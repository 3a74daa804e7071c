"""Reference solutions of week09/generative.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import numpy as np
import torch
import torch.nn.functional as F
import matplotlib.pyplot as plt
from dlcourse import check, data, plot
from dlcourse.train import get_device, quick_mode, scaled, seed_everything


def bce_reconstruction(logits, x):
    """Bernoulli reconstruction cost from logits: summed over pixels, mean over the batch.

    Args:
        logits: (N, D) tensor of the decoder's logits a (a pixel's probability is sigmoid(a)).
        x: (N, D) tensor of targets in [0, 1], the same dtype as logits.

    Returns:
        loss: 0-dim tensor, (1/N) * sum_i sum_j [softplus(a_ij) - x_ij * a_ij], finite for
            any finite logits; gradients flow back to `logits`.
    """
    # -[x log sigma(a) + (1 - x) log sigma(-a)]: two terms >= 0, nothing cancels, no threshold
    per_pixel = -(x * F.logsigmoid(logits) + (1 - x) * F.logsigmoid(-logits))  # (N, D)
    return per_pixel.sum(dim=1).mean()  # sum over the D pixels, mean over the N images


def train_autoencoder(X, E, epochs, lr, seed):
    """Train a 64-32-E-32-64 autoencoder by full-batch Adam on the Bernoulli cost.

    Args:
        X: (N, D) float32 tensor of images with pixels in [0, 1], on any device.
        E: latent units (width of the bottleneck).
        epochs: number of Adam steps (0 returns the untrained networks). lr: learning rate.
        seed: passed to seed_everything before the networks are created.

    Returns:
        encoder: Sequential(Linear(D, 32), ReLU(), Linear(32, E)), maps (N, D) to codes (N, E).
        decoder: Sequential(Linear(E, 32), ReLU(), Linear(32, D)), maps codes to logits (N, D).
    """
    seed_everything(seed)
    D = X.shape[1]
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    optimizer = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        logits = decoder(encoder(X))  # (N, D)
        per_pixel = -(X * F.logsigmoid(logits) + (1 - X) * F.logsigmoid(-logits))  # (N, D)
        loss = per_pixel.sum(dim=1).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return encoder, decoder


def reparameterize(mu, logvar, generator):
    """Sample z ~ N(mu, diag(exp(logvar))) as a differentiable function of mu and logvar.

    Args:
        mu: (N, E) tensor of means. logvar: (N, E) tensor of log-variances log(sigma^2).
        generator: torch.Generator; eps is drawn from it once, as
            torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device).

    Returns:
        z: (N, E) tensor, mu + exp(logvar / 2) * eps, on mu's device.
    """
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device)
    sigma = torch.exp(0.5 * logvar)  # standard deviation, from the log-variance
    return mu + sigma * eps.to(mu.device)


def gaussian_kl(mu, logvar):
    """KL( N(mu, diag(exp(logvar))) || N(0, I) ) of each row, in closed form.

    Args:
        mu: (N, E) tensor of means. logvar: (N, E) tensor of log-variances.

    Returns:
        kl: (N,) tensor, 0.5 * sum_k (exp(logvar_k) + mu_k**2 - 1 - logvar_k) per row.
    """
    return 0.5 * (torch.exp(logvar) + mu ** 2 - 1.0 - logvar).sum(dim=1)


def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    """The VAE's cost: mean over the batch of -log p(x | z) + beta * KL(q(z | x) || N(0, I)).

    Args:
        x_logits: (N, D) decoder logits for one sample z of each image. x: (N, D) targets in [0, 1].
        mu, logvar: (N, E) the encoder's means and log-variances.
        beta: weight of the KL term (1 gives the negative ELBO).

    Returns:
        loss, recon, kl: 0-dim tensors; recon = mean_i sum_j [softplus(a_ij) - x_ij a_ij],
            kl = mean_i 0.5 sum_k [exp(logvar_ik) + mu_ik**2 - 1 - logvar_ik],
            loss = recon + beta * kl.
    """
    per_pixel = -(x * F.logsigmoid(x_logits) + (1 - x) * F.logsigmoid(-x_logits))  # (N, D)
    recon = per_pixel.sum(dim=1).mean()  # over pixels, then batch
    kl = 0.5 * (torch.exp(logvar) + mu ** 2 - 1.0 - logvar).sum(dim=1).mean()
    return recon + beta * kl, recon, kl


def discriminator_loss(real_logits, fake_logits):
    """The discriminator's cost: BCE with label 1 on real samples and 0 on fakes, from logits.

    Args:
        real_logits: (N_r,) tensor of D's logits on real samples.
        fake_logits: (N_f,) tensor of D's logits on generated samples.

    Returns:
        loss: 0-dim tensor, mean(softplus(-real_logits)) + mean(softplus(fake_logits)).
    """
    real_term = -F.logsigmoid(real_logits).mean()  # -log sigmoid(a): real should score high
    fake_term = -F.logsigmoid(-fake_logits).mean()  # -log(1 - sigmoid(a)): fakes should score low
    return real_term + fake_term


def generator_loss(fake_logits, saturating=False):
    """The generator's cost from the discriminator's logits on generated samples.

    Args:
        fake_logits: (N,) tensor a = D(G(z)).
        saturating: True for mean(log(1 - sigmoid(a))) = -mean(softplus(a)) (the game's
            own loss); False (default) for -mean(log sigmoid(a)) = mean(softplus(-a)).

    Returns:
        loss: 0-dim tensor, finite for any finite logits.
    """
    if saturating:
        return F.logsigmoid(-fake_logits).mean()  # log(1 - sigmoid(a)) = log sigmoid(-a)
    return -F.logsigmoid(fake_logits).mean()  # -log sigmoid(a), to be minimized


def generator_logit_grads(fake_logits):
    """Gradients of the saturating and non-saturating generator costs w.r.t. each logit.

    Args:
        fake_logits: (N,) tensor a = D(G(z)).

    Returns:
        g_sat: (N,) tensor, -sigmoid(a) / N (gradient of -mean(softplus(a))).
        g_ns: (N,) tensor, -(1 - sigmoid(a)) / N (gradient of mean(softplus(-a))).
    """
    n = fake_logits.shape[0]
    p = torch.sigmoid(fake_logits)  # (N,) D's probability that each fake is real
    q = torch.sigmoid(-fake_logits)  # (N,) 1 - p, without the cancellation of 1.0 - p
    return -p / n, -q / n


def modes_covered(samples, centers, radius, min_count=1):
    """How many modes a generator covers, and how many of its samples are near a mode.

    Args:
        samples: (P, 2) array of generated points. centers: (K, 2) array of mode centres.
        radius: a sample is near a centre when their Euclidean distance is <= radius.
        min_count: a mode is covered when at least min_count samples are near it.

    Returns:
        n_covered: int in 0..K. fraction_close: float, share of the P samples near some centre.
    """
    samples = np.asarray(samples, dtype=np.float64)
    centers = np.asarray(centers, dtype=np.float64)
    dist = np.linalg.norm(samples[:, None, :] - centers[None, :, :], axis=2)  # (P, K)
    near = dist <= radius  # (P, K)
    n_covered = int(np.sum(near.sum(axis=0) >= min_count))
    return n_covered, float(near.any(axis=1).mean())


def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    """One alternating GAN update: a discriminator step, then a generator step.

    Args:
        G: module, z (N, Z) -> fakes (N, 2). D: module, points (N, 2) -> logits (N, 1).
        opt_G, opt_D: optimizers over G's and D's parameters.
        real: (N_r, 2) tensor of data points. z: (N, Z) tensor of noise.
        d_loss_fn: (real_logits (N_r,), fake_logits (N,)) -> 0-dim tensor.
        g_loss_fn: fake_logits (N,) -> 0-dim tensor.

    Returns:
        d_loss, g_loss: floats, the two costs computed in this step.
    """
    fake = G(z)  # (N, 2)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])  # detached: D's step only
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])  # the updated D scores the same fakes
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()
