"""The visit summary as a PDF, made with WeasyPrint. WeasyPrint (and the Pango libraries it
loads) is imported only when a PDF is made, so the site runs without it; the printable page
says why a PDF is not available when it cannot be made."""

from functools import cache

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


@cache
def unavailable_reason() -> str:
    """Empty when PDFs can be made; else a sentence for the member."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return _("A PDF cannot be made on this server (WeasyPrint is not installed).")
    except OSError:
        return _(
            "A PDF cannot be made on this server (the Pango text libraries WeasyPrint needs "
            "are missing)."
        )
    return ""


def summary_pdf(*, request, view) -> bytes:
    import weasyprint

    html = render_to_string("journal/summary_pdf.html", {"view": view}, request=request)
    return weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
