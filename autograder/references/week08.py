"""Reference solutions of week08/embeddings.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import re
from collections import Counter

import numpy as np
import torch
import matplotlib.pyplot as plt
from dlcourse import check, plot, text
from dlcourse.train import get_device, quick_mode, scaled, seed_everything


def tokenize(raw):
    """Split a text into lower-case word tokens.

    Args:
        raw: str, any text.

    Returns:
        tokens: list of str, in order of appearance: the maximal runs of the characters a-z
            and 0-9 in raw.lower(); every other character separates tokens.
    """
    return re.findall(r"[a-z0-9]+", raw.lower())


def build_vocab(tokens, min_count=1):
    """Vocabulary of a list of tokens: the words, most frequent first, and their counts.

    Args:
        tokens: list of N str.
        min_count: int >= 1; words seen fewer than min_count times are left out.

    Returns:
        itos: list of V str. itos[0] is "<unk>"; then every word with count >= min_count,
            by decreasing count, equal counts in alphabetical order.
        counts: (V,) int64 array; counts[i] is how often itos[i] occurs in tokens, and
            counts[0] the number of tokens whose word was left out (counts.sum() == N).
            No tokens: itos == ["<unk>"] and counts == [0].
    """
    freq = Counter(tokens)
    kept = sorted((w for w, n in freq.items() if n >= min_count), key=lambda w: (-freq[w], w))
    unknown = sum(n for n in freq.values() if n < min_count)  # tokens that become <unk>
    itos = ["<unk>"] + kept
    counts = np.array([unknown] + [freq[w] for w in kept], dtype=np.int64)
    return itos, counts


def one_hot(ids, V):
    """One-hot vectors of token ids.

    Args:
        ids: (N,) ints in 0..V-1, a list or an array of any integer dtype; N may be 0.
        V: int, the vocabulary size.

    Returns:
        X: (N, V) float32 array; X[n, ids[n]] = 1, every other entry 0.
    """
    ids = np.asarray(ids, dtype=np.int64)
    X = np.zeros((len(ids), V), dtype=np.float32)
    X[np.arange(len(ids)), ids] = 1.0  # one 1 per row, in the column of its word
    return X


def cooccurrence(ids, V, window):
    """Windowed co-occurrence counts of one token sequence.

    Args:
        ids: (N,) ints in 0..V-1, a list or an array.
        V: int, the vocabulary size. window: int >= 1.

    Returns:
        C: (V, V) float64 array. C[i, j] counts the pairs of positions (t, s) with
            1 <= |s - t| <= window, ids[t] == i and ids[s] == j: the centre itself never
            counts, every neighbour counts 1 whatever its distance, so C is symmetric.
    """
    ids = np.asarray(ids, dtype=np.int64)
    C = np.zeros((V, V), dtype=np.float64)
    for d in range(1, window + 1):  # the neighbours at distance d
        np.add.at(C, (ids[:-d], ids[d:]), 1.0)  # each centre and its right neighbour
        np.add.at(C, (ids[d:], ids[:-d]), 1.0)  # each centre and its left neighbour
    return C


def ppmi(C):
    """Positive pointwise mutual information of a matrix of counts.

    Args:
        C: (V, V) non-negative counts (not necessarily symmetric, possibly fractions).

    Returns:
        P: (V, V) float64 array, P[i, j] = max(0, log(C[i, j] * S / (r_i * c_j))) with
            S = C.sum(), r = row sums, c = column sums, natural log; P[i, j] = 0 where
            C[i, j] == 0.
    """
    C = np.asarray(C, dtype=np.float64)
    S = C.sum()
    r = C.sum(axis=1)  # (V,) row sums
    c = C.sum(axis=0)  # (V,) column sums
    rows, cols = np.nonzero(C)  # only where C > 0: there r, c and S are positive too
    P = np.zeros_like(C)
    P[rows, cols] = np.maximum(0.0, np.log(C[rows, cols] * S / (r[rows] * c[cols])))
    return P


def svd_embeddings(M, E):
    """Word vectors from a truncated singular value decomposition.

    Args:
        M: (V, D) matrix with one row per word (a PPMI matrix has D = V).
        E: int, 1 <= E <= min(V, D), the embedding dimension.

    Returns:
        W: (V, E) float64 array, U[:, :E] * s[:E] for the SVD M = U diag(s) Vs^T with s in
            decreasing order. Each column's sign is arbitrary.
    """
    U, s, _ = np.linalg.svd(np.asarray(M, dtype=np.float64), full_matrices=False)
    return U[:, :E] * s[:E]  # (V, E): column k scaled by the k-th largest singular value


def cosine_similarity(A, B):
    """Cosine similarity of every row of A with every row of B.

    Args:
        A: (N, E) vectors. B: (M, E) vectors.

    Returns:
        S: (N, M) float64 array (also for float32 inputs), S[i, j] = a_i . b_j / (|a_i| |b_j|);
            a zero row has similarity 0 with every row (norms below 1e-12 are replaced by 1e-12).
    """
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)  # (N, E) unit rows
    Bn = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-12)  # (M, E) unit rows
    return An @ Bn.T


def nearest_neighbours(W, i, k):
    """The k rows most similar to row i (cosine similarity), row i excluded.

    Args:
        W: (V, E) word vectors. i: int, a row of W. k: int, 1 <= k <= V - 1.

    Returns:
        idx: (k,) int64 array, by decreasing cosine similarity to W[i]; equal similarities
            in increasing order of index.
    """
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)  # (V, E)
    sims = Wn @ Wn[i]  # (V,) cosine similarity of every row with row i
    sims[i] = -np.inf  # the word itself is not its own neighbour
    return np.argsort(-sims, kind="stable")[:k].astype(np.int64)


def analogy(W, a, b, c):
    """Answer "a is to b as c is to ?" by vector arithmetic, for Q questions at once.

    Args:
        W: (V, E) word vectors.
        a, b, c: (Q,) ints (lists or arrays), the words of each question.

    Returns:
        d: (Q,) int64 array; d[q] is the word j, not one of a[q], b[q], c[q], with the largest
            w_j . (w_b - w_a + w_c) where every row was first scaled to unit length;
            equal scores: the smaller index.
    """
    W = np.asarray(W, dtype=np.float64)
    Wn = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)  # (V, E) unit rows
    a, b, c = (np.asarray(x, dtype=np.int64) for x in (a, b, c))
    scores = (Wn[b] - Wn[a] + Wn[c]) @ Wn.T  # (Q, V)
    rows = np.arange(len(a))
    for words in (a, b, c):
        scores[rows, words] = -np.inf  # the question's own words are never the answer
    return scores.argmax(axis=1).astype(np.int64)


def skipgram_pairs(ids, window):
    """The (centre, context) training pairs of skip-gram.

    Args:
        ids: (N,) ints, one token sequence (a list or an array). window: int >= 1.

    Returns:
        pairs: (P, 2) int64 array of rows (centre word, context word): positions t in order,
            then context positions t-window..t+window left to right, without t itself and
            without positions outside 0..N-1.
    """
    ids = np.asarray(ids, dtype=np.int64)
    pairs = []
    for t in range(len(ids)):
        for s in range(max(0, t - window), min(len(ids), t + window + 1)):
            if s != t:  # the centre is not its own context
                pairs.append((ids[t], ids[s]))
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def cbow_examples(ids, window):
    """The (contexts, centre) training examples of CBOW, full windows only.

    Args:
        ids: (N,) ints, one token sequence (a list or an array). window: int >= 1.

    Returns:
        contexts: (P, 2 * window) int64 array; for t = window..N-1-window, the words
            ids[t-window:t] then ids[t+1:t+window+1] (the centre left out).
        centres: (P,) int64 array, ids[t] for the same t. P = max(0, N - 2 * window).
    """
    ids = np.asarray(ids, dtype=np.int64)
    ts = range(window, len(ids) - window)
    contexts = [np.concatenate([ids[t - window:t], ids[t + 1:t + window + 1]]) for t in ts]
    contexts = np.array(contexts, dtype=np.int64).reshape(-1, 2 * window)
    centres = np.array([ids[t] for t in ts], dtype=np.int64)
    return contexts, centres


def unigram_distribution(counts, power=0.75):
    """The noise distribution of negative sampling: counts to a power, renormalized.

    Args:
        counts: (V,) non-negative counts (ints or floats), at least one positive.
        power: float > 0.

    Returns:
        q: (V,) float64 array, q_i = counts_i ** power / sum_j counts_j ** power (sums to 1).
    """
    weights = np.asarray(counts, dtype=np.float64) ** power  # (V,); 0 ** power = 0
    return weights / weights.sum()


class SkipGramNS(torch.nn.Module):
    """Skip-gram with negative sampling.

    Attributes:
        in_embed: torch.nn.Embedding(V, E), the centre vectors v (the word vectors we keep),
            initialized uniformly in [-0.5/E, 0.5/E].
        out_embed: torch.nn.Embedding(V, E), the context vectors u, initialized to zeros.
    """

    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, centres, contexts, negatives):
        """Mean negative-sampling loss of a batch of B pairs.

        Args:
            centres: (B,) int64 tensor. contexts: (B,) int64 tensor.
            negatives: (B, K) int64 tensor, K noise words per pair.

        Returns:
            loss: scalar tensor, -(1/B) sum_b [log sigmoid(u_o . v_c)
                + sum_k log sigmoid(-u_k . v_c)].
        """
        v = self.in_embed(centres)  # (B, E)
        u_pos = self.out_embed(contexts)  # (B, E)
        u_neg = self.out_embed(negatives)  # (B, K, E)
        pos = (u_pos * v).sum(dim=1)  # (B,) scores of the true pairs
        neg = (u_neg @ v.unsqueeze(2)).squeeze(2)  # (B, K) scores of the noise pairs
        logsig = torch.nn.functional.logsigmoid
        return -(logsig(pos) + logsig(-neg).sum(dim=1)).mean()


class CBOWNS(torch.nn.Module):
    """Continuous bag of words with negative sampling.

    Attributes:
        in_embed: torch.nn.Embedding(V, E), the context-word vectors v (the word vectors we
            keep), initialized uniformly in [-0.5/E, 0.5/E].
        out_embed: torch.nn.Embedding(V, E), the centre-word vectors u, initialized to zeros.
    """

    def __init__(self, V, E):
        super().__init__()
        self.in_embed = torch.nn.Embedding(V, E)
        self.out_embed = torch.nn.Embedding(V, E)
        with torch.no_grad():
            self.in_embed.weight.uniform_(-0.5 / E, 0.5 / E)
            self.out_embed.weight.zero_()

    def forward(self, contexts, centres, negatives):
        """Mean negative-sampling loss of a batch of B examples.

        Args:
            contexts: (B, 2 * window) int64 tensor. centres: (B,) int64 tensor.
            negatives: (B, K) int64 tensor, K noise words per example.

        Returns:
            loss: scalar tensor, -(1/B) sum_b [log sigmoid(u_c . h) + sum_k log sigmoid(-u_k . h)]
                with h the mean of the context words' in_embed vectors.
        """
        h = self.in_embed(contexts).mean(dim=1)  # (B, E): the average context vector
        u_pos = self.out_embed(centres)  # (B, E)
        u_neg = self.out_embed(negatives)  # (B, K, E)
        pos = (u_pos * h).sum(dim=1)  # (B,)
        neg = (u_neg @ h.unsqueeze(2)).squeeze(2)  # (B, K)
        logsig = torch.nn.functional.logsigmoid
        return -(logsig(pos) + logsig(-neg).sum(dim=1)).mean()
