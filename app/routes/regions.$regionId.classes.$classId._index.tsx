import { type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { DELIVERIES, DELIVERY_LABELS, hoursOf, parseSessionForm, SESSION_KINDS, sessionKindLabel, SESSION_KIND_LABELS } from '#app/classes/classes.ts'
import { addSession, classOverview, importCadres, linkableLessons, withdrawSession } from '#app/classes/classes.server.ts'
import { AnnulAttemptForm } from '#app/components/annul-attempt-form.tsx'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { annulAttempt, finishedAttemptsOf } from '#app/exams/annulment.server.ts'
import { ANNUL_INTENT, AnnulSchema } from '#app/exams/annulment.ts'
import { listBanks } from '#app/exams/import.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const MAX_UPLOAD_BYTES = 6 * 1024 * 1024

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const overview = await classOverview({ regionPath: region.path }, parseId(params.classId))
	if (!overview) notFound()
	const [lessons, banks, results] = await Promise.all([linkableLessons(), listBanks(), finishedAttemptsOf({ regionPath: region.path, classId: overview.klass.id })])
	const perHour = ledgerRules().minutesPerCreditHour
	return {
		region: { id: region.id, name: region.name },
		klass: { ...overview.klass, requiredHours: overview.klass.requiredMinutes === null ? null : hoursOf(overview.klass.requiredMinutes, perHour) },
		sessions: overview.sessions.map((x) => ({ ...x, hours: hoursOf(x.minutes, perHour), startsAt: formatDateTime(x.startsAt), endsAt: formatDateTime(x.endsAt).slice(-5) })),
		members: overview.members,
		lessons,
		banks: banks.filter((b) => b.active && b.questions > 0).map((b) => ({ slug: b.slug, title: b.title, questions: b.questions })),
		results: results.map((r) => ({
			id: r.id,
			person: r.person,
			number: r.number,
			score: `${r.score} / ${r.maxScore}`,
			passed: Boolean(r.passed),
			finishedAt: formatDateTime(r.finishedAt!),
			annulled: r.annulledAt ? `${formatDateTime(r.annulledAt)} 由 ${r.annulledBy ?? '主办方'} 作废：${r.annulReason}` : null,
		})),
	}
}

type ActionResult =
	| { intent: 'session'; errors: Record<string, string> }
	| { intent: 'withdraw'; message: string }
	| { intent: 'import'; ok: false; message: string; problems: { where: string; message: string }[] }
	| { intent: 'import'; ok: true; added: number; alreadyOn: number; accounts: { name: string; phone: string; password: string }[]; skipped: { where: string; message: string }[] }
	| { intent: typeof ANNUL_INTENT; result: SubmissionResult<string[]> }

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const classId = parseId(params.classId)
	const scope = { regionPath: region.path }
	const actor = { userId: principal.userId }
	if (Number(request.headers.get('content-length') ?? '0') > MAX_UPLOAD_BYTES) return data<ActionResult>({ intent: 'import', ok: false, message: '文件超过 5MB，请拆分后分别导入', problems: [] }, { status: 413 })
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	if (intent === 'session') {
		const overview = await classOverview(scope, classId)
		if (!overview) notFound()
		const parsed = parseSessionForm(form, overview.klass, ledgerRules().minutesPerCreditHour)
		if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 400 })
		const added = await addSession(actor, scope, classId, parsed.values)
		if (!added.ok) return data<ActionResult>({ intent, errors: added.errors }, { status: 400 })
		return data<ActionResult>({ intent, errors: {} })
	}
	if (intent === 'withdraw') {
		const sessionId = Number(form.get('sessionId'))
		const done = Number.isSafeInteger(sessionId) && sessionId > 0 && (await withdrawSession(actor, scope, classId, sessionId))
		return data<ActionResult>({ intent, message: done ? '已取消该环节（考勤记录保留）' : '该环节不存在或已取消' }, { status: done ? 200 : 400 })
	}
	if (intent === 'import') {
		const file = form.get('file')
		if (!(file instanceof File) || file.size === 0) return data<ActionResult>({ intent, ok: false, message: '请选择学员名单文件（.xlsx）', problems: [] }, { status: 400 })
		const result = await importCadres(actor, scope, classId, { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name }, { skipInvalid: form.get('skipInvalid') === 'on' })
		return data<ActionResult>({ intent, ...result }, { status: result.ok ? 200 : 400 })
	}
	if (intent === ANNUL_INTENT) {
		if (!(await classOverview(scope, classId))) notFound()
		const submission = parseWithZod(form, { schema: AnnulSchema })
		if (submission.status !== 'success') return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 })
		const result = await annulAttempt(actor, { ...scope, classId }, { attemptId: submission.value.attempt, reason: submission.value.reason })
		if (!result.ok) return data<ActionResult>({ intent, result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
		return redirectWithToast(`/regions/${region.id}/classes/${classId}`, { kind: 'success', message: result.certificate ? `成绩已作废，培训合格证明 ${result.certificate} 已撤销` : '成绩已作废，培训班报告已按未通过结业考核计' })
	}
	return data<ActionResult>({ intent: 'withdraw', message: '未知操作' }, { status: 400 })
}

export default function ClassPage() {
	const { region, klass, sessions, members, results } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link> › <Link to={`/regions/${region.id}/classes`}>专题培训班</Link>
			</p>
			<h1>{klass.title}</h1>
			<dl className="facts">
				<dt>主办单位</dt>
				<dd>{klass.organiser}</dd>
				<dt>时间</dt>
				<dd>
					{klass.startsOn} 至 {klass.endsOn}
				</dd>
				<dt>地点</dt>
				<dd>{klass.venue}</dd>
				<dt>结业所需学时</dt>
				<dd>{klass.requiredHours === null ? '全部环节学时' : `${klass.requiredHours} 学时`}</dd>
			</dl>
			<p>
				<Link className="button primary" to="report">
					培训班报告
				</Link>{' '}
				<a className="button secondary" href={`/regions/${region.id}/classes/${klass.id}/report.xlsx`} download>
					导出报告（Excel）
				</a>
			</p>
			<Agenda sessions={sessions} message={result?.intent === 'withdraw' ? result.message : null} />
			<AddSession errors={result?.intent === 'session' ? result.errors : undefined} />
			<Roster members={members} />
			{results.length > 0 ? <AssessmentResults results={results} /> : null}
			{results.some((r) => r.passed && !r.annulled) ? (
				<AnnulAttemptForm
					lastResult={result?.intent === ANNUL_INTENT ? result.result : undefined}
					papers={results.filter((r) => r.passed && !r.annulled).map((r) => ({ id: r.id, label: `${r.person} · 第 ${r.number} 次 · ${r.score} 分（合格）· ${r.finishedAt}` }))}
					about="查实结业考核的合格成绩不真实（如他人代考、考试作弊）时，在此作废。原成绩不作修改，作废连同理由和操作人存入学员的培训档案和审计日志；作废后该学员按未通过结业考核计，培训班报告随即更新，由该成绩取得的培训合格证明随即撤销；作废的一次不占考试次数，结业考核仍在开放时段内的，学员可重新参加。"
				/>
			) : null}
			<ImportCadres result={result?.intent === 'import' ? result : null} />
		</>
	)
}

function Agenda({ sessions, message }: { sessions: ReturnType<typeof useLoaderData<typeof loader>>['sessions']; message: string | null }) {
	return (
		<section className="card">
			<h2>日程</h2>
			{message ? <p role="status">{message}</p> : null}
			{sessions.length === 0 ? (
				<p className="muted">还没有日程。在下面添加讲座、案例教学、警示教育片、交流研讨和结业考核。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>时间</th>
								<th>环节</th>
								<th>内容</th>
								<th>学时</th>
								<th>方式</th>
								<th>操作</th>
							</tr>
						</thead>
						<tbody>
							{sessions.map((x) => (
								<tr key={x.id} className={x.withdrawnAt ? 'muted' : undefined}>
									<td>
										{x.startsAt}–{x.endsAt}
									</td>
									<td>{sessionKindLabel(x.kind)}</td>
									<td>
										<Link to={`sessions/${x.id}`}>{x.title}</Link>
										{x.speaker ? <span className="small muted"> · 主讲：{x.speaker}</span> : null}
										{x.lessonTitle ? <span className="small muted"> · 课程：{x.lessonTitle}</span> : null}
										{x.examTitle ? <span className="small muted"> · 考试：{x.examTitle}</span> : null}
										{x.withdrawnAt ? <span className="small"> （已取消）</span> : null}
									</td>
									<td>{x.hours}</td>
									<td>{x.kind === 'assessment' ? '在线考试' : x.delivery === 'online' ? '线上' : '现场签到'}</td>
									<td>
										{x.withdrawnAt ? null : (
											<Form
												method="post"
												onSubmit={(e) => {
													if (!window.confirm(`取消“${x.title}”？取消后不能恢复${x.kind === 'assessment' ? '，结业考核的考试也将关闭' : ''}；已有的考勤记录保留。`)) e.preventDefault()
												}}
											>
												<input type="hidden" name="intent" value="withdraw" />
												<input type="hidden" name="sessionId" value={x.id} />
												<button type="submit" className="secondary small">
													取消环节
												</button>
											</Form>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}

function AddSession({ errors }: { errors: Record<string, string> | undefined }) {
	const { klass, lessons, banks } = useLoaderData<typeof loader>()
	const [kind, setKind] = useState<string>('lecture')
	const busy = useNavigation().formData?.get('intent') === 'session'
	const err = (name: string) => <FieldError errors={errors} name={name} />
	const invalid = (name: string) => invalidProps(errors, name)
	const saved = errors && Object.keys(errors).length === 0
	return (
		<section className="card">
			<h2>添加日程</h2>
			{saved ? <p role="status">已添加到日程。</p> : null}
			<Form method="post" className="stack" key={saved ? 'saved' : 'form'}>
				<input type="hidden" name="intent" value="session" />
				{err('form')}
				<div className="field">
					<label htmlFor="kind">环节类型</label>
					<select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)} {...invalid('kind')}>
						{SESSION_KINDS.map((k) => (
							<option key={k} value={k}>
								{SESSION_KIND_LABELS[k]}
							</option>
						))}
					</select>
					{err('kind')}
				</div>
				<div className="field">
					<label htmlFor="session-title">环节名称</label>
					<input id="session-title" name="title" required maxLength={80} {...invalid('title')} />
					{err('title')}
				</div>
				<div className="field">
					<label htmlFor="speaker">主讲人（可选）</label>
					<input id="speaker" name="speaker" maxLength={60} {...invalid('speaker')} />
					{err('speaker')}
				</div>
				<div className="field">
					<label htmlFor="day">日期</label>
					<input id="day" name="day" type="date" required min={klass.startsOn} max={klass.endsOn} defaultValue={klass.startsOn} {...invalid('day')} />
					{err('day')}
				</div>
				<div className="field">
					<label htmlFor="from">开始时间</label>
					<input id="from" name="from" type="time" required defaultValue="09:00" {...invalid('from')} />
					{err('from')}
				</div>
				<div className="field">
					<label htmlFor="to">结束时间</label>
					<input id="to" name="to" type="time" required defaultValue="11:30" {...invalid('to')} />
					{err('to')}
				</div>
				<div className="field">
					<label htmlFor="hours">学时</label>
					<input id="hours" name="hours" inputMode="decimal" required defaultValue="2" {...invalid('hours')} />
					{err('hours')}
				</div>
				{kind === 'assessment' ? (
					<fieldset className="field">
						<legend>结业考核试卷（仅限本班学员，在本环节时段内开放）</legend>
						{banks.map((b) => (
							<label key={b.slug}>
								<input type="checkbox" name="banks" value={b.slug} /> {b.title}（{b.questions} 题）
							</label>
						))}
						{err('banks')}
						<label htmlFor="single">单选题数</label>
						<input id="single" name="single" type="number" min={0} max={100} defaultValue={20} {...invalid('single')} />
						{err('single')}
						<label htmlFor="judge">判断题数</label>
						<input id="judge" name="judge" type="number" min={0} max={100} defaultValue={10} {...invalid('judge')} />
						{err('judge')}
						<label htmlFor="multiple">多选题数</label>
						<input id="multiple" name="multiple" type="number" min={0} max={100} defaultValue={0} {...invalid('multiple')} />
						{err('multiple')}
						<label htmlFor="passMark">合格分数线（百分制）</label>
						<input id="passMark" name="passMark" type="number" min={1} max={100} defaultValue={80} {...invalid('passMark')} />
						{err('passMark')}
						<label htmlFor="timeLimitMinutes">考试时长（分钟）</label>
						<input id="timeLimitMinutes" name="timeLimitMinutes" type="number" min={5} max={180} defaultValue={60} {...invalid('timeLimitMinutes')} />
						{err('timeLimitMinutes')}
						<label htmlFor="attempts">每人考试次数</label>
						<input id="attempts" name="attempts" type="number" min={1} max={3} defaultValue={1} {...invalid('attempts')} />
						{err('attempts')}
					</fieldset>
				) : (
					<>
						<div className="field">
							<label htmlFor="delivery">方式</label>
							<select id="delivery" name="delivery" defaultValue="onsite" {...invalid('delivery')}>
								{DELIVERIES.map((d) => (
									<option key={d} value={d}>
										{DELIVERY_LABELS[d]}
									</option>
								))}
							</select>
							{err('delivery')}
						</div>
						<div className="field">
							<label htmlFor="lessonId">关联课程（线上环节必选；现场环节可选，供学员课后复习）</label>
							<select id="lessonId" name="lessonId" defaultValue="" {...invalid('lessonId')}>
								<option value="">（不关联）</option>
								{lessons.map((l) => (
									<option key={l.id} value={l.id}>
										{l.courseTitle} · {l.title}
									</option>
								))}
							</select>
							{err('lessonId')}
						</div>
					</>
				)}
				<button type="submit" className="primary" disabled={busy}>
					添加
				</button>
			</Form>
		</section>
	)
}

function Roster({ members }: { members: ReturnType<typeof useLoaderData<typeof loader>>['members'] }) {
	return (
		<section className="card">
			<h2>学员名单（{members.length} 人）</h2>
			{members.length === 0 ? (
				<p className="muted">还没有学员。用下面的表格导入。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>姓名</th>
								<th>单位</th>
								<th>职务</th>
								<th>手机号</th>
							</tr>
						</thead>
						<tbody>
							{members.map((p) => (
								<tr key={p.personId}>
									<td>{p.name}</td>
									<td>{p.unit}</td>
									<td>{p.post}</td>
									<td>{p.phone}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}

/** Every finished sitting of the final assessment, newest first, with any annulment beside it. */
function AssessmentResults({ results }: { results: ReturnType<typeof useLoaderData<typeof loader>>['results'] }) {
	return (
		<section className="card" aria-labelledby="assessment-results-title">
			<h2 id="assessment-results-title">结业考核成绩</h2>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>学员</th>
							<th>次数</th>
							<th>成绩</th>
							<th>结果</th>
							<th>交卷时间</th>
						</tr>
					</thead>
					<tbody>
						{results.map((r) => (
							<tr key={r.id}>
								<td>{r.person}</td>
								<td>第 {r.number} 次</td>
								<td>{r.score}</td>
								<td className="wrap">
									{r.passed ? '合格' : '不合格'}
									{r.annulled ? (
										<div className="small">
											<span className="badge risk">已作废</span> {r.annulled}
										</div>
									) : null}
								</td>
								<td>{r.finishedAt}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	)
}

function ImportCadres({ result }: { result: Extract<ActionResult, { intent: 'import' }> | null }) {
	const { region } = useLoaderData<typeof loader>()
	const busy = useNavigation().formData?.get('intent') === 'import'
	return (
		<section className="card">
			<h2>导入学员</h2>
			<p className="small muted">
				.xlsx 文件，表头为 姓名、单位、职务、手机号（<a href={`/regions/${region.id}/classes/template.xlsx`}>下载模板</a>）。已有账号的学员沿用原账号；没有账号的，按手机号新建学员账号，初始密码只在导入后显示一次。有问题的行会逐一列出，默认整份名单都不导入。
			</p>
			{result && !result.ok ? (
				<div role="alert" className="form-error">
					<p>{result.message}</p>
					{result.problems.length ? (
						<ul>
							{result.problems.map((p, i) => (
								<li key={i}>
									{p.where}：{p.message}
								</li>
							))}
						</ul>
					) : null}
				</div>
			) : null}
			{result?.ok ? (
				<div role="status">
					<p>
						已加入 {result.added} 人{result.alreadyOn ? `，${result.alreadyOn} 人原已在名单上` : ''}
						{result.skipped.length ? `，跳过 ${result.skipped.length} 处问题` : ''}。
					</p>
					{result.skipped.length ? (
						<ul className="small">
							{result.skipped.map((p, i) => (
								<li key={i}>
									{p.where}：{p.message}
								</li>
							))}
						</ul>
					) : null}
					{result.accounts.length ? (
						<>
							<h3>新建账号（请打印或逐一通知本人，离开本页后不再显示）</h3>
							<table>
								<thead>
									<tr>
										<th>姓名</th>
										<th>登录手机号</th>
										<th>初始密码</th>
									</tr>
								</thead>
								<tbody>
									{result.accounts.map((x) => (
										<tr key={x.phone}>
											<td>{x.name}</td>
											<td>{x.phone}</td>
											<td>
												<code>{x.password}</code>
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</>
					) : null}
				</div>
			) : null}
			<Form method="post" encType="multipart/form-data" className="stack">
				<input type="hidden" name="intent" value="import" />
				<div className="field">
					<label htmlFor="file">学员名单文件</label>
					<input id="file" name="file" type="file" accept=".xlsx" required />
				</div>
				<label>
					<input type="checkbox" name="skipInvalid" /> 跳过有问题的行，只导入无误的学员
				</label>
				<button type="submit" className="primary" disabled={busy}>
					导入
				</button>
			</Form>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '专题培训班 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
