import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attempts, exams, questionBanks, questions, questionVersions } from '#db/schema/index.ts'
import { publishProblems } from './attempts.server.ts'
import { type ExamFormValues } from './exam-form.ts'
import { questionLabel, resolveFixedPaper } from './fixed-paper.ts'
import { maxScore, type PaperSpec } from './paper.ts'
import { pickedQuestions, questionKeys } from './question-picker.server.ts'
import { industryName, jobCategoryName } from '#app/orgs/labels.ts'
import { DIFFICULTIES, DIFFICULTY_LABELS, type Difficulty, QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from './question.ts'

const DrawRuleSchema = z.object({
	type: z.enum(QUESTION_TYPES),
	count: z.number().int().min(1, '每条规则至少抽 1 题').max(200),
	points: z.number().positive('每题分值必须大于 0').max(100),
	topic: z.string().min(1).optional(),
	difficulty: z.enum(DIFFICULTIES).optional(),
	bank: z.string().min(1).optional(),
	caseSlug: z.string().min(1).optional(),
	job: z.string().min(1).optional(),
})

export const ExamInputSchema = z
	.object({
		title: z.string().trim().min(2, '请填写考试名称').max(80, '考试名称不超过 80 个字'),
		enterpriseId: z.number().int().positive().nullable().default(null),
		paper: z.discriminatedUnion('kind', [
			z.object({ kind: z.literal('draw'), banks: z.array(z.string()).min(1, '请选择题库'), rules: z.array(DrawRuleSchema).min(1, '请至少设置一条抽题规则') }),
			z.object({
				kind: z.literal('fixed'),
				banks: z.array(z.string()).min(1, '请选择题库'),
				questions: z.array(z.object({ questionId: z.number().int().positive(), points: z.number().positive() })).min(1, '请至少选择一道题'),
			}),
		]),
		timeLimitMinutes: z.number().int().min(1, '考试时长至少 1 分钟').max(600, '考试时长不超过 600 分钟'),
		passMark: z.number().min(0).max(100).default(80),
		attemptsAllowed: z.number().int().min(1).max(20).default(1),
		opensAt: z.date().nullable().default(null),
		closesAt: z.date().nullable().default(null),
		review: z.enum(['never', 'after_submit', 'after_close']).default('after_submit'),
		scoring: z.enum(['all-or-nothing', 'partial']).default('all-or-nothing'),
		audience: z.record(z.string(), z.unknown()).default({}),
		certificateMonths: z.number().int().min(1).max(120).nullable().default(null),
	})
	.refine((e) => !e.opensAt || !e.closesAt || e.opensAt < e.closesAt, { message: '结束时间必须晚于开始时间', path: ['closesAt'] })

export type ExamInput = z.input<typeof ExamInputSchema>

/** Create an exam as a draft. */
export async function createExam(actor: { userId: number }, input: ExamInput) {
	const parsed = ExamInputSchema.safeParse(input)
	if (!parsed.success) return { ok: false as const, problems: parsed.error.issues.map((i) => i.message) }
	const e = parsed.data
	const examId = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(exams)
			.values({ ...e, paper: e.paper as unknown as Record<string, unknown>, status: 'draft', createdBy: actor.userId })
			.returning({ id: exams.id })
		await audit(tx, { actorUserId: actor.userId, action: 'exam.create', entityType: 'exam', entityId: row!.id, enterpriseId: e.enterpriseId, detail: { title: e.title, paper: e.paper.kind } })
		return row!.id
	})
	return { ok: true as const, examId }
}

/**
 * Create a draft from the exam form: draw rules as given, or a fixed paper of the picked
 * questions, which must be current questions of the chosen banks, at their own points or
 * their type's. Nothing is written unless the whole paper holds.
 */
export async function createExamFromForm(actor: { userId: number }, input: ExamFormValues & { enterpriseId: number | null }): Promise<{ ok: true; examId: number } | { ok: false; errors: Record<string, string> }> {
	const { paper: form, banks, ...settings } = input
	let paper: ExamInput['paper']
	if (form.kind === 'fixed') {
		const ids = form.picks.map((p) => p.questionId)
		const found = await pickedQuestions({ banks }, ids)
		const foundIds = new Set(found.map((q) => q.id))
		const strangers = await questionKeys(ids.filter((id) => !foundIds.has(id)))
		const resolved = resolveFixedPaper(form, found, strangers)
		if (!resolved.ok) return resolved
		paper = { kind: 'fixed', banks, questions: resolved.questions }
	} else {
		paper = { kind: 'draw', banks, rules: form.rules }
	}
	const created = await createExam(actor, { ...settings, paper })
	return created.ok ? created : { ok: false, errors: { form: created.problems.join('；') } }
}

/** Publish an exam: refused, with each rule's shortfall, when the banks cannot fill its paper. */
export async function publishExam(actor: { userId: number }, examId: number) {
	const [exam] = await db.select().from(exams).where(eq(exams.id, examId))
	if (!exam) return { ok: false as const, problems: ['考试不存在'] }
	const problems = await publishProblems(exam)
	if (problems.length > 0) return { ok: false as const, problems }
	await db.update(exams).set({ status: 'published' }).where(eq(exams.id, examId))
	await audit(db, { actorUserId: actor.userId, action: 'exam.publish', entityType: 'exam', entityId: examId, enterpriseId: exam.enterpriseId })
	return { ok: true as const }
}

/** Exams set by an enterprise (`{ enterpriseId }`) or platform-wide ones (`'platform'`), with their results so far. */
export async function listManagedExams(scope: { enterpriseId: number } | 'platform') {
	const rows = await db
		.select({
			id: exams.id,
			title: exams.title,
			status: exams.status,
			timeLimitMinutes: exams.timeLimitMinutes,
			closesAt: exams.closesAt,
			createdAt: exams.createdAt,
			finished: sql<number>`count(${attempts.id}) filter (where ${attempts.finishedAt} is not null)::int`,
			passed: sql<number>`count(${attempts.id}) filter (where ${attempts.passed} and ${attempts.annulledAt} is null)::int`,
			average: sql<number | null>`round(avg(${attempts.score}) filter (where ${attempts.finishedAt} is not null)::numeric, 1)::float`,
		})
		.from(exams)
		.leftJoin(attempts, eq(attempts.examId, exams.id))
		.where(scope === 'platform' ? isNull(exams.enterpriseId) : eq(exams.enterpriseId, scope.enterpriseId))
		.groupBy(exams.id)
		.orderBy(desc(exams.id))
	return rows
}

/** One exam in the manager's scope, or null (another enterprise's exam does not exist here). */
export async function getManagedExam(scope: { enterpriseId: number } | 'platform', examId: number) {
	const [exam] = await db
		.select()
		.from(exams)
		.where(and(eq(exams.id, examId), scope === 'platform' ? isNull(exams.enterpriseId) : eq(exams.enterpriseId, scope.enterpriseId)))
	return exam ?? null
}

/** Stop new attempts (papers already open run to their deadline). */
export async function closeExam(actor: { userId: number }, examId: number) {
	const changed = await db.update(exams).set({ status: 'closed' }).where(and(eq(exams.id, examId), eq(exams.status, 'published'))).returning({ id: exams.id, enterpriseId: exams.enterpriseId })
	if (changed[0]) await audit(db, { actorUserId: actor.userId, action: 'exam.close', entityType: 'exam', entityId: examId, enterpriseId: changed[0].enterpriseId })
	return changed.length > 0
}

/** What the manager's exam page shows of an exam's settings, in words. */
export function describeExam(exam: typeof exams.$inferSelect, formatDateTime: (d: Date) => string) {
	const paper = exam.paper as unknown as PaperSpec & { banks?: string[] }
	const audience = exam.audience as { jobs?: string[]; industries?: string[] }
	return {
		title: exam.title,
		status: exam.status,
		paperKind: paper.kind,
		parts: (paper.kind === 'draw' ? paper.rules : []).map((r) => `${QUESTION_TYPE_LABELS[r.type as QuestionType] ?? r.type} ${r.count} 题 × ${r.points} 分${r.topic ? `，知识点“${r.topic}”` : ''}${r.difficulty ? `，难度${DIFFICULTY_LABELS[r.difficulty as Difficulty] ?? r.difficulty}` : ''}`),
		facts: [
			['组卷方式', paper.kind === 'fixed' ? `固定试题（${paper.questions.length} 题，所有考生同一套题）` : '随机抽题（按规则为每位考生抽题）'],
			['总分', `${maxScore(paper)} 分`],
			['题库', (paper.banks ?? []).join('、')],
			['时长', `${exam.timeLimitMinutes} 分钟`],
			['合格线', `得分率 ${exam.passMark}%`],
			['可考次数', `${exam.attemptsAllowed} 次`],
			['开放时间', `${exam.opensAt ? formatDateTime(exam.opensAt) : '即时'} 至 ${exam.closesAt ? formatDateTime(exam.closesAt) : '不限'}`],
			['答题详情', exam.review === 'after_submit' ? '交卷后查看' : exam.review === 'after_close' ? '考试结束后开放' : '不开放'],
			['多选计分', exam.scoring === 'partial' ? '按比例' : '全对才得分'],
			['合格证明', exam.certificateMonths ? `有效期 ${exam.certificateMonths} 个月` : '不发'],
			['考试对象', [audience.jobs?.length ? `岗位：${audience.jobs.map(jobCategoryName).join('、')}` : '', audience.industries?.length ? `行业：${audience.industries.map(industryName).join('、')}` : ''].filter(Boolean).join('；') || '全部'],
		] as [string, string][],
	}
}

/**
 * The questions of a fixed paper in paper order, as the manager checks them before publishing:
 * key, bank, type, points, the current stem, and whether the question can still be drawn (it is
 * active and in one of the paper's banks). Null for a draw-rule paper.
 */
export async function fixedPaperQuestions(exam: Pick<typeof exams.$inferSelect, 'paper'>) {
	const paper = exam.paper as unknown as PaperSpec & { banks: string[] }
	if (paper.kind !== 'fixed') return null
	const ids = paper.questions.map((q) => q.questionId)
	const rows = ids.length
		? await db
				.select({
					id: questions.id,
					key: questions.key,
					bank: questionBanks.slug,
					bankTitle: questionBanks.title,
					type: questions.type,
					difficulty: questions.difficulty,
					topic: questions.topic,
					stem: sql<string | null>`${questionVersions.content}->>'stem'`,
					active: sql<boolean>`${questions.active} and ${questionBanks.active}`,
				})
				.from(questions)
				.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
				.leftJoin(questionVersions, eq(questionVersions.id, questions.versionId))
				.where(inArray(questions.id, ids))
		: []
	const byId = new Map(rows.map((r) => [r.id, r]))
	const items = paper.questions.map((q, i) => {
		const row = byId.get(q.questionId)
		return {
			position: i + 1,
			questionId: q.questionId,
			key: row ? questionLabel(row.key) : `编号 ${q.questionId}`,
			bankTitle: row?.bankTitle ?? '—',
			type: row ? (QUESTION_TYPE_LABELS[row.type as QuestionType] ?? row.type) : '—',
			difficulty: row ? (DIFFICULTY_LABELS[row.difficulty as Difficulty] ?? row.difficulty) : '—',
			topic: row?.topic ?? '',
			stem: row?.stem ?? '（试题不存在）',
			points: q.points,
			usable: Boolean(row?.active && paper.banks.includes(row.bank)),
		}
	})
	return { items, total: maxScore(paper) }
}

/** The exam page's buttons: publish (refused with each rule's shortfall) or close. */
export async function applyExamIntent(actor: { userId: number }, examId: number, intent: FormDataEntryValue | null) {
	if (intent === 'publish') {
		const published = await publishExam(actor, examId)
		return published.ok ? published : { ...published, status: 409 }
	}
	if (intent === 'close') {
		await closeExam(actor, examId)
		return { ok: true as const }
	}
	return { ok: false as const, status: 400, problems: ['请求有误'] }
}
