"""The analytics core: pure functions on plain data.

Nothing in this package imports Django; everything takes plain sequences, NumPy arrays
or dataclasses and returns the same, so it can be tested and benchmarked on its own.
"""
