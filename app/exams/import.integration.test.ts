import { readFileSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { questionBanks, questions, questionVersions, users } from '#db/schema/index.ts'
import { prepareBanks } from './bank-store.server.ts'
import { applyStagedImport, bankForExport, getStagedImport, importQuestions, stageImport } from './import.server.ts'
import { toGift } from './import/gift.ts'
import { toQuestionWorkbook } from './import/workbook.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'

const small = new Uint8Array(readFileSync('tests/fixtures/import/gift/small.gift'))
const oneBad = new Uint8Array(readFileSync('tests/fixtures/import/gift/one-bad.gift'))
let actor = { userId: 0 }

beforeEach(async () => {
	await prepareBanks()
	const [u] = await db.insert(users).values({ username: 'bank-admin', displayName: '题库管理员', passwordHash: 'x' }).returning()
	actor = { userId: u!.id }
})

const run = (bytes: Uint8Array, filename: string, options: Partial<{ dryRun: boolean; skipInvalid: boolean; bankSlug: string }> = {}) =>
	importQuestions({ filename, bytes, bankSlug: 'imported', bankTitle: '导入题库', skipInvalid: false, dryRun: false, ...options }, actor)

async function count(slug: string) {
	return (await db.select({ id: questions.id }).from(questions).innerJoin(questionBanks, eq(questionBanks.id, questions.bankId)).where(eq(questionBanks.slug, slug))).length
}

test('a dry run counts what would be imported and writes nothing; the import then matches it', async () => {
	const dry = await run(small, 'small.gift', { dryRun: true })
	expect(dry).toMatchObject({ format: 'gift', read: 4, imported: 3, skipped: 1, invalid: 0 })
	expect(dry.problems).toEqual([{ where: 'small.gift 第 21 行', message: expect.stringContaining('跳过') }])
	expect(await db.select().from(questionBanks).where(eq(questionBanks.slug, 'imported'))).toHaveLength(0)
	expect(await run(small, 'small.gift')).toMatchObject({ read: 4, imported: 3, skipped: 1 })
	expect(await count('imported')).toBe(3)
})

test('re-importing the same file creates no duplicates', async () => {
	await run(small, 'small.gift')
	expect(await run(small, 'small.gift')).toMatchObject({ read: 4, imported: 0, skipped: 4 })
	expect(await count('imported')).toBe(3)
})

test('one invalid question blocks the file unless the admin skips the invalid ones', async () => {
	const blocked = await run(oneBad, 'one-bad.gift')
	expect(blocked).toMatchObject({ read: 2, imported: 0, skipped: 2, invalid: 1 })
	expect(blocked.problems[0]).toMatchObject({ where: 'one-bad.gift 第 7 行' })
	expect(await db.select().from(questionBanks).where(eq(questionBanks.slug, 'imported'))).toHaveLength(0)
	expect(await run(oneBad, 'one-bad.gift', { skipInvalid: true })).toMatchObject({ read: 2, imported: 1, skipped: 1 })
	expect(await count('imported')).toBe(1)
})

test('a content bank cannot be overwritten by an import', async () => {
	const report = await run(small, 'small.gift', { bankSlug: 'fixture-bank' })
	expect(report.imported).toBe(0)
	expect(report.problems[0]).toMatchObject({ where: '题库', message: expect.stringContaining('content/') })
})

test('export to GIFT and import elsewhere gives the same questions', async () => {
	const bank = await bankForExport('fixture-bank')
	const gift = new TextEncoder().encode(toGift(bank!.questions, bank!.title))
	expect(await run(gift, 'fixture.gift', { bankSlug: 'copy' })).toMatchObject({ read: 24, imported: 24, skipped: 0 })
	const contents = async (slug: string) =>
		(
			await db
				.select({ content: questionVersions.content })
				.from(questions)
				.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
				.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
				.where(eq(questionBanks.slug, slug))
				.orderBy(questions.position)
		).map((r) => ({ ...r.content, source: null }))
	expect(await contents('copy')).toEqual(await contents('fixture-bank'))
})

test('export to Excel and import elsewhere gives the same questions', async () => {
	const bank = await bankForExport('fixture-bank')
	const xlsx = await toQuestionWorkbook(bank!.questions, bank!.title)
	expect(await run(xlsx, 'fixture.xlsx', { bankSlug: 'excel-copy' })).toMatchObject({ format: 'xlsx', read: 24, imported: 24, skipped: 0 })
	const contents = async (slug: string) =>
		(
			await db
				.select({ content: questionVersions.content })
				.from(questions)
				.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
				.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
				.where(eq(questionBanks.slug, slug))
				.orderBy(questions.position)
		).map((r) => r.content)
	expect(await contents('excel-copy')).toEqual(await contents('fixture-bank'))
})

test('a staged upload is applied once, even when confirmed twice', async () => {
	const id = await stageImport({ filename: 'small.gift', bytes: small, bankSlug: 'staged', bankTitle: '暂存', skipInvalid: false }, actor)
	expect((await getStagedImport(id))!.report).toMatchObject({ imported: 3, read: 4 })
	expect(await count('staged')).toBe(0)
	const [first, second] = await Promise.all([applyStagedImport(id, actor), applyStagedImport(id, actor)])
	expect([first, second].filter(Boolean)).toHaveLength(1)
	expect(await count('staged')).toBe(3)
	expect((await getStagedImport(id))!.status).toBe('applied')
})
