import { type MetaFunction } from '@remix-run/node'
import { ErrorMessage } from '#app/components/error-boundary.tsx'
import { notFound } from '#app/auth/guards.server.ts'

export async function loader() {
	notFound('您访问的页面不存在。')
}

export async function action() {
	notFound('您访问的页面不存在。')
}

export default function NotFound() {
	return null
}

export const meta: MetaFunction = () => [{ title: '页面不存在 · 安训' }]

export function ErrorBoundary() {
	return <ErrorMessage />
}
