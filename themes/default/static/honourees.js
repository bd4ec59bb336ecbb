/* Sắp xếp danh sách khen thưởng: theo thứ tự quyết định (data-stt) hoặc theo tên (data-rank-name).
   Trang vẫn dùng được đầy đủ khi không có JavaScript: nút sắp xếp chỉ hiện khi script này chạy. */
(function () {
  'use strict';
  // Mỗi người có một ô "Thành tích" thu gọn (<details>) để trên điện thoại danh sách ngắn; màn hình
  // rộng và bản in thì mở hết.
  var more = document.querySelectorAll('details.honour-more');
  function openAll() {
    Array.prototype.forEach.call(more, function (d) { d.open = true; });
  }
  if (window.matchMedia && window.matchMedia('(min-width: 48rem)').matches) {
    openAll();
    // Trong bảng, cột đã có tiêu đề "Thành tích": không cần nút mở.
    Array.prototype.forEach.call(more, function (d) { d.classList.add('is-open-wide'); });
  }
  window.addEventListener('beforeprint', openAll);
  var controls = document.querySelectorAll('.sort-control[data-table]');
  Array.prototype.forEach.call(controls, function (ctl) {
    var table = document.getElementById(ctl.getAttribute('data-table'));
    if (!table || !table.tBodies.length) return;
    var tbody = table.tBodies[0];
    var status = ctl.querySelector('[data-status]');
    var buttons = ctl.querySelectorAll('button[data-sort]');
    var nameHeader = table.querySelector('thead th[data-col="name"]');
    var sttHeader = table.querySelector('thead th.c-stt');

    function num(row, attr) {
      var v = Number(row.getAttribute(attr));
      return isNaN(v) ? Infinity : v;
    }

    function sortBy(key, announce) {
      var attr = 'data-' + key;
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        return (num(a, attr) - num(b, attr)) || (num(a, 'data-stt') - num(b, 'data-stt'));
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      tbody.appendChild(frag);
      Array.prototype.forEach.call(buttons, function (b) {
        b.setAttribute('aria-pressed', String(b.getAttribute('data-sort') === key));
      });
      if (nameHeader && sttHeader) {
        var byName = key === 'rank-name';
        nameHeader.setAttribute('aria-sort', byName ? 'ascending' : 'none');
        sttHeader.setAttribute('aria-sort', byName ? 'none' : 'ascending');
      }
      if (announce && status) {
        status.textContent = status.getAttribute('data-msg-' + key) || '';
      }
    }

    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener('click', function () {
        sortBy(b.getAttribute('data-sort'), true);
      });
    });
    sortBy('stt', false);
    ctl.hidden = false;
  });
})();
