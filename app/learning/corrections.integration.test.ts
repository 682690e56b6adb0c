import { and, eq } from 'drizzle-orm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, expect, test } from 'vitest'
import { refusal } from '#tests/support/refusal.ts'
import { archiveTables, archiveView } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { rebuildCoverage, refreshCoverageFor } from '#app/coverage/coverage.server.ts'
import { prepareContent } from '#app/courses/sync.server.ts'
import { db } from '#app/utils/db.server.ts'
import { auditLog, coveragePersonYear, employments, enterprises, learningCredits, lessons, people, regions, users } from '#db/schema/index.ts'
import { correctableLessons, correctCredits } from './corrections.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

beforeEach(async () => {
	await prepareContent()
})

test('a correction takes credited time off as a new ledger row with its actor and reason; the record itself cannot be edited', async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const make = async (name: string, code: string) => (await db.insert(enterprises).values({ name, creditCode: code, regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const factory = await make('更正厂', 'A'.repeat(18))
	const elsewhere = await make('别的厂', 'B'.repeat(18))
	const [p] = await db.insert(people).values({ name: '被更正人', phone: '13400000002' }).returning()
	const [admin] = await db.insert(users).values({ username: 'corrector', displayName: '培训管理员甲', passwordHash: 'x' }).returning()
	await db.insert(employments).values({ enterpriseId: factory, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
	const [lesson] = await db.select({ id: lessons.id, versionId: lessons.versionId }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const credit = (enterpriseId: number, day: string, seconds: number) => ({ personId: p!.id, enterpriseId, lessonId: lesson!.id, lessonVersionId: lesson!.versionId!, day, seconds })
	await db.insert(learningCredits).values([credit(factory, '2026-03-02', 3600), credit(factory, '2026-03-03', 1800), credit(elsewhere, '2026-03-04', 600), credit(factory, '2025-11-01', 900)])
	await refreshCoverageFor([p!.id], 2026)
	const scope = { enterpriseId: factory, personId: p!.id }
	expect(await correctableLessons(scope, 2026)).toMatchObject([{ lessonId: lesson!.id, seconds: 5400 }])

	// Refused, each naming its field, and nothing written.
	const input = { year: 2026, lessonId: lesson!.id, minutes: 30, reason: '挂机未实际学习，经本人确认' }
	expect(await correctCredits({ userId: admin!.id }, scope, { ...input, minutes: 91 })).toEqual({ ok: false, field: 'minutes', message: '冲减不能超过已计入的时间：该课时2026年已计入 90 分钟' })
	expect(await correctCredits({ userId: admin!.id }, scope, { ...input, reason: '错' })).toEqual({ ok: false, field: 'reason', message: '请写明更正理由（至少 4 个字）' })
	expect(await correctCredits({ userId: admin!.id }, scope, { ...input, year: 2024 })).toMatchObject({ ok: false, field: 'lessonId' })
	expect(await correctCredits({ userId: admin!.id }, { ...scope, enterpriseId: elsewhere }, { ...input, minutes: 11 })).toMatchObject({ ok: false, field: 'minutes' })
	expect(await db.select().from(learningCredits).where(eq(learningCredits.kind, 'correction'))).toEqual([])

	expect(await correctCredits({ userId: admin!.id }, scope, input)).toEqual({ ok: true })
	const [row] = await db.select().from(learningCredits).where(eq(learningCredits.kind, 'correction'))
	expect(row).toMatchObject({ enterpriseId: factory, day: '2026-03-03', seconds: -1800, actorUserId: admin!.id, reason: input.reason })
	// Coverage moved in the same transaction, and a rebuild from the facts agrees.
	const [kept] = await db.select({ credited: coveragePersonYear.creditedSeconds }).from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, p!.id), eq(coveragePersonYear.year, 2026)))
	expect(kept!.credited).toBe(3600)
	expect((await rebuildCoverage(2026, { dryRun: true })).differences).toEqual([])
	const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'learning_credit.correct'))
	expect(entry).toMatchObject({ actorUserId: admin!.id, entityType: 'person', entityId: String(p!.id), enterpriseId: factory, detail: { year: 2026, minutes: -30, reason: input.reason } })

	// The archive shows the time net of the correction and the correction itself.
	const view = archiveView(await personArchive({ personId: p!.id, enterpriseId: factory }), 45)
	expect(view.studied.map((s) => s.minutes)).toEqual([15 + 60])
	expect(view.corrections).toMatchObject([{ day: '2026-03-03', minutes: -30, reason: input.reason, actor: '培训管理员甲' }])
	expect(archiveTables(view).find((t) => t.title === '学时更正')!.rows).toHaveLength(1)
	expect(await correctableLessons(scope, 2026)).toMatchObject([{ seconds: 3600 }])

	// The ledger and the audit log are append-only in the database itself.
	expect(await refusal(db.update(learningCredits).set({ seconds: 99_999 }).where(eq(learningCredits.personId, p!.id)))).toMatch(/记录只能追加，不能修改或删除（learning_credits）/)
	expect(await refusal(db.delete(learningCredits).where(eq(learningCredits.personId, p!.id)))).toMatch(/只能追加/)
	expect(await refusal(db.delete(auditLog))).toMatch(/记录只能追加，不能修改或删除（audit_log）/)
	expect(await refusal(db.update(auditLog).set({ action: 'x' }))).toMatch(/只能追加/)
})
