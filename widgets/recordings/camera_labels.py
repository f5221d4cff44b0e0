"""How the Recordings pane names a camera: "site · classroom · camera"."""

from __future__ import annotations

from app.domain.geography import Workspace


def camera_labels(workspace: Workspace) -> dict[int, str]:
    rooms = {r.id: r for r in workspace.classrooms}
    sites = {s.id: s for s in workspace.sites}
    labels = {}
    for camera in workspace.cameras:
        room = rooms.get(camera.classroom_id)
        site = sites.get(room.site_id) if room is not None else None
        parts = [site.name if site else "", room.name if room else "", camera.name]
        labels[camera.id] = " · ".join(p for p in parts if p)
    return labels
