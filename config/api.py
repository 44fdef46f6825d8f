"""The JSON API, documented at /api/v1/docs. Each app adds its own ninja Router."""

from alongside.accounts.api import members_router
from alongside.accounts.api import router as accounts_router
from alongside.articles.api import router as articles_router
from alongside.communities.api import router as communities_router
from alongside.conversations.api import router as conversations_router
from alongside.core.api import AlongsideAPI, StorableJSONParser
from alongside.core.api_auth import member_auth
from alongside.inbox.api import router as inbox_router
from alongside.journal.api import router as journal_router
from alongside.moderation.api import router as moderation_router
from alongside.newsletter.api import router as newsletter_router
from alongside.notifications.api import router as notifications_router
from alongside.questions.api import router as questions_router
from alongside.search.api import router as search_router
from alongside.teams.api import router as teams_router
from alongside.treatments.api import router as treatments_router
from config.api_guide import API_GUIDE

# A headless session token (apps) or the session cookie with CSRF (browsers) by default;
# routes that are public say auth=None.
api = AlongsideAPI(
    title="Alongside API",
    version="1",
    urls_namespace="api",
    auth=member_auth,
    description=API_GUIDE,
    parser=StorableJSONParser(),
)
api.add_router("/community", communities_router)
api.add_router("/community", members_router)
api.add_router("/me", accounts_router)
api.add_router("/articles", articles_router)
api.add_router("/updates", conversations_router)
api.add_router("/teams", teams_router)
api.add_router("/questions", questions_router)
api.add_router("/messages", inbox_router)
api.add_router("/notifications", notifications_router)
api.add_router("/moderation", moderation_router)
api.add_router("/treatments", treatments_router)
api.add_router("/journal", journal_router)
api.add_router("/search", search_router)
api.add_router("/newsletter", newsletter_router)
