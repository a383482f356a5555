// The prefloop dashboard: one EventSource, seven Chart.js charts and the sample grid.
// Every text that comes from the stream is set with textContent, never as HTML.
'use strict';

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function lineChart(id, yTitle, extraScales) {
  const scales = Object.assign({
    x: { type: 'linear', title: { display: true, text: 'learner step' } },
    y: { title: { display: true, text: yTitle } },
  }, extraScales || {});
  return new Chart(document.getElementById(id), {
    type: 'line',
    data: { datasets: [] },
    options: { animation: false, responsive: true, parsing: true, normalized: true,
      elements: { point: { radius: 0 } }, scales },
  });
}

const charts = {
  winrate: new Chart(document.getElementById('chart-winrate'), {
    type: 'line',
    data: { datasets: [] },
    options: { animation: false,
      scales: { x: { type: 'linear', title: { display: true, text: 'policy version' },
                     ticks: { precision: 0 } },
                y: { min: 0, max: 1, title: { display: true, text: 'win rate vs base (same seed)' } } },
      plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ': ' + c.raw.y.toFixed(3) +
          (typeof c.raw.se === 'number' ? ' ± ' + c.raw.se.toFixed(3) : '') } } } },
  }),
  reward: new Chart(document.getElementById('chart-reward'), {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: { animation: false, spanGaps: true,
      scales: { x: { title: { display: true, text: 'policy version' } },
                y: { title: { display: true, text: 'mean reward' } } } },
  }),
  learner: lineChart('chart-learner', 'loss', {
    acc: { position: 'right', min: 0, max: 1, title: { display: true, text: 'implicit accuracy' },
           grid: { drawOnChartArea: false } },
  }),
  drift: lineChart('chart-drift', 'D'),
  bins: new Chart(document.getElementById('chart-bins'), {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: { animation: false,
      scales: { x: { title: { display: true, text: 'timestep bin (0 = noisiest)' } },
                y: { title: { display: true, text: 'margin std (reward scale)' } },
                acc: { position: 'right', min: 0, max: 1, grid: { drawOnChartArea: false },
                       title: { display: true, text: 'implicit accuracy' } } } },
  }),
  staleness: lineChart('chart-staleness', 'mean staleness'),
  throughput: lineChart('chart-throughput', 'per second', {
    x: { type: 'linear', title: { display: true, text: 'seconds since the dashboard started' } },
  }),
};
window.prefloopCharts = charts;

function setDatasets(chart, datasets) {
  // Keep dataset objects (and their hidden state) when the names do not change.
  const same = chart.data.datasets.length === datasets.length &&
      chart.data.datasets.every((d, i) => d.label === datasets[i].label);
  if (same) {
    datasets.forEach((d, i) => { chart.data.datasets[i].data = d.data; });
  } else {
    chart.data.datasets = datasets;
  }
  chart.update('none');
}

function points(rows, key, xKey) {
  return rows.filter(r => r[key] !== null && r[key] !== undefined)
             .map(r => ({ x: r[xKey || 'step'], y: r[key] }));
}

function updateReward(rewards) {
  charts.reward.data.labels = rewards.versions;
  setDatasets(charts.reward, rewards.models.map((m, i) => ({
    label: m.name + (m.heldOut ? ' (held out)' : ''),
    data: m.mean,
    borderColor: COLOURS[i % COLOURS.length],
    backgroundColor: COLOURS[i % COLOURS.length],
    borderDash: m.heldOut ? [6, 4] : [],
  })));
}

function updateSentinel(sentinel) {
  if (!sentinel || !sentinel.enabled) {
    text('sentinel-status', 'off');
    return;
  }
  const latest = sentinel.latest;
  text('sentinel-status',
    sentinel.judged + ' versions judged, ' + sentinel.flagged + ' flagged, ' +
    sentinel.alertsTotal + ' alarms; last good v' + sentinel.lastGood + '; action ' +
    sentinel.action + '; ' + (100 * sentinel.cpuShare).toFixed(1) + ' % of a core' +
    (latest && latest.signals.length ? ' — v' + latest.version + ': ' + latest.signals.join('; ') : ''));
  const list = document.getElementById('sentinel-alerts');
  if (list.childElementCount !== sentinel.alerts.length) {
    list.replaceChildren(...sentinel.alerts.map(a => {
      const item = document.createElement('li');
      item.className = 'error';
      item.textContent = a.at + ' — alarm at v' + a.version + ' (last good v' + a.lastGood + '): ' +
        a.signals.join('; ') + ' → ' + a.outcome;
      return item;
    }));
  }
}

function share(value) {
  return value === null || value === undefined ? '–' : value.toFixed(2);
}

function updatePeople(people) {
  const section = document.getElementById('people');
  section.hidden = !people;
  if (!people) {
    return;
  }
  const agreement = people.agreement || {};
  const kappas = (agreement.kappas || []).filter(k => k.kappa !== null)
    .map(k => k.raters.join(' & ') + ' κ ' + k.kappa.toFixed(2) + ' (' + k.shared + ')');
  text('people-agreement', agreement.alpha === null || agreement.alpha === undefined
    ? 'Krippendorff\'s α: – (no pair labelled by two people yet)'
    : 'Krippendorff\'s α ' + agreement.alpha.toFixed(2) + ' over ' + agreement.pairs + ' pairs'
      + (kappas.length ? '; ' + kappas.join(', ') : ''));
  const rows = Object.entries(people.raters).sort(([a], [b]) => a.localeCompare(b)).map(([name, r]) => {
    const row = document.createElement('tr');
    row.className = r.excluded ? 'excluded' : '';
    row.dataset.rater = name;
    const cells = [name, String(r.labelled), share(r.modelAgreement), share(r.estimatedAccuracy),
      r.goldSeen ? r.goldCorrect + ' / ' + r.goldSeen : '–',
      r.excluded ? 'excluded (' + r.withheld + ' labels withheld)' : 'counted'];
    row.replaceChildren(...cells.map(value => {
      const cell = document.createElement('td');
      cell.textContent = value;
      return cell;
    }));
    return row;
  });
  document.querySelector('#people-raters tbody').replaceChildren(...rows);
  text('people-problem', people.problem || '');
}

function updateWinRate(curve, problem, alerts) {
  text('winrate-problem', problem ? 'win rates off: ' + problem : '');
  const models = [];
  curve.forEach(p => Object.entries(p.models).forEach(([name, m]) => {
    if (!models.some(x => x.name === name)) models.push({ name, heldOut: m.heldOut });
  }));
  const versions = curve.map(p => p.version);
  const lo = versions.length ? Math.min(...versions) : 0;
  const hi = versions.length ? Math.max(...versions, lo + 1) : 1;
  setDatasets(charts.winrate, models.map((m, i) => ({
    label: m.name + (m.heldOut ? ' (held out)' : ''),
    data: curve.filter(p => p.models[m.name])
               .map(p => ({ x: p.version, y: p.models[m.name].rate, se: p.models[m.name].se })),
    borderColor: COLOURS[i % COLOURS.length],
    backgroundColor: COLOURS[i % COLOURS.length],
    borderDash: m.heldOut ? [6, 4] : [],
    pointRadius: 3,
  })).concat([{ label: 'no change (0.5)', data: [{ x: lo, y: 0.5 }, { x: hi, y: 0.5 }],
    borderColor: '#888', borderDash: [2, 3], pointRadius: 0 }])
    .concat((alerts || []).length ? [{ label: 'sentinel alarm', showLine: false,
      data: alerts.map(a => ({ x: a.version, y: 0.02 })), pointStyle: 'triangle',
      pointRadius: 8, borderColor: '#c00', backgroundColor: '#c00' }] : []));
}

function updateLearner(rows) {
  setDatasets(charts.learner, [
    { label: 'loss', data: points(rows, 'loss'), borderColor: COLOURS[3], yAxisID: 'y' },
    { label: 'implicit accuracy', data: points(rows, 'acc'), borderColor: COLOURS[0], yAxisID: 'acc' },
  ]);
}

function updateDrift(rows, events, delta) {
  const drift = points(rows, 'drift');
  const steps = rows.map(r => r.step).concat(events.map(e => e.step));
  const lo = steps.length ? Math.min(...steps) : 0;
  const hi = steps.length ? Math.max(...steps) : 1;
  const marker = type => events.filter(e => e.type === type)
      .map(e => ({ x: e.step, y: e.drift === null || e.drift === undefined ? delta : e.drift }));
  setDatasets(charts.drift, [
    { label: 'drift D', data: drift, borderColor: COLOURS[4] },
    { label: 'δ = ' + delta, data: [{ x: lo, y: delta }, { x: hi, y: delta }],
      borderColor: '#b00020', borderDash: [6, 4] },
    { label: 'merge', type: 'scatter', data: marker('merge'), pointRadius: 5,
      pointStyle: 'triangle', backgroundColor: COLOURS[2], borderColor: COLOURS[2] },
    { label: 'freeze', type: 'scatter', data: marker('freeze'), pointRadius: 7,
      pointStyle: 'rectRot', backgroundColor: '#b00020', borderColor: '#b00020' },
  ]);
}

function updateBins(bins) {
  charts.bins.data.labels = bins.map(b => String(b.bin));
  setDatasets(charts.bins, [
    { label: 'reward scale (margin std)', data: bins.map(b => b.marginStd), backgroundColor: COLOURS[1] },
    { label: 'implicit accuracy', data: bins.map(b => b.acc), backgroundColor: COLOURS[0], yAxisID: 'acc' },
  ]);
}

function updateThroughput(rows) {
  setDatasets(charts.throughput, [
    { label: 'pairs/s', data: points(rows, 'pairs', 't'), borderColor: COLOURS[0] },
    { label: 'preferences/s', data: points(rows, 'preferences', 't'), borderColor: COLOURS[1] },
    { label: 'learner steps/s', data: points(rows, 'steps', 't'), borderColor: COLOURS[2] },
  ]);
}

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function fixed(x) {
  return typeof x === 'number' ? x.toFixed(2) : '–';
}

let shownGrid = null;
function updateGrid(grid) {
  const list = document.getElementById('grid-prompts');
  if (list.childElementCount !== grid.prompts.length) {
    list.replaceChildren(...grid.prompts.map(p => {
      const item = document.createElement('li');
      item.textContent = p;
      return item;
    }));
  }
  text('grid-error', grid.error ? 'grid: ' + grid.error : '');
  if (grid.latest === null || grid.latest === undefined || grid.latest === shownGrid) {
    return;
  }
  shownGrid = grid.latest;
  const img = document.getElementById('grid');
  img.src = '/grid/' + encodeURIComponent(String(grid.latest)) + '.png';
  const label = document.getElementById('grid-version');
  label.textContent = 'policy version ' + grid.latest;
  label.dataset.version = String(grid.latest);
}

function render(state) {
  text('policy-version', state.policyVersion < 0 ? '–' : String(state.policyVersion));
  text('reference-version', state.referenceVersion < 0 ? '–' : String(state.referenceVersion));
  text('learner-step', String(state.learnerStep) + (state.frozen ? ' (reference frozen)' : ''));
  text('rate-pairs', fixed(state.rates.pairs));
  text('rate-preferences', fixed(state.rates.preferences));
  text('rate-steps', fixed(state.rates.steps));
  text('undecodable', String(Object.values(state.totals.undecodable).reduce((a, b) => a + b, 0)));
  const sentinel = state.sentinel || {};
  updateWinRate(state.learningCurve || [], state.learningCurveProblem, sentinel.alerts);
  updateSentinel(sentinel);
  updatePeople(state.people);
  updateReward(state.rewards);
  updateLearner(state.learner);
  updateDrift(state.learner, state.events, state.driftDelta);
  updateBins(state.bins);
  setDatasets(charts.staleness, [
    { label: 'mean staleness', data: points(state.learner, 'staleness'), borderColor: COLOURS[5] },
  ]);
  updateThroughput(state.throughput);
  updateGrid(state.grid);
}

const source = new EventSource('/events');
source.addEventListener('state', e => render(JSON.parse(e.data)));
source.onopen = () => text('connection', 'live');
source.onerror = () => text('connection', 'reconnecting');
