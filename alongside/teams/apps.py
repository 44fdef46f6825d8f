from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "alongside.teams"
    label = "teams"

    def ready(self) -> None:
        from alongside.accounts.relations import Relations, relations_provide
        from alongside.core import privacy
        from alongside.teams import privacy as teams_privacy
        from alongside.teams import services
        from alongside.teams.selectors import are_teammates, has_blocked

        relations_provide(Relations(are_teammates=are_teammates, has_blocked=has_blocked))

        privacy.register(
            privacy.Contributor(
                name="teams", export=teams_privacy.export, erase=services.member_team_erase
            )
        )
