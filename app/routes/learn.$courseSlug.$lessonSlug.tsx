import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect, useMemo, useRef } from 'react'
import { notFound, requireUser } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { getLesson, viewerOf } from '#app/learning/catalogue.server.ts'
import { useHeartbeat } from '#app/learning/use-heartbeat.ts'
import { type CaseFacts, LessonContext, type LessonContextValue } from '#app/mdx/lesson-context.tsx'
import { Video } from '#app/mdx/components.tsx'
import { MdxContent } from '#app/mdx/mdx-content.tsx'
import { getBundle } from '#app/utils/mdx.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireUser(request)
	const viewer = await viewerOf(principal)
	const personId = viewer.personId
	const found = await getLesson(params.courseSlug ?? '', params.lessonSlug ?? '', viewer)
	if (!found) notFound('课时不存在')
	const [body, caseBody] = await Promise.all([
		found.lesson.lessonHash ? getBundle(found.lesson.lessonHash) : null,
		found.case ? getBundle(found.case.hash) : null,
	])
	return {
		course: found.course,
		lesson: {
			id: found.lesson.id,
			title: found.lesson.title,
			kind: found.lesson.kind,
			minutes: found.lesson.minutes,
			checkCount: found.lesson.checkIds.length,
		},
		body: body?.code ?? null,
		/** A video the learner's enterprise added: no text, just the film. */
		addedVideo: found.lesson.added && found.lesson.video ? { src: found.lesson.video, seconds: found.lesson.videoSeconds ?? 0 } : null,
		caseBody: caseBody?.code ?? null,
		caseFacts: (found.case?.frontmatter ?? null) as CaseFacts | null,
		learner: personId !== null,
		progress: {
			seconds: found.seconds,
			position: found.progress?.position ?? 0,
			videoFurthest: found.progress?.videoFurthest ?? 0,
			videoEnded: found.progress?.videoEnded ?? false,
			checks: found.progress?.checks ?? {},
			selfChecks: found.progress?.selfChecks ?? {},
			complete: Boolean(found.progress?.completedAt),
		},
		prev: found.prev ? { slug: found.prev.slug, title: found.prev.title } : null,
		next: found.next ? { slug: found.next.slug, title: found.next.title } : null,
	}
}

export default function LessonPage() {
	const data = useLoaderData<typeof loader>()
	const { course, lesson, progress } = data
	const video = useRef({ furthest: progress.videoFurthest, resumeAt: lesson.kind === 'video' ? progress.position : 0, position: 0, ended: progress.videoEnded, playing: false }).current
	const context: LessonContextValue = useMemo(
		() => ({ lessonId: lesson.id, checks: progress.checks, selfChecks: progress.selfChecks, caseFacts: data.caseFacts, video, recording: data.learner }),
		[lesson.id, progress.checks, progress.selfChecks, data.caseFacts, video, data.learner],
	)
	const { reply, locked, resume } = useHeartbeat(data.learner ? lesson.id : null, video, {
		reason: 'started',
		locked: false,
		lessonSeconds: progress.seconds,
		requiredSeconds: lesson.minutes * 60,
		complete: progress.complete,
	})
	useEffect(() => {
		if (lesson.kind !== 'video' && progress.position > 0) {
			window.scrollTo(0, (progress.position / 1000) * (document.body.scrollHeight - window.innerHeight))
		}
		// Resume once per lesson.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [lesson.id])
	const minutesDone = Math.min(lesson.minutes, Math.floor(reply.lessonSeconds / 60))
	return (
		<LessonContext.Provider value={context}>
			<p className="breadcrumb">
				<Link to="/learn">课程学习</Link> › <Link to={`/learn/${course.slug}`}>{course.title}</Link>
			</p>
			<h1>{lesson.title}</h1>
			{data.learner ? (
				<div className="lesson-progress" aria-live="polite">
					<progress value={minutesDone} max={lesson.minutes} aria-label="有效学习时间" />
					<span className="small">
						有效学习 <strong data-testid="minutes-done" data-seconds={reply.lessonSeconds}>
							{minutesDone}
						</strong> / {lesson.minutes} 分钟
						{reply.complete ? <span className="badge ok">已完成</span> : null}
						{reply.reason === 'other-window' ? <span className="badge warn">另一窗口或设备正在学习，本窗口不计时</span> : null}
					</span>
				</div>
			) : (
				<p className="muted small">预览模式：学习时间不计入档案。</p>
			)}
			<article className="card">
				{data.body ? <MdxContent code={data.body} /> : null}
				{data.addedVideo ? (
					<>
						<p className="muted small">本视频由单位自行添加，仅该单位人员可见。看完全片且有效学习时间达到要求即完成。</p>
						<Video src={data.addedVideo.src} seconds={data.addedVideo.seconds} />
					</>
				) : null}
				{data.caseBody ? <MdxContent code={data.caseBody} /> : null}
			</article>
			{lesson.checkCount > 0 ? <p className="muted small">本课时有 {lesson.checkCount} 道小测验，全部作答后才算完成。</p> : null}
			<nav className="actions" aria-label="课时导航">
				{data.prev ? (
					<Link className="button secondary" to={`/learn/${course.slug}/${data.prev.slug}`}>
						上一课：{data.prev.title}
					</Link>
				) : null}
				{data.next ? (
					<Link className="button primary" to={`/learn/${course.slug}/${data.next.slug}`}>
						下一课：{data.next.title}
					</Link>
				) : null}
			</nav>
			{locked ? (
				<div className="idle-lock" role="dialog" aria-modal="true" aria-labelledby="idle-title">
					<div className="card">
						<h2 id="idle-title">学习已暂停</h2>
						<p>超过 5 分钟没有操作，已停止计时。</p>
						<button type="button" className="primary" autoFocus onClick={resume}>
							继续学习
						</button>
					</div>
				</div>
			) : null}
		</LessonContext.Provider>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? '课时'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
