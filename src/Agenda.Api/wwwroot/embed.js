// Agenda embed snippet (docs/booking-page.md):
//   <div data-agenda-booking="https://agenda.example.com/ana/intro-call"></div>
//   <script src="https://agenda.example.com/embed.js" async></script>
// Puts the booking page in an iframe inside each such element, sizes it to its content, and re-dispatches the page's
// messages as DOM events on the element: "agenda:booked" with detail { bookingId, start, end } (UTC, ISO 8601).
(function () {
  "use strict";
  var frames = [];

  function mount(host) {
    if (host.getAttribute("data-agenda-mounted")) { return; }
    host.setAttribute("data-agenda-mounted", "true");
    var url = new URL(host.getAttribute("data-agenda-booking"), document.currentScript ? document.currentScript.src : location.href);
    var frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = host.getAttribute("data-agenda-title") || "Booking";
    frame.width = "100%";
    frame.height = "720";
    frame.setAttribute("frameborder", "0");
    frame.setAttribute("loading", "lazy");
    host.appendChild(frame);
    frames.push({ host: host, frame: frame, origin: url.origin });
  }

  window.addEventListener("message", function (event) {
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (event.source !== f.frame.contentWindow || event.origin !== f.origin || !event.data) { continue; }
      if (event.data.type === "agenda:resize" && typeof event.data.height === "number") {
        f.frame.height = String(Math.max(200, Math.ceil(event.data.height)));
      } else if (event.data.type === "agenda:booked") {
        f.host.dispatchEvent(new CustomEvent("agenda:booked", {
          bubbles: true,
          detail: { bookingId: event.data.bookingId, start: event.data.start, end: event.data.end }
        }));
      }
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-agenda-booking]"), mount);
})();
