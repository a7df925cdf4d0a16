"""Template context from geography: whether the page should carry the demo-data banner."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from geography.models import Force, Neighbourhood


def _shows_synthetic_data(user: Any) -> bool:
    """True when the forces whose data USER can see include generated demo data (Force.synthetic).

    Anonymous visitors (the sign-in page) are told whenever this installation holds demo data.
    """
    synthetic = Force.objects.filter(synthetic=True)
    if user is None or not user.is_authenticated:
        return synthetic.exists()
    return synthetic.filter(neighbourhoods__in=Neighbourhood.objects.visible_to(user)).exists()


def synthetic_data(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # A callable: the template calls it once, only on pages that render the banner.
    return {"synthetic_data": lambda: _shows_synthetic_data(user)}
