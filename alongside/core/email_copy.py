"""Every email in the site's own voice: HTML with a plain-text part, naming the community,
links on the community's address as the member saw it (core.addresses)."""

from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string, select_template


def email_compose(
    *,
    subject: str,
    to: list[str],
    template: str,
    context: dict,
    community=None,
    base_url: str = "",
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    """`template`.txt is the plain text; `template`.html the HTML (extending
    emails/layout.html), or, when an email has none, the text set in that layout."""
    context = {
        **context,
        "subject": subject,
        "community": community,
        "base_url": base_url.rstrip("/"),
        "base_url_display": base_url.split("://", 1)[-1].rstrip("/"),
    }
    text = render_to_string(f"{template}.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, headers=headers or {})
    message.attach_alternative(_html(template, {**context, "text": text}), "text/html")
    return message


def _html(template: str, context: dict) -> str:
    try:
        chosen = select_template([f"{template}.html"])
    except TemplateDoesNotExist:
        return render_to_string("emails/layout.html", context)
    return chosen.render(context)
