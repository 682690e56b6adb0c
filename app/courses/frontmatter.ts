import { z } from 'zod'
import { INDUSTRIES } from '#app/orgs/industries.ts'
import { ACCIDENT_LEVELS } from './accident-level.ts'

// The shapes of content/ frontmatter (see content/README.md). A file that does not fit fails
// the build with its path and the field.

export const AUDIENCES = ['cadre', 'principal', 'safety_manager', 'employee', 'all'] as const
export type Audience = (typeof AUDIENCES)[number]
export const AUDIENCE_LABELS: Record<Audience, string> = {
	cadre: '领导干部',
	principal: '主要负责人',
	safety_manager: '安全生产管理人员',
	employee: '从业人员',
	all: '全体',
}
export const COURSE_KINDS = ['law', 'case', 'skill', 'film', 'mixed'] as const
export const COURSE_KIND_LABELS: Record<(typeof COURSE_KINDS)[number], string> = {
	law: '法律法规',
	case: '事故警示',
	skill: '安全技能',
	film: '警示教育片',
	mixed: '综合',
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成带引号的 "YYYY-MM-DD"')
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '只能用小写字母、数字和连字符')

export const SourceSchema = z.object({
	title: z.string().min(2),
	issuer: z.string().min(2).optional(),
	date: isoDate.optional(),
	url: z.string().url().optional(),
})

/** 安全生产法第二十八条, 刑法第一百三十四条之一, … */
const article = z.string().regex(/^[\u4e00-\u9fa5《》（）()]+第[一二三四五六七八九十百零]+条(之[一二三四五六七八九十])?(第[一二三四五六七八九十]+款)?$/, '条文写法应为“安全生产法第二十八条”')

export const CourseFrontmatterSchema = z.object({
	title: z.string().min(2).max(60),
	summary: z.string().min(10).max(200),
	audience: z.array(z.enum(AUDIENCES)).min(1),
	kind: z.enum(COURSE_KINDS),
	order: z.number().int().min(0),
	sources: z.array(SourceSchema).min(1),
})
export type CourseFrontmatter = z.infer<typeof CourseFrontmatterSchema>

export const LessonFrontmatterSchema = z
	.object({
		title: z.string().min(2).max(80),
		minutes: z.number().int().min(2).max(90),
		kind: z.enum(['text', 'video', 'case']),
		articles: z.array(article).default([]),
		sources: z.array(SourceSchema).min(1),
		case: slug.optional(),
		video: z.string().regex(/^\/media\/[\w.-]+\.(mp4|webm)$/, '视频应放在 public/media/ 下，写成 /media/文件名.mp4').optional(),
		videoSeconds: z.number().int().positive().optional(),
	})
	.superRefine((v, ctx) => {
		if (v.kind === 'case' && !v.case) ctx.addIssue({ code: 'custom', path: ['case'], message: 'kind 为 case 的课时必须写 case（案例文件名）' })
		if (v.kind === 'video' && (!v.video || !v.videoSeconds))
			ctx.addIssue({ code: 'custom', path: ['video'], message: 'kind 为 video 的课时必须写 video 和 videoSeconds' })
	})
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>

const industryCodes = INDUSTRIES.map((i) => i.code) as [string, ...string[]]

export const CaseFrontmatterSchema = z.object({
	title: z.string().min(4).max(80),
	shortName: z.string().min(2).max(40),
	occurredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, '写成 "YYYY-MM-DD HH:mm"（北京时间）或 "YYYY-MM-DD"'),
	place: z.string().min(2),
	enterprise: z.string().min(2),
	industry: z.enum(industryCodes),
	deaths: z.number().int().min(0),
	seriousInjuries: z.number().int().min(0).nullable(),
	directLossWan: z.number().min(0).nullable(),
	figuresAsOf: isoDate,
	figuresSource: z.string().min(2),
	figuresNote: z.string().optional(),
	level: z.enum(ACCIDENT_LEVELS),
	directCause: z.string().min(4),
	violations: z.array(z.object({ what: z.string().min(2), articles: z.array(article).min(1) })).min(1),
	handling: z.string().min(4),
	sources: z.array(SourceSchema).min(1),
})
export type CaseFrontmatter = z.infer<typeof CaseFrontmatterSchema>

/** Chinese "path: message" lines for a zod error, to print with the file name. */
export function describeIssues(error: z.ZodError) {
	return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(frontmatter)'}：${i.message}`)
}
