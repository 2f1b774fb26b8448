from django.shortcuts import render
from django.urls import path


def page(request):
    """The cheapest real template page: ~6 KB of mostly literal HTML, two variables."""
    return render(request, "baseline.html", {"title": "基准页面"})


urlpatterns = [path("", page)]
