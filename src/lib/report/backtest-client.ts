/**
 * The backtest page's own script (plain browser JavaScript, kept as a string: the project compiles
 * without DOM types). It reads the JSON payload (backtest-data.ts ReportPayload) and draws with
 * lightweight-charts 5 (`addSeries(CandlestickSeries | LineSeries | BaselineSeries)`,
 * `createSeriesMarkers`; https://tradingview.github.io/lightweight-charts/docs). Every chart has the
 * same time points (missing bars are whitespace), so syncing by logical range keeps them aligned.
 * When done it sets `data-ready="1"` on <body> (tests wait for it).
 */
export const BACKTEST_CLIENT_JS = String.raw`
(function () {
  'use strict';
  var LC = window.LightweightCharts;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLORS = JSON.parse(document.getElementById('report-colors').textContent);
  var usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  var price2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  // A log price scale when values span more than 4x (a decade of a rising stock), so early moves stay visible.
  function wideRange(arrays) {
    var lo = Infinity, hi = -Infinity;
    arrays.forEach(function (a) {
      for (var i = 0; i < a.length; i++) if (a[i] !== null) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i]; }
    });
    return lo > 0 && hi / lo > 4;
  }
  function scaleMode(arrays) {
    return { mode: wideRange(arrays) ? LC.PriceScaleMode.Logarithmic : LC.PriceScaleMode.Normal };
  }

  function makeChart(id) {
    return LC.createChart(document.getElementById(id), {
      autoSize: true,
      layout: {
        background: { type: 'solid', color: '#ffffff' },
        textColor: '#475569',
        fontSize: 11,
        fontFamily: getComputedStyle(document.body).fontFamily,
        attributionLogo: false
      },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderColor: '#e2e8f0', minimumWidth: 84 },
      timeScale: { borderColor: '#e2e8f0', timeVisible: !data.daily, secondsVisible: false, minBarSpacing: 0.05 },
      crosshair: { mode: LC.CrosshairMode.Normal }
    });
  }

  function points(values) {
    var out = new Array(data.time.length);
    for (var i = 0; i < data.time.length; i++) {
      out[i] = values[i] === null ? { time: data.time[i] } : { time: data.time[i], value: values[i] };
    }
    return out;
  }

  function candles(symbol) {
    var c = data.candles[symbol];
    var out = new Array(data.time.length);
    for (var i = 0; i < data.time.length; i++) {
      out[i] = c.close[i] === null || c.open[i] === null || c.high[i] === null || c.low[i] === null
        ? { time: data.time[i] }
        : { time: data.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i] };
    }
    return out;
  }

  var priceChart = makeChart('chart-price');
  var candleSeries = priceChart.addSeries(LC.CandlestickSeries, {
    upColor: COLORS.up, downColor: COLORS.down, borderVisible: false,
    wickUpColor: COLORS.up, wickDownColor: COLORS.down,
    priceFormat: { type: 'custom', minMove: 0.01, formatter: function (v) { return price2.format(v); } }
  });
  var markers = LC.createSeriesMarkers(candleSeries, []);

  var equityChart = makeChart('chart-equity');
  var money = { type: 'custom', minMove: 1, formatter: function (v) { return usd.format(v); } };
  var buyHoldSeries = equityChart.addSeries(LC.LineSeries, {
    color: COLORS.buyHold, lineWidth: 2, lineStyle: LC.LineStyle.Dashed, title: 'Buy & hold', priceFormat: money
  });
  var equitySeries = equityChart.addSeries(LC.LineSeries, { color: COLORS.equity, lineWidth: 2, title: 'Strategy', priceFormat: money });
  if (data.equalWeight) {
    var equalWeightSeries = equityChart.addSeries(LC.LineSeries, {
      color: COLORS.equalWeight, lineWidth: 2, lineStyle: LC.LineStyle.Dotted, title: 'Equal weight', priceFormat: money
    });
    equalWeightSeries.setData(points(data.equalWeight));
  }
  equityChart.priceScale('right').applyOptions(scaleMode([data.equity, data.buyHold].concat(data.equalWeight ? [data.equalWeight] : [])));
  buyHoldSeries.setData(points(data.buyHold));
  equitySeries.setData(points(data.equity));

  var ddChart = makeChart('chart-drawdown');
  var ddSeries = ddChart.addSeries(LC.BaselineSeries, {
    baseValue: { type: 'price', price: 0 },
    topLineColor: COLORS.down, topFillColor1: 'rgba(0,0,0,0)', topFillColor2: 'rgba(0,0,0,0)',
    bottomLineColor: COLORS.down, bottomFillColor1: 'rgba(220,38,38,0.08)', bottomFillColor2: 'rgba(220,38,38,0.45)',
    lineWidth: 1,
    priceFormat: { type: 'custom', minMove: 0.01, formatter: function (v) { return price2.format(v) + '%'; } }
  });
  ddSeries.setData(points(data.drawdownPct));

  // Marker labels only when there is room for them (about 36 px a visible marker); zoom in to read them.
  var indexOf = {};
  data.time.forEach(function (t, i) { indexOf[t] = i; });
  var current = null;
  var labelled = null;
  function applyMarkers(force) {
    var list = data.markers[current] || [];
    var range = priceChart.timeScale().getVisibleLogicalRange();
    var n = 0;
    for (var i = 0; i < list.length; i++) {
      var at = indexOf[list[i].time];
      if (!range || (at >= range.from && at <= range.to)) n++;
    }
    var text = n === 0 || priceChart.timeScale().width() / n >= 36;
    if (!force && text === labelled) return;
    labelled = text;
    markers.setMarkers(text ? list : list.map(function (m) {
      return { time: m.time, position: m.position, shape: m.shape, color: m.color };
    }));
  }
  priceChart.timeScale().subscribeVisibleLogicalRangeChange(function () { applyMarkers(false); });

  function showSymbol(symbol) {
    current = symbol;
    priceChart.priceScale('right').applyOptions(scaleMode([data.candles[symbol].low, data.candles[symbol].high]));
    candleSeries.setData(candles(symbol));
    applyMarkers(true);
    var buttons = document.querySelectorAll('[data-symbol]');
    for (var i = 0; i < buttons.length; i++) {
      var on = buttons[i].getAttribute('data-symbol') === symbol;
      buttons[i].classList.toggle('active', on);
      buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    var label = document.getElementById('price-symbol');
    if (label) label.textContent = symbol;
  }
  var selector = document.getElementById('symbol-select');
  if (selector) {
    selector.addEventListener('click', function (e) {
      var b = e.target.closest('[data-symbol]');
      if (b) showSymbol(b.getAttribute('data-symbol'));
    });
  }
  showSymbol(data.symbols[0]);

  var charts = [
    { chart: priceChart, series: candleSeries },
    { chart: equityChart, series: equitySeries },
    { chart: ddChart, series: ddSeries }
  ];
  var syncing = false;
  var crossSyncing = false;
  charts.forEach(function (a) {
    a.chart.timeScale().subscribeVisibleLogicalRangeChange(function (range) {
      if (syncing || !range) return;
      syncing = true;
      charts.forEach(function (b) { if (b !== a) b.chart.timeScale().setVisibleLogicalRange(range); });
      syncing = false;
    });
    a.chart.subscribeCrosshairMove(function (param) {
      if (crossSyncing) return;
      crossSyncing = true;
      charts.forEach(function (b) {
        if (b === a) return;
        var bar = param.time === undefined || param.logical === undefined ? null : b.series.dataByIndex(param.logical);
        var value = bar ? (bar.value !== undefined ? bar.value : bar.close) : undefined;
        if (value === undefined) b.chart.clearCrosshairPosition();
        else b.chart.setCrosshairPosition(value, param.time, b.series);
      });
      crossSyncing = false;
    });
  });
  charts.forEach(function (c) { c.chart.timeScale().fitContent(); });

  requestAnimationFrame(function () {
    requestAnimationFrame(function () { document.body.setAttribute('data-ready', '1'); });
  });
})();
`;
