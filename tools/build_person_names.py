"""Build the name lists the NER's gazetteer feature reads (extract/ner/data/).

ANERcorp's test names are mostly names its training split never shows, and many are foreign
names in Arabic script (فينغر، ناكامورا، شوفكوفسكيي). Three PyPI packages carry name lists
in Arabic script:

- arabic-name-romanizer 0.2.0 (MIT): ``names.sqlite3``, name words (given names, family names) and
  full names from Wikidata (CC0) and the Algerian name corpora (CC0 / MIT);
- arabnamer 0.1.3: ``dict_FINAL.json``, 22,798 English -> Arabic name pairs (data CC BY 4.0,
  E. Yousef, https://github.com/sayedyousef/arabnamer), mostly Western names;
- ArWikiCats 0.2.3 (MIT): Arabic Wikipedia labels of sports clubs, competitions and well-known
  people, cities and regions (``jsons/sports/Clubs_key.json``, ``inter_federations.json``,
  ``people/peoples.json``, ``cities/cities_full.json``, ``geography/regions.json``).
  Clubs matter because ANERcorp's news has much sport, and a club named after its city (ليون،
  بورتو) is an organisation there.

The lists are derived data, committed, so training needs neither package:

    python tools/build_person_names.py WHEEL_DIR   # after: pip download --no-deps -d WHEEL_DIR \\
                                                   #   arabic-name-romanizer==0.2.0 arabnamer==0.1.3 arwikicats==0.2.3
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.atomic import write_text  # noqa: E402

OUT = ROOT / "extract" / "ner" / "data"
ARABIC = re.compile(r"^[\u0621-\u064a]+(?: [\u0621-\u064a]+)*$")
MIN_LETTERS = 3


def _member(wheel_dir: Path, package: str, suffix: str) -> bytes:
    wheel = next(iter(sorted(wheel_dir.glob(f"{package}-*.whl"))), None)
    if wheel is None:
        sys.exit(f"build_person_names: no {package} wheel in {wheel_dir}")
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(suffix))
        return zf.read(name)


def _keep(name: str) -> bool:
    name = " ".join(name.split())
    return bool(ARABIC.match(name)) and len(name.replace(" ", "")) >= MIN_LETTERS


_CLUB_HEAD = re.compile(r"^نادي ")
_CLUB_TAIL = re.compile(r" (?:لكرة (?:القدم|السلة|اليد|الطائرة)|الرياضي)(?: للسيدات)?$")
_PAREN = re.compile(r"\s*\([^)]*\)")
_COMPETITION = re.compile(r"^(?:بطولة|دوري|كأس|كاس) ")


def build(wheel_dir: Path) -> dict[str, list[str]]:
    """File name -> sorted unique names."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "names.sqlite3"
        db.write_bytes(_member(wheel_dir, "arabic_name_romanizer", "resources/names.sqlite3"))
        con = sqlite3.connect(db)
        words = {k for (k,) in con.execute("SELECT arabic_key FROM units")}
        full = {k for (k,) in con.execute("SELECT arabic_key FROM full_names")}
        con.close()
    pairs = json.loads(_member(wheel_dir, "arabnamer", "data/dict_FINAL.json"))
    words |= set(pairs.values())
    full |= set(json.loads(_member(wheel_dir, "arwikicats", "people/peoples.json")).values())
    clubs: set[str] = set()
    competitions: set[str] = set()
    for name in [*json.loads(_member(wheel_dir, "arwikicats", "sports/Clubs_key.json")).values(),
                 *json.loads(_member(wheel_dir, "arwikicats", "sports/inter_federations.json")
                             ).values()]:
        name = " ".join(name.split())
        if _COMPETITION.match(name):
            competitions.add(name)
            continue
        clubs.add(name)
        short = _CLUB_TAIL.sub("", _CLUB_HEAD.sub("", name))
        clubs.add(short)
    places: set[str] = set()
    for name in json.loads(_member(wheel_dir, "arwikicats", "cities/cities_full.json")).values():
        places.add(_PAREN.sub("", name))
    regions = json.loads(_member(wheel_dir, "arwikicats", "geography/regions.json"))
    for table in regions.values() if isinstance(regions, dict) else regions:
        places.update(_PAREN.sub("", name) for name in table.values())
    norm = lambda s: " ".join(s.split())  # noqa: E731
    words = {norm(w) for w in words if _keep(w)}
    full = {norm(f) for f in full if _keep(f) and " " in norm(f)}
    return {"name_words.txt": sorted(words), "full_names.txt": sorted(full - words),
            "clubs.txt": sorted(c for c in clubs if _keep(c)),
            "competitions.txt": sorted(c for c in competitions if _keep(c)),
            "places.txt": sorted({norm(c) for c in places if _keep(c)})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel_dir", type=Path)
    args = ap.parse_args()
    lists = build(args.wheel_dir)
    what = {"name_words.txt": "Single personal-name words (given or family names).",
            "full_names.txt": "Full personal names of two or more words.",
            "clubs.txt": "Sports clubs and federations (also without نادي / لكرة القدم).",
            "competitions.txt": "Sports competitions.",
            "places.txt": "Cities and regions (Wikipedia labels, qualifiers in brackets dropped)."}
    head = ("# Built by tools/build_person_names.py from arabic-name-romanizer 0.2.0 (Wikidata CC0,"
            " Algerian name corpora CC0/MIT), arabnamer 0.1.3 (CC BY 4.0, E. Yousef) and"
            " ArWikiCats 0.2.3 (MIT). One name per line. {what}\n")
    for fname, names in lists.items():
        write_text(OUT / fname, head.format(what=what[fname]) + "\n".join(names) + "\n")
    print(", ".join(f"{len(v)} {k}" for k, v in lists.items()), "->", OUT)


if __name__ == "__main__":
    main()
