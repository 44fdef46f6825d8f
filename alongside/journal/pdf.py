"""The visit summary as a PDF, made with WeasyPrint. WeasyPrint (and the Pango libraries it
loads) is imported only when a PDF is made, so the site runs without it; the printable page
says why a PDF is not available, found without importing it."""

import ctypes.util
import importlib.util
from functools import cache

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


@cache
def unavailable_reason() -> str:
    """Empty when PDFs can be made; else a sentence for the member."""
    if importlib.util.find_spec("weasyprint") is None:
        return _("A PDF cannot be made on this server (WeasyPrint is not installed).")
    if not (ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0")):
        return _(
            "A PDF cannot be made on this server (the Pango text libraries WeasyPrint needs "
            "are missing)."
        )
    return ""


def summary_pdf(*, request, view) -> bytes:
    import weasyprint

    html = render_to_string("journal/summary_pdf.html", {"view": view}, request=request)
    return weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
