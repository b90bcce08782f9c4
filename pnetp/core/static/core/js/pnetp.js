// High-contrast toggle and skip-link focus. Plain JS after the gov.br DS script; no dependencies.
(function () {
  "use strict";
  var KEY = "pnetp:high-contrast";
  var CLASS = "high-contrast";
  var root = document.documentElement;

  function sync() {
    var on = root.classList.contains(CLASS);
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
    // A native <button>: Enter and Space already fire "click".
    button.addEventListener("click", function () {
      var on = root.classList.toggle(CLASS);
      try {
        localStorage.setItem(KEY, on ? "1" : "0");
      } catch (e) {
        // Not persisted when storage is blocked; the toggle still works for this page.
      }
      sync();
    });
  });
  sync();

  // The DS closes the menu and the mobile search (Esc, close button) but leaves focus on <body>:
  // give it back to the button that opened them so keyboard users keep their place.
  function returnFocusOnClose(panel, isOpen, opener) {
    if (!panel || !opener) return;
    var wasOpen = isOpen();
    new MutationObserver(function () {
      var open = isOpen();
      if (wasOpen && !open && (document.activeElement === document.body || panel.contains(document.activeElement))) {
        opener.focus();
      }
      wasOpen = open;
    }).observe(panel, { attributes: true, attributeFilter: ["class"], subtree: true });
  }
  var menu = document.getElementById("main-navigation");
  returnFocusOnClose(menu, function () { return menu.classList.contains("active"); }, document.getElementById("navigation"));
  var search = document.querySelector(".header-search");
  returnFocusOnClose(
    search,
    function () { return search.classList.contains("active"); },
    document.querySelector(".header-search-trigger button")
  );

  // Skip links: on narrow screens the search box is collapsed behind a button, so open it
  // first; then make sure the target really receives focus (some targets are not focusable).
  document.querySelectorAll(".br-skiplink a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      if (target.id === "searchbox" && !target.offsetParent) {
        var trigger = document.querySelector(".header-search-trigger button");
        if (trigger) trigger.click();
      }
      window.setTimeout(function () {
        if (document.activeElement !== target) target.focus();
      }, 0);
    });
  });

  // Wide tables scroll inside their .responsive wrapper (see pnetp.css); a wrapper that does scroll is made
  // a focusable, named region so keyboard users can scroll it too.
  function markScrollableTables() {
    document.querySelectorAll(".br-table .responsive").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        var caption = wrapper.querySelector("caption");
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        wrapper.setAttribute("data-pnetp-scroll", "");
      }
    });
  }
  markScrollableTables();
  window.addEventListener("resize", markScrollableTables);
})();
