// The archive in the words and units people read, for the page and the workbook. Pure.
import { industryName, jobCategoryName, sizeName } from '#app/orgs/labels.ts'
import { formatDate, formatDateTime } from '#app/utils/time.ts'
import { progressText } from './allocation.ts'
import { COVERAGE_STATUS_LABELS } from './coverage.ts'
import { FLAG_LABELS, type FlagKind } from './integrity.ts'
import { creditedHours } from './report-view.ts'
import { kindLabel } from './assignments.ts'
import { type Table } from '#app/utils/table-export.server.ts'
import { hoursOf } from '#app/classes/classes.ts'
import { type PersonRetention, type RecordType, type RetentionDefault, type RetentionRule, ruleText } from './retention.ts'

type Archive = Awaited<ReturnType<typeof import('./archive.server.ts').personArchive>>

export function archiveView(a: Archive, minutesPerCreditHour: number) {
	return {
		year: a.year,
		obligations: a.obligations.map((o) => ({
			category: o.category,
			enterprise: o.enterpriseName,
			reason: o.reason,
			citation: o.citation,
			...progressText(o),
			dueBy: o.dueBy,
			metOn: o.progress.metOn ?? '',
		})),
		studied: a.studied.map((s) => ({
			course: s.course,
			lesson: s.lesson,
			version: s.versionHash.slice(0, 8),
			dates: s.firstDay === s.lastDay ? s.firstDay : `${s.firstDay} 至 ${s.lastDay}`,
			minutes: Math.round(s.seconds / 60),
			hours: creditedHours(s.seconds, minutesPerCreditHour),
			completed: s.completedAt ? formatDateTime(s.completedAt) : '未完成',
		})),
		corrections: a.corrections.map((c) => ({
			at: formatDateTime(c.at),
			day: c.day,
			course: c.course,
			lesson: c.lesson,
			minutes: Math.round(c.seconds / 60),
			reason: c.reason ?? '',
			actor: c.actor ?? '',
		})),
		papers: a.papers.map((p) => ({ exam: p.exam, number: p.number, finishedAt: formatDateTime(p.finishedAt!), score: `${p.score} / ${p.maxScore}`, result: `${p.passed ? '合格' : '不合格'}${p.annulledAt ? `（${formatDateTime(p.annulledAt)} 已作废：${p.annulReason}）` : ''}`, by: p.finishedBy === 'deadline' ? '到时自动交卷' : '本人交卷' })),
		certificates: a.certificates.map((c) => ({ number: c.number, title: c.title, issuedOn: c.issuedOn, expiresOn: c.expiresOn, revoked: Boolean(c.revokedAt) })),
		assigned: a.assigned.map((x) => ({ kind: kindLabel(x.kind), title: x.title, reason: x.reason, dueOn: x.dueOn, done: x.done ? '已完成' : '未完成' })),
		inspections: a.inspections.map((i) => ({ course: i.course, lesson: i.lesson, items: i.items, yes: i.yes, no: i.no, na: i.na, updatedAt: formatDateTime(i.updatedAt) })),
		classes: a.classes.map((c) => ({
			id: c.id,
			title: c.title,
			organiser: c.organiser,
			dates: c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn} 至 ${c.endsOn}`,
			hours: `${hoursOf(c.credited, minutesPerCreditHour)} / ${hoursOf(c.required, minutesPerCreditHour)}`,
			assessment: c.passed === null ? '无考核' : c.passed ? `合格（${c.best} 分）` : c.best !== null ? `不合格（${c.best} 分）` : c.voided ? '成绩作废' : '未参加',
			completed: c.completed ? '已结业' : '未结业',
		})),
	}
}

export type ArchiveView = ReturnType<typeof archiveView>

/**
 * The last record of each type in a person's archive (dates in Beijing), for the dates it must be
 * kept until (retention.ts). Special operation records: the last training record of any kind, or
 * a certificate review registered for the person.
 */
export function lastRecordDates(a: Archive, events: readonly { kind: string; createdAt: Date | string }[] = []): Partial<Record<RecordType, string | null>> {
	const latest = (dates: readonly (string | null)[]) => dates.filter((d): d is string => d !== null).sort().at(-1) ?? null
	const credits = latest([...a.studied.map((s) => s.lastDay), ...a.corrections.map((c) => formatDate(c.at))])
	const attempts = latest(a.papers.map((p) => (p.finishedAt ? formatDate(p.finishedAt) : null)))
	const certificates = latest(a.certificates.map((c) => c.issuedOn))
	const classes = latest(a.classes.map((c) => c.endsOn))
	const reviews = events.filter((e) => e.kind === 'special_review').map((e) => formatDate(e.createdAt))
	return {
		credits,
		attempts,
		certificates,
		special_operation: latest([credits, attempts, certificates, classes, ...reviews]),
		warning_replies: latest(a.inspections.map((i) => formatDate(i.updatedAt))),
		classes,
	}
}

/** A person's archive, type by type: the last record, the period in force and the date it is kept until. */
export function personRetentionTable(r: PersonRetention): Table {
	return {
		title: '保存期限',
		headers: ['记录类型', '最近一条记录', '保存期限（现行）', '至少保存至'],
		rows: r.rows.map((x) => [x.label, x.lastRecordOn ?? '暂无', x.rule, x.until ?? '在职期间持续保存']),
	}
}

/** Every record type's period in force, its default with the source, and any change (一企一档). */
export function retentionPolicyTable(policies: readonly { label: string; inForce: RetentionRule; default: RetentionDefault; set: { at: Date | string; note: string } | null }[]): Table {
	return {
		title: '档案保存期限',
		headers: ['记录类型', '现行保存期限', '默认及依据', '调整'],
		rows: policies.map((p) => [p.label, ruleText(p.inForce), `默认${ruleText(p.default)}。${p.default.source}`, p.set ? `${formatDate(p.set.at)} 平台管理员调整：${p.set.note}` : '默认']),
	}
}

export function archiveTables(v: ArchiveView, retention?: PersonRetention): Table[] {
	return [
		{ title: `${v.year}年法定培训`, headers: ['类别', '单位', '原因', '依据', '已计入 / 应完成', '状态', '期限', '达到日期'], rows: v.obligations.map((o) => [o.category, o.enterprise, o.reason, o.citation, o.hours, o.status, o.dueBy, o.metOn]) },
		{ title: '学习记录', headers: ['课程', '课时', '内容版本', '学习日期', '有效学习（分钟）', '学时', '完成时间'], rows: v.studied.map((s) => [s.course, s.lesson, s.version, s.dates, s.minutes, s.hours, s.completed]) },
		{ title: '学时更正', headers: ['更正时间', '计入日期', '课程', '课时', '更正（分钟）', '理由', '操作人'], rows: v.corrections.map((c) => [c.at, c.day, c.course, c.lesson, c.minutes, c.reason, c.actor]) },
		{ title: '考试记录', headers: ['考试', '次数', '交卷时间', '成绩', '结果', '交卷方式'], rows: v.papers.map((p) => [p.exam, p.number, p.finishedAt, p.score, p.result, p.by]) },
		{ title: '合格证明', headers: ['编号', '名称', '发证日期', '有效期至', '状态'], rows: v.certificates.map((c) => [c.number, c.title, c.issuedOn, c.expiresOn, c.revoked ? '已撤销' : '']) },
		{ title: '学习任务', headers: ['类别', '名称', '原因', '期限', '完成情况'], rows: v.assigned.map((x) => [x.kind, x.title, x.reason, x.dueOn, x.done]) },
		{ title: '专题培训班', headers: ['培训班', '主办单位', '日期', '学时（已获 / 应修）', '结业考核', '结业'], rows: v.classes.map((c) => [c.title, c.organiser, c.dates, c.hours, c.assessment, c.completed]) },
		{ title: '对照检视', headers: ['课程', '课时', '条目', '是', '否', '不适用', '填写时间'], rows: v.inspections.map((i) => [i.course, i.lesson, i.items, i.yes, i.no, i.na, i.updatedAt]) },
		...(retention ? [personRetentionTable(retention)] : []),
	]
}

type EnterpriseArchive = Awaited<ReturnType<typeof import('./archive.server.ts').enterpriseArchive>>

/** 一企一档 as tables (the page shows them; the workbook has one sheet each). */
export function enterpriseArchiveView(
	profile: { name: string; creditCode: string; regionName: string; industry: string; size: string; highRisk: boolean },
	headcount: readonly { jobCategory: string; people: number }[],
	a: EnterpriseArchive,
	minutesPerCreditHour: number,
	/** The periods in force per record type (retention.server.ts retentionOverview). */
	retention?: Parameters<typeof retentionPolicyTable>[0],
) {
	const hours = (seconds: number) => creditedHours(seconds, minutesPerCreditHour)
	const tables: Table[] = [
		{ title: '单位概况', headers: ['项目', '内容'], rows: [['单位名称', profile.name], ['统一社会信用代码', profile.creditCode], ['所在区域', profile.regionName], ['行业', industryName(profile.industry)], ['规模', sizeName(profile.size)], ['高危行业', profile.highRisk ? '是' : '否']] },
		...(retention ? [retentionPolicyTable(retention)] : []),
		{ title: '在册人员', headers: ['岗位类别', '人数'], rows: headcount.map((h) => [jobCategoryName(h.jobCategory), h.people]) },
		{
			title: '历年培训覆盖',
			headers: ['年度', '应训人数', '达标', '达标率(%)', '逾期', '应训学时', '已获学时'],
			rows: a.byYear.map((y) => [y.year, y.people, y.done, y.people ? Math.round((y.done / y.people) * 1000) / 10 : null, y.overdue, Math.round(y.owedMinutes / minutesPerCreditHour), hours(y.creditedSeconds)]),
		},
		{
			title: `${a.year}年培训计划与学习要求`,
			headers: ['来源', '名称', '内容', '期限', '应完成人数', '已完成人数', '状态'],
			rows: a.plans.map((p) => [kindLabel(p.kind), p.title, p.courseTitle ? `课程：${p.courseTitle}` : p.lessonTitle ? `案例：${p.lessonTitle}` : `考试：${p.examTitle}`, p.dueOn, p.reached, p.done, p.withdrawnAt ? '已撤回' : '有效']),
		},
		{ title: `${a.year}年逐月学时`, headers: ['月份', '获得学时'], rows: a.months.map((m) => [`${m.month}月`, hours(m.seconds)]) },
		{
			title: `人员名单（${a.year}年培训状态）`,
			headers: ['姓名', '岗位类别', '部门', '入职日期', '本年状态'],
			rows: a.roster.map((p) => [p.name, jobCategoryName(p.jobCategory), p.department, p.hiredOn, p.status ? COVERAGE_STATUS_LABELS[p.status] : '本年无培训要求']),
		},
		{ title: '考试情况', headers: ['考试', '参考人数', '合格人数', '平均得分率(%)', '最近交卷'], rows: a.exams.map((e) => [e.exam, e.sat, e.passed, e.average, formatDateTime(e.last)]) },
		{
			title: '警示教育推送与对照检视',
			headers: ['推送', '事故案例', '回复期限', '对照检视回复'],
			rows: a.pushes.map((p) => [p.title, p.caseTitle, p.dueOn, p.replied ? '已提交' : '未提交']),
		},
		{ title: '走过场提示', headers: ['类型', '内容', '状态', '核查意见', '发现时间'], rows: a.flags.map((f) => [FLAG_LABELS[f.kind as FlagKind] ?? f.kind, f.summary, f.status === 'reviewed' ? '已核查' : '待核查', f.reviewNote, formatDateTime(f.detectedAt)]) },
	]
	return { name: profile.name, tables }
}
