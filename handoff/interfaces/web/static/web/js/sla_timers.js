// Live SLA timers: every <time data-local-time> is shown in the viewer's own time zone, and those marked
// data-sla-deadline count down ("in 1 h 05 min", "overdue by 12 min"), refreshed every 15 seconds.
// Progressive enhancement: without JavaScript the server's UTC time stays.
(function () {
  "use strict";
  var FORMAT = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });

  function span(minutes) {
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    if (days > 0) return days + " d " + hours + " h";
    if (hours > 0) return hours + " h " + (mins < 10 ? "0" : "") + mins + " min";
    return mins + " min";
  }

  function remaining(deadline, now) {
    var minutes = Math.round((deadline - now) / 60000);
    return minutes >= 0 ? "in " + span(minutes) : "overdue by " + span(-minutes);
  }

  function render(element, now) {
    var at = new Date(element.getAttribute("datetime"));
    if (isNaN(at.getTime())) return;
    var text = FORMAT.format(at);
    if (element.hasAttribute("data-sla-deadline")) {
      text += " (" + remaining(at, now) + ")";
      element.classList.toggle("is-overdue", at < now);
    }
    element.textContent = text;
  }

  function refresh() {
    var now = new Date();
    document.querySelectorAll("time[data-local-time]").forEach(function (element) { render(element, now); });
  }

  function start() {
    refresh();
    window.setInterval(refresh, 15000);
    document.body.addEventListener("htmx:afterSwap", refresh);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
