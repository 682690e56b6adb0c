import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { buildRosterTemplate } from '#app/orgs/roster-file.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireEnterprise(request, params.enterpriseId, 'records')
	const body = await buildRosterTemplate()
	return new Response(new Uint8Array(body), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('花名册模板.xlsx')}`,
			'Cache-Control': 'private, max-age=3600',
		},
	})
}
