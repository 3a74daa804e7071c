# Blind candidates for week08 (embeddings), written from the student release only.

_SG_INIT = '''
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()
'''

WRONG = {
    "tokenize": [
        ("casefold() instead of lower(): 'ß' becomes 'ss'", '''
def tokenize(raw):
    return re.findall(r"[a-z0-9]+", raw.casefold())
'''),
        ("str.isdigit() accepts digits outside 0-9 (superscripts, other scripts)", '''
def tokenize(raw):
    tokens, cur = [], ""
    for ch in raw.lower():
        if "a" <= ch <= "z" or ch.isdigit():
            cur += ch
        else:
            if cur:
                tokens.append(cur)
            cur = ""
    if cur:
        tokens.append(cur)
    return tokens
'''),
        ("matches [A-Za-z0-9] and lower-cases each token afterwards (not the whole text first)", '''
def tokenize(raw):
    return [t.lower() for t in re.findall(r"[A-Za-z0-9]+", raw)]
'''),
    ],
    "build_vocab": [
        ("counts[0] is the number of distinct words left out, not of tokens", '''
def build_vocab(tokens, min_count=1):
    cnt = Counter(tokens)
    kept = sorted((w for w in cnt if cnt[w] >= min_count), key=lambda w: (-cnt[w], w))
    dropped = [w for w in cnt if cnt[w] < min_count]
    return ["<unk>"] + kept, np.array([len(dropped)] + [cnt[w] for w in kept], dtype=np.int64)
'''),
        ("np.argsort of -counts without a stable kind (ties lose alphabetical order on large vocabularies)", '''
def build_vocab(tokens, min_count=1):
    cnt = Counter(tokens)
    words = sorted(w for w in cnt if cnt[w] >= min_count)
    c = np.array([cnt[w] for w in words], dtype=np.int64)
    order = np.argsort(-c)
    unk = sum(n for w, n in cnt.items() if n < min_count)
    return ["<unk>"] + [words[i] for i in order], np.concatenate([[unk], c[order]]).astype(np.int64)
'''),
        ("np.concatenate with an empty list gives float64 counts when no word is kept", '''
def build_vocab(tokens, min_count=1):
    cnt = Counter(tokens)
    kept = sorted((w for w in cnt if cnt[w] >= min_count), key=lambda w: (-cnt[w], w))
    unk = len(tokens) - sum(cnt[w] for w in kept)
    return ["<unk>"] + kept, np.concatenate([[unk], np.array([cnt[w] for w in kept])])
'''),
    ],
    "one_hot": [
        ("returns a torch tensor instead of a numpy array", '''
def one_hot(ids, V):
    return torch.nn.functional.one_hot(torch.as_tensor(np.asarray(ids), dtype=torch.int64), V).float()
'''),
        ("torch.nn.functional.one_hot on torch.as_tensor(ids): int32 ids raise", '''
def one_hot(ids, V):
    return torch.nn.functional.one_hot(torch.as_tensor(ids), V).float().numpy()
'''),
        ("V ignored: the width is max(ids) + 1", '''
def one_hot(ids, V):
    ids = np.asarray(ids)
    return np.eye(ids.max() + 1, dtype=np.float32)[ids]
'''),
    ],
    "cooccurrence": [
        ("C[i, j] += 1 with index arrays: repeated pairs at one distance count once", '''
def cooccurrence(ids, V, window):
    ids = np.asarray(ids)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        C[ids[:-d], ids[d:]] += 1
        C[ids[d:], ids[:-d]] += 1
    return C
'''),
        ("slices ids[:N - d]: breaks when window >= N (negative end wraps)", '''
def cooccurrence(ids, V, window):
    ids = np.asarray(ids)
    N = len(ids)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        np.add.at(C, (ids[:N - d], ids[d:]), 1)
        np.add.at(C, (ids[d:], ids[:N - d]), 1)
    return C
'''),
        ("skips neighbours with the same word as the centre (not only the centre position)", '''
def cooccurrence(ids, V, window):
    C = np.zeros((V, V))
    N = len(ids)
    for t in range(N):
        for s in range(max(0, t - window), min(N, t + window + 1)):
            if ids[s] != ids[t]:
                C[ids[t], ids[s]] += 1
    return C
'''),
    ],
    "ppmi": [
        ("np.zeros_like(C): integer counts give an integer (truncated) result", '''
def ppmi(C):
    S = C.sum()
    r, c = C.sum(axis=1), C.sum(axis=0)
    P = np.zeros_like(C)
    mask = C > 0
    rows, cols = np.nonzero(mask)
    P[mask] = np.maximum(0, np.log(C[mask] * S / (r[rows] * c[cols])))
    return P
'''),
        ("float32 result", '''
def ppmi(C):
    C = np.asarray(C, dtype=np.float32)
    S = C.sum()
    r, c = C.sum(axis=1), C.sum(axis=0)
    P = np.zeros(C.shape, dtype=np.float32)
    mask = C > 0
    rows, cols = np.nonzero(mask)
    P[mask] = np.maximum(0, np.log(C[mask] * S / (r[rows] * c[cols])))
    return P
'''),
        ("absolute value of PMI instead of clipping at 0", '''
def ppmi(C):
    C = np.asarray(C, dtype=np.float64)
    S = C.sum()
    r, c = C.sum(axis=1), C.sum(axis=0)
    P = np.zeros(C.shape)
    mask = C > 0
    rows, cols = np.nonzero(mask)
    P[mask] = np.abs(np.log(C[mask] * S / (r[rows] * c[cols])))
    return P
'''),
    ],
    "svd_embeddings": [
        ("float32 result (computed in torch.float32)", '''
def svd_embeddings(M, E):
    U, s, _ = torch.linalg.svd(torch.as_tensor(np.asarray(M), dtype=torch.float32), full_matrices=False)
    return (U[:, :E] * s[:E]).numpy()
'''),
        ("scales by sqrt(s) instead of s", '''
def svd_embeddings(M, E):
    U, s, _ = np.linalg.svd(M, full_matrices=False)
    return U[:, :E] * np.sqrt(s[:E])
'''),
        ("returns a torch tensor", '''
def svd_embeddings(M, E):
    U, s, _ = torch.linalg.svd(torch.as_tensor(np.asarray(M, dtype=np.float64)), full_matrices=False)
    return U[:, :E] * s[:E]
'''),
    ],
    "cosine_similarity": [
        ("adds 1e-12 to the norms instead of taking the maximum", '''
def cosine_similarity(A, B):
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    An = A / (np.linalg.norm(A, axis=1, keepdims=True) + 1e-12)
    Bn = B / (np.linalg.norm(B, axis=1, keepdims=True) + 1e-12)
    return An @ Bn.T
'''),
        ("guards the product of the norms, not each norm", '''
def cosine_similarity(A, B):
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    na, nb = np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1)
    return (A @ B.T) / np.maximum(np.outer(na, nb), 1e-12)
'''),
        ("float32 result", '''
def cosine_similarity(A, B):
    A, B = np.asarray(A, dtype=np.float32), np.asarray(B, dtype=np.float32)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    Bn = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-12)
    return An @ Bn.T
'''),
    ],
    "nearest_neighbours": [
        ("drops the first entry of the ranking instead of row i", '''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    return np.argsort(-sims, kind="stable")[1:k + 1].astype(np.int64)
'''),
        ("np.argsort without kind='stable' (ties not in index order on large V)", '''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    sims[i] = -np.inf
    return np.argsort(-sims)[:k].astype(np.int64)
'''),
        ("excludes row i by setting its similarity to -1 (ties with opposite rows)", '''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    sims[i] = -1.0
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)
'''),
        ("no norm guard: a zero row gets nan and sinks to the end", '''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    with np.errstate(all="ignore"):
        Wn = W / np.linalg.norm(W, axis=1, keepdims=True)
        sims = Wn @ Wn[i]
    sims[i] = -np.inf
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)
'''),
    ],
    "analogy": [
        ("excludes only c", '''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    scores[np.arange(len(c)), c] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)
'''),
        ("excluded words get score 0 instead of -inf (win when every other score is negative)", '''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    q = np.arange(len(a))
    scores[q, a] = 0.0
    scores[q, b] = 0.0
    scores[q, c] = 0.0
    return scores.argmax(axis=1).astype(np.int64)
'''),
        ("excludes every question's words from every question", '''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    scores[:, np.concatenate([a, b, c])] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)
'''),
        ("no norm guard: a zero row gives nan scores, which argmax picks", '''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    with np.errstate(all="ignore"):
        Wn = W / np.linalg.norm(W, axis=1, keepdims=True)
        a, b, c = np.asarray(a), np.asarray(b), np.asarray(c)
        scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    q = np.arange(len(a))
    for idx in (a, b, c):
        scores[q, idx] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)
'''),
    ],
    "skipgram_pairs": [
        ("skips context words equal to the centre word (not only position t)", '''
def skipgram_pairs(ids, window):
    N = len(ids)
    pairs = []
    for t in range(N):
        for s in range(max(0, t - window), min(N, t + window + 1)):
            if ids[s] != ids[t]:
                pairs.append((ids[t], ids[s]))
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)
'''),
        ("keeps the dtype of ids (int32 in, int32 out)", '''
def skipgram_pairs(ids, window):
    ids = np.asarray(ids)
    N = len(ids)
    pairs = [(ids[t], ids[s]) for t in range(N)
             for s in range(max(0, t - window), min(N, t + window + 1)) if s != t]
    return np.array(pairs, dtype=ids.dtype).reshape(-1, 2)
'''),
        ("empty case returns float64 zeros", '''
def skipgram_pairs(ids, window):
    N = len(ids)
    pairs = [(ids[t], ids[s]) for t in range(N)
             for s in range(max(0, t - window), min(N, t + window + 1)) if s != t]
    if not pairs:
        return np.zeros((0, 2))
    return np.array(pairs, dtype=np.int64)
'''),
    ],
    "cbow_examples": [
        ("empty case returns float64 arrays", '''
def cbow_examples(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    N = len(ids)
    if N < 2 * window + 1:
        return np.zeros((0, 2 * window)), np.zeros(0)
    ctx = [np.concatenate([ids[t - window:t], ids[t + 1:t + window + 1]]) for t in range(window, N - window)]
    return np.array(ctx, dtype=np.int64), ids[window:N - window].copy()
'''),
        ("removes the words equal to the centre word instead of the centre position", '''
def cbow_examples(ids, window):
    ids = list(ids)
    N = len(ids)
    ctx, cen = [], []
    for t in range(window, N - window):
        ctx.append([x for x in ids[t - window:t + window + 1] if x != ids[t]])
        cen.append(ids[t])
    return np.array(ctx, dtype=np.int64).reshape(-1, 2 * window), np.array(cen, dtype=np.int64)
'''),
        ("keeps the dtype of ids (int32 in, int32 out)", '''
def cbow_examples(ids, window):
    ids = np.asarray(ids)
    N = len(ids)
    ts = np.arange(window, N - window)
    offs = np.concatenate([np.arange(-window, 0), np.arange(1, window + 1)])
    return ids[ts[:, None] + offs[None, :]].reshape(-1, 2 * window), ids[ts]
'''),
    ],
    "unigram_distribution": [
        ("float32 result", '''
def unigram_distribution(counts, power=0.75):
    q = np.asarray(counts, dtype=np.float32) ** power
    return q / q.sum()
'''),
        ("normalizes before the power and not again", '''
def unigram_distribution(counts, power=0.75):
    c = np.asarray(counts, dtype=np.float64)
    return (c / c.sum()) ** power
'''),
        ("power hard-coded to 0.75", '''
def unigram_distribution(counts, power=0.75):
    q = np.asarray(counts, dtype=np.float64) ** 0.75
    return q / q.sum()
'''),
    ],
    "SkipGramNS": [
        ("torch.log(torch.sigmoid(x)) instead of logsigmoid", '''
class SkipGramNS(torch.nn.Module):''' + _SG_INIT + '''
    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(1)
        neg = torch.bmm(self.out_embed(negatives), v[:, :, None])[:, :, 0]
        return -(torch.log(torch.sigmoid(pos)) + torch.log(torch.sigmoid(-neg)).sum(1)).mean()
'''),
        ("in_embed initialized uniformly in [0, 0.5/E] instead of [-0.5/E, 0.5/E]", '''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(0, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        lsig = torch.nn.functional.logsigmoid
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(1)
        neg = torch.bmm(self.out_embed(negatives), v[:, :, None])[:, :, 0]
        return -(lsig(pos) + lsig(-neg).sum(1)).mean()
'''),
        (".squeeze() of the (B, K, 1) scores: breaks for B = 1 or K = 1", '''
class SkipGramNS(torch.nn.Module):''' + _SG_INIT + '''
    def forward(self, centres, contexts, negatives):
        lsig = torch.nn.functional.logsigmoid
        v = self.in_embed(centres)
        pos = (self.out_embed(contexts) * v).sum(1)
        neg = (self.out_embed(negatives) @ v.unsqueeze(2)).squeeze()
        return -(lsig(pos) + lsig(-neg).sum(1)).mean()
'''),
    ],
    "CBOWNS": [
        ("torch.log(torch.sigmoid(x)) instead of logsigmoid", '''
class CBOWNS(torch.nn.Module):''' + _SG_INIT + '''
    def forward(self, contexts, centres, negatives):
        h = self.in_embed(contexts).mean(dim=1)
        pos = (self.out_embed(centres) * h).sum(1)
        neg = torch.bmm(self.out_embed(negatives), h[:, :, None])[:, :, 0]
        return -(torch.log(torch.sigmoid(pos)) + torch.log(torch.sigmoid(-neg)).sum(1)).mean()
'''),
        ("divides the context sum by a hard-coded 4 (2 * window for window 2)", '''
class CBOWNS(torch.nn.Module):''' + _SG_INIT + '''
    def forward(self, contexts, centres, negatives):
        lsig = torch.nn.functional.logsigmoid
        h = self.in_embed(contexts).sum(dim=1) / 4
        pos = (self.out_embed(centres) * h).sum(1)
        neg = torch.bmm(self.out_embed(negatives), h[:, :, None])[:, :, 0]
        return -(lsig(pos) + lsig(-neg).sum(1)).mean()
'''),
        ("in_embed initialized uniformly in [0, 0.5/E]", '''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(0, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, contexts, centres, negatives):
        lsig = torch.nn.functional.logsigmoid
        h = self.in_embed(contexts).mean(dim=1)
        pos = (self.out_embed(centres) * h).sum(1)
        neg = torch.bmm(self.out_embed(negatives), h[:, :, None])[:, :, 0]
        return -(lsig(pos) + lsig(-neg).sum(1)).mean()
'''),
        (".squeeze() of the (B, K, 1) scores: breaks for B = 1", '''
class CBOWNS(torch.nn.Module):''' + _SG_INIT + '''
    def forward(self, contexts, centres, negatives):
        lsig = torch.nn.functional.logsigmoid
        h = self.in_embed(contexts).mean(dim=1)
        pos = (self.out_embed(centres) * h).sum(1)
        neg = (self.out_embed(negatives) @ h.unsqueeze(2)).squeeze()
        return -(lsig(pos) + lsig(-neg).sum(1)).mean()
'''),
    ],
}

RIGHT = {
    "tokenize": [("character loop with explicit ranges", '''
def tokenize(raw):
    out, cur = [], []
    for ch in raw.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out
''')],
    "build_vocab": [("dict counting, sort by (-count, word)", '''
def build_vocab(tokens, min_count=1):
    counts = {}
    for tok in tokens:
        counts[tok] = counts.get(tok, 0) + 1
    kept = [w for w in counts if counts[w] >= min_count]
    kept.sort(key=lambda w: (-counts[w], w))
    n_kept = sum(counts[w] for w in kept)
    out = np.zeros(len(kept) + 1, dtype=np.int64)
    out[0] = len(tokens) - n_kept
    out[1:] = [counts[w] for w in kept]
    return ["<unk>"] + kept, out
''')],
    "one_hot": [("np.eye rows as float32", '''
def one_hot(ids, V):
    return np.eye(V, dtype=np.float32)[np.asarray(ids, dtype=np.int64)].reshape(-1, V)
''')],
    "cooccurrence": [("two loops over positions and offsets", '''
def cooccurrence(ids, V, window):
    C = np.zeros((V, V), dtype=np.float64)
    N = len(ids)
    for t in range(N):
        for d in range(1, window + 1):
            if t + d < N:
                C[ids[t], ids[t + d]] += 1
                C[ids[t + d], ids[t]] += 1
    return C
''')],
    "ppmi": [("np.where under errstate, outer product", '''
def ppmi(C):
    C = np.asarray(C, dtype=np.float64)
    S = C.sum()
    expected = np.outer(C.sum(axis=1), C.sum(axis=0))
    out = np.zeros_like(C)
    mask = C > 0
    out[mask] = np.log(C[mask] * S / expected[mask])
    return np.maximum(out, 0.0)
''')],
    "svd_embeddings": [("full_matrices=True, diag product", '''
def svd_embeddings(M, E):
    U, s, _ = np.linalg.svd(np.asarray(M, dtype=np.float64))
    return U[:, :E] @ np.diag(s[:E])
''')],
    "cosine_similarity": [("einsum with guarded norms", '''
def cosine_similarity(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    na = np.maximum(np.sqrt(np.einsum("ne,ne->n", A, A)), 1e-12)
    nb = np.maximum(np.sqrt(np.einsum("me,me->m", B, B)), 1e-12)
    return np.einsum("ne,me->nm", A, B) / na[:, None] / nb[None, :]
''')],
    "nearest_neighbours": [("lexsort on (index, -sim), i removed", '''
def nearest_neighbours(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    idx = np.arange(len(W))
    keep = idx != i
    order = np.lexsort((idx[keep], -sims[keep]))
    return idx[keep][order][:k].astype(np.int64)
''')],
    "analogy": [("loop over questions", '''
def analogy(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    out = []
    for qa, qb, qc in zip(a, b, c):
        s = Wn @ (Wn[qb] - Wn[qa] + Wn[qc])
        s[[qa, qb, qc]] = -np.inf
        out.append(int(np.argmax(s)))
    return np.array(out, dtype=np.int64)
''')],
    "skipgram_pairs": [("preallocated list of lists", '''
def skipgram_pairs(ids, window):
    ids = [int(x) for x in ids]
    N = len(ids)
    rows = []
    for t in range(N):
        for s in range(t - window, t + window + 1):
            if s != t and 0 <= s < N:
                rows.append([ids[t], ids[s]])
    return np.array(rows, dtype=np.int64).reshape(len(rows), 2)
''')],
    "cbow_examples": [("fancy indexing, int64", '''
def cbow_examples(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    N = len(ids)
    ts = np.arange(window, max(window, N - window))
    offs = np.r_[np.arange(-window, 0), np.arange(1, window + 1)]
    return ids[ts[:, None] + offs[None, :]].reshape(len(ts), 2 * window), ids[ts]
''')],
    "unigram_distribution": [("np.power then divide", '''
def unigram_distribution(counts, power=0.75):
    q = np.power(np.asarray(counts, dtype=np.float64), power)
    return q / np.sum(q)
''')],
    "SkipGramNS": [("einsum, init with nn.init", '''
class SkipGramNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            torch.nn.init.uniform_(self.in_embed.weight, -0.5 / E, 0.5 / E)
            torch.nn.init.zeros_(self.out_embed.weight)

    def forward(self, centres, contexts, negatives):
        v = self.in_embed(centres)
        pos = torch.einsum("be,be->b", self.out_embed(contexts), v)
        neg = torch.einsum("bke,be->bk", self.out_embed(negatives), v)
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(dim=1)).mean()
''')],
    "CBOWNS": [("einsum, mean over dim 1", '''
class CBOWNS(torch.nn.Module):
    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            torch.nn.init.uniform_(self.in_embed.weight, -0.5 / E, 0.5 / E)
            torch.nn.init.zeros_(self.out_embed.weight)

    def forward(self, contexts, centres, negatives):
        h = self.in_embed(contexts).mean(dim=1)
        pos = torch.einsum("be,be->b", self.out_embed(centres), h)
        neg = torch.einsum("bke,be->bk", self.out_embed(negatives), h)
        F_ = torch.nn.functional
        return -(F_.logsigmoid(pos) + F_.logsigmoid(-neg).sum(dim=1)).mean()
''')],
}
