"""Face analysis: detection, embeddings, tracking and identification on sampled camera frames.

Processes and threads (see docs/architecture.md):
- analysis worker PROCESS (`analysis_worker.py`, spawn context): dlib detection + embeddings, fed
  through a shared-memory ring (`frame_ring.py`), so dlib never holds the GUI process's GIL;
- "vision-analysis" thread (`analysis_service.AnalysisService`): takes ~1 fps frames from DecoderPool
  taps, submits them (dropping and counting when the worker is behind), restarts a dead worker and
  reports the gap, runs one `tracker.FaceTracker` per camera, and emits `observation.CameraSample`s.

Wiring: the console composes all of this in `live_analysis.LiveAnalysis` (built by app/bootstrap.py,
fed the wall's DecoderPool and page by widgets/video_wall/wall_streams.py); by hand it looks like:

    service = AnalysisService(pool, [AnalysedCamera(camera.id, stream_id)], AnalysisSettings(threshold=t),
                              on_sample=live_supervision.on_sample, on_status=wall_bridge.post,
                              on_gap=record_gap)
    service.start()
    # per class session, off the GUI thread (dlib): embed missing enrolment photos, then load
    engine = DlibFaceEngine()
    ensure_enrolment_embeddings(database, engine, learner_ids, photo_root)
    service.set_roster(camera.id, load_roster(database, learner_ids, engine.embedding_id))
    ...
    service.stop()

The threshold: `calibration.load_threshold(database, embedding_id)` when the workspace was
calibrated (`python -m app.vision.calibrate`), else dlib's customary 0.6. Online study photos:
`photo_quality.PhotoScorer(engine, threshold).score_photo(image, enrolment_embeddings)`.
"""
