"""The staff console's user pages, scoped to the person using them.

Wagtail lets anyone with the user rights edit every account, make it an administrator and give
it any group. A community admin manages only the staff of the communities they administer
(`users_managed_by`; anyone else answers 404) and gives no role here: the desk groups follow
`Membership.staff_role`, given and taken on each community's moderation team page, which logs
the change and tells the member. A group ticked here alone would open no desk, so their edit
form has no roles at all, only a link to the team page. Superusers keep Wagtail's pages as
they are.

Only superusers add accounts here: an account a community admin created would belong to no
community, so it would not appear in their list. Community admins appoint members who
already joined, on the moderation team page of each community (`/moderation/team/`).
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views.generic.models import CopyView
from wagtail.users.views import users

from alongside.articles.selectors import teams_of_managed, users_managed_by
from alongside.communities.selectors import communities_administered_by


class _Scoped:
    def get_queryset(self):
        return users_managed_by(viewer=self.request.user)


class _LimitedForm:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for name in ("first_name", "last_name"):  # the User model has neither
            form.fields.pop(name, None)
        if not self.request.user.is_superuser:  # roles follow the team page (see above)
            for name in ("is_superuser", "groups"):
                form.fields.pop(name, None)
        return form


class _IndexView(users.IndexView):
    def get_base_queryset(self):
        managed = users_managed_by(viewer=self.request.user).values("pk")
        return super().get_base_queryset().filter(pk__in=managed)

    def get_add_url(self):
        return super().get_add_url() if self.request.user.is_superuser else None

    def get_copy_url(self, instance):
        return super().get_copy_url(instance) if self.request.user.is_superuser else None


class _SuperusersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return _add_refused(request)
        return super().dispatch(request, *args, **kwargs)


class _CreateView(_SuperusersOnly, _LimitedForm, users.CreateView):
    pass


class _CopyView(_SuperusersOnly, CopyView):
    """ "Copy" makes a new account from another's: adding, so superusers only too."""


def _add_refused(request) -> TemplateResponse:
    """Where a community admin adds someone to the staff instead: each team page."""
    teams = _team_links(communities_administered_by(viewer=request.user))
    context = {"teams": teams, "page_title": "", "header_title": ""}
    return TemplateResponse(request, "wagtailusers/staff/add_refused.html", context, status=403)


def _team_links(communities) -> list[tuple[str, str]]:
    return [
        (community.name, community.site.root_url + reverse("moderation:team"))
        for community in communities.select_related("site")
    ]


class _EditView(_Scoped, _LimitedForm, users.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.user.is_superuser:
            managed = teams_of_managed(viewer=self.request.user, user=self.object)
            context["roles_on_teams"] = _team_links(managed)
        return context


class _DeleteView(_Scoped, users.DeleteView):
    pass


class _HistoryView(users.HistoryView):
    def get_base_object_queryset(self):
        return users_managed_by(viewer=self.request.user)


class StaffUserViewSet(users.UserViewSet):
    create_template_name = "wagtailusers/staff/create.html"
    edit_template_name = "wagtailusers/staff/edit.html"
    index_view_class = _IndexView
    add_view_class = _CreateView
    copy_view_class = _CopyView
    edit_view_class = _EditView
    delete_view_class = _DeleteView
    history_view_class = _HistoryView
