import { Link, useLocation } from '@remix-run/react'

export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
	const location = useLocation()
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const href = (p: number) => {
		const params = new URLSearchParams(location.search)
		// The first page is the bare address, so it is one page to the browser's history too.
		if (p === 1) params.delete('page')
		else params.set('page', String(p))
		const query = params.toString()
		return query ? `${location.pathname}?${query}` : location.pathname
	}
	return (
		<nav className="pager" aria-label="分页">
			<span className="muted">
				共 {total} 条 · 第 {page}/{pages} 页
			</span>
			{/* Past the end (an old link, a filter that now selects fewer), back to the last page. */}
			{page > 1 ? <Link to={href(Math.min(page - 1, pages))}>上一页</Link> : null}
			{page < pages ? <Link to={href(page + 1)}>下一页</Link> : null}
		</nav>
	)
}
