import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import QRCode from 'qrcode'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { ATTENDANCE_STATUS_LABELS, checkInWindow, CODE_STEP_SECONDS, parseExceptionForm, sessionKindLabel } from '#app/classes/classes.ts'
import { recordException, sessionAttendance } from '#app/classes/classes.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { formatDateTime } from '#app/utils/time.ts'
import { usePollWhile } from '#app/utils/use-poll.ts'

const METHOD_LABELS: Record<string, string> = { code: '输入签到码', qr: '扫码', organiser: '主办方登记' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const now = new Date()
	const view = await sessionAttendance({ regionPath: region.path }, parseId(params.classId), parseId(params.sessionId), now)
	if (!view) notFound()
	const { session, klass } = view
	const window = checkInWindow(session)
	const open = view.code !== null && now >= window.opensAt && now <= window.closesAt
	const link = open ? `${new URL(request.url).origin}/classes/${klass.id}?session=${session.id}&code=${view.code}` : null
	return {
		region: { id: region.id, name: region.name },
		klass: { id: klass.id, title: klass.title },
		session: { id: session.id, title: session.title, kind: session.kind, delivery: session.delivery, speaker: session.speaker, startsAt: formatDateTime(session.startsAt), endsAt: formatDateTime(session.endsAt), withdrawn: session.withdrawnAt !== null },
		window: { opensAt: formatDateTime(window.opensAt), closesAt: formatDateTime(window.closesAt), open, upcoming: view.code !== null && now < window.opensAt },
		code: open ? view.code : null,
		link,
		qr: link ? await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null,
		members: view.members.map((p) => ({ personId: p.personId, name: p.name, unit: p.unit, status: p.record?.status ?? null, method: p.record?.method ?? null, at: p.record ? formatDateTime(p.record.at) : null, reason: p.record?.reason ?? null })),
		exceptions: view.exceptions.map((x) => ({ ...x, at: formatDateTime(x.at) })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const parsed = parseExceptionForm(await request.formData())
	if (!parsed.ok) return data({ errors: parsed.errors, saved: false }, { status: 400 })
	const done = await recordException({ userId: principal.userId }, { regionPath: region.path }, parseId(params.classId), parseId(params.sessionId), parsed.values)
	if (!done.ok) return data({ errors: { form: done.message } as Record<string, string>, saved: false }, { status: 400 })
	return { errors: {} as Record<string, string>, saved: true }
}

export default function SessionPage() {
	const { region, klass, session, window, code, link, qr, members, exceptions } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	// The code changes every minute: keep the screen current while check-in is open, and let a
	// screen put up early turn itself on when check-in opens.
	const live = window.open || window.upcoming
	usePollWhile(live, (CODE_STEP_SECONDS / 3) * 1000)
	const errors = result?.errors
	const present = members.filter((p) => p.status === 'present').length
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link> › <Link to={`/regions/${region.id}/classes`}>专题培训班</Link> › <Link to={`/regions/${region.id}/classes/${klass.id}`}>{klass.title}</Link>
			</p>
			<h1>
				{sessionKindLabel(session.kind)}：{session.title}
			</h1>
			<p className="muted">
				{session.startsAt} 至 {session.endsAt.slice(-5)}
				{session.speaker ? ` · 主讲：${session.speaker}` : ''}
				{session.withdrawn ? ' · 已取消' : ''}
			</p>
			{session.delivery === 'online' ? (
				<p className="card">线上环节：学员学完关联课程即记学时，无需签到。</p>
			) : session.kind === 'assessment' ? (
				<p className="card">结业考核以考试记录为准，无需签到：学员在本环节时段内从培训班页面进入考试。</p>
			) : code && link && qr ? (
				<section className="card check-in-screen" aria-label="签到">
					<h2>现场签到</h2>
					<p>学员登录安训后扫描二维码，或在培训班页面输入签到码。签到码每分钟更换，截图转发无效。</p>
					<div className="check-in-qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: qr }} />
					<p className="check-in-code" data-testid="check-in-code">
						{code}
					</p>
					<p className="small muted">
						签到时段：{window.opensAt} 至 {window.closesAt.slice(-5)} · <a href={link}>签到链接</a>
					</p>
				</section>
			) : (
				<p className="card">
					签到时段：{window.opensAt} 至 {window.closesAt}（开始前 30 分钟开放）。{session.withdrawn ? '本环节已取消。' : '不在签到时段内，不显示签到码。'}
				</p>
			)}
			<section className="card">
				<h2>
					考勤（出席 {present} / {members.length} 人）
				</h2>
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>姓名</th>
								<th>单位</th>
								<th>状态</th>
								<th>方式</th>
								<th>时间</th>
								<th>说明</th>
							</tr>
						</thead>
						<tbody>
							{members.map((p) => (
								<tr key={p.personId}>
									<td>{p.name}</td>
									<td>{p.unit}</td>
									<td>{p.status ? ATTENDANCE_STATUS_LABELS[p.status as keyof typeof ATTENDANCE_STATUS_LABELS] : '未签到'}</td>
									<td>{p.method ? METHOD_LABELS[p.method] : '—'}</td>
									<td>{p.at ?? '—'}</td>
									<td>{p.reason ?? ''}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>
			{session.withdrawn ? null : (
				<section className="card">
					<h2>登记例外</h2>
					<p className="small muted">学员确实到场但未能签到、经批准请假、或签到后离场的，由主办方登记并写明原因；登记留痕，以最后一次为准。</p>
					{result?.saved ? <p role="status">已登记。</p> : null}
					<Form method="post" className="stack">
						<FieldError errors={errors} name="form" />
						<div className="field">
							<label htmlFor="personId">学员</label>
							<select id="personId" name="personId" required defaultValue="" {...invalidProps(errors, 'personId')}>
								<option value="" disabled>
									请选择
								</option>
								{members.map((p) => (
									<option key={p.personId} value={p.personId}>
										{p.name}（{p.unit}）
									</option>
								))}
							</select>
							<FieldError errors={errors} name="personId" />
						</div>
						<fieldset className="field">
							<legend>登记为</legend>
							{Object.entries(ATTENDANCE_STATUS_LABELS).map(([value, label]) => (
								<label key={value}>
									<input type="radio" name="status" value={value} defaultChecked={value === 'present'} /> {label}
								</label>
							))}
							<FieldError errors={errors} name="status" />
						</fieldset>
						<div className="field">
							<label htmlFor="reason">原因</label>
							<input id="reason" name="reason" required maxLength={200} {...invalidProps(errors, 'reason')} />
							<FieldError errors={errors} name="reason" />
						</div>
						<button type="submit" className="primary" disabled={busy}>
							登记
						</button>
					</Form>
					{exceptions.length ? (
						<>
							<h3>登记记录</h3>
							<ul className="plain small">
								{exceptions.map((x, i) => (
									<li key={i}>
										{x.at} · {x.name} · {ATTENDANCE_STATUS_LABELS[x.status as keyof typeof ATTENDANCE_STATUS_LABELS]} · {x.reason}（{x.recordedBy}）
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '签到与考勤 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
