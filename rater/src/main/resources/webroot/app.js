// The rating page. Everything from the server is written with textContent or as an image src:
// never innerHTML, since prompts are user text.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let rater = '';
  let started = false;
  let token = '';
  let perRaterTokens = false;
  let current = null;
  let busy = false;

  function headers() {
    const h = { 'Content-Type': 'application/json' };
    if (token) h['X-Rater-Token'] = token;
    return h;
  }

  function say(text) {
    $('message').textContent = text;
  }

  async function loadNext() {
    const res = await fetch('/api/next?rater=' + encodeURIComponent(rater), { headers: headers() });
    if (res.status === 204) {
      current = null;
      $('task').hidden = true;
      say('No pairs waiting; this page checks again every few seconds.');
      return;
    }
    if (!res.ok) {
      say((await res.json()).reason || ('error ' + res.status));
      return;
    }
    current = await res.json();
    $('prompt').textContent = current.prompt;
    $('left').src = current.left;
    $('right').src = current.right;
    $('task').hidden = false;
    $('task').dataset.pairId = current.pair_id;
    const p = current.progress || {};
    $('progress').textContent = 'You have labelled ' + p.labelled + ' pairs'
      + (p.goldSeen === null || p.goldSeen === undefined ? '' : '; checks passed: ' + p.goldCorrect + ' of ' + p.goldSeen) + '.';
  }

  async function send(path, body) {
    const res = await fetch(path, { method: 'POST', headers: headers(), body: JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) {
      say(json.reason || ('error ' + res.status));
      return null;
    }
    return json;
  }

  async function choose(choice) {
    if (!current || busy) return;
    busy = true;
    try {
      const stats = await send('/api/label', { rater: rater, pair_id: current.pair_id, choice: choice });
      if (stats) {
        say('Recorded ' + choice + ' for ' + current.pair_id + '.');
        document.body.dataset.lastLabel = current.pair_id + ':' + choice;
        showStats(stats);
      }
      await loadNext();
    } finally {
      busy = false;
    }
  }

  async function undo() {
    if (busy) return;
    busy = true;
    try {
      if (await send('/api/undo', { rater: rater })) {
        say('Undone.');
        await loadNext();
      }
    } finally {
      busy = false;
    }
  }

  function percent(v) {
    return v === null || v === undefined ? '–' : (100 * v).toFixed(0) + '%';
  }

  function showStats(stats) {
    $('waiting').textContent = String(stats.waiting);
    const agreement = stats.agreement || {};
    $('alpha').textContent = agreement.alpha === null || agreement.alpha === undefined
      ? '– (no pair labelled by two people yet)'
      : 'Krippendorff\'s α ' + agreement.alpha.toFixed(2) + ' over ' + agreement.pairs + ' pairs'
        + (agreement.kappas || []).map((k) => '; κ(' + k.raters.join(', ') + ') '
          + (k.kappa === null ? '–' : k.kappa.toFixed(2)) + ' on ' + k.shared).join('');
    const body = $('stats').tBodies[0];
    body.replaceChildren();
    for (const [name, s] of Object.entries(stats.raters)) {
      const row = body.insertRow();
      for (const value of [name, s.labelled, s.skipped, s.bad,
          percent(s.modelAgreement) + ' of ' + s.modelCompared,
          percent(s.humanAgreement) + ' of ' + s.humanCompared,
          percent(s.estimatedAccuracy) + (s.excluded ? ' (excluded, ' + s.withheld + ' withheld)' : ''),
          s.goldCorrect + ' of ' + s.goldSeen]) {
        row.insertCell().textContent = String(value);
      }
    }
  }

  async function refresh() {
    const res = await fetch('/api/stats');
    if (res.ok) showStats(await res.json());
    if (started && !current) await loadNext();
  }

  const keys = { ArrowLeft: 'left', ArrowRight: 'right', ArrowDown: 'tie', s: 'skip', b: 'bad' };
  document.addEventListener('keydown', (e) => {
    if (!started || e.target.tagName === 'INPUT') return;
    if (keys[e.key]) {
      e.preventDefault();
      choose(keys[e.key]);
    } else if (e.key === 'u') {
      e.preventDefault();
      undo();
    }
  });

  for (const button of document.querySelectorAll('.choices button[data-choice]')) {
    button.addEventListener('click', () => choose(button.dataset.choice));
  }
  $('undo').addEventListener('click', () => undo());

  $('who').addEventListener('submit', async (e) => {
    e.preventDefault();
    rater = perRaterTokens ? '' : $('rater').value.trim();
    started = true;
    token = $('token').value;
    document.activeElement.blur();
    document.body.dataset.rater = rater;
    await loadNext();
  });

  fetch('/api/config').then((r) => r.json()).then((c) => {
    $('token-label').hidden = !c.tokenRequired;
    perRaterTokens = c.perRaterTokens;
    if (perRaterTokens) {
      // the token says who rates: no name to type
      $('rater').required = false;
      $('name-label').hidden = true;
    }
  });
  setInterval(refresh, 2000);
  refresh();
})();
