"""The bundled Graphviz finds DejaVu Sans (which covers Armenian and Azerbaijani) from pip packages alone."""

import os
import subprocess
import sys
from pathlib import Path

from argmap.draw.fonts import fontconfig_file


def test_fontconfig_file_lists_the_bundled_dejavu_fonts_first():
    text = fontconfig_file().read_text(encoding="utf-8")
    first = text.split("<dir>")[1].split("</dir>")[0]
    assert (Path(first) / "DejaVuSans.ttf").exists()
    assert "conf.d" not in text  # the system's conf.d holds the file the bundled fontconfig warns about


def test_render_uses_it_and_prints_no_fontconfig_warning():
    code = (
        "import os, sys\n"
        "from argmap.draw.dot import rows_to_dot\n"
        "from argmap.draw.render import render_dot\n"
        "row = dict(id='T1', type='thesis', text='Հայաստան Azərbaycan Şuşa', quote='', paragraph='', parent='', relation='', group='', origin='analyst')\n"
        "png = render_dot(rows_to_dot([row], legend=False), ['png'])['png']\n"
        "print(os.environ['FONTCONFIG_FILE'], len(png))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    conf, size = done.stdout.split()
    assert conf == str(fontconfig_file()) and int(size) > 1000
    assert "Fontconfig" not in done.stderr


def test_a_user_choice_of_fontconfig_file_is_respected(tmp_path):
    code = "import os\nfrom argmap.draw.fonts import use_bundled_fonts\nuse_bundled_fonts()\nprint(os.environ['FONTCONFIG_FILE'])"
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "mine.conf")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == str(tmp_path / "mine.conf")


def test_the_fontconfig_folder_is_private_to_the_user(tmp_path, monkeypatch):
    """Issue 14 item 11: a folder another user made, or anyone can write, or a symlink, is never used."""
    import stat

    from argmap.draw import fonts

    mine = tmp_path / "mine"
    monkeypatch.setattr(fonts, "_base_dir", lambda: mine)
    conf = fontconfig_file()
    assert conf.parent == mine and stat.S_IMODE(mine.stat().st_mode) == 0o700
    assert fonts._base_dir() == mine
    open_to_all = tmp_path / "open"
    open_to_all.mkdir()
    open_to_all.chmod(0o777)
    planted = tmp_path / "planted"
    planted.symlink_to(mine)
    others = tmp_path / "others"
    others.mkdir(mode=0o700)
    if os.getuid() == 0:
        os.chown(others, 65534, 65534)
    for folder in (open_to_all, planted) + ((others,) if os.getuid() == 0 else ()):
        monkeypatch.setattr(fonts, "_base_dir", lambda folder=folder: folder)
        used = fontconfig_file().parent
        assert used != folder and used.resolve() != mine and fonts._is_private(used), folder
    assert list(open_to_all.iterdir()) == [] and list(others.iterdir()) == []


def test_inside_a_virtual_environment_the_folder_is_the_environments():
    if sys.prefix == sys.base_prefix:
        import pytest

        pytest.skip("not running inside a virtual environment")
    assert fontconfig_file().parent == Path(sys.prefix) / "var" / "argmap-fontconfig"
