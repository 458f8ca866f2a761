// `--format html`: one self-contained file with the resilience matrix and a picture of the stack by
// AZ (zones → subnets → load balancers, compute, NAT gateways, data stores) in which the resources a
// chosen disruption takes down are highlighted. The picture is laid out and drawn by cytoscape
// (pinned in package.json), inlined into the file; nothing is fetched when the file is opened.
//
// Every value from the stack reaches the page as JSON data and is written with textContent, never
// as markup. The page records script errors in <body data-errors> and sets data-rendered="ok" once
// the diagram is drawn (what the headless-browser test reads).
import * as fs from "node:fs";
import { type PreviewResult } from "./model";
import { cell, cellText, matrixColumns, verdictsBySubject, type Assessment } from "./resilience";

/** cytoscape and its fCoSE layout (compound-node placement), in load order; browser globals. */
function librarySources(): string[] {
  const fcose = require.resolve("cytoscape-fcose");
  const coseBase = require.resolve("cose-base", { paths: [fcose] });
  const layoutBase = require.resolve("layout-base", { paths: [coseBase] });
  return [require.resolve("cytoscape/dist/cytoscape.min.js"), layoutBase, coseBase, fcose].map((f) => fs.readFileSync(f, "utf8"));
}

/** JSON safe to embed in a <script> element. */
function embed(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

interface DiagramNode {
  data: { id: string; label: string; parent?: string; urn?: string; zone?: string; role: string };
}

/** Compound nodes: Region → zones → subnets → resources (a resource in three subnets appears in each). */
export function diagramElements(a: Assessment): { nodes: DiagramNode[]; edges: Array<{ data: { id: string; source: string; target: string } }> } {
  const nodes: DiagramNode[] = [{ data: { id: "region", label: "Region (regional services)", role: "region" } }];
  for (const z of a.zones) nodes.push({ data: { id: `zone:${z}`, label: z, zone: z, role: "zone" } });
  const subnets = new Map(a.placement.filter((p) => p.role === "subnet").map((p) => [p.urn, p]));
  const used = new Set(a.placement.flatMap((p) => p.subnets));
  for (const s of subnets.values()) {
    if (!used.has(s.urn)) continue;
    const zone = s.zones[0];
    nodes.push({ data: { id: `subnet:${s.urn}`, label: s.name, urn: s.urn, parent: zone && a.zones.includes(zone) ? `zone:${zone}` : "region", role: "subnet" } });
  }
  const copies = new Map<string, string[]>();
  for (const p of a.placement) {
    if (p.role === "subnet") continue;
    const homes = p.subnets.length > 0 ? p.subnets.filter((s) => used.has(s)).map((s) => `subnet:${s}`) : p.zones.filter((z) => a.zones.includes(z)).map((z) => `zone:${z}`);
    const parents = homes.length > 0 ? homes : ["region"];
    const ids = parents.map((parent, i) => {
      const id = `${p.urn}#${i}`;
      nodes.push({ data: { id, label: p.name, urn: p.urn, parent, role: p.role } });
      return id;
    });
    copies.set(p.urn, ids);
  }
  const edges: Array<{ data: { id: string; source: string; target: string } }> = [];
  for (const s of a.subjects) {
    for (const dep of s.dependsOn) {
      const from = copies.get(s.urn)?.[0];
      const to = copies.get(dep)?.[0];
      if (from && to && from !== to) edges.push({ data: { id: `${from}->${to}`, source: from, target: to } });
    }
  }
  return { nodes, edges };
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2733; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #c9d2dc; padding: .25rem .5rem; text-align: center; }
td:first-child, th:first-child { text-align: left; }
td.survives { background: #d9f2dd; } td.degraded { background: #fff1c2; } td.down { background: #f8c9c4; font-weight: 600; } td.unknown { background: #e4e7eb; }
td.selected, th.selected { outline: 2px solid #1d4ed8; }
th[data-disruption] { cursor: pointer; text-decoration: underline dotted; }
#diagram { width: 100%; height: 560px; border: 1px solid #c9d2dc; margin-top: .5rem; background: #fbfcfd; }
#why li { margin: .25rem 0; } .muted { color: #5b6b7b; }
`;

const APP = `
(function () {
  var errors = 0;
  function fail(msg) { errors++; document.body.setAttribute("data-errors", String(errors)); var p = document.getElementById("errors"); if (p) p.textContent += msg + "\\n"; }
  window.addEventListener("error", function (e) { fail(String(e.message)); });
  var original = console.error; console.error = function () { fail(Array.prototype.join.call(arguments, " ")); return original.apply(console, arguments); };
  document.body.setAttribute("data-errors", "0");
  var A = JSON.parse(document.getElementById("assessment").textContent);
  var E = JSON.parse(document.getElementById("elements").textContent);
  var select = document.getElementById("disruption");
  A.disruptions.forEach(function (d) { var o = document.createElement("option"); o.value = d.id; o.textContent = d.label + " (" + d.category + ")"; select.appendChild(o); });
  cytoscape.use(cytoscapeFcose);
  var cy = cytoscape({
    container: document.getElementById("diagram"),
    elements: E.nodes.concat(E.edges),
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-valign": "center", "text-halign": "center", "background-color": "#7aa5d6", "shape": "round-rectangle", "width": "label", "height": 22, "padding": "6px", "color": "#0b1f33" } },
      { selector: ":parent", style: { "text-valign": "top", "text-halign": "center", "background-opacity": 0.08, "border-width": 1, "border-color": "#8a9bb0", "padding": "14px" } },
      { selector: "node[role = 'zone']", style: { "background-color": "#3b82f6", "font-size": 13, "font-weight": "bold" } },
      { selector: "node[role = 'region']", style: { "background-color": "#64748b", "font-size": 13 } },
      { selector: "node[role = 'subnet']", style: { "background-color": "#60a5fa" } },
      { selector: "node[role = 'load-balancer'], node[role = 'entry']", style: { "background-color": "#a78bfa" } },
      { selector: "node[role = 'compute']", style: { "background-color": "#34d399" } },
      { selector: "node[role = 'nat']", style: { "background-color": "#fbbf24", "shape": "diamond", "width": 26, "height": 26 } },
      { selector: "node[role = 'data'], node[role = 'queue']", style: { "background-color": "#f472b6", "shape": "barrel" } },
      { selector: "edge", style: { "width": 1, "line-color": "#94a3b8", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#94a3b8", "arrow-scale": 0.6 } },
      { selector: ".lost", style: { "background-color": "#dc2626", "background-opacity": 1, "color": "#ffffff", "border-width": 3, "border-color": "#7f1d1d" } },
      { selector: ":parent.lost", style: { "background-opacity": 0.35, "color": "#7f1d1d" } }
    ],
    layout: { name: "fcose", quality: "proof", randomize: true, animate: false, nodeDimensionsIncludeLabels: true, padding: 20, nodeSeparation: 60, idealEdgeLength: 80, nestingFactor: 0.2, tile: true }
  });
  function show(id) {
    var d = A.disruptions.filter(function (x) { return x.id === id; })[0];
    if (!d) return;
    select.value = id;
    var lost = {}; d.lost.forEach(function (u) { lost[u] = true; });
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var hit = (n.data("urn") && lost[n.data("urn")]) || (d.kind === "az" && n.data("zone") && "az:" + n.data("zone") === id) || (d.kind === "region" && n.data("role") !== "subnet");
        if (hit) n.addClass("lost"); else n.removeClass("lost");
      });
    });
    document.querySelectorAll("[data-disruption]").forEach(function (el) { el.classList.toggle("selected", el.getAttribute("data-disruption") === id || (el.getAttribute("data-kind") === d.kind && d.kind !== "az")); });
    var why = document.getElementById("why"); why.textContent = "";
    A.verdicts.filter(function (v) { return v.disruption === id; }).forEach(function (v) {
      var li = document.createElement("li"); li.textContent = "[" + v.state + "] " + v.reason; why.appendChild(li);
    });
  }
  select.addEventListener("change", function () { show(select.value); });
  document.querySelectorAll("th[data-disruption]").forEach(function (th) { th.addEventListener("click", function () { show(th.getAttribute("data-disruption")); }); });
  show((A.disruptions.filter(function (d) { return d.kind === "az"; })[0] || A.disruptions[0] || { id: "" }).id);
  cy.ready(function () {
    var r = document.getElementById("diagram").getBoundingClientRect();
    document.body.setAttribute("data-diagram", [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height].map(Math.round).join(","));
    document.body.setAttribute("data-nodes", String(cy.nodes().length));
    document.body.setAttribute("data-lost", String(cy.nodes(".lost").length));
    document.body.setAttribute("data-rendered", "ok");
  });
})();
`;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderHtml(result: PreviewResult): string {
  const { report } = result;
  const a = report.resilience;
  const title = `faultguard resilience: ${report.project}/${report.stack}`;
  if (!a) {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>No policy pack in this run ships a resilience assessment (resilience.ts).</p></body></html>\n`;
  }
  const cols = matrixColumns(a);
  const by = verdictsBySubject(a);
  const firstOf = (match: (d: string) => boolean) => a.disruptions.find((d) => match(d.id))?.id ?? "";
  const head = cols.map((c) => `<th data-disruption="${escapeHtml(firstOf(c.match))}" data-kind="${escapeHtml(c.key.startsWith("az:") ? "az" : c.key)}">${escapeHtml(c.label)}</th>`).join("");
  const rows = a.subjects
    .map((s) => {
      const cells = cols.map((c) => {
        const v = cell(by, s.urn, c.match);
        return `<td class="${v ? v.state : ""}" title="${escapeHtml(v?.reason ?? "not affected")}">${escapeHtml(cellText(v))}</td>`;
      });
      return `<tr><td>${escapeHtml(s.name)} <span class="muted">(${escapeHtml(s.kind)})</span></td>${cells.join("")}</tr>`;
    })
    .join("\n");
  const misses = a.misses.map((m) => `<li>[${escapeHtml(m.certainty)}] ${escapeHtml(m.message)}</li>`).join("\n");
  const policy = Object.entries(a.policy).map(([k, t]) => `${k}: RTO ≤ ${t?.rtoSeconds ?? "–"} s, RPO ≤ ${t?.rpoSeconds ?? "–"} s`);
  const sources = a.recoveryTable.map((f) => `<li><b>${escapeHtml(f.id)}</b>: ${escapeHtml(f.what)} — <a href="${escapeHtml(f.source)}">${escapeHtml(f.source)}</a>: “${escapeHtml(f.quote)}”</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Profile <b>${escapeHtml(a.profile)}</b>; resiliency policy: ${escapeHtml(policy.join("; ") || "no targets")}. Zones: ${escapeHtml(a.zones.join(", ") || "none found")}. ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory findings.</p>
<h2>What each disruption does</h2>
<table id="matrix"><thead><tr><th>entry point / workload / data store</th>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<h2>The stack by AZ</h2>
<label>Disruption: <select id="disruption"></select></label> <span class="muted">(red: what it takes down)</span>
<div id="diagram"></div>
<h2>Why</h2><ul id="why"></ul>
<h2>Missed targets</h2><ul>${misses || "<li>none</li>"}</ul>
<h2>Recovery figures used</h2><ul>${sources || "<li>none</li>"}</ul>
<pre id="errors" class="muted"></pre>
<script id="assessment" type="application/json">${embed(a)}</script>
<script id="elements" type="application/json">${embed(diagramElements(a))}</script>
${librarySources()
  .map((src) => `<script>${src.replace(/<\/script/gi, "<\\/script")}</script>`)
  .join("\n")}
<script>${APP}</script>
</body></html>
`;
}
