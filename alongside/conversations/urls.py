from django.urls import path

from alongside.conversations import views

app_name = "conversations"
urlpatterns = [
    path("feed/", views.feed, name="feed"),
    path("feed/new/", views.update_create, name="update_create"),
    path("feed/draft/", views.draft_save, name="draft_save"),
    path("updates/<int:pk>/", views.update_detail, name="update"),
    path("updates/<int:pk>/edit/", views.update_edit, name="update_edit"),
    path("updates/<int:pk>/delete/", views.update_delete, name="update_delete"),
    path("updates/<int:pk>/react/<slug:kind>/", views.react, name="react"),
    path("updates/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path(
        "updates/<int:pk>/pictures/<int:picture_pk>/<str:size>/",
        views.picture,
        name="picture",
    ),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/quoting/", views.comment_quote_consent, name="comment_quote_consent"),
]
