"""dlcourse.text: the generated analogy corpus, Python's documentation text, reading a file."""

from __future__ import annotations

import re

import pytest

from dlcourse import text


def test_analogy_corpus_is_seeded_and_lower_case():
    a = text.analogy_corpus(300, seed=4)
    assert a == text.analogy_corpus(300, seed=4)
    assert a != text.analogy_corpus(300, seed=5)
    assert len(a) == 300
    assert all(re.fullmatch(r"[a-z]+( [a-z]+)*", s) for s in a), "lower-case words, one space"


def test_analogy_corpus_rejects_no_sentences():
    with pytest.raises(ValueError, match="at least 1"):
        text.analogy_corpus(0)


def test_known_analogies_are_pairs_of_pairs_of_one_relation():
    every = text.known_analogies()
    assert len(every) == 270
    assert len(set(every)) == 270
    for name, pairs in text.RELATIONS.items():
        quads = text.known_analogies(name)
        assert len(quads) == len(pairs) * (len(pairs) - 1)
        as_pairs = {(first, second) for first, second, _ in pairs}
        for a, b, c, d in quads:
            assert (a, b) in as_pairs and (c, d) in as_pairs and a != c
    assert text.known_analogies("capital")[0] == ("france", "paris", "germany", "berlin")
    with pytest.raises(ValueError, match="unknown relation"):
        text.known_analogies("colour")


def test_every_word_of_the_analogies_occurs_with_its_topic():
    sentences = text.analogy_corpus(3000, seed=0)
    words = {w for s in sentences for w in s.split()}
    for pairs in text.RELATIONS.values():
        for first, second, topic in pairs:
            assert {first, second, topic} <= words
    # the words of different pairs never collide (an analogy needs 4 different words)
    listed = [w for pairs in text.RELATIONS.values() for p in pairs for w in p]
    assert len(listed) == len(set(listed))


def test_python_docs_is_the_standard_librarys_text():
    raw = text.python_docs(clean=False)
    assert len(raw) > 300_000
    assert "The" in raw and "def" in raw
    clean = text.python_docs()
    assert 100_000 < len(clean) < len(raw)
    assert "`" not in clean and "*" not in clean
    assert text.python_docs() == clean  # deterministic


def test_read_text_reads_and_explains_wrong_paths(tmp_path):
    path = tmp_path / "book.txt"
    path.write_text("Call me Ishmael.\nSome years ago", encoding="utf-8")
    assert text.read_text(path) == "Call me Ishmael.\nSome years ago"
    assert text.read_text(str(path)) == "Call me Ishmael.\nSome years ago"
    with pytest.raises(FileNotFoundError, match="no text file at .*missing.txt"):
        text.read_text(tmp_path / "missing.txt")
    with pytest.raises(IsADirectoryError, match="is a folder"):
        text.read_text(tmp_path)
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\xff\xfe\x00")
    with pytest.raises(ValueError, match="not a utf-8 text file"):
        text.read_text(binary)
