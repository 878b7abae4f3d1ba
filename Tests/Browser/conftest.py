"""Shared set-up for the browser tests: the built stocktake binary, a home with real data, headless Chromium."""
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "000_8de3487d174913ae.txt"
SCREENSHOTS = ROOT / ".build" / "screenshots"


def stocktake_binary():
    explicit = os.environ.get("STOCKTAKE_BIN")
    if explicit:
        return explicit
    for candidate in (ROOT / ".build" / "debug" / "stocktake", ROOT / ".build" / "release" / "stocktake"):
        if candidate.exists():
            return str(candidate)
    pytest.fail("build stocktake first (swift build)")


class Home:
    """A Stocktake home in a temporary folder, driven through the real command line."""

    def __init__(self):
        self.path = pathlib.Path(tempfile.mkdtemp(prefix="stocktake-browser-"))
        self.env = dict(os.environ, STOCKTAKE_HOME=str(self.path))

    @staticmethod
    def binary():
        return [stocktake_binary()]

    def run(self, *arguments):
        result = subprocess.run([stocktake_binary(), *arguments], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture
def home():
    made = Home()
    yield made
    shutil.rmtree(made.path, ignore_errors=True)


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    driver.save_screenshot(str(path))
    return path


class Server:
    """`stocktake serve --port 0` on a prepared home, stopped with SIGTERM."""

    def __init__(self, home):
        self.process = subprocess.Popen([stocktake_binary(), "serve", "--port", "0", "--log-level", "warning"], env=home.env, cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        assert "serving on http://127.0.0.1:" in line, line
        self.base = line.strip().rsplit(" ", 1)[-1]

    def stop(self):
        self.process.terminate()
        assert self.process.wait(timeout=30) == 0


def prepare_record(home):
    """The corpus ingested, an analyst with the assessor and figures roles, an assessment citing paragraph 13; returns the document's key."""
    import re
    ingest = home.run("ingest", str(CORPUS))
    symbol = re.search(r"(UNSYMBOLLED/[0-9a-f]+)", ingest).group(1)
    home.run("keys", "add-author", "analyst", "--role", "assessor", "--role", "figures")
    home.run("assess", "--state", "GBR", "--commitment", "AP2010:5", "--cycle", "2026", "--status", "limited",
             "--rationale", "The Non-Aligned group finds the nuclear-weapon States short of action 5.",
             "--evidence", f"{symbol}, para. 13 (ZH)", "--author", "analyst")
    return symbol


@pytest.fixture
def server(home):
    symbol = prepare_record(home)
    running = Server(home)
    running.symbol = symbol
    yield running
    running.stop()
