// Reloads this page when the preview server says it changed; otherwise refreshes the panel in place.
(function () {
  var config = COURSEBUILD_PREVIEW;
  var scrollKey = "coursebuild-scroll:" + config.page;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  var panel = document.getElementById("cb-preview");
  // The slide deck turns any click into "next slide"; a click on the panel is not meant for it.
  if (panel) panel.addEventListener("click", function (event) { event.stopPropagation(); });
  if (!window.EventSource) return;
  var events = new EventSource("/events");
  events.addEventListener("state", function (message) {
    var state = JSON.parse(message.data);
    var version = state.pages[config.page] || 0;
    if (version !== config.version) {
      events.close();
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      window.location.reload();
      return;
    }
    if (panel && panel.innerHTML !== state.panel) panel.innerHTML = state.panel;
  });
})();
