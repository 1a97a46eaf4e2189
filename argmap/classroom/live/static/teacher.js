// argmap class session: the projector and moderation pages. Student text goes in with textContent only;
// the map and the chart are the server's SVG (escaped there).
"use strict";
const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) (k === "text" ? (e.textContent = v) : e.setAttribute(k, v));
  for (const kid of kids) e.append(kid);
  return e;
};
const base = document.body.dataset.base;
async function post(url, data) {
  const r = await fetch(base + url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
  let body = {};
  try { body = await r.json(); } catch (e) { body = { error: "the server answered " + r.status }; }
  return { status: r.status, body };
}
async function text(url) {
  const r = await fetch(base + url);
  return r.status === 200 ? r.text() : null;
}
let version = -1, mapVersion = -1;

async function drawMap() {
  const svg = await text("/map.svg");
  if (svg !== null) $("#map").innerHTML = svg;
}
async function drawTally() {
  const svg = await text("/tally.svg");
  if (svg !== null) $("#tally").innerHTML = svg;
}
async function outcome() {
  const r = await fetch(base + "/api/outcome");
  if (r.status !== 200) return;
  const o = await r.json();
  const box = $("#outcome");
  const accepted = o.accepted.length ? o.accepted.join(", ") : "none";
  const rows = o.changed.map((c) => el("tr", {}, el("td", { text: c.id }), el("td", { text: c.text }), el("td", { text: `${c.before} → ${c.after}${c.why ? ": " + c.why : ""}` })));
  const table = rows.length ? el("table", {}, el("tr", {}, el("th", { text: "row" }), el("th", { text: "statement" }), el("th", { text: "outcome" })), ...rows)
    : el("p", { text: "No row of the branch changes its outcome (stands or falls)." });
  box.replaceChildren(el("p", { text: `Class objections the class accepted in this round: ${accepted}.` }), table);
  const map = el("div", { class: "map" });
  map.innerHTML = o.svg;
  box.append(map);
}

function card(row) {
  const li = el("li", { "data-id": row.id }, el("b", { text: `${row.id} · group ${row.group} · ${row.kind}` }));
  const textArea = el("textarea", { name: "text", rows: "2", maxlength: "200" });
  textArea.value = row.text;
  const relation = el("select", { name: "relation" });
  const options = row.kind === "objection" ? ["attacks", "undercuts"] : row.kind === "restatement" ? ["supports", "attacks"] : ["supports"];
  relation.replaceChildren(...options.map((o) => el("option", { value: o, text: o })));
  relation.value = row.relation;
  const parent = el("input", { name: "parent", value: row.parent, maxlength: "32" });
  if (row.kind === "restatement") li.append(el("p", { text: `restates ${row.same_as}` }));
  else li.append(el("label", {}, "Text", textArea));
  li.append(el("label", {}, "On box", parent), el("label", {}, "Relation", relation));
  if (row.quote) li.append(el("blockquote", { text: `¶${row.paragraph}: “${row.quote}”` }));
  const err = el("p", { class: "err", role: "alert" });
  const approve = el("button", { type: "button", class: "approve", text: "Approve" });
  const reject = el("button", { type: "button", class: "reject", text: "Reject" });
  approve.addEventListener("click", async () => {
    const { status, body } = await post("/api/decide", { id: row.id, action: "approve", edits: { text: textArea.value, relation: relation.value, parent: parent.value } });
    if (status === 200) return refresh(true);
    err.textContent = body.problems ? body.problems.map((p) => `${p.field}: ${p.message}`).join(" ") : body.error;
  });
  reject.addEventListener("click", async () => {
    const { status, body } = await post("/api/decide", { id: row.id, action: "reject" });
    if (status === 200) return refresh(true);
    err.textContent = body.error;
  });
  li.append(err, approve, " ", reject);
  return li;
}

let shownPending = "";
async function moderate(force) {
  const r = await fetch(base + "/api/state");
  if (r.status !== 200) return;
  const s = await r.json();
  if (s.version === version && !force) return;
  version = s.version;
  const ids = s.pending.map((p) => p.id).join(",");
  if (ids !== shownPending || force) {  // keep the teacher's unsent edits while nothing new arrives
    shownPending = ids;
    $("#pending").replaceChildren(...(s.pending.length ? s.pending.map(card) : [el("li", { class: "muted", text: "Nothing waiting." })]));
  }
  $("#approved").replaceChildren(...s.approved.map((a) => el("li", { "data-id": a.id, text: `${a.id} (group ${a.group}) ${a.relation} ${a.parent}: ${a.text || "restates " + a.same_as}` })));
  const joined = Object.entries(s.students).map(([g, n]) => `${n} in group ${g}`).join(", ") || "nobody yet";
  $("#counts").textContent = `(${s.pending.length} waiting, ${s.approved.length} approved, ${s.rejected} rejected; students: ${joined})`;
  const t = s.tally;
  $("#round-state").textContent = t.round === null ? "No round yet." : `Round ${t.round} is ${t.open ? "open" : "closed"}: ${t.raters} raters so far.`;
  const list = $("#round-rows");
  const unticked = new Set([...list.querySelectorAll("input:not(:checked)")].map((i) => i.value));
  list.replaceChildren(...s.boxes.map((b) => {
    const input = el("input", { type: "checkbox", value: b.id });
    input.checked = !unticked.has(b.id);  // a new box (a row just approved) is ticked
    return el("label", {}, input, ` ${b.id}: ${b.text}`);
  }));
  drawTally();
}

async function refresh(force) {
  if (document.body.dataset.page === "moderate") return moderate(force);
  const r = await fetch(base + "/api/version");
  if (r.status !== 200) return;
  const { version: v, map: m } = await r.json();
  if (v === version && !force) return;
  version = v;
  const redraw = m !== mapVersion || force;
  mapVersion = m;
  await Promise.all([redraw ? drawMap() : null, drawTally()]);
  if ($("#outcome").childElementCount) outcome();
}

if (document.body.dataset.page === "moderate") {
  $("#open-round").addEventListener("click", async () => {
    const rows = [...$("#round-rows").querySelectorAll("input:checked")].map((i) => i.value);
    const { status, body } = await post("/api/round", { action: "open", rows });
    $("#round-state").textContent = status === 200 ? `Round ${body.round} is open.` : body.error;
    refresh(true);
  });
  $("#close-round").addEventListener("click", async () => { await post("/api/round", { action: "close" }); refresh(true); });
}
if (document.body.dataset.page === "projector") $("#show-outcome").addEventListener("click", outcome);
refresh(true);
setInterval(() => refresh(false).catch(() => {}), 1500);
