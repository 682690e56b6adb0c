import { type FormMetadata, getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { type ReactNode, useEffect, useRef, useState } from 'react'

type Errors = string[] | undefined

export function ErrorList({ id, errors }: { id?: string; errors: Errors }) {
	if (!errors?.length) return null
	return (
		<div id={id} className="error" role="alert">
			{errors.map((e) => (
				<div key={e}>{e}</div>
			))}
		</div>
	)
}

/** A labelled control with its hint and errors, wired by id for screen readers. */
export function Field({
	label,
	id,
	errors,
	errorId,
	hint,
	children,
}: {
	label: string
	id: string
	errors?: Errors
	errorId?: string
	hint?: ReactNode
	children: ReactNode
}) {
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			{children}
			{hint ? <div className="hint">{hint}</div> : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

/** `Field` for a conform field: its id, errors and error id from the field's metadata. */
export function FieldFor({ label, field, hint, children }: { label: string; field: { id: string; errors?: Errors; errorId: string }; hint?: ReactNode; children: ReactNode }) {
	return (
		<Field label={label} id={field.id} errors={field.errors} errorId={field.errorId} hint={hint}>
			{children}
		</Field>
	)
}

/**
 * One conform form in a card, posting `intent` to the page's action: its heading, a note on what
 * follows (before the fields, or `after` them), the form's own errors, the fields, one button.
 * The card folds to its heading (a native `<details>`, so it works without JavaScript): a page
 * with several occasional forms stays short on a phone. It opens by itself when the server sent
 * the form back with a message, or when `open` asks (a record still missing).
 * Forms here revalidate on input: a message cleared on blur would move the button from under
 * the click that leaves the field.
 */
export function FormCard<Schema extends Record<string, unknown>>({
	form,
	intent,
	title,
	about,
	after,
	submit,
	primary = false,
	open = false,
	children,
}: {
	form: FormMetadata<Schema, string[]>
	intent: string
	title: ReactNode
	about?: ReactNode
	after?: ReactNode
	submit: ReactNode
	primary?: boolean
	open?: boolean
	children: ReactNode
}) {
	// Opened by a message, it stays open while the user corrects the fields (their revalidation
	// clears the status); the attribute is only ever set, never forced off.
	const failed = form.status === 'error'
	const [initiallyOpen] = useState(open || failed)
	const ref = useRef<HTMLDetailsElement>(null)
	useEffect(() => {
		if (failed && ref.current) ref.current.open = true
	}, [failed])
	return (
		<details ref={ref} className="card form-card" open={initiallyOpen || undefined}>
			<summary>
				<h2>{title}</h2>
			</summary>
			{about ? <p className="small muted">{about}</p> : null}
			<Form method="post" className="stack" {...getFormProps(form)}>
				<input type="hidden" name="intent" value={intent} />
				<FormError errors={form.errors} />
				{children}
				<button type="submit" className={primary ? 'primary' : 'secondary'}>
					{submit}
				</button>
				{after ? <p className="small muted">{after}</p> : null}
			</Form>
		</details>
	)
}

export function FormError({ errors }: { errors: Errors }) {
	if (!errors?.length) return null
	return (
		<div className="form-error" role="alert">
			{errors.map((e) => (
				<div key={e}>{e}</div>
			))}
		</div>
	)
}

type FieldErrors = Record<string, string> | undefined

/** The message for one field of a plain form's `{ field: message }` errors, wired by id. */
export function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
	const message = errors?.[name]
	return <ErrorList id={`${name}-error`} errors={message ? [message] : undefined} />
}

/** `aria-invalid` and `aria-describedby` for a field that has a message in `errors`. */
export function invalidProps(errors: FieldErrors, name: string) {
	return errors?.[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {}
}

/** A filter of a GET form: a labelled select whose first choice, 全部, sends nothing. */
export function FilterSelect({ id, label, value, choices }: { id: string; label: string; value: string | number | undefined; choices: readonly { value: string | number; label: string }[] }) {
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<select id={id} name={id} defaultValue={value ?? ''}>
				<option value="">全部</option>
				{choices.map((c) => (
					<option key={c.value} value={c.value}>
						{c.label}
					</option>
				))}
			</select>
		</div>
	)
}
