from django.shortcuts import render

from alongside.search.selectors import search_for


def results(request):
    found = search_for(
        viewer=request.user, community=request.community, query=request.GET.get("q", "")
    )
    return render(request, "search/results.html", {"results": found})
