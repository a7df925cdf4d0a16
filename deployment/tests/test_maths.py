"""The score arithmetic on small columns worked out by hand (no database)."""

import pytest

from deployment import maths


def test_percentile_is_the_mid_rank_share_and_keeps_missing_missing():
    # Sorted 1, 2, 2, 5: below/equal counts give 12.5, 50, 50, 87.5.
    assert maths.percentile({"a": 5.0, "b": 2.0, "c": 1.0, "d": 2.0, "e": None}) == {
        "a": 87.5,
        "b": 50.0,
        "c": 12.5,
        "d": 50.0,
        "e": None,
    }


def test_zscore_uses_the_population_standard_deviation():
    # Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2.
    values = dict(enumerate([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]))
    z = maths.zscore(values)
    assert z[0] == pytest.approx(-1.5)
    assert z[7] == pytest.approx(2.0)
    assert maths.zscore({"x": 3.0, "y": 3.0}) == {"x": 0.0, "y": 0.0}


def test_composite_weights_the_normalised_values_and_a_missing_input_leaves_no_score():
    imd = {"a": 10.0, "b": 20.0, "c": 30.0, "d": 40.0}
    crime = {"a": 4.0, "b": 3.0, "c": 2.0, "d": None}
    vli = {"a": None, "b": None, "c": None, "d": None}  # weight 0: shown, never counted
    scores, parts = maths.composite(
        ["a", "b", "c", "d"],
        [("imd", 0.75, "percentile", imd), ("crime", 0.25, "percentile", crime), ("vli", 0.0, "percentile", vli)],
    )
    # imd percentiles 12.5, 37.5, 62.5, 87.5; crime (3 present) 83.33, 50, 16.67.
    assert scores["a"] == pytest.approx(0.75 * 12.5 + 0.25 * 250 / 3)
    assert scores["c"] == pytest.approx(0.75 * 62.5 + 0.25 * 50 / 3)
    assert scores["d"] is None, "a missing weighted input is not scored as 0"
    a = {part.key: part for part in parts["a"]}
    assert a["imd"].contribution == pytest.approx(0.75 * 12.5)
    assert a["vli"].missing
    assert a["vli"].contribution is None
    assert sum(p.contribution for p in parts["b"] if p.contribution is not None) == pytest.approx(scores["b"])


def test_ranks_and_bands():
    scores = {"a": 90.0, "b": 80.0, "c": 80.0, "d": 10.0, "e": None, **{f"x{i}": 5.0 - i for i in range(6)}}
    rank = maths.ranks(scores)
    assert (rank["a"], rank["b"], rank["c"], rank["d"], rank["e"]) == (1, 2, 2, 4, None)
    band = maths.bands(rank, priority_share=0.1, high_share=0.2)  # 10 scored: 1 priority, ranks 2-3 high
    assert (band["a"], band["b"], band["c"], band["d"], band["e"]) == ("priority", "high", "high", "other", "missing")


def test_population_weighted_mean_is_missing_when_a_member_is():
    assert maths.weighted_mean([(1000, 10.0), (3000, 30.0)]) == pytest.approx(25.0)
    assert maths.weighted_mean([(1000, 10.0), (3000, None)]) is None


def _row(burglary, damage, income, employment, young, education, residents):
    return maths.VLIInputs(burglary, damage, income, employment, young, education, residents)


def test_vli_style_index_by_hand():
    # Two areas of 1,000 and 3,000 residents. Study-area rates: burglary 40/4000 = 0.01; damage 40/4000 = 0.01;
    # income (0.1*1000 + 0.3*3000)/4000 = 0.25; employment (0.2*1000+0.2*3000)/4000 = 0.2;
    # young 800/4000 = 0.2; education (40*1000 + 20*3000)/4000 = 25.
    inputs = {
        "a": _row(20, 10, 0.1, 0.2, 300, 40.0, 1000),
        "b": _row(20, 30, 0.3, 0.2, 500, 20.0, 3000),
    }
    values, indices = maths.vli(
        inputs,
        variables=list(maths.VLIInputs.__dataclass_fields__)[:6],
        dwelling_denominator="residents",
        combine="mean",
    )
    # a: burglary 0.02/0.01 = 200; damage 0.01/0.01 = 100; income 40; employment 100; young 0.3/0.2 = 150;
    # education 160.
    assert indices["a"] == pytest.approx(
        {
            "burglary": 200,
            "criminal_damage": 100,
            "income": 40,
            "employment": 100,
            "young_people": 150,
            "education": 160,
        }
    )
    assert values["a"] == pytest.approx((200 + 100 + 40 + 100 + 150 + 160) / 6)
    pairs, _ = maths.vli(
        inputs, variables=list(maths.VLIInputs.__dataclass_fields__)[:6], dwelling_denominator="residents",
        combine="mean_of_pairs",
    )  # fmt: skip
    assert pairs["a"] == pytest.approx(((200 + 100) / 2 + (40 + 100) / 2 + (150 + 160) / 2) / 3)
    scaled, _ = maths.vli(
        inputs, variables=["burglary", "income"], dwelling_denominator="residents", combine="sum_scaled"
    )
    # sums: a 200+40 = 240; b (0.02/3 / 0.01 -> 66.67) + 120 = 186.67; scaled so their mean is 100.
    assert scaled["a"] + scaled["b"] == pytest.approx(200)
    assert scaled["a"] == pytest.approx(100 * 240 / ((240 + 186.6667) / 2), rel=1e-4)


def test_vli_flags_an_area_missing_an_input_and_households_are_a_parameter():
    inputs = {"a": _row(20, 10, 0.1, 0.2, None, 40.0, 1000), "b": _row(20, 30, 0.3, 0.2, 500, 20.0, 3000)}
    values, _ = maths.vli(
        inputs, variables=["burglary", "young_people"], dwelling_denominator="residents", combine="mean"
    )
    assert values["a"] is None
    assert values["b"] is not None
    by_households, _ = maths.vli(inputs, variables=["burglary"], dwelling_denominator="households", combine="mean")
    assert by_households == {"a": None, "b": None}, "no households loaded: missing, not a residents fallback"
