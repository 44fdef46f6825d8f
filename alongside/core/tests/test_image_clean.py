import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from alongside.core.images import image_clean
from alongside.testing import pictures


def test_it_removes_every_bit_of_metadata_including_gps():
    upload = pictures.jpeg_with_gps()
    assert Image.open(upload).getexif().get(pictures.GPS_IFD)
    clean = Image.open(io.BytesIO(image_clean(upload).read()))
    assert dict(clean.getexif()) == {}
    assert "exif" not in clean.info


def test_it_re_encodes_under_a_random_name():
    clean = image_clean(pictures.png(name="my-real-name.png"))
    assert "my-real-name" not in clean.name
    assert Image.open(io.BytesIO(clean.read())).format in {"JPEG", "PNG"}


@pytest.mark.parametrize(
    ("upload", "code", "words"),
    [
        (pictures.decompression_bomb, "too_many_pixels", "too many pixels"),
        (pictures.png_html_polyglot, "polyglot", "web page code"),
        (pictures.svg, "polyglot", "web page code"),
        (pictures.renamed_pdf, "not_image", "not a JPEG, PNG, WebP or HEIC"),
        (pictures.oversized, "too_large", "the limit is 20"),
    ],
)
def test_it_refuses_hostile_or_oversized_files_with_a_clear_reason(upload, code, words):
    with pytest.raises(ValidationError) as error:
        image_clean(upload())
    assert error.value.code == code
    assert words in error.value.messages[0]
