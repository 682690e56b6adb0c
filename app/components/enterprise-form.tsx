import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { EnterpriseFormSchema } from '#app/orgs/enterprise-form.ts'
import { ENTERPRISE_SIZES, INDUSTRIES } from '#app/orgs/industries.ts'
import { Field, FormError } from './forms.tsx'

export type RegionOption = { id: number; name: string; level: string; depth: number }

const LEVEL_HINT: Record<string, string> = { park: '（园区）', township: '', county: '', city: '', province: '' }

export function EnterpriseForm({
	lastResult,
	defaultValue,
	regions,
	submitLabel,
}: {
	lastResult: SubmissionResult<string[]> | undefined
	defaultValue: Record<string, string | number | null | undefined>
	regions: RegionOption[]
	submitLabel: string
}) {
	const [form, fields] = useForm({
		lastResult,
		defaultValue: defaultValue as never,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EnterpriseFormSchema }),
		shouldRevalidate: 'onBlur',
	})
	const minDepth = Math.min(...regions.map((r) => r.depth))
	return (
		<Form method="post" className="stack" {...getFormProps(form)}>
			<FormError errors={form.errors} />
			<Field label="企业名称" id={fields.name.id} errors={fields.name.errors} errorId={fields.name.errorId}>
				<input {...getInputProps(fields.name, { type: 'text' })} />
			</Field>
			<Field
				label="统一社会信用代码"
				id={fields.creditCode.id}
				errors={fields.creditCode.errors}
				errorId={fields.creditCode.errorId}
				hint="18位，见营业执照；系统会按 GB 32100-2015 核对校验位"
			>
				<input {...getInputProps(fields.creditCode, { type: 'text' })} maxLength={24} autoCapitalize="characters" spellCheck={false} />
			</Field>
			<Field label="所在区域" id={fields.regionId.id} errors={fields.regionId.errors} errorId={fields.regionId.errorId} hint="园区内企业请选择园区">
				<select {...getSelectProps(fields.regionId)}>
					<option value="">请选择</option>
					{regions.map((r) => (
						<option key={r.id} value={r.id}>
							{'　'.repeat(Math.max(0, r.depth - minDepth))}
							{r.name}
							{LEVEL_HINT[r.level] ?? ''}
						</option>
					))}
				</select>
			</Field>
			<Field label="行业" id={fields.industry.id} errors={fields.industry.errors} errorId={fields.industry.errorId}>
				<select {...getSelectProps(fields.industry)}>
					<option value="">请选择</option>
					{INDUSTRIES.map((i) => (
						<option key={i.code} value={i.code}>
							{i.label}
						</option>
					))}
				</select>
			</Field>
			<Field label="企业规模" id={fields.size.id} errors={fields.size.errors} errorId={fields.size.errorId} hint="按《统计上大中小微型企业划分办法(2017)》">
				<select {...getSelectProps(fields.size)}>
					<option value="">请选择</option>
					{ENTERPRISE_SIZES.map((s) => (
						<option key={s.code} value={s.code}>
							{s.label}
						</option>
					))}
				</select>
			</Field>
			<Field label="地址（选填）" id={fields.address.id} errors={fields.address.errors} errorId={fields.address.errorId}>
				<input {...getInputProps(fields.address, { type: 'text' })} />
			</Field>
			<Field label="安全管理联系人（选填）" id={fields.contactName.id} errors={fields.contactName.errors} errorId={fields.contactName.errorId}>
				<input {...getInputProps(fields.contactName, { type: 'text' })} />
			</Field>
			<Field label="联系人手机号（选填）" id={fields.contactPhone.id} errors={fields.contactPhone.errors} errorId={fields.contactPhone.errorId}>
				<input {...getInputProps(fields.contactPhone, { type: 'tel' })} />
			</Field>
			<button type="submit" className="primary">
				{submitLabel}
			</button>
		</Form>
	)
}
