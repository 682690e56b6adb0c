import { asc, count, eq, or, sql } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { enterprises, regions, roleGrants, users } from '#db/schema/index.ts'
import { hashPassword } from './password.server.ts'
import { invalidateUserSessions } from './session.server.ts'

export const ACCOUNT_PAGE_SIZE = 50

/** Staff accounts and their grants, for the platform admin. */
export async function listAccounts(page = 1) {
	const grants = sql<string>`coalesce(string_agg(
		case ${roleGrants.role}
			when 'platform_admin' then '平台管理员'
			when 'regulator' then '监管人员·' || ${regions.name}
			when 'enterprise_admin' then '企业管理员·' || ${enterprises.name}
			else '学员'
		end, '；' order by ${roleGrants.id}), '')`
	const [rows, [total]] = await Promise.all([
		db
			.select({
				id: users.id,
				username: users.username,
				phone: users.phone,
				displayName: users.displayName,
				active: users.active,
				grants,
			})
			.from(users)
			.leftJoin(roleGrants, eq(roleGrants.userId, users.id))
			.leftJoin(regions, eq(regions.id, roleGrants.regionId))
			.leftJoin(enterprises, eq(enterprises.id, roleGrants.enterpriseId))
			.groupBy(users.id)
			.orderBy(asc(users.id))
			.limit(ACCOUNT_PAGE_SIZE)
			.offset((page - 1) * ACCOUNT_PAGE_SIZE),
		db.select({ n: count() }).from(users),
	])
	return { rows, total: total?.n ?? 0, page, pageSize: ACCOUNT_PAGE_SIZE }
}

export type NewStaffAccount = {
	username: string
	displayName: string
	phone?: string
	password: string
	role: 'platform_admin' | 'regulator' | 'enterprise_admin'
	regionId?: number
	enterpriseId?: number
}

export type AccountResult = { ok: true; id: number } | { ok: false; fieldErrors: Record<string, string[]> }

/** Create a staff account with one grant; usernames and phones are unique. */
export async function createStaffAccount(input: NewStaffAccount, actorUserId: number): Promise<AccountResult> {
	const username = input.username.toLowerCase()
	const clash = await db
		.select({ username: users.username, phone: users.phone })
		.from(users)
		.where(input.phone ? or(eq(users.username, username), eq(users.phone, input.phone)) : eq(users.username, username))
	if (clash.some((c) => c.username === username)) return { ok: false, fieldErrors: { username: ['该用户名已被使用'] } }
	if (clash.length > 0) return { ok: false, fieldErrors: { phone: ['该手机号已被其他账号使用'] } }
	if (input.role === 'regulator') {
		const [r] = input.regionId ? await db.select({ id: regions.id }).from(regions).where(eq(regions.id, input.regionId)) : []
		if (!r) return { ok: false, fieldErrors: { regionId: ['请选择监管人员所属的区域'] } }
	}
	if (input.role === 'enterprise_admin') {
		const [e] = input.enterpriseId
			? await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId))
			: []
		if (!e) return { ok: false, fieldErrors: { enterpriseId: ['请填写存在的企业编号'] } }
	}
	const passwordHash = await hashPassword(input.password)
	const id = await db.transaction(async (tx) => {
		const [user] = await tx
			.insert(users)
			.values({ username, displayName: input.displayName, phone: input.phone ?? null, passwordHash })
			.returning({ id: users.id })
		await tx.insert(roleGrants).values({
			userId: user!.id,
			role: input.role,
			regionId: input.role === 'regulator' ? input.regionId : null,
			enterpriseId: input.role === 'enterprise_admin' ? input.enterpriseId : null,
		})
		await audit(tx, {
			actorUserId,
			action: 'account.create',
			entityType: 'user',
			entityId: user!.id,
			enterpriseId: input.enterpriseId ?? null,
			detail: { username, role: input.role, regionId: input.regionId, enterpriseId: input.enterpriseId },
		})
		return user!.id
	})
	return { ok: true, id }
}

/** Disable or re-enable an account; disabling ends its sessions at once. */
export async function setAccountActive(userId: number, active: boolean, actorUserId: number) {
	if (userId === actorUserId && !active) return { ok: false as const, message: '不能停用自己的账号' }
	await db.transaction(async (tx) => {
		await tx.update(users).set({ active }).where(eq(users.id, userId))
		await audit(tx, { actorUserId, action: active ? 'account.enable' : 'account.disable', entityType: 'user', entityId: userId })
	})
	if (!active) await invalidateUserSessions(userId)
	return { ok: true as const }
}
