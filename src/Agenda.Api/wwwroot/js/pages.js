// Agenda pages: what needs a browser beyond the server-rendered HTML. Everything works without it.
(function () {
  "use strict";

  // Zone pickers: a search box filters the zones by city, country or id (accents and case ignored).
  var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  Array.prototype.forEach.call(document.querySelectorAll("[data-zone-picker]"), function (picker) {
    var search = picker.querySelector(".zone-search");
    var list = picker.querySelector("select");
    if (!search || !list) { return; }
    search.hidden = false;
    search.addEventListener("input", function () {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(list.querySelectorAll("optgroup"), function (group) {
        var shown = 0;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var text = fold(option.textContent + " " + option.value);
          var match = words.every(function (w) { return text.indexOf(w) >= 0; });
          option.hidden = !match;
          if (match) { shown++; }
        });
        group.hidden = shown === 0;
      });
    });
  });

  // Time zone: until the invitee has chosen one, show the times in the browser's zone.
  var zoneForm = document.querySelector("form.zone");
  if (zoneForm) {
    var select = zoneForm.querySelector("select[name=tz]");
    if (zoneForm.getAttribute("data-zone-chosen") === "false") {
      var detected = "";
      try { detected = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { detected = ""; }
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === detected; });
      if (known && detected !== select.value) {
        select.value = detected;
        zoneForm.submit();
      }
    }
    // A changed zone shows at once (the button stays for keyboards and screen readers).
    select.addEventListener("change", function () { zoneForm.submit(); });
  }

  // A booking form is sent once: a second click (or Enter) while the first answer is on its way does nothing. The
  // server books a form's key once in any case (FormSubmission), so without this a second send shows the same confirmation.
  Array.prototype.forEach.call(document.querySelectorAll("form.details"), function (form) {
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sending") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-sending", "true");
      if (button) { button.setAttribute("aria-disabled", "true"); }
    });
    // Back to a page kept in the browser's cache: the form may be sent again (the same key books once).
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        form.removeAttribute("data-sending");
        if (button) { button.removeAttribute("aria-disabled"); }
      }
    });
  });

  // The hold: count down the time it is kept, from the seconds the server gave (the browser's clock may differ).
  var held = document.getElementById("held");
  if (held && held.hasAttribute("data-seconds-left")) {
    var left = parseInt(held.getAttribute("data-seconds-left"), 10) || 0;
    var text = held.querySelector(".held-text");
    var template = held.getAttribute("data-countdown") || "{0}";
    var startedAt = Date.now();
    var show = function () {
      var remaining = Math.max(0, left - Math.floor((Date.now() - startedAt) / 1000));
      if (remaining <= 0) {
        text.textContent = held.getAttribute("data-expired");
        text.setAttribute("role", "alert");
        held.classList.add("expired");
        return false;
      }
      var minutes = Math.floor(remaining / 60), seconds = remaining % 60;
      var parts = template.split("{0}");
      text.textContent = "";
      text.appendChild(document.createTextNode(parts[0]));
      var clock = document.createElement("span");
      clock.className = "countdown";
      clock.setAttribute("role", "timer");
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      text.appendChild(clock);
      text.appendChild(document.createTextNode(parts.slice(1).join("{0}")));
      return true;
    };
    if (left > 0) {
      text.removeAttribute("role");
      show();
      var timer = window.setInterval(function () { if (!show()) { window.clearInterval(timer); } }, 1000);
    }
  }

  // What the invitee typed into a booking form is kept for this tab, so going back to choose another time (or a
  // refused time) does not lose it. Only in this tab's session storage; never sent anywhere else.
  Array.prototype.forEach.call(document.querySelectorAll("form.details"), function (form) {
    ["Name", "Email", "Note"].forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      var key = "agenda:" + name;
      try {
        if (!field.value && window.sessionStorage.getItem(key)) { field.value = window.sessionStorage.getItem(key); }
        field.addEventListener("input", function () { window.sessionStorage.setItem(key, field.value); });
      } catch (e) { /* storage may be off; the form works without it */ }
    });
  });
  // The answers to a meeting type's questions and the invitee's phone number too (typed fields only), per type's form.
  Array.prototype.forEach.call(document.querySelectorAll("form.details"), function (form) {
    Array.prototype.forEach.call(form.querySelectorAll("input[name^='answer.']:not([type=radio]):not([type=checkbox]), textarea[name^='answer.'], input[name=location_phone]"), function (field) {
      var key = "agenda:" + location.pathname + ":" + field.name;
      try {
        if (!field.value && window.sessionStorage.getItem(key)) { field.value = window.sessionStorage.getItem(key); }
        field.addEventListener("input", function () { window.sessionStorage.setItem(key, field.value); });
      } catch (e) { /* storage may be off; the form works without it */ }
    });
  });
  if (document.getElementById("booked")) {
    try {
      for (var i = window.sessionStorage.length - 1; i >= 0; i--) {
        var kept = window.sessionStorage.key(i);
        if (kept && kept.indexOf("agenda:") === 0) { window.sessionStorage.removeItem(kept); }
      }
    } catch (e) { /* nothing kept */ }
  }

  var framed = window.parent !== window;
  if (framed) {
    // The management page may not be framed: open it in a tab of its own.
    Array.prototype.forEach.call(document.querySelectorAll("a[data-leave-frame]"), function (a) {
      a.target = "_blank";
      a.rel = "noopener";
    });

    // Tell the embedding page about a booking, and how tall this page is (embed.js).
    var booked = document.getElementById("booked");
    if (booked) {
      window.parent.postMessage({
        type: "agenda:booked",
        bookingId: booked.getAttribute("data-booking-id"),
        start: booked.getAttribute("data-start"),
        end: booked.getAttribute("data-end")
      }, "*");
    }
    var report = function () {
      window.parent.postMessage({ type: "agenda:resize", height: document.documentElement.scrollHeight }, "*");
    };
    window.addEventListener("load", report);
    window.addEventListener("resize", report);
  }
  // The invitee's phone number is asked for only while "the host calls you" is the chosen place.
  Array.prototype.forEach.call(document.querySelectorAll("[data-phone-for]"), function (field) {
    var form = field.closest("form");
    var sync = function () {
      var chosen = form.querySelector("input[name=location]:checked");
      field.hidden = !chosen || chosen.value !== field.getAttribute("data-phone-for");
    };
    Array.prototype.forEach.call(form.querySelectorAll("input[name=location]"), function (radio) {
      radio.addEventListener("change", sync);
    });
    sync();
  });
})();
