from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "alongside.questions"
    label = "questions"
