"""Agreement of khabar's own annotators with the shared gold on training articles.

Each file in `data/annotations/agreement/` is an independent (blind) annotation of one shared
training article. It is turned into the RDF a build would write (labels from the entity forms,
Wikidata links from the qids, one triple per required triple) and scored against the shared gold
with the evaluation's own scorer, so agreement is measured by the same rules as the product.

    python tools/annotation_agreement.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDFS

ROOT = Path(__file__).resolve().parent.parent
KH = Namespace("http://example.org/kh#")
ENTITY = Namespace("http://example.org/e/")
WIKIDATA = "http://www.wikidata.org/entity/"


def _key(slot: str | list[str]) -> str:
    """A triple's subject or object: one key, or the first of several accepted keys."""
    return slot[0] if isinstance(slot, list) else slot


def as_graph(annotation: dict) -> Graph:
    """The annotation's required triples as the scorer reads a build."""
    graph = Graph()
    for key, entity in sorted(annotation["entities"].items()):
        graph.add((ENTITY[key], RDFS.label, Literal(entity["forms"][0], lang="ar")))
        if entity.get("qid"):
            graph.add((ENTITY[key], OWL.sameAs, URIRef(WIKIDATA + entity["qid"])))
    for triple in annotation["required"]:
        graph.add((ENTITY[_key(triple[0])], KH[triple[1]], ENTITY[_key(triple[2])]))
    return graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folder", type=Path, default=ROOT / "data" / "annotations" / "agreement")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.shared / "eval"))
    from score import score  # the evaluation's scorer, not a copy

    totals = dict(correct=0, counted=0, found=0, required=0)
    with tempfile.TemporaryDirectory() as work:
        for path in sorted(args.folder.glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            ttl = Path(work) / f"{path.stem}.ttl"
            as_graph(annotation).serialize(ttl, format="turtle")
            result = score(ttl, args.shared / "eval" / "train" / "gold" / path.name)
            print(f"{path.stem:34} {annotation.get('annotator', '?'):9} "
                  f"P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f}")
            for name in totals:
                totals[name] += result[name]
    precision = totals["correct"] / max(totals["counted"], 1)
    recall = totals["found"] / max(totals["required"], 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"micro P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
