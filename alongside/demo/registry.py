"""Demo steps contributed by other apps (articles, network, treatments), run in order."""

from collections.abc import Callable

_steps: list[tuple[int, Callable]] = []


def register(step: Callable, *, order: int = 100) -> None:
    """`step(communities=[...], stdout=...)` must be idempotent: the demo can load twice."""
    if all(existing is not step for _, existing in _steps):
        _steps.append((order, step))


def demo_steps() -> list[Callable]:
    return [step for _, step in sorted(_steps, key=lambda item: item[0])]
