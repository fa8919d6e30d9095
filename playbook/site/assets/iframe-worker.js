/*
 * A stand-in for Web Workers on pages opened from disk, for the offline copy.
 *
 * Material for MkDocs runs its search in a Web Worker. Browsers refuse to
 * start a worker from a file:// page, so Material's offline plugin adds a
 * shim that runs the worker's script in a hidden iframe instead, and loads
 * that shim from a CDN unless the project provides one. This is the
 * project's own: nothing is fetched from another host.
 *
 * The worker script sees the globals a worker has: addEventListener for
 * messages from the page, postMessage to answer, importScripts to load more
 * scripts (it returns a promise here, which Material's worker awaits).
 * Material's worker checks for `IFrameWorker` in its parent to find its
 * language files next to its own script.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function later(fn) {
    window.setTimeout(fn, 0);
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.pending = [];
      this.loaded = false;
      const iframe = document.createElement("iframe");
      iframe.hidden = true;
      iframe.tabIndex = -1;
      iframe.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(iframe);
      this.iframe = iframe;

      const scope = iframe.contentWindow;
      const doc = scope.document;
      doc.open();
      doc.write("<!DOCTYPE html><html><head></head><body></body></html>");
      doc.close();

      const worker = this;
      // The worker answers through the page's listeners, asynchronously, as a real worker does.
      scope.postMessage = function (data) {
        later(() => worker.emit("message", data));
      };
      scope.importScripts = function (...urls) {
        return urls.reduce(
          (previous, src) =>
            previous.then(
              () =>
                new Promise((resolve, reject) => {
                  const script = doc.createElement("script");
                  script.src = new URL(src, location.href).href;
                  script.onload = () => resolve();
                  script.onerror = () => reject(new Error(`cannot load ${src}`));
                  doc.head.appendChild(script);
                }),
            ),
          Promise.resolve(),
        );
      };

      const script = doc.createElement("script");
      script.src = new URL(url, location.href).href;
      script.onload = () => {
        worker.loaded = true;
        for (const data of worker.pending.splice(0)) worker.deliver(data);
      };
      script.onerror = () => later(() => worker.emit("error", new Error(`cannot load ${url}`)));
      doc.body.appendChild(script);
    }

    emit(type, data) {
      const event = type === "message" ? new MessageEvent("message", { data }) : new ErrorEvent("error", { error: data });
      this.dispatchEvent(event);
      const handler = type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }

    deliver(data) {
      const scope = this.iframe.contentWindow;
      later(() => scope.dispatchEvent(new scope.MessageEvent("message", { data })));
    }

    postMessage(data) {
      if (this.loaded) this.deliver(data);
      else this.pending.push(data);
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
