WRONG = {
"bce_reconstruction": [
("casts the logits to float32 'to be safe': float64 inputs give a float32 loss (prompt: in the dtype of the inputs)", '''
def bce_reconstruction(logits, x):
    a = logits.float()
    return (F.softplus(a) - x.float() * a).sum(dim=1).mean()
'''),
("computed in numpy and wrapped in torch.tensor: no gradient reaches logits (prompt: so that it can be back-propagated)", '''
def bce_reconstruction(logits, x):
    a = logits.detach().cpu().numpy()
    xx = x.detach().cpu().numpy()
    per_pixel = np.logaddexp(0.0, a) - xx * a
    return torch.tensor(per_pixel.sum(axis=1).mean(), dtype=logits.dtype)
'''),
("piecewise softplus with torch.where: finite value but NaN gradient at large |logits| (exp overflows in the unused branch)", '''
def bce_reconstruction(logits, x):
    sp = torch.where(logits > 0, logits + torch.log1p(torch.exp(-logits)),
                     torch.log1p(torch.exp(logits)))
    return (sp - x * logits).sum(dim=1).mean()
'''),
],
"negative_elbo": [
("KL averaged over the latent dimensions instead of summed (prompt: summed over latent dimensions)", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = (F.softplus(x_logits) - x * x_logits).sum(dim=1).mean()
    kl = 0.5 * torch.mean(torch.exp(logvar) + mu ** 2 - 1 - logvar)
    return recon + beta * kl, recon, kl
'''),
("returns the beta-weighted KL as kl (prompt: kl is the batch mean of the KL, loss = recon + beta * kl)", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / x.shape[0]
    kl = beta * 0.5 * (logvar.exp() + mu.pow(2) - 1 - logvar).sum(dim=1).mean()
    return recon + kl, recon, kl
'''),
("Bernoulli term as -x log sigmoid(a) - (1-x) log(1 - sigmoid(a)): inf/nan for large |logits| where softplus(a) - x a is finite", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    p = torch.sigmoid(x_logits)
    recon = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(dim=1).mean()
    kl = 0.5 * (logvar.exp() + mu ** 2 - 1 - logvar).sum(dim=1).mean()
    return recon + beta * kl, recon, kl
'''),
],
"discriminator_loss": [
("detaches the fake logits (as in the D update of a GAN step): no gradient reaches fake_logits (prompt: gradients flow back to both arguments)", '''
def discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits.detach()).mean()
'''),
("thresholded softplus with torch.where: finite value but NaN gradient at logits of +-1000", '''
def discriminator_loss(real_logits, fake_logits):
    def sp(t):
        return torch.where(t > 20, t, torch.log1p(torch.exp(t)))
    return sp(-real_logits).mean() + sp(fake_logits).mean()
'''),
("keepdim means: returns shape (1,), not a 0-dimensional tensor", '''
def discriminator_loss(real_logits, fake_logits):
    return (F.softplus(-real_logits).mean(dim=0, keepdim=True)
            + F.softplus(fake_logits).mean(dim=0, keepdim=True))
'''),
],
"generator_loss": [
("saturating form via a thresholded softplus with torch.where: NaN gradient at large logits", '''
def generator_loss(fake_logits, saturating=False):
    a = fake_logits
    if saturating:
        return -torch.where(a > 20, a, torch.log1p(torch.exp(a))).mean()
    return F.softplus(-a).mean()
'''),
("non-saturating form via a thresholded softplus with torch.where: NaN gradient at very negative logits", '''
def generator_loss(fake_logits, saturating=False):
    a = fake_logits
    if saturating:
        return -F.softplus(a).mean()
    return torch.where(a < -20, -a, torch.log1p(torch.exp(-a))).mean()
'''),
("computed with numpy logaddexp and re-wrapped: the result cannot be back-propagated", '''
def generator_loss(fake_logits, saturating=False):
    a = fake_logits.detach().cpu().numpy()
    if saturating:
        return torch.tensor(-np.logaddexp(0.0, a).mean())
    return torch.tensor(np.logaddexp(0.0, -a).mean())
'''),
],
"generator_logit_grads": [
("g_sat as -(1 - sigmoid(-a))/N: cancels to 0 for very negative a (prompt: accurate relative to their size)", '''
def generator_logit_grads(fake_logits):
    N = fake_logits.shape[0]
    g_sat = -(1 - torch.sigmoid(-fake_logits)) / N
    g_ns = -torch.sigmoid(-fake_logits) / N
    return g_sat, g_ns
'''),
("special-cases only a >= 37 (where sigmoid rounds to 1): 1 - sigmoid(a) still loses relative accuracy for 18 < a < 37", '''
def generator_logit_grads(fake_logits):
    a = fake_logits
    N = a.shape[0]
    s = torch.sigmoid(a)
    g_sat = -s / N
    g_ns = torch.where(a >= 37, -torch.exp(-a), -(1 - s)) / N
    return g_sat, g_ns
'''),
("numpy arrays instead of tensors (prompt: two tensors of shape (N,))", '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().cpu().numpy()
    N = a.shape[0]
    return -1.0 / (1.0 + np.exp(-a)) / N, -1.0 / (1.0 + np.exp(a)) / N
'''),
],
}
RIGHT = {
"bce_reconstruction": [("max(a,0) - x a + log1p(exp(-|a|)), summed per row then divided by N", '''
def bce_reconstruction(logits, x):
    per_pixel = torch.clamp(logits, min=0) - x * logits + torch.log1p(torch.exp(-logits.abs()))
    return per_pixel.sum() / logits.shape[0]
''')],
"negative_elbo": [("torch.distributions Normal KL with scale exp(logvar/2) and BCE-with-logits", '''
def negative_elbo(x_logits, x, mu, logvar, beta=1.0):
    N = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1).mean()
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = torch.distributions.kl_divergence(q, p).sum() / N
    return recon + beta * kl, recon, kl
''')],
"discriminator_loss": [("BCE with logits and labels 1/0", '''
def discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''')],
"generator_loss": [("logsigmoid forms", '''
def generator_loss(fake_logits, saturating=False):
    if saturating:
        return F.logsigmoid(-fake_logits).mean()
    return -F.logsigmoid(fake_logits).mean()
''')],
"generator_logit_grads": [("autograd of the two softplus means", '''
def generator_logit_grads(fake_logits):
    a = fake_logits.detach().clone().requires_grad_(True)
    (g_sat,) = torch.autograd.grad(-F.softplus(a).mean(), a)
    b = fake_logits.detach().clone().requires_grad_(True)
    (g_ns,) = torch.autograd.grad(F.softplus(-b).mean(), b)
    return g_sat, g_ns
''')],
}
