/*
 * baomi web UI — the notification inbox (通知) on the home page: what happened to carriers
 * within the person's knowledge scope (declassified, level changed) and to approval requests
 * (waiting for the reader, decided), newest first, unread ones
 * marked, each with a link to its object and a button that marks it read.
 */
(function () {
  'use strict';

  var B = window.Baomi;
  var h = B.h;
  var t = B.t;
  var api = B.api;

  var BUSINESS = ['officer', 'dept_head', 'leader', 'staff', 'command', 'duty'];
  var SHOWN = 10;
  var PAGE = 100;

  B.addStrings({
    'notif.title': ['通知', 'Notifications'],
    'nav.notifications': ['通知', 'Notifications'],
    'tile.notifications': ['未读与已读通知', 'Read and unread notifications'],
    'notif.unread': ['{n} 条未读', '{n} unread'],
    'notif.none': ['暂无通知', 'No notifications'],
    'notif.read': ['标为已读', 'Mark read'],
    'notif.read_all': ['全部标为已读', 'Mark all read'],
    'notif.open': ['查看', 'Open'],
    'notif.more': ['共 {n} 条，显示最新 {m} 条', '{n} in all, the newest {m} shown']
  });

  /* The page an object of a notification opens, if the UI has one. */
  function objectPath(n) {
    if (n.object_type === 'carrier') return 'carriers/' + n.object_id;
    return n.object_type === 'carrier_request' ? 'carrier-requests' : null;
  }

  /* The inbox: the newest `shown` notifications in a panel (id `panelId`) appended to el. */
  function inbox(el, shown, panelId) {
    var seq = B.state.routeSeq;
    var title = h('h2', { class: 'panel-title' }, t('notif.title'));
    var box = h('div', { class: 'panel-body loading' }, t('common.loading'));
    el.appendChild(h('section', { class: 'panel', id: panelId }, title, box));

    function show(res) {
      if (seq !== B.state.routeSeq) return;
      box.className = 'panel-body';
      B.clear(box);
      B.clear(title).appendChild(document.createTextNode(t('notif.title')));
      if (res.unread) title.appendChild(h('span', { class: 'badges' }, ' ', B.badge(t('notif.unread', { n: res.unread }), 'warn')));
      var items = res.items || [];
      if (!items.length) {
        box.appendChild(h('p', { class: 'muted' }, t('notif.none')));
        return;
      }
      if (res.unread) {
        box.appendChild(h('div', { class: 'notif-actions' }, B.button(t('notif.read_all'), function () {
          api('POST', '/api/v1/notifications/read-all').then(reload, fail);
        }, 'btn-small', { id: 'notif-read-all' })));
      }
      box.appendChild(h('ul', { class: 'notif-list', id: 'notif-list' }, items.map(function (n) {
        var path = objectPath(n);
        return h('li', { class: 'notif-item' + (n.read_at ? ' notif-read' : ' notif-unread'), 'data-id': n.id, 'data-kind': n.kind },
          h('div', { class: 'notif-text' }, B.state.lang === 'en' ? n.text_en : n.text),
          h('div', { class: 'notif-meta' },
            h('span', { class: 'notif-time' }, B.fmtTime(n.created_at)),
            path ? B.link(path, t('notif.open'), { class: 'notif-open' }) : null,
            n.read_at ? null : B.button(t('notif.read'), function () {
              api('POST', '/api/v1/notifications/' + encodeURIComponent(n.id) + '/read').then(reload, fail);
            }, 'btn-small notif-mark', { 'data-id': n.id })));
      })));
      if (res.total > items.length) box.appendChild(h('p', { class: 'muted' }, t('notif.more', { n: res.total, m: items.length })));
    }
    function fail(err) {
      if (seq !== B.state.routeSeq) return;
      box.className = 'panel-body';
      B.clear(box).appendChild(B.errorBox(err));
    }
    function reload() {
      return api('GET', '/api/v1/notifications' + B.query({ limit: shown })).then(show, fail);
    }
    reload();
  }

  B.registerHomePanel({
    id: 'notifications', order: 5, roles: BUSINESS,
    render: function (el) {
      inbox(el, SHOWN, 'notifications');
    }
  });

  /* 通知 in the menu: the inbox on a page of its own, its badge counting the unread ones. */
  B.registerModule({
    id: 'notifications', group: 'self', order: 1, label: 'nav.notifications', roles: BUSINESS,
    render: function (ctx) {
      ctx.el.appendChild(B.pageHead(t('notif.title')));
      inbox(ctx.el, PAGE, 'notifications-page');
    }
  });
})();
