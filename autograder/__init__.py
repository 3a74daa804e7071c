"""Instructor-side grader of the course: `dlgrade` (see cli.py). Never shipped to students."""

import sys

# jsonschema (under nbformat) imports this optional IRI checker, which builds a grammar for
# 2.5 s at import time; nbformat never needs it. Blocking it keeps every dlgrade command quick.
sys.modules.setdefault("rfc3987_syntax", None)
