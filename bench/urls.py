"""The portal's URLs plus /bench/baseline: a view that answers a constant JSON through
the same middleware, server and settings. Whatever a page costs above it is the page's
own work; the ratio to it is the figure the benchmark reports."""

from django.http import JsonResponse
from django.urls import path

from yhteisokeskus.urls import handler404
from yhteisokeskus.urls import urlpatterns as portal_urlpatterns

BASELINE = {"status": "ok", "service": "yhteisokeskus"}


def baseline(request):
    return JsonResponse(BASELINE)


urlpatterns = [path("bench/baseline", baseline, name="bench_baseline"), *portal_urlpatterns]

__all__ = ["handler404", "urlpatterns"]
