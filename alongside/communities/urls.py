from django.urls import path

from alongside.communities import views

urlpatterns = [
    path("theme.css", views.theme_css, name="community_theme"),
]
