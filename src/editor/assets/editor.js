// thidua's editing room: the Markdown toolbar, photo upload, autosave to the draft copy, the
// live preview and the warning before leaving with unsaved changes. The text area is never
// rewritten while someone types: the toolbar inserts at the cursor with setRangeText, and
// nothing runs while an input method (Unikey, Telex) is composing a letter.
"use strict";
(function () {
  var csrf = document.body.getAttribute("data-csrf") || "";
  function send(url, body, type) {
    var headers = { "X-CSRF-Token": csrf };
    if (type) { headers["Content-Type"] = type; }
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: headers })
      .then(function (r) {
        if (!r.ok) { return r.text().then(function (t) { throw new Error(t); }); }
        return r.json();
      });
  }

  // A Word document becomes a new post (the "New post" page).
  var docx = document.getElementById("docx-form");
  if (docx) {
    docx.addEventListener("submit", function (e) {
      e.preventDefault();
      var file = document.getElementById("docx").files[0];
      var out = document.getElementById("docx-status");
      if (!file) { return; }
      out.textContent = "…";
      var section = document.getElementById("docx-section").value;
      send("/docx?section=" + encodeURIComponent(section), file, "application/octet-stream")
        .then(function (j) { window.location = j.location; })
        .catch(function (err) { out.textContent = String(err.message || err); });
    });
  }

  // Publishing runs in the background: its page follows the steps from /publish/status and
  // shows the result (rendered by the server) once it is done.
  var publishing = document.querySelector('#publish[data-publish="running"]');
  if (publishing) {
    var bar = document.getElementById("publish-bar");
    var said = document.getElementById("publish-text");
    var again = document.getElementById("publish-again");
    if (again) { again.hidden = true; }
    var poll = function () {
      fetch("/publish/status", { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (!j.running) { window.location.reload(); return; }
          if (said && said.textContent !== j.text) { said.textContent = j.text; }
          if (bar && j.total) { bar.max = j.total; bar.value = j.done; }
          var items = publishing.querySelectorAll("ol.steps li");
          for (var i = 0; i < items.length; i++) {
            var n = Number(items[i].getAttribute("data-step"));
            items[i].className = n < j.step ? "done" : (n === j.step ? "now" : "todo");
            if (n === j.step) { items[i].setAttribute("aria-current", "step"); }
            else { items[i].removeAttribute("aria-current"); }
          }
          setTimeout(poll, 400);
        })
        .catch(function () { if (again) { again.hidden = false; } setTimeout(poll, 2000); });
    };
    setTimeout(poll, 200);
  }

  var form = document.getElementById("post-form");
  if (!form) { return; }
  var body = document.getElementById("body");
  var status = document.getElementById("autosave");
  var frame = document.getElementById("preview");
  var post = form.querySelector("input[name=p]").value;
  var dirty = false, composing = false, timer = null;

  function insert(before, after, placeholder) {
    var s = body.selectionStart, e = body.selectionEnd;
    var chosen = body.value.slice(s, e) || placeholder || "";
    body.focus();
    body.setRangeText(before + chosen + (after || ""), s, e, "end");
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }
  var figure = document.getElementById("figure-id");
  var actions = {
    bold: function () { insert("**", "**", "chữ đậm"); },
    italic: function () { insert("*", "*", "chữ nghiêng"); },
    heading: function () { insert("\n## ", "\n", "Tiêu đề mục"); },
    list: function () { insert("\n- ", "\n- \n", "Ý thứ nhất"); },
    link: function () { insert("[", "](https://)", "chữ của liên kết"); },
    image: function () { document.getElementById("photo").click(); },
    table: function () { insert("\n| Cột 1 | Cột 2 |\n|---|---|\n| ", " | |\n", "ô"); },
    figure: function () {
      var id = figure && figure.value ? figure.value : "ho-so-dung-han";
      insert("{{ chi_tieu(id=\"" + id + "\") }}", "", "");
    }
  };
  document.querySelectorAll("[data-md]").forEach(function (b) {
    b.addEventListener("click", function () { actions[b.getAttribute("data-md")](); });
  });

  function say(text) { if (status) { status.textContent = text; } }
  // What became of photos and pasted pictures: its own line, which autosave does not replace.
  var photoStatus = document.getElementById("photo-status");
  function sayPhoto(text) { if (photoStatus) { photoStatus.textContent = text; } else { say(text); } }
  function autosave() {
    if (composing) { schedule(); return; }
    var data = new URLSearchParams(new FormData(form));
    fetch("/autosave", {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf }
    }).then(function (r) { return r.json(); }).then(function (j) {
      say(j.saved ? "Đã tự lưu bản nháp" : "Chưa tự lưu được");
      if (frame) { frame.src = "/preview?p=" + encodeURIComponent(post) + "&t=" + Date.now(); }
    }).catch(function () { say("Chưa tự lưu được"); });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(autosave, 2000); }
  form.addEventListener("input", function () { dirty = true; schedule(); });
  body.addEventListener("compositionstart", function () { composing = true; });
  body.addEventListener("compositionend", function () { composing = false; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });

  function upload(file) {
    return send("/upload?p=" + encodeURIComponent(post) + "&name=" + encodeURIComponent(file.name || "anh.png"), file, file.type)
      .then(function (j) { return j.name; });
  }
  // Photos picked or dropped: each asked for its description (alt), uploaded into the post's
  // folder, and named at the cursor.
  // Several at once go in one after another, in the order chosen.
  function addPhotos(files) {
    var list = Array.prototype.slice.call(files);
    var alts = list.map(function (file) {
      return window.prompt("Mô tả ảnh “" + file.name + "” cho người không xem được ảnh (alt):", "") || "";
    });
    list.reduce(function (done, file, i) {
      return done.then(function () {
        return upload(file).then(function (name) {
          insert("\n![" + alts[i].replace(/[\[\]]/g, "") + "](" + name + ")\n", "", "");
        }).catch(function (err) { sayPhoto(String(err.message || err)); });
      });
    }, Promise.resolve());
  }
  var photo = document.getElementById("photo");
  if (photo) {
    photo.addEventListener("change", function () {
      addPhotos(photo.files);
      photo.value = "";
    });
  }
  // Dragged from a folder onto the text: the photos are added at the cursor (other
  // files are left to the browser, which refuses them; text dropped stays text).
  function draggedFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") >= 0;
  }
  body.addEventListener("dragover", function (e) {
    if (draggedFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; }
  });
  body.addEventListener("drop", function (e) {
    if (!draggedFiles(e)) { return; }
    e.preventDefault();
    var photos = Array.prototype.filter.call(e.dataTransfer.files, function (f) {
      return /^image\/(jpeg|png|webp)$/.test(f.type);
    });
    if (photos.length < e.dataTransfer.files.length) {
      sayPhoto("Chỉ thêm được ảnh JPEG, PNG hoặc WebP.");
    }
    addPhotos(photos);
  });

  // The cover picker: a new photo is uploaded into the post's folder and chosen at once.
  var coverUpload = document.getElementById("cover-upload");
  var covers = document.querySelector("ul.covers");
  if (coverUpload && covers) {
    coverUpload.addEventListener("change", function () {
      var file = coverUpload.files[0];
      var said = document.getElementById("cover-status");
      if (!file) { return; }
      upload(file).then(function (name) {
        var id = "image-new-" + covers.children.length;
        var li = document.createElement("li");
        var input = document.createElement("input");
        input.type = "radio"; input.name = "image"; input.id = id;
        input.value = (coverUpload.getAttribute("data-base") || "") + name;
        var label = document.createElement("label");
        label.htmlFor = id;
        var img = document.createElement("img");
        img.src = "/photo?p=" + encodeURIComponent(post) + "&name=" + encodeURIComponent(name);
        img.alt = ""; img.width = 160; img.height = 120;
        var span = document.createElement("span");
        span.textContent = name;
        label.appendChild(img); label.appendChild(span);
        li.appendChild(input); li.appendChild(label);
        covers.appendChild(li);
        input.checked = true;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        if (said) { said.textContent = "Đã tải lên và chọn " + name; }
      }).catch(function (err) { if (said) { said.textContent = String(err.message || err); } });
      coverUpload.value = "";
    });
  }

  // Pasting from Word or a web page: its HTML becomes Markdown at the cursor (headings, bold,
  // italic, lists, links, tables); its pictures are uploaded first and named in their place.
  // Plain text pastes as the browser pastes it.
  body.addEventListener("paste", function (e) {
    var cd = e.clipboardData;
    var html = cd && cd.getData("text/html");
    if (!html) { return; }
    e.preventDefault();
    // Only photos the room keeps; one that fails to upload leaves an empty name (its picture
    // is left out and counted), never the whole paste lost.
    var files = Array.prototype.filter.call(cd.files || [], function (f) { return /^image\/(jpeg|png|webp)$/.test(f.type); });
    Promise.all(files.map(function (f) { return upload(f).catch(function () { return ""; }); })).then(function (names) {
      return send("/paste?p=" + encodeURIComponent(post) + "&names=" + encodeURIComponent(names.join("\n")),
        html, "text/html; charset=utf-8");
    }).then(function (j) {
      var s = body.selectionStart, en = body.selectionEnd;
      body.setRangeText(j.markdown, s, en, "end");
      body.dispatchEvent(new Event("input", { bubbles: true }));
      sayPhoto(j.note || "");
    })
      .catch(function (err) { sayPhoto(String(err.message || err)); });
  });
})();

// Data forms (Số liệu, Khen thưởng): a warning before leaving with figures typed but not saved,
// and the first field with a problem focused, so the person lands next to what to fix.
(function () {
  var form = document.querySelector("form.data-form");
  if (!form) { return; }
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
  var wrong = form.querySelector("[aria-invalid=true]");
  if (wrong) { wrong.focus(); }
})();

// Next month's export (an indicator fed by a table): the file is sent as the body, and the
// figures before and after come back to be read before saving.
(function () {
  var form = document.getElementById("export-form");
  if (!form) { return; }
  var csrf = document.body.getAttribute("data-csrf") || "";
  var out = document.getElementById("export-status");
  var result = document.getElementById("export-result");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var file = document.getElementById("export-file").files[0];
    if (!file) { return; }
    out.textContent = "…";
    var url = "/data/export?table=" + encodeURIComponent(form.getAttribute("data-table")) +
      "&id=" + encodeURIComponent(form.getAttribute("data-id"));
    fetch(url, { method: "POST", body: file, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": "application/octet-stream" } })
      .then(function (r) {
        if (!r.ok) { return r.text().then(function (t) { throw new Error(t); }); }
        return r.json();
      })
      .then(function (j) { out.textContent = ""; result.innerHTML = j.html; result.scrollIntoView(); })
      .catch(function (err) { out.textContent = String(err.message || err); });
  });
})();
