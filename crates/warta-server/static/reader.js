// warta reader: the reading controls (theme, size, typeface, remembered in this browser) and
// each date shown again in the reader's own time zone. No other script runs on the page.
(function () {
  "use strict";
  var root = document.documentElement;
  var store = {
    get: function (k) { try { return window.localStorage.getItem("warta." + k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem("warta." + k, v); } catch (e) { /* private mode */ } }
  };
  var sizes = [0.85, 0.93, 1, 1.1, 1.22, 1.36];

  function pressed(selector, attribute, value) {
    document.querySelectorAll(selector).forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute(attribute) === value));
    });
  }
  function setTheme(theme) {
    root.dataset.theme = theme;
    store.set("theme", theme);
    pressed("[data-theme-choice]", "data-theme-choice", theme);
  }
  function setFace(face) {
    root.dataset.face = face;
    store.set("face", face);
    pressed("[data-face-choice]", "data-face-choice", face);
  }
  function setSize(index) {
    index = Math.max(0, Math.min(sizes.length - 1, index));
    root.dataset.size = String(index);
    root.style.setProperty("--scale", String(sizes[index]));
    store.set("size", String(index));
  }

  setTheme(store.get("theme") || "auto");
  setFace(store.get("face") || "serif");
  setSize(Number(store.get("size") || 2));

  document.addEventListener("DOMContentLoaded", function () {
    pressed("[data-theme-choice]", "data-theme-choice", root.dataset.theme);
    pressed("[data-face-choice]", "data-face-choice", root.dataset.face);
    document.querySelectorAll("[data-theme-choice]").forEach(function (b) {
      b.addEventListener("click", function () { setTheme(b.getAttribute("data-theme-choice")); });
    });
    document.querySelectorAll("[data-face-choice]").forEach(function (b) {
      b.addEventListener("click", function () { setFace(b.getAttribute("data-face-choice")); });
    });
    document.querySelectorAll("[data-size-step]").forEach(function (b) {
      b.addEventListener("click", function () {
        setSize(Number(root.dataset.size) + Number(b.getAttribute("data-size-step")));
      });
    });

    // The page's date is shown in its own zone; the reader's local time goes beside it.
    document.querySelectorAll("time[data-instant]").forEach(function (t) {
      var when = new Date(t.getAttribute("datetime"));
      var slot = t.parentNode.querySelector(".local-time");
      if (isNaN(when.getTime()) || !slot) { return; }
      slot.textContent = when.toLocaleString(undefined, {
        year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
      }) + " your time";
      slot.hidden = false;
    });

    // Images that cannot load leave a quiet placeholder rather than a broken icon.
    document.querySelectorAll(".frame img").forEach(function (img) {
      function missing() { img.parentNode.classList.add("missing"); img.remove(); }
      if (img.complete && img.naturalWidth === 0) { missing(); } else { img.addEventListener("error", missing); }
    });
  });
})();
