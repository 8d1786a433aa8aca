"""Documents made of the service's data: the review report (DOCX and PDF) a department submits.

A layer between ``maps`` and the front ends (``web``, ``cli``): it reads ``data`` and draws
with ``maps``, and imports neither flask nor matplotlib itself (see tests/test_layers.py)."""
