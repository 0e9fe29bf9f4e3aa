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
})();
