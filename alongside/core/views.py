import posixpath

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.static import serve

from alongside.core.context_processors import TEXT_SIZES, THEMES
from alongside.core.errors import current_error, error_response

_YEAR = 365 * 24 * 3600


@require_POST
def display_preferences(request):
    """Text size and theme, kept in cookies so they work without JavaScript or an account."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    size, theme = request.POST.get("text_size"), request.POST.get("theme")
    if size in TEXT_SIZES:
        response.set_cookie("text_size", size, max_age=_YEAR, samesite="Lax")
    if theme in THEMES:
        response.set_cookie("theme", theme, max_age=_YEAR, samesite="Lax")
    return response


def media_serve(request, path: str):
    """Development only: uploaded media, never the private folder (members' pictures are
    served by views that check the viewer)."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised == "private" or normalised.startswith("private/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    """A request the site cannot read: JSON for API clients, the site's page for people."""
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    """No such page; an API client gets the API's own JSON shape, never an HTML page."""
    if _is_api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", status=404)


@csrf_exempt
def api_not_found(request):
    """No API route here, whatever the method: the API's JSON 404 (never a redirect that would
    drop a posted body)."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def server_error(request):
    """No context processors and no query: the database may be what failed (core.errors)."""
    return error_response(request=request, error=current_error())


_CEILING = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Ceiling</title></head>"
    "<body><main><h1>Ceiling</h1><p>The smallest page this stack can serve.</p></main>"
    "</body></html>"
)


def bench_ceiling(request):
    """The benchmark's ceiling: a tiny page through the full middleware stack, no queries."""
    return HttpResponse(_CEILING)
