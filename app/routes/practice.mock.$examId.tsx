import { randomBytes } from 'node:crypto'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuestionFieldset } from '#app/components/question-fieldset.tsx'
import { examFor } from '#app/exams/learner.server.ts'
import { attemptInProgress, EXAM_IN_PROGRESS_MESSAGE } from '#app/exams/attempts.server.ts'
import { gradeMock, mockPaper } from '#app/exams/practice.server.ts'
import { OPTION_LETTERS } from '#app/exams/question.ts'

const SEED = /^[a-f0-9]{16}$/

async function examOf(request: Request, examIdParam: string | undefined) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const exam = await examFor(principal.personId, parseId(examIdParam))
	if (!exam) notFound('考试不存在，或不在您的考试范围内')
	return { personId: principal.personId, exam }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { exam } = await examOf(request, params.examId)
	const url = new URL(request.url)
	const seed = url.searchParams.get('seed') ?? ''
	if (!SEED.test(seed)) throw redirect(`${url.pathname}?seed=${randomBytes(8).toString('hex')}`)
	const items = await mockPaper(exam, seed)
	if (!items) notFound('题库题目不足，暂时无法模拟')
	return {
		exam: { id: exam.id, title: exam.title, timeLimitMinutes: exam.timeLimitMinutes },
		seed,
		// Only what the paper shows: no answers, no explanations.
		items: items.map((i) => ({ position: i.position, type: i.content.type, stem: i.content.stem, options: i.optionOrder.map((a) => i.content.options[a]!), points: i.points })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { personId, exam } = await examOf(request, params.examId)
	if (await attemptInProgress({ personId })) throw data({ message: EXAM_IN_PROGRESS_MESSAGE }, { status: 409 })
	const form = await request.formData()
	const seed = String(form.get('seed') ?? '')
	if (!SEED.test(seed)) notFound()
	const chosen = new Map<number, number[]>()
	for (const [key, value] of form) {
		const m = /^q(\d+)$/.exec(key)
		if (m) chosen.set(Number(m[1]), [...(chosen.get(Number(m[1])) ?? []), Number(value)])
	}
	const result = await gradeMock(personId, exam, seed, chosen)
	if (!result) notFound('题库题目不足，暂时无法模拟')
	return result
}

export default function MockExam() {
	const { exam, seed, items } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	return (
		<>
			<p className="breadcrumb">
				<Link to="/practice">练习</Link> › 模拟考试
			</p>
			<h1>{exam.title}（模拟）</h1>
			{result ? (
				<>
					<section className="card">
						<p className="score">
							<strong data-testid="score">{result.score}</strong> / {result.max} 分
							<span className={`badge ${result.passed ? 'ok' : 'risk'}`}>{result.passed ? '达到合格线' : '未达合格线'}</span>
						</p>
						<p className="small muted">模拟考试不计成绩；答错的题已加入错题本。</p>
						<Link className="button primary" to={`/practice/mock/${exam.id}`} reloadDocument>
							再模拟一次
						</Link>
					</section>
					{result.review.map((r, n) => (
						<section key={r.position} className={`question card ${r.correct ? 'right' : 'wrong'}`}>
							<p>
								<span className="muted small">
									第 {n + 1} 题 · 得 {r.earned} / {r.points} 分
								</span>
								<br />
								{r.stem}
							</p>
							<ul className="plain review-options">
								{r.options.map((o, i) => (
									<li key={i} className={o.correct ? 'correct' : o.chosen ? 'chosen-wrong' : undefined}>
										{r.type === 'judge' ? '' : `${OPTION_LETTERS[i]}. `}
										{o.text}
										{o.correct ? <span className="badge ok">正确答案</span> : null}
									</li>
								))}
							</ul>
							<p className="small">
								<strong>解析：</strong>
								{r.explanation || '（本题暂无解析）'}
							</p>
						</section>
					))}
				</>
			) : (
				<Form method="post">
					<input type="hidden" name="seed" value={seed} />
					<p className="muted small">参考时长 {exam.timeLimitMinutes} 分钟，不计时、不计成绩。</p>
					{items.map((item, n) => (
						<QuestionFieldset key={item.position} number={n + 1} type={item.type} stem={item.stem} options={item.options} name={`q${item.position}`} points={item.points} />
					))}
					<button type="submit" className="primary">
						交卷看结果
					</button>
				</Form>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '模拟考试 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
