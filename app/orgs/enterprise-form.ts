import { z } from 'zod'
import { checkCreditCode } from './credit-code.ts'
import { ENTERPRISE_SIZES, INDUSTRIES } from './industries.ts'
import { checkPhone } from './phone.ts'

const industryCodes = INDUSTRIES.map((i) => i.code) as [string, ...string[]]
const sizeCodes = ENTERPRISE_SIZES.map((s) => s.code) as [string, ...string[]]

const optionalText = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, `${label}不能超过${max}个字`)
		.optional()
		.transform((v) => (v ? v : undefined))

/** One schema for the enterprise form, in the browser and on the server. */
export const EnterpriseFormSchema = z.object({
	name: z
		.string({ error: '请填写企业名称' })
		.trim()
		.min(2, '企业名称至少2个字')
		.max(100, '企业名称不能超过100个字'),
	creditCode: z
		.string({ error: '请填写统一社会信用代码' })
		.trim()
		.superRefine((value, ctx) => {
			const check = checkCreditCode(value)
			if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message })
		})
		.transform((v) => {
			const check = checkCreditCode(v)
			return check.ok ? check.code : v
		}),
	regionId: z.coerce.number({ error: '请选择所在区域' }).int().positive('请选择所在区域'),
	industry: z.enum(industryCodes, { error: '请选择行业' }),
	size: z.enum(sizeCodes, { error: '请选择企业规模' }),
	address: optionalText(200, '地址'),
	contactName: optionalText(50, '联系人'),
	contactPhone: z
		.string()
		.trim()
		.optional()
		.superRefine((value, ctx) => {
			if (!value) return
			const check = checkPhone(value)
			if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message })
		})
		.transform((v) => {
			if (!v) return undefined
			const check = checkPhone(v)
			return check.ok ? check.phone : v
		}),
})

export type EnterpriseFormValues = z.infer<typeof EnterpriseFormSchema>
