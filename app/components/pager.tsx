import { Link, useLocation } from '@remix-run/react'

export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
	const location = useLocation()
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const href = (p: number) => {
		const params = new URLSearchParams(location.search)
		params.set('page', String(p))
		return `${location.pathname}?${params.toString()}`
	}
	return (
		<nav className="pager" aria-label="分页">
			<span className="muted">
				共 {total} 条 · 第 {page}/{pages} 页
			</span>
			{page > 1 ? <Link to={href(page - 1)}>上一页</Link> : null}
			{page < pages ? <Link to={href(page + 1)}>下一页</Link> : null}
		</nav>
	)
}
