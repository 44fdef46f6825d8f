from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from alongside.ops.metrics import metrics_access_allowed, metrics_exposition


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def metrics(request):
    """Prometheus metrics for operators; anyone else finds nothing here (a plain 404)."""
    if not metrics_access_allowed(request=request):
        raise Http404
    body, content_type = metrics_exposition(accept=request.headers.get("Accept"))
    return HttpResponse(body, content_type=content_type)
