import { getInputProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { canWriteEnterpriseRecords } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldFor, FormCard } from '#app/components/forms.tsx'
import { JOB_CATEGORIES, SPECIAL_WORK_TYPES } from '#app/orgs/industries.ts'
import { EVENT_LABELS, jobCategoryName, maskPhone } from '#app/orgs/labels.ts'
import { onLeave } from '#app/orgs/employment.ts'
import { getEmployment } from '#app/orgs/people.server.ts'
import { correctableLessons, correctCredits } from '#app/learning/corrections.server.ts'
import { annulAttempt, finishedAttemptsOf } from '#app/exams/annulment.server.ts'
import { ANNUL_INTENT, AnnulSchema } from '#app/exams/annulment.ts'
import { AnnulAttemptForm } from '#app/components/annul-attempt-form.tsx'
import { formatDateTime } from '#app/utils/time.ts'
import { ObligationList } from '#app/components/obligations.tsx'
import { obligationProgressOfPerson } from '#app/coverage/obligations.server.ts'
import { recordJobChange, recordLeave, recordPosting, recordReturn, recordSpecialReview } from '#app/orgs/employment.server.ts'
import { markLeaver } from '#app/orgs/roster.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const date = (label: string) =>
	z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const note = z.string().trim().max(200, '说明不能超过200个字').optional()

const JobChangeSchema = z.object({
	intent: z.literal('job_change'),
	effectiveOn: date('调岗日期'),
	postedOn: date('新岗位上岗日期').optional(),
	jobCategory: z.enum(['principal', 'safety_manager', 'special_operator', 'other'], { error: '请选择新的岗位类别' }),
	workType: z.string().trim().max(50).optional(),
	department: z.string().trim().max(50).optional(),
	note,
})

const PostingSchema = z.object({ intent: z.literal('posting'), postedOn: date('上岗日期'), note })

const LeaveSchema = z.object({ intent: z.literal('leave'), from: date('离岗日期'), to: date('返岗日期').optional(), note })

const ReturnSchema = z.object({ intent: z.literal('return'), on: date('返岗日期'), note })

const ReviewSchema = z.object({ intent: z.literal('special_review'), reviewOn: date('复审日期'), note })

const LeaverSchema = z.object({
	intent: z.literal('leaver'),
	leftOn: z.string({ error: '请填写离职日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
	reason: z.string({ error: '请填写离职原因' }).trim().min(1, '请填写离职原因').max(200, '离职原因不能超过200个字'),
})

const CorrectionSchema = z.object({
	intent: z.literal('correct_credits'),
	lesson: z.string({ error: '请选择要更正的课时' }).regex(/^\d{4}:\d+$/, '请选择要更正的课时'),
	minutes: z.number({ error: '请填写冲减的分钟数' }).int('冲减分钟数应为整数').min(1, '冲减分钟数至少为 1'),
	reason: z.string({ error: '请填写更正理由' }).trim().min(4, '请写明更正理由（至少 4 个字）').max(200, '更正理由不能超过200个字'),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	const employment = await getEmployment({ enterpriseId: enterprise.id }, parseId(params.employmentId))
	if (!employment) notFound()
	const manages = canWriteEnterpriseRecords(principal, enterprise)
	const year = Number(todayInShanghai().slice(0, 4))
	const scope = { enterpriseId: enterprise.id, personId: employment.personId }
	const [obligations, papers, correctable] = await Promise.all([
		obligationProgressOfPerson(employment.personId, year, { enterpriseId: enterprise.id }),
		finishedAttemptsOf(scope),
		manages ? Promise.all([year, year - 1].map(async (y) => (await correctableLessons(scope, y)).map((l) => ({ ...l, year: y })))).then((lists) => lists.flat()) : [],
	])
	return {
		year,
		obligations: obligations.obligations,
		unallocatedHours: obligations.unallocatedHours,
		papers: papers.map((p) => ({
			id: p.id,
			label: `${p.exam} · 第 ${p.number} 次 · ${p.score} / ${p.maxScore} 分（${p.passed ? '合格' : '不合格'}）`,
			finishedAt: formatDateTime(p.finishedAt!),
			passed: Boolean(p.passed),
			annulled: p.annulledAt ? `${formatDateTime(p.annulledAt)} 由 ${p.annulledBy ?? '管理员'} 作废：${p.annulReason}` : null,
		})),
		correctable: correctable.map((l) => ({ value: `${l.year}:${l.lessonId}`, label: `${l.year}年 · ${l.course} · ${l.lesson}（已计入 ${Math.floor(l.seconds / 60)} 分钟）` })),
		enterprise: { id: enterprise.id, name: enterprise.name },
		employment: { ...employment, phone: manages ? employment.phone : maskPhone(employment.phone), onLeave: onLeave(employment.events) },
		manages,
		today: todayInShanghai(),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const employmentId = parseId(params.employmentId)
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const scope = { enterpriseId: enterprise.id, actorUserId: principal.userId }
	const back = `/enterprises/${enterprise.id}/people/${employmentId}`
	if (intent === 'job_change') {
		const submission = parseWithZod(formData, { schema: JobChangeSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const v = submission.value
		const result = await recordJobChange(scope, {
			employmentId,
			effectiveOn: v.effectiveOn,
			postedOn: v.postedOn ?? null,
			jobCategory: v.jobCategory,
			workType: v.workType || null,
			department: v.department || null,
			note: v.note || null,
		})
		if (!result.ok) return data({ intent, result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: '已登记调岗' })
	}
	if (intent === 'posting') {
		const submission = parseWithZod(formData, { schema: PostingSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const result = await recordPosting(scope, { employmentId, postedOn: submission.value.postedOn, note: submission.value.note || null })
		if (!result.ok) return data({ intent, result: submission.reply({ fieldErrors: { postedOn: [result.message] } }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: '已登记上岗日期' })
	}
	if (intent === 'leave') {
		const submission = parseWithZod(formData, { schema: LeaveSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const v = submission.value
		const result = await recordLeave(scope, { employmentId, from: v.from, to: v.to || null, note: v.note || null })
		if (!result.ok) return data({ intent, result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: '已登记离岗' })
	}
	if (intent === 'return') {
		const submission = parseWithZod(formData, { schema: ReturnSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const v = submission.value
		const result = await recordReturn(scope, { employmentId, on: v.on, note: v.note || null })
		if (!result.ok) return data({ intent, result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: '已登记返岗' })
	}
	if (intent === 'correct_credits') {
		const submission = parseWithZod(formData, { schema: CorrectionSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const employment = await getEmployment({ enterpriseId: enterprise.id }, employmentId)
		if (!employment) notFound()
		const [year, lessonId] = submission.value.lesson.split(':').map(Number) as [number, number]
		const result = await correctCredits({ userId: principal.userId }, { enterpriseId: enterprise.id, personId: employment.personId }, { year, lessonId, minutes: submission.value.minutes, reason: submission.value.reason })
		if (!result.ok) return data({ intent, result: submission.reply({ fieldErrors: { [result.field === 'lessonId' ? 'lesson' : result.field]: [result.message] } }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: `已冲减 ${submission.value.minutes} 分钟学时，更正记录已存入档案` })
	}
	if (intent === ANNUL_INTENT) {
		const submission = parseWithZod(formData, { schema: AnnulSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const employment = await getEmployment({ enterpriseId: enterprise.id }, employmentId)
		if (!employment) notFound()
		const result = await annulAttempt({ userId: principal.userId }, { enterpriseId: enterprise.id, personId: employment.personId }, { attemptId: submission.value.attempt, reason: submission.value.reason })
		if (!result.ok) return data({ intent, result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: result.certificate ? `成绩已作废，培训合格证明 ${result.certificate} 已撤销` : '成绩已作废，记录已存入档案' })
	}
	if (intent === 'special_review') {
		const submission = parseWithZod(formData, { schema: ReviewSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		const result = await recordSpecialReview(scope, { employmentId, reviewOn: submission.value.reviewOn, note: submission.value.note || null })
		if (!result.ok) return data({ intent, result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: '已登记操作证复审日期' })
	}
	const submission = parseWithZod(formData, { schema: LeaverSchema })
	if (submission.status !== 'success') return data({ intent: 'leaver', result: submission.reply() }, { status: 400 })
	const result = await markLeaver({
		enterpriseId: enterprise.id,
		employmentId,
		leftOn: submission.value.leftOn,
		reason: submission.value.reason,
		actorUserId: principal.userId,
	})
	if (!result.ok) return data({ intent: 'leaver', result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
	return redirectWithToast(back, { kind: 'success', message: '已登记离职' })
}

export default function EmploymentPage() {
	const { enterprise, employment, manages, today, year, obligations, unallocatedHours, papers, correctable } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link> ›{' '}
				<Link to={`/enterprises/${enterprise.id}/people`}>人员花名册</Link>
			</p>
			<h1>{employment.name}</h1>
			<section className="card">
				<dl className="facts">
					<dt>手机号</dt>
					<dd>{employment.phone ?? '—'}</dd>
					<dt>身份证号</dt>
					<dd>{employment.idNumberMasked ?? '未登记'}</dd>
					<dt>岗位类别</dt>
					<dd>{jobCategoryName(employment.jobCategory)}</dd>
					<dt>工种</dt>
					<dd>{employment.workType ?? '—'}</dd>
					<dt>部门</dt>
					<dd>{employment.department ?? '—'}</dd>
					<dt>入职日期</dt>
					<dd>{employment.hiredOn}</dd>
					<dt>上岗日期</dt>
					<dd>{employment.postedOn ?? '未登记（岗前培训期限按入职日期计）'}</dd>
					<dt>状态</dt>
					<dd>{employment.leftOn ? `已于 ${employment.leftOn} 离职` : '在职'}</dd>
				</dl>
			</section>
			<p>
				<Link className="button secondary" to="archive">
					一人一档（可打印、导出）
				</Link>
			</p>
			<ObligationList year={year} obligations={obligations} unallocatedHours={unallocatedHours} />
			<section className="card">
				<h2>任职变动记录</h2>
				<ul className="plain">
					{employment.events.map((e) => (
						<li key={e.id}>
							<strong>{EVENT_LABELS[e.kind] ?? e.kind}</strong> · {e.effectiveOn}
							{e.endsOn ? ` 至 ${e.endsOn}` : ''}
							{e.postedOn ? `（${e.postedOn} 到新岗位）` : ''}
							{e.kind === 'job_change'
								? `：${jobCategoryName(e.fromJobCategory)}${e.fromWorkType ? `（${e.fromWorkType}）` : ''} → ${jobCategoryName(e.toJobCategory)}${e.toWorkType ? `（${e.toWorkType}）` : ''}`
								: ''}
							{e.note ? <div className="muted small">{e.note}</div> : null}
						</li>
					))}
				</ul>
			</section>
			{manages && !employment.leftOn ? (
				<>
					{/* The posting date sets the pre-job deadline: asked for hires of this year and last. */}
					{employment.hiredOn >= `${year - 1}-01-01` ? <PostingForm lastResult={resultFor('posting')} today={today} hiredOn={employment.hiredOn} postedOn={employment.postedOn} /> : null}
					<JobChangeForm lastResult={resultFor('job_change')} today={today} />
					{employment.onLeave ? (
						<ReturnForm lastResult={resultFor('return')} today={today} />
					) : (
						<LeaveForm lastResult={resultFor('leave')} today={today} />
					)}
					{employment.jobCategory === 'special_operator' ? <ReviewForm lastResult={resultFor('special_review')} today={today} /> : null}
					<LeaverForm lastResult={resultFor('leaver')} today={today} />
				</>
			) : null}
			{papers.length > 0 ? (
				<section className="card" aria-labelledby="papers-title">
					<h2 id="papers-title">考试成绩</h2>
					<ul className="plain">
						{papers.map((p) => (
							<li key={p.id}>
								{p.label} <span className="small muted">{p.finishedAt}</span>
								{p.annulled ? (
									<div className="small">
										<span className="badge risk">已作废</span> {p.annulled}
									</div>
								) : null}
							</li>
						))}
					</ul>
				</section>
			) : null}
			{manages && papers.some((p) => p.passed && !p.annulled) ? (
				<AnnulAttemptForm
					lastResult={resultFor(ANNUL_INTENT)}
					papers={papers.filter((p) => p.passed && !p.annulled).map((p) => ({ id: p.id, label: `${p.label} · ${p.finishedAt}` }))}
					about="查实合格成绩不真实（如他人代考、考试作弊）时，在此作废。原成绩不作修改，作废连同理由和操作人存入一人一档和审计日志；作废后不再计为合格，由其取得的培训合格证明随即撤销；作废的一次不占考试次数，考试仍在开放期内的，本人可重新参加。"
				/>
			) : null}
			{manages && correctable.length > 0 ? <CorrectionForm lastResult={resultFor('correct_credits')} today={today} lessons={correctable} /> : null}
		</>
	)
}

type FormProps = { lastResult: SubmissionResult<string[]> | undefined; today: string }

function JobChangeForm({ lastResult, today }: FormProps) {
	const [form, fields] = useForm({
		id: 'job-change',
		lastResult,
		defaultValue: { effectiveOn: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: JobChangeSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<FormCard form={form} intent="job_change" title="登记调岗" submit="登记调岗" about="调整岗位或离岗一年以上重新上岗的，须重新接受车间（工段、区、队）和班组级安全培训（令第3号 第十七条）。">
			<FieldFor label="调岗日期" field={fields.effectiveOn}>
				<input {...getInputProps(fields.effectiveOn, { type: 'date' })} max={today} />
			</FieldFor>
			<FieldFor label="到新岗位上岗日期（选填，晚于调岗日期时填写）" field={fields.postedOn}>
				<input {...getInputProps(fields.postedOn, { type: 'date' })} />
			</FieldFor>
			<FieldFor label="新岗位类别" field={fields.jobCategory}>
				<select {...getSelectProps(fields.jobCategory)}>
					<option value="">请选择</option>
					{JOB_CATEGORIES.map((c) => (
						<option key={c.code} value={c.code}>
							{c.label}
						</option>
					))}
				</select>
			</FieldFor>
			<FieldFor label="工种（特种作业人员必填）" field={fields.workType}>
				<select {...getSelectProps(fields.workType)}>
					<option value="">—</option>
					{SPECIAL_WORK_TYPES.map((w) => (
						<option key={w.code} value={w.label}>
							{w.label}
						</option>
					))}
				</select>
			</FieldFor>
			<FieldFor label="新部门（选填）" field={fields.department}>
				<input {...getInputProps(fields.department, { type: 'text' })} />
			</FieldFor>
			<FieldFor label="说明（选填）" field={fields.note}>
				<input {...getInputProps(fields.note, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

function PostingForm({ lastResult, hiredOn, postedOn }: FormProps & { hiredOn: string; postedOn: string | null }) {
	const [form, fields] = useForm({
		id: 'posting',
		lastResult,
		defaultValue: { postedOn: postedOn ?? hiredOn },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PostingSchema }),
		shouldRevalidate: 'onInput',
	})
	const title = postedOn ? '更正上岗日期' : '登记上岗日期'
	return (
		<FormCard form={form} intent="posting" title={title} submit={title} open={postedOn === null} about="未经安全生产教育和培训合格的从业人员，不得上岗作业（《安全生产法》第二十八条）。登记上岗日期后，岗前培训的期限按上岗日期计算；未登记的按入职日期计算。">
			<FieldFor label="上岗日期" field={fields.postedOn}>
				<input {...getInputProps(fields.postedOn, { type: 'date' })} min={hiredOn} />
			</FieldFor>
			<FieldFor label="说明（选填）" field={fields.note}>
				<input {...getInputProps(fields.note, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

function LeaveForm({ lastResult, today }: FormProps) {
	const [form, fields] = useForm({ id: 'leave', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: LeaveSchema }), shouldRevalidate: 'onInput' })
	return (
		<FormCard form={form} intent="leave" title="登记离岗" submit="登记离岗">
			<FieldFor label="离岗日期" field={fields.from}>
				<input {...getInputProps(fields.from, { type: 'date' })} max={today} />
			</FieldFor>
			<FieldFor label="返岗日期（尚未返岗可不填）" field={fields.to}>
				<input {...getInputProps(fields.to, { type: 'date' })} max={today} />
			</FieldFor>
			<FieldFor label="原因（选填）" field={fields.note}>
				<input {...getInputProps(fields.note, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

function ReviewForm({ lastResult }: FormProps) {
	const [form, fields] = useForm({ id: 'special-review', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }), shouldRevalidate: 'onInput' })
	return (
		<FormCard form={form} intent="special_review" title="登记特种作业操作证复审日期" submit="登记复审日期" about="复审前须完成不少于 8 学时的安全培训（《特种作业人员安全技术培训考核管理规定》第二十三条），登记后会列入本人的年度培训要求。">
			<FieldFor label="复审日期" field={fields.reviewOn}>
				<input {...getInputProps(fields.reviewOn, { type: 'date' })} />
			</FieldFor>
			<FieldFor label="操作证号或说明（选填）" field={fields.note}>
				<input {...getInputProps(fields.note, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

function ReturnForm({ lastResult, today }: FormProps) {
	const [form, fields] = useForm({ id: 'return', lastResult, defaultValue: { on: today }, onValidate: ({ formData }) => parseWithZod(formData, { schema: ReturnSchema }), shouldRevalidate: 'onInput' })
	return (
		<FormCard form={form} intent="return" title="登记返岗" submit="登记返岗">
			<FieldFor label="返岗日期" field={fields.on}>
				<input {...getInputProps(fields.on, { type: 'date' })} max={today} />
			</FieldFor>
			<FieldFor label="说明（选填）" field={fields.note}>
				<input {...getInputProps(fields.note, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

function CorrectionForm({ lastResult, lessons }: FormProps & { lessons: readonly { value: string; label: string }[] }) {
	const [form, fields] = useForm({ id: 'correct-credits', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionSchema }), shouldRevalidate: 'onInput' })
	return (
		<FormCard
			form={form}
			intent="correct_credits"
			title="更正学时"
			submit="冲减学时"
			about="发现不应计入的学习时间（如挂机、他人代学）时，在此冲减。原记录不作修改，更正作为新记录连同理由和操作人存入一人一档和审计日志，覆盖率随即重算。"
		>
			<FieldFor label="课时" field={fields.lesson}>
				<select {...getSelectProps(fields.lesson)}>
					<option value="">请选择</option>
					{lessons.map((l) => (
						<option key={l.value} value={l.value}>
							{l.label}
						</option>
					))}
				</select>
			</FieldFor>
			<FieldFor label="冲减分钟数" field={fields.minutes}>
				<input {...getInputProps(fields.minutes, { type: 'number' })} min={1} step={1} inputMode="numeric" />
			</FieldFor>
			<FieldFor label="更正理由" field={fields.reason}>
				<input {...getInputProps(fields.reason, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

function LeaverForm({ lastResult, today }: FormProps) {
	const [form, fields] = useForm({ id: 'leaver', lastResult, defaultValue: { leftOn: today }, onValidate: ({ formData }) => parseWithZod(formData, { schema: LeaverSchema }), shouldRevalidate: 'onInput' })
	return (
		<FormCard form={form} intent="leaver" title="登记离职" submit="登记离职" primary after="离职记录不可删除；培训档案按保存期限继续保留。">
			<FieldFor label="离职日期" field={fields.leftOn}>
				<input {...getInputProps(fields.leftOn, { type: 'date' })} max={today} />
			</FieldFor>
			<FieldFor label="离职原因" field={fields.reason}>
				<input {...getInputProps(fields.reason, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.employment.name ?? '人员'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
