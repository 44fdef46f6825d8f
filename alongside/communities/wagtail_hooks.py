"""Staff edit communities (name, colours, crisis language and resources) in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alongside.communities.models import Community
from alongside.communities.selectors import forget_host_cache


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "site"
    menu_label = _("Communities")
    add_to_admin_menu = True
    list_display = ["name", "slug", "default_language", "member_count"]


register_snippet(CommunityViewSet)


@hooks.register("after_edit_snippet")
def forget_cached_community(request, instance):
    """Each host's community is cached; an edit must show at once."""
    if isinstance(instance, Community):
        forget_host_cache(instance)
