"""Places on a page where a higher app may add something, without the page's app importing it.

A content app's template says `{% slot "treatment_page" treatment=t %}`; an app that wants to
appear there registers `render(context, **kwargs) -> str` in its AppConfig.ready(). A slot no
app fills renders nothing, so the page works whatever is installed.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

_slots: dict[str, list[Callable]] = {}


def register(name: str, render: Callable) -> None:
    renders = _slots.setdefault(name, [])
    if render not in renders:
        renders.append(render)


def render(name: str, context, **kwargs) -> str:
    return "".join(fill(context, **kwargs) for fill in _slots.get(name, []))


def render_here(context, template_name: str, values: dict) -> SafeString:
    """A slot's template rendered inside the page's own context, as `{% include %}` does: the
    context processors ran once for the page and are not run again for each fragment (with
    `render_to_string(request=...)` each of the 20 answers of a question page ran all of them,
    a cache read for the membership included)."""
    template = context.template.engine.get_template(template_name)
    with context.push(values):
        return template.render(context)
