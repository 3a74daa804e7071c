"""What the visible checks say (`dlcourse.check.compare`, `needs`): values in their shape, the
first differing entry of a large array, no relative error where the expected value is 0."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check


def test_a_scalar_is_a_number():
    assert check.compare(4.5, 5.0) == ("expected 5, received 4.5; abs error 0.5, rel error 0.1 "
                                       "(tolerance atol=1e-06, rtol=1e-05)")
    assert check.compare(np.float32(3), 2, exact=True) == "expected 2, received 3"
    assert "index" not in check.compare(np.array(5.0), np.array(4.0))


def test_a_one_entry_array_is_shown_without_an_index():
    assert check.compare([4.5], [5.0]).startswith("expected [5.], received [4.5]; max abs")


def test_a_vector_is_shown_with_its_first_difference():
    assert check.compare(np.array([1, 2, 3]), np.array([1, 2, 4])) == (
        "expected [1, 2, 4], received [1, 2, 3]; 1 of 3 entries differ, first at index 2 "
        "(expected 4, received 3)")


def test_a_small_matrix_is_shown_as_a_matrix():
    got = np.array([[0.0, 1, 0], [1, 0, 1], [0, 1, 0]])
    want = np.array([[0.0, 1, 0], [1, 0, 2], [0, 2, 0]])
    lines = check.compare(got, want, exact=True).splitlines()
    assert lines == [
        "expected and received arrays of shape (3, 3): 2 of 9 entries differ, first at index "
        "(1, 2) (expected 2, received 1)",
        "expected [[0., 1., 0.],",
        "          [1., 0., 2.],",
        "          [0., 2., 0.]]",
        "received [[0., 1., 0.],",
        "          [1., 0., 1.],",
        "          [0., 1., 0.]]"]


def test_a_large_array_is_summarised():
    got = np.zeros((100, 50))
    want = got.copy()
    want[3, 7] = 0.5
    want[9, 9] = 2.0
    assert check.compare(got, want) == (
        "expected and received arrays of shape (100, 50): 2 of 5000 entries differ, first at "
        "index (3, 7) (expected 0.5, received 0); max abs error 2, max rel error 1 (tolerance "
        "atol=1e-06, rtol=1e-05)")


def test_no_relative_error_where_the_expected_value_is_zero():
    why = check.compare(np.array([1e300, 2.0]), np.array([0.0, 2.0]))
    assert "rel error" not in why and "abs error 1e+300" in why
    why = check.compare(np.array([1e300, 3.0]), np.array([0.0, 2.0]))
    assert "max rel error 0.5" in why  # over the entries whose expected value is not 0


def test_enough_digits_to_tell_the_values_apart():
    why = check.compare(1.0000001, 1.0, atol=0, rtol=1e-9)
    assert why.startswith("expected 1, received 1.0000001;")


def test_a_check_message_names_what_and_the_input():
    with pytest.raises(check.CheckError) as info:
        check.close(np.eye(2), np.ones((2, 2)), "ppmi", inputs="C=[[1, 2], [2, 1]]")
    first, *rest = str(info.value).splitlines()
    assert first.startswith("ppmi on input C=[[1, 2], [2, 1]]: expected and received arrays "
                            "of shape (2, 2): 2 of 4 entries differ, first at index (0, 1)")
    assert rest[:2] == ["expected [[1., 1.],", "          [1., 1.]]"]


def _stub_namespace():
    def tokenize(text):
        raise NotImplementedError()

    def build_vocab(tokens):
        raise NotImplementedError()

    def done():
        return 1

    return {"tokenize": tokenize, "build_vocab": build_vocab, "done": done}


def _needs(namespace, *names):
    code = compile(f"check.needs({', '.join(repr(n) for n in names)})", "<cell>", "exec")
    exec(code, {"check": check, **namespace})  # noqa: S102 - the test's own code


def test_a_guard_names_the_first_unsolved_exercise():
    namespace = _stub_namespace()
    _needs(namespace, "done")  # solved: nothing happens
    with pytest.raises(check.ExerciseNotDone, match=r"^this cell needs `tokenize`: finish "
                                                   "that exercise"):
        _needs(namespace, "done", "tokenize")
    with pytest.raises(check.ExerciseNotDone) as info:
        _needs(namespace, "tokenize", "build_vocab", "a", "b", "c", "d")
    assert str(info.value).startswith("this cell needs `tokenize` first (then `build_vocab`, "
                                      "`a`, `b` and 2 more): finish those exercises")


def test_an_unwritten_class_is_named_not_its_init():
    class ResidualBlock:
        def __init__(self):
            raise NotImplementedError()

        def forward(self):
            raise NotImplementedError()

    for make, name in ((ResidualBlock, "ResidualBlock"),
                       (lambda: ResidualBlock.forward(None), "ResidualBlock.forward")):
        try:
            make()
        except NotImplementedError as exc:
            assert check._unwritten(exc.__traceback__) == name


def test_the_passed_line_names_the_notebooks_own_functions():
    def cooccurrence():
        return 0

    cooccurrence.__module__ = "__main__"
    namespace = {"cooccurrence": cooccurrence, "np": np, "_C": 1}
    source = "_C = cooccurrence([0, 1], 2, 1)\ncheck.equal(_C, np.zeros(2), 'c')"
    assert check._tested_names(source, namespace) == ["cooccurrence"]


def _gan_step_reusing_old_logits(G, D, opt_G, opt_D, real, z, d_loss_fn, g_loss_fn):
    """A student's GAN step: the generator's cost reuses the fakes' logits scored before the
    discriminator's step, which changed D's weights in place."""
    fake_logits = D(G(z))[:, 0]
    d_loss = d_loss_fn(D(real)[:, 0], fake_logits)
    opt_D.zero_grad()
    d_loss.backward(retain_graph=True)
    opt_D.step()
    g_loss = g_loss_fn(fake_logits)
    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()
    return d_loss.item(), g_loss.item()


def test_torchs_in_place_error_in_the_gan_step_gets_a_hint():
    import torch
    import torch.nn.functional as F

    from autograder.judge import judge

    torch.manual_seed(0)
    G, D = torch.nn.Linear(2, 2), torch.nn.Linear(2, 1)
    opts = torch.optim.SGD(G.parameters(), lr=0.1), torch.optim.SGD(D.parameters(), lr=0.1)
    with pytest.raises(RuntimeError) as info:
        _gan_step_reusing_old_logits(G, D, *opts, torch.randn(3, 2), torch.randn(4, 2),
                                     lambda r, f: F.softplus(-r).mean() + F.softplus(f).mean(),
                                     lambda f: F.softplus(-f).mean())
    text = f"RuntimeError: {info.value}"
    hints = [hint for key, hint in check.ERROR_HINTS if key in text]
    assert len(hints) == 1 and "step() changes its network's weights in place" in hints[0]
    # The grader's feedback, where a hidden test recorded the error, says the same.
    expected = [{"case": "d_loss", "value": check._encode(1.0), "rule": {}}]
    received = [{"case": "d_loss", "value": check._encode(info.value)}]
    assert f"(what this means: {hints[0]})" in judge(expected, received).text()


def test_the_passed_line_names_functions_and_classes_not_objects():
    class Net:
        def __call__(self):
            return 0

    Net.__module__ = "__main__"
    namespace = {"Net": Net, "net": Net()}
    assert check._tested_names("check.true(net() == 0 and Net, 'x')", namespace) == ["Net"]
