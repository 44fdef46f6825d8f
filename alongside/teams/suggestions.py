"""What else members share, for "people like you", from apps above teams.

teams knows conditions, roles and regions; apps above it know more that members share
(treatments: who is on the same medicine) and may not be imported from here. Each adds one
source in its AppConfig.ready(). A source is `(viewer, community, excluded: Q, limit)` ->
`{user_id: (user, reason)}`; sources are asked by `order` after conditions and before role
and region, and the first reason found for a member is the one shown.
"""

from collections.abc import Callable

Source = Callable[..., dict]

_sources: list[tuple[int, Source]] = []


def source_add(source: Source, *, order: int) -> None:
    if all(existing is not source for _, existing in _sources):
        _sources.append((order, source))
        _sources.sort(key=lambda item: item[0])


def sources() -> list[Source]:
    return [source for _, source in _sources]
