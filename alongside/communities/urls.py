from django.urls import path
from wagtail.views import serve

from alongside.communities import views

urlpatterns = [
    path("", serve, {"path": ""}, name="home"),
    path("join/", views.join, name="join"),
    path("theme.css", views.theme_css, name="community_theme"),
]
