from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"

    def ready(self) -> None:
        from alongside.accounts import services
        from alongside.core import privacy

        privacy.register(
            privacy.Contributor(
                name="profile", export=services.profile_export, erase=services.profile_erase
            )
        )
