"""Serve the preview with MkDocs' live-reload server: pages reload themselves after each save, and a
mistake in the sources shows as a banner over the last good page (and in the terminal)."""

from __future__ import annotations

import html
import sys
import time

from mkdocs.livereload import LiveReloadServer, _timestamp

from . import Outcome, Preview

BANNER = ('<div role="alert" style="position:fixed;inset:auto 0 0 0;z-index:10;max-height:50vh;overflow:auto;'
          'margin:0;padding:1em;background:#fff3f3;color:#5c0000;border-top:4px solid #b00020;'
          'font:14px/1.4 monospace;white-space:pre-wrap">Preview not updated: {}\n\nThe page shows the last '
          'version that built. Save the file again once it is fixed.</div>')


class PreviewServer(LiveReloadServer):
    """MkDocs' server for the preview's site, rebuilding through `preview` on every save."""

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        super().__init__(builder=self.rebuild, host=host, port=port, root=str(preview.out), polling_interval=0.1)
        self.build_delay = 0.05  # wait this long for a save's other writes
        self.preview = preview
        self.problems = ""
        for folder in preview.watched():
            self.watch(str(folder))

    def rebuild(self) -> None:
        outcome = self.preview.update(show=self._show, interrupted=lambda: self._want_rebuild)
        if outcome.problems:
            self._report(outcome)
        elif outcome.complete:
            print(f"Preview: {len(outcome.complete)} more pages updated ({outcome.seconds:.1f} s).", file=sys.stderr, flush=True)
        self._wanted_epoch = _timestamp()  # the browser reloads again when the server's loop publishes this

    def _show(self, outcome: Outcome) -> None:
        """After the quick step: show the problems, or publish the pages already updated."""
        if outcome.problems:
            return
        self.problems = ""
        print(f"Preview: {len(outcome.quick)} pages updated in {outcome.seconds:.2f} s; updating the rest.",
              file=sys.stderr, flush=True)
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()
        time.sleep(0.001)  # let the epoch advance before the complete step's own

    def _report(self, outcome: Outcome) -> None:
        self.problems = outcome.problems
        print(f"\n{outcome.problems}\nThe preview keeps the last good pages until this is fixed.\n", file=sys.stderr, flush=True)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        banner = BANNER.format(html.escape(self.problems)).encode()
        end = content.rindex(b"</body>")
        return content[:end] + banner + content[end:]
