"""Instructor-side grader."""
