<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Liangjiao Console</source>
        <translation>About Liangjiao Console</translation>
    </message>
    <message>
        <source>development build</source>
        <translation>development build</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>not reported</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Schema revision:</source>
        <translation>Schema revision:</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AnalysisGapLabel</name>
    <message>
        <source>Analysis gaps today: %1, total %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in which face analysis did not run (a worker crash or hang, enrolment failing, analysis switched off); it is not counted as watched time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · switched off since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · paused since %1, restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current gap: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>Sign-ins</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation>Completions</translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation>Spot-checks</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Subject contains, e.g. completion:12</source>
        <translation>Subject contains, e.g. completion:12</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Verify chain</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Only the duty manager and the supervisory post read the audit log.</source>
        <translation>Only the duty manager and the supervisory post read the audit log.</translation>
    </message>
    <message>
        <source>No database: the audit log is not available.</source>
        <translation>No database: the audit log is not available.</translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation>Could not read the audit log: %1</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>Verifying the chain…</translation>
    </message>
    <message>
        <source>Chain intact: %1 entries checked, last #%2.</source>
        <translation>Chain intact: %1 entries checked, last #%2.</translation>
    </message>
    <message>
        <source>entry #%1 was edited</source>
        <translation>entry #%1 was edited</translation>
    </message>
    <message>
        <source>entry #%1 was inserted</source>
        <translation>entry #%1 was inserted</translation>
    </message>
    <message>
        <source>entries were deleted before or at #%1</source>
        <translation>entries were deleted before or at #%1</translation>
    </message>
    <message>
        <source>this workstation&apos;s record of #%1 was altered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHAIN BROKEN: %1</source>
        <translation>CHAIN BROKEN: %1</translation>
    </message>
    <message>
        <source>This workstation&apos;s witness file is MISSING: its entries could not be compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of this workstation&apos;s witness lines could not be verified (no key in the keyring).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries compared with this workstation&apos;s witness.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>Verification failed: %1</translation>
    </message>
</context>
<context>
    <name>AuditTexts</name>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violation confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion decision reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check verdict undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily spot-check sample drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check claim expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording locked as evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lock released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence package exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings deleted by retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion evidence exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals list exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learner #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lock #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Calibrate face verification</source>
        <translation>Calibrate face verification</translation>
    </message>
    <message>
        <source>This demo workspace (synthetic classroom faces)</source>
        <translation>This demo workspace (synthetic classroom faces)</translation>
    </message>
    <message>
        <source>A folder of enrolment photos and labelled captures</source>
        <translation>A folder of enrolment photos and labelled captures</translation>
    </message>
    <message>
        <source>Folder with enrolled/ and probes/&lt;name&gt;/</source>
        <translation>Folder with enrolled/ and probes/&lt;name&gt;/</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Target false-match rate</source>
        <translation>Target false-match rate</translation>
    </message>
    <message>
        <source>Run calibration</source>
        <translation>Run calibration</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Share of pairs</source>
        <translation>Share of pairs</translation>
    </message>
    <message>
        <source>Run a calibration to see the distributions.</source>
        <translation>Run a calibration to see the distributions.</translation>
    </message>
    <message>
        <source>Save as the workspace threshold</source>
        <translation>Save as the workspace threshold</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>Choose a folder first.</translation>
    </message>
    <message>
        <source>Calibrating…</source>
        <translation>Calibrating…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Calibration cancelled.</source>
        <translation>Calibration cancelled.</translation>
    </message>
    <message>
        <source>Calibration failed: %1</source>
        <translation>Calibration failed: %1</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>Genuine</translation>
    </message>
    <message>
        <source>Impostor</source>
        <translation>Impostor</translation>
    </message>
    <message>
        <source>Threshold %1 for a target FMR of %2: FMR %3, FNMR %4 (%5 genuine and %6 impostor pairs, %7 identities).</source>
        <translation>Threshold %1 for a target FMR of %2: FMR %3, FNMR %4 (%5 genuine and %6 impostor pairs, %7 identities).</translation>
    </message>
    <message>
        <source>Saved as the workspace threshold; it applies from the next start of face analysis.</source>
        <translation>Saved as the workspace threshold; it applies from the next start of face analysis.</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <source>Folder of labelled faces</source>
        <translation>Folder of labelled faces</translation>
    </message>
</context>
<context>
    <name>CompletionDialogs</name>
    <message>
        <source>Approve the completion of %1?

%2, class %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looked at?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve %1 clean completions?

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve all clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online study photo is not the learner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-site study not continuous for more than three hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study record irregular; study again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for rejecting %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse the %1 of %2? The completion becomes pending again and is judged afresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionList</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished">Pending</translation>
    </message>
    <message>
        <source>Decided (last %1 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Loading…</translation>
    </message>
    <message>
        <source>Could not load the completions: %1</source>
        <translation type="unfinished">Could not load the completions: %1</translation>
    </message>
    <message>
        <source>%1 decisions in the last %2 days; %3 approvals now contradicted by the evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests awaiting review: %2 clean, %3 blocked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionTableModel</name>
    <message>
        <source>Learner</source>
        <translation>Learner</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class · required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>County</source>
        <translation>County</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>On-site</source>
        <translation>On-site</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation>Spot-checks</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nothing argues against approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): 满分 7 days, 30 for A1/A2/A3/B1/B2 (163号令); 审验 3 hours (162号令)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d (%2 h)</source>
        <translation>%1 d (%2 h)</translation>
    </message>
    <message>
        <source>%1 open, %2 confirmed</source>
        <translation>%1 open, %2 confirmed</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 pending</source>
        <translation>%1 passed, %2 failed, %3 pending</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>CompletionWords</name>
    <message>
        <source>Substitution confirmed (替学)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check: not the learner (替学)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face mismatch not yet triaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged photo awaiting a verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total study days short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on-site and online days short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on-site days short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than 3 hours of study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accident-case warning not attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>substitution (替学)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face mismatch confirmed as substitution (替学): event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check judged the photo not the learner (替学): spot-check %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face mismatch (替学 alert) not yet confirmed or dismissed: event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged online-study photo without a spot-check verdict: photo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement not met: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open event, not yet triaged: event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check failed: spot-check %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-check waiting for its verdict: spot-check %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished">Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished">Rejected</translation>
    </message>
    <message>
        <source>Void: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (+%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · now: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · 3 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account has been deactivated: nothing was approved or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This learner is outside your county: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your post may not do this: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else decided this completion first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This completion is pending: there is no decision to reverse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision was NOT saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 approved and saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 NOT approved (judged again when saving):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionsPane</name>
    <message>
        <source>Completions</source>
        <translation>Completions</translation>
    </message>
    <message>
        <source>&amp;Reject (R)…</source>
        <translation>&amp;Reject (R)…</translation>
    </message>
    <message>
        <source>Approve all clean (Ctrl+Shift+A)…</source>
        <translation>Approve all clean (Ctrl+Shift+A)…</translation>
    </message>
    <message>
        <source>Export evidence…</source>
        <translation>Export evidence…</translation>
    </message>
    <message>
        <source>Today&apos;s decisions as CSV…</source>
        <translation>Today&apos;s decisions as CSV…</translation>
    </message>
    <message>
        <source>No database: completions are not available.</source>
        <translation>No database: completions are not available.</translation>
    </message>
    <message>
        <source>Approved and saved.</source>
        <translation>Approved and saved.</translation>
    </message>
    <message>
        <source>Rejected and saved.</source>
        <translation>Rejected and saved.</translation>
    </message>
    <message>
        <source>&amp;Approve (A)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;verse decision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisory post only; needs a reason; audited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be approved:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch approval stopped: %1</source>
        <translation>The batch approval stopped: %1</translation>
    </message>
    <message>
        <source>Not reversed: a reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision reversed and saved: the completion is pending again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 decisions exported to %2</source>
        <translation>%1 decisions exported to %2</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <source>No streams open</source>
        <translation>No streams open</translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s) open</source>
        <translation>
            <numerusform>%n stream(s) open</numerusform>
            <numerusform>%n stream(s) open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failing</source>
        <translation>
            <numerusform>%n failing</numerusform>
            <numerusform>%n failing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>preparing demo video for %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No answer from the database for %n second(s)</source>
        <translation>
            <numerusform>No answer from the database for %n second(s)</numerusform>
            <numerusform>No answer from the database for %n second(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>Checking the database…</translation>
    </message>
    <message>
        <source>Database reachable</source>
        <translation>Database reachable</translation>
    </message>
    <message>
        <source>Database slow to answer</source>
        <translation>Database slow to answer</translation>
    </message>
    <message>
        <source>Database unreachable</source>
        <translation>Database unreachable</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Signed in as %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>The console ran into an unexpected error. The report below helps the developers find the cause; passwords and tokens have been removed from it.
You can close this window and carry on, or quit and restart the console.</source>
        <translation>The console ran into an unexpected error. The report below helps the developers find the cause; passwords and tokens have been removed from it.
You can close this window and carry on, or quit and restart the console.</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DashboardPane</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>The charts cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Could not load the figures: %1</source>
        <translation>Could not load the figures: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Show charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show today&apos;s charts and the workspace figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the row of figures, leaving the room to the video wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counties / districts</source>
        <translation>Counties / districts</translation>
    </message>
    <message>
        <source>Service sites</source>
        <translation>Service sites</translation>
    </message>
    <message>
        <source>Classrooms</source>
        <translation>Classrooms</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>Learners</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>Class sessions today</source>
        <translation>Class sessions today</translation>
    </message>
    <message>
        <source>Learners rostered today</source>
        <translation>Learners rostered today</translation>
    </message>
    <message>
        <source>Online study records</source>
        <translation>Online study records</translation>
    </message>
    <message>
        <source>Captured study photos</source>
        <translation>Captured study photos</translation>
    </message>
    <message>
        <source>Classes in session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classrooms with a class in session now: open the video wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watched by analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classrooms in session whose camera face analysis is watching now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classrooms in session being recorded now: open the recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished">New</translation>
    </message>
    <message>
        <source>Events nobody has claimed yet: open them in the Events pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High severity, unclaimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished">High</translation>
    </message>
    <message>
        <source>High-severity events nobody has claimed: open them in the Events pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completions to review</source>
        <translation>Completions to review</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation type="unfinished">Completions</translation>
    </message>
    <message>
        <source>Completions waiting for a decision: open the Completions pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-checks waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation type="unfinished">Spot-checks</translation>
    </message>
    <message>
        <source>Sampled study photos waiting for a verdict: open the Spot-check pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s events per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the charts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s events per classroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s events per site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s events per county</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>Recompute the figures now</source>
        <translation>Recompute the figures now</translation>
    </message>
</context>
<context>
    <name>ErrorTexts</name>
    <message>
        <source>The database is busy (another workstation or program is writing). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be reached. Check the network or the server, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost. Check the network or the server, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation took too long and was stopped. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file or folder cannot be written (no permission or read-only disk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file or folder was not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error (details in the log): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventAnnouncer</name>
    <message numerus="yes">
        <source>%n new high-severity event(s)</source>
        <translation type="unfinished">
            <numerusform>%n new high-severity event</numerusform>
            <numerusform>%n new high-severity events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventDetailPanel</name>
    <message>
        <source>No event selected</source>
        <translation>No event selected</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>ongoing</translation>
    </message>
    <message>
        <source>Face distance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Loading…</translation>
    </message>
    <message>
        <source>%1 (no calibrated threshold: the workspace was never calibrated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>beyond the threshold: not the same person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within the threshold: the same person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspace calibration of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspace calibration, date not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · threshold %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No enrolment photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>No picture</translation>
    </message>
    <message>
        <source>Enrolment photo · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment photo</source>
        <translation type="unfinished">Enrolment photo</translation>
    </message>
    <message>
        <source>Flagged frame · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Learners</source>
        <translation>Learners</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>Confirm (C)</source>
        <translation>Confirm (C)</translation>
    </message>
    <message>
        <source>Dismiss (D)</source>
        <translation>Dismiss (D)</translation>
    </message>
    <message>
        <source>Escalate (E)</source>
        <translation>Escalate (E)</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>Confirm the violation</source>
        <translation>Confirm the violation</translation>
    </message>
    <message>
        <source>Dismiss as a false alarm</source>
        <translation>Dismiss as a false alarm</translation>
    </message>
    <message>
        <source>Hand up to the supervisory post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Add a comment and press Enter</source>
        <translation>Add a comment and press Enter</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>EventFilterBar</name>
    <message>
        <source>Only these events (set on the Dashboard); click to show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation>All events</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Open (not decided)</source>
        <translation>Open (not decided)</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learner name</source>
        <translation>Learner name</translation>
    </message>
    <message>
        <source>Kind of event</source>
        <translation>Kind of event</translation>
    </message>
    <message>
        <source>Triage state</source>
        <translation>Triage state</translation>
    </message>
    <message>
        <source>When the event started</source>
        <translation>When the event started</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished">Severity</translation>
    </message>
</context>
<context>
    <name>EventJournal</name>
    <message>
        <source>%n event(s) not saved on this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n event(s) waiting for the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n refused as faulty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged events, stream outages and recording index rows are kept on this workstation&apos;s disk until the database has stored them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n entry(ies) waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest has waited since %1 (%n min).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n entry(ies) the database refused as faulty: kept on this disk, tried again at the next start. Please report this to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refuses: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation&apos;s disk refuses the journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation&apos;s disk refuses to save the event journal (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n event(s) are held in memory only: quitting, a crash or a power cut now loses them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free disk space now or call the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving %n event(s) this workstation&apos;s disk refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivering %n waiting event(s) to the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n event(s) could not be written to this workstation&apos;s disk and are LOST if you quit now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n waiting event(s) stay on this workstation&apos;s disk and are delivered when the console runs here again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>Learner</translation>
    </message>
    <message>
        <source>Classroom</source>
        <translation>Classroom</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>ongoing</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>EventTableView</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished">%1 min</translation>
    </message>
    <message>
        <source>J/K: next/previous · C: confirm · D: dismiss · E: escalate · Enter: details · P: play the recording · double-click: live camera or recording · click a column title to sort</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPane</name>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Event %1: %2</source>
        <translation>Event %1: %2</translation>
    </message>
    <message>
        <source>Another officer is handling this event.</source>
        <translation>Another officer is handling this event.</translation>
    </message>
    <message>
        <source>This event cannot move to that state.</source>
        <translation>This event cannot move to that state.</translation>
    </message>
    <message>
        <source>This event no longer exists.</source>
        <translation>This event no longer exists.</translation>
    </message>
    <message>
        <source>The comment is empty.</source>
        <translation>The comment is empty.</translation>
    </message>
    <message>
        <source>A verdict on a high-severity event needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be reached: %1</source>
        <translation>The database could not be reached: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new event(s) — show</source>
        <translation>
            <numerusform>%n new event — show</numerusform>
            <numerusform>%n new events — show</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the events: %1</source>
        <translation>Could not load the events: %1</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the camera live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events need the workspace database.</source>
        <translation>Events need the workspace database.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation> (scroll for more)</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) shown</source>
        <translation>
            <numerusform>%n event shown</numerusform>
            <numerusform>%n events shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Query again (new events included)</source>
        <translation>Query again (new events included)</translation>
    </message>
</context>
<context>
    <name>EvidenceActions</name>
    <message>
        <source>Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the bookmark “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why must this span be kept?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span locked as evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release this evidence lock? Retention may then delete the recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lock released.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>Bookmarks and evidence locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to play from there</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceReport</name>
    <message>
        <source>(photo missing)</source>
        <translation>(photo missing)</translation>
    </message>
    <message>
        <source>On-site days</source>
        <translation>On-site days</translation>
    </message>
    <message>
        <source>Online days</source>
        <translation>Online days</translation>
    </message>
    <message>
        <source>Self-study days (reported by the platform)</source>
        <translation>Self-study days (reported by the platform)</translation>
    </message>
    <message>
        <source>Required days</source>
        <translation>Required days</translation>
    </message>
    <message>
        <source>Requirement met</source>
        <translation>Requirement met</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Open / confirmed events</source>
        <translation>Open / confirmed events</translation>
    </message>
    <message>
        <source>Spot-checks passed / failed / pending</source>
        <translation>Spot-checks passed / failed / pending</translation>
    </message>
    <message>
        <source>Study evidence</source>
        <translation>Study evidence</translation>
    </message>
    <message>
        <source>Enrolment photo</source>
        <translation>Enrolment photo</translation>
    </message>
    <message>
        <source>Captured photos</source>
        <translation>Captured photos</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Captured at</source>
        <translation>Captured at</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Decisions and audit trail</source>
        <translation>Decisions and audit trail</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">Cancelling…</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evidence package was written to:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clip was written to:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name chosen was too long for the file system (255 bytes with the temporary “.partial” ending) and was shortened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification FAILED — changed, missing or added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: every file matches its SHA-256 and the signature is valid.
Signing key: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Supervisory post</source>
        <translation>Supervisory post</translation>
    </message>
    <message>
        <source>County manager</source>
        <translation>County manager</translation>
    </message>
    <message>
        <source>Acceptance post</source>
        <translation>Acceptance post</translation>
    </message>
    <message>
        <source>Duty manager</source>
        <translation>Duty manager</translation>
    </message>
    <message>
        <source>Vehicle administration office</source>
        <translation>Vehicle administration office</translation>
    </message>
    <message>
        <source>Vehicle registration station</source>
        <translation>Vehicle registration station</translation>
    </message>
    <message>
        <source>Driving school</source>
        <translation>Driving school</translation>
    </message>
    <message>
        <source>Traffic police squadron</source>
        <translation>Traffic police squadron</translation>
    </message>
    <message>
        <source>Government service centre</source>
        <translation>Government service centre</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>County / district</source>
        <translation>County / district</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Full-score education</source>
        <translation>Full-score education</translation>
    </message>
    <message>
        <source>Review education</source>
        <translation>Review education</translation>
    </message>
    <message>
        <source>Large bus</source>
        <translation>Large bus</translation>
    </message>
    <message>
        <source>Tractor-trailer</source>
        <translation>Tractor-trailer</translation>
    </message>
    <message>
        <source>City bus</source>
        <translation>City bus</translation>
    </message>
    <message>
        <source>Medium bus</source>
        <translation>Medium bus</translation>
    </message>
    <message>
        <source>Large truck</source>
        <translation>Large truck</translation>
    </message>
    <message>
        <source>Small car</source>
        <translation>Small car</translation>
    </message>
    <message>
        <source>Small automatic car</source>
        <translation>Small automatic car</translation>
    </message>
    <message>
        <source>Low-speed truck</source>
        <translation>Low-speed truck</translation>
    </message>
    <message>
        <source>Three-wheeled vehicle</source>
        <translation>Three-wheeled vehicle</translation>
    </message>
    <message>
        <source>Car for disabled drivers</source>
        <translation>Car for disabled drivers</translation>
    </message>
    <message>
        <source>Light trailer</source>
        <translation>Light trailer</translation>
    </message>
    <message>
        <source>Three-wheeled motorcycle</source>
        <translation>Three-wheeled motorcycle</translation>
    </message>
    <message>
        <source>Two-wheeled motorcycle</source>
        <translation>Two-wheeled motorcycle</translation>
    </message>
    <message>
        <source>Light motorcycle</source>
        <translation>Light motorcycle</translation>
    </message>
    <message>
        <source>Wheeled machinery</source>
        <translation>Wheeled machinery</translation>
    </message>
    <message>
        <source>Trolleybus</source>
        <translation>Trolleybus</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>Tram</translation>
    </message>
    <message>
        <source>Absent from seat</source>
        <translation>Absent from seat</translation>
    </message>
    <message>
        <source>Late arrival</source>
        <translation>Late arrival</translation>
    </message>
    <message>
        <source>Early leave</source>
        <translation>Early leave</translation>
    </message>
    <message>
        <source>Left too often</source>
        <translation>Left too often</translation>
    </message>
    <message>
        <source>Face mismatch</source>
        <translation>Face mismatch</translation>
    </message>
    <message>
        <source>Unknown face</source>
        <translation>Unknown face</translation>
    </message>
    <message>
        <source>Stream lost</source>
        <translation>Stream lost</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>No face</source>
        <translation>No face</translation>
    </message>
    <message>
        <source>Several faces</source>
        <translation>Several faces</translation>
    </message>
    <message>
        <source>Does not match enrolment</source>
        <translation>Does not match enrolment</translation>
    </message>
    <message>
        <source>Low quality</source>
        <translation>Low quality</translation>
    </message>
    <message>
        <source>Unreadable photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>On-site study</source>
        <translation>On-site study</translation>
    </message>
    <message>
        <source>Online study</source>
        <translation>Online study</translation>
    </message>
    <message>
        <source>Self-study</source>
        <translation>Self-study</translation>
    </message>
    <message>
        <source>Face analysis and classroom rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video stream monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — Liangjiao Console</source>
        <translation>Sign in — Liangjiao Console</translation>
    </message>
    <message>
        <source>Liangjiao Console</source>
        <translation>Liangjiao Console</translation>
    </message>
    <message>
        <source>Choose who you are for this session. What you see follows your post and area.</source>
        <translation>Choose who you are for this session. What you see follows your post and area.</translation>
    </message>
    <message>
        <source>Demo sign-in without a password: real authentication comes with the platform connection.</source>
        <translation>Demo sign-in without a password: real authentication comes with the platform connection.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The new database URL takes effect after a restart.</source>
        <translation>The new database URL takes effect after a restart.</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Show %1 (Ctrl+%2)</source>
        <translation>Show %1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Calibrate face verification…</source>
        <translation>&amp;Calibrate face verification…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Liangjiao Console</source>
        <translation>&amp;About Liangjiao Console</translation>
    </message>
    <message>
        <source>Liangjiao Console</source>
        <translation>Liangjiao Console</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>view this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>claim events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirm violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dismiss events as false alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalate events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve or reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reverse a decision already taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watch recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lock evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account has been deactivated: you may not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside your area: you may not %1 here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your post may not %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderPane</name>
    <message>
        <source>Not available in this version</source>
        <translation>Not available in this version</translation>
    </message>
</context>
<context>
    <name>PlaybackActions</name>
    <message>
        <source>Play / pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−10 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back 10 seconds (←)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward 10 seconds (→)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame back (,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame forward (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower ([)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster (])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the span here (I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the span here (O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the selected span (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark this moment with a note (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock as evidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the selected span from being deleted by retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export clip (MP4)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected span as one MP4 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export evidence package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected span with event snapshots, a manifest and SHA-256 sums (zip)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>recording of %n camera(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>face analysis of %n camera(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Liangjiao Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitting stops %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is watched or recorded until the console runs again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished">Quit</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingLabels</name>
    <message>
        <source>Learner: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1 · severity %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1, still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to play from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lock %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingsPane</name>
    <message>
        <source>Recordings</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <source>Recordings need the workspace database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your post does not review recordings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recording file could not be read and was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account has been deactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of the recordings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast playback: keyframes only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the day…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recordings on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No span selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your post may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This camera is outside your county.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only its author or a duty manager may change this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An evidence lock may span at most 7 days: select a shorter span.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An evidence lock may end at most one day from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file of that name exists already: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recordings could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Loading…</translation>
    </message>
    <message>
        <source>No recordings of this camera on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recording here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span starts here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span ends here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionSettingsGroup</name>
    <message>
        <source>Recordings</source>
        <translation type="unfinished">Recordings</translation>
    </message>
    <message>
        <source>Keep recordings for (days):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at most (% of the disk):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at most (GB):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always keep free (MB):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest recordings go first; evidence locks and recordings of undecided events are never deleted. The free-space floor is at most 5 % of a small disk. Applies at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewToolbar</name>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play one camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play up to four cameras in sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days with recordings of this camera are shown in bold green</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a time (HH:MM:SS) and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Could not claim photos: %1</source>
        <translation>Could not claim photos: %1</translation>
    </message>
    <message>
        <source>That photo was taken over elsewhere; its verdict was not saved.</source>
        <translation>That photo was taken over elsewhere; its verdict was not saved.</translation>
    </message>
    <message>
        <source>The verdict was NOT saved (%1); the photo is shown again.</source>
        <translation>The verdict was NOT saved (%1); the photo is shown again.</translation>
    </message>
    <message>
        <source>Could not undo: %1</source>
        <translation>Could not undo: %1</translation>
    </message>
    <message>
        <source>Loading the next photo…</source>
        <translation>Loading the next photo…</translation>
    </message>
    <message>
        <source>No photos are waiting for review.</source>
        <translation>No photos are waiting for review.</translation>
    </message>
    <message>
        <source>%1 · captured %2 · %3</source>
        <translation>%1 · captured %2 · %3</translation>
    </message>
    <message>
        <source>Photo file missing</source>
        <translation>Photo file missing</translation>
    </message>
    <message>
        <source>Enrolment photo</source>
        <translation>Enrolment photo</translation>
    </message>
    <message>
        <source>random sample</source>
        <translation>random sample</translation>
    </message>
    <message>
        <source>flagged: %1</source>
        <translation>flagged: %1</translation>
    </message>
    <message>
        <source>Not the learner</source>
        <translation>Not the learner</translation>
    </message>
    <message>
        <source>No face</source>
        <translation>No face</translation>
    </message>
    <message>
        <source>Several people</source>
        <translation>Several people</translation>
    </message>
    <message>
        <source>Not studying</source>
        <translation>Not studying</translation>
    </message>
    <message>
        <source>Photo of a photo</source>
        <translation>Photo of a photo</translation>
    </message>
    <message>
        <source>Fail because: %1   (Esc cancels)</source>
        <translation>Fail because: %1   (Esc cancels)</translation>
    </message>
    <message>
        <source>P pass · F fail · S skip · U undo — %1 reviewed</source>
        <translation>P pass · F fail · S skip · U undo — %1 reviewed</translation>
    </message>
</context>
<context>
    <name>ScopeText</name>
    <message>
        <source>Demo workspace</source>
        <translation>Demo workspace</translation>
    </message>
</context>
<context>
    <name>ScopeTree</name>
    <message>
        <source>Filter counties, sites, classrooms…</source>
        <translation>Filter counties, sites, classrooms…</translation>
    </message>
</context>
<context>
    <name>ScopeTreeModel</name>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>%n camera(s)</numerusform>
            <numerusform>%n camera(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n disabled)</source>
        <translation>
            <numerusform>(%n disabled)</numerusform>
            <numerusform>(%n disabled)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The database URL is not a valid URL.</source>
        <translation>The database URL is not a valid URL.</translation>
    </message>
    <message>
        <source>The database URL must start with sqlite:/// or postgresql+psycopg://.</source>
        <translation>The database URL must start with sqlite:/// or postgresql+psycopg://.</translation>
    </message>
    <message>
        <source>Remove the password from the database URL; the console reads it from the system keyring.</source>
        <translation>Remove the password from the database URL; the console reads it from the system keyring.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL needs a host name.</source>
        <translation>The PostgreSQL URL needs a host name.</translation>
    </message>
    <message>
        <source>The SQLite URL needs a file path.</source>
        <translation>The SQLite URL needs a file path.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Database URL:</source>
        <translation>Database URL:</translation>
    </message>
    <message>
        <source>Empty: the local SQLite file (default)</source>
        <translation>Empty: the local SQLite file (default)</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>In use now: %1</translation>
    </message>
    <message>
        <source>A new URL takes effect after a restart. Passwords belong in the system keyring, not here.</source>
        <translation>A new URL takes effect after a restart. Passwords belong in the system keyring, not here.</translation>
    </message>
    <message>
        <source>Classroom rules</source>
        <translation>Classroom rules</translation>
    </message>
    <message>
        <source>Away from the seat longer than:</source>
        <translation>Away from the seat longer than:</translation>
    </message>
    <message>
        <source>Leaving the room more often than:</source>
        <translation>Leaving the room more often than:</translation>
    </message>
    <message>
        <source>Arriving late or leaving early by more than:</source>
        <translation>Arriving late or leaving early by more than:</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>times a day</source>
        <translation>times a day</translation>
    </message>
    <message>
        <source>Breaking any of these rules cancels the learner&apos;s session for that day.</source>
        <translation>Breaking any of these rules cancels the learner&apos;s session for that day.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Desktop notifications for new events</source>
        <translation>Desktop notifications for new events</translation>
    </message>
    <message>
        <source>Sound the alarm for new high-severity events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Face analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse faces on the wall&apos;s cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames analysed per camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face detector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOG (fast; faces turned to the camera)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CNN (more head poses; seconds per frame on this CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small faces:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not searched (fastest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half as big (about 4× the CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quarter as big (about 16× the CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known once face analysis has started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (dlib&apos;s default: this workspace is not calibrated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (calibrated for this workspace on %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (calibrated for this workspace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes apply to the running analysis at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face analysis is not running in this session: changes apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpanExporter</name>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the evidence package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the clip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpotCheckPane</name>
    <message>
        <source>Spot-check</source>
        <translation>Spot-check</translation>
    </message>
    <message>
        <source>Random share of unflagged photos:</source>
        <translation>Random share of unflagged photos:</translation>
    </message>
    <message>
        <source>Draw the day&apos;s sample</source>
        <translation>Draw the day&apos;s sample</translation>
    </message>
    <message>
        <source>Stop reviewing</source>
        <translation>Stop reviewing</translation>
    </message>
    <message>
        <source>Start reviewing (Enter)</source>
        <translation>Start reviewing (Enter)</translation>
    </message>
    <message>
        <source>No database: spot-checks are not available.</source>
        <translation>No database: spot-checks are not available.</translation>
    </message>
    <message>
        <source>Your post reads spot-check results but does not review photos.</source>
        <translation>Your post reads spot-check results but does not review photos.</translation>
    </message>
    <message>
        <source>Drawing the sample…</source>
        <translation>Drawing the sample…</translation>
    </message>
    <message>
        <source>Sample of %1: %2 flagged and %3 random photos (seed %4, share %5 %)</source>
        <translation>Sample of %1: %2 flagged and %3 random photos (seed %4, share %5 %)</translation>
    </message>
    <message>
        <source>Could not draw the sample: %1</source>
        <translation>Could not draw the sample: %1</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Opening the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the database schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the demo workspace (the first start takes a while)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading counties, sites and classrooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading today&apos;s events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the recordings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing face analysis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the main window…</source>
        <translation>Opening the main window…</translation>
    </message>
    <message>
        <source>No user with login “%1”.</source>
        <translation>No user with login “%1”.</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Cannot start</translation>
    </message>
</context>
<context>
    <name>TileTexts</name>
    <message>
        <source>Drag a camera or classroom here</source>
        <translation>Drag a camera or classroom here</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Preparing demo video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for media…</source>
        <translation>Waiting for media…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconnecting in %n s</numerusform>
            <numerusform>Reconnecting in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Offline since %1</translation>
    </message>
    <message>
        <source>Unauthorised: check the camera&apos;s password</source>
        <translation>Unauthorised: check the camera&apos;s password</translation>
    </message>
    <message>
        <source>Stream not found</source>
        <translation>Stream not found</translation>
    </message>
    <message>
        <source>Stream ended</source>
        <translation>Stream ended</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Reduced rate</source>
        <translation>Reduced rate</translation>
    </message>
    <message>
        <source>Keyframes only</source>
        <translation>Keyframes only</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <source>Main stream</source>
        <translation>Main stream</translation>
    </message>
    <message>
        <source>%1 %2 · play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis paused since %1 · restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis starting…</source>
        <translation>Analysis starting…</translation>
    </message>
    <message numerus="yes">
        <source>Analysis %1/s · %n face(s)</source>
        <translation>
            <numerusform>Analysis %1/s · %n face</numerusform>
            <numerusform>Analysis %1/s · %n faces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineStack</name>
    <message>
        <source>Zoom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan · click or drag on the time axis: go there · shift-drag: select a span · click a marker: play the event</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Export</source>
        <translation type="unfinished">Export</translation>
    </message>
    <message>
        <source>Export the selected span (select it with I/O or shift-drag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TriageReasonDialog</name>
    <message>
        <source>Confirm the violation</source>
        <translation type="unfinished">Confirm the violation</translation>
    </message>
    <message>
        <source>Dismiss the alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording shows another person in the seat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face matches another enrolled learner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked on site by the classroom staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learner admitted it when called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is the learner (light, angle, glasses, mask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrolment photo is outdated or unclear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff or instructor, not a learner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learner changed seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate of another event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason first (keys 1–%1) or write one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? Choose a reason with its number key (1–%1), or write one below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other reason or details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm violation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>VerdictText</name>
    <message>
        <source>%1 (calibrated; date not recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (calibrated %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (dlib&apos;s default: workspace not calibrated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (fixed by an operator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces found by %1, upsample %2, photos ≤ %3 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same person</source>
        <translation type="unfinished">same person</translation>
    </message>
    <message>
        <source>different person</source>
        <translation type="unfinished">different person</translation>
    </message>
    <message>
        <source>the photo file is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the photo file is empty (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image is damaged or cut short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image is larger than a photo may be and was not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo file missing</source>
        <translation type="unfinished">Photo file missing</translation>
    </message>
    <message>
        <source>The captured photo cannot be shown: %1.
Judge from the learner&apos;s other captures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scorer could not read this photo&apos;s file: no face was compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scorer found no face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No distance: the learner has no usable enrolment photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face distance %1 · threshold %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face distance %1 · the scorer&apos;s flag: %2 (its threshold was not recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scored under another threshold: today&apos;s %1 says %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s threshold %1 says %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured photo</source>
        <translation type="unfinished">Captured photo</translation>
    </message>
    <message>
        <source>Captured photo · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured photo · unreadable when scored, readable now: not scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured photo · the scorer found no face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured photo · face boxes not recorded by the scorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured photo · %1 faces found by the scorer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoWallPane</name>
    <message>
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>Save layout</translation>
    </message>
    <message>
        <source>Name of this layout:</source>
        <translation>Name of this layout:</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Maximise</source>
        <translation>Maximise</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>Save snapshot</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>Reconnect now</translation>
    </message>
    <message>
        <source>Remove from the wall</source>
        <translation>Remove from the wall</translation>
    </message>
    <message>
        <source>Snapshot saved to %1</source>
        <translation>Snapshot saved to %1</translation>
    </message>
    <message>
        <source>Snapshot refused: you may not save pictures of this camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot failed: %1</source>
        <translation>Snapshot failed: %1</translation>
    </message>
</context>
<context>
    <name>WallAlarms</name>
    <message>
        <source>Play the 30 s before the alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the last 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute this camera&apos;s alarm sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound again (snoozed until %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze the alarm sound for 10 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallToolbar</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Save layout as…</source>
        <translation>Save layout as…</translation>
    </message>
    <message>
        <source>Delete layout</source>
        <translation>Delete layout</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>How many cameras the wall shows at once</source>
        <translation>How many cameras the wall shows at once</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Previous page (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Next page (Page Down)</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>Cycle through the pages automatically</source>
        <translation>Cycle through the pages automatically</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds each page stays on screen during a tour</source>
        <translation>Seconds each page stays on screen during a tour</translation>
    </message>
    <message>
        <source>Saved layouts</source>
        <translation>Saved layouts</translation>
    </message>
</context>
</TS>
