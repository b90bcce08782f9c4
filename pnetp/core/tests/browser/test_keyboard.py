"""Keyboard use: skip links, e-MAG access keys, the high-contrast toggle and navigation by links."""

import time

import pytest

pytestmark = pytest.mark.browser

FOCUSED = "document.activeElement"


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll ``expression`` with ``page.evaluate`` (Playwright's wait_for_function evaluates a string with eval,
    which the Content-Security-Policy forbids, as it should)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true after {timeout} s: {expression}"
        time.sleep(0.05)


def focused(page, prop: str):
    return page.evaluate(f"{FOCUSED} && {FOCUSED}.{prop}")


def press_accesskey(page, key: str):
    """Alt+key as Chromium on Linux receives it. Playwright's keyboard.press sends no "char" event for
    Alt combinations, and Chromium matches access keys on that event, so it is sent through CDP."""
    cdp = page.context.new_cdp_session(page)
    code = {"key": key, "code": f"Digit{key}", "windowsVirtualKeyCode": ord(key), "modifiers": 1}
    cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **code})
    cdp.send("Input.dispatchKeyEvent", {"type": "char", "text": key, "unmodifiedText": key, **code})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **code})
    cdp.detach()


def tab_to(page, selector: str, limit: int = 30):
    """Presses Tab until the element matching selector has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"{FOCUSED}.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} not reached with {limit} Tab presses")


def test_first_tab_focuses_the_skip_link_and_enter_moves_to_main(site, page):
    page.goto(site + "/plano/iv-pnetp/1/")
    page.keyboard.press("Tab")
    assert focused(page, "getAttribute('href')") == "#main-content"
    assert "Ir para o conteúdo" in focused(page, "textContent")
    # The DS slides the skip link into view (150 ms transition) while it has focus.
    wait_until(page, "document.activeElement.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement && document.activeElement.id === 'main-content'")
    assert page.evaluate("document.getElementById('main-content').getBoundingClientRect().top") < 200
    # Tab from main continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


def test_every_skip_link_targets_an_existing_element(site, page):
    page.goto(site + "/")
    targets = page.evaluate(
        "[...document.querySelectorAll('.br-skiplink a')].map(a => [a.accessKey, a.getAttribute('href')])"
    )
    assert targets == [["1", "#main-content"], ["2", "#navigation"], ["3", "#searchbox"], ["4", "#footer"]]
    for _, href in targets:
        assert page.locator(href).count() == 1


@pytest.mark.parametrize(
    "key, target", [("1", "main-content"), ("2", "navigation"), ("3", "searchbox"), ("4", "footer")]
)
def test_access_keys_move_focus(site, page, key, target):
    page.goto(site + "/plano/iv-pnetp/")
    press_accesskey(page, key)
    wait_until(page, f"document.activeElement && document.activeElement.id === {target!r}")


def test_search_from_the_header_by_keyboard(site, page):
    page.goto(site + "/")
    press_accesskey(page, "3")
    wait_until(page, "document.activeElement.id === 'searchbox'")
    page.keyboard.type("ORGAOS")
    page.keyboard.press("Enter")
    page.wait_for_url("**/busca/?q=ORGAOS")
    assert page.locator("mark").first.inner_text() == "órgãos"


@pytest.mark.parametrize("key", ["Space", "Enter"])
def test_contrast_toggle_by_keyboard_persists_after_reload(site, page, key):
    page.goto(site + "/plano/iv-pnetp/1.1.3/")
    toggle = "[data-contrast-toggle]"
    assert page.get_attribute(toggle, "aria-pressed") == "false"
    tab_to(page, toggle)
    page.keyboard.press(key)
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert page.get_attribute(toggle, "aria-pressed") == "true"

    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert page.get_attribute(toggle, "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"

    tab_to(page, toggle)
    page.keyboard.press(key)
    assert page.get_attribute(toggle, "aria-pressed") == "false"
    page.goto(site + "/")
    assert not page.evaluate("document.documentElement.classList.contains('high-contrast')")


def test_saved_contrast_is_on_before_first_paint(site, page):
    page.goto(site + "/")
    page.evaluate("localStorage.setItem('pnetp:high-contrast', '1')")
    # Records the class as soon as <body> is parsed, before anything is painted or the page JS runs.
    page.add_init_script(
        "new MutationObserver((_, o) => { if (document.body) {"
        " window.__atBody = document.documentElement.classList.contains('high-contrast'); o.disconnect(); } })"
        ".observe(document, {childList: true, subtree: true});"
    )
    page.goto(site + "/plano/iv-pnetp/")
    assert page.evaluate("window.__atBody") is True


def test_activity_pages_can_be_walked_with_the_keyboard(site, page):
    page.goto(site + "/plano/iv-pnetp/1.1.9/")
    tab_to(page, "a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/plano/iv-pnetp/1.1.10/")
    assert page.locator("h1").inner_text() == "Atividade 1.1.10"
