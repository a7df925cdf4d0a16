from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def index(request: HttpRequest) -> HttpResponse:
    # Not built yet: the feature issue for this app fills it in (README, "What is not built").
    return render(request, "engagement/index.html", {"title": "Engagement"})
