/* Bản in: đưa dòng "Bản in từ trang …, in ngày …" (base.html, .print-meta) lên đầu mọi trang in,
   qua biến CSS --print-line mà style.css đặt vào lề trên của trang A4 (@page @top-right).
   Không có script thì dòng đó vẫn in một lần ở cuối bản in. */
(function () {
  'use strict';
  var meta = document.querySelector('.print-meta');
  if (!meta) return;
  var root = document.documentElement;
  function fill() {
    var line = meta.textContent.replace(/\s+/g, ' ').trim();
    root.style.setProperty('--print-line', JSON.stringify(line));
    root.classList.add('has-print-line');
  }
  fill();
  window.addEventListener('beforeprint', fill);
})();
