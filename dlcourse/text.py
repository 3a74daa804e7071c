"""Text for the word-embedding and sequence weeks, offline: nothing is ever downloaded.

Three sources:

* `analogy_corpus`: sentences the course generates from templates, with a structure a student
  can check in learned word vectors. Three relations, each a list of word pairs
  (`RELATIONS`): countries and their capitals, male and female words, singular and plural
  nouns. Every pair also has a *topic word* of its own (a language, a place, a sound) that
  appears with both of its words, and every relation has *marker words* that tell its two
  sides apart ("country" / "city", "he" / "she", "is" / "are"). So in the vectors
  ``paris - france + germany`` should land near ``berlin``. `known_analogies` lists every
  analogy the corpus is built to contain, as word quadruples ``(a, b, c, d)`` meaning
  "a is to b as c is to d".
* `python_docs`: real English prose that ships with Python itself: the standard library's
  ``pydoc_data.topics`` (the text of ``help("topics")``, about 460 KB).
* `read_text`: any UTF-8 text file the user points to.

Tokenizing and building a vocabulary are exercises of week 8, so they are not here: these
functions return plain strings (or lists of sentence strings).

Introduced in week08.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

__all__ = [
    "RELATIONS",
    "analogy_corpus",
    "known_analogies",
    "python_docs",
    "read_text",
]

#: relation name -> list of (first word, second word, topic word shared by the pair).
#: The analogy of a relation reads "first is to second as first' is to second'".
RELATIONS: dict[str, list[tuple[str, str, str]]] = {
    "capital": [
        ("france", "paris", "french"), ("germany", "berlin", "german"),
        ("italy", "rome", "italian"), ("spain", "madrid", "spanish"),
        ("japan", "tokyo", "japanese"), ("china", "beijing", "chinese"),
        ("russia", "moscow", "russian"), ("greece", "athens", "greek"),
        ("poland", "warsaw", "polish"), ("portugal", "lisbon", "portuguese"),
    ],
    "gender": [
        ("king", "queen", "palace"), ("man", "woman", "office"), ("boy", "girl", "school"),
        ("father", "mother", "kitchen"), ("son", "daughter", "garden"),
        ("brother", "sister", "bicycle"), ("uncle", "aunt", "village"),
        ("husband", "wife", "wedding"), ("prince", "princess", "castle"),
        ("actor", "actress", "theatre"),
    ],
    "plural": [
        ("cat", "cats", "milk"), ("dog", "dogs", "bone"), ("car", "cars", "road"),
        ("apple", "apples", "orchard"), ("book", "books", "library"),
        ("house", "houses", "street"), ("bird", "birds", "sky"), ("tree", "trees", "forest"),
        ("ship", "ships", "sea"), ("horse", "horses", "farm"),
    ],
}

# Templates per relation and side: {w} is the word, {o} its partner, {t} the pair's topic
# word, {x} a random filler adjective. The side markers are the words that differ between
# the "first" and the "second" templates.
_TEMPLATES: dict[str, tuple[list[str], list[str]]] = {
    "capital": (
        ["{w} is a {x} country", "the country of {w} speaks {t}", "{o} is the capital of {w}",
         "people in the country {w} speak {t}", "{w} is a country with a {x} capital"],
        ["{w} is a {x} city", "the city of {w} speaks {t}", "{w} is the capital of {o}",
         "people in the city {w} speak {t}", "{w} is a city with a {x} centre"],
    ),
    "gender": (
        ["the {t} {w} said he was {x}", "he is the {w} of {t}", "his {x} {w} loves {t}",
         "he saw a {w} at {t}", "a {w} and his {t}"],
        ["the {t} {w} said she was {x}", "she is the {w} of {t}", "her {x} {w} loves {t}",
         "she saw a {w} at {t}", "a {w} and her {t}"],
    ),
    "plural": (
        ["one {w} is near {t}", "a {x} {w} is at {t}", "this {w} is {x}",
         "the {t} {w} is {x}", "one {w} of {t}"],
        ["two {w} are near {t}", "many {x} {w} are at {t}", "these {w} are {x}",
         "the {t} {w} are {x}", "two {w} of {t}"],
    ),
}
_FILLERS = ["big", "small", "old", "new", "quiet", "busy", "famous", "lovely"]


def analogy_corpus(n_sentences: int = 6000, seed: int = 0) -> list[str]:
    """Sentences generated from templates, with analogies built in (see the module docstring).

    Each sentence picks a relation, a pair of it, a side and a template uniformly at random
    from ``np.random.default_rng(seed)``; a filler adjective fills ``{x}``. Same arguments,
    same sentences.

    Args:
        n_sentences: how many sentences (>= 1).
        seed: seed of the generator.

    Returns:
        A list of ``n_sentences`` lower-case strings, words separated by single spaces, no
        punctuation (e.g. ``"paris is the capital of france"``).
    """
    if int(n_sentences) < 1:
        raise ValueError(f"n_sentences must be at least 1, got {n_sentences}")
    rng = np.random.default_rng(seed)
    names = list(RELATIONS)
    sentences = []
    for _ in range(int(n_sentences)):
        relation = names[rng.integers(len(names))]
        pairs = RELATIONS[relation]
        first, second, topic = pairs[rng.integers(len(pairs))]
        side = int(rng.integers(2))
        templates = _TEMPLATES[relation][side]
        template = templates[rng.integers(len(templates))]
        word, other = (first, second) if side == 0 else (second, first)
        filler = _FILLERS[rng.integers(len(_FILLERS))]
        sentences.append(template.format(w=word, o=other, t=topic, x=filler))
    return sentences


def known_analogies(relation: str | None = None) -> list[tuple[str, str, str, str]]:
    """Every analogy ``(a, b, c, d)``, "a is to b as c is to d", that the corpus contains.

    For each relation and each ordered choice of two different pairs ``(a, b)`` and
    ``(c, d)``: 10 pairs give 90 analogies per relation, 270 in all.

    Args:
        relation: ``"capital"``, ``"gender"`` or ``"plural"``; None for all three, in
            that order.

    Returns:
        A list of 4-tuples of words, e.g. ``("france", "paris", "germany", "berlin")``.
    """
    if relation is not None and relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}; choose one of {list(RELATIONS)}")
    names = [relation] if relation is not None else list(RELATIONS)
    out = []
    for name in names:
        pairs = RELATIONS[name]
        for a, b, _ in pairs:
            for c, d, _ in pairs:
                if a != c:
                    out.append((a, b, c, d))
    return out


def python_docs(clean: bool = True) -> str:
    """The documentation topics that ship with Python (``pydoc_data.topics``), as one string.

    English prose about the Python language (the text ``help()`` shows), topics joined in
    alphabetical order of their names, separated by blank lines. Its size depends on the Python
    version: with Python 3.11, about 465,000 characters raw and 237,000 cleaned.

    Args:
        clean: if True, drop lines that look like code or tables (indented lines, lines with
            more symbols than letters) and the reStructuredText markup left in the text
            (``*``, backquotes, ``|``), so mostly sentences remain; if False, the raw text.

    Returns:
        One string.
    """
    from pydoc_data.topics import topics

    text = "\n\n".join(topics[name] for name in sorted(topics))
    if not clean:
        return text
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith((" ", "\t")) or not stripped:
            if not stripped:
                kept.append("")
            continue
        letters = sum(ch.isalpha() for ch in stripped)
        if letters < 0.6 * len(stripped.replace(" ", "")):
            continue  # code, tables, rules of underlines
        kept.append(re.sub(r"[*`|]", "", stripped))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"


def read_text(path: str | Path, encoding: str = "utf-8") -> str:
    """The content of a text file, as one string.

    Args:
        path: the file (``str`` or ``pathlib.Path``; ``~`` is expanded).
        encoding: its encoding.

    Raises:
        FileNotFoundError: with the absolute path tried, when there is no such file.
        IsADirectoryError: when ``path`` is a folder.
        ValueError: when the file is not text in ``encoding``.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(
            f"no text file at {str(path)!r} (looked for {p.resolve()}); check the path, "
            f"relative paths start from the notebook's folder {Path.cwd()}")
    if p.is_dir():
        raise IsADirectoryError(f"{str(path)!r} is a folder, not a text file")
    try:
        return p.read_text(encoding=encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{str(path)!r} is not a {encoding} text file ({exc.reason} at byte "
                         f"{exc.start})") from None
