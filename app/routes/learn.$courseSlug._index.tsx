import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireUser } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { audiencesOf, getCourse, viewerOf } from '#app/learning/catalogue.server.ts'
import { creditHours } from '#app/learning/ledger.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { MdxContent } from '#app/mdx/mdx-content.tsx'
import { getBundle } from '#app/utils/mdx.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireUser(request)
	const rules = ledgerRules()
	const viewer = await viewerOf(principal)
	const personId = viewer.personId
	const found = await getCourse(params.courseSlug ?? '', viewer)
	if (!found) notFound('课程不存在')
	const audiences = await audiencesOf(personId)
	if (audiences && !found.course.audience.some((a) => audiences.includes(a as never))) notFound('该课程不面向您所在的岗位')
	const intro = await getBundle(found.course.hash)
	return {
		course: { slug: found.course.slug, title: found.course.title, creditHours: creditHours(found.course.minutes * 60, rules) },
		intro: intro.code,
		learner: personId !== null,
		lessons: found.lessons.map((l) => ({
			slug: l.slug,
			title: l.title,
			kind: l.kind,
			minutes: l.minutes,
			done: Boolean(l.completedAt),
			minutesDone: Math.floor(l.seconds / 60),
		})),
	}
}

const KIND: Record<string, string> = { text: '图文', video: '视频', case: '案例' }

export default function CoursePage() {
	const { course, intro, learner, lessons } = useLoaderData<typeof loader>()
	const next = lessons.find((l) => !l.done) ?? lessons[0]
	return (
		<>
			<p className="breadcrumb">
				<Link to="/learn">课程学习</Link>
			</p>
			<h1>{course.title}</h1>
			<p className="muted">
				{lessons.length} 个课时 · {course.creditHours} 学时
			</p>
			{next ? (
				<div className="actions">
					<Link className="button primary" to={`/learn/${course.slug}/${next.slug}`}>
						{learner && lessons.some((l) => l.minutesDone > 0) ? '继续学习' : '开始学习'}：{next.title}
					</Link>
				</div>
			) : null}
			<section className="card">
				<MdxContent code={intro} />
			</section>
			<h2>课时</h2>
			<ol className="plain lesson-list">
				{lessons.map((l) => (
					<li key={l.slug}>
						<Link to={`/learn/${course.slug}/${l.slug}`}>{l.title}</Link>{' '}
						<span className="muted small">
							{KIND[l.kind] ?? l.kind} · {l.minutes} 分钟
						</span>{' '}
						{learner ? (
							l.done ? (
								<span className="badge ok">已完成</span>
							) : l.minutesDone > 0 ? (
								<span className="badge warn">已学 {l.minutesDone} 分钟</span>
							) : null
						) : null}
					</li>
				))}
			</ol>
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? '课程'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
