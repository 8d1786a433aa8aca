"""Typed errors that carry their HTTP status, so every layer can raise them and ``web`` can
turn them into the ``{"code", "description"}`` contract without knowing where they came from."""

from __future__ import annotations

from . import words


class GeoLayoutError(Exception):
    """Base error: ``status`` is the HTTP status, ``code`` a stable machine-readable name.

    Raised with a catalogue ``key`` (and its ``values``) instead of a ready ``description``,
    the error can be said in the language of the page that shows it (:meth:`text`); the
    ``description`` (JSON, logs) is its English."""

    status = 500
    code = "internal-error"

    def __init__(self, description: str | None = None, *, key: str | None = None,
                 valid: str = "", headers: dict | None = None, **values):
        """``valid``: the valid values, listed from the data (never the request's echo), so
        a response may cut the description but keeps them whole. ``headers``: sent with the
        response (``Allow``, ``Retry-After``…)."""
        self.headers = dict(headers or {})
        if description is None:
            description = words.t(key, "en", **values)
        super().__init__(description + valid)
        self.description = description + valid
        self.valid = valid
        self.key = key
        self.values = values

    def text(self, lang: str) -> str | None:
        """The description in ``lang``; None when it has no wording but English and the
        language is another (the page then says only what kind of error it was)."""
        if self.key is not None:
            return words.t(self.key, lang, **self.values) + self.valid
        return self.description if lang == "en" else None

    def to_dict(self) -> dict:
        return {"code": self.code, "description": self.description, **self.extra()}

    def extra(self) -> dict:
        """Members of the JSON error body beyond code and description (none by default)."""
        return {}


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


class Unauthorized(GeoLayoutError):
    """No credentials, or credentials that do not hold (a bad API token): 401 with a
    ``WWW-Authenticate`` challenge (``headers``, sent with the response)."""

    status = 401
    code = "unauthorized"

    def __init__(self, description: str | None = None, *,
                 challenge: str = 'Bearer realm="geo-layout"', **kwargs):
        super().__init__(description, **kwargs)
        self.headers = {"WWW-Authenticate": challenge}


class Forbidden(GeoLayoutError):
    """Who asks is known, and may not do this (their role or plans do not allow it)."""

    status = 403
    code = "forbidden"


class TooManyRequests(GeoLayoutError):
    """Slow down: 429, with ``Retry-After`` seconds."""

    status = 429
    code = "too-many-requests"

    def __init__(self, description: str | None = None, *, retry_after: int = 60, **kwargs):
        super().__init__(description, **kwargs)
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(int(retry_after))}


class TooLarge(GeoLayoutError):
    """A result too big to produce in the form asked for (e.g. a standalone map of 100,000
    points); the message says what to ask for instead."""

    status = 413
    code = "too-large"


class Unavailable(GeoLayoutError):
    """The service cannot do this now (a part is missing, or it is busy): 503, with the reason
    told to the client and, when trying again later can help, ``retry_after`` seconds."""

    status = 503
    code = "unavailable"

    def __init__(self, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.retry_after = retry_after


class ReadOnly(GeoLayoutError):
    """A write to data served read-only (a seeds folder, or a collection nobody edits, such
    as the boundaries): 405, with the methods that do work."""

    status = 405
    code = "read-only"


class Conflict(GeoLayoutError):
    """The change clashes with the data as it is (an id in use, a record others still name)."""

    status = 409
    code = "conflict"


class PreconditionFailed(GeoLayoutError):
    """``If-Match`` names a version the record no longer has: someone saved meanwhile.
    ``current`` is the record as it is now, so the client can show both versions."""

    status = 412
    code = "precondition-failed"

    def __init__(self, description: str, current: dict | None = None,
                 current_version: str | None = None):
        super().__init__(description)
        self.current = current
        self.current_version = current_version

    def extra(self) -> dict:
        return {"current": self.current, "current_version": self.current_version}


class PreconditionRequired(GeoLayoutError):
    """A change to an existing record without ``If-Match``: refused, or it could silently
    overwrite someone else's edit."""

    status = 428
    code = "precondition-required"


class InvalidRecord(BadRequest):
    """A record that fails validation; ``problems`` lists every one (field and message)."""

    code = "invalid-record"

    def __init__(self, problems: list):
        self.problems = list(problems)
        lines = "; ".join(f"{p.field}: {p.message}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s): {lines}")

    def extra(self) -> dict:
        return {"problems": [{"field": p.field, "message": p.message} for p in self.problems]}


class ImportRefused(BadRequest):
    """A file that cannot be imported (not what its name says, damaged, a zip bomb, merged
    cells…); the message names what is wrong. Nothing was changed."""

    code = "bad-import"


class ImportTooLarge(ImportRefused):
    """A file too big to import (size, rows, or what an archive expands to): 413."""

    status = 413
    code = "import-too-large"


class PhotoRefused(BadRequest):
    """An upload that is not a photo the service takes (not a JPEG, PNG or WebP by its
    content, damaged, empty); the message names what is wrong. Nothing was changed."""

    code = "bad-photo"


class PhotoTooLarge(PhotoRefused):
    """A photo too big to take (its bytes, or the pixels it would decode to): 413."""

    status = 413
    code = "photo-too-large"
