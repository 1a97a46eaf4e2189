"""Synthetic maps of any size, with a matching source text, for benchmarks."""

from __future__ import annotations

import csv
import random
from pathlib import Path

__all__ = ["write_synthetic"]

TYPES = ["claim", "evidence", "prediction", "recommendation"]
COLUMNS = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url".split(",")


def write_synthetic(folder: Path, n: int, seed: int = 1) -> Path:
    """Write ``folder/claims.csv`` with ``n`` rows (a few trees, 3-way branching) and ``folder/sources/synthetic.txt``."""
    rng = random.Random(seed)
    paragraphs = max(1, n // 10)
    sentences = [f"Sentence {i} of the synthetic article says something arguable about topic {i % 97}." for i in range(n)]
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(" ".join(sentences[p * 10 : (p + 1) * 10]) for p in range(paragraphs))
    (folder / "sources" / "synthetic.txt").write_text(f"Synthetic article\n\nBy nobody\n\n{body}\n", encoding="utf-8")
    (folder / "sources" / "synthetic.json").write_text('{"title": "Synthetic article", "front_matter_blocks": 2}', encoding="utf-8")
    roots = max(1, n // 1000)
    with (folder / "claims.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(n):
            para = min(i // 10, paragraphs - 1) + 1
            if i < roots:
                parent, relation, type_ = "", "", "thesis"
            else:
                parent = f"N{rng.randrange(max(roots, i // 3), i) if i > roots else 0}"
                relation = "attacks" if rng.random() < 0.1 else "supports"
                type_ = rng.choice(TYPES)
            w.writerow([f"N{i}", type_, f"Row {i} paraphrased in a short label", sentences[i], para, parent, relation, "", "article", "", "", "", "", ""])
    return folder / "claims.csv"
