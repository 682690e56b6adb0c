import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { exams } from '#db/schema/index.ts'
import { publishProblems } from './attempts.server.ts'
import { DIFFICULTIES, QUESTION_TYPES } from './question.ts'

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
	const [row] = await db
		.insert(exams)
		.values({ ...e, paper: e.paper as unknown as Record<string, unknown>, status: 'draft', createdBy: actor.userId })
		.returning({ id: exams.id })
	await audit(db, { actorUserId: actor.userId, action: 'exam.create', entityType: 'exam', entityId: row!.id, enterpriseId: e.enterpriseId, detail: { title: e.title } })
	return { ok: true as const, examId: row!.id }
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
