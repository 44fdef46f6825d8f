from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "alongside.newsletter"
    label = "newsletter"

    def ready(self):
        from alongside.demo.registry import register
        from alongside.newsletter.demo import demo_subscribers_step

        register(demo_subscribers_step, order=45)
