from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "alongside.teams"
    label = "teams"

    def ready(self) -> None:
        from alongside.core import privacy
        from alongside.teams import privacy as teams_privacy

        privacy.register(
            privacy.Contributor(
                name="teams", export=teams_privacy.export, erase=teams_privacy.erase
            )
        )
