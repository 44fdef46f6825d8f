from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from alongside.articles.models import ArticlePage, Guest
from alongside.articles.services import guest_link_token


@task()
def guest_confirmation_send(guest_id: int, article_id: int) -> None:
    """Email the confirmation link; a repeat run within a minute sends nothing."""
    if not cache.add(f"guest-mail:{guest_id}:{article_id}", 1, 60):
        return
    guest = Guest.objects.filter(pk=guest_id).first()
    article = ArticlePage.objects.filter(pk=article_id).first()
    if guest is None or article is None:
        return
    token = guest_link_token(guest=guest, article_id=article.pk)
    link = article.get_site().root_url + reverse("articles:guest_confirm", args=[token])
    context = {"guest": guest, "article": article, "link": link}
    message = EmailMultiAlternatives(
        subject=f"Confirm your email to join the conversation on {article.title}"[:150],
        body=render_to_string("articles/email/guest_confirm.txt", context),
        to=[guest.email],
    )
    message.attach_alternative(
        render_to_string("articles/email/guest_confirm.html", context), "text/html"
    )
    message.send()
