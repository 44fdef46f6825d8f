from django.urls import include, path

from alongside.articles import feeds, views

article_patterns = [
    path("articles/<int:pk>/guest/", views.guest_start, name="guest_start"),
    path("articles/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("articles/comments/<int:pk>/picture/", views.comment_picture, name="comment_picture"),
    path("articles/guest/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("articles/feed/", feeds.ArticleFeed(), name="feed"),
]

# `resources` is a top-level name: the site header links it on every community.
urlpatterns = [
    path("resources/", views.resources, name="resources"),
    path("", include((article_patterns, "articles"))),
]
