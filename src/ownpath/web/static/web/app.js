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
    /* The "More" drop-down closes with Escape (focus back on it) or a click elsewhere. */
    var more = nav.querySelector("details.nav-more");
    if (!more) return;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && more.open) {
        more.open = false;
        more.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (more.open && !more.contains(event.target)) more.open = false;
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
    /* Hours filled in for the person are selected on focus, so typing replaces them. */
    hours.addEventListener("focus", function () { if (hours.dataset.filled === "1") hours.select(); });
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
    activity.addEventListener("input", function () {
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

  /* --- Offline quick log -------------------------------------------------------------------
     An entry saved without a connection is kept on the device (IndexedDB) and sent when the
     connection returns. Each carries the id the form was given (its "uuid"), so the server
     saves it once however often it is sent. */
  var DB_NAME = "ownpath", STORE = "queued-entries";

  function openQueue() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "uuid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function inQueue(mode, work) {
    return openQueue().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function newEntryId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function say(text) {
    var status = document.getElementById("log-status");
    if (status) status.textContent = text;
  }

  function queueEntry(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") fields[name] = value;
    });
    if (!fields.uuid) fields.uuid = newEntryId();
    if (!fields.activity || !fields.hours || !fields.energy) {
      say("No connection, and this entry is not complete: give the activity, the hours and a face.");
      return Promise.resolve();
    }
    return inQueue("readwrite", function (store) { store.put({ uuid: fields.uuid, fields: fields }); })
      .then(function () { return inQueue("readonly", function (store) { return store.count(); }); })
      .then(function (waiting) {
        form.querySelector('input[name="uuid"]').value = newEntryId();
        ["#f-activity", "#f-hours", "#f-note"].forEach(function (selector) {
          var input = form.querySelector(selector);
          if (input) input.value = "";
        });
        form.querySelectorAll('input[name="energy"]').forEach(function (face) { face.checked = false; });
        form.querySelectorAll(".chip").forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
        say("No connection: " + (fields.activity || "entry") + ", " + (fields.hours || "?") + " h kept on this device (" +
            waiting + " waiting). It is saved when you are back online.");
        var first = form.querySelector(".chip") || form.querySelector("#f-activity");
        if (first) first.focus();
      });
  }

  var flushing = false;

  function sendQueued() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    var form = document.getElementById("quick-log");
    var token = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!form || !token) return Promise.resolve();
    flushing = true;
    var saved = 0, refused = [];
    return inQueue("readonly", function (store) { return store.getAll(); }).then(function (entries) {
      return entries.reduce(function (previous, entry) {
        return previous.then(function () {
          return fetch(form.getAttribute("action"), {
            method: "POST", credentials: "same-origin",
            headers: { "X-CSRFToken": token.value, "X-Ownpath-Queued": "1" },
            body: new URLSearchParams(entry.fields)
          }).then(function (response) {
            if (response.ok) saved += 1;
            else if (response.status === 400) refused.push(entry.fields.activity || "an entry");
            else throw new Error("not saved yet: " + response.status);
            return inQueue("readwrite", function (store) { store.delete(entry.uuid); });
          });
        });
      }, Promise.resolve());
    }).catch(function () { /* still offline or the server is away: try again later */ })
      .then(function () {
        flushing = false;
        if (saved || refused.length) {
          say((saved ? saved + " entr" + (saved === 1 ? "y" : "ies") + " kept offline now saved. " : "") +
              (refused.length ? "Could not save " + refused.join(", ") + ": log it again. " : ""));
          document.dispatchEvent(new CustomEvent("ownpath:queue-sent", { detail: { saved: saved } }));
        }
      });
  }

  function setUpOfflineLog() {
    if (navigator.serviceWorker && document.body.dataset.serviceWorker) {
      navigator.serviceWorker.register(document.body.dataset.serviceWorker).catch(function () {});
    }
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var form = event.detail.elt;
      if (form && form.id === "quick-log" && !navigator.onLine) {
        event.preventDefault();
        queueEntry(form);
      }
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      var form = event.detail.elt;
      if (form && form.id === "quick-log") queueEntry(form);
    });
    document.addEventListener("submit", function (event) {
      if (event.target.id === "quick-log" && !navigator.onLine && !window.htmx) {
        event.preventDefault();
        queueEntry(event.target);
      }
    });
    document.querySelectorAll('form[action$="/logout/"]').forEach(function (form) {
      form.addEventListener("submit", function () {
        if (navigator.serviceWorker && navigator.serviceWorker.controller) {
          navigator.serviceWorker.controller.postMessage("forget");
        }
      });
    });
    window.addEventListener("online", sendQueued);
    sendQueued();
  }


  /* Copy buttons beside read-only links (invitations): shown only where the clipboard works. */
  function setUpCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".copy-button[data-copy]").forEach(function (button) {
      if (button.dataset.ready === "1") return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.copy);
        if (!field) return;
        navigator.clipboard.writeText(field.value).then(function () {
          button.firstChild.textContent = "Copied";
        });
      });
    });
    document.querySelectorAll(".copy-field").forEach(function (field) {
      field.addEventListener("focus", function () { field.select(); });
    });
  }

  /* Drafts: what is typed into a field marked data-draft is kept in this tab until it is saved, so
     a page redrawn by another form (or reloaded) gives it back instead of emptying the box. */
  function draftKey(field) { return "ownpath-draft:" + field.dataset.draft; }

  function restoreDrafts(root) {
    if (!window.sessionStorage) return;
    (root || document).querySelectorAll("[data-draft]").forEach(function (field) {
      if (field.dataset.draftReady !== "1") {
        field.dataset.draftReady = "1";
        field.addEventListener("input", function () {
          try { sessionStorage.setItem(draftKey(field), field.value); } catch (e) { /* storage full: no draft */ }
        });
      }
      var draft = sessionStorage.getItem(draftKey(field));
      if (draft === null) return;
      if (draft === field.defaultValue) {
        sessionStorage.removeItem(draftKey(field));
      } else if (field.value !== draft) {
        field.value = draft;
        var note = document.getElementById(field.id + "-draft");
        if (note) note.hidden = false;
      }
    });
  }

  function forgetDrafts(form) {
    if (!window.sessionStorage || !form || !form.querySelectorAll) return;
    form.querySelectorAll("[data-draft]").forEach(function (field) { sessionStorage.removeItem(draftKey(field)); });
  }

  var PENDING = "ownpath-draft-pending";

  /* Drafts of a whole-page form just sent: the page it led to says whether it was saved. Refused
     (the page shows an error), they come back into the form; saved, they are dropped. */
  function settlePendingDrafts() {
    var pending = sessionStorage.getItem(PENDING);
    if (pending === null) return;
    sessionStorage.removeItem(PENDING);
    if (document.querySelector(".messages .error, main .error[role=alert]")) return;
    try {
      JSON.parse(pending).forEach(function (key) { sessionStorage.removeItem(key); });
    } catch (e) { /* a broken list: keep the drafts */ }
  }

  function setUpDrafts() {
    if (!window.sessionStorage) return;
    settlePendingDrafts();
    restoreDrafts(document);
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (!event.detail.successful) return;
      /* The form that sent the request (when the swap removed it, htmx fires this event again on an
         ancestor still in the page, whose other fields must keep their drafts). */
      var form = (event.detail.requestConfig && event.detail.requestConfig.elt) || event.detail.elt;
      if (!form || form.tagName !== "FORM") return;
      forgetDrafts(form);
      /* A form that adds to a list (the agenda) stays on the page: empty it once its item is in. */
      if (form.matches && form.matches("form[data-reset-on-save]") && !event.detail.xhr.getResponseHeader("HX-Retarget")) {
        form.reset();
        var error = form.querySelector("[role=alert]");
        if (error) error.remove();
      }
    });
    document.body.addEventListener("htmx:afterSettle", function (event) { restoreDrafts(event.target); });
    /* A full-page form (not htmx) sends the browser away: its own fields wait for the answer (see
       settlePendingDrafts), the other fields stay drafts. */
    document.querySelectorAll("form:not([hx-post])").forEach(function (form) {
      form.addEventListener("submit", function () {
        var keys = Array.prototype.map.call(form.querySelectorAll("[data-draft]"), draftKey);
        if (keys.length) sessionStorage.setItem(PENDING, JSON.stringify(keys));
      });
    });
  }

  /* Activity pickers: a field that takes one or several activities ("Selling & persuading, Admin")
     or hours per activity ("Admin=-4, Research=4") suggests the labels for the part being typed. */
  function setUpActivityPickers() {
    document.querySelectorAll("input[data-activity-picker]").forEach(function (input) {
      if (input.dataset.ready === "1") return;
      var source = document.getElementById(input.getAttribute("list") || "");
      if (!source) return;
      input.dataset.ready = "1";
      var labels = Array.prototype.map.call(source.querySelectorAll("option"), function (o) { return o.value; });
      var own = document.createElement("datalist");
      own.id = input.id + "-suggestions";
      input.insertAdjacentElement("afterend", own);
      input.setAttribute("list", own.id);
      var mix = input.dataset.activityPicker === "mix";
      function refresh() {
        var value = input.value;
        var cut = value.lastIndexOf(",");
        var prefix = cut < 0 ? "" : value.slice(0, cut + 1) + " ";
        own.textContent = "";
        labels.forEach(function (label) {
          var option = document.createElement("option");
          option.value = prefix + label + (mix ? "=" : "");
          own.appendChild(option);
        });
      }
      input.addEventListener("input", refresh);
      refresh();
    });
  }

  function start() {
    setUpCopyButtons();
    setUpDrafts();
    setUpActivityPickers();
    setUpOfflineLog();
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
