import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ExamList } from '#app/components/exam-manage.tsx'
import { parseExamForm } from '#app/exams/exam-form.ts'
import { createExam, listManagedExams } from '#app/exams/exams.server.ts'
import { listBanks } from '#app/exams/import.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const [exams, banks] = await Promise.all([listManagedExams({ enterpriseId: enterprise.id }), listBanks()])
	return { enterprise: { id: enterprise.id, name: enterprise.name }, exams, banks: banks.filter((b) => b.active && b.questions > 0) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const parsed = parseExamForm(await request.formData())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	// An enterprise's exam is for its own people: the audience is the enterprise (plus the jobs chosen).
	const created = await createExam(
		{ userId: principal.userId },
		{ ...parsed.values, enterpriseId: enterprise.id, audience: { jobs: parsed.values.audience.jobs }, paper: { kind: 'draw', banks: parsed.values.banks, rules: parsed.values.rules } },
	)
	if (!created.ok) return data({ errors: { form: created.problems.join('；') } as Record<string, string> }, { status: 400 })
	return redirect(`/enterprises/${enterprise.id}/exams/${created.examId}`)
}

export default function EnterpriseExams() {
	const { enterprise, exams, banks } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>本单位考试</h1>
			<ExamList exams={exams} base={`/enterprises/${enterprise.id}/exams`} banks={banks} errors={errors} withIndustries={false} busy={useNavigation().state === 'submitting'} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '本单位考试 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
