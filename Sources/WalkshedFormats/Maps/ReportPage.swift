import Walkshed

/// The fixed parts of the HTML report: markup, style sheet and script. The script reads the
/// data block, draws the chosen grid on a canvas with the network, parks and services over
/// it, and sets `body[data-status]` to `drawn` (and `data-cells` to the cells painted) once
/// a map is on screen (with `data-shown` = `view/grid`), or to `error: …` on a script error,
/// which the tests read. `#view=…&measure=…` in the address opens that map.
enum ReportPage {
    static func body(title: String, generator: String) -> String {
        """
        <header><h1>Walkshed report: \(title)</h1><p id="caption"></p></header>
        <main>
        <section id="map-panel">
        <div id="controls">
        <label>View <select id="view"></select></label>
        <label>Measure <select id="measure"></select></label>
        <label><input type="checkbox" id="show-network" checked> network</label>
        <label><input type="checkbox" id="show-parks" checked> parks</label>
        <label><input type="checkbox" id="show-services"> services</label>
        <button id="zoom-in" title="zoom in">+</button><button id="zoom-out" title="zoom out">&minus;</button><button id="zoom-fit" title="whole area">fit</button>
        </div>
        <div id="map-wrap"><canvas id="map"></canvas>
        <div id="readout"></div>
        <div id="attribution">Map data &copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)</div>
        </div>
        <p class="hint">Drag to pan, wheel or +/&minus; to zoom. Greenways are drawn green; scenario paths blue, closures red.</p>
        </section>
        <aside>
        <h2 id="legend-title">Legend</h2><ul id="legend"></ul>
        <div id="services-legend"></div>
        <h2 id="histogram-title">Histogram</h2><canvas id="histogram" width="340" height="220"></canvas>
        </aside>
        </main>
        <section id="table-panel"><h2 id="table-title">Measures</h2><div class="table-wrap"><table id="indicators"></table></div>
        <div id="standard-panel" hidden><h2>Standard indicators</h2><div class="table-wrap"><table id="standard"></table></div></div></section>
        <footer>\(generator). Map data &copy; OpenStreetMap contributors, ODbL 1.0.</footer>

        """
    }

    static let css = """
    body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
    header, footer, #table-panel { padding: 8px 16px; }
    h1 { font-size: 20px; margin: 4px 0; } h2 { font-size: 15px; margin: 12px 0 6px; }
    #caption { margin: 0; color: #555; }
    main { display: flex; gap: 16px; padding: 0 16px; flex-wrap: wrap; }
    #map-panel { flex: 1 1 640px; min-width: 320px; }
    aside { flex: 0 0 360px; }
    #controls { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
    #controls button { min-width: 32px; }
    #map-wrap { position: relative; height: 620px; border: 1px solid #999; background: #f0f0f0; overflow: hidden; }
    #map { width: 100%; height: 100%; display: block; cursor: grab; touch-action: none; }
    #attribution { position: absolute; right: 0; bottom: 0; background: rgba(255,255,255,.85); font-size: 11px; padding: 1px 5px; }
    #readout:empty { display: none; }
    #readout { position: absolute; left: 0; top: 0; background: rgba(255,255,255,.85); font-size: 12px; padding: 2px 6px; min-height: 1em; }
    .hint { color: #666; font-size: 12px; margin: 4px 0; }
    #legend { list-style: none; padding: 0; margin: 0; }
    #legend li, #services-legend span { display: flex; align-items: center; gap: 8px; margin: 2px 0; }
    .swatch { display: inline-block; width: 18px; height: 12px; border: 1px solid #777; }
    .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
    #services-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 8px; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; background: #fff; }
    th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    footer { color: #666; font-size: 12px; }

    """

    /// A colour per service category, in `ServiceCategory.allCases` order (a category added
    /// later takes the next colour, cycling); used by the map's dots and its legend.
    static let serviceColours = ["#e6550d", "#c51b8a", "#756bb1", "#3182bd", "#525252", "#d6616b", "#8c6d31", "#17becf", "#bcbd22"]

    /// `{ food: "#e6550d", … }`, from the category list.
    static var serviceColoursLiteral: String {
        "{ " + ServiceCategory.allCases.enumerated().map { "\($0.element.rawValue): \"\(serviceColours[$0.offset % serviceColours.count])\"" }
            .joined(separator: ", ") + " }"
    }

    static let script = #"""
    "use strict";
    window.addEventListener("error", function (e) { document.body.dataset.status = "error: " + e.message; });
    (function () {
      const data = JSON.parse(document.getElementById("walkshed-data").textContent);
      const $ = function (id) { return document.getElementById(id); };
      const canvas = $("map"), ctx = canvas.getContext("2d");
      const serviceColours = \#(serviceColoursLiteral);
      const state = { view: 0, grid: 0, scale: 1, x0: 0, y0: 0, drag: null };
      const first = firstGrid();
      const originX = first ? first.xll : (data.map ? data.map.origin[0] : 0);
      const originY = first ? first.yll : (data.map ? data.map.origin[1] : 0);

      function firstGrid() {
        for (const v of data.views) { if (v.grids.length) return v.grids[0]; }
        return null;
      }
      function upper(c) { return c.upper === null ? Infinity : c.upper; }
      function rgb(hex) { return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)]; }
      function values(g) {
        if (!g.decoded) {
          const bin = atob(g.values), view = new DataView(new ArrayBuffer(bin.length));
          for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
          g.decoded = new Float32Array(g.cols * g.rows);
          for (let i = 0; i < g.decoded.length; i++) g.decoded[i] = view.getFloat32(4 * i, true);
        }
        return g.decoded;
      }
      function classOf(legend, v) {
        if (Number.isNaN(v)) return -1;
        for (let k = 0; k < legend.classes.length; k++) { if (v < upper(legend.classes[k])) return k; }
        return legend.classes.length - 1;
      }
      function image(g) {
        if (g.image) return g.image;
        const vs = values(g), off = document.createElement("canvas");
        off.width = g.cols; off.height = g.rows;
        const octx = off.getContext("2d"), img = octx.createImageData(g.cols, g.rows);
        const colours = g.legend.classes.map(function (c) { return rgb(c.colour); });
        let painted = 0;
        for (let i = 0; i < vs.length; i++) {
          const k = classOf(g.legend, vs[i]);
          if (k < 0) continue;
          img.data[4 * i] = colours[k][0]; img.data[4 * i + 1] = colours[k][1]; img.data[4 * i + 2] = colours[k][2]; img.data[4 * i + 3] = 255;
          painted++;
        }
        octx.putImageData(img, 0, 0);
        g.image = off; g.painted = painted;
        return off;
      }
      function layerPaths(map) {
        if (!map) return null;
        if (map.paths) return map.paths;
        const ox = map.origin[0] - originX, oy = map.origin[1] - originY;
        const bounds = { left: Infinity, bottom: Infinity, right: -Infinity, top: -Infinity };
        function widen(x, y) {
          bounds.left = Math.min(bounds.left, x); bounds.right = Math.max(bounds.right, x);
          bounds.bottom = Math.min(bounds.bottom, y); bounds.top = Math.max(bounds.top, y);
        }
        function trace(path, list, close) {
          let x = 0, y = 0;
          for (let k = 0; k < list.length; k += 2) {
            if (k === 0) { x = list[0]; y = list[1]; path.moveTo(ox + x, oy + y); }
            else { x += list[k]; y += list[k + 1]; path.lineTo(ox + x, oy + y); }
            widen(ox + x, oy + y);
          }
          if (close) path.closePath();
        }
        const paths = { lines: {}, parks: new Path2D(), services: {}, removed: {}, bounds: bounds };
        for (const kind of Object.keys(map.lines)) {
          const p = new Path2D();
          for (const line of map.lines[kind]) trace(p, line, false);
          paths.lines[kind] = p;
        }
        for (const park of map.parks) { for (const ring of park.rings.concat(park.holes)) trace(paths.parks, ring, true); }
        for (const [key, target] of [["services", paths.services], ["removed_services", paths.removed]]) {
          for (const cat of Object.keys(map[key])) {
            const list = map[key][cat], points = [];
            for (let k = 0; k < list.length; k += 2) points.push([ox + list[k], oy + list[k + 1]]);
            target[cat] = points;
          }
        }
        map.paths = paths;
        return paths;
      }
      function currentView() { return data.views[state.view]; }
      function currentGrid() { const v = currentView(); return v.grids[Math.min(state.grid, v.grids.length - 1)] || null; }
      function resize() {
        const r = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
        canvas.width = Math.max(1, Math.round(w * r)); canvas.height = Math.max(1, Math.round(h * r));
      }
      function fit() {
        const g = currentGrid();
        let w = 1000, h = 1000, left = 0, bottom = 0;
        const b = g ? null : (layerPaths(data.map) || layerPaths(currentView().changes) || {}).bounds;
        if (g) { w = g.cols * g.cell; h = g.rows * g.cell; left = g.xll - originX; bottom = g.yll - originY; }
        else if (b && b.right > b.left) { w = b.right - b.left; h = Math.max(1, b.top - b.bottom); left = b.left; bottom = b.bottom; }
        const cw = canvas.clientWidth || 800, ch = canvas.clientHeight || 600;
        state.scale = Math.min(cw / w, ch / h) * 0.95;
        state.x0 = left + w / 2 - cw / 2 / state.scale;
        state.y0 = bottom + h / 2 + ch / 2 / state.scale;
      }
      function worldTransform(r) { ctx.setTransform(state.scale * r, 0, 0, -state.scale * r, -state.x0 * state.scale * r, state.y0 * state.scale * r); }
      function niceMetres(most) {
        let best = 1;
        for (let p = 1; p <= most; p *= 10) { for (const m of [1, 2, 5]) { if (m * p <= most) best = m * p; } }
        return best;
      }
      function draw() {
        const r = window.devicePixelRatio || 1, s = state.scale;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = "#f0f0f0"; ctx.fillRect(0, 0, canvas.width, canvas.height);
        const g = currentGrid();
        if (g) {
          const img = image(g);
          ctx.setTransform(r, 0, 0, r, 0, 0);
          ctx.imageSmoothingEnabled = false;
          ctx.globalAlpha = 0.9;
          ctx.drawImage(img, (g.xll - originX - state.x0) * s, (state.y0 - (g.yll - originY + g.rows * g.cell)) * s, g.cols * g.cell * s, g.rows * g.cell * s);
          ctx.globalAlpha = 1;
        }
        const base = layerPaths(data.map), changes = layerPaths(currentView().changes);
        worldTransform(r);
        for (const p of [base, changes]) {
          if (!p || !$("show-parks").checked) continue;
          ctx.fillStyle = "rgba(49,163,84,0.28)"; ctx.fill(p.parks, "evenodd");
          ctx.strokeStyle = "#2e7d32"; ctx.lineWidth = 1 / s; ctx.stroke(p.parks);
        }
        if (base && $("show-network").checked) {
          if (base.lines.street) { ctx.strokeStyle = "rgba(50,50,50,0.45)"; ctx.lineWidth = 0.8 / s; ctx.stroke(base.lines.street); }
          if (base.lines.greenway) { ctx.strokeStyle = "#00843d"; ctx.lineWidth = 2.2 / s; ctx.stroke(base.lines.greenway); }
        }
        if (changes) {
          if (changes.lines.added) { ctx.strokeStyle = "#1f5fd6"; ctx.lineWidth = 3.5 / s; ctx.stroke(changes.lines.added); }
          if (changes.lines.closed) { ctx.strokeStyle = "#c00000"; ctx.lineWidth = 3.5 / s; ctx.setLineDash([6 / s, 4 / s]); ctx.stroke(changes.lines.closed); ctx.setLineDash([]); }
        }
        for (const p of [base, changes]) {
          if (!p) continue;
          const show = p === changes || $("show-services").checked;
          if (!show) continue;
          for (const cat of Object.keys(p.services)) {
            ctx.fillStyle = serviceColours[cat] || "#000";
            for (const pt of p.services[cat]) { ctx.beginPath(); ctx.arc(pt[0], pt[1], (p === changes ? 5 : 3) / s, 0, 2 * Math.PI); ctx.fill(); }
          }
          ctx.strokeStyle = "#c00000"; ctx.lineWidth = 2 / s;
          for (const cat of Object.keys(p.removed)) {
            for (const pt of p.removed[cat]) {
              const d = 5 / s;
              ctx.beginPath(); ctx.moveTo(pt[0] - d, pt[1] - d); ctx.lineTo(pt[0] + d, pt[1] + d);
              ctx.moveTo(pt[0] - d, pt[1] + d); ctx.lineTo(pt[0] + d, pt[1] - d); ctx.stroke();
            }
          }
        }
        ctx.setTransform(r, 0, 0, r, 0, 0);
        const metres = niceMetres(120 / s), px = metres * s, y = canvas.clientHeight - 14;
        ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fillRect(6, y - 22, px + 50, 30);
        ctx.fillStyle = "#222"; ctx.fillRect(12, y - 4, px, 5);
        ctx.fillStyle = "#fff"; ctx.fillRect(12 + px / 2, y - 3, px / 2 - 1, 3);
        ctx.fillStyle = "#222"; ctx.font = "12px sans-serif";
        ctx.fillText(metres >= 1000 ? (metres / 1000) + " km" : metres + " m", 12 + px + 4, y + 1);
        document.body.dataset.status = "drawn";
        document.body.dataset.cells = g ? String(g.painted) : "0";
        document.body.dataset.shown = currentView().id + "/" + (g ? g.name : "");
      }
      function fillLegend() {
        const g = currentGrid(), list = $("legend");
        list.textContent = "";
        if (!g) { $("legend-title").textContent = "No grids"; return; }
        $("legend-title").textContent = g.legend.title;
        for (const c of g.legend.classes) {
          const li = document.createElement("li"), sw = document.createElement("span");
          sw.className = "swatch"; sw.style.background = c.colour;
          li.appendChild(sw); li.appendChild(document.createTextNode(c.label)); list.appendChild(li);
        }
        const li = document.createElement("li"), sw = document.createElement("span");
        sw.className = "swatch"; sw.style.background = "#f0f0f0";
        li.appendChild(sw); li.appendChild(document.createTextNode(data.kind === "scenario" ? "no data (unreachable before or after)" : "no data / unreachable"));
        list.appendChild(li);
        const services = $("services-legend");
        services.textContent = "";
        for (const cat of Object.keys(serviceColours)) {
          const span = document.createElement("span"), dot = document.createElement("span");
          dot.className = "dot"; dot.style.background = serviceColours[cat];
          span.appendChild(dot); span.appendChild(document.createTextNode(cat)); services.appendChild(span);
        }
      }
      function drawHistogram() {
        const g = currentGrid(), hc = $("histogram"), h = hc.getContext("2d");
        h.setTransform(1, 0, 0, 1, 0, 0); h.clearRect(0, 0, hc.width, hc.height);
        if (!g) return;
        const hist = g.histogram, rows = g.legend.classes.map(function (c, k) { return [c.label, hist.weights[k], c.colour]; });
        rows.push(["no data", hist.missing, "#cccccc"]);
        let total = 0; for (const row of rows) total += row[1];
        $("histogram-title").textContent = (hist.basis === "residents" ? "Residents" : "Cells") + " by " + g.legend.title;
        hc.height = 22 * rows.length + 8;
        h.font = "12px sans-serif"; h.textBaseline = "middle";
        rows.forEach(function (row, k) {
          const y = 4 + 22 * k, share = total > 0 ? row[1] / total : 0;
          h.fillStyle = "#222"; h.fillText(row[0], 2, y + 9);
          h.fillStyle = row[2]; h.fillRect(120, y + 2, Math.max(1, share * 160), 14);
          h.strokeStyle = "#777"; h.strokeRect(120, y + 2, Math.max(1, share * 160), 14);
          h.fillStyle = "#222"; h.fillText((share * 100).toFixed(1) + " %", 286, y + 9);
        });
      }
      function fillTable() { fillRows(currentView().table, $("indicators")); }
      function fillRows(t, table) {
        table.textContent = "";
        const head = table.createTHead().insertRow();
        for (const c of t.columns) { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); }
        const body = table.createTBody();
        for (const row of t.rows) { const tr = body.insertRow(); for (const cell of row) tr.insertCell().textContent = cell; }
      }
      function fillMeasures() {
        const select = $("measure");
        select.textContent = "";
        currentView().grids.forEach(function (g, k) { select.add(new Option(g.legend.title, String(k))); });
        state.grid = Math.min(state.grid, Math.max(0, currentView().grids.length - 1));
        select.value = String(state.grid);
      }
      function refresh() {
        $("caption").textContent = currentView().caption; fillLegend(); drawHistogram(); fillTable(); draw();
        const g = currentGrid();
        history.replaceState(null, "", "#view=" + encodeURIComponent(currentView().id) + (g ? "&measure=" + encodeURIComponent(g.name) : ""));
      }
      // "#view=<profile or scenario>&measure=<grid>" opens that map, so a link can point at it.
      function fromHash() {
        const wanted = new URLSearchParams(location.hash.slice(1));
        const v = data.views.findIndex(function (x) { return x.id === wanted.get("view"); });
        if (v >= 0) { state.view = v; $("view").value = String(v); }
        const m = currentView().grids.findIndex(function (x) { return x.name === wanted.get("measure"); });
        if (m >= 0) state.grid = m;
      }
      function readout(ev) {
        const g = currentGrid();
        if (!g) return;
        const rect = canvas.getBoundingClientRect();
        const wx = state.x0 + (ev.clientX - rect.left) / state.scale, wy = state.y0 - (ev.clientY - rect.top) / state.scale;
        const col = Math.floor((wx - (g.xll - originX)) / g.cell), row = g.rows - 1 - Math.floor((wy - (g.yll - originY)) / g.cell);
        if (col < 0 || row < 0 || col >= g.cols || row >= g.rows) { $("readout").textContent = ""; return; }
        const v = values(g)[row * g.cols + col];
        $("readout").textContent = g.legend.title + ": " + (Number.isNaN(v) ? "no data" : (Math.round(v * 100) / 100) + " " + g.legend.unit);
      }
      function zoom(factor, cx, cy) {
        const wx = state.x0 + cx / state.scale, wy = state.y0 - cy / state.scale;
        state.scale *= factor;
        state.x0 = wx - cx / state.scale; state.y0 = wy + cy / state.scale;
        draw();
      }

      data.views.forEach(function (v, k) { $("view").add(new Option(v.id, String(k))); });
      $("view").addEventListener("change", function () { state.view = Number($("view").value); fillMeasures(); refresh(); });
      $("measure").addEventListener("change", function () { state.grid = Number($("measure").value); refresh(); });
      for (const id of ["show-network", "show-parks", "show-services"]) $(id).addEventListener("change", draw);
      $("zoom-in").addEventListener("click", function () { zoom(1.5, canvas.clientWidth / 2, canvas.clientHeight / 2); });
      $("zoom-out").addEventListener("click", function () { zoom(1 / 1.5, canvas.clientWidth / 2, canvas.clientHeight / 2); });
      $("zoom-fit").addEventListener("click", function () { fit(); draw(); });
      canvas.addEventListener("wheel", function (ev) {
        ev.preventDefault();
        const rect = canvas.getBoundingClientRect();
        zoom(ev.deltaY < 0 ? 1.25 : 0.8, ev.clientX - rect.left, ev.clientY - rect.top);
      }, { passive: false });
      canvas.addEventListener("pointerdown", function (ev) { state.drag = [ev.clientX, ev.clientY]; canvas.setPointerCapture(ev.pointerId); canvas.style.cursor = "grabbing"; });
      canvas.addEventListener("pointerup", function () { state.drag = null; canvas.style.cursor = "grab"; });
      canvas.addEventListener("pointermove", function (ev) {
        if (state.drag) {
          state.x0 -= (ev.clientX - state.drag[0]) / state.scale; state.y0 += (ev.clientY - state.drag[1]) / state.scale;
          state.drag = [ev.clientX, ev.clientY]; draw();
        } else { readout(ev); }
      });
      window.addEventListener("resize", function () { resize(); draw(); });
      $("table-title").textContent = { suggestions: "Suggestions", indicators: "Indicators" }[data.kind] || "Measures";
      if (data.indicators) { $("standard-panel").hidden = false; fillRows(data.indicators, $("standard")); }
      resize(); fromHash(); fillMeasures(); fit(); refresh();
    })();

    """#
}
