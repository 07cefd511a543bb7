"""`khabar train-relations`: rebuild the shipped relation model from annotated articles (issue 14).

Needs scikit-learn (`pip install 'khabar[train]'`) and the annotated articles: by default the
shared training set, ../shared/eval/train (cross-validated), plus khabar's own annotations in
data/annotations/saudinewsnet (training only). Deterministic: the same articles give the same
weights, byte for byte.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command(name="train-relations")(train_relations)


def train_relations(
    sets: Annotated[list[Path] | None, typer.Option(
        "--set", help="Annotated set folder (gold/ and articles/, ANNOTATION.md); repeatable. "
                      "Default: ../shared/eval/train.")] = None,
    extra: Annotated[list[Path] | None, typer.Option(
        "--extra", help="Further annotated sets added to the training data but never scored "
                        "by the cross-validation. Default: khabar's own annotations, "
                        "data/annotations/saudinewsnet.")] = None,
    no_extra: Annotated[bool, typer.Option(
        "--no-extra", help="Train on the --set articles only.")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Model folder. Default: the package's extract/models/relations.")] = None,
    folds: Annotated[int, typer.Option(
        "--folds", min=1, help="Cross-validation folds that choose the decision threshold "
                               "(1: no cross-validation, threshold 0.1).")] = 5,
    c: Annotated[float | None, typer.Option(
        "--C", min=0.0001,
        help="Inverse strength of the L2 penalty of each label's logistic regression (larger: "
             "weights fit the training pairs more closely). Default: the trainer's.")] = None,
    min_precision: Annotated[float, typer.Option(
        "--min-precision", min=0.0, max=1.0,
        help="The threshold is the one with the best cross-validated F1 among those whose "
             "precision reaches this.")] = 0.55,
    vector_dim: Annotated[int, typer.Option(
        "--vector-dim", min=0,
        help="Principal directions kept per part (first argument, second, words between) of "
             "each pair's contextual vector from the NER encoder; 0: features only.")] = 32,
    min_count: Annotated[int | None, typer.Option(
        "--min-count", min=1,
        help="Features seen in fewer training pairs than this are left out. Default: the "
             "trainer's (8).")] = None,
    prune: Annotated[float | None, typer.Option(
        "--prune", min=0.0,
        help="The saved model drops the features whose weight is under this for every label "
             "(0: keeps all). Default: the trainer's (0.02).")] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="Labels fitted at once, one process each. 0 (default): the "
                                    "CPUs, at most 4.")] = 0,
) -> None:
    """Train the relation model: every annotated article through the pipeline, candidate
    pairs labelled from the gold triples, one logistic regression per label on the pairs'
    features and contextual vectors, the decision threshold chosen by cross-validation
    (about an hour on two CPUs with the shared and khabar's own annotated articles)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        typer.echo("khabar: train-relations needs scikit-learn: pip install 'khabar[train]'",
                   err=True)
        raise typer.Exit(2) from None
    from extract.relmodel import train as trainer

    chosen, extra = trainer.training_sets(sets, extra, no_extra)
    for folder in chosen + extra:
        if not (folder / "gold").is_dir():
            typer.echo(f"khabar: {folder}: no gold/ folder of annotated articles", err=True)
            raise typer.Exit(2)
    model = trainer.train(chosen, out or trainer.MODEL_DIR, folds,
                          C=trainer.DEFAULTS["C"] if c is None else c, min_precision=min_precision,
                          extra_sets=extra, vector_dim=vector_dim,
                          jobs=jobs or trainer.DEFAULTS["jobs"],
                          min_count=trainer.DEFAULTS["min_count"] if min_count is None
                          else min_count,
                          prune=trainer.DEFAULTS["prune"] if prune is None else prune)
    if trainer.cv_summary(model):
        typer.echo(f"khabar: {trainer.cv_summary(model)}", err=True)
    typer.echo(f"khabar: model ({len(model.features)} features) -> "
               f"{out or trainer.MODEL_DIR}", err=True)
