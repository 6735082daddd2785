/**
 * The dashboard's one browser script (served as /assets/dashboard.js): the equity chart, live prices from
 * /api/stream (server-sent events), and the action buttons (POST with the page's CSRF token; same origin).
 * Plain ES2020, no build step; lightweight-charts is window.LightweightCharts from /assets/lightweight-charts.js.
 */
export const CLIENT_SCRIPT = String.raw`
(() => {
  'use strict';
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const fmt = (n) => (Math.abs(Number(n)) < 0.005 ? 0 : Number(n)).toFixed(2);
  const log = document.getElementById('action-log');
  const say = (line) => {
    if (!log) return;
    log.textContent += line + '\n';
    log.scrollTop = log.scrollHeight;
  };

  // Equity, benchmark and drawdown: the equity panel and the performance panel draw the same chart.
  const drawEquity = (dataId, boxId) => {
    const data = document.getElementById(dataId);
    const box = document.getElementById(boxId);
    if (data && box && window.LightweightCharts) {
      const L = window.LightweightCharts;
      const points = JSON.parse(data.textContent);
      const chart = L.createChart(box, { height: 260, layout: { attributionLogo: false } });
      const eq = chart.addSeries(L.LineSeries, { color: '#1f6feb', lineWidth: 2, title: 'equity' });
      eq.setData(points.map((p) => ({ time: p.session, value: p.equity })));
      const bench = points.filter((p) => p.benchmark !== null);
      if (bench.length > 0) {
        const b = chart.addSeries(L.LineSeries, { color: '#8b949e', lineWidth: 1, title: 'benchmark' });
        b.setData(bench.map((p) => ({ time: p.session, value: p.benchmark })));
      }
      const dd = chart.addSeries(L.AreaSeries, { lineColor: '#d1242f', topColor: 'rgba(209,36,47,0.05)',
        bottomColor: 'rgba(209,36,47,0.3)', title: 'drawdown %', priceScaleId: 'dd' }, 1);
      dd.setData(points.map((p) => ({ time: p.session, value: p.drawdown * 100 })));
      chart.timeScale().fitContent();
    }
  };
  drawEquity('equity-data', 'equity-chart');
  drawEquity('performance-data', 'performance-chart');

  const setCell = (row, cls, text, sign) => {
    const cell = row.querySelector('td.' + cls);
    if (!cell) return;
    cell.textContent = text;
    if (sign !== undefined) { cell.classList.toggle('up', sign >= 0); cell.classList.toggle('down', sign < 0); }
    cell.classList.add('flash');
    setTimeout(() => cell.classList.remove('flash'), 400);
  };
  const events = new EventSource('/api/stream');
  // The page says when live updates flow (tests wait for it; the nav shows it).
  events.addEventListener('open', () => (document.body.dataset.stream = 'open'));
  events.addEventListener('error', () => (document.body.dataset.stream = 'retrying'));
  events.addEventListener('price', (e) => {
    const u = JSON.parse(e.data);
    const row = document.querySelector('#panel-positions tr[data-symbol="' + CSS.escape(u.symbol) + '"]');
    if (row) {
      setCell(row, 'last', fmt(u.price));
      setCell(row, 'mv', fmt(u.position.marketValue));
      setCell(row, 'upnl', fmt(u.position.unrealizedPnl), u.position.unrealizedPnl);
      setCell(row, 'upct', fmt(u.position.unrealizedPct * 100) + '%');
    }
    const eq = document.getElementById('tot-equity');
    if (eq) eq.textContent = fmt(u.totals.equity);
    const up = document.getElementById('tot-upnl');
    if (up) up.textContent = fmt(u.totals.unrealizedPnl);
  });
  events.addEventListener('action', (e) => {
    const a = JSON.parse(e.data);
    if (a.line !== undefined) say('[' + a.kind + ' ' + a.id + '] ' + a.line);
    const exit = a.code !== undefined && a.code !== null ? ' (exit ' + a.code + ')' : '';
    if (a.done) say('[' + a.kind + ' ' + a.id + '] finished: ' + (a.ok ? 'ok' : 'failed') + exit);
  });

  const post = async (path, body) => {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body ?? {}), credentials: 'same-origin' });
    const json = await res.json().catch(() => ({}));
    return { status: res.status, json };
  };
  const act = async (path, body) => {
    let r = await post(path, body);
    if (r.status === 409 && r.json.confirm) {
      if (!window.confirm(r.json.confirm)) return say('not confirmed');
      r = await post(path, { ...body, confirmed: true });
    }
    say(path + ': ' + (r.json.message ?? r.json.error ?? r.status));
    const paused = document.getElementById('schedule-paused');
    if (paused && typeof r.json.paused === 'boolean') paused.textContent = r.json.paused ? 'yes' : 'no';
  };
  for (const b of document.querySelectorAll('button[data-action]'))
    b.addEventListener('click', () => void act('/api/actions/' + b.dataset.action));
  for (const b of document.querySelectorAll('button.close'))
    b.addEventListener('click', () => void act('/api/actions/close', { symbol: b.dataset.symbol }));
})();
`;
