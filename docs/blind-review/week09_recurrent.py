"""Blind candidates for week09 recurrent.ipynb (written from the student release only).

QUESTIONS (prompt silent, so not listed as WRONG):
- lstm_cell / sample_next / rnn_forward: mutating an input (c_prev, logits, h0) in place is never
  forbidden by these prompts (only scale_to_spectral_radius, clip_grad_norm, teacher_forcing_inputs
  say "do not change").
- greedy_decode with T = 0: the prompt does not say T >= 1.
"""

WRONG = {
"rnn_step": [
("bias added after the tanh (prompt: tanh(x W_xh + h_prev W_hh + b))", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    return np.tanh(x @ W_xh + h_prev @ W_hh) + b
'''),
("W_hh h instead of h W_hh (prompt: h W_hh, not W_hh h)", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    return np.tanh(x @ W_xh + (W_hh @ h_prev.T).T + b)
'''),
("computed with torch, returns a torch tensor (prompt: with numpy, a float array)", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    x, h_prev, W_xh, W_hh, b = (torch.as_tensor(v) for v in (x, h_prev, W_xh, W_hh, b))
    return torch.tanh(x @ W_xh + h_prev @ W_hh + b)
'''),
],
"rnn_forward": [
("H allocated with X's dtype (an int X truncates; prompt: a float array)", '''
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
("uses h0 at every step instead of the previous state", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    N, T, D = X.shape
    H = np.zeros((N, T, h0.shape[1]))
    for t in range(T):
        H[:, t] = np.tanh(X[:, t] @ W_xh + h0 @ W_hh + b)
    return H
'''),
("stacks the states along axis 0: (T, N, M) instead of (N, T, M)", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states).reshape(X.shape[0], X.shape[1], -1)
'''),
],
"rnn_backward": [
("dW_hh uses h_t instead of h_{t-1}", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros_like(X, dtype=float)
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dnext = np.zeros_like(h0, dtype=float)
    for t in reversed(range(T)):
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += H[:, t].T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
("previous state of step 0 read as H[:, -1] (the last state) instead of h0", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros_like(X, dtype=float)
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dnext = np.zeros_like(h0, dtype=float)
    for t in range(T - 1, -1, -1):
        delta = (dH[:, t] + dnext) * (1 - H[:, t] ** 2)
        dX[:, t] = delta @ W_xh.T
        dW_xh += X[:, t].T @ delta
        dW_hh += H[:, t - 1].T @ delta
        db += delta.sum(axis=0)
        dnext = delta @ W_hh.T
    return dX, dnext, dW_xh, dW_hh, db
'''),
("db kept as (1, M) with keepdims (prompt: shape (M,))", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    dX = np.zeros_like(X, dtype=float)
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros((1, W_hh.shape[0]))
    dnext = np.zeros_like(h0, dtype=float)
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
("eigvalsh (assumes a symmetric matrix) instead of eigvals", '''
def scale_to_spectral_radius(W, rho):
    radius = np.max(np.abs(np.linalg.eigvalsh(W)))
    return rho * W / radius
'''),
("the smallest |eigenvalue| instead of the largest", '''
def scale_to_spectral_radius(W, rho):
    radius = np.min(np.abs(np.linalg.eigvals(W)))
    return rho * W / radius
'''),
("the spectral norm (largest singular value) instead of the spectral radius", '''
def scale_to_spectral_radius(W, rho):
    return rho * W / np.linalg.norm(W, 2)
'''),
],
"clip_grad_norm": [
("each gradient's norm with ord=2 (the spectral norm of a matrix, not its entries' norm)", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.linalg.norm(g, 2) ** 2 for g in grads)))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
'''),
("returns the input arrays themselves when nothing is clipped (prompt: a list of new arrays)", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef >= 1:
        return list(grads), total
    return [g * coef for g in grads], total
'''),
("clips each gradient separately to max_norm", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))
    out = [g * min(1.0, max_norm / (np.linalg.norm(g) + 1e-6)) for g in grads]
    return out, total
'''),
("forgets the 1e-6 of the denominator", '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))
    coef = min(1.0, max_norm / total) if total > 0 else 1.0
    return [g * coef for g in grads], total
'''),
],
"lstm_params_from_torch": [
("W_h reshaped instead of transposed", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    W_x = weight_ih.detach().cpu().numpy().astype(np.float64).T
    four_m, m = weight_hh.shape
    W_h = weight_hh.detach().cpu().numpy().astype(np.float64).reshape(m, four_m)
    b = (bias_ih + bias_hh).detach().cpu().numpy().astype(np.float64)
    return W_x, W_h, b
'''),
("only bias_ih (prompt: b = bias_ih + bias_hh)", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    f = lambda t: t.detach().cpu().numpy().astype(np.float64)
    return f(weight_ih).T, f(weight_hh).T, f(bias_ih)
'''),
("keeps torch's float32 (prompt: float64 numpy arrays)", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    f = lambda t: t.detach().cpu().numpy()
    return f(weight_ih).T, f(weight_hh).T, f(bias_ih + bias_hh)
'''),
],
"lstm_cell": [
("input and forget gates swapped on c_prev and g", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: 1 / (1 + np.exp(-v))
    i, f, g, o = sig(a[:, :M]), sig(a[:, M:2*M]), np.tanh(a[:, 2*M:3*M]), sig(a[:, 3*M:])
    c = i * c_prev + f * g
    return o * np.tanh(c), c
'''),
("CS231n's block order i, f, o, g", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: 1 / (1 + np.exp(-v))
    i, f, o, g = sig(a[:, :M]), sig(a[:, M:2*M]), sig(a[:, 2*M:3*M]), np.tanh(a[:, 3*M:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
'''),
("h = o * tanh(c_prev): the old cell state", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    M = h_prev.shape[1]
    a = x @ W_x + h_prev @ W_h + b
    sig = lambda v: 1 / (1 + np.exp(-v))
    i, f, g, o = sig(a[:, :M]), sig(a[:, M:2*M]), np.tanh(a[:, 2*M:3*M]), sig(a[:, 3*M:])
    c = f * c_prev + i * g
    return o * np.tanh(c_prev), c
'''),
],
"gru_cell_textbook": [
("ignores b_x (one bias, as many textbooks write it)", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))
    ux = x @ W_x
    r = sig(ux[:, :M] + h_prev @ W_h[:, :M] + b_h[:M])
    z = sig(ux[:, M:2*M] + h_prev @ W_h[:, M:2*M] + b_h[M:2*M])
    n = np.tanh(ux[:, 2*M:] + (r * h_prev) @ W_h[:, 2*M:] + b_h[2*M:])
    return (1 - z) * h_prev + z * n
'''),
("the gates read only h_prev (x W_xr and x W_xz forgotten)", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))
    r = sig(h_prev @ W_h[:, :M] + b_x[:M] + b_h[:M])
    z = sig(h_prev @ W_h[:, M:2*M] + b_x[M:2*M] + b_h[M:2*M])
    n = np.tanh(x @ W_x[:, 2*M:] + b_x[2*M:] + (r * h_prev) @ W_h[:, 2*M:] + b_h[2*M:])
    return (1 - z) * h_prev + z * n
'''),
("the reset gate also multiplies the input part of the candidate", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2*M] + ah[:, M:2*M])
    n = np.tanh(r * ax[:, 2*M:] + (r * h_prev) @ W_h[:, 2*M:] + b_h[2*M:])
    return (1 - z) * h_prev + z * n
'''),
("z weights the old state (PyTorch's interpolation) in the textbook cell", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2*M] + ah[:, M:2*M])
    n = np.tanh(ax[:, 2*M:] + (r * h_prev) @ W_h[:, 2*M:] + b_h[2*M:])
    return z * h_prev + (1 - z) * n
'''),
],
"gru_cell_torch": [
("b_hn outside the reset gate", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))
    ax, ah = x @ W_x + b_x, h_prev @ W_h
    r = sig(ax[:, :M] + ah[:, :M] + b_h[:M])
    z = sig(ax[:, M:2*M] + ah[:, M:2*M] + b_h[M:2*M])
    n = np.tanh(ax[:, 2*M:] + r * ah[:, 2*M:] + b_h[2*M:])
    return (1 - z) * n + z * h_prev
'''),
("z weights the candidate (textbook interpolation)", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))
    ax, ah = x @ W_x + b_x, h_prev @ W_h + b_h
    r = sig(ax[:, :M] + ah[:, :M])
    z = sig(ax[:, M:2*M] + ah[:, M:2*M])
    n = np.tanh(ax[:, 2*M:] + r * ah[:, 2*M:])
    return z * n + (1 - z) * h_prev
'''),
("computed with torch and returns a tensor (prompt: with numpy, a float array)", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    cell = torch.nn.GRUCell(W_x.shape[0], h_prev.shape[1]).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(W_x.T))
        cell.weight_hh.copy_(torch.tensor(W_h.T))
        cell.bias_ih.copy_(torch.tensor(b_x))
        cell.bias_hh.copy_(torch.tensor(b_h))
        return cell(torch.tensor(x), torch.tensor(h_prev))
'''),
],
"teacher_forcing_inputs": [
("shifts Y in place", '''
def teacher_forcing_inputs(Y, start_token):
    Y[:, 1:] = Y[:, :-1].clone()
    Y[:, 0] = start_token
    return Y
'''),
("the start column is made on the CPU (prompt: on the same device as Y)", '''
def teacher_forcing_inputs(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=torch.int64)
    return torch.cat([start, Y[:, :-1]], dim=1)
'''),
("shifts left: drops the first target instead of the last", '''
def teacher_forcing_inputs(Y, start_token):
    start = torch.full((Y.shape[0], 1), start_token, dtype=torch.int64, device=Y.device)
    return torch.cat([start, Y[:, 1:]], dim=1)
'''),
("a float tensor (torch.zeros) filled in (prompt: int64)", '''
def teacher_forcing_inputs(Y, start_token):
    out = torch.zeros(Y.shape, device=Y.device)
    out[:, 0] = start_token
    out[:, 1:] = Y[:, :-1]
    return out
'''),
],
"greedy_decode": [
("collects into a float tensor (prompt: int64)", '''
def greedy_decode(step, h, start, T):
    out = torch.zeros(len(start), T)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out[:, t] = tokens
    return out
'''),
("copies the state before the first step (prompt: pass it as it is)", '''
def greedy_decode(step, h, start, T):
    h = h.clone()
    tokens, out = start, []
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=-1)
        out.append(tokens)
    return torch.stack(out, dim=1)
'''),
("feeds the start tokens at every step", '''
def greedy_decode(step, h, start, T):
    out = []
    for t in range(T):
        logits, h = step(start, h)
        out.append(logits.argmax(dim=-1))
    return torch.stack(out, dim=1)
'''),
],
"seq2seq_train_step": [
("reshapes the logits with K = 10 written in (prompt: (N, T, K))", '''
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
("takes N, T from src (source and target lengths may differ)", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    N, T = src.shape
    tgt_in = torch.full((N, T), start_token, dtype=torch.int64, device=tgt.device)
    tgt_in[:, 1:] = tgt[:, :T - 1]
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.reshape(N * T, -1), tgt.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
'''),
("start token 10 written in, ignores start_token", '''
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
("clips after optimizer.step()", '''
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
],
"sequence_cross_entropy": [
("log of softmax (overflows to inf on large logits)", '''
def sequence_cross_entropy(logits, Y):
    p = torch.softmax(logits, dim=-1)
    picked = p.gather(-1, Y.unsqueeze(-1)).squeeze(-1)
    return -torch.log(picked).mean()
'''),
(".view on the logits (fails on a non-contiguous tensor)", '''
def sequence_cross_entropy(logits, Y):
    N, T, V = logits.shape
    return torch.nn.functional.cross_entropy(logits.view(N * T, V), Y.view(N * T))
'''),
("sum over time, mean over the batch", '''
def sequence_cross_entropy(logits, Y):
    N, T, V = logits.shape
    return torch.nn.functional.cross_entropy(logits.reshape(N * T, V), Y.reshape(-1),
                                             reduction="sum") / N
'''),
],
"sample_next": [
("squeeze() of the draws: a 0-dim tensor when N = 1", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator).squeeze()
'''),
("argmax shortcut for a small temperature (no draw)", '''
def sample_next(logits, temperature, generator):
    if temperature < 0.05:
        return logits.argmax(dim=-1)
    p = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
'''),
("multiplies the logits by the temperature", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits * temperature, dim=-1)
    return torch.multinomial(p, 1, generator=generator)[:, 0]
'''),
],
}

RIGHT = {
"rnn_step": [("np.dot and a float cast", '''
def rnn_step(x, h_prev, W_xh, W_hh, b):
    a = np.dot(x, W_xh) + np.dot(h_prev, W_hh) + b
    return np.tanh(a.astype(float))
''')],
"rnn_forward": [("list of states, np.stack(axis=1)", '''
def rnn_forward(X, h0, W_xh, W_hh, b):
    h, states = np.asarray(h0, dtype=float), []
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.stack(states, axis=1)
''')],
"rnn_backward": [("states with h0 prepended, einsum", '''
def rnn_backward(dH, X, H, h0, W_xh, W_hh):
    N, T, D = X.shape
    prev = np.concatenate([h0[:, None], H[:, :-1]], axis=1)
    deltas = np.zeros_like(H, dtype=float)
    dnext = np.zeros(h0.shape)
    for t in range(T - 1, -1, -1):
        deltas[:, t] = (dH[:, t] + dnext) * (1.0 - H[:, t] ** 2)
        dnext = deltas[:, t] @ W_hh.T
    dX = np.einsum("ntm,dm->ntd", deltas, W_xh)
    dW_xh = np.einsum("ntd,ntm->dm", X, deltas)
    dW_hh = np.einsum("ntk,ntm->km", prev, deltas)
    db = deltas.sum(axis=(0, 1))
    return dX, dnext, dW_xh, dW_hh, db
''')],
"scale_to_spectral_radius": [("np.linalg.eig and a loop over the moduli", '''
def scale_to_spectral_radius(W, rho):
    vals = np.linalg.eig(np.asarray(W, dtype=float))[0]
    radius = max(abs(complex(v)) for v in vals)
    return np.array(W, dtype=float) * (rho / radius)
''')],
"clip_grad_norm": [("concatenate the ravelled gradients", '''
def clip_grad_norm(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads])
    total = float(np.linalg.norm(flat))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [np.array(g, dtype=float) * coef for g in grads], total
''')],
"lstm_params_from_torch": [("torch ops then .double().numpy()", '''
def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    with torch.no_grad():
        W_x = weight_ih.detach().t().double().cpu().numpy()
        W_h = weight_hh.detach().t().double().cpu().numpy()
        b = (bias_ih.double() + bias_hh.double()).cpu().numpy()
    return np.ascontiguousarray(W_x), np.ascontiguousarray(W_h), b
''')],
"lstm_cell": [("np.split into four blocks", '''
def lstm_cell(x, h_prev, c_prev, W_x, W_h, b):
    a = x @ W_x + h_prev @ W_h + b
    a_i, a_f, a_g, a_o = np.split(a, 4, axis=1)
    sigmoid = lambda v: 0.5 * (1 + np.tanh(v / 2))
    c = sigmoid(a_f) * c_prev + sigmoid(a_i) * np.tanh(a_g)
    h = sigmoid(a_o) * np.tanh(c)
    return h, c
''')],
"gru_cell_textbook": [("block slices with np.split", '''
def gru_cell_textbook(x, h_prev, W_x, W_h, b_x, b_h):
    Wxr, Wxz, Wxn = np.split(W_x, 3, axis=1)
    Whr, Whz, Whn = np.split(W_h, 3, axis=1)
    bxr, bxz, bxn = np.split(b_x, 3)
    bhr, bhz, bhn = np.split(b_h, 3)
    sig = lambda v: 1 / (1 + np.exp(-v))
    r = sig(x @ Wxr + bxr + h_prev @ Whr + bhr)
    z = sig(x @ Wxz + bxz + h_prev @ Whz + bhz)
    h_tilde = np.tanh(x @ Wxn + bxn + (r * h_prev) @ Whn + bhn)
    return h_prev + z * (h_tilde - h_prev)
''')],
"gru_cell_torch": [("all three hidden products at once", '''
def gru_cell_torch(x, h_prev, W_x, W_h, b_x, b_h):
    M = h_prev.shape[1]
    gx = x @ W_x + b_x
    gh = h_prev @ W_h + b_h
    sig = lambda v: 1 / (1 + np.exp(-v))
    r = sig(gx[:, :M] + gh[:, :M])
    z = sig(gx[:, M:2 * M] + gh[:, M:2 * M])
    n = np.tanh(gx[:, 2 * M:] + r * gh[:, 2 * M:])
    return n + z * (h_prev - n)
''')],
"teacher_forcing_inputs": [("roll, then overwrite column 0", '''
def teacher_forcing_inputs(Y, start_token):
    out = torch.roll(Y, shifts=1, dims=1).to(torch.int64)
    out[:, 0] = start_token
    return out
''')],
"greedy_decode": [("preallocated int64 output", '''
def greedy_decode(step, h, start, T):
    out = torch.empty(start.shape[0], T, dtype=torch.int64, device=start.device)
    tokens = start
    for t in range(T):
        logits, h = step(tokens, h)
        tokens = torch.argmax(logits, dim=1)
        out[:, t] = tokens
    return out
''')],
"seq2seq_train_step": [("cross_entropy on transposed logits", '''
def seq2seq_train_step(model, optimizer, src, tgt, start_token, max_norm):
    tgt_in = torch.empty_like(tgt)
    tgt_in[:, 0] = start_token
    tgt_in[:, 1:] = tgt[:, :-1]
    logits = model(src, tgt_in)
    loss = torch.nn.functional.cross_entropy(logits.transpose(1, 2), tgt)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return float(loss.item())
''')],
"sequence_cross_entropy": [("log_softmax and gather", '''
def sequence_cross_entropy(logits, Y):
    logp = torch.log_softmax(logits, dim=-1)
    return -logp.gather(2, Y.unsqueeze(2)).mean()
''')],
"sample_next": [("softmax via exp, multinomial, [:, 0]", '''
def sample_next(logits, temperature, generator):
    p = torch.softmax(logits / temperature, dim=-1)
    draws = torch.multinomial(p, 1, generator=generator)
    return draws.reshape(-1).long()
''')],
}
