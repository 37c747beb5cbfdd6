// A download of many rows shows its progress: the file is fetched here, the bytes received
// counted against its size where the server knows it, then saved under the link's file name.
// Without JavaScript, or when the fetch fails, the link downloads as any link does.
(function () {
  "use strict";

  function kilobytes(bytes, locale) {
    return Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale);
  }

  function say(status, template, values) {
    status.hidden = false;
    status.querySelector("[data-download-text]").textContent = template.replace(
      /\{(\w+)\}/g,
      (_all, name) => values[name]
    );
  }

  async function fetchWithProgress(link, status) {
    const bar = status.querySelector("progress");
    const locale = document.documentElement.lang === "bn" ? "bn-BD" : "en-US";
    say(status, status.dataset.preparing, { file: link.textContent.trim() });
    bar.removeAttribute("value");
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok || !response.body) throw new Error(String(response.status));
    const size = Number(response.headers.get("Content-Length")) || 0;
    if (size) bar.max = size;
    const reader = response.body.getReader();
    const parts = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.length;
      if (size) bar.value = received;
      say(status, status.dataset.received, { size: kilobytes(received, locale) });
    }
    const blob = new Blob(parts, { type: response.headers.get("Content-Type") || "" });
    const name = (response.headers.get("Content-Disposition") || "").match(/filename="?([^";]+)"?/);
    const save = document.createElement("a");
    save.href = URL.createObjectURL(blob);
    save.download = name ? name[1] : "";
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 60000);
    bar.max = 1;
    bar.value = 1;
    say(status, status.dataset.done, { size: kilobytes(received, locale) });
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-download]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const status = document.getElementById(link.dataset.download);
    if (!status || !window.fetch || !window.ReadableStream) return;
    event.preventDefault();
    fetchWithProgress(link, status).catch(() => {
      status.hidden = true;
      window.location.href = link.href;
    });
  });
})();
