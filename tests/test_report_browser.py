"""The HTML report of the seed in a real headless Chromium (Debian's), driven by Playwright.

It must render with no console error and no network request; its charts and a
trace picture must be visible; the search box must filter the orphan table.
Screenshots go to tests/artifacts/ (git-ignored). Without Chromium (or the
``playwright`` package) the test is skipped — unless CASCADE_REQUIRE_BROWSER=1
(CI), where it fails. ``CASCADE_UPDATE_DOCS=1`` also refreshes docs/report.png.

Playwright drives the system Chromium (``executable_path``); it never
downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

import cascade
from cascade.report import build_report, write_report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _no_browser(reason: str):
    if os.environ.get("CASCADE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"a headless browser is required here (CASCADE_REQUIRE_BROWSER=1) but: {reason}", pytrace=False)
    pytest.skip(f"no headless browser: {reason}; apt-get install chromium && pip install playwright to run it")


def _chromium() -> str:
    for candidate in (os.environ.get("CASCADE_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    _no_browser("no chromium on PATH (set CASCADE_CHROMIUM to its path)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed")
    executable = _chromium()
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="cascade-chromium-") as profile:
        try:
            context = p.chromium.launch_persistent_context(profile, executable_path=executable, args=FLAGS,
                                                           viewport={"width": 1280, "height": 1600})
        except Error as exc:
            _no_browser(f"chromium at {executable} did not start: {str(exc).splitlines()[0]}")
        yield context
        context.close()


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    report = build_report(cascade.read(cascade.seed_path()), source="seed/tangerang.xlsx")
    path = write_report(report, tmp_path_factory.mktemp("html") / "tangerang.html", "id")
    page = browser.new_page()
    page.problems, page.requests = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"request failed: {r.url}"))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.report_url = path.as_uri()
    return page


def test_renders_without_errors_or_network(page):
    page.wait_for_timeout(300)
    assert page.problems == []
    assert page.requests == [page.report_url], "the report must not fetch anything"
    assert page.title().startswith("Laporan cascade perencanaan — tangerang")


def test_charts_and_trace_pictures_are_visible(page):
    charts = page.locator("svg.chart")
    assert charts.count() == 3
    for i in range(3):
        box = charts.nth(i).bounding_box()
        assert charts.nth(i).is_visible() and box["width"] > 300 and box["height"] > 60
    assert page.locator("svg.chart g.bar").count() >= 7
    pictures = page.locator("details.strategy[open] svg.trace")
    assert pictures.count() == 21
    first = pictures.first
    first.scroll_into_view_if_needed()
    assert first.is_visible() and first.bounding_box()["height"] > 100
    assert first.locator("g.node").count() > 5
    broken = page.locator('#s-S2\\.1\\.3 svg.trace g.node.end')
    assert broken.count() == 2 and broken.first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#s-S2\\.1\\.3").screenshot(path=str(ARTIFACTS / "report-trace.png"))


def test_search_box_filters_the_orphan_table(page):
    rows = page.locator("#t-orphans tbody tr")
    search = page.locator('input.filter[data-table="t-orphans"]')
    assert rows.count() == 8 and page.locator("#t-orphans tbody tr:visible").count() == 8
    search.fill("PB-019")
    assert page.locator("#t-orphans tbody tr:visible").count() == 1
    assert page.locator("#t-orphans tbody tr:visible td").first.inner_text() == "PB-019"
    search.fill("satpol pp")
    visible = page.locator("#t-orphans tbody tr:visible td:first-child").all_inner_texts()
    assert visible == ["PB-058", "PB-059"]
    assert search.locator("xpath=..").locator(".shown").inner_text() == "2 / 8"
    search.fill("")
    assert page.locator("#t-orphans tbody tr:visible").count() == 8


def test_headers_sort_the_table(page):
    header = page.locator("#t-orphans thead th").first
    header.click()
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert page.locator("#t-orphans tbody tr td:first-child").first.inner_text() == "PB-075"
    header.click()
    assert page.locator("#t-orphans tbody tr td:first-child").first.inner_text() == "PB-019"


def test_screenshot_and_a4_print(page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)
    assert (ARTIFACTS / "report.png").stat().st_size > 20_000
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    assert pdf[:5] == b"%PDF-" and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 1
    assert page.problems == []
    if os.environ.get("CASCADE_UPDATE_DOCS") == "1":
        page.set_viewport_size({"width": 1280, "height": 1150})
        page.screenshot(path=str(ROOT / "docs" / "report.png"))


@pytest.fixture(scope="module")
def national_page(browser, tmp_path_factory):
    """The report of a 2·10⁵-element synthetic cascade (a national dataset's order of size), open in Chromium."""
    from cascade import synthetic

    folder = tmp_path_factory.mktemp("national")
    synthetic.write_csv(folder / "csv", 200_000)
    report = build_report(cascade.read(folder / "csv"), source="national")
    path = write_report(report, folder / "national.html", "id")
    page = browser.new_page()
    page.goto(path.as_uri(), wait_until="load", timeout=120_000)
    yield page
    page.close()


#: Every text of every chart: its right edge, and the width of the chart it is drawn in.
_CHART_TEXTS = """() => [...document.querySelectorAll('svg.chart')].flatMap(svg =>
    [...svg.querySelectorAll('text')].map(t => {
        const box = t.getBBox();
        return {text: t.textContent, right: box.x + box.width, width: svg.viewBox.baseVal.width};
    }))"""


def test_chart_labels_of_a_national_dataset_fit_whole(national_page):
    texts = national_page.evaluate(_CHART_TEXTS)
    values = [t for t in texts if " / " in t["text"]]
    assert len(values) >= 7
    assert [t for t in texts if t["right"] > t["width"]] == []       # nothing runs past the chart's edge
    assert any(len(t["text"].split(" / ")[1]) >= 7 for t in values)    # six-digit counts, whole…
    assert all(t["text"].endswith("%)") and "." in t["text"] for t in values if int(t["text"].split(" / ")[1].split()[0].replace(".", "")) >= 1000)
    overlaps = national_page.evaluate("""() => [...document.querySelectorAll('svg.chart g.bar')].filter(g => {
        const label = g.querySelector('text').getBBox(), bar = g.querySelector('rect').getBBox();
        return label.x + label.width > bar.x; }).map(g => g.dataset.label)""")
    assert overlaps == []                                             # a long OPD name ends before its bar
    ARTIFACTS.mkdir(exist_ok=True)
    national_page.locator("#coverage .charts").screenshot(path=str(ARTIFACTS / "report-national-charts.png"))
