"""Blind review, round 2: week09 generative.ipynb (reviewer r2w09g).

Written from the student release alone (phase 1) and judged before any fix: 42 wrong
candidates, 4 earned every point; 17 correct ones, none lost a point. Phase 2 added hidden
cases for two of the four (g_sat at logits +-1000, the logits' shape gan_step hands to the
losses) and reclassified the other two as correct, moved here from WRONG to RIGHT (marked
"reclassified"): the prompt is silent on what they get "wrong".
"""

WRONG = {
    "bce_reconstruction": [
        ("stable softplus by torch.where on the sign: the value is finite at +-1000 but the "
         "unselected branch overflows and the gradient is nan (prompt: 'and so must its gradient')",
         '''
def bce_reconstruction(logits, x):
    sp = torch.where(logits > 0, logits + torch.log1p(torch.exp(-logits)),
                     torch.log1p(torch.exp(logits)))
    return (sp - x * logits).sum(dim=1).mean()
'''),
        ("computed in numpy and wrapped in torch.tensor: no gradient reaches the logits "
         "(prompt: 'so that it can be back-propagated')", '''
def bce_reconstruction(logits, x):
    a = logits.numpy()
    t = x.numpy()
    per_pixel = np.logaddexp(0.0, a) - t * a
    return torch.tensor(per_pixel.sum(axis=1).mean())
'''),
        ("casts the result to float32 with .float() (prompt: 'in the dtype of the inputs')", '''
def bce_reconstruction(logits, x):
    return (F.softplus(logits) - x * logits).sum(dim=1).mean().float()
'''),
        ("torch's BCE-with-logits with its default mean reduction (mean over N*D entries)", '''
def bce_reconstruction(logits, x):
    return F.binary_cross_entropy_with_logits(logits, x)
'''),
    ],
    "train_autoencoder": [
        ("creates the decoder before the encoder (prompt: 'exactly in this order')", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(seed)
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        logits = decoder(encoder(X))
        loss = (F.softplus(logits) - X * logits).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
        ("off by one: range(1, epochs) takes epochs - 1 steps", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(seed)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(1, epochs):
        logits = decoder(encoder(X))
        loss = (F.softplus(logits) - X * logits).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
        ("ignores lr: Adam with its default learning rate 1e-3", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(seed)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()))
    for _ in range(epochs):
        logits = decoder(encoder(X))
        loss = (F.softplus(logits) - X * logits).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
        ("ignores seed: seed_everything(0)", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(0)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        logits = decoder(encoder(X))
        loss = (F.softplus(logits) - X * logits).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
        ("cost averaged over all N*D entries (BCE-with-logits default reduction), not summed "
         "over the pixels", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(seed)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        logits = decoder(encoder(X))
        loss = F.binary_cross_entropy_with_logits(logits, X)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
        ("cost summed over the batch too (reduction='sum' without / N)", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(seed)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        logits = decoder(encoder(X))
        loss = F.binary_cross_entropy_with_logits(logits, X, reduction="sum")
        opt.zero_grad()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
        ("never calls zero_grad: gradients accumulate over the steps", '''
def train_autoencoder(X, E, epochs, lr, seed):
    D = X.shape[1]
    seed_everything(seed)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder.to(X.device)
    decoder.to(X.device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=lr)
    for _ in range(epochs):
        logits = decoder(encoder(X))
        loss = (F.softplus(logits) - X * logits).sum(dim=1).mean()
        loss.backward()
        opt.step()
    return encoder, decoder
'''),
    ],
    "reparameterize": [
        ("draws one eps of shape (E,) shared by every row (prompt: eps of shape mu.shape)", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape[1:], generator=generator, dtype=mu.dtype, device=generator.device)
    eps = eps.to(mu.device)
    return mu + torch.exp(0.5 * logvar) * eps
'''),
        ("draws eps in the default float32 and casts it (prompt: dtype=mu.dtype in the draw)", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator).to(mu)
    return mu + torch.exp(0.5 * logvar) * eps
'''),
        ("clamps logvar to [-10, 10] for stability (prompt: z = mu + exp(logvar / 2) * eps)", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device)
    eps = eps.to(mu.device)
    std = torch.exp(0.5 * logvar.clamp(-10.0, 10.0))
    return mu + std * eps
'''),
        ("uses exp(logvar), the variance, as the scale", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device)
    return mu + torch.exp(logvar) * eps.to(mu.device)
'''),
    ],
    "gaussian_kl": [
        ("squeezes a keepdim sum: a 0-dim tensor when N = 1, not (N,)", '''
def gaussian_kl(mu, logvar):
    kl = 0.5 * torch.sum(torch.exp(logvar) + mu ** 2 - 1 - logvar, dim=1, keepdim=True)
    return kl.squeeze()
'''),
        ("averages over the latent dimensions instead of summing", '''
def gaussian_kl(mu, logvar):
    return 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).mean(dim=1)
'''),
        ("torch.distributions with the variance as the scale", '''
def gaussian_kl(mu, logvar):
    q = torch.distributions.Normal(mu, torch.exp(logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch.distributions.kl_divergence(q, p).sum(dim=1)
'''),
    ],
    "negative_elbo": [
        ("kl: .mean() over all N*E entries (averages over the latent dimensions too)", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).mean()
    return recon + beta * kl, recon, kl
'''),
        ("returns beta * KL as the kl term (prompt: kl is the batch mean of the KL)", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = beta * 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1).mean()
    return recon + kl, recon, kl
'''),
        ("returns recon and kl as Python floats (.item()) for logging (prompt: three 0-dim "
         "tensors)", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1).mean()
    return recon + beta * kl, recon.item(), kl.item()
'''),
        ("recon from log(sigmoid) and log(1 - sigmoid): inf for confident logits", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    p = torch.sigmoid(x_logits)
    recon = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(dim=1).mean()
    kl = 0.5 * (torch.exp(logvar) + mu ** 2 - 1 - logvar).sum(dim=1).mean()
    return recon + beta * kl, recon, kl
'''),
    ],
    "discriminator_loss": [
        ("stable softplus by torch.where: finite value at +-1000 but nan gradient", '''
def _softplus(a):
    return torch.where(a > 0, a + torch.log1p(torch.exp(-a)), torch.log1p(torch.exp(a)))


def discriminator_loss(real_logits, fake_logits):
    return _softplus(-real_logits).mean() + _softplus(fake_logits).mean()
'''),
        ("detaches fake_logits 'because this step trains D only' (prompt: gradients flow back "
         "to both arguments)", '''
def discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits.detach()).mean()
'''),
        ("one BCE over the concatenation: mean over N_r + N_f, not the sum of two means", '''
def discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    labels = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, labels)
'''),
        ("-log(sigmoid(a)): inf for a confidently wrong discriminator", '''
def discriminator_loss(real_logits, fake_logits):
    return (-torch.log(torch.sigmoid(real_logits)).mean()
            - torch.log(1 - torch.sigmoid(fake_logits)).mean())
'''),
    ],
    "generator_loss": [
        ("stable softplus by torch.where: finite value at +-1000 but nan gradient", '''
def _softplus(a):
    return torch.where(a > 0, a + torch.log1p(torch.exp(-a)), torch.log1p(torch.exp(a)))


def generator_loss(fake_logits, saturating=False):
    if saturating:
        return -_softplus(fake_logits).mean()
    return _softplus(-fake_logits).mean()
'''),
        ("saturating form as log1p(-sigmoid(a)): -inf at a = 1000", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return torch.log1p(-torch.sigmoid(fake_logits)).mean()
    return F.softplus(-fake_logits).mean()
'''),
        ("saturating cost with the wrong sign: +mean(softplus(a))", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return F.softplus(fake_logits).mean()
    return F.softplus(-fake_logits).mean()
'''),
    ],
    "generator_logit_grads": [
        ("g_sat as -(1 - sigmoid(-a)) / N: cancels to 0 for very negative logits (prompt: "
         "accurate relative to their size, also where they are tiny)", '''
def generator_logit_grads(fake_logits):
    N = fake_logits.shape[0]
    g_ns = -torch.sigmoid(-fake_logits) / N
    g_sat = -(1 - torch.sigmoid(-fake_logits)) / N
    return g_sat, g_ns
'''),
        ("sigmoid written as exp(a) / (1 + exp(a)): nan for a >~ 710", '''
def generator_logit_grads(fake_logits):
    N = fake_logits.shape[0]
    e = torch.exp(fake_logits)
    g_sat = -(e / (1 + e)) / N
    g_ns = -(1 / (1 + e)) / N
    return g_sat, g_ns
'''),
        ("g_ns as -(1 - sigmoid(a)) / N: exactly 0 at a = 40", '''
def generator_logit_grads(fake_logits):
    N = fake_logits.shape[0]
    s = torch.sigmoid(fake_logits)
    return -s / N, -(1 - s) / N
'''),
    ],
    "modes_covered": [
        ("fraction_close counts (sample, centre) pairs: a sample near two centres counts twice",
         '''
def modes_covered(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=float)
    c = np.asarray(centers, dtype=float)
    d = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=-1)  # (P, K)
    near = d <= radius
    n_covered = int((near.sum(axis=0) >= min_count).sum())
    return n_covered, float(near.sum() / len(s))
'''),
        ("each sample counts only for its nearest centre when counting coverage", '''
def modes_covered(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=float)
    c = np.asarray(centers, dtype=float)
    d = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=-1)  # (P, K)
    nearest = d.argmin(axis=1)
    close = d.min(axis=1) <= radius
    counts = np.bincount(nearest[close], minlength=len(c))
    return int((counts >= min_count).sum()), float(close.mean())
'''),
        ("fraction_close counts only samples near a covered centre (min_count leaks into it)", '''
def modes_covered(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=float)
    c = np.asarray(centers, dtype=float)
    d = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=-1)  # (P, K)
    near = d <= radius
    covered = near.sum(axis=0) >= min_count
    return int(covered.sum()), float(near[:, covered].any(axis=1).mean())
'''),
        ("strict < radius", '''
def modes_covered(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=float)
    c = np.asarray(centers, dtype=float)
    d = np.linalg.norm(s[:, None, :] - c[None, :, :], axis=-1)
    near = d < radius
    return int((near.sum(axis=0) >= min_count).sum()), float(near.any(axis=1).mean())
'''),
    ],
    "gan_step": [
        ("forgets opt_G.zero_grad(): G's gradients accumulate from the previous step", '''
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
        ("generates the fakes under torch.no_grad() and reuses them in the generator step: G "
         "gets no gradient and never moves", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    with torch.no_grad():
        fake = G(z)
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
        ("passes D's (N, 1) logits to the losses without flattening them to (N,)", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    fake = G(z)
    d_loss = d_loss_fn(D(real), D(fake.detach()))
    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()
    g_loss = g_loss_fn(D(fake))
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()
'''),
        ("no detach in the D step (retain_graph=True instead), zero_grad of both only at the "
         "start: G's step also follows the gradient of D's cost", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    opt_D.zero_grad()
    opt_G.zero_grad()
    fake = G(z)
    d_loss = d_loss_fn(D(real)[:, 0], D(fake)[:, 0])
    d_loss.backward(retain_graph=True)
    opt_D.step()
    g_loss = g_loss_fn(D(fake)[:, 0])
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()
'''),
    ],
}

RIGHT = {
    "bce_reconstruction": [
        ("with F.logsigmoid of a and -a", '''
def bce_reconstruction(logits, x):
    per_pixel = -(x * F.logsigmoid(logits) + (1 - x) * F.logsigmoid(-logits))
    return per_pixel.sum(dim=1).mean()
'''),
        ("a loop over the rows, softplus(-a) + (1 - x) a", '''
def bce_reconstruction(logits, x):
    N = logits.shape[0]
    total = torch.zeros((), dtype=logits.dtype)
    for i in range(N):
        total = total + (F.softplus(-logits[i]) + (1 - x[i]) * logits[i]).sum()
    return total / N
'''),
        ("BCE-with-logits, mean reduction times D", '''
def bce_reconstruction(logits, x):
    return F.binary_cross_entropy_with_logits(logits, x, reduction="mean") * logits.shape[1]
'''),
    ],
    "train_autoencoder": [
        ("BCE-with-logits sum / N, params collected by unpacking", '''
def train_autoencoder(X, E, epochs, lr, seed):
    N, D = X.shape
    seed_everything(seed)
    encoder = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, E))
    decoder = torch.nn.Sequential(torch.nn.Linear(E, 32), torch.nn.ReLU(), torch.nn.Linear(32, D))
    encoder = encoder.to(X.device)
    decoder = decoder.to(X.device)
    params = [*encoder.parameters(), *decoder.parameters()]
    optimizer = torch.optim.Adam(params, lr=lr)
    step = 0
    while step < epochs:
        logits = decoder(encoder(X))
        cost = F.binary_cross_entropy_with_logits(logits, X, reduction="sum") / N
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
        step += 1
    return encoder, decoder
'''),
    ],
    "reparameterize": [
        ("std via sqrt(exp(logvar)), torch.addcmul", '''
def reparameterize(mu, logvar, generator):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=generator.device)
    eps = eps.to(mu.device)
    return torch.addcmul(mu, torch.exp(logvar).sqrt(), eps)
'''),
    ],
    "gaussian_kl": [
        ("reclassified (prompt silent on logvar below about -745): goes through the variance and its log: log(exp(logvar)) is -inf once exp(logvar) "
         "underflows (very negative logvar), so the KL is inf", '''
def gaussian_kl(mu, logvar):
    var = torch.exp(logvar)
    return 0.5 * (var + mu ** 2 - 1 - torch.log(var)).sum(dim=1)
'''),
        ("Kingma's -0.5 * sum(1 + logvar - mu^2 - exp(logvar))", '''
def gaussian_kl(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1)
'''),
        ("torch.distributions with scale exp(logvar / 2)", '''
def gaussian_kl(mu, logvar):
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch.distributions.kl_divergence(q, p).sum(dim=1)
'''),
    ],
    "negative_elbo": [
        ("BCE-with-logits sum / N and torch.distributions for the KL", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    N = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / N
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = torch.distributions.kl_divergence(q, p).sum() / N
    return recon + beta * kl, recon, kl
'''),
    ],
    "discriminator_loss": [
        ("with F.logsigmoid", '''
def discriminator_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())
'''),
        ("two BCE-with-logits calls with labels 1 and 0", '''
def discriminator_loss(real_logits, fake_logits):
    real_cost = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_cost = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_cost + fake_cost
'''),
    ],
    "generator_loss": [
        ("reclassified (the prompt grades the value and finite gradients; the catalogue's RIGHT bce_right_clamp_form is the same form): softplus as clamp(a, 0) + log1p(exp(-|a|)): right value, but autograd's gradient at "
         "a = 0 is 1 (abs'(0) = 0) instead of sigmoid(0) = 0.5", '''
def _softplus(a):
    return a.clamp(min=0) + torch.log1p(torch.exp(-a.abs()))


def generator_loss(fake_logits, saturating=False):
    if saturating:
        return -_softplus(fake_logits).mean()
    return _softplus(-fake_logits).mean()
'''),
        ("BCE-with-logits with label 1 (ns) and minus BCE with label 0 (sat)", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
'''),
        ("with F.logsigmoid", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return F.logsigmoid(-fake_logits).mean()
    return -F.logsigmoid(fake_logits).mean()
'''),
    ],
    "generator_logit_grads": [
        ("autograd of the two costs written with F.logsigmoid", '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    g_sat, = torch.autograd.grad(F.logsigmoid(-a).mean(), a)
    a = fake_logits.detach().clone().requires_grad_(True)
    g_ns, = torch.autograd.grad(-F.logsigmoid(a).mean(), a)
    return g_sat, g_ns
'''),
        ("autograd of the two costs written with F.softplus (its threshold shortcut included)",
         '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    g_sat, = torch.autograd.grad(-F.softplus(a).mean(), a)
    a = fake_logits.detach().clone().requires_grad_(True)
    g_ns, = torch.autograd.grad(F.softplus(-a).mean(), a)
    return g_sat, g_ns
'''),
        ("sigmoid(a) and sigmoid(-a) divided by N", '''
def generator_logit_grads(fake_logits):
    N = len(fake_logits)
    return -torch.sigmoid(fake_logits) / N, -torch.sigmoid(-fake_logits) / N
'''),
    ],
    "modes_covered": [
        ("loops over centres with np.hypot", '''
def modes_covered(samples, centers, radius, min_count=1):
    s = np.asarray(samples, dtype=np.float64)
    c = np.asarray(centers, dtype=np.float64)
    any_near = np.zeros(len(s), dtype=bool)
    n_covered = 0
    for cx, cy in c:
        near = np.hypot(s[:, 0] - cx, s[:, 1] - cy) <= radius
        any_near |= near
        if near.sum() >= min_count:
            n_covered += 1
    return n_covered, float(any_near.sum()) / len(s)
'''),
    ],
    "gan_step": [
        ("recomputes G(z) for the generator step, flattens with reshape(-1)", '''
def gan_step(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    opt_D.zero_grad()
    d_loss = d_loss_fn(D(real).reshape(-1), D(G(z).detach()).reshape(-1))
    d_loss.backward()
    opt_D.step()
    opt_G.zero_grad()
    g_loss = g_loss_fn(D(G(z)).reshape(-1))
    g_loss.backward()
    opt_G.step()
    return float(d_loss.item()), float(g_loss.item())
'''),
    ],
}
