import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { bankForExport } from '#app/exams/import.server.ts'
import { toGift } from '#app/exams/import/gift.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const bank = await bankForExport(params.slug ?? '')
	if (!bank) notFound('题库不存在')
	return new Response(toGift(bank.questions, bank.title), {
		headers: {
			'Content-Type': 'text/plain; charset=utf-8',
			'Content-Disposition': `attachment; filename="${params.slug}.gift"; filename*=UTF-8''${encodeURIComponent(`${bank.title}.gift`)}`,
		},
	})
}
