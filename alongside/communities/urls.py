from django.urls import path
from wagtail.views import serve

from alongside.communities import views

urlpatterns = [
    path("", serve, {"path": ""}, name="home"),
    path("theme.css", views.theme_css, name="community_theme"),
]
