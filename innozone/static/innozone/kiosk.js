/* InnoZone kiosk: an attract loop of exhibits, a detail view on touch, a language toggle, a return
   to the loop when nobody touches the screen, and content that follows the editors without a reload.
   The DOM is built once and updated in place, so a kiosk that runs all day does not grow. */
(function () {
  "use strict";
  const root = document.getElementById("kiosk");
  const $ = (selector) => root.querySelector(selector);
  const state = {
    feed: JSON.parse(document.getElementById("kiosk-feed").textContent),
    lang: null,
    index: 0,
    view: "attract",
    lastTouch: Date.now(),
    lastAdvance: Date.now(),
    rotations: 0,
    online: true,
  };
  state.lang = state.feed.default_language;
  const feedUrl = root.dataset.feedUrl;
  const preloaded = new Map();

  const label = (key) => state.feed.labels[state.lang][key];
  const exhibits = () => state.feed.exhibits;
  const text = (exhibit) => exhibit.text[state.lang] || exhibit.text[state.feed.default_language];
  const otherLanguage = () => {  // the next language, in the site's order: English, 繁, 简, English…
    const codes = Object.keys(state.feed.labels);
    return codes[(codes.indexOf(state.lang) + 1) % codes.length];
  };

  function setImage(img, picture) {
    if (!picture) { img.hidden = true; return; }
    img.hidden = false;
    if (img.getAttribute("src") !== picture.src) img.src = picture.src;
    img.width = picture.width;
    img.height = picture.height;
  }

  function preload() {
    // Only the next slide is fetched ahead: the first load stays small. The service worker stores
    // every image in the background for offline use.
    const list = exhibits();
    const next = list.length ? list[(state.index + 1) % list.length].slides[0] : null;
    const wanted = new Set(next ? [next.src] : []);
    for (const src of preloaded.keys()) if (!wanted.has(src)) preloaded.delete(src);
    for (const src of wanted) {
      if (!preloaded.has(src)) { const img = new Image(); img.src = src; preloaded.set(src, img); }
    }
  }

  function renderChrome() {
    document.documentElement.lang = label("tag");
    const other = otherLanguage();
    const toggle = $("#language");
    toggle.textContent = state.feed.labels[other].language_name;
    toggle.lang = state.feed.labels[other].tag;
    toggle.setAttribute("aria-label", label("switch_language"));
    $(".detail__back").textContent = label("back");
    $(".label-provider").textContent = label("provider");
    $(".label-booth").textContent = label("booth");
    $(".label-scan").textContent = label("scan");
  }

  function renderAttract() {
    const list = exhibits();
    $("#empty").hidden = list.length > 0;
    $("#empty").textContent = label("no_exhibits");
    $("#attract").hidden = state.view !== "attract" || !list.length;
    if (!list.length) return;
    state.index %= list.length;
    const exhibit = list[state.index];
    const words = text(exhibit);
    setImage($(".attract__image"), exhibit.slides[0]);
    $(".attract__title").textContent = words.title;
    $(".attract__provider").textContent = words.provider;
    $(".attract__hint").textContent = label("touch_hint");
    $(".attract__counter").textContent = label("exhibit_of")
      .replace("%(n)s", state.index + 1).replace("%(total)s", list.length);
    $("#attract").dataset.exhibit = exhibit.id;
    const dots = $(".attract__dots");
    while (dots.children.length < list.length) dots.appendChild(document.createElement("li"));
    while (dots.children.length > list.length) dots.lastChild.remove();
    Array.from(dots.children).forEach((dot, n) => dot.classList.toggle("is-current", n === state.index));
  }

  function renderDetail() {
    const detail = $("#detail");
    detail.hidden = state.view !== "detail";
    if (state.view !== "detail") return;
    const exhibit = exhibits()[state.index];
    const words = text(exhibit);
    detail.dataset.exhibit = exhibit.id;
    $(".detail__title").textContent = words.title;
    $(".detail__summary").textContent = words.summary;
    $(".detail__provider").textContent = words.provider;
    $(".detail__booth").textContent = words.booth;
    $(".detail__qr-code").innerHTML = words.qr; // SVG made by the server from the solution's address
    const photo = Math.min(state.photo || 0, exhibit.slides.length - 1);
    setImage($(".detail__image"), exhibit.slides[photo]);
    const thumbs = $(".detail__thumbs");
    thumbs.hidden = exhibit.thumbs.length < 2;
    thumbs.replaceChildren(...exhibit.thumbs.map((thumb, n) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.setAttribute("aria-label", `${label("photos")} ${n + 1}`);
      button.setAttribute("aria-pressed", String(n === photo));
      const img = document.createElement("img");
      img.alt = "";
      setImage(img, thumb);
      button.appendChild(img);
      button.addEventListener("click", () => { state.photo = n; renderDetail(); });
      item.appendChild(button);
      return item;
    }));
  }

  function render() {
    renderChrome();
    renderAttract();
    renderDetail();
  }

  function showAttract() {
    state.view = "attract";
    state.lastAdvance = Date.now();
    render();
  }

  function openDetail() {
    if (!exhibits().length) return;
    state.view = "detail";
    state.photo = 0;
    render();
  }

  function advance() {
    if (!exhibits().length) return;
    state.index = (state.index + 1) % exhibits().length;
    state.rotations += 1;
    state.lastAdvance = Date.now();
    renderAttract();
    preload();
  }

  function apply(feed) {
    const current = exhibits()[state.index];
    state.feed = feed;
    const again = current ? exhibits().findIndex((e) => e.id === current.id) : -1;
    if (again >= 0) state.index = again;
    else if (state.view === "detail") state.view = "attract";
    preload();
    render();
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage("precache");
    }
  }

  function refresh() {
    fetch(feedUrl, { cache: "no-cache", headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) return Promise.reject(response.status);
        state.online = !response.headers.has("X-Kiosk-Offline");
        return response.json();
      })
      .then((feed) => {
        if (feed.version !== state.feed.version) apply(feed);
      })
      .catch(() => { state.online = false; }) // offline: keep showing what we have
      .finally(() => setTimeout(refresh, state.feed.settings.refresh_seconds * 1000));
  }

  function tick() {
    const now = Date.now();
    const settings = state.feed.settings;
    const idle = now - state.lastTouch >= settings.idle_seconds * 1000;
    if (idle && (state.view !== "attract" || state.lang !== state.feed.default_language)) {
      state.lang = state.feed.default_language;
      showAttract();
    } else if (state.view === "attract" && now - state.lastAdvance >= settings.rotate_seconds * 1000) {
      advance();
    }
  }

  // A kiosk: no context menu, no selection, no way out.
  document.addEventListener("contextmenu", (event) => event.preventDefault());
  document.addEventListener("selectstart", (event) => event.preventDefault());
  document.addEventListener("pointerdown", () => { state.lastTouch = Date.now(); }, { capture: true });
  document.addEventListener("keydown", () => { state.lastTouch = Date.now(); }, { capture: true });
  $("#attract-open").addEventListener("click", openDetail);
  $(".detail__back").addEventListener("click", showAttract);
  $("#language").addEventListener("click", () => { state.lang = otherLanguage(); render(); });

  if (root.dataset.swUrl && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: root.dataset.swScope }).catch(() => {});
  }
  render();
  preload();
  setInterval(tick, 250);
  if (root.dataset.swUrl) setTimeout(refresh, state.feed.settings.refresh_seconds * 1000);
  window.kiosk = { state, advance, openDetail, showAttract };
})();
