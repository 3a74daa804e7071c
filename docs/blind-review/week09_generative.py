"""Blind candidates for week09 generative.ipynb (written from the student release only).

QUESTIONS (prompt silent, so not listed as WRONG):
- generator_loss with a non-bool `saturating` (1, np.bool_): after judging, the `is True`
  candidate was moved from WRONG to RIGHT, since the prompt and the demos use bools only.
- negative_elbo: the prompt does not say the terms must be finite for large logits (exercise 1
  does); log1p(exp(a)) would be fine by its words.
- discriminator_loss / generator_loss: "a 0-dimensional tensor" but not explicitly "that can be
  backpropagated" (bce_reconstruction and reparameterize say it).
- modes_covered with P = 0 samples: fraction_close undefined.
"""

WRONG = {
"bce_reconstruction": [
("casts to float32 (prompt: in the dtype of the inputs)", '''
def bce_reconstruction(logits, x):
    a, x = logits.float(), x.float()
    return (F.softplus(a) - x * a).sum(dim=1).mean()
'''),
("computed in numpy: no gradient reaches logits", '''
def bce_reconstruction(logits, x):
    a, t = logits.detach().cpu().numpy(), x.detach().cpu().numpy()
    per_image = (np.logaddexp(0.0, a) - t * a).sum(axis=1)
    return torch.tensor(per_image.mean(), dtype=logits.dtype)
'''),
("BCE-with-logits with its default mean over N*D entries", '''
def bce_reconstruction(logits, x):
    return F.binary_cross_entropy_with_logits(logits, x)
'''),
("log1p(exp(a)): overflows for large logits", '''
def bce_reconstruction(logits, x):
    return (torch.log1p(torch.exp(logits)) - x * logits).sum(dim=1).mean()
'''),
],
"train_autoencoder": [
("cost averaged over the N*D entries (torch's default reduction)", '''
def train_autoencoder(X, E, epochs, lr, seed):
    seed_everything(seed)
    D = X.shape[1]
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device), decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        loss = F.binary_cross_entropy_with_logits(decoder(encoder(X)), X)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
("one step too few: range(1, epochs)", '''
def train_autoencoder(X, E, epochs, lr, seed):
    seed_everything(seed)
    D = X.shape[1]
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device), decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(1, epochs):
        a = decoder(encoder(X))
        loss = (F.softplus(a) - X * a).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
("no zero_grad: gradients accumulate over the steps", '''
def train_autoencoder(X, E, epochs, lr, seed):
    seed_everything(seed)
    D = X.shape[1]
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device), decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        a = decoder(encoder(X))
        loss = (F.softplus(a) - X * a).sum(dim=1).mean()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
("decoder created before the encoder (prompt: exactly this order)", '''
def train_autoencoder(X, E, epochs, lr, seed):
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
'''),
("a sigmoid at the end of the decoder (prompt: its outputs are logits)", '''
def train_autoencoder(X, E, epochs, lr, seed):
    seed_everything(seed)
    D = X.shape[1]
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D),
                                  torch.nn.Sigmoid())
    encoder.to(X.device), decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        p = decoder(encoder(X))
        loss = F.binary_cross_entropy(p, X, reduction="sum") / len(X)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
],
"reparameterize": [
("one eps row shared by every example (drawn with shape (E,))", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape[1:], generator=generator, dtype=mu.dtype, device=generator.device)
    return mu + torch.exp(0.5 * logvar) * eps.to(mu.device)
'''),
("eps drawn in float32, then cast (prompt: dtype=mu.dtype)", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, device=generator.device)
    return mu + torch.exp(0.5 * logvar) * eps.to(device=mu.device, dtype=mu.dtype)
'''),
("sigma = exp(logvar) (the variance, not the standard deviation)", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device)
    return mu + torch.exp(logvar) * eps.to(mu.device)
'''),
("randn_like without the generator", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn_like(mu)
    return mu + torch.exp(0.5 * logvar) * eps
'''),
],
"gaussian_kl": [
("keepdim=True: shape (N, 1) instead of (N,)", '''
def gaussian_kl(mu, logvar):
    return 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1, keepdim=True)
'''),
("computed in numpy, returns a numpy array (prompt: a tensor)", '''
def gaussian_kl(mu, logvar):
    m, lv = mu.detach().cpu().numpy(), logvar.detach().cpu().numpy()
    return 0.5 * (np.exp(lv) + m ** 2 - 1 - lv).sum(axis=1)
'''),
("mean over the latent dimensions instead of the sum", '''
def gaussian_kl(mu, logvar):
    return 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).mean(dim=1)
'''),
],
"negative_elbo": [
("KL averaged over the latent dimensions", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = (0.5 * (logvar.exp() + mu ** 2 - 1 - logvar)).mean(dim=1).mean()
    return recon + beta * kl, recon, kl
'''),
("recon and kl returned as floats for logging (prompt: 0-dim tensors)", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = (0.5 * (logvar.exp() + mu ** 2 - 1 - logvar)).sum(dim=1).mean()
    return recon + beta * kl, recon.item(), kl.item()
'''),
("beta multiplies the reconstruction term", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = (0.5 * (logvar.exp() + mu ** 2 - 1 - logvar)).sum(dim=1).mean()
    return beta * recon + kl, recon, kl
'''),
("KL summed over the batch, not averaged", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = (0.5 * (logvar.exp() + mu ** 2 - 1 - logvar)).sum()
    return recon + beta * kl, recon, kl
'''),
],
"discriminator_loss": [
("one mean over the concatenated real and fake logits", '''
def discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    labels = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, labels)
'''),
("-log(sigmoid) (infinite for a confidently wrong discriminator)", '''
def discriminator_loss(real_logits, fake_logits):
    return (-torch.log(torch.sigmoid(real_logits)).mean()
            - torch.log(1 - torch.sigmoid(fake_logits)).mean())
'''),
("half the sum of the two means", '''
def discriminator_loss(real_logits, fake_logits):
    return 0.5 * (F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean())
'''),
],
"generator_loss": [
("computed in numpy: a tensor without gradient", '''
def generator_loss(fake_logits, saturating=False):
    a = fake_logits.detach().cpu().numpy()
    value = -np.logaddexp(0.0, a).mean() if saturating else np.logaddexp(0.0, -a).mean()
    return torch.tensor(value, dtype=fake_logits.dtype)
'''),
("log(1 - sigmoid(a)) literally for the saturating cost", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return torch.log(1 - torch.sigmoid(fake_logits)).mean()
    return F.softplus(-fake_logits).mean()
'''),
("saturating cost with the wrong sign (+mean(softplus(a)))", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return F.softplus(fake_logits).mean()
    return F.softplus(-fake_logits).mean()
'''),
],
"generator_logit_grads": [
("returns numpy arrays (prompt: two tensors)", '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().cpu().numpy()
    s = 1 / (1 + np.exp(-a))
    return -s / len(a), -(1 - s) / len(a)
'''),
("forgets the 1/N of the mean", '''
def generator_logit_grads(fake_logits):
    s = torch.sigmoid(fake_logits)
    return -s, -(1 - s)
'''),
("the two gradients swapped", '''
def generator_logit_grads(fake_logits):
    s, n = torch.sigmoid(fake_logits), len(fake_logits)
    return -(1 - s) / n, -s / n
'''),
("autograd without clearing the first gradient before the second backward", '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    (-F.softplus(a).mean()).backward()
    g_sat = a.grad.clone()
    F.softplus(-a).mean().backward()
    return g_sat, a.grad.clone()
'''),
],
"modes_covered": [
("fraction_close counts (sample, centre) pairs: a sample near two centres counts twice", '''
def modes_covered(samples, centers, radius, min_count=1):
    s, c = np.asarray(samples, dtype=float), np.asarray(centers, dtype=float)
    near = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=2) <= radius  # (P, K)
    n_covered = int((near.sum(axis=0) >= min_count).sum())
    return n_covered, float(near.sum() / len(s))
'''),
("each sample counted for its nearest centre only", '''
def modes_covered(samples, centers, radius, min_count=1):
    s, c = np.asarray(samples, dtype=float), np.asarray(centers, dtype=float)
    d = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=2)
    nearest, dmin = d.argmin(axis=1), d.min(axis=1)
    counts = np.bincount(nearest[dmin <= radius], minlength=len(c))
    return int((counts >= min_count).sum()), float((dmin <= radius).mean())
'''),
("< radius instead of <=", '''
def modes_covered(samples, centers, radius, min_count=1):
    s, c = np.asarray(samples, dtype=float), np.asarray(centers, dtype=float)
    near = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=2) < radius
    return int((near.sum(axis=0) >= min_count).sum()), float(near.any(axis=1).mean())
'''),
],
"gan_step": [
("the fakes detached for both steps: no gradient reaches G", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z).detach()
    d_loss = d_loss_fn(D(real)[:, 0], D(fake)[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()
'''),
("g_loss reported after G's update (recomputed)", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
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
        g_after = g_loss_fn(D(G(z))[:, 0])
    return d_loss.item(), g_after.item()
'''),
("no opt_D.zero_grad(): D's step adds the gradients the G step left in D", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()
'''),
("no opt_G.zero_grad(): G's gradients accumulate from call to call", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake.detach())[:, 0])
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()
'''),
],
}

RIGHT = {
"bce_reconstruction": [("max(a, 0) - x a + log1p(exp(-|a|)), summed, / N", '''
def bce_reconstruction(logits, x):
    per_pixel = logits.clamp(min=0) - x * logits + torch.log1p(torch.exp(-logits.abs()))
    return per_pixel.sum() / logits.shape[0]
''')],
"train_autoencoder": [("torch's BCE with reduction='sum' / N, zero_grad(set_to_none=False)", '''
def train_autoencoder(X, E, epochs, lr, seed):
    seed_everything(seed)
    N, D = X.shape
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder, decoder = encoder.to(X.device), decoder.to(X.device)
    params = list(encoder.parameters()) + list(decoder.parameters())
    optimizer = torch.optim.Adam(params, lr=lr)
    step = 0
    while step < epochs:
        logits = decoder(encoder(X))
        cost = F.binary_cross_entropy_with_logits(logits, X, reduction="sum") / N
        optimizer.zero_grad(set_to_none=False)
        cost.backward()
        optimizer.step()
        step += 1
    return encoder, decoder
''')],
"reparameterize": [("std via sqrt(exp(logvar))", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device)
    eps = eps.to(mu.device)
    return torch.addcmul(mu, torch.sqrt(torch.exp(logvar)), eps)
''')],
"gaussian_kl": [("torch.distributions", '''
def gaussian_kl(mu, logvar):
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch.distributions.kl_divergence(q, p).sum(dim=-1)
''')],
"negative_elbo": [("BCE with logits summed / N, KL summed / N", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    N = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / N
    kl = 0.5 * torch.sum(torch.exp(logvar) + mu.pow(2) - 1.0 - logvar) / N
    loss = recon + beta * kl
    return loss, recon, kl
''')],
"discriminator_loss": [("BCE with logits, labels 1 and 0", '''
def discriminator_loss(real_logits, fake_logits):
    real_cost = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_cost = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_cost + fake_cost
''')],
"generator_loss": [("logsigmoid", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return F.logsigmoid(-fake_logits).mean()
    return -F.logsigmoid(fake_logits).mean()
'''),
("`saturating is True` (moved from WRONG after judging: the prompt promises a bool)", '''
def generator_loss(fake_logits, saturating=False):
    if saturating is True:
        return -F.softplus(fake_logits).mean()
    return F.softplus(-fake_logits).mean()
''')],
"generator_logit_grads": [("autograd with torch.autograd.grad", '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    (g_sat,) = torch.autograd.grad(-F.softplus(a).mean(), a)
    (g_ns,) = torch.autograd.grad(F.softplus(-a).mean(), a)
    return g_sat, g_ns
''')],
"modes_covered": [("a loop over the centres, squared distances", '''
def modes_covered(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=np.float64).reshape(-1, 2)
    near_any = np.zeros(len(s), dtype=bool)
    n_covered = 0
    for c in np.asarray(centers, dtype=np.float64):
        near = ((s - c) ** 2).sum(axis=1) <= radius ** 2
        near_any |= near
        if near.sum() >= min_count:
            n_covered += 1
    return n_covered, float(near_any.mean())
''')],
"gan_step": [("fakes recomputed for the generator step", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
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
''')],
}
