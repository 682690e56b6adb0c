// The archive in the words and units people read, for the page and the workbook. Pure.
import { formatDateTime } from '#app/utils/time.ts'
import { type Table } from '#app/utils/table-export.server.ts'

type Archive = Awaited<ReturnType<typeof import('./archive.server.ts').personArchive>>

export function archiveView(a: Archive, minutesPerCreditHour: number) {
	return {
		studied: a.studied.map((s) => ({
			course: s.course,
			lesson: s.lesson,
			version: s.versionHash.slice(0, 8),
			dates: s.firstDay === s.lastDay ? s.firstDay : `${s.firstDay} 至 ${s.lastDay}`,
			minutes: Math.round(s.seconds / 60),
			hours: Math.round((s.seconds / 60 / minutesPerCreditHour) * 10) / 10,
			completed: s.completedAt ? formatDateTime(s.completedAt) : '未完成',
		})),
		papers: a.papers.map((p) => ({ exam: p.exam, number: p.number, finishedAt: formatDateTime(p.finishedAt!), score: `${p.score} / ${p.maxScore}`, result: p.passed ? '合格' : '不合格', by: p.finishedBy === 'deadline' ? '到时自动交卷' : '本人交卷' })),
		certificates: a.certificates.map((c) => ({ number: c.number, title: c.title, issuedOn: c.issuedOn, expiresOn: c.expiresOn, revoked: Boolean(c.revokedAt) })),
		inspections: a.inspections.map((i) => ({ course: i.course, lesson: i.lesson, items: i.items, yes: i.yes, no: i.no, na: i.na, updatedAt: formatDateTime(i.updatedAt) })),
	}
}

export type ArchiveView = ReturnType<typeof archiveView>

export function archiveTables(v: ArchiveView): Table[] {
	return [
		{ title: '学习记录', headers: ['课程', '课时', '内容版本', '学习日期', '有效学习（分钟）', '学时', '完成时间'], rows: v.studied.map((s) => [s.course, s.lesson, s.version, s.dates, s.minutes, s.hours, s.completed]) },
		{ title: '考试记录', headers: ['考试', '次数', '交卷时间', '成绩', '结果', '交卷方式'], rows: v.papers.map((p) => [p.exam, p.number, p.finishedAt, p.score, p.result, p.by]) },
		{ title: '合格证明', headers: ['编号', '名称', '发证日期', '有效期至', '状态'], rows: v.certificates.map((c) => [c.number, c.title, c.issuedOn, c.expiresOn, c.revoked ? '已撤销' : '']) },
		{ title: '对照检视', headers: ['课程', '课时', '条目', '是', '否', '不适用', '填写时间'], rows: v.inspections.map((i) => [i.course, i.lesson, i.items, i.yes, i.no, i.na, i.updatedAt]) },
	]
}
