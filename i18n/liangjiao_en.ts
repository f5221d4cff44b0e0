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
    <name>CompletionsPane</name>
    <message>
        <source>Completions</source>
        <translation>Completions</translation>
    </message>
    <message>
        <source>Course completions awaiting review, with the study evidence behind each one.</source>
        <translation>Course completions awaiting review, with the study evidence behind each one.</translation>
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
        <source>Completions to review</source>
        <translation>Completions to review</translation>
    </message>
    <message>
        <source>Open events</source>
        <translation>Open events</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Recompute the figures now</source>
        <translation>Recompute the figures now</translation>
    </message>
</context>
<context>
    <name>EventsPane</name>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Flagged classroom events such as absence or face mismatch, to confirm or dismiss.</source>
        <translation>Flagged classroom events such as absence or face mismatch, to confirm or dismiss.</translation>
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
    <name>PlaceholderPane</name>
    <message>
        <source>Not available in this version</source>
        <translation>Not available in this version</translation>
    </message>
</context>
<context>
    <name>RecordingsPane</name>
    <message>
        <source>Recordings</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <source>Recorded classroom video on a timeline, to review events and export evidence.</source>
        <translation>Recorded classroom video on a timeline, to review events and export evidence.</translation>
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
        <source>Play a sound for new events</source>
        <translation>Play a sound for new events</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SpotCheckPane</name>
    <message>
        <source>Spot-check</source>
        <translation>Spot-check</translation>
    </message>
    <message>
        <source>Sampled online study photos, compared with the learner&apos;s enrolment photo.</source>
        <translation>Sampled online study photos, compared with the learner&apos;s enrolment photo.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
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
        <source>Snapshot failed: %1</source>
        <translation>Snapshot failed: %1</translation>
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
