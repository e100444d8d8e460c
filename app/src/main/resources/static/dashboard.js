// The ASI-Arch dashboard: campaigns, one campaign (progress, steering, fitness, failures, leaderboard,
// lineage) and one experiment (curves, diff, judge, analysis), all read from the REST API under /api.
'use strict';

const view = document.getElementById('view');
const errorBox = document.getElementById('error');
const charts = [];
let refreshTimer = null;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'onclick') node.addEventListener('click', value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const fixed = (value, digits) => (value === null || value === undefined ? '-' : Number(value).toFixed(digits));
/** A distance in standard deviations, signed: +2.4σ; the JSON writes infinities as strings. */
const sigmas = value => {
  const number = Number(value);
  return Number.isFinite(number) ? (number >= 0 ? '+' : '') + number.toFixed(1) + 'σ' : String(value) + 'σ';
};
const mean = values => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const shortId = id => id.substring(id.lastIndexOf('-') + 1);
const when = millis => new Date(millis).toLocaleString();
const statusBadge = status => el('span', {class: 'status ' + status, text: status});
// A trained candidate the candidate filter calls a suspected leak: never shown as the campaign's best.
const leakBadge = reason => el('span', {class: 'status leak', title: reason || '', text: 'suspected leak'});
const ENDED = ['FINISHED', 'BUDGET_REACHED', 'GPU_BUDGET_REACHED', 'STOPPED', 'FAILED', 'INTERRUPTED'];

async function api(path, options = {}) {
  const response = await fetch('/api/' + path, {
    headers: {'Accept': 'application/json', 'Content-Type': 'application/json'}, ...options});
  const body = await response.json().catch(() => ({error: 'HTTP ' + response.status + ' without a JSON body'}));
  if (!response.ok) throw new Error(body.error || 'HTTP ' + response.status);
  return body;
}

function showError(error) {
  errorBox.textContent = error ? String(error.message || error) : '';
  errorBox.hidden = !error;
}

function chart(canvas, config) {
  const made = new Chart(canvas, config);
  charts.push(made);
  return made;
}

function clear() {
  while (charts.length) charts.pop().destroy();
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = null;
}

async function route() {
  clear();
  showError(null);
  const hash = current();
  const [kind, id] = hash.split('/');
  try {
    if (kind === 'campaign' && id) await campaignPage(id);
    else if (kind === 'experiment' && id) await experimentPage(id);
    else await campaignsPage();
    document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    showError(error);
    // A campaign started a moment ago may not be recorded yet; a server may be restarting.
    refreshTimer = setTimeout(() => hash === current() && route(), 3000);
  }
}

const current = () => decodeURIComponent(location.hash.replace(/^#\/?/, ''));

function refreshIn(seconds, page) {
  if (refreshTimer) clearTimeout(refreshTimer);
  const shown = current();
  refreshTimer = setTimeout(async () => {
    if (current() !== shown) return;
    try {
      await page();
      document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
      showError(null);
    } catch (error) {
      showError(error);
      refreshIn(seconds * 2, page);
    }
  }, seconds * 1000);
}

// ---- Campaigns ------------------------------------------------------------------------------------

async function campaignsPage() {
  const shown = current();
  const campaigns = await api('campaigns');
  if (current() !== shown) return;
  const rows = campaigns.map(c => el('tr', {'data-campaign': c.id},
      el('td', {}, el('a', {href: '#/campaign/' + encodeURIComponent(c.id), class: 'campaign-link', text: c.id})),
      el('td', {}, statusBadge(c.status)), el('td', {text: c.profile}),
      el('td', {class: 'n', text: c.recorded + '/' + (c.experiments + 1)}), el('td', {class: 'n', text: c.trained}),
      el('td', {text: when(c.startedAtMillis)})));
  const experiments = el('input', {type: 'number', min: '1', value: '3', id: 'new-experiments'});
  const profile = el('select', {id: 'new-profile'}, ['cpu-tiny', 'cpu-smoke', 'cpu-small', 'gpu-20m', 'gpu-340m']
      .map(name => el('option', {value: name, text: name})));
  const seed = el('input', {type: 'number', value: '1', id: 'new-seed'});
  const parallel = el('input', {type: 'number', min: '1', value: '1', id: 'new-parallel'});
  // The list redraws while campaigns run; what was typed into the form survives it.
  const focused = document.activeElement && document.activeElement.id;
  for (const field of [experiments, profile, seed, parallel]) {
    const before = document.getElementById(field.id);
    if (before) field.value = before.value;
  }
  const form = el('form', {id: 'new-campaign'},
      'experiments ', experiments, ' profile ', profile, ' seed ', seed, ' in parallel ', parallel, ' ',
      el('button', {type: 'submit', text: 'Start campaign'}));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const started = await api('campaigns', {method: 'POST', body: JSON.stringify({
        experiments: Number(experiments.value), profile: profile.value, seed: Number(seed.value),
        parallel: Number(parallel.value)})});
      location.hash = '#/campaign/' + encodeURIComponent(started.id);
    } catch (error) {
      showError(error);
    }
  });
  view.replaceChildren(
      el('h1', {text: 'Campaigns'}),
      campaigns.length === 0 ? el('p', {class: 'muted', text: 'No campaigns yet.'}) :
          el('table', {id: 'campaigns'}, el('thead', {}, el('tr', {},
              ['id', 'status', 'profile', 'done', 'trained', 'started'].map(h => el('th', {text: h})))),
              el('tbody', {}, rows)),
      el('h2', {text: 'Start a campaign'}), form);
  if (focused && document.getElementById(focused) && focused.startsWith('new-')) {
    document.getElementById(focused).focus();
  }
  if (campaigns.some(c => !ENDED.includes(c.status))) refreshIn(3, campaignsPage);
}

// ---- One campaign ---------------------------------------------------------------------------------

async function campaignPage(id) {
  const [campaign, leaderboard, lineage, progress] = await Promise.all([
    api('campaigns/' + encodeURIComponent(id)), api('campaigns/' + encodeURIComponent(id) + '/leaderboard'),
    api('campaigns/' + encodeURIComponent(id) + '/lineage'), api('campaigns/' + encodeURIComponent(id) + '/progress')]);
  if (current() !== 'campaign/' + id) return;
  clear();
  const live = campaign.live;
  const running = live !== null && live !== undefined;
  const total = running ? live.total : campaign.experiments + 1;
  const done = running ? live.completed : campaign.recorded;
  const steer = (action, body) => async () => {
    try {
      await api('campaigns/' + encodeURIComponent(id) + '/' + action,
          {method: 'POST', body: JSON.stringify(body || {})});
    } catch (error) {
      showError(error);
      return false;
    }
    await campaignPage(id).catch(showError);
    return true;
  };
  const idea = el('input', {type: 'text', size: '60', id: 'idea', placeholder: 'an idea for the next Researcher'});
  // The page redraws every few seconds; what is being typed survives it.
  const typed = document.getElementById('idea');
  if (typed) idea.value = typed.value;
  const typing = typed !== null && document.activeElement === typed;
  const steering = running ? el('div', {class: 'steering card', id: 'steering'},
      el('button', {id: 'pause-button', onclick: steer('pause'), text: 'Pause'}),
      el('button', {id: 'resume-button', onclick: steer('resume'), text: 'Resume'}),
      el('button', {id: 'stop-button', onclick: steer('stop'), text: 'Stop'}),
      live.steering.pinned ? el('button', {id: 'unpin-button', onclick: steer('unpin'),
        text: 'Unpin ' + shortId(live.steering.pinned)}) : null,
      ' ', idea, ' ',
      el('button', {id: 'inject-button', text: 'Inject idea', onclick: async () => {
        const text = idea.value.trim();
        if (!text) return;
        // Cleared only once the campaign has it, so a failed request loses nothing.
        if (await steer('inject', {idea: text})()) {
          const shown = document.getElementById('idea');
          if (shown && shown.value.trim() === text) shown.value = '';
        }
      }}),
      live.steering.paused ? el('p', {id: 'paused-note', text:
        'Paused: experiments in flight finish, no new one starts until resumed.'}) : null)
      : null;

  const header = el('div', {},
      el('h1', {}, 'Campaign ', el('span', {id: 'campaign-id', text: id}), ' ',
          el('span', {id: 'campaign-status'}, statusBadge(campaign.status))),
      el('p', {}, el('progress', {max: String(total), value: String(done)}), ` ${done}/${total} experiments, `
          + `${campaign.trained} trained; profile ${campaign.profile}, seed ${campaign.seed}; started `
          + when(campaign.startedAtMillis)
          + (running ? `; LLM $${fixed(live.spentUsd, 4)}; GPU ${fixed(live.gpuHours, 3)} h` : '')),
      running ? el('ul', {id: 'in-flight'}, campaign.inFlight.length === 0
          ? el('li', {class: 'muted', text: live.running.length ? 'starting ' + live.running.map(shortId).join(', ')
              : 'nothing in flight'})
          : campaign.inFlight.map(f => el('li', {text: `${shortId(f.experimentId)}${f.name ? ' ' + f.name : ''}: `
            + f.doing}))) : null,
      campaign.note ? el('p', {class: 'muted', text: campaign.note}) : null);

  const fitnessCanvas = el('canvas', {id: 'fitness-chart'});
  const failureCanvas = el('canvas', {id: 'failure-chart'});
  const failures = Object.entries(campaign.failures || {});
  const chartCards = el('div', {class: 'grid'},
      el('div', {class: 'card'}, el('h2', {text: 'Fitness as the campaign went on'}),
          el('div', {class: 'chart'}, fitnessCanvas)),
      el('div', {class: 'card'}, el('h2', {text: 'Failures by category'}),
          failures.length === 0 ? el('p', {class: 'muted', text: 'No failures.'})
              : el('div', {class: 'chart'}, failureCanvas)));

  const board = el('table', {id: 'leaderboard'},
      el('thead', {}, el('tr', {}, ['rank', 'name', 'parent', 'val loss', 'bench', 'fitness', 'validated (seeds)',
        'params', 'status', ''].map(h => el('th', {text: h})))),
      el('tbody', {}, leaderboard.map(row => el('tr', {'data-experiment': row.experimentId},
          el('td', {class: 'n', text: row.rank}),
          el('td', {}, el('a', {href: '#/experiment/' + encodeURIComponent(row.experimentId),
            class: 'experiment-link', text: row.name})),
          el('td', {text: row.parentName}), el('td', {class: 'n', text: fixed(row.validationLoss, 4)}),
          el('td', {class: 'n', text: fixed(row.benchmarkScore, 3)}), el('td', {class: 'n', text: fixed(row.fitness, 3)}),
          el('td', {text: row.validation ? `${fixed(row.validation.meanLoss, 4)} ± ${fixed(row.validation.sdLoss, 4)} `
              + `(${row.validation.seeds})${row.validation.beatsBaseline ? ', beats the baseline' : ''}`
              + (row.validation.meanFitness != null ? `, fitness ${fixed(row.validation.meanFitness, 3)}` : '') : ''}),
          el('td', {class: 'n', text: row.parameters}),
          el('td', {}, statusBadge(row.status), row.failureReason ? ' ' + row.failureReason : '',
              row.role === 'BASELINE' ? ' baseline' : '', row.suspectedLeak ? [' ', leakBadge(row.keptOutOfPool)] : '',
              row.keptOutOfPool && !row.suspectedLeak
                ? el('span', {class: 'muted', title: row.keptOutOfPool, text: ' not in the pool'}) : '',
              row.standing ? el('span', {class: 'muted noise',
                title: `fitness ${sigmas(row.standing.fitnessSigmas)}, loss ${sigmas(row.standing.lossSigmas)} `
                    + 'in the baseline\'s standard deviations over its seeds',
                text: Math.abs(Number(row.standing.fitnessSigmas)) <= 2 ? ' within noise'
                    : ` ${sigmas(row.standing.fitnessSigmas)}`}) : ''),
          el('td', {}, running && row.status === 'TRAINED' ? [
            el('button', {class: 'small pin-button', onclick: steer('pin', {experimentId: row.experimentId}),
              text: 'Pin'}), ' ',
            el('button', {class: 'small ban-button', onclick: steer('ban', {experimentId: row.experimentId}),
              text: 'Ban'})] : [])))));

  const keptOut = leaderboard.filter(row => row.keptOutOfPool);
  const keptOutList = keptOut.length ? el('div', {id: 'kept-out'},
      el('p', {class: 'muted', text: 'Kept out of the pool by the candidate filter'
          + (keptOut.some(row => row.suspectedLeak) ? '; suspected leaks rank below every plausible candidate and '
              + 'never count as the best' : '') + ':'}),
      el('ul', {}, keptOut.map(row => el('li', {text: `${row.name} (${shortId(row.experimentId)}): `
          + row.keptOutOfPool})))) : '';

  view.replaceChildren(header, steering || '', chartCards,
      el('h2', {text: 'Leaderboard'}), board, keptOutList,
      el('h2', {text: 'Lineage'}), el('div', {class: 'card', id: 'lineage'}, tree(lineage)),
      running && live.steering.log.length ? el('div', {}, el('h2', {text: 'Steering log'}),
          el('ul', {class: 'log', id: 'steering-log'}, live.steering.log.map(line => el('li', {text: line})))) : '');

  if (typing) idea.focus();
  chart(fitnessCanvas, {type: 'line', data: {
    labels: progress.map(p => p.index),
    datasets: [
      {label: 'best so far', data: progress.map(p => p.bestFitness), borderColor: '#1f77b4', stepped: true,
        pointRadius: 0, borderWidth: 2},
      {label: 'each experiment', data: progress.map(p => (p.suspectedLeak ? null : p.fitness)), borderColor: '#d62728',
        backgroundColor: '#d62728', showLine: false, pointRadius: 4},
      {label: 'suspected leak (not counted as best)', data: progress.map(p => (p.suspectedLeak ? p.fitness : null)),
        borderColor: '#7a8494', backgroundColor: '#7a8494', showLine: false, pointRadius: 5, pointStyle: 'crossRot'}]},
    options: {maintainAspectRatio: false, animation: false, spanGaps: true,
      scales: {x: {title: {display: true, text: 'experiment (0 = baseline)'}},
        y: {title: {display: true, text: 'fitness'}}}}});
  if (failures.length) {
    chart(failureCanvas, {type: 'bar', data: {labels: failures.map(f => f[0]),
      datasets: [{label: 'failed experiments', data: failures.map(f => f[1]), backgroundColor: '#d62728'}]},
      options: {maintainAspectRatio: false, animation: false, plugins: {legend: {display: false}}}});
  }
  if (!ENDED.includes(campaign.status)) refreshIn(3, () => campaignPage(id));
}

function tree(nodes) {
  return el('ul', {class: 'tree'}, nodes.map(node => {
    const children = node.children.length ? tree(node.children) : null;
    const toggle = el('span', {class: 'toggle', text: children ? '▾' : '•'});
    if (children) {
      toggle.addEventListener('click', () => {
        children.hidden = !children.hidden;
        toggle.textContent = children.hidden ? '▸' : '▾';
      });
    }
    return el('li', {}, toggle,
        el('a', {href: '#/experiment/' + encodeURIComponent(node.experimentId), text: node.name}),
        el('span', {class: 'muted', text: ` ${shortId(node.experimentId)} `}),
        node.crossedWith ? [el('span', {class: 'muted', text: '× '}),
          el('a', {href: '#/experiment/' + encodeURIComponent(node.crossedWith.experimentId),
            text: node.crossedWith.name, title: 'crossover: second parent'}), ' '] : null,
        node.status === 'TRAINED' ? 'fitness ' + fixed(node.fitness, 3) : statusBadge(node.failureReason || node.status),
        node.suspectedLeak ? [' ', leakBadge()] : null,
        node.baseline ? el('span', {class: 'muted', text: ' (baseline)'}) : null,
        children);
  }));
}

// ---- One experiment -------------------------------------------------------------------------------

async function experimentPage(id) {
  const path = 'experiments/' + encodeURIComponent(id);
  const [experiment, curves, diff] = await Promise.all([api(path), api(path + '/curves'), api(path + '/diff')]);
  if (current() !== 'experiment/' + id) return;
  const metrics = experiment.metrics;
  const curvesCanvas = el('canvas', {id: 'curves-chart'});
  const judge = experiment.judge;
  const analysis = experiment.analysis;
  const section = (title, text) => text ? [el('h3', {text: title}), el('pre', {text: text})] : [];
  view.replaceChildren(
      el('p', {}, el('a', {href: '#/campaign/' + encodeURIComponent(experiment.campaignId), id: 'back-to-campaign',
        text: '← campaign ' + experiment.campaignId})),
      el('h1', {}, el('span', {id: 'experiment-name', text: experiment.name}), ' ', statusBadge(experiment.status),
          experiment.failureReason ? ' ' + experiment.failureReason : '',
          experiment.suspectedLeak ? [' ', leakBadge(experiment.keptOutOfPool)] : ''),
      experiment.keptOutOfPool ? el('p', {id: 'kept-out-of-pool', class: experiment.suspectedLeak ? 'leak' : 'muted',
        text: 'Candidate filter: ' + experiment.keptOutOfPool}) : '',
      el('p', {class: 'muted', text: `${experiment.experimentId} · ${experiment.role.toLowerCase()} · proposed by `
          + `${experiment.researcher}` + (experiment.parentId ? ` · parent ${experiment.parentId}` : '')}),
      el('div', {class: 'grid'},
          el('div', {class: 'card'}, el('h2', {text: 'Results'}), metrics ? el('table', {}, [
            ['validation loss', fixed(metrics.validationLoss, 4)], ['final training loss', fixed(metrics.finalTrainLoss, 4)],
            ['fitness', fixed(experiment.fitness, 3)], ['benchmarks (mean)', fixed(mean(Object.values(metrics.benchmarks)), 3)],
            ...Object.entries(metrics.benchmarks).map(([label, value]) => ['  ' + label, fixed(value, 3)]),
            ['parameters', metrics.parameters], ['tokens/s', fixed(metrics.tokensPerSecond, 0)],
            ['training seconds', fixed(metrics.trainSeconds, 1)]]
              .map(([k, v]) => el('tr', {}, el('th', {text: k}), el('td', {class: 'n', text: v}))))
              : el('pre', {text: experiment.diagnostic || 'no metrics'})),
          el('div', {class: 'card'}, el('h2', {text: 'Training loss against its parent and the baseline'}),
              el('div', {class: 'chart'}, curvesCanvas))),
      el('h2', {text: 'Motivation'}), el('pre', {id: 'motivation', text: experiment.motivation}),
      el('h2', {}, 'Code changes against ', diff.parentName, ' ',
          el('span', {class: 'muted', text: `(+${diff.added} −${diff.removed})`})),
      el('pre', {class: 'diff', id: 'diff'}, diff.lines.map(line => el('span', {class: line.kind, text: line.text}))),
      judge ? el('div', {id: 'judge'}, el('h2', {text: `Judge (${judge.judge})`}),
          el('p', {text: `performance ${fixed(judge.performance, 1)}, innovation ${fixed(judge.innovation, 1)}, `
              + `complexity ${fixed(judge.complexity, 1)}${judge.inFitness ? ' (counted in fitness)' : ''}`}),
          el('pre', {text: judge.rationale})) : '',
      analysis ? el('div', {id: 'analysis'}, el('h2', {text: `Analysis (${analysis.analyst})`}),
          section('Design evaluation', analysis.designEvaluation), section('Results', analysis.resultsAnalysis),
          section('Expectation against reality', analysis.expectationVsReality),
          section('Theoretical explanation', analysis.theoreticalExplanation), section('Synthesis', analysis.synthesis),
          analysis.cognition.length ? [el('h3', {text: 'Cognition it drew on'}), el('ul', {},
              analysis.cognition.map(hit => el('li', {text: `${hit.title} (${hit.entryId}, ${fixed(hit.score, 2)})`})))]
              : []) : '',
      experiment.incidents.length ? [el('h2', {text: 'Incidents'}),
        el('ul', {}, experiment.incidents.map(line => el('li', {text: line})))] : '',
      experiment.attempts.length > 1 ? [el('h2', {text: 'Implementation attempts'}), el('ul', {},
          experiment.attempts.map(a => el('li', {text: `round ${a.round} by ${a.author}: `
              + (a.failure ? `${a.failure} - ${a.diagnostic}` : 'passed its checks')})))] : '',
      el('h2', {text: 'Source'}), el('pre', {id: 'source', text: experiment.source}));

  const series = [[curves.experiment, '#d62728'], [curves.parent, '#1f77b4'], [curves.baseline, '#7a8494']]
      .filter(([curve]) => curve && curve.loss.length)
      .filter(([curve], index, all) => all.findIndex(([other]) => other.experimentId === curve.experimentId) === index);
  chart(curvesCanvas, {type: 'line', data: {datasets: series.map(([curve, color]) => ({
    label: curve.name + (curve.experimentId === experiment.experimentId ? ' (this)' : ''),
    data: curve.loss.map((loss, i) => ({x: (i + 1) * curve.every, y: loss})),
    borderColor: color, pointRadius: 0, borderWidth: 2}))},
    options: {maintainAspectRatio: false, animation: false, parsing: false,
      scales: {x: {type: 'linear', title: {display: true, text: 'step'}},
        y: {title: {display: true, text: 'training loss (nats per byte)'}}}}});
}

window.addEventListener('hashchange', route);
route();
