/*
 * People pickers in the project editor: typing in the search box hides the names that do not
 * match, while ticked names always stay in view. Without the script the full list still works.
 */
(function () {
  "use strict";

  function setUp(picker) {
    if (picker.dataset.peoplePickerReady) return;
    picker.dataset.peoplePickerReady = "true";
    var search = picker.querySelector("[data-people-picker-search]");
    var status = picker.querySelector("[data-people-picker-status]");
    var options = Array.prototype.slice.call(picker.querySelectorAll("[data-people-picker-option]"));
    function filter() {
      var query = search.value.trim().toLowerCase();
      var shown = 0;
      options.forEach(function (option) {
        var ticked = option.querySelector("input:checked");
        var match = !query || option.dataset.name.indexOf(query) !== -1 || ticked;
        option.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = query ? shown + " of " + options.length + " shown" : "";
    }
    search.addEventListener("input", filter);
    // Enter in the search box would otherwise save the page.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-people-picker]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
