// The class report (一期一档) as tables: the same rows on the printable page and in the workbook. Pure.

import { hoursOf, OUTCOME_LABELS, type SessionOutcome, sessionKindLabel } from './classes.ts'
import { formatDateTime } from '#app/utils/time.ts'

export type ReportInput = {
	sessions: { title: string; kind: string; delivery: string; speaker: string | null; startsAt: Date; endsAt: Date; minutes: number; present: number; excused: number }[]
	cadres: { name: string; unit: string; post: string; outcomes: SessionOutcome[]; credited: number; required: number; passed: boolean | null; best: number | null; voided: boolean; completed: boolean }[]
}

export function reportTables(r: ReportInput, minutesPerCreditHour: number) {
	const members = r.cadres.length
	const sessions = {
		title: '日程与出勤',
		headers: ['时间', '环节', '内容', '主讲人', '方式', '学时', '完成人数', '请假人数', '应到人数'],
		rows: r.sessions.map((x) => [
			`${formatDateTime(x.startsAt)}–${formatDateTime(x.endsAt).slice(-5)}`,
			sessionKindLabel(x.kind),
			x.title,
			x.speaker ?? '',
			x.kind === 'assessment' ? '在线考试' : x.delivery === 'online' ? '线上' : '现场签到',
			hoursOf(x.minutes, minutesPerCreditHour),
			x.present,
			x.excused,
			members,
		]),
	}
	const cadres = {
		title: '学员情况',
		headers: ['姓名', '单位', '职务', ...r.sessions.map((x, i) => `${i + 1}. ${x.title}`), '已获学时', '应修学时', '考核成绩', '考核结果', '结业'],
		rows: r.cadres.map((c) => [
			c.name,
			c.unit,
			c.post,
			...c.outcomes.map((o) => OUTCOME_LABELS[o]),
			hoursOf(c.credited, minutesPerCreditHour),
			hoursOf(c.required, minutesPerCreditHour),
			c.best ?? '',
			c.passed === null ? '无考核' : c.passed ? '合格' : c.best !== null ? '不合格' : c.voided ? '成绩作废' : '未参加',
			c.completed ? '已结业' : '未结业',
		]),
	}
	return { sessions, cadres }
}

/** What stands between a cadre and completion, in words. */
export function missingFor(c: ReportInput['cadres'][number], sessionTitles: readonly string[], minutesPerCreditHour: number) {
	const parts: string[] = []
	if (c.credited < c.required) parts.push(`差 ${hoursOf(c.required - c.credited, minutesPerCreditHour)} 学时`)
	const open = c.outcomes.flatMap((o, i) => (o === 'pending' || o === 'absent' || o === 'excused' ? [sessionTitles[i]!] : []))
	if (open.length) parts.push(`未完成：${open.join('、')}`)
	if (c.passed === false) parts.push(c.best !== null ? '结业考核不合格' : c.voided ? '结业考核成绩已作废' : '未参加结业考核')
	return parts.join('；')
}
