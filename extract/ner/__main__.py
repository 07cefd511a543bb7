"""`python -m extract.ner --path` prints the shipped model directory."""
from __future__ import annotations

import argparse

from extract.ner import model_path

parser = argparse.ArgumentParser(prog="python -m extract.ner", description=__doc__)
parser.add_argument("--path", action="store_true", help="print the model directory")
args = parser.parse_args()
if args.path:
    print(model_path())
else:
    parser.print_help()
