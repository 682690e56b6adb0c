import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import matter from 'gray-matter'
import { type z } from 'zod'
import { contentHash } from '#app/utils/mdx.server.ts'
import { accidentLevel } from './accident-level.ts'
import {
	type CaseFrontmatter,
	CaseFrontmatterSchema,
	type CourseFrontmatter,
	CourseFrontmatterSchema,
	describeIssues,
	type LessonFrontmatter,
	LessonFrontmatterSchema,
} from './frontmatter.ts'

// Reads content/ into memory and checks it: frontmatter shapes, file names, references
// between files, computed accident levels. Pure file work; compiling is mdx.server.ts's.

export type MdxSource = { file: string; source: string; hash: string }

export type LoadedCase = MdxSource & { slug: string; frontmatter: CaseFrontmatter }
export type LoadedLesson = MdxSource & {
	slug: string
	position: number
	frontmatter: LessonFrontmatter
	checkIds: string[]
	/** Hash of the lesson and, for case lessons, the case it teaches: the version a learner saw. */
	versionHash: string
}
export type LoadedCourse = MdxSource & { slug: string; frontmatter: CourseFrontmatter; lessons: LoadedLesson[] }
export type LoadedContent = { courses: LoadedCourse[]; cases: LoadedCase[]; problems: string[] }

const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function parse<T>(file: string, raw: string, schema: z.ZodType<T>, problems: string[]) {
	let parsed: matter.GrayMatterFile<string>
	try {
		parsed = matter(raw)
	} catch (error) {
		problems.push(`${file}: frontmatter 不是有效的 YAML：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
		return null
	}
	const result = schema.safeParse(parsed.data)
	if (!result.success) {
		for (const line of describeIssues(result.error)) problems.push(`${file}: ${line}`)
		return null
	}
	return { data: result.data, body: parsed.content }
}

/** The ids of the <Check> items of a lesson, in order. */
export function checkIdsOf(body: string) {
	return [...body.matchAll(/<Check\b[^>]*?\bid=["']([^"']+)["']/g)].map((m) => m[1]!)
}

async function listDir(dir: string) {
	try {
		return (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
	} catch {
		return []
	}
}

export async function loadContent(root = process.env.CONTENT_DIR ?? 'content', publicDir = 'public'): Promise<LoadedContent> {
	const problems: string[] = []
	const rel = (p: string) => path.relative(process.cwd(), p)

	const cases: LoadedCase[] = []
	for (const entry of await listDir(path.join(root, 'cases'))) {
		if (!entry.isFile() || !entry.name.endsWith('.mdx')) continue
		const file = rel(path.join(root, 'cases', entry.name))
		const slug = entry.name.replace(/\.mdx$/, '')
		if (!SLUG.test(slug)) problems.push(`${file}: 文件名只能用小写字母、数字和连字符`)
		const source = await readFile(path.join(root, 'cases', entry.name), 'utf8')
		const parsed = parse(file, source, CaseFrontmatterSchema, problems)
		if (!parsed) continue
		const computed = accidentLevel(parsed.data)
		if (computed !== parsed.data.level) {
			problems.push(`${file}: level 写的是“${parsed.data.level}”，但按《生产安全事故报告和调查处理条例》第三条，由死亡、重伤和直接经济损失计算应为“${computed}”`)
		}
		cases.push({ file, source, hash: contentHash(source), slug, frontmatter: parsed.data })
	}
	const caseBySlug = new Map(cases.map((c) => [c.slug, c]))

	const courses: LoadedCourse[] = []
	for (const dir of await listDir(path.join(root, 'courses'))) {
		if (!dir.isDirectory()) continue
		const courseDir = path.join(root, 'courses', dir.name)
		const courseFile = rel(path.join(courseDir, 'course.mdx'))
		if (!SLUG.test(dir.name)) problems.push(`${rel(courseDir)}: 课程目录名只能用小写字母、数字和连字符`)
		if (!existsSync(path.join(courseDir, 'course.mdx'))) {
			problems.push(`${rel(courseDir)}: 缺少 course.mdx`)
			continue
		}
		const courseSource = await readFile(path.join(courseDir, 'course.mdx'), 'utf8')
		const course = parse(courseFile, courseSource, CourseFrontmatterSchema, problems)
		const lessons: LoadedLesson[] = []
		const positions = new Set<number>()
		for (const entry of await listDir(courseDir)) {
			if (!entry.isFile() || entry.name === 'course.mdx' || !entry.name.endsWith('.mdx')) continue
			const file = rel(path.join(courseDir, entry.name))
			const match = LESSON_FILE.exec(entry.name)
			if (!match) {
				problems.push(`${file}: 课时文件名应为“两位序号-英文名.mdx”，如 01-general-provisions.mdx`)
				continue
			}
			const position = Number(match[1])
			if (positions.has(position)) problems.push(`${file}: 序号 ${match[1]} 与同课程的另一课时重复`)
			positions.add(position)
			const source = await readFile(path.join(courseDir, entry.name), 'utf8')
			const parsed = parse(file, source, LessonFrontmatterSchema, problems)
			if (!parsed) continue
			const fm = parsed.data
			let taught: LoadedCase | undefined
			if (fm.case) {
				taught = caseBySlug.get(fm.case)
				if (!taught) problems.push(`${file}: case 指向的案例 content/cases/${fm.case}.mdx 不存在或有错误`)
			}
			if (fm.video && !existsSync(path.join(publicDir, fm.video))) {
				problems.push(`${file}: video 文件 ${publicDir}${fm.video} 不存在`)
			}
			const checkIds = checkIdsOf(parsed.body + (taught ? matter(taught.source).content : ''))
			const dup = checkIds.find((id, i) => checkIds.indexOf(id) !== i)
			if (dup) problems.push(`${file}: <Check id="${dup}"> 在本课时（含所讲案例）中重复`)
			const hash = contentHash(source)
			lessons.push({
				file,
				source,
				hash,
				slug: match[2]!,
				position,
				frontmatter: fm,
				checkIds,
				versionHash: taught ? contentHash(`${hash}\0${taught.hash}`) : hash,
			})
		}
		if (!course) continue
		if (lessons.length === 0) problems.push(`${courseFile}: 课程还没有课时`)
		courses.push({ file: courseFile, source: courseSource, hash: contentHash(courseSource), slug: dir.name, frontmatter: course.data, lessons })
	}
	courses.sort((a, b) => a.frontmatter.order - b.frontmatter.order || a.slug.localeCompare(b.slug))
	return { courses, cases, problems }
}

/** Every MDX source to compile (courses, lessons, cases), once each. */
export function allSources(content: LoadedContent): MdxSource[] {
	const out = new Map<string, MdxSource>()
	for (const c of content.cases) out.set(c.hash, c)
	for (const course of content.courses) {
		out.set(course.hash, course)
		for (const l of course.lessons) out.set(l.hash, l)
	}
	return [...out.values()]
}
