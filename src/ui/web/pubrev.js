/*
 * 信息发布保密审查 — review before publication: submit a draft, see the hits of its scan in
 * context, the officer clears them, the chain decides, the approved version is published and
 * registered; and the officer's keyword list.  Routes: #/pubrev, #/pubrev/<id>, #/pubkw.
 */
(function () {
  'use strict';
  var B = window.Baomi;
  var h = B.h;
  var t = B.t;

  B.addStrings({
    'nav.pubrev': ['发布审查', 'Publication review'],
    'nav.pubkw': ['审查关键词', 'Review keywords'],
    'tile.pubrev': ['对外发布文稿的保密审查、命中核实、审批与发布登记', 'Review of texts before publication: hits, decisions, register'],
    'tile.pubkw': ['文稿比对用的关键词及其密级', 'Keywords drafts are matched against, with levels'],
    'pr.title': ['信息发布保密审查', 'Review before publication'],
    'pr.intro': ['上网信息不涉密、涉密信息不上网。对外发布的文稿须经审查批准，只有批准固化的版本可以发布。',
      'Nothing classified goes online: a text meant for outside readers is reviewed, and only the approved, frozen version may be published.'],
    'pr.submit': ['提交审查', 'Submit for review'],
    'pr.f_title': ['标题', 'Title'],
    'pr.f_channel': ['发布渠道', 'Channel'],
    'pr.f_file': ['文稿（文本、Word、Excel、PowerPoint、PDF、ODF）', 'Draft (text, Word, Excel, PowerPoint, PDF, ODF)'],
    'pr.no_file': ['请选择文稿文件', 'Choose the draft file'],
    'pr.mine': ['审查事项', 'Reviews'],
    'pr.register': ['发布登记', 'Publication register'],
    'pr.c_title': ['标题', 'Title'],
    'pr.c_submitter': ['提交人', 'Submitted by'],
    'pr.c_state': ['状态', 'State'],
    'pr.c_step': ['当前环节', 'Current step'],
    'pr.c_hits': ['未核实命中', 'Hits to check'],
    'pr.c_updated': ['更新时间', 'Updated'],
    'pr.c_where': ['发布渠道与位置', 'Where'],
    'pr.c_when': ['发布日期', 'Published on'],
    'pr.c_by': ['登记人', 'Registered by'],
    'pr.c_fp': ['版本指纹', 'Version fingerprint'],
    'pr.c_reviewer': ['审查人', 'Reviewer'],
    'pr.c_at': ['时间', 'Time'],
    'pr.state.reviewing': ['审查中', 'Under review'],
    'pr.state.approved': ['已批准', 'Approved'],
    'pr.state.rejected': ['已退回', 'Returned'],
    'pr.ch.website': ['门户网站', 'Website'],
    'pr.ch.wechat': ['微信公众号', 'WeChat account'],
    'pr.ch.news': ['新闻媒体', 'News media'],
    'pr.ch.other': ['其他', 'Other'],
    'pr.done': ['审查完成', 'Review complete'],
    'pr.hits': ['扫描命中', 'Scan hits'],
    'pr.no_hits': ['未发现关键词或台账载体信息。', 'No keyword or ledger carrier found.'],
    'pr.k.keyword': ['关键词', 'Keyword'],
    'pr.k.carrier': ['台账载体', 'Ledger carrier'],
    'pr.k.unreadable': ['无法完整读取', 'Not fully readable'],
    'pr.h_kind': ['类别', 'Kind'],
    'pr.h_word': ['命中内容', 'Found'],
    'pr.h_level': ['密级', 'Level'],
    'pr.h_context': ['上下文', 'Context'],
    'pr.h_state': ['核实', 'Checked'],
    'pr.hidden': ['（您无权查看该载体）', '(a carrier you may not see)'],
    'pr.part.metadata': ['（文档属性）', '(document properties)'],
    'pr.part.macro': ['（宏）', '(macro)'],
    'pr.cleared': ['已核实无密', 'Checked: not classified'],
    'pr.uncleared': ['待保密员核实', 'To be checked by the officer'],
    'pr.clear': ['核实无密', 'Mark not classified'],
    'pr.clear_reason': ['核实理由', 'Reason'],
    'pr.decide': ['审查意见', 'Decision'],
    'pr.reason': ['意见与理由', 'Opinion and reason'],
    'pr.approve': ['批准', 'Approve'],
    'pr.reject': ['退回', 'Return'],
    'pr.blocked': ['尚有命中未经保密员核实，不能批准。', 'Hits remain unchecked: approval is blocked.'],
    'pr.decisions': ['审查记录', 'Decisions'],
    'pr.d.approve': ['批准', 'approved'],
    'pr.d.reject': ['退回', 'returned'],
    'pr.versions': ['版本', 'Versions'],
    'pr.v_n': ['第{n}稿', 'Draft {n}'],
    'pr.upload': ['上传修改稿（需重新审查）', 'Upload an edited draft (reviewed again)'],
    'pr.publish': ['登记发布', 'Register publication'],
    'pr.f_place': ['栏目或位置', 'Section or place'],
    'pr.f_date': ['发布日期', 'Published on'],
    'pr.frozen': ['批准固化版本', 'Approved, frozen version'],
    'pr.publications': ['发布情况', 'Published'],
    'pr.back': ['返回列表', 'Back to the list'],
    'pr.download': ['下载文稿', 'Download the draft'],
    'pr.saved': ['已保存', 'Saved'],
    'kw.title': ['发布审查关键词', 'Publication review keywords'],
    'kw.intro': ['由保密员维护。提交的文稿会与这些关键词以及提交人可知悉的台账载体标题、编号比对。',
      'Kept by the officer. Drafts are matched against these words and the titles and numbers of the ledger carriers their submitter may see.'],
    'kw.word': ['关键词', 'Keyword'],
    'kw.level': ['密级', 'Level'],
    'kw.note': ['说明', 'Note'],
    'kw.add': ['添加', 'Add'],
    'kw.delete': ['删除', 'Delete'],
    'kw.delete_confirm': ['确认删除', 'Confirm']
  });

  function roleLabel(code) {
    return B.enumLabel('roles', code);
  }
  function stateBadge(s) {
    return B.badge(t('pr.state.' + s), s === 'approved' ? 'ok' : s === 'rejected' ? 'warn' : 'info');
  }
  function stepText(r) {
    if (r.state === 'approved') return t('pr.done');
    return r.steps[r.step] ? roleLabel(r.steps[r.step]) : '—';
  }
  function fingerprint(sha) {
    return sha ? sha.slice(0, 16) + '…' : '—';
  }
  function channelSelect(name) {
    return B.select(name, ['website', 'wechat', 'news', 'other'].map(function (c) {
      return { value: c, label: t('pr.ch.' + c) };
    }), 'website');
  }
  function today() {
    var d = new Date(Date.now() + 8 * 3600 * 1000);
    return d.toISOString().slice(0, 10);
  }

  /* ---- the list, the submit form and the register */

  function renderList(ctx) {
    var el = ctx.el;
    B.clear(el).appendChild(B.pageHead(t('pr.title')));
    el.appendChild(h('p', { class: 'page-intro' }, t('pr.intro')));
    var file = h('input', { type: 'file', name: 'file', accept: '.txt,.docx,.xlsx,.pptx,.pdf,.odt,.ods,.odp,.doc,.xls,.ppt,.wps,.md,.html,.htm,.csv' });
    var form = B.form({ class: 'form-grid', id: 'pubrev-submit' }, [
      B.field(t('pr.f_title'), B.input('title', '', { maxlength: 200 }), { required: true }),
      B.field(t('pr.f_channel'), channelSelect('channel'), { required: true }),
      B.field(t('pr.f_file'), file, { required: true, wide: true }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('pr.submit')))
    ], function (f) {
      if (!file.files || !file.files[0]) return Promise.reject(new Error(t('pr.no_file')));
      var fl = file.files[0];
      return fl.arrayBuffer().then(function (buf) {
        return B.api('POST', '/api/v1/publication-reviews' + B.query({ title: f.title.value.trim(), channel: f.channel.value, name: fl.name }), null, { raw: buf });
      }).then(function (r) { B.navigate('pubrev/' + r.id); });
    });
    el.appendChild(B.panel(t('pr.submit'), form));
    var list = h('div');
    var reg = h('div');
    el.appendChild(B.panel(t('pr.mine'), list));
    el.appendChild(B.panel(t('pr.register'), reg));
    B.load(list, B.api('GET', '/api/v1/publication-reviews'), function (r) {
      list.appendChild(B.table([
        { label: t('pr.c_title'), value: function (x) { return B.link('pubrev/' + x.id, x.title); } },
        { label: t('pr.f_channel'), value: function (x) { return t('pr.ch.' + x.channel); } },
        { label: t('pr.c_submitter'), value: function (x) { return x.submitter + (x.department ? '（' + x.department + '）' : ''); } },
        { label: t('pr.c_state'), value: function (x) { return stateBadge(x.state); } },
        { label: t('pr.c_step'), value: stepText },
        { label: t('pr.c_hits'), value: function (x) { return x.hits_open ? B.badge(String(x.hits_open), 'warn') : '0'; } },
        { label: t('pr.c_updated'), value: function (x) { return B.fmtTime(x.updated_at); } }
      ], r.items, { class: 'pubrev-list' }));
    });
    B.load(reg, B.api('GET', '/api/v1/publications'), function (r) {
      reg.appendChild(registerTable(r.items, true));
    });
  }

  function registerTable(items, withTitle) {
    var cols = [];
    if (withTitle) cols.push({ label: t('pr.c_title'), value: function (x) { return B.link('pubrev/' + x.review_id, x.title); } });
    cols.push(
      { label: t('pr.c_where'), value: function (x) { return t('pr.ch.' + x.channel) + (x.place ? ' · ' + x.place : ''); } },
      { label: t('pr.c_when'), value: function (x) { return B.fmtDate(x.published_on); } },
      { label: t('pr.c_fp'), value: function (x) { return h('code', null, fingerprint(x.sha256)); } },
      { label: t('pr.c_by'), value: function (x) { return x.by; } });
    return B.table(cols, items, { class: 'pubrev-register' });
  }

  /* ---- one submission */

  function contextNode(hit) {
    var ctx = hit.context || '';
    if (!hit.word || ctx.indexOf(hit.word) < 0) return h('span', { class: 'hit-context' }, ctx);
    var i = ctx.indexOf(hit.word);
    return h('span', { class: 'hit-context' }, ctx.slice(0, i), h('mark', null, hit.word), ctx.slice(i + hit.word.length));
  }

  function hitWord(hit) {
    if (hit.kind === 'unreadable') return t('pr.k.unreadable');
    if (hit.hidden) return t('pr.hidden');
    if (hit.kind === 'carrier' && hit.carrier) return hit.carrier.title + '（' + hit.carrier.number + '）';
    return hit.word + (hit.part !== 'body' ? t('pr.part.' + hit.part) : '');
  }

  function renderDetail(ctx, id) {
    var el = ctx.el;
    var reload = function () { renderDetail(ctx, id); };
    B.load(el, B.api('GET', '/api/v1/publication-reviews/' + id), function (r) {
      el.appendChild(B.pageHead(r.title, [B.link('pubrev', t('pr.back'), { class: 'btn' })]));
      el.appendChild(B.kv([
        [t('pr.c_state'), stateBadge(r.state)],
        [t('pr.c_step'), stepText(r)],
        [t('pr.f_channel'), t('pr.ch.' + r.channel)],
        [t('pr.c_submitter'), r.submitter + (r.department ? '（' + r.department + '）' : '')],
        [t('pr.versions'), h('span', null, t('pr.v_n', { n: r.version }), ' · ',
          h('a', { href: '/api/v1/publication-reviews/' + r.id + '/file', download: '' }, t('pr.download')))],
        [t('pr.c_fp'), h('code', null, fingerprint(r.sha256))],
        r.frozen_sha256 ? [t('pr.frozen'), h('code', null, fingerprint(r.frozen_sha256))] : null
      ]));
      el.appendChild(hitsPanel(r, reload));
      if (r.may_decide) el.appendChild(decidePanel(r, reload));
      el.appendChild(B.panel(t('pr.decisions'), B.table([
        { label: t('pr.versions'), value: function (d) { return t('pr.v_n', { n: d.version }); } },
        { label: t('pr.c_step'), value: function (d) { return roleLabel(d.role); } },
        { label: t('pr.decide'), value: function (d) { return B.badge(t('pr.d.' + d.decision), d.decision === 'approve' ? 'ok' : 'warn'); } },
        { label: t('pr.reason'), value: function (d) { return d.reason; } },
        { label: t('pr.c_reviewer'), value: function (d) { return d.by; } },
        { label: t('pr.c_at'), value: function (d) { return B.fmtTime(d.at); } }
      ], r.decisions)));
      if (r.may_publish) el.appendChild(publishPanel(r, reload));
      el.appendChild(B.panel(t('pr.publications'), registerTable(r.publications, false)));
      if (r.may_upload) el.appendChild(uploadPanel(r, reload));
    });
  }

  function hitsPanel(r, reload) {
    if (!r.hits.length) return B.panel(t('pr.hits'), B.msg('ok', t('pr.no_hits')));
    var rows = r.hits.map(function (hit) {
      var state;
      if (hit.cleared) {
        state = h('div', null, B.badge(t('pr.cleared'), 'ok'), h('div', { class: 'field-hint' }, hit.clear_reason + ' — ' + (hit.cleared_by || '')));
      } else if (r.may_clear && r.state === 'reviewing') {
        state = B.form({ class: 'inline-form hit-clear' }, [
          B.field(t('pr.clear_reason'), B.input('reason', '', { maxlength: 500 })),
          h('button', { type: 'submit', class: 'btn btn-small' }, t('pr.clear'))
        ], function (f) {
          return B.api('POST', '/api/v1/publication-hits/' + hit.id + '/clear', { reason: f.reason.value.trim() }).then(reload);
        });
      } else {
        state = B.badge(t('pr.uncleared'), 'warn');
      }
      return { hit: hit, state: state };
    });
    return B.panel(t('pr.hits'), B.table([
      { label: t('pr.h_kind'), value: function (x) { return t('pr.k.' + x.hit.kind); } },
      { label: t('pr.h_word'), value: function (x) { return hitWord(x.hit); } },
      { label: t('pr.h_level'), value: function (x) { return x.hit.level ? B.enumLabel('levels', x.hit.level) : '—'; } },
      { label: t('pr.h_context'), value: function (x) { return contextNode(x.hit); } },
      { label: t('pr.h_state'), value: function (x) { return x.state; } }
    ], rows, { class: 'pubrev-hits' }), { id: 'pubrev-hits' });
  }

  function decidePanel(r, reload) {
    var decision = 'approve';
    var form = B.form({ class: 'form-grid', id: 'pubrev-decide' }, [
      r.hits_open ? B.msg('warn', t('pr.blocked')) : null,
      B.field(t('pr.reason'), h('textarea', { name: 'reason', rows: 2, maxlength: 500 }), { required: true, wide: true }),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary', 'data-decision': 'approve' }, t('pr.approve')),
        h('button', { type: 'submit', class: 'btn', 'data-decision': 'reject' }, t('pr.reject')))
    ], function (f) {
      return B.api('POST', '/api/v1/publication-reviews/' + r.id + '/decision',
        { step: r.step, decision: decision, reason: f.reason.value.trim() }).then(reload);
    });
    form.querySelectorAll('button[data-decision]').forEach(function (b) {
      b.addEventListener('click', function () { decision = b.getAttribute('data-decision'); });
    });
    return B.panel(t('pr.decide') + ' · ' + roleLabel(r.steps[r.step]), form);
  }

  function publishPanel(r, reload) {
    var form = B.form({ class: 'form-grid', id: 'pubrev-publish' }, [
      B.field(t('pr.f_channel'), channelSelect('channel'), { required: true }),
      B.field(t('pr.f_place'), B.input('place', '', { maxlength: 200 })),
      B.field(t('pr.f_date'), B.input('published_on', today(), { type: 'date' }), { required: true }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('pr.publish')))
    ], function (f) {
      return B.api('POST', '/api/v1/publication-reviews/' + r.id + '/publications', {
        sha256: r.frozen_sha256, channel: f.channel.value, place: f.place.value.trim(), published_on: f.published_on.value
      }).then(reload);
    });
    return B.panel(t('pr.publish'), form);
  }

  function uploadPanel(r, reload) {
    var file = h('input', { type: 'file', name: 'file' });
    var form = B.form({ class: 'form-grid', id: 'pubrev-upload' }, [
      B.field(t('pr.f_file'), file, { wide: true }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('pr.upload')))
    ], function () {
      if (!file.files || !file.files[0]) return Promise.reject(new Error(t('pr.no_file')));
      var fl = file.files[0];
      return fl.arrayBuffer().then(function (buf) {
        return B.api('POST', '/api/v1/publication-reviews/' + r.id + '/versions' + B.query({ name: fl.name }), null, { raw: buf });
      }).then(reload);
    });
    return B.panel(t('pr.upload'), form);
  }

  B.registerModule({
    id: 'pubrev',
    group: 'business',
    order: 60,
    label: 'nav.pubrev',
    roles: ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'],
    render: function (ctx) {
      var id = ctx.params && ctx.params[0];
      if (id) renderDetail(ctx, id);
      else renderList(ctx);
    }
  });

  /* ---- the officer's keyword list */

  function renderKeywords(ctx) {
    var el = ctx.el;
    B.clear(el).appendChild(B.pageHead(t('kw.title')));
    el.appendChild(h('p', { class: 'page-intro' }, t('kw.intro')));
    var levels = B.enumList('levels').map(function (l) { return { value: l.code, label: B.enumLabel('levels', l.code) }; });
    var form = B.form({ class: 'form-grid', id: 'pubkw-add' }, [
      B.field(t('kw.word'), B.input('word', '', { maxlength: 100 }), { required: true }),
      B.field(t('kw.level'), B.select('level', levels, 'confidential'), { required: true }),
      B.field(t('kw.note'), B.input('note', '', { maxlength: 200 })),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('kw.add')))
    ], function (f) {
      return B.api('POST', '/api/v1/review-keywords', { word: f.word.value.trim(), level: f.level.value, note: f.note.value.trim() })
        .then(function () { renderKeywords(ctx); });
    });
    el.appendChild(B.panel(t('kw.add'), form));
    var list = h('div');
    el.appendChild(B.panel(t('kw.title'), list));
    B.load(list, B.api('GET', '/api/v1/review-keywords'), function (r) {
      list.appendChild(B.table([
        { label: t('kw.word'), value: function (k) { return k.word; } },
        { label: t('kw.level'), value: function (k) { return B.enumLabel('levels', k.level); } },
        { label: t('kw.note'), value: function (k) { return k.note; } },
        { label: '', value: function (k) {
          return B.confirmButton(t('kw.delete'), t('kw.delete_confirm'), function () {
            B.api('DELETE', '/api/v1/review-keywords/' + k.id).then(function () { renderKeywords(ctx); });
          }, 'btn-small btn-danger');
        } }
      ], r.items, { class: 'pubkw-list' }));
    });
  }

  B.registerModule({
    id: 'pubkw',
    group: 'business',
    order: 61,
    label: 'nav.pubkw',
    roles: ['officer'],
    render: renderKeywords
  });
})();
