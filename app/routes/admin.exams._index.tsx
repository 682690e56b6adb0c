import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ExamList } from '#app/components/exam-manage.tsx'
import { parseExamForm } from '#app/exams/exam-form.ts'
import { createExam, listManagedExams } from '#app/exams/exams.server.ts'
import { listBanks } from '#app/exams/import.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const [exams, banks] = await Promise.all([listManagedExams('platform'), listBanks()])
	return { exams, banks: banks.filter((b) => b.active && b.questions > 0) }
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	const parsed = parseExamForm(await request.formData())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const created = await createExam({ userId: principal.userId }, { ...parsed.values, enterpriseId: null, paper: { kind: 'draw', banks: parsed.values.banks, rules: parsed.values.rules } })
	if (!created.ok) return data({ errors: { form: created.problems.join('；') } as Record<string, string> }, { status: 400 })
	return redirect(`/admin/exams/${created.examId}`)
}

export default function PlatformExams() {
	const { exams, banks } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	return (
		<>
			<h1>考试管理</h1>
			<p className="muted small">平台考试面向所有符合考试对象的学员；企业自己的考试在企业页面的“本单位考试”中设置。</p>
			<ExamList exams={exams} base="/admin/exams" banks={banks} errors={errors} withIndustries busy={useNavigation().state === 'submitting'} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '考试管理 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
