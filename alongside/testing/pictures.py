"""Pictures for tests: good ones, ones with GPS metadata, and hostile ones."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps(name: str = "holiday.jpg", size=(64, 48)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS_IFD] = {1: "N", 2: (54.0, 30.0, 0.0), 3: "W", 4: (3.0, 10.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name: str = "picture.png", size=(32, 32)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 110, 140)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def decompression_bomb(name: str = "bomb.png") -> SimpleUploadedFile:
    """A tiny PNG whose header claims 20,000 x 20,000 pixels (400 MP)."""
    width = height = 20_000
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    raw = zlib.compress(b"\x00" * (width // 8 + 1) * 16)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, data, content_type="image/png")


def png_html_polyglot(name: str = "innocent.png") -> SimpleUploadedFile:
    picture = png().read()
    payload = b"<html><body><script>alert(document.cookie)</script></body></html>"
    return SimpleUploadedFile(name, picture + payload, content_type="image/png")


def svg(name: str = "drawing.svg") -> SimpleUploadedFile:
    data = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return SimpleUploadedFile(name, data, content_type="image/svg+xml")


def renamed_pdf(name: str = "scan.jpg") -> SimpleUploadedFile:
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def oversized(name: str = "huge.jpg", megabytes: int = 21) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\xff\xd8\xff" + b"0" * megabytes * 1024 * 1024)
