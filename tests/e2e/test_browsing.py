"""Finding games in the browser: categories, provider, search as you type, history."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import client_address


def names(page: Page) -> list[str]:
    return page.locator(".tile-name").all_inner_texts()


def test_search_as_you_type_updates_the_list_and_the_url(page: Page, base_url):
    page.goto(base_url + "/")
    total = len(names(page))
    page.get_by_label("Search games").press_sequentially("zodi", delay=30)
    expect(page.locator(".tile-name")).to_have_text(["Zodiac"])
    expect(page).to_have_url(re.compile(r"q=zodi"))
    page.reload()  # the URL holds the filter: a reload shows the same list
    expect(page.locator(".tile-name")).to_have_text(["Zodiac"])
    page.go_back()
    expect(page.locator(".tile")).to_have_count(total)


def test_category_links_and_provider_filter_work_together(page: Page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Table games").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(["Table games"])
    page.get_by_text("Filters", exact=True).click()  # the provider is folded away
    page.get_by_label("Provider").select_option("evolution")
    expect(page).to_have_url(re.compile(r"category=tablegames.*provider=evolution|provider=evolution.*category=tablegames"))
    expect(page.locator(".tile-provider")).not_to_have_count(0)
    for provider in page.locator(".tile-provider").all_inner_texts():
        assert provider == "Evolution"


def test_filters_work_without_javascript(browser, base_url):
    context = browser.new_context(extra_http_headers=client_address(), java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/")
    page.get_by_label("Search games").fill("midnight")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".tile-name")).to_have_text(["Midnight Racer"])
    context.close()


def test_jackpots_animate_between_refreshes(page: Page, base_url, sandbox):
    page.goto(base_url + "/")
    jackpot = page.locator(".jackpot").first
    first = jackpot.inner_text()
    page.wait_for_function(
        "(before) => document.querySelector('.jackpot').textContent !== before", arg=first, timeout=15000
    )
    assert jackpot.inner_text().startswith("$")


def test_jackpots_animate_even_when_the_device_clock_is_wrong(page: Page, base_url):
    from datetime import datetime, timezone

    # A phone years behind: counting from Kore's timestamp would freeze the jackpot.
    page.clock.install(time=datetime(2019, 5, 1, tzinfo=timezone.utc))
    page.goto(base_url + "/")
    jackpot = page.locator(".jackpot").first
    first = jackpot.inner_text()
    page.clock.run_for(10_000)
    assert jackpot.inner_text() != first
    assert jackpot.inner_text().startswith("$")
