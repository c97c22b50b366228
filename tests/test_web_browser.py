"""The web app in Debian's headless Chromium, driven by selenium and chromium-driver: upload an article and open
a person from it, search full text and by date range, merge two people and see the merge survive a re-run, zoom
the places map; the pages run under their strict policy and ask no other host for anything (requests to other
hosts go to a canary proxy). With CHRONOLOGUE_SCREENSHOTS=docs/screenshots the README's pictures are taken again."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from test_report_browser import CHROMIUM, FLAGS, Canary, proxy  # noqa: F401 (proxy is a fixture)

from chronologue.corpus.fill import fill_store
from chronologue.corpus.store import open_store
from chronologue.web.app import create_app, server_config

DRIVER = Path("/usr/bin/chromedriver")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not CHROMIUM.exists() or not DRIVER.exists(),
    reason="needs headless chromium and its driver (apt-get install chromium chromium-driver)")]
DATA = Path(__file__).parent / "data"
SHOTS = os.environ.get("CHRONOLOGUE_SCREENSHOTS")  # e.g. docs/screenshots, to refresh the README's pictures
START_PAGE = re.compile(r"^CONNECT start\.duckduckgo\.com:443$")  # Debian Chromium's own start page, not ours
ARTICLE = ("The stationmaster of Lida\n\nAnna Kowalska was born in Lida in 1911. In 1939 Anna Kowalska moved to "
           "Grodno, where she kept the station's coal ledger.\n\nIn 1944 Anna Kowalska returned to Lida.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import uvicorn

    root = tmp_path_factory.mktemp("site")
    shutil.copytree(DATA / "corpus", root / "in")
    store = open_store(root / "corpus.db")
    fill_store([root / "in"], store)
    port = free_port()
    server = uvicorn.Server(server_config(create_app(store), port=port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", store, root
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory, proxy):  # noqa: F811
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('profile')}",
                 f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}", "--window-size=1280,900"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def shot(browser, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(SHOTS) / f"{name}.png"))


def test_upload_an_article_then_open_a_person(site, browser, tmp_path):
    from selenium.webdriver.common.by import By

    base, _, _ = site
    Canary.seen.clear()
    article = tmp_path / "stationmaster.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    browser.get(base + "/")
    shot(browser, "home")
    browser.find_element(By.ID, "file").send_keys(str(article))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    wait_for(lambda: "/documents/" in browser.current_url, 120)
    assert "Anna Kowalska" in browser.page_source
    browser.get(base + "/people?q=Kowalska")
    browser.find_element(By.LINK_TEXT, "Anna Kowalska").click()
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#leaflet-map[data-ready=yes]"))
    rows = browser.find_elements(By.CSS_SELECTOR, ".corpus-timeline tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows][:3] == ["born", "move", "return"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#leaflet-map path.place")) == 3
    assert browser.find_elements(By.CSS_SELECTOR, "#leaflet-map path.route")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#leaflet-map path.country"))
    shot(browser, "person")
    assert [r for r in Canary.from_page() if not START_PAGE.match(r)] == []


def test_search_full_text_and_by_date(site, browser):
    from selenium.webdriver.common.by import By

    base, _, _ = site
    browser.get(base + "/search")
    browser.find_element(By.ID, "q").send_keys("ferry")
    browser.find_element(By.ID, "from").send_keys("1941")
    browser.find_element(By.ID, "to").send_keys("1942")
    browser.find_element(By.CSS_SELECTOR, "form.search button").click()
    wait_for(lambda: "/search?" in browser.current_url)
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".hits mark")]
    assert marks and set(marks) == {"ferry"}
    shot(browser, "search")
    browser.find_element(By.ID, "from").clear()
    browser.find_element(By.ID, "from").send_keys("1990")
    browser.find_element(By.ID, "to").clear()
    browser.find_element(By.ID, "to").send_keys("1991")
    browser.find_element(By.CSS_SELECTOR, "form.search button").click()
    wait_for(lambda: "from=1990" in browser.current_url)
    assert browser.find_element(By.CSS_SELECTOR, ".stats b").text == "0"


def test_merge_two_people_and_the_merge_survives_a_rerun(site, browser):
    from selenium.webdriver.common.by import By

    base, store, root = site
    browser.get(base + "/people?q=michai%C5%82")
    browser.find_element(By.LINK_TEXT, "Michaił Orłow").click()
    mikhail = browser.current_url.rsplit("/", 1)[1]
    browser.get(base + "/people?q=vera")
    browser.find_element(By.LINK_TEXT, "Vera Orloff").click()
    browser.find_element(By.ID, "other").send_keys(mikhail)
    browser.find_element(By.ID, "merge-author").send_keys("curator")
    browser.find_element(By.ID, "merge-form").submit()  # the button may lie under the map when scrolled to
    wait_for(lambda: "Michaił Orłow" in browser.page_source)
    letters = root / "in" / "orloff-letters.md"
    letters.write_text(letters.read_text(encoding="utf-8") + "\nThe end.\n", encoding="utf-8")
    assert fill_store([root / "in"], store).analysed == 1
    browser.get(base + "/people?q=vera")
    browser.find_element(By.LINK_TEXT, "Vera Orloff").click()
    named = [row.find_elements(By.TAG_NAME, "td")[1].text
             for row in browser.find_elements(By.CSS_SELECTOR, "#documents tbody tr")]
    assert sorted(named) == ["Michaił Orłow", "Vera Orloff"]


def test_zoom_the_places_map(site, browser):
    from selenium.webdriver.common.by import By

    base, _, _ = site
    browser.get(base + "/places")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#leaflet-map[data-ready=yes]"))
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#leaflet-map path.country"))

    def zoom() -> int:  # the map's zoom level, as map.js sets it on every zoom (outlines are clipped to the view)
        return int(browser.find_element(By.ID, "leaflet-map").get_attribute("data-zoom"))

    before = zoom()
    browser.find_element(By.CSS_SELECTOR, ".leaflet-control-zoom-in").click()
    wait_for(lambda: zoom() == before + 1)
    assert browser.find_elements(By.CSS_SELECTOR, "#leaflet-map path.country")
    wait_for(lambda: not browser.find_elements(By.CSS_SELECTOR, "#leaflet-map .leaflet-cluster-anim"))
    shot(browser, "places")


def test_zoom_the_corpus_timeline_and_open_a_person(site, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By

    base, _, _ = site
    browser.get(base + "/timeline")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#timeline-chart[data-ready=yes]"))
    shot(browser, "timeline")
    links = browser.find_elements(By.CSS_SELECTOR, "#timeline-chart a[data-first]")
    bins = browser.find_elements(By.CSS_SELECTOR, "#timeline-chart rect.bin")
    assert len(links) == len(bins) == 60
    first, last = links[20].get_attribute("data-first"), links[30].get_attribute("data-last")
    ActionChains(browser).click_and_hold(bins[20]).move_to_element(bins[30]).release().perform()  # a drag
    wait_for(lambda: f"from={first}&to={last}" in browser.current_url)
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#timeline-chart[data-ready=yes]"))
    before = browser.current_url
    chart = browser.find_element(By.ID, "timeline-chart")
    ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(chart), 0, -300).perform()  # wheel: in
    wait_for(lambda: browser.current_url != before)
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#timeline-chart[data-ready=yes]"))
    days = [browser.find_element(By.ID, "from").get_attribute("value"),
            browser.find_element(By.ID, "to").get_attribute("value")]
    assert first <= days[0] < days[1] <= last
    browser.get(base + "/timeline?from=1943&to=1943")
    people = browser.find_elements(By.CSS_SELECTOR, "#timeline-events a.who")
    name = people[0].text
    people[0].click()
    wait_for(lambda: "/people/" in browser.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == name
