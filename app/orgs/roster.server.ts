// The roster import (花名册导入): upload → check (dry run, problems listed) → apply (one
// transaction) → applied | failed, plus marking leavers. Every function takes the
// enterprise scope and puts it in every where clause.

import { createHash } from 'node:crypto'
import { refreshCoverageFor, refreshCoverageSince } from '#app/coverage/coverage.server.ts'
import { and, desc, eq, getTableColumns, inArray, is, isNull, lt, or, SQL, sql } from 'drizzle-orm'
import { type PgTable } from 'drizzle-orm/pg-core'
import { db, dbDriver, type Db, silentHeartbeat } from '#app/utils/db.server.ts'
import { getAppSecret } from '#app/utils/secrets.server.ts'
import { addMonths, todayInShanghai } from '#app/utils/time.ts'
import { employmentEvents, employments, people, rosterImports } from '#db/schema/index.ts'
import { audit } from './audit.server.ts'
import { encryptIdNumber, hashIdNumber } from './id-crypto.server.ts'
import { maskIdNumber } from './id-number.ts'
import { readRosterRows, RosterFileError } from './roster-file.server.ts'
import {
	createRosterDuplicateCheck,
	createRosterProblemList,
	parseRosterDate,
	validateRosterRow,
	type RosterProblem,
	type RosterRow,
} from './roster.ts'

/** An expected failure with a message for the user (Chinese). */
export class RosterError extends Error {
	constructor(message: string) {
		super(message)
		this.name = 'RosterError'
	}
}

export type RosterScope = { enterpriseId: number }
export type RosterImportStatus = 'uploaded' | 'checking' | 'checked' | 'applying' | 'applied' | 'failed'
export type RosterPhase = 'check' | 'apply'
export type RosterProgress = { phase: RosterPhase; rowsProcessed: number; rowsTotal: number | null }
export type RosterRunOptions = {
	/** Called every few thousand rows and at the end. During an apply on PGlite it must not query the database. */
	onProgress?: (progress: RosterProgress) => void
}

/** Rows per multi-row statement. */
const BATCH_ROWS = 1000
/** Progress is written to the import row this often. */
const PROGRESS_EVERY_ROWS = 2000
/** Problems kept on the import row (all are counted). */
const STORED_PROBLEMS = 500

export const INTERRUPTED_MESSAGE = '导入因服务重启而中断，未写入任何数据，请重新导入'
const INTERNAL_CHECK_ERROR = '检查时发生系统错误，未写入任何数据，请稍后重新上传；如仍失败请联系平台管理员'
const INTERNAL_APPLY_ERROR = '导入时发生系统错误，已全部撤销，未写入任何数据；请稍后重试，如仍失败请联系平台管理员'
const CONCURRENT_CHANGE_ERROR = '导入期间人员数据被其他操作修改，已全部撤销，未写入任何数据；请重新上传检查后再导入'

const summaryColumns = {
	id: rosterImports.id,
	enterpriseId: rosterImports.enterpriseId,
	actorUserId: rosterImports.actorUserId,
	filename: rosterImports.filename,
	fileHash: rosterImports.fileHash,
	status: rosterImports.status,
	rowsTotal: rosterImports.rowsTotal,
	rowsProcessed: rosterImports.rowsProcessed,
	problemCount: rosterImports.problemCount,
	problems: rosterImports.problems,
	created: rosterImports.created,
	updated: rosterImports.updated,
	unchanged: rosterImports.unchanged,
	error: rosterImports.error,
	createdAt: rosterImports.createdAt,
	finishedAt: rosterImports.finishedAt,
}

function scoped(importId: number, scope: RosterScope) {
	return and(eq(rosterImports.id, importId), eq(rosterImports.enterpriseId, scope.enterpriseId))
}

// ---------------------------------------------------------------------------
// Reading import rows

export type RosterImportSummary = NonNullable<Awaited<ReturnType<typeof getRosterImport>>>

/** One import of this enterprise, without the file; null outside the scope. */
export async function getRosterImport(importId: number, scope: RosterScope) {
	const [row] = await db.select(summaryColumns).from(rosterImports).where(scoped(importId, scope))
	return row ?? null
}

/** The enterprise's latest 20 imports, newest first, without the files. */
export async function listRosterImports(scope: RosterScope) {
	const { problems: _problems, ...columns } = summaryColumns
	return db
		.select(columns)
		.from(rosterImports)
		.where(eq(rosterImports.enterpriseId, scope.enterpriseId))
		.orderBy(desc(rosterImports.createdAt), desc(rosterImports.id))
		.limit(20)
}

async function loadFile(importId: number, scope: RosterScope) {
	const [row] = await db
		.select({ filename: rosterImports.filename, file: rosterImports.file })
		.from(rosterImports)
		.where(scoped(importId, scope))
	if (!row?.file) throw new RosterError('找不到该导入的文件，请重新上传')
	return { filename: row.filename, bytes: new Uint8Array(row.file) }
}

// ---------------------------------------------------------------------------
// Upload

/** Stores an uploaded file as a new import (status `uploaded`); the check reports any problem with it. */
export async function startRosterImport(input: {
	enterpriseId: number
	actorUserId: number
	filename: string
	bytes: Uint8Array
}): Promise<number> {
	const fileHash = createHash('sha256').update(input.bytes).digest('hex')
	const [row] = await db
		.insert(rosterImports)
		.values({
			enterpriseId: input.enterpriseId,
			actorUserId: input.actorUserId,
			filename: input.filename.slice(0, 255),
			fileHash,
			file: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.length),
			status: 'uploaded',
		})
		.returning({ id: rosterImports.id })
	if (!row) throw new Error('roster import insert returned no row')
	return row.id
}

// ---------------------------------------------------------------------------
// Planning: what a batch of valid rows would do to the database

type Queryable = Pick<Db, 'select' | 'insert' | 'update'>

type HashedRow = { row: RosterRow; idHash: string | null }
type PersonRecord = { id: number; name: string; phone: string | null; idNumberHash: string | null }
type EmploymentRecord = {
	id: number
	personId: number
	jobCategory: string
	workType: string | null
	department: string | null
	hiredOn: string
	postedOn: string | null
}
type RowPlan = HashedRow & {
	person: PersonRecord | null
	/** Set when an existing person's name or phone changes or their ID number is filled in. */
	personChanged: boolean
	employment: EmploymentRecord | null
	employmentChanged: boolean
	jobChanged: boolean
	outcome: 'created' | 'updated' | 'unchanged'
}

export type RosterCounts = { created: number; updated: number; unchanged: number }

async function hashRow(row: RosterRow): Promise<HashedRow> {
	return { row, idHash: row.idNumber ? await hashIdNumber(row.idNumber) : null }
}

/**
 * Matches each row to a person (by phone, then by ID number) and to that person's open
 * employment in this enterprise, and decides what changes. Rows that cannot be applied
 * safely become problems. `seen` (person id → row) spans the whole file.
 */
async function planBatch(
	q: Queryable,
	enterpriseId: number,
	rows: readonly HashedRow[],
	seen: Map<number, number>,
): Promise<{ plans: RowPlan[]; problems: RosterProblem[] }> {
	const personColumns = { id: people.id, name: people.name, phone: people.phone, idNumberHash: people.idNumberHash }
	// `in (select unnest(…))` keeps both lookups on their unique index whatever the table statistics say.
	const viaPhones = await q
		.select(personColumns)
		.from(people)
		.where(sql`${people.phone} in (select unnest(${textArray(rows.map((r) => r.row.phone))}))`)
	const byPhone = new Map<string, PersonRecord>()
	const byHash = new Map<string, PersonRecord>()
	for (const p of viaPhones) {
		if (p.phone) byPhone.set(p.phone, p)
		if (p.idNumberHash) byHash.set(p.idNumberHash, p)
	}
	// By ID number only where the phone did not settle it: no one has the phone, or they have no ID number yet.
	const hashes = rows.flatMap((r) => (r.idHash && !byPhone.get(r.row.phone)?.idNumberHash ? [r.idHash] : []))
	if (hashes.length > 0) {
		const viaIds = await q
			.select(personColumns)
			.from(people)
			.where(sql`${people.idNumberHash} in (select unnest(${textArray(hashes)}))`)
		for (const p of viaIds) if (p.idNumberHash) byHash.set(p.idNumberHash, p)
	}

	const problems: RosterProblem[] = []
	const matched: Array<HashedRow & { person: PersonRecord | null }> = []
	for (const r of rows) {
		const rowNumber = r.row.rowNumber
		const viaPhone = byPhone.get(r.row.phone)
		const viaId = r.idHash ? byHash.get(r.idHash) : undefined
		if (viaPhone && viaId && viaPhone.id !== viaId.id) {
			problems.push({
				row: rowNumber,
				column: '身份证号',
				message: '手机号和身份证号分别登记在两名不同人员名下，请核对手机号和身份证号',
			})
			continue
		}
		if (viaPhone && r.idHash && viaPhone.idNumberHash && viaPhone.idNumberHash !== r.idHash) {
			problems.push({
				row: rowNumber,
				column: '身份证号',
				message: '该手机号已登记在另一身份证号的人员名下，请核对手机号和身份证号',
			})
			continue
		}
		const person = viaPhone ?? viaId ?? null
		if (person) {
			const earlier = seen.get(person.id)
			if (earlier !== undefined) {
				problems.push({
					row: rowNumber,
					column: '手机号',
					message: `与第${earlier}行是同一人员（手机号或身份证号已登记为同一人），请合并为一行`,
				})
				continue
			}
			seen.set(person.id, rowNumber)
		}
		matched.push({ ...r, person })
	}

	const personIds = matched.flatMap((m) => (m.person ? [m.person.id] : []))
	const open =
		personIds.length === 0
			? []
			: await q
					.select({
						id: employments.id,
						personId: employments.personId,
						jobCategory: employments.jobCategory,
						workType: employments.workType,
						department: employments.department,
						hiredOn: employments.hiredOn,
						postedOn: employments.postedOn,
					})
					.from(employments)
					.where(
						and(
							eq(employments.enterpriseId, enterpriseId),
							isNull(employments.leftOn),
							sql`${employments.personId} in (select unnest(${intArray(personIds)}))`,
						),
					)
	const openByPerson = new Map(open.map((e) => [e.personId, e]))

	const plans: RowPlan[] = []
	for (const m of matched) {
		const { row, person } = m
		const personChanged =
			person !== null &&
			(person.name !== row.name || person.phone !== row.phone || (person.idNumberHash === null && m.idHash !== null))
		const employment = person ? (openByPerson.get(person.id) ?? null) : null
		// A blank 上岗日期 keeps the one on file; a moved hire date must not pass it.
		const postedOn = row.postedOn ?? employment?.postedOn ?? null
		if (postedOn !== null && postedOn < row.hiredOn) {
			problems.push({ row: row.rowNumber, column: '入职日期', message: `入职日期${row.hiredOn}晚于已登记的上岗日期${postedOn}，请核对，或同时填写新的上岗日期` })
			continue
		}
		if (postedOn !== null && postedOn > addMonths(row.hiredOn, 12)) {
			problems.push({ row: row.rowNumber, column: '入职日期', message: `入职日期${row.hiredOn}比已登记的上岗日期${postedOn}早一年以上，请核对，或同时填写新的上岗日期` })
			continue
		}
		const jobChanged =
			employment !== null && (employment.jobCategory !== row.jobCategory || employment.workType !== row.workType)
		const employmentChanged =
			employment !== null &&
			(jobChanged || employment.department !== row.department || employment.hiredOn !== row.hiredOn || employment.postedOn !== postedOn)
		const outcome = !employment ? 'created' : personChanged || employmentChanged ? 'updated' : 'unchanged'
		plans.push({ ...m, personChanged, employment, employmentChanged, jobChanged, outcome })
	}
	return { plans, problems }
}

function addCounts(counts: RosterCounts, plans: readonly RowPlan[]) {
	for (const p of plans) counts[p.outcome]++
}

// A batch travels as one parameter (a JSON document or an array literal) instead of one
// parameter per value: at 50,000 rows, building and binding ~20 parameters a row cost more
// than the database work itself.

/** One `text[]` parameter. */
function textArray(values: readonly string[]): SQL {
	const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
	return sql`${literal}::text[]`
}

/** One `integer[]` parameter. */
function intArray(values: readonly number[]): SQL {
	return sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::integer[]`
}

/**
 * The source of `insert into t (…every column…) select …` for drizzle's `.insert(t).select()`:
 * the records as one JSON parameter unpacked by json_to_recordset. drizzle lists every
 * column, the identity included, so the select starts with OVERRIDING USER VALUE (the
 * identity takes its next value); columns absent from the records get their default or null.
 */
function recordset<T extends PgTable>(table: T, records: ReadonlyArray<Partial<T['$inferInsert']>>): SQL {
	const columns = Object.entries(getTableColumns(table))
	const given = columns.filter(([key]) => records.some((r) => (r as Record<string, unknown>)[key] !== undefined))
	const json = JSON.stringify(
		records.map((r) => Object.fromEntries(given.map(([key, column]) => [column.name, (r as Record<string, unknown>)[key] ?? null]))),
	)
	const givenKeys = new Set(given.map(([key]) => key))
	const select = columns.map(([key, column]) => {
		if (column.generatedIdentity) return sql`null`
		if (givenKeys.has(key)) return sql`r.${sql.identifier(column.name)}`
		return is(column.default, SQL) ? column.default : sql`null`
	})
	const shape = given.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`)
	return sql`overriding user value select ${sql.join(select, sql`, `)} from json_to_recordset(${json}::json) as r(${sql.join(shape, sql`, `)})`
}

type ApplyContext = { enterpriseId: number; actorUserId: number; importId: number; today: string }

/** Writes one planned batch: a handful of multi-row statements, never one per row. */
async function applyBatch(tx: Queryable, ctx: ApplyContext, plans: readonly RowPlan[]) {
	const note = `花名册导入（导入记录${ctx.importId}）`

	// New people.
	const personIdByPhone = new Map<string, number>()
	const newPeople = plans.filter((p) => p.person === null)
	if (newPeople.length > 0) {
		const records = await Promise.all(
			newPeople.map(async ({ row, idHash }) => ({
				name: row.name,
				phone: row.phone,
				...(await protectedId(row.idNumber, idHash)),
			})),
		)
		const inserted = await tx.insert(people).select(recordset(people, records)).returning({ id: people.id, phone: people.phone })
		for (const p of inserted) if (p.phone) personIdByPhone.set(p.phone, p.id)
	}

	// Existing people whose name or phone changed, or whose ID number is filled in.
	const changedPeople = plans.filter((p) => p.person !== null && p.personChanged)
	if (changedPeople.length > 0) {
		const records = await Promise.all(
			changedPeople.map(async ({ row, person, idHash }) => ({
				id: person!.id,
				name: row.name,
				phone: row.phone,
				...(person!.idNumberHash === null ? await protectedId(row.idNumber, idHash) : {}),
			})),
		)
		await tx
			.update(people)
			.set({
				name: sql`v.name`,
				phone: sql`v.phone`,
				// Only ever filled in: an ID number on file is not replaced by an import.
				idNumberEnc: sql`coalesce(${people.idNumberEnc}, v."idNumberEnc")`,
				idNumberHash: sql`coalesce(${people.idNumberHash}, v."idNumberHash")`,
				idNumberMasked: sql`coalesce(${people.idNumberMasked}, v."idNumberMasked")`,
				updatedAt: sql`now()`,
			})
			.from(
				sql`json_to_recordset(${JSON.stringify(records)}::json) as v(id integer, name text, phone text, "idNumberEnc" text, "idNumberHash" text, "idNumberMasked" text)`,
			)
			.where(sql`${people.id} = v.id`)
	}

	// New employments in this enterprise, each with its hire event.
	const hires = plans.filter((p) => p.employment === null)
	if (hires.length > 0) {
		const inserted = await tx
			.insert(employments)
			.select(
				recordset(
					employments,
					hires.map(({ row, person }) => ({
						enterpriseId: ctx.enterpriseId,
						personId: person?.id ?? personIdByPhone.get(row.phone)!,
						jobCategory: row.jobCategory,
						workType: row.workType,
						department: row.department,
						hiredOn: row.hiredOn,
						postedOn: row.postedOn,
					})),
				),
			)
			.returning({ id: employments.id, jobCategory: employments.jobCategory, workType: employments.workType, hiredOn: employments.hiredOn })
		await tx.insert(employmentEvents).select(
			recordset(
				employmentEvents,
				inserted.map((e) => ({
					enterpriseId: ctx.enterpriseId,
					employmentId: e.id,
					kind: 'hire',
					effectiveOn: e.hiredOn,
					toJobCategory: e.jobCategory,
					toWorkType: e.workType,
					note,
					actorUserId: ctx.actorUserId,
				})),
			),
		)
	}

	// Changed open employments; a changed job category or work type is a job change event.
	const changed = plans.filter((p) => p.employment !== null && p.employmentChanged)
	if (changed.length > 0) {
		const records = changed.map(({ row, employment }) => ({
			id: employment!.id,
			jobCategory: row.jobCategory,
			workType: row.workType,
			department: row.department,
			hiredOn: row.hiredOn,
			postedOn: row.postedOn,
		}))
		await tx
			.update(employments)
			.set({
				jobCategory: sql`v."jobCategory"`,
				workType: sql`v."workType"`,
				department: sql`v.department`,
				hiredOn: sql`v."hiredOn"`,
				postedOn: sql`coalesce(v."postedOn", ${employments.postedOn})`,
				updatedAt: sql`now()`,
			})
			.from(
				sql`json_to_recordset(${JSON.stringify(records)}::json) as v(id integer, "jobCategory" text, "workType" text, department text, "hiredOn" date, "postedOn" date)`,
			)
			.where(and(sql`${employments.id} = v.id`, eq(employments.enterpriseId, ctx.enterpriseId)))
		const jobChanges = changed.filter((p) => p.jobChanged)
		if (jobChanges.length > 0) {
			await tx.insert(employmentEvents).select(
				recordset(
					employmentEvents,
					jobChanges.map(({ row, employment }) => ({
						enterpriseId: ctx.enterpriseId,
						employmentId: employment!.id,
						kind: 'job_change',
						effectiveOn: ctx.today,
						fromJobCategory: employment!.jobCategory,
						toJobCategory: row.jobCategory,
						fromWorkType: employment!.workType,
						toWorkType: row.workType,
						note,
						actorUserId: ctx.actorUserId,
					})),
				),
			)
		}
	}
}

/** What the people table stores for an ID number (the hash is already known). */
async function protectedId(idNumber: string | null, idHash: string | null) {
	if (!idNumber || !idHash) return { idNumberEnc: null, idNumberHash: null, idNumberMasked: null }
	return { idNumberEnc: await encryptIdNumber(idNumber), idNumberHash: idHash, idNumberMasked: maskIdNumber(idNumber) }
}

// ---------------------------------------------------------------------------
// Check (dry run)

function describeStatus(status: string) {
	switch (status) {
		case 'checking':
			return '该文件正在检查中，请稍候'
		case 'applying':
			return '该文件正在导入中，请稍候'
		case 'applied':
			return '该文件已经导入，不能重复操作；如需再次导入请重新上传'
		case 'uploaded':
			return '该文件尚未检查，请先完成检查'
		case 'failed':
			return '该导入已失败，请重新上传'
		default:
			return '该文件未通过检查，不能导入'
	}
}

async function refuse(importId: number, scope: RosterScope, fallback?: string): Promise<never> {
	const row = await getRosterImport(importId, scope)
	if (!row) throw new RosterError('找不到该导入记录')
	throw new RosterError(fallback && row.status === 'checked' ? fallback : describeStatus(row.status))
}

/**
 * The dry run: reads every row, validates it, checks the whole file for duplicates, and
 * plans the changes against the database without writing any of them. Ends `checked`
 * (with problems and planned counts) or `failed` (the file cannot be read as a roster).
 */
export async function checkRosterImport(
	importId: number,
	scope: RosterScope,
	options: RosterRunOptions = {},
): Promise<RosterImportSummary> {
	const [claimed] = await db
		.update(rosterImports)
		.set({
			status: 'checking',
			heartbeatAt: new Date(),
			rowsProcessed: 0,
			rowsTotal: 0,
			problemCount: 0,
			problems: null,
			created: 0,
			updated: 0,
			unchanged: 0,
			error: null,
			finishedAt: null,
		})
		.where(and(scoped(importId, scope), inArray(rosterImports.status, ['uploaded', 'checked', 'failed'])))
		.returning({ id: rosterImports.id })
	if (!claimed) await refuse(importId, scope)

	let rowsProcessed = 0
	try {
		const file = await loadFile(importId, scope)
		const today = todayInShanghai()
		const problems = createRosterProblemList(STORED_PROBLEMS)
		const duplicates = createRosterDuplicateCheck()
		const seen = new Map<number, number>()
		const counts: RosterCounts = { created: 0, updated: 0, unchanged: 0 }
		let pending: HashedRow[] = []
		const flush = async () => {
			if (pending.length === 0) return
			const plan = await planBatch(db, scope.enterpriseId, pending, seen)
			problems.add(plan.problems)
			addCounts(counts, plan.plans)
			pending = []
		}
		for await (const { rowNumber, cells } of readRosterRows(file)) {
			rowsProcessed++
			const result = validateRosterRow(cells, rowNumber, { today })
			problems.add(result.problems)
			problems.add(duplicates.check(rowNumber, result.keys))
			if (result.row) pending.push(await hashRow(result.row))
			if (pending.length >= BATCH_ROWS) await flush()
			if (rowsProcessed % PROGRESS_EVERY_ROWS === 0) {
				await db.update(rosterImports).set({ rowsProcessed, heartbeatAt: new Date() }).where(scoped(importId, scope))
				options.onProgress?.({ phase: 'check', rowsProcessed, rowsTotal: null })
			}
		}
		await flush()
		await db
			.update(rosterImports)
			.set({
				status: 'checked',
				rowsTotal: rowsProcessed,
				rowsProcessed,
				problemCount: problems.count,
				problems: problems.list(),
				...counts,
			})
			.where(scoped(importId, scope))
		options.onProgress?.({ phase: 'check', rowsProcessed, rowsTotal: rowsProcessed })
	} catch (error) {
		const expected = error instanceof RosterFileError || error instanceof RosterError
		await db
			.update(rosterImports)
			.set({
				status: 'failed',
				rowsProcessed,
				error: expected ? error.message : INTERNAL_CHECK_ERROR,
				finishedAt: new Date(),
			})
			.where(scoped(importId, scope))
		if (!expected) throw error
	}
	return (await getRosterImport(importId, scope))!
}

// ---------------------------------------------------------------------------
// Apply

function isUniqueViolation(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
		if (typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === '23505') return true
		e = typeof e === 'object' && 'cause' in e ? (e as { cause: unknown }).cause : undefined
	}
	return false
}

/**
 * Applies a checked import without problems, in one transaction: people (matched by phone,
 * then ID number), their open employment in this enterprise with hire / job change events,
 * and one audit entry. Any failure rolls everything back and leaves the import `failed`.
 */
export async function applyRosterImport(
	importId: number,
	scope: RosterScope & { actorUserId: number },
	options: RosterRunOptions = {},
): Promise<RosterImportSummary> {
	const [claimed] = await db
		.update(rosterImports)
		.set({ status: 'applying', rowsProcessed: 0, error: null, heartbeatAt: new Date() })
		.where(and(scoped(importId, scope), eq(rosterImports.status, 'checked'), eq(rosterImports.problemCount, 0)))
		.returning({ filename: rosterImports.filename, fileHash: rosterImports.fileHash, rowsTotal: rosterImports.rowsTotal })
	if (!claimed) await refuse(importId, scope, '该文件检查出问题，不能导入：请改正后重新上传')
	const { filename, fileHash, rowsTotal } = claimed!

	let rowsProcessed = 0
	try {
		const file = await loadFile(importId, scope)
		// The secret is read from the database on first use: never inside the transaction (PGlite has one connection).
		await getAppSecret()
		const ctx: ApplyContext = { ...scope, importId, today: todayInShanghai() }
		// PostgreSQL can show progress from a second connection; PGlite's only one is held by the transaction.
		const progressInside = dbDriver() === 'postgres'
		await db.transaction(async (tx) => {
			const duplicates = createRosterDuplicateCheck()
			const seen = new Map<number, number>()
			const totals: RosterCounts = { created: 0, updated: 0, unchanged: 0 }
			let pending: HashedRow[] = []
			const flush = async () => {
				if (pending.length === 0) return
				const plan = await planBatch(tx, scope.enterpriseId, pending, seen)
				const first = plan.problems[0]
				if (first) throw new RosterError(`第${first.row}行${first.column}：${first.message}。已全部撤销，未写入任何数据，请重新检查`)
				await applyBatch(tx, ctx, plan.plans)
				addCounts(totals, plan.plans)
				pending = []
			}
			for await (const { rowNumber, cells } of readRosterRows(file)) {
				rowsProcessed++
				const result = validateRosterRow(cells, rowNumber, { today: ctx.today })
				const first = [...result.problems, ...duplicates.check(rowNumber, result.keys)][0]
				if (first || !result.row) {
					throw new RosterError(
						`第${first?.row ?? rowNumber}行${first?.column ?? ''}：${first?.message ?? '数据有误'}。已全部撤销，未写入任何数据，请重新检查`,
					)
				}
				pending.push(await hashRow(result.row))
				if (pending.length >= BATCH_ROWS) await flush()
				if (rowsProcessed % PROGRESS_EVERY_ROWS === 0) {
					if (progressInside) await db.update(rosterImports).set({ rowsProcessed, heartbeatAt: new Date() }).where(scoped(importId, scope))
					options.onProgress?.({ phase: 'apply', rowsProcessed, rowsTotal })
				}
			}
			await flush()
			await audit(tx, {
				actorUserId: scope.actorUserId,
				action: 'roster.import',
				entityType: 'roster_import',
				entityId: importId,
				enterpriseId: scope.enterpriseId,
				detail: { filename, fileHash, rows: rowsProcessed, ...totals },
			})
			// In the transaction: the import reads `applied` exactly when its rows are committed.
			await tx
				.update(rosterImports)
				.set({ status: 'applied', rowsProcessed, ...totals, finishedAt: new Date() })
				.where(scoped(importId, scope))
		})
		options.onProgress?.({ phase: 'apply', rowsProcessed, rowsTotal: rowsProcessed })
		// The roster changed who owes what: recompute this enterprise's people (a failure here
		// leaves the import applied; `npm run coverage:rebuild` repairs coverage).
		try {
			const staff = await db.selectDistinct({ personId: employments.personId }).from(employments).where(eq(employments.enterpriseId, scope.enterpriseId))
			await refreshCoverageFor(staff.map((s) => s.personId))
		} catch (error) {
			console.error('coverage refresh after roster import failed', error)
		}
	} catch (error) {
		const expected = error instanceof RosterFileError || error instanceof RosterError
		const message = expected ? error.message : isUniqueViolation(error) ? CONCURRENT_CHANGE_ERROR : INTERNAL_APPLY_ERROR
		await db
			.update(rosterImports)
			.set({ status: 'failed', rowsProcessed: 0, error: message, finishedAt: new Date() })
			.where(scoped(importId, scope))
		if (!expected && !isUniqueViolation(error)) throw error
	}
	return (await getRosterImport(importId, scope))!
}

// ---------------------------------------------------------------------------
// Background use

export type RosterRunResult = { ok: true; status: string } | { ok: false; message: string }

/**
 * Runs the check or the apply and never throws: for `void runRosterImport(…)` from a route,
 * whose page then polls the import row. Without `actorUserId` the apply is attributed to the uploader.
 */
export async function runRosterImport(
	importId: number,
	scope: RosterScope & { actorUserId?: number },
	phase: RosterPhase,
	options: RosterRunOptions = {},
): Promise<RosterRunResult> {
	try {
		let result
		if (phase === 'check') {
			result = await checkRosterImport(importId, scope, options)
		} else {
			const actorUserId = scope.actorUserId ?? (await getRosterImport(importId, scope))?.actorUserId
			if (actorUserId === undefined) throw new RosterError('找不到该导入记录')
			result = await applyRosterImport(importId, { enterpriseId: scope.enterpriseId, actorUserId }, options)
		}
		return result.status === 'failed' ? { ok: false, message: result.error ?? '导入失败' } : { ok: true, status: result.status }
	} catch (error) {
		if (error instanceof RosterError) return { ok: false, message: error.message }
		console.error(`roster import ${importId} (${phase}) failed`, error)
		return { ok: false, message: phase === 'check' ? INTERNAL_CHECK_ERROR : INTERNAL_APPLY_ERROR }
	}
}

/**
 * On process start: imports left `checking` or `applying` by a stopped process (and uploads
 * never checked for a minute) become `failed`. The apply is one transaction, so nothing of
 * theirs was written. Returns how many were marked.
 */
export async function failInterruptedRosterImports() {
	const stale = silentHeartbeat(rosterImports.heartbeatAt)
	const rows = await db
		.update(rosterImports)
		.set({ status: 'failed', error: INTERRUPTED_MESSAGE, finishedAt: new Date() })
		.where(
			or(
				and(inArray(rosterImports.status, ['checking', 'applying']), stale),
				and(eq(rosterImports.status, 'uploaded'), lt(rosterImports.createdAt, sql`now() - interval '1 minute'`)),
			),
		)
		.returning({ id: rosterImports.id })
	return rows.length
}

// ---------------------------------------------------------------------------
// Leavers

export type MarkLeaverResult = { ok: true; employmentId: number; leftOn: string } | { ok: false; message: string }

/** Ends this enterprise's open employment on `leftOn`, with a `left` event and an audit entry. */
export async function markLeaver(input: {
	enterpriseId: number
	employmentId: number
	leftOn: string
	reason: string | null
	actorUserId: number
}): Promise<MarkLeaverResult> {
	const parsed = parseRosterDate(input.leftOn, '离职日期')
	if (!parsed.ok) return { ok: false, message: parsed.message }
	const leftOn = parsed.date
	const reason = input.reason?.trim() || null
	if (reason && [...reason].length > 200) return { ok: false, message: '离职原因不能超过200个字' }

	const [employment] = await db
		.select({ id: employments.id, personId: employments.personId, hiredOn: employments.hiredOn, leftOn: employments.leftOn })
		.from(employments)
		.where(and(eq(employments.id, input.employmentId), eq(employments.enterpriseId, input.enterpriseId)))
	if (!employment) return { ok: false, message: '找不到该人员的任职记录' }
	if (employment.leftOn) return { ok: false, message: `该人员已于${employment.leftOn}离职` }
	if (leftOn < employment.hiredOn) {
		return { ok: false, message: `离职日期${leftOn}早于入职日期${employment.hiredOn}，请核对` }
	}
	if (leftOn > todayInShanghai()) return { ok: false, message: `离职日期${leftOn}晚于今天，请在离职当天或之后登记` }

	const done = await db.transaction(async (tx) => {
		const [ended] = await tx
			.update(employments)
			.set({ leftOn, updatedAt: new Date() })
			.where(
				and(
					eq(employments.id, input.employmentId),
					eq(employments.enterpriseId, input.enterpriseId),
					isNull(employments.leftOn),
				),
			)
			.returning({ id: employments.id })
		if (!ended) return false
		await tx.insert(employmentEvents).values({
			enterpriseId: input.enterpriseId,
			employmentId: input.employmentId,
			kind: 'left',
			effectiveOn: leftOn,
			note: reason,
			actorUserId: input.actorUserId,
		})
		await audit(tx, {
			actorUserId: input.actorUserId,
			action: 'employment.left',
			entityType: 'employment',
			entityId: input.employmentId,
			enterpriseId: input.enterpriseId,
			detail: { personId: employment.personId, leftOn, reason },
		})
		return true
	})
	if (!done) return { ok: false, message: '该人员已离职' }
	await refreshCoverageSince([employment.personId], leftOn)
	return { ok: true, employmentId: input.employmentId, leftOn }
}
