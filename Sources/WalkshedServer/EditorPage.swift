import Walkshed
import WalkshedFormats

/// The page `walkshed serve` answers at `/`: one self-contained HTML file (no CDN, no map
/// tiles) that loads `/api/city` and `/api/state`, draws the grids and the network on a
/// canvas, and turns clicks on the map into edits of the scenario-file schema sent to the
/// API. `body[data-status]` is `loading`, `ready`, `busy` or `error: …`; `data-edits` holds
/// the number of edits and `data-gaining` the residents (or cells) gaining access to the
/// chosen measure, which the browser tests read.
enum EditorPage {
    static func html(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Walkshed serve: \(HTMLReport.escaped(title))</title>
        <style>
        \(css)</style>
        </head>
        <body data-status="loading" data-edits="0">
        <header><h1>Walkshed: \(HTMLReport.escaped(title))</h1><p id="message">Loading the city…</p></header>
        <main>
        <section id="map-panel">
        <div id="tools">
        <label>Tool <select id="tool">
        <option value="pan">pan / select</option><option value="park">park (polygon)</option><option value="path">greenway path (line)</option>
        <option value="crossing">crossing (two points)</option><option value="closure">closure (polygon)</option><option value="service">service (point)</option>
        </select></label>
        <select id="category" title="category of a new service"></select>
        <label>Measure <select id="measure"></select></label>
        <label>Show <select id="layer"><option value="change">change</option><option value="baseline">baseline</option></select></label>
        <button id="finish" title="finish the shape (Enter, or double-click)">finish</button>
        <button id="undo" title="Ctrl-Z">undo</button><button id="redo" title="Ctrl-Y">redo</button>
        <button id="suggest" title="best park squares in this view">suggest parks here</button>
        </div>
        <div id="map-wrap"><canvas id="map"></canvas><div id="readout"></div>
        <div id="attribution">Map data &copy; OpenStreetMap contributors (ODbL)</div></div>
        <p class="hint">Pick a tool and click on the map; Enter or double-click finishes a shape, Escape cancels it. In pan mode drag to pan, drag a vertex of a selected edit to move it. Wheel zooms.</p>
        </section>
        <aside>
        <h2>Change</h2><table id="changes"></table>
        <h2>Edits</h2><ol id="edits"></ol>
        <p><a id="download-scenario" href="#">download scenario file</a> · <a id="download-report" href="#">download report</a></p>
        <h2>Legend</h2><ul id="legend"></ul>
        </aside>
        </main>
        <script>
        \(script)</script>
        </body>
        </html>

        """
    }

    static let css = """
    body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
    header { padding: 6px 16px; } h1 { font-size: 19px; margin: 2px 0; } h2 { font-size: 15px; margin: 10px 0 4px; }
    #message { margin: 0; color: #555; min-height: 1.4em; } body[data-status^="error"] #message { color: #b00; font-weight: bold; }
    body[data-status="busy"] #map { cursor: progress; }
    main { display: flex; gap: 16px; padding: 0 16px; flex-wrap: wrap; }
    #map-panel { flex: 1 1 600px; min-width: 320px; } aside { flex: 0 0 430px; }
    #tools { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
    #map-wrap { position: relative; height: 640px; border: 1px solid #999; background: #f0f0f0; overflow: hidden; }
    #map { width: 100%; height: 100%; display: block; touch-action: none; cursor: crosshair; }
    #readout { position: absolute; left: 0; top: 0; background: rgba(255,255,255,.85); font-size: 12px; padding: 2px 6px; }
    #readout:empty { display: none; }
    #attribution { position: absolute; right: 0; bottom: 0; background: rgba(255,255,255,.85); font-size: 11px; padding: 1px 5px; }
    .hint { color: #666; font-size: 12px; margin: 4px 0; }
    table { border-collapse: collapse; background: #fff; font-size: 13px; } th, td { border: 1px solid #ccc; padding: 2px 5px; text-align: right; white-space: nowrap; }
    th:first-child, td:first-child { text-align: left; } tr.chosen td { background: #eef5ff; }
    #edits li { margin: 2px 0; } #edits li.selected { font-weight: bold; } #edits button { margin-left: 6px; }
    #legend { list-style: none; padding: 0; margin: 0; } #legend li { display: flex; gap: 8px; align-items: center; }
    .swatch { display: inline-block; width: 18px; height: 12px; border: 1px solid #777; }

    """

    static let script = #"""
    "use strict";
    (function () {
      const $ = function (id) { return document.getElementById(id); };
      const token = new URLSearchParams(location.search).get("token") || "";
      const canvas = $("map"), ctx = canvas.getContext("2d");
      const view = { scale: 1, x0: 0, y0: 0 };
      let city = null, state = null, measure = 0, drawing = null, selected = -1, drag = null, busy = false, suggestions = [];
      const changeGrids = {};
      function fail(message) { document.body.dataset.status = "error: " + message; $("message").textContent = "Error: " + message; }
      window.addEventListener("error", function (e) { fail(e.message); });

      // Transverse Mercator (Krüger series, as the server's UTMProjection) for the city's UTM zone.
      const n = 1 / 298.257223563 / (2 - 1 / 298.257223563), n2 = n * n, n3 = n2 * n, n4 = n3 * n;
      const A = 0.9996 * 6378137 / (1 + n) * (1 + n2 / 4 + n4 / 64), e = 2 * Math.sqrt(n) / (1 + n);
      const alpha = [n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180, 13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440, 61 * n3 / 240 - 103 * n4 / 140, 49561 * n4 / 161280];
      const beta = [n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360, n2 / 48 + n3 / 15 - 437 * n4 / 1440, 17 * n3 / 480 - 37 * n4 / 840, 4397 * n4 / 161280];
      const delta = [2 * n - 2 * n2 / 3 - 2 * n3 + 116 * n4 / 45, 7 * n2 / 3 - 8 * n3 / 5 - 227 * n4 / 45, 56 * n3 / 15 - 136 * n4 / 35, 4279 * n4 / 630];
      function meridian() { return city.zone * 6 - 183; }
      function northing0() { return city.north ? 0 : 10000000; }
      function project(lon, lat) {
        const phi = lat * Math.PI / 180, lam = (lon - meridian()) * Math.PI / 180, s = Math.sin(phi);
        const t = Math.sinh(Math.atanh(s) - e * Math.atanh(e * s)), xp = Math.atan2(t, Math.cos(lam)), ep = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
        let xi = xp, eta = ep;
        for (let j = 1; j <= 4; j++) { xi += alpha[j - 1] * Math.sin(2 * j * xp) * Math.cosh(2 * j * ep); eta += alpha[j - 1] * Math.cos(2 * j * xp) * Math.sinh(2 * j * ep); }
        return [500000 + A * eta - city.grid.xll, northing0() + A * xi - city.grid.yll];
      }
      function unproject(x, y) {
        const xi = (y + city.grid.yll - northing0()) / A, eta = (x + city.grid.xll - 500000) / A;
        let xp = xi, ep = eta;
        for (let j = 1; j <= 4; j++) { xp -= beta[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta); ep -= beta[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta); }
        const chi = Math.asin(Math.sin(xp) / Math.cosh(ep));
        let phi = chi;
        for (let j = 1; j <= 4; j++) phi += delta[j - 1] * Math.sin(2 * j * chi);
        const lon = meridian() + Math.atan2(Math.sinh(ep), Math.cos(xp)) * 180 / Math.PI, lat = phi * 180 / Math.PI;
        return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
      }

      function api(method, path, body) {
        busy = true; document.body.dataset.status = "busy";
        const options = { method: method, headers: { "X-Walkshed-Token": token } };
        if (body !== undefined) { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
        return fetch(path, options).then(function (r) {
          return r.json().then(function (j) {
            busy = false;
            if (!r.ok) { document.body.dataset.status = "ready"; throw new Error((j.path ? j.path + ": " : "") + (j.error || r.status)); }
            document.body.dataset.status = "ready";
            return j;
          });
        }).catch(function (err) { busy = false; fail(err.message); throw err; });
      }
      function decode(b64, count) {
        const bin = atob(b64), out = new Float32Array(count), dv = new DataView(new ArrayBuffer(bin.length));
        for (let i = 0; i < bin.length; i++) dv.setUint8(i, bin.charCodeAt(i));
        for (let i = 0; i < count; i++) out[i] = dv.getFloat32(4 * i, true);
        return out;
      }
      function rgb(hex) { return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)]; }
      function paint(values, legend) {
        const g = city.grid, off = document.createElement("canvas");
        off.width = g.cols; off.height = g.rows;
        const octx = off.getContext("2d"), img = octx.createImageData(g.cols, g.rows), colours = legend.classes.map(function (c) { return rgb(c.colour); });
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (Number.isNaN(v)) continue;
          let k = legend.classes.findIndex(function (c) { return c.upper === null || v < c.upper; });
          if (k < 0) k = colours.length - 1;
          img.data[4 * i] = colours[k][0]; img.data[4 * i + 1] = colours[k][1]; img.data[4 * i + 2] = colours[k][2]; img.data[4 * i + 3] = 255;
        }
        octx.putImageData(img, 0, 0);
        return off;
      }
      // Map layers as in map.json: whole metres from "origin", lines delta-coded.
      function paths(layers) {
        if (!layers) return null;
        if (layers.drawn) return layers.drawn;
        const ox = layers.origin[0] - city.grid.xll, oy = layers.origin[1] - city.grid.yll, out = { lines: {}, parks: new Path2D(), points: [] };
        function add(path, list, close) {
          let x = ox, y = oy;
          for (let k = 0; k < list.length; k += 2) { x += list[k]; y += list[k + 1]; if (k === 0) path.moveTo(x, y); else path.lineTo(x, y); }
          if (close) path.closePath();
        }
        for (const kind of Object.keys(layers.lines)) { const p = new Path2D(); for (const l of layers.lines[kind]) add(p, l, false); out.lines[kind] = p; }
        for (const park of layers.parks) for (const ring of park.rings.concat(park.holes)) add(out.parks, ring, true);
        for (const cat of Object.keys(layers.services)) { const l = layers.services[cat]; for (let k = 0; k < l.length; k += 2) out.points.push([ox + l[k], oy + l[k + 1]]); }
        layers.drawn = out;
        return out;
      }
      function currentImage() {
        const m = city.measures[measure];
        if ($("layer").value === "baseline") { if (!m.image) m.image = paint(m.values, m.legend); return m.image; }
        const c = changeGrids[m.change];
        if (!c) return null;
        if (!c.image) c.image = paint(c.values, m.change_legend);
        return c.image;
      }
      function draw() {
        if (!city) return;
        const r = window.devicePixelRatio || 1, s = view.scale, g = city.grid;
        ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#f0f0f0"; ctx.fillRect(0, 0, canvas.width, canvas.height);
        const img = currentImage();
        if (img) {
          ctx.setTransform(r, 0, 0, r, 0, 0); ctx.imageSmoothingEnabled = false; ctx.globalAlpha = 0.85;
          ctx.drawImage(img, -view.x0 * s, (view.y0 - g.rows * g.cell) * s, g.cols * g.cell * s, g.rows * g.cell * s);
          ctx.globalAlpha = 1;
        }
        ctx.setTransform(s * r, 0, 0, -s * r, -view.x0 * s * r, view.y0 * s * r);
        const base = paths(city.map), changes = paths(state && state.changes);
        ctx.fillStyle = "rgba(49,163,84,0.25)"; ctx.fill(base.parks, "evenodd");
        if (base.lines.street) { ctx.strokeStyle = "rgba(50,50,50,0.45)"; ctx.lineWidth = 0.8 / s; ctx.stroke(base.lines.street); }
        if (base.lines.greenway) { ctx.strokeStyle = "#00843d"; ctx.lineWidth = 2 / s; ctx.stroke(base.lines.greenway); }
        if (changes) {
          ctx.fillStyle = "rgba(31,95,214,0.35)"; ctx.fill(changes.parks, "evenodd");
          if (changes.lines.added) { ctx.strokeStyle = "#1f5fd6"; ctx.lineWidth = 3.5 / s; ctx.stroke(changes.lines.added); }
          if (changes.lines.closed) { ctx.strokeStyle = "#c00000"; ctx.lineWidth = 3.5 / s; ctx.stroke(changes.lines.closed); }
          ctx.fillStyle = "#1f5fd6";
          for (const p of changes.points) { ctx.beginPath(); ctx.arc(p[0], p[1], 5 / s, 0, 2 * Math.PI); ctx.fill(); }
        }
        ctx.strokeStyle = "#7b3294"; ctx.lineWidth = 2 / s;
        for (const q of suggestions) { ctx.beginPath(); q.forEach(function (p, k) { if (k === 0) ctx.moveTo(p[0], p[1]); else ctx.lineTo(p[0], p[1]); }); ctx.closePath(); ctx.stroke(); }
        const shapes = editShapes();
        shapes.forEach(function (shape, k) {
          if (k !== selected) return;
          ctx.fillStyle = "#ff7f00";
          for (const p of shape.points) ctx.fillRect(p[0] - 4 / s, p[1] - 4 / s, 8 / s, 8 / s);
        });
        if (drawing && drawing.points.length) {
          ctx.strokeStyle = "#ff7f00"; ctx.lineWidth = 2 / s; ctx.beginPath();
          drawing.points.forEach(function (p, k) { if (k === 0) ctx.moveTo(p[0], p[1]); else ctx.lineTo(p[0], p[1]); });
          ctx.stroke();
          ctx.fillStyle = "#ff7f00";
          for (const p of drawing.points) ctx.fillRect(p[0] - 3 / s, p[1] - 3 / s, 6 / s, 6 / s);
        }
      }
      function resize() { const r = window.devicePixelRatio || 1; canvas.width = Math.max(1, Math.round(canvas.clientWidth * r)); canvas.height = Math.max(1, Math.round(canvas.clientHeight * r)); }
      function fit() {
        const g = city.grid, w = g.cols * g.cell, h = g.rows * g.cell, cw = canvas.clientWidth || 800, ch = canvas.clientHeight || 600;
        view.scale = Math.min(cw / w, ch / h) * 0.95; view.x0 = w / 2 - cw / 2 / view.scale; view.y0 = h / 2 + ch / 2 / view.scale;
      }
      function world(ev) { const b = canvas.getBoundingClientRect(); return [view.x0 + (ev.clientX - b.left) / view.scale, view.y0 - (ev.clientY - b.top) / view.scale]; }
      // The screen position (CSS pixels in the page) of a longitude/latitude: for tests and links.
      function screenOf(lon, lat) { const p = project(lon, lat), b = canvas.getBoundingClientRect(); return [b.left + (p[0] - view.x0) * view.scale, b.top + (view.y0 - p[1]) * view.scale]; }

      // Edits in projected metres, to draw and drag: one shape per edit with its editable points.
      function editShapes() {
        if (!state) return [];
        return state.edits.map(function (e) {
          let list = [];
          if (e.geometry && e.geometry.type === "Polygon") list = e.geometry.coordinates[0].slice(0, -1);
          else if (e.geometry && e.geometry.type === "LineString") list = e.geometry.coordinates;
          else if (e.from) list = [e.from, e.to];
          else if (e.points) list = e.points;
          return { edit: e, points: list.map(function (c) { return project(c[0], c[1]); }) };
        });
      }
      function withPoints(edit, pts) {
        const e = JSON.parse(JSON.stringify(edit)), ll = pts.map(function (p) { return unproject(p[0], p[1]); });
        if (e.geometry && e.geometry.type === "Polygon") e.geometry.coordinates = [ll.concat([ll[0]])].concat(e.geometry.coordinates.slice(1));
        else if (e.geometry && e.geometry.type === "LineString") e.geometry.coordinates = ll;
        else if (e.from) { e.from = ll[0]; e.to = ll[1]; }
        else if (e.points) e.points = ll;
        return e;
      }
      function newEdit(tool, pts) {
        const ll = pts.map(function (p) { return unproject(p[0], p[1]); });
        const ring = { type: "Polygon", coordinates: [ll.concat([ll[0]])] };
        if (tool === "park") return { type: "add_park", name: "Drawn park " + (state.edits.length + 1), kind: "park", geometry: ring };
        if (tool === "closure") return { type: "close_area", geometry: ring };
        if (tool === "path") return { type: "add_path", class: "path", greenway: true, geometry: { type: "LineString", coordinates: ll } };
        if (tool === "crossing") return { type: "add_crossing", from: ll[0], to: ll[1] };
        return { type: "add_services", category: $("category").value, name: "Drawn " + $("category").value, points: ll };
      }
      const needed = { park: 3, closure: 3, path: 2, crossing: 2, service: 1 };
      function finish() {
        if (!drawing) return;
        const d = drawing;
        drawing = null;
        if (d.points.length < needed[d.tool]) { $("message").textContent = "A " + d.tool + " needs at least " + needed[d.tool] + " points."; draw(); return; }
        send("POST", "/api/edits", newEdit(d.tool, d.points));
      }
      function send(method, path, body) {
        if (busy) return Promise.resolve();
        $("message").textContent = "Computing…";
        return api(method, path, body).then(show, function () { draw(); });
      }
      function show(s) {
        state = s;
        for (const k of Object.keys(changeGrids)) delete changeGrids[k];
        const g = city.grid;
        for (const c of s.grids) {
          const full = new Float32Array(g.cols * g.rows).fill(NaN), w = c.window, part = decode(c.values, w[2] * w[3]);
          for (let r = 0; r < w[3]; r++) for (let q = 0; q < w[2]; q++) full[(w[1] + r) * g.cols + w[0] + q] = part[r * w[2] + q];
          changeGrids[c.name] = { values: full };
        }
        if (selected >= s.edits.length) selected = -1;
        fillEdits(); fillChanges(); draw();
        document.body.dataset.edits = String(s.edits.length);
        $("message").textContent = s.edits.length ? s.edits.length + " edit" + (s.edits.length > 1 ? "s" : "") + ", " + s.recomputed_nodes + " nodes recomputed." : "No edits yet: pick a tool and draw on the map.";
        $("undo").disabled = !s.can_undo; $("redo").disabled = !s.can_redo;
      }
      function fillEdits() {
        const list = $("edits");
        list.textContent = "";
        state.edits.forEach(function (e, k) {
          const li = document.createElement("li"), del = document.createElement("button");
          li.textContent = e.type.replace("_", " ") + (e.name ? ": " + e.name : "");
          if (k === selected) li.className = "selected";
          li.addEventListener("click", function () { selected = k; fillEdits(); draw(); });
          del.textContent = "delete"; del.addEventListener("click", function (ev) { ev.stopPropagation(); send("DELETE", "/api/edits/" + k); });
          li.appendChild(del); list.appendChild(li);
        });
      }
      function fillChanges() {
        const t = $("changes"), basis = city.summary.residents ? "residents" : "cells";
        // No edits yet: the baseline's shares, nothing gained or lost.
        const rows = state.residents || state.cells || city.summary[basis].map(function (b) {
          return { measure: b.measure, before: b.within, after: b.within, gaining: 0, losing: 0, slower: 0, mean_change: 0 };
        });
        t.textContent = "";
        const head = t.createTHead().insertRow();
        for (const c of ["measure", "within before", "after", basis + " gaining", "losing", "slower", "mean change"]) { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); }
        const body = t.createTBody();
        let gaining = 0;
        rows.forEach(function (c, k) {
          const tr = body.insertRow(), cat = c.measure === "categories_within", pct = function (v) { return cat ? v.toFixed(2) : (v * 100).toFixed(1) + " %"; };
          if (k === measure) { tr.className = "chosen"; gaining = c.gaining; }
          for (const v of [c.measure, pct(c.before), pct(c.after), Math.round(c.gaining).toLocaleString("en"), Math.round(c.losing).toLocaleString("en"), Math.round(c.slower).toLocaleString("en"), c.mean_change.toFixed(2)]) tr.insertCell().textContent = v;
        });
        document.body.dataset.gaining = String(Math.round(gaining));
      }
      function fillLegend() {
        const m = city.measures[measure], legend = $("layer").value === "baseline" ? m.legend : m.change_legend, list = $("legend");
        list.textContent = "";
        for (const c of legend.classes) {
          const li = document.createElement("li"), sw = document.createElement("span");
          sw.className = "swatch"; sw.style.background = c.colour; li.appendChild(sw); li.appendChild(document.createTextNode(c.label)); list.appendChild(li);
        }
      }
      function hit(p) {
        const shapes = editShapes(), tolerance = 8 / view.scale;
        if (selected < 0 || !shapes[selected]) return -1;
        return shapes[selected].points.findIndex(function (q) { return Math.abs(q[0] - p[0]) < tolerance && Math.abs(q[1] - p[1]) < tolerance; });
      }

      canvas.addEventListener("pointerdown", function (ev) {
        if (!city || busy) return;
        const p = world(ev), tool = $("tool").value;
        canvas.setPointerCapture(ev.pointerId);
        if (tool === "pan") {
          const v = hit(p);
          drag = v >= 0 ? { vertex: v, points: editShapes()[selected].points } : { pan: [ev.clientX, ev.clientY] };
          return;
        }
        if (!drawing || drawing.tool !== tool) drawing = { tool: tool, points: [] };
        drawing.points.push(p);
        if ((tool === "service" && drawing.points.length === 1) || (tool === "crossing" && drawing.points.length === 2)) finish(); else draw();
      });
      canvas.addEventListener("pointermove", function (ev) {
        if (!drag) { readout(ev); return; }
        if (drag.pan) { view.x0 -= (ev.clientX - drag.pan[0]) / view.scale; view.y0 += (ev.clientY - drag.pan[1]) / view.scale; drag.pan = [ev.clientX, ev.clientY]; }
        else { drag.points[drag.vertex] = world(ev); drag.moved = true; }
        draw();
      });
      canvas.addEventListener("pointerup", function () {
        const d = drag;
        drag = null;
        if (d && d.moved) send("PUT", "/api/edits/" + selected, withPoints(state.edits[selected], d.points));
      });
      canvas.addEventListener("dblclick", function (ev) { ev.preventDefault(); if (drawing) { drawing.points.pop(); finish(); } });
      canvas.addEventListener("wheel", function (ev) {
        ev.preventDefault();
        const b = canvas.getBoundingClientRect(), cx = ev.clientX - b.left, cy = ev.clientY - b.top, f = ev.deltaY < 0 ? 1.25 : 0.8;
        const wx = view.x0 + cx / view.scale, wy = view.y0 - cy / view.scale;
        view.scale *= f; view.x0 = wx - cx / view.scale; view.y0 = wy + cy / view.scale; draw();
      }, { passive: false });
      function readout(ev) {
        const g = city && city.grid;
        if (!g) return;
        const p = world(ev), col = Math.floor(p[0] / g.cell), row = g.rows - 1 - Math.floor(p[1] / g.cell);
        if (col < 0 || row < 0 || col >= g.cols || row >= g.rows) { $("readout").textContent = ""; return; }
        const m = city.measures[measure], base = m.values[row * g.cols + col], c = changeGrids[m.change];
        const change = c ? c.values[row * g.cols + col] : NaN;
        $("readout").textContent = m.name + ": " + (Number.isNaN(base) ? "no data" : base.toFixed(1)) + (Number.isNaN(change) ? "" : " (change " + change.toFixed(1) + ")");
      }
      document.addEventListener("keydown", function (ev) {
        if (ev.target.tagName === "SELECT") return;
        if (ev.key === "Enter") { finish(); ev.preventDefault(); }
        else if (ev.key === "Escape") { drawing = null; draw(); }
        else if ((ev.ctrlKey || ev.metaKey) && (ev.key === "z" || ev.key === "Z") && !ev.shiftKey) { ev.preventDefault(); send("POST", "/api/undo"); }
        else if ((ev.ctrlKey || ev.metaKey) && (ev.key === "y" || ev.key === "Y" || ((ev.key === "z" || ev.key === "Z") && ev.shiftKey))) { ev.preventDefault(); send("POST", "/api/redo"); }
        else if ((ev.key === "Delete" || ev.key === "Backspace") && selected >= 0) { send("DELETE", "/api/edits/" + selected); }
      });
      $("finish").addEventListener("click", finish);
      $("undo").addEventListener("click", function () { send("POST", "/api/undo"); });
      $("redo").addEventListener("click", function () { send("POST", "/api/redo"); });
      $("measure").addEventListener("change", function () { measure = Number($("measure").value); fillChanges(); fillLegend(); draw(); });
      $("layer").addEventListener("change", function () { fillLegend(); draw(); });
      $("tool").addEventListener("change", function () { drawing = null; draw(); });
      $("suggest").addEventListener("click", function () {
        const w = canvas.clientWidth, h = canvas.clientHeight, sw = unproject(view.x0, view.y0 - h / view.scale), ne = unproject(view.x0 + w / view.scale, view.y0);
        $("message").textContent = "Looking for park sites in view…";
        api("POST", "/api/suggest-parks", { bbox: [sw[0], sw[1], ne[0], ne[1]], count: 5 }).then(function (j) {
          suggestions = j.features.filter(function (f) { return f.geometry.type === "Polygon"; }).map(function (f) {
            return f.geometry.coordinates[0].map(function (c) { return project(c[0], c[1]); });
          });
          $("message").textContent = suggestions.length + " park sites suggested in view (purple); draw a park there to test one.";
          draw();
        }, function () {});
      });
      window.addEventListener("resize", function () { if (city) { resize(); draw(); } });
      window.walkshed = { screenOf: screenOf };

      $("download-scenario").href = "/api/scenario.json?token=" + encodeURIComponent(token);
      $("download-report").href = "/api/report.html?token=" + encodeURIComponent(token);
      for (const c of [\#(ServiceCategory.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]) $("category").add(new Option(c, c));
      Promise.all([api("GET", "/api/city"), api("GET", "/api/state")]).then(function (both) {
        city = both[0];
        city.measures.forEach(function (m, k) { m.values = decode(m.values, city.grid.cols * city.grid.rows); $("measure").add(new Option(m.name.replace(/_/g, " "), String(k))); });
        resize(); fit(); fillLegend(); show(both[1]);
      }, function () {});
    })();

    """#
}
