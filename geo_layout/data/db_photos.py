"""Photos in the database (``gl_photos``): read one, and set, replace or remove one in the
same write transaction as its revision, so the history has every photo change (who, when,
the source) and the plan's revision number moves on: every page keyed on the data version
is built again and shows the new photo.

A photo's revision names its record with the record's body as both ``before`` and ``after``
(the record is unchanged, so everything that reads revisions as record changes still works);
its action says what happened to the photo (:data:`.photos.PHOTO_ACTIONS`). A deleted
record's photo row is kept: reverting the delete brings the photo back with the record.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from ..errors import Conflict, InvalidParameter, NotFound, PreconditionFailed
from .db_schema import photos, records, revisions
from .photos import PHOTO_COLLECTIONS, REMOVED, REPLACED, SET, ProcessedPhoto, StoredPhoto
from .provenance import Source

#: what a form or a client sends as the expected photo when the record has none
NO_PHOTO = "none"


def _stored(row, with_data: bool) -> StoredPhoto:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.timezone.utc)
    return StoredPhoto(row.collection, row.record_id, row.content_type, row.width, row.height,
                       row.sha256, row.author, at, json.loads(row.source),
                       bytes(row.data) if with_data else b"")


def read(engine, plan_id: str, collection: str, fid: str,
         with_data: bool = False) -> StoredPhoto | None:
    """Record ``fid``'s photo (its bytes too when ``with_data``), or None."""
    if collection not in PHOTO_COLLECTIONS:
        return None
    columns = [c for c in photos.c if with_data or c.name != "data"]
    with engine.connect() as conn:
        row = conn.execute(sa.select(*columns).where(
            photos.c.plan_id == plan_id, photos.c.collection == collection,
            photos.c.record_id == fid)).first()
    return _stored(row, with_data) if row is not None else None


def change(link, collection: str, fid: str, photo: ProcessedPhoto | None, *, expected: str,
           author: str, source: Source, comment: str, now: dt.datetime):
    """Set (``photo``) or remove (None) record ``fid``'s photo on plan ``link``, with its
    revision, in one transaction; the revision and the store after it. ``expected``: the
    sha256 of the photo the editor saw (:data:`NO_PHOTO` for none); PreconditionFailed when
    the record's photo is no longer that one (someone changed it meanwhile)."""
    from .db_store import Revision

    if collection not in PHOTO_COLLECTIONS:
        raise NotFound(key="photo.error.no_photos", collection=collection[:40])
    if not isinstance(expected, str) or not expected:
        raise InvalidParameter(key="photo.error.need_expected")
    plan_id = link.plan_id

    def work(conn, store):
        store.get(collection, fid)  # NotFound naming the record
        row = conn.execute(sa.select(records.c.body, records.c.version).where(
            records.c.plan_id == plan_id, records.c.collection == collection,
            records.c.record_id == fid)).first()
        if row is None:
            raise NotFound(key="error.no_record", collection=collection, id=fid[:80],
                           noun=collection)
        key = (photos.c.plan_id == plan_id, photos.c.collection == collection,
               photos.c.record_id == fid)
        current = conn.execute(sa.select(photos.c.sha256).where(*key)).scalar()
        if expected != (current or NO_PHOTO):
            raise PreconditionFailed(
                f"the photo of {collection}/{fid[:80]} was changed meanwhile (it is now "
                f"{'none' if current is None else current[:12]}): reload and choose again",
                current_version=current or NO_PHOTO)
        if photo is None:
            if current is None:
                raise Conflict(key="photo.error.none_to_remove")
            conn.execute(photos.delete().where(*key))
            action = REMOVED
        else:
            values = dict(content_type=photo.content_type, data=photo.data,
                          width=photo.width, height=photo.height, sha256=photo.sha256,
                          author=author, at=now, source=source.to_json())
            if current is None:
                conn.execute(photos.insert().values(plan_id=plan_id, collection=collection,
                                                    record_id=fid, **values))
                action = SET
            else:
                conn.execute(photos.update().where(*key).values(**values))
                action = REPLACED
        seq = conn.execute(revisions.insert().values(
            plan_id=plan_id, collection=collection, record_id=fid, action=action,
            before=row.body, after=row.body, version=row.version, author=author, at=now,
            source=source.to_json(), comment=comment, reverts=None, batch=None)
        ).inserted_primary_key[0]
        body = json.loads(row.body)
        revision = Revision(seq, plan_id, collection, fid, action, body, body, row.version,
                            author, now, source.as_dict(), comment, None, None)
        return [(revision, None)]

    revs, new = link._transaction(work)
    return revs[0], new
