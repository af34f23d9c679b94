// Ratchet's live dashboard: one page, served by the runner's control API. Everything it shows
// comes from /api/snapshot once, then from /api/stream (Server-Sent Events, read with fetch so the
// bearer token can be sent and Last-Event-ID set by us); it never asks anything of another host.
'use strict';

const FAILURES = new Set(['ORDER_FAILED', 'ORDER_UNKNOWN', 'EXIT_REFUSED', 'RUNNER_ERROR', 'RECORDING_FAILED']);
const S = {
  positions: new Map(),  // id -> position as the API shows it
  events: new Map(),     // id -> [event], in order
  keys: new Map(),       // id -> Set of event keys (the snapshot and a replay may both carry an event)
  tapes: new Map(),      // symbol -> [[time, price]], sampled trades
  health: null,
  lastId: null,          // the last stream id applied: a reconnect resumes after it
  received: [],          // every stream id applied, in order (the tests check none is missing)
  connects: 0,
  connected: false,
  notices: [],
  charts: new Map(),     // id -> {plot, el}
};
window.ratchet = S;

let token = sessionStorage.getItem('ratchet-token');

// ---- talking to the API ------------------------------------------------------------------------

function headers(extra) {
  const h = Object.assign({}, extra || {});
  if (token) h['Authorization'] = 'Bearer ' + token;
  return h;
}

async function api(method, path, body, extra) {
  for (;;) {
    const res = await fetch(path, {method, headers: headers(Object.assign(body ? {'Content-Type': 'application/json'} : {}, extra)),
      body: body ? JSON.stringify(body) : undefined, cache: 'no-store'});
    if (res.status === 401) { await askToken(); continue; }
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(json && json.error ? json.error : 'HTTP ' + res.status);
    return json;
  }
}

function askToken() {
  const d = document.getElementById('token-dialog');
  return new Promise(resolve => {
    const ok = document.getElementById('token-ok');
    ok.onclick = () => {
      token = document.getElementById('token-input').value.trim();
      sessionStorage.setItem('ratchet-token', token);
      d.close();
      resolve();
    };
    if (!d.open) d.showModal();
  });
}

// ---- state ---------------------------------------------------------------------------------------

function eventKey(e) {
  return [e.type, e.time, e.price, e.newStop, e.detail].join('|');
}

function addEvent(id, e) {
  if (!S.keys.has(id)) { S.keys.set(id, new Set()); S.events.set(id, []); }
  const k = eventKey(e);
  if (S.keys.get(id).has(k)) return false;
  S.keys.get(id).add(k);
  S.events.get(id).push(e);
  return true;
}

function addTrade(symbol, time, price) {
  if (!S.tapes.has(symbol)) S.tapes.set(symbol, []);
  const t = S.tapes.get(symbol);
  if (t.length && t[t.length - 1][0] >= time) return;
  t.push([time, price]);
  if (t.length > 6000) t.splice(0, t.length - 6000);
}

function applySnapshot(s) {
  S.positions.clear(); S.events.clear(); S.keys.clear(); S.tapes.clear();
  for (const x of s.positions) {
    S.positions.set(x.position.id, x.position);
    for (const e of x.events) addEvent(x.position.id, e);
  }
  for (const [sym, pts] of Object.entries(s.tapes)) for (const [t, p] of pts) addTrade(sym, t, p);
  S.health = s.health;
  S.lastId = s.streamId;
  dirty(true);
}

function applyMessage(kind, id, data) {
  const m = JSON.parse(data);
  if (kind === 'stop-event' || kind === 'position') {
    S.positions.set(m.position.id, m.position);
    if (m.event) addEvent(m.position.id, m.event);
  } else if (kind === 'trade') {
    addTrade(m.symbol, m.time, m.price);
  } else if (kind === 'notice') {
    S.notices.unshift(m);
    S.notices.length = Math.min(S.notices.length, 50);
  }
  S.lastId = id;
  S.received.push(id);
  dirty(kind !== 'trade');
}

// ---- the stream -------------------------------------------------------------------------------

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function reload() {
  applySnapshot(await api('GET', '/api/snapshot'));
}

// Reads /api/stream until it ends, then reconnects from the last id applied; a silence longer
// than the server's pings means the connection is dead even if no error says so.
async function stream() {
  let wait = 500;
  for (;;) {
    const abort = new AbortController();
    let watchdog = null;
    try {
      const res = await fetch('/api/stream', {headers: headers(S.lastId ? {'Last-Event-ID': S.lastId} : {}), cache: 'no-store', signal: abort.signal});
      if (res.status === 401) { await askToken(); continue; }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      S.connects++;
      setConnected(true);
      wait = 500;
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let heard = Date.now();
      watchdog = setInterval(() => { if (Date.now() - heard > 15000) abort.abort(); }, 1000);
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        heard = Date.now();
        buf += dec.decode(value, {stream: true});
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let kind = 'message', id = null, data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('event: ')) kind = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (kind === 'reset') { await reload(); break; }
          if (id !== null) applyMessage(kind, id, data);
        }
      }
    } catch (e) {
      // a dropped connection: said in the strip, retried below
    } finally {
      if (watchdog) clearInterval(watchdog);
    }
    setConnected(false);
    await sleep(wait);
    wait = Math.min(wait * 2, 5000);
  }
}

function setConnected(up) {
  S.connected = up;
  const el = document.getElementById('conn');
  el.className = 'conn ' + (up ? 'up' : 'down');
  el.textContent = up ? '● live' : '✕ disconnected from the runner: reconnecting…';
}

// ---- formatting ---------------------------------------------------------------------------------

function num(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const d = digits !== undefined ? digits : Math.abs(v) >= 1000 ? 2 : Math.abs(v) >= 1 ? 4 : 6;
  return v.toLocaleString('en-US', {minimumFractionDigits: d, maximumFractionDigits: d}).replace('-', '−');
}

function signed(v, digits, suffix) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return '<span class="' + (v >= 0 ? 'pos' : 'neg') + '">' + (v > 0 ? '+' : '') + num(v, digits) + (suffix || '') + '</span>';
}

function esc(s) {
  return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]);
}

function configText(c) {
  if (!c) return '';
  let s = c.mode + ' trail ' + c.trail;
  if (c.activation) s += ', activation ' + c.activation;
  if (c.initialStop !== undefined && c.initialStop !== null) s += ', initial ' + c.initialStop;
  if (c.maxBars !== undefined && c.maxBars !== null) s += ', at most ' + c.maxBars + ' bars';
  if (c.fee) s += ', fee ' + c.fee;
  return s;
}

function lastPrice(p) {
  const t = S.tapes.get(p.symbol);
  if (t && t.length && t[t.length - 1][0] >= p.lastTime) return t[t.length - 1][1];
  return p.lastPrice;
}

const sign = p => p.direction === 'short' ? -1 : 1;
const needsAttention = p => p.attention || p.status === 'EXIT_REFUSED' || p.status === 'FAILED';

// ---- rendering --------------------------------------------------------------------------------

let pending = null, structural = false;
function dirty(all) {
  structural = structural || all;
  if (pending) return;
  pending = requestAnimationFrame(() => { pending = null; const a = structural; structural = false; render(a); });
}

function render(all) {
  renderStrip();
  renderOpen();
  if (all) { renderClosed(); renderNotices(); }
  renderCharts();
}

function renderStrip() {
  const h = S.health;
  if (!h) return;
  const mode = document.getElementById('mode');
  const net = h.network.toUpperCase();
  mode.className = 'mode ' + (h.dryRun ? 'dry' : h.network);
  mode.textContent = h.dryRun ? 'DRY-RUN on ' + net + ': no order is sent' : net === 'MAINNET' ? 'MAINNET: REAL ORDERS, REAL MONEY' : net + ': orders sent';
  const f = h.feed;
  const ages = f.symbols.map(s => '<b>' + esc(s.symbol) + '</b> ' + (s.lastTradeAgeMillis < 0 ? 'no trade yet' : (s.lastTradeAgeMillis / 1000).toFixed(1) + ' s ago')
    + (s.streaming ? '' : ' <span class="bad">(polling)</span>')).join(', ');
  document.getElementById('feed').innerHTML = 'feed <b class="' + (f.state === 'polling' ? 'bad' : '') + '">' + esc(f.state) + '</b>'
    + (ages ? ': ' + ages : '') + ' · reconnects <b>' + f.reconnects + '</b>';
  document.getElementById('db').innerHTML = (h.databaseWaiting > 0 ? '<span class="bad">database failing: ' + h.databaseWaiting + ' writes kept in memory</span>' : 'database <b>ok</b>')
    + (!h.recording ? '' : h.recording.failing ? ' · <span class="bad">recording failing: ' + h.recording.waiting + ' trades kept in memory'
      + (h.recording.dropped > 0 ? ', ' + h.recording.dropped + ' dropped' : '') + ' (' + esc(h.recording.problem || '') + ')</span>'
      : ' · recording <b>ok</b> (' + h.recording.written + ' trades)');
  const open = [...S.positions.values()].filter(p => ['TRAILING', 'CLOSING', 'EXIT_REFUSED'].includes(p.status));
  document.getElementById('stops').innerHTML = open.length === 0 ? '' : 'exchange stops: ' + open.map(p => '#' + p.id + ' '
    + (h.dryRun ? 'none (dry-run)' : p.exchangeStop ? '<b>resting</b>' : h.protectOnExchange ? '<span class="bad">none</span>' : 'off')).join(', ');
  const attn = [...S.positions.values()].filter(p => p.attention || p.status === 'EXIT_REFUSED');
  const box = document.getElementById('attention');
  box.hidden = attn.length === 0;
  box.innerHTML = attn.map(p => '⚠ position #' + p.id + ' ' + esc(p.symbol) + ' needs attention (' + esc(p.status) + '): ' + esc(p.attention || 'the exchange refused its exit')).join('<br>');
}

function renderOpen() {
  const rows = [...S.positions.values()].filter(p => ['PENDING', 'TRAILING', 'CLOSING', 'EXIT_REFUSED'].includes(p.status)).sort((a, b) => a.id - b.id);
  document.getElementById('open-empty').hidden = rows.length > 0;
  const html = rows.map(p => {
    const last = lastPrice(p), s = sign(p);
    const toStop = p.stop !== null && last ? s * (last - p.stop) / last * 100 : NaN;
    const pnl = p.entryPrice !== null && last ? s * (last - p.entryPrice) * parseFloat(p.quantity) : NaN;
    const pnlPct = p.entryPrice !== null && last ? s * (last / p.entryPrice - 1) * 100 : NaN;
    const bad = needsAttention(p);
    const canAct = p.status === 'TRAILING' || p.status === 'EXIT_REFUSED';
    return '<tr data-id="' + p.id + '" class="' + (bad ? 'attn' : '') + '"><td>' + p.id + '</td><td>' + esc(p.symbol) + '</td><td>' + esc(p.direction) + '</td>'
      + '<td>' + esc(p.quantity) + '</td><td>' + num(p.entryPrice) + '</td><td class="last">' + num(last) + '</td><td class="stop">' + num(p.stop) + '</td>'
      + '<td>' + num(toStop, 2) + ' %</td><td>' + signed(pnl, 2) + '</td><td>' + signed(pnlPct, 2, ' %') + '</td>'
      + '<td><span class="status ' + (bad ? 'bad' : p.status === 'CLOSING' ? 'closing' : '') + '">' + esc(p.status) + '</span>'
      + (p.attention ? '<span class="why">' + esc(p.attention) + '</span>' : '') + '</td>'
      + '<td class="config">' + esc(configText(p.config)) + '</td>'
      + '<td><button type="button" class="stop-trailing" data-id="' + p.id + '"' + (canAct ? '' : ' disabled') + '>Stop trailing</button> '
      + '<button type="button" class="close danger" data-id="' + p.id + '"' + (canAct ? '' : ' disabled') + '>Close at market</button></td></tr>';
  }).join('');
  const body = document.querySelector('#open-table tbody');
  if (body.innerHTML !== html) body.innerHTML = html;
}

function renderClosed() {
  const rows = [...S.positions.values()].filter(p => p.status === 'CLOSED' || p.status === 'FAILED').sort((a, b) => b.id - a.id);
  document.querySelector('#closed-table tbody').innerHTML = rows.map(p => {
    const fee = p.config && p.config.fee ? p.config.fee : 0;
    const net = p.exitPrice !== null && p.entryPrice !== null ? (sign(p) * (p.exitPrice / p.entryPrice - 1) - 2 * fee) * 100 : NaN;
    return '<tr data-id="' + p.id + '" class="' + (p.status === 'FAILED' || p.attention ? 'attn' : '') + '"><td>' + p.id + '</td><td>' + esc(p.symbol) + '</td><td>' + esc(p.direction) + '</td>'
      + '<td>' + esc(p.quantity) + '</td><td>' + num(p.entryPrice) + '</td><td>' + num(p.exitPrice) + '</td>'
      + '<td>' + esc(p.status === 'FAILED' ? 'FAILED' : p.exitReason) + '</td><td>' + signed(net, 2, ' %') + '</td>'
      + '<td>' + (p.closedAt ? new Date(p.closedAt).toISOString().replace('T', ' ').slice(0, 19) : '') + '</td><td class="config">' + esc(configText(p.config)) + '</td></tr>';
  }).join('');
}

function renderNotices() {
  document.getElementById('notices').innerHTML = S.notices.map(n => '<li class="' + (FAILURES.has(n.type) || n.type.endsWith('FAILED') ? 'bad' : '') + '">'
    + new Date(n.time).toISOString().slice(11, 19) + ' ' + esc(n.type) + (n.positionId ? ' #' + n.positionId : '') + ': ' + esc(n.detail) + '</li>').join('');
}

// ---- charts -------------------------------------------------------------------------------------

// Events carry market time when a price caused them and wall time when an order did; against a
// simulator replaying another year these differ by years. An event later than any market time
// seen is put where the market was when it came (after the one before it).
function chartData(p) {
  const evs = S.events.get(p.id) || [];
  const tape = S.tapes.get(p.symbol) || [];
  const market = Math.max(p.lastTime || 0, tape.length ? tape[tape.length - 1][0] : 0, p.entryTime || 0) + 60000;
  const placed = [];
  let prev = null;
  for (const e of evs) {
    let x = e.time <= market ? e.time : null;
    if (x !== null && prev !== null && x < prev) x = prev;
    placed.push({e, x});
    if (x !== null) prev = x;
  }
  let next = null;
  for (let i = placed.length - 1; i >= 0; i--) {
    if (placed[i].x === null) placed[i].x = next; else next = placed[i].x;
  }
  prev = p.entryTime || null;
  for (const q of placed) { if (q.x === null) q.x = prev; prev = q.x; }
  const xs0 = placed.filter(q => q.x !== null).map(q => q.x);
  const start = p.entryTime > 0 ? p.entryTime : xs0.length ? Math.min(...xs0) : (tape.length ? tape[0][0] : 0);
  const end = p.status === 'CLOSED' || p.status === 'FAILED' ? (xs0.length ? Math.max(...xs0) : Infinity) : Infinity;
  // points: [x, price or null, stop change or undefined]
  const pts = [];
  for (const [t, pr] of tape) if (t >= start && t <= end) pts.push([t, pr, undefined]);
  for (const q of placed) {
    if (q.x === null) continue;
    const e = q.e;
    const stopChange = e.type === 'STOP_MOVED' || e.type === 'OPENED' || e.type === 'RESUMED' ? e.newStop : undefined;
    pts.push([q.x, e.price, stopChange]);
  }
  if (p.status !== 'CLOSED' && p.status !== 'FAILED' && p.lastTime > 0) pts.push([Math.max(p.lastTime, pts.length ? pts[pts.length - 1][0] : 0), lastPrice(p), undefined]);
  pts.sort((a, b) => a[0] - b[0]);
  const xs = [], price = [], stop = [];
  let cur = null;
  for (const [x, pr, sc] of pts) {
    if (sc !== undefined && sc !== null) cur = sc;
    if (xs.length && xs[xs.length - 1] === x) {
      price[price.length - 1] = pr !== null ? pr : price[price.length - 1];
      stop[stop.length - 1] = cur;
      continue;
    }
    xs.push(x); price.push(pr); stop.push(cur);
  }
  if (p.status !== 'CLOSED' && stop.length) stop[stop.length - 1] = p.stop;
  const markers = placed.filter(q => q.x !== null).map(q => ({x: q.x, y: q.e.type === 'STOP_MOVED' ? q.e.newStop : (q.e.price !== null ? q.e.price : q.e.newStop), e: q.e}))
    .filter(m => m.y !== null);
  if (p.entryPrice !== null && start) markers.unshift({x: start, y: p.entryPrice, entry: true, e: {type: 'ENTRY', detail: 'entry ' + num(p.entryPrice), time: start}});
  if (p.exitPrice !== null && xs0.length) markers.push({x: Math.max(...xs0), y: p.exitPrice, exit: true, e: {type: 'EXIT', detail: 'exit ' + num(p.exitPrice) + ' (' + p.exitReason + ')', time: Math.max(...xs0)}});
  return {data: [xs, price, stop], markers};
}

function markerStyle(m) {
  const t = m.e.type;
  if (m.entry) return {shape: 'tri', fill: '#1b7f3b', size: 7};
  if (m.exit) return {shape: 'square', fill: '#111', size: 6};
  if (FAILURES.has(t)) return {shape: 'diamond', fill: '#c62828', size: 7};
  if (t === 'STOP_HIT') return {shape: 'x', fill: '#c62828', size: 7};
  if (t === 'STOP_MOVED') return {shape: 'dot', fill: '#d9480f', size: 3};
  if (t.startsWith('ORDER_') || t.startsWith('STOP_') || t === 'CLOSE_REQUESTED') return {shape: 'dot', fill: '#6a4fa3', size: 5};
  if (t === 'RECONCILED') return {shape: 'diamond', fill: '#b26a00', size: 6};
  return {shape: 'dot', fill: '#6b6b70', size: 4};
}

function drawMarkers(u, markers) {
  const c = u.ctx, r = devicePixelRatio;
  u.hits = [];
  c.save();
  for (const m of markers) {
    const x = u.valToPos(m.x, 'x', true), y = u.valToPos(m.y, 'y', true);
    if (!isFinite(x) || !isFinite(y)) continue;
    const st = markerStyle(m), s = st.size * r;
    c.fillStyle = st.fill; c.strokeStyle = st.fill; c.lineWidth = 2 * r;
    c.beginPath();
    if (st.shape === 'tri') { c.moveTo(x, y - s); c.lineTo(x + s, y + s); c.lineTo(x - s, y + s); c.closePath(); c.fill(); }
    else if (st.shape === 'square') c.fillRect(x - s, y - s, 2 * s, 2 * s);
    else if (st.shape === 'diamond') { c.moveTo(x, y - s); c.lineTo(x + s, y); c.lineTo(x, y + s); c.lineTo(x - s, y); c.closePath(); c.fill(); }
    else if (st.shape === 'x') { c.moveTo(x - s, y - s); c.lineTo(x + s, y + s); c.moveTo(x + s, y - s); c.lineTo(x - s, y + s); c.stroke(); }
    else { c.arc(x, y, s, 0, 2 * Math.PI); c.fill(); }
    u.hits.push({x: x / r, y: y / r, m});
  }
  c.restore();
}

function showTip(u, ev) {
  const tip = document.getElementById('tip');
  const rect = u.over.getBoundingClientRect();
  const mx = ev.clientX - rect.left + (rect.left - u.root.querySelector('.u-wrap').getBoundingClientRect().left);
  const my = ev.clientY - rect.top + (rect.top - u.root.querySelector('.u-wrap').getBoundingClientRect().top);
  let best = null, bd = 100;
  for (const h of u.hits || []) {
    const d = (h.x - mx) ** 2 + (h.y - my) ** 2;
    if (d < bd) { bd = d; best = h; }
  }
  if (!best) { tip.hidden = true; return; }
  const e = best.m.e;
  tip.innerHTML = '<b>' + esc(e.type) + '</b> ' + new Date(e.time).toISOString().replace('T', ' ').slice(0, 19)
    + (e.price !== null && e.price !== undefined ? '<br>price ' + num(e.price) : '')
    + (e.type === 'STOP_MOVED' ? '<br>stop ' + num(e.oldStop) + ' → ' + num(e.newStop) : '')
    + (e.detail ? '<br>' + esc(e.detail) : '');
  tip.style.left = (ev.clientX + 12) + 'px';
  tip.style.top = (ev.clientY + 12) + 'px';
  tip.hidden = false;
}

function renderCharts() {
  const host = document.getElementById('charts');
  const show = [...S.positions.values()].filter(p => p.status !== 'FAILED').sort((a, b) => {
    const ao = a.status === 'CLOSED' ? 1 : 0, bo = b.status === 'CLOSED' ? 1 : 0;
    return ao - bo || b.id - a.id;
  }).slice(0, 8);
  const keep = new Set(show.map(p => p.id));
  for (const [id, c] of S.charts) if (!keep.has(id)) { c.plot.destroy(); c.el.remove(); S.charts.delete(id); }
  show.forEach((p, i) => {
    let c = S.charts.get(p.id);
    const {data, markers} = chartData(p);
    if (!c) {
      const el = document.createElement('div');
      el.className = 'chart';
      el.dataset.id = p.id;
      el.innerHTML = '<h3></h3><div class="plot"></div><div class="legend-note">price (blue) · stop (orange step) · ▲ entry · ■ exit · ● stop moved · ● order · ◆ failure or reconcile · ✕ stop hit — hover a marker for its detail</div>';
      host.appendChild(el);
      const opts = {
        width: Math.min(1360, document.body.clientWidth - 60), height: 240, ms: 1, legend: {show: false}, cursor: {points: {show: false}},
        scales: {y: {range: (u, min, max) => {
          let lo = min, hi = max;
          for (const m of c.markers) { if (m.y < lo || lo === null) lo = m.y; if (m.y > hi || hi === null) hi = m.y; }
          if (lo === null || hi === null) return [0, 1];
          const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.001 || 1;
          return [lo - pad, hi + pad];
        }}},
        series: [{}, {label: 'price', stroke: '#1f5fbf', width: 1.5, spanGaps: true, points: {show: false}},
          {label: 'stop', stroke: '#d9480f', width: 2, paths: uPlot.paths.stepped({align: 1}), spanGaps: true, points: {show: false}}],
        axes: [{}, {size: 70}],
        hooks: {draw: [u => drawMarkers(u, c.markers)]},
      };
      c = {el, markers, plot: null};
      c.plot = new uPlot(opts, data, el.querySelector('.plot'));
      c.plot.over.addEventListener('mousemove', ev => showTip(c.plot, ev));
      c.plot.over.addEventListener('mouseleave', () => { document.getElementById('tip').hidden = true; });
      S.charts.set(p.id, c);
    } else {
      c.markers = markers;
      c.plot.setData(data);
    }
    const bad = (S.events.get(p.id) || []).some(e => FAILURES.has(e.type)) || needsAttention(p);
    c.el.className = 'chart' + (bad ? ' bad' : '');
    c.el.querySelector('h3').textContent = '#' + p.id + ' ' + p.symbol + ' ' + p.direction + ' ' + p.quantity + ' · ' + p.status
      + (p.stop !== null ? ' · stop ' + num(p.stop) : '') + (p.exitPrice !== null ? ' · exit ' + num(p.exitPrice) : '');
    if (host.children[i] !== c.el) host.insertBefore(c.el, host.children[i] || null);
  });
}

// ---- actions ------------------------------------------------------------------------------------

function confirmAction(text, ok) {
  const d = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = ok;
  return new Promise(resolve => {
    document.getElementById('confirm-ok').onclick = () => { d.close(); resolve(true); };
    document.getElementById('confirm-cancel').onclick = () => { d.close(); resolve(false); };
    d.showModal();
  });
}

function newKey() {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return 'dash-' + [...b].map(x => x.toString(16).padStart(2, '0')).join('');
}

document.getElementById('open-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target, err = document.getElementById('form-error'), button = document.getElementById('open-button');
  const body = {symbol: f.symbol.value.trim(), direction: f.direction.value, quantity: f.quantity.value.trim()};
  const entry = f.entryPrice.value.trim();
  if (entry) body.entryPrice = isNaN(Number(entry)) ? entry : Number(entry);
  const cfg = f.config.value.trim();
  if (cfg) {
    try { body.config = JSON.parse(cfg); } catch (e) { err.textContent = 'config: not valid JSON'; return; }
  }
  err.textContent = '';
  button.disabled = true;
  try {
    // One key per submission: a double click or a retry opens one position, not two.
    const p = await api('POST', '/api/positions', body, {'Idempotency-Key': newKey()});
    // The stream may have brought newer states of it before this answer: the answer only fills a gap.
    if (!S.positions.has(p.id)) S.positions.set(p.id, p);
    f.quantity.value = '';
    f.entryPrice.value = '';
    dirty(true);
  } catch (e) {
    err.textContent = e.message;
  } finally {
    button.disabled = false;
  }
});

document.getElementById('open-table').addEventListener('click', async ev => {
  const b = ev.target.closest('button');
  if (!b || b.disabled) return;
  const p = S.positions.get(Number(b.dataset.id));
  if (!p) return;
  const what = '#' + p.id + ' ' + p.symbol + ' ' + p.direction + ' ' + p.quantity;
  const close = b.classList.contains('close');
  const sure = close
    ? await confirmAction('Close ' + what + ' at market now? A market order is sent for the whole quantity.', 'Close at market')
    : await confirmAction('Stop trailing ' + what + '? Nothing is sold: the position is left as it is, with no stop watching it.', 'Stop trailing');
  if (!sure) return;
  b.disabled = true;
  try {
    const q = await api('DELETE', '/api/positions/' + p.id + (close ? '?close=true' : ''));
    if (q.status === 'CLOSED') S.positions.set(q.id, q); // final: nothing newer can have come
    dirty(true);
  } catch (e) {
    S.notices.unshift({type: close ? 'CLOSE_FAILED' : 'STOP_FAILED', detail: e.message, time: Date.now(), positionId: p.id});
    dirty(true);
  }
});

async function pollHealth() {
  for (;;) {
    await sleep(2000);
    try { S.health = await api('GET', '/api/health'); renderStrip(); } catch (e) { /* the stream's state says it */ }
  }
}

(async () => {
  for (;;) {
    try { await reload(); break; } catch (e) { setConnected(false); await sleep(1000); }
  }
  stream();
  pollHealth();
})();
