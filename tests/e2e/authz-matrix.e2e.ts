import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { type APIRequestContext, expect, request, test } from '@playwright/test'
import { E2E_BASE_URL } from '../../playwright.config.ts'
import { account, storageStateOf } from './accounts.ts'
import { distinctFilm } from './helpers.ts'

// The authorisation matrix: every scoped route, as every role, inside and outside its scope.
// It must grow with every route: the last test fails when a route file is not covered here.

type Role = 'anon' | 'admin' | 'city' | 'qinghe' | 'beishan' | 'ent1' | 'ent2' | 'learner'
const ROLES: Role[] = ['anon', 'admin', 'city', 'qinghe', 'beishan', 'ent1', 'ent2', 'learner']
/** ok: allowed (2xx; for a POST also 400/409, the guard let it through to validation); login: sent to the login page. */
type Outcome = 'ok' | 'login' | 'redirect' | 401 | 403 | 404

const ANSWER_ENDPOINT = 'app/exams/answer-endpoint.server.ts'

type Ids = Record<'C' | 'Q' | 'B' | 'E1' | 'E2' | 'EMP1' | 'EMP2' | 'IMP1' | 'IMP2' | 'V1' | 'V2' | 'EX' | 'ATT1' | 'ATT2' | 'QIMP' | 'EEX' | 'PW' | 'CT' | 'CL' | 'CS', number | string>
/** Placeholders for test titles: `/enterprises/:E1/people/:EMP2`. */
const SYMBOLIC = new Proxy({} as Ids, { get: (_t, key) => `:${String(key)}` })
type Case = {
	route: string
	method?: 'GET' | 'POST'
	url: (ids: Ids) => string
	form?: Record<string, string>
	json?: Record<string, unknown>
	multipart?: boolean
	expect: Partial<Record<Role, Outcome>> & { default: Outcome }
}

const staffOnly = { anon: 'login', learner: 403 } as const

const CASES: Case[] = [
	{ route: 'admin._index.tsx', url: () => '/admin', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.accounts.tsx', url: () => '/admin/accounts', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.accounts.tsx', method: 'POST', url: () => '/admin/accounts', form: { intent: 'create' }, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{
		route: 'regions._index.tsx',
		url: () => '/regions',
		expect: { default: 403, anon: 'login', admin: 'ok', city: 'redirect', qinghe: 'redirect', beishan: 'redirect' },
	},
	{ route: 'regions.$regionId._index.tsx', url: (i) => `/regions/${i.C}`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok' } },
	{
		route: 'regions.$regionId._index.tsx',
		url: (i) => `/regions/${i.Q}`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' },
	},
	{ route: 'regions.$regionId.coverage.tsx', url: (i) => `/regions/${i.C}/coverage`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok' } },
	{ route: 'regions.$regionId.coverage.tsx', url: (i) => `/regions/${i.Q}/coverage`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{ route: 'regions.$regionId.flags.tsx', url: (i) => `/regions/${i.Q}/flags`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{
		route: 'regions.$regionId.flags.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/flags`,
		form: { flagId: '999999', note: 'x' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{ route: 'regions.$regionId.contests._index.tsx', url: (i) => `/regions/${i.Q}/contests`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{
		route: 'regions.$regionId.contests._index.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/contests`,
		form: { title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{ route: 'regions.$regionId.contests.$contestId.tsx', url: (i) => `/regions/${i.B}/contests/${i.CT}`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' } },
	// 北山's contest does not exist for 青河.
	{ route: 'regions.$regionId.contests.$contestId.tsx', url: (i) => `/regions/${i.Q}/contests/${i.CT}`, expect: { default: 404, anon: 'login' } },
	{ route: 'contests.$contestId.certificate.tsx', url: (i) => `/contests/${i.CT}/certificate`, expect: { default: 403, anon: 'login', learner: 404 } },
	{ route: 'regions.$regionId.classes._index.tsx', url: (i) => `/regions/${i.Q}/classes`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{
		route: 'regions.$regionId.classes._index.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/classes`,
		form: { title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{ route: 'regions.$regionId.classes.template[.]xlsx.ts', url: (i) => `/regions/${i.B}/classes/template.xlsx`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' } },
	{ route: 'regions.$regionId.classes.$classId._index.tsx', url: (i) => `/regions/${i.B}/classes/${i.CL}`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' } },
	// 北山's class does not exist seen from 青河, even for the platform admin looking there.
	{ route: 'regions.$regionId.classes.$classId._index.tsx', url: (i) => `/regions/${i.Q}/classes/${i.CL}`, expect: { default: 404, anon: 'login' } },
	{
		route: 'regions.$regionId.classes.$classId._index.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/classes/${i.CL}`,
		form: { intent: 'withdraw', sessionId: '999999' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	// 成绩作废 of a class's assessment: the regulators over the class's region (and the platform admin).
	// (`?index`: the same action as the plain URL, a title of its own.)
	{
		route: 'regions.$regionId.classes.$classId._index.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/classes/${i.CL}?index`,
		form: { intent: 'annul_attempt', attempt: '999999', reason: '矩阵测试作废' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{
		route: 'regions.$regionId.classes.$classId._index.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.Q}/classes/${i.CL}`,
		form: { intent: 'annul_attempt', attempt: '999999', reason: '矩阵测试作废' },
		expect: { default: 404, anon: 'login' },
	},
	{
		route: 'regions.$regionId.classes.$classId.sessions.$sessionId.tsx',
		url: (i) => `/regions/${i.B}/classes/${i.CL}/sessions/${i.CS}`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{
		route: 'regions.$regionId.classes.$classId.sessions.$sessionId.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/classes/${i.CL}/sessions/${i.CS}`,
		form: { personId: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{ route: 'regions.$regionId.classes.$classId.report.tsx', url: (i) => `/regions/${i.B}/classes/${i.CL}/report`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' } },
	{ route: 'regions.$regionId.classes.$classId.report[.]xlsx.ts', url: (i) => `/regions/${i.B}/classes/${i.CL}/report.xlsx`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' } },
	// The matrix learner is not on the class's roster: for them it does not exist; staff are not learners.
	{ route: 'classes.$classId.tsx', url: (i) => `/classes/${i.CL}`, expect: { default: 403, anon: 'login', learner: 404 } },
	{ route: 'classes.$classId.tsx', method: 'POST', url: (i) => `/classes/${i.CL}`, form: { sessionId: '0', code: '000000' }, expect: { default: 403, anon: 'login', learner: 404 } },
	{ route: 'regions.$regionId.law-education.tsx', url: (i) => `/regions/${i.Q}/law-education`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{
		route: 'regions.$regionId.law-education.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/law-education`,
		form: { title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{ route: 'regions.$regionId.warnings._index.tsx', url: (i) => `/regions/${i.Q}/warnings`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{
		route: 'regions.$regionId.warnings._index.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/warnings`,
		form: { title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{ route: 'regions.$regionId.warnings.$pushId.tsx', url: (i) => `/regions/${i.Q}/warnings/${i.PW}`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	// Seen from 北山, 青河's push does not exist — even for the platform admin looking there.
	{ route: 'regions.$regionId.warnings.$pushId.tsx', url: (i) => `/regions/${i.B}/warnings/${i.PW}`, expect: { default: 404, anon: 'login' } },
	{
		route: 'regions.$regionId.warnings.$pushId.export[.]xlsx.ts',
		url: (i) => `/regions/${i.Q}/warnings/${i.PW}/export.xlsx`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.warnings.$pushId.tsx',
		url: (i) => `/enterprises/${i.E1}/warnings/${i.PW}`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.warnings.$pushId.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/warnings/${i.PW}`,
		form: { intent: 'assign', jobCategories: 'nobody' },
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	// The push did not reach ENT2 (machinery, 北山): nobody finds it there.
	{ route: 'enterprises.$enterpriseId.warnings.$pushId.tsx', url: (i) => `/enterprises/${i.E2}/warnings/${i.PW}`, expect: { default: 404, anon: 'login' } },
	{ route: 'regions.$regionId.requirements.tsx', url: (i) => `/regions/${i.Q}/requirements`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{
		route: 'regions.$regionId.requirements.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.B}/requirements`,
		form: { intent: 'create', title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' },
	},
	{
		route: 'regions.$regionId.requirements.tsx',
		method: 'POST',
		url: (i) => `/regions/${i.Q}/requirements`,
		form: { intent: 'withdraw', id: '999999' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.accidents.tsx',
		url: (i) => `/enterprises/${i.E1}/accidents`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.accidents.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E2}/accidents`,
		form: { occurredOn: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok', ent2: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.plans.tsx',
		url: (i) => `/enterprises/${i.E1}/plans`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.plans.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/plans`,
		form: { intent: 'create', title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{ route: 'regions.$regionId.coverage.export.ts', url: (i) => `/regions/${i.Q}/coverage/export?format=csv`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok' } },
	{ route: 'regions.$regionId.coverage.export.ts', url: (i) => `/regions/${i.B}/coverage/export?format=xlsx`, expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok' } },
	{
		route: 'enterprises.$enterpriseId.coverage.tsx',
		url: (i) => `/enterprises/${i.E1}/coverage`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.archive.tsx',
		url: (i) => `/enterprises/${i.E1}/archive`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.archive[.]xlsx.ts',
		url: (i) => `/enterprises/${i.E2}/archive.xlsx`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok', ent2: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.coverage.export.ts',
		url: (i) => `/enterprises/${i.E1}/coverage/export?format=csv`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{ route: 'enterprises._index.tsx', url: () => '/enterprises', expect: { default: 'ok', ...staffOnly } },
	{
		route: 'enterprises.new.tsx',
		url: () => '/enterprises/new',
		expect: { default: 'ok', ...staffOnly, ent1: 403, ent2: 403 },
	},
	{
		route: 'enterprises.new.tsx',
		method: 'POST',
		url: () => '/enterprises/new',
		form: { name: '' },
		expect: { default: 'ok', ...staffOnly, ent1: 403, ent2: 403 },
	},
	{
		route: 'enterprises.$enterpriseId._index.tsx',
		url: (i) => `/enterprises/${i.E1}`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.edit.tsx',
		url: (i) => `/enterprises/${i.E1}/edit`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.edit.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/edit`,
		form: { name: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.people._index.tsx',
		url: (i) => `/enterprises/${i.E1}/people`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		route: 'enterprises.$enterpriseId.people.$employmentId.tsx',
		url: (i) => `/enterprises/${i.E1}/people/${i.EMP1}`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		// Another enterprise's employment under one's own enterprise URL does not exist.
		route: 'enterprises.$enterpriseId.people.$employmentId.tsx',
		url: (i) => `/enterprises/${i.E1}/people/${i.EMP2}`,
		expect: { default: 404, anon: 'login' },
	},
	{
		route: 'enterprises.$enterpriseId.people.$employmentId.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/people/${i.EMP1}`,
		form: { leftOn: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.roster._index.tsx',
		url: (i) => `/enterprises/${i.E1}/roster`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.roster._index.tsx',
		method: 'POST',
		multipart: true,
		url: (i) => `/enterprises/${i.E1}/roster`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.roster.$importId.tsx',
		url: (i) => `/enterprises/${i.E1}/roster/${i.IMP1}`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.roster.$importId.tsx',
		url: (i) => `/enterprises/${i.E1}/roster/${i.IMP2}`,
		expect: { default: 404, anon: 'login', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.roster.$importId.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/roster/${i.IMP1}`,
		form: {},
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.roster.template[.]xlsx.ts',
		url: (i) => `/enterprises/${i.E1}/roster/template.xlsx`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.videos.tsx',
		url: (i) => `/enterprises/${i.E1}/videos`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.videos.tsx',
		method: 'POST',
		multipart: true,
		url: (i) => `/enterprises/${i.E1}/videos`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		// A video ENT1 added: its people, its admin and the regulators above it.
		route: 'media.uploads.$file.ts',
		url: (i) => `/media/uploads/${i.V1}.mp4`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok', learner: 'ok' },
	},
	{
		route: 'media.uploads.$file.ts',
		url: (i) => `/media/uploads/${i.V2}.mp4`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', beishan: 'ok', ent2: 'ok' },
	},
	{ route: 'admin.banks._index.tsx', url: () => '/admin/banks', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks._index.tsx', method: 'POST', multipart: true, url: () => '/admin/banks', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks.imports.$importId.tsx', url: (i) => `/admin/banks/imports/${i.QIMP}`, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks.imports.$importId.tsx', method: 'POST', url: (i) => `/admin/banks/imports/${i.QIMP}`, form: {}, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks.$slug.export[.]xlsx.ts', url: () => '/admin/banks/employee-safety/export.xlsx', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks.$slug.export[.]gift.ts', url: () => '/admin/banks/employee-safety/export.gift', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks.$slug.stats.tsx', url: () => '/admin/banks/employee-safety/stats', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.banks.template[.]xlsx.ts', url: () => '/admin/banks/template.xlsx', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.rules.tsx', url: () => '/admin/rules', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.rules.tsx', method: 'POST', url: () => '/admin/rules', form: { group: 'nothing' }, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.retention.tsx', url: () => '/admin/retention', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.retention.tsx', method: 'POST', url: () => '/admin/retention', form: { recordType: 'nothing' }, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.exams._index.tsx', url: () => '/admin/exams', expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.exams._index.tsx', method: 'POST', url: () => '/admin/exams', form: { title: '' }, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.exams.$examId.tsx', url: (i) => `/admin/exams/${i.EX}`, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{ route: 'admin.exams.$examId.tsx', method: 'POST', url: (i) => `/admin/exams/${i.EX}`, form: { intent: 'nothing' }, expect: { default: 403, anon: 'login', admin: 'ok' } },
	{
		// An enterprise's own exam is an enterprise record: its admins (and the platform admin).
		route: 'enterprises.$enterpriseId.exams.$examId.tsx',
		url: (i) => `/enterprises/${i.E1}/exams/${i.EEX}`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		// A platform exam is not ENT1's, whatever the URL says.
		route: 'enterprises.$enterpriseId.exams.$examId.tsx',
		url: (i) => `/enterprises/${i.E1}/exams/${i.EX}`,
		expect: { default: 404, anon: 'login', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.exams.$examId.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/exams/${i.EEX}`,
		form: { intent: 'nothing' },
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.exams._index.tsx',
		url: (i) => `/enterprises/${i.E1}/exams`,
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{
		route: 'enterprises.$enterpriseId.exams._index.tsx',
		method: 'POST',
		url: (i) => `/enterprises/${i.E1}/exams`,
		form: { title: '' },
		expect: { default: 404, anon: 'login', admin: 'ok', ent1: 'ok', city: 403, qinghe: 403 },
	},
	{ route: 'learn._index.tsx', url: () => '/learn', expect: { default: 'ok', anon: 'login' } },
	{ route: 'learn.$courseSlug._index.tsx', url: () => '/learn/warning-film', expect: { default: 'ok', anon: 'login' } },
	{
		route: 'learn.$courseSlug.$lessonSlug.tsx',
		url: () => '/learn/warning-film/confined-space-film',
		expect: { default: 'ok', anon: 'login' },
	},
	{ route: 'learn.$courseSlug.$lessonSlug.tsx', url: () => '/learn/warning-film/no-such-lesson', expect: { default: 404, anon: 'login' } },
	{
		route: 'learn.heartbeat.ts',
		method: 'POST',
		url: () => '/learn/heartbeat',
		form: { lessonId: 'x' },
		expect: { default: 403, anon: 'login', learner: 'ok' },
	},
	{ route: 'learn.heartbeat.ts', url: () => '/learn/heartbeat', expect: { default: 404 } },
	{ route: 'learn.progress.ts', method: 'POST', url: () => '/learn/progress', form: { intent: 'check' }, expect: { default: 'ok', anon: 'login' } },
	{ route: 'exams._index.tsx', url: () => '/exams', expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'exams.$examId._index.tsx', url: (i) => `/exams/${i.EX}`, expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'exams.$examId._index.tsx', method: 'POST', url: (i) => `/exams/${i.EX}`, expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'exams.attempts.$attemptId._index.tsx', url: (i) => `/exams/attempts/${i.ATT1}`, expect: { default: 403, anon: 'login', learner: 'ok' } },
	{
		// Another learner's paper does not exist for this one.
		route: 'exams.attempts.$attemptId._index.tsx',
		url: (i) => `/exams/attempts/${i.ATT2}`,
		expect: { default: 403, anon: 'login', learner: 404 },
	},
	{
		route: 'exams.attempts.$attemptId._index.tsx',
		method: 'POST',
		url: (i) => `/exams/attempts/${i.ATT2}`,
		form: { intent: 'save', seq: '1' },
		expect: { default: 403, anon: 'login', learner: 404 },
	},
	{
		// The answer endpoint (served ahead of the router, app/exams/answer-endpoint.server.ts)
		// answers JSON: 401 rather than a redirect to the login page.
		route: ANSWER_ENDPOINT,
		method: 'POST',
		url: (i) => `/exams/attempts/${i.ATT2}/answer`,
		json: { position: 0, chosen: [0], seq: 1 },
		expect: { default: 403, anon: 401, learner: 404 },
	},
	{
		route: ANSWER_ENDPOINT,
		method: 'POST',
		url: (i) => `/exams/attempts/${i.ATT1}/answer`,
		json: { position: 0, chosen: [0], seq: 1 },
		expect: { default: 403, anon: 401, learner: 'ok' },
	},
	{ route: ANSWER_ENDPOINT, url: (i) => `/exams/attempts/${i.ATT1}/answer`, expect: { default: 404 } },
	{
		// An unfinished paper has no result yet: its owner is sent back to it.
		route: 'exams.attempts.$attemptId.result.tsx',
		url: (i) => `/exams/attempts/${i.ATT1}/result`,
		expect: { default: 403, anon: 'login', learner: 'redirect' },
	},
	{ route: 'exams.attempts.$attemptId.result.tsx', url: (i) => `/exams/attempts/${i.ATT2}/result`, expect: { default: 403, anon: 'login', learner: 404 } },
	{ route: 'practice._index.tsx', url: () => '/practice', expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'practice.$mode.tsx', url: () => '/practice/sequential?bank=employee-safety', expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'practice.$mode.tsx', url: () => '/practice/nonsense?bank=employee-safety', expect: { default: 403, anon: 'login', learner: 404 } },
	{ route: 'practice.$mode.tsx', method: 'POST', url: () => '/practice/random?bank=employee-safety', form: {}, expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'practice.mock.$examId.tsx', url: (i) => `/practice/mock/${i.EX}?seed=0123456789abcdef`, expect: { default: 403, anon: 'login', learner: 'ok' } },
	{
		route: 'practice.mock.$examId.tsx',
		method: 'POST',
		url: (i) => `/practice/mock/${i.EX}`,
		form: { seed: '0123456789abcdef' },
		expect: { default: 403, anon: 'login', learner: 'ok' },
	},
	{ route: 'certificates.$number.tsx', url: () => '/certificates/AX-2026-000001-ZZZZ', expect: { default: 403, anon: 'login', learner: 404 } },
	{ route: 'me_.archive.tsx', url: () => '/me/archive', expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'me_.archive[.]xlsx.ts', url: () => '/me/archive.xlsx', expect: { default: 403, anon: 'login', learner: 'ok' } },
	{
		route: 'enterprises.$enterpriseId.people.$employmentId_.archive.tsx',
		url: (i) => `/enterprises/${i.E1}/people/${i.EMP1}/archive`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{
		// Another enterprise's person under one's own enterprise URL does not exist.
		route: 'enterprises.$enterpriseId.people.$employmentId_.archive.tsx',
		url: (i) => `/enterprises/${i.E1}/people/${i.EMP2}/archive`,
		expect: { default: 404, anon: 'login' },
	},
	{
		route: 'enterprises.$enterpriseId.people.$employmentId_.archive[.]xlsx.ts',
		url: (i) => `/enterprises/${i.E1}/people/${i.EMP1}/archive.xlsx`,
		expect: { default: 404, anon: 'login', admin: 'ok', city: 'ok', qinghe: 'ok', ent1: 'ok' },
	},
	{ route: 'me.tsx', url: () => '/me', expect: { default: 403, anon: 'login', learner: 'ok' } },
	{ route: 'account.password.tsx', url: () => '/account/password', expect: { default: 'ok', anon: 'login' } },
	{
		route: 'account.password.tsx',
		method: 'POST',
		url: () => '/account/password',
		form: { currentPassword: '' },
		expect: { default: 'ok', anon: 'login' },
	},
]

/** Routes anyone may open; they hold no scoped data. */
const PUBLIC_ROUTES = ['_index.tsx', 'login.tsx', 'activate.tsx', 'logout.tsx', 'healthcheck.ts', '$.tsx', 'verify.tsx']

const contexts = new Map<Role, APIRequestContext>()
let ids: Ids

async function newContext(role: Role) {
	const base = { baseURL: E2E_BASE_URL, extraHTTPHeaders: { Origin: E2E_BASE_URL } }
	if (role === 'anon') return request.newContext(base)
	if (role === 'learner') {
		const ctx = await request.newContext(base)
		const learner = account('13900000004')
		const res = await ctx.post('/login', { form: { identifier: learner.login, password: learner.password }, maxRedirects: 0 })
		expect(res.status()).toBe(302)
		return ctx
	}
	return request.newContext({ ...base, storageState: storageStateOf(role) })
}

function homeId(location: string | undefined, pattern: RegExp) {
	const m = location?.match(pattern)
	if (!m) throw new Error(`unexpected location ${location}`)
	return Number(m[1])
}

async function firstEmployment(ctx: APIRequestContext, enterpriseId: number) {
	const html = await (await ctx.get(`/enterprises/${enterpriseId}/people`)).text()
	return homeId(html.match(new RegExp(`href="(/enterprises/${enterpriseId}/people/\\d+)"`))?.[1], /people\/(\d+)/)
}

async function uploadRoster(ctx: APIRequestContext, enterpriseId: number) {
	const csv = '姓名,手机号,身份证号,岗位类别,工种,部门,入职日期\n矩阵测试,13811112222,,其他从业人员,,测试部,2024-01-02\n'
	const res = await ctx.post(`/enterprises/${enterpriseId}/roster`, {
		multipart: { file: { name: 'matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	return homeId(res.headers().location, /roster\/(\d+)$/)
}

async function uploadVideo(ctx: APIRequestContext, enterpriseId: number, tag: string) {
	const buffer = distinctFilm(tag)
	const res = await ctx.post(`/enterprises/${enterpriseId}/videos`, {
		multipart: { course: 'employee-annual', title: `矩阵测试视频 ${tag}`, file: { name: `${tag}.mp4`, mimeType: 'video/mp4', buffer } },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	return createHash('sha256').update(buffer).digest('hex')
}

async function enterpriseExam(ent: APIRequestContext, enterpriseId: number) {
	const res = await ent.post(`/enterprises/${enterpriseId}/exams`, {
		form: { title: '矩阵企业考试', banks: 'employee-safety', 'rule0.type': 'judge', 'rule0.count': '5', 'rule0.points': '20', timeLimitMinutes: '10' },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	return homeId(res.headers().location, /exams\/(\d+)$/)
}

/** A warning push from 青河 to its chemical plants (ENT1 among them). */
async function pushToChemicals(regulator: APIRequestContext, regionId: number) {
	const page = await (await regulator.get(`/regions/${regionId}/warnings?case=xiangshui-2019`)).text()
	const caseId = page.match(/name="caseId" value="(\d+)"/)?.[1]
	expect(caseId).toBeTruthy()
	const res = await regulator.post(`/regions/${regionId}/warnings`, {
		form: { caseId: caseId!, title: '矩阵推送', regionId: String(regionId), industries: 'hazardous_chemicals', dueOn: '2099-12-31', checklist: '我单位是否落实危险废物管理？｜安全生产法第三十六条' },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	return homeId(res.headers().location, /warnings\/(\d+)$/)
}

/** A knowledge contest in 北山 (no demo learner works there, so other browser flows' exam lists stay as they were). */
async function openContest(regulator: APIRequestContext, regionId: number) {
	const res = await regulator.post(`/regions/${regionId}/contests`, {
		form: { title: '矩阵答卷', banks: 'employee-safety', single: '5', judge: '0', multiple: '0', attempts: '1', minutes: '10', opensOn: '2026-01-01', closesOn: '2099-12-31' },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	return homeId(res.headers().location, /contests\/(\d+)$/)
}

/** A class in 北山 with one onsite session (no demo learner is on its roster). */
async function openClass(regulator: APIRequestContext, regionId: number) {
	const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
	const res = await regulator.post(`/regions/${regionId}/classes`, { form: { title: '矩阵培训班', organiser: '北山区安委办', venue: '区委党校', startsOn: today, endsOn: today }, maxRedirects: 0 })
	expect(res.status()).toBe(302)
	const CL = homeId(res.headers().location, /classes\/(\d+)$/)
	const added = await regulator.post(`/regions/${regionId}/classes/${CL}`, { form: { intent: 'session', kind: 'lecture', delivery: 'onsite', title: '矩阵讲座', day: today, from: '08:00', to: '09:00', hours: '1' } })
	expect(added.status()).toBe(200)
	const page = await (await regulator.get(`/regions/${regionId}/classes/${CL}`)).text()
	return { CL, CS: homeId(page.match(/href="(\/regions\/\d+\/classes\/\d+\/sessions\/\d+)"/)?.[1], /sessions\/(\d+)$/) }
}

async function stageQuestions(admin: APIRequestContext) {
	const res = await admin.post('/admin/banks', {
		multipart: { bank: 'matrix-bank', title: '矩阵题库', file: { name: 'small.gift', mimeType: 'text/plain', buffer: readFileSync('tests/fixtures/import/gift/small.gift') } },
		maxRedirects: 0,
	})
	expect(res.status()).toBe(302)
	return homeId(res.headers().location, /imports\/(\d+)$/)
}

/** The demo exam, an attempt of the matrix learner and one of another learner. */
async function examAndAttempts(learner: APIRequestContext) {
	const list = await (await learner.get('/exams')).text()
	const EX = homeId(list.match(/href="(\/exams\/\d+)"/)?.[1], /exams\/(\d+)$/)
	const start = async (ctx: APIRequestContext) => homeId((await ctx.post(`/exams/${EX}`, { form: {}, maxRedirects: 0 })).headers().location, /attempts\/(\d+)$/)
	const other = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Origin: E2E_BASE_URL } })
	const who = account('13900000003')
	expect((await other.post('/login', { form: { identifier: who.login, password: who.password }, maxRedirects: 0 })).status()).toBe(302)
	const ATT2 = await start(other)
	await other.dispose()
	return { EX, ATT1: await start(learner), ATT2 }
}

test.beforeAll(async () => {
	for (const role of ROLES) contexts.set(role, await newContext(role))
	const get = (role: Role) => contexts.get(role)!
	const home = async (role: Role) => (await get(role).get('/', { maxRedirects: 0 })).headers().location
	const E1 = homeId(await home('ent1'), /enterprises\/(\d+)$/)
	const E2 = homeId(await home('ent2'), /enterprises\/(\d+)$/)
	ids = {
		C: homeId(await home('city'), /regions\/(\d+)$/),
		Q: homeId(await home('qinghe'), /regions\/(\d+)$/),
		B: homeId(await home('beishan'), /regions\/(\d+)$/),
		E1,
		E2,
		EMP1: await firstEmployment(get('ent1'), E1),
		EMP2: await firstEmployment(get('ent2'), E2),
		IMP1: await uploadRoster(get('ent1'), E1),
		IMP2: await uploadRoster(get('ent2'), E2),
		V1: await uploadVideo(get('ent1'), E1, 'matrix1'),
		V2: await uploadVideo(get('ent2'), E2, 'matrix2'),
		...(await examAndAttempts(get('learner'))),
		QIMP: await stageQuestions(get('admin')),
		EEX: await enterpriseExam(get('ent1'), E1),
		PW: await pushToChemicals(get('qinghe'), homeId(await home('qinghe'), /regions\/(\d+)$/)),
		CT: await openContest(get('beishan'), homeId(await home('beishan'), /regions\/(\d+)$/)),
		...(await openClass(get('beishan'), homeId(await home('beishan'), /regions\/(\d+)$/))),
	}
})

test.afterAll(async () => {
	for (const ctx of contexts.values()) await ctx.dispose()
})

function judge(outcome: Outcome, method: string, status: number, location: string | undefined) {
	switch (outcome) {
		case 'ok':
			return method === 'GET' ? status === 200 : [200, 204, 302, 400, 409].includes(status) && !location?.startsWith('/login')
		case 'login':
			return status === 302 && Boolean(location?.startsWith('/login'))
		case 'redirect':
			return status === 302 && !location?.startsWith('/login')
		default:
			return status === outcome
	}
}

for (const c of CASES) {
	const method = c.method ?? 'GET'
	test(`${method} ${c.route} ${c.url(SYMBOLIC)}`, async () => {
		const failures: string[] = []
		for (const role of ROLES) {
			const expected = c.expect[role] ?? c.expect.default
			const ctx = contexts.get(role)!
			const url = c.url(ids)
			const res =
				method === 'GET'
					? await ctx.get(url, { maxRedirects: 0 })
					: c.multipart
						? await ctx.post(url, { multipart: { note: 'no file' }, maxRedirects: 0 })
						: c.json
							? await ctx.post(url, { data: c.json, maxRedirects: 0 })
							: await ctx.post(url, { form: c.form ?? {}, maxRedirects: 0 })
			const location = res.headers().location
			if (!judge(expected, method, res.status(), location)) {
				failures.push(`${role}: expected ${expected}, got ${res.status()}${location ? ` → ${location}` : ''}`)
			}
			if (typeof expected === 'number' || expected === 'login') {
				// Refusals never carry another enterprise's data.
				const body = await res.text()
				expect(body, `${role} ${url}`).not.toMatch(/1[3-9]\d{9}/)
			}
		}
		expect(failures, `${method} ${c.url(ids)}`).toEqual([])
	})
}

test('a form post from another site is refused before it reaches a route', async () => {
	const ctx = await request.newContext({
		baseURL: E2E_BASE_URL,
		storageState: storageStateOf('admin'),
		extraHTTPHeaders: { Origin: 'https://evil.example' },
	})
	const res = await ctx.post('/admin/accounts', { form: { intent: 'create' }, maxRedirects: 0 })
	expect(res.status()).toBe(403)
	await ctx.dispose()
})

test('every route file is covered by the matrix or declared public', () => {
	const files = readdirSync('app/routes').filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
	const covered = new Set([...CASES.map((c) => c.route), ...PUBLIC_ROUTES])
	expect(files.filter((f) => !covered.has(f))).toEqual([])
})
