// Loaded in <head> without defer: applies the saved high-contrast choice before the first paint.
(function () {
  try {
    if (localStorage.getItem("pnetp:high-contrast") === "1") {
      document.documentElement.classList.add("high-contrast");
    }
  } catch (e) {
    // Storage blocked (privacy mode): the page simply starts in the default colours.
  }
})();
