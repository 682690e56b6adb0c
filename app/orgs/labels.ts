import { ENTERPRISE_SIZES, INDUSTRIES, JOB_CATEGORIES } from './industries.ts'

function lookup(list: readonly { code: string; label: string }[]) {
	const map = new Map(list.map((x) => [x.code, x.label]))
	return (code: string | null | undefined) => (code ? (map.get(code) ?? code) : '')
}

export const industryName = lookup(INDUSTRIES)
export const sizeName = lookup(ENTERPRISE_SIZES)
export const jobCategoryName = lookup(JOB_CATEGORIES)

/** 138****1234: what a viewer who does not manage the person sees. */
export function maskPhone(phone: string | null) {
	if (!phone) return null
	return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

export const EVENT_LABELS: Record<string, string> = {
	hire: '入职',
	job_change: '调岗',
	leave: '离岗',
	return: '返岗',
	left: '离职',
	special_review: '操作证复审日期',
}

export const REGION_LEVEL_LABELS: Record<string, string> = {
	province: '省级',
	city: '地市级',
	county: '县级',
	township: '乡镇/街道',
	park: '园区',
}
