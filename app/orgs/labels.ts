import { ENTERPRISE_SIZES, INDUSTRIES, JOB_CATEGORIES } from './industries.ts'

function lookup(list: readonly { code: string; label: string }[]) {
	const map = new Map(list.map((x) => [x.code, x.label]))
	return (code: string | null | undefined) => (code ? (map.get(code) ?? code) : '')
}

export const industryName = lookup(INDUSTRIES)
export const sizeName = lookup(ENTERPRISE_SIZES)
export const jobCategoryName = lookup(JOB_CATEGORIES)
