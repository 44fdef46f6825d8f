"""The staff roles, explicit and minimal. Each group gets exactly these rights, nothing more:
Wagtail's own default groups ("Editors", "Moderators") start with page rights on the root page,
which would let a moderator publish an article, so every right not listed here is taken away.

`staff_roles_apply` takes an app registry so the data migration can run it on historical models.
"""

from alongside.communities.staff import COMMUNITY_ADMINS, MODERATORS

EDITORS = "Editors"
REVIEWERS = "Medical reviewers"

_ADMIN = ("wagtailadmin", "access_admin")
_QUOTES = tuple(("articles", f"{verb}_memberquote") for verb in ("add", "change", "delete", "view"))
_COMMUNITY = (("communities", "change_community"), ("communities", "view_community"))
_USERS = tuple(("accounts", f"{verb}_user") for verb in ("add", "change", "view"))

# Rights everywhere, rights on each library's pages, rights on the root picture collection.
ROLES = {
    # Drafts and submits articles and people pages; never publishes.
    EDITORS: {"global": (_ADMIN, *_QUOTES), "library": ("add_page", "change_page")},
    # Reviews, approves (which publishes) or sends back. The workflow opens the editor to them
    # while an article waits for review; without "change" they cannot delete or move pages
    # (Wagtail lets change + publish do both).
    REVIEWERS: {"global": (_ADMIN,), "library": ("publish_page",)},
    # The moderation desk only: it is on the site and follows the community role; no rights here.
    MODERATORS: {"global": (), "library": ()},
    # The community's settings and its staff accounts (the team itself: /moderation/team/).
    COMMUNITY_ADMINS: {"global": (_ADMIN, *_COMMUNITY, *_USERS), "library": ()},
}
_PICTURES = {EDITORS: ("add_image", "choose_image")}


def staff_roles_apply(apps) -> None:
    """Set every staff group to exactly its role's rights on this install."""
    group_model = apps.get_model("auth", "Group")
    libraries = list(apps.get_model("articles", "ResourcesPage").objects.all())
    for name, rights in ROLES.items():
        group = group_model.objects.get_or_create(name=name)[0]
        group.permissions.set(_permissions(apps, rights["global"]))
        _pages_set(apps, group, libraries, rights["library"])
        _pictures_set(apps, group, _PICTURES.get(name, ()))


def _permissions(apps, pairs) -> list:
    permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        row = permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if row is not None:  # a permission appears once its app's migrations ran
            found.append(row)
    return found


def _pages_set(apps, group, libraries, codenames) -> None:
    rights = apps.get_model("wagtailcore", "GroupPagePermission")
    rights.objects.filter(group=group).delete()
    for permission in _permissions(apps, [("wagtailcore", code) for code in codenames]):
        for library in libraries:
            rights.objects.create(group=group, page_id=library.pk, permission=permission)


def _pictures_set(apps, group, codenames) -> None:
    rights = apps.get_model("wagtailcore", "GroupCollectionPermission")
    rights.objects.filter(group=group).delete()
    root = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    for permission in _permissions(apps, [("wagtailimages", code) for code in codenames]):
        if root is not None:
            rights.objects.create(group=group, collection=root, permission=permission)
