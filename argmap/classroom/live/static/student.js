// argmap class session: the join page and the student's page. Text is put in the page with textContent only;
// the map is the server's SVG (Graphviz escapes every label).
"use strict";
const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) (k === "text" ? (e.textContent = v) : e.setAttribute(k, v));
  for (const kid of kids) e.append(kid);
  return e;
};
const nonce = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
async function post(url, data) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data), credentials: "same-origin" });
  let body = {};
  try { body = await r.json(); } catch (e) { body = { error: "the server answered " + r.status }; }
  return { status: r.status, body };
}
function showProblems(form, problems, error) {
  form.querySelectorAll(".err").forEach((p) => (p.textContent = ""));
  for (const p of problems || []) {
    const slot = form.querySelector(`.err[data-for="${p.field}"]`) || form.querySelector('.err[data-for="form"]');
    slot.textContent = (slot.textContent ? slot.textContent + " " : "") + p.message;
  }
  if (error) form.querySelector('.err[data-for="form"]').textContent = error;
}

function joinPage() {
  const form = $("#join");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const { status, body } = await post("/api/join", data);
    if (status === 200) location.href = "/s";
    else showProblems(form, [], body.error);
  });
}

const RELATIONS = { objection: ["attacks", "undercuts"], assumption: ["supports"], reason: ["supports"], restatement: ["supports", "attacks"] };
let version = -1, roundKey = "", boxes = [], pending = nonce(), timer = null;

function fillSelect(select, options, keep) {
  const old = keep ? select.value : "";
  select.replaceChildren(...options.map(([v, t]) => el("option", { value: v, text: t })));
  if (options.some(([v]) => v === old)) select.value = old;
}
function formData(form) {
  const d = Object.fromEntries(new FormData(form));
  d.nonce = pending;
  return d;
}
function kindChanged(form) {
  const kind = form.kind.value;
  fillSelect(form.relation, RELATIONS[kind].map((r) => [r, r]), true);
  $(".for-text", form).hidden = kind === "restatement";
  $(".for-same", form).hidden = kind !== "restatement";
}
async function check(form) {
  const { status, body } = await post("/api/check", formData(form));
  if (status === 200) showProblems(form, body.problems);
  else if (status !== 429) showProblems(form, [], body.error);
}
async function send(form) {
  const sent = $("#sent");
  sent.textContent = "sending…";
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const { status, body } = await post("/api/contribute", formData(form));
      if (status === 200) {
        sent.textContent = `sent (${body.id}, waiting for the teacher)`;
        pending = nonce();
        form.text.value = ""; form.quote.value = "";
        showProblems(form, []);
        refresh(true);
        return;
      }
      sent.textContent = "";
      if (status === 422 && body.problems) return showProblems(form, body.problems);
      if (status === 429) { await new Promise((r) => setTimeout(r, 1000 * (body.retry_after || 1))); continue; }
      return showProblems(form, [], body.error || "not sent");
    } catch (e) {
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));  // the same nonce: a retry is never stored twice
    }
  }
  sent.textContent = "";
  showProblems(form, [], "not sent: the server cannot be reached; try again");
}

function renderBoxes(list) {
  $("#boxes").replaceChildren(...list.map((b) => {
    const head = el("b", { text: b.id }), li = el("li", { "data-id": b.id }, head, ` ${b.type} · ${b.text}`);
    if (b.quote) li.append(el("blockquote", { text: `¶${b.paragraph}: “${b.quote}”` }));
    else li.append(el("div", { class: "muted", text: b.origin === "article" ? "" : `added by ${b.origin}, not the author's words` }));
    const add = el("button", { type: "button", class: "secondary", text: "Add to this box" });
    add.addEventListener("click", () => { $("#parent").value = b.id; $("#add").scrollIntoView(); $("#add").text.focus(); });
    li.append(add);
    return li;
  }));
  const opts = list.map((b) => [b.id, `${b.id}: ${b.text.slice(0, 60)}`]);
  fillSelect($("#parent"), opts, true);
  fillSelect($("#add").same_as, list.filter((b) => !b.same_as).map((b) => [b.id, `${b.id}: ${b.text.slice(0, 60)}`]), true);
}
function renderMine(list) {
  const label = { pending: "waiting for the teacher", approved: "on the map", rejected: "not taken" };
  $("#mine").replaceChildren(...list.map((c) => el("li", { "data-id": c.id, "data-status": c.status, text: `${c.id} (${label[c.status]}): ${c.text}` })));
}
function renderRound(round) {
  const key = `${round.seq}:${round.open}:${round.rows.map((r) => r.id).join(",")}`;
  if (key === roundKey) return;
  roundKey = key;
  const box = $("#round");
  if (round.seq === null) return box.replaceChildren(el("p", { class: "muted", text: "No rating round is open yet." }));
  const head = el("p", { text: round.open ? `Round ${round.seq} is open: rate each row (you can change your answers until the teacher closes it).` : `Round ${round.seq} is closed.` });
  box.replaceChildren(head, ...round.rows.map((r) => rateRow(r, round.mine[r.id] || {}, round.open, round.strength_required)));
}
function rateRow(row, mine, open, strengthRequired) {
  const div = el("div", { class: "rate-row", "data-id": row.id }, el("b", { text: row.id }), ` ${row.text}`);
  const verdicts = el("fieldset", {}, el("legend", { class: "muted", text: "Does it hold?" }));
  for (const v of ["accept", "reject", "unsure"]) {
    const input = el("input", { type: "radio", name: `v-${row.id}`, value: v });
    input.checked = mine.verdict === v; input.disabled = !open;
    verdicts.append(el("label", {}, input, v));
  }
  const strength = el("select", { name: `s-${row.id}`, "aria-label": "strength" });
  fillSelect(strength, [["", "strength…"], ...[1, 2, 3, 4, 5].map((n) => [String(n), `${n} ${["barely", "weakly", "fairly", "strongly", "decisively"][n - 1]}`])]);
  strength.value = mine.strength ? String(mine.strength) : ""; strength.disabled = !open;
  const status = el("span", { class: "saved", role: "status" });
  const save = async () => {
    const verdict = div.querySelector(`input[name="v-${row.id}"]:checked`);
    if (!verdict) return;
    if (!strength.value && (strengthRequired || verdict.value !== "unsure")) return (status.textContent = "now choose a strength to save");
    status.textContent = "saving…";
    const { status: code, body } = await post("/api/rate", { id: row.id, verdict: verdict.value, strength: strength.value });
    status.textContent = code === 200 ? "saved" : body.error;
  };
  verdicts.addEventListener("change", save);
  strength.addEventListener("change", save);
  div.append(verdicts, strength, status);
  return div;
}

async function refresh(force) {
  const r = await fetch("/api/state", { credentials: "same-origin" });
  if (r.status === 401) return (location.href = "/");
  if (r.status !== 200) return;
  const s = await r.json();
  renderMine(s.mine);
  renderRound(s.round);
  if (s.map === version && !force) return;  // the map and its boxes change only when the teacher approves a row
  version = s.map;
  boxes = s.boxes;
  renderBoxes(boxes);
  const svg = await fetch("/api/map.svg", { credentials: "same-origin" });
  if (svg.status === 200) $("#map").innerHTML = await svg.text();
}

function studentPage() {
  const form = $("#add");
  kindChanged(form);
  form.kind.addEventListener("change", () => { kindChanged(form); check(form); });
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => check(form), 500); });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); send(form); });
  refresh(true);
  setInterval(() => refresh(false).catch(() => {}), 3000);
}

if (document.body.dataset.page === "join") joinPage();
if (document.body.dataset.page === "student") studentPage();
