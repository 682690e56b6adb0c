import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRegion } from '#app/auth/guards.server.ts'
import { buildCadreTemplate } from '#app/classes/cadre-file.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRegion(request, params.regionId)
	return new Response(await buildCadreTemplate(), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('培训班学员名单模板.xlsx')}`,
		},
	})
}
