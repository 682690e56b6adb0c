import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { ANNUL_INTENT, AnnulSchema } from '#app/exams/annulment.ts'
import { Field, FormError } from './forms.tsx'

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
		<section className="card">
			<h2>成绩作废</h2>
			<p className="small muted">{about}</p>
			<Form method="post" className="stack" {...getFormProps(form)}>
				<input type="hidden" name="intent" value={ANNUL_INTENT} />
				<FormError errors={form.errors} />
				<Field label="要作废的成绩" id={fields.attempt.id} errors={fields.attempt.errors} errorId={fields.attempt.errorId}>
					<select {...getSelectProps(fields.attempt)}>
						<option value="">请选择</option>
						{papers.map((p) => (
							<option key={p.id} value={p.id}>
								{p.label}
							</option>
						))}
					</select>
				</Field>
				<Field label="作废理由" id={fields.reason.id} errors={fields.reason.errors} errorId={fields.reason.errorId}>
					<input {...getInputProps(fields.reason, { type: 'text' })} />
				</Field>
				<button type="submit" className="secondary">
					作废成绩
				</button>
			</Form>
		</section>
	)
}
