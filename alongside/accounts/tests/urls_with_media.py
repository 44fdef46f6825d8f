"""The site's URLs as development serves them, media included (tests run with DEBUG off)."""

from config.urls import media_urlpatterns
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = media_urlpatterns() + site_urlpatterns
