import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { latestCoverageRebuild, requestCoverageRebuild } from '#app/coverage/rebuild-jobs.server.ts'
import { chooseRuleOption, ruleChoices } from '#app/coverage/obligations.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { usePollWhile } from '#app/utils/use-poll.ts'
import { citation, groupOptions, inForceOn, RULE_GROUPS, TRAINING_RULES } from '#app/coverage/training-rules.ts'
import { jobCategoryName } from '#app/orgs/labels.ts'

const SET_LABELS: Record<string, string> = { general: '一般行业', high_risk: '高危行业（令第3号）', construction: '建筑施工', any: '各行业' }
const TRIGGER_LABELS: Record<string, string> = { pre_job: '岗前培训', initial: '初次培训', annual: '每年再培训', reassignment: '调岗/离岗一年以上', special_review: '操作证复审', special_absence: '离开特种作业岗位六个月以上', fatal_accident: '发生死亡事故后' }

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const today = todayInShanghai()
	const year = Number(today.slice(0, 4))
	const [choices, rebuild] = await Promise.all([ruleChoices(), latestCoverageRebuild(year)])
	const inForce = (group: string | undefined, option: string | undefined) => !group || option === (choices[group] ?? RULE_GROUPS[group]?.defaultOption)
	return {
		year,
		rebuild: rebuild && { ...rebuild, busy: rebuild.status === 'queued' || rebuild.status === 'running', finishedAt: rebuild.finishedAt ? formatDateTime(rebuild.finishedAt) : null, createdAt: formatDateTime(rebuild.createdAt) },
		groups: Object.entries(RULE_GROUPS).map(([key, g]) => ({
			key,
			label: g.label,
			options: groupOptions(key, today),
			current: choices[key] ?? g.defaultOption,
			isDefault: !choices[key],
		})),
		rules: TRAINING_RULES.map((r) => ({
			id: r.id,
			set: SET_LABELS[r.ruleSet] ?? r.ruleSet,
			jobs: r.jobs.map(jobCategoryName).join('、'),
			trigger: TRIGGER_LABELS[r.trigger] ?? r.trigger,
			hours: r.hours,
			due: r.due.kind === 'before_posting' ? '上岗前' : r.due.kind === 'within_months' ? `${r.due.months} 个月内` : '当年内',
			citation: citation(r),
			effective: `${r.effectiveFrom ? `${r.effectiveFrom} 起施行` : '施行日期待核实'}${r.effectiveTo ? `，${r.effectiveTo} 废止` : ''}`,
			repealed: !inForceOn(r, today),
			inForce: inForce(r.group, r.option) && (r.group !== undefined || inForceOn(r, today)),
			option: r.option ?? null,
			note: r.note ?? null,
		})),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	const form = await request.formData()
	const note = String(form.get('note') ?? '').trim()
	const result = await chooseRuleOption({ userId: principal.userId }, { group: String(form.get('group') ?? ''), option: String(form.get('option') ?? ''), note: note || null })
	if (!result.ok) return data({ error: result.message }, { status: 400 })
	// What people owe changed: this year's coverage is recomputed from the facts, in the
	// background (minutes at a province's size); the page shows its progress.
	await requestCoverageRebuild({ userId: principal.userId }, Number(todayInShanghai().slice(0, 4)), `培训规则选择变更：${String(form.get('group') ?? '')} → ${String(form.get('option') ?? '')}`)
	return redirect('/admin/rules')
}

export default function TrainingRulesPage() {
	const { groups, rules, rebuild, year } = useLoaderData<typeof loader>()
	const error = useActionData<typeof action>()?.error
	const busy = rebuild?.busy ?? false
	usePollWhile(busy, 1500)
	return (
		<>
			<h1>培训规则</h1>
			<p className="small muted">每人每年应完成的培训由这些规则和任职记录推算。来源不一致的地方（见 RULES.md §1.1）保留全部规则，由平台管理员选择适用哪一个，选择记入审计日志，并立即按新规则重算本年度覆盖率。</p>
			{error ? (
				<p className="form-error" role="alert">
					{error}
				</p>
			) : null}
			{rebuild ? <RebuildStatus rebuild={rebuild} year={year} /> : null}
			<h2>来源不一致时的选择</h2>
			{groups.map((g) => (
				<Form key={g.key} method="post" className="card stack">
					<input type="hidden" name="group" value={g.key} />
					<div className="field">
						<label htmlFor={`option-${g.key}`}>{g.label}</label>
						<select id={`option-${g.key}`} name="option" defaultValue={g.current}>
							{g.options.map((o) => (
								<option key={o.option} value={o.option}>
									{o.inForce ? o.option : `${o.option}（已废止）`}
								</option>
							))}
						</select>
						<span className="hint">
							现行：{g.current}
							{g.isDefault ? '（默认）' : ''}
							{g.options.some((o) => o.option === g.current && !o.inForce) ? '。注意：所选文件已废止，仅在本地仍沿用时选用' : ''}
						</span>
					</div>
					<div className="field">
						<label htmlFor={`note-${g.key}`}>选择理由</label>
						<input id={`note-${g.key}`} name="note" />
					</div>
					<button type="submit" className="secondary">
						保存选择
					</button>
				</Form>
			))}
			<h2>全部规则</h2>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>行业</th>
							<th>岗位</th>
							<th>情形</th>
							<th>学时</th>
							<th>期限</th>
							<th>依据</th>
							<th>适用</th>
						</tr>
					</thead>
					<tbody>
						{rules.map((r) => (
							<tr key={r.id}>
								<td>{r.set}</td>
								<td className="wrap">{r.jobs}</td>
								<td>{r.trigger}</td>
								<td>{r.hours ?? '未规定'}</td>
								<td>{r.due}</td>
								<td className="wrap">
									{r.citation}
									{r.note ? <div className="small muted">{r.note}</div> : null}
									<div className="small muted">{r.effective}</div>
								</td>
								<td>{r.inForce ? '适用' : r.option ? `备选（${r.option}）` : '不适用'}{r.repealed ? '（已废止）' : ''}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</>
	)
}

function RebuildStatus({ rebuild, year }: { rebuild: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['rebuild']>; year: number }) {
	const percent = rebuild.peopleTotal ? Math.floor((rebuild.peopleDone / rebuild.peopleTotal) * 100) : 0
	return (
		<section className="card" aria-live="polite" data-testid="coverage-rebuild">
			<h2>{year} 年覆盖率重算</h2>
			<p className="small muted">
				{rebuild.reason} · {rebuild.createdAt}
			</p>
			{rebuild.status === 'queued' ? <p>排队中，即将开始…</p> : null}
			{rebuild.status === 'running' ? (
				<>
					<progress aria-label="重算进度" value={rebuild.peopleTotal ? rebuild.peopleDone : undefined} max={rebuild.peopleTotal || undefined} />
					<p>
						正在重算：{percent}%（{rebuild.peopleDone.toLocaleString('zh-CN')} / {rebuild.peopleTotal.toLocaleString('zh-CN')} 人）
					</p>
				</>
			) : null}
			{rebuild.status === 'done' ? (
				<p>
					已按现行规则重算完成（{rebuild.finishedAt}）：{(rebuild.rows ?? 0).toLocaleString('zh-CN')} 条覆盖记录，
					{rebuild.differenceCount ? `其中 ${rebuild.differenceCount.toLocaleString('zh-CN')} 处与原结果不同，已更新。` : '与原结果一致。'}
				</p>
			) : null}
			{rebuild.status === 'failed' ? (
				<p className="form-error" role="alert">
					{rebuild.error ?? '重算失败'}。已完成的部分已按现行规则更新，其余人员仍是原结果；可再次保存选择重新重算，或在服务器上运行 npm run coverage:rebuild。
				</p>
			) : null}
		</section>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: '培训规则 · 安训' },
	// Without JavaScript the page refreshes itself while coverage is being recomputed.
	...(data?.rebuild?.busy ? [{ httpEquiv: 'refresh', content: '3' } as const] : []),
]

export const ErrorBoundary = RouteErrorBoundary
