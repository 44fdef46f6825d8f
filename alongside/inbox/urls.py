from django.urls import path

from alongside.inbox import views

app_name = "inbox"
urlpatterns = [
    path("messages/", views.inbox_list, name="list"),
    path("messages/with/<uuid:public_id>/", views.start, name="start"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/mute/", views.mute, name="mute"),
]
