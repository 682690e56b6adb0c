import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { CERTIFICATE_NUMBER, CERTIFICATE_STATUS_LABELS } from '#app/exams/certificate.ts'
import { verifyCertificate } from '#app/exams/certificates.server.ts'

/** Public: anyone holding a certificate number (or its QR code) can check it. No login. */
export async function loader({ request }: LoaderFunctionArgs) {
	const number = (new URL(request.url).searchParams.get('number') ?? '').trim().toUpperCase()
	if (!number) return { number, result: null, message: null }
	if (!CERTIFICATE_NUMBER.test(number)) return { number, result: null, message: '证书编号格式不正确，应类似 AX-2026-000123-7KQ2' }
	const result = await verifyCertificate(number)
	return { number, result, message: result ? null : '没有查到这个编号的证书，请核对后重试' }
}

export default function Verify() {
	const { number, result, message } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>证书查验</h1>
			<Form method="get" className="stack card">
				<div className="field">
					<label htmlFor="number">证书编号</label>
					<input id="number" name="number" defaultValue={number} placeholder="AX-2026-000123-7KQ2" required />
				</div>
				<button type="submit" className="primary">
					查验
				</button>
			</Form>
			{message ? (
				<p className="form-error" role="alert">
					{message}
				</p>
			) : null}
			{result ? (
				<section className="card" aria-live="polite">
					<p className="score">
						<span className={`badge ${result.status === 'valid' ? 'ok' : 'risk'}`} data-testid="certificate-status">
							{CERTIFICATE_STATUS_LABELS[result.status]}
						</span>
					</p>
					<dl className="facts">
						<dt>证书编号</dt>
						<dd>{result.number}</dd>
						<dt>持证人</dt>
						<dd>{result.holder}</dd>
						<dt>考试</dt>
						<dd>{result.title}</dd>
						<dt>发证日期</dt>
						<dd>{result.issuedOn}</dd>
						<dt>有效期至</dt>
						<dd>{result.expiresOn}</dd>
					</dl>
					<p className="small muted">为保护个人信息，查验结果只显示遮挡后的姓名。</p>
				</section>
			) : null}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '证书查验 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
