/*
 * Bridge Analytics: the live dashboard page. Vanilla JavaScript, no build step; charts drawn by uPlot (its global
 * build, served at static/uPlot.iife.min.js).
 *
 * Data: the headline numbers come from api/dashboard?range=<range>, the charts from api/query with times relative to
 * the server's clock (from=-<range>&to=now) and an interval that keeps each chart at <= 300 points (a multiple of
 * the store's raw resolution, read once from api/health). One refresh runs at a time, every 3 s (5 s for the 1 h
 * and 24 h ranges). A failed request shows the server's error message in a banner until a refresh succeeds.
 *
 * Token: when the server has a bearer token, open the page as http://host:port/#token=<token>. The fragment never
 * leaves the browser; the page keeps the token in sessionStorage (for this tab), removes it from the address bar and
 * sends "Authorization: Bearer <token>" with every request. On a 401 it asks for the token once.
 *
 * For tests: window.analyticsCharts = {name: uPlot instance}; window.analyticsErrors lists uncaught errors.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'analytics.token';
  var MAX_POINTS = 300;
  var CHART_HEIGHT = 220;
  var RANGES = {
    '5m': { dashboard: 'last_5_minutes', seconds: 300, interval: 1, refreshMs: 3000 },
    '15m': { dashboard: 'last_15m', seconds: 900, interval: 5, refreshMs: 3000 },
    '1h': { dashboard: 'last_hour', seconds: 3600, interval: 15, refreshMs: 5000 },
    '24h': { dashboard: 'last_day', seconds: 86400, interval: 300, refreshMs: 5000 }
  };

  /* Every series the charts need: key -> [metric, aggregation]. */
  var QUERIES = {
    reads: ['variable_read', 'rate'],
    writes: ['variable_write', 'rate'],
    deletes: ['variable_delete', 'sum'],
    readP50: ['read_latency_us', 'p50'],
    readP95: ['read_latency_us', 'p95'],
    readP99: ['read_latency_us', 'p99'],
    writeP50: ['write_latency_us', 'p50'],
    writeP95: ['write_latency_us', 'p95'],
    writeP99: ['write_latency_us', 'p99'],
    hits: ['cache_hit', 'sum'],
    misses: ['cache_miss', 'sum'],
    operationErrors: ['operation_error', 'sum'],
    grpcErrors: ['grpc_error', 'sum'],
    timeoutErrors: ['timeout_error', 'sum'],
    sessions: ['active_sessions', 'max']
  };

  /* The charts: each line computes its value at one interval from the points of that interval (at(key)). */
  var CHARTS = [
    { name: 'operations', title: 'Reads and writes per second', lines: [
      { label: 'reads/s', stroke: '#2a7ae2', y: function (at) { return counted(at('reads')); } },
      { label: 'writes/s', stroke: '#e2822a', y: function (at) { return counted(at('writes')); } }
    ] },
    { name: 'read_latency', title: 'Read latency (\u00b5s)', lines: latencyLines('read') },
    { name: 'write_latency', title: 'Write latency (\u00b5s)', lines: latencyLines('write') },
    { name: 'cache_hit_rate', title: 'Cache hit rate', percent: true, lines: [
      { label: 'hit rate', stroke: '#27ae60', y: function (at) {
        return ratio(counted(at('hits')), counted(at('hits')) + counted(at('misses')));
      } }
    ] },
    { name: 'error_rate', title: 'Error rate (errors / operations)', percent: true, lines: [
      { label: 'error rate', stroke: '#c0392b', y: errorRate }
    ] },
    { name: 'active_sessions', title: 'Active sessions', lines: [
      { label: 'sessions', stroke: '#8e44ad', y: function (at) { return value(at('sessions')); } }
    ] }
  ];

  /* The headline numbers: [section, field of api/dashboard, label, format]. */
  var HEADLINE = [
    ['operations', 'reads_per_second', 'Reads / s', 'rate'],
    ['operations', 'writes_per_second', 'Writes / s', 'rate'],
    ['operations', 'total_operations', 'Operations', 'count'],
    ['performance', 'read_latency_p50', 'Read p50', 'us'],
    ['performance', 'read_latency_p95', 'Read p95', 'us'],
    ['performance', 'read_latency_p99', 'Read p99', 'us'],
    ['performance', 'write_latency_p50', 'Write p50', 'us'],
    ['performance', 'write_latency_p95', 'Write p95', 'us'],
    ['performance', 'write_latency_p99', 'Write p99', 'us'],
    ['cache', 'hit_rate', 'Cache hit rate', 'percent'],
    ['health', 'error_rate', 'Error rate', 'percent'],
    ['health', 'active_sessions', 'Active sessions', 'count'],
    ['optimizations', 'active', 'Active optimisations', 'count']
  ];

  var charts = {};
  var errors = [];
  window.analyticsCharts = charts;
  window.analyticsErrors = errors;
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

  function latencyLines(kind) {
    var colours = { P50: '#5b9bd5', P95: '#ed7d31', P99: '#c0392b' };
    return ['P50', 'P95', 'P99'].map(function (p) {
      return { label: p.toLowerCase(), stroke: colours[p], y: function (at) { return value(at(kind + p)); } };
    });
  }

  function errorRate(at, intervalSeconds) {
    var errorCount = counted(at('operationErrors')) + counted(at('grpcErrors')) + counted(at('timeoutErrors'));
    var operations = (counted(at('reads')) + counted(at('writes'))) * intervalSeconds + counted(at('deletes'));
    return ratio(errorCount, operations);
  }

  /* A point's value, null for an interval without data. */
  function value(point) {
    return point && point.count > 0 && point.value !== null ? point.value : null;
  }

  /* A counted quantity (a sum or a rate): an interval without data counted nothing. */
  function counted(point) {
    var v = value(point);
    return v === null ? 0 : v;
  }

  function ratio(part, whole) {
    return whole > 0 ? part / whole : null;
  }

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

  /* GET a JSON API path (relative to the page); rejects with the server's error message. */
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
        throw new Error(name + ': ' + message);
      });
    }, function (error) {
      throw new Error(name + ': the server is unreachable (' + messageOf(error) + ')');
    });
  }

  function intervalSeconds(range) {
    var wanted = Math.max(range.interval, Math.ceil(range.seconds / MAX_POINTS));
    return Math.ceil(wanted / rawWidthSeconds) * rawWidthSeconds;
  }

  function queryPath(query, range, interval) {
    return 'api/query?metric=' + encodeURIComponent(query[0]) + '&agg=' + encodeURIComponent(query[1]) +
      '&interval=' + interval + 's&from=-' + range.seconds + 's&to=now';
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

  function format(v, kind) {
    if (v === null || v === undefined) {
      return '\u2013';
    }
    switch (kind) {
      case 'rate':
        return v.toFixed(v < 10 ? 2 : 1);
      case 'us':
        return Math.round(v).toLocaleString('en-US') + ' \u00b5s';
      case 'percent':
        return (v * 100).toFixed(2) + ' %';
      default:
        return Math.round(v).toLocaleString('en-US');
    }
  }

  function buildHeadline() {
    var container = document.getElementById('headline');
    HEADLINE.forEach(function (h) {
      var figure = document.createElement('div');
      figure.className = 'figure';
      var label = document.createElement('span');
      label.className = 'label';
      label.textContent = h[2];
      var number = document.createElement('span');
      number.className = 'value';
      number.id = 'headline-' + h[0] + '-' + h[1];
      number.dataset.value = '';
      number.textContent = format(null);
      figure.appendChild(label);
      figure.appendChild(number);
      container.appendChild(figure);
    });
  }

  function renderHeadline(dashboard) {
    HEADLINE.forEach(function (h) {
      var section = dashboard[h[0]];
      var v = section ? section[h[1]] : null;
      var number = document.getElementById('headline-' + h[0] + '-' + h[1]);
      number.dataset.value = v === null || v === undefined ? '' : String(v);
      number.textContent = format(v, h[3]);
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

  function buildCharts() {
    var container = document.getElementById('charts');
    Object.keys(charts).forEach(function (name) {
      charts[name].destroy();
      delete charts[name];
    });
    container.textContent = '';
    CHARTS.forEach(function (def) {
      var element = document.createElement('div');
      element.className = 'chart';
      element.id = 'chart-' + def.name;
      container.appendChild(element);
      var yAxis = { size: 64 };
      if (def.percent) {
        yAxis.values = function (u, ticks) {
          return ticks.map(function (t) { return +(t * 100).toFixed(2) + ' %'; });
        };
      }
      var series = [{}].concat(def.lines.map(function (line) {
        return { label: line.label, stroke: line.stroke, width: 1.5, points: { filter: isolatedPoints } };
      }));
      var empty = [[]].concat(def.lines.map(function () { return []; }));
      charts[def.name] = new uPlot({
        title: def.title,
        width: chartWidth(element),
        height: CHART_HEIGHT,
        scales: { x: { time: true } },
        series: series,
        axes: [{}, yAxis]
      }, empty, element);
    });
  }

  function renderCharts(results, interval) {
    var byTime = {};
    Object.keys(results).forEach(function (key) {
      var points = new Map();
      results[key].forEach(function (p) { points.set(p.timestamp, p); });
      byTime[key] = points;
    });
    var longest = Object.keys(results).reduce(function (best, key) {
      return results[key].length > best.length ? results[key] : best;
    }, []);
    var times = longest.map(function (p) { return p.timestamp; });
    CHARTS.forEach(function (def) {
      var data = [times.map(function (t) { return t / 1000; })];
      def.lines.forEach(function (line) {
        data.push(times.map(function (t) {
          return line.y(function (key) { return byTime[key].get(t); }, interval);
        }));
      });
      charts[def.name].setData(data);
    });
  }

  function refresh() {
    var mine = generation;
    var range = RANGES[document.getElementById('range').value] || RANGES['5m'];
    var interval = intervalSeconds(range);
    var keys = Object.keys(QUERIES);
    var requests = [api('api/dashboard?range=' + range.dashboard)].concat(keys.map(function (key) {
      return api(queryPath(QUERIES[key], range, interval));
    }));
    /* each request settles on its own: a metric missing from the catalog leaves its lines empty, not the page */
    var settled = requests.map(function (request) {
      return request.then(function (answer) {
        return { answer: answer };
      }, function (error) {
        return { error: messageOf(error) };
      });
    });
    return Promise.all(settled).then(function (outcomes) {
      if (mine !== generation) {
        return;
      }
      var failures = outcomes.filter(function (o) { return o.error; }).map(function (o) { return o.error; });
      var dashboard = outcomes[0].answer;
      if (dashboard) {
        renderHeadline(dashboard);
        document.getElementById('status').textContent = dashboard.range.name + ', ' + interval + ' s points, at ' +
          new Date(dashboard.timestamp).toLocaleTimeString() + ' (server clock)';
      }
      var results = {};
      keys.forEach(function (key, i) {
        var answer = outcomes[i + 1].answer;
        results[key] = answer ? answer.points : [];
      });
      renderCharts(results, interval);
      if (failures.length > 0) {
        showError(failures[0] + (failures.length > 1 ? ' (and ' + (failures.length - 1) + ' more failed requests)' : ''));
      } else {
        hideError();
      }
    }).catch(function (error) {
      if (mine === generation) {
        showError('the page failed to draw: ' + messageOf(error));
      }
    });
  }

  function loop() {
    var mine = generation;
    var range = RANGES[document.getElementById('range').value] || RANGES['5m'];
    refresh().then(function () {
      if (mine === generation) {
        timer = window.setTimeout(loop, range.refreshMs);
      }
    });
  }

  function restart() {
    generation++;
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    buildCharts();
    loop();
  }

  function readResolution() {
    return api('api/health').then(function (health) {
      if (health.resolutions && health.resolutions.length > 0) {
        rawWidthSeconds = Math.max(1, Math.round(health.resolutions[0].width_ms / 1000));
      }
    }).catch(function (error) {
      showError(messageOf(error));
    });
  }

  function start() {
    try {
      if (typeof window.uPlot !== 'function') {
        showError('the chart library (static/uPlot.iife.min.js) did not load');
        return;
      }
      buildHeadline();
      document.getElementById('range').addEventListener('change', restart);
      var resizeTimer = null;
      window.addEventListener('resize', function () {
        window.clearTimeout(resizeTimer);
        resizeTimer = window.setTimeout(function () {
          Object.keys(charts).forEach(function (name) {
            var element = document.getElementById('chart-' + name);
            charts[name].setSize({ width: chartWidth(element), height: CHART_HEIGHT });
          });
        }, 150);
      });
      readResolution().then(restart);
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
