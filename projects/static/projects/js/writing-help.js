/*
 * Writing help in the project editor: a live word count and plain-language hint under the
 * summary and each finding's detail, a one-sentence check under each headline, and a reminder
 * beside the content note when the project mentions a sensitive subject. The page works the
 * same without it; the counts mirror projects/readability.py and the headline check
 * projects/checklist.py, which give the same advice in the checklist.
 */
(function () {
  "use strict";

  var WORD = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g;
  var SENTENCE_END = /[.!?]+['"’”)]*(?=\s|$)/g;
  var FINAL_STOP = /[.!?]+['"’”)]*$/;
  var SILENT_ENDING = /(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/;
  var VOWEL_GROUP = /[aeiouy]{1,2}/g;
  var SENSITIVE = new RegExp(
    "\\b(?:abus(?:e|ed|er|ers|es|ing|ive)" +
      "|self[\\s-]?harm(?:s|ed|ing)?" +
      "|suicid(?:e|es|al)" +
      "|violen(?:t|ce|tly)" +
      "|neglect(?:s|ed|ful|ing)?" +
      "|sexual(?:ly|ity)?" +
      "|assault(?:s|ed|ing)?" +
      "|rape(?:s|d)?|raping)\\b",
    "gi"
  );
  var LONG_SENTENCE = 20;
  var PLAIN_ENGLISH = 60;
  var LONG_WORD_SYLLABLES = 4;
  var MIN_WORDS_FOR_ADVICE = 12;
  var HEADLINE_MAX_WORDS = LONG_SENTENCE;

  function syllables(word) {
    word = word.toLowerCase();
    if (/[0-9]/.test(word)) return 1;
    word = word.replace(/[^a-z]/g, "");
    if (word.length <= 3) return 1;
    word = word.replace(SILENT_ENDING, "").replace(/^y/, "");
    var groups = word.match(VOWEL_GROUP);
    return Math.max(1, groups ? groups.length : 0);
  }

  function analyse(text) {
    text = (text || "").trim();
    var words = text.match(WORD) || [];
    if (!words.length) return { words: 0 };
    var sentences = (text.match(SENTENCE_END) || []).length;
    if (!FINAL_STOP.test(text)) sentences += 1;
    var total = 0;
    var longWords = [];
    words.forEach(function (w) {
      var count = syllables(w);
      total += count;
      var lower = w.toLowerCase();
      if (count >= LONG_WORD_SYLLABLES && longWords.indexOf(lower) === -1) longWords.push(lower);
    });
    var average = words.length / sentences;
    return {
      words: words.length,
      sentences: sentences,
      average: average,
      ease: 206.835 - 1.015 * average - 84.6 * (total / words.length),
      longWords: longWords,
    };
  }

  function level(ease) {
    if (ease >= 70) return "easy to read";
    if (ease >= PLAIN_ENGLISH) return "plain English";
    if (ease >= 50) return "fairly hard to read";
    if (ease >= 30) return "hard to read";
    return "very hard to read";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function describeHeadline(field) {
    var result = analyse(field.value);
    var text = plural(result.words, "word", "words") + ".";
    if (result.words && (result.sentences > 1 || result.words > HEADLINE_MAX_WORDS)) {
      text +=
        " Keep the headline to one sentence of up to " +
        HEADLINE_MAX_WORDS +
        " words and put the rest in the detail.";
    }
    return text;
  }

  function describe(field) {
    if (/-headline$/.test(field.name)) return describeHeadline(field);
    var result = analyse(field.value);
    var parts = [plural(result.words, "word", "words")];
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (max) {
      var left = max - field.value.length;
      parts.push(left >= 0 ? plural(left, "character", "characters") + " left" : -left + " characters too many");
    }
    var text = parts.join(", ") + ".";
    if (result.words >= MIN_WORDS_FOR_ADVICE) {
      var score = Math.round(Math.min(100, Math.max(0, result.ease)));
      text += " Reads as " + level(result.ease) + " (reading ease " + score + " out of 100).";
      if (result.average > LONG_SENTENCE) {
        text += " Sentences average " + Math.round(result.average) + " words: try splitting them.";
      }
      if (result.ease < PLAIN_ENGLISH && result.longWords.length) {
        text += " Shorter words could replace '" + result.longWords.slice(0, 3).join("', '") + "'.";
      }
    }
    return text;
  }

  function isHelped(el) {
    if (!el || !el.name || el.tagName === "SELECT") return false;
    return el.name === "summary" || /^findings-\d+-(headline|detail)$/.test(el.name);
  }

  function helpFor(field) {
    var id = (field.id || field.name) + "-writing-help";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "help writing-help";
      // Read out once the writer pauses, not on every key.
      note.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", note);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return note;
  }

  var timers = {};
  function update(field, now) {
    var note = helpFor(field);
    clearTimeout(timers[note.id]);
    var write = function () {
      note.textContent = describe(field);
    };
    if (now) write();
    else timers[note.id] = setTimeout(write, 500);
  }

  function projectText(form) {
    var names = /^(title|summary)$|^findings-\d+-(headline|detail|recommendation)$|^body-/;
    var text = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && names.test(el.name) && typeof el.value === "string") text.push(el.value);
    });
    // The write-up's rich text is held by the editor widgets, not plain form fields.
    Array.prototype.forEach.call(form.querySelectorAll("[contenteditable='true']"), function (el) {
      text.push(el.textContent);
    });
    return text.join(" ");
  }

  function checkContentNote(form) {
    var noteField = form.elements.namedItem("content_note");
    if (!noteField || !noteField.tagName) return;
    var id = "content-note-reminder";
    var reminder = document.getElementById(id);
    var found = [];
    if (!noteField.value.trim()) {
      (projectText(form).match(SENSITIVE) || []).forEach(function (w) {
        w = w.toLowerCase();
        if (found.indexOf(w) === -1) found.push(w);
      });
    }
    if (!found.length) {
      if (reminder) reminder.hidden = true;
      return;
    }
    if (!reminder) {
      reminder = document.createElement("p");
      reminder.id = id;
      reminder.className = "help-block help-warning writing-help";
      reminder.setAttribute("role", "status");
      noteField.insertAdjacentElement("afterend", reminder);
    }
    reminder.hidden = false;
    reminder.textContent =
      "Warning: this project mentions '" +
      found.slice(0, 5).join("', '") +
      "'. Please add a content note so that readers can choose whether to continue.";
  }

  function start() {
    var form = document.querySelector("form[data-edit-form], #page-edit-form");
    if (!form || !form.elements.namedItem("summary")) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (isHelped(el)) update(el, true);
    });
    checkContentNote(form);
    var pending;
    form.addEventListener("input", function (event) {
      if (isHelped(event.target)) update(event.target, false);
      clearTimeout(pending);
      pending = setTimeout(function () {
        checkContentNote(form);
      }, 800);
    });
    // Findings added with "Add finding" get their help when first used.
    form.addEventListener("focusin", function (event) {
      if (isHelped(event.target)) update(event.target, true);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  // Exposed for the tests that check the script counts as projects/readability.py does.
  window.fellowshipWritingHelp = {
    analyse: analyse,
    syllables: syllables,
    sensitive: SENSITIVE,
    describeHeadline: describeHeadline,
  };
})();
