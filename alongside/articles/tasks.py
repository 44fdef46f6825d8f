from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.articles.models import ArticlePage, Guest
from alongside.articles.services import guest_link_token
from alongside.communities.models import Community
from alongside.core.addresses import absolute, base_url_for
from alongside.core.email_copy import email_compose
from alongside.core.mail import email_queue_message


@task()
def guest_confirmation_send(
    guest_id: int, article_id: int, community_id: int, base_url: str, dedupe_key: str
) -> None:
    """Queue the confirmation link; a rerun, or a repeat within the key's window, sends once.
    `base_url` is the address the guest read the site at, captured when the email was queued."""
    guest = Guest.objects.filter(pk=guest_id).first()
    article = ArticlePage.objects.filter(pk=article_id).first()
    community = Community.objects.select_related("site").filter(pk=community_id).first()
    if guest is None or article is None or community is None:
        return
    base_url = base_url or base_url_for(community)
    token = guest_link_token(guest=guest, article_id=article.pk)
    link = absolute(base_url, reverse("articles:guest_confirm", args=[token]))
    message = email_compose(
        subject=_("Confirm your email to join the conversation on %(community)s")
        % {"community": community.name},
        to=[guest.email],
        template="articles/email/guest_confirm",
        context={"guest": guest, "article": article, "link": link},
        community=community,
        base_url=base_url,
    )
    email_queue_message(message=message, dedupe_key=dedupe_key)
