"""Every week's prose uses the letters of `course/NOTATION.md` where a use can be checked.

The page fixes a few letters that drift easily: an optimizer's state is v (velocity or first
moment) and s (second moment), never Adam's paper's m and v; updates are counted from 1
(update t takes w_(t-1) to w_t with g_t, the gradient at w_(t-1)); a regularizer's weight is
alpha; epsilon is a small constant, never a noise or a weight. Each rule below is a regular
expression for one such use *against* the page, searched in the LaTeX of every markdown cell of
every week. The first test ties the rules to the page: if the page changes a letter, this file
must change with it.
"""

from __future__ import annotations

import json
import re

import pytest

from autograder.notebooks import REPO, week_dirs, week_notebooks

PAGE = REPO / "course" / "NOTATION.md"

# (what the page says, a use against it): each pattern is searched in the LaTeX of one formula
RULES = [
    ("an optimizer's first moment is v_t, not Adam's paper's m_t",
     re.compile(r"\\mathbf m_\{?t|\\hat\{\\mathbf m\}|\\hat m_t")),
    ("an optimizer's second moment is s_t: v_t is a velocity or first moment",
     re.compile(r"\\mathbf v_t\s*&?=[^&\n]*\\mathbf g_t\^2")),
    ("g_t is the gradient at w_(t-1), the point update t starts from",
     re.compile(r"\\mathbf g_t\s*=\s*\\nabla J\((\\mathbf w|\\boldsymbol\\theta)_t\)")),
    ("update t gives w_t from w_(t-1) (updates are counted from 1), not w_(t+1) from w_t",
     re.compile(r"(\\mathbf w|\\boldsymbol\\theta)_\{t\+1\}\s*&?=.*\\mathbf g_t", re.S)),
    ("a regularizer's weight is alpha (lambda is kept for eigenvalues)",
     re.compile(r"\\lambda\s*(\\,)?\s*\\Omega|\\frac\{\\lambda\}\{2\}\s*\\lVert")),
    ("epsilon is a small constant, never noise added to a target (that is xi)",
     re.compile(r"f\(x\)\s*\+\s*\\(var)?epsilon")),
    ("epsilon is a small constant, never a label-smoothing weight (that is s)",
     re.compile(r"\(1\s*-\s*\\(var)?epsilon\)\s*(\\,)?\s*\\mathbf e_y"
                r"|\\frac\{\\(var)?epsilon\}\{K\}")),
]

# What the page says, in its own words, for each letter the rules check.
PAGE_SAYS = [
    r"$\mathbf v_t$ a velocity or first moment",
    r"$\mathbf s_t$ a second moment",
    r"with $\mathbf g_t = \nabla J(\boldsymbol\theta_{t-1})$",
    r"added with a weight $\alpha \ge 0$",
    r"noise added to targets is $\xi$, a label-smoothing",
]

MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def _formulas(path):
    """(cell index, LaTeX of one formula) for every formula of every markdown cell."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            for match in MATH.finditer("".join(cell["source"])):
                yield index, match.group(1) or match.group(2)


NOTEBOOKS = [path for week in week_dirs() for path in week_notebooks(week.name)]


def test_the_rules_are_the_page_s():
    page = PAGE.read_text(encoding="utf-8")
    for words in PAGE_SAYS:
        assert words in page, f"NOTATION.md no longer says {words!r}: update tests/test_notation.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_formulas_use_the_notation_page_s_letters(path):
    found = [f"{path.parent.name}/{path.name}, cell {index}: {why}: ...{formula.strip()[:90]}..."
             for index, formula in _formulas(path) for why, rule in RULES if rule.search(formula)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("formula, why", [
    (r"\mathbf m_t = \beta_1\,\mathbf m_{t-1} + (1-\beta_1)\,\mathbf g_t", "first moment"),
    (r"\mathbf v_t &= \beta_2\,\mathbf v_{t-1} + (1-\beta_2)\,\mathbf g_t^2", "second moment"),
    (r"\mathbf g_t = \nabla J(\mathbf w_t)", "g_t is the gradient"),
    (r"\mathbf w_{t+1} = \mathbf w_t - \eta\,\mathbf g_t", "update t gives"),
    (r"J(\boldsymbol\theta) + \lambda\,\Omega(\boldsymbol\theta)", "regularizer's weight"),
    (r"y = f(x) + \varepsilon", "noise"),
    (r"\mathbf t = (1 - \epsilon)\,\mathbf e_y + \frac{\epsilon}{K}\mathbf 1", "label-smoothing"),
])
def test_each_rule_catches_the_use_it_names(formula, why):
    """The drifts this file was written for, as they stood in weeks 4 and 5, are caught."""
    assert [w for w, rule in RULES if rule.search(formula)] and any(
        why in w for w, rule in RULES if rule.search(formula)), formula


@pytest.mark.parametrize("formula", [
    r"\mathbf v_t = \beta\,\mathbf v_{t-1} + \mathbf g_t",  # momentum's velocity
    r"\mathbf s_t = \beta_2\,\mathbf s_{t-1} + (1-\beta_2)\,\mathbf g_t^2",
    r"\mathbf w_t = \mathbf w_{t-1} - \eta\,\mathbf g_t",
    r"\tilde w_i = \frac{\lambda_i}{\lambda_i + \alpha}\, w^*_i",  # eigenvalues stay lambda
    r"\hat x_{nj} = \frac{x_{nj} - \mu_j}{\sqrt{\sigma_j^2 + \epsilon}}",
    r"\frac{\partial J}{\partial \mathbf h_t} = \mathbf g_t"
    r" + \boldsymbol\delta_{t+1}\mathbf W_{hh}^\top",  # week 9's g_t, a gradient of its own
])
def test_the_page_s_own_uses_pass(formula):
    assert not [why for why, rule in RULES if rule.search(formula)], formula
