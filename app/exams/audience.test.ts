import { expect, test } from 'vitest'
import { attemptsLeft, inAudience, sittingEmployer } from './audience.ts'

const worker = [{ enterpriseId: 1, jobCategory: 'other', industry: 'hazardous_chemicals' }]

test('an open exam is for everyone, cadres included', () => {
	expect(inAudience({ enterpriseId: null, audience: {} }, [])).toBe(true)
	expect(inAudience({ enterpriseId: null, audience: {} }, worker)).toBe(true)
})

test('an enterprise’s own exam is for its people only', () => {
	expect(inAudience({ enterpriseId: 1, audience: {} }, worker)).toBe(true)
	expect(inAudience({ enterpriseId: 2, audience: {} }, worker)).toBe(false)
	expect(inAudience({ enterpriseId: 1, audience: {} }, [])).toBe(false)
})

test('job and industry criteria must hold for the same job', () => {
	expect(inAudience({ enterpriseId: null, audience: { jobs: ['other'], industries: ['hazardous_chemicals'] } }, worker)).toBe(true)
	expect(inAudience({ enterpriseId: null, audience: { jobs: ['principal'] } }, worker)).toBe(false)
	const twoJobs = [
		{ enterpriseId: 1, jobCategory: 'principal', industry: 'machinery' },
		{ enterpriseId: 2, jobCategory: 'other', industry: 'hazardous_chemicals' },
	]
	expect(inAudience({ enterpriseId: null, audience: { jobs: ['principal'], industries: ['hazardous_chemicals'] } }, twoJobs)).toBe(false)
	expect(inAudience({ enterpriseId: null, audience: { enterpriseIds: [2] } }, twoJobs)).toBe(true)
})

test('a contest exam is for everyone working in its region, and no one outside it', () => {
	const contest = { enterpriseId: null, audience: { regionPath: '/1/2/' } }
	expect(inAudience(contest, [{ enterpriseId: 5, jobCategory: 'other', industry: 'machinery', regionPath: '/1/2/9/' }])).toBe(true)
	expect(inAudience(contest, [{ enterpriseId: 6, jobCategory: 'other', industry: 'machinery', regionPath: '/1/3/' }])).toBe(false)
	expect(inAudience(contest, [])).toBe(false)
})

test('a class assessment is for the people on that class’s roster, whatever their jobs', () => {
	const exam = { enterpriseId: null, audience: { classId: 5 } }
	expect(inAudience(exam, [], [5])).toBe(true)
	expect(inAudience(exam, [], [4])).toBe(false)
	expect(inAudience(exam, [{ enterpriseId: 1, jobCategory: 'principal', industry: 'machinery', regionPath: '/1/' }])).toBe(false)
})

test('a sitting declared void does not use up an attempt', () => {
	const void_ = { annulledAt: new Date('2026-06-01T00:00:00Z') }
	expect(attemptsLeft(2, [{ annulledAt: null }, void_])).toBe(1)
	expect(attemptsLeft(1, [{ annulledAt: null }, { annulledAt: null }])).toBe(0)
})

test('a sitting belongs to the employer the exam is for, else to the earliest-hired one', () => {
	const twoJobs = [
		{ enterpriseId: 1, jobCategory: 'other', industry: 'machinery', regionPath: '/1/2/' },
		{ enterpriseId: 2, jobCategory: 'safety_manager', industry: 'hazardous_chemicals', regionPath: '/1/3/' },
	]
	expect(sittingEmployer({ enterpriseId: 2, audience: {} }, twoJobs)).toBe(2)
	expect(sittingEmployer({ enterpriseId: null, audience: { industries: ['hazardous_chemicals'] } }, twoJobs)).toBe(2)
	expect(sittingEmployer({ enterpriseId: null, audience: { jobs: ['safety_manager'] } }, twoJobs)).toBe(2)
	expect(sittingEmployer({ enterpriseId: null, audience: { regionPath: '/1/3/' } }, twoJobs)).toBe(2)
	expect(sittingEmployer({ enterpriseId: null, audience: { enterpriseIds: [1, 2] } }, twoJobs)).toBe(1)
	expect(sittingEmployer({ enterpriseId: null, audience: {} }, twoJobs)).toBe(1)
	expect(sittingEmployer({ enterpriseId: null, audience: { classId: 5 } }, twoJobs)).toBe(1)
	expect(sittingEmployer({ enterpriseId: null, audience: {} }, [])).toBe(null)
})
