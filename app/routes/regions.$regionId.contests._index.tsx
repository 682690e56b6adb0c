import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { parseContestForm } from '#app/contests/contest-form.ts'
import { createContest, listContests } from '#app/contests/contests.server.ts'
import { listBanks } from '#app/exams/import.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const [list, banks] = await Promise.all([listContests({ regionPath: region.path }), listBanks()])
	return { region: { id: region.id, name: region.name }, today: todayInShanghai(), contests: list, banks: banks.filter((b) => b.active && b.questions > 0) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const parsed = parseContestForm(await request.formData(), todayInShanghai())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const created = await createContest({ userId: principal.userId }, { regionId: region.id, regionPath: region.path }, parsed.values)
	if (!created.ok) return data({ errors: { form: created.message } as Record<string, string> }, { status: 400 })
	return redirect(`/regions/${region.id}/contests/${created.id}`)
}

export default function Contests() {
	const { region, today, contests, banks } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	const err = (name: string) => <FieldError errors={errors} name={name} />
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>安全知识答卷</h1>
			<p className="small muted">面向辖区内所有在职人员的知识竞赛（如安全生产月）。排行按参与率（参加人数 ÷ 在职人数）和平均最好成绩，不按人数多少。</p>
			{contests.length === 0 ? (
				<p className="muted">还没有答卷活动。</p>
			) : (
				<ul className="plain">
					{contests.map((x) => (
						<li key={x.id}>
							<Link to={`${x.id}`}>{x.title}</Link>{' '}
							<span className="small muted">
								{x.regionName} · {x.opensOn} 至 {x.closesOn}
							</span>
						</li>
					))}
				</ul>
			)}
			<section className="card">
				<h2>发起答卷</h2>
				<Form method="post" className="stack">
					{err('form')}
					<div className="field">
						<label htmlFor="title">名称</label>
						<input id="title" name="title" required maxLength={60} defaultValue={`${today.slice(0, 4)}年安全生产月知识答卷`} {...invalid('title')} />
						{err('title')}
					</div>
					<fieldset className="field">
						<legend>题库</legend>
						{banks.map((b) => (
							<label key={b.slug}>
								<input type="checkbox" name="banks" value={b.slug} /> {b.title}（{b.questions} 题）
							</label>
						))}
						{err('banks')}
					</fieldset>
					<div className="field">
						<label htmlFor="single">单选题数</label>
						<input id="single" name="single" type="number" min={0} max={100} defaultValue={20} {...invalid('single')} />
						{err('single')}
					</div>
					<div className="field">
						<label htmlFor="judge">判断题数</label>
						<input id="judge" name="judge" type="number" min={0} max={100} defaultValue={10} {...invalid('judge')} />
						{err('judge')}
					</div>
					<div className="field">
						<label htmlFor="multiple">多选题数</label>
						<input id="multiple" name="multiple" type="number" min={0} max={100} defaultValue={0} {...invalid('multiple')} />
						{err('multiple')}
					</div>
					<div className="field">
						<label htmlFor="attempts">每人作答次数</label>
						<input id="attempts" name="attempts" type="number" min={1} max={3} defaultValue={1} {...invalid('attempts')} />
						{err('attempts')}
					</div>
					<div className="field">
						<label htmlFor="minutes">答题时长（分钟）</label>
						<input id="minutes" name="minutes" type="number" min={5} max={180} defaultValue={30} {...invalid('minutes')} />
						{err('minutes')}
					</div>
					<div className="field">
						<label htmlFor="opensOn">开始日期</label>
						<input id="opensOn" name="opensOn" type="date" required defaultValue={today} {...invalid('opensOn')} />
						{err('opensOn')}
					</div>
					<div className="field">
						<label htmlFor="closesOn">结束日期</label>
						<input id="closesOn" name="closesOn" type="date" required min={today} {...invalid('closesOn')} />
						{err('closesOn')}
					</div>
					<button type="submit" className="primary" disabled={busy}>
						发起
					</button>
				</Form>
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '安全知识答卷 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
