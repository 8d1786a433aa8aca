"""Typed errors that carry their HTTP status, so every layer can raise them and ``web`` can
turn them into the ``{"code", "description"}`` contract without knowing where they came from."""

from __future__ import annotations


class GeoLayoutError(Exception):
    """Base error: ``status`` is the HTTP status, ``code`` a stable machine-readable name."""

    status = 500
    code = "internal-error"

    def __init__(self, description: str, valid: str = ""):
        """``valid``: the valid values, listed from the data (never the request's echo), so
        a response may cut the description but keeps them whole."""
        super().__init__(description + valid)
        self.description = description + valid
        self.valid = valid

    def to_dict(self) -> dict:
        return {"code": self.code, "description": self.description}


class BadRequest(GeoLayoutError):
    status = 400
    code = "bad-request"


class InvalidParameter(BadRequest):
    code = "invalid-parameter"


class NotFound(GeoLayoutError):
    status = 404
    code = "not-found"


class NotAcceptable(GeoLayoutError):
    status = 406
    code = "not-acceptable"


class DataError(GeoLayoutError):
    """The dataset (seed files or boundaries) is invalid; carries every problem found."""

    status = 500
    code = "invalid-data"

    def __init__(self, problems: list):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n{lines}")


class TooLarge(GeoLayoutError):
    """A result too big to produce in the form asked for (e.g. a standalone map of 100,000
    points); the message says what to ask for instead."""

    status = 413
    code = "too-large"
