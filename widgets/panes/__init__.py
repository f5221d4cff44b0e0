"""The console's dockable panes. Each pane is a `Pane` and follows the county tree via `set_scope`."""
