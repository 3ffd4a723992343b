"""Judging: criteria, scores, the pitch session and results."""
