// handoff's own behaviour: progressive enhancements only; every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenuToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function setUpAutosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.form) select.form.requestSubmit();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpMenuToggle(); setUpAutosubmit(); });
  } else {
    setUpMenuToggle();
    setUpAutosubmit();
  }
})();
