/* Tìm kiếm trên trang (trang /tim-kiem/): đọc chỉ mục tĩnh mà thidua tạo trong thư mục search/
   (định dạng mô tả ở đầu src/search.rs) và tìm ngay trong trình duyệt, không gửi gì ra ngoài.

   - Không phân biệt dấu: từ khóa và chỉ mục được "gấp" như nhau (NFD, bỏ dấu, đ→d, chữ thường),
     nên "hai long" tìm thấy "hài lòng". Kết quả khớp đúng dấu của từ khóa được xếp trước.
   - Chỉ tải phần chỉ mục cần cho từ khóa: meta.json, các tệp idx-*.json của các từ, và các tệp
     docs-*.json của những kết quả được hiển thị.
   - Nội dung trang chỉ được đưa vào bằng textContent / createElement (không dùng innerHTML).
   - window.thiduaSearch.search(q) trả về kết quả (dùng cho kiểm thử và bench/search.py). */
(function () {
  'use strict';

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/gu;
  var MAX_TERMS = 10;
  var MAX_TOKEN_CHARS = 40;
  var PAGE_SIZE = 10;
  // Field bits (meta.json "fields") and their weights: a title match outranks any other.
  var FIELD_WEIGHTS = { title: 10, tags: 4, description: 2, body: 1 };

  function fold(s) {
    return s.normalize('NFD').replace(MARK, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  /** The query's words: {orig (NFC, lower case), fold, marked (has diacritics), prefix}. */
  function parseQuery(query) {
    var words = query.normalize('NFC').toLowerCase().match(WORD) || [];
    var terms = [];
    var seen = Object.create(null);
    words.forEach(function (w) {
      if (Array.from(w).length > MAX_TOKEN_CHARS || terms.length >= MAX_TERMS || has(seen, w)) return;
      seen[w] = true;
      var f = fold(w);
      if (f) terms.push({ orig: w, fold: f, marked: w !== f, prefix: false });
    });
    var last = terms[terms.length - 1];
    if (last && last.fold.length >= 2) last.prefix = true;
    return terms;
  }

  function Index(base) {
    this.base = base;
    this.files = {};
    this.meta = null;
  }

  Index.prototype.load = function (file) {
    if (!has(this.files, file)) {
      this.files[file] = fetch(this.base + file, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(file + ': HTTP ' + r.status);
        return r.json();
      });
      var files = this.files;
      files[file].catch(function () {
        delete files[file]; // try again next time
      });
    }
    return this.files[file];
  };

  Index.prototype.loadMeta = function () {
    var self = this;
    return this.load('meta.json').then(function (meta) {
      if (meta.version !== 1) throw new Error('search/meta.json: unknown version ' + meta.version);
      if (!self.meta) {
        self.meta = meta;
        self.weights = [];
        for (var mask = 0; mask < 16; mask++) {
          var w = 0;
          Object.keys(FIELD_WEIGHTS).forEach(function (name) {
            if (mask & meta.fields[name]) w += FIELD_WEIGHTS[name];
          });
          self.weights.push(w);
        }
      }
      return meta;
    });
  };

  /** The shard file holding `token`: the longest key that is a prefix of it. */
  Index.prototype.shardOf = function (token) {
    var shards = this.meta.shards;
    for (var k = token.length; k >= 0; k--) {
      var key = token.slice(0, k);
      if (has(shards, key)) return shards[key];
    }
    return null;
  };

  /** Every shard file that can hold tokens starting with `prefix`. */
  Index.prototype.shardsWithPrefix = function (prefix) {
    var shards = this.meta.shards;
    var files = [];
    var own = this.shardOf(prefix);
    if (own) files.push(own);
    Object.keys(shards).forEach(function (key) {
      if (key.length > prefix.length && key.slice(0, prefix.length) === prefix) files.push(shards[key]);
    });
    return files;
  };

  /** Per document: {score, exact} of one query word. */
  Index.prototype.match = function (term, shards) {
    var weights = this.weights;
    var found = new Map();
    function add(token, spellings) {
      var whole = token === term.fold;
      var factor = whole ? 1 : 0.5;
      Object.keys(spellings).forEach(function (spelling) {
        var exact = term.marked && (whole ? spelling === term.orig : spelling.slice(0, term.orig.length) === term.orig);
        var list = spellings[spelling];
        var id = 0;
        for (var i = 0; i < list.length; i++) {
          var x = list[i];
          id += Math.floor(x / 16);
          var score = weights[x % 16] * factor;
          var hit = found.get(id);
          if (!hit) {
            found.set(id, { score: score, exact: exact });
          } else {
            if (score > hit.score) hit.score = score;
            if (exact) hit.exact = true;
          }
        }
      });
    }
    shards.forEach(function (shard) {
      if (term.prefix) {
        Object.keys(shard).forEach(function (token) {
          if (token.slice(0, term.fold.length) === term.fold) add(token, shard[token]);
        });
      } else if (has(shard, term.fold)) {
        add(term.fold, shard[term.fold]);
      }
    });
    return found;
  };

  /** Ranks the documents that match every word of `query`; loads the records of the first
   *  `limit`. Resolves to {terms, total, hits: [{id, score, exact, doc}]}. */
  Index.prototype.search = function (query, limit) {
    var self = this;
    var terms = parseQuery(query);
    if (!terms.length) return Promise.resolve({ terms: terms, total: 0, hits: [] });
    return this.loadMeta().then(function () {
      var perTerm = terms.map(function (t) {
        var files = t.prefix ? self.shardsWithPrefix(t.fold) : [self.shardOf(t.fold)].filter(Boolean);
        return Promise.all(files.map(function (f) { return self.load(f); }));
      });
      return Promise.all(perTerm);
    }).then(function (shardsPerTerm) {
      var matches = terms.map(function (t, i) { return self.match(t, shardsPerTerm[i]); });
      var order = matches.slice().sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      order[0].forEach(function (first, id) {
        var score = 0;
        var exact = 0;
        for (var i = 0; i < matches.length; i++) {
          var m = matches[i].get(id);
          if (!m) return;
          score += m.score;
          if (m.exact) exact++;
        }
        hits.push({ id: id, score: score, exact: exact, doc: null });
      });
      hits.sort(function (a, b) {
        return b.exact - a.exact || b.score - a.score || a.id - b.id;
      });
      var result = { terms: terms, total: hits.length, hits: hits };
      return self.records(hits.slice(0, limit === undefined ? PAGE_SIZE : limit)).then(function () {
        return result;
      });
    });
  };

  /** Fills in `hit.doc` ({id, title, url, date, snippet}) for each hit. */
  Index.prototype.records = function (hits) {
    var self = this;
    return this.loadMeta().then(function (meta) {
      var per = meta.docs_per_file;
      return Promise.all(hits.map(function (h) {
        return self.load('docs-' + Math.floor(h.id / per) + '.json').then(function (docs) {
          h.doc = docs[h.id % per];
        });
      }));
    });
  };

  // ------------------------------------------------------------------------------ the page

  /** Appends `text` to `parent`, with the words that match a query word in <mark>. */
  function highlight(parent, text, terms) {
    var re = new RegExp(WORD.source, 'gu');
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      var f = fold(m[0]);
      var hit = terms.some(function (t) {
        return f === t.fold || (t.prefix && f.slice(0, t.fold.length) === t.fold);
      });
      if (!hit) continue;
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      parent.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** "2023-08-09" → "09/08/2023" (DOMAIN: dd/mm/yyyy, zero-padded). */
  function dateText(iso) {
    var p = iso.split('-');
    return p.length === 3 ? p[2] + '/' + p[1] + '/' + p[0] : iso;
  }

  function groupDigits(n) {
    var sep = (document.documentElement.lang || '').slice(0, 2) === 'vi' ? '.' : ',';
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, k) {
      return has(values, k) ? values[k] : all;
    });
  }

  function hitItem(hit, terms) {
    var doc = hit.doc;
    var li = document.createElement('li');
    li.className = 'search-hit';
    var h = document.createElement('h2');
    h.className = 'search-hit-title';
    var a = document.createElement('a');
    a.href = doc.url;
    highlight(a, doc.title, terms);
    h.appendChild(a);
    li.appendChild(h);
    if (doc.date) {
      var meta = document.createElement('p');
      meta.className = 'search-hit-meta';
      var time = document.createElement('time');
      time.dateTime = doc.date;
      time.textContent = dateText(doc.date);
      meta.appendChild(time);
      li.appendChild(meta);
    }
    if (doc.snippet) {
      var p = document.createElement('p');
      p.className = 'search-hit-snippet';
      highlight(p, doc.snippet, terms);
      li.appendChild(p);
    }
    return li;
  }

  function setUp(region) {
    var form = document.querySelector('[data-search-form]');
    var input = form && form.querySelector('input[name="q"]');
    var status = region.querySelector('[data-search-status]');
    var list = region.querySelector('[data-search-list]');
    if (!form || !input || !status || !list) return;
    var msg = function (name) { return region.getAttribute('data-msg-' + name) || ''; };
    var api = window.thiduaSearch;
    var more = null;
    var run = 0;

    function clear() {
      list.textContent = '';
      if (more) {
        more.remove();
        more = null;
      }
    }

    function show(result, from, focusFirst) {
      var upto = Math.min(result.total, from + PAGE_SIZE);
      var frag = document.createDocumentFragment();
      var firstLink = null;
      for (var i = from; i < upto; i++) {
        var item = hitItem(result.hits[i], result.terms);
        if (!firstLink) firstLink = item.querySelector('a');
        frag.appendChild(item);
      }
      list.appendChild(frag);
      if (focusFirst && firstLink) firstLink.focus();
      if (upto < result.total) {
        if (!more) {
          more = document.createElement('button');
          more.type = 'button';
          more.className = 'button button-outline search-more';
          more.textContent = msg('more');
          list.after(more);
        }
        more.onclick = function () {
          var mine = run;
          more.disabled = true;
          api.index.records(result.hits.slice(upto, upto + PAGE_SIZE)).then(function () {
            if (mine !== run) return;
            more.disabled = false;
            show(result, upto, true);
          }, function () {
            more.disabled = false;
            status.textContent = msg('error');
          });
        };
      } else if (more) {
        more.remove();
        more = null;
      }
    }

    function searchFor(q) {
      var mine = ++run;
      clear();
      if (!q.trim()) {
        status.textContent = msg('empty');
        return Promise.resolve();
      }
      status.textContent = msg('loading');
      region.setAttribute('aria-busy', 'true');
      return api.index.search(q, PAGE_SIZE).then(function (result) {
        if (mine !== run) return;
        region.removeAttribute('aria-busy');
        var values = { n: groupDigits(result.total), q: q.trim() };
        status.textContent = fill(msg(result.total ? 'count' : 'none'), values);
        if (result.total) show(result, 0, false);
      }, function () {
        if (mine !== run) return;
        region.removeAttribute('aria-busy');
        status.textContent = msg('error');
      });
    }

    function fromUrl() {
      var q = new URLSearchParams(window.location.search).get('q') || '';
      input.value = q;
      return searchFor(q);
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = input.value;
      var url = new URL(window.location.href);
      if (q.trim()) url.searchParams.set('q', q.trim());
      else url.searchParams.delete('q');
      if (url.href !== window.location.href) window.history.pushState(null, '', url.href);
      searchFor(q);
    });
    window.addEventListener('popstate', fromUrl);
    // meta.json is preloaded by the page (<link rel="preload">): read it now in any case.
    api.index.loadMeta().catch(function () {});
    fromUrl();
  }

  window.thiduaSearch = {
    /** Runs a query on a fresh or shared index: {terms, total, hits}. */
    search: function (q, limit) {
      return window.thiduaSearch.index.search(q, limit);
    },
    /** Forgets every loaded file (the next query is "cold" again). */
    reset: function () {
      window.thiduaSearch.index = new Index(window.thiduaSearch.index.base);
    },
    index: null,
    fold: fold,
  };

  var region = document.getElementById('search-results');
  window.thiduaSearch.index = new Index((region && region.getAttribute('data-index')) || 'search/');
  if (region) setUp(region);
})();
