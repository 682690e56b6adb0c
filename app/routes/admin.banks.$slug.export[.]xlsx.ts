import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { bankForExport } from '#app/exams/import.server.ts'
import { toQuestionWorkbook } from '#app/exams/import/workbook.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const bank = await bankForExport(params.slug ?? '')
	if (!bank) notFound('题库不存在')
	const bytes = await toQuestionWorkbook(bank.questions, bank.title)
	return new Response(Buffer.from(bytes), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${params.slug}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${bank.title}.xlsx`)}`,
		},
	})
}
