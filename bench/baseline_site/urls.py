from django.shortcuts import render
from django.urls import path

SECTIONS = [
    (f"栏目{i}", [f"事项{i}-{j}：办事指南、申请材料、办理流程和办理时限" for j in range(6)])
    for i in range(6)
]


def page(request):
    return render(request, "baseline.html", {"title": "基准页面", "sections": SECTIONS})


urlpatterns = [path("", page)]
