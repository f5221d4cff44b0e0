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
    <name>AnalysisGapLabel</name>
    <message>
        <source>Analysis gaps today: %1, total %2</source>
        <translation>今日分析中断 %1 次，共 %2</translation>
    </message>
    <message>
        <source>Time in which face analysis did not run (a worker crash or hang, enrolment failing, analysis switched off); it is not counted as watched time.</source>
        <translation>人脸分析未运行的时间（分析进程崩溃或无响应、人脸底库登记失败、分析被关闭），不计入已监看时间。</translation>
    </message>
    <message>
        <source> · switched off since %1</source>
        <translation> · 自 %1 起已关闭分析</translation>
    </message>
    <message>
        <source> · paused since %1, restarting</source>
        <translation> · 当前自 %1 起中断，正在重启</translation>
    </message>
    <message>
        <source>Current gap: %1</source>
        <translation>当前中断：%1</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation>结业审核</translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Subject contains, e.g. completion:12</source>
        <translation>对象包含，例如 completion:12</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Only the duty manager and the supervisory post read the audit log.</source>
        <translation>仅值班领导和监督岗可查看审计日志。</translation>
    </message>
    <message>
        <source>No database: the audit log is not available.</source>
        <translation>未连接数据库：审计日志不可用。</translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>正在校验哈希链…</translation>
    </message>
    <message>
        <source>Chain intact: %1 entries checked, last #%2.</source>
        <translation>哈希链完整：已校验 %1 条记录，最后一条为 #%2。</translation>
    </message>
    <message>
        <source>entry #%1 was edited</source>
        <translation>第 #%1 条记录被修改</translation>
    </message>
    <message>
        <source>entry #%1 was inserted</source>
        <translation>第 #%1 条记录为插入</translation>
    </message>
    <message>
        <source>entries were deleted before or at #%1</source>
        <translation>#%1 之前（或该处）有记录被删除</translation>
    </message>
    <message>
        <source>this workstation&apos;s record of #%1 was altered</source>
        <translation>本工作站对 #%1 的见证记录被改动</translation>
    </message>
    <message>
        <source>CHAIN BROKEN: %1</source>
        <translation>哈希链已被破坏：%1</translation>
    </message>
    <message>
        <source>This workstation&apos;s witness file is MISSING: its entries could not be compared.</source>
        <translation>本工作站的见证文件缺失：无法比对其记录的条目。</translation>
    </message>
    <message>
        <source>%1 of this workstation&apos;s witness lines could not be verified (no key in the keyring).</source>
        <translation>本工作站见证文件中有 %1 行无法验证（密钥环中没有密钥）。</translation>
    </message>
    <message>
        <source>%1 entries compared with this workstation&apos;s witness.</source>
        <translation>已与本工作站的见证文件比对 %1 个条目。</translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>校验失败：%1</translation>
    </message>
</context>
<context>
    <name>AuditTexts</name>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Event claimed</source>
        <translation>认领事件</translation>
    </message>
    <message>
        <source>Event released</source>
        <translation>释放事件</translation>
    </message>
    <message>
        <source>Violation confirmed</source>
        <translation>确认违规</translation>
    </message>
    <message>
        <source>Event dismissed</source>
        <translation>排除告警</translation>
    </message>
    <message>
        <source>Event escalated</source>
        <translation>上报事件</translation>
    </message>
    <message>
        <source>Event comment</source>
        <translation>事件备注</translation>
    </message>
    <message>
        <source>Event reopened</source>
        <translation>重新打开事件</translation>
    </message>
    <message>
        <source>Completion approved</source>
        <translation>结业审核通过</translation>
    </message>
    <message>
        <source>Completion rejected</source>
        <translation>结业审核驳回</translation>
    </message>
    <message>
        <source>Completion decision reversed</source>
        <translation>撤销结业审核决定</translation>
    </message>
    <message>
        <source>Completion refused</source>
        <translation>拒绝结业审核</translation>
    </message>
    <message>
        <source>Spot-check passed</source>
        <translation>抽查通过</translation>
    </message>
    <message>
        <source>Spot-check failed</source>
        <translation>抽查不通过</translation>
    </message>
    <message>
        <source>Spot-check skipped</source>
        <translation>抽查跳过</translation>
    </message>
    <message>
        <source>Spot-check verdict undone</source>
        <translation>撤回抽查结论</translation>
    </message>
    <message>
        <source>Daily spot-check sample drawn</source>
        <translation>抽取当日抽查样本</translation>
    </message>
    <message>
        <source>Spot-check claim expired</source>
        <translation>抽查认领已过期</translation>
    </message>
    <message>
        <source>Recording locked as evidence</source>
        <translation>录像锁定为证据</translation>
    </message>
    <message>
        <source>Evidence lock released</source>
        <translation>解除证据锁定</translation>
    </message>
    <message>
        <source>Bookmark added</source>
        <translation>添加书签</translation>
    </message>
    <message>
        <source>Bookmark changed</source>
        <translation>修改书签</translation>
    </message>
    <message>
        <source>Bookmark deleted</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <source>Clip exported</source>
        <translation>导出录像片段</translation>
    </message>
    <message>
        <source>Evidence package exported</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Snapshot saved</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>Recordings deleted by retention</source>
        <translation>录像按保留策略删除</translation>
    </message>
    <message>
        <source>Completion evidence exported</source>
        <translation>导出结业证据</translation>
    </message>
    <message>
        <source>Approvals list exported</source>
        <translation>导出审核清单</translation>
    </message>
    <message>
        <source>Event #%1</source>
        <translation>事件 #%1</translation>
    </message>
    <message>
        <source>Completion #%1</source>
        <translation>结业 #%1</translation>
    </message>
    <message>
        <source>Spot-check #%1</source>
        <translation>抽查 #%1</translation>
    </message>
    <message>
        <source>Camera #%1</source>
        <translation>摄像头 #%1</translation>
    </message>
    <message>
        <source>Learner #%1</source>
        <translation>学员 #%1</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>日期 %1</translation>
    </message>
    <message>
        <source>Bookmark #%1</source>
        <translation>书签 #%1</translation>
    </message>
    <message>
        <source>Evidence lock #%1</source>
        <translation>证据锁定 #%1</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Calibrate face verification</source>
        <translation>人脸比对阈值标定</translation>
    </message>
    <message>
        <source>This demo workspace (synthetic classroom faces)</source>
        <translation>本演示工作区（合成课堂人脸）</translation>
    </message>
    <message>
        <source>A folder of enrolment photos and labelled captures</source>
        <translation>注册照片与已标注抓拍照片文件夹</translation>
    </message>
    <message>
        <source>Folder with enrolled/ and probes/&lt;name&gt;/</source>
        <translation>包含 enrolled/ 与 probes/&lt;姓名&gt;/ 的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Target false-match rate</source>
        <translation>目标误识率</translation>
    </message>
    <message>
        <source>Run calibration</source>
        <translation>开始标定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>特征距离</translation>
    </message>
    <message>
        <source>Share of pairs</source>
        <translation>样本对占比</translation>
    </message>
    <message>
        <source>Run a calibration to see the distributions.</source>
        <translation>开始标定后将显示距离分布。</translation>
    </message>
    <message>
        <source>Save as the workspace threshold</source>
        <translation>保存为工作区阈值</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>请先选择文件夹。</translation>
    </message>
    <message>
        <source>Calibrating…</source>
        <translation>正在标定…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Calibration cancelled.</source>
        <translation>标定已取消。</translation>
    </message>
    <message>
        <source>Calibration failed: %1</source>
        <translation>标定失败：%1</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>同一人</translation>
    </message>
    <message>
        <source>Impostor</source>
        <translation>非同一人</translation>
    </message>
    <message>
        <source>Threshold %1 for a target FMR of %2: FMR %3, FNMR %4 (%5 genuine and %6 impostor pairs, %7 identities).</source>
        <translation>目标误识率 %2 下的阈值为 %1：误识率 %3，拒识率 %4（同一人样本对 %5 个，非同一人样本对 %6 个，%7 个身份）。</translation>
    </message>
    <message>
        <source>Saved as the workspace threshold; it applies from the next start of face analysis.</source>
        <translation>已保存为工作区阈值，下次启动人脸分析时生效。</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>保存失败：%1</translation>
    </message>
    <message>
        <source>Folder of labelled faces</source>
        <translation>已标注人脸文件夹</translation>
    </message>
</context>
<context>
    <name>CompletionDialogs</name>
    <message>
        <source>Approve the completion of %1?

%2, class %3.</source>
        <translation>确定通过 %1 的结业申请吗？

%2，准驾车型 %3。</translation>
    </message>
    <message>
        <source>Looked at?</source>
        <translation>以下情况已核查？</translation>
    </message>
    <message>
        <source>Approve completion</source>
        <translation>通过结业申请</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 等另外 %1 人</translation>
    </message>
    <message>
        <source>Approve %1 clean completions?

%2</source>
        <translation>确定通过 %1 条无异常的结业申请吗？

%2</translation>
    </message>
    <message>
        <source>Approve all clean</source>
        <translation>批量通过</translation>
    </message>
    <message>
        <source>Online study photo is not the learner</source>
        <translation>网络学习抽查照片非本人</translation>
    </message>
    <message>
        <source>On-site study not continuous for more than three hours</source>
        <translation>现场学习连续时长不足三小时</translation>
    </message>
    <message>
        <source>Study record irregular; study again</source>
        <translation>学习记录存在异常，需重新学习</translation>
    </message>
    <message>
        <source>Reject completion</source>
        <translation>驳回结业申请</translation>
    </message>
    <message>
        <source>Reason for rejecting %1:</source>
        <translation>驳回 %1 的理由：</translation>
    </message>
    <message>
        <source>approval</source>
        <translation>审核通过决定</translation>
    </message>
    <message>
        <source>rejection</source>
        <translation>驳回决定</translation>
    </message>
    <message>
        <source>Reverse the %1 of %2? The completion becomes pending again and is judged afresh.</source>
        <translation>撤销对 %2 的%1吗？撤销后该结业申请回到待审核，并重新核查。</translation>
    </message>
    <message>
        <source>Reverse decision</source>
        <translation>撤销审核决定</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>撤销理由（必填）：</translation>
    </message>
</context>
<context>
    <name>CompletionList</name>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Decided (last %1 days)</source>
        <translation>已审核（近 %1 天）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not load the completions: %1</source>
        <translation>无法加载结业申请：%1</translation>
    </message>
    <message>
        <source>%1 decisions in the last %2 days; %3 approvals now contradicted by the evidence</source>
        <translation>近 %2 天共 %1 条审核决定；其中 %3 条已通过的与现有证据不符</translation>
    </message>
    <message>
        <source>%1 requests awaiting review: %2 clean, %3 blocked</source>
        <translation>待审核申请 %1 条：无异常 %2 条，受阻 %3 条</translation>
    </message>
</context>
<context>
    <name>CompletionTableModel</name>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Class · required</source>
        <translation>准驾车型 · 要求</translation>
    </message>
    <message>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>教育类型</translation>
    </message>
    <message>
        <source>On-site</source>
        <translation>现场学习</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>网络学习</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Nothing argues against approval.</source>
        <translation>没有妨碍审核通过的情况。</translation>
    </message>
    <message>
        <source>%1 (%2): 满分 7 days, 30 for A1/A2/A3/B1/B2 (163号令); 审验 3 hours (162号令)</source>
        <translation>%1（%2）：满分教育 7 天，A1/A2/A3/B1/B2 为 30 天（公安部令第163号）；审验教育 3 小时（公安部令第162号）</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d (%2 h)</source>
        <translation>%1 天（%2 小时）</translation>
    </message>
    <message>
        <source>%1 open, %2 confirmed</source>
        <translation>未处理 %1，已确认 %2</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 pending</source>
        <translation>通过 %1，不通过 %2，待抽查 %3</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>CompletionWords</name>
    <message>
        <source>Substitution confirmed (替学)</source>
        <translation>已确认替学</translation>
    </message>
    <message>
        <source>Spot-check: not the learner (替学)</source>
        <translation>抽查判定非本人（替学）</translation>
    </message>
    <message>
        <source>Face mismatch not yet triaged</source>
        <translation>人脸不符尚未处理</translation>
    </message>
    <message>
        <source>Flagged photo awaiting a verdict</source>
        <translation>异常照片待抽查结论</translation>
    </message>
    <message>
        <source>Requirement not met</source>
        <translation>未达到学习要求</translation>
    </message>
    <message>
        <source>Open event</source>
        <translation>有未处理事件</translation>
    </message>
    <message>
        <source>Spot-check failed</source>
        <translation>抽查不通过</translation>
    </message>
    <message>
        <source>Spot-check pending</source>
        <translation>抽查待审</translation>
    </message>
    <message>
        <source>total study days short</source>
        <translation>学习总天数不足</translation>
    </message>
    <message>
        <source>on-site and online days short</source>
        <translation>现场与网络学习天数不足</translation>
    </message>
    <message>
        <source>on-site days short</source>
        <translation>现场学习天数不足</translation>
    </message>
    <message>
        <source>less than 3 hours of study</source>
        <translation>学习不足 3 小时</translation>
    </message>
    <message>
        <source>accident-case warning not attended</source>
        <translation>未参加事故案例警示教育</translation>
    </message>
    <message>
        <source>substitution (替学)</source>
        <translation>替学</translation>
    </message>
    <message>
        <source>Face mismatch confirmed as substitution (替学): event %1</source>
        <translation>人脸不符已确认为替学：事件 %1</translation>
    </message>
    <message>
        <source>Spot-check judged the photo not the learner (替学): spot-check %1</source>
        <translation>抽查判定照片非本人（替学）：抽查 %1</translation>
    </message>
    <message>
        <source>Face mismatch (替学 alert) not yet confirmed or dismissed: event %1</source>
        <translation>人脸不符（替学告警）尚未确认或排除：事件 %1</translation>
    </message>
    <message>
        <source>Flagged online-study photo without a spot-check verdict: photo %1</source>
        <translation>网络学习异常照片尚无抽查结论：照片 %1</translation>
    </message>
    <message>
        <source>Requirement not met: %1</source>
        <translation>未达到学习要求：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Open event, not yet triaged: event %1</source>
        <translation>事件尚未处理：事件 %1</translation>
    </message>
    <message>
        <source>Spot-check failed: spot-check %1</source>
        <translation>抽查不通过：抽查 %1</translation>
    </message>
    <message>
        <source>Spot-check waiting for its verdict: spot-check %1</source>
        <translation>抽查尚待审核：抽查 %1</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Void: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>On hold: %1</source>
        <translation>暂缓：%1</translation>
    </message>
    <message>
        <source>Check: %1</source>
        <translation>需核查：%1</translation>
    </message>
    <message>
        <source> (+%1)</source>
        <translation>（另 %1 项）</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>无异常</translation>
    </message>
    <message>
        <source>%1 · now: %2</source>
        <translation>%1 · 现状：%2</translation>
    </message>
    <message>
        <source>%1 · 3 h</source>
        <translation>%1 · 3 小时</translation>
    </message>
    <message>
        <source>%1 · %2 d</source>
        <translation>%1 · %2 天</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Not approved: %1</source>
        <translation>未通过：%1</translation>
    </message>
    <message>
        <source>Your account has been deactivated: nothing was approved or changed.</source>
        <translation>您的账号已被停用：未批准、未更改任何内容。</translation>
    </message>
    <message>
        <source>This learner is outside your county: nothing was changed.</source>
        <translation>该学员不在您的辖区，未作任何更改。</translation>
    </message>
    <message>
        <source>Your post may not do this: nothing was changed.</source>
        <translation>您的岗位无此权限，未作任何更改。</translation>
    </message>
    <message>
        <source>Someone else decided this completion first.</source>
        <translation>该结业申请已由他人先行审核。</translation>
    </message>
    <message>
        <source>This completion is pending: there is no decision to reverse.</source>
        <translation>该结业申请尚待审核，没有可撤销的决定。</translation>
    </message>
    <message>
        <source>The decision was NOT saved: %1</source>
        <translation>审核决定未保存：%1</translation>
    </message>
    <message>
        <source>%1 approved and saved.</source>
        <translation>已通过并保存 %1 条。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 NOT approved (judged again when saving):</source>
        <translation>%1 条未通过（保存时重新核查）：</translation>
    </message>
</context>
<context>
    <name>CompletionsPane</name>
    <message>
        <source>Completions</source>
        <translation>结业审核</translation>
    </message>
    <message>
        <source>&amp;Reject (R)…</source>
        <translation>驳回(&amp;R)…</translation>
    </message>
    <message>
        <source>Approve all clean (Ctrl+Shift+A)…</source>
        <translation>批量通过无异常申请 (Ctrl+Shift+A)…</translation>
    </message>
    <message>
        <source>Export evidence…</source>
        <translation>导出证据…</translation>
    </message>
    <message>
        <source>Today&apos;s decisions as CSV…</source>
        <translation>导出今日审核结果 (CSV)…</translation>
    </message>
    <message>
        <source>No database: completions are not available.</source>
        <translation>未连接数据库：结业审核不可用。</translation>
    </message>
    <message>
        <source>Approved and saved.</source>
        <translation>已通过并保存。</translation>
    </message>
    <message>
        <source>Rejected and saved.</source>
        <translation>已驳回并保存。</translation>
    </message>
    <message>
        <source>&amp;Approve (A)…</source>
        <translation>通过(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;verse decision…</source>
        <translation>撤销审核决定(&amp;V)…</translation>
    </message>
    <message>
        <source>Supervisory post only; needs a reason; audited.</source>
        <translation>仅限监督岗；须填写理由；记入审计日志。</translation>
    </message>
    <message>
        <source>%1 cannot be approved:
%2</source>
        <translation>%1 不能通过：
%2</translation>
    </message>
    <message>
        <source>The batch approval stopped: %1</source>
        <translation>批量审核中断：%1</translation>
    </message>
    <message>
        <source>Not reversed: a reason is required.</source>
        <translation>未撤销：须填写理由。</translation>
    </message>
    <message>
        <source>Decision reversed and saved: the completion is pending again.</source>
        <translation>已撤销并保存：该结业申请重新进入待审核。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF 文件 (*.pdf);;HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%1 decisions exported to %2</source>
        <translation>已将 %1 条审核结果导出到 %2</translation>
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
        <source>preparing demo video for %n</source>
        <translation>
            <numerusform>%n 路正在准备演示视频</numerusform>
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
        <source>The charts cannot be shown: %1</source>
        <translation>无法显示图表：%1</translation>
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
        <source>Show charts</source>
        <translation>显示图表</translation>
    </message>
    <message>
        <source>Hide charts</source>
        <translation>隐藏图表</translation>
    </message>
    <message>
        <source>Show today&apos;s charts and the workspace figures</source>
        <translation>显示今日图表和工作区数据</translation>
    </message>
    <message>
        <source>Keep only the row of figures, leaving the room to the video wall</source>
        <translation>只保留一行数据，把空间留给视频墙</translation>
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
        <source>Classes in session</source>
        <translation>正在上课</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>上课中</translation>
    </message>
    <message>
        <source>Classrooms with a class in session now: open the video wall</source>
        <translation>当前正在上课的教室：打开视频墙</translation>
    </message>
    <message>
        <source>Watched by analysis</source>
        <translation>分析监看中</translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>监看中</translation>
    </message>
    <message>
        <source>Classrooms in session whose camera face analysis is watching now</source>
        <translation>正在上课且摄像头正由人脸分析监看的教室</translation>
    </message>
    <message>
        <source>Being recorded</source>
        <translation>正在录像</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录像中</translation>
    </message>
    <message>
        <source>Classrooms in session being recorded now: open the recordings</source>
        <translation>正在上课且正在录像的教室：打开录像</translation>
    </message>
    <message>
        <source>New events</source>
        <translation>新事件</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新事件</translation>
    </message>
    <message>
        <source>Events nobody has claimed yet: open them in the Events pane</source>
        <translation>尚无人认领的事件：在事件窗格中打开</translation>
    </message>
    <message>
        <source>High severity, unclaimed</source>
        <translation>高级别未认领</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高级未认领</translation>
    </message>
    <message>
        <source>High-severity events nobody has claimed: open them in the Events pane</source>
        <translation>无人认领的高级别事件：在事件窗格中打开</translation>
    </message>
    <message>
        <source>Completions to review</source>
        <translation>待审结业</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation>待审结业</translation>
    </message>
    <message>
        <source>Completions waiting for a decision: open the Completions pane</source>
        <translation>等待审核决定的结业：打开结业审核窗格</translation>
    </message>
    <message>
        <source>Spot-checks waiting</source>
        <translation>待抽查</translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation>待抽查</translation>
    </message>
    <message>
        <source>Sampled study photos waiting for a verdict: open the Spot-check pane</source>
        <translation>等待判定的抽样学习照片：打开抽查窗格</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Today&apos;s events per hour</source>
        <translation>今日每小时事件</translation>
    </message>
    <message>
        <source>Loading the charts…</source>
        <translation>正在加载图表…</translation>
    </message>
    <message>
        <source>Today&apos;s events per classroom</source>
        <translation>今日各教室事件</translation>
    </message>
    <message>
        <source>Today&apos;s events per site</source>
        <translation>今日各站点事件</translation>
    </message>
    <message>
        <source>Today&apos;s events per county</source>
        <translation>今日各区县事件</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Recompute the figures now</source>
        <translation>立即重新计算</translation>
    </message>
</context>
<context>
    <name>ErrorTexts</name>
    <message>
        <source>The database is busy (another workstation or program is writing). Try again in a moment.</source>
        <translation>数据库正忙（其他工作站或程序正在写入），请稍后重试。</translation>
    </message>
    <message>
        <source>The database cannot be reached. Check the network or the server, then try again.</source>
        <translation>无法连接数据库。请检查网络或服务器后重试。</translation>
    </message>
    <message>
        <source>The connection was lost. Check the network or the server, then try again.</source>
        <translation>连接已断开。请检查网络或服务器后重试。</translation>
    </message>
    <message>
        <source>The operation took too long and was stopped. Try again.</source>
        <translation>操作超时已停止，请重试。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>磁盘已满。请释放空间后重试。</translation>
    </message>
    <message>
        <source>The file or folder cannot be written (no permission or read-only disk).</source>
        <translation>无法写入文件或文件夹（无权限或磁盘只读）。</translation>
    </message>
    <message>
        <source>A file or folder was not found: %1</source>
        <translation>未找到文件或文件夹：%1</translation>
    </message>
    <message>
        <source>Unexpected error (details in the log): %1</source>
        <translation>意外错误（详见日志）：%1</translation>
    </message>
</context>
<context>
    <name>EventAnnouncer</name>
    <message numerus="yes">
        <source>%n new high-severity event(s)</source>
        <translation>
            <numerusform>%n 条高级别新事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventDetailPanel</name>
    <message>
        <source>No event selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Face distance: %1</source>
        <translation>人脸距离：%1</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 (no calibrated threshold: the workspace was never calibrated)</source>
        <translation>%1（无校准阈值：本工作区尚未校准）</translation>
    </message>
    <message>
        <source>beyond the threshold: not the same person</source>
        <translation>超出阈值：不是同一人</translation>
    </message>
    <message>
        <source>within the threshold: the same person</source>
        <translation>未超出阈值：是同一人</translation>
    </message>
    <message>
        <source>workspace calibration of %1</source>
        <translation>工作区 %1 校准</translation>
    </message>
    <message>
        <source>workspace calibration, date not recorded</source>
        <translation>工作区校准，未记录日期</translation>
    </message>
    <message>
        <source>%1 · threshold %2 (%3): %4</source>
        <translation>%1 · 阈值 %2（%3）：%4</translation>
    </message>
    <message>
        <source>No enrolment photo</source>
        <translation>无报名照片</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>Enrolment photo · %1</source>
        <translation>报名照片 · %1</translation>
    </message>
    <message>
        <source>Enrolment photo</source>
        <translation>报名照片</translation>
    </message>
    <message>
        <source>Flagged frame · %1</source>
        <translation>告警画面 · %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Learners</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>产生来源</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <source>Confirm (C)</source>
        <translation>确认违规 (C)</translation>
    </message>
    <message>
        <source>Dismiss (D)</source>
        <translation>误报 (D)</translation>
    </message>
    <message>
        <source>Escalate (E)</source>
        <translation>上报 (E)</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Confirm the violation</source>
        <translation>确认为违规</translation>
    </message>
    <message>
        <source>Dismiss as a false alarm</source>
        <translation>作为误报关闭</translation>
    </message>
    <message>
        <source>Hand up to the supervisory post</source>
        <translation>上报监督岗</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add a comment and press Enter</source>
        <translation>输入备注后按回车</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>EventFilterBar</name>
    <message>
        <source>Only these events (set on the Dashboard); click to show all</source>
        <translation>仅显示这些事件（由概览设置）；点击显示全部</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open (not decided)</source>
        <translation>未处理完</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>Learner name</source>
        <translation>学员姓名</translation>
    </message>
    <message>
        <source>Kind of event</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>Triage state</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <source>When the event started</source>
        <translation>事件开始时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
</context>
<context>
    <name>EventJournal</name>
    <message>
        <source>%n event(s) not saved on this workstation</source>
        <translation>%n 条事件未能保存到本工作站</translation>
    </message>
    <message>
        <source>%n event(s) waiting for the database</source>
        <translation>%n 条事件等待写入数据库</translation>
    </message>
    <message>
        <source>%n refused as faulty</source>
        <translation>%n 条被拒（故障）</translation>
    </message>
    <message>
        <source>All events stored</source>
        <translation>事件已全部入库</translation>
    </message>
    <message>
        <source>Flagged events, stream outages and recording index rows are kept on this workstation&apos;s disk until the database has stored them.</source>
        <translation>告警事件、视频中断和录像索引先保存在本工作站磁盘上，直到数据库存储成功。</translation>
    </message>
    <message>
        <source>%n entry(ies) waiting.</source>
        <translation>%n 条待写入。</translation>
    </message>
    <message>
        <source>The oldest has waited since %1 (%n min).</source>
        <translation>最早一条自 %1 起等待（%n 分钟）。</translation>
    </message>
    <message>
        <source>%n entry(ies) the database refused as faulty: kept on this disk, tried again at the next start. Please report this to support.</source>
        <translation>%n 条被数据库判为故障而拒绝：已保存在本机磁盘，下次启动时重试。请报告技术支持。</translation>
    </message>
    <message>
        <source>The database refuses: %1</source>
        <translation>数据库拒绝写入：%1</translation>
    </message>
    <message>
        <source>This workstation&apos;s disk refuses the journal: %1</source>
        <translation>本工作站磁盘拒绝写入事件日志：%1</translation>
    </message>
    <message>
        <source>This workstation&apos;s disk refuses to save the event journal (%1).</source>
        <translation>本工作站磁盘拒绝保存事件日志（%1）。</translation>
    </message>
    <message>
        <source>%n event(s) are held in memory only: quitting, a crash or a power cut now loses them.</source>
        <translation>%n 条事件仅保存在内存中：此时退出、程序崩溃或断电都会丢失它们。</translation>
    </message>
    <message>
        <source>Free disk space now or call the administrator.</source>
        <translation>请立即释放磁盘空间或联系管理员。</translation>
    </message>
    <message>
        <source>saving %n event(s) this workstation&apos;s disk refused</source>
        <translation>保存本工作站磁盘拒绝写入的 %n 条事件</translation>
    </message>
    <message>
        <source>delivering %n waiting event(s) to the database</source>
        <translation>将等待中的 %n 条事件写入数据库</translation>
    </message>
    <message>
        <source>%n event(s) could not be written to this workstation&apos;s disk and are LOST if you quit now.</source>
        <translation>%n 条事件未能写入本工作站磁盘，现在退出将会丢失！</translation>
    </message>
    <message>
        <source>%n waiting event(s) stay on this workstation&apos;s disk and are delivered when the console runs here again.</source>
        <translation>等待中的 %n 条事件保存在本工作站磁盘上，下次在本机运行监督台时再写入数据库。</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Classroom</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>抓拍</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
</context>
<context>
    <name>EventTableView</name>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>J/K: next/previous · C: confirm · D: dismiss · E: escalate · Enter: details · P: play the recording · double-click: live camera or recording · click a column title to sort</source>
        <translation>J/K：下一条/上一条 · C：确认违规 · D：误报 · E：上报 · 回车：详情 · P：播放录像 · 双击：实时画面或录像 · 点击列标题排序</translation>
    </message>
</context>
<context>
    <name>EventsPane</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Event %1: %2</source>
        <translation>事件 %1：%2</translation>
    </message>
    <message>
        <source>Another officer is handling this event.</source>
        <translation>该事件正由其他民警处理。</translation>
    </message>
    <message>
        <source>This event cannot move to that state.</source>
        <translation>该事件不能转为此状态。</translation>
    </message>
    <message>
        <source>This event no longer exists.</source>
        <translation>该事件已不存在。</translation>
    </message>
    <message>
        <source>The comment is empty.</source>
        <translation>备注为空。</translation>
    </message>
    <message>
        <source>A verdict on a high-severity event needs a reason.</source>
        <translation>处理高级别事件须填写理由。</translation>
    </message>
    <message>
        <source>The database could not be reached: %1</source>
        <translation>无法连接数据库：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n new event(s) — show</source>
        <translation>
            <numerusform>%n 条新事件 — 显示</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the events: %1</source>
        <translation>无法加载事件：%1</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation>播放录像</translation>
    </message>
    <message>
        <source>Show the camera live</source>
        <translation>查看实时画面</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Events need the workspace database.</source>
        <translation>事件功能需要连接工作区数据库。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation>（向下滚动加载更多）</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) shown</source>
        <translation>
            <numerusform>已显示 %n 条事件</numerusform>
        </translation>
    </message>
    <message>
        <source>Query again (new events included)</source>
        <translation>重新查询（包括新事件）</translation>
    </message>
</context>
<context>
    <name>EvidenceActions</name>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Note for %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <source>Bookmark added.</source>
        <translation>已添加书签。</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Bookmark changed.</source>
        <translation>已修改书签。</translation>
    </message>
    <message>
        <source>Delete the bookmark “%1”?</source>
        <translation>删除书签“%1”？</translation>
    </message>
    <message>
        <source>Delete bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <source>Bookmark deleted.</source>
        <translation>已删除书签。</translation>
    </message>
    <message>
        <source>Evidence lock</source>
        <translation>证据锁定</translation>
    </message>
    <message>
        <source>Why must this span be kept?</source>
        <translation>为什么需要保留这段录像？</translation>
    </message>
    <message>
        <source>Span locked as evidence.</source>
        <translation>已将该片段锁定为证据。</translation>
    </message>
    <message>
        <source>Release this evidence lock? Retention may then delete the recording.</source>
        <translation>解除此证据锁定？之后录像清理可能会删除这段录像。</translation>
    </message>
    <message>
        <source>Release lock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Evidence lock released.</source>
        <translation>已解除证据锁定。</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>Bookmarks and evidence locks</source>
        <translation>书签与证据锁定</translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>编辑备注…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Release lock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Double-click to play from there</source>
        <translation>双击从此处播放</translation>
    </message>
</context>
<context>
    <name>EvidenceReport</name>
    <message>
        <source>(photo missing)</source>
        <translation>（照片缺失）</translation>
    </message>
    <message>
        <source>On-site days</source>
        <translation>现场学习天数</translation>
    </message>
    <message>
        <source>Online days</source>
        <translation>网络学习天数</translation>
    </message>
    <message>
        <source>Self-study days (reported by the platform)</source>
        <translation>自主学习天数（平台上报）</translation>
    </message>
    <message>
        <source>Required days</source>
        <translation>应学天数</translation>
    </message>
    <message>
        <source>Requirement met</source>
        <translation>是否达到要求</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Open / confirmed events</source>
        <translation>未处理 / 已确认事件</translation>
    </message>
    <message>
        <source>Spot-checks passed / failed / pending</source>
        <translation>抽查 通过 / 不通过 / 待抽查</translation>
    </message>
    <message>
        <source>Study evidence</source>
        <translation>学习证据</translation>
    </message>
    <message>
        <source>Enrolment photo</source>
        <translation>备案照片</translation>
    </message>
    <message>
        <source>Captured photos</source>
        <translation>抓拍照片</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Captured at</source>
        <translation>抓拍时间</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>人脸距离</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>抽查结论</translation>
    </message>
    <message>
        <source>Decisions and audit trail</source>
        <translation>审核结果与审计记录</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>The evidence package was written to:
%1</source>
        <translation>证据包已保存到：
%1</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>The clip was written to:
%1</source>
        <translation>视频片段已保存到：
%1</translation>
    </message>
    <message>
        <source>The name chosen was too long for the file system (255 bytes with the temporary “.partial” ending) and was shortened.</source>
        <translation>所选的文件名对文件系统而言过长（加上临时结尾“.partial”超过 255 字节），已自动缩短。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Verification FAILED — changed, missing or added: %1</source>
        <translation>校验未通过 — 被修改、缺失或新增的文件：%1</translation>
    </message>
    <message>
        <source>Verified: every file matches its SHA-256 and the signature is valid.
Signing key: %1</source>
        <translation>校验通过：所有文件与其 SHA-256 一致，签名有效。
签名密钥：%1</translation>
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
        <source>Unreadable photo</source>
        <translation>照片无法读取</translation>
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
    <message>
        <source>Face analysis and classroom rules</source>
        <translation>人脸分析与课堂规则</translation>
    </message>
    <message>
        <source>Video stream monitor</source>
        <translation>视频流监测</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
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
        <source>&amp;Calibrate face verification…</source>
        <translation>人脸比对阈值标定(&amp;C)…</translation>
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
    <name>Permissions</name>
    <message>
        <source>view this</source>
        <translation>查看此项</translation>
    </message>
    <message>
        <source>claim events</source>
        <translation>认领事件</translation>
    </message>
    <message>
        <source>confirm violations</source>
        <translation>确认违规</translation>
    </message>
    <message>
        <source>dismiss events as false alarms</source>
        <translation>排除误报</translation>
    </message>
    <message>
        <source>escalate events</source>
        <translation>上报事件</translation>
    </message>
    <message>
        <source>add comments</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>approve or reject</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>reverse a decision already taken</source>
        <translation>撤销已作出的决定</translation>
    </message>
    <message>
        <source>watch recordings</source>
        <translation>查看录像</translation>
    </message>
    <message>
        <source>export evidence</source>
        <translation>导出证据</translation>
    </message>
    <message>
        <source>lock evidence</source>
        <translation>锁定证据</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>查阅审计日志</translation>
    </message>
    <message>
        <source>Your account has been deactivated: you may not %1.</source>
        <translation>您的账号已被停用，不能%1。</translation>
    </message>
    <message>
        <source>Outside your area: you may not %1 here.</source>
        <translation>超出您的管辖范围：不能在此%1。</translation>
    </message>
    <message>
        <source>Your post may not %1.</source>
        <translation>您的岗位无权%1。</translation>
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
    <name>PlaybackActions</name>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格）</translation>
    </message>
    <message>
        <source>−10 s</source>
        <translation>−10 秒</translation>
    </message>
    <message>
        <source>Back 10 seconds (←)</source>
        <translation>后退 10 秒（←）</translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation>+10 秒</translation>
    </message>
    <message>
        <source>Forward 10 seconds (→)</source>
        <translation>前进 10 秒（→）</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>One frame back (,)</source>
        <translation>后退一帧（,）</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>One frame forward (.)</source>
        <translation>前进一帧（.）</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Slower ([)</source>
        <translation>减速（[）</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Faster (])</source>
        <translation>加速（]）</translation>
    </message>
    <message>
        <source>In</source>
        <translation>入点</translation>
    </message>
    <message>
        <source>Start the span here (I)</source>
        <translation>在此设为片段起点（I）</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出点</translation>
    </message>
    <message>
        <source>End the span here (O)</source>
        <translation>在此设为片段终点（O）</translation>
    </message>
    <message>
        <source>Clear span</source>
        <translation>清除片段</translation>
    </message>
    <message>
        <source>Clear the selected span (Esc)</source>
        <translation>清除所选片段（Esc）</translation>
    </message>
    <message>
        <source>Bookmark…</source>
        <translation>书签…</translation>
    </message>
    <message>
        <source>Bookmark this moment with a note (B)</source>
        <translation>为此刻添加带备注的书签（B）</translation>
    </message>
    <message>
        <source>Lock as evidence…</source>
        <translation>证据锁定…</translation>
    </message>
    <message>
        <source>Keep the selected span from being deleted by retention</source>
        <translation>锁定所选片段，录像清理时不删除</translation>
    </message>
    <message>
        <source>Export clip (MP4)…</source>
        <translation>导出片段（MP4）…</translation>
    </message>
    <message>
        <source>Export the selected span as one MP4 file</source>
        <translation>将所选片段导出为一个 MP4 文件</translation>
    </message>
    <message>
        <source>Export evidence package…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <source>Export the selected span with event snapshots, a manifest and SHA-256 sums (zip)</source>
        <translation>导出所选片段及事件截图、清单和 SHA-256 校验值（zip）</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>recording of %n camera(s)</source>
        <translation>%n 路摄像头的录像</translation>
    </message>
    <message>
        <source>face analysis of %n camera(s)</source>
        <translation>%n 路摄像头的人脸分析</translation>
    </message>
    <message>
        <source>Quit Liangjiao Console</source>
        <translation>退出两个教育监督台</translation>
    </message>
    <message>
        <source>Quitting stops %1.</source>
        <translation>退出将停止%1。</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>Nothing is watched or recorded until the console runs again.</source>
        <translation>在监督台再次运行之前，不会有任何监看或录像。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
</context>
<context>
    <name>RecordingLabels</name>
    <message>
        <source>Learner: %1</source>
        <translation>学员：%1</translation>
    </message>
    <message>
        <source>State: %1 · severity %2</source>
        <translation>状态：%1 · 级别：%2</translation>
    </message>
    <message>
        <source>From %1, still open</source>
        <translation>自 %1 起，尚未结束</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Click to play from here</source>
        <translation>单击从此处播放</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>（无备注）</translation>
    </message>
    <message>
        <source>Bookmark %1: %2</source>
        <translation>书签 %1：%2</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>（未填写原因）</translation>
    </message>
    <message>
        <source>Evidence lock %1: %2</source>
        <translation>证据锁定 %1：%2</translation>
    </message>
</context>
<context>
    <name>RecordingsPane</name>
    <message>
        <source>Recordings</source>
        <translation>录像</translation>
    </message>
    <message>
        <source>Recordings need the workspace database.</source>
        <translation>录像回放需要连接工作区数据库。</translation>
    </message>
    <message>
        <source>Your post does not review recordings.</source>
        <translation>您的岗位不能查看录像。</translation>
    </message>
    <message>
        <source>A recording file could not be read and was skipped.</source>
        <translation>有录像文件无法读取，已跳过。</translation>
    </message>
    <message>
        <source>Your account has been deactivated.</source>
        <translation>您的账号已被停用。</translation>
    </message>
    <message>
        <source>End of the recordings.</source>
        <translation>录像已播放到末尾。</translation>
    </message>
    <message>
        <source>Fast playback: keyframes only.</source>
        <translation>快速播放：仅显示关键帧。</translation>
    </message>
    <message>
        <source>Loading the day…</source>
        <translation>正在加载当天录像…</translation>
    </message>
    <message>
        <source>No recordings on this day.</source>
        <translation>当天没有录像。</translation>
    </message>
    <message>
        <source>No span selected</source>
        <translation>未选择片段</translation>
    </message>
    <message>
        <source>Span %1 – %2</source>
        <translation>片段 %1 – %2</translation>
    </message>
    <message>
        <source>Unknown user.</source>
        <translation>未知用户。</translation>
    </message>
    <message>
        <source>Your post may not do this.</source>
        <translation>您的岗位无此权限。</translation>
    </message>
    <message>
        <source>This camera is outside your county.</source>
        <translation>该摄像头不在您所辖区县。</translation>
    </message>
    <message>
        <source>Only its author or a duty manager may change this.</source>
        <translation>只有创建人或值班领导可以修改。</translation>
    </message>
    <message>
        <source>An evidence lock may span at most 7 days: select a shorter span.</source>
        <translation>证据锁定最长 7 天，请选择较短的时段。</translation>
    </message>
    <message>
        <source>An evidence lock may end at most one day from now.</source>
        <translation>证据锁定的结束时间最晚为一天之后。</translation>
    </message>
    <message>
        <source>A file of that name exists already: %1</source>
        <translation>同名文件已存在：%1</translation>
    </message>
    <message>
        <source>The recordings could not be read: %1</source>
        <translation>无法读取录像：%1</translation>
    </message>
    <message>
        <source>Choose a camera</source>
        <translation>请选择摄像头</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No recordings of this camera on %1</source>
        <translation>该摄像头在 %1 没有录像</translation>
    </message>
    <message>
        <source>No recording here</source>
        <translation>此处无录像</translation>
    </message>
    <message>
        <source>Play from %1</source>
        <translation>从 %1 播放</translation>
    </message>
    <message>
        <source>Span starts here</source>
        <translation>片段从此处开始</translation>
    </message>
    <message>
        <source>Span ends here</source>
        <translation>片段在此处结束</translation>
    </message>
</context>
<context>
    <name>RetentionSettingsGroup</name>
    <message>
        <source>Recordings</source>
        <translation>录像</translation>
    </message>
    <message>
        <source>Keep recordings for (days):</source>
        <translation>录像保留天数：</translation>
    </message>
    <message>
        <source>Use at most (% of the disk):</source>
        <translation>最多占用磁盘（%）：</translation>
    </message>
    <message>
        <source>Use at most (GB):</source>
        <translation>最多占用（GB）：</translation>
    </message>
    <message>
        <source>Always keep free (MB):</source>
        <translation>始终保留空闲（MB）：</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>The oldest recordings go first; evidence locks and recordings of undecided events are never deleted. The free-space floor is at most 5 % of a small disk. Applies at the next start.</source>
        <translation>最早的录像先删除；证据锁定的录像和未处理事件的录像从不删除。小容量磁盘的空闲下限最多为磁盘的 5%。下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>ReviewToolbar</name>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Single</source>
        <translation>单画面</translation>
    </message>
    <message>
        <source>Play one camera</source>
        <translation>播放一路摄像头</translation>
    </message>
    <message>
        <source>Play up to four cameras in sync</source>
        <translation>同步播放最多四路摄像头</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Days with recordings of this camera are shown in bold green</source>
        <translation>该摄像头有录像的日期以绿色粗体显示</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>跳转到</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>跳转</translation>
    </message>
    <message>
        <source>Type a time (HH:MM:SS) and press Enter</source>
        <translation>输入时间（时:分:秒）后按回车</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Could not claim photos: %1</source>
        <translation>无法领取抽查照片：%1</translation>
    </message>
    <message>
        <source>That photo was taken over elsewhere; its verdict was not saved.</source>
        <translation>该照片已由他人处理，本次结论未保存。</translation>
    </message>
    <message>
        <source>The verdict was NOT saved (%1); the photo is shown again.</source>
        <translation>抽查结论未保存（%1），已重新显示该照片。</translation>
    </message>
    <message>
        <source>Could not undo: %1</source>
        <translation>无法撤销：%1</translation>
    </message>
    <message>
        <source>Loading the next photo…</source>
        <translation>正在加载下一张照片…</translation>
    </message>
    <message>
        <source>No photos are waiting for review.</source>
        <translation>没有待抽查的照片。</translation>
    </message>
    <message>
        <source>%1 · captured %2 · %3</source>
        <translation>%1 · 抓拍于 %2 · %3</translation>
    </message>
    <message>
        <source>Photo file missing</source>
        <translation>照片文件缺失</translation>
    </message>
    <message>
        <source>Enrolment photo</source>
        <translation>备案照片</translation>
    </message>
    <message>
        <source>random sample</source>
        <translation>随机抽样</translation>
    </message>
    <message>
        <source>flagged: %1</source>
        <translation>系统标记：%1</translation>
    </message>
    <message>
        <source>Not the learner</source>
        <translation>不是本人</translation>
    </message>
    <message>
        <source>No face</source>
        <translation>无人脸</translation>
    </message>
    <message>
        <source>Several people</source>
        <translation>多人</translation>
    </message>
    <message>
        <source>Not studying</source>
        <translation>非学习状态</translation>
    </message>
    <message>
        <source>Photo of a photo</source>
        <translation>翻拍照片</translation>
    </message>
    <message>
        <source>Fail because: %1   (Esc cancels)</source>
        <translation>不通过原因：%1   （Esc 取消）</translation>
    </message>
    <message>
        <source>P pass · F fail · S skip · U undo — %1 reviewed</source>
        <translation>P 通过 · F 不通过 · S 跳过 · U 撤销 — 已抽查 %1 张</translation>
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
        <source>Sound the alarm for new high-severity events</source>
        <translation>高级别新事件响铃告警</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Face analysis</source>
        <translation>人脸分析</translation>
    </message>
    <message>
        <source>Analyse faces on the wall&apos;s cameras</source>
        <translation>分析视频墙各路摄像头中的人脸</translation>
    </message>
    <message>
        <source>Analyse at most:</source>
        <translation>最多分析：</translation>
    </message>
    <message>
        <source>cameras</source>
        <translation>路摄像头</translation>
    </message>
    <message>
        <source>Frames analysed per camera:</source>
        <translation>每路摄像头分析帧数：</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>帧/秒</translation>
    </message>
    <message>
        <source>Face detector:</source>
        <translation>人脸检测器：</translation>
    </message>
    <message>
        <source>HOG (fast; faces turned to the camera)</source>
        <translation>HOG（快速；适用于正对摄像头的人脸）</translation>
    </message>
    <message>
        <source>CNN (more head poses; seconds per frame on this CPU)</source>
        <translation>CNN（可识别更多头部姿态；在本机 CPU 上每帧需数秒）</translation>
    </message>
    <message>
        <source>Small faces:</source>
        <translation>小尺寸人脸：</translation>
    </message>
    <message>
        <source>Not searched (fastest)</source>
        <translation>不检测（最快）</translation>
    </message>
    <message>
        <source>Half as big (about 4× the CPU)</source>
        <translation>检测一半大小的人脸（约 4 倍 CPU）</translation>
    </message>
    <message>
        <source>A quarter as big (about 16× the CPU)</source>
        <translation>检测四分之一大小的人脸（约 16 倍 CPU）</translation>
    </message>
    <message>
        <source>Verification threshold:</source>
        <translation>比对阈值：</translation>
    </message>
    <message>
        <source>Known once face analysis has started</source>
        <translation>人脸分析启动后显示</translation>
    </message>
    <message>
        <source>%1 (dlib&apos;s default: this workspace is not calibrated)</source>
        <translation>%1（dlib 默认值：本工作区尚未校准）</translation>
    </message>
    <message>
        <source>%1 (calibrated for this workspace on %2)</source>
        <translation>%1（已于 %2 针对本工作区校准）</translation>
    </message>
    <message>
        <source>%1 (calibrated for this workspace)</source>
        <translation>%1（已针对本工作区校准）</translation>
    </message>
    <message>
        <source>Changes apply to the running analysis at once.</source>
        <translation>更改会立即应用于正在运行的人脸分析。</translation>
    </message>
    <message>
        <source>Face analysis is not running in this session: changes apply at the next start.</source>
        <translation>本次运行未启用人脸分析：更改将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>SpanExporter</name>
    <message>
        <source>An export is already running.</source>
        <translation>已有导出正在进行。</translation>
    </message>
    <message>
        <source>Writing the evidence package…</source>
        <translation>正在生成证据包…</translation>
    </message>
    <message>
        <source>Writing the clip…</source>
        <translation>正在导出视频片段…</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>SpotCheckPane</name>
    <message>
        <source>Spot-check</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Random share of unflagged photos:</source>
        <translation>未标记照片随机抽取比例：</translation>
    </message>
    <message>
        <source>Draw the day&apos;s sample</source>
        <translation>生成当日抽样</translation>
    </message>
    <message>
        <source>Stop reviewing</source>
        <translation>停止抽查</translation>
    </message>
    <message>
        <source>Start reviewing (Enter)</source>
        <translation>开始抽查 (Enter)</translation>
    </message>
    <message>
        <source>No database: spot-checks are not available.</source>
        <translation>未连接数据库：抽查不可用。</translation>
    </message>
    <message>
        <source>Your post reads spot-check results but does not review photos.</source>
        <translation>您的岗位可查看抽查结果，但不进行照片抽查。</translation>
    </message>
    <message>
        <source>Drawing the sample…</source>
        <translation>正在生成抽样…</translation>
    </message>
    <message>
        <source>Sample of %1: %2 flagged and %3 random photos (seed %4, share %5 %)</source>
        <translation>%1 抽样：系统标记 %2 张，随机抽取 %3 张（种子 %4，比例 %5%）</translation>
    </message>
    <message>
        <source>Could not draw the sample: %1</source>
        <translation>无法生成抽样：%1</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Updating the database schema…</source>
        <translation>正在更新数据库结构…</translation>
    </message>
    <message>
        <source>Preparing the demo workspace (the first start takes a while)…</source>
        <translation>正在准备演示工作区（首次启动需要一些时间）…</translation>
    </message>
    <message>
        <source>Loading counties, sites and classrooms…</source>
        <translation>正在加载区县、站点和教室…</translation>
    </message>
    <message>
        <source>Loading today&apos;s events…</source>
        <translation>正在加载今日事件…</translation>
    </message>
    <message>
        <source>Checking the recordings…</source>
        <translation>正在检查录像…</translation>
    </message>
    <message>
        <source>Preparing face analysis…</source>
        <translation>正在准备人脸分析…</translation>
    </message>
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
        <source>Preparing demo video…</source>
        <translation>正在准备演示视频…</translation>
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
    <message>
        <source>%1 %2 · play</source>
        <translation>%1 %2 · 回放</translation>
    </message>
    <message>
        <source>Analysis paused since %1 · restarting</source>
        <translation>分析中断（%1 起）· 正在重启</translation>
    </message>
    <message>
        <source>Analysis starting…</source>
        <translation>分析启动中…</translation>
    </message>
    <message numerus="yes">
        <source>Analysis %1/s · %n face(s)</source>
        <translation>
            <numerusform>分析 %1/s · %n 张人脸</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineStack</name>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>全天</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>有录像</translation>
    </message>
    <message>
        <source>No recording</source>
        <translation>无录像</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Evidence lock</source>
        <translation>证据锁定</translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan · click or drag on the time axis: go there · shift-drag: select a span · click a marker: play the event</source>
        <translation>滚轮：缩放 · 拖动：平移 · 单击或拖动时间轴：跳转 · Shift+拖动：选择片段 · 单击标记：播放该事件</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the selected span (select it with I/O or shift-drag)</source>
        <translation>导出所选片段（用 I/O 或 Shift+拖动选择）</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation>播放速度（[ 减速，] 加速）</translation>
    </message>
</context>
<context>
    <name>TriageReasonDialog</name>
    <message>
        <source>Confirm the violation</source>
        <translation>确认违规</translation>
    </message>
    <message>
        <source>Dismiss the alert</source>
        <translation>作为误报关闭</translation>
    </message>
    <message>
        <source>The recording shows another person in the seat</source>
        <translation>录像显示座位上是他人</translation>
    </message>
    <message>
        <source>The face matches another enrolled learner</source>
        <translation>与另一名学员的报名照片一致</translation>
    </message>
    <message>
        <source>Checked on site by the classroom staff</source>
        <translation>现场工作人员已核实</translation>
    </message>
    <message>
        <source>The learner admitted it when called</source>
        <translation>电话联系学员，本人承认</translation>
    </message>
    <message>
        <source>It is the learner (light, angle, glasses, mask)</source>
        <translation>确系学员本人（光线、角度、眼镜、口罩）</translation>
    </message>
    <message>
        <source>The enrolment photo is outdated or unclear</source>
        <translation>报名照片过旧或不清晰</translation>
    </message>
    <message>
        <source>Staff or instructor, not a learner</source>
        <translation>工作人员或教员，非学员</translation>
    </message>
    <message>
        <source>The learner changed seats</source>
        <translation>学员调换了座位</translation>
    </message>
    <message>
        <source>Duplicate of another event</source>
        <translation>与其他事件重复</translation>
    </message>
    <message>
        <source>Choose a reason first (keys 1–%1) or write one.</source>
        <translation>请先选择理由（按键 1–%1）或填写理由。</translation>
    </message>
    <message>
        <source>Why? Choose a reason with its number key (1–%1), or write one below.</source>
        <translation>理由是什么？按数字键（1–%1）选择，或在下方填写。</translation>
    </message>
    <message>
        <source>Other reason or details</source>
        <translation>其他理由或补充说明</translation>
    </message>
    <message>
        <source>Confirm violation</source>
        <translation>确认违规</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>VerdictText</name>
    <message>
        <source>%1 (calibrated; date not recorded)</source>
        <translation>%1（已校准，未记录日期）</translation>
    </message>
    <message>
        <source>%1 (calibrated %2)</source>
        <translation>%1（%2 校准）</translation>
    </message>
    <message>
        <source>%1 (dlib&apos;s default: workspace not calibrated)</source>
        <translation>%1（dlib 默认值：本工作区尚未校准）</translation>
    </message>
    <message>
        <source>%1 (fixed by an operator)</source>
        <translation>%1（由操作员指定）</translation>
    </message>
    <message>
        <source>%1 · default</source>
        <translation>%1 · 默认</translation>
    </message>
    <message>
        <source>Faces found by %1, upsample %2, photos ≤ %3 px</source>
        <translation>人脸检测：%1，上采样 %2，照片 ≤ %3 像素</translation>
    </message>
    <message>
        <source>same person</source>
        <translation>同一人</translation>
    </message>
    <message>
        <source>different person</source>
        <translation>非同一人</translation>
    </message>
    <message>
        <source>the photo file is missing</source>
        <translation>照片文件不存在</translation>
    </message>
    <message>
        <source>the photo file is empty (0 bytes)</source>
        <translation>照片文件为空（0 字节）</translation>
    </message>
    <message>
        <source>the file is not an image</source>
        <translation>该文件不是图片</translation>
    </message>
    <message>
        <source>the image is damaged or cut short</source>
        <translation>图片已损坏或不完整</translation>
    </message>
    <message>
        <source>the image is larger than a photo may be and was not opened</source>
        <translation>图像超出照片允许的大小，未打开</translation>
    </message>
    <message>
        <source>Photo file missing</source>
        <translation>照片文件缺失</translation>
    </message>
    <message>
        <source>The captured photo cannot be shown: %1.
Judge from the learner&apos;s other captures.</source>
        <translation>无法显示抓拍照片：%1。
请参考该学员的其他抓拍照片作出判断。</translation>
    </message>
    <message>
        <source>The scorer could not read this photo&apos;s file: no face was compared</source>
        <translation>评分程序无法读取该照片文件：未进行人脸比对</translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation>尚未比对</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>阈值 %1</translation>
    </message>
    <message>
        <source>The scorer found no face</source>
        <translation>比对程序未检测到人脸</translation>
    </message>
    <message>
        <source>No distance: the learner has no usable enrolment photo</source>
        <translation>无距离：该学员没有可用的备案照片</translation>
    </message>
    <message>
        <source>Face distance %1 · threshold %2: %3</source>
        <translation>人脸距离 %1 · 阈值 %2：%3</translation>
    </message>
    <message>
        <source>Face distance %1 · the scorer&apos;s flag: %2 (its threshold was not recorded)</source>
        <translation>人脸距离 %1 · 比对程序标记：%2（未记录其所用阈值）</translation>
    </message>
    <message>
        <source>Scored under another threshold: today&apos;s %1 says %2</source>
        <translation>比对时所用阈值与现在不同：按现行阈值 %1 为%2</translation>
    </message>
    <message>
        <source>Today&apos;s threshold %1 says %2</source>
        <translation>按现行阈值 %1 为%2</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>现行 %1</translation>
    </message>
    <message>
        <source>Captured photo</source>
        <translation>抓拍照片</translation>
    </message>
    <message>
        <source>Captured photo · %1</source>
        <translation>抓拍照片 · %1</translation>
    </message>
    <message>
        <source>Captured photo · unreadable when scored, readable now: not scored</source>
        <translation>抓拍照片 · 评分时无法读取，现在可以读取：未评分</translation>
    </message>
    <message>
        <source>Captured photo · the scorer found no face</source>
        <translation>抓拍照片 · 比对程序未检测到人脸</translation>
    </message>
    <message>
        <source>Captured photo · face boxes not recorded by the scorer</source>
        <translation>抓拍照片 · 比对程序未记录人脸框</translation>
    </message>
    <message>
        <source>Captured photo · %1 faces found by the scorer</source>
        <translation>抓拍照片 · 比对程序检测到 %1 张人脸</translation>
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
        <source>Snapshot refused: you may not save pictures of this camera.</source>
        <translation>截图被拒绝：您无权保存此摄像机的画面。</translation>
    </message>
    <message>
        <source>Snapshot failed: %1</source>
        <translation>截图失败：%1</translation>
    </message>
</context>
<context>
    <name>WallAlarms</name>
    <message>
        <source>Play the 30 s before the alarm</source>
        <translation>回放告警前 30 秒</translation>
    </message>
    <message>
        <source>Play the last 30 s</source>
        <translation>回放最近 30 秒</translation>
    </message>
    <message>
        <source>Mute this camera&apos;s alarm sound</source>
        <translation>此摄像头告警静音</translation>
    </message>
    <message>
        <source>Sound again (snoozed until %1)</source>
        <translation>恢复告警声音（已暂停至 %1）</translation>
    </message>
    <message>
        <source>Snooze the alarm sound for 10 min</source>
        <translation>告警声音暂停 10 分钟</translation>
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
