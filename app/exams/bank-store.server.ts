import { createHash } from 'node:crypto'
import { and, eq, inArray, notInArray } from 'drizzle-orm'
import { db, type Tx } from '#app/utils/db.server.ts'
import { questionBanks, questions, questionVersions } from '#db/schema/index.ts'
import { type LoadedBank, loadBanks } from './banks.server.ts'
import { type QuestionContent } from './question.ts'


/** Hash of a question's content: the same text and key give the same version. */
export function questionHash(q: QuestionContent) {
	const canonical: QuestionContent = {
		type: q.type,
		stem: q.stem,
		options: q.options,
		answer: q.answer,
		explanation: q.explanation,
		articles: q.articles,
		caseSlug: q.caseSlug,
		source: q.source,
		topic: q.topic,
		difficulty: q.difficulty,
		industries: q.industries,
		jobs: q.jobs,
	}
	return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32)
}

export type StoreCounts = { created: number; changed: number; unchanged: number; retired: number }

/**
 * Put questions into a bank by key: new keys are created, changed content becomes a new
 * version (old versions stay for the attempts that showed them), unchanged ones cost nothing.
 * With `retireMissing`, keys not given are deactivated (never deleted).
 */
export async function storeQuestions(tx: Tx, bankId: number, items: { key: string; content: QuestionContent }[], options: { retireMissing: boolean }): Promise<StoreCounts> {
	const existing = await tx
		.select({ id: questions.id, key: questions.key, hash: questionVersions.hash, active: questions.active })
		.from(questions)
		.leftJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(eq(questions.bankId, bankId))
	const byKey = new Map(existing.map((e) => [e.key, e]))
	const counts: StoreCounts = { created: 0, changed: 0, unchanged: 0, retired: 0 }
	for (const [position, item] of items.entries()) {
		const hash = questionHash(item.content)
		const found = byKey.get(item.key)
		if (found && found.hash === hash && found.active) {
			counts.unchanged++
			continue
		}
		const c = item.content
		const tags = { position, type: c.type, difficulty: c.difficulty, topic: c.topic, caseSlug: c.caseSlug, industries: c.industries, jobs: c.jobs, active: true }
		let questionId: number
		if (found) {
			questionId = found.id
			counts[found.hash === hash ? 'unchanged' : 'changed']++
		} else {
			const [row] = await tx.insert(questions).values({ bankId, key: item.key, ...tags }).returning({ id: questions.id })
			questionId = row!.id
			counts.created++
		}
		const [version] = await tx
			.insert(questionVersions)
			.values({ questionId, hash, content: c as unknown as Record<string, unknown> })
			.onConflictDoUpdate({ target: [questionVersions.questionId, questionVersions.hash], set: { hash } })
			.returning({ id: questionVersions.id })
		await tx.update(questions).set({ ...tags, versionId: version!.id }).where(eq(questions.id, questionId))
	}
	if (options.retireMissing) {
		const keys = items.map((i) => i.key)
		const retired = await tx
			.update(questions)
			.set({ active: false })
			.where(and(eq(questions.bankId, bankId), eq(questions.active, true), keys.length ? notInArray(questions.key, keys) : undefined))
			.returning({ id: questions.id })
		counts.retired = retired.length
	}
	return counts
}

/** Record the banks of content/banks in the database (start-up and build). */
export async function syncBanks(banks: LoadedBank[]) {
	const result: Record<string, StoreCounts> = {}
	for (const bank of banks) {
		result[bank.slug] = await db.transaction(async (tx) => {
			const values = { slug: bank.slug, title: bank.title, summary: bank.summary, origin: 'content', active: true, updatedAt: new Date() }
			const [row] = await tx.insert(questionBanks).values(values).onConflictDoUpdate({ target: questionBanks.slug, set: values }).returning({ id: questionBanks.id })
			return storeQuestions(
				tx,
				row!.id,
				bank.questions.map(({ key, line: _line, ...content }) => ({ key, content })),
				{ retireMissing: true },
			)
		})
	}
	const slugs = banks.map((b) => b.slug)
	await db
		.update(questionBanks)
		.set({ active: false })
		.where(and(eq(questionBanks.origin, 'content'), slugs.length ? notInArray(questionBanks.slug, slugs) : undefined))
	return result
}

/** Start-up: check content/banks and record it; a bad file stops the start with its line. */
export async function prepareBanks() {
	const { banks, problems } = await loadBanks()
	if (problems.length > 0) throw new Error(`题库有问题，无法启动：\n${problems.map((p) => `  ${p.where}：${p.message}`).join('\n')}`)
	return syncBanks(banks)
}

/** The current content of questions by id (for draws and papers). */
export async function currentVersions(questionIds: number[]) {
	if (questionIds.length === 0) return []
	return db
		.select({ questionId: questions.id, versionId: questionVersions.id, content: questionVersions.content })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(inArray(questions.id, questionIds))
}
