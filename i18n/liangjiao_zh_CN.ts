<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Liangjiao Console</source>
        <translation>关于两个教育监督台</translation>
    </message>
    <message>
        <source>development build</source>
        <translation>开发版</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Schema revision:</source>
        <translation>结构版本：</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制信息</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CompletionsPane</name>
    <message>
        <source>Completions</source>
        <translation>结业审核</translation>
    </message>
    <message>
        <source>Course completions awaiting review, with the study evidence behind each one.</source>
        <translation>待审核的结业申请及其学习依据。</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <source>No streams open</source>
        <translation>未打开视频流</translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s) open</source>
        <translation>
            <numerusform>已打开 %n 路视频流</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failing</source>
        <translation>
            <numerusform>%n 路异常</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No answer from the database for %n second(s)</source>
        <translation>
            <numerusform>数据库已 %n 秒无响应</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>Database reachable</source>
        <translation>数据库连接正常</translation>
    </message>
    <message>
        <source>Database slow to answer</source>
        <translation>数据库响应缓慢</translation>
    </message>
    <message>
        <source>Database unreachable</source>
        <translation>无法连接数据库</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>当前登录：%1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>The console ran into an unexpected error. The report below helps the developers find the cause; passwords and tokens have been removed from it.
You can close this window and carry on, or quit and restart the console.</source>
        <translation>监督台发生了意外错误。下面的报告可帮助开发人员查找原因，其中的密码和令牌已被移除。
您可以关闭此窗口继续工作，也可以退出并重新启动监督台。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>DashboardPane</name>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Could not load the figures: %1</source>
        <translation>无法加载数据：%1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Counties / districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Service sites</source>
        <translation>服务站点</translation>
    </message>
    <message>
        <source>Classrooms</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Learners</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Class sessions today</source>
        <translation>今日课堂</translation>
    </message>
    <message>
        <source>Learners rostered today</source>
        <translation>今日应到学员</translation>
    </message>
    <message>
        <source>Online study records</source>
        <translation>网络学习记录</translation>
    </message>
    <message>
        <source>Captured study photos</source>
        <translation>学习抓拍照片</translation>
    </message>
    <message>
        <source>Completions to review</source>
        <translation>待审核结业</translation>
    </message>
    <message>
        <source>Open events</source>
        <translation>未处理事件</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖范围</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Recompute the figures now</source>
        <translation>立即重新计算</translation>
    </message>
</context>
<context>
    <name>EventsPane</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Flagged classroom events such as absence or face mismatch, to confirm or dismiss.</source>
        <translation>离座、人脸不符等课堂告警事件，供确认或排除。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Supervisory post</source>
        <translation>监督岗</translation>
    </message>
    <message>
        <source>County manager</source>
        <translation>管理岗</translation>
    </message>
    <message>
        <source>Acceptance post</source>
        <translation>受理岗</translation>
    </message>
    <message>
        <source>Duty manager</source>
        <translation>值班领导</translation>
    </message>
    <message>
        <source>Vehicle administration office</source>
        <translation>车管所</translation>
    </message>
    <message>
        <source>Vehicle registration station</source>
        <translation>机动车登记服务站</translation>
    </message>
    <message>
        <source>Driving school</source>
        <translation>驾校</translation>
    </message>
    <message>
        <source>Traffic police squadron</source>
        <translation>交警中队</translation>
    </message>
    <message>
        <source>Government service centre</source>
        <translation>政务服务中心</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>County / district</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Full-score education</source>
        <translation>满分教育</translation>
    </message>
    <message>
        <source>Review education</source>
        <translation>审验教育</translation>
    </message>
    <message>
        <source>Large bus</source>
        <translation>大型客车</translation>
    </message>
    <message>
        <source>Tractor-trailer</source>
        <translation>重型牵引挂车</translation>
    </message>
    <message>
        <source>City bus</source>
        <translation>城市公交车</translation>
    </message>
    <message>
        <source>Medium bus</source>
        <translation>中型客车</translation>
    </message>
    <message>
        <source>Large truck</source>
        <translation>大型货车</translation>
    </message>
    <message>
        <source>Small car</source>
        <translation>小型汽车</translation>
    </message>
    <message>
        <source>Small automatic car</source>
        <translation>小型自动挡汽车</translation>
    </message>
    <message>
        <source>Low-speed truck</source>
        <translation>低速载货汽车</translation>
    </message>
    <message>
        <source>Three-wheeled vehicle</source>
        <translation>三轮汽车</translation>
    </message>
    <message>
        <source>Car for disabled drivers</source>
        <translation>残疾人专用小型自动挡载客汽车</translation>
    </message>
    <message>
        <source>Light trailer</source>
        <translation>轻型牵引挂车</translation>
    </message>
    <message>
        <source>Three-wheeled motorcycle</source>
        <translation>普通三轮摩托车</translation>
    </message>
    <message>
        <source>Two-wheeled motorcycle</source>
        <translation>普通二轮摩托车</translation>
    </message>
    <message>
        <source>Light motorcycle</source>
        <translation>轻便摩托车</translation>
    </message>
    <message>
        <source>Wheeled machinery</source>
        <translation>轮式专用机械车</translation>
    </message>
    <message>
        <source>Trolleybus</source>
        <translation>无轨电车</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>有轨电车</translation>
    </message>
    <message>
        <source>Absent from seat</source>
        <translation>离座</translation>
    </message>
    <message>
        <source>Late arrival</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Early leave</source>
        <translation>早退</translation>
    </message>
    <message>
        <source>Left too often</source>
        <translation>离开次数过多</translation>
    </message>
    <message>
        <source>Face mismatch</source>
        <translation>人脸不符</translation>
    </message>
    <message>
        <source>Unknown face</source>
        <translation>陌生人脸</translation>
    </message>
    <message>
        <source>Stream lost</source>
        <translation>视频流中断</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认违规</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已排除误报</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>No face</source>
        <translation>无人脸</translation>
    </message>
    <message>
        <source>Several faces</source>
        <translation>多人</translation>
    </message>
    <message>
        <source>Does not match enrolment</source>
        <translation>与备案照片不符</translation>
    </message>
    <message>
        <source>Low quality</source>
        <translation>质量不佳</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>On-site study</source>
        <translation>现场学习</translation>
    </message>
    <message>
        <source>Online study</source>
        <translation>网络学习</translation>
    </message>
    <message>
        <source>Self-study</source>
        <translation>自学</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — Liangjiao Console</source>
        <translation>登录 — 两个教育监督台</translation>
    </message>
    <message>
        <source>Liangjiao Console</source>
        <translation>两个教育监督台</translation>
    </message>
    <message>
        <source>Choose who you are for this session. What you see follows your post and area.</source>
        <translation>请选择本次使用的身份，可见内容取决于岗位和辖区。</translation>
    </message>
    <message>
        <source>Demo sign-in without a password: real authentication comes with the platform connection.</source>
        <translation>演示登录无需密码；正式身份认证将在接入平台后提供。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The new database URL takes effect after a restart.</source>
        <translation>新的数据库地址将在重启后生效。</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Show %1 (Ctrl+%2)</source>
        <translation>显示%1（Ctrl+%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Liangjiao Console</source>
        <translation>关于两个教育监督台(&amp;A)</translation>
    </message>
    <message>
        <source>Liangjiao Console</source>
        <translation>两个教育监督台</translation>
    </message>
</context>
<context>
    <name>PlaceholderPane</name>
    <message>
        <source>Not available in this version</source>
        <translation>本版本暂不提供</translation>
    </message>
</context>
<context>
    <name>RecordingsPane</name>
    <message>
        <source>Recordings</source>
        <translation>录像</translation>
    </message>
    <message>
        <source>Recorded classroom video on a timeline, to review events and export evidence.</source>
        <translation>按时间轴回看教室录像，复核事件并导出证据。</translation>
    </message>
</context>
<context>
    <name>ScopeText</name>
    <message>
        <source>Demo workspace</source>
        <translation>演示工作区</translation>
    </message>
</context>
<context>
    <name>ScopeTree</name>
    <message>
        <source>Filter counties, sites, classrooms…</source>
        <translation>筛选区县、站点、教室…</translation>
    </message>
</context>
<context>
    <name>ScopeTreeModel</name>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>%n 个摄像头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n disabled)</source>
        <translation>
            <numerusform>（%n 个已停用）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The database URL is not a valid URL.</source>
        <translation>数据库地址格式无效。</translation>
    </message>
    <message>
        <source>The database URL must start with sqlite:/// or postgresql+psycopg://.</source>
        <translation>数据库地址必须以 sqlite:/// 或 postgresql+psycopg:// 开头。</translation>
    </message>
    <message>
        <source>Remove the password from the database URL; the console reads it from the system keyring.</source>
        <translation>请从数据库地址中删除密码；监督台会从系统密钥环读取密码。</translation>
    </message>
    <message>
        <source>The PostgreSQL URL needs a host name.</source>
        <translation>PostgreSQL 地址需要主机名。</translation>
    </message>
    <message>
        <source>The SQLite URL needs a file path.</source>
        <translation>SQLite 地址需要文件路径。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Database URL:</source>
        <translation>数据库地址：</translation>
    </message>
    <message>
        <source>Empty: the local SQLite file (default)</source>
        <translation>留空：使用本地 SQLite 文件（默认）</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <source>A new URL takes effect after a restart. Passwords belong in the system keyring, not here.</source>
        <translation>新地址在重启后生效。密码请保存在系统密钥环中，不要写在这里。</translation>
    </message>
    <message>
        <source>Classroom rules</source>
        <translation>课堂规则</translation>
    </message>
    <message>
        <source>Away from the seat longer than:</source>
        <translation>离座时间超过：</translation>
    </message>
    <message>
        <source>Leaving the room more often than:</source>
        <translation>离开教室次数超过：</translation>
    </message>
    <message>
        <source>Arriving late or leaving early by more than:</source>
        <translation>迟到或早退超过：</translation>
    </message>
    <message>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>times a day</source>
        <translation>次/天</translation>
    </message>
    <message>
        <source>Breaking any of these rules cancels the learner&apos;s session for that day.</source>
        <translation>违反任一规则，学员当天的课堂学习作废。</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Desktop notifications for new events</source>
        <translation>新事件桌面通知</translation>
    </message>
    <message>
        <source>Play a sound for new events</source>
        <translation>新事件提示音</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SpotCheckPane</name>
    <message>
        <source>Spot-check</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Sampled online study photos, compared with the learner&apos;s enrolment photo.</source>
        <translation>抽取网络学习抓拍照片，与学员备案照片比对。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Opening the main window…</source>
        <translation>正在打开主窗口…</translation>
    </message>
    <message>
        <source>No user with login “%1”.</source>
        <translation>没有账号为“%1”的用户。</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法启动</translation>
    </message>
</context>
<context>
    <name>TileTexts</name>
    <message>
        <source>Drag a camera or classroom here</source>
        <translation>将摄像头或教室拖到此处</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Waiting for media…</source>
        <translation>正在等待视频文件…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>%n 秒后重连</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>自 %1 起离线</translation>
    </message>
    <message>
        <source>Unauthorised: check the camera&apos;s password</source>
        <translation>未授权：请检查摄像头密码</translation>
    </message>
    <message>
        <source>Stream not found</source>
        <translation>未找到视频流</translation>
    </message>
    <message>
        <source>Stream ended</source>
        <translation>视频流已结束</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Reduced rate</source>
        <translation>降帧解码</translation>
    </message>
    <message>
        <source>Keyframes only</source>
        <translation>仅关键帧</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>Main stream</source>
        <translation>主码流</translation>
    </message>
</context>
<context>
    <name>VideoWallPane</name>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>保存布局</translation>
    </message>
    <message>
        <source>Name of this layout:</source>
        <translation>布局名称：</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Maximise</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>立即重连</translation>
    </message>
    <message>
        <source>Remove from the wall</source>
        <translation>从视频墙移除</translation>
    </message>
    <message>
        <source>Snapshot saved to %1</source>
        <translation>截图已保存到 %1</translation>
    </message>
    <message>
        <source>Snapshot failed: %1</source>
        <translation>截图失败：%1</translation>
    </message>
</context>
<context>
    <name>WallToolbar</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Save layout as…</source>
        <translation>布局另存为…</translation>
    </message>
    <message>
        <source>Delete layout</source>
        <translation>删除布局</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>How many cameras the wall shows at once</source>
        <translation>视频墙一次显示的画面数</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>上一页 (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>下一页 (Page Down)</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <source>Cycle through the pages automatically</source>
        <translation>自动轮流显示各页</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds each page stays on screen during a tour</source>
        <translation>轮巡时每页停留的秒数</translation>
    </message>
    <message>
        <source>Saved layouts</source>
        <translation>已存布局</translation>
    </message>
</context>
</TS>
