import { Form, Link } from '@remix-run/react'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { type AssignmentIssuer, kindLabel } from '#app/coverage/assignments.ts'
import { INDUSTRIES, JOB_CATEGORIES } from '#app/orgs/industries.ts'
import { industryName, jobCategoryName } from '#app/orgs/labels.ts'

type Errors = Record<string, string> | undefined

type Listed = {
	id: number
	issuer: AssignmentIssuer
	kind: string
	title: string
	reason: string
	industries: string[]
	highRiskOnly: boolean
	departments: string[]
	jobCategories: string[]
	dueOn: string
	withdrawnAt: string | null
	courseTitle: string | null
	courseSlug: string | null
	examTitle: string | null
	lessonTitle: string | null
	reached: number
	done: number
	mine: boolean
}

function audienceText(a: Listed) {
	const parts = [
		a.industries.length ? a.industries.map((i) => industryName(i)).join('、') : null,
		a.highRiskOnly ? '高危行业' : null,
		a.departments.length ? a.departments.join('、') : null,
		a.jobCategories.length ? a.jobCategories.map((j) => jobCategoryName(j)).join('、') : null,
	].filter(Boolean)
	return parts.length ? parts.join(' · ') : '全体人员'
}

/** Plans or requirements with how many people each reaches and how many are done. */
export function AssignmentList({ items, empty }: { items: Listed[]; empty: string }) {
	if (items.length === 0) return <p className="muted">{empty}</p>
	return (
		<ul className="plain assignments">
			{items.map((a) => {
				const percent = a.reached ? Math.round((a.done / a.reached) * 100) : 0
				return (
					<li key={a.id} className="card" aria-label={a.title}>
						<p>
							<span className="badge">{kindLabel(a.kind)}</span> <strong>{a.title}</strong>
							{a.withdrawnAt ? <span className="badge warn">已撤回</span> : null}
						</p>
						<p className="small">
							{a.courseTitle ? `学习课程：${a.courseTitle}` : a.lessonTitle ? `学习案例：${a.lessonTitle}` : `参加考试：${a.examTitle}`} · 对象：{audienceText(a)} · 期限：{a.dueOn}
						</p>
						<p className="small muted">原因：{a.reason}</p>
						{a.withdrawnAt ? null : (
							<p className="small">
								<progress value={a.done} max={Math.max(1, a.reached)} aria-label={`${a.title} 完成进度`} /> 已完成 <strong>{a.done}</strong> / {a.reached} 人（{percent}%）
							</p>
						)}
						{a.mine && !a.withdrawnAt ? (
							<Form method="post">
								<input type="hidden" name="id" value={a.id} />
								<button type="submit" name="intent" value="withdraw" className="secondary small">
									撤回
								</button>
							</Form>
						) : null}
					</li>
				)
			})}
		</ul>
	)
}

/** The form that assigns a course or an exam (works without JavaScript). */
export function AssignmentForm({
	issuer,
	targets,
	errors,
	busy,
	today,
}: {
	issuer: AssignmentIssuer
	targets: { courses: { id: number; title: string }[]; exams: { id: number; title: string }[] }
	errors: Errors
	busy: boolean
	today: string
}) {
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<Form method="post" className="stack">
			<input type="hidden" name="intent" value="create" />
			<FieldError errors={errors} name="form" />
			<div className="field">
				<label htmlFor="title">任务名称</label>
				<input id="title" name="title" required maxLength={60} {...invalid('title')} />
				<FieldError errors={errors} name="title" />
			</div>
			<div className="field">
				<label htmlFor="target">学习内容</label>
				<select id="target" name="target" required defaultValue="" {...invalid('target')}>
					<option value="" disabled>
						请选择课程或考试
					</option>
					<optgroup label="课程">
						{targets.courses.map((c) => (
							<option key={c.id} value={`course:${c.id}`}>
								{c.title}
							</option>
						))}
					</optgroup>
					<optgroup label="考试（已发布）">
						{targets.exams.map((e) => (
							<option key={e.id} value={`exam:${e.id}`}>
								{e.title}
							</option>
						))}
					</optgroup>
				</select>
				<FieldError errors={errors} name="target" />
			</div>
			<div className="field">
				<label htmlFor="dueOn">完成期限</label>
				<input id="dueOn" name="dueOn" type="date" required min={today} {...invalid('dueOn')} />
				<FieldError errors={errors} name="dueOn" />
			</div>
			{issuer === 'regulator' ? (
				<fieldset className="field">
					<legend>行业（不选为辖区内全部企业）</legend>
					{INDUSTRIES.map((i) => (
						<label key={i.code}>
							<input type="checkbox" name="industries" value={i.code} /> {i.label}
						</label>
					))}
					<label>
						<input type="checkbox" name="highRiskOnly" /> 只限高危行业企业
					</label>
					<FieldError errors={errors} name="industries" />
				</fieldset>
			) : (
				<div className="field">
					<label htmlFor="departments">部门（可选，多个用顿号或逗号分隔；不填为全体人员）</label>
					<input id="departments" name="departments" {...invalid('departments')} />
					<FieldError errors={errors} name="departments" />
				</div>
			)}
			<fieldset className="field">
				<legend>岗位类别（不选为全部）</legend>
				{JOB_CATEGORIES.map((j) => (
					<label key={j.code}>
						<input type="checkbox" name="jobCategories" value={j.code} /> {j.label}
					</label>
				))}
				<FieldError errors={errors} name="jobCategories" />
			</fieldset>
			<div className="field">
				<label htmlFor="reason">布置原因或依据（学员可见）</label>
				<textarea id="reason" name="reason" required maxLength={300} rows={3} {...invalid('reason')} />
				<FieldError errors={errors} name="reason" />
			</div>
			<button type="submit" className="primary" disabled={busy}>
				{busy ? '正在布置…' : '布置'}
			</button>
		</Form>
	)
}

/** A learner's assigned items, each with where it came from, why, and whether it is done. */
export function MyAssignments({
	items,
}: {
	items: {
		id: number
		issuer: AssignmentIssuer
		kind: string
		title: string
		reason: string
		dueOn: string
		courseSlug: string | null
		courseTitle: string | null
		examId: number | null
		examTitle: string | null
		lessonSlug: string | null
		lessonTitle: string | null
		enterpriseName: string
		done: boolean
	}[]
}) {
	if (items.length === 0) return null
	return (
		<section className="card" aria-labelledby="assigned-title">
			<h2 id="assigned-title">单位和监管部门布置的学习任务</h2>
			<ul className="plain">
				{items.map((a) => (
					<li key={a.id}>
						<strong>{a.title}</strong> {a.done ? <span className="badge ok">已完成</span> : <span className="badge warn">未完成</span>}
						<div>
							{a.lessonSlug ? (
								<Link reloadDocument to={`/learn/${a.courseSlug}/${a.lessonSlug}`}>
									学习案例：{a.lessonTitle}
								</Link>
							) : a.courseSlug ? (
								// A document load: lesson pages carry their own CSP (docs/decisions/0005).
								<Link reloadDocument to={`/learn/${a.courseSlug}`}>
									学习课程：{a.courseTitle}
								</Link>
							) : <Link to={`/exams/${a.examId}`}>参加考试：{a.examTitle}</Link>}
						</div>
						<div className="small muted">
							{kindLabel(a.kind)}（{a.enterpriseName}）· 期限：{a.dueOn} · 原因：{a.reason}
						</div>
					</li>
				))}
			</ul>
		</section>
	)
}
