"""The pages the benchmark visits. `needs` names a target found by manage.py bench_fixtures;
a page whose target is missing (its app has no data or no route yet) is "not available"."""

# Measured on every run, whatever --only names: the pages the others are read against.
DIAGNOSIS = ("ceiling", "ceiling_member", "layout_member")

PAGES = [
    {"name": "ceiling", "label": "Ceiling (minimal view)", "path": "/bench/ceiling/"},
    {
        "name": "ceiling_member",
        "label": "Ceiling, signed in (diagnosis)",
        "path": "/bench/ceiling/member/",
        "member": True,
    },
    {
        "name": "layout_member",
        "label": "Layout, signed in (diagnosis)",
        "path": "/bench/layout/member/",
        "member": True,
    },
    {"name": "home", "label": "Home", "path": "/"},
    {"name": "member_home", "label": "Home (a member's)", "path": "/", "member": True},
    {"name": "library", "label": "Library", "path": "/resources/"},
    {"name": "article", "label": "Article (anonymous)", "path": "{article}", "needs": "article"},
    {"name": "questions", "label": "Question list", "path": "/questions/", "member": True},
    {
        "name": "question",
        "label": "A question",
        "path": "/questions/{question}/",
        "needs": "question",
        "member": True,
    },
    {"name": "feed", "label": "Feed: Everyone", "path": "/feed/", "member": True},
    {"name": "feed_team", "label": "Feed: My team", "path": "/feed/?tab=team", "member": True},
    {
        "name": "profile",
        "label": "A member's profile",
        "path": "/members/{profile}/",
        "needs": "profile",
        "member": True,
    },
    {
        "name": "treatment",
        "label": "A treatment",
        "path": "/treatments/{treatment}/",
        "needs": "treatment",
        "member": True,
    },
    {"name": "search", "label": "Search", "path": "/search/?q=fatigue", "member": True},
    {
        "name": "checker",
        "label": "Interaction checker",
        "path": "/treatments/check/?{checker}",
        "needs": "checker",
        "member": True,
    },
    {
        "name": "journal",
        "label": "My journal (today)",
        "path": "/journal/{journal}/",
        "needs": "journal",
        "member": True,
        "journal": True,
    },
    {
        "name": "journal_trends",
        "label": "Journal trends (a year)",
        "path": "/journal/{journal}/trends/?days=365",
        "needs": "journal",
        "member": True,
        "journal": True,
    },
    {
        "name": "journal_summary",
        "label": "Visit summary",
        "path": "/journal/{journal}/summaries/{journal_summary}/",
        "needs": "journal",
        "member": True,
        "journal": True,
    },
    {
        "name": "post_update",
        "label": "Write: post an update",
        "path": "/feed/new/",
        "body": "body=Short+walk+today+and+a+long+rest+after.+Small+wins.&audience=members",
        "member": True,
        "write": True,
    },
    {
        "name": "comment",
        "label": "Write: comment",
        "path": "/updates/{update}/comments/",
        "body": "body=Sending+you+a+hug%2C+rest+up.",
        "needs": "update",
        "member": True,
        "write": True,
    },
    {
        "name": "hug",
        "label": "Write: hug",
        "path": "/updates/{update}/react/hug/",
        "needs": "update",
        "member": True,
        "write": True,
    },
]
for _page in PAGES:
    _page.setdefault("member", False)
    _page.setdefault("write", False)
    # Journal pages are the owner's own: they run with the journal keeper's session only.
    _page.setdefault("journal", False)


def page_plan(page: dict, targets: dict) -> dict | None:
    """The request to make for a page, or None when its target does not exist."""
    needs = page.get("needs")
    if needs and needs not in targets:
        return None
    path = page["path"].format(**targets) if needs else page["path"]
    method = "POST" if page["write"] else "GET"
    return {"method": method, "path": path, "body": page.get("body", "")}
