import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { z } from 'zod'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuestionFieldset } from '#app/components/question-fieldset.tsx'
import { attemptInProgress, EXAM_IN_PROGRESS_MESSAGE } from '#app/exams/attempts.server.ts'
import { answerPractice, nextPracticeQuestion, type PracticeMode } from '#app/exams/practice.server.ts'
import { OPTION_LETTERS } from '#app/exams/question.ts'

const MODE_LABELS: Record<PracticeMode, string> = { sequential: '顺序练习', random: '随机练习', wrong: '错题本练习' }

function modeOf(value: string | undefined): PracticeMode {
	if (value === 'sequential' || value === 'random' || value === 'wrong') return value
	notFound('没有这种练习')
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const mode = modeOf(params.mode)
	const url = new URL(request.url)
	const skip = Math.max(0, Number(url.searchParams.get('skip')) || 0)
	let question = await nextPracticeQuestion(principal.personId, mode, url.searchParams.get('bank'), skip)
	// The end of the wrong-answer book starts it again from the top.
	if (!question && mode === 'wrong' && skip > 0) question = await nextPracticeQuestion(principal.personId, mode, null, 0)
	if (!question && mode !== 'wrong') notFound('题库不存在')
	return { mode, label: MODE_LABELS[mode], question }
}

const AnswerSchema = z.object({ questionId: z.coerce.number().int().positive() })

export async function action({ request, params }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const mode = modeOf(params.mode)
	const form = await request.formData()
	const parsed = AnswerSchema.safeParse(Object.fromEntries(form))
	if (!parsed.success) return data({ error: '请求有误', feedback: null }, { status: 400 })
	const chosen = form.getAll('c').map(Number).filter(Number.isInteger)
	if (chosen.length === 0) return data({ error: '请先选择答案', feedback: null }, { status: 400 })
	if (await attemptInProgress({ personId: principal.personId })) return data({ error: EXAM_IN_PROGRESS_MESSAGE, feedback: null }, { status: 409 })
	const feedback = await answerPractice(principal.personId, { questionId: parsed.data.questionId, chosen, mode })
	if (!feedback) notFound('题目不存在')
	return { error: null, feedback }
}

export default function PracticeQuestion() {
	const { mode, label, question } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const location = useLocation()
	const feedback = result?.feedback
	const search = new URLSearchParams(location.search)
	if (mode === 'wrong') search.set('skip', String(question?.number ?? 0))
	const nextHref = `${location.pathname}?${search.toString()}`
	return (
		<>
			<p className="breadcrumb">
				<Link to="/practice">练习</Link> › {label}
				{question ? ` · ${question.bankTitle}` : ''}
			</p>
			<h1>{label}</h1>
			{!question ? (
				<p className="muted">错题本是空的。</p>
			) : feedback ? (
				<section className={`question card ${feedback.correct ? 'right' : 'wrong'}`} aria-live="polite">
					<p>
						<strong>{feedback.correct ? '回答正确' : '回答错误'}</strong>
					</p>
					<p>{feedback.stem}</p>
					<ul className="plain review-options">
						{feedback.options.map((o, i) => (
							<li key={i} className={feedback.answer.includes(i) ? 'correct' : feedback.chosen.includes(i) ? 'chosen-wrong' : undefined}>
								{feedback.type === 'judge' ? '' : `${OPTION_LETTERS[i]}. `}
								{o}
								{feedback.answer.includes(i) ? <span className="badge ok">正确答案</span> : null}
							</li>
						))}
					</ul>
					<p className="small">
						<strong>解析：</strong>
						{feedback.explanation || '（本题暂无解析）'}
					</p>
					<p className="small muted">出处：{feedback.source}</p>
					<Link className="button primary" to={nextHref}>
						下一题
					</Link>
				</section>
			) : (
				<Form method="post" key={question.id}>
					<input type="hidden" name="questionId" value={question.id} />
					<QuestionFieldset number={question.number} type={question.type} stem={question.stem} options={question.options} name="c" />
					{result?.error ? (
						<p className="form-error" role="alert">
							{result.error}
						</p>
					) : null}
					<button type="submit" className="primary">
						提交答案
					</button>
				</Form>
			)}
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? '练习'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
