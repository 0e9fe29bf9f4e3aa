"""The relevance benchmark: its judgements are well-formed and name demo pages that exist, and
its nDCG is computed as the textbook defines it."""

import math

import pytest

from benchmarks.relevance import demo_page_keys, load_judgements, ndcg

MINIMUM_QUERIES = 30


def test_judgement_file_has_enough_distinct_queries_with_graded_pages():
    queries = load_judgements()

    assert len(queries) >= MINIMUM_QUERIES
    texts = [query["q"].casefold() for query in queries]
    assert len(set(texts)) == len(texts), "a query is judged twice"
    for query in queries:
        assert query["q"].strip() and query["why"].strip(), query
        assert query["relevant"], f"{query['q']!r} has no relevant page"
        for key, grade in query["relevant"].items():
            assert type(grade) is int and 0 <= grade <= 3, (query["q"], key, grade)
        assert max(query["relevant"].values()) > 0, query["q"]


def test_judgements_name_only_live_pages_of_the_demo_content():
    pages = demo_page_keys()

    for query in load_judgements():
        for key in query["relevant"]:
            assert key in pages, f"{query['q']!r} names {key!r}, which is not in the demo"
            assert pages[key], f"{query['q']!r} names {key!r}, which the demo leaves unpublished"


def test_demo_page_keys_name_projects_by_slug_and_findings_by_position():
    pages = demo_page_keys()

    assert pages["belonging-at-school"] is True
    assert "belonging-at-school/3" in pages
    assert "belonging-at-school/4" not in pages
    assert pages["asking-about-adversity-in-the-first-thousand-days/1"] is False


def test_ndcg_of_a_hand_worked_ranking():
    judgements = {"a": 3, "b": 2, "c": 1}
    # DCG: (2^2 - 1)/log2(2) + 0 + (2^3 - 1)/log2(4) = 3 + 3.5 = 6.5
    # ideal: 7/log2(2) + 3/log2(3) + 1/log2(4) = 7 + 1.8928... + 0.5 = 9.3928...
    expected = 6.5 / (7 + 3 / math.log2(3) + 0.5)

    assert ndcg(["b", "x", "a"], judgements) == pytest.approx(expected)
    assert expected == pytest.approx(0.69202, abs=1e-5)


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_relevant_pages():
    judgements = {"a": 3, "b": 2, "c": 1}

    assert ndcg(["a", "b", "c", "x"], judgements) == pytest.approx(1.0)
    assert ndcg(["x", "y"], judgements) == 0.0
    assert ndcg([], judgements) == 0.0


def test_ndcg_counts_only_the_first_ten():
    judgements = {"late": 3}
    ranked = [f"other-{n}" for n in range(10)] + ["late"]

    assert ndcg(ranked, judgements) == 0.0
    assert ndcg(ranked[1:], judgements) == pytest.approx(1 / math.log2(11))


def test_ndcg_refuses_a_query_with_nothing_relevant():
    with pytest.raises(ValueError, match="at least one relevant page"):
        ndcg(["a"], {"a": 0})
