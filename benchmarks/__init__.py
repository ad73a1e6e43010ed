"""Benchmark scripts: run them with the project's Python, they print tables (not tests)."""
