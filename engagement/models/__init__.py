"""Engagement's models, one module per part (issue 9).

- ``events``: engagement events and the concerns raised at them (what priorities link to);
- ``registers``: the one contact register and the community groups the profile reads (categories 5 and 8);
- ``surveys``: confidence and satisfaction survey results (category 7);
- ``kin``: the Key Individual Network contact log;
- ``mechanisms``: the audit of existing participation mechanisms that starts the plan;
- ``plan``: the rolling 12-month engagement plan and its gap check.
"""

from engagement.models.events import Concern, EngagementEvent
from engagement.models.kin import KinContact
from engagement.models.mechanisms import ParticipationMechanism
from engagement.models.planned import PlannedEngagement
from engagement.models.registers import CommunityGroup, KeyContact, KinType, RegisterPart
from engagement.models.surveys import CONFIDENCE_QUESTION, HEADLINE_QUESTION, SurveyResult, SurveyRun

REGISTER_MODELS = (KeyContact, SurveyResult, CommunityGroup)

__all__ = [
    "CONFIDENCE_QUESTION",
    "HEADLINE_QUESTION",
    "REGISTER_MODELS",
    "CommunityGroup",
    "Concern",
    "EngagementEvent",
    "KeyContact",
    "KinContact",
    "KinType",
    "ParticipationMechanism",
    "PlannedEngagement",
    "RegisterPart",
    "SurveyResult",
    "SurveyRun",
]
