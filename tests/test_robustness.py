"""Odd but real inputs never crash extraction: truncated phrases, unbalanced quotes, titles at
the very end, punctuation-only lines, Latin text inside Arabic, very long sentences."""
from __future__ import annotations

import pytest

from tests.extract_helpers import extract

ODD = [
    "قال الرئيس",
    "«نحن ندعم",
    "الحكومة السورية",
    "وزير الخارجية الروسي سيرغي لافروف وزير",
    "، ، ؛ . ! ؟",
    "أعلنت شركة Apple أن iPhone 15 متوفر في الرياض",
    "زار " + "الرئيس " * 50,
    "التقى " + "وروسيا " * 300,
    "بين",
    "الدول الأعضاء في",
    "وتشمل هذه المساعدة",
    "\n\n\nعنوان\n\n\n",
    "قد",
    "لم تقدم",
    "بحسب",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_text_does_not_crash(text: str) -> None:
    result = extract(text)
    for st in result.statements:
        assert text[st.quote.start:st.quote.end] == st.quote.text
