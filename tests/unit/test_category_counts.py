"""Live offers counted through the category tree (services/categories.py `offers_below`)."""

from __future__ import annotations

from marketplace.services.categories import offers_below


def test_each_category_counts_its_offers_and_those_of_every_category_below():
    parent = {1: None, 2: 1, 3: 2, 4: 1, 5: None}
    assert offers_below(parent, {3: 5, 4: 2, 1: 1}) == {1: 8, 2: 5, 3: 5, 4: 2, 5: 0}


def test_offers_of_an_unknown_category_count_nowhere():
    assert offers_below({1: None}, {9: 4}) == {1: 0}


def test_a_cycle_in_the_tree_counts_each_category_once():
    parent = {1: 2, 2: 1, 3: 1}
    assert offers_below(parent, {3: 1, 1: 10}) == {1: 11, 2: 11, 3: 1}
