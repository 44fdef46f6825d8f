from django.urls import path

from alongside.teams import views

app_name = "teams"
urlpatterns = [
    path("team/", views.team, name="team"),
    path("team/add/<uuid:public_id>/", views.request_send, name="request_send"),
    path("team/requests/<int:pk>/<slug:action>/", views.request_answer, name="request_answer"),
    path("team/remove/<uuid:public_id>/", views.member_remove, name="member_remove"),
    path("team/block/<uuid:public_id>/", views.block, name="block"),
    path("team/unblock/<uuid:public_id>/", views.unblock, name="unblock"),
]
