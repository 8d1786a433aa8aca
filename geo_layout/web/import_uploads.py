"""The files uploaded to ``/import``, kept between its steps (upload, columns, dry run,
apply): the browser holds only a random id, never a path. Each upload lives in a folder of
the server (``IMPORT_FOLDER``, by default ``imports`` in the app's instance path) as two
files named by that id: the bytes and who uploaded them, for which plan, when. It is found
only by the same user for the same plan within :data:`KEEP_SECONDS`; older ones are removed
whenever a new one is saved. (Several servers behind one address need a shared folder.)"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotFound

#: How long an upload waits for its next step (seconds).
KEEP_SECONDS = 3600
#: The shape of an id (what ``secrets.token_urlsafe(24)`` makes): nothing else is a file name.
ID = re.compile(r"^[A-Za-z0-9_-]{32}$")
MAX_FILENAME_CHARS = 200


@dataclass(frozen=True)
class Upload:
    id: str
    user: str
    plan: str
    collection: str
    filename: str     # as the browser named it: shown, and its extension checked; never a path
    created: float
    path: Path

    def data(self) -> bytes:
        return self.path.read_bytes()


class UploadFolder:
    """Save, find and drop uploads in ``root`` (made on first save, readable by the service
    alone)."""

    def __init__(self, root: str | Path, keep: float = KEEP_SECONDS, clock=None):
        self.root = Path(root)
        self.keep = keep
        self.clock = clock or (lambda: time.time())

    def save(self, data: bytes, *, user: str, plan: str, collection: str,
             filename: str) -> str:
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.sweep()
        uid = secrets.token_urlsafe(24)
        meta = {"user": user, "plan": plan, "collection": collection,
                "filename": str(filename)[:MAX_FILENAME_CHARS], "created": self.clock()}
        _write(self.root / f"{uid}.bin", data)
        _write(self.root / f"{uid}.json", json.dumps(meta).encode("utf-8"))
        return uid

    def find(self, uid: str, *, user: str, plan: str) -> Upload:
        """The upload ``uid`` of ``user`` for ``plan``; NotFound when it is unknown, expired,
        someone else's or another plan's (the same answer: an id reveals nothing)."""
        if not isinstance(uid, str) or not ID.match(uid):
            raise NotFound(key="imports.upload_gone")
        try:
            meta = json.loads((self.root / f"{uid}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise NotFound(key="imports.upload_gone") from None
        if self.clock() - float(meta.get("created", 0)) > self.keep:
            self.drop(uid)
            raise NotFound(key="imports.upload_gone")
        if meta.get("user") != user or meta.get("plan") != plan:
            raise NotFound(key="imports.upload_gone")
        path = self.root / f"{uid}.bin"
        if not path.is_file():
            raise NotFound(key="imports.upload_gone")
        return Upload(uid, meta["user"], meta["plan"], meta.get("collection", ""),
                      meta.get("filename", ""), float(meta["created"]), path)

    def drop(self, uid: str) -> None:
        if ID.match(uid or ""):
            for suffix in (".bin", ".json"):
                (self.root / f"{uid}{suffix}").unlink(missing_ok=True)

    def sweep(self) -> None:
        """Remove the uploads older than ``keep``."""
        now = self.clock()
        for meta in self.root.glob("*.json"):
            uid = meta.stem
            try:
                created = float(json.loads(meta.read_text(encoding="utf-8"))["created"])
            except (OSError, ValueError, KeyError, TypeError):
                created = 0.0
            if now - created > self.keep:
                self.drop(uid)


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
