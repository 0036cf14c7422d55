/* The search page, enhanced: "use my location" fills the point from the browser, and the
   search box offers titles as you type. Without this script the page works the same:
   type a point or choose your community, and search without suggestions. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;

  function nearMe() {
    var button = form.querySelector("[data-near-me]");
    var status = form.querySelector("[data-near-status]");
    if (!button || !status || !("geolocation" in navigator)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.finding;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.lat.value = position.coords.latitude.toFixed(5);
          form.elements.lon.value = position.coords.longitude.toFixed(5);
          status.textContent = button.dataset.found;
          if (form.requestSubmit) form.requestSubmit(); else form.submit();
        },
        function () { status.textContent = button.dataset.failed; },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  }

  function suggestions() {
    var box = form.elements.q;
    var list = document.getElementById("search-suggestions");
    if (!box || !list || !box.dataset.suggestUrl || !window.fetch) return;
    var timer = null;
    var asked = "";
    function show(prefix, words) {
      if (box.value.trim() !== prefix) return;
      list.replaceChildren.apply(list, words.map(function (word) {
        var option = document.createElement("option");
        option.value = word;
        return option;
      }));
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var prefix = box.value.trim();
        if (!prefix || prefix === asked) return;
        asked = prefix;
        fetch(box.dataset.suggestUrl + "?q=" + encodeURIComponent(prefix), {
          headers: { Accept: "application/json" },
          credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { show(prefix, data.suggestions || []); })
          .catch(function () { /* no suggestions: the box still searches */ });
      }, 200);
    });
  }

  nearMe();
  suggestions();
})();
