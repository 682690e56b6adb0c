import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { COURSE_KIND_LABELS } from '#app/courses/frontmatter.ts'
import { hoursByKind, listCatalogue, viewerOf } from '#app/learning/catalogue.server.ts'
import { creditHours } from '#app/learning/ledger.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireUser(request)
	const rules = ledgerRules()
	const viewer = await viewerOf(principal)
	const personId = viewer.personId
	const year = Number(todayInShanghai().slice(0, 4))
	const [catalogue, hours] = await Promise.all([listCatalogue(viewer), personId ? hoursByKind(personId, year) : Promise.resolve([])])
	return {
		year,
		minutesPerCreditHour: rules.minutesPerCreditHour,
		learner: personId !== null,
		hours: hours.map((h) => ({ kind: COURSE_KIND_LABELS[h.kind as keyof typeof COURSE_KIND_LABELS] ?? h.kind, hours: creditHours(h.seconds, rules) })),
		total: creditHours(hours.reduce((n, h) => n + h.seconds, 0), rules),
		courses: catalogue.map((c) => ({
			slug: c.slug,
			title: c.title,
			summary: c.summary,
			kind: COURSE_KIND_LABELS[c.kind as keyof typeof COURSE_KIND_LABELS] ?? c.kind,
			lessons: c.lessonCount,
			completed: c.completed,
			creditHours: creditHours(c.minutes * 60, rules),
			earned: creditHours(c.seconds, rules),
		})),
	}
}

export default function Catalogue() {
	const { year, learner, hours, total, courses, minutesPerCreditHour } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>课程学习</h1>
			{learner ? (
				<section className="card">
					<h2>{year} 年我的学时</h2>
					<p>
						合计 <strong>{total}</strong> 学时（1 学时 = {minutesPerCreditHour} 分钟，按实际有效学习时间计）
					</p>
					{hours.length > 0 ? (
						<ul className="plain">
							{hours.map((h) => (
								<li key={h.kind}>
									{h.kind}：{h.hours} 学时
								</li>
							))}
						</ul>
					) : (
						<p className="muted">今年还没有学习记录。</p>
					)}
				</section>
			) : (
				<p className="muted">您以工作人员身份浏览课程：学习时间和答题不计入任何档案。</p>
			)}
			<div className="course-list">
				{courses.map((c) => (
					<article key={c.slug} className="card">
						<h2>
							<Link to={`/learn/${c.slug}`}>{c.title}</Link>
						</h2>
						<p className="muted small">
							{c.kind} · {c.lessons} 个课时 · {c.creditHours} 学时
						</p>
						<p>{c.summary}</p>
						{learner ? (
							<p className="small">
								已完成 {c.completed}/{c.lessons} 个课时，已获 {c.earned} 学时
							</p>
						) : null}
					</article>
				))}
			</div>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '课程学习 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
