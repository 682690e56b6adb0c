import { expect, test } from 'vitest'
import {
	defaultRetention,
	keepUntil,
	personRetention,
	personRetentionHeadline,
	wholeArchiveFacts,
	RECORD_TYPES,
	RetentionPolicySchema,
	retentionInForce,
	ruleText,
	shorterThan,
	wasSpecialOperator,
} from './retention.ts'

test('every record type has a label, a default and the source it comes from', () => {
	expect(RECORD_TYPES.map((t) => t.label)).toEqual([
		'学时记录（含学时更正、学习时的设备与地址）',
		'考试记录（试卷与作答）',
		'证书（培训合格证明）',
		'特种作业人员培训及复审记录',
		'警示教育学习与对照检视回复',
		'培训班（一期一档）记录',
		'审计日志',
	])
	const defaults = defaultRetention()
	for (const t of RECORD_TYPES) expect(defaults[t.code].source.length).toBeGreaterThan(10)
	// RULES.md §2: coal managers and others ≥ 3 years, special operations ≥ 6; the recommended
	// default adds employment + 3 years.
	expect(defaults.credits).toMatchObject({ yearsAfterRecord: 3, yearsAfterLeaving: 3 })
	expect(defaults.special_operation).toMatchObject({ yearsAfterRecord: 6, yearsAfterLeaving: 3 })
	expect(defaults.special_operation.source).toContain('令第92号')
	// A course run and the audit log are not a person's: no period after leaving.
	expect(defaults.classes).toMatchObject({ yearsAfterRecord: 3, yearsAfterLeaving: null })
	expect(defaults.audit_log).toMatchObject({ yearsAfterRecord: 6, yearsAfterLeaving: null })
})

test('the deployment’s RETENTION_* settings replace the defaults they name, and say so', () => {
	const d = defaultRetention({ minimumYears: 10, afterLeavingYears: 5 })
	expect(d.credits).toMatchObject({ yearsAfterRecord: 10, yearsAfterLeaving: 5 })
	expect(d.credits.source).toContain('本部署设置 RETENTION_MINIMUM_YEARS=10、RETENTION_AFTER_LEAVING_YEARS=5')
	expect(d.special_operation).toMatchObject({ yearsAfterRecord: 6, yearsAfterLeaving: 5 })
	expect(d.classes).toMatchObject({ yearsAfterRecord: 10, yearsAfterLeaving: null })
	// The audit log follows the longest of the others.
	expect(d.audit_log.yearsAfterRecord).toBe(10)
	expect(defaultRetention({ specialOperationYears: 8 }).special_operation.yearsAfterRecord).toBe(8)
})

test('the period in force is the platform admin’s where set, the default elsewhere', () => {
	const rules = retentionInForce(defaultRetention(), [{ recordType: 'attempts', yearsAfterRecord: 5, yearsAfterLeaving: 4 }, { recordType: 'gone', yearsAfterRecord: 1, yearsAfterLeaving: 1 }])
	expect(rules.attempts).toEqual({ yearsAfterRecord: 5, yearsAfterLeaving: 4 })
	expect(rules.credits).toEqual({ yearsAfterRecord: 3, yearsAfterLeaving: 3 })
	expect(Object.keys(rules)).toEqual(RECORD_TYPES.map((t) => t.code))
	expect(shorterThan({ yearsAfterRecord: 2, yearsAfterLeaving: 3 }, rules.credits)).toBe(true)
	expect(shorterThan({ yearsAfterRecord: 3, yearsAfterLeaving: 2 }, rules.credits)).toBe(true)
	expect(shorterThan(rules.attempts, rules.credits)).toBe(false)
})

test('a person’s records are kept while employed; after leaving, the later of leaving + years and the last record + years', () => {
	const { credits, special_operation: special, classes } = defaultRetention()
	expect(keepUntil(credits, { leftOn: null, lastRecordOn: '2026-03-01' })).toBeNull()
	expect(keepUntil(credits, { leftOn: '2026-06-30', lastRecordOn: '2026-03-01' })).toBe('2029-06-30')
	expect(keepUntil(credits, { leftOn: '2026-06-30', lastRecordOn: null })).toBe('2029-06-30')
	// A special operator's records: six years from the last record, beyond three after leaving.
	expect(keepUntil(special, { leftOn: '2026-06-30', lastRecordOn: '2026-03-01' })).toBe('2032-03-01')
	// A longer period set for one type.
	expect(keepUntil({ yearsAfterRecord: 10, yearsAfterLeaving: 5 }, { leftOn: '2026-06-30', lastRecordOn: '2026-03-01' })).toBe('2036-03-01')
	// A course run's records run from the record alone, employed or not.
	expect(keepUntil(classes, { leftOn: null, lastRecordOn: '2026-02-28' })).toBe('2029-02-28')
	expect(keepUntil(classes, { leftOn: null, lastRecordOn: '2024-02-29' })).toBe('2027-02-28')
	expect(ruleText(credits)).toBe('在职期间持续保存，离职后至少保存 3 年，且自形成起至少保存 3 年')
	expect(ruleText(classes)).toBe('自形成起至少保存 3 年')
})

test('a person’s archive lists its record types, each with its date, and the archive the latest', () => {
	const rules = retentionInForce(defaultRetention(), [{ recordType: 'attempts', yearsAfterRecord: 8, yearsAfterLeaving: 3 }])
	const facts = { leftOn: '2026-06-30', specialOperator: false, lastRecordOn: { credits: '2026-03-01', attempts: '2026-04-10', classes: null } }
	const left = personRetention(rules, facts)
	expect(left.rows.map((r) => [r.label, r.lastRecordOn, r.until])).toEqual([
		['学时记录（含学时更正、学习时的设备与地址）', '2026-03-01', '2029-06-30'],
		['考试记录（试卷与作答）', '2026-04-10', '2034-04-10'],
		['证书（培训合格证明）', null, '2029-06-30'],
		['警示教育学习与对照检视回复', null, '2029-06-30'],
	])
	expect(left.until).toBe('2034-04-10')
	expect(personRetentionHeadline(left)).toBe('保存期限：本档案至少保存至 2034-04-10（各类记录的期限见下表）。')
	// A special operator's archive adds their type; a class shows where there is one.
	const welder = personRetention(rules, { ...facts, specialOperator: true, lastRecordOn: { ...facts.lastRecordOn, special_operation: '2026-04-10', classes: '2025-11-20' } })
	expect(welder.rows.map((r) => r.code)).toEqual(['credits', 'attempts', 'certificates', 'special_operation', 'warning_replies', 'classes'])
	expect(welder.rows.find((r) => r.code === 'special_operation')!.until).toBe('2032-04-10')
	expect(welder.rows.find((r) => r.code === 'classes')!.until).toBe('2028-11-20')
	const employed = personRetention(rules, { ...facts, leftOn: null })
	expect(employed.until).toBeNull()
	expect(employed.rows.every((r) => r.until === null)).toBe(true)
	expect(personRetentionHeadline(employed)).toBe('保存期限：在职期间持续保存（各类记录的期限见下表）。')
})

test('a whole archive across employers: kept while any employment lasts, else from the last leaving; a cadre’s records run from the record alone', () => {
	const rules = retentionInForce(defaultRetention(), [])
	const welder = { leftOn: '2025-12-31', jobCategory: 'special_operator', events: [] }
	const clerk = { leftOn: null, jobCategory: 'other', events: [] }
	expect(wholeArchiveFacts([welder, clerk])).toEqual({ leftOn: null, specialOperator: true, noEmployment: false })
	expect(wholeArchiveFacts([welder, { ...clerk, leftOn: '2026-06-30' }])).toEqual({ leftOn: '2026-06-30', specialOperator: true, noEmployment: false })
	// A job change away from special operations still counts.
	expect(wholeArchiveFacts([{ leftOn: '2024-01-01', jobCategory: 'other', events: [{ kind: 'job_change', fromJobCategory: 'special_operator', toJobCategory: 'other' }] }]).specialOperator).toBe(true)

	const cadre = personRetention(rules, { ...wholeArchiveFacts([]), lastRecordOn: { attempts: '2026-05-20', certificates: null, classes: '2026-05-21' } })
	expect(cadre.rows.map((r) => [r.code, r.rule, r.until])).toEqual([
		['attempts', '自形成起至少保存 3 年', '2029-05-20'],
		['classes', '自形成起至少保存 3 年', '2029-05-21'],
	])
	expect(personRetentionHeadline(cadre)).toBe('保存期限：本档案至少保存至 2029-05-21（各类记录的期限见下表）。')
	expect(personRetentionHeadline(personRetention(rules, { ...wholeArchiveFacts([]), lastRecordOn: {} }))).toBe('保存期限：暂无培训记录。')
})

test('a change of period: whole years 1–100, the years after leaving only for a person’s records, and a reason', () => {
	const ok = RetentionPolicySchema.safeParse({ recordType: 'credits', yearsAfterRecord: 5, yearsAfterLeaving: 4, note: '本省要求保存五年' })
	expect(ok.success).toBe(true)
	const errors = (input: Record<string, unknown>) => {
		const r = RetentionPolicySchema.safeParse(input)
		return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
	}
	expect(errors({ recordType: 'credits', yearsAfterRecord: 0, yearsAfterLeaving: 101, note: '短' })).toEqual({
		yearsAfterRecord: '形成后保存年限至少为 1 年',
		yearsAfterLeaving: '离职后保存年限不能超过 100 年',
		note: '请写明变更理由（至少 4 个字）',
	})
	expect(errors({ recordType: 'credits', yearsAfterRecord: 2.5, note: '本省要求保存' })).toEqual({ yearsAfterRecord: '形成后保存年限应为 1–100 的整数', yearsAfterLeaving: '请填写离职后保存年限' })
	expect(errors({ recordType: 'classes', yearsAfterRecord: 5, yearsAfterLeaving: 3, note: '本省要求保存' })).toEqual({ yearsAfterLeaving: '培训班（一期一档）记录、审计日志不随人员离职计算，不填离职后保存年限' })
	expect(errors({ recordType: 'classes', note: '本省要求保存' })).toEqual({ yearsAfterRecord: '请填写形成后保存年限' })
	expect(errors({ recordType: 'nothing', yearsAfterRecord: 5, note: '本省要求保存' })).toEqual({ recordType: '没有这种记录类型' })
})

test('a special operator now, before, or with a review recorded keeps special operation records', () => {
	expect(wasSpecialOperator({ jobCategory: 'special_operator', events: [] })).toBe(true)
	expect(wasSpecialOperator({ jobCategory: 'other', events: [{ kind: 'job_change', fromJobCategory: 'special_operator', toJobCategory: 'other' }] })).toBe(true)
	expect(wasSpecialOperator({ jobCategory: 'other', events: [{ kind: 'special_review', fromJobCategory: null, toJobCategory: null }] })).toBe(true)
	expect(wasSpecialOperator({ jobCategory: 'other', events: [{ kind: 'leave', fromJobCategory: null, toJobCategory: null }] })).toBe(false)
})
