/** Styles of the backtest report: light theme, system fonts, cards, responsive to the window width. */
export const BACKTEST_CSS = `
*{box-sizing:border-box}
:root{--bg:#f6f7f9;--card:#fff;--line:#e5e7eb;--text:#0f172a;--muted:#64748b;--pos:#15803d;--neg:#b91c1c;
  --accent:#2563eb}
body{margin:0;background:var(--bg);color:var(--text);
  font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
main{max-width:1280px;margin:0 auto;padding:24px 20px 40px}
header.top{margin-bottom:16px}
h1{font-size:22px;font-weight:650;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:15px;font-weight:600;margin:0}
.sub{color:var(--muted);font-size:13px}
.sub code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef2f7;padding:1px 6px;border-radius:4px;color:#334155}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.chip{background:#fff;border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:12px;color:#334155}
.chip b{font-weight:600;color:var(--muted);margin-right:4px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;margin-bottom:16px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px}
.kpi-label{color:var(--muted);font-size:12px}
.kpi-value{font-size:20px;font-weight:650;font-variant-numeric:tabular-nums;white-space:nowrap}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin-bottom:16px;
  box-shadow:0 1px 2px rgba(15,23,42,.04)}
.card-head{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;margin-bottom:10px}
.card-head h2{margin-right:auto}
.legend{display:flex;flex-wrap:wrap;gap:12px;color:var(--muted);font-size:12px}
.legend span{display:inline-flex;align-items:center;gap:5px}
.sw{display:inline-block;width:14px;height:3px;border-radius:2px}
.sw.dash{background:repeating-linear-gradient(90deg,#94a3b8 0 4px,transparent 4px 7px)}
.chart{width:100%;height:260px;position:relative}
.chart.price{height:400px}
.chart.small{height:170px}
.symbols{display:flex;flex-wrap:wrap;gap:4px}
.symbols button{font:inherit;font-size:12px;border:1px solid var(--line);background:#fff;color:#334155;border-radius:6px;
  padding:3px 10px;cursor:pointer}
.symbols button.active{background:var(--accent);border-color:var(--accent);color:#fff}
.stats-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 28px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
table.stats th{font-weight:400;color:#334155;text-align:left;padding:5px 0;border-bottom:1px solid #f1f5f9}
table.stats td{padding:5px 0;border-bottom:1px solid #f1f5f9}
table.data th{position:sticky;top:0;background:#f8fafc;color:var(--muted);font-weight:600;font-size:12px;text-align:left;
  padding:7px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
table.data td{padding:6px 10px;border-bottom:1px solid #f1f5f9;white-space:nowrap}
table.data tbody tr:hover{background:#f8fafc}
.num{text-align:right}
th.num{text-align:right}
.pos{color:var(--pos)}
.neg{color:var(--neg)}
.muted{color:var(--muted)}
.tag{display:inline-block;font-size:11px;font-weight:600;border-radius:4px;padding:1px 6px}
.tag.long{background:#dcfce7;color:#166534}
.tag.short{background:#fee2e2;color:#991b1b}
.scroll{max-height:520px;overflow:auto;border:1px solid var(--line);border-radius:8px}
.empty{color:var(--muted);margin:4px 0}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:8px}
footer a{color:inherit}
@media (max-width:640px){main{padding:14px 10px}.chart.price{height:300px}.kpi-value{font-size:17px}}
`;
