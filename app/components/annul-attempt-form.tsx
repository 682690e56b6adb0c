import { getInputProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { ANNUL_INTENT, AnnulSchema } from '#app/exams/annulment.ts'
import { FieldFor, FormCard } from './forms.tsx'

/**
 * 成绩作废: choose a passed result, give the reason. The person page (enterprise admin) and the
 * class page (the class's organiser) post it as intent `annul_attempt`; `about` says what follows
 * for the records the page keeps.
 */
export function AnnulAttemptForm({ lastResult, papers, about }: { lastResult: SubmissionResult<string[]> | undefined; papers: readonly { id: number; label: string }[]; about: string }) {
	const [form, fields] = useForm({
		id: 'annul-attempt',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AnnulSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<FormCard form={form} intent={ANNUL_INTENT} title="成绩作废" submit="作废成绩" about={about}>
			<FieldFor label="要作废的成绩" field={fields.attempt}>
				<select {...getSelectProps(fields.attempt)}>
					<option value="">请选择</option>
					{papers.map((p) => (
						<option key={p.id} value={p.id}>
							{p.label}
						</option>
					))}
				</select>
			</FieldFor>
			<FieldFor label="作废理由" field={fields.reason}>
				<input {...getInputProps(fields.reason, { type: 'text' })} />
			</FieldFor>
		</FormCard>
	)
}
