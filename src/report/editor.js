/* bitext review page: filters and the link editor, in plain JavaScript with no network.
   The model is read from the table the page was written with: each row is a link holding
   consecutive sentences of each side (span.s elements). Every edit replaces a run of links
   by new links that cover exactly the same sentences, so each sentence stays once, in
   order, on its side. Edits are kept in the browser's local storage per document. */
(function () {
  'use strict';
  var table = document.getElementById('links');
  if (!table || !table.tBodies.length) return;
  var tbody = table.tBodies[0];
  var svg = document.getElementById('path');
  var SVGNS = 'http://www.w3.org/2000/svg';
  var FAIR = parseFloat(table.dataset.fair);
  var GOOD = parseFloat(table.dataset.good);
  var DOC = table.dataset.document || '';
  var SRC_LANG = table.dataset.srcLang || 'src';
  var TGT_LANG = table.dataset.tgtLang || 'tgt';
  var KEY = 'bitext-review:' + DOC + ':' + (table.dataset.key || '');
  /* The links of passages moved in the translation: [s0, s1, t0, t1] each. */
  var SUGGEST = [];
  try { SUGGEST = JSON.parse(table.dataset.suggest || '[]'); } catch (e) { SUGGEST = []; }
  var MAX_UNDO = 300;

  /* ---------- the model ---------- */
  var text = { s: [], t: [] };   // sentence texts per side (edited in place)
  var opens = { s: [], t: [] };  // true where a sentence opens a paragraph
  var links = [];                // {s0, s1, t0, t1, score, status, edited}
  Array.prototype.forEach.call(tbody.rows, function (tr) {
    var s = tr.dataset.s.split(':').map(Number);
    var t = tr.dataset.t.split(':').map(Number);
    readSide(tr.querySelector('td.src'), 's', s[0]);
    readSide(tr.querySelector('td.tgt'), 't', t[0]);
    links.push({ s0: s[0], s1: s[1], t0: t[0], t1: t[1],
      score: scoreOf(tr.dataset.score), status: tr.dataset.status || '', edited: false });
  });
  function readSide(td, side, start) {
    var spans = td ? td.querySelectorAll('span.s') : [];
    for (var i = 0; i < spans.length; i++) {
      text[side][start + i] = spans[i].textContent;
      opens[side][start + i] = spans[i].classList.contains('p');
      spans[i].dir = 'auto';
      spans[i].dataset.side = side;
      spans[i].dataset.i = start + i;
    }
  }
  var original = { s: text.s.slice(), t: text.t.slice(), links: links.map(copy) };

  function copy(l) {
    return { s0: l.s0, s1: l.s1, t0: l.t0, t1: l.t1, score: l.score, status: l.status, edited: l.edited };
  }
  function with_(l, changes) {
    var c = copy(l);
    for (var k in changes) c[k] = changes[k];
    return c;
  }
  function isPair(l) { return l.s1 > l.s0 && l.t1 > l.t0; }
  /* A row's score, or null for a row that has none (one a reviewer made: the aligner never
     scored it). */
  function scoreOf(cell) {
    var v = parseFloat(cell);
    return isNaN(v) ? null : v;
  }
  function scoreText(l, digits) { return l.score === null ? '' : l.score.toFixed(digits); }
  function kind(l) { return (l.s1 - l.s0) + '-' + (l.t1 - l.t0); }
  function band(l) {
    if (!isPair(l) || l.score === null) return 'none';
    return l.score >= GOOD ? 'good' : l.score >= FAIR ? 'fair' : 'poor';
  }
  function doubtful(l) { return isPair(l) && l.score !== null && l.score < FAIR && !l.status && !l.edited; }
  function range(a, b) { return b - a === 0 ? '' : b - a === 1 ? String(a) : a + '-' + (b - 1); }
  function joined(side, a, b) { return text[side].slice(a, b).join(' '); }

  /* Why replacing links[at .. at+del) by `ins` would break "each sentence once, in order"
     (empty string when it would not). */
  function breaks(at, del, ins) {
    if (del < 1 || at < 0 || at + del > links.length) return 'there is no such link';
    var first = links[at], last = links[at + del - 1];
    var s = first.s0, t = first.t0;
    for (var i = 0; i < ins.length; i++) {
      var l = ins[i];
      if (l.s0 !== s || l.t0 !== t || l.s1 < l.s0 || l.t1 < l.t0) return 'sentences would leave their order';
      if (l.s1 === l.s0 && l.t1 === l.t0) return 'a link would hold no sentence';
      s = l.s1; t = l.t1;
    }
    if (s !== last.s1 || t !== last.t1) return 'a sentence would be lost';
    return '';
  }
  /* The whole list tiles both sides: checked on stored edits before they are used. */
  function tilesAll(list) {
    var s = 0, t = 0;
    for (var i = 0; i < list.length; i++) {
      var l = list[i];
      if (!l || l.s0 !== s || l.t0 !== t || l.s1 < l.s0 || l.t1 < l.t0) return false;
      if (l.s1 === l.s0 && l.t1 === l.t0) return false;
      s = l.s1; t = l.t1;
    }
    return s === text.s.length && t === text.t.length;
  }

  /* ---------- rendering ---------- */
  var rows = [];   // <tr> per link
  var marks = [];  // <rect> per link in the path picture
  var cur = 0;     // the current link
  var sel = null;  // the selected sentence {side, i} inside the current link
  var size = svg ? parseFloat(svg.dataset.size) || 420 : 420;
  var sx = size / Math.max(1, text.s.length), sy = size / Math.max(1, text.t.length);

  /* The other side's sentences [a, b) where the translation of an unaligned row seems to
     stand, when the row is part of a moved passage (null otherwise). */
  function suggestion(l) {
    for (var k = 0; k < SUGGEST.length; k++) {
      var g = SUGGEST[k];
      if (l.t1 === l.t0 && l.s1 > l.s0 && g[0] <= l.s0 && l.s1 <= g[1]) return [g[2], g[3]];
      if (l.s1 === l.s0 && l.t1 > l.t0 && g[2] <= l.t0 && l.t1 <= g[3]) return [g[0], g[1]];
    }
    return null;
  }
  /* That place in words, for the row's empty side `side` (empty string otherwise). */
  function suggested(l, side) {
    var at = suggestion(l);
    if (!at) return '';
    var which = side === 't' ? 'target ' : 'source ';
    return which + (at[1] - at[0] === 1 ? 'sentence ' + at[0] : 'sentences ' + at[0] + '\u2013' + (at[1] - 1));
  }
  /* That place as the review table's `suggest` cell writes it ('35-36'), so that an `ok` on
     the row makes the suggested link a unit when the saved table is converted. */
  function suggestCell(l) {
    var at = suggestion(l);
    return at ? range(at[0], at[1]) : '';
  }
  function sideCell(l, side) {
    var td = document.createElement('td');
    var a = side === 's' ? l.s0 : l.t0, b = side === 's' ? l.s1 : l.t1;
    td.className = side === 's' ? 'src' : 'tgt';
    if (a === b) {
      td.className += ' empty';
      var at = suggested(l, side);
      td.textContent = at ? '(unaligned; its translation seems to be ' + at + ')' : '(unaligned)';
      return td;
    }
    for (var i = a; i < b; i++) {
      if (i > a) td.appendChild(document.createTextNode(' '));
      var span = document.createElement('span');
      span.className = 's' + (opens[side][i] ? ' p' : '');
      span.dir = 'auto';
      span.dataset.side = side;
      span.dataset.i = i;
      span.textContent = text[side][i];
      td.appendChild(span);
    }
    return td;
  }
  function rowFor(l, k) {
    var tr = document.createElement('tr');
    var par = (l.s1 > l.s0 && l.s0 > 0 && opens.s[l.s0]) || (l.t1 > l.t0 && l.t0 > 0 && opens.t[l.t0]);
    tr.className = band(l) + (par ? ' par' : '') + (l.edited ? ' edited' : '') +
      (l.status ? ' st-' + l.status : '');
    tr.dataset.score = scoreText(l, 3);
    tr.dataset.kind = kind(l);
    tr.dataset.s = l.s0 + ':' + l.s1;
    tr.dataset.t = l.t0 + ':' + l.t1;
    tr.dataset.status = l.status;
    tr.dataset.review = l.edited ? 'edited' : '';
    var num = document.createElement('td');
    num.className = 'num';
    num.textContent = k + 1;
    var kd = document.createElement('td');
    kd.textContent = kind(l);
    var mark = l.status === 'ok' ? '\u2713' : l.status === 'reject' ? '\u2717' :
      l.status === 'chrome' ? '\u2302' : l.edited ? '\u270e' : '';
    if (mark) {
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.title = l.status === 'ok' ? 'accepted' : l.status === 'reject' ? 'rejected' :
        l.status === 'chrome' ? 'page chrome: left out of the memory unless accepted' : 'edited';
      badge.textContent = ' ' + mark;
      kd.appendChild(badge);
    }
    var sc = document.createElement('td');
    sc.className = 'score';
    sc.textContent = scoreText(l, 2);
    tr.appendChild(num);
    tr.appendChild(kd);
    tr.appendChild(sc);
    tr.appendChild(sideCell(l, 's'));
    tr.appendChild(sideCell(l, 't'));
    filterRow(tr);
    return tr;
  }
  function markFor(l, k) {
    var r = document.createElementNS(SVGNS, 'rect');
    r.setAttribute('class', 'mark ' + band(l) + (l.edited ? ' edited' : '') + (l.status ? ' st-' + l.status : ''));
    r.setAttribute('x', (l.s0 * sx).toFixed(1));
    r.setAttribute('y', (l.t0 * sy).toFixed(1));
    r.setAttribute('width', Math.max(2, (l.s1 - l.s0) * sx).toFixed(1));
    r.setAttribute('height', Math.max(2, (l.t1 - l.t0) * sy).toFixed(1));
    var title = document.createElementNS(SVGNS, 'title');
    title.textContent = 'link ' + (k + 1) + ' (' + kind(l) + (l.score === null ? '' : ', ' + scoreText(l, 2)) + ')';
    r.appendChild(title);
    return r;
  }
  function renderAll() {
    var frag = document.createDocumentFragment();
    rows = links.map(function (l, k) { var tr = rowFor(l, k); frag.appendChild(tr); return tr; });
    tbody.textContent = '';
    tbody.appendChild(frag);
    if (svg) {
      Array.prototype.slice.call(svg.querySelectorAll('rect.mark')).forEach(function (m) { m.remove(); });
      var f2 = document.createDocumentFragment();
      marks = links.map(function (l, k) { var m = markFor(l, k); f2.appendChild(m); return m; });
      svg.appendChild(f2);
    }
    countShown();
  }
  /* Replaces the rows and marks of links[at .. at+del) by those of links[at .. at+n). */
  function renderSplice(at, del, n) {
    var next = rows[at + del] || null;
    rows.splice(at, del).forEach(function (tr) { tr.remove(); });
    var nextMark = marks[at + del] || null;
    if (svg) marks.splice(at, del).forEach(function (m) { m.remove(); });
    var fresh = [], freshMarks = [];
    for (var k = at; k < at + n; k++) {
      var tr = rowFor(links[k], k);
      tbody.insertBefore(tr, next);
      fresh.push(tr);
      if (svg) {
        var m = markFor(links[k], k);
        svg.insertBefore(m, nextMark);
        freshMarks.push(m);
      }
    }
    Array.prototype.splice.apply(rows, [at, 0].concat(fresh));
    if (svg) Array.prototype.splice.apply(marks, [at, 0].concat(freshMarks));
    if (n !== del) {
      for (k = at + n; k < rows.length; k++) {
        var num = rows[k].cells[0].firstChild;
        if (num) num.nodeValue = k + 1; else rows[k].cells[0].textContent = k + 1;
        if (svg) marks[k].firstChild.textContent = 'link ' + (k + 1) + ' (' + kind(links[k]) + (links[k].score === null ? '' : ', ' + scoreText(links[k], 2)) + ')';
      }
    }
    countShown();
  }

  /* ---------- filters ---------- */
  var maxScore = document.getElementById('max-score');
  var odd = document.getElementById('non-11');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  function filterRow(tr) {
    var limit = maxScore ? parseFloat(maxScore.value) : 1;
    if (isNaN(limit)) limit = 1;
    var needle = search ? search.value.toLowerCase() : '';
    var score = parseFloat(tr.dataset.score);
    var ok = (isNaN(score) || score <= limit) &&
      (!odd || !odd.checked || tr.dataset.kind !== '1-1') &&
      (!needle || tr.textContent.toLowerCase().indexOf(needle) >= 0);
    tr.classList.toggle('hidden', !ok);
  }
  function countShown() {
    if (!shown) return;
    var n = 0;
    for (var k = 0; k < rows.length; k++) if (!rows[k].classList.contains('hidden')) n++;
    shown.textContent = n;
  }
  [maxScore, odd, search].forEach(function (el) {
    if (el) el.addEventListener('input', function () { rows.forEach(filterRow); countShown(); });
  });

  /* ---------- edits, undo and redo ---------- */
  var undo = [], redo = [];
  var dirty = false, savedAs = '';

  /* Applies {at, del, ins, texts} and returns the edit that undoes it. */
  function apply(op) {
    var back = [];
    (op.texts || []).forEach(function (c) {
      back.push({ side: c.side, i: c.i, to: text[c.side][c.i] });
      text[c.side][c.i] = c.to;
    });
    var removed = Array.prototype.splice.apply(links, [op.at, op.del].concat(op.ins.map(copy)));
    renderSplice(op.at, op.del, op.ins.length);
    return { at: op.at, del: op.ins.length, ins: removed, texts: back.reverse(), what: op.what };
  }
  function perform(op) {
    var why = breaks(op.at, op.del, op.ins);
    if (why) return refuse('Not done: ' + why + '.');
    var back = apply(op);
    undo.push({ undo: back, redo: op });
    if (undo.length > MAX_UNDO) undo.shift();
    redo = [];
    changed(op.what, op.at);
    return true;
  }
  function undoLast() {
    var e = undo.pop();
    if (!e) return refuse('Nothing to undo.');
    apply(e.undo);
    redo.push(e);
    changed('Undone: ' + e.redo.what, e.undo.at);
  }
  function redoLast() {
    var e = redo.pop();
    if (!e) return refuse('Nothing to redo.');
    apply(e.redo);
    undo.push(e);
    changed('Redone: ' + e.redo.what, e.redo.at);
  }
  function changed(what, at) {
    dirty = true;
    select(Math.min(at, links.length - 1), null);
    say(what, false);
    store();
    showBanner();
  }

  /* ---------- the operations ---------- */
  function pairScore(parts) {
    var pairs = parts.filter(function (l) { return isPair(l) && l.score !== null; });
    if (!pairs.length) return null;
    return Math.min.apply(null, pairs.map(function (l) { return l.score; }));
  }
  function mergeAt(k, what) {
    var a = links[k], b = links[k + 1];
    return perform({ at: k, del: 2, what: what, ins: [{ s0: a.s0, s1: b.s1, t0: a.t0, t1: b.t1,
      score: pairScore([a, b]), status: '', edited: true }] });
  }
  function merge(dir) {
    var k = dir > 0 ? cur : cur - 1;
    if (k < 0) return refuse('There is no previous link to merge with.');
    if (k + 1 >= links.length) return refuse('There is no next link to merge with.');
    mergeAt(k, 'merged links ' + (k + 1) + ' and ' + (k + 2) + '.');
  }
  function attach(dir) {
    var l = links[cur];
    if (isPair(l)) return refuse('Only an unaligned sentence can be attached; this link has both sides (merge it instead).');
    var k = dir > 0 ? cur : cur - 1;
    if (k < 0) return refuse('There is no previous link to attach to.');
    if (k + 1 >= links.length) return refuse('There is no next link to attach to.');
    mergeAt(k, 'attached link ' + (cur + 1) + ' to the ' + (dir > 0 ? 'next' : 'previous') + ' link.');
  }
  function lengths(side, a, b) {
    var out = [0];
    for (var i = a; i < b; i++) out.push(out[out.length - 1] + text[side][i].length + 1);
    return out;
  }
  function split() {
    var l = links[cur];
    var ns = l.s1 - l.s0, nt = l.t1 - l.t0;
    var side, cut;
    if (sel) {
      side = sel.side;
      var a = side === 's' ? l.s0 : l.t0, b = side === 's' ? l.s1 : l.t1;
      if (b - a < 2) return refuse('Only a side with two or more sentences can be split; the selected sentence is alone on its side.');
      cut = sel.i + 1 < b ? sel.i + 1 : sel.i;
    } else {
      if (ns < 2 && nt < 2) return refuse('A ' + kind(l) + ' link has no sentence boundary to split at; detach a sentence instead (d).');
      side = ns >= nt ? 's' : 't';
      cut = (side === 's' ? l.s0 : l.t0) + 1;
    }
    var other = side === 's' ? 't' : 's';
    var a0 = side === 's' ? l.s0 : l.t0, a1 = side === 's' ? l.s1 : l.t1;
    var b0 = side === 's' ? l.t0 : l.s0, b1 = side === 's' ? l.t1 : l.s1;
    // The other side is cut where the same share of its text has gone by; between two of its
    // sentences when it has several (a piece with one side empty is what detach is for).
    var la = lengths(side, a0, a1), lb = lengths(other, b0, b1);
    var share = la[cut - a0] / la[la.length - 1];
    var best = 0, gap = Infinity, inner = b1 - b0 >= 2 ? 1 : 0;
    for (var j = inner; j < lb.length - inner; j++) {
      var g = Math.abs((lb[lb.length - 1] ? lb[j] / lb[lb.length - 1] : 0) - share);
      if (g < gap) { gap = g; best = j; }
    }
    var cutB = b0 + best;
    var first = side === 's' ? { s0: a0, s1: cut, t0: b0, t1: cutB } : { s0: b0, s1: cutB, t0: a0, t1: cut };
    var second = side === 's' ? { s0: cut, s1: a1, t0: cutB, t1: b1 } : { s0: cutB, s1: b1, t0: cut, t1: a1 };
    [first, second].forEach(function (p) {
      p.score = isPair(p) ? l.score : null;
      p.status = '';
      p.edited = true;
    });
    perform({ at: cur, del: 1, ins: [first, second], what: 'split link ' + (cur + 1) + ' into ' + kind(first) + ' and ' + kind(second) + '.' });
  }
  function detach() {
    var l = links[cur];
    var s = sel;
    if (!s) {
      var ns = l.s1 - l.s0, nt = l.t1 - l.t0;
      s = ns >= nt ? { side: 's', i: l.s1 - 1 } : { side: 't', i: l.t1 - 1 };
    }
    var a = s.side === 's' ? l.s0 : l.t0, b = s.side === 's' ? l.s1 : l.t1;
    var other = s.side === 's' ? l.t1 - l.t0 : l.s1 - l.s0;
    if (b - a === 1 && other === 0) return refuse('This sentence is already unaligned.');
    if (s.i !== a && s.i !== b - 1) return refuse('Only the first or last sentence of a side can be detached; split the link first (s).');
    var lone, rest;
    if (s.side === 's') {
      if (s.i === a) {
        lone = { s0: a, s1: a + 1, t0: l.t0, t1: l.t0 };
        rest = { s0: a + 1, s1: b, t0: l.t0, t1: l.t1 };
      } else {
        rest = { s0: a, s1: b - 1, t0: l.t0, t1: l.t1 };
        lone = { s0: b - 1, s1: b, t0: l.t1, t1: l.t1 };
      }
    } else if (s.i === a) {
      lone = { s0: l.s0, s1: l.s0, t0: a, t1: a + 1 };
      rest = { s0: l.s0, s1: l.s1, t0: a + 1, t1: b };
    } else {
      rest = { s0: l.s0, s1: l.s1, t0: a, t1: b - 1 };
      lone = { s0: l.s1, s1: l.s1, t0: b - 1, t1: b };
    }
    lone.score = null;
    rest.score = isPair(rest) ? l.score : null;
    lone.status = rest.status = '';
    lone.edited = rest.edited = true;
    var ins = s.i === a ? [lone, rest] : [rest, lone];
    perform({ at: cur, del: 1, ins: ins, what: 'detached ' + (s.side === 's' ? SRC_LANG : TGT_LANG) + ' sentence ' + s.i + ' from link ' + (cur + 1) + '.' });
  }
  function mark(status) {
    var l = links[cur];
    var to = l.status === status ? '' : status;
    perform({ at: cur, del: 1, ins: [with_(l, { status: to })],
      what: (to ? (to === 'ok' ? 'accepted' : 'rejected') : 'cleared the mark of') + ' link ' + (cur + 1) + '.' });
  }

  /* ---------- editing text ---------- */
  var editing = -1;
  function openEditor() {
    if (editing >= 0) return;
    var k = cur, l = links[k], tr = rows[k];
    editing = k;
    tr.classList.add('editing');
    [['s', 3, l.s0, l.s1], ['t', 4, l.t0, l.t1]].forEach(function (x) {
      if (x[2] === x[3]) return;
      var td = tr.cells[x[1]];
      td.textContent = '';
      var area = document.createElement('textarea');
      area.dir = 'auto';
      area.dataset.side = x[0];
      area.value = text[x[0]].slice(x[2], x[3]).map(function (t) { return t.replace(/[\r\n]+/g, ' '); }).join('\n');
      area.rows = Math.min(12, Math.max(2, x[3] - x[2] + 1));
      area.setAttribute('aria-label', (x[0] === 's' ? SRC_LANG : TGT_LANG) + ' text, one sentence per line');
      area.addEventListener('keydown', editorKey);
      td.appendChild(area);
    });
    var hint = document.createElement('div');
    hint.className = 'hint';
    hint.textContent = 'One sentence per line. Enter saves, Esc cancels.';
    (tr.cells[3].querySelector('textarea') ? tr.cells[3] : tr.cells[4]).appendChild(hint);
    var first = tr.querySelector('textarea');
    if (first) first.focus();
  }
  function closeEditor() {
    if (editing < 0) return;
    var k = editing;
    editing = -1;
    renderSplice(k, 1, 1);
    select(k, null);
  }
  function saveEditor() {
    var k = editing, l = links[k], tr = rows[k];
    var changes = [];
    var areas = tr.querySelectorAll('textarea');
    for (var n = 0; n < areas.length; n++) {
      var side = areas[n].dataset.side;
      var a = side === 's' ? l.s0 : l.t0, b = side === 's' ? l.s1 : l.t1;
      var lines = areas[n].value.replace(/\r\n?/g, '\n').split('\n');
      var name = side === 's' ? SRC_LANG : TGT_LANG;
      if (lines.length !== b - a) {
        return refuse('The ' + name + ' side holds ' + (b - a) + ' sentence' + (b - a > 1 ? 's' : '') +
          ': keep one per line (' + lines.length + ' lines given). Split, merge or detach to move sentences between links.');
      }
      for (var i = 0; i < lines.length; i++) {
        if (!lines[i].trim()) return refuse('A sentence cannot be left empty; detach or reject it instead.');
        if (lines[i] !== text[side][a + i]) changes.push({ side: side, i: a + i, to: lines[i] });
      }
    }
    editing = -1;
    if (!changes.length) {
      renderSplice(k, 1, 1);
      select(k, null);
      return say('No text changed.', false);
    }
    perform({ at: k, del: 1, ins: [with_(l, { edited: true })], texts: changes, what: 'edited the text of link ' + (k + 1) + '.' });
  }
  function editorKey(e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); saveEditor(); }
    else if (e.key === 'Escape') { e.preventDefault(); closeEditor(); say('Edit cancelled.', false); }
    e.stopPropagation();
  }

  /* ---------- selection and moving around ---------- */
  function select(k, s) {
    if (!links.length) return;
    k = Math.max(0, Math.min(links.length - 1, k));
    if (rows[cur]) rows[cur].classList.remove('cur');
    if (marks[cur]) marks[cur].classList.remove('cur');
    var old = tbody.querySelector('span.s.sel');
    if (old) old.classList.remove('sel');
    cur = k;
    sel = s;
    rows[cur].classList.add('cur');
    if (marks[cur]) marks[cur].classList.add('cur');
    if (sel) {
      var span = rows[cur].querySelector('span.s[data-side="' + sel.side + '"][data-i="' + sel.i + '"]');
      if (span) span.classList.add('sel');
    }
  }
  function show(k) {
    var r = rows[k].getBoundingClientRect();
    var top = bar.getBoundingClientRect().bottom;
    if (r.top < top + 8 || r.bottom > window.innerHeight - 8) {
      window.scrollBy(0, r.top - top - Math.max(40, (window.innerHeight - top) / 3));
    }
  }
  function step(dir, test) {
    for (var k = cur + dir; k >= 0 && k < links.length; k += dir) {
      if (!rows[k].classList.contains('hidden') && (!test || test(links[k]))) {
        select(k, null);
        show(k);
        return true;
      }
    }
    return false;
  }
  function nextDoubtful(dir) {
    if (!step(dir, doubtful)) refuse('No doubtful link (scoring below ' + FAIR + ', not yet checked) ' + (dir > 0 ? 'below' : 'above') + ' this one.');
    else say('Link ' + (cur + 1) + ' scores ' + scoreText(links[cur], 2) + '.', false);
  }
  function cycleSentence(dir) {
    var l = links[cur], all = [];
    for (var i = l.s0; i < l.s1; i++) all.push({ side: 's', i: i });
    for (i = l.t0; i < l.t1; i++) all.push({ side: 't', i: i });
    var at = -1;
    if (sel) all.forEach(function (x, n) { if (x.side === sel.side && x.i === sel.i) at = n; });
    var n = at < 0 ? (dir > 0 ? 0 : all.length - 1) : (at + dir + all.length) % all.length;
    select(cur, all[n]);
  }

  /* ---------- storage ---------- */
  function textDiff(side) {
    var out = {};
    text[side].forEach(function (t, i) { if (t !== original[side][i]) out[i] = t; });
    return out;
  }
  function store() {
    try {
      localStorage.setItem(KEY, JSON.stringify({ v: 1, links: links, s: textDiff('s'), t: textDiff('t'),
        undo: undo, redo: redo, dirty: dirty, savedAs: savedAs, cur: cur }));
      storeFailed = false;
    } catch (err) {
      storeFailed = true;
    }
  }
  var storeFailed = false;
  function restore() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (err) { return false; }
    if (!raw) return false;
    try {
      var st = JSON.parse(raw);
      var texts = { s: text.s.slice(), t: text.t.slice() };
      ['s', 't'].forEach(function (side) {
        Object.keys(st[side] || {}).forEach(function (i) {
          if (!(i in texts[side]) || typeof st[side][i] !== 'string') throw new Error('bad text');
          texts[side][i] = st[side][i];
        });
      });
      var stored = st.links.map(copy);
      if (!tilesAll(stored)) throw new Error('links do not tile');
      text = texts;
      links = stored;
      undo = st.undo || [];
      redo = st.redo || [];
      dirty = !!st.dirty;
      savedAs = st.savedAs || '';
      cur = Math.min(st.cur || 0, links.length - 1);
      return true;
    } catch (err) {
      say('Edits stored in this browser do not fit this page and were left unused.', true);
      return false;
    }
  }
  function changedCount() {
    return links.filter(function (l) { return l.edited || (l.status && l.status !== 'chrome'); }).length;
  }

  /* ---------- saving ---------- */
  function tableRows() {
    return links.map(function (l) {
      return { document: DOC, link: kind(l), src_index: range(l.s0, l.s1), tgt_index: range(l.t0, l.t1),
        score: l.score === null ? null : Math.round(l.score * 1000) / 1000, src: joined('s', l.s0, l.s1), tgt: joined('t', l.t0, l.t1),
        status: l.status, review: l.edited ? 'edited' : '', suggest: suggestCell(l) };
    });
  }
  function csvField(v) {
    v = String(v);
    return /[",\r\n]|^\s|\s$/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function asCsv() {
    var head = ['document', 'link', 'src_index', 'tgt_index', 'score', SRC_LANG, TGT_LANG, 'status', 'review', 'suggest'];
    var out = [head.map(csvField).join(',')];
    tableRows().forEach(function (r) {
      out.push([r.document, r.link, r.src_index, r.tgt_index, r.score === null ? '' : r.score.toFixed(3), r.src, r.tgt, r.status, r.review, r.suggest]
        .map(csvField).join(','));
    });
    return '\ufeff' + out.join('\r\n') + '\r\n';
  }
  function asJsonl() {
    return tableRows().map(function (r) {
      var o = { document: r.document, link: r.link, src_index: r.src_index, tgt_index: r.tgt_index, score: r.score };
      o[SRC_LANG] = r.src;
      o[TGT_LANG] = r.tgt;
      o.status = r.status;
      o.review = r.review;
      if (r.suggest) o.suggest = r.suggest;
      return JSON.stringify(o);
    }).join('\n') + '\n';
  }
  function fileName(ext) {
    // Letters of any script stay (a Russian corpus's pages would all save as `_`).
    return (DOC.replace(/[^\p{L}\p{N}_.\-]+/gu, '_') || 'review') + '.reviewed.' + ext;
  }
  function save(format) {
    var name = fileName(format);
    var blob = new Blob([format === 'csv' ? asCsv() : asJsonl()],
      { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
    dirty = false;
    savedAs = name;
    store();
    showBanner();
    say('Saved ' + name + ' (' + links.length + ' rows). Turn it into a memory with: bitext convert ' + name + ' -o memory.tmx', false);
  }
  function revertAll() {
    var same = links.length === original.links.length && changedCount() === 0 &&
      text.s.every(function (t, i) { return t === original.s[i]; }) &&
      text.t.every(function (t, i) { return t === original.t[i]; });
    if (same) return refuse('Nothing to revert: the page shows the alignment as written.');
    var texts = [];
    ['s', 't'].forEach(function (side) {
      text[side].forEach(function (t, i) { if (t !== original[side][i]) texts.push({ side: side, i: i, to: original[side][i] }); });
    });
    perform({ at: 0, del: links.length, ins: original.links.map(copy), texts: texts, what: 'reverted every edit (undo brings them back).' });
  }

  /* ---------- the toolbar, banner and messages ---------- */
  var ACTIONS = [
    ['prev', '\u2191', 'previous link', 'k / \u2191'],
    ['next', '\u2193', 'next link', 'j / \u2193'],
    ['doubt', 'next doubtful', 'next link scoring below ' + FAIR + ' not yet checked', 'n (Shift+N back)'],
    ['merge-prev', 'merge \u2191', 'merge with the previous link', 'Shift+M'],
    ['merge-next', 'merge \u2193', 'merge with the next link', 'm'],
    ['split', 'split', 'split after the selected sentence (or the first one)', 's'],
    ['detach', 'detach', 'make the selected sentence (or the last one) unaligned', 'd'],
    ['attach-prev', 'attach \u2191', 'attach this unaligned sentence to the previous link', 'a'],
    ['attach-next', 'attach \u2193', 'attach this unaligned sentence to the next link', 'Shift+A'],
    ['accept', 'accept', 'mark the link ok', 'o'],
    ['reject', 'reject', 'mark the link reject (left out of the memory)', 'r'],
    ['edit', 'edit text', 'edit both sides, one sentence per line', 'e'],
    ['undo', 'undo', 'undo the last edit', 'z / Ctrl+Z'],
    ['redo', 'redo', 'redo', 'Shift+Z / Ctrl+Y'],
    ['save-csv', 'Save CSV', 'download the corrected review table', 'Ctrl+S'],
    ['save-jsonl', 'Save JSON Lines', 'download the corrected table as JSON Lines', ''],
    ['revert', 'revert all', 'go back to the alignment as written (undoable)', '']
  ];
  var bar = document.createElement('div');
  bar.className = 'editbar';
  bar.id = 'editbar';
  var banner = document.createElement('div');
  banner.id = 'banner';
  banner.className = 'banner';
  banner.setAttribute('role', 'status');
  var buttons = document.createElement('div');
  buttons.className = 'buttons';
  ACTIONS.forEach(function (a) {
    var b = document.createElement('button');
    b.type = 'button';
    b.dataset.act = a[0];
    b.textContent = a[1];
    b.title = a[2] + (a[3] ? ' (' + a[3] + ')' : '');
    buttons.appendChild(b);
  });
  var message = document.createElement('div');
  message.id = 'message';
  message.className = 'message';
  message.setAttribute('aria-live', 'polite');
  bar.appendChild(banner);
  bar.appendChild(buttons);
  bar.appendChild(message);
  var help = document.createElement('details');
  help.className = 'help';
  help.id = 'shortcuts';
  var summary = document.createElement('summary');
  summary.textContent = 'Editing: click a row or a sentence, then use the buttons or these keys (? shows or hides this list)';
  help.appendChild(summary);
  var dl = document.createElement('dl');
  ACTIONS.concat([['', '', 'select the next / previous sentence of the link (for split and detach)', '\u2192 / \u2190'],
    ['', '', 'accept and go to the next doubtful link', 'Enter'],
    ['', '', 'first / last link', 'g / Shift+G'],
    ['', '', 'clear the selected sentence, close the editor', 'Esc']]).forEach(function (a) {
    if (!a[3]) return;
    var dt = document.createElement('dt');
    dt.textContent = a[3];
    var dd = document.createElement('dd');
    dd.textContent = a[2];
    dl.appendChild(dt);
    dl.appendChild(dd);
  });
  var rule = document.createElement('p');
  rule.textContent = 'Every edit keeps each sentence once, in order, on its side; an edit that would not is refused with the reason. ' +
    'Edits are kept in this browser for this document and survive a reload; Save writes a review table that ' +
    '"bitext convert FILE -o memory.tmx" turns into a memory, marking the links you changed or accepted (x-reviewed).';
  help.appendChild(dl);
  help.appendChild(rule);
  table.parentNode.insertBefore(bar, table);
  table.parentNode.insertBefore(help, bar);

  // The table's header sticks just below the editing bar.
  var placing = false;
  function placeHeader() {
    if (placing) return;
    placing = true;
    requestAnimationFrame(function () {
      placing = false;
      table.style.setProperty('--bar', bar.offsetHeight + 'px');
    });
  }
  window.addEventListener('resize', placeHeader);

  function say(text_, bad) {
    placeHeader();
    message.textContent = text_;
    message.className = 'message' + (bad ? ' bad' : '');
  }
  function refuse(why) {
    say(why, true);
    return false;
  }
  function showBanner() {
    placeHeader();
    var n = changedCount();
    banner.textContent = '';
    if (dirty) {
      banner.className = 'banner unsaved';
      banner.textContent = 'Unsaved edits: ' + n + ' link' + (n === 1 ? '' : 's') + ' changed or marked. ' +
        (storeFailed ? 'This browser would not store them: save them to a file now.' : 'They are kept in this browser until you save them to a file.');
    } else if (savedAs) {
      banner.className = 'banner saved';
      banner.textContent = 'Edits saved to ' + savedAs + ' (' + n + ' links changed or marked).';
    } else {
      banner.className = 'banner';
    }
  }

  function act(name) {
    if (!links.length) return refuse('This page has no links.');
    if (editing >= 0 && name !== 'edit') closeEditor();
    switch (name) {
      case 'prev': step(-1); break;
      case 'next': step(1); break;
      case 'doubt': nextDoubtful(1); break;
      case 'doubt-back': nextDoubtful(-1); break;
      case 'merge-prev': merge(-1); break;
      case 'merge-next': merge(1); break;
      case 'split': split(); break;
      case 'detach': detach(); break;
      case 'attach-prev': attach(-1); break;
      case 'attach-next': attach(1); break;
      case 'accept': mark('ok'); break;
      case 'reject': mark('reject'); break;
      case 'edit': openEditor(); break;
      case 'undo': undoLast(); break;
      case 'redo': redoLast(); break;
      case 'save-csv': save('csv'); break;
      case 'save-jsonl': save('jsonl'); break;
      case 'revert': revertAll(); break;
      case 'accept-next':
        if (links[cur].status !== 'ok') mark('ok');
        nextDoubtful(1);
        break;
    }
  }
  // A click on a button leaves the keyboard focus where it was, so Enter stays a shortcut.
  buttons.addEventListener('mousedown', function (e) { e.preventDefault(); });
  buttons.addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (b) act(b.dataset.act);
  });
  tbody.addEventListener('click', function (e) {
    if (e.target.closest('textarea')) return;
    var tr = e.target.closest('tr');
    var k = rows.indexOf(tr);
    if (k < 0) return;
    if (editing >= 0 && editing !== k) closeEditor();
    var span = e.target.closest('span.s');
    select(k, span ? { side: span.dataset.side, i: +span.dataset.i } : null);
  });
  tbody.addEventListener('dblclick', function (e) {
    if (e.target.closest('span.s') && editing < 0) openEditor();
  });
  if (svg) {
    svg.addEventListener('click', function (e) {
      var k = marks.indexOf(e.target.closest('rect.mark'));
      if (k >= 0) { select(k, null); show(k); }
    });
  }
  var KEYS = {
    'j': 'next', 'ArrowDown': 'next', 'k': 'prev', 'ArrowUp': 'prev', 'n': 'doubt', 'N': 'doubt-back',
    'm': 'merge-next', 'M': 'merge-prev', 's': 'split', 'd': 'detach', 'a': 'attach-prev', 'A': 'attach-next',
    'o': 'accept', 'Enter': 'accept-next', 'r': 'reject', 'e': 'edit', 'z': 'undo', 'Z': 'redo'
  };
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    if (t && t.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
    var name = null;
    if (e.ctrlKey || e.metaKey) {
      var low = e.key.toLowerCase();
      if (low === 'z') name = e.shiftKey ? 'redo' : 'undo';
      else if (low === 'y') name = 'redo';
      else if (low === 's') name = 'save-csv';
      else return;
    } else if (e.altKey) {
      return;
    } else if (e.key === '?') {
      help.open = !help.open;
      e.preventDefault();
      return;
    } else if (e.key === 'ArrowRight' || e.key === 'l') {
      cycleSentence(1); e.preventDefault(); return;
    } else if (e.key === 'ArrowLeft' || e.key === 'h') {
      cycleSentence(-1); e.preventDefault(); return;
    } else if (e.key === 'Escape') {
      select(cur, null); say('', false); return;
    } else if (e.key === 'g') {
      select(0, null); show(0); return;
    } else if (e.key === 'G') {
      select(links.length - 1, null); show(links.length - 1); return;
    } else {
      name = KEYS[e.key];
    }
    if (!name) return;
    e.preventDefault();
    act(name);
  });

  var restored = restore();
  if (restored) {
    renderAll();
  } else {
    // The rows and marks as written are the model's: kept, not built again.
    rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (tr) { tr.dataset.review = ''; filterRow(tr); });
    marks = svg ? Array.prototype.slice.call(svg.querySelectorAll('rect.mark')) : [];
    countShown();
  }
  if (!links.length) return;
  select(cur, null);
  help.open = true;
  showBanner();
  if (restored && dirty) say('Restored the edits this browser kept for this page.', false);
  window.bitextEditor = {
    current: function () { return cur; },
    links: function () { return links.map(copy); },
    text: function (side, i) { return text[side][i]; },
    csv: asCsv,
    jsonl: asJsonl
  };
})();
