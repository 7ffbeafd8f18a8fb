// huibian serve: reload the page when the site is rebuilt, keeping the reader's place. The
// stream names the page shown, so that after an edit the server renders it first.
(function () {
  var key = "huibian-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  var events = new EventSource("/__huibian/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
})();
