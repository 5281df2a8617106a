/* The offline deck: navigation, slide number in the address, full screen, and the presenter view.
   The presenter view is this same file opened with #presenter-N in a second window; the two
   windows keep in step through postMessage (works from file://) and BroadcastChannel when the
   browser allows it. No request ever leaves the file. */
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".deck > .slide"));
  if (!slides.length) { return; }
  var data = JSON.parse(document.getElementById("deck-data").textContent);
  var labels = data.labels;
  var presenter = /^#presenter/.test(location.hash);
  var message = "coursebuild-deck:" + data.id;
  var current = -1;
  var peer = presenter ? window.opener : null;
  var channel = null;
  var notesBox = null, elapsedBox = null, counterBox = document.querySelector(".counter");
  var started = Date.now();

  root.classList.add("js");
  if (presenter) { root.classList.add("presenter"); }

  function numberInHash() {
    var match = /(\d+)$/.exec(location.hash);
    return match ? parseInt(match[1], 10) - 1 : 0;
  }

  function clamp(index) { return Math.max(0, Math.min(slides.length - 1, index)); }

  function show(index, tell) {
    index = clamp(index);
    if (index === current) { return; }
    current = index;
    slides.forEach(function (slide, k) {
      slide.classList.toggle("current", k === index);
      slide.classList.toggle("next", presenter && k === index + 1);
      slide.setAttribute("aria-hidden", k === index ? "false" : "true");
    });
    var hash = (presenter ? "#presenter-" : "#") + (index + 1);
    if (location.hash !== hash) {
      try { location.replace(hash); } catch (e) { /* some browsers refuse on file://; the deck still works */ }
    }
    if (counterBox) { counterBox.textContent = (index + 1) + " / " + slides.length; }
    if (presenter) { showNotes(index); }
    fitText(slides[index]);
    if (presenter && index + 1 < slides.length) { fitText(slides[index + 1]); }
    if (tell) { send({ slide: index }); }
  }

  /* fit.py already chose a text size; this only shrinks further if a browser's fonts run longer. */
  function fitText(slide) {
    var body = slide.querySelector(".slide-body"), text = slide.querySelector(".slide-text");
    if (!body || !text || slide.getAttribute("data-fitted")) { return; }
    var size = parseFloat(getComputedStyle(text).fontSize) / parseFloat(getComputedStyle(body).fontSize);
    while (body.scrollHeight > body.clientHeight + 1 && size > 0.6) {
      size -= 0.05;
      text.style.fontSize = size.toFixed(2) + "em";
    }
    slide.setAttribute("data-fitted", "1");
  }

  function send(payload) {
    payload.deck = message;
    if (peer && !peer.closed) {
      try { peer.postMessage(payload, "*"); } catch (e) { peer = null; }
    }
    if (channel) {
      try { channel.postMessage(payload); } catch (e) { channel = null; }
    }
  }

  function receive(payload, source) {
    if (!payload || payload.deck !== message) { return; }
    if (source && source !== window) { peer = source; }
    if (payload.hello) { send({ slide: current }); return; }
    if (typeof payload.slide === "number") { show(payload.slide, false); }
    if (typeof payload.blackout === "boolean") { blackout(payload.blackout, false); }
  }

  window.addEventListener("message", function (event) { receive(event.data, event.source); });
  if ("BroadcastChannel" in window) {
    try {
      channel = new BroadcastChannel(message);
      channel.onmessage = function (event) { receive(event.data, null); };
    } catch (e) { channel = null; }
  }

  /* The audience's screen goes black; the presenter view dims its current slide to show it. */
  function blackout(on, tell) {
    root.classList.toggle("blackout", on);
    if (tell) { send({ blackout: on }); }
  }

  function next() { show(current + 1, true); }
  function previous() { show(current - 1, true); }

  function toggleFullscreen() {
    var element = document.documentElement;
    if (document.fullscreenElement || document.webkitFullscreenElement) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    } else if (element.requestFullscreen) {
      element.requestFullscreen();
    } else if (element.webkitRequestFullscreen) {
      element.webkitRequestFullscreen();
    }
  }

  function openPresenter() {
    if (presenter) { return; }
    var address = location.href.split("#")[0] + "#presenter-" + (current + 1);
    var opened = window.open(address, "coursebuild-presenter-" + data.id, "width=1280,height=800");
    if (opened) { peer = opened; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === "Enter" ||
        (key === " " && !event.shiftKey) || key === "n") {
      next();
    } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || key === "Backspace" ||
               (key === " " && event.shiftKey)) {
      previous();
    } else if (key === "Home") {
      show(0, true);
    } else if (key === "End") {
      show(slides.length - 1, true);
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
    } else if (key === "p" || key === "P" || key === "s" || key === "S") {
      openPresenter();
    } else if (key === "b" || key === "B" || key === ".") {
      blackout(!root.classList.contains("blackout"), true);  /* presenter remotes' "black screen" key */
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest && target.closest("a, button, .presenter-notes, .presenter-bar")) {
      var action = target.closest("button") && target.closest("button").getAttribute("data-action");
      if (action === "next") { next(); }
      if (action === "previous") { previous(); }
      if (action === "fullscreen") { toggleFullscreen(); }
      if (action === "presenter") { openPresenter(); }
      return;
    }
    if (!presenter || (target.closest && target.closest(".slide.current"))) { next(); }
  });

  var touchX = null;
  document.addEventListener("touchstart", function (event) {
    touchX = event.changedTouches.length ? event.changedTouches[0].clientX : null;
  }, { passive: true });
  document.addEventListener("touchend", function (event) {
    if (touchX === null || !event.changedTouches.length) { return; }
    var dx = event.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 40) { if (dx < 0) { next(); } else { previous(); } }
  }, { passive: true });

  var pointerTimer = null;
  document.addEventListener("mousemove", function () {
    root.classList.add("pointer-active");
    clearTimeout(pointerTimer);
    pointerTimer = setTimeout(function () { root.classList.remove("pointer-active"); }, 2500);
  });

  window.addEventListener("hashchange", function () { show(numberInHash(), true); });

  function buildPresenter() {
    var deck = document.getElementById("deck");
    var bar = document.createElement("div");
    bar.className = "presenter-bar";
    var title = document.createElement("span");
    title.className = "title";
    title.textContent = document.title;
    counterBox = document.createElement("span");
    counterBox.className = "counter";
    elapsedBox = document.createElement("span");
    elapsedBox.className = "elapsed";
    elapsedBox.title = labels.elapsed;
    elapsedBox.addEventListener("click", function () { started = Date.now(); tick(); });
    bar.appendChild(title);
    bar.appendChild(counterBox);
    bar.appendChild(elapsedBox);
    var nextLabel = document.createElement("p");
    nextLabel.className = "presenter-next-label";
    nextLabel.textContent = labels["next-slide"];
    notesBox = document.createElement("section");
    notesBox.className = "presenter-notes";
    notesBox.setAttribute("aria-live", "polite");
    deck.appendChild(bar);
    deck.appendChild(nextLabel);
    deck.appendChild(notesBox);
    document.title = labels["presenter-view"] + ": " + document.title;
    setInterval(tick, 1000);
    tick();
  }

  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    var minutes = Math.floor(seconds / 60);
    elapsedBox.textContent = labels.elapsed + " " + (minutes < 10 ? "0" : "") + minutes + ":" +
      (seconds % 60 < 10 ? "0" : "") + (seconds % 60);
  }

  function showNotes(index) {
    var heading = "<h2>" + labels.notes + "</h2>";
    notesBox.innerHTML = heading + (data.notes[index] || "<p class=\"none\">" + labels["no-notes"] + "</p>");
    notesBox.scrollTop = 0;
  }

  if (presenter) { buildPresenter(); }
  show(numberInHash(), false);
  if (peer) { send({ hello: true }); }
  else if (channel) { send({ hello: true }); }
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () {
      slides.forEach(function (slide) { slide.removeAttribute("data-fitted"); });
      var index = current;
      fitText(slides[index]);
      if (presenter && index + 1 < slides.length) { fitText(slides[index + 1]); }
    });
  }
}());
