"""bench.merges' detector of merged people that look like two people: what it counts."""

from __future__ import annotations

import pytest

from bench.merges import looks_like_two_people


@pytest.mark.parametrize("spellings", [
    ["Gordon Brown", "Bob Brown", "Brown"],
    ["Hillary Clinton", "Bill Clinton"],
    ["Dick Cheney", "Richard Cheney"],  # one person under a nickname: counted, as the docstring says
])
def test_two_given_names_are_counted(spellings):
    assert looks_like_two_people(spellings)


@pytest.mark.parametrize("spellings", [
    ["Nouri al-Maliki", "Nuri al-Maliki", "al-Maliki", "Prime Minister Nouri al-Maliki"],
    ["Ehud Olmert", "Israel Ehud Olmert", "Olmert"],
    ["Qasem Soleimani", "Maj. Gen. Qasem Soleimani", "Qassem Soleimani", "Soleimani"],
    ["Mark T. Esper", "Mark Esper", "Defense Secretary Mark T. Esper"],
])
def test_spellings_titles_and_places_are_not(spellings):
    assert looks_like_two_people(spellings) is None
