"""Face analysis: detection, embeddings, tracking and identification on sampled camera frames.

An analysis worker PROCESS (`analysis_worker.py`, spawn) runs dlib detection and embeddings on frames
passed through a shared-memory ring (`frame_ring.py`), so dlib never holds the GUI process's GIL. The
"vision-analysis" thread (`analysis_service.AnalysisService`) takes ~1 fps frames from DecoderPool
taps, submits them (dropping and counting when behind), restarts a dead worker and reports the gap,
runs one `tracker.FaceTracker` per camera and emits `observation.CameraSample`s. The threshold is the
workspace's calibration (`python -m app.vision.calibrate`), else dlib's 0.6. The console composes
this in `live_analysis.LiveAnalysis`; by hand, off the GUI thread:

    service = AnalysisService(pool, [AnalysedCamera(camera.id, stream_id)], AnalysisSettings(threshold=t),
                              on_sample=live_supervision.on_sample, on_status=post, on_gap=record_gap)
    service.start()
    ensure_enrolment_embeddings(database, engine, learner_ids, photo_root)  # per class session
    service.set_roster(camera.id, load_roster(database, learner_ids, engine.embedding_id))
"""
