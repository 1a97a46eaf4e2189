"""Debian's Chromium, headless, driven by Selenium: for the README's screenshot and the reading site's browser tests.

Where Debian's ``chromium-headless-shell`` is installed, that is the browser: the same Blink and V8 as ``chromium``
without the desktop browser around them: here it starts in 0.15 s instead of 0.5 to 1.1 s, and the browser tests spend
a third less CPU in it (47 s instead of 70 s). ChromeDriver cannot start it (it opens no page for ChromeDriver to find), so it is started here with a blank page and ChromeDriver
attaches to it; :meth:`quit` closes both. Otherwise ``chromium --headless=new`` is started by ChromeDriver.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from argmap.core.workers import die_with_parent

__all__ = ["DRIVER", "FULL", "SHELL", "chromium"]

FULL = shutil.which("chromium") or "/usr/bin/chromium"
#: Debian's /usr/bin/chromium-headless-shell is a script that runs this binary as its child, so this is what is started
#: (ending the script would leave the browser running).
SHELL = "/usr/lib/chromium/chromium-headless-shell"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
_FLAGS += ["--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1"]
_FLAGS += ["--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows", "--disable-renderer-backgrounding"]
_FLAGS += ["--disable-popup-blocking", "--disable-hang-monitor", "--password-store=basic"]
_START = 30.0


def chromium(width: int = 1400, height: int = 1000, profile: str | None = None, logs: tuple[str, ...] = ("browser", "performance")) -> Any:
    """A headless Chromium of ``width`` × ``height`` CSS pixels driven by Selenium, keeping the ``logs`` named
    (``get_log("browser")`` for the console, ``get_log("performance")`` for the network). ``profile`` is its user data
    folder (a temporary one, removed on :meth:`quit`, when not given)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.set_capability("goog:loggingPrefs", {name: "ALL" for name in logs})
    if Path(SHELL).exists():
        return _attached(options, width, height, profile)
    options.binary_location = FULL
    for flag in ["--headless=new", *_FLAGS, f"--window-size={width},{height}"] + ([f"--user-data-dir={profile}"] if profile else []):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=_service())


def _service() -> Any:
    """ChromeDriver, ending with the process that started it."""
    from selenium.webdriver.chrome.service import Service

    return Service(executable_path=DRIVER, popen_kw={"preexec_fn": die_with_parent})


def _attached(options: Any, width: int, height: int, profile: str | None) -> Any:
    """The headless shell, started with a blank page, and a ChromeDriver session attached to it."""
    from selenium import webdriver

    folder = Path(profile) if profile else Path(tempfile.mkdtemp(prefix="argmap-chromium-"))
    port_file = folder / "DevToolsActivePort"
    port_file.unlink(missing_ok=True)
    args = [SHELL, *_FLAGS, f"--window-size={width},{height}", f"--user-data-dir={folder}", "--remote-debugging-port=0", "about:blank"]
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)

    def close() -> None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if not profile:
            shutil.rmtree(folder, ignore_errors=True)

    deadline = time.monotonic() + _START
    while not (port_file.exists() and port_file.read_text().strip()):
        if proc.poll() is not None or time.monotonic() > deadline:
            close()
            raise RuntimeError(f"{SHELL} did not start (exit code {proc.returncode})")
        time.sleep(0.02)
    options.debugger_address = f"127.0.0.1:{port_file.read_text().split()[0]}"

    class Attached(webdriver.Chrome):
        browser_pid: int

        def quit(self) -> None:
            try:
                super().quit()
            finally:
                close()

    try:
        driver = Attached(options=options, service=_service())
    except BaseException:
        close()
        raise
    driver.browser_pid = proc.pid
    return driver
