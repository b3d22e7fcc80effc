// The participant's page, live. Follows the session's stream and swaps in the sections that
// changed, counts the turn down on the phone's clock corrected to the store's, and sends forms
// without leaving the page. Without this script every form still works as a plain post.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.dataset.session) return;
  var session = main.dataset.session;
  var me = main.dataset.me;
  var seq = Number(main.dataset.seq) || 0;
  var seen = seq;
  var shown = seq;
  var offset = (Number(main.dataset.now) || Date.now()) - Date.now();
  var pending = null;
  var fetching = false;
  var stale = false;

  function serverNow() { return Date.now() + offset; }

  function clockText(seconds) {
    var over = seconds < 0;
    var whole = over ? Math.floor(seconds) : Math.ceil(seconds);
    var rest = Math.abs(whole);
    var text = Math.floor(rest / 60) + ":" + String(rest % 60).padStart(2, "0");
    return over ? "+" + text : text;
  }

  function tick() {
    var clock = document.getElementById("clock");
    if (!clock || clock.dataset.status === "planned") return;
    var spent = Number(clock.dataset.used);
    if (clock.dataset.status === "running" && clock.dataset.resumed) {
      spent += Math.max(0, (serverNow() - Date.parse(clock.dataset.resumed)) / 1000);
    }
    var left = Number(clock.dataset.planned) - spent;
    var paused = clock.dataset.status === "paused" ? " · paused" : "";
    clock.textContent = clockText(left) + (left < 0 ? " over time" : " left") + paused;
    clock.classList.toggle("over", left < 0);
  }

  function parse(html) { return new DOMParser().parseFromString(html, "text/html"); }

  // Swaps in the live sections of `doc`, drawn at change `drawn`, unless the page already
  // shows a later state: a reply that crossed a newer one on the way never rolls it back.
  function swap(doc, force, drawn) {
    if (drawn < shown) { tick(); return; }
    shown = drawn;
    doc.querySelectorAll("[data-live]").forEach(function (fresh) {
      var current = document.getElementById(fresh.id);
      if (!current) return;
      var busy = current.contains(document.activeElement) && document.activeElement !== document.body;
      if (busy && !(force && current.contains(force))) return;
      current.replaceWith(document.importNode(fresh, true));
    });
    tick();
  }

  function refresh() {
    pending = null;
    if (fetching) { stale = true; return; }
    fetching = true;
    var sent = Date.now();
    fetch("/s/" + session + "/live?seq=" + seen, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = parse(html);
        var root = doc.querySelector("[data-status]");
        if (!root || root.dataset.status === "ended") { location.reload(); return; }
        offset = Number(root.dataset.now) - (sent + Date.now()) / 2;
        var drawn = Number(root.dataset.seq) || 0;
        seq = Math.max(seq, drawn);
        swap(doc, null, drawn);
      })
      .catch(function () { stale = true; })
      .finally(function () {
        fetching = false;
        if (stale) { stale = false; schedule(500); }
      });
  }

  function schedule(delay) {
    if (pending === null) pending = setTimeout(refresh, delay);
  }

  // Whether a change can alter this page: others joining or raising hands cannot, so a
  // room full of phones joining does not make every phone fetch its page again each time.
  function matters(data) {
    var change;
    try { change = JSON.parse(data); } catch (error) { return true; }
    var record = change.record || {};
    switch (change.table) {
      case "attendances": return record.member_id === me;
      case "members": return !record.is_guest;
      case "items": return record.member_id === me;
      case "thanks": return record.from_member_id === me || record.to_member_id === me;
      case "notes": case "follow_ups": return false;
      default: return true;
    }
  }

  function follow() {
    if (!window.EventSource) return;
    var stream = new EventSource("/api/v1/sessions/" + session + "/stream?after=" + seq);
    stream.addEventListener("change", function (event) {
      seen = Math.max(seen, Number(event.lastEventId) || 0);
      if (matters(event.data)) schedule(60);
    });
    stream.addEventListener("open", function () { schedule(60); });
  }

  function say(doc, focus) {
    ["notice", "error"].forEach(function (id) {
      var fresh = doc.getElementById(id);
      var current = document.getElementById(id);
      if (current) current.remove();
      if (fresh) main.insertBefore(document.importNode(fresh, true), main.firstChild);
    });
    var message = document.getElementById("error") || document.getElementById("notice");
    if (focus && message && !message.hidden) {
      message.tabIndex = -1;
      message.focus({ preventScroll: true });
    }
  }

  // What the form holds now, to tell whether the person changed it since sending it.
  function filled(form) { return new URLSearchParams(new FormData(form)).toString(); }

  // The person began the next one while this one was on its way: keep what they typed and
  // where they are, with the fresh form's id so that it files as a new item.
  function keepTyping(form, fresh) {
    var id = fresh.querySelector("[data-request-id]");
    var current = form.querySelector("[data-request-id]");
    if (id && current) current.value = id.value;
  }

  function sent(form, doc, before) {
    var page = doc.querySelector("main[data-session]");
    if (!page) { location.reload(); return; }
    var typing = false;
    var holder = form.closest("section");
    if (holder && !holder.hasAttribute("data-live")) {
      var fresh = doc.getElementById(holder.id);
      typing = fresh !== null && !doc.getElementById("error") &&
        form.hasAttribute("data-reset") && filled(form) !== before;
      if (typing) keepTyping(form, fresh);
      else if (fresh) holder.replaceWith(document.importNode(fresh, true));
    }
    swap(doc, form, Number(page.dataset.seq) || 0);
    if (form.isConnected) form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
    say(doc, !typing);
  }

  function offline(form) {
    var note = document.getElementById("error") || document.createElement("p");
    note.id = "error";
    note.className = "error";
    note.setAttribute("role", "alert");
    note.textContent = "No connection. Your form is kept: send it again when you are back online.";
    if (!note.parentNode) main.insertBefore(note, main.firstChild);
    form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-form]")) return;
    event.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    var before = filled(form);
    var body = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    })
      .then(function (response) { return response.text(); })
      .then(function (html) { sent(form, parse(html), before); })
      .catch(function () { offline(form); })
      .finally(function () { delete form.dataset.busy; });
  });

  tick();
  setInterval(tick, 500);
  follow();
})();
