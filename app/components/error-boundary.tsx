import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

/** A friendly message for any route error; no stack trace reaches a user. */
export function ErrorMessage() {
	const error = useRouteError()
	let title = '出错了'
	let detail = '服务器处理请求时发生错误，请稍后重试。如果问题持续存在，请联系平台管理员。'
	if (isRouteErrorResponse(error)) {
		const message = typeof error.data?.message === 'string' ? error.data.message : null
		if (error.status === 404) {
			title = '页面不存在'
			detail = message ?? '您访问的页面不存在，或您无权查看。'
		} else if (error.status === 403) {
			title = '没有权限'
			detail = message ?? '您没有权限执行此操作。'
		} else if (error.status === 400) {
			title = '请求有误'
			detail = message ?? '请求内容不正确。'
		} else if (message) {
			detail = message
		}
	}
	return (
		<section className="error-page">
			<h1>{title}</h1>
			<p>{detail}</p>
			<p>
				<Link to="/">返回首页</Link>
			</p>
		</section>
	)
}

/** The ErrorBoundary every user-facing route exports. */
export function RouteErrorBoundary() {
	return <ErrorMessage />
}
