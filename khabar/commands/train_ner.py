"""`khabar train-ner`: reproduce the shipped Arabic NER model from ANERcorp (issue 5).

Needs the repository checkout (../shared/data: ANERcorp and SaudiNewsNet) and the `floret`
package; the work files (corpora, vectors, checkpoints) go to --work.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from extract.ner import PRETRAIN_EPOCHS


def register(app: typer.Typer) -> None:
    app.command(name="train-ner")(train_ner)


def train_ner(
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Model directory to write. Default: the package's extract/models/ner")] = None,
    work: Annotated[Path, typer.Option("--work", help="Folder for corpora, vectors and "
                                                      "checkpoints.")] = Path("build/ner"),
    no_vectors: Annotated[bool, typer.Option("--no-vectors", help="Skip the floret vectors.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=20, help="Use only the first N "
                                              "training sentences (quick check).")] = None,
    pretrain_epochs: Annotated[int, typer.Option(
        "--pretrain-epochs", min=0, help="Epochs of `spacy pretrain` on SaudiNewsNet before NER "
                                         "training (about 8 min each on one core; 0: none).")] = PRETRAIN_EPOCHS,
    refit: Annotated[bool, typer.Option(
        "--refit/--no-refit", help="After the held-out run, retrain on train + dev for the share "
                                   "of training that scored best on dev, and ship that model "
                                   "(--no-refit ships the held-out run's best checkpoint).")] = True,
) -> None:
    """Train the NER on ANERcorp (dev = last 10% of the train file) with extract/ner/config.cfg:
    floret vectors and `spacy pretrain` on SaudiNewsNet first, then the NER on the rest of the
    train file, then the refit on all of it (about 50 min)."""
    from extract.ner import train as trainer

    missing = [p for p in (trainer.ANERCORP_TRAIN, trainer.SAUDINEWSNET) if not p.exists()]
    if missing:
        typer.echo(f"khabar: training data not found: {missing[0]}", err=True)
        raise typer.Exit(2)
    scores = trainer.train(out or trainer.DEFAULT_OUT, work=work, limit=limit,
                           vectors=None if no_vectors else trainer.VectorSpec(),
                           pretrain_epochs=pretrain_epochs, refit=refit)
    typer.echo(f"khabar: model -> {out or trainer.DEFAULT_OUT}; dev (held-out run) {json.dumps(scores)}", err=True)
