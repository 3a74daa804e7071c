"""Suite-wide settings: property tests draw the same examples on every run (a red CI run can
be reproduced; a green one is not luck), with no per-example deadline (machines are busy);
one math thread per process."""

import os

from hypothesis import settings

# One thread per torch/BLAS process: the suite already runs a process per core (xdist), and
# the kernels it starts inherit this; two threads each made small models 20x slower here.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

settings.register_profile("course", derandomize=True, deadline=None)
settings.load_profile("course")
