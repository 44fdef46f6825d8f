import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image

from alongside.conversations.forms import UpdateForm
from alongside.conversations.models import UpdatePicture
from alongside.conversations.services import picture_prepare, update_create
from alongside.conversations.tests.helpers import jpeg_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def _bomb_png() -> bytes:
    """A tiny PNG file that claims 100 megapixels (a decompression bomb)."""
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    return out.getvalue()


def test_exif_gps_is_gone_after_upload(community, make_trusted):
    original = jpeg_bytes(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    update = update_create(
        author=make_trusted(),
        community=community,
        pictures=[picture_prepare(upload=upload(original), alt_text="Garden")],
    )
    picture = UpdatePicture.objects.get(update=update)
    for field in (picture.image, picture.feed_image):
        stored = field.open("rb").read()
        field.close()
        exif = Image.open(io.BytesIO(stored)).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert b"PhoneMaker" not in stored and b"Exif" not in stored


def test_a_decompression_bomb_is_refused():
    bomb = _bomb_png()
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError, match="too many pixels"):
        picture_prepare(upload=upload(bomb, "bomb.png", "image/png"))


def test_a_png_html_polyglot_is_refused():
    polyglot = png_bytes() + b"<html><script>alert(document.cookie)</script></html>"
    with pytest.raises(ValidationError, match="not a plain picture"):
        picture_prepare(upload=upload(polyglot, "cat.png", "image/png"))


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError):
        picture_prepare(upload=upload(svg, "drawing.jpg", "image/jpeg"))


def test_a_pdf_renamed_as_a_photo_is_refused():
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n" + zlib.compress(b"x" * 100)
    with pytest.raises(ValidationError, match="not a JPEG, PNG, WebP or HEIC"):
        picture_prepare(upload=upload(pdf, "holiday.jpg", "image/jpeg"))


def test_the_form_puts_a_refused_picture_on_its_field_and_keeps_the_text(community):
    pdf = upload(b"%PDF-1.4 not a picture", "photo.jpg")
    form = UpdateForm({"body": "My words", "audience": "members"}, {"picture_1": pdf})
    assert not form.is_valid()
    assert "not a JPEG" in form.errors["picture_1"][0]
    assert "My words" in str(form["body"])


def test_pictures_are_stored_under_unguessable_private_names(community, make_trusted):
    update = update_create(
        author=make_trusted(),
        community=community,
        pictures=[picture_prepare(upload=upload(jpeg_bytes(), "my-house.jpg"))],
    )
    picture = update.pictures.get()
    assert "my-house" not in picture.image.name
    assert len(picture.image.name.split("/")[-1].split(".")[0]) == 32
    assert "/private/" in picture.image.path


def test_a_large_picture_gets_a_feed_rendition(community, make_trusted):
    big = upload(jpeg_bytes(size=(2000, 1500)))
    update = update_create(
        author=make_trusted(), community=community, pictures=[picture_prepare(upload=big)]
    )
    picture = update.pictures.get()
    assert (picture.width, picture.feed_width, picture.feed_height) == (2000, 800, 600)
