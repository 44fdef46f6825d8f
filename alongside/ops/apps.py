from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What operators watch: health and Prometheus metrics. It reads every app's figures, so
    it sits above them all (core stays a base that imports no app)."""

    name = "alongside.ops"
    label = "ops"
