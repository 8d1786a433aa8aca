"""The uploads /import keeps between its steps (web/import_uploads.py): found only by their
uploader for their plan, within the hour; an id that is not one of ours is never a path."""

from __future__ import annotations

import pytest

from geo_layout.errors import NotFound
from geo_layout.web.import_uploads import KEEP_SECONDS, UploadFolder


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture()
def folder(tmp_path):
    return UploadFolder(tmp_path / "uploads", clock=Clock())


def test_an_upload_is_found_by_its_uploader_for_its_plan(folder):
    uid = folder.save(b"id,name\n", user="ed", plan="p1", collection="parks",
                      filename="../../etc/passwd.csv")
    found = folder.find(uid, user="ed", plan="p1")
    assert found.data() == b"id,name\n" and found.collection == "parks"
    assert found.filename == "../../etc/passwd.csv"  # shown, never a path
    assert found.path.parent == folder.root and found.path.name == f"{uid}.bin"
    assert (found.path.stat().st_mode & 0o777) == 0o600
    for user, plan in (("eve", "p1"), ("ed", "p2")):
        with pytest.raises(NotFound):
            folder.find(uid, user=user, plan=plan)


@pytest.mark.parametrize("uid", ["../../etc/passwd", "A" * 32, "", "a/b", "A" * 31 + "."])
def test_ids_not_ours_are_not_found(folder, uid):
    folder.save(b"x", user="ed", plan="p1", collection="parks", filename="x.csv")
    with pytest.raises(NotFound) as err:
        folder.find(uid, user="ed", plan="p1")
    assert err.value.key == "imports.upload_gone"


def test_uploads_expire_and_are_swept(folder):
    old = folder.save(b"old", user="ed", plan="p1", collection="parks", filename="a.csv")
    folder.clock.now += KEEP_SECONDS + 1
    with pytest.raises(NotFound):
        folder.find(old, user="ed", plan="p1")
    assert not list(folder.root.glob(f"{old}.*"))
    older = folder.save(b"older", user="ed", plan="p1", collection="parks", filename="b.csv")
    folder.clock.now += KEEP_SECONDS + 1
    new = folder.save(b"new", user="ed", plan="p1", collection="parks", filename="c.csv")
    assert sorted(p.stem for p in folder.root.glob("*.bin")) == [new]
    folder.drop(new)
    folder.drop("../x")  # not an id: nothing
    assert not list(folder.root.iterdir()) and older
