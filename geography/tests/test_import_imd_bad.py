"""Bad IoD files: a clear message naming file, line and column, and nothing written unless told to skip."""

from pathlib import Path

import pytest

from core.imports import ImportFailed
from geography.importers.imd import import_imd
from geography.models import LSOA, DeprivationRecord
from tests.factories import LSOAFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
RANK = "Index of Multiple Deprivation (IMD) Rank"


@pytest.fixture
def existing():
    """An LSOA already stored, so 'nothing changed' is a real count, not an empty table."""
    return LSOAFactory(code="E01099999", vintage=2011)


def refused(path, **kwargs):
    with pytest.raises(ImportFailed) as caught:
        import_imd(path if isinstance(path, Path) else CORPUS / path, **kwargs)
    assert LSOA.objects.count() == 1
    assert not DeprivationRecord.objects.exists()
    return caught.value


def test_it_rejects_a_non_numeric_rank(existing):
    error = refused("imd_non_numeric_rank.csv")
    assert error.path.endswith("imd_non_numeric_rank.csv")
    assert (error.line, error.column) == (4, RANK)
    assert "non-numeric rank" in str(error)
    assert "12a45" in str(error)


def test_it_rejects_a_malformed_lsoa_code(existing):
    error = refused("imd_malformed_code.csv")
    assert (error.line, error.column) == (4, "LSOA code (2011)")
    assert "E1099903" in str(error)


def test_it_rejects_a_decile_outside_1_to_10(existing):
    error = refused("imd_decile_out_of_range.csv")
    assert (error.line, error.column) == (4, "Index of Multiple Deprivation (IMD) Decile")


def test_it_rejects_a_short_row(existing):
    error = refused("imd_short_row.csv")
    assert error.line == 4
    assert "expected 6 values, found 5" in str(error)


def test_it_lists_what_it_expected_for_an_unknown_header(existing):
    error = refused("imd_wrong_header.csv")
    assert (error.line, error.column) == (1, "code")
    assert "unrecognised header" in str(error)
    assert "LSOA code (2011)" in str(error)
    assert "lsoa11_code" in str(error)


def test_it_names_the_csv_column_holding_a_wrongly_encoded_byte(existing):
    error = refused("imd_latin1.csv")
    assert (error.line, error.column) == (4, "LSOA name (2011)")
    assert "not UTF-8" in str(error)


def test_it_reports_a_truncated_gzip_file(existing):
    error = refused("imd_truncated.csv.gz")
    assert "truncated or corrupt" in str(error)
    assert error.line
    assert error.line > 1


def test_it_refuses_an_edition_that_does_not_match_the_codes(existing, shared_data):
    error = refused(shared_data / "iod" / "imd2025_england_lsoa21.csv.gz", edition=2019)
    assert (error.line, error.column) == (1, "lsoa21_code")
    assert "IoD2025" in str(error)


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "column"),
    [("wimd2019_wales_lsoa11.csv.gz", "Housing_decile"), ("File_9_-_IoD2019_Transformed_Scores.csv.gz", None)],
)
def test_it_refuses_files_that_are_not_english_iod(existing, shared_data, name, column):
    error = refused(shared_data / "iod" / name)
    assert error.line == 1
    assert "unrecognised column" in str(error)
    if column:
        assert column in str(error)


def test_it_imports_the_valid_rows_when_told_to_skip_invalid(existing):
    report = import_imd(CORPUS / "imd_non_numeric_rank.csv", skip_invalid=True)
    assert (report.read, report.imported, report.rejected_total) == (3, 2, 1)
    assert report.rejected == {"non-numeric rank": 1}
    assert any("line 4" in error for error in report.errors)
    assert DeprivationRecord.objects.get(lsoa__code="E01099901").rank == 12345
    assert DeprivationRecord.objects.count() == 2
