"""Mine the names the NER model tags in most of their occurrences, from unlabelled articles.

Pass 1 tags every article with the pipeline's NER stage (the mentions it would give before the
gazetteer's names are preferred); pass 2 counts every occurrence of each tagged form with the
scan that finds them at run time (`extract/corpus_names.py` says why). Output:
extract/data/lexicon/corpus_names.json (data, read by extract/corpus_names.py).

    python tools/mine_corpus_names.py [CORPUS ...] [--workers 2]

The default corpora are the two SaudiNewsNet files of ../shared/data/saudinewsnet/ (8 M
words; no annotated article is among them): about 10 minutes on two cores.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
from pathlib import Path

from tqdm import tqdm

from extract.corpus_names import PATH, FormIndex, Tally, form_of, select
from extract.mentions import doc_name_keys
from graph.atomic import write_text

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT.parent / "shared" / "data" / "saudinewsnet").glob("*.jsonl.gz"))
CHUNK = 16

_STATE: dict = {}


def _tag(texts: list[str]) -> list[tuple[list, list[str]]]:
    """For each text: its tagged names (form, type, label) and its tokens' name keys."""
    if not _STATE:
        from extract import lexicon
        from extract.pipeline import Extractor
        nlp = Extractor().nlp
        _STATE.update(nlp=nlp, lex=lexicon.default(),
                      ner=nlp.get_pipe("khabar_mentions_v1").ner,
                      before=[proc for name, proc in nlp.pipeline
                              if name in ("khabar_normalizer_v1", "khabar_segmenter_v1")])
    nlp, lex, ner = _STATE["nlp"], _STATE["lex"], _STATE["ner"]
    docs = [nlp.make_doc(t) for t in texts]
    for proc in _STATE["before"]:
        docs = [proc(doc) for doc in docs]
    out = []
    for doc, mentions in zip(docs, ner.many(docs, lex)):
        keys = doc_name_keys(doc)
        tagged = []
        for m in mentions:
            form = form_of(keys, m.start, m.end, m.clitic)
            if form is not None:
                tagged.append((form, m.entity.type, m.entity.label))
        out.append((tagged, keys))
    return out


def main(argv: list[str] | None = None) -> int:
    from extract import gazetteer
    from khabar.inputs import iter_documents
    from extract.records import Document

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="*", default=CORPORA,
                        help="article files or folders (default: the SaudiNewsNet corpora)")
    parser.add_argument("--workers", type=int, default=2, help="tagging processes")
    parser.add_argument("--min-tagged", type=int, default=5,
                        help="tagged occurrences a form needs")
    parser.add_argument("--min-articles", type=int, default=3,
                        help="articles a form must be tagged in")
    parser.add_argument("--min-share", type=float, default=0.5,
                        help="share of a form's occurrences the model tagged")
    parser.add_argument("--out", type=Path, default=PATH, help="where to write the list")
    args = parser.parse_args(argv)
    if not args.corpora:
        parser.error("no corpus given and none found in ../shared/data/saudinewsnet/")
    texts = [d.text for d in iter_documents(list(args.corpora)) if isinstance(d, Document)]
    chunks = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
    tally = Tally.empty()
    all_keys: list[list[str]] = []
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        for result in tqdm(pool.imap(_tag, chunks), total=len(chunks), unit="chunk",
                           desc=f"tagging {len(texts)} articles"):
            for tagged, keys in result:
                tally.add_tagged(tagged)
                all_keys.append(keys)
    candidates = [f for f, n in tally.tagged.items()
                  if n >= args.min_tagged and tally.articles[f] >= args.min_articles]
    index = FormIndex(candidates)
    for keys in tqdm(all_keys, desc="counting occurrences", unit="article"):
        tally.occurrences.update(o.form for o in index.scan(keys))
    gaz = gazetteer.default()
    known = {words for bucket in gaz.index.values() for words, _, _ in bucket}
    names = select(tally, args.min_tagged, args.min_articles, args.min_share, known)
    data = {
        "_doc": "Names (persons, places, organisations) the NER model tagged in at least "
                f"{args.min_share:.0%} of their occurrences, at least {args.min_tagged} times "
                f"in at least {args.min_articles} articles of the unlabelled SaudiNewsNet "
                "corpora, and not in the gazetteer; the pipeline finds them wherever neither "
                "the gazetteer nor the NER did. Mined by tools/mine_corpus_names.py: "
                "form (name keys) -> type, most frequent label, counts.",
        "articles": len(texts),
        "min_tagged": args.min_tagged, "min_articles": args.min_articles,
        "min_share": args.min_share,
        "names": names,
    }
    write_text(args.out, json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"{len(names)} corpus names from {len(texts)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
