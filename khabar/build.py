"""`khabar build`: documents in, graph files out, with bad inputs reported and skipped."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from extract.pipeline import Extractor
from extract.records import DocumentResult
from graph.assemble import assemble
from graph.exporters import write_all
from khabar.inputs import InputError, iter_documents


@dataclass
class BuildReport:
    results: list[DocumentResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def build(paths: list[Path], out_dir: Path, quiet: bool = False) -> BuildReport:
    """Extract every document, assemble one graph, write every output into `out_dir`."""
    report = BuildReport()
    extractor = Extractor()
    items = iter_documents(paths)
    bar = tqdm(items, unit="doc", disable=quiet, desc="extract", file=sys.stderr)
    for item in bar:
        if isinstance(item, InputError):
            report.errors.append(item)
            tqdm.write(f"khabar: {item}", file=sys.stderr)
            continue
        report.results.append(extractor(item))
    if report.results:
        report.written = write_all(assemble(report.results), out_dir)
    return report
