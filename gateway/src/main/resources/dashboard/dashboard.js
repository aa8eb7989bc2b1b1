// TwinBridge live dashboard: renders the gateway's /dashboard/events stream. No framework, no build step: the page
// must work offline, from the gateway alone. Bounds, units and fault rules come from the snapshot event, never from
// this file.
(function () {
  "use strict";

  var STALE_MILLIS = 30000;
  var SAMPLE_MILLIS = 2000;
  var state = { kinds: {}, tenants: [], twins: {}, historyMillis: 300000, stats: null };
  var cards = {};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function format(value) {
    if (value === undefined || value === null) { return "–"; }
    if (Array.isArray(value)) { return value.length === 0 ? "none" : value.join(", "); }
    if (typeof value === "boolean") { return value ? "yes" : "no"; }
    if (typeof value !== "number") { return String(value); }
    var abs = Math.abs(value);
    var digits = abs >= 1000 || Number.isInteger(value) ? 0 : abs >= 100 ? 1 : abs >= 10 ? 1 : 2;
    return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function kindOf(twin) { return state.kinds[twin.kind]; }

  // Rules of the snapshot: equals, nonZero, true, nonEmpty.
  function faultsOf(twin) {
    var kind = kindOf(twin);
    if (!kind) { return []; }
    return kind.faults.filter(function (rule) {
      var v = twin.values[rule.path];
      switch (rule.test) {
        case "equals": return v !== undefined && String(v) === rule.value;
        case "nonZero": return typeof v === "number" && v !== 0;
        case "true": return v === true;
        case "nonEmpty": return Array.isArray(v) && v.length > 0;
        default: return false;
      }
    }).map(function (rule) {
      var v = twin.values[rule.path];
      // codes read as the device reports them: no thousands separator
      return rule.test === "nonZero" || rule.test === "nonEmpty" ? rule.label + " " + String(v) : rule.label;
    });
  }

  function outOfRange(field, value) {
    if (typeof value !== "number") { return false; }
    return (field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max);
  }

  function thingName(id) { return id.substring(id.indexOf(":") + 1); }

  // ---- sparklines: an area and a line in an SVG view box, scaled to the data's own range ----
  function drawSpark(node, points, width, height, fromMillis) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    var pts = points.filter(function (p) { return p[0] >= fromMillis && typeof p[1] === "number"; });
    if (pts.length < 2) { return; }
    var t0 = pts[0][0], t1 = pts[pts.length - 1][0];
    var lo = Infinity, hi = -Infinity;
    pts.forEach(function (p) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); });
    if (hi - lo < 1e-9) { hi = lo + 1; lo = lo - 1; }
    var pad = 2;
    var coords = pts.map(function (p) {
      var x = t1 === t0 ? 0 : (p[0] - t0) / (t1 - t0) * width;
      var y = pad + (1 - (p[1] - lo) / (hi - lo)) * (height - 2 * pad);
      return x.toFixed(1) + "," + y.toFixed(1);
    });
    node.appendChild(svg("polygon", { points: "0," + height + " " + coords.join(" ") + " " + width + "," + height }));
    node.appendChild(svg("polyline", { points: coords.join(" ") }));
  }

  // ---- layout: tenant sections, kind groups, cards ----
  function tenantSection(tenant) {
    var id = "tenant-" + tenant;
    var section = document.getElementById(id);
    if (section) { return section; }
    section = el("section", "tenant");
    section.id = id;
    section.setAttribute("data-tenant", tenant);
    var head = el("div", "tenant-head");
    head.appendChild(el("h2", null, tenant));
    head.appendChild(el("span", "count"));
    head.appendChild(el("span", "alerts"));
    head.appendChild(el("dl", "tenant-stats"));
    section.appendChild(head);
    section.appendChild(el("div", "kinds"));
    var main = document.getElementById("tenants");
    var after = Array.prototype.find.call(main.querySelectorAll("section.tenant"), function (s) {
      return s.getAttribute("data-tenant") > tenant;
    });
    main.insertBefore(section, after || null);
    return section;
  }

  function kindGroup(tenant, kindName) {
    var section = tenant.querySelector(".kinds");
    var group = section.querySelector('.kind[data-kind="' + kindName + '"]');
    if (group) { return group.querySelector(".cards"); }
    group = el("div", "kind");
    group.setAttribute("data-kind", kindName);
    var kind = state.kinds[kindName];
    group.appendChild(el("h3", null, kind ? kind.title : kindName));
    group.appendChild(el("div", "cards"));
    var order = Object.keys(state.kinds);
    var after = Array.prototype.find.call(section.querySelectorAll(".kind"), function (g) {
      return order.indexOf(g.getAttribute("data-kind")) > order.indexOf(kindName);
    });
    section.insertBefore(group, after || null);
    return group.querySelector(".cards");
  }

  function createCard(twin) {
    var kind = kindOf(twin);
    var card = el("article", "card");
    card.setAttribute("data-thing-id", twin.id);
    var head = el("div", "card-head");
    head.appendChild(el("span", "card-name", thingName(twin.id)));
    head.appendChild(el("span", "badge", "OK"));
    card.appendChild(head);
    var mainRow = el("div", "main-row");
    var left = el("div");
    var mainValue = el("div", "main-value");
    mainValue.setAttribute("data-path", kind.main.path);
    left.appendChild(mainValue);
    left.appendChild(el("div", "main-label", kind.main.label));
    mainRow.appendChild(left);
    var spark = svg("svg", { "class": "spark", viewBox: "0 0 120 34", preserveAspectRatio: "none" });
    mainRow.appendChild(spark);
    card.appendChild(mainRow);
    var fields = el("dl", "fields");
    kind.fields.forEach(function (field) {
      if (field.path === kind.main.path) { return; }
      var row = el("div");
      row.appendChild(el("dt", null, field.label));
      var dd = el("dd");
      dd.setAttribute("data-path", field.path);
      row.appendChild(dd);
      fields.appendChild(row);
    });
    card.appendChild(fields);
    card.appendChild(el("div", "card-foot"));
    kindGroup(tenantSection(twin.tenant), twin.kind).appendChild(card);
    return { node: card, spark: spark };
  }

  function sortCards(container) {
    var nodes = Array.prototype.slice.call(container.children);
    nodes.sort(function (a, b) { return a.getAttribute("data-thing-id") < b.getAttribute("data-thing-id") ? -1 : 1; });
    nodes.forEach(function (n) { container.appendChild(n); });
  }

  function renderTwin(twin) {
    var kind = kindOf(twin);
    if (!kind) { return; }
    var card = cards[twin.id];
    if (!card) {
      card = cards[twin.id] = createCard(twin);
      sortCards(card.node.parentNode);
    }
    var node = card.node;
    var faults = faultsOf(twin);
    var ranges = [];
    kind.fields.forEach(function (field) {
      var value = twin.values[field.path];
      var out = outOfRange(field, value);
      if (out) { ranges.push(field.label); }
      node.querySelectorAll('[data-path="' + field.path + '"]').forEach(function (target) {
        if (target.classList.contains("main-value")) {
          target.textContent = format(value);
          if (field.unit) { target.appendChild(el("span", "unit", field.unit)); }
        } else {
          target.textContent = format(value) + (field.unit && value !== undefined ? " " + field.unit : "");
        }
        target.classList.toggle("out", out);
        target.title = field.min !== undefined ? "range " + field.min + " … " + field.max : "";
      });
    });
    node.classList.toggle("faulted", faults.length > 0);
    node.classList.toggle("out-of-range", faults.length === 0 && ranges.length > 0);
    var badge = node.querySelector(".badge");
    // the card is small: the badge names the most telling fault (one with a code), the tooltip all of them
    var telling = faults.filter(function (f) { return /\d/.test(f); }).concat(faults);
    badge.textContent = faults.length > 0 ? telling[0]
      : ranges.length > 0 ? "out of range: " + ranges.join(", ") : "OK";
    badge.title = faults.length > 0 ? faults.join(" · ") : ranges.length > 0 ? badge.textContent : "";
    drawSpark(card.spark, twin.history, 120, 34, Date.now() - state.historyMillis);
  }

  function sample(twin, previous) {
    var kind = kindOf(twin);
    var history = previous ? previous.history : [];
    var value = kind ? twin.values[kind.main.path] : undefined;
    if (typeof value === "number") {
      var at = twin.updated || Date.now();
      var last = history[history.length - 1];
      if (last && at - last[0] < SAMPLE_MILLIS) { last[1] = value; } else { history.push([at, value]); }
      var from = Date.now() - state.historyMillis;
      while (history.length > 0 && history[0][0] < from) { history.shift(); }
    }
    return history;
  }

  function update(twin) {
    if (twin.deleted) {
      var gone = cards[twin.id];
      if (gone) {
        if (gone.node.parentNode) { gone.node.parentNode.removeChild(gone.node); }
        delete cards[twin.id];
      }
      delete state.twins[twin.id];
      refreshCounts();
      return;
    }
    twin.history = twin.history || sample(twin, state.twins[twin.id]);
    state.twins[twin.id] = twin;
    renderTwin(twin);
  }

  function refreshCounts() {
    var byTenant = {};
    var faulted = 0;
    Object.keys(state.twins).forEach(function (id) {
      var twin = state.twins[id];
      var t = byTenant[twin.tenant] = byTenant[twin.tenant] || { twins: 0, alerts: 0 };
      t.twins++;
      var card = cards[id];
      if (card && (card.node.classList.contains("faulted") || card.node.classList.contains("out-of-range"))) {
        t.alerts++;
        faulted++;
      }
      if (card) { card.node.classList.toggle("stale", Date.now() - twin.updated > STALE_MILLIS); }
    });
    Object.keys(byTenant).forEach(function (tenant) {
      var section = document.getElementById("tenant-" + tenant);
      if (!section) { return; }
      var t = byTenant[tenant];
      section.querySelector(".count").textContent = t.twins + (t.twins === 1 ? " twin" : " twins");
      section.querySelector(".alerts").textContent = t.alerts > 0 ? t.alerts + " need attention" : "";
    });
    document.getElementById("empty").style.display = Object.keys(state.twins).length ? "none" : "";
    document.getElementById("stat-faults").textContent = faulted > 0 ? faulted + " need attention" : "all healthy";
  }

  function refreshCardFeet() {
    Object.keys(cards).forEach(function (id) {
      var twin = state.twins[id];
      if (!twin) { return; }
      var seconds = Math.max(0, Math.round((Date.now() - twin.updated) / 1000));
      cards[id].node.querySelector(".card-foot").textContent = "updated " + (seconds < 2 ? "just now" : seconds + " s ago");
    });
  }

  function renderStats(stats) {
    if (!stats || stats.time === undefined) { return; }
    document.getElementById("stat-twins").textContent = format(stats.twins)
      + (stats.twinsRefused ? " (+" + stats.twinsRefused + " not shown)" : "");
    document.getElementById("stat-ingest").textContent = format(stats.ingestRate);
    document.getElementById("stat-applied").textContent = format(stats.appliedRate);
    document.getElementById("stat-applied-total").textContent = format(stats.applied) + " applied in total";
    document.getElementById("stat-egress").textContent = format(stats.egressRate);
    document.getElementById("stat-dlq").textContent = format(stats.deadLettered);
    document.getElementById("stat-lag").textContent = stats.lag === undefined ? "n/a" : format(stats.lag);
    document.getElementById("stat-lag-note").textContent = stats.scope === "tenants"
      ? "your tenants on this instance" : "all partitions of the group";
    document.getElementById("tile-dlq").classList.toggle("has-dlq", stats.deadLettered > 0);
    var codes = document.getElementById("stat-dlq-codes");
    while (codes.firstChild) { codes.removeChild(codes.firstChild); }
    Object.keys(stats.deadLetteredByCode || {}).slice(0, 3).forEach(function (code) {
      var li = el("li");
      li.appendChild(el("code", null, code));
      li.appendChild(el("span", null, format(stats.deadLetteredByCode[code])));
      codes.appendChild(li);
    });
    var from = Date.now() - 120000;
    drawSpark(document.getElementById("spark-ingest"), stats.ingestHistory || [], 120, 28, from);
    drawSpark(document.getElementById("spark-egress"), stats.egressHistory || [], 120, 28, from);
    renderTenantStats(stats.tenants);
  }

  // ---- per-tenant figures, next to the tenant's heading ----
  function tenantFigure(list, name, label, value, unit, note) {
    var item = el("div", "tf");
    item.setAttribute("data-figure", name);
    item.appendChild(el("dt", null, label));
    var dd = el("dd", null, value);
    if (unit) { dd.appendChild(el("small", null, unit)); }
    item.appendChild(dd);
    if (note) { item.title = note; }
    list.appendChild(item);
    return item;
  }

  function renderTenantStats(byTenant) {
    Object.keys(byTenant || {}).forEach(function (tenant) {
      var section = document.getElementById("tenant-" + tenant);
      if (!section) { return; }
      var t = byTenant[tenant];
      var list = section.querySelector(".tenant-stats");
      while (list.firstChild) { list.removeChild(list.firstChild); }
      tenantFigure(list, "ingest", "in", format(t.ingestRate), "/s", "records consumed per second");
      tenantFigure(list, "applied", "applied", format(t.applied), null, "records whose change reached the twin");
      tenantFigure(list, "egress", "out", format(t.egressRate), "/s", "twin events and commands published per second");
      var codes = Object.keys(t.deadLetteredByCode || {}).slice(0, 2).map(function (code) {
        return code + " " + format(t.deadLetteredByCode[code]);
      });
      var dlq = tenantFigure(list, "dlq", "DLQ", format(t.deadLettered), null,
        codes.length ? "top codes: " + codes.join(", ") : "nothing dead-lettered");
      if (t.deadLettered > 0) {
        dlq.classList.add("bad");
        dlq.appendChild(el("span", "tf-codes", codes.join(" · ")));
      }
      var lag = tenantFigure(list, "lag", "lag", t.lag === undefined ? "n/a" : format(t.lag), null,
        "records not fetched yet from this tenant's telemetry partitions on this instance"
        + (t.pausedPartitions ? "; " + t.pausedPartitions + " partition(s) paused" : ""));
      if (t.pausedPartitions) { lag.classList.add("warn"); }
    });
  }

  // The tenants changed at run time: sections of removed tenants go with their cards, new ones appear.
  function setTenants(tenants) {
    state.tenants = tenants;
    Array.prototype.forEach.call(document.querySelectorAll("section.tenant"), function (section) {
      var tenant = section.getAttribute("data-tenant");
      if (tenants.indexOf(tenant) >= 0) { return; }
      Object.keys(state.twins).forEach(function (id) {
        if (state.twins[id].tenant === tenant) { delete state.twins[id]; delete cards[id]; }
      });
      section.parentNode.removeChild(section);
    });
    tenants.forEach(tenantSection);
    refreshCounts();
  }

  function setConnection(kind, text) {
    var node = document.getElementById("connection");
    node.className = "connection " + kind;
    node.textContent = text;
  }

  // A notice above the cards: why nothing is shown (not signed in, too many people signed in, Ditto down).
  function setNotice(text) {
    var node = document.getElementById("notice");
    node.textContent = text || "";
    node.hidden = !text;
  }

  var handlers = {
    snapshot: function (snapshot) {
      document.getElementById("user").textContent = "signed in as " + snapshot.user;
      state.kinds = snapshot.kinds;
      state.historyMillis = snapshot.historyMillis;
      state.twins = {};
      Object.keys(cards).forEach(function (id) { cards[id].node.parentNode.removeChild(cards[id].node); });
      cards = {};
      setTenants(snapshot.tenants);
      snapshot.twins.forEach(update);
      renderStats(snapshot.stats);
      refreshCounts();
      refreshCardFeet();
      setNotice("");
      setConnection("live", "live");
    },
    twins: function (data) {
      data.twins.forEach(update);
      refreshCounts();
    },
    tenants: function (data) { setTenants(data.tenants); },
    stats: function (data) {
      renderStats(data);
      refreshCardFeet();
      setConnection("live", "live");
    }
  };

  // One server-sent event block: "event: NAME" and "data: JSON" lines.
  function dispatch(block) {
    var name = null, data = null;
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event: ") === 0) { name = line.substring(7); }
      if (line.indexOf("data: ") === 0) { data = line.substring(6); }
    });
    if (name && data !== null && handlers[name]) { handlers[name](JSON.parse(data)); }
  }

  // The feed is read with fetch rather than EventSource, so that the page can show why it was refused (401: not
  // signed in; 503: too many people signed in) instead of retrying blindly. The browser sends the sign-in it holds
  // for this site with it.
  function connect() {
    fetch("/dashboard/events", { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (message) {
          var signIn = response.status === 401;
          setConnection("down", signIn ? "signed out" : "refused");
          setNotice(message + (signIn ? " Reload the page to sign in." : ""));
          if (!signIn) { retry(); }
        });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffered = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { throw new Error("the feed ended"); }
          buffered += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffered.indexOf("\n\n")) >= 0) {
            dispatch(buffered.substring(0, end));
            buffered = buffered.substring(end + 2);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      // the next snapshot replaces everything shown
      setConnection("down", "reconnecting…");
      retry();
    });
  }

  var retryTimer = null;
  function retry() {
    if (retryTimer === null) {
      retryTimer = setTimeout(function () { retryTimer = null; connect(); }, 3000);
    }
  }

  connect();
}());
