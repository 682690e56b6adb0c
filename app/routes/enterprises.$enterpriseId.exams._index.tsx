import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ExamList } from '#app/components/exam-manage.tsx'
import { parseExamForm, sentFormFields } from '#app/exams/exam-form.ts'
import { createExamFromForm, listManagedExams } from '#app/exams/exams.server.ts'
import { listBanks } from '#app/exams/import.server.ts'
import { questionPicker } from '#app/exams/question-picker.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	// The new-exam form's fields come back in the address after the fixed-paper picker's GET.
	const { searchParams } = new URL(request.url)
	const [exams, banks, picker] = await Promise.all([listManagedExams({ enterpriseId: enterprise.id }), listBanks(), questionPicker(searchParams)])
	return { enterprise: { id: enterprise.id, name: enterprise.name }, exams, banks: banks.filter((b) => b.active && b.questions > 0), fields: sentFormFields(searchParams), picker }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const form = await request.formData()
	const parsed = parseExamForm(form)
	// An enterprise's exam is for its own people: the audience is the enterprise (plus the jobs chosen).
	const created = parsed.ok ? await createExamFromForm({ userId: principal.userId }, { ...parsed.values, enterpriseId: enterprise.id, audience: { jobs: parsed.values.audience.jobs } }) : parsed
	if (!created.ok) return data({ errors: created.errors, fields: sentFormFields(form), picker: await questionPicker(form) }, { status: 400 })
	return redirect(`/enterprises/${enterprise.id}/exams/${created.examId}`)
}

export default function EnterpriseExams() {
	const loaded = useLoaderData<typeof loader>()
	const { enterprise, exams, banks } = loaded
	const refused = useActionData<typeof action>()
	const errors = refused?.errors
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>本单位考试</h1>
			<ExamList
				exams={exams}
				base={`/enterprises/${enterprise.id}/exams`}
				banks={banks}
				errors={errors}
				withIndustries={false}
				busy={useNavigation().state === 'submitting'}
				fields={refused?.fields ?? loaded.fields}
				picker={refused?.picker ?? loaded.picker}
			/>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '本单位考试 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
