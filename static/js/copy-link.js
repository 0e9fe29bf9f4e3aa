/* "Copy link" on a finding: copies its permanent address. Without this file, or without a
   clipboard, the button stays what it is underneath: a link to that address. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("a[data-copy-link]").forEach(function (link) {
    var status = link.parentNode.querySelector("[data-copy-link-status]");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.getAttribute("data-copy-link")).then(
        function () {
          if (status) {
            status.textContent = "Link copied.";
          }
        },
        function () {
          // Refused (no permission): follow the link, as without JavaScript.
          window.location.href = link.href;
        }
      );
    });
  });
})();
