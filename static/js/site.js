/* Progressive enhancement only: every page works without this file. */
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
