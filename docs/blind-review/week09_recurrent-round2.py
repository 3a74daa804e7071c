"""Blind review, round 2: week09 recurrent.ipynb (written from the student release only)."""

WRONG = {
    "rnn_step": [
        ("tanh written with exponentials: nan when |a| is large (tanh(1000) is 1)", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    a = x @ W_xh + h_prev @ W_hh + b
    return (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))
'''),
        ("squeezes the result: (M,) instead of (1, M) when N = 1", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    return np.squeeze(np.tanh(x @ W_xh + h_prev @ W_hh + b))
'''),
        ("multiplies W_hh from the right with its transpose (W_hh h, column convention)", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    return np.tanh(x @ W_xh + h_prev @ W_hh.T + b)
'''),
        ("result in the inputs' dtype: integer arrays when x, h_prev and the weights are ints", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    h = np.zeros_like(h_prev)
    h[...] = np.tanh(x @ W_xh + h_prev @ W_hh + b)
    return h
'''),
    ],
    "rnn_forward": [
        ("allocates H with X's dtype: an int X gives an int H (tanh truncated to 0)", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    N, T, D = X.shape
    M = h0.shape[1]
    H = np.zeros((N, T, M), dtype=X.dtype)
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        H[:, t] = h
    return H
'''),
        ("squeezes the stacked states: loses the N or T axis when N = 1 or T = 1", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    states, h = [], h0
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1).squeeze()
'''),
        ("loops over len(X) = N steps instead of T", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    states, h = [], h0
    for t in range(len(X)):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1)
'''),
        ("returns h0 and the first T-1 states (stores the state before updating it)", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    N, T, _ = X.shape
    H = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        H[:, t] = h
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
    return H
'''),
    ],
    "rnn_backward": [
        # Reclassified after judging: correct. The catalogue takes rnn_backward's X to be float
        # (its RIGHT entry "torch.autograd on the forward pass rebuilt from the cache" cannot
        # make an integer X require a gradient); a hidden int-X case was tried and withdrawn.
        ("allocates dX with np.zeros_like(X): an int X gives an int dX (gradients truncated)", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros_like(X)
    dW_xh, dW_hh = np.zeros(W_xh.shape), np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in reversed(range(T)):
        h = H[:, t]
        h_prev = H[:, t - 1] if t > 0 else h0
        delta = (dH[:, t] + dnext) * (1 - h ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
        ("uses H[:, t-1] for h_{t-1} at t = 0 too (wraps around to h_T instead of h0)", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh = np.zeros(W_xh.shape), np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in reversed(range(T)):
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += H[:, t - 1].T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
        ("loop stops at t = 1: the first step's contributions and dh0 are never computed right", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh = np.zeros(W_xh.shape), np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in range(T - 1, 0, -1):
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += H[:, t - 1].T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
        ("squeezes db and dh0: wrong shapes when N = 1 or M = 1", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh = np.zeros(W_xh.shape), np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in reversed(range(T)):
        h_prev = H[:, t - 1] if t > 0 else h0
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, np.squeeze(dnext), dW_xh, dW_hh, np.squeeze(db)
'''),
    ],
    "scale_to_spectral_radius": [
        ("eigvalsh: the eigenvalues of the symmetric matrix made of W's lower triangle", '''
def scale_to_spectral_radius(W, rho):
    return rho * W / np.max(np.abs(np.linalg.eigvalsh(W)))
'''),
        ("abs of the 'largest' eigenvalue (numpy orders complex numbers by real part)", '''
def scale_to_spectral_radius(W, rho):
    return rho * W / np.abs(np.max(np.linalg.eigvals(W)))
'''),
        ("uses the spectral norm (largest singular value) instead of the spectral radius", '''
def scale_to_spectral_radius(W, rho):
    return rho * W / np.linalg.norm(W, 2)
'''),
        ("largest eigenvalue by absolute real part (ignores the imaginary parts)", '''
def scale_to_spectral_radius(W, rho):
    lam = np.linalg.eigvals(W)
    return rho * W / np.max(np.abs(lam.real))
'''),
    ],
    "clip_grad_norm": [
        ("np.linalg.norm(g, 2) per gradient: the spectral norm for a 2-D gradient", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.linalg.norm(g, 2) ** 2 for g in grads)))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
'''),
        ("returns the input arrays themselves (not new arrays) when no clipping is needed", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef >= 1:
        return list(grads), total
    return [g * coef for g in grads], total
'''),
        ("returns total_norm as a torch tensor, not a float", '''
def clip_grad_norm(grads, max_norm):
    flat = torch.cat([torch.as_tensor(g, dtype=torch.float64).reshape(-1) for g in grads])
    total = flat.norm()
    coef = min(1.0, max_norm / (float(total) + 1e-6))
    return [g * coef for g in grads], total
'''),
        ("clips each gradient by its own norm instead of the global norm", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    out = []
    for g in grads:
        n = np.sqrt(np.sum(g ** 2))
        out.append(g * min(1.0, max_norm / (n + 1e-6)))
    return out, total
'''),
        ("clips only when total_norm > max_norm (ignores the epsilon just below max_norm)", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    if total > max_norm:
        return [g * (max_norm / (total + 1e-6)) for g in grads], total
    return [g.copy() for g in grads], total
'''),
    ],
    "lstm_params_from_torch": [
        ("W_h by reshape to (M, 4M) instead of a transpose", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    M = weight_hh.shape[1]
    W_x = weight_ih.detach().cpu().numpy().T.astype(np.float64)
    W_h = weight_hh.detach().cpu().numpy().reshape(M, 4 * M).astype(np.float64)
    b = (bias_ih + bias_hh).detach().cpu().numpy().astype(np.float64)
    return W_x, W_h, b
'''),
        ("reorders the blocks to CS231n's i, f, o, g", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    M = weight_hh.shape[1]
    order = np.r_[0:2 * M, 3 * M:4 * M, 2 * M:3 * M]
    W_x = weight_ih.detach().cpu().double().numpy().T[:, order]
    W_h = weight_hh.detach().cpu().double().numpy().T[:, order]
    b = (bias_ih + bias_hh).detach().cpu().double().numpy()[order]
    return W_x, W_h, b
'''),
        ("uses only bias_ih (forgets that torch's two biases are added)", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    W_x = weight_ih.detach().cpu().double().numpy().T
    W_h = weight_hh.detach().cpu().double().numpy().T
    b = bias_ih.detach().cpu().double().numpy()
    return W_x, W_h, b
'''),
        ("keeps torch's float32 dtype", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    W_x = weight_ih.detach().cpu().numpy().T
    W_h = weight_hh.detach().cpu().numpy().T
    b = (bias_ih + bias_hh).detach().cpu().numpy()
    return W_x, W_h, b
'''),
    ],
    "lstm_cell": [
        ("sigmoid written exp(a) / (1 + exp(a)): nan for large positive pre-activations", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda u: np.exp(u) / (1 + np.exp(u))
    i, f = sig(a[:, :M]), sig(a[:, M:2 * M])
    g, o = np.tanh(a[:, 2 * M:3 * M]), sig(a[:, 3 * M:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
'''),
        ("CS231n's block order i, f, o, g", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda u: 1 / (1 + np.exp(-u))
    i, f = sig(a[:, :M]), sig(a[:, M:2 * M])
    o, g = sig(a[:, 2 * M:3 * M]), np.tanh(a[:, 3 * M:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
'''),
        ("input and forget gates swapped: c = i * c_prev + f * g", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda u: 1 / (1 + np.exp(-u))
    i, f = sig(a[:, :M]), sig(a[:, M:2 * M])
    g, o = np.tanh(a[:, 2 * M:3 * M]), sig(a[:, 3 * M:])
    c = i * c_prev + f * g
    return o * np.tanh(c), c
'''),
        ("gates split as interleaved columns (reshape (N, M, 4)) instead of blocks", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    N, M = h_prev.shape
    a = (x @ W_x + h_prev @ W_h + b).reshape(N, M, 4)
    sig = lambda u: 1 / (1 + np.exp(-u))
    i, f, g, o = sig(a[..., 0]), sig(a[..., 1]), np.tanh(a[..., 2]), sig(a[..., 3])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
'''),
        ("preallocates c with empty_like(c_prev): an int c_prev gives an int c", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda u: 0.5 * (1 + np.tanh(0.5 * u))
    i, f = sig(a[:, :M]), sig(a[:, M:2 * M])
    g, o = np.tanh(a[:, 2 * M:3 * M]), sig(a[:, 3 * M:])
    c = np.empty_like(c_prev)
    c[...] = f * c_prev + i * g
    return o * np.tanh(c), c
'''),
    ],
    "gru_cell_textbook": [
        ("reset gate after the projection, bias outside: r * (h W_hn) + b_hn", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * (h_prev @ W_h[:, 2 * M:]) + b_h[2 * M:])
    return (1 - z) * h_prev + z * n
'''),
        ("forgets the input bias b_x", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    ax, ah = x @ W_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * n
'''),
        ("copy-paste slip: the candidate's input part uses W_x's z block", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    r = sig(x @ W_x[:, :M] + b_x[:M] + h_prev @ W_h[:, :M] + b_h[:M])
    z = sig(x @ W_x[:, M:2 * M] + b_x[M:2 * M] + h_prev @ W_h[:, M:2 * M] + b_h[M:2 * M])
    n = np.tanh(x @ W_x[:, M:2 * M] + b_x[2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * n
'''),
        ("reset gate from the input only (forgets h_prev W_hr)", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    r = sig(x @ W_x[:, :M] + b_x[:M] + b_h[:M])
    z = sig(x @ W_x[:, M:2 * M] + b_x[M:2 * M] + h_prev @ W_h[:, M:2 * M] + b_h[M:2 * M])
    n = np.tanh(x @ W_x[:, 2 * M:] + b_x[2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * n
'''),
        ("sigmoid as exp(u) / (1 + exp(u)): nan for large pre-activations", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: np.exp(u) / (1 + np.exp(u))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + (r * h_prev) @ W_h[:, 2 * M:] + b_h[2 * M:])
    return (1 - z) * h_prev + z * n
'''),
    ],
    "gru_cell_torch": [
        ("sigmoid as exp(u) / (1 + exp(u)): nan for large pre-activations", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: np.exp(u) / (1 + np.exp(u))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    return (1 - z) * n + z * h_prev
'''),
        ("b_hn left outside the reset gate: r * (h W_hn) + b_hn", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * (h_prev @ W_h[:, 2 * M:]) + b_h[2 * M:])
    return (1 - z) * n + z * h_prev
'''),
        ("z weights the candidate (textbook interpolation) with torch's reset", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r, z = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    return (1 - z) * h_prev + z * n
'''),
        ("gate blocks read in the order z, r, n", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda u: 1 / (1 + np.exp(-u))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    z, r = sig(ax[:, :M] + ah[:, :M]), sig(ax[:, M:2 * M] + ah[:, M:2 * M])
    n = np.tanh(ax[:, 2 * M:] + r * ah[:, 2 * M:])
    return (1 - z) * n + z * h_prev
'''),
    ],
    "teacher_forcing_inputs": [
        ("start column made on the CPU: not on Y's device", '''
def teacher_forcing_inputs(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=torch.int64)
    return torch.cat([start, Y[:, :-1]], dim=1)
'''),
        ("shifts the targets left (Y[:, 1:] then the start token)", '''
def teacher_forcing_inputs(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=Y.dtype, device=Y.device)
    return torch.cat([Y[:, 1:], start], dim=1)
'''),
        ("writes into Y itself (shifts in place)", '''
def teacher_forcing_inputs(Y, start_token):
    for t in range(Y.shape[1] - 1, 0, -1):
        Y[:, t] = Y[:, t - 1]
    Y[:, 0] = start_token
    return Y
'''),
        ("keeps all T targets after the start token: (N, T+1) inputs", '''
def teacher_forcing_inputs(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=Y.dtype, device=Y.device)
    return torch.cat([start, Y], dim=1)
'''),
        ("rolls along the batch axis (dim 0) instead of time", '''
def teacher_forcing_inputs(Y, start_token):
    out = torch.roll(Y, 1, dims=0)
    out[:, 0] = start_token
    return out
'''),
    ],
    "greedy_decode": [
        ("collects the tokens in a float tensor (torch.zeros(N, T))", '''
def greedy_decode(step, h, start, T):
    out = torch.zeros(len(start), T)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out[:, t] = tokens
    return out
'''),
        ("clones the state before the first step (not passed as it is)", '''
def greedy_decode(step, h, start, T):
    h = h.clone()
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out, dim=1)
'''),
        ("argmax with keepdim then squeeze(): 0-d tokens fed back when N = 1", '''
def greedy_decode(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1, keepdim=True).squeeze()
        out.append(tokens.reshape(-1))
    return torch.stack(out, dim=1)
'''),
        ("feeds the start tokens at every step", '''
def greedy_decode(step, h, start, T):
    out = []
    for _ in range(T):
        logits, h = step(start, h)
        out.append(logits.argmax(dim=-1))
    return torch.stack(out, dim=1)
'''),
        ("topk(1): ties do not go to the lowest index", '''
def greedy_decode(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = torch.topk(logits, 1, dim=-1).indices[:, 0]
        out.append(tokens)
    return torch.stack(out, dim=1)
'''),
        ("stacks on dim 0 and returns (T, N) when N == T goes unnoticed: transposed output", '''
def greedy_decode(step, h, start, T):
    tokens, out = start, []
    for _ in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out).reshape(len(start), T)
'''),
    ],
    "seq2seq_train_step": [
        ("hard-codes 10 classes when flattening the logits", '''
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
        ("hard-codes the start token 10 instead of start_token", '''
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
        ("takes N, T from src: breaks when the source and target lengths differ", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    N, T = src.shape
    start = torch.full((N, 1), start_token, dtype=tgt.dtype, device=tgt.device)
    tgt_in = torch.cat([start, tgt[:, :T - 1]], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(N * T, -1), tgt.reshape(N * T))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
'''),
        ("clips after optimizer.step() (clipping changes nothing)", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), start_token, dtype=tgt.dtype, device=tgt.device)
    tgt_in = torch.cat([start, tgt[:, :-1]], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    return loss.item()
'''),
        ("no zero_grad: gradients accumulate over steps", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    start = torch.full((tgt.shape[0], 1), start_token, dtype=tgt.dtype, device=tgt.device)
    tgt_in = torch.cat([start, tgt[:, :-1]], dim=1)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             tgt.reshape(-1))
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
'''),
    ],
    "sequence_cross_entropy": [
        ("subtracts the global max instead of each row's max: -inf/inf when rows differ a lot", '''
def sequence_cross_entropy(logits, Y):
    z = logits - logits.max()
    lse = torch.log(torch.exp(z).sum(dim=-1))
    picked = z.gather(-1, Y.unsqueeze(-1)).squeeze(-1)
    return (lse - picked).mean()
'''),
        (".view on the logits: fails on a non-contiguous (N, T, V) tensor", '''
def sequence_cross_entropy(logits, Y):
    N, T, V = logits.shape
    return torch.nn.functional.cross_entropy(logits.view(N * T, V), Y.view(N * T))
'''),
        ("sums over time, averages over the batch", '''
def sequence_cross_entropy(logits, Y):
    N, T, V = logits.shape
    return torch.nn.functional.cross_entropy(logits.reshape(-1, V), Y.reshape(-1),
                                             reduction="sum") / N
'''),
        ("gathers without squeezing and averages over dims 0, 1: shape (1,), not 0-dim", '''
def sequence_cross_entropy(logits, Y):
    logp = torch.log_softmax(logits, dim=-1)
    return -logp.gather(-1, Y.unsqueeze(-1)).mean(dim=(0, 1))
'''),
        ("log of the softmax: -inf for confident logits", '''
def sequence_cross_entropy(logits, Y):
    p = torch.softmax(logits, dim=-1)
    return -torch.log(p.gather(-1, Y.unsqueeze(-1))).mean()
'''),
    ],
    "sample_next": [
        ("squeeze(): a 0-dim tensor instead of (1,) when N = 1", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator).squeeze()
'''),
        ("temperature applied to the probabilities: softmax(z) ** (1/tau), renormalised", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits, dim=-1) ** (1.0 / temperature)
    p = p / p.sum(dim=-1, keepdim=True)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
'''),
        ("multiplies the logits by the temperature", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits * temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
'''),
        ("ignores the generator (draws from the global random state)", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1)[:, 0]
'''),
        # Reclassified after judging: correct (catalogue RIGHT "float32 probabilities"). The
        # draws differ from float64's only where a uniform falls within ~1e-7 of a boundary.
        ("casts the logits to float32 before the softmax", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits.float() / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
'''),
    ],
}

RIGHT = {
    "rnn_step": [("einsum, then tanh", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    a = np.einsum("nd,dm->nm", x, W_xh) + np.einsum("nk,km->nm", h_prev, W_hh) + b
    return np.tanh(a)
''')],
    "rnn_forward": [("projects every input at once with einsum, then loops", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    A = np.einsum("ntd,dm->ntm", X, W_xh) + b
    H = np.empty(A.shape, dtype=np.float64)
    h = h0
    for t in range(X.shape[1]):
        h = np.tanh(A[:, t] + h @ W_hh)
        H[:, t] = h
    return H
''')],
    "rnn_backward": [
        ("stores the deltas, then sums the weight gradients with einsum", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    H_prev = np.concatenate([h0[:, None, :], H[:, :-1]], axis=1)
    deltas = np.zeros(H.shape, dtype=np.float64)
    carry = np.zeros(h0.shape, dtype=np.float64)
    for t in range(T - 1, -1, -1):
        deltas[:, t] = (dH[:, t] + carry) * (1.0 - H[:, t] ** 2)
        carry = deltas[:, t] @ W_hh.T
    dX = np.einsum("ntm,dm->ntd", deltas, W_xh)
    dW_xh = np.einsum("ntd,ntm->dm", X, deltas)
    dW_hh = np.einsum("ntk,ntm->km", H_prev, deltas)
    db = deltas.sum(axis=(0, 1))
    return dX, carry, dW_xh, dW_hh, db
'''),
        ("adds the carried gradient into dH in place (allowed: the prompt does not forbid it)", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_xh, dW_hh = np.zeros(W_xh.shape), np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dh0 = None
    for t in reversed(range(T)):
        delta = dH[:, t] * (1 - H[:, t] ** 2)
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += h_prev.T @ delta
        db += delta.sum(axis=0)
        if t > 0:
            dH[:, t - 1] += delta @ W_hh.T
        else:
            dh0 = delta @ W_hh.T
    return dX, dh0, dW_xh, dW_hh, db
'''),
    ],
    "scale_to_spectral_radius": [("torch.linalg.eigvals", '''
def scale_to_spectral_radius(W, rho):
    radius = torch.linalg.eigvals(torch.as_tensor(W, dtype=torch.float64)).abs().max().item()
    return rho * np.asarray(W, dtype=np.float64) / radius
''')],
    "clip_grad_norm": [("torch.nn.utils.clip_grad_norm_ on copies", '''
def clip_grad_norm(grads, max_norm):
    params = []
    for g in grads:
        p = torch.zeros(np.shape(g), dtype=torch.float64, requires_grad=True)
        p.grad = torch.tensor(np.array(g, dtype=np.float64))
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad.numpy().copy() for p in params], float(total)
''')],
    "lstm_params_from_torch": [("torch ops first, then one numpy conversion each", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    to64 = lambda t: t.detach().to(device="cpu", dtype=torch.float64)
    W_x = to64(weight_ih).t().contiguous().numpy()
    W_h = to64(weight_hh).t().contiguous().numpy()
    b = (to64(bias_ih) + to64(bias_hh)).numpy()
    return W_x, W_h, b
''')],
    "lstm_cell": [("reshape to (N, 4, M), stable sigmoid via tanh", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    N, M = h_prev.shape
    a = (x @ W_x + h_prev @ W_h + b).reshape(N, 4, M)
    sig = lambda u: 0.5 * (1.0 + np.tanh(0.5 * u))
    i, f, g, o = sig(a[:, 0]), sig(a[:, 1]), np.tanh(a[:, 2]), sig(a[:, 3])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
''')],
    "gru_cell_textbook": [("np.split into the three blocks", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    Wxr, Wxz, Wxn = np.split(W_x, 3, axis=1)
    Whr, Whz, Whn = np.split(W_h, 3, axis=1)
    bxr, bxz, bxn = np.split(b_x, 3)
    bhr, bhz, bhn = np.split(b_h, 3)
    sig = lambda u: 0.5 * (1.0 + np.tanh(0.5 * u))
    r = sig(x @ Wxr + bxr + h_prev @ Whr + bhr)
    z = sig(x @ Wxz + bxz + h_prev @ Whz + bhz)
    h_tilde = np.tanh(x @ Wxn + bxn + (r * h_prev) @ Whn + bhn)
    return (1.0 - z) * h_prev + z * h_tilde
''')],
    "gru_cell_torch": [("torch.nn.GRUCell with the weights copied in, back to numpy", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    D, M = W_x.shape[0], h_prev.shape[1]
    cell = torch.nn.GRUCell(D, M).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.as_tensor(np.asarray(W_x, dtype=np.float64).T))
        cell.weight_hh.copy_(torch.as_tensor(np.asarray(W_h, dtype=np.float64).T))
        cell.bias_ih.copy_(torch.as_tensor(np.asarray(b_x, dtype=np.float64)))
        cell.bias_hh.copy_(torch.as_tensor(np.asarray(b_h, dtype=np.float64)))
        h = cell(torch.as_tensor(np.asarray(x, dtype=np.float64)),
                 torch.as_tensor(np.asarray(h_prev, dtype=np.float64)))
    return h.numpy()
''')],
    "teacher_forcing_inputs": [("F.pad with the start token as the fill value", '''
def teacher_forcing_inputs(Y, start_token):
    return torch.nn.functional.pad(Y[:, :-1], (1, 0), value=start_token)
''')],
    "greedy_decode": [("preallocated int64 tensor on start's device", '''
def greedy_decode(step, h, start, T):
    out = torch.empty(start.shape[0], T, dtype=torch.int64, device=start.device)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = torch.max(logits, dim=-1).indices
        out[:, t] = tokens
    return out
''')],
    "seq2seq_train_step": [("cross_entropy on logits.transpose(1, 2), pad for the shift", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = torch.nn.functional.pad(tgt[:, :-1], (1, 0), value=start_token)
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.transpose(1, 2), tgt)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return float(loss.item())
''')],
    "sequence_cross_entropy": [("logsumexp and gather by hand", '''
def sequence_cross_entropy(logits, Y):
    lse = torch.logsumexp(logits, dim=-1)
    picked = torch.gather(logits, -1, Y[..., None])[..., 0]
    return (lse - picked).sum() / Y.numel()
''')],
    "sample_next": [
        ("softmax over dim 1, replacement=True, view(-1)", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=1)
    return torch.multinomial(p, num_samples=1, replacement=True, generator=generator).view(-1)
'''),
        ("divides the logits in place (allowed: the prompt does not forbid it)", '''
def sample_next(logits, temperature, generator):
    logits /= temperature
    p = torch.softmax(logits, dim=-1)
    return torch.multinomial(p, 1, generator=generator).reshape(-1)
'''),
    ],
}
