/* The publication's own script, the only one besides Material's (which loads on first
   use): small, no library, nothing from elsewhere.
   - Sentence numbers on demand: the toggle on a section page shows each sentence's
     number, a link to its own address (#s-12); the choice is kept for the next page
     and the next visit (localStorage).
   - A follow-up's marker beside a sentence opens the follow-up it links to.
   - The language switch keeps the sentence or heading a reader is at: from
     /en/daderaanpak/#s-12 it leads to /daderaanpak/#s-12 (both languages have the
     same addresses). */
(function () {
  "use strict";
  var KEY = "publication.sentence-numbers";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }

  function show(on, keep) {
    root.classList.toggle("show-sentence-numbers", on);
    var buttons = document.querySelectorAll(".sentence-numbers-toggle");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? button.getAttribute("data-hide") : button.getAttribute("data-show");
      button.hidden = false;
    }
    if (keep) {
      try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* a private window */ }
    }
  }

  /* A link to a closed box (a follow-up's marker, #followup-…) opens it. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  function init() {
    show(stored(), false);
    openTarget();
    window.addEventListener("hashchange", openTarget);
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      if (target.closest(".sentence-numbers-toggle")) {
        show(!root.classList.contains("show-sentence-numbers"), true);
        return;
      }
      var link = target.closest("a.md-select__link, .unofficial-notice a[hreflang]");
      if (link && window.location.hash && !link.hash) {
        link.href = link.href.split("#")[0] + window.location.hash;
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
