import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
	Form,
	Link,
	Links,
	Meta,
	NavLink,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLoaderData,
	useLocation,
	useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { getPrincipal } from '#app/auth/guards.server.ts'
import { ROLE_LABELS } from '#app/auth/scope.ts'
import { navFor } from '#app/components/nav.ts'
import { ErrorMessage } from '#app/components/error-boundary.tsx'
import { useNonce } from '#app/utils/nonce.tsx'
import { takeToast, type Toast } from '#app/utils/toast.server.ts'
import appCss from './styles/app.css?url'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: appCss },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: '安训 · 安全生产学习平台' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await getPrincipal(request)
	const { toast, setCookie } = takeToast(request)
	const user = principal
		? {
				displayName: principal.displayName,
				roles: [...new Set(principal.grants.map((g) => ROLE_LABELS[g.role]))],
				nav: navFor(principal),
			}
		: null
	return data({ user, toast }, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)
}

function Document({ children }: { children: ReactNode }) {
	const nonce = useNonce()
	return (
		<html lang="zh-CN">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

function Shell({ children }: { children: ReactNode }) {
	const rootData = useRouteLoaderData<typeof loader>('root')
	const user = rootData?.user
	const menu = useRef<HTMLDetailsElement>(null)
	const location = useLocation()
	// Close the menu after navigating — not when the page first hydrates: a menu opened before
	// the scripts arrived (a slow phone) would snap shut under the user's finger.
	const shownKey = useRef(location.key)
	useEffect(() => {
		if (shownKey.current === location.key) return
		shownKey.current = location.key
		if (menu.current) menu.current.open = false
	}, [location.key])
	return (
		<>
			<a className="skip-link" href="#main">
				跳到正文
			</a>
			<header className="site-header">
				<Link to="/" className="brand">
					安训
				</Link>
				{user ? (
					<details className="user-menu" ref={menu}>
						<summary>
							<span className="user-name">{user.displayName}</span>
							<span className="user-roles">{user.roles.join(' · ')}</span>
						</summary>
						<nav aria-label="主导航">
							<ul>
								{user.nav.map((item) => (
									<li key={item.to}>
										<NavLink to={item.to} end={item.to.split('/').length <= 2} reloadDocument={item.reload}>
											{item.label}
										</NavLink>
									</li>
								))}
								<li>
									<Form method="post" action="/logout">
										<button type="submit" className="link-button">
											退出登录
										</button>
									</Form>
								</li>
							</ul>
						</nav>
					</details>
				) : (
					<Link to="/login" className="button">
						登录
					</Link>
				)}
			</header>
			<main id="main" className="main">
				{children}
			</main>
			<footer className="site-footer">安训 · 安全生产教育培训 · 时间均为北京时间</footer>
		</>
	)
}

function ToastMessage({ toast }: { toast: Toast }) {
	const [visible, setVisible] = useState(true)
	useEffect(() => {
		const timer = setTimeout(() => setVisible(false), 6000)
		return () => clearTimeout(timer)
	}, [toast])
	if (!visible) return null
	return (
		<div className={`toast toast-${toast.kind}`} role="status">
			{toast.message}
			<button type="button" className="link-button" aria-label="关闭提示" onClick={() => setVisible(false)}>
				×
			</button>
		</div>
	)
}

export default function App() {
	const { toast } = useLoaderData<typeof loader>()
	return (
		<Document>
			<Shell>
				{toast ? <ToastMessage toast={toast} /> : null}
				<Outlet />
			</Shell>
		</Document>
	)
}

export function ErrorBoundary() {
	return (
		<Document>
			<Shell>
				<ErrorMessage />
			</Shell>
		</Document>
	)
}
