/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // The search page's filters are folded behind a button on a phone and open beside the
  // results on a wider screen.
  var filters = document.querySelector("details.search-filters");
  if (filters && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 45.0625rem)");
    var follow = function () {
      filters.open = wide.matches;
    };
    follow();
    wide.addEventListener("change", follow);
  }
})();

(function () {
  "use strict";
  // A reader who followed a link to one finding (#finding-...) on a project with a content
  // note sees the note first; continuing should still take them to that finding.
  var hash = window.location.hash;
  if (!hash || !/^#finding-[0-9a-f]+$/.test(hash)) {
    return;
  }
  document.querySelectorAll("a[data-continue]").forEach(function (link) {
    link.href = link.href.split("#")[0] + hash;
  });
  // The finding is held back until they continue, so the browser has nowhere to scroll and a
  // phone would open on the project's facts with the note a screen or two below: take them to
  // the note, and tell screen readers where they are.
  var note = document.querySelector("section.content-note");
  if (note && !document.getElementById(hash.slice(1))) {
    note.setAttribute("tabindex", "-1");
    note.focus({ preventScroll: true });
    note.scrollIntoView({ block: "start" });
  }
})();
