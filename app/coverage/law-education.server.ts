import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNull, like, or } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { hashIdNumber } from '#app/orgs/id-crypto.server.ts'
import { normalizeIdNumber } from '#app/orgs/id-number.ts'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db } from '#app/utils/db.server.ts'
import { assignments, courses, employments, enterprises, exams, people } from '#db/schema/index.ts'
import { activeAssignments, doneAssignments } from './assignment-facts.server.ts'
import { assignableTargets } from './assignments.server.ts'
import { refreshCoverageFor } from './coverage.server.ts'
import { type LawEducationValues } from './law-education.ts'

/**
 * The people the lines name, each with a current job at an enterprise in the region. Every line
 * that names nobody there is reported by its number; the order is made only when all resolve.
 */
export async function resolvePeople(scope: { regionPath: string }, lines: readonly string[]) {
	const hashes = await Promise.all(lines.map((l) => (/^1\d{10}$/.test(l) ? null : hashIdNumber(normalizeIdNumber(l)))))
	const rows = await db
		.select({ personId: people.id, name: people.name, phone: people.phone, idHash: people.idNumberHash, enterpriseName: enterprises.name })
		.from(people)
		.innerJoin(employments, and(eq(employments.personId, people.id), isNull(employments.leftOn)))
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(
			and(
				like(enterprises.regionPath, `${likeEscape(scope.regionPath)}%`),
				or(
					inArray(people.phone, lines.filter((l) => /^1\d{10}$/.test(l))),
					inArray(people.idNumberHash, hashes.filter((h): h is string => h !== null)),
				),
			),
		)
	const found: { personId: number; name: string; enterpriseName: string }[] = []
	const problems: string[] = []
	lines.forEach((line, i) => {
		const match = rows.find((r) => r.phone === line || (hashes[i] !== null && r.idHash === hashes[i]))
		if (!match) problems.push(`第 ${i + 1} 行“${line}”：辖区内没有在职人员使用这个号码`)
		else if (!found.some((f) => f.personId === match.personId)) found.push({ personId: match.personId, name: match.name, enterpriseName: match.enterpriseName })
	})
	return { found, problems }
}

/** Order the named people to study a law course (and sit an exam) by a date, for a reason; audited. */
export async function orderLawEducation(actor: { userId: number }, scope: { regionPath: string }, values: LawEducationValues): Promise<{ ok: true; people: number } | { ok: false; errors: Record<string, string> }> {
	const targets = await assignableTargets({ issuer: 'regulator', regionPath: scope.regionPath })
	if (!targets.courses.some((c) => c.id === values.courseId)) return { ok: false, errors: { courseId: '这门课程不存在或已下线' } }
	if (values.examId !== null && !targets.exams.some((e) => e.id === values.examId)) return { ok: false, errors: { examId: '只能选择已发布的平台考试' } }
	const { found, problems } = await resolvePeople(scope, values.people)
	if (problems.length) return { ok: false, errors: { people: problems.join('；') } }
	const groupKey = randomUUID()
	const personIds = found.map((f) => f.personId)
	const year = Number(values.dueOn.slice(0, 4))
	await db.transaction(async (tx) => {
		const base = { year, issuer: 'regulator', kind: 'law_education', regionPath: scope.regionPath, title: values.title, reason: values.reason, personIds, dueOn: values.dueOn, groupKey, createdBy: actor.userId }
		await tx.insert(assignments).values([{ ...base, courseId: values.courseId }, ...(values.examId ? [{ ...base, examId: values.examId }] : [])])
		await audit(tx, { actorUserId: actor.userId, action: 'law_education.order', entityType: 'law_education', entityId: groupKey, detail: { ...values, people: found } })
	})
	await refreshCoverageFor(personIds, year)
	return { ok: true, people: found.length }
}

/** The orders issued in the region with each person's progress on each item. */
export async function listLawEducation(scope: { regionPath: string }, year: number) {
	const rows = await db
		.select({ id: assignments.id, groupKey: assignments.groupKey, title: assignments.title, reason: assignments.reason, dueOn: assignments.dueOn, personIds: assignments.personIds, courseTitle: courses.title, examTitle: exams.title, createdAt: assignments.createdAt })
		.from(assignments)
		.leftJoin(courses, eq(courses.id, assignments.courseId))
		.leftJoin(exams, eq(exams.id, assignments.examId))
		.where(and(eq(assignments.kind, 'law_education'), eq(assignments.year, year), isNull(assignments.withdrawnAt), like(assignments.regionPath, `${likeEscape(scope.regionPath)}%`)))
		.orderBy(desc(assignments.createdAt), asc(assignments.id))
	if (rows.length === 0) return []
	const personIds = [...new Set(rows.flatMap((r) => r.personIds))]
	const [names, active] = await Promise.all([
		db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)),
		activeAssignments(year),
	])
	const done = await doneAssignments(personIds, active.filter((a) => rows.some((r) => r.id === a.id)))
	const groups = new Map<string, { groupKey: string; title: string; reason: string; dueOn: string; items: string[]; people: { name: string; done: boolean[] }[]; ids: number[]; personIds: number[] }>()
	for (const r of rows) {
		const key = r.groupKey ?? String(r.id)
		const g = groups.get(key) ?? { groupKey: key, title: r.title, reason: r.reason, dueOn: r.dueOn, items: [], people: [], ids: [], personIds: r.personIds }
		g.items.push(r.courseTitle ? `课程：${r.courseTitle}` : `考试：${r.examTitle}`)
		g.ids.push(r.id)
		groups.set(key, g)
	}
	return [...groups.values()].map((g) => {
		const list = g.personIds.map((pid) => ({ name: names.find((n) => n.id === pid)?.name ?? '', done: g.ids.map((id) => done.has(`${pid}:${id}`)) }))
		return { ...g, people: list, completed: list.filter((p) => p.done.every(Boolean)).length, total: list.length }
	})
}
