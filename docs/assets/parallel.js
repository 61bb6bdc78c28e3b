/* The parallel page: hovering over a sentence, or reaching it with the keyboard,
   highlights it and its counterpart in the other language (the same data-seg). */
(function () {
  var table = document.querySelector(".parallel");
  if (!table) return;
  function mark(event, on) {
    var seg = event.target.closest && event.target.closest("[data-seg]");
    if (!seg || !table.contains(seg)) return;
    var all = table.querySelectorAll('[data-seg="' + seg.getAttribute("data-seg") + '"]');
    for (var i = 0; i < all.length; i++) all[i].classList.toggle("seg--active", on);
  }
  table.addEventListener("mouseover", function (e) { mark(e, true); });
  table.addEventListener("mouseout", function (e) { mark(e, false); });
  table.addEventListener("focusin", function (e) { mark(e, true); });
  table.addEventListener("focusout", function (e) { mark(e, false); });
})();
