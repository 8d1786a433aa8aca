"""Benchmarks of the service (``make bench`` / ``python -m bench``); not part of the tests."""
