#!/usr/bin/python3
"""Why: a real XDND drag source for the end-to-end tests: a small GTK window at the top-left of
the display whose button offers one file URI when dragged, as a file manager would. It prints
"ready" once shown and exits when the drag ends."""

import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

uri = sys.argv[1]

window = Gtk.Window(title="coffer-drag-source")
window.set_default_size(120, 120)
window.move(0, 0)
button = Gtk.Button(label="drag me")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()
button.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris([uri]))
button.connect("drag-end", lambda *_args: Gtk.main_quit())
window.add(button)
window.connect("map-event", lambda *_args: print("ready", flush=True))
window.show_all()
Gtk.main()
