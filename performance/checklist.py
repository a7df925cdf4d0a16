"""The self-assessment template: the guide's "Assessing your BCU or team" questions, by theme (issue 15).

RAG scale (guide 22442–22446): Red "does not meet majority of 'looking fors'"; Amber "meets majority of 'looking
fors', but some serious omissions"; Green "meets virtually all 'looking fors' and no serious omissions". Each theme
ends with comments and an overall theme rating (e.g. 22656–22658). The integration checklist (guide 1602–1636) is
its own theme. ``measures`` names the registry indicators shown beside a question to inform the rating (never to
set it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Theme(models.TextChoices):
    ACCESS = "access", "Access"
    INFLUENCE = "influence", "Influence"
    INTERVENTIONS = "interventions", "Interventions"
    ANSWERS = "answers", "Answers"
    INTEGRATION = "integration", "Integration"


@dataclass(frozen=True)
class Question:
    key: str
    theme: Theme
    text: str
    guide: str
    measures: tuple[str, ...] = ()


QUESTIONS: list[Question] = [
    Question(
        "access_promotion",
        Theme.ACCESS,
        "How are names, contact details and the team's work promoted?",
        "guide 22448–22458",
        ("named_officer",),
    ),
    Question(
        "access_up_to_date",
        Theme.ACCESS,
        "How is the information kept up to date (at least monthly)?",
        "guide 22460–22461",
        ("priorities_up_to_date",),
    ),
    Question(
        "access_continuity",
        Theme.ACCESS,
        "Is there a continuity policy, with suitable recruits and few vacancies?",
        "guide 22480–22495",
    ),
    Question("access_abstraction", Theme.ACCESS, "How often are you and the team abstracted?", "guide 22497–22510"),
    Question(
        "access_meetings",
        Theme.ACCESS,
        "Are there regular public meetings to agree priorities?",
        "guide 22512–22531",
        ("beat_meetings", "events_held"),
    ),
    Question(
        "access_monthly_updates",
        Theme.ACCESS,
        "Are there monthly updates on progress to the public?",
        "guide 22533–22541",
        ("you_said_we_did",),
    ),
    Question(
        "access_profiles",
        Theme.ACCESS,
        "Is the neighbourhood profile up to date and used to drive the work?",
        "guide 22555–22598",
        ("profile_review",),
    ),
    Question(
        "access_new_communities",
        Theme.ACCESS,
        "Are new, emerging and hard to reach communities identified and captured in the profile?",
        "guide 22602–22617",
    ),
    Question(
        "influence_engagement_plan",
        Theme.INFLUENCE,
        "Are there local engagement plans, informed by the profile and partners?",
        "guide 22661–22690",
        ("engagement_reach",),
    ),
    Question(
        "influence_contacts",
        Theme.INFLUENCE,
        "Are community contacts and groups identified and recorded?",
        "guide 22703–22725",
    ),
    Question(
        "influence_reality_checks",
        Theme.INFLUENCE,
        "Do supervisors reality-check what the team reports?",
        "guide 22772–22781",
    ),
    Question(
        "influence_identified",
        Theme.INFLUENCE,
        "How are priorities identified, and by whom?",
        "guide 22789–22799",
        ("priorities_by_public",),
    ),
    Question(
        "influence_effectiveness",
        Theme.INFLUENCE,
        "How is the effectiveness of engagement assessed?",
        "guide 22804–22815",
        ("engagement_reach",),
    ),
    Question(
        "influence_setting",
        Theme.INFLUENCE,
        "Are priorities set at regular, representative public meetings (3 to 5 priorities)?",
        "guide 22880–22945",
        ("priorities_by_public",),
    ),
    Question(
        "interventions_groups",
        Theme.INTERVENTIONS,
        "Are there joint problem-solving groups with the right people in them?",
        "guide 22979–23038",
    ),
    Question(
        "interventions_plans",
        Theme.INTERVENTIONS,
        "Are there action plans with clear ownership for all identified priorities?",
        "guide 23058–23094",
        ("plans_approved", "actions_on_time"),
    ),
    Question(
        "interventions_nim",
        Theme.INTERVENTIONS,
        "Do priorities feed the local tasking and co-ordinating process?",
        "guide 23098–23120",
    ),
    Question(
        "interventions_review",
        Theme.INTERVENTIONS,
        "Are priorities reviewed at least every 3 months, jointly with the priority setting forum?",
        "guide 23147–23160",
        ("priorities_up_to_date", "plans_reviewed"),
    ),
    Question(
        "answers_resolution",
        Theme.ANSWERS,
        "Who decides that a priority is resolved?",
        "guide 23198–23209",
        ("impact_results",),
    ),
    Question(
        "answers_feedback",
        Theme.ANSWERS,
        "Through which channels is feedback given to the public?",
        "guide 23213–23226",
        ("you_said_we_did", "queries_72h"),
    ),
    Question(
        "answers_joint_comms",
        Theme.ANSWERS,
        "Is there a joint communications plan with partners, and evidence it works?",
        "guide 23231–23240",
        ("crime_trend", "asb_trend"),
    ),
    Question(
        "integration_call_handlers",
        Theme.INTEGRATION,
        "Do call handlers and response officers know the vulnerable neighbourhoods and the priorities?",
        "guide 1602–1636",
    ),
    Question(
        "integration_intelligence",
        Theme.INTEGRATION,
        "Is community intelligence recognised and used, and do briefings reflect community concerns?",
        "guide 1602–1636",
    ),
    Question(
        "integration_allocation",
        Theme.INTEGRATION,
        "Do allocation policies and investigators use local priorities and knowledge?",
        "guide 1602–1636",
    ),
    Question(
        "integration_outcomes",
        Theme.INTEGRATION,
        "Are confidence and satisfaction treated as performance outcomes?",
        "guide 1602–1636",
    ),
]

BY_KEY = {question.key: question for question in QUESTIONS}


def by_theme() -> list[tuple[Theme, list[Question]]]:
    return [(theme, [q for q in QUESTIONS if q.theme == theme]) for theme in Theme]
