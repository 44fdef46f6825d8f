from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "alongside.treatments"
    label = "treatments"

    def ready(self) -> None:
        from alongside.core import privacy
        from alongside.teams import suggestions
        from alongside.treatments import privacy as treatments_privacy
        from alongside.treatments import services
        from alongside.treatments.selectors import people_on_your_treatments

        privacy.register(
            privacy.Contributor(
                name="treatments",
                export=treatments_privacy.export,
                erase=services.member_treatments_erase,
            )
        )
        suggestions.source_add(people_on_your_treatments, order=20)
        _figure_provider_register()
        _consent_follow()
        _condition_check_register()
        _review_setup_follow(self)
        _live_knowledge_follow()


def _consent_follow() -> None:
    """A member who stops (or starts) counting in figures changes every insight they feed."""
    from alongside.accounts.signals import figures_consent_changed
    from alongside.treatments.services import insights_refresh_for_member

    figures_consent_changed.connect(
        lambda sender, user, **kwargs: insights_refresh_for_member(user=user),
        weak=False,
        dispatch_uid="treatments-consent",
    )


def _figure_provider_register() -> None:
    """The article "community figure" block counts members taking a treatment."""
    from alongside.articles import figures
    from alongside.treatments.selectors import treatment_member_count

    figures.register(
        "treatment",
        lambda community, slug: treatment_member_count(community=community, treatment_slug=slug),
    )


def _condition_check_register() -> None:
    """Adding a condition warns, before saving, about clashes with the member's treatments."""
    from alongside.accounts.condition_checks import register
    from alongside.treatments.selectors import condition_clashes_for

    register(find=condition_clashes_for, template="treatments/includes/clashes.html")


def _review_setup_follow(config) -> None:
    """The review groups and workflow come back after every migrate or flush."""
    from django.apps import apps as installed
    from django.db.models.signals import post_migrate

    from alongside.treatments.roles import knowledge_review_ensure

    # migrate passes its (historical) registry; flush sends none: the installed apps then.
    def ensure(sender, apps=installed, **kwargs) -> None:
        try:  # a partial migrate (one app) leaves the groups' tables out of its registry
            for model in ("auth.Group", "wagtailcore.Workflow", "treatments.Treatment"):
                apps.get_model(model)
        except LookupError:
            return
        knowledge_review_ensure(apps)

    post_migrate.connect(
        ensure,
        sender=config,
        weak=False,
        dispatch_uid="treatments-review-setup",
    )


def _live_knowledge_follow() -> None:
    """The clash check's cached knowledge base is forgotten when the staff console publishes,
    unpublishes or deletes a row (the services forget it themselves)."""
    from django.db.models.signals import post_delete
    from wagtail.signals import published, unpublished

    from alongside.treatments.clashes import live_knowledge_forget
    from alongside.treatments.models import Contraindication, Interaction, Source, Treatment

    for model in (Source, Treatment, Interaction, Contraindication):
        for name, signal in (("pub", published), ("unpub", unpublished), ("del", post_delete)):
            signal.connect(
                lambda sender, **kwargs: live_knowledge_forget(),
                sender=model,
                weak=False,
                dispatch_uid=f"treatments-live-{name}-{model.__name__}",
            )
