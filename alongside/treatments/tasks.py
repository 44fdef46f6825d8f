"""Insight refreshes. Idempotent: each recomputes one summary row from the reports."""

from django_tasks import task

from alongside.communities.models import Community
from alongside.treatments.models import Treatment
from alongside.treatments.services import insight_refresh


@task()
def refresh_treatment_insight(community_id: int, treatment_id: int) -> None:
    community = Community.objects.filter(pk=community_id).first()
    treatment = Treatment.objects.filter(pk=treatment_id).first()
    if community is not None and treatment is not None:
        insight_refresh(community=community, treatment=treatment)
