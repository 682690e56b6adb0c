import { expect, test } from 'vitest'
import { makeCreditCode } from './credit-code.ts'
import { EnterpriseFormSchema } from './enterprise-form.ts'

const valid = {
	name: '安澜市示例机械有限公司',
	creditCode: makeCreditCode('91990100MA1234567'),
	regionId: '3',
	industry: 'machinery',
	size: 'small',
}

test('a complete enterprise form parses, normalising the credit code', () => {
	const result = EnterpriseFormSchema.safeParse({ ...valid, creditCode: valid.creditCode.toLowerCase() })
	expect(result.success).toBe(true)
	expect(result.data?.creditCode).toBe(valid.creditCode)
	expect(result.data?.regionId).toBe(3)
})

test('a credit code with a wrong check character is refused with a Chinese reason', () => {
	const wrong = valid.creditCode.slice(0, 17) + (valid.creditCode.endsWith('0') ? '1' : '0')
	const result = EnterpriseFormSchema.safeParse({ ...valid, creditCode: wrong })
	expect(result.success).toBe(false)
	const issue = result.error?.issues.find((i) => i.path[0] === 'creditCode')
	expect(issue?.message).toContain('校验位')
})

test('an unknown industry and a bad contact phone are refused', () => {
	const result = EnterpriseFormSchema.safeParse({ ...valid, industry: 'banking', contactPhone: '12345' })
	expect(result.success).toBe(false)
	const fields = result.error?.issues.map((i) => i.path[0])
	expect(fields).toContain('industry')
	expect(fields).toContain('contactPhone')
})
