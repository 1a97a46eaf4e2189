"""Start-up: no heavy library is imported before it is needed, so commands start at once and refuse a bad file at once."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "matplotlib", "networkx", "reportlab", "nbconvert", "numpy")

PROBE = """
import sys
from pathlib import Path
from argmap.cli import main
from argmap.draw.fonts import bundled_font_dir, fontconfig_file

heavy = {heavy!r}
assert not [m for m in heavy if m in sys.modules], "import argmap.cli: " + repr([m for m in heavy if m in sys.modules])
assert bundled_font_dir() is not None and fontconfig_file().exists()
assert "matplotlib" not in sys.modules, "finding the font folder imported matplotlib"
bad = Path(sys.argv[1])
for argv in {commands!r}:
    argv = [a.replace("BAD", str(bad)).replace("OUT", str(bad.parent / "out")) for a in argv]
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    loaded = [m for m in heavy if m in sys.modules]
    assert code == 1, (argv, code)
    assert not loaded, (argv, loaded)
print("ok")
"""

COMMANDS = [
    ["validate", "BAD"],
    ["render", "BAD", "-o", "OUT"],
    ["charts", "BAD", "-o", "OUT"],
    ["events", "BAD"],
    ["scorecard", "BAD", "--claims", "BAD"],
    ["questions", "BAD", "--claims", "BAD"],
    ["export", "--to", "aif", "BAD", "-o", "OUT/x.json"],
    ["handout", "--claims", "BAD", "--branch", "R3", "-o", "OUT/h.pdf"],
]


def test_commands_refuse_a_bad_file_before_importing_pandas_or_matplotlib(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,type\n", encoding="utf-8")  # no required columns: every command refuses it
    probe = PROBE.format(heavy=HEAVY, commands=COMMANDS)
    done = subprocess.run([sys.executable, "-c", probe, str(bad)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
