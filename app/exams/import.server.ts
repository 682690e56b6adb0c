import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptQuestions, attempts, questionBanks, questionImports, questions, questionVersions } from '#db/schema/index.ts'
import { questionHash, storeQuestions } from './bank-store.server.ts'
import { parseGift } from './import/gift.ts'
import { parseMoodleXml } from './import/moodle-xml.ts'
import { parseQtiPackage } from './import/qti.ts'
import { type ImportItem, type ImportProblem, type ImportResult } from './import/types.ts'
import { itemStatistics } from './item-stats.ts'
import { type QuestionContent } from './question.ts'
import { parseQuestionWorkbook } from './import/workbook.ts'

export const IMPORT_FORMAT_LABELS = { xlsx: 'Excel (.xlsx)', gift: 'GIFT', 'moodle-xml': 'Moodle XML', qti: 'QTI 2.x' } as const
export type ImportFormat = keyof typeof IMPORT_FORMAT_LABELS

/** The report the admin page, the CLI and its --json all show. */
export type ImportReport = {
	format: ImportFormat | null
	read: number
	/** Questions applied (or, in a dry run, that would be): new ones and changed ones. */
	imported: number
	skipped: number
	problems: ImportProblem[]
	/** Invalid questions (not unsupported types): they block the import unless skipped. */
	invalid: number
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** The format, from the name and the first bytes. */
export function detectFormat(filename: string, bytes: Uint8Array): ImportFormat | null {
	const name = filename.toLowerCase()
	const isZip = ZIP.every((b, i) => bytes[i] === b)
	if (name.endsWith('.xlsx')) return 'xlsx'
	if (name.endsWith('.gift') || name.endsWith('.txt')) return 'gift'
	if (isZip) return 'qti'
	if (name.endsWith('.xml')) {
		const head = new TextDecoder().decode(bytes.subarray(0, 4096))
		if (/<quiz[\s>]/.test(head)) return 'moodle-xml'
		if (/assessmentItem|imsqti/.test(head)) return 'qti'
		return null
	}
	return null
}

function decodeText(bytes: Uint8Array) {
	// Strip a UTF-8 byte-order mark; GIFT and XML files from Moodle are UTF-8.
	const text = new TextDecoder('utf-8').decode(bytes)
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export async function parseImportFile(filename: string, bytes: Uint8Array): Promise<{ format: ImportFormat | null; result: ImportResult }> {
	const format = detectFormat(filename, bytes)
	const empty = (message: string): ImportResult => ({ read: 0, items: [], problems: [{ where: filename, message }], unsupported: [] })
	if (bytes.length === 0) return { format, result: empty('文件是空的') }
	switch (format) {
		case 'xlsx':
			return { format, result: await parseQuestionWorkbook(bytes, filename) }
		case 'gift':
			return { format, result: parseGift(decodeText(bytes), filename) }
		case 'moodle-xml':
			return { format, result: parseMoodleXml(decodeText(bytes), filename) }
		case 'qti':
			return { format, result: await parseQtiPackage(bytes, filename) }
		default:
			return { format, result: empty('无法识别的文件格式：支持 Excel (.xlsx)、GIFT (.gift/.txt)、Moodle XML (.xml)、QTI 2.1/2.2 (.xml 或 IMS 内容包 .zip)') }
	}
}

/** A key for each item: the file's own id when it has one, else the content hash (so re-imports match). */
function keyed(items: ImportItem[]) {
	const seen = new Map<string, string>()
	const duplicates: ImportProblem[] = []
	const out: { key: string; content: ImportItem['content'] }[] = []
	for (const item of items) {
		const key = item.key ? `k-${item.key}`.slice(0, 120) : `h-${questionHash(item.content)}`
		const first = seen.get(key)
		if (first) {
			// The same question twice in one file: keep the first, say so.
			if (!item.key) continue
			duplicates.push({ where: item.where, message: `题号 ${item.key} 与 ${first} 重复` })
			continue
		}
		seen.set(key, item.where)
		out.push({ key, content: item.content })
	}
	return { items: out, duplicates }
}

/**
 * Check a file and, unless `dryRun`, import it into the bank (created when new). All or
 * nothing: with any invalid question nothing is imported unless `skipInvalid`. Re-importing
 * the same file changes nothing. Unsupported question types are always skipped and listed.
 */
export async function importQuestions(
	input: { filename: string; bytes: Uint8Array; bankSlug: string; bankTitle?: string; skipInvalid: boolean; dryRun: boolean },
	actor: { userId: number | null },
): Promise<ImportReport> {
	const { format, result } = await parseImportFile(input.filename, input.bytes)
	const { items, duplicates } = keyed(result.items)
	const problems = [...result.problems, ...duplicates]
	const report: ImportReport = { format, read: result.read, imported: 0, skipped: result.read, problems: [...problems, ...result.unsupported], invalid: problems.length }
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(input.bankSlug)) {
		report.problems.unshift({ where: '题库', message: '题库代号只能用小写字母、数字和连字符' })
		return report
	}
	if (problems.length > 0 && !input.skipInvalid) return report
	if (items.length === 0) return report

	const apply = async (dry: boolean) =>
		db.transaction(async (tx) => {
			const [existing] = await tx.select({ id: questionBanks.id, origin: questionBanks.origin }).from(questionBanks).where(eq(questionBanks.slug, input.bankSlug))
			if (existing?.origin === 'content') throw new ImportRefused('这个题库来自 content/ 中的题库文件，请修改文件而不是导入')
			const bankId =
				existing?.id ??
				(await tx.insert(questionBanks).values({ slug: input.bankSlug, title: input.bankTitle?.trim() || input.bankSlug, summary: `导入自 ${input.filename}`, origin: 'import' }).returning({ id: questionBanks.id }))[0]!.id
			const counts = await storeQuestions(tx, bankId, items, { retireMissing: false })
			if (dry) throw new DryRun(counts.created + counts.changed)
			await audit(tx, { actorUserId: actor.userId, action: 'questions.import', entityType: 'question_bank', entityId: bankId, detail: { file: input.filename, format, ...counts } })
			return counts.created + counts.changed
		})
	try {
		report.imported = await apply(input.dryRun)
	} catch (error) {
		if (error instanceof DryRun) report.imported = error.imported
		else if (error instanceof ImportRefused) report.problems.unshift({ where: '题库', message: error.message })
		else throw error
	}
	report.skipped = report.read - report.imported
	return report
}

/** A dry run is the real import rolled back: it counts exactly what would change. */
class DryRun extends Error {
	constructor(readonly imported: number) {
		super('dry run')
	}
}

class ImportRefused extends Error {}

/** Every bank with its active question count, for the admin page. */
export async function listBanks() {
	return db
		.select({
			slug: questionBanks.slug,
			title: questionBanks.title,
			origin: questionBanks.origin,
			active: questionBanks.active,
			questions: sql<number>`count(${questions.id})::int`,
		})
		.from(questionBanks)
		.leftJoin(questions, and(eq(questions.bankId, questionBanks.id), eq(questions.active, true)))
		.groupBy(questionBanks.id)
		.orderBy(asc(questionBanks.origin), asc(questionBanks.slug))
}

/** A bank's active questions in order, keyed as an export should carry them. */
export async function bankForExport(slug: string) {
	const [bank] = await db.select({ id: questionBanks.id, title: questionBanks.title }).from(questionBanks).where(eq(questionBanks.slug, slug))
	if (!bank) return null
	const rows = await db
		.select({ key: questions.key, content: questionVersions.content })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(and(eq(questions.bankId, bank.id), eq(questions.active, true)))
		.orderBy(asc(questions.position), asc(questions.id))
	return {
		title: bank.title,
		// Imported keys carry a prefix; hash keys are not ids (a re-import finds them by content).
		questions: rows.map((r) => ({ key: r.key.startsWith('h-') ? '' : r.key.replace(/^k-/, ''), content: r.content as unknown as QuestionContent })),
	}
}

/** Keep an upload and its dry-run report so the admin can confirm exactly what was checked. */
export async function stageImport(input: { filename: string; bytes: Uint8Array; bankSlug: string; bankTitle: string; skipInvalid: boolean }, actor: { userId: number }) {
	const report = await importQuestions({ ...input, dryRun: true }, actor)
	const [row] = await db
		.insert(questionImports)
		.values({ bankSlug: input.bankSlug, bankTitle: input.bankTitle, filename: input.filename, file: input.bytes, status: 'checked', report: { ...report, skipInvalid: input.skipInvalid }, createdBy: actor.userId })
		.returning({ id: questionImports.id })
	return row!.id
}

export async function getStagedImport(id: number) {
	const [row] = await db
		.select({ id: questionImports.id, bankSlug: questionImports.bankSlug, bankTitle: questionImports.bankTitle, filename: questionImports.filename, status: questionImports.status, report: questionImports.report, createdAt: questionImports.createdAt })
		.from(questionImports)
		.where(eq(questionImports.id, id))
	return row ? { ...row, report: row.report as unknown as ImportReport & { skipInvalid: boolean } } : null
}

/** Apply a checked upload once; a second confirm (double click) changes nothing. */
export async function applyStagedImport(id: number, actor: { userId: number }) {
	const claimed = await db
		.update(questionImports)
		.set({ status: 'applying' })
		.where(and(eq(questionImports.id, id), eq(questionImports.status, 'checked')))
		.returning({ bankSlug: questionImports.bankSlug, bankTitle: questionImports.bankTitle, filename: questionImports.filename, file: questionImports.file, report: questionImports.report })
	const row = claimed[0]
	if (!row) return null
	const skipInvalid = Boolean((row.report as { skipInvalid?: boolean }).skipInvalid)
	try {
		const report = await importQuestions({ filename: row.filename, bytes: row.file!, bankSlug: row.bankSlug, bankTitle: row.bankTitle, skipInvalid, dryRun: false }, actor)
		await db.update(questionImports).set({ status: 'applied', file: null, report: { ...report, skipInvalid } }).where(eq(questionImports.id, id))
		return report
	} catch (error) {
		await db.update(questionImports).set({ status: 'checked' }).where(eq(questionImports.id, id))
		throw error
	}
}

/**
 * Item statistics for a bank's questions from every finished exam attempt that used them:
 * one query for the answers, one for the papers' totals.
 */
export async function bankItemStatistics(slug: string) {
	const [bank] = await db.select({ id: questionBanks.id, title: questionBanks.title }).from(questionBanks).where(eq(questionBanks.slug, slug))
	if (!bank) return null
	const responses = await db
		.select({ attemptId: attemptQuestions.attemptId, questionId: attemptQuestions.questionId, correct: attemptQuestions.correct, earned: attemptQuestions.earned })
		.from(attemptQuestions)
		.innerJoin(questions, eq(questions.id, attemptQuestions.questionId))
		.innerJoin(attempts, eq(attempts.id, attemptQuestions.attemptId))
		.where(and(eq(questions.bankId, bank.id), isNotNull(attempts.finishedAt), isNull(attempts.annulledAt)))
	const attemptIds = [...new Set(responses.map((r) => r.attemptId))]
	const totals = attemptIds.length ? await db.select({ attemptId: attempts.id, score: attempts.score }).from(attempts).where(inArray(attempts.id, attemptIds)) : []
	const stats = itemStatistics(
		responses.map((r) => ({ attemptId: r.attemptId, questionId: r.questionId, correct: r.correct ?? false, earned: r.earned ?? 0 })),
		totals.map((t) => ({ attemptId: t.attemptId, score: t.score ?? 0 })),
	)
	const ids = stats.map((s) => s.questionId)
	const labels = ids.length
		? await db
				.select({ id: questions.id, key: questions.key, stem: sql<string>`${questionVersions.content}->>'stem'` })
				.from(questions)
				.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
				.where(inArray(questions.id, ids))
		: []
	return { title: bank.title, items: stats.map((s) => ({ ...s, ...labels.find((l) => l.id === s.questionId) })) }
}
