"""Engagement's models, one module per part (issue 9).

- ``events``: engagement events and the concerns raised at them (what priorities link to);
- ``registers``: the one contact register and the community groups the profile reads (categories 5 and 8);
- ``kin``: the Key Individual Network, strategic and tactical;
- ``surveys``: confidence and satisfaction surveys (category 7) and priority votes;
- ``plan``: the rolling 12-month engagement plan and its gap check.
"""

from engagement.models.events import Concern, EngagementEvent

__all__ = ["Concern", "EngagementEvent"]
