"""Who may do what with queries: role groups carry the permissions (migration 0002), these rules judge the object.

- Read a query (``view_query``): police read their force's; a partner reads only the queries passed to their
  organisation (``Query.objects.visible_to`` cuts that by tier), and never the sender's details.
- Work a query (``change_query``: acknowledge, reply, reassign, link, close): officers their own
  neighbourhoods', sergeants and analysts their team's (the same write scope as profiles).
- The sender's contact details (``view_query_sender``): police only.
- Named officers (``view_namedofficer``/``change_namedofficer``, asked with the *neighbourhood* as the object):
  police read the list of any neighbourhood they can read; sergeants keep their team's (the edit scope).
- Measures, oversight (escalations, neighbourhoods without a named officer) and erasure: capabilities only.
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from core.users import is_signed_in
from geography.rules import is_editable_neighbourhood, is_readable_neighbourhood
from queries.models import Query

VIEW = "queries.view_query"
CHANGE = "queries.change_query"
VIEW_SENDER = "queries.view_query_sender"
VIEW_MEASURES = "queries.view_query_measures"
VIEW_OVERSIGHT = "queries.view_query_oversight"
ERASE = "queries.erase_query"
VIEW_OFFICERS = "queries.view_namedofficer"
CHANGE_OFFICERS = "queries.change_namedofficer"


@rules.predicate
def is_visible_query(user: Any, query: Any) -> bool:
    if query is None or not is_signed_in(user):
        return False
    return Query.objects.visible_to(user).filter(pk=query.pk).exists()


@rules.predicate
def is_workable_query(user: Any, query: Any) -> bool:
    if query is None:
        return False
    return bool(is_editable_neighbourhood(user, query.neighbourhood))


@rules.predicate
def is_readable_query_area(user: Any, query: Any) -> bool:
    return query is not None and bool(is_readable_neighbourhood(user, query.neighbourhood))


rules.add_perm(VIEW, model_perm(VIEW) & is_visible_query)
rules.add_perm(CHANGE, model_perm(CHANGE) & is_workable_query)
rules.add_perm(VIEW_SENDER, model_perm(VIEW_SENDER) & is_readable_query_area)
# Named officers: the object is the neighbourhood whose list it is.
rules.add_perm(VIEW_OFFICERS, model_perm(VIEW_OFFICERS) & is_readable_neighbourhood)
rules.add_perm(CHANGE_OFFICERS, model_perm(CHANGE_OFFICERS) & is_editable_neighbourhood)
