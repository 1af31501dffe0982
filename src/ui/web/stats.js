/*
 * baomi web UI — the year's statistics (年度统计): year and unit selectors, one table per section
 * (项目, 合计, 分项), every total and part a link to the records it counts (the drill-down opens
 * below the tables, each record a link to its own page), the report as PDF and XLSX, and the
 * roll-up of the subordinate units' signed packages (own, each unit, total).
 *
 * What a figure counts is the server's (src/store/store_stats.c): carrier, incident and publication
 * review figures count only what the reader may open, so a drill-down always lists as many records
 * as its figure.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;
  var panel = B.panel;

  var READERS = ['officer', 'leader'];
  var FIRST_YEAR = 2000;
  /* where a record opens */
  var TARGETS = {
    carrier: 'carriers', incident: 'incidents', person: 'people', campaign: 'inspect', training: 'training/session',
    drill: 'drill', place: 'key-places', pubrev: 'pubrev', inventory: 'inventory'
  };

  B.addStrings({
    'nav.stats': ['年度统计', "Year's statistics"],
    'tile.stats': ['年度保密工作统计、明细与报表', "The year's figures, their records and the report"],
    'stats.title': ['年度统计', "Year's statistics"],
    'stats.year': ['统计年度', 'Year'],
    'stats.unit': ['单位', 'Unit'],
    'stats.show': ['查看', 'Show'],
    'stats.pdf': ['下载 PDF 报表', 'Download PDF'],
    'stats.xlsx': ['下载 XLSX 报表', 'Download XLSX'],
    'stats.period': ['统计期间：{from} 至 {to}（北京时间）', 'Period: {from} to {to} (Beijing time)'],
    'stats.scope': ['载体、事件与发布审查只计入您知悉范围内的记录；点击数字查看明细。',
      'Carriers, incidents and publication reviews count only records within your need-to-know; click a number for its records.'],
    'stats.figure': ['项目', 'Figure'],
    'stats.total': ['合计', 'Total'],
    'stats.parts': ['分项', 'Parts'],
    'stats.rate': ['按时率 {r}%', 'On time {r}%'],
    'stats.rate_none': ['按时率：暂无已到期的报告', 'On-time rate: none due yet'],
    'stats.records': ['明细：{name}', 'Records: {name}'],
    'stats.records_part': ['明细：{name}（{part}）', 'Records: {name} ({part})'],
    'stats.rec_item': ['记录', 'Record'],
    'stats.rec_detail': ['说明', 'Detail'],
    'stats.rec_part': ['分项', 'Part'],
    'stats.rec_more': ['共 {n} 条，显示前 {shown} 条', '{n} in all, the first {shown} shown'],
    'stats.close': ['关闭明细', 'Close'],
    'stats.rollup': ['汇总（含下级单位上报）', 'Roll-up (with subordinate units)'],
    'stats.own': ['本单位', 'This unit'],
    'stats.sum': ['合计', 'Total'],
    'stats.not_sent': ['未报', 'Not sent'],
    'stats.signed': ['{unit}：签名时间 {at}', '{unit}: signed {at}'],
    'stats.target.carrier': ['载体', 'Carrier'],
    'stats.target.incident': ['事件', 'Incident'],
    'stats.target.person': ['人员', 'Person'],
    'stats.target.campaign': ['自查活动', 'Campaign'],
    'stats.target.training': ['培训', 'Training session'],
    'stats.target.drill': ['演练', 'Drill'],
    'stats.target.place': ['要害部门部位', 'Key place'],
    'stats.target.pubrev': ['发布审查', 'Publication review'],
    'stats.target.inventory': ['清查盘点', 'Inventory'],
    'stats.hours': ['学时 {h}', '{h} hours']
  });

  function zh() {
    return B.state.lang !== 'en';
  }
  function label(o) {
    return zh() ? o.zh : o.en;
  }
  function thisYear() {
    /* the Beijing year, whatever the browser's zone */
    return new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  }

  function selectors(ctx, year, unit, units) {
    var years = [];
    for (var y = thisYear(); y >= Math.max(FIRST_YEAR, thisYear() - 10); y--) years.push({ value: y, label: String(y) });
    var form = h('form', { class: 'grid-form stats-pick', id: 'stats-pick' },
      B.field(t('stats.year'), B.select('year', years, year, { id: 'stats-year' })),
      units.length > 1 ? B.field(t('stats.unit'), B.select('unit', units.map(function (u) { return { value: u.id, label: u.name }; }), unit, { id: 'stats-unit' })) : null,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('stats.show'))));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var u = form.querySelector('select[name=unit]');
      B.nav('stats', { year: form.querySelector('select[name=year]').value, unit: u ? u.value : unit });
    });
    return form;
  }

  function drillLink(q, figure, part, text, id) {
    return h('a', { href: '#/stats' + B.query(Object.assign({}, q, { figure: figure, part: part || null })), class: 'stats-drill', id: id || null }, text);
  }

  function partsCell(q, f) {
    var out = [];
    f.parts.forEach(function (p) {
      if (!p.n) return;
      if (out.length) out.push('、');
      out.push(drillLink(q, f.key, p.code, label(p) + ' ' + p.n, 'drill-' + f.key + '-' + p.code));
    });
    if (f.hours !== undefined) {
      if (out.length) out.push('；');
      out.push(h('span', { class: 'stats-hours' }, t('stats.hours', { h: String(f.hours) })));
    }
    if (f.on_time_permille !== undefined) {
      if (out.length) out.push('；');
      out.push(h('span', { class: 'stats-rate' }, f.on_time_permille === null ? t('stats.rate_none')
        : t('stats.rate', { r: (f.on_time_permille / 10).toFixed(1) })));
    }
    return out.length ? h('span', null, out) : '';
  }

  function sections(el, q, figures) {
    var order = [];
    var by = {};
    figures.forEach(function (f) {
      if (!by[f.section]) {
        by[f.section] = [];
        order.push(f);
      }
      by[f.section].push(f);
    });
    order.forEach(function (first) {
      el.appendChild(panel(zh() ? first.section_zh : first.section_en, B.table([
        { label: t('stats.figure'), value: function (f) { return label(f); } },
        { label: t('stats.total'), class: 'num', value: function (f) { return drillLink(q, f.key, null, String(f.total), 'drill-' + f.key); } },
        { label: t('stats.parts'), value: function (f) { return partsCell(q, f); } }
      ], by[first.section], { class: 'stats-table', rowAttrs: function (f) { return { 'data-key': f.key }; } }), { id: 'stats-' + first.section }));
    });
  }

  function records(el, q, figures, key, part) {
    var f = figures.filter(function (x) { return x.key === key; })[0];
    if (!f) return;
    var p = part ? f.parts.filter(function (x) { return x.code === part; })[0] : null;
    var box = h('div');
    var close = h('a', { href: '#/stats' + B.query({ year: q.year, unit: q.unit }), class: 'btn btn-small' }, t('stats.close'));
    el.appendChild(panel(p ? t('stats.records_part', { name: label(f), part: label(p) }) : t('stats.records', { name: label(f) }),
      [close, box], { id: 'stats-records' }));
    B.load(box, api('GET', '/api/v1/stats/records' + B.query({ year: q.year, unit: q.unit, figure: key, part: part, limit: 500 })), function (r) {
      if (r.total > r.items.length) box.appendChild(B.msg('info', t('stats.rec_more', { n: r.total, shown: r.items.length })));
      box.appendChild(B.table([
        { label: t('stats.rec_item'), value: function (x) {
          return h('span', null, t('stats.target.' + x.target) + ' ', B.link(TARGETS[x.target] + '/' + x.id, x.label, { class: 'stats-record' }));
        } },
        { label: t('stats.rec_detail'), value: function (x) { return x.detail; } },
        { label: t('stats.rec_part'), value: function (x) { return label(f.parts.filter(function (y) { return y.code === x.part; })[0] || { zh: x.part_zh, en: x.part_zh }); } }
      ], r.items, { class: 'stats-records', rowAttrs: function (x) { return { 'data-target': x.target, 'data-id': x.id }; } }));
      el.querySelector('#stats-records').scrollIntoView();
    });
  }

  function rollup(el, s) {
    if (!s.subordinates.length) return;
    var cols = [{ label: t('stats.figure'), value: function (f) { return label(f); } },
      { label: t('stats.own'), class: 'num', value: function (f) { return String(f.total); } }];
    s.subordinates.forEach(function (u) {
      cols.push({ label: u.unit_name, class: 'num', value: function (f) {
        var x = u.figures[f.key];
        return x ? String(x.total) : t('stats.not_sent');
      } });
    });
    cols.push({ label: t('stats.sum'), class: 'num', value: function (f) { return h('strong', null, String(s.totals[f.key])); } });
    el.appendChild(panel(t('stats.rollup'), [
      h('ul', { class: 'stats-signed' }, s.subordinates.map(function (u) {
        return h('li', null, t('stats.signed', { unit: u.unit_name, at: B.fmtTime(u.signed_at) }));
      })),
      B.table(cols, s.figures, { class: 'stats-rollup' })
    ], { id: 'stats-rollup' }));
  }

  function page(ctx) {
    var year = B.num(ctx.query.get('year'), thisYear());
    var unit = ctx.query.get('unit') || '';
    ctx.el.appendChild(B.pageHead(t('stats.title')));
    var body = h('div');
    ctx.el.appendChild(body);
    var units = api('GET', '/api/v1/units' + B.query({ limit: 500 })).then(function (r) { return r.items; }, function () { return []; });
    B.load(body, Promise.all([api('GET', '/api/v1/stats' + B.query({ year: year, unit: unit })), units]), function (res) {
      var s = res[0];
      var q = { year: s.year, unit: s.unit.id };
      var exp = '/api/v1/stats/export' + B.query(q);
      body.appendChild(panel(null, [
        selectors(ctx, s.year, s.unit.id, res[1]),
        h('p', { class: 'stats-period' }, s.unit.name + ' · ' + t('stats.period', { from: B.fmtDate(s.from), to: s.year + '-12-31' })),
        h('p', { class: 'field-hint' }, t('stats.scope')),
        h('div', { class: 'dl-line', id: 'stats-downloads' },
          h('a', { class: 'btn btn-primary', href: exp + '&format=pdf', download: '', id: 'stats-pdf' }, t('stats.pdf')),
          h('a', { class: 'btn', href: exp + '&format=xlsx', download: '', id: 'stats-xlsx' }, t('stats.xlsx')))
      ], { id: 'stats-head' }));
      var key = ctx.query.get('figure');
      if (key) records(body, q, s.figures, key, ctx.query.get('part') || '');
      sections(body, q, s.figures);
      rollup(body, s);
    });
  }

  B.registerModule({
    id: 'stats', group: 'business', order: 80, label: 'nav.stats', roles: READERS,
    render: page
  });
})();
