/*
 * baomi web UI — inventories with labels (清查盘点): the list of campaigns and the officer's form
 * to open one (年度清查 / 应急清点 over a department, a place); a campaign's page with the scan
 * input that keeps its focus and takes a USB scanner's fast typing (number + Enter), the live
 * tallies, the lines (a carrier outside the reader's need-to-know shows its number only), the
 * report downloads, closing, a leak incident for a missing carrier and, for an emergency count,
 * the packing list; and label sheets printed from the ledger (pick carriers, a stock, a PDF).
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var STATUSES = ['found', 'wrong_place', 'missing', 'away', 'elsewhere', 'disposed', 'unknown'];

  B.addStrings({
    'nav.inventory': ['清查盘点', 'Inventory'],
    'inv.title': ['清查盘点', 'Inventories'],
    'inv.open': ['开始清查', 'Open an inventory'],
    'inv.opened': ['清查已开始', 'Inventory opened'],
    'inv.labels': ['打印载体标签', 'Print carrier labels'],
    'inv.none': ['还没有清查盘点', 'No inventories yet'],
    'inv.f.name': ['名称', 'Name'],
    'inv.f.kind': ['类型', 'Kind'],
    'inv.f.department': ['清查部门', 'Department'],
    'inv.f.location': ['存放位置（以此开头）', 'Place (starts with)'],
    'inv.kind.annual': ['年度清查', 'Annual inventory'],
    'inv.kind.emergency': ['应急清点', 'Emergency count'],
    'inv.any_dept': ['全部部门', 'All departments'],
    'inv.state.open': ['进行中', 'Open'],
    'inv.state.closed': ['已结束', 'Closed'],
    'inv.c.scope': ['范围', 'Scope'],
    'inv.c.state': ['状态', 'State'],
    'inv.c.expected': ['应清点', 'Expected'],
    'inv.c.scans': ['扫描次数', 'Scans'],
    'inv.c.opened': ['开始时间', 'Opened'],
    'inv.c.number': ['载体编号', 'Number'],
    'inv.c.title': ['名称', 'Title'],
    'inv.c.result': ['结果', 'Result'],
    'inv.c.location': ['登记位置', 'Registered place'],
    'inv.c.place': ['发现位置', 'Found at'],
    'inv.c.action': ['处理', 'Action'],
    'inv.hidden': ['（不在知悉范围内）', '(outside your need-to-know)'],
    'inv.scan': ['扫描或输入载体编号', 'Scan or type a carrier number'],
    'inv.scan_hint': ['扫码枪扫描标签，或输入编号后按回车', 'Scan a label, or type the number and press Enter'],
    'inv.place': ['当前清点地点', 'Where you are counting'],
    'inv.recent': ['本次扫描', 'Your scans'],
    'inv.pending': ['登记中…', 'Recording…'],
    'inv.tally': ['清点情况', 'Tally'],
    'inv.t.expected': ['应清点', 'Expected'],
    'inv.t.scans': ['扫描', 'Scans'],
    'inv.st.found': ['已清点', 'Found'],
    'inv.st.wrong_place': ['位置不符', 'Wrong place'],
    'inv.st.missing': ['缺失', 'Missing'],
    'inv.st.away': ['在外（有登记）', 'Away on record'],
    'inv.st.elsewhere': ['登记在范围外', 'Registered elsewhere'],
    'inv.st.disposed': ['已注销仍在', 'Disposed on record'],
    'inv.st.unknown': ['台账无此载体', 'Not in the ledger'],
    'inv.lines': ['清点明细', 'Lines'],
    'inv.only_diff': ['只看差异', 'Differences only'],
    'inv.close': ['结束清查', 'Close the inventory'],
    'inv.close_confirm': ['确认结束（结果将冻结）', 'Confirm: freeze the result'],
    'inv.closed': ['清查已结束，结果已冻结', 'Closed; the result is frozen'],
    'inv.report_pdf': ['清查报告 PDF', 'Report PDF'],
    'inv.report_xlsx': ['清查报告 Excel', 'Report Excel'],
    'inv.incident': ['立案（失泄密）', 'Open a leak incident'],
    'inv.incident_done': ['已立案', 'Incident opened'],
    'inv.incident_link': ['查看事件', 'View the incident'],
    'inv.packing': ['装箱转移清单', 'Packing list'],
    'inv.p.box': ['箱号', 'Box'],
    'inv.p.packed_by': ['装箱人', 'Packed by'],
    'inv.p.taken_by': ['转移人', 'Taken by'],
    'inv.p.at': ['登记时间', 'Recorded'],
    'inv.p.save': ['登记', 'Record'],
    'inv.p.saved': ['已登记', 'Recorded'],
    'lab.title': ['打印载体标签', 'Print carrier labels'],
    'lab.search': ['查找载体（编号或名称）', 'Find carriers (number or title)'],
    'lab.find': ['查找', 'Find'],
    'lab.layout': ['标签规格', 'Label stock'],
    'lab.print': ['生成标签 PDF', 'Make the labels PDF'],
    'lab.pick_some': ['请先勾选要打印标签的载体', 'Tick the carriers to label first'],
    'lab.done': ['已生成 {n} 张标签（打印与重印均记入审计）', '{n} labels made (prints and re-prints are audited)'],
    'lab.hint': ['标签上只印载体编号、密级标志和只含编号的二维码，不印名称。', 'A label holds the number, the level mark and a QR code of the number only, never the title.'],
    'lab.pick': ['选择', 'Pick'],
    'lab.level': ['密级', 'Level']
  });

  function statusBadge(code) {
    var kind = code === 'found' ? 'ok' : code === 'away' ? 'muted' : code === 'missing' ? 'error' : 'warn';
    return B.badge(t('inv.st.' + code), kind + ' inv-status');
  }

  /* ---- the list and the opening form */

  function openForm(el, depts, done) {
    var form = h('form', { class: 'form inv-form', id: 'inventory-form', novalidate: true });
    form.appendChild(B.field(t('inv.f.name'), B.input('name', '', { maxlength: 128, required: true }), { required: true }));
    form.appendChild(B.field(t('inv.f.kind'), B.select('kind', [
      { value: 'annual', label: t('inv.kind.annual') }, { value: 'emergency', label: t('inv.kind.emergency') }], 'annual')));
    form.appendChild(B.field(t('inv.f.department'), B.select('department_id', depts.map(function (d) {
      return { value: d.id, label: d.name };
    }), '', null, t('inv.any_dept'))));
    form.appendChild(B.field(t('inv.f.location'), B.input('location', '', { maxlength: 128 })));
    form.appendChild(h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('inv.open'))));
    form.appendChild(h('div', { class: 'form-msg', hidden: true }));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      B.clearFormError(form);
      var body = { name: form.elements.name.value.trim(), kind: form.elements.kind.value };
      if (form.elements.department_id.value) body.department_id = B.intOr(form.elements.department_id.value);
      if (form.elements.location.value.trim()) body.location = form.elements.location.value.trim();
      api('POST', '/api/v1/inventories', body).then(function (r) { done(r); }, function (err) { B.showFormError(form, err); });
    });
    el.appendChild(form);
  }

  function renderList(ctx) {
    var el = ctx.el;
    var officer = B.hasRole(['officer']);
    var formBox = h('div', { hidden: true });
    var body = h('div');
    el.appendChild(B.pageHead(t('inv.title'), [
      officer ? B.button(t('inv.open'), function () { formBox.hidden = !formBox.hidden; }, 'btn-primary', { id: 'inventory-open' }) : null,
      B.link('inventory/labels', t('inv.labels'), { class: 'btn', id: 'inventory-labels' })
    ]));
    el.appendChild(formBox);
    el.appendChild(body);
    if (officer) {
      api('GET', '/api/v1/departments?limit=500').then(function (r) {
        openForm(formBox, (r && r.items) || [], function (inv) { B.navigate('inventory/' + inv.id); });
      }, function () { openForm(formBox, [], function (inv) { B.navigate('inventory/' + inv.id); }); });
    }
    B.load(body, api('GET', '/api/v1/inventories?limit=100'), function (r) {
      body.appendChild(B.table([
        { label: t('inv.f.name'), value: function (x) { return B.link('inventory/' + x.id, x.name); } },
        { label: t('inv.f.kind'), value: function (x) { return x.kind_zh; } },
        { label: t('inv.c.scope'), value: function (x) { return [x.department, x.location].filter(Boolean).join(' · ') || t('inv.any_dept'); } },
        { label: t('inv.c.state'), value: function (x) { return B.badge(t('inv.state.' + x.state), x.state === 'open' ? 'ok' : 'muted'); } },
        { label: t('inv.c.expected'), value: function (x) { return String(x.expected); } },
        { label: t('inv.c.scans'), value: function (x) { return String(x.scans); } },
        { label: t('inv.c.opened'), value: function (x) { return B.fmtTime(x.opened_at); } }
      ], r.items, { empty: t('inv.none'), class: 'inv-list' }));
    });
  }

  /* ---- one campaign */

  function tallyPanel(tally) {
    var cells = [h('div', { class: 'inv-tile' }, h('div', { class: 'inv-tile-n', 'data-tally': 'expected' }, String(tally.expected)), h('div', null, t('inv.t.expected'))),
      h('div', { class: 'inv-tile' }, h('div', { class: 'inv-tile-n', 'data-tally': 'scans' }, String(tally.scans)), h('div', null, t('inv.t.scans')))];
    STATUSES.forEach(function (s) {
      cells.push(h('div', { class: 'inv-tile inv-tile-' + s }, h('div', { class: 'inv-tile-n', 'data-tally': s }, String(tally[s])), h('div', null, t('inv.st.' + s))));
    });
    return h('div', { class: 'inv-tally', id: 'inventory-tally', 'aria-live': 'polite' }, cells);
  }

  function linesTable(inv, officer, onIncident, onlyDiff) {
    var rows = inv.lines.filter(function (l) { return !onlyDiff || l.difference; });
    return B.table([
      { label: t('inv.c.number'), value: function (l) { return l.carrier_id ? B.link('carriers/' + l.carrier_id, l.number) : l.number; } },
      { label: t('inv.c.title'), value: function (l) { return l.title === null ? h('span', { class: 'muted' }, l.carrier_id === null && l.status === 'unknown' ? '—' : t('inv.hidden')) : l.title; } },
      { label: t('inv.c.result'), value: function (l) { return statusBadge(l.status); } },
      { label: t('inv.c.location'), value: function (l) { return l.location; } },
      { label: t('inv.c.place'), value: function (l) { return l.place; } },
      { label: t('inv.c.scans'), value: function (l) { return String(l.scans); } },
      { label: t('inv.c.action'), value: function (l) {
        if (l.incident_id) return B.link('incidents/' + l.incident_id, t('inv.incident_link'));
        if (officer && l.status === 'missing' && l.carrier_id) {
          return B.button(t('inv.incident'), function (ev) { onIncident(l, ev.target); }, 'btn-small btn-danger', { 'data-incident': l.number });
        }
        return '';
      } }
    ], rows, { class: 'inv-lines', rowAttrs: function (l) { return { 'data-number': l.number, 'data-status': l.status }; } });
  }

  function packingPanel(inv, people, reload) {
    var byId = {};
    inv.packing.forEach(function (p) { byId[p.carrier_id] = p; });
    var mayPack = inv.state === 'open' && B.hasRole(['officer', 'command']);
    var personSel = function (name, v) {
      return B.select(name, people.map(function (p) { return { value: p.id, label: p.name }; }), v === null || v === undefined ? '' : v, null, t('common.none'));
    };
    var rows = inv.lines.filter(function (l) { return l.carrier_id && ['found', 'wrong_place', 'missing', 'away'].indexOf(l.status) >= 0; });
    return B.panel(t('inv.packing'), B.table([
      { label: t('inv.c.number'), value: function (l) { return l.number; } },
      { label: t('inv.c.title'), value: function (l) { return l.title; } },
      { label: t('inv.p.box'), value: function (l) { return (byId[l.carrier_id] || {}).box || ''; } },
      { label: t('inv.p.packed_by'), value: function (l) { return (byId[l.carrier_id] || {}).packed_by_name || ''; } },
      { label: t('inv.p.taken_by'), value: function (l) { return (byId[l.carrier_id] || {}).taken_by_name || ''; } },
      { label: t('inv.p.at'), value: function (l) { return byId[l.carrier_id] ? B.fmtTime(byId[l.carrier_id].at) : ''; } },
      { label: t('inv.c.action'), value: function (l) {
        if (!mayPack) return '';
        var cur = byId[l.carrier_id] || {};
        var f = h('form', { class: 'inv-pack-form', 'data-pack': l.number },
          B.input('box', cur.box || '', { maxlength: 64, placeholder: t('inv.p.box'), 'aria-label': t('inv.p.box') }),
          personSel('packed_by', cur.packed_by), personSel('taken_by', cur.taken_by),
          h('button', { type: 'submit', class: 'btn btn-small' }, t('inv.p.save')));
        f.elements.packed_by.setAttribute('aria-label', t('inv.p.packed_by'));
        f.elements.taken_by.setAttribute('aria-label', t('inv.p.taken_by'));
        f.addEventListener('submit', function (ev) {
          ev.preventDefault();
          api('PUT', '/api/v1/inventories/' + inv.id + '/packing', {
            carrier_id: l.carrier_id, box: f.elements.box.value.trim(),
            packed_by: f.elements.packed_by.value ? B.intOr(f.elements.packed_by.value) : null,
            taken_by: f.elements.taken_by.value ? B.intOr(f.elements.taken_by.value) : null
          }).then(reload, function (err) { f.appendChild(B.msg('error', B.errorText(err))); });
        });
        return f;
      } }
    ], rows, { class: 'inv-packing' }), { id: 'inventory-packing' });
  }

  /*
   * The scan input: every Enter takes the text typed so far, clears the input at once and keeps
   * the focus (a scanner types the next label within milliseconds), and sends the scans one after
   * another so none is lost or reordered; each answer shows in the list of recent scans.
   */
  function scanBox(inv, onScanned) {
    var input = B.input('code', '', { id: 'inventory-scan', autocomplete: 'off', autofocus: true, maxlength: 256,
      class: 'inv-scan-input', spellcheck: 'false', placeholder: t('inv.scan_hint') });
    var place = B.input('place', inv.location || '', { id: 'inventory-place', maxlength: 128 });
    var recent = h('ol', { class: 'inv-recent', id: 'inventory-recent', 'aria-live': 'polite' });
    var chain = Promise.resolve();
    function send(code) {
      var li = h('li', { class: 'inv-recent-item pending' }, h('span', { class: 'inv-code' }, code.trim()), ' ', h('span', { class: 'muted' }, t('inv.pending')));
      recent.insertBefore(li, recent.firstChild);
      while (recent.children.length > 50) recent.removeChild(recent.lastChild);
      chain = chain.then(function () {
        return api('POST', '/api/v1/inventories/' + inv.id + '/scans', { code: code, place: place.value.trim() }).then(function (r) {
          B.clear(li).appendChild(h('span', { class: 'inv-code' }, r.number));
          li.appendChild(document.createTextNode(' '));
          li.appendChild(statusBadge(r.status));
          if (r.title) li.appendChild(h('span', { class: 'inv-recent-title' }, ' ' + r.title));
          li.classList.remove('pending');
          li.setAttribute('data-status', r.status);
          onScanned();
        }, function (err) {
          B.clear(li).appendChild(h('span', { class: 'inv-code' }, code.trim()));
          li.classList.remove('pending');
          li.classList.add('error');
          li.setAttribute('data-status', 'error');
          li.appendChild(h('span', { class: 'field-error' }, ' ' + B.errorText(err)));
        });
      });
    }
    input.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      var code = input.value;
      input.value = '';
      if (code.trim()) send(code);
    });
    /* the input keeps the focus unless the user moves to another field on purpose */
    input.addEventListener('blur', function () {
      window.setTimeout(function () {
        var a = document.activeElement;
        if (document.body.contains(input) && (!a || a === document.body)) input.focus();
      }, 0);
    });
    var box = B.panel(t('inv.scan'), [
      h('div', { class: 'inv-scan-row' }, B.field(t('inv.scan'), input, { class: 'inv-scan-field', hint: t('inv.scan_hint') }), B.field(t('inv.place'), place)),
      h('h3', null, t('inv.recent')), recent
    ], { id: 'inventory-scanbox', class: 'inv-scanbox' });
    window.setTimeout(function () { input.focus(); }, 0);
    return box;
  }

  function renderOne(ctx, id) {
    var el = ctx.el;
    var officer = B.hasRole(['officer']);
    var onlyDiff = false;
    var head = h('div');
    var tallyBox = h('div');
    var scanArea = h('div');
    var linesBox = h('div');
    var packBox = h('div');
    var people = [];
    var inv = null;
    var refreshTimer = null;
    el.appendChild(head);
    el.appendChild(scanArea);
    el.appendChild(tallyBox);
    el.appendChild(linesBox);
    el.appendChild(packBox);

    function drawLines() {
      B.clear(linesBox).appendChild(B.panel(t('inv.lines'), [
        h('label', { class: 'inv-only-diff' }, h('input', { type: 'checkbox', id: 'inventory-only-diff', checked: onlyDiff, onchange: function (ev) { onlyDiff = ev.target.checked; drawLines(); } }), ' ', t('inv.only_diff')),
        linesTable(inv, officer, incident, onlyDiff)
      ], { id: 'inventory-lines' }));
    }
    function incident(line, btn) {
      btn.disabled = true;
      api('POST', '/api/v1/inventories/' + inv.id + '/incident', { carrier_id: line.carrier_id }).then(function () { refresh(); }, function (err) {
        btn.disabled = false;
        linesBox.insertBefore(B.msg('error', B.errorText(err)), linesBox.firstChild);
      });
    }
    function draw(first) {
      var base = '/api/v1/inventories/' + inv.id + '/report?format=';
      B.clear(head).appendChild(B.pageHead(inv.name, [
        h('a', { class: 'btn', href: base + 'pdf', download: '', id: 'inventory-report-pdf' }, t('inv.report_pdf')),
        h('a', { class: 'btn', href: base + 'xlsx', download: '', id: 'inventory-report-xlsx' }, t('inv.report_xlsx')),
        officer && inv.state === 'open' ? B.confirmButton(t('inv.close'), t('inv.close_confirm'), function () {
          api('POST', '/api/v1/inventories/' + inv.id + '/close', {}).then(function () { refresh(true); }, function (err) {
            head.appendChild(B.msg('error', B.errorText(err)));
          });
        }, 'btn-danger') : null
      ]));
      head.appendChild(B.kv([
        [t('inv.f.kind'), inv.kind_zh],
        [t('inv.c.scope'), [inv.department, inv.location].filter(Boolean).join(' · ') || t('inv.any_dept')],
        [t('inv.c.state'), B.badge(t('inv.state.' + inv.state), inv.state === 'open' ? 'ok' : 'muted')],
        [t('inv.c.opened'), B.fmtTime(inv.opened_at)]
      ]));
      if (inv.state === 'closed') head.appendChild(B.msg('info', t('inv.closed')));
      B.clear(tallyBox).appendChild(B.panel(t('inv.tally'), tallyPanel(inv.tally)));
      if (first || inv.state === 'closed') {
        B.clear(scanArea);
        if (inv.state === 'open') scanArea.appendChild(scanBox(inv, scheduleRefresh));
      }
      drawLines();
      B.clear(packBox);
      if (inv.kind === 'emergency') packBox.appendChild(packingPanel(inv, people, refresh));
    }
    function refresh(first) {
      return api('GET', '/api/v1/inventories/' + id).then(function (r) {
        if (!document.body.contains(el)) return;
        inv = r;
        draw(first === true);
      });
    }
    /* fast scanning: one refresh of the tallies after a burst, not one per label */
    function scheduleRefresh() {
      window.clearTimeout(refreshTimer);
      refreshTimer = window.setTimeout(refresh, 300);
    }
    var loads = [api('GET', '/api/v1/inventories/' + id)];
    if (B.hasRole(['officer', 'command'])) loads.push(api('GET', '/api/v1/people?limit=500').then(function (r) { return (r && r.items) || []; }, function () { return []; }));
    B.load(linesBox, Promise.all(loads), function (res) {
      inv = res[0];
      people = (res[1] || []).filter(function (p) { return p.status !== 'left'; });
      draw(true);
    });
  }

  /* ---- labels from the ledger */

  function renderLabels(ctx) {
    var el = ctx.el;
    var picked = {};
    var results = h('div', { id: 'labels-results' });
    var msg = h('div');
    var layout = B.select('layout', [], 'a4-3x8', { id: 'labels-layout' });
    var q = B.input('q', '', { id: 'labels-q', maxlength: 100 });
    el.appendChild(B.pageHead(t('lab.title'), [B.link('inventory', t('inv.title'), { class: 'btn' })]));
    el.appendChild(B.msg('info', t('lab.hint')));
    var form = h('form', { class: 'form inv-labels-form', id: 'labels-form' },
      B.field(t('lab.search'), q), B.field(t('lab.layout'), layout),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('lab.find')),
        B.button(t('lab.print'), print, 'btn-primary', { id: 'labels-print' })));
    el.appendChild(form);
    el.appendChild(msg);
    el.appendChild(results);
    api('GET', '/api/v1/label-layouts').then(function (r) {
      r.items.forEach(function (x) { layout.appendChild(h('option', { value: x.code }, x.name)); });
      layout.value = 'a4-3x8';
    });
    function find() {
      B.load(results, api('GET', '/api/v1/carriers' + B.query({ q: q.value.trim(), limit: 100 })), function (r) {
        results.appendChild(B.table([
          { label: t('lab.pick'), value: function (c) {
            return h('input', { type: 'checkbox', 'data-carrier': c.number, checked: !!picked[c.id], 'aria-label': c.number,
              onchange: function (ev) { if (ev.target.checked) picked[c.id] = true; else delete picked[c.id]; } });
          } },
          { label: t('inv.c.number'), value: function (c) { return c.number; } },
          { label: t('inv.c.title'), value: function (c) { return c.title; } },
          { label: t('lab.level'), value: function (c) { return B.enumLabel('levels', c.level); } },
          { label: t('inv.c.location'), value: function (c) { return c.location; } }
        ], r.items, { class: 'labels-carriers' }));
      });
    }
    function print() {
      var ids = Object.keys(picked).map(Number);
      B.clear(msg);
      if (!ids.length) {
        msg.appendChild(B.msg('warn', t('lab.pick_some')));
        return;
      }
      window.fetch('/api/v1/labels', { method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': B.state.csrf || '' },
        body: JSON.stringify({ carriers: ids, layout: layout.value }) }).then(function (res) {
        if (!res.ok) {
          return res.json().then(function (d) { throw d; });
        }
        return res.blob().then(function (b) {
          var a = h('a', { href: URL.createObjectURL(b), download: 'carrier-labels.pdf', hidden: true });
          document.body.appendChild(a);
          a.click();
          window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
          msg.appendChild(B.msg('ok', t('lab.done', { n: ids.length }), null));
          msg.firstChild.id = 'labels-done';
        });
      }).catch(function (d) {
        msg.appendChild(B.msg('error', (d && d.error && (B.state.lang === 'en' ? d.error.message_en : d.error.message)) || t('err.network')));
      });
    }
    form.addEventListener('submit', function (ev) { ev.preventDefault(); find(); });
    find();
  }

  B.registerModule({
    id: 'inventory', group: 'business', order: 35, label: 'nav.inventory', roles: BUSINESS,
    render: function (ctx) {
      var p = ctx.params[0];
      if (p === 'labels') return renderLabels(ctx);
      if (p && /^\d+$/.test(p)) return renderOne(ctx, p);
      return renderList(ctx);
    }
  });
})();
