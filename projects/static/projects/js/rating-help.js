/*
 * Rating help in the project editor: a warning beside a finding's confidence when it does not
 * fit the evidence, shown as the fellow chooses it, before they submit. The rules and their
 * wording come from projects/ratings.py as JSON (the "rating-rules" script), so this file only
 * looks them up; the checklist at the top of the editor gives the same advice.
 */
(function () {
  "use strict";

  var FIELD = /^findings-(\d+)-(evidence_type|confidence|participants)$/;

  function problems(rules, evidenceType, confidence, participants) {
    var found = [];
    var mismatch = (rules.mismatch[evidenceType] || {})[confidence];
    if (mismatch) found.push(mismatch);
    var count = participants === "" || participants === null ? NaN : Number(participants);
    if (
      confidence === "strong" &&
      Number.isInteger(count) &&
      count >= 0 &&
      count < rules.strongMinimumParticipants
    ) {
      found.push(rules.fewParticipants[String(count)]);
    }
    return found;
  }

  function check(form, rules, index) {
    var field = function (name) {
      return form.elements.namedItem("findings-" + index + "-" + name);
    };
    var confidence = field("confidence");
    if (!confidence || !confidence.tagName) return;
    var participants = field("participants");
    var found = problems(
      rules,
      (field("evidence_type") || {}).value,
      confidence.value,
      participants && participants.tagName ? participants.value : ""
    );
    var id = confidence.id + "-rating-help";
    var note = document.getElementById(id);
    if (!found.length) {
      if (note) note.hidden = true;
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "help-block help-warning rating-help";
      note.setAttribute("role", "status");
      confidence.insertAdjacentElement("afterend", note);
      var described = confidence.getAttribute("aria-describedby");
      confidence.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    note.hidden = false;
    note.textContent = "Warning: " + found.join(" ");
  }

  function start() {
    var data = document.getElementById("rating-rules");
    var form = document.querySelector("form[data-edit-form], #page-edit-form");
    if (!data || !form) return;
    var rules = JSON.parse(data.textContent);
    Array.prototype.forEach.call(form.elements, function (el) {
      var match = el.name && FIELD.exec(el.name);
      if (match && match[2] === "confidence") check(form, rules, match[1]);
    });
    var onChange = function (event) {
      var match = event.target.name && FIELD.exec(event.target.name);
      if (match) check(form, rules, match[1]);
    };
    form.addEventListener("change", onChange);
    form.addEventListener("input", onChange);
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  // Exposed for the tests that check the hint agrees with projects/ratings.py.
  if (typeof window !== "undefined") window.fellowshipRatingHelp = { problems: problems };
})();
