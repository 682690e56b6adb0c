import {
	type ActionFunctionArgs,
	data,
	type LoaderFunctionArgs,
	MaxPartSizeExceededError,
	type MetaFunction,
	type NodeOnDiskFile,
	redirect,
	unstable_composeUploadHandlers,
	unstable_createFileUploadHandler,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { addEnterpriseVideo, incomingDir, listEnterpriseVideos, withdrawEnterpriseVideo } from '#app/courses/videos.server.ts'
import { VIDEO_TITLE_MAX } from '#app/courses/videos.ts'
import { listCatalogue } from '#app/learning/catalogue.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

type Errors = { course?: string; title?: string; file?: string; form?: string }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const [videos, catalogue] = await Promise.all([
		listEnterpriseVideos({ enterpriseId: enterprise.id }),
		listCatalogue({ personId: null, enterpriseIds: [enterprise.id] }),
	])
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		maxMb: getEnv().MEDIA_MAX_MB,
		courses: catalogue.map((c) => ({ slug: c.slug, title: c.title })),
		videos: videos.map((v) => ({
			lessonId: v.lessonId,
			href: `/learn/${v.courseSlug}/${v.slug}`,
			title: v.title,
			courseTitle: v.courseTitle,
			duration: `${Math.floor((v.seconds ?? 0) / 60)}分${(v.seconds ?? 0) % 60}秒`,
			minutes: v.minutes,
			file: v.originalName,
			mb: (v.bytes / 1024 / 1024).toFixed(1),
			active: v.active,
			addedAt: formatDateTime(v.createdAt),
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const scope = { enterpriseId: enterprise.id, userId: principal.userId }
	const maxBytes = getEnv().MEDIA_MAX_MB * 1024 * 1024
	const tooBig = `视频文件超过 ${getEnv().MEDIA_MAX_MB} MB，请压缩后再上传（建议 720p、H.264）`
	if (Number(request.headers.get('content-length') ?? '0') > maxBytes + 64 * 1024) {
		return data({ errors: { file: tooBig } as Errors }, { status: 413 })
	}
	if (!request.headers.get('content-type')?.startsWith('multipart/form-data')) {
		const form = await request.formData()
		const lessonId = Number(form.get('lessonId'))
		if (form.get('intent') !== 'withdraw' || !Number.isInteger(lessonId)) return data({ errors: { form: '请求有误' } as Errors }, { status: 400 })
		await withdrawEnterpriseVideo(scope, lessonId)
		return redirect(`/enterprises/${enterprise.id}/videos`)
	}
	let form: FormData
	// The file lands under a random name; keep the one the admin knows it by.
	let originalName = ''
	try {
		// Streamed to disk, never held in memory.
		form = await unstable_parseMultipartFormData(
			request,
			unstable_composeUploadHandlers(
				unstable_createFileUploadHandler({
					directory: incomingDir(),
					maxPartSize: maxBytes,
					filter: ({ name, filename }) => {
						if (name !== 'file') return false
						originalName = filename
						return true
					},
				}),
				// The text fields (course, title), small and in memory.
				unstable_createMemoryUploadHandler({ maxPartSize: 4096 }),
			),
		)
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return data({ errors: { file: tooBig } as Errors }, { status: 413 })
		throw error
	}
	const upload = form.get('file') as NodeOnDiskFile | string | null
	const file =
		upload && typeof upload !== 'string'
			? {
					filepath: upload.getFilePath(),
					name: originalName || upload.name,
					size: upload.size,
			  }
			: null
	const result = await addEnterpriseVideo(scope, {
		courseSlug: String(form.get('course') ?? ''),
		title: String(form.get('title') ?? ''),
		file,
	})
	if (!result.ok) return data({ errors: { [result.field]: result.message } as Errors }, { status: 400 })
	return redirect(`/enterprises/${enterprise.id}/videos`)
}

export default function EnterpriseVideos() {
	const { enterprise, courses, videos, maxMb } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>本单位视频</h1>
			<section className="card">
				<p>
					把本单位的安全教育视频（如岗位操作规程、应急演练录像）加入课程，作为视频课时，只有本单位人员能看到。学员必须完整观看、不能快进，有效学习时间计入学时。
				</p>
				<Form method="post" encType="multipart/form-data" className="stack">
					{errors?.form ? (
						<div className="error" role="alert">
							{errors.form}
						</div>
					) : null}
					<div className="field">
						<label htmlFor="course">加入课程</label>
						<select
							id="course"
							name="course"
							required
							aria-invalid={errors?.course ? true : undefined}
							aria-describedby={errors?.course ? 'course-error' : undefined}
						>
							{courses.map((c) => (
								<option key={c.slug} value={c.slug}>
									{c.title}
								</option>
							))}
						</select>
						{errors?.course ? (
							<div id="course-error" className="error">
								{errors.course}
							</div>
						) : null}
					</div>
					<div className="field">
						<label htmlFor="title">视频标题</label>
						<input
							id="title"
							name="title"
							required
							maxLength={VIDEO_TITLE_MAX}
							aria-invalid={errors?.title ? true : undefined}
							aria-describedby={errors?.title ? 'title-error' : undefined}
						/>
						{errors?.title ? (
							<div id="title-error" className="error">
								{errors.title}
							</div>
						) : null}
					</div>
					<div className="field">
						<label htmlFor="file">视频文件（.mp4，不超过 {maxMb} MB）</label>
						<input
							id="file"
							name="file"
							type="file"
							accept="video/mp4,.mp4"
							required
							aria-invalid={errors?.file ? true : undefined}
							aria-describedby={errors?.file ? 'file-error' : undefined}
						/>
						{errors?.file ? (
							<div id="file-error" className="error" role="alert">
								{errors.file}
							</div>
						) : null}
					</div>
					<button type="submit" className="primary" disabled={busy}>
						{busy ? '正在上传…' : '上传并加入课程'}
					</button>
				</Form>
			</section>
			<h2>已添加的视频</h2>
			{videos.length === 0 ? (
				<p className="muted">还没有添加视频。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>标题</th>
								<th>课程</th>
								<th>时长</th>
								<th>文件</th>
								<th>添加时间</th>
								<th>状态</th>
							</tr>
						</thead>
						<tbody>
							{videos.map((v) => (
								<tr key={v.lessonId}>
									<td className="wrap">{v.active ? <a href={v.href}>{v.title}</a> : v.title}</td>
									<td className="wrap">{v.courseTitle}</td>
									<td>{v.duration}</td>
									<td className="wrap">
										{v.file}（{v.mb} MB）
									</td>
									<td>{v.addedAt}</td>
									<td>
										{v.active ? (
											<Form method="post">
												<input type="hidden" name="intent" value="withdraw" />
												<input type="hidden" name="lessonId" value={v.lessonId} />
												<button type="submit" className="secondary">
													撤下
												</button>
											</Form>
										) : (
											'已撤下'
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '本单位视频 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
