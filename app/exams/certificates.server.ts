import { randomInt } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { db, type Tx } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { certificates, people } from '#db/schema/index.ts'
import { certificateNumber, certificateStatus, expiryDate, maskName } from './certificate.ts'


/** Issue the certificate of a passed attempt (inside the finishing transaction); once per attempt. */
export async function issueCertificate(
	tx: Tx,
	input: { attemptId: number; examId: number; personId: number; enterpriseId: number | null; title: string; months: number },
	now: Date,
) {
	const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, input.personId))
	const issuedOn = todayInShanghai(now)
	const [row] = await tx
		.insert(certificates)
		.values({
			number: `pending-${input.attemptId}`,
			personId: input.personId,
			examId: input.examId,
			attemptId: input.attemptId,
			enterpriseId: input.enterpriseId,
			holderName: person?.name ?? '',
			title: input.title,
			issuedOn,
			expiresOn: expiryDate(issuedOn, input.months),
		})
		.onConflictDoNothing({ target: certificates.attemptId })
		.returning({ id: certificates.id })
	if (!row) return null
	const number = certificateNumber(Number(issuedOn.slice(0, 4)), row.id, () => randomInt(0, 1_000_000) / 1_000_000)
	await tx.update(certificates).set({ number }).where(eq(certificates.id, row.id))
	return number
}

/** What the public verification page shows for a number: nothing a checker does not need. */
export async function verifyCertificate(number: string, now = new Date()) {
	const [c] = await db
		.select({ number: certificates.number, holderName: certificates.holderName, title: certificates.title, issuedOn: certificates.issuedOn, expiresOn: certificates.expiresOn, revokedAt: certificates.revokedAt })
		.from(certificates)
		.where(eq(certificates.number, number))
	if (!c) return null
	return { number: c.number, holder: maskName(c.holderName), title: c.title, issuedOn: c.issuedOn, expiresOn: c.expiresOn, status: certificateStatus(c, todayInShanghai(now)) }
}

/** The person's own certificates (full name: it is theirs). */
export async function myCertificates(personId: number) {
	return db
		.select({ number: certificates.number, holderName: certificates.holderName, title: certificates.title, issuedOn: certificates.issuedOn, expiresOn: certificates.expiresOn, revokedAt: certificates.revokedAt })
		.from(certificates)
		.where(eq(certificates.personId, personId))
		.orderBy(desc(certificates.issuedOn))
}

export async function myCertificate(personId: number, number: string) {
	const [c] = await db
		.select({ number: certificates.number, holderName: certificates.holderName, title: certificates.title, issuedOn: certificates.issuedOn, expiresOn: certificates.expiresOn, revokedAt: certificates.revokedAt, attemptId: certificates.attemptId })
		.from(certificates)
		.where(and(eq(certificates.personId, personId), eq(certificates.number, number)))
	return c ?? null
}

export async function certificateOfAttempt(personId: number, attemptId: number) {
	const [c] = await db
		.select({ number: certificates.number, expiresOn: certificates.expiresOn })
		.from(certificates)
		.where(and(eq(certificates.personId, personId), eq(certificates.attemptId, attemptId), isNull(certificates.revokedAt)))
	return c ?? null
}
