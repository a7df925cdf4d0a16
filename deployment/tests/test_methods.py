"""Method versioning: a method version is never edited; a new version is the only way to change it."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from deployment.models import ScoringMethod
from deployment.scoring import run_scores
from deployment.services import method_agree, method_agreed, method_new_version

pytestmark = pytest.mark.django_db

IMD = [{"key": "imd", "weight": 1.0, "normalisation": "percentile"}]


def test_a_new_version_numbers_on_and_agreeing_it_retires_the_last(cast):
    first = method_new_version(name="Force method", components=IMD, actor=cast.ana, agree=True)
    second = method_new_version(
        name="Force method", components=[*IMD, {"key": "crime_rate", "weight": 0.5, "normalisation": "zscore"}],
        actor=cast.ana,
    )  # fmt: skip
    assert (first.version, second.version) == (1, 2)
    assert ScoringMethod.objects.get(pk=second.pk).status == "draft"
    method_agree(method=second, actor=cast.ana)
    assert ScoringMethod.objects.get(pk=first.pk).status == "retired"
    assert method_agreed("Force method") == second
    verbs = set(AuditEvent.objects.filter(actor=cast.ana).values_list("verb", flat=True))
    assert verbs == {"deployment.method_versioned", "deployment.method_agreed"}


def test_a_saved_version_cannot_be_changed_in_place(cast):
    method = method_new_version(name="Force method", components=IMD, actor=cast.ana)
    method.components = [{"key": "imd", "weight": 0.5, "normalisation": "percentile"}]
    with pytest.raises(ValidationError):
        method.full_clean()
    with pytest.raises(ValidationError):
        method.save()
    assert ScoringMethod.objects.get(pk=method.pk).components == IMD


@pytest.mark.parametrize(
    ("components", "parameters", "message"),
    [
        ([{"key": "shoe_size", "weight": 1}], {}, "key must be one of"),
        ([{"key": "imd", "weight": 2}], {}, "weight must be a number from 0 to 1"),
        ([{"key": "imd", "weight": 0}], {}, "weight above 0"),
        (IMD, {"vli": {"combine": "max"}}, "vli.combine"),
        (IMD, {"window_months": 0}, "window_months"),
    ],
)
def test_a_bad_method_is_refused_naming_the_field(cast, components, parameters, message):
    with pytest.raises(ValidationError, match=message):
        method_new_version(name="Bad", components=components, parameters=parameters, actor=cast.ana)
    assert not ScoringMethod.objects.filter(name="Bad").exists()


def test_each_run_records_the_version_it_used(scene):
    v1 = method_new_version(name="Force method", components=IMD, actor=None, agree=True)
    run1 = run_scores(method=v1, force=scene.cast.force)
    v2 = method_new_version(
        name="Force method", components=[{"key": "imd", "weight": 1.0, "normalisation": "zscore"}], actor=None
    )
    run2 = run_scores(method=v2, force=scene.cast.force)
    assert (run1.method.version, run2.method.version) == (1, 2)
    assert run2.lsoa_scores.first().components[0]["normalised"] != run1.lsoa_scores.first().components[0]["normalised"]
