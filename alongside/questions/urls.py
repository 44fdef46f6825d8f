from django.urls import path

from alongside.questions import views

app_name = "questions"
urlpatterns = [
    path("questions/<int:pk>/", views.question_detail, name="detail"),
]
