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


def ppmi_integer_counts(C):
    """No conversion to float64: integer counts give an integer P, truncated."""
    C = np.asarray(C)
    S, r, c = C.sum(), C.sum(axis=1), C.sum(axis=0)
    P = np.zeros_like(C)
    rows, cols = np.nonzero(C)
    P[rows, cols] = np.maximum(0.0, np.log(C[rows, cols] * S / (r[rows] * c[cols])))
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
        ("splits on whitespace only: punctuation stays attached to the words", tokenize_split,
         "Try the text 'Hello, world!': is 'world!' a token? Re-read which characters a token may "
         "contain and which ones separate tokens."),
        ("forgets to lower-case: upper-case letters are dropped", tokenize_no_lower,
         "Run it on 'The Cat' and look at the first letters of your tokens. Check the order of "
         "the steps in the prompt's rules."),
        (r"uses \w+, which keeps underscores and accented letters inside tokens",
         tokenize_word_chars,
         "Check what your pattern counts as a word character: try 'on_top' and 'naïve', and "
         "compare with the prompt's examples."),
        ("keeps apostrophes inside tokens (cat's stays one token)", tokenize_keep_apostrophe,
         "Compare your tokens for cat's with the prompt's example: which characters may a token "
         "contain, and is the apostrophe one of them?"),
    ],
    "build_vocab": [
        ("breaks ties by first appearance (Counter.most_common) instead of alphabetically",
         lambda t, m=1: _vocab(t, m, order="first"),
         "Try tokens ['b', 'a']: both words occur once. Which should come first in itos, and does "
         "your sort say so explicitly?"),
        ("counts[0] is 0 instead of the number of tokens left out",
         lambda t, m=1: _vocab(t, m, unk_count=False),
         "counts.sum() should equal the number of tokens. With min_count=2 on ['a', 'a', 'b'], "
         "what should counts[0] be?"),
        ("keeps only words seen more than min_count times (> instead of >=)",
         lambda t, m=1: _vocab(t, m, strict=True),
         "Try min_count=2 on a word seen exactly twice: re-read the prompt's 'at least' and check "
         "whether your comparison keeps that word."),
        ("forgets the <unk> entry", lambda t, m=1: _vocab(t, m, unk=False),
         "Look at itos[0] for any input: the prompt reserves id 0 for one special token, even "
         "when no word is left out."),
    ],
    "one_hot": [
        ("returns float64 instead of float32", one_hot_float64,
         "Print X.dtype: numpy's arrays default to float64, while the prompt asks for the dtype "
         "that torch's layers expect."),
        ("returns the transpose, (V, N)", one_hot_transposed,
         "Check X.shape with 3 ids and V=5: does row n describe ids[n]?"),
        ("puts the 1 in the column after the id", one_hot_shifted,
         "Try the ids [0] with V=3: which column holds the 1? Ids count from 0, like the rows of "
         "the embedding matrix."),
    ],
    "cooccurrence": [
        ("the window includes the centre word (every token counts itself)",
         lambda ids, V, w: _cooc(ids, V, w, centre=True),
         "Try one token, ids = [0] with V=1 and window 1: a single token has no neighbours, so C "
         "should be all zeros. Check which offsets your loop visits."),
        ("counts only the right context: C is not symmetric",
         lambda ids, V, w: _cooc(ids, V, w, left=False),
         "Compare C with its transpose on ids = [1, 2]: the prompt says C is symmetric. In which "
         "directions does your loop look from each centre?"),
        ("weights a neighbour at distance d by 1/d", lambda ids, V, w: _cooc(ids, V, w,
                                                                           weighted=True),
         "Try ids = [1, 2, 3] with window 2: the pair (1, 3) is at distance 2. Re-read the prompt "
         "on how much a far neighbour counts."),
        ("window one too small (range(1, window))", lambda ids, V, w: _cooc(ids, V, w,
                                                                          shrink=1),
         "Try ids = [1, 2] with window 1: they are neighbours, so C[1, 2] should be 1. Check the "
         "last distance your range reaches: range stops before its end."),
    ],
    "ppmi": [
        ("PMI without clipping the negative values at 0", lambda C: _ppmi(C, clip=False),
         "Look for negative entries in your result: the P of PPMI keeps only the attractions. "
         "Check the minimum of your output on a random count matrix."),
        ("log base 2 instead of the natural log", lambda C: _ppmi(C, log=np.log2),
         "Compute one nonzero entry by hand with math.log and compare it with yours: if they "
         "differ by a constant factor, check which logarithm you used."),
        ("forgets the total S: log(C_ij / (r_i c_j))", lambda C: _ppmi(C, total=False),
         "Start from P(i, j) = C_ij / S, P(i) = r_i / S, P(j) = c_j / S and simplify the ratio "
         "yourself: how many factors of S survive, and where?"),
        ("uses the row sums for both marginals (wrong for non-symmetric C)", ppmi_rows_only,
         "Test with a non-symmetric C such as [[0, 2], [1, 0]], where row and column sums differ. "
         "Which sum belongs to the column word j?"),
        ("keeps the dtype of integer counts: an integer P, its logarithms truncated",
         ppmi_integer_counts,
         "Call it on an int64 count matrix such as np.array([[0, 2], [2, 4]]) and print the "
         "result's dtype: the prompt promises float64 whatever the counts' dtype."),
    ],
    "svd_embeddings": [
        ("returns U without scaling by the singular values", svd_no_scale,
         "Compute the norm of each column of your W: if they are all 1, re-read the prompt's "
         "formula for W and what multiplies column k."),
        ("scales by the square roots of the singular values", svd_sqrt_scale,
         "Compare the norm of column k of your W with s_k: what should it be, given that the "
         "columns of U have norm 1?"),
        ("keeps the E smallest singular values instead of the largest", svd_smallest,
         "Print s: numpy returns the singular values in decreasing order. Which columns of U "
         "belong to the E most important directions?"),
        ("uses the right singular vectors (rows of Vt) instead of U", svd_right_vectors,
         "Check your W's shape for a non-square M of shape (V, D): one row per word means V rows. "
         "Which factor of the SVD has V rows?"),
    ],
    "cosine_similarity": [
        ("plain dot products, without normalizing", cosine_dot,
         "Try A = [[2, 0]] and B = [[3, 0]]: the vectors point the same way, so what is the "
         "cosine of their angle? Your values should stay in [-1, 1]."),
        ("normalizes the rows of A only", cosine_one_side,
         "Multiply B by 10 and compare: an angle does not depend on the lengths, so the result "
         "should not change. Does yours?"),
        ("no guard for zero rows: 0 / 0 = nan", cosine_nan_zero_rows,
         "Put a row of zeros in A and look for nan in your result. The prompt says how to keep "
         "the division finite."),
    ],
    "nearest_neighbours": [
        ("returns the word itself as its own nearest neighbour", nn_with_self,
         "Can i itself appear in your answer? Its similarity to itself is 1, the largest "
         "possible. What could you set it to before sorting?"),
        ("ranks by Euclidean distance instead of cosine similarity", nn_euclidean,
         "Multiply one row of W by 10: its cosine similarity to row i does not change, so its "
         "rank should not either. Does your ranking measure angles or distances?"),
        ("sorted by increasing similarity (the least similar first)", nn_ascending,
         "Print the similarities of the indices you return: they should decrease. Check in which "
         "order np.argsort sorts."),
    ],
    "analogy": [
        ("does not exclude the query words: often answers c or b itself",
         lambda W, a, b, c: _analogy(W, a, b, c, exclude=False),
         "Look at how often your answer is c or b: the target lies very close to them. Re-read "
         "step 3 of the prompt."),
        ("does not scale the rows to unit length: long vectors win",
         lambda W, a, b, c: _analogy(W, a, b, c, normalize=False),
         "Multiply one row of W by 100 and see whether it becomes the answer to unrelated "
         "questions. Step 1 of the prompt applies to every row, before the target is formed."),
        ("computes a - b + c instead of b - a + c",
         lambda W, a, b, c: _analogy(W, a, b, c, sign=-1),
         "The relation is the step that leads from a to b; the answer is the word that same step "
         "away from c. Check which way your difference points."),
    ],
    "skipgram_pairs": [
        ("rows in the wrong order: (context, centre)", lambda ids, w: _pairs(ids, w, swap=True),
         "Print the rows for ids = [10, 20, 30] with window 1: the first column is the word at "
         "the centre position t. Which column holds ids[t] in yours?"),
        ("the window includes the centre: a (w, w) pair for every position",
         lambda ids, w: _pairs(ids, w, centre=True),
         "Try ids = [4] with window 1: a single word has no context, so there should be no pairs. "
         "Which offset must your loop skip?"),
        ("right context only", lambda ids, w: _pairs(ids, w, left=False),
         "Count the pairs for ids = [1, 2] with window 1: each word is in the other's context. "
         "Does your loop look to the left of t?"),
        ("wraps around the ends instead of cutting the window",
         lambda ids, w: _pairs(ids, w, wrap=True),
         "Python's negative indices wrap around silently: ids[-1] is the last token. Check "
         "position 0: which positions does your loop read to its left?"),
    ],
    "cbow_examples": [
        ("the context includes the centre word (2 * window + 1 columns)", cbow_with_centre,
         "Check contexts.shape[1]: the prompt asks for 2 * window columns. Which word of the "
         "window is not part of its own context?"),
        ("right words before left words", cbow_right_then_left,
         "Print the context row for ids = [1, 2, 3] with window 1 and read it against the text: "
         "are the words in the order they appear?"),
        ("wraps around the ends: one example per position", cbow_wrap,
         "Count your examples for N=5 and window 2: the prompt uses only positions with a full "
         "window on both sides. Do positions near the ends borrow words from the other end?"),
    ],
    "unigram_distribution": [
        ("plain frequencies: forgets the power 0.75", unigram_no_power,
         "Frequent words should get less than their plain share: with counts [1, 16], q[0] should "
         "be more than 1/17. Where does the power argument enter?"),
        ("takes the power of the frequencies without renormalizing", unigram_not_renormalized,
         "Check q.sum(): a distribution must sum to 1. Try counts [1, 1]: what do you get?"),
        ("ignores the power argument (always 0.75)", unigram_fixed_power,
         "Call it with power=1: you should get the plain frequencies. Does your code use the "
         "argument it receives?"),
    ],
    "SkipGramNS": [
        ("log sigmoid(u_k . v) for the negatives: the sign is missing",
         _model("sg", plus_neg=True),
         "Noise pairs have label 0, and 1 - sigmoid(x) = sigmoid(-x). A negative with a large "
         "positive score u_k . v should make your loss large: does it?"),
        ("averages over the K negatives instead of summing", _model("sg", mean_neg=True),
         "With out_embed at zero every score is 0 and each of the 1 + K terms is log 2: a new "
         "model's loss should be (1 + K) log 2. What does yours give?"),
        ("one table for both roles: the contexts also use in_embed", _model("sg", one_table=True),
         "Each word has two vectors. Check which embedding you look up for the contexts and the "
         "negatives: is out_embed ever used in your forward?"),
        ("sums over the batch instead of averaging", _model("sg", batch_sum=True),
         "The prompt's J has 1/B in front: feeding the same pairs twice in one batch should not "
         "change the loss. Does yours stay the same?"),
        ("log(sigmoid(x)): -inf for large negative scores", _model("sg", log_sigmoid=True),
         "Evaluate your log-sigmoid at x = -200 in float32: the sigmoid underflows to 0 before "
         "the log is taken. Re-read the prompt's advice on computing it."),
        ("out_embed left at torch's random initialization", _model("sg", zero_init=False),
         "Print out_embed.weight right after building the model and compare with the prompt's "
         "initialization: every score of a new model should then be exactly 0."),
    ],
    "CBOWNS": [
        ("sums the context vectors instead of averaging them", _model("cbow", context_sum=True),
         "Check h for a context of identical words: the mean of 2 * window copies of v is v "
         "itself. Does your h grow with the window size?"),
        ("log sigmoid(u_k . h) for the negatives: the sign is missing",
         _model("cbow", plus_neg=True),
         "Noise pairs have label 0, and 1 - sigmoid(x) = sigmoid(-x). A negative with a large "
         "positive score u_k . h should make your loss large: does it?"),
        ("averages over the K negatives instead of summing", _model("cbow", mean_neg=True),
         "With out_embed at zero every score is 0 and each of the 1 + K terms is log 2: a new "
         "model's loss should be (1 + K) log 2. What does yours give?"),
        ("sums over the batch instead of averaging", _model("cbow", batch_sum=True),
         "The prompt's J has 1/B in front: feeding the same examples twice in one batch should "
         "not change the loss. Does yours stay the same?"),
        ("one table for both roles: the centres also use in_embed",
         _model("cbow", one_table=True),
         "The predicted word uses its output vector. Check which embedding you look the centres "
         "and the negatives up in: is out_embed ever used in your forward?"),
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
