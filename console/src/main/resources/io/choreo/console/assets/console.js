// Choreo console: renders Mermaid diagrams (bundled renderer, no CDN) and follows live updates (server-sent events).
(function () {
  function esc(s) {
    return String(s == null ? '' : s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  }
  function row(s) {
    var href = '/sessions/' + encodeURIComponent(s.id);
    return '<tr class="session ' + s.status + '"><td><a class="session-link" href="' + href + '">' + esc(s.id)
      + '</a></td><td>' + esc(s.protocol) + '</td><td class="status">' + s.status + (s.live ? ' (live)' : '')
      + '</td><td>' + esc(s.started) + '</td><td>' + s.durationMillis + ' ms</td><td>'
      + esc(s.participants.join(', ')) + '</td><td>'
      + (s.failureType ? '<b>' + esc(s.failureType) + '</b>: ' + esc(s.failureCause) : '') + '</td></tr>';
  }
  function refreshList() {
    fetch('/api/sessions' + window.location.search).then(function (r) { return r.json(); }).then(function (list) {
      var body = document.querySelector('#sessions tbody');
      if (body) { body.innerHTML = list.map(row).join(''); }
    });
  }
  var timer = null;
  function later(f) { if (timer) { clearTimeout(timer); } timer = setTimeout(f, 300); }
  window.addEventListener('DOMContentLoaded', function () {
    if (window.mermaid) {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      window.mermaid.run({ querySelector: 'pre.mermaid' });
    }
    var session = document.body.getAttribute('data-session');
    var summary = document.getElementById('summary');
    var listPage = document.getElementById('sessions') !== null;
    if (!window.EventSource || (!listPage && !session)) { return; }
    var events = new EventSource('/api/events');
    events.addEventListener('session', function (e) {
      if (listPage) {
        later(refreshList);
      } else if ((e.data === session || e.data === '*') && summary
                 && summary.getAttribute('data-status') === 'running') {
        later(function () { window.location.reload(); });
      }
    });
  });
})();
