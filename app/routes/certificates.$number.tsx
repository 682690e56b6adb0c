import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { CERTIFICATE_STATUS_LABELS, certificateStatus } from '#app/exams/certificate.ts'
import { myCertificate } from '#app/exams/certificates.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

/** The holder's own certificate, printable on A4, with a QR code to the public check. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const c = await myCertificate(principal.personId, params.number ?? '')
	if (!c) notFound('证书不存在')
	const verifyUrl = `${new URL(request.url).origin}/verify?number=${encodeURIComponent(c.number)}`
	const qr = await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	return { c: { ...c, status: certificateStatus(c, todayInShanghai()) }, verifyUrl, qr }
}

export default function CertificatePage() {
	const { c, verifyUrl, qr } = useLoaderData<typeof loader>()
	return (
		<article className="certificate">
			<h1>安全生产培训合格证明</h1>
			<p className="certificate-body">
				<strong>{c.holderName}</strong> 参加「{c.title}」，考试合格，特此证明。
			</p>
			<dl className="facts">
				<dt>证书编号</dt>
				<dd data-testid="certificate-number">{c.number}</dd>
				<dt>发证日期</dt>
				<dd>{c.issuedOn}</dd>
				<dt>有效期至</dt>
				<dd>{c.expiresOn}</dd>
				<dt>状态</dt>
				<dd>{CERTIFICATE_STATUS_LABELS[c.status]}</dd>
			</dl>
			<figure className="certificate-qr">
				<div aria-hidden="true" dangerouslySetInnerHTML={{ __html: qr }} />
				<figcaption className="small">扫码或访问 {verifyUrl} 查验</figcaption>
			</figure>
			<p className="no-print">
				<button type="button" className="secondary" onClick={() => window.print()}>
					打印（A4）
				</button>
			</p>
		</article>
	)
}

export const meta: MetaFunction = () => [{ title: '培训合格证明 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
