"""Known-wrong and other correct variants of week08's exercises (word embeddings).

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace: every WRONG variant must lose the exercise's points, every RIGHT variant
must pass every test cell of its exercise, visible checks included.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import torch

from autograder.references import week08 as ref


# -------------------------------------------------------------------------------- tokenize
def tokenize_split(raw):
    return raw.lower().split()


def tokenize_no_lower(raw):
    return re.findall(r"[a-z0-9]+", raw)


def tokenize_word_chars(raw):
    return re.findall(r"\w+", raw.lower())


def tokenize_keep_apostrophe(raw):
    return re.findall(r"[a-z0-9']+", raw.lower())


def tokenize_loop(raw):
    tokens, current = [], ""
    for ch in raw.lower():
        if ch in "abcdefghijklmnopqrstuvwxyz0123456789":
            current += ch
        elif current:
            tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens


# ----------------------------------------------------------------------------- build_vocab
def _vocab(tokens, min_count, order="alpha", unk_count=True, strict=False, unk=True):
    freq = Counter(tokens)
    keep = [w for w, n in freq.items() if (n > min_count if strict else n >= min_count)]
    if order == "alpha":
        keep.sort(key=lambda w: (-freq[w], w))
    else:  # first appearance among equal counts (Counter.most_common)
        kept = set(keep)
        keep = [w for w, _ in freq.most_common() if w in kept]
    kept = set(keep)
    dropped = sum(n for w, n in freq.items() if w not in kept)
    itos = (["<unk>"] if unk else []) + keep
    counts = ([dropped if unk_count else 0] if unk else []) + [freq[w] for w in keep]
    return itos, np.array(counts, dtype=np.int64)


def build_vocab_loop(tokens, min_count=1):
    freq = {}
    for t in tokens:
        freq[t] = freq.get(t, 0) + 1
    words = [w for w in freq if freq[w] >= min_count]
    words = sorted(sorted(words), key=lambda w: freq[w], reverse=True)  # stable: alphabetical
    unknown = len(tokens) - sum(freq[w] for w in words)
    return ["<unk>"] + words, np.array([unknown] + [freq[w] for w in words], dtype=np.int64)


# --------------------------------------------------------------------------------- one_hot
def one_hot_float64(ids, V):
    return np.eye(V)[np.asarray(ids)]


def one_hot_transposed(ids, V):
    return np.eye(V, dtype=np.float32)[np.asarray(ids)].T


def one_hot_shifted(ids, V):
    ids = np.asarray(ids)
    X = np.zeros((len(ids), V), dtype=np.float32)
    X[np.arange(len(ids)), (ids + 1) % V] = 1.0
    return X


def one_hot_torch(ids, V):
    return torch.nn.functional.one_hot(torch.as_tensor(np.asarray(ids)), V).float()


# ---------------------------------------------------------------------------- cooccurrence
def _cooc(ids, V, window, centre=False, left=True, weighted=False, shrink=0):
    ids = np.asarray(ids, dtype=np.int64)
    C = np.zeros((V, V))
    for t in range(len(ids)):
        for s in range(t - window + shrink, t + window + 1 - shrink):
            if not 0 <= s < len(ids) or (s == t and not centre) or (s < t and not left):
                continue
            C[ids[t], ids[s]] += 1.0 / abs(s - t) if weighted and s != t else 1.0
    return C


def cooc_loop(ids, V, window):
    ids = list(ids)
    C = np.zeros((V, V), dtype=np.float64)
    for t, i in enumerate(ids):
        for s, j in enumerate(ids):
            if 1 <= abs(s - t) <= window:
                C[i, j] += 1
    return C


# ------------------------------------------------------------------------------------ ppmi
def _ppmi(C, clip=True, log=np.log, total=True):
    C = np.asarray(C, dtype=np.float64)
    S = C.sum() if total else 1.0
    r, c = C.sum(axis=1), C.sum(axis=0)
    P = np.zeros_like(C)
    rows, cols = np.nonzero(C)
    vals = log(C[rows, cols] * S / (r[rows] * c[cols]))
    P[rows, cols] = np.maximum(vals, 0) if clip else vals
    return P


def ppmi_rows_only(C):
    """Uses the row sums for both marginals: wrong as soon as C is not symmetric."""
    C = np.asarray(C, dtype=np.float64)
    S, r = C.sum(), C.sum(axis=1)
    P = np.zeros_like(C)
    rows, cols = np.nonzero(C)
    with np.errstate(divide="ignore"):
        P[rows, cols] = np.maximum(0, np.log(C[rows, cols] * S / (r[rows] * r[cols])))
    return P


def ppmi_loops(C):
    C = np.asarray(C, dtype=float)
    V0, V1 = C.shape
    S = C.sum()
    P = np.zeros((V0, V1))
    for i in range(V0):
        for j in range(V1):
            if C[i, j] > 0:
                P[i, j] = max(0.0, math.log(C[i, j] * S / (C[i].sum() * C[:, j].sum())))
    return P


# -------------------------------------------------------------------------- svd_embeddings
def svd_no_scale(M, E):
    U, s, _ = np.linalg.svd(np.asarray(M, dtype=float), full_matrices=False)
    return U[:, :E]


def svd_sqrt_scale(M, E):
    U, s, _ = np.linalg.svd(np.asarray(M, dtype=float), full_matrices=False)
    return U[:, :E] * np.sqrt(s[:E])


def svd_smallest(M, E):
    U, s, _ = np.linalg.svd(np.asarray(M, dtype=float), full_matrices=False)
    return U[:, -E:] * s[-E:]


def svd_right_vectors(M, E):
    _, s, Vt = np.linalg.svd(np.asarray(M, dtype=float), full_matrices=False)
    return Vt[:E].T * s[:E]


def svd_eigh(M, E):
    M = np.asarray(M, dtype=float)
    lam, Q = np.linalg.eigh(M @ M.T)  # ascending eigenvalues of M M^T = U diag(s^2) U^T
    order = np.argsort(lam)[::-1][:E]
    return Q[:, order] * np.sqrt(np.maximum(lam[order], 0.0))


def svd_flipped_signs(M, E):
    W = ref.svd_embeddings(M, E)
    return -W


# ----------------------------------------------------------------------- cosine_similarity
def cosine_dot(A, B):
    return np.asarray(A, dtype=float) @ np.asarray(B, dtype=float).T


def cosine_one_side(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return (A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)) @ B.T


def cosine_nan_zero_rows(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    with np.errstate(all="ignore"):
        return (A @ B.T) / np.outer(np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1))


def cosine_loop(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    S = np.zeros((len(A), len(B)))
    for i, a in enumerate(A):
        for j, b in enumerate(B):
            na, nb = math.sqrt(a @ a), math.sqrt(b @ b)
            S[i, j] = 0.0 if na == 0 or nb == 0 else (a @ b) / (na * nb)
    return S


# ---------------------------------------------------------------------- nearest_neighbours
def nn_with_self(W, i, k):
    Wn = np.asarray(W, dtype=float)
    Wn = Wn / np.maximum(np.linalg.norm(Wn, axis=1, keepdims=True), 1e-12)
    return np.argsort(-(Wn @ Wn[i]), kind="stable")[:k]


def nn_euclidean(W, i, k):
    W = np.asarray(W, dtype=float)
    d = np.linalg.norm(W - W[i], axis=1)
    d[i] = np.inf
    return np.argsort(d, kind="stable")[:k]


def nn_ascending(W, i, k):
    Wn = np.asarray(W, dtype=float)
    Wn = Wn / np.maximum(np.linalg.norm(Wn, axis=1, keepdims=True), 1e-12)
    sims = Wn @ Wn[i]
    sims[i] = np.inf
    return np.argsort(sims, kind="stable")[:k]


def nn_sorted(W, i, k):
    W = np.asarray(W, dtype=float)
    norms = [max(float(np.linalg.norm(w)), 1e-12) for w in W]
    sims = [float(W[j] @ W[i]) / (norms[j] * norms[i]) for j in range(len(W))]
    order = sorted((j for j in range(len(W)) if j != i), key=lambda j: (-sims[j], j))
    return np.array(order[:k], dtype=np.int64)


# --------------------------------------------------------------------------------- analogy
def _analogy(W, a, b, c, normalize=True, exclude=True, sign=1):
    W = np.asarray(W, dtype=float)
    if normalize:
        W = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = (np.asarray(x) for x in (a, b, c))
    scores = (sign * (W[b] - W[a]) + W[c]) @ W.T
    if exclude:
        for q in (a, b, c):
            scores[np.arange(len(a)), q] = -np.inf
    return scores.argmax(axis=1)


def analogy_loop(W, a, b, c):
    W = np.asarray(W, dtype=float)
    norms = np.maximum(np.linalg.norm(W, axis=1), 1e-12)
    Wn = W / norms[:, None]
    out = []
    for qa, qb, qc in zip(a, b, c):
        t = Wn[qb] - Wn[qa] + Wn[qc]
        best, best_score = -1, -np.inf
        for j in range(len(W)):
            if j in (qa, qb, qc):
                continue
            score = float(Wn[j] @ t)
            if score > best_score:
                best, best_score = j, score
        out.append(best)
    return np.array(out, dtype=np.int64)


# -------------------------------------------------------------------------- skipgram_pairs
def _pairs(ids, window, swap=False, centre=False, left=True, wrap=False):
    ids = list(ids)
    n, out = len(ids), []
    for t in range(n):
        for s in range(t - window, t + window + 1):
            if (s == t and not centre) or (s < t and not left):
                continue
            if not 0 <= s < n:
                if not wrap:
                    continue
                s %= n
            out.append((ids[s], ids[t]) if swap else (ids[t], ids[s]))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def skipgram_vectorized(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    n = len(ids)
    t = np.repeat(np.arange(n), 2 * window)  # (n * 2w,) centre positions
    offsets = np.tile(np.r_[np.arange(-window, 0), np.arange(1, window + 1)], n)
    s = t + offsets
    ok = (s >= 0) & (s < n)
    return np.stack([ids[t[ok]], ids[s[ok]]], axis=1)


# --------------------------------------------------------------------------- cbow_examples
def cbow_with_centre(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    ts = range(window, len(ids) - window)
    ctx = np.array([ids[t - window:t + window + 1] for t in ts], dtype=np.int64)
    return ctx.reshape(-1, 2 * window + 1), ids[window:len(ids) - window]


def cbow_right_then_left(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    ts = range(window, len(ids) - window)
    ctx = [np.concatenate([ids[t + 1:t + window + 1], ids[t - window:t]]) for t in ts]
    return np.array(ctx, dtype=np.int64).reshape(-1, 2 * window), ids[window:len(ids) - window]


def cbow_wrap(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    n = len(ids)
    ctx = [[ids[(t + d) % n] for d in range(-window, window + 1) if d != 0] for t in range(n)]
    return np.array(ctx, dtype=np.int64).reshape(-1, 2 * window), ids


def cbow_sliding(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    if len(ids) < 2 * window + 1:
        return np.zeros((0, 2 * window), dtype=np.int64), np.zeros(0, dtype=np.int64)
    win = np.lib.stride_tricks.sliding_window_view(ids, 2 * window + 1)  # (P, 2w + 1)
    return np.delete(win, window, axis=1), win[:, window].copy()


# -------------------------------------------------------------------- unigram_distribution
def unigram_no_power(counts, power=0.75):
    c = np.asarray(counts, dtype=float)
    return c / c.sum()


def unigram_not_renormalized(counts, power=0.75):
    c = np.asarray(counts, dtype=float)
    return (c / c.sum()) ** power


def unigram_fixed_power(counts, power=0.75):
    c = np.asarray(counts, dtype=float) ** 0.75
    return c / c.sum()


def unigram_normalize_twice(counts, power=0.75):
    p = np.asarray(counts, dtype=float)
    p = (p / p.sum()) ** power
    return p / p.sum()


# ------------------------------------------------------------------------ the two models
def _model(kind, mean_neg=False, plus_neg=False, one_table=False, batch_sum=False,
           log_sigmoid=False, context_sum=False, zero_init=True):
    """A SkipGramNS (kind='sg') or CBOWNS (kind='cbow') class with the given mistakes."""

    class Model(torch.nn.Module):
        def __init__(self, V, E):
            super().__init__()
            self.in_embed = torch.nn.Embedding(V, E)
            self.out_embed = torch.nn.Embedding(V, E)
            with torch.no_grad():
                self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
                if zero_init:
                    self.out_embed.weight.zero_()

        def forward(self, inputs, targets, negatives):
            if kind == "sg":
                h = self.in_embed(inputs)
            else:
                h = self.in_embed(inputs)
                h = h.sum(dim=1) if context_sum else h.mean(dim=1)
            out = self.in_embed if one_table else self.out_embed
            pos = (out(targets) * h).sum(dim=1)
            neg = (out(negatives) @ h.unsqueeze(2)).squeeze(2)
            if log_sigmoid:
                ls = lambda x: torch.log(torch.sigmoid(x))  # noqa: E731
            else:
                ls = torch.nn.functional.logsigmoid
            neg_term = ls(neg if plus_neg else -neg)
            neg_term = neg_term.mean(dim=1) if mean_neg else neg_term.sum(dim=1)
            per_example = -(ls(pos) + neg_term)
            return per_example.sum() if batch_sum else per_example.mean()

    return Model


def _model_bce(kind):
    """Another correct model: the loss as binary cross-entropy with logits, labels 1 and 0."""

    class Model(torch.nn.Module):
        def __init__(self, V, E):
            super().__init__()
            self.in_embed = torch.nn.Embedding(V, E)
            self.out_embed = torch.nn.Embedding(V, E)
            torch.nn.init.uniform_(self.in_embed.weight, -0.5 / E, 0.5 / E)
            torch.nn.init.zeros_(self.out_embed.weight)

        def forward(self, inputs, targets, negatives):
            h = self.in_embed(inputs)
            if kind == "cbow":
                total = h[:, 0]
                for j in range(1, h.shape[1]):
                    total = total + h[:, j]
                h = total / h.shape[1]
            words = torch.cat([targets[:, None], negatives], dim=1)  # (B, 1 + K)
            scores = torch.einsum("bke,be->bk", self.out_embed(words), h)
            labels = torch.zeros_like(scores)
            labels[:, 0] = 1.0
            bce = torch.nn.functional.binary_cross_entropy_with_logits(scores, labels,
                                                                       reduction="none")
            return bce.sum(dim=1).mean()

    return Model


# ------------------------------------------------------------------------------- the tables
WRONG = {
    "tokenize": [
        ("splits on whitespace only: punctuation stays attached to the words", tokenize_split),
        ("forgets to lower-case: upper-case letters are dropped", tokenize_no_lower),
        (r"uses \w+, which keeps underscores and accented letters inside tokens",
         tokenize_word_chars),
        ("keeps apostrophes inside tokens (cat's stays one token)", tokenize_keep_apostrophe),
    ],
    "build_vocab": [
        ("breaks ties by first appearance (Counter.most_common) instead of alphabetically",
         lambda t, m=1: _vocab(t, m, order="first")),
        ("counts[0] is 0 instead of the number of tokens left out",
         lambda t, m=1: _vocab(t, m, unk_count=False)),
        ("keeps only words seen more than min_count times (> instead of >=)",
         lambda t, m=1: _vocab(t, m, strict=True)),
        ("forgets the <unk> entry", lambda t, m=1: _vocab(t, m, unk=False)),
    ],
    "one_hot": [
        ("returns float64 instead of float32", one_hot_float64),
        ("returns the transpose, (V, N)", one_hot_transposed),
        ("puts the 1 in the column after the id", one_hot_shifted),
    ],
    "cooccurrence": [
        ("the window includes the centre word (every token counts itself)",
         lambda ids, V, w: _cooc(ids, V, w, centre=True)),
        ("counts only the right context: C is not symmetric",
         lambda ids, V, w: _cooc(ids, V, w, left=False)),
        ("weights a neighbour at distance d by 1/d", lambda ids, V, w: _cooc(ids, V, w,
                                                                           weighted=True)),
        ("window one too small (range(1, window))", lambda ids, V, w: _cooc(ids, V, w,
                                                                          shrink=1)),
    ],
    "ppmi": [
        ("PMI without clipping the negative values at 0", lambda C: _ppmi(C, clip=False)),
        ("log base 2 instead of the natural log", lambda C: _ppmi(C, log=np.log2)),
        ("forgets the total S: log(C_ij / (r_i c_j))", lambda C: _ppmi(C, total=False)),
        ("uses the row sums for both marginals (wrong for non-symmetric C)", ppmi_rows_only),
    ],
    "svd_embeddings": [
        ("returns U without scaling by the singular values", svd_no_scale),
        ("scales by the square roots of the singular values", svd_sqrt_scale),
        ("keeps the E smallest singular values instead of the largest", svd_smallest),
        ("uses the right singular vectors (rows of Vt) instead of U", svd_right_vectors),
    ],
    "cosine_similarity": [
        ("plain dot products, without normalizing", cosine_dot),
        ("normalizes the rows of A only", cosine_one_side),
        ("no guard for zero rows: 0 / 0 = nan", cosine_nan_zero_rows),
    ],
    "nearest_neighbours": [
        ("returns the word itself as its own nearest neighbour", nn_with_self),
        ("ranks by Euclidean distance instead of cosine similarity", nn_euclidean),
        ("sorted by increasing similarity (the least similar first)", nn_ascending),
    ],
    "analogy": [
        ("does not exclude the query words: often answers c or b itself",
         lambda W, a, b, c: _analogy(W, a, b, c, exclude=False)),
        ("does not scale the rows to unit length: long vectors win",
         lambda W, a, b, c: _analogy(W, a, b, c, normalize=False)),
        ("computes a - b + c instead of b - a + c",
         lambda W, a, b, c: _analogy(W, a, b, c, sign=-1)),
    ],
    "skipgram_pairs": [
        ("rows in the wrong order: (context, centre)", lambda ids, w: _pairs(ids, w, swap=True)),
        ("the window includes the centre: a (w, w) pair for every position",
         lambda ids, w: _pairs(ids, w, centre=True)),
        ("right context only", lambda ids, w: _pairs(ids, w, left=False)),
        ("wraps around the ends instead of cutting the window",
         lambda ids, w: _pairs(ids, w, wrap=True)),
    ],
    "cbow_examples": [
        ("the context includes the centre word (2 * window + 1 columns)", cbow_with_centre),
        ("right words before left words", cbow_right_then_left),
        ("wraps around the ends: one example per position", cbow_wrap),
    ],
    "unigram_distribution": [
        ("plain frequencies: forgets the power 0.75", unigram_no_power),
        ("takes the power of the frequencies without renormalizing", unigram_not_renormalized),
        ("ignores the power argument (always 0.75)", unigram_fixed_power),
    ],
    "SkipGramNS": [
        ("log sigmoid(u_k . v) for the negatives: the sign is missing",
         _model("sg", plus_neg=True)),
        ("averages over the K negatives instead of summing", _model("sg", mean_neg=True)),
        ("one table for both roles: the contexts also use in_embed", _model("sg", one_table=True)),
        ("sums over the batch instead of averaging", _model("sg", batch_sum=True)),
        ("log(sigmoid(x)): -inf for large negative scores", _model("sg", log_sigmoid=True)),
        ("out_embed left at torch's random initialization", _model("sg", zero_init=False)),
    ],
    "CBOWNS": [
        ("sums the context vectors instead of averaging them", _model("cbow", context_sum=True)),
        ("log sigmoid(u_k . h) for the negatives: the sign is missing",
         _model("cbow", plus_neg=True)),
        ("averages over the K negatives instead of summing", _model("cbow", mean_neg=True)),
        ("sums over the batch instead of averaging", _model("cbow", batch_sum=True)),
        ("one table for both roles: the centres also use in_embed",
         _model("cbow", one_table=True)),
    ],
}

RIGHT = {
    "tokenize": [("a loop over the characters", tokenize_loop)],
    "build_vocab": [("a dict of counts and two stable sorts", build_vocab_loop)],
    "one_hot": [("torch.nn.functional.one_hot(...).float(): a float32 tensor", one_hot_torch)],
    "cooccurrence": [("a double loop over all pairs of positions", cooc_loop)],
    "ppmi": [("two loops with math.log", ppmi_loops)],
    "svd_embeddings": [
        ("eigenvectors of M M^T, scaled by the square roots of the eigenvalues", svd_eigh),
        ("every column with the opposite sign", svd_flipped_signs),
    ],
    "cosine_similarity": [("a double loop with a zero-norm test", cosine_loop)],
    "nearest_neighbours": [("sorted() with the key (-similarity, index)", nn_sorted)],
    "analogy": [("a loop over the questions and the words", analogy_loop)],
    "skipgram_pairs": [("vectorized with offsets and a mask", skipgram_vectorized)],
    "cbow_examples": [("numpy's sliding_window_view without the centre column", cbow_sliding)],
    "unigram_distribution": [("normalize, take the power, normalize again",
                              unigram_normalize_twice)],
    "SkipGramNS": [("binary cross-entropy with logits on (1 + K) scores", _model_bce("sg"))],
    "CBOWNS": [("a loop over the context columns, then binary cross-entropy with logits",
                _model_bce("cbow"))],
}
