"""The web application in real headless Chromium: every main page in English and Chinese without console errors, legible, and a search hit followed to its paragraph."""
import urllib.parse

from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot


def visit(browser, url):
    browser.get(url)
    errors = console_errors(browser)
    assert errors == [], (url, errors)
    assert browser.find_element(By.TAG_NAME, "h1").text.strip(), url


def test_pages_in_english_and_chinese(server, browser):
    symbol = urllib.parse.quote(server.symbol)
    pages = {
        "home": "/", "search": "/search?q=%E8%A3%81%E5%86%9B", "document": f"/documents/{symbol}?language=zh",
        "commitment": "/commitments/AP2010:5", "state": "/states/CHN", "compare": "/compare?states=USA,RUS,CHN,GBR",
        "programme": "/programmes/GZ2010", "scorecard": "/scorecard", "log": "/log",
    }
    for prefix, lang in (("", "en"), ("/zh", "zh")):
        for name, path in pages.items():
            visit(browser, server.base + prefix + path)
            assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
            if name in ("home", "search", "document", "commitment", "state"):
                assert screenshot(browser, f"site-{name}-{lang}.png").stat().st_size > 15_000
    visit(browser, server.base + "/zh/states/CHN")
    assert "中国" in browser.find_element(By.TAG_NAME, "h1").text
    assert "数据" in browser.page_source
    chart = browser.find_element(By.CSS_SELECTOR, "img[src*='/charts/states/CHN.svg']")
    assert browser.execute_script("return arguments[0].naturalWidth", chart) > 0, "the chart loads"


def test_search_hit_leads_to_its_paragraph(server, browser):
    visit(browser, server.base + "/zh/search?q=%E8%A3%81%E5%86%9B")
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert len(hits) >= 10
    first = hits[0].find_element(By.CSS_SELECTOR, "a.cite")
    citation = first.text
    assert "mark" in hits[0].get_attribute("innerHTML")
    first.click()
    fragment = urllib.parse.urlparse(browser.current_url).fragment
    assert fragment.startswith("p-")
    paragraph = browser.find_element(By.ID, fragment)
    assert paragraph.is_displayed() and "裁军" in paragraph.text
    assert citation in paragraph.text, "the paragraph carries the same citation as the hit"
    screenshot(browser, "site-paragraph-zh.png")


def test_search_works_without_javascript(server, browser):
    visit(browser, server.base + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("行动 5")
    box.submit()
    assert "/search?q=" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit")


def test_search_facets_narrow_and_concepts_are_marked(server, browser):
    visit(browser, server.base + "/search?q=" + urllib.parse.quote("action 5 (c)"))
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert hits, "the English query finds the Chinese paragraph through its reference"
    assert "AP2010:5(c)" in browser.page_source and "matched by reference" in browser.page_source
    facet = browser.find_element(By.CSS_SELECTOR, ".facet a[href*='language=zh']")
    facet.click()
    assert "language=zh" in browser.current_url
    assert all("(ZH)" in hit.find_element(By.CSS_SELECTOR, "a.cite").text for hit in browser.find_elements(By.CSS_SELECTOR, "li.hit"))
    words_only = browser.find_element(By.LINK_TEXT, "match the words only")
    words_only.click()
    assert "concepts=off" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit") == []
    assert "Also found through" not in browser.page_source
    screenshot(browser, "site-search-facets.png")


def test_declaration_pages_show_what_is_sealed(home, browser):
    home.run("keys", "add-author", "ministry", "--role", "declarant")
    table = home.path / "declaration.csv"
    table.write_text("category,count:integer\ntotal,30\ndeployed,10\nstored,20\n")
    home.run("declare", "commit", str(table), "--state", "FRA", "--title", "Warheads by status", "--author", "ministry")
    reveal = home.run("declare", "reveal", "1", "--rows", "1")
    bundle = home.path / "stage1.json"
    bundle.write_text(reveal)
    home.run("declare", "publish", str(bundle), "--author", "ministry")
    from conftest import Server
    running = Server(home)
    try:
        for prefix in ("", "/zh"):
            visit(browser, running.base + prefix + "/declarations")
            link = browser.find_element(By.CSS_SELECTOR, "a[href$='/declarations/1']")
            link.click()
            assert "Warheads by status" in browser.find_element(By.TAG_NAME, "h1").text
            cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table tbody td")]
            assert "total" in cells and "30" in cells
            assert "deployed" not in browser.page_source and "20" not in cells, "sealed rows stay sealed"
            screenshot(browser, f"site-declaration{prefix.replace('/', '-')}.png")
    finally:
        running.stop()
