"""Engines: pure Python decisions and calculations.

Nothing under this package imports Django (an import-linter contract checks
it). Engines take plain values or dataclasses and return plain values or
dataclasses, so they are deterministic, property-tested and benchmarked.
"""
