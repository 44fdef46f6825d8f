from django.urls import path

from alongside.questions import views

app_name = "questions"
urlpatterns = [
    path("questions/", views.question_list, name="list"),
    path("questions/ask/", views.question_ask, name="ask"),
    path("questions/similar/", views.question_similar, name="similar"),
    path("questions/<int:pk>/", views.question_detail, name="detail"),
    path("questions/<int:pk>/answers/", views.answer_create, name="answer_create"),
    path("questions/<int:pk>/best/", views.best_answer, name="best_answer"),
    path("answers/<int:pk>/helpful/", views.answer_helpful, name="helpful"),
    path("answers/<int:pk>/comments/", views.answer_comment, name="comment_create"),
]
