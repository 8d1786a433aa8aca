"""Photos made safe (data/photos.py): only JPEG/PNG/WebP by content, at most 5 MB and a pixel
cap, turned upright, every piece of metadata (EXIF with GPS, XMP, PNG text, ICC) gone, shrunk
and re-encoded; and stored as revisions in both databases (data/db_photos.py)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from geo_layout.data import photos
from geo_layout.data.db_store import Database
from geo_layout.data.provenance import parse_source
from geo_layout.errors import (Conflict, NotFound, PhotoRefused, PhotoTooLarge,
                               PreconditionFailed, ReadOnly)

PARK = "guandu-digital-economy-industrial-park"
VISIT = parse_source("visit: photo taken on the 2026-11 visit")


def halves(size=(200, 100), left=(220, 30, 30), right=(30, 30, 220), mode="RGB"):
    """An image whose left half is red and right half blue (so a rotation shows)."""
    image = Image.new(mode, size, right if mode == "RGB" else right + (255,))
    image.paste(left if mode == "RGB" else left + (255,), (0, 0, size[0] // 2, size[1]))
    return image


def jpeg_with_gps(orientation=6) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N",
                                  ExifTags.GPS.GPSLatitude: (25.0, 2.0, 30.0),
                                  ExifTags.GPS.GPSLongitudeRef: "E",
                                  ExifTags.GPS.GPSLongitude: (102.0, 45.0, 10.0)}
    out = io.BytesIO()
    halves().save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def no_metadata(data: bytes) -> None:
    """The stored bytes carry no EXIF, XMP, ICC or comment segment at all."""
    for marker in (b"Exif", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"SecretCam",
                   b"secret"):
        assert marker not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "icc_profile" not in image.info and "exif" not in image.info
        assert "xmp" not in image.info and "comment" not in image.info


def red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 150 and g < 90 and b < 90


def blue(pixel) -> bool:
    r, g, b = pixel[:3]
    return b > 150 and r < 90 and g < 90


def test_a_jpeg_with_gps_exif_is_turned_upright_and_stored_without_any_metadata():
    raw = jpeg_with_gps()
    with Image.open(io.BytesIO(raw)) as given:  # the test's photo does carry GPS
        assert given.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    photo = photos.process(raw)
    no_metadata(photo.data)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 100, 200)
    with Image.open(io.BytesIO(photo.data)) as stored:
        stored = stored.convert("RGB")
        assert stored.size == (100, 200)
        # orientation 6 (turn 90° clockwise): the left (red) half is now on top
        assert red(stored.getpixel((50, 20))) and blue(stored.getpixel((50, 180)))
    import hashlib
    assert photo.sha256 == hashlib.sha256(photo.data).hexdigest()


def test_a_png_loses_its_text_chunks_and_transparency_goes_on_white():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret GPS 25.04 102.75")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    image = halves(mode="RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 20, 20))  # a transparent corner
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    assert b"secret" in out.getvalue()
    photo = photos.process(out.getvalue())
    no_metadata(photo.data)
    with Image.open(io.BytesIO(photo.data)) as stored:
        assert stored.size == (200, 100)
        assert min(stored.convert("RGB").getpixel((5, 5))) > 240  # white, not black


def test_a_webp_is_taken_and_re_encoded():
    out = io.BytesIO()
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    halves().save(out, "WEBP", exif=exif, quality=90)
    photo = photos.process(out.getvalue())
    no_metadata(photo.data)
    assert (photo.width, photo.height) == (200, 100)


def test_an_icc_profile_is_applied_then_dropped():
    out = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    halves().save(out, "JPEG", icc_profile=profile)
    assert b"ICC_PROFILE" in out.getvalue()
    no_metadata(photos.process(out.getvalue()).data)


def test_a_big_photo_is_shrunk_to_the_longest_edge():
    out = io.BytesIO()
    halves((4000, 3000)).save(out, "JPEG", quality=70)
    photo = photos.process(out.getvalue())
    assert (photo.width, photo.height) == (1600, 1200)


def test_a_jpg_that_is_really_a_zip_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff" + b"x" * 100)
    with pytest.raises(PhotoRefused) as refused:
        photos.process(out.getvalue())
    assert refused.value.status == 400 and refused.value.code == "bad-photo"
    assert "JPEG, PNG or WebP" in refused.value.description


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    out = io.BytesIO()
    halves().save(out, fmt)
    with pytest.raises(PhotoRefused):
        photos.process(out.getvalue())


def test_text_and_svg_are_refused():
    for data in (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                 b"just text"):
        with pytest.raises(PhotoRefused):
            photos.process(data)


def test_nothing_is_refused():
    with pytest.raises(PhotoRefused) as refused:
        photos.process(b"")
    assert refused.value.status == 400


def test_more_than_5_mb_is_refused():
    data = jpeg_with_gps() + b"\0" * (5 * 1024 * 1024)
    with pytest.raises(PhotoTooLarge) as refused:
        photos.process(data)
    assert refused.value.status == 413 and "5 MB" in refused.value.description


def png_header(width: int, height: int) -> bytes:
    """A small PNG that declares ``width`` x ``height`` pixels (a decompression bomb's
    shape: tiny on disk, huge once decoded)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 16, 9)  # 16 rows; the rest never comes
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows)
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("size", [(30_000, 30_000), (10_000, 7_000), (6_000, 5_000)])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(size):
    bomb = png_header(*size)
    assert len(bomb) < 100_000
    with pytest.raises(PhotoTooLarge) as refused:
        photos.process(bomb)
    assert refused.value.status == 413 and "megapixels" in refused.value.description


def test_a_jpeg_may_have_more_pixels_than_a_png_it_is_decoded_at_a_reduced_scale():
    out = io.BytesIO()
    Image.new("RGB", (6_000, 5_000), (90, 140, 80)).save(out, "JPEG", quality=50)
    photo = photos.process(out.getvalue())  # 30 megapixels: refused as a PNG, taken here
    assert (photo.width, photo.height) == (1600, 1333)


def test_a_damaged_photo_is_refused():
    data = jpeg_with_gps()
    with pytest.raises(PhotoRefused) as refused:
        photos.process(data[: len(data) // 2])
    assert refused.value.status == 400 and "damaged" in refused.value.description


def test_mangled_photos_are_taken_or_refused_never_an_unexpected_error():
    import random

    out_png, out_webp = io.BytesIO(), io.BytesIO()
    halves().save(out_png, "PNG")
    halves().save(out_webp, "WEBP")
    rng = random.Random(16)
    for original in (jpeg_with_gps(), out_png.getvalue(), out_webp.getvalue()):
        for _ in range(60):
            data = bytearray(original)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data[: rng.randint(8, len(data))])
            try:
                photo = photos.process(data)
            except PhotoRefused:
                continue
            no_metadata(photo.data)


# --- in the database --------------------------------------------------------------------------

@pytest.fixture()
def store(any_db_url):
    database = Database(any_db_url)
    return database.link(database.plan_ids()[0]).load()


def test_a_photo_is_stored_as_a_revision_and_moves_the_data_version(store):
    photo = photos.process(jpeg_with_gps())
    assert store.photo("parks", PARK) is None
    change = store.set_photo("parks", PARK, photo, expected="none", author="ed",
                             source=VISIT, comment="the gate")
    rev, new = change.revision, change.store
    assert (rev.action, rev.author, rev.source, rev.comment) == (
        "photo-set", "ed", VISIT.as_dict(), "the gate")
    assert rev.before == rev.after == store.stored("parks", PARK)
    assert new.version != store.version and new.revision == rev.seq
    assert new.record_version("parks", PARK) == 1  # the record itself is unchanged
    stored = new.photo("parks", PARK, with_data=True)
    assert (stored.sha256, stored.width, stored.height, stored.content_type) == (
        photo.sha256, 100, 200, "image/jpeg")
    assert stored.data == photo.data and stored.author == "ed"
    assert stored.source == VISIT.as_dict()
    assert new.photo("parks", PARK).data == b""
    no_metadata(stored.data)
    [latest] = new.history("parks", PARK)
    assert latest.seq == rev.seq and latest.action == "photo-set"


def test_replace_and_remove_check_the_photo_the_editor_saw(store):
    first = photos.process(jpeg_with_gps())
    out = io.BytesIO()
    halves((300, 200)).save(out, "PNG")
    second = photos.process(out.getvalue())
    new = store.set_photo("parks", PARK, first, expected="none", author="ed",
                          source=VISIT).store
    with pytest.raises(PreconditionFailed) as stale:  # a form opened before the first photo
        new.set_photo("parks", PARK, second, expected="none", author="bo", source=VISIT)
    assert stale.value.status == 412 and stale.value.current_version == first.sha256
    new = new.set_photo("parks", PARK, second, expected=first.sha256, author="bo",
                        source=VISIT).store
    assert new.photo("parks", PARK).sha256 == second.sha256
    with pytest.raises(PreconditionFailed):
        new.set_photo("parks", PARK, None, expected=first.sha256, author="ed", source=VISIT)
    new = new.set_photo("parks", PARK, None, expected=second.sha256, author="ed",
                        source=VISIT).store
    assert new.photo("parks", PARK) is None
    with pytest.raises(Conflict):
        new.set_photo("parks", PARK, None, expected="none", author="ed", source=VISIT)
    assert [r.action for r in new.history("parks", PARK)] == [
        "photo-removed", "photo-replaced", "photo-set"]


def test_a_photo_revision_is_not_reverted_and_does_not_hide_the_record_edit(store):
    body = dict(store.stored("parks", PARK), precision="site", lon=102.75, lat=25.02,
                location_source="survey 2026-11")
    edit = store.replace("parks", PARK, body, expected=1, author="ed", source=VISIT)
    new = edit.store.set_photo("parks", PARK, photos.process(jpeg_with_gps()),
                               expected="none", author="ed", source=VISIT)
    with pytest.raises(Conflict) as refused:
        new.store.revert(new.revision.seq, author="ed", source=VISIT)
    assert "photo" in refused.value.description
    # the record edit before it is still its latest change, and can be undone
    back = new.store.revert(edit.revision.seq, author="ed", source=VISIT).store
    assert back.stored("parks", PARK)["precision"] == "county"
    assert back.photo("parks", PARK) is not None


def test_another_server_sees_the_photo_change(any_db_url, store):
    other = Database(any_db_url)
    theirs = other.link(store.plan().id).load()
    change = store.set_photo("parks", PARK, photos.process(jpeg_with_gps()),
                             expected="none", author="ed", source=VISIT)
    caught_up = other.link(store.plan().id).refresh()
    assert caught_up.revision == change.revision.seq and caught_up.version != theirs.version
    assert caught_up.photo("parks", PARK).sha256 == change.store.photo("parks", PARK).sha256


def test_unknown_records_and_collections_have_no_photo(store):
    photo = photos.process(jpeg_with_gps())
    with pytest.raises(NotFound):
        store.set_photo("parks", "no-such-park", photo, expected="none", author="ed",
                        source=VISIT)
    with pytest.raises(NotFound):
        store.set_photo("enterprises", "x", photo, expected="none", author="ed",
                        source=VISIT)
    assert store.photo("enterprises", "x") is None


def test_a_seeds_folder_has_no_photos_and_takes_none():
    from geo_layout.data.store import open_store

    seeds = open_store()
    assert seeds.photo("parks", PARK) is None
    with pytest.raises(ReadOnly):
        seeds.set_photo("parks", PARK, None, expected="none", author="ed", source=VISIT)
