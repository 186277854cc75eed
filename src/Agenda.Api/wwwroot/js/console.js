// The owner console: what a browser with script adds to the server-rendered pages. Every form works without it.
(function () {
  "use strict";

  var each = function (list, action) { Array.prototype.forEach.call(list, action); };
  var format = function (text) {
    var values = Array.prototype.slice.call(arguments, 1);
    return (text || "").replace(/\{(\d+)\}/g, function (_, i) { return values[+i]; });
  };

  // Navigation: on a wide screen the sections are a sidebar, so the "Menu" disclosure stays open.
  var menu = document.querySelector(".console-menu");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 56rem)");
    var place = function () { menu.open = wide.matches; };
    place();
    wide.addEventListener("change", place);
  }

  // Weekly hours: add and remove intervals in the page, and copy one day's intervals to every day.
  var hours = document.querySelector("form.hours-editor");
  if (hours) {
    var counter = 0;
    var status = document.getElementById("hours-status");
    var template = hours.querySelector(".interval");
    var minutes = function (value) { var p = value.split(":"); return +p[0] * 60 + +p[1]; };
    var clock = function (total) {
      var h = Math.floor(total / 60), m = total % 60;
      return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
    };
    var rowsOf = function (day) { return day.querySelectorAll(".interval"); };

    var label = function (day) {
      each(rowsOf(day), function (row, i) {
        var name = day.getAttribute("data-day-name");
        row.querySelector("label.from").textContent = format(hours.getAttribute("data-label-from"), name, i + 1);
        row.querySelector("label.to").textContent = format(hours.getAttribute("data-label-to"), name, i + 1);
        var remove = row.querySelector(".remove-interval");
        remove.setAttribute("aria-label", format(hours.getAttribute("data-label-remove"), name, i + 1));
        remove.hidden = false;
      });
    };

    var addRow = function (day, start, end) {
      var key = day.getAttribute("data-key") + "-n" + (++counter);
      var row = template.cloneNode(true);
      row.querySelector("input.index").value = key;
      var weekday = row.querySelector("input.weekday");
      weekday.name = "Rows[" + key + "].Day";
      weekday.value = day.getAttribute("data-day");
      [["start", start], ["end", end]].forEach(function (part) {
        var select = row.querySelector("select." + part[0]);
        select.id = key + "-" + part[0];
        select.name = "Rows[" + key + "]." + (part[0] === "start" ? "Start" : "End");
        select.value = part[1] || "";
        select.removeAttribute("aria-invalid");
        select.removeAttribute("aria-describedby");
        row.querySelector("label." + (part[0] === "start" ? "from" : "to")).htmlFor = select.id;
      });
      day.querySelector(".intervals").appendChild(row);
      label(day);
      return row;
    };

    var clear = function (day) { each(rowsOf(day), function (row) { row.remove(); }); };

    each(hours.querySelectorAll(".day"), function (day) {
      var toggle = day.querySelector(".day-toggle");
      // Spare empty rows are for browsers without script; here "Add an interval" makes rows.
      each(rowsOf(day), function (row) {
        if (!row.querySelector("select.start").value && !row.querySelector("select.end").value && rowsOf(day).length > 1) { row.remove(); }
      });
      label(day);
      var add = day.querySelector(".add-interval");
      add.hidden = false;
      add.addEventListener("click", function () {
        var rows = rowsOf(day);
        var last = rows.length ? rows[rows.length - 1].querySelector("select.end").value : "";
        var from = last ? Math.min(minutes(last) + 60, 23 * 60) : 9 * 60;
        var row = addRow(day, clock(from), clock(Math.min(from + 60, 24 * 60)));
        toggle.checked = true;
        row.querySelector("select.start").focus();
      });
      toggle.addEventListener("change", function () {
        if (toggle.checked && rowsOf(day).length === 0) { addRow(day, "09:00", "17:00"); }
      });
      day.addEventListener("click", function (event) {
        var remove = event.target.closest(".remove-interval");
        if (!remove) { return; }
        remove.closest(".interval").remove();
        if (rowsOf(day).length === 0) {
          toggle.checked = false;
          addRow(day, "09:00", "17:00");
          toggle.focus();
        } else {
          label(day);
          rowsOf(day)[0].querySelector("select.start").focus();
        }
      });
    });

    hours.addEventListener("click", function (event) {
      var copy = event.target.closest("button[name=copyFrom]");
      if (!copy) { return; }
      event.preventDefault();
      var source = copy.closest(".day");
      var ranges = [];
      each(rowsOf(source), function (row) {
        var start = row.querySelector("select.start").value, end = row.querySelector("select.end").value;
        if (start || end) { ranges.push([start, end]); }
      });
      var available = source.querySelector(".day-toggle").checked;
      each(hours.querySelectorAll(".day"), function (day) {
        if (day === source) { return; }
        clear(day);
        ranges.forEach(function (range) { addRow(day, range[0], range[1]); });
        if (ranges.length === 0) { addRow(day, "09:00", "17:00"); }
        day.querySelector(".day-toggle").checked = available;
      });
      status.textContent = format(hours.getAttribute("data-copied"), source.getAttribute("data-day-name"));
    });
  }

  // A link shown once: a button copies it (without script, the text is there to select).
  each(document.querySelectorAll("button.copy[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    var text = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () { button.textContent = text; }, 2000);
      });
    });
  });

  // Meeting types: a slug made from the title while the owner types, and the link it gives, until the slug is typed by hand.
  var slug = document.getElementById("mt-slug");
  var title = document.getElementById("mt-title");
  var preview = document.getElementById("slug-preview");
  if (slug && title && preview) {
    var spelled = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
    var taken = (slug.getAttribute("data-taken") || "").split(" ").filter(Boolean);
    var cut = function (text, length) { return text.slice(0, length).replace(/^-+|-+$/g, ""); };
    var fromTitle = function (text) {
      var out = "";
      Array.prototype.forEach.call(text.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, ""), function (c) {
        if (/[a-z0-9]/.test(c)) { out += c; } else if (spelled[c]) { out += spelled[c]; } else if (out && out[out.length - 1] !== "-") { out += "-"; }
      });
      return cut(out, 64) || "meeting";
    };
    var unique = function (made) {
      if (taken.indexOf(made) < 0) { return made; }
      for (var n = 2; ; n++) {
        var candidate = cut(made, 64 - ("-" + n).length) + "-" + n;
        if (taken.indexOf(candidate) < 0) { return candidate; }
      }
    };
    var byHand = slug.value !== "";
    var show = function () {
      var made = title.value.trim() ? unique(fromTitle(title.value)) : "";
      if (!byHand) { slug.value = made; }
      preview.textContent = preview.getAttribute("data-base") + (slug.value || made || "…");
    };
    title.addEventListener("input", show);
    slug.addEventListener("input", function () { byHand = slug.value !== ""; show(); });
    show();
  }
  // Workflows: a field that only one trigger or action uses shows while that one is chosen (data-show-when="Name=a,b").
  each(document.querySelectorAll("[data-show-when]"), function (field) {
    var rule = field.getAttribute("data-show-when").split("=");
    var form = field.closest("form");
    var select = form && form.querySelector("[name='" + rule[0] + "']");
    if (!select) { return; }
    var values = rule[1].split(",");
    var show = function () { field.hidden = values.indexOf(select.value) < 0; };
    show();
    select.addEventListener("change", show);
  });
})();
