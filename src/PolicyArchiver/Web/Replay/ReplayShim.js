// PolicyArchiver's replay shim: the first script of every replayed page (our own code, MIT like the
// rest of the project). The server already rewrote the addresses written in the page; this rewrites
// the ones the page's scripts make up at run time, so that each request goes to
// /replay/{datetime}/{absolute original URL} on this server and never to the live web, nor to the
// archive's own pages. Anything it misses is stopped by the page's Content-Security-Policy, which
// allows loads from /replay/ only. The page runs sandboxed in an opaque origin: no cookie, no storage
// of the archive's site is reachable from here.
(function (config) {
  "use strict";
  var PREFIX = config.prefix;                            // "/replay/20250520100000/"
  var ORIGINAL = config.original;                        // the page's own original URL
  var SERVE = location.protocol + "//" + location.host;  // this server (location.origin is "null" in the sandbox)
  var REPLAY = SERVE + PREFIX;

  // The original URL a replay address stands for, or null when the address is not a replay one.
  function unwrap(url) {
    if (url.indexOf(REPLAY) === 0) return url.slice(REPLAY.length);
    if (url.indexOf(SERVE + "/replay/") === 0) return url.slice(url.indexOf("/", SERVE.length + 8) + 1);
    return null;
  }

  // What relative URLs resolve against on the live site: the page's <base>, else its own URL.
  function originalBase() {
    return unwrap(document.baseURI) || ORIGINAL;
  }

  // The replay address of any URL a script hands to the browser.
  function rewrite(value) {
    if (value === undefined || value === null) return value;
    var url = typeof value === "string" ? value : String(value && value.href !== undefined ? value.href : value);
    var trimmed = url.trim();
    if (trimmed === "" || trimmed.charAt(0) === "#" || /^(data|blob|javascript|about|mailto|tel):/i.test(trimmed)) return value;
    // Already a replay address (the server rewrote the page's own markup): left as it is.
    if (trimmed.indexOf("/replay/") === 0 || trimmed.indexOf(SERVE + "/replay/") === 0) return value;
    var absolute;
    try {
      absolute = new URL(trimmed, originalBase());
    } catch (e) {
      return value;
    }
    if (absolute.protocol !== "http:" && absolute.protocol !== "https:") return value;
    var href = absolute.href;
    if (href.indexOf(SERVE + "/replay/") === 0) return href;
    // A URL a script built from location (this server's address) meant the original site's.
    if (href.indexOf(SERVE + "/") === 0) href = new URL(href.slice(SERVE.length), ORIGINAL).href;
    return REPLAY + href;
  }

  function rewriteSrcset(value) {
    return String(value).split(/,(?=\s)|,$/).map(function (candidate) {
      var parts = candidate.trim().split(/\s+/);
      if (parts[0]) parts[0] = rewrite(parts[0]);
      return parts.join(" ");
    }).join(", ");
  }

  // fetch(url | Request, init)
  var originalFetch = window.fetch;
  if (originalFetch) {
    window.fetch = function (input, init) {
      if (typeof Request !== "undefined" && input instanceof Request) input = new Request(rewrite(input.url), input);
      else input = rewrite(input);
      return originalFetch.call(this, input, init);
    };
  }

  // XMLHttpRequest.open(method, url, …)
  var originalOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    args[1] = rewrite(url);
    return originalOpen.apply(this, args);
  };

  // Attributes that load or navigate, set by name.
  var URL_ATTRIBUTES = { src: 1, href: 1, action: 1, formaction: 1, poster: 1, data: 1, background: 1, "xlink:href": 1 };
  var originalSetAttribute = Element.prototype.setAttribute;
  function rewriteAttribute(name, value) {
    var lower = String(name).toLowerCase();
    if (URL_ATTRIBUTES[lower]) return rewrite(value);
    if (lower === "srcset" || lower === "imagesrcset") return rewriteSrcset(value);
    return value;
  }
  Element.prototype.setAttribute = function (name, value) {
    return originalSetAttribute.call(this, name, rewriteAttribute(name, value));
  };

  // The same attributes set as properties: img.src = …, new Image().src = …, link.href = …
  function hookProperty(type, property, rewriter) {
    var prototype = window[type] && window[type].prototype;
    var descriptor = prototype && Object.getOwnPropertyDescriptor(prototype, property);
    if (!descriptor || !descriptor.set) return;
    Object.defineProperty(prototype, property, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get: descriptor.get,
      set: function (value) { descriptor.set.call(this, rewriter(value)); }
    });
  }
  [["HTMLImageElement", "src"], ["HTMLScriptElement", "src"], ["HTMLLinkElement", "href"], ["HTMLIFrameElement", "src"],
   ["HTMLFrameElement", "src"], ["HTMLSourceElement", "src"], ["HTMLMediaElement", "src"], ["HTMLTrackElement", "src"],
   ["HTMLEmbedElement", "src"], ["HTMLObjectElement", "data"], ["HTMLInputElement", "src"], ["HTMLAnchorElement", "href"],
   ["HTMLAreaElement", "href"], ["HTMLFormElement", "action"], ["HTMLVideoElement", "poster"]].forEach(function (p) {
    hookProperty(p[0], p[1], rewrite);
  });
  hookProperty("HTMLImageElement", "srcset", rewriteSrcset);
  hookProperty("HTMLSourceElement", "srcset", rewriteSrcset);

  // Markup a script inserts (innerHTML, insertAdjacentHTML): its addresses are rewritten as it lands.
  // The browser may have asked for the unrewritten one already; the page's policy refused that request.
  function rewriteTree(node) {
    if (node.nodeType !== 1) return;
    var elements = [node].concat(Array.prototype.slice.call(node.querySelectorAll("[src],[href],[srcset],[action],[poster],[background]")));
    elements.forEach(function (element) {
      ["src", "href", "srcset", "action", "poster", "background"].forEach(function (name) {
        var value = element.getAttribute(name);
        if (value === null) return;
        var rewritten = rewriteAttribute(name, value);
        if (rewritten !== value) originalSetAttribute.call(element, name, rewritten);
      });
    });
  }
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      Array.prototype.forEach.call(mutation.addedNodes, rewriteTree);
    });
  }).observe(document, { childList: true, subtree: true });

  // Other ways out: server-sent events are replayed like any response; sockets and beacons cannot be.
  if (window.EventSource) {
    var OriginalEventSource = window.EventSource;
    window.EventSource = function (url, options) { return new OriginalEventSource(rewrite(url), options); };
    window.EventSource.prototype = OriginalEventSource.prototype;
  }
  if (window.WebSocket) {
    window.WebSocket = function () { throw new DOMException("WebSocket is not available in a replay from the archive", "SecurityError"); };
  }
  if (navigator.sendBeacon) navigator.sendBeacon = function () { return true; }; // dropped: nothing leaves a replay
  if (window.Worker) {
    var OriginalWorker = window.Worker;
    window.Worker = function (url, options) { return new OriginalWorker(rewrite(url), options); };
    window.Worker.prototype = OriginalWorker.prototype;
  }
  var originalWindowOpen = window.open;
  window.open = function (url) {
    var args = Array.prototype.slice.call(arguments);
    if (url !== undefined && url !== "") args[0] = rewrite(url);
    return originalWindowOpen.apply(window, args);
  };
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function (state, title, url) {
      return url === undefined || url === null ? original.call(history, state, title) : original.call(history, state, title, rewrite(url));
    };
  });
  // A form a script submits, or one whose action a script changed by other means.
  var originalSubmit = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function () {
    var action = this.getAttribute("action");
    if (action !== null) originalSetAttribute.call(this, "action", rewrite(action));
    return originalSubmit.call(this);
  };
  document.addEventListener("submit", function (event) {
    var form = event.target, action = form && form.getAttribute && form.getAttribute("action");
    if (action !== null && action !== undefined) originalSetAttribute.call(form, "action", rewrite(action));
  }, true);

  // In the sandbox, document.cookie and localStorage throw: a script that reads them would stop
  // half-way and leave its page unbuilt. Each replay gets its own memory instead, which starts empty
  // and ends with the page (the archive's own cookies and storage stay unreachable).
  var jar = {};
  try {
    Object.defineProperty(document, "cookie", {
      configurable: true,
      get: function () { return Object.keys(jar).map(function (k) { return k + "=" + jar[k]; }).join("; "); },
      set: function (value) {
        var pair = String(value).split(";")[0], eq = pair.indexOf("=");
        if (eq > 0) jar[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
    });
  } catch (e) { /* left as the browser has it */ }
  function memoryStorage() {
    var items = {};
    return {
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(items, k) ? items[k] : null; },
      setItem: function (k, v) { items[k] = String(v); },
      removeItem: function (k) { delete items[k]; },
      clear: function () { items = {}; },
      key: function (i) { return Object.keys(items)[i] || null; },
      get length() { return Object.keys(items).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      window[name].length; // throws in an opaque origin
    } catch (e) {
      try { Object.defineProperty(window, name, { configurable: true, value: memoryStorage() }); } catch (e2) { /* left as is */ }
    }
  });
})(JSON.parse(document.currentScript.getAttribute("data-replay")));
