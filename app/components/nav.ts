import {
	enterpriseAdminGrants,
	hasRole,
	isPlatformAdmin,
	type Principal,
	regulatorGrants,
} from '#app/auth/scope.ts'

/** `reload`: open as a full page (the learning area has its own Content-Security-Policy). */
export type NavItem = { to: string; label: string; reload?: boolean }

/** What each role can do, as navigation: only links the user may open. */
export function navFor(p: Principal): NavItem[] {
	const items: NavItem[] = []
	if (isPlatformAdmin(p)) {
		items.push(
			{ to: '/admin', label: '平台概览' },
			{ to: '/regions', label: '行政区划' },
			{ to: '/enterprises', label: '企业' },
			{ to: '/admin/accounts', label: '账号' },
			{ to: '/admin/banks', label: '题库' },
			{ to: '/admin/exams', label: '考试管理' },
			{ to: '/admin/rules', label: '培训规则' },
			{ to: '/admin/retention', label: '档案保存期限' },
		)
	}
	for (const g of regulatorGrants(p)) {
		items.push({ to: `/regions/${g.regionId}`, label: `辖区：${g.regionName}` })
	}
	if (!isPlatformAdmin(p) && regulatorGrants(p).length > 0) {
		items.push({ to: '/enterprises', label: '辖区企业' })
	}
	for (const g of enterpriseAdminGrants(p)) {
		items.push(
			{ to: `/enterprises/${g.enterpriseId}`, label: g.enterpriseName },
			{ to: `/enterprises/${g.enterpriseId}/people`, label: '人员花名册' },
			{ to: `/enterprises/${g.enterpriseId}/roster`, label: '导入花名册' },
			{ to: `/enterprises/${g.enterpriseId}/exams`, label: '本单位考试' },
		)
	}
	items.push({ to: '/learn', label: '课程学习', reload: true })
	if (hasRole(p, 'learner')) items.push({ to: '/exams', label: '我的考试' }, { to: '/practice', label: '练习与错题本' }, { to: '/me', label: '我的学习档案' })
	items.push({ to: '/account/password', label: '修改密码' })
	return items
}
