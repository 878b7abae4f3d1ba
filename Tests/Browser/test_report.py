"""The monitoring report, opened in real headless Chromium: no console errors, statuses and quotes legible."""
import re

from selenium.webdriver.common.by import By

from conftest import CORPUS, console_errors, screenshot


def prepared(home):
    ingest = home.run("ingest", str(CORPUS))
    symbol = re.search(r"(UNSYMBOLLED/[0-9a-f]+)", ingest).group(1)
    home.run("keys", "add-author", "analyst", "--role", "assessor")
    home.run("assess", "--state", "GBR", "--commitment", "AP2010:5", "--cycle", "2026", "--status", "limited",
             "--rationale", "The Non-Aligned group finds the nuclear-weapon States short of action 5.",
             "--evidence", f"{symbol}, para. 13 (ZH)", "--author", "analyst")
    return symbol


def test_report_for_a_nuclear_weapon_state_renders_without_errors(home, browser):
    prepared(home)
    for lang, limited, quote in (("en", "Limited", "核武器国家全面"), ("zh", "有限履行", "核武器国家全面")):
        page = home.path / f"report-{lang}.html"
        home.run("report", "--state", "GBR", "--cycle", "2026", "--lang", lang, "--output", str(page))
        browser.get(page.as_uri())
        assert console_errors(browser) == []
        statuses = [element.text for element in browser.find_elements(By.CSS_SELECTOR, ".entry .status")]
        assert limited in statuses, statuses
        # Action 10 is derived from the CTBT events: the UK ratified in 1998.
        entry = browser.find_element(By.ID, "AP2010:10-GBR")
        assert entry.find_element(By.CSS_SELECTOR, ".status").get_attribute("class").endswith("status-implemented")
        passage = browser.find_element(By.CSS_SELECTOR, "#AP2010\\:5-GBR blockquote")
        assert passage.is_displayed() and quote in passage.text
        assert passage.size["height"] > 10 and passage.size["width"] > 200
        # The verification section names the checkpoint the report was computed from.
        assert "Log size" in browser.page_source or "日志规模" in browser.page_source
        shot = screenshot(browser, f"report-{lang}.png")
        assert shot.stat().st_size > 20_000
