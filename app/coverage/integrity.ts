// 走过场 detection: flags with their evidence for a regulator to review — never a penalty by
// itself. Pure detectors over facts the database aggregates (integrity.server.ts).

export const FLAG_KINDS = ['day_cap', 'shared_ip', 'shared_device', 'identical_answers', 'uniform_high_scores', 'too_fast', 'night_bulk'] as const
export type FlagKind = (typeof FLAG_KINDS)[number]
export const FLAG_LABELS: Record<FlagKind, string> = {
	day_cap: '单日学时达到上限',
	shared_ip: '多人在同一网络地址集中考试',
	shared_device: '多人在同一设备上学习或考试',
	identical_answers: '答题序列高度雷同',
	uniform_high_scores: '成绩整齐划一的高分',
	too_fast: '交卷快于正常阅读时间',
	night_bulk: '深夜集中“完成”课时',
}

export type Flag = {
	kind: FlagKind
	enterpriseId: number
	personIds: number[]
	/** Same facts, same key: detection can run again without duplicating a flag. */
	key: string
	summary: string
	evidence: Record<string, unknown>
}

export const THRESHOLDS = {
	/** Days a person reaches the daily 学时 cap before it is worth a look. */
	dayCapDays: 3,
	/** Different people starting exams from one address within an hour. */
	sharedIpPeople: 5,
	/** Different people learning or sitting exams on one browser (anxun_device) in one day. */
	sharedDevicePeople: 5,
	/** Share of identical answers (wrong ones included) over the questions two papers share. */
	identicalShare: 0.95,
	identicalMinCommon: 10,
	/** An exam sat by at least this many of an enterprise's people, every one near full marks. */
	uniformMinPeople: 5,
	uniformMinShare: 0.98,
	/** Lessons completed between 00:00 and 05:00 (Beijing) in one night. */
	nightLessons: 3,
} as const

export function dayCapFlags(rows: readonly { personId: number; enterpriseId: number; days: string[] }[]): Flag[] {
	return rows
		.filter((r) => r.days.length >= THRESHOLDS.dayCapDays)
		.map((r) => ({
			kind: 'day_cap',
			enterpriseId: r.enterpriseId,
			personIds: [r.personId],
			key: `day_cap:${r.personId}:${r.enterpriseId}:${r.days[0]}`,
			summary: `${r.days.length} 天的有效学时达到单日上限`,
			evidence: { days: r.days },
		}))
}

export function sharedIpFlags(rows: readonly { ip: string; enterpriseId: number; hour: string; personIds: number[] }[]): Flag[] {
	return rows
		.filter((r) => new Set(r.personIds).size >= THRESHOLDS.sharedIpPeople)
		.map((r) => ({
			kind: 'shared_ip',
			enterpriseId: r.enterpriseId,
			personIds: [...new Set(r.personIds)].sort((a, b) => a - b),
			key: `shared_ip:${r.enterpriseId}:${r.ip}:${r.hour}`,
			summary: `${new Set(r.personIds).size} 人在同一小时内从同一地址（${r.ip}）开始考试`,
			evidence: { ip: r.ip, hour: r.hour },
		}))
}

/**
 * One browser (its anxun_device identifier) used by many people of an enterprise in one day, for
 * learning and exams together: one person clicking through lessons or papers for colleagues.
 * A shared computer room explains some; the regulator reads the records and the reply.
 */
export function sharedDeviceFlags(rows: readonly { deviceId: string; enterpriseId: number; day: string; activity: 'exam' | 'learning'; personIds: number[] }[]): Flag[] {
	const groups = new Map<string, { deviceId: string; enterpriseId: number; day: string; learning: Set<number>; exam: Set<number> }>()
	for (const r of rows) {
		const key = `${r.enterpriseId}:${r.deviceId}:${r.day}`
		const g = groups.get(key) ?? { deviceId: r.deviceId, enterpriseId: r.enterpriseId, day: r.day, learning: new Set<number>(), exam: new Set<number>() }
		for (const id of r.personIds) g[r.activity].add(id)
		groups.set(key, g)
	}
	const flags: Flag[] = []
	for (const g of groups.values()) {
		const everyone = new Set([...g.learning, ...g.exam])
		if (everyone.size < THRESHOLDS.sharedDevicePeople) continue
		const device = g.deviceId.slice(0, 8)
		const parts = [g.learning.size ? `${g.learning.size} 人学习` : '', g.exam.size ? `${g.exam.size} 人考试` : ''].filter(Boolean).join('、')
		flags.push({
			kind: 'shared_device',
			enterpriseId: g.enterpriseId,
			personIds: [...everyone].sort((a, b) => a - b),
			key: `shared_device:${g.enterpriseId}:${g.deviceId}:${g.day}`,
			summary: `${g.day} 同一设备（${device}…）上有 ${everyone.size} 人的记录：${parts}`,
			evidence: { device, day: g.day, learning: g.learning.size, exams: g.exam.size },
		})
	}
	return flags
}

export type AnsweredPaper = { attemptId: number; personId: number; enterpriseId: number; examId: number; answers: ReadonlyMap<number, string> }

/**
 * A wrong answer chosen by more papers of a group than this is a common mistake, not a trace of
 * copying: it does not make two papers candidates on its own (they may still be, through others).
 */
const COMMON_WRONG_PAPERS = 1000

/**
 * Pairs of papers of one exam within an enterprise whose answers to the questions they share
 * are nearly all the same, wrong ones included (right answers alike prove nothing). Every paper
 * of a group is considered, in attempt order: only pairs sharing at least two wrong answers can
 * qualify, so papers are indexed by their wrong answers and only pairs found twice in that index
 * are compared in full — a 10,000-paper exam costs its wrong answers, not its 50 million pairs.
 */
export function identicalAnswerFlags(papers: readonly AnsweredPaper[], correct: ReadonlyMap<number, string>): Flag[] {
	const groups = new Map<string, AnsweredPaper[]>()
	for (const p of papers) {
		const key = `${p.enterpriseId}:${p.examId}`
		const list = groups.get(key)
		if (list) list.push(p)
		else groups.set(key, [p])
	}
	const flags: Flag[] = []
	for (const unsorted of groups.values()) {
		const list = [...unsorted].sort((a, b) => a.attemptId - b.attemptId)
		// Each wrong answer (question and choice) → the papers that gave it.
		const byWrong = new Map<string, number[]>()
		list.forEach((p, i) => {
			for (const [q, answer] of p.answers) {
				if (correct.get(q) === answer) continue
				const key = `${q}:${answer}`
				const holders = byWrong.get(key)
				if (holders) holders.push(i)
				else byWrong.set(key, [i])
			}
		})
		// Pairs (i < j, as i * n + j) and how many wrong answers they share.
		const n = list.length
		const shared = new Map<number, number>()
		for (const holders of byWrong.values()) {
			if (holders.length < 2 || holders.length > COMMON_WRONG_PAPERS) continue
			for (let x = 0; x < holders.length; x++) for (let y = x + 1; y < holders.length; y++) {
				const pair = holders[x]! * n + holders[y]!
				shared.set(pair, (shared.get(pair) ?? 0) + 1)
			}
		}
		const candidates = [...shared].filter(([, count]) => count >= 2).map(([pair]) => pair).sort((a, b) => a - b)
		for (const pair of candidates) {
			const a = list[Math.floor(pair / n)]!
			const b = list[pair % n]!
			if (a.personId === b.personId) continue
			let common = 0
			let same = 0
			let sameWrong = 0
			for (const [q, answer] of a.answers) {
				const other = b.answers.get(q)
				if (other === undefined) continue
				common++
				if (other === answer) {
					same++
					if (correct.get(q) !== answer) sameWrong++
				}
			}
			if (common >= THRESHOLDS.identicalMinCommon && same / common >= THRESHOLDS.identicalShare && sameWrong >= 2) {
				flags.push({
					kind: 'identical_answers',
					enterpriseId: a.enterpriseId,
					personIds: [a.personId, b.personId].sort((x, y) => x - y),
					key: `identical:${a.attemptId}:${b.attemptId}`,
					summary: `两份试卷在共有的 ${common} 道题中 ${same} 道答案相同，其中 ${sameWrong} 道错得一样`,
					evidence: { attempts: [a.attemptId, b.attemptId], common, same, sameWrong },
				})
			}
		}
	}
	return flags
}

export function uniformHighScoreFlags(rows: readonly { enterpriseId: number; examId: number; people: number; minShare: number; personIds: number[] }[]): Flag[] {
	return rows
		.filter((r) => r.people >= THRESHOLDS.uniformMinPeople && r.minShare >= THRESHOLDS.uniformMinShare)
		.map((r) => ({
			kind: 'uniform_high_scores',
			enterpriseId: r.enterpriseId,
			personIds: r.personIds,
			key: `uniform:${r.enterpriseId}:${r.examId}:${r.people}`,
			summary: `${r.people} 人参加同一考试，最低得分率 ${Math.round(r.minShare * 1000) / 10}%`,
			evidence: { examId: r.examId, people: r.people, minShare: r.minShare },
		}))
}

export function tooFastFlags(rows: readonly { attemptId: number; personId: number; enterpriseId: number; secondsTaken: number; readingSeconds: number }[]): Flag[] {
	return rows.map((r) => ({
		kind: 'too_fast',
		enterpriseId: r.enterpriseId,
		personIds: [r.personId],
		key: `too_fast:${r.attemptId}`,
		summary: `用 ${r.secondsTaken} 秒交卷，正常阅读至少需要 ${r.readingSeconds} 秒`,
		evidence: { attemptId: r.attemptId, secondsTaken: r.secondsTaken, readingSeconds: r.readingSeconds },
	}))
}

export function nightBulkFlags(rows: readonly { personId: number; enterpriseId: number; night: string; lessons: number }[]): Flag[] {
	return rows
		.filter((r) => r.lessons >= THRESHOLDS.nightLessons)
		.map((r) => ({
			kind: 'night_bulk',
			enterpriseId: r.enterpriseId,
			personIds: [r.personId],
			key: `night:${r.personId}:${r.night}`,
			summary: `${r.night} 凌晨 0–5 点之间完成了 ${r.lessons} 个课时`,
			evidence: { night: r.night, lessons: r.lessons },
		}))
}

/**
 * A flag's evidence in plain Chinese, line by line — what a regulator reads before opening the
 * records (the people's archives, linked apart, hold the days, lessons and papers named here).
 */
export function describeEvidence(kind: string, evidence: Record<string, unknown>): { lines: string[] } {
	const e = evidence as Record<string, unknown> & { days?: string[]; attempts?: number[] }
	const num = (v: unknown) => (typeof v === 'number' ? v : Number(v))
	switch (kind) {
		case 'day_cap':
			return { lines: [`有效学时达到单日上限的日期：${(e.days ?? []).join('、')}`]}
		case 'shared_ip':
			return { lines: [`考试开始时的网络地址：${String(e.ip)}`, `时段：${String(e.hour)}（北京时间，一小时内）`]}
		case 'shared_device':
			return { lines: [`设备标识：${String(e.device)}…（同一浏览器，跨账号保留）`, `日期：${String(e.day)}；学习 ${num(e.learning)} 人，考试 ${num(e.exams)} 人`] }
		case 'identical_answers':
			return { lines: [`试卷编号：${(e.attempts ?? []).join('、')}`, `两卷共有 ${num(e.common)} 道题，答案相同 ${num(e.same)} 道，其中 ${num(e.sameWrong)} 道错得一模一样`] }
		case 'uniform_high_scores':
			return { lines: [`考试编号 ${num(e.examId)}：${num(e.people)} 人参加，得分率最低 ${Math.round(num(e.minShare) * 1000) / 10}%`] }
		case 'too_fast':
			return { lines: [`试卷编号：${num(e.attemptId)}`, `交卷用时 ${num(e.secondsTaken)} 秒；按题目字数，正常阅读至少 ${num(e.readingSeconds)} 秒`]}
		case 'night_bulk':
			return { lines: [`${String(e.night)} 凌晨 0–5 点（北京时间）完成 ${num(e.lessons)} 个课时`]}
		default:
			return { lines: Object.entries(evidence).map(([k, v]) => `${k}：${JSON.stringify(v)}`)}
	}
}
