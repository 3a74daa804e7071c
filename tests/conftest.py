"""Suite-wide settings: property tests draw the same examples on every run (a red CI run can
be reproduced; a green one is not luck), with no per-example deadline (machines are busy)."""

from hypothesis import settings

settings.register_profile("course", derandomize=True, deadline=None)
settings.load_profile("course")
