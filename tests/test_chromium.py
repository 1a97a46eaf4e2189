"""The browser the screenshot and the browser tests use (argmap.site.chromium): Debian's headless shell, ended with its
driver, and (with ChromeDriver) also when the process that started it is killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_support import needs_chromium

from argmap.site.chromium import SHELL

pytestmark = [
    needs_chromium,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(SHELL).exists(), reason="no chromium-headless-shell: `make browser` installs it (needs apt-get as root)"),
]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] != "Z"
    except OSError:
        return False


def _gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def test_the_shell_renders_a_page_and_quit_ends_it(tmp_path):
    from argmap.site.chromium import chromium

    driver = chromium(390, 844, str(tmp_path))
    pid = driver.browser_pid
    try:
        driver.get("data:text/html,<p id=p>hello</p><script>console.error('boom')</script>")
        assert driver.find_element("id", "p").text == "hello"
        assert driver.execute_script("return [innerWidth, innerHeight]") == [390, 844]
        assert [e["level"] for e in driver.get_log("browser")] == ["SEVERE"]
        assert Path(os.readlink(f"/proc/{pid}/exe")).name == "chromium-headless-shell"
    finally:
        driver.quit()
    assert _gone(pid), "the browser outlived driver.quit()"


def test_the_shell_ends_when_the_process_that_started_it_is_killed(tmp_path):
    code = "from argmap.site.chromium import chromium; import time; d = chromium(); print(d.browser_pid, d.service.process.pid, flush=True); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        pid, driver = map(int, proc.stdout.readline().split())
        assert _alive(pid) and _alive(driver)
    finally:
        proc.kill()
        proc.wait()
    assert _gone(pid), "the browser outlived the process that started it (kill -9)"
    assert _gone(driver), "ChromeDriver outlived the process that started it (kill -9)"
