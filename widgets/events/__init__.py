"""The Events pane's parts: table model, filter bar, detail panel, thumbnails."""
