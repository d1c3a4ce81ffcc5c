// agentdex serve: reloads the page when the site has been rebuilt. Only `agentdex serve` adds
// this script to pages; built sites never load it.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? new URL(script.src).searchParams.get("v") || "0" : "0";
  var events = new EventSource("/__agentdex/events?v=" + encodeURIComponent(version));
  events.addEventListener("reload", function () {
    events.close();
    window.location.reload();
  });
})();
