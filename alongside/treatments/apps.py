from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "alongside.treatments"
    label = "treatments"
