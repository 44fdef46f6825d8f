from django.utils import timezone

from alongside.newsletter.models import Subscriber

DEMO_READERS = ("reader1", "reader2", "reader3")


def demo_subscribers_step(*, communities, stdout) -> None:
    """A few confirmed readers per community (addresses at the demo's reserved domain)."""
    for community in communities:
        for name in DEMO_READERS:
            Subscriber.objects.get_or_create(
                community=community,
                email=f"{name}@{community.slug}.readers.demo.alongside.localhost",
                defaults={"confirmed_at": timezone.now()},
            )
    stdout.write(f"Newsletter: {len(DEMO_READERS)} demo subscribers per community")
