// Faultline timeline: draws the operations embedded in #data on a canvas, one lane per worker.
// Every text from the history reaches the page through textContent, never innerHTML.
(function () {
  'use strict';
  var started = performance.now();
  var D = JSON.parse(document.getElementById('data').textContent);
  var parsed = performance.now();
  var N = D.t0.length, LANES = D.lanes.length;
  var TYPE = ['ok', 'fail', 'info', 'pending'];
  var FILL = ['#2da44e', '#cf222e', '#d4a017', '#8c959f'];
  var LEFT = 60, TOP = 34, LANE_H = 18, BAR_H = 12;
  var END = Math.max(1, D.end);
  var canvas = document.getElementById('tl'), ctx = canvas.getContext('2d');
  var tip = document.getElementById('tip'), pinned = document.getElementById('pinned');
  var status = document.getElementById('status');
  var fromBox = document.getElementById('from'), toBox = document.getElementById('to');

  // Per lane: operation indices sorted by start, and the longest operation (bounds the search).
  var byLane = [], longest = [];
  for (var l = 0; l < LANES; l++) { byLane.push([]); longest.push(0); }
  for (var i = 0; i < N; i++) {
    byLane[D.lane[i]].push(i);
    var d = end(i) - D.t0[i];
    if (d > longest[D.lane[i]]) longest[D.lane[i]] = d;
  }
  byLane.forEach(function (a) { a.sort(function (x, y) { return D.t0[x] - D.t0[y]; }); });

  var view = { a: 0, b: END };
  // Operations to outline, by history index of their invocation: #t=a,b&mark=12,40
  var marked = new Uint8Array(N);
  function end(i) { return D.t1[i] < 0 ? END : D.t1[i]; }
  var cssWidth = 0; // canvas.clientWidth, read once per resize: reading it per bar forces layout
  function width() { return cssWidth; }
  function x(t) { return LEFT + (t - view.a) / (view.b - view.a) * (width() - LEFT - 10); }
  function tAt(px) { return view.a + (px - LEFT) / (width() - LEFT - 10) * (view.b - view.a); }

  // First index in lane list whose start is >= t.
  function lowerBound(list, t) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (D.t0[list[m]] < t) lo = m + 1; else hi = m; }
    return lo;
  }

  function resize(noDraw) {
    var dpr = window.devicePixelRatio || 1;
    var h = TOP + LANES * LANE_H + 10;
    canvas.style.height = h + 'px';
    cssWidth = canvas.clientWidth;
    canvas.width = Math.floor(cssWidth * dpr);
    canvas.height = Math.floor(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (noDraw !== true) draw();
  }

  function niceStep(span) {
    var raw = span / 8, p = Math.pow(10, Math.floor(Math.log10(raw))), steps = [1, 2, 5, 10];
    for (var s = 0; s < steps.length; s++) if (steps[s] * p >= raw) return steps[s] * p;
    return 10 * p;
  }

  function draw() {
    var w = width(), h = TOP + LANES * LANE_H;
    ctx.clearRect(0, 0, w, h + 10);
    ctx.font = '11px sans-serif';
    // faults, behind everything, labelled at the top
    D.faults.forEach(function (f, k) {
      if (f[1] < view.a || f[0] > view.b) return;
      var x0 = Math.max(LEFT, x(f[0])), x1 = Math.min(w - 10, x(f[1]));
      ctx.fillStyle = f[2];
      ctx.fillRect(x0, TOP - 8, Math.max(1, x1 - x0), h - TOP + 8);
      ctx.fillStyle = '#444';
      ctx.fillText(f[3], x0 + 2, TOP - 10 - (k % 2) * 10 + 10);
    });
    // time axis
    var step = niceStep((view.b - view.a) / 1e6) * 1e6;
    ctx.fillStyle = '#57606a'; ctx.strokeStyle = '#eaeef2';
    for (var t = Math.ceil(view.a / step) * step; t <= view.b; t += step) {
      var px = x(t);
      ctx.beginPath(); ctx.moveTo(px, TOP - 4); ctx.lineTo(px, h); ctx.stroke();
      ctx.fillText((t / 1e6).toFixed(step < 1e6 ? 3 : 1) + ' s', px + 2, 10);
    }
    var drawn = 0;
    for (var l = 0; l < LANES; l++) {
      var y = TOP + l * LANE_H;
      ctx.fillStyle = '#24292f';
      ctx.fillText(D.lanes[l], 4, y + BAR_H);
      var list = byLane[l], from = lowerBound(list, view.a - longest[l]);
      var covered = [-1, -1, -1, -1];
      for (var j = from; j < list.length; j++) {
        var i = list[j];
        if (D.t0[i] > view.b) break;
        if (end(i) < view.a) continue;
        var x0 = x(D.t0[i]), x1 = x(end(i));
        // At a wide zoom many operations share a pixel: a lane's operations follow one another, so a
        // bar ending in a pixel its type already painted adds nothing.
        var px = Math.floor(x1), ty = D.type[i];
        if (px <= covered[ty] && !marked[i]) continue;
        covered[ty] = px;
        var bx = Math.max(LEFT, x0), bw = Math.max(1, Math.min(w - 10, x1) - bx);
        ctx.fillStyle = FILL[D.type[i]];
        ctx.fillRect(bx, y + 2, bw, BAR_H);
        if (marked[i]) {
          ctx.strokeStyle = '#000'; ctx.lineWidth = 2;
          ctx.strokeRect(bx - 1, y + 1, bw + 2, BAR_H + 2);
          ctx.lineWidth = 1; ctx.strokeStyle = '#eaeef2';
        }
        if (bw > 60) { // room for words: f and value
          ctx.save(); ctx.beginPath(); ctx.rect(bx, y, bw - 2, LANE_H); ctx.clip();
          ctx.fillStyle = '#fff'; ctx.fillText(D.fs[D.f[i]] + ' ' + D.v[i], bx + 3, y + BAR_H);
          ctx.restore();
        }
        drawn++;
      }
    }
    fromBox.value = (view.a / 1e6).toFixed(3); toBox.value = (view.b / 1e6).toFixed(3);
    status.textContent = N + ' operations · ' + ((view.b - view.a) / 1e6).toFixed(3) + ' s shown';
    window.timelineDraws = (window.timelineDraws || 0) + 1;
    window.timelineBars = drawn;
  }

  function setView(a, b) {
    var span = Math.max(100, b - a);
    a = Math.max(0, Math.min(a, END - Math.min(span, END)));
    view.a = a; view.b = Math.min(END, a + span);
    if (view.b - view.a < 100) view.b = view.a + 100;
    draw();
  }
  function zoom(factor, at) {
    var t = at === undefined ? (view.a + view.b) / 2 : at;
    setView(t - (t - view.a) * factor, t + (view.b - t) * factor);
  }

  function opAt(px, py) {
    var l = Math.floor((py - TOP) / LANE_H);
    if (l < 0 || l >= LANES || px < LEFT) return -1;
    var list = byLane[l], t = tAt(px), slack = 3 * (view.b - view.a) / (width() - LEFT);
    var j = lowerBound(list, t + slack) - 1, best = -1;
    for (; j >= 0; j--) {
      var i = list[j];
      if (end(i) >= t - slack) { best = i; break; }
      if (D.t0[i] < t - longest[l] - slack) break;
    }
    return best;
  }

  function describe(i) {
    var lat = D.t1[i] < 0 ? 'pending' : ((D.t1[i] - D.t0[i]) / 1000).toFixed(3) + ' ms';
    return '#' + D.i[i] + '  process ' + D.p[i] + '  ' + D.fs[D.f[i]] + (D.k[i] ? ' key ' + D.k[i] : '') + '  ' + TYPE[D.type[i]] +
      '\nvalue    ' + D.v[i] +
      '\ninvoke   ' + (D.t0[i] / 1e6).toFixed(6) + ' s   complete ' + (D.t1[i] < 0 ? '-' : (D.t1[i] / 1e6).toFixed(6) + ' s') +
      '\nlatency  ' + lat + (D.node[i] ? '   node ' + D.node[i] : '') + (D.err[i] ? '   error ' + D.err[i] : '');
  }

  var drag = null;
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, tAt(e.offsetX));
  }, { passive: false });
  canvas.addEventListener('mousedown', function (e) { drag = { x: e.clientX, a: view.a, b: view.b, moved: false }; });
  window.addEventListener('mouseup', function (e) {
    if (drag && !drag.moved) {
      var i = opAt(e.offsetX, e.offsetY);
      if (e.target === canvas && i >= 0) pinned.textContent = describe(i);
    }
    drag = null;
  });
  window.addEventListener('mousemove', function (e) {
    if (drag) {
      var dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2) drag.moved = true;
      var dt = dx / (width() - LEFT - 10) * (drag.b - drag.a);
      setView(drag.a - dt, drag.b - dt);
      tip.style.display = 'none';
      return;
    }
    if (e.target !== canvas) { tip.style.display = 'none'; return; }
    var i = opAt(e.offsetX, e.offsetY);
    if (i < 0) { tip.style.display = 'none'; return; }
    tip.textContent = describe(i);
    tip.style.left = Math.min(e.clientX + 12, window.innerWidth - 420) + 'px';
    tip.style.top = (e.clientY + 14) + 'px';
    tip.style.display = 'block';
  });
  document.getElementById('zin').onclick = function () { zoom(0.5); };
  document.getElementById('zout').onclick = function () { zoom(2); };
  document.getElementById('all').onclick = function () { setView(0, END); };
  document.getElementById('prev').onclick = function () { var s = view.b - view.a; setView(view.a - s, view.b - s); };
  document.getElementById('next').onclick = function () { var s = view.b - view.a; setView(view.a + s, view.b + s); };
  document.getElementById('go').onclick = function () {
    setView(parseFloat(fromBox.value) * 1e6, parseFloat(toBox.value) * 1e6);
  };
  function fromHash() {
    marked.fill(0);
    var k = /mark=([0-9,]+)/.exec(location.hash);
    if (k) {
      var want = {};
      k[1].split(',').forEach(function (s) { want[s] = true; });
      for (var q = 0; q < N; q++) if (want[D.i[q]]) marked[q] = 1;
    }
    var m = /t=([0-9.]+),([0-9.]+)/.exec(location.hash);
    if (m) setView(parseFloat(m[1]) * 1e6, parseFloat(m[2]) * 1e6); else draw();
  }
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('resize', function () { resize(); });
  window.timelineApi = { setView: setView, opAt: opAt, describe: describe, view: view };
  var indexed = performance.now();
  resize(true);
  fromHash();
  // For benchmarks and tests: milliseconds spent parsing the data, indexing it, drawing it first.
  window.timelineTimes = { parse: parsed - started, index: indexed - parsed, draw: performance.now() - indexed,
    sincePageStart: performance.now() };
})();
