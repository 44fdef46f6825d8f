from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "alongside.treatments"
    label = "treatments"

    def ready(self) -> None:
        from alongside.core import privacy
        from alongside.demo.registry import register
        from alongside.treatments import demo
        from alongside.treatments import privacy as treatments_privacy

        privacy.register(
            privacy.Contributor(
                name="treatments",
                export=treatments_privacy.export,
                erase=treatments_privacy.erase,
            )
        )
        register(demo.treatments_demo, order=10)
        _figure_provider_register()


def _figure_provider_register() -> None:
    """The article "community figure" block counts members taking a treatment."""
    from alongside.articles import figures
    from alongside.treatments.selectors import treatment_member_count

    figures.register(
        "treatment",
        lambda community, slug: treatment_member_count(community=community, treatment_slug=slug),
    )
