import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ExamDetail } from '#app/components/exam-manage.tsx'
import { applyExamIntent, describeExam, fixedPaperQuestions, getManagedExam } from '#app/exams/exams.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const exam = await getManagedExam({ enterpriseId: enterprise.id }, parseId(params.examId))
	if (!exam) notFound('考试不存在')
	return { enterprise: { id: enterprise.id, name: enterprise.name }, exam: describeExam(exam, formatDateTime), fixedPaper: await fixedPaperQuestions(exam) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const exam = await getManagedExam({ enterpriseId: enterprise.id }, parseId(params.examId))
	if (!exam) notFound('考试不存在')
	const result = await applyExamIntent({ userId: principal.userId }, exam.id, (await request.formData()).get('intent'))
	if (!result.ok) return data({ problems: result.problems }, { status: result.status })
	return redirect(`/enterprises/${enterprise.id}/exams/${exam.id}`)
}

export default function EnterpriseExam() {
	const { enterprise, exam, fixedPaper } = useLoaderData<typeof loader>()
	const problems = useActionData<typeof action>()?.problems
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link> › <Link to={`/enterprises/${enterprise.id}/exams`}>本单位考试</Link>
			</p>
			<ExamDetail exam={exam} fixedPaper={fixedPaper} problems={problems} busy={useNavigation().state !== 'idle'} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '考试 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
