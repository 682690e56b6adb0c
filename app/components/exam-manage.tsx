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

type FixedPaperItem = { position: number; questionId: number; key: string; bankTitle: string; type: string; difficulty: string; topic: string; stem: string; points: number; usable: boolean }

/** One exam: its rules or fixed questions, and publishing (refused with each shortfall) or closing. */
export function ExamDetail({
	exam,
	fixedPaper,
	problems,
	busy,
}: {
	exam: { title: string; status: string; paperKind: string; parts: string[]; facts: [string, string][] }
	fixedPaper: { items: FixedPaperItem[]; total: number } | null
	problems: string[] | undefined
	busy: boolean
}) {
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
					{exam.paperKind === 'draw' ? (
						<>
							<dt>抽题规则</dt>
							<dd>
								<ul className="plain">
									{exam.parts.map((p) => (
										<li key={p}>{p}</li>
									))}
								</ul>
							</dd>
						</>
					) : null}
				</dl>
				{fixedPaper ? <FixedPaperTable paper={fixedPaper} /> : null}
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

/** A fixed paper's questions as the manager checks them before publishing. */
function FixedPaperTable({ paper }: { paper: { items: FixedPaperItem[]; total: number } }) {
	const unusable = paper.items.filter((q) => !q.usable).length
	return (
		<>
			<h2>
				固定试题：共 {paper.items.length} 题，总分 {paper.total} 分
			</h2>
			{unusable > 0 ? <p className="form-error">有 {unusable} 道题已停用或不在本考试的题库中，发布前请重新组卷。</p> : null}
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>序号</th>
							<th>题号</th>
							<th>题型</th>
							<th>分值</th>
							<th>难度</th>
							<th>知识点</th>
							<th>题干</th>
							<th>题库</th>
						</tr>
					</thead>
					<tbody>
						{paper.items.map((q) => (
							<tr key={q.position}>
								<td>{q.position}</td>
								<td>
									{q.key}
									{q.usable ? null : <span className="badge risk">不可用</span>}
								</td>
								<td>{q.type}</td>
								<td>{q.points}</td>
								<td>{q.difficulty}</td>
								<td className="wrap">{q.topic}</td>
								<td className="wrap">{q.stem}</td>
								<td className="wrap">{q.bankTitle}</td>
							</tr>
						))}
					</tbody>
					<tfoot>
						<tr>
							<th colSpan={3}>合计</th>
							<th>{paper.total}</th>
							<th colSpan={4}>{paper.items.length} 题</th>
						</tr>
					</tfoot>
				</table>
			</div>
		</>
	)
}
