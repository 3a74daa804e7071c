"""Reference solutions, one module per week (see docs/AUTHORING.md). Never shipped to students."""
