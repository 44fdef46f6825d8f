from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from alongside.communities.selectors import membership_for
from alongside.core.views import bench_ceiling
from alongside.ops.metrics import metrics_access_allowed, metrics_exposition
from alongside.ops.readiness import readiness_report


@never_cache
def healthz(request):
    """Liveness: this process answers. It asks no dependency, so a database or Redis outage
    that every node shares never takes a node out of the load balancer (see the README)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness of each dependency, with its latency: for alerting, not for routing."""
    ready, checks = readiness_report()
    return JsonResponse(
        {"status": "ok" if ready else "degraded", "checks": checks}, status=200 if ready else 503
    )


@never_cache
def metrics(request):
    """Prometheus metrics for operators; anyone else finds nothing here (a plain 404)."""
    if not metrics_access_allowed(request=request):
        raise Http404
    body, content_type = metrics_exposition(accept=request.headers.get("Accept"))
    return HttpResponse(body, content_type=content_type)


def bench_ceiling_member(request):
    """The benchmark's signed-in ceiling: the ceiling's tiny page, after loading what every
    member page loads first (the session, the member and their membership here), so framework
    and sign-in overhead are seen apart from each page's own work."""
    if request.user.is_authenticated:
        membership_for(user=request.user, community=request.community)
    return bench_ceiling(request)


def bench_layout_member(request):
    """The benchmark's signed-in layout: the page frame every member page shows (header with
    its counts, notices, footer) around no content, so the frame's cost is seen apart from
    each page's own."""
    if request.user.is_authenticated:
        membership_for(user=request.user, community=request.community)
    return render(request, "base.html", {})
