import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { checkIdsOf, loadContent } from './content.server.ts'

function copyFixture() {
	const dir = mkdtempSync(path.join(tmpdir(), 'anxun-content-'))
	cpSync('tests/fixtures/content', dir, { recursive: true })
	return dir
}

function edit(file: string, from: string | RegExp, to: string) {
	writeFileSync(file, readFileSync(file, 'utf8').replace(from, to))
}

test('the fixture content loads with no problems and versions every lesson', async () => {
	const content = await loadContent('tests/fixtures/content')
	expect(content.problems).toEqual([])
	const lessons = content.courses[0]!.lessons
	expect(lessons.map((l) => l.slug)).toEqual(['text-lesson', 'case-lesson', 'video-lesson'])
	expect(lessons[0]!.checkIds).toEqual(['c1', 'c2'])
	// A case lesson's version covers the case too.
	expect(lessons[1]!.versionHash).not.toBe(lessons[1]!.hash)
})

test('a bad frontmatter field is reported with the file and the field', async () => {
	const dir = copyFixture()
	edit(path.join(dir, 'courses/fixture-course/01-text-lesson.mdx'), 'minutes: 5', 'minutes: 500')
	edit(path.join(dir, 'courses/fixture-course/course.mdx'), 'audience: [all]', 'audience: [everyone]')
	const { problems } = await loadContent(dir)
	expect(problems.some((p) => p.includes('01-text-lesson.mdx') && p.includes('minutes'))).toBe(true)
	expect(problems.some((p) => p.includes('course.mdx') && p.includes('audience'))).toBe(true)
})

test('a case whose stated level contradicts the 493号令 thresholds is refused', async () => {
	const dir = copyFixture()
	edit(path.join(dir, 'cases/fixture-case.mdx'), 'level: 较大', 'level: 一般')
	const { problems } = await loadContent(dir)
	expect(problems.join('\n')).toMatch(/fixture-case\.mdx: level 写的是“一般”.*应为“较大”/)
})

test('a lesson pointing at a missing case or video, or a badly named file, is refused', async () => {
	const dir = copyFixture()
	edit(path.join(dir, 'courses/fixture-course/02-case-lesson.mdx'), 'case: fixture-case', 'case: no-such-case')
	edit(path.join(dir, 'courses/fixture-course/03-video-lesson.mdx'), 'video: /media/warning-film.mp4', 'video: /media/missing.mp4')
	writeFileSync(path.join(dir, 'courses/fixture-course/Lesson Four.mdx'), '---\ntitle: x\n---\n')
	const { problems } = await loadContent(dir)
	expect(problems.some((p) => p.includes('no-such-case'))).toBe(true)
	expect(problems.some((p) => p.includes('missing.mp4'))).toBe(true)
	expect(problems.some((p) => p.includes('Lesson Four.mdx'))).toBe(true)
})

test('check ids are read from the lesson source', () => {
	expect(checkIdsOf('<Check id="a" question="q" />\n<Check question="q" id=\'b\' />')).toEqual(['a', 'b'])
})
