"""Week08's reference solutions against independent answers.

- `svd_embeddings` agrees with ``numpy.linalg.svd`` (and with scipy's ``svds``) up to the
  sign of each column, and is the best rank-E approximation (Eckart-Young);
- `cooccurrence`, `skipgram_pairs`, `cbow_examples` and `ppmi` agree with brute-force
  definitions on random sequences (hypothesis); the window never includes the centre and the
  counts are symmetric and unweighted;
- the losses of `SkipGramNS` and `CBOWNS` agree with a direct float64 computation written out
  with numpy, and with torch's binary cross-entropy with logits (labels 1 and 0); their
  gradients agree with torch.autograd of the direct formula and with central differences;
- `one_hot` times a matrix is the embedding lookup of CS231n's ``word_embedding_forward``
  check (public values, read from ``../shared/peer-checks/cs231n_checks.py`` when present) and
  of ``torch.nn.Embedding``;
- `cosine_similarity`, `nearest_neighbours`, `analogy`, `unigram_distribution` against
  torch / closed forms; the pipeline solves the generated corpus's analogies.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.references import week08 as ref
from dlcourse import text

FAST = settings(max_examples=40, deadline=None)

sequences = st.lists(st.integers(0, 5), min_size=0, max_size=25)
windows = st.integers(1, 4)


def signed(W):
    """Each column times the sign of its largest-magnitude entry: a sign-invariant form."""
    W = np.asarray(W, dtype=np.float64)
    return W * np.sign(W[np.abs(W).argmax(axis=0), np.arange(W.shape[1])])


# ------------------------------------------------------------------------ tokens, vocabulary
def test_tokenize_and_vocabulary_on_prose():
    tokens = ref.tokenize("It's 2 o'clock; the CAT sat on_the mat.")
    assert tokens == ["it", "s", "2", "o", "clock", "the", "cat", "sat", "on", "the", "mat"]
    itos, counts = ref.build_vocab(tokens, min_count=2)
    assert itos == ["<unk>", "the"] and counts.tolist() == [9, 2]
    docs = ref.tokenize(text.python_docs())
    itos, counts = ref.build_vocab(docs, min_count=5)
    assert counts.sum() == len(docs) and counts.dtype == np.int64
    assert list(counts[1:]) == sorted(counts[1:], reverse=True)
    assert counts[1:].min() >= 5 and itos[1] == "the"


# --------------------------------------------------------------------------------- one-hot
def _cs231n_case(name):
    path = Path(__file__).resolve().parents[2] / "shared" / "peer-checks" / "cs231n_checks.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("cs231n_checks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, next(c for c in module.CASES if c["name"] == name)


def test_one_hot_product_is_the_embedding_lookup_of_cs231n():
    # CS231n RNN_Captioning, word_embedding_forward: x (N, T) = (2, 4), W (V, D) = (5, 3)
    x = np.asarray([[0, 3, 1, 2], [2, 1, 0, 3]])
    W = np.linspace(0, 1, num=15).reshape(5, 3)
    expected = W[x]  # the values CS231n prints are these rows (checked just below)
    found = _cs231n_case("word_embedding_forward")
    if found is not None:
        module, case = found

        def by_one_hot(x, W):
            return (ref.one_hot(x.ravel(), W.shape[0]).astype(np.float64) @ W).reshape(
                *x.shape, W.shape[1])

        def by_torch(x, W):
            table = torch.nn.Embedding.from_pretrained(torch.tensor(W))
            return table(torch.tensor(x)).numpy()

        assert module.check(case, by_one_hot) < case["tolerance"]
        assert module.check(case, by_torch) < case["tolerance"]
        expected = case["expected"]["out"]
    got = (ref.one_hot(x.ravel(), 5) @ W.astype(np.float32)).reshape(2, 4, 3)
    np.testing.assert_allclose(got, expected, atol=1e-7)


# ----------------------------------------------------------------- co-occurrence and PPMI
def _brute_cooc(ids, V, window):
    C = np.zeros((V, V))
    for t in range(len(ids)):
        for s in range(len(ids)):
            if 1 <= abs(s - t) <= window:
                C[ids[t], ids[s]] += 1
    return C


@FAST
@given(sequences, windows)
def test_cooccurrence_is_the_brute_force_count(ids, window):
    C = ref.cooccurrence(ids, 6, window)
    np.testing.assert_array_equal(C, _brute_cooc(ids, 6, window))
    np.testing.assert_array_equal(C, C.T)  # symmetric
    n = len(ids)
    assert C.sum() == 2 * sum(max(0, n - d) for d in range(1, window + 1))  # unweighted


def test_cooccurrence_never_counts_the_centre():
    # every token different: a nonzero diagonal could only come from the centre itself
    C = ref.cooccurrence(np.arange(10), 10, 3)
    assert np.all(np.diag(C) == 0)


@FAST
@given(st.lists(st.lists(st.integers(0, 6), min_size=4, max_size=4), min_size=4,
                max_size=4))
def test_ppmi_matches_the_formula_entry_by_entry(rows):
    C = np.array(rows, dtype=float)
    P = ref.ppmi(C)
    S = C.sum()
    for i in range(4):
        for j in range(4):
            if C[i, j] == 0:
                assert P[i, j] == 0
            else:
                pmi = np.log((C[i, j] / S) / ((C[i].sum() / S) * (C[:, j].sum() / S)))
                assert P[i, j] == pytest.approx(max(0.0, pmi), abs=1e-12)
    assert np.all(np.isfinite(P)) and np.all(P >= 0)


# ------------------------------------------------------------------------------------ SVD
@FAST
@given(st.integers(2, 9), st.integers(2, 9), st.integers(0, 10_000))
def test_svd_embeddings_agree_with_numpy_up_to_sign(V, D, seed):
    M = np.random.default_rng(seed).normal(size=(V, D))
    E = min(V, D) - 1 or 1
    W = ref.svd_embeddings(M, E)
    U, s, Vt = np.linalg.svd(M)
    np.testing.assert_allclose(signed(W), signed(U[:, :E] * s[:E]), atol=1e-10)
    # Eckart-Young: W Vt[:E] is the best rank-E approximation; its error is the rest of s
    err = np.linalg.norm(M - W @ Vt[:E])
    assert err == pytest.approx(np.sqrt(np.sum(s[E:] ** 2)), abs=1e-9)


def test_svd_embeddings_agree_with_scipy_svds_on_ppmi():
    from scipy.sparse.linalg import svds

    sentences = text.analogy_corpus(500, seed=1)
    tokens = ref.tokenize(" ".join(sentences))
    itos, _ = ref.build_vocab(tokens)
    stoi = {w: i for i, w in enumerate(itos)}
    P = ref.ppmi(ref.cooccurrence([stoi[w] for w in tokens], len(itos), 2))
    U, s, _ = svds(P, k=10, random_state=0)  # ascending singular values
    order = np.argsort(s)[::-1]
    np.testing.assert_allclose(signed(ref.svd_embeddings(P, 10)),
                               signed(U[:, order] * s[order]), atol=1e-8)


# ---------------------------------------------------------------- similarity and analogies
def test_cosine_similarity_agrees_with_torch():
    g = torch.Generator().manual_seed(8)
    A = torch.randn(6, 5, generator=g, dtype=torch.float64) * torch.rand(6, 1, generator=g) * 9
    B = torch.randn(4, 5, generator=g, dtype=torch.float64)
    expected = torch.nn.functional.cosine_similarity(A[:, None], B[None], dim=2)
    np.testing.assert_allclose(ref.cosine_similarity(A.numpy(), B.numpy()), expected.numpy(),
                               atol=1e-12)


def test_nearest_neighbours_agree_with_sklearn():
    from sklearn.neighbors import NearestNeighbors

    W = np.random.default_rng(3).normal(size=(30, 6))
    nn = NearestNeighbors(n_neighbors=6, metric="cosine").fit(W)
    _, idx = nn.kneighbors(W[[4]])
    assert ref.nearest_neighbours(W, 4, 5).tolist() == [j for j in idx[0] if j != 4][:5]


def test_analogy_solves_the_generated_corpus():
    sentences = text.analogy_corpus(6000, seed=0)
    tokens = ref.tokenize(" ".join(sentences))
    itos, _ = ref.build_vocab(tokens)
    stoi = {w: i for i, w in enumerate(itos)}
    W = ref.svd_embeddings(ref.ppmi(ref.cooccurrence([stoi[w] for w in tokens], len(itos), 3)),
                           50)
    q = np.array([[stoi[w] for w in quad] for quad in text.known_analogies()])
    answers = ref.analogy(W, q[:, 0], q[:, 1], q[:, 2])
    assert np.mean(answers == q[:, 3]) >= 0.95
    assert not np.any((answers == q[:, 0]) | (answers == q[:, 1]) | (answers == q[:, 2]))


# ------------------------------------------------------------------------ training pairs
@FAST
@given(st.lists(st.integers(0, 50), min_size=0, max_size=15), windows)
def test_skipgram_pairs_and_cbow_examples_by_definition(ids, window):
    pairs = ref.skipgram_pairs(ids, window)
    expected = [(ids[t], ids[s]) for t in range(len(ids)) for s in range(len(ids))
                if 1 <= abs(s - t) <= window]
    assert pairs.shape == (len(expected), 2) and pairs.dtype == np.int64
    assert [tuple(p) for p in pairs.tolist()] == expected
    contexts, centres = ref.cbow_examples(ids, window)
    full = range(window, len(ids) - window)
    assert contexts.shape == (len(full), 2 * window) and centres.shape == (len(full),)
    for row, t in enumerate(full):
        assert centres[row] == ids[t]
        assert contexts[row].tolist() == [ids[s] for s in range(t - window, t + window + 1)
                                          if s != t]


@FAST
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=20).filter(any),
       st.floats(0.1, 1.5))
def test_unigram_distribution_closed_form(counts, power):
    q = ref.unigram_distribution(counts, power)
    c = np.array(counts, dtype=float)
    assert q.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(q, c ** power / np.sum(c ** power), rtol=1e-12)
    i, j = int(np.argmax(c)), int(np.argmin(np.where(c > 0, c, np.inf)))
    assert q[i] / q[j] == pytest.approx((c[i] / c[j]) ** power)


# --------------------------------------------------------------------------- the models
def _direct_loss(h, U, targets, negatives):
    """The negative-sampling loss in float64 numpy, one example and one noise word at a time."""
    def log_sigmoid(x):
        return -np.logaddexp(0.0, -x)

    total = 0.0
    for b in range(len(targets)):
        total -= log_sigmoid(U[targets[b]] @ h[b])
        for n in negatives[b]:
            total -= log_sigmoid(-(U[n] @ h[b]))
    return total / len(targets)


def _model_case(cls, seed, B, K, width, scale=1.0):
    V, E = 11, 6
    g = torch.Generator().manual_seed(seed)
    model = cls(V, E).double()
    with torch.no_grad():
        model.in_embed.weight.copy_(scale * torch.randn(V, E, generator=g, dtype=torch.float64))
        model.out_embed.weight.copy_(scale * torch.randn(V, E, generator=g, dtype=torch.float64))
    inputs = torch.randint(0, V, (B,) if width == 0 else (B, width), generator=g)
    targets = torch.randint(0, V, (B,), generator=g)
    negatives = torch.randint(0, V, (B, K), generator=g)
    return model, inputs, targets, negatives


@pytest.mark.parametrize("cls, width", [(ref.SkipGramNS, 0), (ref.CBOWNS, 4), (ref.CBOWNS, 2)])
@pytest.mark.parametrize("seed, B, K", [(0, 1, 1), (1, 8, 5), (2, 32, 3)])
def test_model_loss_and_gradients_agree_with_direct_computations(cls, width, seed, B, K):
    model, inputs, targets, negatives = _model_case(cls, seed, B, K, width)
    loss = model(inputs, targets, negatives)
    loss.backward()
    Win = model.in_embed.weight.detach().numpy()
    Wout = model.out_embed.weight.detach().numpy()
    h = Win[inputs.numpy()] if width == 0 else Win[inputs.numpy()].mean(axis=1)
    assert loss.item() == pytest.approx(_direct_loss(h, Wout, targets.numpy(), negatives.numpy()),
                                        rel=1e-12)
    # the same loss as binary cross-entropy with logits: label 1 for the target, 0 for noise
    hv = torch.tensor(h)
    words = torch.cat([targets[:, None], negatives], dim=1)
    scores = (torch.tensor(Wout)[words] @ hv[:, :, None])[:, :, 0]  # (B, 1 + K)
    labels = torch.zeros_like(scores)
    labels[:, 0] = 1
    bce = torch.nn.functional.binary_cross_entropy_with_logits(scores, labels, reduction="sum")
    assert loss.item() == pytest.approx(bce.item() / B, rel=1e-12)
    # gradients: autograd of the direct formula written with plain tensor operations
    Wi = torch.tensor(Win, requires_grad=True)
    Wo = torch.tensor(Wout, requires_grad=True)
    hh = Wi[inputs] if width == 0 else Wi[inputs].mean(dim=1)
    pos = (Wo[targets] * hh).sum(1)
    neg = torch.einsum("bke,be->bk", Wo[negatives], hh)
    direct = -(torch.log(torch.sigmoid(pos)) + torch.log(torch.sigmoid(-neg)).sum(1)).mean()
    direct.backward()
    np.testing.assert_allclose(model.in_embed.weight.grad.numpy(), Wi.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(model.out_embed.weight.grad.numpy(), Wo.grad.numpy(), atol=1e-12)


@pytest.mark.parametrize("cls, width", [(ref.SkipGramNS, 0), (ref.CBOWNS, 2)])
def test_model_gradient_by_central_differences(cls, width):
    model, inputs, targets, negatives = _model_case(cls, 5, 3, 2, width)
    model(inputs, targets, negatives).backward()
    for emb in (model.in_embed, model.out_embed):
        w = emb.weight
        numeric = torch.zeros_like(w)
        with torch.no_grad():
            for idx in np.ndindex(*w.shape):
                old = w[idx].item()
                w[idx] = old + 1e-6
                up = model(inputs, targets, negatives).item()
                w[idx] = old - 1e-6
                down = model(inputs, targets, negatives).item()
                w[idx] = old
                numeric[idx] = (up - down) / 2e-6
        np.testing.assert_allclose(w.grad.numpy(), numeric.numpy(), atol=1e-7)


@pytest.mark.parametrize("cls, width", [(ref.SkipGramNS, 0), (ref.CBOWNS, 4)])
def test_model_loss_stays_finite_for_huge_scores(cls, width):
    model, inputs, targets, negatives = _model_case(cls, 7, 16, 5, width, scale=40.0)
    model = model.float()
    loss = model(inputs, targets, negatives)
    assert torch.isfinite(loss)
    h64 = model.in_embed.weight.detach().double().numpy()[inputs.numpy()]
    h64 = h64 if width == 0 else h64.mean(axis=1)
    expected = _direct_loss(h64, model.out_embed.weight.detach().double().numpy(),
                            targets.numpy(), negatives.numpy())
    assert loss.item() == pytest.approx(expected, rel=1e-4)


def test_log_of_sigmoid_fails_where_the_prompt_says():
    """Exercise 13's prompt: in float32, torch.sigmoid rounds to 0, and its log to -inf, from
    a score of about -88.7 (not -100); F.logsigmoid stays finite and exact there."""
    scores = torch.tensor([-88.8, -88.6], dtype=torch.float32)
    naive = torch.log(torch.sigmoid(scores))
    assert torch.isinf(naive[0]) and torch.isfinite(naive[1])
    torch.testing.assert_close(torch.nn.functional.logsigmoid(scores), scores)


def test_initialization_and_loss_at_the_start():
    for cls, inputs in [(ref.SkipGramNS, torch.tensor([0, 1, 2])),
                        (ref.CBOWNS, torch.tensor([[0, 1], [2, 3], [4, 0]]))]:
        torch.manual_seed(0)
        model = cls(5, 8)
        assert model.in_embed.weight.abs().max() <= 0.5 / 8
        assert model.out_embed.weight.abs().max() == 0
        loss = model(inputs, torch.tensor([1, 2, 3]), torch.tensor([[0, 1, 2, 3]] * 3))
        assert loss.item() == pytest.approx(5 * np.log(2), rel=1e-6)


def test_skipgram_training_learns_the_analogies():
    """A short seeded run of skip-gram with negative sampling (unigram^0.75 noise, Adam)."""
    sentences = text.analogy_corpus(2500, seed=0)
    tokens = ref.tokenize(" ".join(sentences))
    itos, counts = ref.build_vocab(tokens)
    stoi = {w: i for i, w in enumerate(itos)}
    pairs = torch.tensor(ref.skipgram_pairs([stoi[w] for w in tokens], 2))
    noise = torch.tensor(ref.unigram_distribution(counts), dtype=torch.float32)
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        model = ref.SkipGramNS(len(itos), 40)
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        first = None
        for _ in range(3):
            for batch in torch.randperm(len(pairs)).split(512):
                negatives = torch.multinomial(noise, len(batch) * 5, replacement=True)
                loss = model(pairs[batch, 0], pairs[batch, 1], negatives.view(-1, 5))
                first = loss.item() if first is None else first
                opt.zero_grad()
                loss.backward()
                opt.step()
    finally:
        torch.set_num_threads(threads)
    assert first == pytest.approx(6 * np.log(2))
    assert loss.item() < 0.6 * first
    W = model.in_embed.weight.detach().numpy()
    q = np.array([[stoi[w] for w in quad] for quad in text.known_analogies()])
    # chance is about 1 %; this short run solves about 70 % (the notebook's longer one: all)
    assert np.mean(ref.analogy(W, q[:, 0], q[:, 1], q[:, 2]) == q[:, 3]) >= 0.5
