/* ownpath's own script: small progressive enhancements; every page works without it. */
(function () {
  "use strict";

  /* The compact navigation: on narrow screens the links fold under a "Menu" button. */
  function setUpMenu() {
    var button = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!button || !nav) return;
    button.hidden = false;
    document.documentElement.classList.add("has-menu");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) {
        nav.classList.remove("open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  /* A table wider than the screen scrolls in its own box, reachable by keyboard (tabindex in
     the markup, so the script-free report works too); a box that does not scroll is no tab stop. */
  function markScrollingTables() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    });
  }

  /* Quick log: a chip fills in the activity and its usual hours; typing a known activity fills
     in its usual hours too (only while the hours are empty or were filled in this way). */
  function setUpQuickLog(form) {
    if (!form || form.dataset.ready === "1") return;
    form.dataset.ready = "1";
    var activity = form.querySelector("#f-activity");
    var hours = form.querySelector("#f-hours");
    if (!activity || !hours) return;
    function fillHours(value) {
      if (value && (hours.value === "" || hours.dataset.filled === "1")) {
        hours.value = value;
        hours.dataset.filled = "1";
      }
    }
    hours.addEventListener("input", function () { hours.dataset.filled = ""; });
    form.querySelectorAll(".chip").forEach(function (chip) {
      chip.addEventListener("click", function () {
        activity.value = chip.dataset.activity;
        fillHours(chip.dataset.hours);
        form.querySelectorAll(".chip").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === chip));
        });
        var face = form.querySelector('input[name="energy"]:checked') || form.querySelector('input[name="energy"][value="0"]');
        if (face) face.focus();
      });
    });
    activity.addEventListener("change", function () {
      var options = document.querySelectorAll("#activity-list option");
      for (var i = 0; i < options.length; i++) {
        if (options[i].value.toLowerCase() === activity.value.trim().toLowerCase() && options[i].dataset.hours) {
          fillHours(options[i].dataset.hours);
        }
      }
    });
  }

  /* After the quick log is saved (or refused), focus goes back into the form, not to <body>. */
  function afterSwap() {
    var form = document.getElementById("quick-log");
    if (!form || form.dataset.ready === "1") return;
    setUpQuickLog(form);
    var target = form.querySelector('[aria-invalid="true"]') || form.querySelector(".chip") || form.querySelector("#f-activity");
    if (target) target.focus();
  }

  /* Option form: "Add a row" adds an empty activity row in place (without the script the
     button asks the server for the form with one more row). */
  function setUpMixRows() {
    var button = document.getElementById("add-mix-row");
    var rows = document.getElementById("mix-rows");
    if (!button || !rows) return;
    button.addEventListener("click", function (event) {
      var all = rows.querySelectorAll(".mix-row");
      var last = all[all.length - 1];
      if (!last) return;
      event.preventDefault();
      var index = all.length;
      var copy = last.cloneNode(true);
      copy.querySelectorAll("input").forEach(function (input) {
        var kind = input.name.indexOf("mix_activity_") === 0 ? "a" : "h";
        input.name = (kind === "a" ? "mix_activity_" : "mix_hours_") + index;
        input.id = "mix-" + kind + "-" + index;
        input.value = "";
      });
      copy.querySelectorAll("label").forEach(function (label) {
        var kind = label.htmlFor.indexOf("mix-a-") === 0 ? "a" : "h";
        label.htmlFor = "mix-" + kind + "-" + index;
        if (kind === "a") label.textContent = "Activity " + (index + 1);
      });
      rows.appendChild(copy);
      copy.querySelector("input").focus();
    });
  }

  function start() {
    setUpMixRows();
    setUpQuickLog(document.getElementById("quick-log"));
    document.body.addEventListener("htmx:afterSettle", afterSwap);
    setUpMenu();
    markScrollingTables();
    window.addEventListener("resize", markScrollingTables);
    document.body.addEventListener("htmx:afterSettle", markScrollingTables);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
