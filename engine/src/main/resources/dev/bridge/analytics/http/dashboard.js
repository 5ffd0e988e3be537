/*
 * Bridge Analytics: the live dashboard page. Vanilla JavaScript, no build step; charts drawn by uPlot (its global
 * build, served at static/uPlot.iife.min.js).
 *
 * Panels: the page knows no metric name. It reads api/panels once (the configuration's dashboard: section, or one
 * panel per catalog metric) and draws one chart per panel, one line and one tile per panel line. Each distinct line
 * (metric, aggregation, labels) is one api/query request with times relative to the server's clock
 * (from=-<range>&to=now) and an interval that keeps each chart at <= 300 points (a multiple of the store's raw
 * resolution, read from api/health). From/To (local time) show an absolute range instead. One refresh runs at a
 * time, every 3 s (5 s for the 1 h and 24 h ranges and absolute ones); Pause stops the refreshes until Resume. Beside
 * the charts: the alerts (api/alerts) and the engine's health (api/health: status, events dropped and rejected, the
 * shared ring's use).
 *
 * Tiles are computed from the same points as their chart, without the intervals still open at the server's
 * now (with to=now, the last one): a rate is the mean of the complete points from the first one with data to the last complete one
 * (the counted total over the seconds that have data); a sum or count is the total of the complete points; any other
 * aggregation (avg, min, max, pNN) is the last complete point with data. Values are shown in a scaled unit
 * (microseconds as us, ms or s; bytes and megabytes as KB, MB, GB).
 *
 * Errors: a request for one panel that fails (e.g. a metric missing from the store's catalog) shows its message inside
 * that panel. The banner at the top is for the page as a whole: the server unreachable, a refused token, the panels or
 * the chart library that did not load.
 *
 * Token: when the server has a bearer token, open the page as http://host:port/#token=<token>. The fragment never
 * leaves the browser; the page keeps the token in sessionStorage (for this tab), removes it from the address bar and
 * sends "Authorization: Bearer <token>" with every request. On a 401 it asks for the token once.
 *
 * Explore: a metric picked from api/catalog (its aggregations, and a picker per label with the values its series
 * have) is drawn as a first panel, "explore".
 *
 * For tests: window.analyticsCharts = {panel name: uPlot instance} (the name is the panel title in lower case, runs of
 * other characters as '_'); window.analyticsPanels = the api/panels answer; window.analyticsRefreshes counts finished
 * refreshes; window.analyticsScheduled() tells whether a refresh is scheduled; window.analyticsErrors lists uncaught
 * errors.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'analytics.token';
  var MAX_POINTS = 300;
  var CHART_HEIGHT = 220;
  var COLOURS = ['#2a7ae2', '#e2822a', '#c0392b', '#27ae60', '#8e44ad', '#16a085', '#7f8c8d', '#d35400'];
  var RANGES = {
    '5m': { seconds: 300, interval: 1, refreshMs: 3000 },
    '15m': { seconds: 900, interval: 5, refreshMs: 3000 },
    '1h': { seconds: 3600, interval: 15, refreshMs: 5000 },
    '24h': { seconds: 86400, interval: 300, refreshMs: 5000 }
  };
  /* Scaled units: [unit names, steps of [factor, suffix] from the smallest]. */
  var SCALES = [
    [['nanoseconds', 'ns'], [[1, 'ns'], [1e3, '\u00b5s'], [1e6, 'ms'], [1e9, 's']]],
    [['microseconds', 'us'], [[1, '\u00b5s'], [1e3, 'ms'], [1e6, 's']]],
    [['milliseconds', 'ms'], [[1, 'ms'], [1e3, 's']]],
    [['seconds', 's'], [[1, 's']]],
    [['bytes'], [[1, 'B'], [1024, 'KB'], [1024 * 1024, 'MB'], [1024 * 1024 * 1024, 'GB']]],
    [['kilobytes'], [[1, 'KB'], [1024, 'MB'], [1024 * 1024, 'GB']]],
    [['megabytes'], [[1, 'MB'], [1024, 'GB']]]
  ];

  /* the configured panels, and the Explore panel when a metric is picked */
  var configured = [];
  var explored = null;
  var panels = [];
  var catalog = [];
  var AGGREGATIONS = {
    counter: ['rate', 'sum'],
    histogram: ['p50', 'p95', 'p99', 'p99.9', 'avg', 'max', 'min', 'rate'],
    gauge: ['last', 'max', 'avg', 'min']
  };
  var charts = {};
  var errors = [];
  window.analyticsCharts = charts;
  window.analyticsErrors = errors;
  window.analyticsRefreshes = 0;
  window.addEventListener('error', function (event) {
    errors.push(String(event.message || event));
  });
  window.addEventListener('unhandledrejection', function (event) {
    errors.push('unhandled rejection: ' + messageOf(event.reason));
    event.preventDefault();
  });

  var token = readToken();
  var askedForToken = false;
  var rawWidthSeconds = 1;
  var generation = 0;
  var timer = null;
  var paused = false;
  /* null for the range picked in the select (relative to the server's now), else {fromMs, toMs} */
  var absolute = null;
  window.analyticsScheduled = function () { return timer !== null; };

  function readToken() {
    var stored = null;
    try {
      var match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
      if (match) {
        stored = decodeURIComponent(match[1]);
        window.sessionStorage.setItem(TOKEN_KEY, stored);
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
        return stored;
      }
      if (window.analyticsToken) {
        return window.analyticsToken;
      }
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return stored || window.analyticsToken || null;
    }
  }

  function askForToken() {
    if (askedForToken) {
      return;
    }
    askedForToken = true;
    var answer = window.prompt('This analytics server needs a bearer token:');
    if (answer && answer.trim()) {
      token = answer.trim();
      try {
        window.sessionStorage.setItem(TOKEN_KEY, token);
      } catch (e) {
        /* the token stays in this page only */
      }
    }
  }

  function messageOf(error) {
    return error && error.message ? error.message : String(error);
  }

  /*
   * GET a JSON API path (relative to the page); rejects with the server's error message. The error's pageWide is true
   * when the whole page is concerned (unreachable server, refused token), false for an answer about this request.
   */
  function api(path) {
    var headers = {};
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    var name = path.split('?')[0];
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (response) {
      return response.text().then(function (text) {
        if (response.ok) {
          return JSON.parse(text);
        }
        var message = response.status + ' ' + response.statusText;
        try {
          var body = JSON.parse(text);
          if (body && body.error) {
            message = body.error;
          }
        } catch (ignored) {
          /* not JSON: keep the status line */
        }
        if (response.status === 401) {
          askForToken();
        }
        var error = new Error(name + ': ' + message);
        error.pageWide = response.status === 401 || response.status === 403;
        throw error;
      });
    }, function (error) {
      var unreachable = new Error(name + ': the server is unreachable (' + messageOf(error) + ')');
      unreachable.pageWide = true;
      throw unreachable;
    });
  }

  /* The shown range: {seconds, interval, refreshMs} and, for absolute from/to, fromMs and toMs. */
  function currentRange() {
    if (absolute) {
      var seconds = Math.max(1, Math.ceil((absolute.toMs - absolute.fromMs) / 1000));
      return { seconds: seconds, interval: 1, refreshMs: 5000, fromMs: absolute.fromMs, toMs: absolute.toMs };
    }
    return RANGES[document.getElementById('range').value] || RANGES['5m'];
  }

  function intervalSeconds(range) {
    var wanted = Math.max(range.interval, Math.ceil(range.seconds / MAX_POINTS));
    return Math.ceil(wanted / rawWidthSeconds) * rawWidthSeconds;
  }

  function timeParameters(range) {
    return range.fromMs !== undefined ? '&from=' + range.fromMs + '&to=' + range.toMs :
      '&from=-' + range.seconds + 's&to=now';
  }

  function panelName(panel) {
    return panel.name || panel.title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'panel';
  }

  function labelsParameter(labels) {
    return Object.keys(labels).map(function (k) { return k + '=' + labels[k]; }).join(',');
  }

  /* The key of a line's request: lines asking the same thing share one request. */
  function queryKey(line) {
    return line.metric + '|' + line.aggregation + '|' + labelsParameter(line.labels);
  }

  /* The requests a line needs: itself, or for a ratio the sum of each of its metrics. */
  function requestsOf(line) {
    if (line.aggregation !== 'ratio') {
      return [line];
    }
    var names = line.numerator.concat(line.denominator).filter(function (m, i, all) { return all.indexOf(m) === i; });
    return names.map(function (m) { return { metric: m, aggregation: 'sum', labels: {} }; });
  }

  /*
   * A line's outcome ({answer} or {error}) from the outcomes by query key: a ratio's points are, per interval, the
   * sum of its numerator metrics over the sum of its denominator metrics (value null where the denominator is 0),
   * keeping both sums for its tile.
   */
  function outcomeOf(line, outcomes) {
    if (line.aggregation !== 'ratio') {
      return outcomes[queryKey(line)];
    }
    var parts = requestsOf(line).map(function (r) { return outcomes[queryKey(r)]; });
    var failed = parts.filter(function (o) { return o.error; });
    if (failed.length > 0) {
      return failed[0];
    }
    var byMetric = {};
    requestsOf(line).forEach(function (r, i) {
      var values = new Map();
      parts[i].answer.points.forEach(function (p) { values.set(p.timestamp, p.value === null ? 0 : p.value); });
      byMetric[r.metric] = values;
    });
    var sumOf = function (names, t) {
      return names.reduce(function (s, m) { return s + (byMetric[m].get(t) || 0); }, 0);
    };
    var first = parts[0].answer;
    return { answer: { to_ms: first.to_ms, interval_ms: first.interval_ms, points: first.points.map(function (p) {
      var num = sumOf(line.numerator, p.timestamp);
      var den = sumOf(line.denominator, p.timestamp);
      return { timestamp: p.timestamp, value: den > 0 ? num / den : null, count: den, num: num, den: den };
    }) } };
  }

  function queryPath(line, range, interval) {
    var labels = labelsParameter(line.labels);
    return 'api/query?metric=' + encodeURIComponent(line.metric) + '&agg=' + encodeURIComponent(line.aggregation) +
      (labels ? '&labels=' + encodeURIComponent(labels) : '') +
      '&interval=' + interval + 's' + timeParameters(range);
  }

  function showError(message) {
    var banner = document.getElementById('error-banner');
    banner.textContent = message;
    banner.hidden = false;
  }

  function hideError() {
    var banner = document.getElementById('error-banner');
    banner.hidden = true;
    banner.textContent = '';
  }

  /* A counted aggregation: an interval without data counted nothing (0), rather than being unknown. */
  function isCounted(aggregation) {
    return aggregation === 'rate' || aggregation === 'sum' || aggregation === 'count';
  }

  /* A point's value: null for an interval without data, 0 for a counted aggregation there. */
  function pointValue(point, aggregation) {
    var known = point && point.count > 0 && point.value !== null ? point.value : null;
    return known === null && point && isCounted(aggregation) ? 0 : known;
  }

  /* The unit a line's values are in: a rate counts per second; a histogram's rate or count counts values. */
  function lineUnit(panel, line) {
    var counting = line.type === 'histogram' && (line.aggregation === 'rate' || line.aggregation === 'count');
    var unit = counting ? 'values' : panel.unit;
    return line.aggregation === 'rate' ? unit + '/s' : unit;
  }

  /*
   * [factor, suffix, scaled] that writes values up to about maxAbs in unit (e.g. 2500 microseconds as 2.5 ms); scaled
   * is false for a unit without scales (operations, sessions), written as it is.
   */
  function scaleFor(unit, maxAbs) {
    var perSecond = /\/s$/.test(unit);
    var base = perSecond ? unit.slice(0, -2) : unit;
    for (var i = 0; i < SCALES.length; i++) {
      if (SCALES[i][0].indexOf(base) >= 0) {
        var steps = SCALES[i][1];
        var chosen = steps[0];
        steps.forEach(function (step) {
          if (maxAbs >= step[0]) {
            chosen = step;
          }
        });
        return [chosen[0], chosen[1] + (perSecond ? '/s' : ''), true];
      }
    }
    return [1, unit, false];
  }

  function number(v) {
    var a = Math.abs(v);
    if (a >= 100 || Number.isInteger(v)) {
      return Math.round(v).toLocaleString('en-US');
    }
    return v.toFixed(a < 10 ? 2 : 1);
  }

  function formatValue(v, unit) {
    if (v === null || v === undefined) {
      return '\u2013';
    }
    var scale = scaleFor(unit, Math.abs(v));
    return number(v / scale[0]) + ' ' + scale[1];
  }

  /*
   * A tile's value from its chart's points (complete ones only): see the header. Returns null when no complete point
   * has data.
   */
  function tileValue(points, aggregation) {
    var values = points.map(function (p) { return pointValue(p, aggregation); });
    var withData = [];
    points.forEach(function (p, i) {
      if (p.count > 0 && values[i] !== null) {
        withData.push(i);
      }
    });
    if (withData.length === 0) {
      return null;
    }
    if (aggregation === 'ratio') {
      var num = 0;
      var den = 0;
      points.forEach(function (p) { num += p.num; den += p.den; });
      return den > 0 ? num / den : null;
    }
    if (aggregation === 'rate') {
      var covered = values.slice(withData[0]);
      return covered.reduce(function (s, v) { return s + v; }, 0) / covered.length;
    }
    if (aggregation === 'sum' || aggregation === 'count') {
      return values.reduce(function (s, v) { return s + (v === null ? 0 : v); }, 0);
    }
    return values[withData[withData.length - 1]];
  }

  function buildPanels() {
    var container = document.getElementById('charts');
    Object.keys(charts).forEach(function (name) {
      charts[name].destroy();
      delete charts[name];
    });
    container.textContent = '';
    panels.forEach(function (panel) {
      var name = panelName(panel);
      var element = document.createElement('section');
      element.className = 'panel';
      element.id = 'panel-' + name;
      var tiles = document.createElement('div');
      tiles.className = 'tiles';
      panel.lines.forEach(function (line, i) {
        var figure = document.createElement('div');
        figure.className = 'figure';
        var label = document.createElement('span');
        label.className = 'label';
        label.textContent = line.label;
        var value = document.createElement('span');
        value.className = 'value';
        value.id = 'tile-' + name + '-' + i;
        value.dataset.value = '';
        value.textContent = formatValue(null);
        figure.appendChild(label);
        figure.appendChild(value);
        tiles.appendChild(figure);
      });
      var problem = document.createElement('div');
      problem.className = 'panel-error';
      problem.id = 'panel-error-' + name;
      problem.hidden = true;
      var chart = document.createElement('div');
      chart.className = 'chart';
      element.appendChild(tiles);
      element.appendChild(problem);
      element.appendChild(chart);
      container.appendChild(element);
      var series = [{}].concat(panel.lines.map(function (line, i) {
        return { label: line.label, stroke: COLOURS[i % COLOURS.length], width: 1.5, points: { filter: isolatedPoints } };
      }));
      var empty = [[]].concat(panel.lines.map(function () { return []; }));
      /* ticks in the scaled unit (2.5 ms); a unit without scales is the axis label instead (operations/s) */
      var unit = lineUnit(panel, panel.lines[0]);
      var yAxis = { size: 64, values: function (u, ticks) {
        var maxAbs = ticks.reduce(function (m, t) { return Math.max(m, Math.abs(t)); }, 0);
        var scale = scaleFor(unit, maxAbs);
        return ticks.map(function (t) { return number(t / scale[0]) + (scale[2] ? ' ' + scale[1] : ''); });
      } };
      if (!scaleFor(unit, 0)[2]) {
        yAxis.label = unit;
        yAxis.labelSize = 20;
      }
      charts[name] = new uPlot({
        title: panel.title,
        width: chartWidth(chart),
        height: CHART_HEIGHT,
        scales: { x: { time: true } },
        series: series,
        axes: [{}, yAxis]
      }, empty, chart);
    });
  }

  /* uPlot draws a point between two gaps as nothing: mark such points (when it does not mark every point anyway). */
  function isolatedPoints(u, seriesIndex, showAll) {
    if (showAll) {
      return null;
    }
    var ys = u.data[seriesIndex];
    var isolated = [];
    for (var i = 0; i < ys.length; i++) {
      if (ys[i] !== null && (i === 0 || ys[i - 1] === null) && (i === ys.length - 1 || ys[i + 1] === null)) {
        isolated.push(i);
      }
    }
    return isolated.length > 0 ? isolated : null;
  }

  function chartWidth(element) {
    return Math.max(320, element.clientWidth - 8);
  }

  /* Draws one panel from the answers by query key ({answer} or {error}). */
  function renderPanel(panel, outcomes, range, serverNowMs) {
    var name = panelName(panel);
    var answers = panel.lines.map(function (line) { return outcomeOf(line, outcomes); });
    var failures = answers.filter(function (o) { return o.error; }).map(function (o) { return o.error; });
    var problem = document.getElementById('panel-error-' + name);
    problem.textContent = failures.join('; ');
    problem.hidden = failures.length === 0;
    var longest = answers.reduce(function (best, o) {
      return o.answer && o.answer.points.length > best.length ? o.answer.points : best;
    }, []);
    var times = longest.map(function (p) { return p.timestamp; });
    var data = [times.map(function (t) { return t / 1000; })];
    panel.lines.forEach(function (line, i) {
      var answer = answers[i].answer;
      var byTime = new Map();
      (answer ? answer.points : []).forEach(function (p) { byTime.set(p.timestamp, p); });
      data.push(times.map(function (t) { return byTime.has(t) ? pointValue(byTime.get(t), line.aggregation) : null; }));
      var tile = document.getElementById('tile-' + name + '-' + i);
      var v = null;
      var above = false;
      if (answer) {
        /* an interval that has not ended at the server's now is still open: left out of the tile */
        var endMs = range.fromMs !== undefined ? serverNowMs : answer.to_ms - answer.interval_ms;
        var complete = answer.points.filter(function (p) { return p.timestamp + answer.interval_ms <= endMs; });
        v = tileValue(complete, line.aggregation);
        /* a percentile among values above the metric's highest reads highest: shown as "at least" */
        var withData = complete.filter(function (p) { return p.count > 0 && p.value !== null; });
        above = /^p[0-9]/.test(line.aggregation) && withData.length > 0 &&
          withData[withData.length - 1].above_highest === true;
      }
      tile.dataset.aboveHighest = String(above);
      tile.dataset.value = v === null ? '' : String(v);
      tile.textContent = !answer ? 'error' : line.aggregation === 'ratio' ?
        (v === null ? '\u2013' : (v * 100).toFixed(1) + ' %') :
        (above ? '\u2265 ' : '') + formatValue(v, lineUnit(panel, line));
    });
    charts[name].setData(data);
  }

  function settle(request) {
    return request.then(function (answer) {
      return { answer: answer };
    }, function (error) {
      return { error: messageOf(error), pageWide: !!error.pageWide };
    });
  }

  function showPanelError(id, outcome) {
    var problem = document.getElementById(id);
    problem.textContent = outcome.error || '';
    problem.hidden = !outcome.error;
  }

  function renderAlerts(outcome) {
    showPanelError('alerts-error', outcome);
    var list = document.getElementById('alerts-list');
    list.textContent = '';
    var alerts = outcome.answer ? outcome.answer.alerts : [];
    if (outcome.answer && alerts.length === 0) {
      var none = document.createElement('li');
      none.className = 'none';
      none.textContent = 'no alerts';
      list.appendChild(none);
    }
    alerts.forEach(function (alert) {
      var item = document.createElement('li');
      item.className = alert.state;
      var labels = Object.keys(alert.labels).filter(function (k) { return k !== 'alertname'; })
        .map(function (k) { return k + '=' + alert.labels[k]; }).join(', ');
      item.textContent = alert.state + ': ' + alert.rule + (labels ? ' {' + labels + '}' : '') +
        (alert.value === null || alert.value === undefined ? '' : ', value ' + number(alert.value)) +
        (alert.silenced_by.length > 0 ? ' (silenced)' : '') + (alert.inhibited ? ' (inhibited)' : '');
      list.appendChild(item);
    });
  }

  function renderEngine(outcome) {
    showPanelError('engine-error', outcome);
    var health = outcome.answer || {};
    var ringUse = health.ring_capacity > 0 ? (health.ring_capacity - health.ring_remaining) / health.ring_capacity : null;
    var reasons = health.degraded_reasons && health.degraded_reasons.length > 0 ?
      ' (' + health.degraded_reasons.join(', ') + ')' : '';
    var facts = [
      ['status', 'Status', health.status === undefined ? null : health.status + reasons],
      ['events_published', 'Events published', health.events_published],
      ['events_dropped', 'Events dropped', health.events_dropped],
      ['events_rejected', 'Events rejected', health.events_rejected],
      ['ring_use', 'Shared ring in use', ringUse === null ? null : (ringUse * 100).toFixed(1) + ' %'],
      ['series', 'Series', health.series]
    ];
    var list = document.getElementById('engine-facts');
    list.textContent = '';
    facts.forEach(function (f) {
      var term = document.createElement('dt');
      term.textContent = f[1];
      var value = document.createElement('dd');
      value.id = 'engine-' + f[0];
      value.textContent = f[2] === null || f[2] === undefined ? '\u2013' :
        (typeof f[2] === 'number' ? Math.round(f[2]).toLocaleString('en-US') : f[2]);
      list.appendChild(term);
      list.appendChild(value);
    });
  }

  function refresh() {
    var mine = generation;
    var range = currentRange();
    var interval = intervalSeconds(range);
    var lines = {};
    panels.forEach(function (panel) {
      panel.lines.forEach(function (line) {
        requestsOf(line).forEach(function (r) { lines[queryKey(r)] = r; });
      });
    });
    var keys = Object.keys(lines);
    /* each request settles on its own: a failed one shows its error in its panels, not on the page */
    var settled = [settle(api('api/health')), settle(api('api/alerts'))].concat(keys.map(function (key) {
      return settle(api(queryPath(lines[key], range, interval)));
    }));
    return Promise.all(settled).then(function (results) {
      if (mine !== generation) {
        return;
      }
      var health = results[0];
      renderEngine(health);
      renderAlerts(results[1]);
      var serverNowMs = health.answer ? health.answer.now_ms : Date.now();
      var outcomes = {};
      keys.forEach(function (key, i) { outcomes[key] = results[i + 2]; });
      panels.forEach(function (panel) { renderPanel(panel, outcomes, range, serverNowMs); });
      var pageWide = results.filter(function (o) { return o.pageWide; });
      if (pageWide.length > 0) {
        showError(pageWide[0].error);
      } else {
        hideError();
      }
      var answered = results.slice(2).filter(function (o) { return o.answer; });
      var shown = absolute ? new Date(absolute.fromMs).toLocaleString() + ' to ' +
        new Date(absolute.toMs).toLocaleString() : document.getElementById('range').selectedOptions[0].textContent;
      document.getElementById('status').textContent = (paused ? 'paused: ' : '') + shown + ', ' + interval +
        ' s points' + (answered.length > 0 && !absolute ? ', to ' +
        new Date(answered[0].answer.to_ms).toLocaleTimeString() + ' (server clock)' : '');
      window.analyticsRefreshes++;
    }).catch(function (error) {
      if (mine === generation) {
        showError('the page failed to draw: ' + messageOf(error));
      }
    });
  }

  function loop() {
    var mine = generation;
    var range = currentRange();
    refresh().then(function () {
      if (mine === generation && !paused) {
        timer = window.setTimeout(loop, range.refreshMs);
      }
    });
  }

  function stopTimer() {
    generation++;
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
  }

  function restart() {
    stopTimer();
    buildPanels();
    loop();
  }

  /* Show: both from and to set shows that absolute range; both empty goes back to the picked range. */
  function applyFromTo() {
    var from = document.getElementById('from').value;
    var to = document.getElementById('to').value;
    if (!from && !to) {
      absolute = null;
    } else {
      var fromMs = new Date(from).getTime();
      var toMs = new Date(to).getTime();
      if (!(fromMs < toMs)) {
        document.getElementById('status').textContent = 'give both From and To, From before To';
        return;
      }
      absolute = { fromMs: fromMs, toMs: toMs };
    }
    restart();
  }

  function pickRange() {
    absolute = null;
    document.getElementById('from').value = '';
    document.getElementById('to').value = '';
    restart();
  }

  function togglePause() {
    var button = document.getElementById('pause');
    paused = !paused;
    button.textContent = paused ? 'Resume' : 'Pause';
    button.setAttribute('aria-pressed', String(paused));
    if (paused) {
      stopTimer();
      var status = document.getElementById('status');
      status.textContent = 'paused: ' + status.textContent.replace(/^paused: /, '');
    } else {
      loop();
    }
  }

  function readResolution() {
    return api('api/health').then(function (health) {
      if (health.resolutions && health.resolutions.length > 0) {
        rawWidthSeconds = Math.max(1, Math.round(health.resolutions[0].width_ms / 1000));
      }
    });
  }

  function readPanels() {
    return api('api/panels').then(function (answer) {
      configured = answer.panels;
      panels = configured;
      window.analyticsPanels = answer;
      document.getElementById('title').textContent = answer.title;
      document.title = answer.title;
    });
  }

  function option(select, value, text) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }

  /* Reads api/catalog into the Explore metric picker; a failure shows inside the Explore panel. */
  function readCatalog() {
    return api('api/catalog').then(function (answer) {
      catalog = answer.metrics;
      var select = document.getElementById('explore-metric');
      var picked = select.value;
      select.textContent = '';
      option(select, '', 'none');
      catalog.forEach(function (m) { option(select, m.name, m.name + ' (' + m.type + ')'); });
      select.value = picked;
      showPanelError('explore-error', {});
    }, function (error) {
      showPanelError('explore-error', { error: messageOf(error) });
    });
  }

  function pickedMetric() {
    var name = document.getElementById('explore-metric').value;
    return catalog.filter(function (m) { return m.name === name; })[0] || null;
  }

  /* A metric picked: its aggregations and label pickers (values its series have), then the panel. */
  function pickMetric() {
    var metric = pickedMetric();
    var aggregation = document.getElementById('explore-aggregation');
    var labels = document.getElementById('explore-labels');
    aggregation.textContent = '';
    labels.textContent = '';
    if (metric) {
      AGGREGATIONS[metric.type].forEach(function (a) { option(aggregation, a, a); });
      metric.labels.forEach(function (label) {
        var wrapper = document.createElement('label');
        wrapper.textContent = label + ' ';
        var select = document.createElement('select');
        select.className = 'explore-label';
        select.dataset.label = label;
        option(select, '', 'any');
        metric.label_values[label].forEach(function (v) { option(select, v, v); });
        select.addEventListener('change', explore);
        wrapper.appendChild(select);
        labels.appendChild(wrapper);
      });
    }
    explore();
  }

  /* Draws the Explore panel for the picked metric, aggregation and labels (or removes it). */
  function explore() {
    var metric = pickedMetric();
    explored = null;
    if (metric) {
      var chosen = {};
      document.querySelectorAll('#explore-labels select').forEach(function (select) {
        if (select.value !== '') {
          chosen[select.dataset.label] = select.value;
        }
      });
      var aggregation = document.getElementById('explore-aggregation').value;
      var suffix = labelsParameter(chosen);
      explored = { name: 'explore', title: 'Explore: ' + metric.name + ' ' + aggregation + (suffix ? ' {' + suffix + '}' : ''),
        unit: metric.unit, lines: [{ label: metric.name + ' ' + aggregation, metric: metric.name,
          aggregation: aggregation, labels: chosen, type: metric.type }] };
    }
    panels = explored ? [explored].concat(configured) : configured;
    restart();
  }

  function start() {
    try {
      if (typeof window.uPlot !== 'function') {
        showError('the chart library (static/uPlot.iife.min.js) did not load');
        return;
      }
      document.getElementById('range').addEventListener('change', pickRange);
      document.getElementById('apply').addEventListener('click', applyFromTo);
      document.getElementById('explore-metric').addEventListener('change', pickMetric);
      document.getElementById('explore-metric').addEventListener('focus', readCatalog);
      document.getElementById('explore-aggregation').addEventListener('change', explore);
      document.getElementById('pause').addEventListener('click', togglePause);
      var resizeTimer = null;
      window.addEventListener('resize', function () {
        window.clearTimeout(resizeTimer);
        resizeTimer = window.setTimeout(function () {
          Object.keys(charts).forEach(function (name) {
            var element = document.querySelector('#panel-' + name + ' .chart');
            charts[name].setSize({ width: chartWidth(element), height: CHART_HEIGHT });
          });
        }, 150);
      });
      readCatalog();
      Promise.all([readResolution(), readPanels()]).then(restart, function (error) {
        showError(messageOf(error));
      });
    } catch (error) {
      errors.push(messageOf(error));
      showError('the page failed to start: ' + messageOf(error));
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
