"""The JSON API, documented at /api/v1/docs. Each app adds its own ninja Router."""

from ninja import NinjaAPI
from ninja.security import django_auth

from alongside.accounts.api import router as accounts_router
from alongside.communities.api import router as communities_router

api = NinjaAPI(
    title="Alongside API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
)
api.add_router("/community", communities_router)
api.add_router("/me", accounts_router)
