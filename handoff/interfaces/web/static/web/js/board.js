// The kanban board of a requisition: drag a card to another column and the move is posted with htmx.
// The server answers a status line: 200, or 422 when it refuses the move: then the card goes back where it was.
// Without JavaScript each card still links to the application, whose page has a move form.
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("#board-csrf input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function putBack(event) {
    var reference = event.from.children[event.oldIndex] || null;
    event.from.insertBefore(event.item, reference);
    updateCounts();
  }

  function updateCounts() {
    document.querySelectorAll(".board-column").forEach(function (column) {
      var count = column.querySelector("[data-count]");
      var cards = column.querySelectorAll(".board-card").length;
      if (count) count.textContent = String(cards);
    });
  }

  function onDrop(event) {
    if (event.from === event.to) return;
    var card = event.item;
    var values = { stage: event.to.dataset.stageKey, reason: "", csrfmiddlewaretoken: csrfToken() };
    if (event.to.dataset.stageOutcome === "rejected") {
      var reason = window.prompt("Why is this candidate rejected?");
      if (!reason) { putBack(event); return; }
      values.reason = reason;
    }
    updateCounts();
    card.classList.add("is-moving");
    card.addEventListener("htmx:afterRequest", function done(after) {
      card.removeEventListener("htmx:afterRequest", done);
      card.classList.remove("is-moving");
      var status = after.detail.xhr ? after.detail.xhr.status : 0;
      if (status < 200 || status >= 300) {
        putBack(event);
      } else {
        card.classList.remove("is-stale");
        var warning = card.querySelector(".stale-warning");
        if (warning) warning.remove();
      }
    });
    window.htmx.ajax("POST", card.dataset.moveUrl, {
      source: card, target: "#board-status", swap: "innerHTML", values: values
    });
  }

  function setUp() {
    var board = document.querySelector(".board[data-sortable]");
    if (!board || typeof window.Sortable === "undefined" || typeof window.htmx === "undefined") return;
    board.querySelectorAll(".board-cards").forEach(function (list) {
      window.Sortable.create(list, {
        group: "board", animation: 120, draggable: ".board-card", forceFallback: true, onEnd: onDrop
      });
    });
    board.dataset.ready = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
