"""The staff console groups that follow a member's staff role in a community (Membership.
staff_role). Their rights are set in alongside.articles.roles; the names live here, below
every app that gives or reads the roles."""

MODERATORS = "Moderators"
COMMUNITY_ADMINS = "Community admins"
