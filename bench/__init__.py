"""Benchmarks: figures printed by `python -m bench`, never part of the pass/fail test run.

Each module here that defines `run() -> list[tuple[str, float, str]]` is one benchmark; every row
is (name, value, unit or comment). Budgets are ratios against a floor measured in the same run,
so a slow or busy machine moves both sides alike.
"""
