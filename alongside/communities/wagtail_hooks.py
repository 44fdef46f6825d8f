"""Staff edit communities (name, colours, crisis language and resources) in the Wagtail admin.

A community admin sees and edits only the communities they administer
(`communities_administered_by`); another community's settings answer 404."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from alongside.communities.models import Community
from alongside.communities.selectors import communities_administered_by, forget_host_cache


class _Scoped:
    def get_queryset(self):
        return communities_administered_by(viewer=self.request.user)


class _EditView(_Scoped, snippets.EditView):
    pass


class _DeleteView(_Scoped, snippets.DeleteView):
    pass


class _ScopedObject:
    def get_base_object_queryset(self):
        return communities_administered_by(viewer=self.request.user)


class _HistoryView(_ScopedObject, snippets.HistoryView):
    pass


class _UsageView(_ScopedObject, snippets.UsageView):
    pass


class CommunityViewSet(snippets.SnippetViewSet):
    model = Community
    icon = "site"
    menu_label = _("Communities")
    add_to_admin_menu = True
    list_display = ["name", "slug", "default_language", "member_count"]
    edit_view_class = _EditView
    delete_view_class = _DeleteView
    history_view_class = _HistoryView
    usage_view_class = _UsageView

    def get_queryset(self, request):
        return communities_administered_by(viewer=request.user)


register_snippet(CommunityViewSet)


@hooks.register("after_edit_snippet")
def forget_cached_community(request, instance):
    """Each host's community is cached; an edit must show at once."""
    if isinstance(instance, Community):
        forget_host_cache(instance)
