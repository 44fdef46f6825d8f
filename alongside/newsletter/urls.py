from django.urls import path

from alongside.newsletter import views

app_name = "newsletter"
urlpatterns = [
    path("newsletter/", views.subscribe, name="subscribe"),
    path("newsletter/thanks/", views.thanks, name="thanks"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<uuid:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/preferences/<uuid:token>/", views.preferences, name="preferences"),
]
