"""``scaffold serve``'s page in Debian's headless Chromium, driven by
Selenium through Debian's chromium-driver: tick options, see what they
require turn on with its note, open a file, download the zip, install the
project and run its tests.

With ``SCAFFOLD_SCREENSHOTS=DIR`` the test saves the README's screenshots
there (``SCAFFOLD_SCREENSHOTS=docs`` renews the ones in the repository).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support import (
    find_python,
    install_per_readme,
    require,
    run,
    scaffold_server,
    unpack,
    venv_env,
)

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
SCREENSHOTS = os.environ.get("SCAFFOLD_SCREENSHOTS")
PYTHON = find_python()


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Headless Chromium with a fresh profile; downloads go to tmp_path/downloads."""
    require(CHROMIUM and CHROMEDRIVER, "Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager may not fetch a browser
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1400,1000", f"--user-data-dir={tmp_path / 'profile'}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=options)
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        yield driver
    finally:
        driver.quit()


def wait(condition: Callable[[], Any], timeout: float = 30) -> Any:
    """The first true value of ``condition``, which may fail meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
            if value:
                return value
        except Exception:  # the page is being swapped: look again
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition.__doc__ or condition}")
        time.sleep(0.1)


def screenshot(driver: Any, name: str) -> None:
    """The window, tall enough for the form, saved as ``name`` (when asked)."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        driver.set_window_size(1400, 1500)
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(Path(SCREENSHOTS) / name))
        driver.set_window_size(1400, 1000)


def test_configure_preview_download_install_and_test_in_chromium(
    tmp_path: Path, browser: Any
) -> None:
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def find(selector: str) -> Any:
        return browser.find_element(By.CSS_SELECTOR, selector)

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with scaffold_server(scratch) as url:
        browser.get(url)
        assert find("#framework-flask").is_selected()
        assert "flask-minimal" in find("#command").get_attribute("value")
        assert not find("#extension-login").is_selected()

        # Tick admin: login and forms, which it needs, turn on, with the
        # CLI's notes, and the template becomes flask-sqlalchemy.
        find("label[for=extension-admin]").click()
        notes = wait(lambda: find("#notes").text)
        assert "admin requires login: turned it on" in notes
        assert "admin is not in flask-minimal: using flask-sqlalchemy" in notes
        assert find("#extension-login").is_selected() and find("#extension-forms").is_selected()
        assert "--template flask-sqlalchemy" in find("#command").get_attribute("value")
        assert "extensions=forms%2Clogin%2Cadmin" in browser.current_url  # the share link
        assert browser.switch_to.active_element.get_attribute("id") == "extension-admin"
        screenshot(browser, "serve-page.png")

        # A name of our own, then a file in the preview.
        find("#field-project_name").send_keys("Browser Test", Keys.TAB)
        wait(lambda: "'Browser Test'" in find("#command").get_attribute("value"))
        focused = browser.switch_to.active_element.get_attribute("id")
        assert focused == "project-details-summary"  # where the Tab went, not back
        find('a[data-file="browser_test/admin.py"]').click()
        wait(lambda: find("#preview-name").text == "browser_test/admin.py")
        assert "flask_admin" in find("#preview-content").text
        assert browser.current_url.endswith("&file=browser_test/admin.py")
        screenshot(browser, "serve-preview.png")

        # The share link opens the same choices in a new page.
        shared = browser.current_url
        browser.get(shared)
        assert find("#extension-admin").is_selected()
        assert find("#preview-name").text == "browser_test/admin.py"

        find("#download-zip").click()
        downloads = tmp_path / "downloads"
        archive = wait(lambda: next(downloads.glob("browser-test.zip"), None), timeout=60)
        wait(lambda: not list(downloads.glob("*.crdownload")))

        # Another framework: its own template, extensions and choices.
        find("#framework-django").click()
        wait(lambda: "--template django-project" in find("#command").get_attribute("value"))
        assert find("#field-project_name").get_attribute("value") == "Browser Test"
        severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert severe == [], severe  # no script error, no CSP violation
    assert list(scratch.iterdir()) == []

    project = unpack(archive.read_bytes(), "zip", tmp_path / "unpacked")
    assert run(["git", "status", "--porcelain"], project).stdout == ""  # as committed
    install_per_readme(project, PYTHON)
    env = venv_env(project)
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=env)
    run(["ruff", "check", "."], project, env=env)
