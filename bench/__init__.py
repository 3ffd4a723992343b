"""Benchmarks of the platform: `python -m bench --size small|full` (see bench/README.md)."""
