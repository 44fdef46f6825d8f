from django.urls import path

from alongside.moderation import views

app_name = "moderation"
urlpatterns = [
    path("moderation/", views.queue, name="queue"),
    path("moderation/act/", views.act, name="act"),
    path("moderation/log/", views.log, name="log"),
    path("moderation/guests/", views.guests, name="guests"),
    path("moderation/team/", views.team, name="team"),
    path("report/<slug:kind>/<str:ref>/", views.report, name="report"),
    path("support/", views.support, name="support"),
]
