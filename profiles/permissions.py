"""Who may do what with a profile: role groups carry the model permissions, these ``rules`` judge the object.

Views ask ``user.has_perm(name, neighbourhood)`` with one of the names below (the object is the neighbourhood
the profile belongs to; a profile may not exist yet). Without an object, ``has_perm(name)`` answers "may this
role ever do it" from the groups, which is what navigation and pages ask before showing a link.

- Read (``view_neighbourhoodprofile``): the neighbourhood is in the reader's scope; what they see is then cut by
  tier (``accounts.tiers.max_tier``).
- Edit (``change_neighbourhoodprofile``): officers their own neighbourhoods, sergeants and analysts their team's
  (issue 3 "Editing in the browser").
- Review sign-off (``add_profilereview``): a sergeant or analyst who may edit it (issue 3; guide 2256–2258:
  ownership is joint between the team and local intelligence staff).
- History, as-at and compare (``view_historicalneighbourhoodprofile``): police roles only (they show
  police-tier snapshots).
"""

from __future__ import annotations

import rules

from accounts.tiers import READ_POLICE_TIER
from core.permissions import model_perm
from geography.rules import is_editable_neighbourhood, is_readable_neighbourhood

VIEW = "profiles.view_neighbourhoodprofile"
CHANGE = "profiles.change_neighbourhoodprofile"
SIGN_OFF_REVIEW = "profiles.add_profilereview"
VIEW_HISTORY = "profiles.view_historicalneighbourhoodprofile"

can_read_profile = model_perm(VIEW) & is_readable_neighbourhood
can_edit_profile = model_perm(CHANGE) & is_editable_neighbourhood
can_sign_off_review = model_perm(SIGN_OFF_REVIEW) & is_editable_neighbourhood
can_read_history = model_perm(VIEW_HISTORY) & is_readable_neighbourhood
# Police-only parts of a page (completeness, last review): the reader's tier, not their role's name.
is_police = model_perm(READ_POLICE_TIER)

rules.add_perm(VIEW, can_read_profile)
rules.add_perm(CHANGE, can_edit_profile)
rules.add_perm(SIGN_OFF_REVIEW, can_sign_off_review)
rules.add_perm(VIEW_HISTORY, can_read_history)
