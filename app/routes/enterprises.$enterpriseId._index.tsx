import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireEnterprise } from '#app/auth/guards.server.ts'
import { canEditEnterpriseProfile, canWriteEnterpriseRecords } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { getEnterpriseProfile, headcountByCategory } from '#app/orgs/enterprises.server.ts'
import { INDUSTRY_FLAG_LABELS, industryFlags, type IndustryCode, JOB_CATEGORIES } from '#app/orgs/industries.ts'
import { industryName, maskPhone, sizeName } from '#app/orgs/labels.ts'
import { regionBreadcrumb } from '#app/orgs/regions.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { enterprisePushes } from '#app/warnings/pushes.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	const [profile, headcount, trail, pushes] = await Promise.all([
		getEnterpriseProfile(enterprise.id),
		headcountByCategory({ enterpriseId: enterprise.id }),
		regionBreadcrumb(enterprise.regionPath),
		enterprisePushes({ enterpriseId: enterprise.id }),
	])
	if (!profile) notFound()
	const manages = canWriteEnterpriseRecords(principal, enterprise)
	const flags = industryFlags(profile.industry as IndustryCode)
	return {
		profile: {
			...profile,
			contactPhone: manages || canEditEnterpriseProfile(principal, enterprise) ? profile.contactPhone : maskPhone(profile.contactPhone),
			updatedAt: formatDateTime(profile.updatedAt),
		},
		place: trail.map((r) => r.name).join(' › '),
		flags: Object.entries(INDUSTRY_FLAG_LABELS).map(([key, meta]) => ({
			key,
			label: meta.label,
			source: meta.source,
			on: flags[key as keyof typeof flags],
		})),
		headcount: JOB_CATEGORIES.map((c) => ({
			label: c.label,
			people: headcount.find((h) => h.jobCategory === c.code)?.people ?? 0,
		})),
		pushes,
		canManageRoster: manages,
		canEditProfile: canEditEnterpriseProfile(principal, enterprise),
	}
}

export default function EnterprisePage() {
	const { profile, place, flags, headcount, pushes, canManageRoster, canEditProfile } = useLoaderData<typeof loader>()
	const total = headcount.reduce((n, h) => n + h.people, 0)
	return (
		<>
			<p className="breadcrumb">{place}</p>
			<h1>
				{profile.name} {profile.highRisk ? <span className="badge risk">高危行业</span> : null}
			</h1>
			{pushes.length ? (
				<section className="card" aria-labelledby="pushes-title">
					<h2 id="pushes-title">警示教育推送</h2>
					<ul className="plain">
						{pushes.map((x) => (
							<li key={x.id}>
								<Link to={`warnings/${x.id}`}>{x.title}</Link> <span className="small muted">{x.caseTitle} · 期限 {x.dueOn}</span>{' '}
								{x.replied ? <span className="badge ok">已回复</span> : <span className="badge warn">待回复</span>}
							</li>
						))}
					</ul>
				</section>
			) : null}
			<div className="actions">
				<Link className="button secondary" to="coverage">
					培训完成情况
				</Link>
				<Link className="button secondary" to="plans">
					培训计划
				</Link>
				<Link className="button secondary" to="archive">
					一企一档
				</Link>
				<Link className="button secondary" to="accidents">
					事故记录
				</Link>
				<Link className="button secondary" to="people">
					人员花名册（{total}人）
				</Link>
				{canManageRoster ? (
					<Link className="button primary" to="roster">
						导入花名册
					</Link>
				) : null}
				{canManageRoster ? (
					<Link className="button secondary" to="videos">
						本单位视频
					</Link>
				) : null}
				{canManageRoster ? (
					<Link className="button secondary" to="exams">
						本单位考试
					</Link>
				) : null}
				{canEditProfile ? (
					<Link className="button secondary" to="edit">
						编辑企业信息
					</Link>
				) : null}
			</div>
			<section className="card">
				<h2>登记信息</h2>
				<dl className="facts">
					<dt>统一社会信用代码</dt>
					<dd>{profile.creditCode}</dd>
					<dt>行业</dt>
					<dd>{industryName(profile.industry)}</dd>
					<dt>规模</dt>
					<dd>{sizeName(profile.size)}</dd>
					<dt>所在区域</dt>
					<dd>
						{profile.regionName}
						{profile.parkName ? `（${profile.parkName}）` : ''}
					</dd>
					<dt>地址</dt>
					<dd>{profile.address ?? '—'}</dd>
					<dt>安全管理联系人</dt>
					<dd>
						{profile.contactName ?? '—'} {profile.contactPhone ?? ''}
					</dd>
					<dt>最近更新</dt>
					<dd>{profile.updatedAt}</dd>
				</dl>
			</section>
			<section className="card">
				<h2>按行业适用的法定要求</h2>
				<p className="muted small">不同法规的"高危"范围不同，按用途分别判断：</p>
				<ul className="plain">
					{flags.map((f) => (
						<li key={f.key}>
							{f.on ? <span className="badge risk">适用</span> : <span className="badge">不适用</span>} {f.label}
							<div className="muted small">{f.source}</div>
						</li>
					))}
				</ul>
			</section>
			<section className="card">
				<h2>在册人员</h2>
				<div className="grid">
					{headcount.map((h) => (
						<div className="stat" key={h.label}>
							<div className="value">{h.people}</div>
							<div className="label">{h.label}</div>
						</div>
					))}
				</div>
			</section>
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.name ?? '企业'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
