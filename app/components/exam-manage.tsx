import { Form, Link } from '@remix-run/react'
import { ExamForm, type ExamFormPicker } from './exam-form.tsx'

export const EXAM_STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', closed: '已结束' }

type ExamRow = { id: number; title: string; status: string; timeLimitMinutes: number; finished: number; passed: number; average: number | null }

/** The list of exams a manager sets, and the form for a new one. */
export function ExamList({
	exams,
	base,
	banks,
	errors,
	withIndustries,
	busy,
	fields,
	picker,
}: {
	exams: ExamRow[]
	base: string
	banks: { slug: string; title: string; questions: number }[]
	errors: Record<string, string> | undefined
	withIndustries: boolean
	busy: boolean
	fields: [string, string][] | null
	picker: ExamFormPicker
}) {
	return (
		<>
			{exams.length === 0 ? (
				<p className="muted">还没有考试。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>考试</th>
								<th>状态</th>
								<th>时长</th>
								<th>已交卷</th>
								<th>合格</th>
								<th>平均分</th>
							</tr>
						</thead>
						<tbody>
							{exams.map((e) => (
								<tr key={e.id}>
									<td className="wrap">
										<Link to={`${base}/${e.id}`}>{e.title}</Link>
									</td>
									<td>{EXAM_STATUS_LABELS[e.status] ?? e.status}</td>
									<td>{e.timeLimitMinutes} 分钟</td>
									<td>{e.finished}</td>
									<td>{e.passed}</td>
									<td>{e.average ?? '—'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<h2>新建考试</h2>
			<section className="card">
				<ExamForm banks={banks} errors={errors} withIndustries={withIndustries} busy={busy} fields={fields} picker={picker} />
			</section>
		</>
	)
}

/** One exam: its rules, and publishing (refused with each rule's shortfall) or closing. */
export function ExamDetail({ exam, problems, busy }: { exam: { title: string; status: string; parts: string[]; facts: [string, string][] }; problems: string[] | undefined; busy: boolean }) {
	return (
		<>
			<h1>
				{exam.title} <span className="badge">{EXAM_STATUS_LABELS[exam.status] ?? exam.status}</span>
			</h1>
			<section className="card">
				<dl className="facts">
					{exam.facts.map(([k, v]) => (
						<div key={k} style={{ display: 'contents' }}>
							<dt>{k}</dt>
							<dd>{v}</dd>
						</div>
					))}
					<dt>抽题规则</dt>
					<dd>
						<ul className="plain">
							{exam.parts.map((p) => (
								<li key={p}>{p}</li>
							))}
						</ul>
					</dd>
				</dl>
				{problems?.length ? (
					<div className="form-error" role="alert">
						<p>无法发布：题库题目不足。</p>
						<ul>
							{problems.map((p) => (
								<li key={p}>{p}</li>
							))}
						</ul>
					</div>
				) : null}
				{exam.status === 'draft' ? (
					<Form method="post">
						<button type="submit" name="intent" value="publish" className="primary" disabled={busy}>
							发布考试
						</button>
					</Form>
				) : null}
				{exam.status === 'published' ? (
					<Form method="post">
						<button type="submit" name="intent" value="close" className="secondary" disabled={busy}>
							结束考试（不再接受新的作答）
						</button>
					</Form>
				) : null}
			</section>
		</>
	)
}
