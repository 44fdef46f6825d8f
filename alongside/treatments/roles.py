"""The knowledge base's staff groups and its medical review workflow.

Pharmacists and clinical editors add and change treatments, interactions, contraindications and
sources in the staff console; a change goes live only when a member of Medical reviewers (the
group articles use) approves it.

`knowledge_review_ensure` takes an app registry: the data migration runs it on historical models,
and it runs again after every migrate or flush (post_migrate), so a database emptied by a
transactional test or a restore keeps its groups and workflow.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Pharmacist / clinical editor"
REVIEWERS = "Medical reviewers"
MODELS = ("source", "treatment", "interaction", "contraindication")


def knowledge_review_ensure(apps) -> None:
    """Create (or complete) the editors' and reviewers' groups and the review workflow."""
    app = apps.get_app_config("treatments")
    if not getattr(
        app, "models_module", None
    ):  # a migration's registry has no models module; permissions need one
        app.models_module = True
    create_permissions(app, apps=apps, verbosity=0)
    _publish_permissions_ensure(apps)
    group_model = apps.get_model("auth", "Group")
    editors = group_model.objects.get_or_create(name=EDITORS)[0]
    reviewers = group_model.objects.get_or_create(name=REVIEWERS)[0]
    _grant(apps, editors, ("add", "change"))
    _grant(apps, reviewers, ("add", "change", "publish"))
    _workflow_ensure(apps, reviewers)


def _publish_permissions_ensure(apps) -> None:
    """Wagtail adds "publish" for draftable snippets after migrating; the groups need it now."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        kind = content_type.objects.get_or_create(app_label="treatments", model=model)[0]
        permission.objects.get_or_create(
            content_type=kind,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )


def _grant(apps, group, actions) -> None:
    permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in MODELS for action in actions]
    wanted = permission.objects.filter(content_type__app_label="treatments", codename__in=codenames)
    access = permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(*wanted, *access)


def _workflow_ensure(apps, reviewers) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = task_model.objects.filter(name="Medical review of treatment facts").first()
    if task is None:
        task = task_model.objects.create(
            name="Medical review of treatment facts",
            content_type=content_type.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
    task.groups.add(reviewers)
    workflow = apps.get_model("wagtailcore", "Workflow").objects.get_or_create(
        name="Treatment knowledge base review"
    )[0]
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for model in MODELS:
        kind = content_type.objects.get_or_create(app_label="treatments", model=model)[0]
        apps.get_model("wagtailcore", "WorkflowContentType").objects.update_or_create(
            content_type=kind, defaults={"workflow": workflow}
        )
