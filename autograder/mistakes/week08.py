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


def one_hot_torch_long(ids, V):
    ids = torch.as_tensor(np.asarray(ids, dtype=np.int64))
    return torch.nn.functional.one_hot(ids, V).float()


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
            na, nb = max(math.sqrt(a @ a), 1e-12), max(math.sqrt(b @ b), 1e-12)
            S[i, j] = (a @ b) / (na * nb)
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
def _per_context_loss(v, u_target, u_neg):
    """CBOW scored like skip-gram: the mean over the batch and the context words of each
    context word's own loss (v: (B, 2w, E), u_target: (B, E), u_neg: (B, K, E))."""
    ls = torch.nn.functional.logsigmoid
    pos = (u_target[:, None, :] * v).sum(dim=-1)  # (B, 2w)
    neg = torch.einsum("bke,bje->bjk", u_neg, v)  # (B, 2w, K)
    return -(ls(pos) + ls(-neg).sum(dim=-1)).mean()


def _model(kind, mean_neg=False, plus_neg=False, one_table=False, batch_sum=False,
           log_sigmoid=False, context_sum=False, zero_init=True, low=-0.5, squeeze_all=False,
           context_div=None, item=False, keepdim=False, per_context=False):
    """A SkipGramNS (kind='sg') or CBOWNS (kind='cbow') class with the given mistakes."""

    class Model(torch.nn.Module):
        def __init__(self, V, E):
            super().__init__()
            self.in_embed = torch.nn.Embedding(V, E)
            self.out_embed = torch.nn.Embedding(V, E)
            with torch.no_grad():
                self.in_embed.weight.uniform_(low / E, 0.5 / E)
                if zero_init:
                    self.out_embed.weight.zero_()

        def forward(self, inputs, targets, negatives):
            if kind == "sg":
                h = self.in_embed(inputs)
            else:
                h = self.in_embed(inputs)
                h = h.sum(dim=1) if context_sum else h.mean(dim=1)
                if context_div:  # a window size typed in: the sum divided by a constant
                    h = self.in_embed(inputs).sum(dim=1) / context_div
            out = self.in_embed if one_table else self.out_embed
            if per_context:
                return _per_context_loss(self.in_embed(inputs), out(targets), out(negatives))
            pos = (out(targets) * h).sum(dim=1)
            neg = (out(negatives) @ h.unsqueeze(2))
            neg = neg.squeeze() if squeeze_all else neg.squeeze(2)
            if log_sigmoid:
                ls = lambda x: torch.log(torch.sigmoid(x))  # noqa: E731
            else:
                ls = torch.nn.functional.logsigmoid
            neg_term = ls(neg if plus_neg else -neg)
            neg_term = neg_term.mean(dim=1) if mean_neg else neg_term.sum(dim=1)
            per_example = -(ls(pos) + neg_term)
            if keepdim:  # a mean that keeps its axis: shape (1,), not a scalar
                return per_example.mean(dim=0, keepdim=True)
            loss = per_example.sum() if batch_sum else per_example.mean()
            return loss.item() if item else loss

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

# ------------------------------------------- other correct versions from blind review
def tokenize_ranges(raw):
    out, current = [], []
    for ch in raw.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def build_vocab_preallocated(tokens, min_count=1):
    freq = {}
    for tok in tokens:
        freq[tok] = freq.get(tok, 0) + 1
    kept = sorted((w for w in freq if freq[w] >= min_count), key=lambda w: (-freq[w], w))
    counts = np.zeros(len(kept) + 1, dtype=np.int64)
    counts[0] = len(tokens) - sum(freq[w] for w in kept)
    counts[1:] = [freq[w] for w in kept]
    return ["<unk>"] + kept, counts


def one_hot_eye(ids, V):
    return np.eye(V, dtype=np.float32)[np.asarray(ids, dtype=np.int64)].reshape(-1, V)


def cooc_offsets(ids, V, window):
    C = np.zeros((V, V), dtype=np.float64)
    N = len(ids)
    for t in range(N):
        for d in range(1, window + 1):
            if t + d < N:
                C[ids[t], ids[t + d]] += 1
                C[ids[t + d], ids[t]] += 1
    return C


def ppmi_outer(C):
    C = np.asarray(C, dtype=np.float64)
    expected = np.outer(C.sum(axis=1), C.sum(axis=0))
    out = np.zeros_like(C)
    mask = C > 0
    out[mask] = np.log(C[mask] * C.sum() / expected[mask])
    return np.maximum(out, 0.0)


def svd_full_matrices(M, E):
    U, s, _ = np.linalg.svd(np.asarray(M, dtype=np.float64))
    return U[:, :E] @ np.diag(s[:E])


def cosine_einsum(A, B):
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    na = np.maximum(np.sqrt(np.einsum("ne,ne->n", A, A)), 1e-12)
    nb = np.maximum(np.sqrt(np.einsum("me,me->m", B, B)), 1e-12)
    return np.einsum("ne,me->nm", A, B) / na[:, None] / nb[None, :]


def nn_lexsort(W, i, k):
    sims = _unit_sims(W, i)
    idx = np.arange(len(sims))
    keep = idx != i
    order = np.lexsort((idx[keep], -sims[keep]))
    return idx[keep][order][:k].astype(np.int64)


def analogy_per_question(W, a, b, c):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    out = []
    for qa, qb, qc in zip(a, b, c):
        s = Wn @ (Wn[qb] - Wn[qa] + Wn[qc])
        s[[qa, qb, qc]] = -np.inf
        out.append(int(np.argmax(s)))
    return np.array(out, dtype=np.int64)


def skipgram_rows(ids, window):
    ids = [int(x) for x in ids]
    rows = [[ids[t], ids[s]] for t in range(len(ids))
            for s in range(t - window, t + window + 1) if s != t and 0 <= s < len(ids)]
    return np.array(rows, dtype=np.int64).reshape(len(rows), 2)


def cbow_fancy_index(ids, window):
    ids = np.asarray(ids, dtype=np.int64)
    ts = np.arange(window, max(window, len(ids) - window))
    offsets = np.r_[np.arange(-window, 0), np.arange(1, window + 1)]
    return ids[ts[:, None] + offsets[None, :]].reshape(len(ts), 2 * window), ids[ts]


def unigram_power(counts, power=0.75):
    q = np.power(np.asarray(counts, dtype=np.float64), power)
    return q / np.sum(q)


def _model_einsum(kind):
    """Another correct model: nn.init for the tables, einsum for the scores."""

    class Model(torch.nn.Module):
        def __init__(self, V, E):
            super().__init__()
            self.in_embed = torch.nn.Embedding(V, E)
            self.out_embed = torch.nn.Embedding(V, E)
            with torch.no_grad():
                torch.nn.init.uniform_(self.in_embed.weight, -0.5 / E, 0.5 / E)
                torch.nn.init.zeros_(self.out_embed.weight)

        def forward(self, inputs, targets, negatives):
            h = self.in_embed(inputs)
            if kind == "cbow":
                h = h.mean(dim=1)
            pos = torch.einsum("be,be->b", self.out_embed(targets), h)
            neg = torch.einsum("bke,be->bk", self.out_embed(negatives), h)
            ls = torch.nn.functional.logsigmoid
            return -(ls(pos) + ls(-neg).sum(dim=1)).mean()

    return Model


# ------------------------------------------------------ found by blind review (issue 22)
def tokenize_casefold(raw):
    return re.findall(r"[a-z0-9]+", raw.casefold())


def tokenize_isdigit(raw):
    tokens, current = [], ""
    for ch in raw.lower():
        if "a" <= ch <= "z" or ch.isdigit():  # isdigit: also superscripts, other scripts
            current += ch
        else:
            if current:
                tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens


def tokenize_lower_after(raw):
    return [t.lower() for t in re.findall(r"[A-Za-z0-9]+", raw)]


def vocab_unk_distinct(tokens, min_count=1):
    """counts[0] counts the distinct words left out, not their tokens."""
    freq = Counter(tokens)
    kept = sorted((w for w in freq if freq[w] >= min_count), key=lambda w: (-freq[w], w))
    dropped = [w for w in freq if freq[w] < min_count]
    return ["<unk>"] + kept, np.array([len(dropped)] + [freq[w] for w in kept], dtype=np.int64)


def vocab_unstable_argsort(tokens, min_count=1):
    """Alphabetical order, then np.argsort of -counts without kind='stable'."""
    freq = Counter(tokens)
    words = sorted(w for w in freq if freq[w] >= min_count)
    c = np.array([freq[w] for w in words], dtype=np.int64)
    order = np.argsort(-c)
    unknown = sum(n for n in freq.values() if n < min_count)
    return (["<unk>"] + [words[i] for i in order],
            np.concatenate([[unknown], c[order]]).astype(np.int64))


def vocab_float_when_empty(tokens, min_count=1):
    """np.concatenate with an empty list: float64 counts when no word is kept."""
    freq = Counter(tokens)
    kept = sorted((w for w in freq if freq[w] >= min_count), key=lambda w: (-freq[w], w))
    unknown = len(tokens) - sum(freq[w] for w in kept)
    return ["<unk>"] + kept, np.concatenate([[unknown], np.array([freq[w] for w in kept])])


def one_hot_width_from_ids(ids, V):
    ids = np.asarray(ids)
    return np.eye(ids.max() + 1, dtype=np.float32)[ids]  # V ignored


def cooc_fancy_add(ids, V, window):
    """C[i, j] += 1 with index arrays: a pair repeated at one distance counts once."""
    ids = np.asarray(ids, dtype=np.int64)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        C[ids[:-d], ids[d:]] += 1
        C[ids[d:], ids[:-d]] += 1
    return C


def cooc_slice_n_minus_d(ids, V, window):
    """ids[:N - d]: wraps around (and fails) once d > N."""
    ids = np.asarray(ids, dtype=np.int64)
    N = len(ids)
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        np.add.at(C, (ids[:N - d], ids[d:]), 1)
        np.add.at(C, (ids[d:], ids[:N - d]), 1)
    return C


def cooc_skips_same_word(ids, V, window):
    C = np.zeros((V, V))
    N = len(ids)
    for t in range(N):
        for s in range(max(0, t - window), min(N, t + window + 1)):
            if ids[s] != ids[t]:  # compares words, not positions
                C[ids[t], ids[s]] += 1
    return C


def ppmi_like_input(C):
    """P = np.zeros_like(C): integer counts give a truncated integer result."""
    S = C.sum()
    r, c = C.sum(axis=1), C.sum(axis=0)
    P = np.zeros_like(C)
    rows, cols = np.nonzero(C)
    P[rows, cols] = np.maximum(0, np.log(C[rows, cols] * S / (r[rows] * c[cols])))
    return P


def ppmi_float32(C):
    return _ppmi(C).astype(np.float32)


def ppmi_abs(C):
    return _ppmi(C, clip=False, log=lambda v: np.abs(np.log(v)))


def svd_float32(M, E):
    M = torch.as_tensor(np.asarray(M), dtype=torch.float32)
    U, s, _ = torch.linalg.svd(M, full_matrices=False)
    return (U[:, :E] * s[:E]).numpy()


def svd_torch(M, E):
    """Another correct version: torch.linalg.svd in float64, a tensor returned."""
    U, s, _ = torch.linalg.svd(torch.as_tensor(np.asarray(M, dtype=np.float64)),
                               full_matrices=False)
    return U[:, :E] * s[:E]


def cosine_adds_eps(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    An = A / (np.linalg.norm(A, axis=1, keepdims=True) + 1e-12)
    Bn = B / (np.linalg.norm(B, axis=1, keepdims=True) + 1e-12)
    return An @ Bn.T


def cosine_guards_product(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    na, nb = np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1)
    return (A @ B.T) / np.maximum(np.outer(na, nb), 1e-12)


def cosine_float32(A, B):
    A, B = np.asarray(A, dtype=np.float32), np.asarray(B, dtype=np.float32)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    Bn = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-12)
    return An @ Bn.T


def _unit_sims(W, i):
    W = np.asarray(W, dtype=float)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    return Wn @ Wn[i]


def nn_drops_first(W, i, k):
    return np.argsort(-_unit_sims(W, i), kind="stable")[1:k + 1].astype(np.int64)


def nn_unstable(W, i, k):
    sims = _unit_sims(W, i)
    sims[i] = -np.inf
    return np.argsort(-sims)[:k].astype(np.int64)


def nn_self_minus_one(W, i, k):
    sims = _unit_sims(W, i)
    sims[i] = -1.0  # ties with every row pointing the other way
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)


def nn_no_guard(W, i, k):
    W = np.asarray(W, dtype=float)
    with np.errstate(all="ignore"):
        Wn = W / np.linalg.norm(W, axis=1, keepdims=True)
        sims = Wn @ Wn[i]
    sims[i] = -np.inf
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)


def _analogy_scores(W, a, b, c):
    W = np.asarray(W, dtype=float)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = (np.asarray(x) for x in (a, b, c))
    return (Wn[b] - Wn[a] + Wn[c]) @ Wn.T, a, b, c


def analogy_excludes_c_only(W, a, b, c):
    scores, a, b, c = _analogy_scores(W, a, b, c)
    scores[np.arange(len(c)), c] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)


def analogy_excluded_score_zero(W, a, b, c):
    scores, a, b, c = _analogy_scores(W, a, b, c)
    for q in (a, b, c):
        scores[np.arange(len(a)), q] = 0.0  # beats every negative score
    return scores.argmax(axis=1).astype(np.int64)


def analogy_excludes_all_questions(W, a, b, c):
    scores, a, b, c = _analogy_scores(W, a, b, c)
    scores[:, np.concatenate([a, b, c])] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)


def analogy_no_guard(W, a, b, c):
    W = np.asarray(W, dtype=float)
    a, b, c = (np.asarray(x) for x in (a, b, c))
    with np.errstate(all="ignore"):
        Wn = W / np.linalg.norm(W, axis=1, keepdims=True)
        scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T
    for q in (a, b, c):
        scores[np.arange(len(a)), q] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)


def skipgram_skips_same_word(ids, window):
    N = len(ids)
    pairs = [(ids[t], ids[s]) for t in range(N)
             for s in range(max(0, t - window), min(N, t + window + 1)) if ids[s] != ids[t]]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def skipgram_dtype_of_ids(ids, window):
    ids = np.asarray(ids)
    N = len(ids)
    pairs = [(ids[t], ids[s]) for t in range(N)
             for s in range(max(0, t - window), min(N, t + window + 1)) if s != t]
    return np.array(pairs, dtype=ids.dtype).reshape(-1, 2)


def skipgram_float_when_empty(ids, window):
    pairs = ref.skipgram_pairs(ids, window)
    return pairs if len(pairs) else np.zeros((0, 2))


def cbow_float_when_empty(ids, window):
    contexts, centres = ref.cbow_examples(ids, window)
    if len(centres) == 0:
        return np.zeros((0, 2 * window)), np.zeros(0)
    return contexts, centres


def cbow_drops_same_word(ids, window):
    ids = list(ids)
    ctx, cen = [], []
    for t in range(window, len(ids) - window):
        ctx.append([x for x in ids[t - window:t + window + 1] if x != ids[t]])
        cen.append(ids[t])
    return np.array(ctx, dtype=np.int64).reshape(-1, 2 * window), np.array(cen, dtype=np.int64)


def cbow_dtype_of_ids(ids, window):
    ids = np.asarray(ids)
    ts = np.arange(window, len(ids) - window)
    offsets = np.concatenate([np.arange(-window, 0), np.arange(1, window + 1)])
    return ids[ts[:, None] + offsets[None, :]].reshape(-1, 2 * window), ids[ts]


def unigram_float32(counts, power=0.75):
    q = np.asarray(counts, dtype=np.float32) ** power
    return q / q.sum()


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
        ("casefold() instead of lower(): 'ß' becomes 'ss'", tokenize_casefold,
         "Try the text 'Straße': what does the prompt's first rule turn it into, and which "
         "method does it name? Compare with what your code does."),
        ("str.isdigit() also accepts digits outside 0-9", tokenize_isdigit,
         "Try 'mc\u00b2' (a superscript 2): is '\u00b2' one of the characters 0-9? Check what your test "
         "for a digit accepts."),
        ("matches [A-Za-z0-9] and lower-cases each token afterwards", tokenize_lower_after,
         "Try the Kelvin sign '\u212a' (U+212A): '\u212a'.lower() is the letter k. The prompt lower-cases "
         "the whole text first: in which order does your code do it?"),
    ],
    "build_vocab": [
        ("breaks ties by first appearance (Counter.most_common) instead of alphabetically",
         lambda tokens, min_count=1: _vocab(tokens, min_count, order="first"),
         "Try tokens ['b', 'a']: both words occur once. Which should come first in itos, and does "
         "your sort say so explicitly?"),
        ("counts[0] is 0 instead of the number of tokens left out",
         lambda tokens, min_count=1: _vocab(tokens, min_count, unk_count=False),
         "counts.sum() should equal the number of tokens. With min_count=2 on ['a', 'a', 'b'], "
         "what should counts[0] be?"),
        ("keeps only words seen more than min_count times (> instead of >=)",
         lambda tokens, min_count=1: _vocab(tokens, min_count, strict=True),
         "Try min_count=2 on a word seen exactly twice: re-read the prompt's 'at least' and check "
         "whether your comparison keeps that word."),
        ("forgets the <unk> entry", lambda tokens, min_count=1: _vocab(tokens, min_count, unk=False),
         "Look at itos[0] for any input: the prompt reserves id 0 for one special token, even "
         "when no word is left out."),
        ("counts[0] is the number of distinct words left out, not of tokens",
         vocab_unk_distinct,
         "Try ['a', 'b', 'b', 'c', 'c', 'c'] with min_count=3: how many tokens will be read as "
         "<unk>? counts.sum() should be 6."),
        ("np.argsort without a stable kind: ties leave alphabetical order", vocab_unstable_argsort,
         "Try 40 different words seen twice each: are they in alphabetical order? Look up which "
         "sorting algorithm np.argsort uses by default, and what it does with ties."),
        ("float64 counts when no word is kept", vocab_float_when_empty,
         "Try min_count=3 on 'the cat and the dog': no word is kept. Print counts.dtype: the "
         "prompt promises int64 for every input."),
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
        ("the width is max(ids) + 1: V is ignored", one_hot_width_from_ids,
         "Try one_hot([0, 1], V=4): the shape should be (2, 4). Where does your code read V?"),
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
        ("C[i, j] += 1 with index arrays: a pair repeated at one distance counts once",
         cooc_fancy_add,
         "Try ids = [4, 4, 4] with window=1: C[4, 4] should be 4. Re-read what the prompt says "
         "about += with index arrays."),
        ("slices ids[:N - d]: wrong once the window reaches past the sequence",
         cooc_slice_n_minus_d,
         "Try ids = [2, 0, 1] with window=5: what is ids[:3 - 4]? A distance longer than the "
         "sequence should add nothing."),
        ("skips neighbours with the same word as the centre, not only the centre position",
         cooc_skips_same_word,
         "Try ids = [7, 7] with window=1: the prompt's example gives C[7, 7] = 2. Does your "
         "test compare positions or words?"),
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
        ("np.zeros_like(C): integer counts give an integer result", ppmi_like_input,
         "Call it with an integer array, np.array([[3, 1], [1, 2]]): print the result and its "
         "dtype. The prompt promises float64."),
        ("a float32 result", ppmi_float32,
         "Print ppmi(C).dtype: the prompt asks for float64."),
        ("the absolute value of PMI instead of clipping at 0", ppmi_abs,
         "Try C = [[5, 1], [1, 5]]: the off-diagonal PMI is negative. What should PPMI keep of "
         "a negative value?"),
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
        ("computed in float32", svd_float32,
         "Print the dtype of your result and of the array your SVD works on: the prompt promises "
         "float64, and the tests compare to about 1e-8."),
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
        ("adds 1e-12 to the norms instead of taking the maximum", cosine_adds_eps,
         "Try A = [[1e-13, 0]] and B = [[1, 0]]: with the prompt's rule the norm 1e-13 becomes "
         "1e-12, so the answer is 0.1. What does yours give?"),
        ("guards the product of the norms, not each norm", cosine_guards_product,
         "Try A = [[1e-7, 0]] and B = [[1e-7, 0]]: both norms are above 1e-12, so the cosine is "
         "1. What does your guard do to their product?"),
        ("a float32 result", cosine_float32, "Print the dtype of your result: the prompt asks for "
         "float64."),
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
        ("drops the first of the ranking instead of row i", nn_drops_first,
         "Try W = [[1, 0], [2, 0], [0, 1]] with i=1, k=2: rows 0 and 1 tie, and the stable order "
         "puts row 0 first. Is row i still in your answer?"),
        ("np.argsort without kind='stable': ties lose the order of the indices", nn_unstable,
         "Try 30 rows along 3 directions (many exact ties) and check that tied rows come in "
         "increasing index order. Re-read the prompt's hint on sorting."),
        ("excludes row i by setting its similarity to -1: it ties with opposite rows",
         nn_self_minus_one,
         "Try W = [[1, 0], [-1, 0], [-2, 0], [0, 1]] with i=0, k=3: is row 0 in your answer? "
         "Which value can never tie with a real similarity?"),
        ("no guard on the norms: a zero row gets nan and sinks to the end", nn_no_guard,
         "Try W = [[1, 0], [0, 0], [-1, 0]] with i=0, k=2: the zero row has similarity 0, more "
         "than -1. Print your similarities."),
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
        ("excludes only c", analogy_excludes_c_only,
         "The prompt excludes a, b and c. Try a question whose b is the best match of the "
         "target: does your code answer b?"),
        ("excluded words get the score 0 instead of -inf", analogy_excluded_score_zero,
         "When every allowed word has a negative score, a score of 0 still wins. Which value can "
         "no allowed word ever beat?"),
        ("excludes every question's words from every question", analogy_excludes_all_questions,
         "Answer two questions at once, then each alone: the answers should agree. Check which "
         "words your exclusion removes from each row of scores."),
        ("no guard on the norms: a zero row gives nan scores, which argmax picks",
         analogy_no_guard,
         "Add a row of zeros to W and ask man:woman :: king:?. What is np.argmax of an array "
         "holding a nan? Re-read step 1 of the prompt."),
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
        ("skips context words equal to the centre word, not only position t",
         skipgram_skips_same_word,
         "Try ids = [1, 1] with window=1: both positions see each other, so there are 2 pairs. "
         "Does your test compare positions or words?"),
        ("keeps the dtype of ids (int32 in, int32 out)", skipgram_dtype_of_ids,
         "Call it with np.array([1, 2, 3], dtype=np.int32) and print the dtype of the pairs: the "
         "prompt promises int64."),
        ("a float64 array of shape (0, 2) when there are no pairs", skipgram_float_when_empty,
         "Print skipgram_pairs([5], 3).dtype: the prompt promises an int64 array, also when it "
         "is empty."),
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
        ("float64 arrays when there is no full window", cbow_float_when_empty,
         "Print the dtypes of cbow_examples([1, 2, 3], 2): the prompt promises int64 arrays, also "
         "when they are empty."),
        ("removes the words equal to the centre word instead of the centre position",
         cbow_drops_same_word,
         "Try ids = [4, 4, 4] with window=1: the context of the middle 4 is [4, 4]. What does "
         "yours give?"),
        ("keeps the dtype of ids (int32 in, int32 out)", cbow_dtype_of_ids,
         "Call it with an int32 array of ids and print both dtypes: the prompt promises int64."),
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
        ("a float32 result", unigram_float32, "Print the dtype of your result: the prompt asks "
         "for float64."),
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
        ("in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]", _model("sg", low=0.0),
         "Build SkipGramNS(50, 4) and print in_embed.weight.min(): the prompt's interval is "
         "centred on 0."),
        (".squeeze() of the (B, K, 1) scores: wrong shape when B or K is 1",
         _model("sg", squeeze_all=True),
         "Try a batch of one pair (B = 1) with K = 1 negative: print the shape of your negative "
         "scores. Which axes does .squeeze() remove?"),
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
        ("log(sigmoid(x)): -inf for large negative scores", _model("cbow", log_sigmoid=True),
         "Evaluate your log-sigmoid at x = -200 in float32: the sigmoid underflows to 0 before "
         "the log is taken. Re-read the prompt's advice on computing it."),
        ("divides the context sum by 4 (a window of 2 typed in)", _model("cbow", context_div=4),
         "Try contexts of 2 words (window 1): is h their mean? The number of context words is in "
         "the shape of contexts."),
        ("in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]", _model("cbow", low=0.0),
         "Build CBOWNS(50, 4) and print in_embed.weight.min(): the prompt's interval is centred "
         "on 0."),
        (".squeeze() of the (B, K, 1) scores: wrong shape when B or K is 1",
         _model("cbow", squeeze_all=True),
         "Try a batch of one example (B = 1) with K = 1 negative: print the shape of your "
         "negative scores. Which axes does .squeeze() remove?"),
    ],
}

RIGHT = {
    "tokenize": [("a loop with explicit character ranges", tokenize_ranges),
                 ("a loop over the characters", tokenize_loop)],
    "build_vocab": [("a dict of counts and a preallocated int64 array", build_vocab_preallocated),
                    ("a dict of counts and two stable sorts", build_vocab_loop)],
    "one_hot": [("rows of np.eye in float32", one_hot_eye),
                ("torch.nn.functional.one_hot on int64 ids, .float(): a float32 tensor",
                 one_hot_torch_long)],
    "cooccurrence": [("loops over positions and distances", cooc_offsets),
                     ("a double loop over all pairs of positions", cooc_loop)],
    "ppmi": [("a boolean mask and an outer product of the marginals", ppmi_outer),
             ("two loops with math.log", ppmi_loops)],
    "svd_embeddings": [
        ("full_matrices=True and a diagonal matrix", svd_full_matrices),
        ("torch.linalg.svd in float64, a tensor returned", svd_torch),
        ("eigenvectors of M M^T, scaled by the square roots of the eigenvalues", svd_eigh),
        ("every column with the opposite sign", svd_flipped_signs),
    ],
    "cosine_similarity": [("einsum with the norms guarded one by one", cosine_einsum),
                          ("a double loop, norms guarded one by one", cosine_loop)],
    "nearest_neighbours": [("np.lexsort on (index, -similarity), row i removed", nn_lexsort),
                           ("sorted() with the key (-similarity, index)", nn_sorted)],
    "analogy": [("one question at a time, np.argmax", analogy_per_question),
                ("a loop over the questions and the words", analogy_loop)],
    "skipgram_pairs": [("a list comprehension over positions and offsets", skipgram_rows),
                       ("vectorized with offsets and a mask", skipgram_vectorized)],
    "cbow_examples": [("fancy indexing with an array of offsets", cbow_fancy_index),
                      ("numpy's sliding_window_view without the centre column", cbow_sliding)],
    "unigram_distribution": [("np.power, then divide by the sum", unigram_power),
                             ("normalize, take the power, normalize again",
                              unigram_normalize_twice)],
    "SkipGramNS": [("nn.init for the tables, einsum for the scores", _model_einsum("sg")),
                   ("binary cross-entropy with logits on (1 + K) scores", _model_bce("sg"))],
    "CBOWNS": [("nn.init for the tables, einsum for the scores", _model_einsum("cbow")),
               ("a loop over the context columns, then binary cross-entropy with logits",
                _model_bce("cbow"))],
}

# The WRONG entries written by a blind reviewer from the student release alone (issue 22).

# ------------------------------------------------------------------------------ blind review, round 2
def one_hot_squeezed(ids, V):
    X = np.eye(V, dtype=np.float32)[np.asarray(ids, dtype=np.int64).reshape(-1, 1)]  # (N, 1, V)
    return X.squeeze()  # one id gives (V,), not (1, V)


def one_hot_whole_columns(ids, V):
    X = np.zeros((len(ids), V), dtype=np.float32)
    X[:, ids] = 1  # no row index: every row gets a 1 in every id's column
    return X


def svd_keeps_input_dtype(M, E):
    U, s, _ = np.linalg.svd(M, full_matrices=False)  # a float32 M gives float32 factors
    return U[:, :E] * s[:E]


def one_hot_compare_arange(ids, V):
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    return (ids[:, None] == np.arange(V)[None, :]).astype(np.float32)


def svd_of_transpose(M, E):
    _, s, Vt = np.linalg.svd(np.asarray(M, dtype=np.float64).T, full_matrices=False)
    return np.ascontiguousarray(Vt[:E].T * s[:E])  # M.T = A diag(s) Vt, so M = Vt.T diag(s) A.T


WRONG["one_hot"] += [
    ("squeezes the result: one id gives shape (V,)", one_hot_squeezed,
     "Call one_hot([2], 3) and print the shape: the prompt promises (N, V), so (1, 3) for a "
     "single id."),
    ("indexes whole columns X[:, ids]: every row gets every id's 1", one_hot_whole_columns,
     "Try one_hot([2, 0], 3) and count the 1s in each row: row n must hold exactly one, in "
     "column ids[n]. Which rows does your assignment reach?"),
]
WRONG["svd_embeddings"] += [
    ("no conversion to float64: a float32 M gives a float32 result", svd_keeps_input_dtype,
     "Pass a float32 matrix and print the result's dtype: the docstring promises a float64 "
     "array whatever the input's dtype."),
]
RIGHT["one_hot"] += [("a comparison with np.arange, cast to float32", one_hot_compare_arange)]
RIGHT["svd_embeddings"] += [("the SVD of M.T, U taken from its right singular vectors",
                             svd_of_transpose)]


# ------------------------------------------------------------------------------ blind review, round 2 (r2w08)
def tokenize_unicode_digits(raw):
    return re.findall(r"[a-z\d]+", raw.lower())  # \d also matches Arabic-Indic and other digits


def vocab_counts_first_appearance(tokens, min_count=1):
    freq = Counter(tokens)
    kept = sorted((w for w, n in freq.items() if n >= min_count), key=lambda w: (-freq[w], w))
    unknown = sum(n for n in freq.values() if n < min_count)
    # the counts in the Counter's order (first appearance), not in the order of itos
    counts = [unknown] + [n for n in freq.values() if n >= min_count]
    return ["<unk>"] + kept, np.array(counts, dtype=np.int64)


def vocab_bincount(tokens, min_count=1):
    freq = Counter(tokens)
    itos = ["<unk>"] + sorted((w for w, n in freq.items() if n >= min_count),
                              key=lambda w: (-freq[w], w))
    stoi = {w: i for i, w in enumerate(itos)}
    ids = np.array([stoi.get(t, 0) for t in tokens], dtype=np.int64)
    return itos, np.bincount(ids)  # no minlength: no tokens gives shape (0,)


def one_hot_empty_float(ids, V):
    ids = np.asarray(ids)  # [] becomes a float64 array: not usable as an index
    X = np.zeros((len(ids), V), dtype=np.float32)
    X[np.arange(len(ids)), ids] = 1.0
    return X


def cooc_empty_float(ids, V, window):
    ids = np.asarray(ids)  # [] becomes a float64 array: not usable as an index
    C = np.zeros((V, V))
    for d in range(1, window + 1):
        np.add.at(C, (ids[:-d], ids[d:]), 1.0)
        np.add.at(C, (ids[d:], ids[:-d]), 1.0)
    return C


def ppmi_mask_at_least_one(C):
    C = np.asarray(C, dtype=np.float64)
    S, r, c = C.sum(), C.sum(axis=1, keepdims=True), C.sum(axis=0, keepdims=True)
    P = np.zeros_like(C)
    mask = C >= 1  # fractional counts below 1 are left at 0
    P[mask] = np.log((C * S)[mask] / (r * c)[mask])
    return np.maximum(P, 0.0)


def svd_hermitian_square(M, E):
    M = np.asarray(M, dtype=np.float64)
    U, s, _ = np.linalg.svd(M, full_matrices=False, hermitian=M.shape[0] == M.shape[1])
    return U[:, :E] * s[:E]


def cosine_guards_a_only(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    with np.errstate(all="ignore"):
        Bn = B / np.linalg.norm(B, axis=1, keepdims=True)
    return An @ Bn.T


def cosine_keeps_input_dtype(A, B):
    A, B = np.asarray(A), np.asarray(B)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    Bn = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-12)
    return An @ Bn.T


def cosine_torch_eps(A, B):
    A = torch.as_tensor(np.asarray(A, dtype=np.float64))
    B = torch.as_tensor(np.asarray(B, dtype=np.float64))
    # torch clamps each norm at eps=1e-8, not at 1e-12
    return torch.nn.functional.cosine_similarity(A[:, None, :], B[None, :, :], dim=2).numpy()


def nn_dot(W, i, k):
    W = np.asarray(W, dtype=np.float64)
    sims = W @ W[i]  # dot products: long rows win
    sims[i] = -np.inf
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)


def _analogy_scores(W, a, b, c, raw_target=False):
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    a, b, c = (np.asarray(x, dtype=np.int64) for x in (a, b, c))
    T = W if raw_target else Wn
    return (T[b] - T[a] + T[c]) @ Wn.T, a, b, c


def analogy_raw_target(W, a, b, c):
    scores, a, b, c = _analogy_scores(W, a, b, c, raw_target=True)
    rows = np.arange(len(a))
    for words in (a, b, c):
        scores[rows, words] = -np.inf
    return scores.argmax(axis=1).astype(np.int64)


def analogy_excluded_minus_one(W, a, b, c):
    scores, a, b, c = _analogy_scores(W, a, b, c)
    rows = np.arange(len(a))
    for words in (a, b, c):
        scores[rows, words] = -1.0  # the smallest cosine, but these scores reach -3
    return scores.argmax(axis=1).astype(np.int64)


def analogy_ties_last(W, a, b, c):
    scores, a, b, c = _analogy_scores(W, a, b, c)
    rows = np.arange(len(a))
    for words in (a, b, c):
        scores[rows, words] = -np.inf
    return np.argsort(scores, axis=1, kind="stable")[:, -1].astype(np.int64)  # ties: largest


def skipgram_unique(ids, window):
    return np.unique(ref.skipgram_pairs(ids, window), axis=0)  # sorted, duplicates dropped


def skipgram_sorted_by_centre_word(ids, window):
    pairs = ref.skipgram_pairs(ids, window)
    return pairs[np.argsort(pairs[:, 0], kind="stable")]  # by the centre's id, not position


def cbow_list_plus(ids, window):
    contexts, centres = [], []
    for t in range(window, len(ids) - window):
        # list + list concatenates; for an array of ids + adds element-wise
        contexts.append(ids[t - window:t] + ids[t + 1:t + window + 1])
        centres.append(ids[t])
    return (np.array(contexts, dtype=np.int64).reshape(len(centres), 2 * window),
            np.array(centres, dtype=np.int64))


def unigram_no_unk(counts, power=0.75):
    q = np.asarray(counts, dtype=np.float64) ** power
    q[0] = 0.0  # the unknown token is never drawn, whatever its count
    return q / q.sum()


def unigram_divide_in_place(counts, power=0.75):
    q = np.asarray(counts) ** power  # power is a float: a float64 array
    q /= q.sum()
    return q


WRONG["tokenize"] += [
    (r"[a-z\d]: \d also matches digits outside 0-9", tokenize_unicode_digits,
     "Try a digit from another script, such as the Arabic-Indic three '\u0663': is it one of "
     "the characters 0-9? Check what your pattern's digit class matches."),
]
WRONG["build_vocab"] += [
    ("counts in first-appearance order, not aligned with itos", vocab_counts_first_appearance,
     "Try ['b', 'a', 'a']: itos[1] is 'a', so counts[1] should be 2. Print itos and counts side "
     "by side: does counts[i] belong to itos[i]?"),
    ("np.bincount without minlength: no tokens gives counts of shape (0,)", vocab_bincount,
     "Call build_vocab([]): itos is ['<unk>'], so counts must have shape (1,). Print the shape "
     "of yours."),
]
WRONG["one_hot"] += [
    ("torch.nn.functional.one_hot on the ids as given: an int32 array raises", one_hot_torch,
     "Call one_hot(np.array([1, 0], dtype=np.int32), 3): the prompt accepts any integer dtype. "
     "Which index dtype does torch's one_hot require?"),
    ("np.asarray([]) is float64: no ids raises instead of giving shape (0, V)",
     one_hot_empty_float,
     "Call one_hot([], 5): the result should have shape (0, 5). Print np.asarray([]).dtype and "
     "think about what an index array needs."),
]
WRONG["cooccurrence"] += [
    ("np.asarray([]) is float64: an empty sequence raises instead of giving zeros",
     cooc_empty_float,
     "Call cooccurrence([], 2, 1): the prompt says all zeros. Print np.asarray([]).dtype and "
     "think about what an index array needs."),
]
WRONG["ppmi"] += [
    ("takes the logarithm only where C >= 1: fractional counts are left at 0",
     ppmi_mask_at_least_one,
     "Try C = [[0.5, 0], [0, 2]]: C[0, 0] = 0.5 is a count too, and its PMI is log 5. Which "
     "entries does your mask keep?"),
]
WRONG["svd_embeddings"] += [
    ("hermitian=True for every square M: wrong when M is not symmetric", svd_hermitian_square,
     "Try a square M that is not symmetric, such as [[1, 2], [0, 1]], and compare with "
     "np.linalg.svd(M): what does hermitian=True assume about M?"),
]
WRONG["cosine_similarity"] += [
    ("guards the norms of A only: a zero row of B gives nan", cosine_guards_a_only,
     "Put a row of zeros in B (not in A) and look for nan in your result: the guard applies to "
     "both sides."),
    ("keeps the input dtype: float32 inputs give a float32 result", cosine_keeps_input_dtype,
     "Pass float32 arrays and print the result's dtype: the prompt asks for float64 whatever "
     "the inputs are."),
    ("torch's cosine_similarity: norms clamped at its eps=1e-8, not 1e-12", cosine_torch_eps,
     "Try A = [[1e-10, 0]] and B = [[1, 0]]: the norm 1e-10 is above 1e-12, so the cosine is "
     "1. What does yours give, and which threshold does it use?"),
]
WRONG["nearest_neighbours"] += [
    ("ranks by dot product instead of cosine similarity", nn_dot,
     "Multiply one row of W by 10: its cosine similarity to row i does not change, so its rank "
     "should not either. Does yours move?"),
]
WRONG["analogy"] += [
    ("forms the target from the raw rows, scales only the candidates", analogy_raw_target,
     "Multiply row b by 100 and ask the same question: with the prompt's steps the answer "
     "cannot change. Which vectors does your target add?"),
    ("excluded words get the score -1: scores can go below -1", analogy_excluded_minus_one,
     "Here the scores are dot products with a target of length up to 3, not cosines: try "
     "W = [e0, -e1, -e2, [1, 1, 0]] with a=0, b=1, c=2. What do your scores give?"),
    ("the last of argsort: equal scores give the larger index", analogy_ties_last,
     "Give W two equal rows that tie for the best score: the prompt takes the smaller index. "
     "Which of the two does yours answer?"),
]
WRONG["skipgram_pairs"] += [
    ("np.unique on the pairs: duplicates dropped, rows sorted by value", skipgram_unique,
     "Try ids = [3, 1, 3, 1] with window 1: 6 pairs, with repeats, in the order of the "
     "positions. How many rows do you return, and in which order?"),
    ("sorted by the centre word's id instead of its position", skipgram_sorted_by_centre_word,
     "Try ids = [12, 11, 10] with window 1: the first rows belong to position 0, the word 12. "
     "Which key does your ordering use?"),
]
WRONG["cbow_examples"] += [
    ("list + list for the context: an array of ids is added element-wise", cbow_list_plus,
     "Call it with np.array([10, 11, 12, 13, 14]) instead of a list: what does + do to two "
     "numpy arrays? Print contexts.shape."),
]
WRONG["unigram_distribution"] += [
    ("sets q[0] to 0: the unknown token is never drawn", unigram_no_unk,
     "Try counts = [1, 16, 0, 81]: q[0] should be 1/36. The prompt's formula treats every "
     "word alike, index 0 included."),
]
WRONG["SkipGramNS"] += [
    ("returns loss.item(): a Python float, not a tensor with a gradient", _model("sg", item=True),
     "Call loss.backward() on what your forward returns: the training loop does. The prompt "
     "asks for a scalar tensor."),
    ("a mean with keepdim: the loss has shape (1,), not ()", _model("sg", keepdim=True),
     "Print the shape of your loss: a scalar tensor has shape torch.Size([]). Which reduction "
     "keeps an axis?"),
]
WRONG["CBOWNS"] += [
    ("returns loss.item(): a Python float, not a tensor with a gradient",
     _model("cbow", item=True),
     "Call loss.backward() on what your forward returns: the training loop does. The prompt "
     "asks for a scalar tensor."),
]
WRONG["CBOWNS"] += [
    ("scores each context word on its own (skip-gram style) instead of their mean h",
     _model("cbow", per_context=True),
     "Re-read the prompt's formula: one score u_c . h per example, with h the mean of the "
     "context vectors. How many scores per example does yours compute?"),
]
RIGHT["unigram_distribution"] += [("the power, then q /= q.sum() in place",
                                   unigram_divide_in_place)]

BLIND = {
    "tokenize": ["casefold() instead of lower(): 'ß' becomes 'ss'",
                 "str.isdigit() also accepts digits outside 0-9",
                 "matches [A-Za-z0-9] and lower-cases each token afterwards"],
    "build_vocab": ["counts[0] is the number of distinct words left out, not of tokens",
                    "np.argsort without a stable kind: ties leave alphabetical order",
                    "float64 counts when no word is kept"],
    "one_hot": ["the width is max(ids) + 1: V is ignored",
                "squeezes the result: one id gives shape (V,)",
                "indexes whole columns X[:, ids]: every row gets every id's 1"],
    "cooccurrence": ["C[i, j] += 1 with index arrays: a pair repeated at one distance counts once",
                     "slices ids[:N - d]: wrong once the window reaches past the sequence",
                     "skips neighbours with the same word as the centre, not only the centre "
                     "position"],
    "ppmi": ["np.zeros_like(C): integer counts give an integer result", "a float32 result",
             "the absolute value of PMI instead of clipping at 0"],
    "svd_embeddings": ["computed in float32", "scales by the square roots of the singular values",
                       "no conversion to float64: a float32 M gives a float32 result"],
    "cosine_similarity": ["adds 1e-12 to the norms instead of taking the maximum",
                          "guards the product of the norms, not each norm", "a float32 result"],
    "nearest_neighbours": ["drops the first of the ranking instead of row i",
                           "np.argsort without kind='stable': ties lose the order of the indices",
                           "excludes row i by setting its similarity to -1: it ties with opposite "
                           "rows",
                           "no guard on the norms: a zero row gets nan and sinks to the end"],
    "analogy": ["excludes only c", "excluded words get the score 0 instead of -inf",
                "excludes every question's words from every question",
                "no guard on the norms: a zero row gives nan scores, which argmax picks"],
    "skipgram_pairs": ["skips context words equal to the centre word, not only position t",
                       "keeps the dtype of ids (int32 in, int32 out)",
                       "a float64 array of shape (0, 2) when there are no pairs"],
    "cbow_examples": ["float64 arrays when there is no full window",
                      "removes the words equal to the centre word instead of the centre position",
                      "keeps the dtype of ids (int32 in, int32 out)"],
    "unigram_distribution": ["a float32 result",
                             "takes the power of the frequencies without renormalizing",
                             "ignores the power argument (always 0.75)"],
    "SkipGramNS": ["log(sigmoid(x)): -inf for large negative scores",
                   "in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]",
                   ".squeeze() of the (B, K, 1) scores: wrong shape when B or K is 1"],
    "CBOWNS": ["log(sigmoid(x)): -inf for large negative scores",
               "divides the context sum by 4 (a window of 2 typed in)",
               "in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]",
               ".squeeze() of the (B, K, 1) scores: wrong shape when B or K is 1"],
}
# The second round of blind review (issue 22): its wrong candidates, old entries included when
# a candidate made the same mistake. BLIND lists both rounds.
BLIND_ROUND2 = {
    "tokenize": [r"[a-z\d]: \d also matches digits outside 0-9",
                 "casefold() instead of lower(): 'ß' becomes 'ss'",
                 "matches [A-Za-z0-9] and lower-cases each token afterwards",
                 "str.isdigit() also accepts digits outside 0-9"],
    "build_vocab": ["counts[0] is the number of distinct words left out, not of tokens",
                    "counts in first-appearance order, not aligned with itos",
                    "np.bincount without minlength: no tokens gives counts of shape (0,)"],
    "one_hot": ["squeezes the result: one id gives shape (V,)",
                "torch.nn.functional.one_hot on the ids as given: an int32 array raises",
                "np.asarray([]) is float64: no ids raises instead of giving shape (0, V)"],
    "cooccurrence": ["C[i, j] += 1 with index arrays: a pair repeated at one distance counts once",
                     "slices ids[:N - d]: wrong once the window reaches past the sequence",
                     "np.asarray([]) is float64: an empty sequence raises instead of giving zeros"],
    "ppmi": ["np.zeros_like(C): integer counts give an integer result", "a float32 result",
             "takes the logarithm only where C >= 1: fractional counts are left at 0"],
    # The blind "eigh of M M^T without clipping" (nan where rounding puts a zero eigenvalue
    # below 0) is caught by the rank-1 hidden case, but not catalogued: whether the rounding
    # goes below 0 depends on the machine's LAPACK, so its test could not be certain.
    "svd_embeddings": ["computed in float32",
                       "hermitian=True for every square M: wrong when M is not symmetric"],
    "cosine_similarity": ["guards the norms of A only: a zero row of B gives nan",
                          "guards the product of the norms, not each norm",
                          "adds 1e-12 to the norms instead of taking the maximum",
                          "keeps the input dtype: float32 inputs give a float32 result",
                          "torch's cosine_similarity: norms clamped at its eps=1e-8, not 1e-12"],
    "nearest_neighbours": ["drops the first of the ranking instead of row i",
                           "excludes row i by setting its similarity to -1: it ties with opposite "
                           "rows",
                           "np.argsort without kind='stable': ties lose the order of the indices",
                           "no guard on the norms: a zero row gets nan and sinks to the end",
                           "ranks by dot product instead of cosine similarity"],
    "analogy": ["excludes only c",
                "forms the target from the raw rows, scales only the candidates",
                "excluded words get the score -1: scores can go below -1",
                "the last of argsort: equal scores give the larger index",
                "no guard on the norms: a zero row gives nan scores, which argmax picks"],
    "skipgram_pairs": ["np.unique on the pairs: duplicates dropped, rows sorted by value",
                       "sorted by the centre word's id instead of its position",
                       "keeps the dtype of ids (int32 in, int32 out)"],
    "cbow_examples": ["list + list for the context: an array of ids is added element-wise",
                      "float64 arrays when there is no full window",
                      "keeps the dtype of ids (int32 in, int32 out)"],
    "unigram_distribution": ["a float32 result",
                             "sets q[0] to 0: the unknown token is never drawn",
                             "takes the power of the frequencies without renormalizing"],
    "SkipGramNS": ["log(sigmoid(x)): -inf for large negative scores",
                   "in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]",
                   "returns loss.item(): a Python float, not a tensor with a gradient",
                   "a mean with keepdim: the loss has shape (1,), not ()"],
    "CBOWNS": ["divides the context sum by 4 (a window of 2 typed in)",
               "log(sigmoid(x)): -inf for large negative scores",
               "in_embed uniform in [0, 0.5/E] instead of [-0.5/E, 0.5/E]",
               "scores each context word on its own (skip-gram style) instead of their mean h"],
}
for _ex, _whys in BLIND_ROUND2.items():
    BLIND[_ex] = BLIND.get(_ex, []) + [w for w in _whys if w not in BLIND.get(_ex, [])]
assert all(why in {w for w, *_ in WRONG[ex]} for ex, whys in BLIND.items() for why in whys)
