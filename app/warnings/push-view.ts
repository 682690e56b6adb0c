// A push's detail as tables: the page shows them, the workbook has a sheet each. Pure.
import { industryName } from '#app/orgs/labels.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { type Table } from '#app/utils/table-export.server.ts'

type Detail = NonNullable<Awaited<ReturnType<typeof import('./pushes.server.ts').pushDetail>>>

export function pushTables(d: Detail): Table[] {
	return [
		{
			title: '企业回复与学习',
			headers: ['企业', '行业', '学习人数', '已学', '回复', '版本', '不符合项', '逾期'],
			rows: d.enterprises.map((e) => [e.name, industryName(e.industry), e.people, e.studied, e.repliedAt ? formatDateTime(e.repliedAt) : '未回复', e.version, e.nonCompliant, e.overdue ? '逾期' : '']),
		},
		{
			title: '查出的隐患（按检查项）',
			headers: ['检查项', '依据', '企业', '发现的问题', '整改措施', '责任人', '整改期限'],
			rows: d.hazards.flatMap((h) => h.found.map((f) => [h.text, h.basis, f.enterprise, f.finding, f.measure, f.responsible, f.dueOn])),
		},
	]
}
