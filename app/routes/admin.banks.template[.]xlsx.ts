import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '#app/auth/guards.server.ts'
import { questionTemplate } from '#app/exams/import/workbook.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	return new Response(Buffer.from(await questionTemplate()), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="question-template.xlsx"; filename*=UTF-8''${encodeURIComponent('题目导入模板.xlsx')}`,
		},
	})
}
