/**
 * The preview page: a bar (audience, format, state) over the brief, shown in
 * a frame. The script and style are files of their own, served from this
 * server, so the page's Content-Security-Policy allows no inline code.
 *
 * On every build the server sends a `brief` event (Server-Sent Events). When
 * the brief changed, the script loads it into a second frame behind the
 * first, scrolls it where the reader was, then swaps the two: no flash, and
 * the place kept. When the build failed, the last good brief stays and the
 * overlay lists every problem with its source line; the next good build
 * takes the overlay away.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function shellPage(title: string, start: { audience: string; format: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} — briefkit preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/_preview/style.css">
<script type="module" src="/_preview/client.js"></script>
</head>
<body data-audience="${escapeHtml(start.audience)}" data-format="${escapeHtml(start.format)}">
<header id="bar">
<strong>briefkit preview</strong>
<label>Audience <select id="audience" aria-label="Audience"></select></label>
<label>Format <select id="format" aria-label="Format"><option value="html">HTML</option><option value="pdf">PDF</option></select></label>
<span id="status" role="status" aria-live="polite">connecting…</span>
<span id="warnings" hidden></span>
</header>
<main id="frames"></main>
<section id="overlay" role="alert" hidden>
<h2 id="overlay-title"></h2>
<ol id="problems"></ol>
<p class="note">The brief behind this is the last one that built. Save a fix and this goes away.</p>
</section>
</body>
</html>
`;
}

export const shellStyle = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,sans-serif;color:#1b1b1b}
body{display:flex;flex-direction:column}
#bar{display:flex;gap:1.25em;align-items:center;padding:.45em .9em;background:#f3f1ec;border-bottom:1px solid #d6d2c8}
#bar select{font:inherit}
#status{color:#555}
#warnings{color:#7a4d00;cursor:help}
#frames{position:relative;flex:1}
#frames iframe{position:absolute;inset:0;width:100%;height:100%;border:0;background:#fff}
#frames iframe.next{visibility:hidden}
#overlay{position:fixed;left:1.5em;right:1.5em;bottom:1.5em;max-height:60%;overflow:auto;background:#fff;
 border:2px solid #b00020;border-radius:6px;box-shadow:0 6px 30px rgba(0,0,0,.25);padding:.8em 1.1em}
#overlay h2{margin:0 0 .5em;font-size:1.05em;color:#b00020}
#problems{margin:0;padding-left:1.4em}
#problems li{margin:.35em 0 .7em}
#problems .where{font:13px/1.45 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word}
#problems pre{margin:.3em 0 0;padding:.4em .6em;background:#fbf3f3;font:13px/1.45 ui-monospace,monospace;overflow-x:auto}
#problems .caret{color:#b00020}
#overlay .note{margin:.4em 0 0;color:#555}
`;

/** The page's script: plain browser JavaScript, no build step. */
export const shellScript = `
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const view = {
  audience: params.get("audience") ?? document.body.dataset.audience,
  format: params.get("format") ?? document.body.dataset.format,
};
let source;
let shown = { key: "", version: -1 };
let latest;

function key() { return view.audience + "." + view.format; }

function connect() {
  if (source) source.close();
  const q = new URLSearchParams({ audience: view.audience, format: view.format });
  source = new EventSource("/_preview/events?" + q);
  source.addEventListener("brief", (e) => update(JSON.parse(e.data)));
  source.addEventListener("error", () => { $("status").textContent = "reconnecting…"; });
}

function fillAudiences(list, current) {
  const select = $("audience");
  if ([...select.options].map((o) => o.value).join() !== list.join()) {
    select.replaceChildren(...list.map((a) => new Option(a, a)));
  }
  select.value = current;
}

function update(s) {
  // An answer for a brief no longer asked for (the reader switched meanwhile).
  if (s.audience !== view.audience || s.format !== view.format) return;
  fillAudiences(s.audiences, s.audience);
  $("format").value = s.format;
  if (s.briefVersion !== null && (shown.key !== key() || shown.version !== s.briefVersion)) {
    show(s);
  }
  showProblems(s.errors);
  const w = $("warnings");
  w.hidden = s.warnings.length === 0;
  w.textContent = s.warnings.length + (s.warnings.length === 1 ? " warning" : " warnings");
  w.title = s.warnings.map((p) => p.text).join("\\n");
  $("status").textContent = s.errors.length > 0
    ? "build failed: showing the last good brief"
    : "built in " + Math.round(s.ms) + " ms";
  document.body.dataset.state = s.errors.length > 0 ? "failed" : "ok";
}

function show(s) {
  const frames = $("frames");
  const old = frames.querySelector("iframe.current");
  const sameBrief = shown.key === key();
  let y = 0;
  if (sameBrief && old && s.format === "html") {
    try { y = old.contentWindow.scrollY; } catch { y = 0; }
  }
  const frame = document.createElement("iframe");
  frame.className = "next";
  frame.title = "The brief: " + s.audience + ", " + s.format.toUpperCase();
  // HTML is shown with scripts off; the PDF needs the browser's viewer, which a sandbox blocks.
  if (s.format === "html") frame.setAttribute("sandbox", "allow-same-origin");
  latest = frame;
  shown = { key: key(), version: s.briefVersion };
  frame.addEventListener("load", () => {
    if (frame !== latest) { frame.remove(); return; }
    if (y > 0) { try { frame.contentWindow.scrollTo(0, y); } catch {} }
    for (const f of frames.querySelectorAll("iframe")) if (f !== frame) f.remove();
    frame.className = "current";
    document.body.dataset.version = String(s.briefVersion);
    document.body.dataset.shown = key();
  }, { once: true });
  frame.src = "/brief/" + encodeURIComponent(s.audience) + "." + s.format + "?v=" + s.briefVersion;
  frames.append(frame);
}

function showProblems(errors) {
  const overlay = $("overlay");
  overlay.hidden = errors.length === 0;
  $("overlay-title").textContent = errors.length === 1 ? "1 problem" : errors.length + " problems";
  $("problems").replaceChildren(...errors.map((p) => {
    const li = document.createElement("li");
    const where = document.createElement("div");
    where.className = "where";
    where.textContent = p.text;
    li.append(where);
    if (p.source) {
      const pre = document.createElement("pre");
      const n = String(p.source.line) + " | ";
      const caret = document.createElement("span");
      caret.className = "caret";
      caret.textContent = " ".repeat(n.length + Math.max(0, p.source.column - 1)) + "^";
      pre.append(n + p.source.text + "\\n", caret);
      li.append(pre);
    }
    return li;
  }));
}

function choose() {
  view.audience = $("audience").value;
  view.format = $("format").value;
  history.replaceState(null, "", "/?" + new URLSearchParams(view));
  connect();
}
$("audience").addEventListener("change", choose);
$("format").addEventListener("change", choose);
connect();
`;
