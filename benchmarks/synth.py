"""Synthetic maps of any size, with a matching source text, for benchmarks."""

from __future__ import annotations

import csv
import random
from pathlib import Path

__all__ = ["write_synthetic"]

TYPES = ["claim", "evidence", "prediction", "recommendation"]
COLUMNS = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url".split(",")


def write_synthetic(folder: Path, n: int, seed: int = 1) -> Path:
    """Write ``folder/claims.csv`` with ``n`` rows and ``folder/sources/synthetic.txt``: one root (thesis) per 1,000 rows,
    each the top of its own tree of about 1,000 rows with 3-way-ish branching (so about 7 levels deep, and a root has
    3 to 5 main reasons, each the top of a branch of a few hundred rows).

    >>> import tempfile, argmap
    >>> amap = argmap.load(write_synthetic(Path(tempfile.mkdtemp()), 3000))
    >>> [r["id"] for r in amap.rows if not r["parent"]], [len(amap.subtree(f"N{t}")) for t in range(3)]
    (['N0', 'N1', 'N2'], [1000, 1000, 1000])
    >>> main = [c for c in amap.branches() if amap.parent(c) == "N0"]
    >>> 3 <= len(main) <= 5 and max(len(amap.subtree(c)) for c in main) < 500
    True
    """
    rng = random.Random(seed)
    paragraphs = max(1, n // 10)
    sentences = [f"Sentence {i} of the synthetic article says something arguable about topic {i % 97}." for i in range(n)]
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(" ".join(sentences[p * 10 : (p + 1) * 10]) for p in range(paragraphs))
    (folder / "sources" / "synthetic.txt").write_text(f"Synthetic article\n\nBy nobody\n\n{body}\n", encoding="utf-8")
    (folder / "sources" / "synthetic.json").write_text('{"title": "Synthetic article", "front_matter_blocks": 2}', encoding="utf-8")
    roots = max(1, n // 1000)
    trees: list[list[int]] = [[r] for r in range(roots)]  # the rows of each root's tree, in order
    with (folder / "claims.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(n):
            para = min(i // 10, paragraphs - 1) + 1
            if i < roots:
                parent, relation, type_ = "", "", "thesis"
            else:
                tree = trees[i % roots]  # every root gets its share of rows
                at = (len(tree) - 1) // 3  # the k-th row of a tree hangs under its (k-1)//3-th, give or take one: 3-way-ish
                parent = f"N{tree[rng.randint(max(0, at - 1), at)]}"
                tree.append(i)
                relation = "attacks" if rng.random() < 0.1 else "supports"
                type_ = rng.choice(TYPES)
            w.writerow([f"N{i}", type_, f"Row {i} paraphrased in a short label", sentences[i], para, parent, relation, "", "article", "", "", "", "", ""])
    return folder / "claims.csv"
