"""SVG charts opened in real headless Chromium: labelled axes, series, bounds and milestones are drawn and visible."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot


def open_chart(home, browser, name, *arguments):
    path = home.path / f"{name}.svg"
    home.run("chart", *arguments, "--output", str(path))
    browser.get(path.as_uri())
    assert console_errors(browser) == []
    return path


def test_state_chart_shows_axes_series_bounds_and_milestones(home, browser):
    open_chart(home, browser, "prk", "PRK", "--programme", "GZ2010")
    texts = [element.text for element in browser.find_elements(By.TAG_NAME, "text")]
    assert "Year" in texts and "Nuclear warheads" in texts
    assert any(text.startswith("GZ2010 4") for text in texts), texts
    assert browser.find_elements(By.TAG_NAME, "polyline"), "the series is drawn"
    band = browser.find_element(By.TAG_NAME, "polygon")
    assert band.size["height"] > 2, "the bounds are drawn as a band"
    assert screenshot(browser, "chart-prk.png").stat().st_size > 15_000


def test_world_chart_in_chinese(home, browser):
    open_chart(home, browser, "world-zh", "world", "--lang", "zh")
    texts = [element.text for element in browser.find_elements(By.TAG_NAME, "text")]
    assert "中国" in texts and "核弹头数量" in texts
    assert any("12,241" in text for text in texts)
    assert screenshot(browser, "chart-world-zh.png").stat().st_size > 15_000
