// Optional niceties; every page works without this script.
// Hovering a quote or a speaker in the side panel lights up all of that speaker's quotes.
(function () {
  "use strict";
  function speakerOf(el) {
    var holder = el.closest("[data-speaker]");
    return holder ? holder.getAttribute("data-speaker") : null;
  }
  function light(name, on) {
    document.querySelectorAll("mark.q").forEach(function (m) {
      if (m.getAttribute("data-speaker") === name) m.classList.toggle("lit", on);
    });
  }
  document.addEventListener("mouseover", function (ev) {
    var t = ev.target.closest && ev.target.closest("mark.q, .speaker-group");
    if (t) light(speakerOf(t), true);
  });
  document.addEventListener("mouseout", function (ev) {
    var t = ev.target.closest && ev.target.closest("mark.q, .speaker-group");
    if (t) light(speakerOf(t), false);
  });
})();
