import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ExamList } from '#app/components/exam-manage.tsx'
import { parseExamForm, sentFormFields } from '#app/exams/exam-form.ts'
import { createExamFromForm, listManagedExams } from '#app/exams/exams.server.ts'
import { listBanks } from '#app/exams/import.server.ts'
import { questionPicker } from '#app/exams/question-picker.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	// The new-exam form's fields come back in the address after the fixed-paper picker's GET.
	const { searchParams } = new URL(request.url)
	const [exams, banks, picker] = await Promise.all([listManagedExams('platform'), listBanks(), questionPicker(searchParams)])
	return { exams, banks: banks.filter((b) => b.active && b.questions > 0), fields: sentFormFields(searchParams), picker }
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	const form = await request.formData()
	const parsed = parseExamForm(form)
	const created = parsed.ok ? await createExamFromForm({ userId: principal.userId }, { ...parsed.values, enterpriseId: null }) : parsed
	if (!created.ok) return data({ errors: created.errors, fields: sentFormFields(form), picker: await questionPicker(form) }, { status: 400 })
	return redirect(`/admin/exams/${created.examId}`)
}

export default function PlatformExams() {
	const loaded = useLoaderData<typeof loader>()
	const { exams, banks } = loaded
	const refused = useActionData<typeof action>()
	const errors = refused?.errors
	return (
		<>
			<h1>考试管理</h1>
			<p className="muted small">平台考试面向所有符合考试对象的学员；企业自己的考试在企业页面的“本单位考试”中设置。</p>
			<ExamList
				exams={exams}
				base="/admin/exams"
				banks={banks}
				errors={errors}
				withIndustries
				busy={useNavigation().state === 'submitting'}
				fields={refused?.fields ?? loaded.fields}
				picker={refused?.picker ?? loaded.picker}
			/>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '考试管理 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
