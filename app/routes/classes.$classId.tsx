import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getPrincipal, notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { checkInWindow, hoursOf, OUTCOME_LABELS, sessionKindLabel } from '#app/classes/classes.ts'
import { cadreClass, checkIn, isOnRoster, scanOf } from '#app/classes/classes.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const classId = parseId(params.classId)
	const url = new URL(request.url)
	// A scanned QR carries the code of the minute: turn it into a scan token at once, before any
	// sign-in, so the minutes spent logging in on a phone do not expire it.
	const scannedCode = url.searchParams.get('code')
	if (scannedCode !== null) {
		const sessionId = Number(url.searchParams.get('session'))
		const scan = Number.isSafeInteger(sessionId) && sessionId > 0 ? await scanOf(sessionId, scannedCode.slice(0, 6)) : null
		const target = `/classes/${classId}?session=${sessionId}${scan ? `&scan=${encodeURIComponent(scan)}` : '&expired=1'}`
		throw redirect((await getPrincipal(request)) ? target : `/login?redirectTo=${encodeURIComponent(target)}`)
	}
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const view = await cadreClass(principal.personId, classId)
	if (!view) notFound('您不在这个培训班的学员名单上')
	const now = new Date()
	const perHour = ledgerRules().minutesPerCreditHour
	const scanned = Number(url.searchParams.get('session'))
	const sessions = view.sessions.map((x) => {
		const w = checkInWindow(x)
		return {
			id: x.id,
			kind: x.kind,
			delivery: x.delivery,
			title: x.title,
			speaker: x.speaker,
			time: `${formatDateTime(x.startsAt)}–${formatDateTime(x.endsAt).slice(-5)}`,
			hours: hoursOf(x.minutes, perHour),
			outcome: view.progress.outcomes.get(x.id) ?? 'pending',
			checkInOpen: x.delivery === 'onsite' && x.kind !== 'assessment' && now >= w.opensAt && now <= w.closesAt,
			lessonHref: x.courseSlug && x.lessonSlug ? `/learn/${x.courseSlug}/${x.lessonSlug}` : null,
			examId: x.examId,
			examOpen: x.examId !== null && now >= x.startsAt && now <= x.endsAt,
		}
	})
	const p = view.progress
	return {
		klass: view.klass,
		member: view.member,
		sessions,
		progress: { credited: hoursOf(p.credited, perHour), required: hoursOf(p.required, perHour), passed: p.passed, best: p.best, voided: p.voided, completed: p.completed },
		scan: sessions.find((x) => x.id === scanned) ? { sessionId: scanned, token: url.searchParams.get('scan'), expired: url.searchParams.has('expired') } : null,
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const classId = parseId(params.classId)
	if (!(await isOnRoster(principal.personId, classId))) notFound('您不在这个培训班的学员名单上')
	const form = await request.formData()
	const sessionId = Number(form.get('sessionId'))
	const result = await checkIn(
		{ userId: principal.userId, personId: principal.personId, ip: context.clientIp || null },
		classId,
		form.get('via') === 'qr' ? { sessionId, scan: String(form.get('scan') ?? ''), via: 'qr' } : { sessionId, code: String(form.get('code') ?? ''), via: 'code' },
	)
	if (!result.ok) return data({ sessionId, message: result.message }, { status: 400 })
	return redirectWithToast(`/classes/${classId}`, { kind: 'success', message: result.already ? `您已签到过「${result.title}」` : `签到成功：「${result.title}」` })
}

export default function CadreClass() {
	const { klass, member, sessions, progress, scan } = useLoaderData<typeof loader>()
	const failed = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const scanned = scan ? sessions.find((x) => x.id === scan.sessionId) : null
	return (
		<>
			<p className="breadcrumb">
				<Link to="/me">我的学习档案</Link>
			</p>
			<h1>{klass.title}</h1>
			<p className="muted">
				{klass.organiser} · {klass.startsOn} 至 {klass.endsOn} · {klass.venue} · {member.unit} {member.post}
			</p>
			{scanned && scanned.outcome !== 'attended' ? (
				<section className="card" aria-label="扫码签到">
					<h2>签到：{scanned.title}</h2>
					{scan!.token ? (
						<Form method="post">
							<input type="hidden" name="sessionId" value={scanned.id} />
							<input type="hidden" name="scan" value={scan!.token} />
							<input type="hidden" name="via" value="qr" />
							<button type="submit" className="primary" disabled={busy}>
								确认签到
							</button>
						</Form>
					) : (
						<p className="form-error" role="alert">
							二维码已过期：请重新扫描现场屏幕上的二维码，或在下面的日程中输入签到码。
						</p>
					)}
					{failed && failed.sessionId === scanned.id ? (
						<p className="form-error" role="alert">
							{failed.message}
						</p>
					) : null}
				</section>
			) : null}
			<section className="card">
				<h2>我的进度</h2>
				<dl className="facts">
					<dt>学时</dt>
					<dd data-testid="class-hours">
						{progress.credited} / {progress.required}
					</dd>
					<dt>结业考核</dt>
					<dd>{progress.passed === null ? '无' : progress.passed ? `合格（${progress.best} 分）` : progress.best !== null ? `不合格（${progress.best} 分）` : progress.voided ? '成绩作废' : '未参加'}</dd>
					<dt>结业</dt>
					<dd data-testid="class-completed">{progress.completed ? '已结业' : '未结业'}</dd>
				</dl>
			</section>
			<section className="card">
				<h2>日程</h2>
				<ul className="plain stack">
					{sessions.map((x) => (
						<li key={x.id}>
							<p>
								<strong>
									{sessionKindLabel(x.kind)}：{x.title}
								</strong>{' '}
								<span className="small muted">
									{x.time} · {x.hours} 学时{x.speaker ? ` · 主讲：${x.speaker}` : ''}
								</span>{' '}
								<span className={`outcome-${x.outcome}`}>{OUTCOME_LABELS[x.outcome]}</span>
							</p>
							{x.checkInOpen && x.outcome !== 'attended' ? (
								<Form method="post" className="inline-form" aria-describedby={failed?.sessionId === x.id ? `check-in-error-${x.id}` : undefined}>
									<input type="hidden" name="sessionId" value={x.id} />
									<input type="hidden" name="via" value="code" />
									<label htmlFor={`code-${x.id}`}>签到码</label>{' '}
									<input id={`code-${x.id}`} name="code" inputMode="numeric" autoComplete="off" pattern="\d{6}" maxLength={6} required size={8} />{' '}
									<button type="submit" className="primary" disabled={busy}>
										签到
									</button>
									{failed && failed.sessionId === x.id && !(scanned && scanned.id === x.id) ? (
										<p className="form-error" role="alert" id={`check-in-error-${x.id}`}>
											{failed.message}
										</p>
									) : null}
								</Form>
							) : null}
							{x.lessonHref ? (
								<Link reloadDocument to={x.lessonHref}>
									{x.delivery === 'onsite' || x.outcome === 'studied' ? '复习课程' : '去学习'}
								</Link>
							) : null}
							{x.examId !== null && x.examOpen && x.outcome !== 'sat' ? <Link to={`/exams/${x.examId}`}>参加结业考核</Link> : null}
							{x.examId !== null && !x.examOpen && x.outcome === 'voided' ? <Link to={`/exams/${x.examId}`}>查看考核</Link> : null}
							{x.examId !== null && x.outcome === 'sat' ? <Link to={`/exams/${x.examId}`}>查看考核</Link> : null}
						</li>
					))}
				</ul>
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '专题培训班 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
