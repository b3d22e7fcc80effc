"""Scripts that measure circle next to a reference run in the same process.

Run each from the repository root as `python -m benchmarks.NAME`.
"""
