"""The community's crisis response, shown at once when a questionnaire answer signals a risk
of self-harm (PHQ-9 item 9 above zero): the same resources per community and language that
crisis screening of posts shows."""

from alongside.moderation.crisis import resources_for


def crisis_resources_for(*, community) -> str:
    return resources_for(community=community)
