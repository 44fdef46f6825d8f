import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from alongside.articles import views as article_views
from alongside.core import views as core_views
from alongside.ops import views as ops_views
from config.api import api

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("metrics", ops_views.metrics, name="metrics"),
    path("display/", core_views.display_preferences, name="display_preferences"),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("", include("alongside.accounts.urls")),
    path("", include("alongside.home.urls")),
    path("", include("alongside.communities.urls")),
    path("", include("alongside.articles.urls")),
    path("", include("alongside.newsletter.urls")),
    path("", include("alongside.conversations.urls")),
    path("", include("alongside.teams.urls")),
    path("", include("alongside.questions.urls")),
    path("", include("alongside.inbox.urls")),
    path("", include("alongside.notifications.urls")),
    path("", include("alongside.moderation.urls")),
    path("", include("alongside.treatments.urls")),
    path("", include("alongside.journal.urls")),
    path("", include("alongside.search.urls")),
    path("api/v1/", api.urls),
    # Anything else under api/ (a missing or extra slash included) is the API's JSON 404.
    re_path(r"^api/", core_views.api_not_found),
    path("admin/", include(wagtailadmin_urls)),
]

if settings.BENCH_CEILING_VIEW:
    urlpatterns += [
        path("bench/ceiling/", core_views.bench_ceiling, name="bench_ceiling"),
        path("bench/ceiling/member/", ops_views.bench_ceiling_member, name="bench_ceiling_member"),
        path("bench/layout/member/", ops_views.bench_layout_member, name="bench_layout_member"),
    ]


def media_urlpatterns() -> list:
    """Development serves uploaded media itself (never private/: see core.views.media_serve)."""
    if urlsplit(settings.MEDIA_URL).netloc:
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", core_views.media_serve)]


if settings.DEBUG:
    urlpatterns += media_urlpatterns()

urlpatterns += [
    path("sitemap.xml", sitemap, name="sitemap"),
    # Articles take the short path to Wagtail's serve (fewer queries); all else is unchanged.
    path("<slug:library>/<slug:slug>/", article_views.article_serve),
    path("", include(wagtail_urls)),
]

handler400 = "alongside.core.views.bad_request"
handler404 = "alongside.core.views.page_not_found"
handler500 = "alongside.core.views.server_error"
