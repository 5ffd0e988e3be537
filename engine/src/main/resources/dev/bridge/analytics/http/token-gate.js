/* The loader a browser gets with the 401 of the page: see TokenGatePage.java. It takes the token from the URL fragment
   (#token=...), the tab's sessionStorage or a prompt, fetches the page and its files with "Authorization: Bearer",
   and starts it (scripts through blob: URLs, which this reply's Content-Security-Policy allows). */
(function () {
  'use strict';
  var TOKEN_KEY = 'analytics.token';

  function say(text) {
    var element = document.getElementById('gate-message') || document.getElementById('error-banner');
    if (element) {
      element.textContent = text;
      element.hidden = false;
    }
  }

  function storedToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function keep(token) {
    window.analyticsToken = token;
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } catch (e) {
      /* kept in window.analyticsToken only */
    }
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      /* nothing kept */
    }
  }

  function fetchText(url, headers) {
    return fetch(url, { headers: headers, cache: 'no-store' }).then(function (response) {
      if (response.status === 401) {
        forget();
        throw new Error('the server refused the token (401): reopen the page as ' + window.location.pathname +
          '#token=<token>');
      }
      if (!response.ok) {
        throw new Error(url + ': ' + response.status + ' ' + response.statusText);
      }
      return response.text();
    });
  }

  function loadScript(source) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      script.onload = resolve;
      script.onerror = function () { reject(new Error('a page script did not start')); };
      document.body.appendChild(script);
    });
  }

  var match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
  var token = match ? decodeURIComponent(match[1]) : storedToken();
  if (match) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  if (!token) {
    token = window.prompt('This analytics server needs a bearer token:');
  }
  if (!token || !token.trim()) {
    say('This analytics server needs a bearer token: open the page as ' + window.location.pathname + '#token=<token>.');
    return;
  }
  token = token.trim();
  keep(token);
  var headers = { Authorization: 'Bearer ' + token };

  fetchText(window.location.pathname + window.location.search, headers).then(function (html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    var styles = Array.prototype.map.call(page.querySelectorAll('link[rel="stylesheet"]'), function (link) {
      return fetchText(link.getAttribute('href'), headers);
    });
    var scripts = Array.prototype.map.call(page.querySelectorAll('script[src]'), function (script) {
      return fetchText(script.getAttribute('src'), headers);
    });
    return Promise.all([Promise.all(styles), Promise.all(scripts)]).then(function (files) {
      files[0].forEach(function (css) {
        var style = document.createElement('style');
        style.textContent = css;
        document.head.appendChild(style);
      });
      document.title = page.title;
      document.body.replaceWith(document.importNode(page.body, true));
      return files[1].reduce(function (previous, source) {
        return previous.then(function () { return loadScript(source); });
      }, Promise.resolve());
    });
  }).catch(function (error) {
    say(error && error.message ? error.message : String(error));
  });
}());
