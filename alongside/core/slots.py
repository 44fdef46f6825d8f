"""Places on a page where a higher app may add something, without the page's app importing it.

A content app's template says `{% slot "treatment_page" treatment=t %}`; an app that wants to
appear there registers `render(context, **kwargs) -> str` in its AppConfig.ready(). A slot no
app fills renders nothing, so the page works whatever is installed.
"""

from collections.abc import Callable

_slots: dict[str, list[Callable]] = {}


def register(name: str, render: Callable) -> None:
    renders = _slots.setdefault(name, [])
    if render not in renders:
        renders.append(render)


def render(name: str, context, **kwargs) -> str:
    return "".join(fill(context, **kwargs) for fill in _slots.get(name, []))
