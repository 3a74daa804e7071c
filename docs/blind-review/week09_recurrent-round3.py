"""Blind-review candidates (round 3, reviewer r3w09r) for week09/recurrent.ipynb.

Written from the student release alone; judged with
``python -m autograder.candidates docs/blind-review/week09_recurrent-round3.py week09 recurrent``.
Candidates with a "Reclassified" comment were judged correct after judging and show as HOLE
on purpose.
"""

WRONG = {
    "rnn_step": [
        ("tanh written as (e^2a - 1)/(e^2a + 1): nan for large pre-activations", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    a = x @ W_xh + h_prev @ W_hh + b
    e = np.exp(2 * a)
    return (e - 1) / (e + 1)
'''),
        ("result array allocated like h_prev: integer inputs give an integer array", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    h = np.zeros_like(h_prev)
    h[...] = np.tanh(x @ W_xh + h_prev @ W_hh + b)
    return h
'''),
        ("tanh as sinh / cosh: inf / inf = nan for |a| > 710", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    a = x @ W_xh + h_prev @ W_hh + b
    return np.sinh(a) / np.cosh(a)
'''),
    ],
    "rnn_forward": [
        # Reclassified after judging: correct as graded. A hidden int-h0 case was tried and
        # withdrawn: the catalogue's RIGHT "torch.nn.RNN(batch_first=True) with the weights copied
        # in" raises on an integer h0, so the course takes h0 to be float.
        ("H allocated with h0's dtype: integer h0 gives integer states", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    N, T, D = X.shape
    H = np.zeros((N, T, h0.shape[1]), dtype=h0.dtype)
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        H[:, t] = h
    return H
'''),
        # Reclassified after judging: correct. The prompt does not ask for T = 0 (catalogue
        # RIGHT "np.stack of the states along axis 1 (T = 0 is not asked for)").
        ("np.stack over a list: crashes for T = 0 and returns a list-built array", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    hs = []
    h = h0
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        hs.append(h)
    return np.stack(hs, axis=1)
'''),
        ("updates the state in h0's own memory (h0 changed by the call)", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    N, T, D = X.shape
    H = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h[...] = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        H[:, t] = h
    return H
'''),
        ("unstable tanh via exp", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    N, T, D = X.shape
    H = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        a = X[:, t] @ W_xh + h @ W_hh + b
        h = (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))
        H[:, t] = h
    return H
'''),
    ],
    "rnn_backward": [
        # Reclassified after judging: correct. The prompt does not forbid changing dH (catalogue
        # RIGHT "adds the carried gradient into dH in place", from round 2).
        ("adds the carried gradient into dH in place (dH changed by the call)", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros(X.shape)
    dW_xh, dW_hh, db = np.zeros(W_xh.shape), np.zeros(W_hh.shape), np.zeros(W_hh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in reversed(range(T)):
        dH[:, t] += dnext
        delta = dH[:, t] * (1 - H[:, t] ** 2)
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
        # Reclassified after judging: correct. The catalogue takes rnn_backward's X to be float
        # (RIGHT "dX allocated with np.zeros_like(X) (a float X)", from round 2).
        ("gradients allocated with zeros_like: integer inputs give integer gradients", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros_like(X)
    dW_xh, dW_hh = np.zeros_like(W_xh), np.zeros_like(W_hh)
    db = np.zeros_like(W_hh[0])
    dnext = np.zeros_like(h0)
    for t in reversed(range(T)):
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
        ("db kept as a (1, M) row (keepdims), not the promised (M,)", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    M = W_hh.shape[0]
    dX = np.zeros(X.shape)
    dW_xh, dW_hh, db = np.zeros(W_xh.shape), np.zeros(W_hh.shape), np.zeros((1, M))
    dnext = np.zeros(h0.shape)
    for t in reversed(range(T)):
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0, keepdims=True)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
    ],
    "scale_to_spectral_radius": [
        ("eigvalsh (assumes a symmetric W): reads only the lower triangle", '''
def scale_to_spectral_radius(W, rho):
    r = np.max(np.abs(np.linalg.eigvalsh(W)))
    return rho * W / r
'''),
        ("abs of the largest eigenvalue (complex max is lexicographic), not the largest abs", '''
def scale_to_spectral_radius(W, rho):
    r = np.abs(np.max(np.linalg.eigvals(W)))
    return rho * W / r
'''),
        ("assumes eigvals returns the largest eigenvalue first", '''
def scale_to_spectral_radius(W, rho):
    r = np.abs(np.linalg.eigvals(W)[0])
    return rho * W / r
'''),
        ("largest real part instead of largest absolute value", '''
def scale_to_spectral_radius(W, rho):
    lam = np.linalg.eigvals(W)
    r = np.max(np.abs(lam.real) + np.abs(lam.imag))
    return rho * W / r
'''),
    ],
    "clip_grad_norm": [
        ("returns the input arrays themselves when no clipping happens (not new arrays)", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef >= 1:
        return list(grads), total
    return [g * coef for g in grads], total
'''),
        ("returns a tuple of arrays, not a list", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    coef = min(1.0, max_norm / (total + 1e-6))
    return tuple(g * coef for g in grads), total
'''),
        ("np.linalg.norm(g, 2): the spectral norm of a 2-D gradient, not its entries' norm", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.linalg.norm(g, 2) ** 2 for g in grads)))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
'''),
    ],
    "lstm_params_from_torch": [
        ("W_h by reshape instead of transpose (right shape, scrambled entries)", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    M = weight_hh.shape[1]
    W_x = weight_ih.detach().cpu().double().numpy().T
    W_h = weight_hh.detach().cpu().double().numpy().reshape(M, 4 * M)
    b = (bias_ih + bias_hh).detach().cpu().double().numpy()
    return W_x, W_h, b
'''),
        ("returns a list instead of a tuple", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    W_x = weight_ih.detach().cpu().double().numpy().T
    W_h = weight_hh.detach().cpu().double().numpy().T
    b = (bias_ih + bias_hh).detach().cpu().double().numpy()
    return [W_x, W_h, b]
'''),
        ("W_h blocks reordered to CS231n's i, f, o, g", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    M = weight_hh.shape[1]
    W_x = weight_ih.detach().cpu().double().numpy().T
    Wh = weight_hh.detach().cpu().double().numpy().T
    W_h = np.concatenate([Wh[:, :2 * M], Wh[:, 3 * M:], Wh[:, 2 * M:3 * M]], axis=1)
    b = (bias_ih + bias_hh).detach().cpu().double().numpy()
    return W_x, W_h, b
'''),
    ],
    "lstm_cell": [
        ("sigmoid as e^a / (1 + e^a): nan for large pre-activations", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: np.exp(v) / (1 + np.exp(v))
    i, f, o = sig(a[:, :M]), sig(a[:, M:2 * M]), sig(a[:, 3 * M:])
    g = np.tanh(a[:, 2 * M:3 * M])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
'''),
        ("c computed in c_prev's memory (c_prev changed by the call)", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    i, f, o = sig(a[:, :M]), sig(a[:, M:2 * M]), sig(a[:, 3 * M:])
    g = np.tanh(a[:, 2 * M:3 * M])
    c = c_prev
    c *= f
    c += i * g
    return o * np.tanh(c), c
'''),
        ("casts (h, c) back to x's dtype: integer inputs give integer states", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = W_h.shape[0]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    i, f, g, o = np.split(a, 4, axis=1)
    i, f, o, g = sig(i), sig(f), sig(o), np.tanh(g)
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h.astype(x.dtype), c.astype(x.dtype)
'''),
    ],
    "gru_cell_textbook": [
        ("forgets b_h's r-block in the reset gate", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    r = sig(ax[:, :M] + h_prev @ W_h[:, :M])
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    ht = np.tanh(ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * ht
'''),
        ("uses only b_h (one bias, as in most texts), drops b_x", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    ht = np.tanh(ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * ht
'''),
        ("the candidate forgets x W_xn (only the n-block bias of b_x)", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    ht = np.tanh(b_x[2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * ht
'''),
        ("reset gate applied to the input projection as well", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    ht = np.tanh(r * (x @ W_x[:, 2 * M:]) + b_x[2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * ht
'''),
    ],
    "gru_cell_torch": [
        ("sigmoid as e^a / (1 + e^a): nan for large pre-activations", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: np.exp(v) / (1 + np.exp(v))
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    return (1 - z) * n + z * h_prev
'''),
        ("computes with torch and returns a torch tensor, not a numpy array", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    x, h, Wx, Wh, bx, bh = (torch.as_tensor(v) for v in (x, h_prev, W_x, W_h, b_x, b_h))
    M = h.shape[1]
    ax, ah = x @ Wx + bx, h @ Wh + bh
    r = torch.sigmoid(ax[:, :M] + ah[:, :M])
    z = torch.sigmoid(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = torch.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    return (1 - z) * n + z * h
'''),
        # Reclassified after judging: correct. The prompt does not forbid it (catalogue RIGHT
        # "writes the new state into h_prev in place"); a promise needs KEEPS_ITS_INPUTS in tests.
        ("new state written into h_prev's memory (h_prev changed by the call)", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    sig = lambda v: 0.5 * (1 + np.tanh(0.5 * v))
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    h = h_prev
    h *= z
    h += (1 - z) * n
    return h
'''),
    ],
    "teacher_forcing_inputs": [
        ("start column made with torch.full without device=: on CPU whatever Y's device", '''
def teacher_forcing_inputs(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=torch.int64)
    return torch.cat([start, Y[:, :-1]], dim=1)
'''),
        ("rebuilt from Python lists: CPU tensor whatever Y's device", '''
def teacher_forcing_inputs(Y, start_token):
    return torch.tensor([[start_token] + row[:-1] for row in Y.tolist()])
'''),
        ("keeps Y's dtype via empty_like but allocates on CPU with torch.empty", '''
def teacher_forcing_inputs(Y, start_token):
    out = torch.empty(Y.shape, dtype=Y.dtype)
    out[:, 0] = start_token
    out[:, 1:] = Y[:, :-1]
    return out
'''),
    ],
    "greedy_decode": [
        ("clones the initial state (breaks tuple states such as an LSTM's (h, c))", '''
def greedy_decode(step, h, start, T):
    h = h.clone()
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out, dim=1)
'''),
        ("collects into torch.zeros(N, T): a float tensor", '''
def greedy_decode(step, h, start, T):
    out = torch.zeros(len(start), T)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out[:, t] = tokens
    return out
'''),
        # Reclassified after judging: correct. The prompt names no device for the result, and
        # the catalogue's RIGHT "a preallocated int64 tensor" does the same.
        ("collects into a CPU int64 tensor whatever the device", '''
def greedy_decode(step, h, start, T):
    out = torch.zeros(len(start), T, dtype=torch.int64)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out[:, t] = tokens
    return out
'''),
        # Reclassified after judging: correct. The reference does the same; T = 0 is not asked.
        ("torch.stack of an empty list: crashes for T = 0", '''
def greedy_decode(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = torch.argmax(logits, dim=1)
        out.append(tokens)
    return torch.stack(out, dim=1)
'''),
    ],
    "seq2seq_train_step": [
        ("number of classes hard-coded to 10", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), start_token, dtype=tgt.dtype, device=tgt.device)
    tgt_in = torch.cat([start, tgt[:, :-1]], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, 10), tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
'''),
        ("start token hard-coded to 10 (ignores start_token)", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), 10, dtype=tgt.dtype, device=tgt.device)
    tgt_in = torch.cat([start, tgt[:, :-1]], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
'''),
        ("decoder inputs built on the CPU (no device=)", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), start_token)
    tgt_in = torch.cat([start, tgt[:, :-1].cpu()], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
'''),
        ("clips the gradients of the optimizer's first param group only... via max_norm applied per parameter", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), start_token, dtype=tgt.dtype, device=tgt.device)
    tgt_in = torch.cat([start, tgt[:, :-1]], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    for p in model.parameters():
        torch.nn.utils.clip_grad_norm_([p], max_norm)
    optimizer.step()
    return loss.item()
'''),
    ],
    "sequence_cross_entropy": [
        ("mean over dims (0, 1) of a gathered (N, T, 1) tensor: shape (1,), not 0-dim", '''
def sequence_cross_entropy(logits, Y):
    logp = torch.log_softmax(logits, dim=-1)
    return -logp.gather(2, Y[..., None]).mean(dim=(0, 1))
'''),
        ("logits.view(-1, V): crashes on a non-contiguous (N, T, V) tensor", '''
def sequence_cross_entropy(logits, Y):
    V = logits.shape[-1]
    return torch.nn.functional.cross_entropy(logits.view(-1, V), Y.view(-1))
'''),
        ("log-sum-exp shifted by the global max, not each row's: -inf for rows far below it", '''
def sequence_cross_entropy(logits, Y):
    m = logits.max()
    lse = m + torch.log(torch.exp(logits - m).sum(dim=-1))
    picked = logits.gather(2, Y[..., None])[..., 0]
    return (lse - picked).mean()
'''),
    ],
    "sample_next": [
        ("squeeze(): a 0-dim tensor when N = 1", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator).squeeze()
'''),
        # Not gradeable: on the CPU one call per row consumes the generator exactly as one call
        # does (multinomial with one draw takes V exponentials per row), so the draws are equal.
        ("one torch.multinomial call per row (several uses of the generator)", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.cat([torch.multinomial(p[i], 1, generator=generator) for i in range(len(p))])
'''),
        # Reclassified after judging: correct. For one draw torch uses the same sampler either
        # way (catalogue RIGHT "softmax over dim 1, replacement=True, view(-1)", round 2).
        ("replacement=True (a different sampler from the one stated)", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, replacement=True, generator=generator)[:, 0]
'''),
        # Reclassified after judging: correct. The prompt does not forbid it (catalogue RIGHT
        # "divides the logits in place", from round 2).
        ("divides the logits in place (the caller's logits change)", '''
def sample_next(logits, temperature, generator):
    logits /= temperature
    p = torch.softmax(logits, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
'''),
    ],
}

RIGHT = {
    "rnn_step": [("einsum, float64 asarray", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    a = np.einsum("nd,dm->nm", np.asarray(x, float), W_xh) + np.asarray(h_prev, float) @ W_hh + b
    return np.tanh(a)
''')],
    "rnn_forward": [("list then transpose of a time-major stack", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    X = np.asarray(X, dtype=np.float64)
    N, T, _ = X.shape
    H = np.empty((N, T, np.shape(h0)[1]))
    h = np.asarray(h0, dtype=np.float64)
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        H[:, t] = h
    return H
''')],
    "rnn_backward": [("precomputed h_prev array, float64 explicitly", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    dH, X, H, h0 = (np.asarray(v, dtype=np.float64) for v in (dH, X, H, h0))
    W_xh, W_hh = np.asarray(W_xh, float), np.asarray(W_hh, float)
    N, T, D = X.shape
    H_prev = np.concatenate([h0[:, None], H[:, :-1]], axis=1)
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):
        delta = (dH[:, t] + dh) * (1.0 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += H_prev[:, t].T @ delta
        db += delta.sum(axis=0)
        dh = delta @ W_hh.T
    return dX, dh, dW_xh, dW_hh, db
''')],
    "scale_to_spectral_radius": [("torch.linalg.eigvals", '''
def scale_to_spectral_radius(W, rho):
    W = np.asarray(W, dtype=np.float64)
    r = torch.linalg.eigvals(torch.tensor(W)).abs().max().item()
    return W * (rho / r)
''')],
    "clip_grad_norm": [("concatenate and np.linalg.norm", '''
def clip_grad_norm(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads]) if grads else np.zeros(0)
    total = float(np.linalg.norm(flat))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [np.array(g, dtype=np.float64) * coef for g in grads], total
''')],
    "lstm_params_from_torch": [("to(float64) then numpy", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    f = lambda t: t.detach().to("cpu", torch.float64).numpy()
    return f(weight_ih).T.copy(), f(weight_hh).T.copy(), f(bias_ih) + f(bias_hh)
''')],
    "lstm_cell": [("np.split and stable sigmoid via tanh", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    a = np.asarray(x, float) @ W_x + np.asarray(h_prev, float) @ W_h + b
    ai, af, ag, ao = np.split(a, 4, axis=1)
    sig = lambda v: 0.5 * (1.0 + np.tanh(0.5 * v))
    c = sig(af) * c_prev + sig(ai) * np.tanh(ag)
    return sig(ao) * np.tanh(c), c
''')],
    "gru_cell_textbook": [("separate block slices", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    x, h_prev = np.asarray(x, float), np.asarray(h_prev, float)
    M = h_prev.shape[1]
    sl = [slice(0, M), slice(M, 2 * M), slice(2 * M, 3 * M)]
    sig = lambda v: 0.5 * (1.0 + np.tanh(0.5 * v))
    r = sig(x @ W_x[:, sl[0]] + b_x[sl[0]] + h_prev @ W_h[:, sl[0]] + b_h[sl[0]])
    z = sig(x @ W_x[:, sl[1]] + b_x[sl[1]] + h_prev @ W_h[:, sl[1]] + b_h[sl[1]])
    ht = np.tanh(x @ W_x[:, sl[2]] + b_x[sl[2]] + (r * h_prev) @ W_h[:, sl[2]] + b_h[sl[2]])
    return (1 - z) * h_prev + z * ht
''')],
    "gru_cell_torch": [("torch computation converted back to numpy float64", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    T = lambda v: torch.as_tensor(np.asarray(v, dtype=np.float64))
    x, h, Wx, Wh, bx, bh = map(T, (x, h_prev, W_x, W_h, b_x, b_h))
    gx, gh = x @ Wx + bx, h @ Wh + bh
    rx, zx, nx = gx.chunk(3, dim=1)
    rh, zh, nh = gh.chunk(3, dim=1)
    r, z = torch.sigmoid(rx + rh), torch.sigmoid(zx + zh)
    n = torch.tanh(nx + r * nh)
    return ((1 - z) * n + z * h).numpy()
''')],
    "teacher_forcing_inputs": [("F.pad with value", '''
def teacher_forcing_inputs(Y, start_token):
    return torch.nn.functional.pad(Y[:, :-1], (1, 0), value=start_token)
''')],
    "greedy_decode": [("preallocated with start's dtype and device", '''
def greedy_decode(step, h, start, T):
    out = torch.empty(start.shape[0], T, dtype=torch.int64, device=start.device)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = torch.argmax(logits, dim=-1)
        out[:, t] = tokens
    return out
''')],
    "seq2seq_train_step": [("transpose for cross_entropy, roll for the shift", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = tgt.roll(1, dims=1)
    tgt_in[:, 0] = start_token
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.transpose(1, 2), tgt)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
''')],
    "sequence_cross_entropy": [("logsumexp minus the gathered logit", '''
def sequence_cross_entropy(logits, Y):
    picked = logits.gather(-1, Y.unsqueeze(-1)).squeeze(-1)
    return (torch.logsumexp(logits, dim=-1) - picked).mean()
''')],
    "sample_next": [("reshape(-1) of the (N, 1) draws", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    draws = torch.multinomial(p, 1, generator=generator)
    return draws.reshape(-1)
''')],
}
