"""Blind review, round 2, week 8 (embeddings): candidates written from the student release only.

Judged before any fix: 51 wrong, 10 earned every point; after: 0. One wrong candidate (q /= q.sum()
with an int power) was moved to RIGHT in phase 2: the prompt promises a float power."""

WRONG = {
    "tokenize": [
        ("keeps Unicode digits: [a-z\\d] where \\d also matches Arabic-Indic and other Nd digits "
         "(prompt: runs of a-z and 0-9 only)", r'''
def tokenize(raw):
    return re.findall(r"[a-z\d]+", raw.lower())
'''),
        ("casefold() instead of lower(): 'straße' gives 'strasse' (prompt: raw.lower() first)", r'''
def tokenize(raw):
    return re.findall(r"[a-z0-9]+", raw.casefold())
'''),
        ("matches [A-Za-z0-9] on the raw text and lower-cases each token: the Kelvin sign K "
         "(lower() gives k) is dropped (prompt: lower-case the whole text first)", r'''
def tokenize(raw):
    return [tok.lower() for tok in re.findall(r"[A-Za-z0-9]+", raw)]
'''),
        ("character loop with str.isdigit(): superscript 2 and other non-ASCII digits are kept",
         r'''
def tokenize(raw):
    tokens, current = [], ""
    for ch in raw.lower():
        if "a" <= ch <= "z" or ch.isdigit():
            current += ch
        else:
            if current:
                tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens
'''),
    ],
    "build_vocab": [
        ("counts[0] is the number of distinct words left out, not the number of their tokens",
         r'''
def build_vocab(tokens, min_count=1):
    c = Counter(tokens)
    words = sorted((w for w in c if c[w] >= min_count), key=lambda w: (-c[w], w))
    n_left_out = len([w for w in c if c[w] < min_count])
    counts = np.array([n_left_out] + [c[w] for w in words], dtype=np.int64)
    return ["<unk>"] + words, counts
'''),
        ("counts in the Counter's first-appearance order, not aligned with the sorted itos",
         r'''
def build_vocab(tokens, min_count=1):
    c = Counter(tokens)
    words = sorted((w for w in c if c[w] >= min_count), key=lambda w: (-c[w], w))
    unk = sum(n for n in c.values() if n < min_count)
    counts = np.array([unk] + [n for n in c.values() if n >= min_count], dtype=np.int64)
    return ["<unk>"] + words, counts
'''),
        ("np.bincount without minlength: an empty token list gives counts of shape (0,), not (1,)",
         r'''
def build_vocab(tokens, min_count=1):
    c = Counter(tokens)
    words = sorted((w for w in c if c[w] >= min_count), key=lambda w: (-c[w], w))
    itos = ["<unk>"] + words
    stoi = {w: i for i, w in enumerate(itos)}
    ids = np.array([stoi.get(t, 0) for t in tokens], dtype=np.int64)
    return itos, np.bincount(ids)
'''),
    ],
    "one_hot": [
        ("squeezes the result: N = 1 gives shape (V,), not (1, V)", r'''
def one_hot(ids, V):
    return np.eye(V, dtype=np.float32)[np.asarray(ids)].squeeze()
'''),
        ("torch.nn.functional.one_hot needs int64: an int32 array of ids raises", r'''
def one_hot(ids, V):
    return torch.nn.functional.one_hot(torch.as_tensor(ids), V).numpy().astype(np.float32)
'''),
        ("np.asarray(ids) of an empty list is float64: indexing with it raises (N = 0)", r'''
def one_hot(ids, V):
    ids = np.asarray(ids)
    X = np.zeros((len(ids), V), dtype=np.float32)
    X[np.arange(len(ids)), ids] = 1.0
    return X
'''),
    ],
    "cooccurrence": [
        ("C[a, b] += 1 with index arrays: a repeated (i, j) pair at one distance counts once",
         r'''
def cooccurrence(ids, V, window):
    ids = np.asarray(ids)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        C[ids[:-d], ids[d:]] += 1
    return C + C.T
'''),
        ("ids[:len(ids) - d]: for a window longer than the sequence the slice wraps (crash)",
         r'''
def cooccurrence(ids, V, window):
    ids = np.asarray(ids, dtype=np.int64)
    N = len(ids)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        np.add.at(C, (ids[:N - d], ids[d:]), 1.0)
    return C + C.T
'''),
        ("np.asarray of an empty list is float64: an empty sequence crashes instead of giving "
         "zeros", r'''
def cooccurrence(ids, V, window):
    ids = np.asarray(ids)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        np.add.at(C, (ids[:-d], ids[d:]), 1.0)
        np.add.at(C, (ids[d:], ids[:-d]), 1.0)
    return C
'''),
    ],
    "ppmi": [
        ("np.zeros_like(C): integer counts give an integer result (logs truncated), float32 "
         "counts a float32 one (prompt: float64)", r'''
def ppmi(C):
    S = C.sum()
    r = C.sum(axis=1)
    c = C.sum(axis=0)
    P = np.zeros_like(C)
    mask = C > 0
    rows, cols = np.nonzero(mask)
    P[mask] = np.log(C[mask] * S / (r[rows] * c[cols]))
    return np.maximum(P, 0)
'''),
        ("computed in torch float32: the result is float32 (prompt: float64)", r'''
def ppmi(C):
    T = torch.as_tensor(np.asarray(C), dtype=torch.float32)
    S = T.sum()
    expected = T.sum(1, keepdim=True) * T.sum(0, keepdim=True) / S
    P = torch.zeros_like(T)
    mask = T > 0
    P[mask] = torch.log(T[mask] / expected[mask])
    return P.clamp(min=0).numpy()
'''),
        ("takes the logarithm only where C >= 1: fractional counts (0 < C < 1) give 0",
         r'''
def ppmi(C):
    C = np.asarray(C, dtype=np.float64)
    S = C.sum()
    r = C.sum(axis=1, keepdims=True)
    c = C.sum(axis=0, keepdims=True)
    P = np.zeros_like(C)
    mask = C >= 1
    P[mask] = np.log((C * S)[mask] / (r * c)[mask])
    return np.maximum(P, 0.0)
'''),
    ],
    "svd_embeddings": [
        ("computed in torch float32: the result is float32 (docstring: float64)", r'''
def svd_embeddings(M, E):
    U, s, _ = torch.linalg.svd(torch.as_tensor(np.asarray(M), dtype=torch.float32),
                               full_matrices=False)
    return (U[:, :E] * s[:E]).numpy()
'''),
        ("eigh of M M^T with negative rounding errors: sqrt gives nan for a zero singular value",
         r'''
def svd_embeddings(M, E):
    M = np.asarray(M, dtype=np.float64)
    w, Q = np.linalg.eigh(M @ M.T)
    order = np.argsort(w)[::-1][:E]
    return Q[:, order] * np.sqrt(w[order])
'''),
        ("a symmetric fast path (hermitian=True) taken for every square matrix: wrong for a square "
         "matrix that is not symmetric", r'''
def svd_embeddings(M, E):
    M = np.asarray(M, dtype=np.float64)
    U, s, _ = np.linalg.svd(M, full_matrices=False,
                            hermitian=M.shape[0] == M.shape[1])
    return U[:, :E] * s[:E]
'''),
    ],
    "cosine_similarity": [
        ("guards the norms of A only: a zero row of B gives nan", r'''
def cosine_similarity(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    with np.errstate(all="ignore"):
        Bn = B / np.linalg.norm(B, axis=1, keepdims=True)
    return An @ Bn.T
'''),
        ("guards the product of the norms, not each norm: tiny vectors (norm 1e-7) get the "
         "wrong cosine", r'''
def cosine_similarity(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    nA = np.linalg.norm(A, axis=1)
    nB = np.linalg.norm(B, axis=1)
    return (A @ B.T) / np.maximum(np.outer(nA, nB), 1e-12)
'''),
        ("adds 1e-12 to the norms instead of a maximum: wrong for norms near 1e-12", r'''
def cosine_similarity(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    An = A / (np.linalg.norm(A, axis=1, keepdims=True) + 1e-12)
    Bn = B / (np.linalg.norm(B, axis=1, keepdims=True) + 1e-12)
    return An @ Bn.T
'''),
        ("keeps the input dtype: float32 vectors give a float32 result (prompt: float64)", r'''
def cosine_similarity(A, B):
    A, B = np.asarray(A), np.asarray(B)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    Bn = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-12)
    return An @ Bn.T
'''),
        ("torch's cosine_similarity with its default eps=1e-8 (norms below 1e-8 clamped)", r'''
def cosine_similarity(A, B):
    A = torch.as_tensor(np.asarray(A, dtype=np.float64))
    B = torch.as_tensor(np.asarray(B, dtype=np.float64))
    return torch.nn.functional.cosine_similarity(A[:, None, :], B[None, :, :], dim=2).numpy()
'''),
    ],
    "nearest_neighbours": [
        ("drops the first of the sorted order instead of row i: wrong when a row with a smaller "
         "index has cosine 1 with row i", r'''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    order = np.argsort(-sims, kind="stable")
    return order[1:k + 1].astype(np.int64)
'''),
        ("excludes row i by setting its similarity to -1: ties with rows at cosine -1", r'''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    sims[i] = -1.0
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)
'''),
        ("np.argsort without kind='stable': ties are not in increasing index order", r'''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    sims[i] = -np.inf
    return np.argsort(-sims)[:k].astype(np.int64)
'''),
        ("norms not guarded: a zero row gives nan similarities", r'''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    with np.errstate(all="ignore"):
        Wn = W / np.linalg.norm(W, axis=1, keepdims=True)
    sims = Wn @ Wn[i]
    sims[i] = -np.inf
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)
'''),
        ("plain dot product instead of the cosine", r'''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    sims = W @ W[i]
    sims[i] = -np.inf
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)
'''),
    ],
    "analogy": [
        ("excludes only c, not a and b", r'''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    scores[np.arange(len(c)), c] = -np.inf
    return np.argmax(scores, axis=1).astype(np.int64)
'''),
        ("forms the target from the raw vectors, scales only the candidates", r'''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (W[b] - W[a] + W[c]) @ Wn.T
    q = np.arange(len(a))
    scores[q, a] = scores[q, b] = scores[q, c] = -np.inf
    return np.argmax(scores, axis=1).astype(np.int64)
'''),
        ("excludes the query words by setting their score to -1 (scores go down to -3)", r'''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    q = np.arange(len(a))
    scores[q, a] = scores[q, b] = scores[q, c] = -1.0
    return np.argmax(scores, axis=1).astype(np.int64)
'''),
        ("takes the last of argsort: equal scores give the larger index", r'''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    out = []
    for qa, qb, qc in zip(a, b, c):
        scores = Wn @ (Wn[qb] - Wn[qa] + Wn[qc])
        scores[[qa, qb, qc]] = -np.inf
        out.append(np.argsort(scores, kind="stable")[-1])
    return np.array(out, dtype=np.int64)
'''),
        ("norms not guarded: a zero row gives nan scores, and argmax picks the nan", r'''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    with np.errstate(all="ignore"):
        Wn = W / np.linalg.norm(W, axis=1, keepdims=True)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    q = np.arange(len(a))
    scores[q, a] = scores[q, b] = scores[q, c] = -np.inf
    return np.argmax(scores, axis=1).astype(np.int64)
'''),
    ],
    "skipgram_pairs": [
        ("np.unique(pairs, axis=0): duplicate pairs removed and rows sorted by value", r'''
def skipgram_pairs(ids, window):
    N = len(ids)
    pairs = [(ids[t], ids[s]) for t in range(N)
             for s in range(max(0, t - window), min(N, t + window + 1)) if s != t]
    return np.unique(np.array(pairs, dtype=np.int64).reshape(-1, 2), axis=0)
'''),
        ("vectorized by offset, then sorted by the centre word's id instead of its position",
         r'''
def skipgram_pairs(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    N = len(ids)
    blocks = []
    for d in list(range(-window, 0)) + list(range(1, window + 1)):
        t = np.arange(max(0, -d), min(N, N - d))
        blocks.append(np.stack([ids[t], ids[t + d]], axis=1))
    pairs = np.concatenate(blocks).reshape(-1, 2) if blocks else np.zeros((0, 2), np.int64)
    return pairs[np.argsort(pairs[:, 0], kind="stable")]
'''),
        ("keeps the dtype of the ids: an int32 array gives int32 pairs (prompt: int64)", r'''
def skipgram_pairs(ids, window):
    ids = np.asarray(ids)
    N = len(ids)
    rows = [(t, s) for t in range(N)
            for s in range(t - window, t + window + 1) if s != t and 0 <= s < N]
    idx = np.array(rows, dtype=np.int64).reshape(-1, 2)
    return ids[idx]
'''),
    ],
    "cbow_examples": [
        ("list + list: concatenates for a list, adds element-wise for an array of ids", r'''
def cbow_examples(ids, window):
    contexts, centres = [], []
    for t in range(window, len(ids) - window):
        contexts.append(ids[t - window:t] + ids[t + 1:t + window + 1])
        centres.append(ids[t])
    return (np.array(contexts, dtype=np.int64).reshape(len(centres), 2 * window),
            np.array(centres, dtype=np.int64))
'''),
        ("a sequence without a full window gives float64 empty arrays (prompt: int64)", r'''
def cbow_examples(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    N = len(ids)
    if N < 2 * window + 1:
        return np.zeros((0, 2 * window)), np.zeros(0)
    contexts = np.array([np.concatenate([ids[t - window:t], ids[t + 1:t + window + 1]])
                         for t in range(window, N - window)])
    return contexts, ids[window:N - window].copy()
'''),
        ("keeps the dtype of the ids: an int32 array gives int32 examples (prompt: int64)", r'''
def cbow_examples(ids, window):
    ids = np.asarray(ids)
    N = len(ids)
    t = np.arange(window, max(window, N - window))
    offsets = np.array(list(range(-window, 0)) + list(range(1, window + 1)))
    return ids[t[:, None] + offsets[None, :]].reshape(len(t), 2 * window), ids[t]
'''),
    ],
    "unigram_distribution": [
        ("computed in torch float32: the result is float32 (prompt: float64)", r'''
def unigram_distribution(counts, power=0.75):
    q = torch.as_tensor(np.asarray(counts), dtype=torch.float32) ** power
    return (q / q.sum()).numpy()
'''),
        ("never draws the unknown token: q[0] set to 0 before renormalizing", r'''
def unigram_distribution(counts, power=0.75):
    q = np.asarray(counts, dtype=np.float64) ** power
    q[0] = 0.0
    return q / q.sum()
'''),
    ],
    "SkipGramNS": [
        ("torch.log(torch.sigmoid(x)) instead of logsigmoid: -inf for large negative scores",
         r'''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(-1)
        neg = torch.bmm(self.out_embed(negatives), v[:, :, None])[:, :, 0]
        return -(torch.log(torch.sigmoid(pos))
                 + torch.log(torch.sigmoid(-neg)).sum(1)).mean()
'''),
        ("in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]", r'''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(0.0, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(-1)
        neg = torch.bmm(self.out_embed(negatives), v[:, :, None])[:, :, 0]
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(1)).mean()
'''),
        ("returns loss.item(), a Python float, not a scalar tensor (no gradient)", r'''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(-1)
        neg = torch.bmm(self.out_embed(negatives), v[:, :, None])[:, :, 0]
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(1)).mean().item()
'''),
        ("keepdim sums: the loss has shape (1,), not a scalar", r'''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(-1, keepdim=True)      # (B, 1)
        neg = torch.bmm(self.out_embed(negatives), v[:, :, None])[:, :, 0]
        F_ = torch.nn.functional
        per = F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(1, keepdim=True)  # (B, 1)
        return -per.mean(0)
'''),
    ],
    "CBOWNS": [
        ("divides the sum of the context vectors by 4 (2 * window for window = 2), not by the "
         "number of context columns", r'''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, contexts, centres, negatives):
        h = self.in_embed(contexts).sum(1) / 4
        pos = (self.out_embed(centres) * h).sum(-1)
        neg = torch.bmm(self.out_embed(negatives), h[:, :, None])[:, :, 0]
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(1)).mean()
'''),
        ("torch.log(torch.sigmoid(x)) instead of logsigmoid: -inf for large negative scores",
         r'''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, contexts, centres, negatives):
        h = self.in_embed(contexts).mean(1)
        pos = (self.out_embed(centres) * h).sum(-1)
        neg = torch.bmm(self.out_embed(negatives), h[:, :, None])[:, :, 0]
        return -(torch.log(torch.sigmoid(pos))
                 + torch.log(torch.sigmoid(-neg)).sum(1)).mean()
'''),
        ("in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]", r'''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(0.0, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, contexts, centres, negatives):
        h = self.in_embed(contexts).mean(1)
        pos = (self.out_embed(centres) * h).sum(-1)
        neg = torch.bmm(self.out_embed(negatives), h[:, :, None])[:, :, 0]
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(1)).mean()
'''),
        ("averages the per-context-word losses (skip-gram style) instead of scoring the mean "
         "context vector", r'''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, contexts, centres, negatives):
        v = self.in_embed(contexts)                          # (B, 2w, E)
        pos = (self.out_embed(centres)[:, None, :] * v).sum(-1)   # (B, 2w)
        neg = torch.einsum("bke,bje->bjk", self.out_embed(negatives), v)  # (B, 2w, K)
        F_ = torch.nn.functional
        per = F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(-1)    # (B, 2w)
        return -per.mean()
'''),
    ],
}

RIGHT = {
    "tokenize": [("character loop with explicit ranges", r'''
def tokenize(raw):
    tokens, current = [], []
    for ch in raw.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens
''')],
    "build_vocab": [("dict counting, two stable sorts, counts[0] = N - kept", r'''
def build_vocab(tokens, min_count=1):
    seen = {}
    for t in tokens:
        seen[t] = seen.get(t, 0) + 1
    words = sorted(w for w, n in seen.items() if n >= min_count)
    words.sort(key=lambda w: seen[w], reverse=True)   # stable: ties stay alphabetical
    kept = sum(seen[w] for w in words)
    counts = np.zeros(len(words) + 1, dtype=np.int64)
    counts[0] = len(tokens) - kept
    for i, w in enumerate(words, start=1):
        counts[i] = seen[w]
    return ["<unk>"] + words, counts
''')],
    "one_hot": [("zeros + a loop", r'''
def one_hot(ids, V):
    ids = list(ids)
    X = np.zeros((len(ids), V), dtype=np.float32)
    for n, i in enumerate(ids):
        X[n, int(i)] = 1.0
    return X
''')],
    "cooccurrence": [("two loops over positions and offsets", r'''
def cooccurrence(ids, V, window):
    ids = [int(i) for i in ids]
    N = len(ids)
    C = np.zeros((V, V), dtype=np.float64)
    for t in range(N):
        for s in range(max(0, t - window), min(N, t + window + 1)):
            if s != t:
                C[ids[t], ids[s]] += 1.0
    return C
''')],
    "ppmi": [("log of max(ratio, 1), ratio 0 where C = 0", r'''
def ppmi(C):
    C = np.asarray(C, dtype=np.float64)
    S = C.sum()
    r = C.sum(axis=1)
    c = C.sum(axis=0)
    ratio = np.zeros_like(C)
    i, j = np.nonzero(C > 0)
    ratio[i, j] = C[i, j] * S / (r[i] * c[j])
    return np.log(np.maximum(ratio, 1.0))
''')],
    "svd_embeddings": [("project M on the right singular vectors: M @ Vs[:, :E]", r'''
def svd_embeddings(M, E):
    M = np.asarray(M, dtype=np.float64)
    _, _, Vt = np.linalg.svd(M, full_matrices=False)
    return M @ Vt[:E].T
''')],
    "cosine_similarity": [("explicit loops", r'''
def cosine_similarity(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    S = np.zeros((A.shape[0], B.shape[0]), dtype=np.float64)
    for i in range(A.shape[0]):
        na = max(float(np.sqrt(np.sum(A[i] ** 2))), 1e-12)
        for j in range(B.shape[0]):
            nb = max(float(np.sqrt(np.sum(B[j] ** 2))), 1e-12)
            S[i, j] = float(A[i] @ B[j]) / (na * nb)
    return S
''')],
    "nearest_neighbours": [("sorted() over (-sim, index) tuples", r'''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    norms = np.maximum(np.linalg.norm(W, axis=1), 1e-12)
    sims = (W @ W[i]) / (norms * norms[i])
    ranked = sorted((-sims[j], j) for j in range(len(W)) if j != i)
    return np.array([j for _, j in ranked[:k]], dtype=np.int64)
''')],
    "analogy": [("loop over questions, cosine with the target, a boolean mask", r'''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    out = np.zeros(len(a), dtype=np.int64)
    for q in range(len(a)):
        t = Wn[b[q]] - Wn[a[q]] + Wn[c[q]]
        scores = Wn @ t
        allowed = np.ones(len(W), dtype=bool)
        allowed[[a[q], b[q], c[q]]] = False
        best = None
        for j in np.flatnonzero(allowed):
            if best is None or scores[j] > scores[best]:
                best = j
        out[q] = best
    return out
''')],
    "skipgram_pairs": [("vectorized by offset, lexsorted by (position, context position)", r'''
def skipgram_pairs(ids, window):
    ids = np.asarray(ids).astype(np.int64)
    N = len(ids)
    t_all, s_all = [], []
    for d in range(-window, window + 1):
        if d == 0:
            continue
        t = np.arange(max(0, -d), max(max(0, -d), min(N, N - d)))
        t_all.append(t)
        s_all.append(t + d)
    t = np.concatenate(t_all)
    s = np.concatenate(s_all)
    order = np.lexsort((s, t))
    return np.stack([ids[t[order]], ids[s[order]]], axis=1).reshape(-1, 2).astype(np.int64)
''')],
    "cbow_examples": [("sliding_window_view, centre column deleted", r'''
def cbow_examples(ids, window):
    ids = np.asarray(ids).astype(np.int64)
    if len(ids) < 2 * window + 1:
        return np.zeros((0, 2 * window), dtype=np.int64), np.zeros(0, dtype=np.int64)
    win = np.lib.stride_tricks.sliding_window_view(ids, 2 * window + 1)
    return np.delete(win, window, axis=1).astype(np.int64), win[:, window].astype(np.int64)
''')],
    "unigram_distribution": [("q /= q.sum() in place (phase 2: moved from WRONG; it raises only for an int power, and the prompt promises a float)", r'''
def unigram_distribution(counts, power=0.75):
    q = np.asarray(counts) ** power
    q /= q.sum()
    return q
'''),
    ("exp(power * log(counts)) under np.errstate (log 0 = -inf, exp gives 0)", r'''
def unigram_distribution(counts, power=0.75):
    n = np.asarray(counts, dtype=np.float64)
    with np.errstate(divide="ignore"):
        q = np.exp(power * np.log(n))
    return q / q.sum()
'''), ("python floats in a loop", r'''
def unigram_distribution(counts, power=0.75):
    powered = [float(n) ** power if float(n) > 0 else 0.0 for n in counts]
    total = sum(powered)
    return np.array([p / total for p in powered], dtype=np.float64)
''')],
    "SkipGramNS": [("in_embed created and initialized before out_embed; einsum", r'''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)                                  # (B, E)
        pos = torch.einsum("be,be->b", self.out_embed(contexts), v)
        neg = torch.einsum("bke,be->bk", self.out_embed(negatives), v)
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos).sum() + F_.logsigmoid(-neg).sum()) / centres.shape[0]
''')],
    "CBOWNS": [("sum divided by contexts.shape[1], F.logsigmoid, matmul", r'''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            torch.nn.init.uniform_(self.in_embed.weight, -0.5 / E, 0.5 / E)
            torch.nn.init.zeros_(self.out_embed.weight)

    def forward(self, contexts, centres, negatives):
        h = self.in_embed(contexts).sum(dim=1) / contexts.shape[1]   # (B, E)
        pos = (self.out_embed(centres) * h).sum(dim=1)
        neg = (self.out_embed(negatives) @ h.unsqueeze(2)).squeeze(2)  # (B, K)
        F_ = torch.nn.functional
        loss = -F_.logsigmoid(pos) - F_.logsigmoid(-neg).sum(dim=1)
        return loss.mean()
''')],
}
