"""The catalogue of common mistakes, one module per week (or per notebook of a week).

``WRONG = {exercise: [(what is wrong, implementation, hint), ...]}``: each implementation
is a mistake students make, written as they would write it; it replaces the exercise's name
(or, given as a dict, the names it lists) in the reference namespace. ``tests/test_exercises.py``
proves the hidden tests reject each one and that the grader names it
(``autograder/diagnose.py``); `dlgrade hints` turns them into the visible checks' table
``dlcourse/mistakes.json``. ``RIGHT`` lists other correct solutions, which must earn full
marks. Grader material: never sent to a student's kernel, never in a release or a bundle.
"""

import functools
import warnings

import numpy as np


def quiet(fn):
    """Silence numpy's warnings (overflow, 0/0, the variance of a single row) around a
    catalogued mistake that produces them on purpose; its arguments pass unchanged."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return fn(*args, **kwargs)
    return wrapper
